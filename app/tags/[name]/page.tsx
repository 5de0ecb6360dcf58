import { TagView, tagFromSegment } from "../../components/tag-view";
import { listParams } from "../../list-params";

/**
 * A tag's list for any query string. Its first pages by sort are served from the cached twin
 * app/lists/tags/[name]/[sort] instead (next.config.ts rewrites).
 */
export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: `[${tagFromSegment((await params).name)}]` };
}

export default async function TagPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const tag = tagFromSegment((await params).name);
  return <TagView tag={tag} params={listParams(await searchParams, { tag })} />;
}
