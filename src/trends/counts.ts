// The counting behind the trend flags, in SQL over the live events (merged and withdrawn ones keep
// their rows but count nowhere), the same statements on PGlite and PostgreSQL. Three queries, each
// bounded by the 35 days before as_of or by an index (events_region_date, events_region_settlement_date
// of migration 11), so that their time depends on the window's events, not on the table's size.
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../store/database.js";
import { type RegionDay, type RegionHistory, TREND_RULES, type TrendRules, trendWindows } from "./flags.js";

export interface TrendFilter {
  /** ISO 3166-2 codes (RU-BEL, UA-63); all regions when empty. */
  region?: string[];
  /** RU or UA; both when empty. */
  country?: string[];
}

/** Kinds that hit a place (an interception over a settlement is not a hit on it). */
const HIT_KINDS = sql.raw("('strike', 'attack')");
const within = (values: string[]) =>
  sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;

const rowsOf = (result: unknown) =>
  (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<Record<string, unknown>>;

function scope(f: TrendFilter, alias: string): SQL {
  const a = sql.raw(alias);
  const parts: SQL[] = [];
  if (f.region?.length) parts.push(sql`AND ${a}.region IN ${within(f.region)}`);
  if (f.country?.length) parts.push(sql`AND ${a}.country IN ${within(f.country)}`);
  return sql.join(parts, sql` `);
}

/** Per region and day of the 35 days ending on asOf: events, events with casualties, people, weapons. */
export async function regionDays(db: Db, asOf: string, filter: TrendFilter = {}, rules: TrendRules = TREND_RULES): Promise<RegionDay[]> {
  const { baseline } = trendWindows(asOf, rules);
  const rows = rowsOf(
    await db.execute(sql`SELECT e.region, e.date::text AS date, count(*)::int AS events,
        count(*) FILTER (WHERE coalesce(e.killed, 0) + coalesce(e.injured, 0) > 0)::int AS casualty_events,
        coalesce(sum(e.killed), 0)::int AS killed, coalesce(sum(e.injured), 0)::int AS injured,
        count(*) FILTER (WHERE e.weapon = 'drone')::int AS drones,
        count(*) FILTER (WHERE e.weapon = 'missile')::int AS missiles,
        count(*) FILTER (WHERE e.weapon = 'glide_bomb')::int AS glide_bombs
      FROM events e
      WHERE e.state = 'live' AND e.region IS NOT NULL
        AND e.date BETWEEN ${baseline.from}::date AND ${asOf}::date ${scope(filter, "e")}
      GROUP BY e.region, e.date`),
  );
  return rows.map((r) => ({
    region: String(r.region),
    date: String(r.date),
    events: Number(r.events),
    casualtyEvents: Number(r.casualty_events),
    killed: Number(r.killed),
    injured: Number(r.injured),
    drones: Number(r.drones),
    missiles: Number(r.missiles),
    glideBombs: Number(r.glide_bombs),
  }));
}

/** For the regions with events in the recent window: their last event day before it; and the settlements first hit in it. */
export async function regionHistory(
  db: Db,
  asOf: string,
  filter: TrendFilter = {},
  rules: TrendRules = TREND_RULES,
): Promise<RegionHistory> {
  const { recent } = trendWindows(asOf, rules);
  // One backward step of the (region, date) index per region.
  const previous = rowsOf(
    await db.execute(sql`SELECT r.region,
        (SELECT max(p.date) FROM events p WHERE p.region = r.region AND p.state = 'live' AND p.date < ${recent.from}::date)::text AS previous
      FROM (SELECT DISTINCT e.region FROM events e
            WHERE e.state = 'live' AND e.region IS NOT NULL
              AND e.date BETWEEN ${recent.from}::date AND ${asOf}::date ${scope(filter, "e")}) AS r`),
  );
  // A settlement is new when no live hit on it (same region, same canonical name) is dated before the window.
  const fresh = rowsOf(
    await db.execute(sql`SELECT e.region, e.settlement, min(e.date)::text AS first, count(*)::int AS events
      FROM events e
      WHERE e.state = 'live' AND e.region IS NOT NULL AND e.settlement IS NOT NULL AND e.kind IN ${HIT_KINDS}
        AND e.date BETWEEN ${recent.from}::date AND ${asOf}::date ${scope(filter, "e")}
        AND NOT EXISTS (SELECT 1 FROM events p
          WHERE p.region = e.region AND p.settlement = e.settlement AND p.state = 'live' AND p.settlement IS NOT NULL
            AND p.kind IN ${HIT_KINDS} AND p.date < ${recent.from}::date)
      GROUP BY e.region, e.settlement`),
  );
  const newSettlements: RegionHistory["newSettlements"] = new Map();
  for (const r of fresh) {
    const region = String(r.region);
    const list = newSettlements.get(region) ?? [];
    list.push({ settlement: String(r.settlement), date: String(r.first), events: Number(r.events) });
    newSettlements.set(region, list);
  }
  return {
    previousEventDate: new Map(previous.map((r) => [String(r.region), r.previous === null ? null : String(r.previous)])),
    newSettlements,
  };
}
