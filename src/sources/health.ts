// A source's health, from what the scheduler recorded: when it last worked or failed and why,
// how many items it gave, how far behind its newest item is (lag), when it runs next, and
// whether it has been silent for longer than its usual gap between items. Pure.
import type { LastRun, Source, SourceKind, SourceType } from "./registry.js";

/** A source is silent when its newest item is older than this many of its usual gaps… */
export const SILENT_GAPS = 3;
/** …and older than half an hour (a busy feed pausing for a few minutes is not news). */
export const SILENT_FLOOR_SECONDS = 1800;

export type HealthState = "ok" | "failing" | "silent" | "never-run" | "disabled";

export interface SourceHealth {
  id: number;
  kind: SourceKind;
  address: string;
  label: string | null;
  type: SourceType;
  enabled: boolean;
  state: HealthState;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  /** Errors in a row (0 after a success); the next run waits longer with each. */
  failures: number;
  items: { seen: number; new: number; failed: number };
  lastRun: LastRun | null;
  newestItemAt: string | null;
  /** Seconds from the newest item's date to now. */
  lagSeconds: number | null;
  /** The usual gap between its items (seconds), learnt from the item dates it has seen. */
  typicalGapSeconds: number | null;
  silent: boolean;
  /** Why it is flagged silent, in words. */
  silentReason: string | null;
  nextRunAt: string;
  intervalSeconds: number;
  /** Being collected now (by leaseOwner). */
  leased: boolean;
  leaseOwner: string | null;
}

const words = (seconds: number) =>
  seconds >= 172800
    ? `${Math.round(seconds / 86400)} days`
    : seconds >= 7200
      ? `${Math.round(seconds / 3600)} hours`
      : `${Math.max(1, Math.round(seconds / 60))} minutes`;

export function sourceHealth(source: Source, now = Date.now()): SourceHealth {
  const lag = source.newestItemAt ? Math.max(0, Math.round((now - Date.parse(source.newestItemAt)) / 1000)) : null;
  const gap = source.typicalGapSeconds;
  const threshold = gap === null ? null : Math.max(SILENT_GAPS * gap, 2 * source.intervalSeconds, SILENT_FLOOR_SECONDS);
  const silent = source.enabled && lag !== null && threshold !== null && lag > threshold;
  const failing = source.failures > 0;
  const state: HealthState = !source.enabled
    ? "disabled"
    : failing
      ? "failing"
      : silent
        ? "silent"
        : source.lastRunAt === null
          ? "never-run"
          : "ok";
  const leased = source.leaseUntil !== null && Date.parse(source.leaseUntil) > now;
  return {
    id: source.id,
    kind: source.kind,
    address: source.address,
    label: source.label,
    type: source.type,
    enabled: source.enabled,
    state,
    lastRunAt: source.lastRunAt,
    lastSuccessAt: source.lastSuccessAt,
    lastErrorAt: source.lastErrorAt,
    lastError: source.lastError,
    failures: source.failures,
    items: { seen: source.itemsSeen, new: source.itemsNew, failed: source.itemsFailed },
    lastRun: source.lastRun,
    newestItemAt: source.newestItemAt,
    lagSeconds: lag,
    typicalGapSeconds: gap,
    silent,
    silentReason: silent && lag !== null && gap !== null ? `no new item for ${words(lag)}; it usually posts every ${words(gap)}` : null,
    nextRunAt: source.nextRunAt,
    intervalSeconds: source.intervalSeconds,
    leased,
    leaseOwner: leased ? source.leaseOwner : null,
  };
}

/** The median gap (seconds) between distinct item dates, or null with fewer than two. */
export function medianGap(dates: string[]): number | null {
  const times = [...new Set(dates.map((d) => Date.parse(d)).filter((t) => !Number.isNaN(t)))].sort((a, b) => a - b);
  if (times.length < 2) return null;
  const gaps = times.slice(1).map((t, i) => (t - times[i]) / 1000);
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)];
}
