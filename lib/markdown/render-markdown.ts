import hljs from "highlight.js/lib/common";
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

export type RenderMarkdownOptions = { source: string };

/** The only classes that survive: highlight.js token classes and the fence's language. */
const SAFE_CLASS = /^(hljs(-[a-z-]+)?|language-[a-z0-9+#-]+)$/;
const SAFE_LANGUAGE = /^[a-z0-9+#-]+$/;

/**
 * Fenced code: highlighted only when the fence names a language highlight.js knows. Unknown or
 * missing languages are escaped as plain text (no auto-detection: it is slow and guesses wrong).
 * markdown-it uses this output verbatim because it starts with `<pre`.
 */
function highlight(code: string, info: string): string {
  const lang = info.trim().toLowerCase();
  const langClass = SAFE_LANGUAGE.test(lang) ? ` language-${lang}` : "";
  const body = lang && hljs.getLanguage(lang) ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value : markdown.utils.escapeHtml(code);
  return `<pre><code class="hljs${langClass}">${body}</code></pre>`;
}

// html: false makes markdown-it escape any raw HTML in the source instead of passing it through.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, highlight });

/**
 * Defense in depth: markdown-it with `html: false` already escapes raw HTML and refuses
 * `javascript:`-style links, yet we still run every rendered page through a strict allow-list
 * sanitiser. Either layer alone is one bug (a markdown-it or plugin change, a highlight.js
 * grammar, a future option flip) away from stored XSS; with both, an attacker needs two.
 * The allow-list is what is rendered for users, so anything not listed here is dropped.
 */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
    "strong", "em", "del", "code", "pre", "a", "img",
    "table", "thead", "tbody", "tr", "th", "td", "span",
  ],
  // No style, id or on* attributes anywhere; class only where highlight.js needs it.
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title"],
    ol: ["start"],
    code: ["class"],
    pre: ["class"],
    span: ["class"],
  },
  allowedClasses: { code: [SAFE_CLASS], pre: [SAFE_CLASS], span: [SAFE_CLASS] },
  // Relative URLs carry no scheme and stay allowed; everything else must be listed here.
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  disallowedTagsMode: "discard",
  // User content never gets to open windows or pass our ranking on; `target` is not allowed.
  transformTags: {
    // markdown-it renders ~~strike~~ as <s>; keep the allow-list to <del>.
    s: "del",
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "nofollow ugc noopener" } }),
  },
};

/**
 * Rendering is a pure function of the source and costs ~0.25 ms an answer; every signed-in page
 * view re-renders the same first page of answers (the personal refetch). So recent results are
 * kept, least recently used out, bounded by count and skipping very long sources.
 */
const RENDERED_MAX_ENTRIES = 1000;
const RENDERED_MAX_SOURCE_CHARS = 16_384;
const rendered = new Map<string, string>();

/** Markdown source (user content) to HTML that is safe to put in a page as-is. */
export function renderMarkdown(options: RenderMarkdownOptions): string {
  const { source } = options;
  const hit = rendered.get(source);
  if (hit !== undefined) {
    rendered.delete(source);
    rendered.set(source, hit);
    return hit;
  }
  const html = sanitizeHtml(markdown.render(source), SANITIZE_OPTIONS);
  if (source.length <= RENDERED_MAX_SOURCE_CHARS) {
    rendered.set(source, html);
    if (rendered.size > RENDERED_MAX_ENTRIES) rendered.delete(rendered.keys().next().value as string);
  }
  return html;
}
