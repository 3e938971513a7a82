// Statistics from the summary of migration 8 instead of a scan of events: event_day_stats holds
// totals per day, country, region, kind and weapon; triggers on events append what each statement
// changed to event_day_deltas, in the writing transaction (so a rollback leaves no trace). A read
// adds the two; now and then the deltas are folded into the totals (one statement, by one process
// at a time), so that the deltas stay few.
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../store/database.js";

/** The filters the summary can answer: its dimensions and the day. */
export interface SummaryFilter {
  country?: string[];
  region?: string[];
  kind?: string[];
  weapon?: string[];
  from?: string;
  to?: string;
}

/** Deltas beyond this many are folded into the totals before a read. */
const FOLD_AFTER = 2000;
/** The advisory lock that lets one process fold at a time (the others read the deltas meanwhile). */
const FOLD_LOCK = 727_273;

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);
const jsonList = (values: string[]) => sql`ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)))`;

function where(f: SummaryFilter): SQL {
  const c: SQL[] = [sql`TRUE`];
  if (f.country?.length) c.push(sql`country = ${jsonList(f.country)}`);
  if (f.region?.length) c.push(sql`region = ${jsonList(f.region)}`);
  if (f.kind?.length) c.push(sql`kind = ${jsonList(f.kind)}`);
  if (f.weapon?.length) c.push(sql`weapon = ${jsonList(f.weapon)}`);
  if (f.from) c.push(sql`date >= ${f.from}::date`);
  if (f.to) c.push(sql`date <= ${f.to}::date`);
  return sql.join(c, sql` AND `);
}

/** Totals and not yet folded deltas, as one relation. */
const summary = (f: SummaryFilter) => sql`(
  SELECT date, country, region, kind, weapon, events, killed, injured FROM event_day_stats WHERE ${where(f)}
  UNION ALL
  SELECT date, country, region, kind, weapon, events, killed, injured FROM event_day_deltas WHERE ${where(f)}
) AS s`;

/** Folds the deltas into the totals when there are many; a process that finds another folding leaves it to it. */
export async function foldDayStats(db: Db, threshold = FOLD_AFTER): Promise<void> {
  const [many] = rowsOf<{ n: number }>(
    await db.execute(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM event_day_deltas LIMIT ${threshold + 1}) AS d`),
  );
  if (Number(many?.n ?? 0) <= threshold) return;
  await db.transaction(async (tx) => {
    const [lock] = rowsOf<{ ok: boolean }>(await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS ok`));
    if (!lock?.ok) return;
    // Each delta is deleted by exactly one fold (RETURNING gives only the rows this one removed);
    // the totals are written in key order, so two folds could not deadlock either.
    await tx.execute(sql`WITH moved AS (DELETE FROM event_day_deltas RETURNING date, country, region, kind, weapon, events, killed, injured),
      sums AS (SELECT date, country, region, kind, weapon, sum(events)::int AS events, sum(killed)::int AS killed, sum(injured)::int AS injured
        FROM moved GROUP BY 1, 2, 3, 4, 5)
      INSERT INTO event_day_stats AS t (date, country, region, kind, weapon, events, killed, injured)
      SELECT * FROM sums ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (date, country, region, kind, weapon) DO UPDATE SET
        events = t.events + excluded.events, killed = t.killed + excluded.killed, injured = t.injured + excluded.injured`);
  });
}

/** Live events per day, region and kind (the timeline's counts), from the summary. */
export async function dailyFromSummary(db: Db, f: SummaryFilter) {
  await foldDayStats(db);
  const rows = rowsOf<{ date: string; region: string; kind: string; events: number }>(
    await db.execute(sql`SELECT to_char(date, 'YYYY-MM-DD') AS date, region, kind, sum(events)::int AS events FROM ${summary(f)}
      GROUP BY date, region, kind HAVING sum(events) > 0 ORDER BY date, region, kind`),
  );
  return rows.map((r) => ({ date: r.date, region: r.region === "" ? null : r.region, kind: r.kind, events: Number(r.events) }));
}

/** Live dated events per region with their casualties (region null: no region, e.g. a sea or a country-wide tally). */
export async function regionsFromSummary(db: Db, f: SummaryFilter) {
  await foldDayStats(db);
  const rows = rowsOf<{ region: string; events: number; killed: number; injured: number }>(
    await db.execute(sql`SELECT region, sum(events)::int AS events, sum(killed)::int AS killed, sum(injured)::int AS injured
      FROM ${summary(f)} GROUP BY region HAVING sum(events) > 0 ORDER BY sum(events) DESC, region`),
  );
  return rows.map((r) => ({
    region: r.region === "" ? null : r.region,
    events: Number(r.events),
    killed: Number(r.killed),
    injured: Number(r.injured),
  }));
}
