// Statistics from the summary of migration 8 instead of a scan of events: event_day_stats holds
// totals per day, country, region, kind and weapon; triggers on events append what each statement
// changed to event_day_deltas, in the writing transaction (so a rollback leaves no trace). A read
// adds the two; now and then the deltas are folded into the totals (one statement, by one process
// at a time), so that the deltas stay few. Migration 13 adds event_day_totals (without the region)
// and event_totals (without the day), folded by the same statement: a read adds up the smallest.
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

/**
 * Totals and not yet folded deltas, as one relation, from the smallest summary that has what the
 * read needs: event_totals (migration 13: per country, region, kind and weapon, no day — a few
 * hundred rows) when neither the read nor the filter needs the day; event_day_totals (per day,
 * country, kind and weapon) when the day but not the region is needed; else event_day_stats.
 */
function summary(f: SummaryFilter, needs: { date: boolean; region: boolean }): SQL {
  const dated = needs.date || Boolean(f.from || f.to);
  const regional = needs.region || Boolean(f.region?.length);
  const [table, columns] = !dated
    ? [sql`event_totals`, sql`country, region, kind, weapon, events, killed, injured`]
    : !regional
      ? [sql`event_day_totals`, sql`date, country, kind, weapon, events, killed, injured`]
      : [sql`event_day_stats`, sql`date, country, region, kind, weapon, events, killed, injured`];
  return sql`(
  SELECT ${columns} FROM ${table} WHERE ${where(f)}
  UNION ALL
  SELECT ${columns} FROM event_day_deltas WHERE ${where(f)}
) AS s`;
}

/** Folds the deltas into the totals when there are many; a process that finds another folding leaves it to it. */
export async function foldDayStats(db: Db, threshold = FOLD_AFTER): Promise<void> {
  const [many] = rowsOf<{ n: number }>(
    await db.execute(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM event_day_deltas LIMIT ${threshold + 1}) AS d`),
  );
  if (Number(many?.n ?? 0) <= threshold) return;
  const folded = await db.transaction(async (tx) => {
    const [lock] = rowsOf<{ ok: boolean }>(await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS ok`));
    if (!lock?.ok) return false;
    // Each delta is deleted by exactly one fold (RETURNING gives only the rows this one removed);
    // the totals are written in key order, so two folds could not deadlock either.
    // The three summaries take the same deltas in the same statement (a data-modifying WITH runs
    // whether or not the statement reads it).
    await tx.execute(sql`WITH moved AS (DELETE FROM event_day_deltas RETURNING date, country, region, kind, weapon, events, killed, injured),
      sums AS (SELECT date, country, region, kind, weapon, sum(events)::int AS events, sum(killed)::int AS killed, sum(injured)::int AS injured
        FROM moved GROUP BY 1, 2, 3, 4, 5),
      per_region AS (INSERT INTO event_day_stats AS t (date, country, region, kind, weapon, events, killed, injured)
        SELECT * FROM sums ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (date, country, region, kind, weapon) DO UPDATE SET
          events = t.events + excluded.events, killed = t.killed + excluded.killed, injured = t.injured + excluded.injured),
      without_days AS (INSERT INTO event_totals AS t (country, region, kind, weapon, events, killed, injured)
        SELECT country, region, kind, weapon, sum(events)::int, sum(killed)::int, sum(injured)::int FROM sums
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        ON CONFLICT (country, region, kind, weapon) DO UPDATE SET
          events = t.events + excluded.events, killed = t.killed + excluded.killed, injured = t.injured + excluded.injured)
      INSERT INTO event_day_totals AS t (date, country, kind, weapon, events, killed, injured)
      SELECT date, country, kind, weapon, sum(events)::int, sum(killed)::int, sum(injured)::int FROM sums
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (date, country, kind, weapon) DO UPDATE SET
        events = t.events + excluded.events, killed = t.killed + excluded.killed, injured = t.injured + excluded.injured`);
    return true;
  });
  // The deleted deltas' pages would stay in the table, read by every check above, where nothing
  // vacuums (PGlite has no autovacuum): a vacuum of the few live rows left takes milliseconds.
  if (folded) await db.execute(sql`VACUUM event_day_deltas`).catch(() => {}); // (inside a caller's transaction it cannot run: the next fold will)
}

/**
 * How /api/stats/daily groups its rows: "day" per day and kind over the regions the filter picks
 * (a row per day and kind: what the timeline draws), "region" per day, region and kind (a row per
 * region too: hundreds of thousands on a large store unless a region or a window is asked).
 */
export type DailyGrouping = "day" | "region";

/** Live events per day and kind, and per region when `by` is "region" (the timeline's counts), from the summary. */
export async function dailyFromSummary(db: Db, f: SummaryFilter, by: DailyGrouping = "region") {
  await foldDayStats(db);
  if (by === "day") {
    const rows = rowsOf<{ date: string; kind: string; events: number }>(
      await db.execute(sql`SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, sum(events)::int AS events FROM ${summary(f, { date: true, region: false })}
        GROUP BY date, kind HAVING sum(events) > 0 ORDER BY date, kind`),
    );
    return rows.map((r) => ({ date: r.date, kind: r.kind, events: Number(r.events) }));
  }
  const rows = rowsOf<{ date: string; region: string; kind: string; events: number }>(
    await db.execute(sql`SELECT to_char(date, 'YYYY-MM-DD') AS date, region, kind, sum(events)::int AS events FROM ${summary(f, { date: true, region: true })}
      GROUP BY date, region, kind HAVING sum(events) > 0 ORDER BY date, region, kind`),
  );
  return rows.map((r) => ({ date: r.date, region: r.region === "" ? null : r.region, kind: r.kind, events: Number(r.events) }));
}

/**
 * Live events of a filter the summary answers (its dimensions and days), exactly: the summary's
 * dated events, and without a date bound the undated ones (in no summary; an index of migration 13
 * holds them). One statement, so one snapshot: a fold in between cannot count a delta twice.
 */
export async function totalFromSummary(db: Db, f: SummaryFilter): Promise<number> {
  await foldDayStats(db);
  const undated = f.from || f.to ? sql`0` : sql`(SELECT count(*) FROM events WHERE state = 'live' AND date IS NULL AND ${undatedWhere(f)})`;
  const [row] = rowsOf<{ n: number }>(
    await db.execute(
      sql`SELECT (coalesce((SELECT sum(events) FROM ${summary(f, { date: false, region: false })}), 0) + ${undated})::int AS n`,
    ),
  );
  return Number(row?.n ?? 0);
}

/** The summary's filter on events themselves (no country or region is '' there, NULL here). */
function undatedWhere(f: SummaryFilter): SQL {
  const c: SQL[] = [sql`TRUE`];
  if (f.country?.length) c.push(sql`country = ${jsonList(f.country)}`);
  if (f.region?.length) c.push(sql`region = ${jsonList(f.region)}`);
  if (f.kind?.length) c.push(sql`kind = ${jsonList(f.kind)}`);
  if (f.weapon?.length) c.push(sql`weapon = ${jsonList(f.weapon)}`);
  return sql.join(c, sql` AND `);
}

/** Live dated events per region with their casualties (region null: no region, e.g. a sea or a country-wide tally). */
export async function regionsFromSummary(db: Db, f: SummaryFilter) {
  await foldDayStats(db);
  const rows = rowsOf<{ region: string; events: number; killed: number; injured: number }>(
    await db.execute(sql`SELECT region, sum(events)::int AS events, sum(killed)::int AS killed, sum(injured)::int AS injured
      FROM ${summary(f, { date: false, region: true })} GROUP BY region HAVING sum(events) > 0 ORDER BY sum(events) DESC, region`),
  );
  return rows.map((r) => ({
    region: r.region === "" ? null : r.region,
    events: Number(r.events),
    killed: Number(r.killed),
    injured: Number(r.injured),
  }));
}
