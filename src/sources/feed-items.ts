// Items of a feed — RSS, Atom (rss-parser) or JSON Feed 1.x — as reports, each with its id and
// full date (the scheduler keeps the newest as its cursor and measures lag and gaps with them).
import { articleFromHtml } from "../ingest/html.js";
import { RssParserClass } from "../ingest/parsers.js";
import { httpUrlOrNull } from "../ingest/report-fields.js";
import type { ReportInput } from "../store/reports.js";

export interface FeedItem {
  /** guid, id or link: what identifies the item in its feed. */
  id: string | null;
  /** ISO date-time, or null when the item has none. */
  date: string | null;
  report: Omit<ReportInput, "source">;
}

export interface ParsedFeed {
  title: string | null;
  items: FeedItem[];
}

const htmlToText = (body: string) => (/<[a-z][\s\S]*>/i.test(body) ? articleFromHtml(`<html><body>${body}</body></html>`).text : body);
const isoOrNull = (v: unknown): string | null => {
  if (typeof v !== "string" || !v) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};

function item(title: string | null, body: string, link: string | null | undefined, id: string | null | undefined, date: unknown): FeedItem {
  const text = htmlToText(body).trim();
  const url = httpUrlOrNull(link) ?? httpUrlOrNull(id);
  const key = id ?? link ?? null;
  const iso = isoOrNull(date);
  return {
    id: key,
    date: iso,
    report: {
      text: title && !text.startsWith(title) ? `${title}\n${text}`.trim() : text,
      title,
      url,
      // Only http(s) links are sources; any other guid still keys the item, as a message id.
      ...(!url && key ? { messageId: key.slice(0, 200) } : {}),
      published: iso ? iso.slice(0, 10) : null,
    },
  };
}

/** A JSON Feed (https://jsonfeed.org/version/1.1): {version, title, items: [{id, url, title, content_html|content_text, date_published}]}. */
function jsonFeed(data: Record<string, unknown>): ParsedFeed {
  if (typeof data.version !== "string" || !data.version.includes("jsonfeed.org") || !Array.isArray(data.items))
    throw new Error("a JSON document that is not a JSON Feed (no jsonfeed.org version or no items)");
  const items = (data.items as Array<Record<string, unknown>>).map((i) => {
    const str = (v: unknown) => (typeof v === "string" ? v : null);
    const body = str(i.content_text) ?? str(i.content_html) ?? str(i.summary) ?? "";
    const id = i.id === undefined || i.id === null ? null : String(i.id);
    return item(str(i.title)?.trim() || null, body, str(i.url) ?? str(i.external_url), id, i.date_published ?? i.date_modified);
  });
  return { title: typeof data.title === "string" ? data.title : null, items };
}

export async function parseFeed(body: string): Promise<ParsedFeed> {
  const start = body.trimStart();
  if (start.startsWith("{")) {
    let data: unknown;
    try {
      data = JSON.parse(start);
    } catch {
      throw new Error("not valid JSON");
    }
    return jsonFeed(data as Record<string, unknown>);
  }
  const feed = await new (RssParserClass())().parseString(body);
  const items = (feed.items ?? []).map((i) =>
    item(
      i.title?.trim() || null,
      i["content:encoded"] ?? i.content ?? i.contentSnippet ?? i.summary ?? "",
      i.link,
      i.guid ?? (i as { id?: string }).id ?? null,
      i.isoDate ?? i.pubDate,
    ),
  );
  return { title: feed.title ?? null, items };
}
