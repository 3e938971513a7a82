// The HTML and feed parsers, loaded on first use: linkedom with Readability (~28 MB once loaded)
// and rss-parser (~12 MB) are needed by a process that reads a page, a feed or a Telegram channel,
// not by every `serve` (which may never read one). They are loaded with require (their CommonJS
// builds) so that the functions that use them stay synchronous.
import { createRequire } from "node:module";
import type { Readability as ReadabilityClass } from "@mozilla/readability";
import type * as Linkedom from "linkedom";
import type RssParser from "rss-parser";

const require = createRequire(import.meta.url);

let linkedom: typeof Linkedom | undefined;
let readability: typeof ReadabilityClass | undefined;
let rssParser: typeof RssParser | undefined;

/** linkedom's parseHTML. */
export function parseHTML(html: string): ReturnType<typeof Linkedom.parseHTML> {
  linkedom ??= require("linkedom") as typeof Linkedom;
  return linkedom.parseHTML(html);
}

/** Mozilla Readability's class. */
export function Readability(): typeof ReadabilityClass {
  readability ??= (require("@mozilla/readability") as { Readability: typeof ReadabilityClass }).Readability;
  return readability;
}

/** rss-parser's class. */
export function RssParserClass(): typeof RssParser {
  rssParser ??= require("rss-parser") as typeof RssParser;
  return rssParser;
}
