import { TagView, tagFromSegment } from "../../../../components/tag-view";
import { listParams } from "../../../../list-params";
import { firstPageSort } from "../../../first-page";

// The first page of a tag's list by sort, cached (see ../../../first-page.ts).
export const revalidate = 30;
export const dynamicParams = true;
export function generateStaticParams(): Array<{ name: string; sort: string }> {
  return [];
}

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: `[${tagFromSegment((await params).name)}]` };
}

export default async function TagFirstPage({ params }: { params: Promise<{ name: string; sort: string }> }) {
  const { name, sort } = await params;
  const tag = tagFromSegment(name);
  return <TagView tag={tag} params={listParams({ sort: firstPageSort(sort) }, { tag })} />;
}
