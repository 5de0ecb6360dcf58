import { NextResponse } from "next/server";
import { z } from "zod";
import { renderMarkdown } from "@/lib/markdown/render-markdown";
import { parseInput } from "@/lib/questions/parse-input";
import { readJson, withErrors } from "../../../_lib/respond";

export const dynamic = "force-dynamic";
const previewInput = z.object({ source: z.string().max(30_000, "at most 30,000 characters") });

/** Renders markdown exactly as posts are rendered (sanitised), for the editor's preview tab. */
export const POST = withErrors(async (request: Request) => {
  const { source } = parseInput(previewInput, await readJson(request));
  return NextResponse.json({ html: renderMarkdown({ source }) });
});
