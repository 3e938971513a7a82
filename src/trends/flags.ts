// The trend flags, pure: from a region's daily counts over the last 35 days (and the few facts the
// database adds: the event before them, settlements hit for the first time) to flags with their
// figures. The SQL that gathers the counts is in counts.ts; what each flag means is in the README
// ("Trends") and in TREND_RULES below, which the API also sends.
import { rateRiseTest } from "./poisson.js";

export const TREND_FLAGS = ["rising", "casualties_rising", "new_region", "new_settlement", "weapon_shift"] as const;
export type TrendFlag = (typeof TREND_FLAGS)[number];

/** The thresholds of the flags; changing one changes what a flag means, so the README names each. */
export const TREND_RULES = {
  /** The last days, ending on as_of (inclusive). */
  recentDays: 7,
  /** The days before them that set the usual rate. */
  baselineDays: 28,
  /** One-sided significance level of rising and casualties_rising: p-value below it flags. */
  alpha: 0.01,
  /** rising: at least this many events in the last 7 days (one event in a quiet region is no escalation). */
  minRising: 5,
  /** casualties_rising: at least this many events with people killed or injured in the last 7 days. */
  minCasualtyEvents: 3,
  /** new_region: no event in the region for at least this many days before the first of the last 7 days (or never). */
  newRegionGapDays: 30,
  /** weapon_shift: at least this many drone events, and no missile or glide bomb, in the 28 days before. */
  minDroneBaseline: 10,
} as const;
export type TrendRules = typeof TREND_RULES;

/** One region's day, as counts.ts reads it from the live events. */
export interface RegionDay {
  region: string;
  date: string;
  events: number;
  /** Events with at least one person killed or injured. */
  casualtyEvents: number;
  killed: number;
  injured: number;
  drones: number;
  missiles: number;
  glideBombs: number;
}

/** What the database says beyond the daily counts. */
export interface RegionHistory {
  /** The last event day before the recent window, null when there is none. */
  previousEventDate: Map<string, string | null>;
  /** Settlements of each region first hit (strike or attack) within the recent window, with that day. */
  newSettlements: Map<string, Array<{ settlement: string; date: string; events: number }>>;
}

export interface Trend {
  region: string;
  flag: TrendFlag;
  /** The flag's quantity in the last 7 days (events, events with casualties, missiles and glide bombs…). */
  last_7d: number;
  /** The same quantity's weekly rate in the 28 days before. */
  baseline_7d: number;
  /** One-sided p-value (rising, casualties_rising); null for the flags that are not a test. */
  p_value: number | null;
  /** The day the flagged change started: the first of the last 7 days that shows it. */
  since: string;
  detail: Record<string, unknown>;
  /** The region's events per day, the 35 days ending on as_of, oldest first (for a sparkline). */
  series: number[];
}

const DAY_MS = 86_400_000;
export const addDays = (iso: string, n: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The recent window and the baseline before it, for a day. */
export function trendWindows(asOf: string, rules: TrendRules = TREND_RULES) {
  const recentFrom = addDays(asOf, 1 - rules.recentDays);
  return {
    recent: { from: recentFrom, to: asOf },
    baseline: { from: addDays(recentFrom, -rules.baselineDays), to: addDays(recentFrom, -1) },
  };
}

type Counted = Omit<RegionDay, "region" | "date">;
const ZERO: Counted = { events: 0, casualtyEvents: 0, killed: 0, injured: 0, drones: 0, missiles: 0, glideBombs: 0 };
const add = (a: Counted, b: Counted): Counted => ({
  events: a.events + b.events,
  casualtyEvents: a.casualtyEvents + b.casualtyEvents,
  killed: a.killed + b.killed,
  injured: a.injured + b.injured,
  drones: a.drones + b.drones,
  missiles: a.missiles + b.missiles,
  glideBombs: a.glideBombs + b.glideBombs,
});
const firstDay = (days: RegionDay[], test: (d: RegionDay) => boolean) => days.find(test)?.date ?? null;
const round = (x: number) => Math.round(x * 1000) / 1000;

/** The flags of every region as of a day, most telling first (tested flags by p-value). */
export function trendFlags(asOf: string, days: RegionDay[], history: RegionHistory, rules: TrendRules = TREND_RULES): Trend[] {
  const { recent, baseline } = trendWindows(asOf, rules);
  const span = rules.recentDays + rules.baselineDays;
  const byRegion = new Map<string, RegionDay[]>();
  for (const d of days) {
    if (d.date < baseline.from || d.date > asOf) continue;
    const list = byRegion.get(d.region) ?? [];
    list.push(d);
    byRegion.set(d.region, list);
  }
  for (const region of history.newSettlements.keys()) if (!byRegion.has(region)) byRegion.set(region, []);
  const trends: Trend[] = [];
  const perWeek = (n: number) => round((n * rules.recentDays) / rules.baselineDays);
  for (const [region, list] of byRegion) {
    list.sort((a, b) => a.date.localeCompare(b.date));
    const series = Array.from({ length: span }, () => 0);
    for (const d of list) series[daysBetween(baseline.from, d.date)] += d.events;
    const inRecent = list.filter((d) => d.date >= recent.from);
    const now = inRecent.reduce(add, ZERO);
    const before = list.filter((d) => d.date < recent.from).reduce(add, ZERO);
    const flag = (f: TrendFlag, last: number, base: number, p: number | null, since: string, detail: Record<string, unknown>) =>
      trends.push({ region, flag: f, last_7d: last, baseline_7d: base, p_value: p, since, detail, series });

    const rising = rateRiseTest(now.events, before.events, rules.recentDays, rules.baselineDays);
    if (now.events >= rules.minRising && now.events > rising.expected && rising.pValue < rules.alpha)
      flag("rising", now.events, perWeek(before.events), rising.pValue, firstDay(inRecent, (d) => d.events > 0) ?? recent.from, {
        events_28d: before.events,
        alpha: rules.alpha,
        min_count: rules.minRising,
      });

    const hurt = rateRiseTest(now.casualtyEvents, before.casualtyEvents, rules.recentDays, rules.baselineDays);
    if (now.casualtyEvents >= rules.minCasualtyEvents && now.casualtyEvents > hurt.expected && hurt.pValue < rules.alpha)
      flag(
        "casualties_rising",
        now.casualtyEvents,
        perWeek(before.casualtyEvents),
        hurt.pValue,
        firstDay(inRecent, (d) => d.casualtyEvents > 0) ?? recent.from,
        {
          casualty_events_28d: before.casualtyEvents,
          killed_7d: now.killed,
          injured_7d: now.injured,
          killed_28d: before.killed,
          injured_28d: before.injured,
          alpha: rules.alpha,
          min_count: rules.minCasualtyEvents,
        },
      );

    const first = firstDay(inRecent, (d) => d.events > 0);
    if (first) {
      const previous = history.previousEventDate.get(region) ?? null;
      const gap = previous ? daysBetween(previous, first) : null;
      if (gap === null || gap >= rules.newRegionGapDays)
        flag("new_region", now.events, perWeek(before.events), null, first, {
          previous_event: previous,
          gap_days: gap,
          min_gap_days: rules.newRegionGapDays,
        });
    }

    const settlements = history.newSettlements.get(region) ?? [];
    if (settlements.length) {
      const sorted = [...settlements].sort((a, b) => a.date.localeCompare(b.date) || a.settlement.localeCompare(b.settlement));
      flag(
        "new_settlement",
        sorted.reduce((n, s) => n + s.events, 0),
        0,
        null,
        sorted[0].date,
        { settlements: sorted },
      );
    }

    const heavy = now.missiles + now.glideBombs;
    if (heavy > 0 && before.missiles + before.glideBombs === 0 && before.drones >= rules.minDroneBaseline)
      flag("weapon_shift", heavy, 0, null, firstDay(inRecent, (d) => d.missiles + d.glideBombs > 0) ?? recent.from, {
        missiles_7d: now.missiles,
        glide_bombs_7d: now.glideBombs,
        drones_28d: before.drones,
        min_drone_baseline: rules.minDroneBaseline,
      });
  }
  const order = (t: Trend) => TREND_FLAGS.indexOf(t.flag);
  return trends.sort(
    (a, b) => order(a) - order(b) || (a.p_value ?? 1) - (b.p_value ?? 1) || b.last_7d - a.last_7d || a.region.localeCompare(b.region),
  );
}
