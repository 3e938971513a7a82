// Turns files into reports: plain text (with ID.meta.json beside it), JSON lines, Telegram
// Desktop channel exports (result.json) and directories of these.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { ReportInput } from "../store/reports.js";
import { reportsFromFeed } from "./feeds.js";
import { articleFromHtml } from "./html.js";

export class InputError extends Error {}

const isoDate = (v: unknown): string | null => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null);
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
    url: typeof meta.url === "string" ? meta.url : null,
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
  const o = value as Record<string, unknown>;
  if (typeof o.text !== "string" || !o.text.trim()) throw new InputError(`${where}: "text" must be a non-empty string`);
  if (o.published !== undefined && o.published !== null && !isoDate(o.published))
    throw new InputError(`${where}: "published" must be a date like 2025-07-21`);
  if (o.language !== undefined && !language(o.language)) throw new InputError(`${where}: "language" must be en, ru or uk`);
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

/** Telegram Desktop export: {name, messages: [{id, type, date, text: string | parts[]}]}. */
function* telegramExport(path: string, data: { name?: string; messages?: unknown[] }): Generator<ReportInput | InputError> {
  for (const m of data.messages ?? []) {
    const msg = m as { id?: number; type?: string; date?: string; text?: unknown };
    if (msg.type !== "message") continue;
    const text = Array.isArray(msg.text)
      ? msg.text.map((p) => (typeof p === "string" ? p : ((p as { text?: string }).text ?? ""))).join("")
      : String(msg.text ?? "");
    if (!text.trim()) continue;
    yield {
      text,
      published: isoDate(msg.date),
      source: `telegram:${data.name ?? basename(path)}`,
      messageId: String(msg.id ?? ""),
      url: null,
      title: null,
    };
  }
}

const FEED = /<(rss|feed|rdf:RDF)[\s>]/;

/** Every report a path or URL holds (file, directory, feed), errors included so callers can report and go on. */
export async function* readInputs(path: string): AsyncGenerator<ReportInput | InputError> {
  if (/^https?:\/\//.test(path)) {
    yield* fromUrl(path);
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
        yield* readInputs(join(path, name));
    }
    return;
  }
  try {
    if (/\.(xml|rss|atom)$/.test(path)) {
      for (const r of await reportsFromFeed(readFileSync(path, "utf8"), basename(path))) yield r;
    } else if (/\.html?$/.test(path)) {
      const article = articleFromHtml(readFileSync(path, "utf8"));
      if (!article.text) throw new InputError(`${path}: no article text found`);
      yield { text: article.text, title: article.title, url: null, published: null, source: `file:${basename(path)}` };
    } else if (path.endsWith(".jsonl")) yield* jsonLines(path);
    else if (path.endsWith(".json")) {
      const data = JSON.parse(readFileSync(path, "utf8"));
      if (Array.isArray(data?.messages)) yield* telegramExport(path, data);
      else if (Array.isArray(data)) for (const [i, v] of data.entries()) yield reportFromJson(v, `${path}[${i}]`);
      else yield reportFromJson(data, path);
    } else yield textFile(path);
  } catch (err) {
    yield err instanceof InputError ? err : new InputError(`${path}: ${(err as Error).message}`);
  }
}

/** A feed or an article page fetched over HTTP. */
async function* fromUrl(url: string): AsyncGenerator<ReportInput | InputError> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { "user-agent": "skywatch (+https://example.org/skywatch)" } });
  } catch (err) {
    yield new InputError(`${url}: could not be fetched (${(err as Error).message})`);
    return;
  }
  if (!res.ok) {
    yield new InputError(`${url}: answered ${res.status}`);
    return;
  }
  const body = await res.text();
  try {
    if (FEED.test(body.slice(0, 2000))) for (const r of await reportsFromFeed(body, new URL(url).host)) yield r;
    else {
      const article = articleFromHtml(body);
      yield { text: article.text, title: article.title, url, published: null, source: new URL(url).host };
    }
  } catch (err) {
    yield new InputError(`${url}: ${(err as Error).message}`);
  }
}
