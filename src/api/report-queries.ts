// Browsing the stored reports (GET /api/reports): the newest version of each, by source, date
// and language, newest first, in keyset pages (index reports_published_order, migration 9).
import { and, desc, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { hasLineControlCharacters, httpUrlOrNull, isCalendarDate } from "../ingest/report-fields.js";
import type { Db } from "../store/database.js";
import { incidents, reports } from "../store/schema.js";
import { BadQuery, MAX_INT } from "./queries.js";

const list = (v: unknown) =>
  typeof v === "string"
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : v;
const day = (name: string) =>
  z.string().refine(isCalendarDate, `${name} must be a date like 2025-07-21, a real day of the calendar`).optional();

export const ReportFilter = z.object({
  source: z
    .preprocess(
      list,
      z
        .array(
          z
            .string()
            .max(200)
            .refine((v) => !hasLineControlCharacters(v), "source must not contain control characters"),
        )
        .max(50),
    )
    .optional(),
  language: z.preprocess(list, z.array(z.enum(["en", "ru", "uk"], { message: "language must be en, ru or uk" }))).optional(),
  from: day("from"),
  to: day("to"),
  /** Every version of a corrected report, not only the newest. */
  versions: z.enum(["latest", "all"], { message: "versions must be latest or all" }).default("latest"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ReportFilter = z.infer<typeof ReportFilter>;

const PUBLISHED_KEY = sql`coalesce(${reports.published}, '0001-01-01'::date)`;

function decodeReportCursor(cursor: string): { key: string; id: number } {
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof key === "string" && isCalendarDate(key) && Number.isInteger(id) && id > 0 && id <= MAX_INT) return { key, id };
  } catch {}
  throw new BadQuery("cursor is not valid: pass back the 'next' value of the previous page");
}

export async function listReports(db: Db, f: ReportFilter) {
  const where: SQL[] = [];
  if (f.source?.length) where.push(inArray(reports.source, f.source));
  if (f.language?.length) where.push(inArray(reports.language, f.language));
  if (f.from) where.push(sql`${PUBLISHED_KEY} >= ${f.from}::date AND ${reports.published} IS NOT NULL`);
  if (f.to) where.push(sql`${PUBLISHED_KEY} <= ${f.to}::date AND ${reports.published} IS NOT NULL`);
  if (f.versions === "latest")
    where.push(
      sql`NOT EXISTS (SELECT 1 FROM ${reports} AS newer WHERE newer.natural_key = ${reports.naturalKey} AND newer.version > ${reports.version})`,
    );
  const page = [...where];
  if (f.cursor) {
    const c = decodeReportCursor(f.cursor);
    page.push(sql`(${PUBLISHED_KEY}, ${reports.id}) < (${c.key}::date, ${c.id})`);
  }
  const [[{ total }], rows] = await Promise.all([
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(reports)
      .where(where.length ? and(...where) : undefined),
    db
      .select({
        id: reports.id,
        source: reports.source,
        url: reports.url,
        title: reports.title,
        published: reports.published,
        language: reports.language,
        version: reports.version,
        ingestedAt: reports.ingestedAt,
        chars: sql<number>`length(${reports.text})::int`,
        excerpt: sql<string>`left(${reports.text}, 280)`,
        incidents: sql<number>`(SELECT count(*)::int FROM ${incidents} WHERE ${incidents.reportId} = ${reports.id} AND ${incidents.current})`,
        key: sql<string>`${PUBLISHED_KEY}::text`,
      })
      .from(reports)
      .where(page.length ? and(...page) : undefined)
      .orderBy(desc(PUBLISHED_KEY), desc(reports.id))
      .limit(f.limit + 1),
  ]);
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  return {
    reports: items.map(({ key: _key, ...r }) => ({ ...r, url: httpUrlOrNull(r.url) })),
    total,
    next: more && last ? Buffer.from(JSON.stringify([last.key, last.id])).toString("base64url") : null,
  };
}
