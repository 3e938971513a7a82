// Article text from an HTML page: Mozilla Readability finds the article, and block elements
// become line breaks (Readability's own textContent runs the headline into the first paragraph).
import type { Readability as ReadabilityClass } from "@mozilla/readability";
import { pageMeta } from "./page-meta.js";
import { parseHTML, Readability } from "./parsers.js";

const BLOCKS = new Set([
  "P",
  "DIV",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "LI",
  "BLOCKQUOTE",
  "ARTICLE",
  "SECTION",
  "TR",
  "BR",
  "HEADER",
  "FIGCAPTION",
  "PRE",
]);

function blockText(root: { childNodes: ArrayLike<unknown> }): string {
  let out = "";
  const walk = (node: { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<unknown> }) => {
    if (node.nodeType === 3) {
      out += node.textContent ?? "";
      return;
    }
    if (node.nodeType !== 1) return;
    if (/^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(node.nodeName)) return;
    const block = BLOCKS.has(node.nodeName);
    if (block) out += "\n";
    for (const child of Array.from(node.childNodes)) walk(child as typeof node);
    if (block) out += "\n";
  };
  for (const child of Array.from(root.childNodes)) walk(child as Parameters<typeof walk>[0]);
  return out
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export interface Article {
  title: string | null;
  text: string;
  /** The day the page says it was published (article:published_time, JSON-LD, <time>), or null. */
  published: string | null;
  /** The address the page names as its own (<link rel=canonical>, og:url), or null. */
  canonicalUrl: string | null;
}

/** The article of a page; `pageUrl`, where it was fetched, resolves a relative canonical link. */
export function articleFromHtml(source: string, pageUrl: string | null = null): Article {
  // A fragment, an empty body or a document with no <body> left (broken markup) is read inside a
  // document of its own: Readability needs one (found by test/ingest/readers-properties).
  const whole = /<html[\s>]/i.test(source) && parseHTML(source).document.body ? source : null;
  const html = whole ?? `<!doctype html><html><body>${source}</body></html>`;
  const { document } = parseHTML(html);
  const title = document.querySelector("title")?.textContent?.trim() || null;
  const meta = pageMeta(document as unknown as Parameters<typeof pageMeta>[0], pageUrl);
  // Readability changes the document it reads, so it gets its own copy; on markup it cannot read, the plain text is the article.
  let article: ReturnType<ReadabilityClass["parse"]> = null;
  try {
    article = new (Readability())(parseHTML(html).document as unknown as Document).parse();
  } catch {
    article = null;
  }
  if (article?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    const text = blockText(content.body as unknown as { childNodes: ArrayLike<unknown> });
    if (text)
      return {
        title: article.title?.trim() || title,
        text: article.title && !text.startsWith(article.title) ? `${article.title.trim()}\n${text}` : text,
        ...meta,
      };
  }
  return { title, text: blockText(document.body as unknown as { childNodes: ArrayLike<unknown> }), ...meta };
}
