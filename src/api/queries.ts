// Event queries behind the API: filters, keyset pagination, and the ACLED-style export rows.
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { hasLineControlCharacters, httpUrlOrNull, isCalendarDate } from "../ingest/report-fields.js";
import type { Db } from "../store/database.js";
import { claims, events, incidents, reports } from "../store/schema.js";

const list = (v: unknown) =>
  typeof v === "string"
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : v;

const SORT_KEYS = ["date", "id", "region", "kind", "weapon", "settlement", "count", "killed", "injured", "sources"] as const;
type SortKey = (typeof SORT_KEYS)[number];
const SORTS = SORT_KEYS.flatMap((k) => [k, `-${k}`]) as [string, ...string[]];

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
  sort: z.enum(SORTS, { message: `sort must be one of ${SORTS.join(", ")} (a leading - sorts descending)` }).default("-date"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(1500).optional(),
});
export type EventFilter = z.infer<typeof EventFilter>;

const DATE_KEY = sql`coalesce(${events.date}, '0001-01-01'::date)`;

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
  if (f.settlement) c.push(ilike(events.settlement, `%${f.settlement.replace(/[%_\\]/g, "\\$&")}%`));
  if (f.bbox) {
    const [minLon, minLat, maxLon, maxLat] = f.bbox.split(",").map(Number);
    c.push(sql`${events.lon} BETWEEN ${minLon} AND ${maxLon} AND ${events.lat} BETWEEN ${minLat} AND ${maxLat}`);
  }
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, "\\$&")}%`;
    const condition = or(
      ilike(events.settlement, like),
      ilike(events.region, like),
      sql`EXISTS (SELECT 1 FROM ${claims} JOIN ${incidents} ON ${incidents.id} = ${claims.incidentId} WHERE ${claims.eventId} = ${events.id} AND ${incidents.evidence} ILIKE ${like})`,
    );
    if (condition) c.push(condition);
  }
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
function validKey(key: SortKey, value: string): boolean {
  switch (key) {
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
export function decodeCursor(cursor: string, sort: SortKey): { key: string; id: number } {
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

export async function listEvents(db: Db, f: EventFilter) {
  const where = conditions(f);
  const counting = db
    .select({ total: sql<number>`count(*)::int` })
    .from(events)
    .where(where.length ? and(...where) : undefined);
  const descending = f.sort.startsWith("-");
  const key = f.sort.replace(/^-/, "") as SortKey;
  const { expr, cast } = sortExpression(key);
  const page = [...where];
  if (f.cursor) {
    const c = decodeCursor(f.cursor, key);
    page.push(
      descending
        ? sql`(${expr}, ${events.id}) < (${c.key}::${cast}, ${c.id})`
        : sql`(${expr}, ${events.id}) > (${c.key}::${cast}, ${c.id})`,
    );
  }
  const order = descending ? [desc(expr), desc(events.id)] : [asc(expr), asc(events.id)];
  // The count and the page run side by side (two connections on a server; PGlite queues them).
  const [[{ total }], rows] = await Promise.all([
    counting,
    db
      .select({ row: events, key: sql<string>`${expr}::text` })
      .from(events)
      .where(page.length ? and(...page) : undefined)
      .orderBy(...order)
      .limit(f.limit + 1),
  ]);
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  const next = more && last ? Buffer.from(JSON.stringify([last.key, last.row.id])).toString("base64url") : null;
  return { events: items.map((r) => r.row), total, next };
}

/** Every event of a filter, page by page (for exports), up to `max`. */
export async function* allEvents(db: Db, f: EventFilter, max = 100_000) {
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await listEvents(db, { ...f, limit: 1000, cursor });
    for (const e of page.events) {
      if (seen++ >= max) return;
      yield e;
    }
    cursor = page.next ?? undefined;
  } while (cursor);
}

/** Settlement-precision events as compact map points; region-precision events are drawn as regions. */
export async function eventPoints(db: Db, f: EventFilter) {
  const where = [...conditions(f), sql`${events.geoPrecision} = 1`, sql`${events.lat} IS NOT NULL`];
  return db
    .select({ id: events.id, lat: events.lat, lon: events.lon, kind: events.kind, date: events.date, settlement: events.settlement })
    .from(events)
    .where(and(...where))
    .limit(50_000);
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

export async function dailyStats(db: Db, f: EventFilter) {
  const where = conditions(f);
  return db
    .select({ date: events.date, region: events.region, kind: events.kind, events: sql<number>`count(*)::int` })
    .from(events)
    .where(where.length ? and(...where, sql`${events.date} IS NOT NULL`) : sql`${events.date} IS NOT NULL`)
    .groupBy(events.date, events.region, events.kind)
    .orderBy(asc(events.date), asc(events.region), asc(events.kind));
}
