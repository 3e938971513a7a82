// Event queries behind the API: filters, keyset pagination, and the ACLED-style export rows.
import { and, asc, desc, eq, fillPlaceholders, inArray, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { PlaceResolver } from "../extract/place-resolver.js";
import { hasLineControlCharacters, httpUrlOrNull, isCalendarDate } from "../ingest/report-fields.js";
import { narrowTotal } from "../search/narrow-total.js";
import { planSearch, type SearchPlan } from "../search/search-plan.js";
import {
  candidateIds,
  matchesEvent,
  relevanceExpression,
  relevanceParts,
  searchConditions,
  textEstimate,
  textStatistics,
} from "../search/search-sql.js";
import type { Db } from "../store/database.js";
import { claims, events, incidents, reports } from "../store/schema.js";
import { cachedAnswer, cachedTotal } from "./count-cache.js";
import { type DailyGrouping, dailyFromSummary, regionsFromSummary, totalFromSummary } from "./day-stats.js";

const list = (v: unknown) =>
  typeof v === "string"
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : v;

const SORT_KEYS = ["date", "id", "region", "kind", "weapon", "settlement", "count", "killed", "injured", "sources"] as const;
type SortKey = (typeof SORT_KEYS)[number];
/** "relevance": best answers to `q` first (at a named settlement, then in a named region, then by text), newest first within each. */
const SORTS = ["relevance", ...SORT_KEYS.flatMap((k) => [k, `-${k}`])] as [string, ...string[]];

/** PostgreSQL's integer: ids and integer sort keys outside it are refused before any query. */
export const MAX_INT = 2_147_483_647;

const day = (name: string) =>
  z.string().refine(isCalendarDate, `${name} must be a date like 2025-07-21, a real day of the calendar`).optional();
const plainText = (name: string) =>
  z
    .string()
    .max(200)
    .refine((v) => !hasLineControlCharacters(v), `${name} must not contain NUL or other control characters`)
    .optional();
const coordinate = (v: string) => Number.isFinite(Number(v)) && Math.abs(Number(v)) <= 180;

export const EventFilter = z.object({
  country: z.preprocess(list, z.array(z.enum(["RU", "UA"]))).optional(),
  region: z
    .preprocess(list, z.array(z.string().regex(/^(RU|UA)-[A-Z0-9]{2,3}$/, "region must be an ISO 3166-2 code such as RU-BEL")))
    .optional(),
  kind: z.preprocess(list, z.array(z.enum(["interception", "strike", "attack"]))).optional(),
  weapon: z.preprocess(list, z.array(z.enum(["drone", "missile", "glide_bomb", "artillery", "unknown"]))).optional(),
  from: day("from"),
  to: day("to"),
  settlement: plainText("settlement"),
  q: plainText("q"),
  bbox: z
    .string()
    .regex(/^-?\d{1,3}(\.\d{1,12})?(,-?\d{1,3}(\.\d{1,12})?){3}$/, "bbox must be minLon,minLat,maxLon,maxLat")
    .refine((v) => v.split(",").every(coordinate), "bbox coordinates must lie between -180 and 180")
    .optional(),
  /** Default: relevance when there is a `q`, else -date. */
  sort: z.enum(SORTS, { message: `sort must be one of ${SORTS.join(", ")} (a leading - sorts descending)` }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(1500).optional(),
});
export type EventFilter = z.infer<typeof EventFilter>;
/** A filter with its search resolved (src/search): what `q` and `settlement` name, in any language. */
export type EventQuery = EventFilter & { search?: SearchPlan };

/** A request's query as a filter (400 on anything invalid), with `q` and `settlement` resolved through the gazetteer. */
export function eventQuery(query: unknown, places: PlaceResolver | null | undefined): EventQuery {
  const f = EventFilter.parse(query);
  const search = planSearch(f, places?.searchSettlements ? (name) => places.searchSettlements?.(name) ?? [] : null);
  return search ? { ...f, search } : f;
}

const DATE_KEY = sql`coalesce(${events.date}, '0001-01-01'::date)`;

/** The filter's resolved search; without one (a caller that did not resolve it), q is read without the gazetteer. */
const searchOf = (f: EventFilter): SearchPlan | undefined => (f as EventQuery).search ?? planSearch(f, null);

/** The sort a filter asks for: relevance by default when it has a q. */
const sortOf = (f: EventFilter) => f.sort ?? (f.q ? "relevance" : "-date");

function conditions(f: EventFilter): SQL[] {
  // Merged and withdrawn events keep their rows (and ids) but are listed nowhere.
  const c: SQL[] = [eq(events.state, "live")];
  if (f.country?.length) c.push(inArray(events.country, f.country));
  if (f.region?.length) c.push(inArray(events.region, f.region));
  if (f.kind?.length) c.push(inArray(events.kind, f.kind));
  if (f.weapon?.length) c.push(inArray(events.weapon, f.weapon));
  // Dates are compared through the same expression the default order uses, so one index serves
  // both the filter and the order (an undated event matches no date filter).
  // Both forms, so that the planner can use a (column, date) index or the order index.
  if (f.from) c.push(sql`${events.date} >= ${f.from}::date AND ${DATE_KEY} >= ${f.from}::date`);
  if (f.to) c.push(sql`${events.date} <= ${f.to}::date AND ${DATE_KEY} <= ${f.to}::date`);
  if (f.bbox) {
    const [minLon, minLat, maxLon, maxLat] = f.bbox.split(",").map(Number);
    c.push(sql`${events.lon} BETWEEN ${minLon} AND ${maxLon} AND ${events.lat} BETWEEN ${minLat} AND ${maxLat}`);
  }
  // q and settlement as resolved for the request (src/search); a filter parsed without it searches nothing by them.
  c.push(...searchConditions(searchOf(f)));
  return c;
}

/** A query the client got wrong (answered 400). */
export class BadQuery extends Error {}

/** The expression a sort key orders by: never NULL, so that (key, id) pairs order every row. */
function sortExpression(key: SortKey): { expr: SQL; cast: SQL } {
  switch (key) {
    case "date":
      return { expr: DATE_KEY, cast: sql`date` };
    case "id":
      return { expr: sql`${events.id}`, cast: sql`int` };
    case "count":
    case "killed":
    case "injured":
    case "sources":
      return { expr: sql`coalesce(${events[key]}, -1)`, cast: sql`int` };
    default:
      return { expr: sql`coalesce(${events[key]}, '')`, cast: sql`text` };
  }
}

/** Whether a cursor's key can be what the sort key's expression yields (as text). */
function validKey(key: SortKey | "relevance", value: string): boolean {
  switch (key) {
    case "relevance": {
      const [rank, date, extra] = value.split("|");
      return extra === undefined && /^[123]$/.test(rank ?? "") && isCalendarDate(date ?? "");
    }
    case "date":
      return isCalendarDate(value);
    case "id":
    case "count":
    case "killed":
    case "injured":
    case "sources":
      return /^-?\d{1,10}$/.test(value) && Math.abs(Number(value)) <= MAX_INT;
    default:
      return value.length <= 1000 && !hasLineControlCharacters(value);
  }
}

/** Cursor: the sort key (as text) and id of the last row seen, base64url-encoded; checked against the sort before use. */
export function decodeCursor(cursor: string, sort: SortKey | "relevance"): { key: string; id: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === 2) {
    const [key, id] = parsed;
    const text = typeof key === "number" ? String(key) : key;
    if (typeof text === "string" && Number.isInteger(id) && id >= 0 && id <= MAX_INT && validKey(sort, text)) return { key: text, id };
  }
  throw new BadQuery("cursor is not valid for this sort: pass back the 'next' value of the previous page, with the same sort");
}

/**
 * The order of a filter's pages: its ORDER BY, the key a cursor keeps (as text), and the keyset
 * condition after a row (its key's parts and id: values, or placeholders of a compiled page query).
 */
function pageOrder(f: EventFilter): { order: SQL[]; keyText: SQL; after: (key: unknown, date: unknown, id: unknown) => SQL } {
  const sort = sortOf(f);
  if (sort === "relevance") {
    // (relevance, date, id), all descending; the cursor's key is "relevance|date".
    const rank = relevanceExpression(searchOf(f));
    return {
      keyText: sql`${rank}::text || '|' || ${DATE_KEY}::text`,
      order: [sql`(${rank}) DESC`, desc(DATE_KEY), desc(events.id)],
      after: (r, d, id) => sql`(${rank}, ${DATE_KEY}, ${events.id}) < (${r}::int, ${d}::date, ${id})`,
    };
  }
  const descending = sort.startsWith("-");
  const key = sort.replace(/^-/, "") as SortKey;
  const { expr, cast } = sortExpression(key);
  return {
    keyText: sql`${expr}::text`,
    order: descending ? [desc(expr), desc(events.id)] : [asc(expr), asc(events.id)],
    after: (k, _d, id) =>
      descending ? sql`(${expr}, ${events.id}) < (${k}::${cast}, ${id})` : sql`(${expr}, ${events.id}) > (${k}::${cast}, ${id})`,
  };
}

/** A cursor's key as pageOrder's `after` takes it: a relevance key "rank|date" in its two parts. */
const keyParts = (f: EventFilter, key: string): [unknown, unknown] => {
  if (sortOf(f) !== "relevance") return [key, null];
  const [r, d] = key.split("|");
  return [Number(r), d];
};

/**
 * One page of events in the filter's order, after its cursor (no count: exports read page after
 * page), or with `withTotal` the count of all the rows `where` selects too (count(*) OVER (): for a
 * first page whose matches are read in full anyway, as a narrow q's are).
 */
async function eventPage(db: Db, f: EventFilter, where: SQL[], limit: number, withTotal = false) {
  const { order, keyText, after } = pageOrder(f);
  const page = [...where];
  if (f.cursor) {
    const sort = sortOf(f);
    const c = decodeCursor(f.cursor, sort === "relevance" ? "relevance" : (sort.replace(/^-/, "") as SortKey));
    page.push(after(...keyParts(f, c.key), c.id));
  }
  const rows = await db
    .select({ row: events, key: sql<string>`${keyText}`, total: withTotal ? sql<number>`(count(*) OVER ())::int` : sql<number>`0` })
    .from(events)
    .where(page.length ? and(...page) : undefined)
    .orderBy(...order)
    .limit(limit + 1);
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const next = more && last ? Buffer.from(JSON.stringify([last.key, last.row.id])).toString("base64url") : null;
  return { events: items.map((r) => r.row), next, total: withTotal ? Number(rows[0]?.total ?? 0) : undefined };
}

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

/** The filter's key in the count cache: what it selects, not how it is paged. */
const countKey = (f: EventFilter) => {
  const { sort: _s, limit: _l, cursor: _c, ...counted } = f;
  return JSON.stringify(counted);
};

/**
 * The exact total of a filter: from the statistics summary when it answers the filter (its
 * dimensions and days: a few thousand summary rows rather than every event), else a count of the
 * events; either reused while the events are unchanged (count-cache.ts).
 */
function exactTotal(db: Db, f: EventFilter, where: SQL[]): Promise<number> {
  return cachedTotal(db, countKey(f), async () => {
    if (summaryAnswers(f)) return totalFromSummary(db, f);
    const [row] = await db
      .select({ total: sql<number>`count(*)::int` })
      .from(events)
      .where(where.length ? and(...where) : undefined);
    return row.total;
  });
}

/** Live events (from the summary), for the size of a broad search. */
const liveTotal = (db: Db) => cachedTotal(db, "summary:live", () => totalFromSummary(db, {}));

/**
 * Matches of a q beyond which it is broad: its page is read in the list's order, each event tested,
 * and its total is estimated. Reading M matches and sorting them costs about M; walking the order
 * costs about limit × live / M rows: the two meet near √(limit × live).
 */
export const broadSearchCap = (limit: number, live: number) => Math.min(20_000, Math.max(1000, Math.round(Math.sqrt((limit + 1) * live))));

/** Events of a filter's newest ones tested for an estimated total (each a short probe through indexes). */
export const ESTIMATE_SAMPLE = 200;

/** The sorts a broad q is read in through an index: its relevance parts, or the date order. */
const BROAD_SORTS = new Set(["relevance", "date", "-date"]);

type EventRow = typeof events.$inferSelect;

export interface EventList {
  events: EventRow[];
  next: string | null;
  total: number;
  /** true: `total` is an estimate (a broad q: see broadSearch), false: it is exact. */
  totalEstimated: boolean;
}

export async function listEvents(db: Db, f: EventFilter): Promise<EventList> {
  const search = searchOf(f);
  if (search?.q && BROAD_SORTS.has(sortOf(f))) {
    // A q read in the list's order: broad (beyond the cap) → broadSearch; else its matches, collected
    // once, give the page and the total.
    const cap = broadSearchCap(f.limit, await liveTotal(db));
    if (await textLooksBroad(db, search.q.text, cap)) return broadSearch(db, f, search);
    const probe = candidateIds(search.q, cap);
    const [row] = probe
      ? rowsOf<{ n: number; ids: string; elsewhere: string }>(await db.execute(probe))
      : [{ n: 0, ids: "{}", elsewhere: "{}" }];
    if (Number(row?.n ?? 0) > cap) return broadSearch(db, f, search);
    const base = conditions(withoutQ(f, search));
    const atPlaces = await settlementsPage(db, f, search.q, base, String(row?.elsewhere ?? "{}"));
    if (atPlaces) return atPlaces;
    const where = [...base, sql`${events.id} = ANY(${String(row?.ids ?? "{}")}::int[])`];
    if (!f.cursor) {
      const page = await eventPage(db, f, where, f.limit, true);
      return { events: page.events, next: page.next, total: page.total ?? 0, totalEstimated: false };
    }
    const [total, page] = await Promise.all([exactTotal(db, f, where), eventPage(db, f, where, f.limit)]);
    return { ...page, total, totalEstimated: false };
  }
  const where = conditions(f);
  // The total and the page run side by side (two connections on a server; PGlite queues them).
  const [total, page] = await Promise.all([exactTotal(db, f, where), eventPage(db, f, where, f.limit)]);
  return { ...page, total, totalEstimated: false };
}

/**
 * A narrow q's relevance page when its events at the settlements it names fill it (a mid-sized city):
 * read newest first through their index, as a broad q's are, instead of sorting every match; its
 * exact total counted in two parts (src/search/narrow-total.ts). Null when they do not fill it:
 * the page then needs the other matches, sorted (listEvents).
 */
async function settlementsPage(db: Db, f: EventFilter, q: NonNullable<SearchPlan["q"]>, base: SQL[], elsewhere: string) {
  if (!q.places.settlements.length || sortOf(f) !== "relevance") return null;
  const page = await relevancePage(db, f, { places: { settlements: q.places.settlements, regions: [] }, text: null }, base);
  // A next cursor: the page holds events at the settlements only, and more of them follow.
  if (!page.next) return null;
  const total = await cachedTotal(db, countKey(f), async () => {
    const [row] = rowsOf<{ n: number }>(await db.execute(narrowTotal(base, q.places.settlements, elsewhere)));
    return Number(row?.n ?? 0);
  });
  return { ...page, total, totalEstimated: false };
}

/** Whether each store has statistics of the evidence's lexemes, asked at most once a minute (pg_stats is a slow view on PGlite). */
const statistics = new WeakMap<Db, { ok: boolean; at: number }>();
async function hasTextStatistics(db: Db): Promise<boolean> {
  const known = statistics.get(db);
  if (known && performance.now() - known.at < 60_000) return known.ok;
  const ok = Boolean(rowsOf<{ ok: boolean }>(await db.execute(textStatistics))[0]?.ok);
  statistics.set(db, { ok, at: performance.now() });
  return ok;
}

/** Whether the planner's statistics (when ANALYZE made them) say that a q's text matches more than `cap` incidents. */
async function textLooksBroad(db: Db, text: string | null, cap: number): Promise<boolean> {
  if (!text || !(await hasTextStatistics(db))) return false;
  const [plan] = rowsOf<Record<string, unknown>>(await db.execute(textEstimate(text)));
  const json = Object.values(plan ?? {})[0];
  const parsed = (typeof json === "string" ? JSON.parse(json) : json) as Array<{ Plan?: { "Plan Rows"?: number } }>;
  const rows = parsed?.[0]?.Plan?.["Plan Rows"];
  return typeof rows === "number" && rows > cap;
}

/** The filter without its q (its settlement, resolved, stays). */
const withoutQ = (f: EventFilter, search: SearchPlan): EventQuery => ({
  ...f,
  q: undefined,
  search: search.settlement ? { settlement: search.settlement } : undefined,
});

/**
 * A q that names more events than broadSearchCap (a common word, a big city, a region): the page
 * is read through the order's indexes, each event tested (search-sql.ts matchesEvent), instead of
 * collecting every match and sorting them, and the total is estimated: the share of the filter's
 * newest ESTIMATE_SAMPLE events that match, times the filter's events without the q (exact, from
 * the summary or the count cache). The answer says so (totalEstimated).
 */
async function broadSearch(db: Db, f: EventFilter, search: SearchPlan): Promise<EventList> {
  const q = search.q as NonNullable<SearchPlan["q"]>;
  const rest = withoutQ(f, search);
  const base = conditions(rest);
  const page =
    sortOf(f) === "relevance" ? await relevancePage(db, f, q, base) : await eventPage(db, f, [...base, matchesEvent(q)], f.limit);
  const estimate = await cachedTotal(db, `estimate:${countKey(f)}`, async () => {
    const sample = await db
      .select({ hit: sql<boolean>`${matchesEvent(q)}` })
      .from(events)
      .where(and(...base))
      .orderBy(desc(DATE_KEY), desc(events.id))
      .limit(ESTIMATE_SAMPLE);
    if (!sample.length) return 0;
    const hits = sample.filter((r) => r.hit === true || (r.hit as unknown) === "t").length;
    return Math.round((hits / sample.length) * (await exactTotal(db, rest, base)));
  });
  // Never fewer than the page shows.
  const total = Math.max(estimate, f.cursor ? 0 : page.events.length + (page.next ? 1 : 0));
  return { ...page, total, totalEstimated: true };
}

/**
 * sort=relevance for a broad q: its parts best first (search-sql.ts relevanceParts), each read newest
 * first through its index until the page is full; the cursor ("rank|date", id) as for any relevance page.
 */
async function relevancePage(db: Db, f: EventFilter, q: NonNullable<SearchPlan["q"]>, base: SQL[]) {
  let after: { rank: number; date: string; id: number } | null = null;
  if (f.cursor) {
    const c = decodeCursor(f.cursor, "relevance");
    const [r, d] = c.key.split("|");
    after = { rank: Number(r), date: d, id: c.id };
  }
  const rows: Array<{ row: typeof events.$inferSelect; key: string }> = [];
  for (const part of relevanceParts(q)) {
    if (after && part.rank > after.rank) continue;
    const where = [...base, part.where];
    if (after && part.rank === after.rank) where.push(sql`(${DATE_KEY}, ${events.id}) < (${after.date}::date, ${after.id})`);
    rows.push(
      ...(await db
        .select({ row: events, key: sql<string>`${String(part.rank)} || '|' || ${DATE_KEY}::text` })
        .from(events)
        .where(and(...where))
        .orderBy(desc(DATE_KEY), desc(events.id))
        .limit(f.limit + 1 - rows.length)),
    );
    if (rows.length > f.limit) break;
  }
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  const next = more && last ? Buffer.from(JSON.stringify([last.key, last.row.id])).toString("base64url") : null;
  return { events: items.map((r) => r.row), next };
}

/** What a read of all pages fetched (for tests): the rows of its largest single read, a page or a narrow q's ids. */
export interface PageReads {
  reads: number;
  largestRead: number;
}

export interface AllPagesOptions {
  /** At most this many events (default 100,000). */
  max?: number;
  /** Events per page (default 500). */
  pageSize?: number;
  /** Conditions besides the filter's (the map's points: events placed at a settlement). */
  extra?: SQL[];
  /** Matches of a q beyond which it is read page by page through the order's indexes, never collected (default broadSearchCap). */
  broadAbove?: number;
  /** Counts the rows each database read gave back. */
  reads?: PageReads;
}

const counted = <T>(reads: PageReads | undefined, rows: number, value: T): T => {
  if (reads) {
    reads.reads++;
    reads.largestRead = Math.max(reads.largestRead, rows);
  }
  return value;
};

/**
 * Every event of a filter (for exports and map points), up to `max`, in keyset pages of `pageSize`,
 * in the filter's order (relevance for a q, as a list is): each page is one short query, so that
 * other requests are answered between pages (PGlite runs one at a time), and no page holds more than
 * `pageSize` events. A q's matches are collected only when they are few (up to `broadAbove` ids,
 * once); a broad q in relevance or date order is read as a broad list's page is (broadSearch), page
 * after page: its relevance parts one after the other, each newest first, or the date order's index
 * with each event tested — never more than a page held, however many events it matches.
 */
export async function* allEventPages(db: Db, f: EventFilter, options: AllPagesOptions = {}) {
  const plan = await pagePlan(db, f, options);
  const page = plan.page ?? ((g: EventFilter, limit: number) => eventPage(db, g, plan.where, limit));
  yield* keysetPages(f, options, page);
}

type PageReader<T> = (g: EventFilter, limit: number) => Promise<{ events: T[]; next: string | null }>;

/** How allEventPages reads a filter's pages: by `where` in the filter's order, or (a broad q in relevance order) by `page`. */
async function pagePlan(db: Db, f: EventFilter, options: AllPagesOptions): Promise<{ where: SQL[]; page?: PageReader<EventRow> }> {
  const { pageSize = 500, extra = [], reads } = options;
  const search = searchOf(f);
  const where = [...conditions(f), ...extra];
  if (!search?.q) return { where };
  const cap = options.broadAbove ?? broadSearchCap(pageSize, await liveTotal(db));
  const base = [...conditions(withoutQ(f, search)), ...extra];
  let broad = await textLooksBroad(db, search.q.text, cap);
  let narrow: SQL[] | null = null;
  if (!broad) {
    const probe = candidateIds(search.q, cap);
    const [row] = probe ? rowsOf<{ n: number; ids: string }>(await db.execute(probe)) : [{ n: 0, ids: "{}" }];
    broad = counted(reads, Number(row?.n ?? 0), Number(row?.n ?? 0) > cap);
    narrow = [...base, sql`${events.id} = ANY(${String(row?.ids ?? "{}")}::int[])`];
  }
  const q = search.q;
  if (broad && sortOf(f) === "relevance") return { where, page: (g) => relevancePage(db, g, q, base) };
  if (broad && BROAD_SORTS.has(sortOf(f))) return { where: [...base, matchesEvent(q)] };
  // A broad q in another order (count, region…) has no index to walk: its matches are sorted
  // for each page, as a list in that order does (testing each event instead would read them all per page).
  if (broad) return { where };
  return { where: narrow ?? where };
}

/** Page after page of `page`, each after the last one's cursor, up to options.max events. */
async function* keysetPages<T>(f: EventFilter, options: AllPagesOptions, page: PageReader<T>) {
  const { max = 100_000, pageSize = 500, reads } = options;
  let cursor: string | undefined;
  let seen = 0;
  do {
    const limit = Math.min(pageSize, max - seen);
    const { events: rows, next } = await page({ ...f, cursor, limit }, limit);
    counted(reads, rows.length + (next ? 1 : 0), null);
    seen += rows.length;
    if (rows.length) yield rows;
    cursor = seen < max ? (next ?? undefined) : undefined;
  } while (cursor);
}

/** The columns of an event that the exports write (export-rows.ts). */
export type ExportEvent = Pick<
  EventRow,
  | "id"
  | "date"
  | "kind"
  | "weapon"
  | "country"
  | "region"
  | "settlement"
  | "waterArea"
  | "lat"
  | "lon"
  | "geoPrecision"
  | "count"
  | "killed"
  | "injured"
  | "officials"
  | "sources"
  | "disagreements"
>;

/** A raw statement's runner (Store.execute): rows as the driver gives them. */
export type RawQuery = (statement: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * ExportEvent's columns, named as its fields, as the driver gives them (as drizzle maps them: the date
 * as the server's text, jsonb parsed, numbers as numbers); no others (targets, updated_at: parsed for nothing).
 */
const EXPORT_SELECT = sql.raw(
  [
    '"events"."id" AS "id"',
    '"events"."date"::text AS "date"',
    '"events"."kind" AS "kind"',
    '"events"."weapon" AS "weapon"',
    '"events"."country" AS "country"',
    '"events"."region" AS "region"',
    '"events"."settlement" AS "settlement"',
    '"events"."water_area" AS "waterArea"',
    '"events"."lat" AS "lat"',
    '"events"."lon" AS "lon"',
    '"events"."geo_precision" AS "geoPrecision"',
    '"events"."count" AS "count"',
    '"events"."killed" AS "killed"',
    '"events"."injured" AS "injured"',
    '"events"."officials" AS "officials"',
    '"events"."sources" AS "sources"',
    '"events"."disagreements" AS "disagreements"',
  ].join(", "),
);

const dialect = new PgDialect();

/**
 * A filter's page query compiled once (drizzle builds its text once, not for every page: building
 * and mapping a page's query and rows through drizzle was a tenth of an export's CPU), run raw with
 * the cursor's key and id and the limit as parameters.
 */
function compiledPages(f: EventFilter, where: SQL[], run: RawQuery): PageReader<ExportEvent> {
  const { order, keyText, after } = pageOrder(f);
  const statement = (conds: SQL[]) =>
    dialect.sqlToQuery(
      sql`SELECT ${EXPORT_SELECT}, (${keyText}) AS "key" FROM ${events} WHERE ${conds.length ? and(...conds) : sql`true`} ORDER BY ${sql.join(order, sql`, `)} LIMIT ${sql.placeholder("limit")}`,
    );
  const first = statement(where);
  const then = statement([...where, after(sql.placeholder("k"), sql.placeholder("d"), sql.placeholder("id"))]);
  let last: { key: string; id: number } | null = null;
  return async (g, limit) => {
    const [k, d] = last ? keyParts(f, last.key) : [null, null];
    const query = g.cursor && last ? then : first;
    const rows = await run(query.sql, fillPlaceholders(query.params, { limit: limit + 1, k, d, id: last?.id }));
    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows) as unknown as Array<ExportEvent & { key: string }>;
    const end = items[items.length - 1];
    last = more && end ? { key: String(end.key), id: end.id } : null;
    // The cursor is this reader's own (keysetPages passes it back): the last row's key is kept here.
    return { events: items, next: last ? "next" : null };
  };
}

/**
 * Every event of a filter as allEventPages reads them, with ExportEvent's columns only: pages read
 * by `where` run as one compiled statement (compiledPages) through `run`, a broad q's relevance
 * pages as allEventPages reads them.
 */
export async function* exportEventPages(db: Db, run: RawQuery, f: EventFilter, options: AllPagesOptions = {}) {
  const plan = await pagePlan(db, f, options);
  const page: PageReader<ExportEvent> = plan.page ?? compiledPages(f, plan.where, run);
  yield* keysetPages(f, options, page);
}

/** Every event of a filter, one at a time (see allEventPages). */
export async function* allEvents(db: Db, f: EventFilter, max = 100_000) {
  for await (const page of allEventPages(db, f, { max })) yield* page;
}

/** eventSources' statement: the event ids as one array parameter (not one parameter each). */
const SOURCES_SQL = `SELECT c.event_id AS "eventId", r.source AS "source", r.url AS "url"
  FROM claims c JOIN incidents i ON i.id = c.incident_id JOIN reports r ON r.id = i.report_id
  WHERE c.event_id = ANY($1::int[]) ORDER BY r.id`;

/** The outlets and URLs of each event's reports (for exports), in the order their reports were stored. */
export async function eventSources(run: RawQuery, ids: number[]): Promise<Map<number, { sources: string[]; urls: string[] }>> {
  if (!ids.length) return new Map();
  const rows = await run(SOURCES_SQL, [`{${ids.join(",")}}`]);
  return sourcesOf(rows as Array<{ eventId: number; source: string; url: string | null }>);
}

function sourcesOf(rows: Array<{ eventId: number; source: string; url: string | null }>) {
  const out = new Map<number, { sources: string[]; urls: string[] }>();
  for (const r of rows) {
    let entry = out.get(r.eventId);
    if (!entry) {
      entry = { sources: [], urls: [] };
      out.set(r.eventId, entry);
    }
    if (!entry.sources.includes(r.source)) entry.sources.push(r.source);
    const url = httpUrlOrNull(r.url);
    if (url && !entry.urls.includes(url)) entry.urls.push(url);
  }
  return out;
}

/** Settlement-precision events as compact map points; region-precision events are drawn as regions. */
export type MapPoint = Pick<EventRow, "id" | "lat" | "lon" | "kind" | "date" | "settlement">;

/** At most this many map points. */
export const MAX_POINTS = 50_000;

/**
 * A filter's map points, a page at a time. Without a q, in one read (no order, as ever); with one,
 * in the list's order through allEventPages, so that a broad q's matches are never collected.
 */
export async function* eventPointPages(db: Db, f: EventFilter, options: Pick<AllPagesOptions, "pageSize" | "reads"> = {}) {
  const placed = [sql`${events.geoPrecision} = 1`, sql`${events.lat} IS NOT NULL`];
  if (!searchOf(f)?.q) {
    yield await db
      .select({ id: events.id, lat: events.lat, lon: events.lon, kind: events.kind, date: events.date, settlement: events.settlement })
      .from(events)
      .where(and(...conditions(f), ...placed))
      .limit(MAX_POINTS);
    return;
  }
  for await (const page of allEventPages(db, f, {
    max: MAX_POINTS,
    pageSize: options.pageSize ?? 5000,
    extra: placed,
    reads: options.reads,
  }))
    yield page.map((e): MapPoint => ({ id: e.id, lat: e.lat, lon: e.lon, kind: e.kind, date: e.date, settlement: e.settlement }));
}

/**
 * An event with its claims. A merged event answers with the event it became part of (following
 * merges of merges), with `mergedInto` and `requestedId` saying so; a withdrawn one answers with
 * its last state and no claims (the API sends it as 410).
 */
export async function eventDetail(db: Db, id: number) {
  let [event] = await db.select().from(events).where(eq(events.id, id));
  for (let hops = 0; event?.state === "merged" && event.mergedInto !== null && hops < 50; hops++)
    [event] = await db.select().from(events).where(eq(events.id, event.mergedInto));
  if (!event) return null;
  const redirect = event.id !== id ? { mergedInto: event.id, requestedId: id } : {};
  if (event.state === "withdrawn") return { ...event, ...redirect, claims: [] };
  const rows = await db
    .select({
      claim: claims,
      incident: incidents,
      report: {
        id: reports.id,
        source: reports.source,
        url: reports.url,
        title: reports.title,
        published: reports.published,
        flags: reports.flags,
      },
    })
    .from(claims)
    .innerJoin(incidents, eq(incidents.id, claims.incidentId))
    .innerJoin(reports, eq(reports.id, incidents.reportId))
    .where(eq(claims.eventId, event.id))
    .orderBy(asc(incidents.id));
  return {
    ...event,
    ...redirect,
    claims: rows.map((r) => ({
      reason: r.claim.reason,
      incidentId: r.incident.id,
      count: r.incident.count,
      countQualifier: r.incident.countQualifier,
      killed: r.incident.killed,
      injured: r.incident.injured,
      official: r.incident.official,
      evidence: r.incident.evidence,
      evidenceSpans: r.incident.evidenceSpans,
      // A source URL that is not http(s) (stored before this was checked) is never served.
      report: { ...r.report, url: httpUrlOrNull(r.report.url) },
    })),
  };
}

export async function reportDetail(db: Db, id: number) {
  const [report] = await db.select().from(reports).where(eq(reports.id, id));
  if (!report) return null;
  const spans = await db
    .select({ id: incidents.id, kind: incidents.kind, evidenceSpans: incidents.evidenceSpans })
    .from(incidents)
    .where(eq(incidents.reportId, id));
  return { ...report, url: httpUrlOrNull(report.url), incidents: spans };
}

/** Whether the statistics summary (src/api/day-stats.ts) answers the filter: its dimensions and days only. */
const summaryAnswers = (f: EventFilter) => !f.q && !f.settlement && !f.bbox;

/** Live events per region with casualties (GET /api/stats/regions), from the summary; null when the filter needs the events. */
export async function regionStats(db: Db, f: EventFilter) {
  return summaryAnswers(f) ? cachedAnswer(db, `regions:${countKey(f)}`, () => regionsFromSummary(db, f)) : null;
}

/** /api/stats/daily's own parameter: how its rows are grouped (dailyGrouping). */
export const DailyQuery = z.object({
  by: z.enum(["day", "region"], { message: "by must be day (per day and kind) or region (per day, region and kind)" }).optional(),
});

/** /api/stats/daily's grouping: `by` as asked, else per region only when regions are asked (a small answer). */
export const dailyGrouping = (f: EventFilter, by?: DailyGrouping): DailyGrouping => by ?? (f.region?.length ? "region" : "day");

/** Live dated events per day and kind (and region, by=region), from the summary when it answers the filter. */
export async function dailyStats(db: Db, f: EventFilter, by: DailyGrouping = "region") {
  // Per day (a few thousand rows at most) the answer is kept like a total (count-cache.ts): many
  // dashboards asking at once are answered by one read of the summary.
  if (summaryAnswers(f) && by === "day") return cachedAnswer(db, `daily:${countKey(f)}`, () => dailyFromSummary(db, f, by));
  if (summaryAnswers(f)) return dailyFromSummary(db, f, by);
  const where = and(...conditions(f), sql`${events.date} IS NOT NULL`);
  if (by === "day")
    return db
      .select({ date: events.date, kind: events.kind, events: sql<number>`count(*)::int` })
      .from(events)
      .where(where)
      .groupBy(events.date, events.kind)
      .orderBy(asc(events.date), asc(events.kind));
  return db
    .select({ date: events.date, region: events.region, kind: events.kind, events: sql<number>`count(*)::int` })
    .from(events)
    .where(where)
    .groupBy(events.date, events.region, events.kind)
    .orderBy(asc(events.date), asc(events.region), asc(events.kind));
}
