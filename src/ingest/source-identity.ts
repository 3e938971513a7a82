// What makes two reports one source: the same article read from a feed, fetched by URL or read
// from a file. Two pure measures: a canonical URL (the address with what does not name the page
// taken away — scheme and host case, default ports, fragments, tracking parameters, trailing
// slashes, AMP and mobile variants, Telegram's preview path) and a content fingerprint (the text
// without a prepended title, whitespace collapsed), which the store compares too.
import { createHash } from "node:crypto";

/** Query parameters that say who sent the reader, not which page it is. */
const TRACKING = [
  /^utm_/i,
  /^(fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|ysclid|igshid|twclid|ttclid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|__twitter_impression|ncid|cmpid|ocid|sr_share|share|ref_src|ref_url|rss|from_rss|at_medium|at_campaign|at_custom\d*)$/i,
];
/** Parameters that only ask for an AMP rendering of the page. */
const AMP_PARAMETERS = /^(amp|outputtype|output)$/i;
const AMP_VALUES = /^(1|true|amp)?$/i;

/** Host prefixes of mobile and AMP editions of a site (m.example.org is example.org). */
const EDITION_HOST = /^(m|mobile|amp|www)\./i;

/**
 * The address that names the page: `HTTPS://WWW.Example.org:443/news/story/amp/?utm_source=x&id=5#top`
 * → `https://example.org/news/story?id=5`. Not a URL to fetch (the scheme stays, a removed `www.`
 * or `m.` may not answer): an identity. An address that is not an absolute http(s) URL is returned trimmed.
 */
export function canonicalUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return value.trim();
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return value.trim();
  // Scheme and host: lower case (the URL parser does it), no default port, no edition prefix.
  let host = url.hostname.toLowerCase().replace(/\.$/, "");
  while (EDITION_HOST.test(host) && host.split(".").length > 2) host = host.replace(EDITION_HOST, "");
  const port = url.port && !((url.protocol === "http:" && url.port === "80") || (url.protocol === "https:" && url.port === "443"));
  let path = url.pathname;
  // AMP editions: /amp, /amp/ at the end or start of the path, story.amp.html, story.amp.
  path = path
    .replace(/\/amp\/?$/i, "")
    .replace(/^\/amp(?=\/)/i, "")
    .replace(/\.amp(\.html?)?$/i, "$1");
  // Telegram: a post's preview (t.me/s/handle/123) is the post; handles ignore case.
  if (host === "t.me" || host === "telegram.me") {
    host = "t.me";
    path = path.replace(/^\/s\//i, "/").replace(/^\/([^/]+)/, (_m, handle: string) => `/${handle.toLowerCase()}`);
  }
  path = path.replace(/\/{2,}/g, "/").replace(/\/+$/, "") || "/";
  const params = [...url.searchParams].filter(
    ([k, v]) => !TRACKING.some((t) => t.test(k)) && !(AMP_PARAMETERS.test(k) && AMP_VALUES.test(v)),
  );
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : "";
  return `${url.protocol}//${host}${port ? `:${url.port}` : ""}${path === "/" ? "" : path}${query}`;
}

/**
 * Whitespace, spelt out so that migration 10 computes the same fingerprint in SQL (a regular
 * expression's \s differs between JavaScript and PostgreSQL): ASCII white space, no-break and
 * the Unicode space separators, line and paragraph separators, zero-width space and BOM.
 */
export const FINGERPRINT_SPACE = "[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200b\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]+";
const SPACE = new RegExp(FINGERPRINT_SPACE, "g");

const LEADING_SPACE = new RegExp(`^${FINGERPRINT_SPACE}`);
/** The first line of a text and the line break after it. */
const FIRST_LINE = /^([^\n\r\v\f\u0085\u2028\u2029]*)[\n\r\v\f\u0085\u2028\u2029]/;

const squash = (s: string) => s.replace(SPACE, " ").trim();

/**
 * The text that the fingerprint hashes: white space collapsed, and without its first line when
 * that line is the report's own title (a feed reader or Readability prepends it).
 */
export function fingerprintText(text: string, title: string | null | undefined): string {
  const head = title ? squash(title) : "";
  const lead = text.replace(LEADING_SPACE, "");
  const line = FIRST_LINE.exec(lead);
  if (head && line && squash(line[1]) === head) {
    const rest = squash(lead.slice(line[0].length));
    if (rest) return rest;
  }
  return squash(text);
}

/** SHA-256 (hex) of fingerprintText: equal for one article however a reader laid it out. */
export function contentFingerprint(text: string, title: string | null | undefined): string {
  return createHash("sha256").update(fingerprintText(text, title), "utf8").digest("hex");
}
