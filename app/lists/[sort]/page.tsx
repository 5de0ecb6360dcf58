import { HomeView } from "../../components/home-view";
import { listParams } from "../../list-params";
import { firstPageSort } from "../first-page";

// The first page of the home list by sort, cached (see ../first-page.ts); writes revalidate it
// at once through its data tags, the 30 s bound only catches vote counts (not revalidated).
export const revalidate = 30;
export const dynamicParams = true;
export function generateStaticParams(): Array<{ sort: string }> {
  return [];
}

export default async function HomeFirstPage({ params }: { params: Promise<{ sort: string }> }) {
  const sort = firstPageSort((await params).sort);
  return <HomeView params={listParams({ sort })} />;
}
