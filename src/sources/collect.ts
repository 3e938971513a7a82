// Reading one source once: a feed (conditional GET), a Telegram channel's preview pages (with
// backfill of older pages down to a date), or a web page and the articles it links to. Each
// page's items are handed to `save` with the cursor that follows them, so that a process killed
// mid-run resumes where the last saved page ended. Fetching goes through ctx.fetch (the guarded
// client, paced per host by the scheduler).
import { articleFromHtml } from "../ingest/html.js";
import { parseHTML } from "../ingest/parsers.js";
import { isHttpUrl } from "../ingest/report-fields.js";
import type { FetchedPage } from "../net/guarded-fetch.js";
import type { ReportInput } from "../store/reports.js";
import { parseFeed } from "./feed-items.js";
import { reportSourceName, type Source, type SourceCursor } from "./registry.js";
import { parseTelegramPage, type TelegramPost, telegramPageUrl } from "./telegram.js";

export interface CollectedItem {
  id: string | null;
  date: string | null;
  report: ReportInput;
}

export interface Batch {
  items: CollectedItem[];
  /** Items read but not usable (an article that could not be fetched…), with why. */
  failed: string[];
  /** Items seen on the page, usable or not (a media post without caption is seen, not stored). */
  seen: number;
  cursor: SourceCursor;
  /** When the page these items came from was fetched (ms since the epoch). */
  fetchedAt: number;
}

export interface CollectContext {
  fetch(url: string, headers?: Record<string, string>): Promise<FetchedPage>;
  /** Stores a page's items and the cursor after them. */
  save(batch: Batch): Promise<void>;
  /** Base of Telegram's web preview (https://t.me; a local server in tests). */
  telegramBase: string;
  /** Web sources: articles read per run at most. */
  maxArticles?: number;
  /** Telegram backfill: pages read per run at most. */
  maxBackfillPages?: number;
}

export interface CollectOutcome {
  status: "ok" | "unchanged";
  etag: string | null;
  lastModified: string | null;
  pages: number;
}

/** A source answered badly or not at all; the message says what happened, in the user's terms. */
export class CollectError extends Error {}

const conditional = (source: Source): Record<string, string> => ({
  ...(source.etag ? { "if-none-match": source.etag } : {}),
  ...(source.lastModified ? { "if-modified-since": source.lastModified } : {}),
});

async function get(ctx: CollectContext, url: string, headers: Record<string, string> = {}): Promise<FetchedPage> {
  let res: FetchedPage;
  try {
    res = await ctx.fetch(url, headers);
  } catch (err) {
    throw new CollectError(`${url}: could not be fetched (${(err as Error).message})`);
  }
  if (res.status !== 304 && !res.ok) throw new CollectError(`${url}: answered ${res.status}`);
  return res;
}

const newest = (items: Array<{ date: string | null }>): string | null =>
  items.reduce<string | null>((max, i) => (i.date && (!max || i.date > max) ? i.date : max), null);

const languageOf = (source: Source) => (source.language === "auto" ? {} : { language: source.language });

async function collectFeed(source: Source, ctx: CollectContext): Promise<CollectOutcome> {
  const res = await get(ctx, source.address, conditional(source));
  const fetchedAt = Date.now();
  if (res.status === 304) return { status: "unchanged", etag: source.etag, lastModified: source.lastModified, pages: 1 };
  let feed: Awaited<ReturnType<typeof parseFeed>>;
  try {
    feed = await parseFeed(res.text());
  } catch (err) {
    throw new CollectError(`${source.address}: not an RSS, Atom or JSON feed (${(err as Error).message})`);
  }
  const name = reportSourceName(source, feed.title);
  const items = feed.items
    .filter((i) => i.report.text.trim())
    .map((i) => ({ id: i.id, date: i.date, report: { ...i.report, ...languageOf(source), source: name, sourceId: source.id } }));
  const latest = newest(items);
  const latestItem = items.find((i) => i.date === latest) ?? items[0];
  await ctx.save({
    items,
    failed: [],
    seen: feed.items.length,
    cursor: {
      ...source.cursor,
      name,
      lastId: latestItem?.id ?? source.cursor.lastId ?? null,
      lastDate: latest ?? source.cursor.lastDate ?? null,
    },
    fetchedAt,
  });
  return { status: "ok", etag: res.headers.get("etag"), lastModified: res.headers.get("last-modified"), pages: 1 };
}

function postItem(source: Source, name: string, post: TelegramPost): CollectedItem {
  return {
    id: String(post.id),
    date: post.date ? new Date(post.date).toISOString() : null,
    report: {
      text: post.text,
      title: post.forwardedFrom ? `Forwarded from ${post.forwardedFrom}` : null,
      url: post.url,
      messageId: String(post.id),
      published: post.date ? post.date.slice(0, 10) : null,
      ...languageOf(source),
      source: name,
      sourceId: source.id,
    },
  };
}

async function collectTelegram(source: Source, ctx: CollectContext): Promise<CollectOutcome> {
  const handle = source.address;
  const res = await get(ctx, telegramPageUrl(handle, null, ctx.telegramBase));
  const page = parseTelegramPage(res.text(), handle);
  if (!page.posts.length && !page.channelTitle)
    throw new CollectError(
      `t.me/s/${handle} shows no posts: the channel does not exist, is private, or has its web preview turned off (only public channels can be collected without an account)`,
    );
  const name = reportSourceName(source);
  const itemsOf = (posts: TelegramPost[]) => posts.filter((p) => p.text.trim()).map((p) => postItem(source, name, p));
  let cursor: SourceCursor = { ...source.cursor, name };
  const latestId = page.posts.length ? page.posts[page.posts.length - 1].id : null;
  const items = itemsOf(page.posts);
  cursor = {
    ...cursor,
    lastId: latestId !== null && latestId > Number(cursor.lastId ?? 0) ? String(latestId) : (cursor.lastId ?? null),
    lastDate: newest([...items, { date: cursor.lastDate ?? null }]),
  };
  await ctx.save({ items, failed: [], seen: page.posts.length, cursor, fetchedAt: Date.now() });
  let pages = 1;
  // Backfill: older pages (?before=ID), down to the source's date, resumed from the saved cursor.
  const until = source.backfillUntil;
  if (until && !cursor.backfillDone) {
    let before = cursor.backfillBefore ?? page.before;
    const max = ctx.maxBackfillPages ?? 50;
    for (let n = 0; before && n < max; n++) {
      const older = parseTelegramPage((await get(ctx, telegramPageUrl(handle, before, ctx.telegramBase))).text(), handle);
      pages++;
      const posts = older.posts.filter((p) => p.id < (before as number));
      const reached = !posts.length || posts.some((p) => p.date !== null && p.date.slice(0, 10) < until);
      const kept = posts.filter((p) => p.date === null || p.date.slice(0, 10) >= until);
      before = posts.length ? posts[0].id : null;
      cursor = { ...cursor, backfillBefore: before, backfillDone: reached || before === null || before <= 1 };
      await ctx.save({ items: itemsOf(kept), failed: [], seen: kept.length, cursor, fetchedAt: Date.now() });
      if (cursor.backfillDone) break;
    }
  }
  return { status: "ok", etag: null, lastModified: null, pages };
}

const NOT_ARTICLES =
  /\/(tag|tags|category|categories|author|authors|page|search|login|signin|register|subscribe|rss|feed|about|contacts?)(\/|$)/i;
const FILES = /\.(jpe?g|png|gif|webp|svg|pdf|zip|mp[34]|docx?|xlsx?)$/i;

/** Links of a page that look like its articles: same host, not the page itself, not navigation or files; those inside <main>/<article> first. */
export function articleLinks(html: string, pageUrl: string): string[] {
  const { document } = parseHTML(html);
  const page = new URL(pageUrl);
  const scoped = document.querySelectorAll("main a[href], article a[href]");
  const anchors = scoped.length ? scoped : document.querySelectorAll("a[href]");
  const links: string[] = [];
  for (const a of Array.from(anchors)) {
    let url: URL;
    try {
      url = new URL(a.getAttribute("href") ?? "", page);
    } catch {
      continue;
    }
    url.hash = "";
    if (!isHttpUrl(url.href) || url.host !== page.host) continue;
    if (url.pathname === page.pathname || url.pathname === "/" || NOT_ARTICLES.test(url.pathname) || FILES.test(url.pathname)) continue;
    // An article's path has a slug or a number, not just one short word.
    if (!/[0-9]|[-_][^/]*[-_]|\/[^/]+\/[^/]+/.test(url.pathname)) continue;
    if (!links.includes(url.href)) links.push(url.href);
  }
  return links;
}

function articleDate(html: string): string | null {
  const { document } = parseHTML(html);
  const value =
    document.querySelector('meta[property="article:published_time"]')?.getAttribute("content") ??
    document.querySelector('meta[itemprop="datePublished"]')?.getAttribute("content") ??
    document.querySelector("time[datetime]")?.getAttribute("datetime");
  const t = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

async function collectWeb(source: Source, ctx: CollectContext): Promise<CollectOutcome> {
  const res = await get(ctx, source.address, conditional(source));
  if (res.status === 304) return { status: "unchanged", etag: source.etag, lastModified: source.lastModified, pages: 1 };
  const seen = new Set(source.cursor.seenLinks ?? []);
  const fresh = articleLinks(res.text(), res.url)
    .filter((l) => !seen.has(l))
    .slice(0, ctx.maxArticles ?? 20);
  const name = reportSourceName(source);
  let cursor: SourceCursor = { ...source.cursor, name };
  let pages = 1;
  for (const link of fresh) {
    pages++;
    const batch: Batch = { items: [], failed: [], seen: 1, cursor, fetchedAt: Date.now() };
    try {
      const page = await get(ctx, link);
      batch.fetchedAt = Date.now();
      const html = page.text();
      const article = articleFromHtml(html);
      const date = articleDate(html);
      if (!article.text.trim()) batch.failed.push(`${link}: no article text found`);
      else
        batch.items.push({
          id: link,
          date,
          report: {
            text: article.text,
            title: article.title,
            url: link,
            published: date ? date.slice(0, 10) : null,
            ...languageOf(source),
            source: name,
            sourceId: source.id,
          },
        });
      // Read once: an article that fails is tried again next run, one that was read is not.
      if (batch.items.length) seen.add(link);
    } catch (err) {
      batch.failed.push((err as Error).message);
    }
    const date = batch.items[0]?.date ?? null;
    cursor = {
      ...cursor,
      seenLinks: [...seen].slice(-500),
      lastId: batch.items.length ? link : (cursor.lastId ?? null),
      lastDate: newest([{ date }, { date: cursor.lastDate ?? null }]),
    };
    batch.cursor = cursor;
    await ctx.save(batch);
  }
  if (!fresh.length) await ctx.save({ items: [], failed: [], seen: 0, cursor, fetchedAt: Date.now() });
  return { status: "ok", etag: res.headers.get("etag"), lastModified: res.headers.get("last-modified"), pages };
}

export function collectSource(source: Source, ctx: CollectContext): Promise<CollectOutcome> {
  if (source.kind === "rss") return collectFeed(source, ctx);
  if (source.kind === "telegram") return collectTelegram(source, ctx);
  return collectWeb(source, ctx);
}
