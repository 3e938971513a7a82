// Turns files into reports: plain text (with ID.meta.json beside it), JSON lines, Telegram
// Desktop channel exports (result.json) and directories of these.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { guardedFetch } from "../net/guarded-fetch.js";
import type { ReportInput } from "../store/reports.js";
import { reportsFromFeed } from "./feeds.js";
import { articleFromHtml } from "./html.js";
import { hasLineControlCharacters, httpUrlOrNull, isCalendarDate, isHttpUrl, textProblem } from "./report-fields.js";
import { canonicalUrl } from "./source-identity.js";

export class InputError extends Error {}

/** Longest report text accepted (characters); longer texts are refused, not cut. */
export const MAX_TEXT_CHARS = 200_000;
const MAX_FIELD_CHARS = { url: 2048, title: 1000, source: 200, messageId: 200 } as const;

/** The day of a date or date-time string when it is a real calendar day, else null. */
const isoDate = (v: unknown): string | null =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}(?:$|[T ])/.test(v) && isCalendarDate(v.slice(0, 10)) ? v.slice(0, 10) : null;
const language = (v: unknown) => (v === "en" || v === "ru" || v === "uk" ? v : undefined);

function textFile(path: string): ReportInput {
  const bytes = readFileSync(path);
  if (bytes.includes(0)) throw new InputError(`${path}: looks like a binary file, not a text report`);
  const text = bytes.toString("utf8");
  const metaPath = path.replace(/\.txt$/, ".meta.json");
  let meta: Record<string, unknown> = {};
  if (existsSync(metaPath)) {
    try {
      meta = JSON.parse(readFileSync(metaPath, "utf8"));
    } catch {
      throw new InputError(`${metaPath}: not valid JSON`);
    }
  }
  return {
    text,
    published: isoDate(meta.published),
    url: typeof meta.url === "string" ? httpUrlOrNull(meta.url) : null,
    title: typeof meta.title === "string" ? meta.title : null,
    language: language(meta.language),
    source: typeof meta.source === "string" ? meta.source : `file:${basename(path)}`,
  };
}

/**
 * A JSON object posted or read from a line: {text, published?, url?, title?, language?, source?,
 * messageId?} (messageId: a Telegram message's id, the report's key when it has no URL).
 */
export function reportFromJson(value: unknown, where: string, defaultSource = "api"): ReportInput {
  if (!value || typeof value !== "object") throw new InputError(`${where}: expected an object with a "text" field`);
  if (Array.isArray(value)) throw new InputError(`${where}: expected an object with a "text" field, not an array`);
  const o = value as Record<string, unknown>;
  if (typeof o.text !== "string") throw new InputError(`${where}: "text" must be a non-empty string`);
  const problem = textProblem(o.text, MAX_TEXT_CHARS);
  if (problem) throw new InputError(`${where}: ${problem}`);
  if (o.published !== undefined && o.published !== null && !isoDate(o.published))
    throw new InputError(`${where}: "published" must be a real date like 2025-07-21`);
  if (o.language !== undefined && o.language !== null && !language(o.language))
    throw new InputError(`${where}: "language" must be en, ru or uk`);
  for (const field of ["url", "title", "source", "messageId"] as const) {
    const v = o[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== "string") throw new InputError(`${where}: "${field}" must be a string`);
    if (v.length > MAX_FIELD_CHARS[field]) throw new InputError(`${where}: "${field}" is longer than ${MAX_FIELD_CHARS[field]} characters`);
    if (hasLineControlCharacters(v)) throw new InputError(`${where}: "${field}" contains NUL, line breaks or other control characters`);
  }
  if (typeof o.url === "string" && !isHttpUrl(o.url))
    throw new InputError(`${where}: "url" must be an http:// or https:// address (the source's page), not '${o.url.slice(0, 40)}'`);
  if (typeof o.source === "string" && !o.source.trim()) throw new InputError(`${where}: "source" must not be empty`);
  return {
    text: o.text,
    published: isoDate(o.published),
    url: typeof o.url === "string" ? o.url : null,
    title: typeof o.title === "string" ? o.title : null,
    language: language(o.language),
    source: typeof o.source === "string" ? o.source : defaultSource,
    ...(typeof o.messageId === "string" && o.messageId ? { messageId: o.messageId } : {}),
  };
}

function* jsonLines(path: string): Generator<ReportInput | InputError> {
  const lines = readFileSync(path, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    try {
      yield reportFromJson(JSON.parse(lines[i]), `${path}:${i + 1}`);
    } catch (err) {
      yield err instanceof InputError ? err : new InputError(`${path}:${i + 1}: not valid JSON`);
    }
  }
}

/** A channel handle as t.me spells it (5–32 letters, digits and underscores), or null. */
const telegramHandle = (v: unknown): string | null =>
  typeof v === "string" && /^@?[A-Za-z][A-Za-z0-9_]{3,31}$/.test(v.trim()) ? v.trim().replace(/^@/, "").toLowerCase() : null;

/**
 * Telegram Desktop export: {name, type, id, messages: [{id, type, date, text: string | parts[]}]}.
 * Each post gets its address: https://t.me/HANDLE/ID when the channel's handle is known (the
 * `username` some exporters write, or ReadOptions.telegramChannel), with `telegram:HANDLE` as its
 * source, as the collector of the public channel names it; else https://t.me/c/CHANNEL-ID/ID,
 * the link Telegram gives members.
 */
function* telegramExport(
  path: string,
  data: { name?: string; id?: number | string; username?: string; messages?: unknown[] },
  options: ReadOptions,
): Generator<ReportInput | InputError> {
  const handle = telegramHandle(options.telegramChannel) ?? telegramHandle(data.username);
  const channelId = typeof data.id === "number" || (typeof data.id === "string" && /^\d+$/.test(data.id)) ? String(data.id) : null;
  const source = handle ? `telegram:${handle}` : `telegram:${data.name ?? basename(path)}`;
  for (const m of data.messages ?? []) {
    const msg = m as { id?: number; type?: string; date?: string; text?: unknown };
    if (msg.type !== "message") continue;
    const text = Array.isArray(msg.text)
      ? msg.text.map((p) => (typeof p === "string" ? p : ((p as { text?: string }).text ?? ""))).join("")
      : String(msg.text ?? "");
    if (!text.trim()) continue;
    const id = Number.isInteger(msg.id) && (msg.id as number) > 0 ? String(msg.id) : null;
    const url = id && handle ? `https://t.me/${handle}/${id}` : id && channelId ? `https://t.me/c/${channelId}/${id}` : null;
    yield {
      text,
      published: isoDate(msg.date),
      source,
      messageId: id ?? String(msg.id ?? ""),
      url,
      title: null,
    };
  }
}

const FEED = /<(rss|feed|rdf:RDF)[\s>]/;

export interface ReadOptions {
  /** Fetch URLs on private networks too (see src/net/guarded-fetch.ts). */
  allowPrivateUrls?: boolean;
  /** The handle of the channel a Telegram export (result.json) is of: its posts get https://t.me/HANDLE/ID. */
  telegramChannel?: string;
}

/** Every report a path or URL holds (file, directory, feed), errors included so callers can report and go on. */
export async function* readInputs(path: string, options: ReadOptions = {}): AsyncGenerator<ReportInput | InputError> {
  if (/^https?:\/\//.test(path)) {
    yield* fromUrl(path, options);
    return;
  }
  if (!existsSync(path)) {
    yield new InputError(`${path}: no such file or directory`);
    return;
  }
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (name.endsWith(".meta.json") || name.endsWith(".gold.json") || name.endsWith(".pred.json")) continue;
      if ([".txt", ".jsonl", ".json", ".html", ".htm", ".xml", ".rss", ".atom"].includes(extname(name)))
        yield* readInputs(join(path, name), options);
    }
    return;
  }
  try {
    if (/\.(xml|rss|atom)$/.test(path)) {
      for (const r of await reportsFromFeed(readFileSync(path, "utf8"), basename(path))) yield r;
    } else if (/\.html?$/.test(path)) {
      const article = articleFromHtml(readFileSync(path, "utf8"));
      if (!article.text) throw new InputError(`${path}: no article text found`);
      // A saved page names its own address and day: it is then the same report as the page fetched or its feed item.
      yield {
        text: article.text,
        title: article.title,
        url: article.canonicalUrl,
        published: article.published,
        source: article.canonicalUrl ? new URL(article.canonicalUrl).host : `file:${basename(path)}`,
      };
    } else if (path.endsWith(".jsonl")) yield* jsonLines(path);
    else if (path.endsWith(".json")) {
      const data = JSON.parse(readFileSync(path, "utf8"));
      if (Array.isArray(data?.messages)) yield* telegramExport(path, data, options);
      else if (Array.isArray(data)) for (const [i, v] of data.entries()) yield reportFromJson(v, `${path}[${i}]`);
      else yield reportFromJson(data, path);
    } else yield textFile(path);
  } catch (err) {
    yield err instanceof InputError ? err : new InputError(`${path}: ${(err as Error).message}`);
  }
}

/** Whether two addresses are on one site (www., m. and amp. editions are the site). */
const sameSite = (a: string, b: string) => new URL(canonicalUrl(a)).host === new URL(canonicalUrl(b)).host;

/** A feed or an article page fetched over HTTP, through the guarded client. */
async function* fromUrl(url: string, options: ReadOptions): AsyncGenerator<ReportInput | InputError> {
  let res: Awaited<ReturnType<typeof guardedFetch>>;
  try {
    res = await guardedFetch(url, {
      headers: { "user-agent": "skywatch (+https://example.org/skywatch)" },
      allowPrivate: options.allowPrivateUrls,
    });
  } catch (err) {
    yield new InputError(`${url}: could not be fetched (${(err as Error).message})`);
    return;
  }
  if (!res.ok) {
    yield new InputError(`${url}: answered ${res.status}`);
    return;
  }
  const body = res.text();
  try {
    if (FEED.test(body.slice(0, 2000))) for (const r of await reportsFromFeed(body, new URL(url).host)) yield r;
    else {
      const article = articleFromHtml(body, url);
      // The page's own name for itself, when on its own site: a page elsewhere does not speak for another site's article.
      const address = article.canonicalUrl && sameSite(article.canonicalUrl, url) ? article.canonicalUrl : url;
      yield { text: article.text, title: article.title, url: address, published: article.published, source: new URL(address).host };
    }
  } catch (err) {
    yield new InputError(`${url}: ${(err as Error).message}`);
  }
}
