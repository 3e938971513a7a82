// Event queries behind the API: filters, keyset pagination, and the ACLED-style export rows.
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../store/database.js";
import { claims, events, incidents, reports } from "../store/schema.js";

const list = (v: unknown) =>
  typeof v === "string"
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : v;

export const EventFilter = z.object({
  country: z.preprocess(list, z.array(z.enum(["RU", "UA"]))).optional(),
  region: z
    .preprocess(list, z.array(z.string().regex(/^(RU|UA)-[A-Z0-9]{2,3}$/, "region must be an ISO 3166-2 code such as RU-BEL")))
    .optional(),
  kind: z.preprocess(list, z.array(z.enum(["interception", "strike", "attack"]))).optional(),
  weapon: z.preprocess(list, z.array(z.enum(["drone", "missile", "glide_bomb", "artillery", "unknown"]))).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "from must be a date like 2025-07-21")
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "to must be a date like 2025-07-21")
    .optional(),
  settlement: z.string().max(200).optional(),
  q: z.string().max(200).optional(),
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, "bbox must be minLon,minLat,maxLon,maxLat")
    .optional(),
  sort: z.enum(["date", "-date", "id"]).default("-date"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(100).optional(),
});
export type EventFilter = z.infer<typeof EventFilter>;

const DATE_KEY = sql`coalesce(${events.date}, '0001-01-01'::date)`;

function conditions(f: EventFilter): SQL[] {
  const c: SQL[] = [];
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

/** Cursor: the sort key and id of the last row seen, base64url-encoded. */
function decodeCursor(cursor: string): { date: string | null; id: number } {
  try {
    const [date, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof id !== "number") throw new Error();
    return { date, id };
  } catch {
    throw new BadQuery("cursor is not valid: pass back the 'next' value of the previous page");
  }
}

export async function listEvents(db: Db, f: EventFilter) {
  const where = conditions(f);
  const counting = db
    .select({ total: sql<number>`count(*)::int` })
    .from(events)
    .where(where.length ? and(...where) : undefined);
  const page = [...where];
  const dateKey = DATE_KEY;
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    const d = c.date ?? "0001-01-01";
    if (f.sort === "-date") page.push(sql`(${dateKey}, ${events.id}) < (${d}::date, ${c.id})`);
    else if (f.sort === "date") page.push(sql`(${dateKey}, ${events.id}) > (${d}::date, ${c.id})`);
    else page.push(sql`${events.id} > ${c.id}`);
  }
  const order =
    f.sort === "-date" ? [desc(dateKey), desc(events.id)] : f.sort === "date" ? [asc(dateKey), asc(events.id)] : [asc(events.id)];
  // The count and the page run side by side (two connections on a server; PGlite queues them).
  const [[{ total }], rows] = await Promise.all([
    counting,
    db
      .select()
      .from(events)
      .where(page.length ? and(...page) : undefined)
      .orderBy(...order)
      .limit(f.limit + 1),
  ]);
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  const next = more && last ? Buffer.from(JSON.stringify([last.date, last.id])).toString("base64url") : null;
  return { events: items, total, next };
}

export async function eventDetail(db: Db, id: number) {
  const [event] = await db.select().from(events).where(eq(events.id, id));
  if (!event) return null;
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
    .where(eq(claims.eventId, id))
    .orderBy(asc(incidents.id));
  return {
    ...event,
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
      report: r.report,
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
  return { ...report, incidents: spans };
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
