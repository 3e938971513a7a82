// Daily counts reshaped for the charts: a continuous run of days, totals by kind and by region.
import type { DayCount, DayTotal } from "./api";
import { KINDS, type Kind } from "./filters";

export interface DaySeries {
  days: string[];
  /** byKind[kind][i]: events of that kind on days[i]. */
  byKind: Record<Kind, number[]>;
  totals: number[];
}

const DAY_MS = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Every day from the first to the last dated row, so that quiet days show as gaps, not as nothing. */
export function daySeries(rows: DayTotal[]): DaySeries {
  const dates = rows.map((r) => r.date).sort();
  const days: string[] = [];
  if (dates.length) for (let d = dates[0]; d <= dates[dates.length - 1] && days.length < 3660; d = addDays(d, 1)) days.push(d);
  const index = new Map(days.map((d, i) => [d, i]));
  const byKind = Object.fromEntries(KINDS.map((k) => [k, days.map(() => 0)])) as Record<Kind, number[]>;
  const totals = days.map(() => 0);
  for (const r of rows) {
    const i = index.get(r.date);
    if (i === undefined) continue;
    const kind = (KINDS.includes(r.kind as Kind) ? r.kind : "attack") as Kind;
    byKind[kind][i] += r.events;
    totals[i] += r.events;
  }
  return { days, byKind, totals };
}

const inRange = (date: string, from: string, to: string) => (!from || date >= from) && (!to || date <= to);

/** Events per region within the date range (the choropleth's figures). */
export function regionTotals(rows: DayCount[], from: string, to: string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const r of rows) if (r.region && inRange(r.date, from, to)) totals.set(r.region, (totals.get(r.region) ?? 0) + r.events);
  return totals;
}

/** The `n` regions with most events in the range, each with its daily series over `days`. */
export function topRegions(rows: DayCount[], days: string[], from: string, to: string, n: number) {
  const totals = regionTotals(rows, from, to);
  const top = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);
  const index = new Map(days.map((d, i) => [d, i]));
  return top.map(([region, total]) => {
    const series = days.map(() => 0);
    for (const r of rows) if (r.region === region && index.has(r.date)) series[index.get(r.date) as number] += r.events;
    return { region, total, series };
  });
}
