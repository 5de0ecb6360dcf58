import MarkdownIt from "markdown-it";

export type ExtractMentionsOptions = { source: string; limit?: number };

// Same parser settings as renderMarkdown, so what counts as code here is what renders as code.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/**
 * `@name` not glued to a preceding word, dot, plus, dash or slash (so `bob@example.com`,
 * `first.last@…` and `https://site/@bob` are not mentions), and not longer than 30 characters.
 */
const MENTION = /(?<![A-Za-z0-9_.+\-/@])@([A-Za-z0-9_]{3,30})(?![A-Za-z0-9_@])/g;

/**
 * Distinct lowercase usernames mentioned in markdown source, in order of first appearance, at
 * most `limit` (default 20). Code blocks and inline code are skipped: they come out of the
 * parser as `fence`/`code_block` tokens or `code_inline` children, never as text.
 */
export function extractMentions(options: ExtractMentionsOptions): string[] {
  const limit = options.limit ?? 20;
  const found = new Set<string>();
  if (limit <= 0) return [];
  for (const block of markdown.parse(options.source, {})) {
    if (block.type !== "inline" || !block.children) continue;
    // Rebuild the block's visible text; code spans and line breaks become a space.
    let text = "";
    for (const child of block.children) {
      if (child.type === "text" || child.type === "text_special") text += child.content;
      else if (child.type === "code_inline" || child.type === "softbreak" || child.type === "hardbreak") text += " ";
    }
    for (const match of text.matchAll(MENTION)) {
      found.add(match[1].toLowerCase());
      if (found.size >= limit) return [...found];
    }
  }
  return [...found];
}
