import { HomeView } from "./components/home-view";
import { listParams } from "./list-params";

/**
 * The home list for any query string. Its first pages by sort (`/`, `/?sort=votes`) are served
 * from the cached twin app/lists/[sort] instead (next.config.ts rewrites): this route renders
 * per request only what no cache can share (later pages, filters).
 */
export const dynamic = "force-dynamic";

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <HomeView params={listParams(await searchParams)} />;
}
