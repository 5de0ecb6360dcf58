import { describe, expect, it } from "vitest";
import { extractMentions } from "./extract-mentions.js";
import { renderMarkdown } from "./render-markdown.js";

const XSS_PAYLOADS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  '<img src="x" onerror="alert(1)"',
  "<<script>script>alert(1)<</script>/script>",
  "[x](javascript:alert(1))",
  "[x](jAvAsCrIpT:alert(1))",
  "[x](java&#x09;script:alert(1))",
  "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
  "[x](javascript&colon;alert(1))",
  "[x]( javascript:alert(1) )",
  "[x](<java\tscript:alert(1)>)",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x](vbscript:msgbox(1))",
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="javascript:alert(1)">x</a>',
  "![x](javascript:alert(1))",
  "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "![x](data:image/png;base64,iVBORw0KGgo=)",
  '![x](https://example.com/a.png"onerror="alert(1))',
  "<javascript:alert(1)>",
  "<vbscript:msgbox(1)>",
  "[x][evil]\n\n[evil]: javascript:alert(1)",
  '[x][evil]\n\n[evil]: JaVaScRiPt:alert(1) "title"',
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<iframe src="javascript:alert(1)"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  "<style>body{background:expression(alert(1))}</style>",
  '<div style="width:expression(alert(1))">x</div>',
  "<!-- --><script>alert(1)</script><!-- -->",
  "<!--<img src=--><img src=x onerror=alert(1)//>",
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  "```\n</code></pre><script>alert(1)</script>\n```",
  '```js" onmouseover="alert(1)\nx\n```',
  "```<img src=x onerror=alert(1)>\nx\n```",
  "`<script>alert(1)</script>`",
  '[x](https://example.com "a\\" onmouseover=\\"alert(1)")',
  "[<img src=x onerror=alert(1)>](https://example.com)",
  "<p onclick=alert(1)>x</p>",
  "<a href='javascript:alert(1)' onmouseover=alert(1)>x</a>",
];

const DANGEROUS_TAGS = ["script", "iframe", "object", "embed", "svg", "math", "style", "form", "base", "meta"];
const DANGEROUS_SCHEME = /^(javascript|vbscript|data):/;

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", colon: ":", tab: "\t", newline: "\n", nbsp: " ",
};

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (entity, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

/** Every tag in the output with its attributes, read with plain regexes. */
function parseTags(html: string): { name: string; raw: string; attributes: Array<[string, string]> }[] {
  return [...html.matchAll(/<\/?([a-z][a-z0-9-]*)([^>]*)>/gi)].map(([raw, name, rest]) => ({
    name: name.toLowerCase(),
    raw,
    attributes: [...rest.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)].map(
      ([, attribute, double, single, bare]) => [attribute.toLowerCase(), double ?? single ?? bare ?? ""],
    ),
  }));
}

function expectSafe(html: string): void {
  for (const tag of DANGEROUS_TAGS) expect(html).not.toMatch(new RegExp(`<${tag}`, "i"));
  for (const tag of parseTags(html)) {
    // Quoted values are data (a title may say "onclick="); what is left is names and bare values.
    expect(tag.raw.replace(/"[^"]*"|'[^']*'/g, '""')).not.toMatch(/\son[a-z]+\s*=/i);
    for (const [attribute, value] of tag.attributes) {
      expect(attribute).not.toMatch(/^on/);
      if (attribute === "href" || attribute === "src") {
        // eslint-disable-next-line no-control-regex
        const normalised = decodeEntities(value).replace(/[\s\x00-\x1f]/g, "").toLowerCase();
        expect(normalised).not.toMatch(DANGEROUS_SCHEME);
      }
    }
  }
}

describe("renderMarkdown XSS", () => {
  it("has a long enough payload list", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(XSS_PAYLOADS)("neutralises %s", (payload) => {
    expectSafe(renderMarkdown({ source: payload }));
    expectSafe(renderMarkdown({ source: `text before\n\n${payload}\n\ntext after` }));
  });

  it("the checker itself catches live payloads", () => {
    expect(() => expectSafe('<a href="java&#x09;script:alert(1)">x</a>')).toThrow();
    expect(() => expectSafe("<img src=x onerror=alert(1)>")).toThrow();
    expect(() => expectSafe('<img src="a.png" onerror="alert(1)">')).toThrow();
    expect(() => expectSafe("<svg>")).toThrow();
  });

  it("drops style, id and unknown class attributes", () => {
    const html = renderMarkdown({ source: "| a |\n|--:|\n| b |\n\n# Title" });
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/\sid=/);
  });
});

describe("renderMarkdown output", () => {
  it("highlights fenced code with hljs classes", () => {
    const html = renderMarkdown({ source: "```js\nconst a = 1;\n```" });
    expect(html).toContain('<pre><code class="hljs language-js">');
    expect(html).toContain('<span class="hljs-keyword">const</span>');
  });

  it("escapes code in unknown languages without auto-detection", () => {
    const html = renderMarkdown({ source: "```nosuchlang\nconst a = <b>;\n```" });
    expect(html).toContain('<code class="hljs language-nosuchlang">const a = &lt;b&gt;;');
    expect(html).not.toContain("hljs-keyword");
  });

  it("adds rel and no target to links", () => {
    const html = renderMarkdown({ source: "[site](https://example.com) and https://auto.example.com" });
    expect(html).toContain('<a href="https://example.com" rel="nofollow ugc noopener">site</a>');
    expect(html).toContain('<a href="https://auto.example.com" rel="nofollow ugc noopener">');
    expect(html).not.toContain("target=");
  });

  it("keeps relative and mailto links and http images", () => {
    const html = renderMarkdown({ source: "[q](/questions/1) [m](mailto:a@example.com) ![alt](https://example.com/a.png)" });
    expect(html).toContain('href="/questions/1"');
    expect(html).toContain('href="mailto:a@example.com"');
    expect(html).toContain('<img src="https://example.com/a.png" alt="alt" />');
  });

  it("keeps ordinary markdown", () => {
    const html = renderMarkdown({
      source: "# Title\n\n- one\n- two\n\n1. first\n\n*em* **strong** ~~gone~~ `code`\n\n> quote\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    });
    for (const fragment of [
      "<h1>Title</h1>", "<ul>", "<li>one</li>", "<ol>", "<em>em</em>", "<strong>strong</strong>",
      "<del>gone</del>", "<code>code</code>", "<blockquote>", "<hr />", "<table>", "<thead>", "<th>a</th>", "<td>2</td>",
    ]) {
      expect(html).toContain(fragment);
    }
  });

  it("shows raw HTML as text", () => {
    expect(renderMarkdown({ source: "<b>hi</b>" })).toBe("<p>&lt;b&gt;hi&lt;/b&gt;</p>\n");
  });
});

describe("extractMentions", () => {
  it("finds mentions in order, lowercased and distinct", () => {
    expect(extractMentions({ source: "Hi @Alice and @bob_2, cc @alice (@Carol)." })).toEqual(["alice", "bob_2", "carol"]);
  });

  it("skips fenced, indented and inline code", () => {
    const source = "@real\n\n```\n@fenced\n```\n\n    @indented\n\nsee `@inline` and @other";
    expect(extractMentions({ source })).toEqual(["real", "other"]);
  });

  it("ignores emails, too short or too long names", () => {
    const source = `mail bob@example.com or first.last@example.org, @ab, @${"x".repeat(31)}, https://site.example/@path`;
    expect(extractMentions({ source })).toEqual([]);
  });

  it("finds mentions inside emphasis, links, headings and tables", () => {
    expect(extractMentions({ source: "# @head\n\n**@strong** [@link](https://x.example)\n\n| @cell |\n|---|\n| x |" })).toEqual([
      "head", "strong", "link", "cell",
    ]);
  });

  it("stops at the limit, 20 by default", () => {
    const source = Array.from({ length: 30 }, (_, i) => `@user${i}`).join(" ");
    const mentions = extractMentions({ source });
    expect(mentions).toHaveLength(20);
    expect(mentions[0]).toBe("user0");
    expect(mentions[19]).toBe("user19");
    expect(extractMentions({ source, limit: 3 })).toEqual(["user0", "user1", "user2"]);
    expect(extractMentions({ source, limit: 0 })).toEqual([]);
  });
});
