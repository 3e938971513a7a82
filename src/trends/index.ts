// Trend detection: which regions show a change of pattern as of a day. flagsAsOf is the one entry
// point, for GET /api/trends and for anything that watches (trend alerts may call it once a day,
// or after each change, and compare with what they sent).
import type { Db } from "../store/database.js";
import { regionDays, regionHistory, type TrendFilter } from "./counts.js";
import { TREND_RULES, type Trend, type TrendRules, trendFlags, trendWindows } from "./flags.js";

export type { TrendFilter } from "./counts.js";
export {
  addDays,
  type RegionDay,
  type RegionHistory,
  TREND_FLAGS,
  TREND_RULES,
  type Trend,
  type TrendFlag,
  type TrendRules,
  trendFlags,
  trendWindows,
} from "./flags.js";
export { binomialUpperTail, poissonUpperTail, rateRiseTest } from "./poisson.js";

export interface TrendReport {
  as_of: string;
  /** The last 7 days (inclusive) and the 28 days before them. */
  window: ReturnType<typeof trendWindows>;
  rules: TrendRules;
  trends: Trend[];
}

/** Today in UTC, as a calendar date: the default as_of. */
export const todayUtc = (now = new Date()): string => now.toISOString().slice(0, 10);

/**
 * The trend flags as of a day (events dated after it are not seen), for all regions or those of
 * `filter`. Pure in the sense that matters to callers: the same events give the same flags, and
 * nothing is written.
 */
export async function flagsAsOf(db: Db, asOf: string, filter: TrendFilter = {}, rules: TrendRules = TREND_RULES): Promise<TrendReport> {
  const [days, history] = await Promise.all([regionDays(db, asOf, filter, rules), regionHistory(db, asOf, filter, rules)]);
  return { as_of: asOf, window: trendWindows(asOf, rules), rules, trends: trendFlags(asOf, days, history, rules) };
}
