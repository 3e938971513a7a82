// The trends panel: the regions GET /api/trends flags as of the view's last day, each flag in
// words with the region's last 35 days as a sparkline and a link to the region's events over them.
import { useEffect, useState } from "preact/hooks";
import { placeName } from "../api";
import type { Filters } from "../filters";
import { filterQuery } from "../filters";
import type { MessageKey, Translator } from "../i18n";

export type TrendFlag = "rising" | "casualties_rising" | "new_region" | "new_settlement" | "weapon_shift";

/** A flag as GET /api/trends sends it (src/trends/flags.ts). */
export interface TrendRow {
  region: string;
  flag: TrendFlag;
  last_7d: number;
  baseline_7d: number;
  p_value: number | null;
  since: string;
  detail: Record<string, unknown>;
  series: number[];
}

export interface TrendReport {
  as_of: string;
  window: { recent: { from: string; to: string }; baseline: { from: string; to: string } };
  trends: TrendRow[];
}

interface Props {
  tr: Translator;
  /** The flags are fetched once this is true: after the rest of the page has its data (PGlite runs one query at a time). */
  start: boolean;
  /** The day the flags are as of: the view's end date, else its last day with events, else today. */
  asOf: string;
  filters: Filters;
  regionLabel(iso: string): string;
  /** The region's events over the flag's 35 days: a URL, and what a plain click does instead of loading it. */
  regionHref(iso: string, from: string, to: string): string;
  onRegion(iso: string, from: string, to: string): void;
  /** Every load's flags, for the map's badges. */
  onTrends(trends: TrendRow[]): void;
  /** Changes when the events change (the live stream), so that the flags are fetched again. */
  refresh: number;
}

const W = 140;
const H = 28;

/** Bars of the 35 days; the last 7 (the tested week) in the accent colour. */
function Sparkline({ series, label }: { series: number[]; label: string }) {
  const max = Math.max(1, ...series);
  const w = W / Math.max(1, series.length);
  let before = "";
  let recent = "";
  series.forEach((v, i) => {
    if (!v) return;
    const h = Math.max(1, (v / max) * (H - 2));
    const d = `M${(i * w + w * 0.1).toFixed(2)} ${(H - h).toFixed(2)}h${(w * 0.8).toFixed(2)}v${h.toFixed(2)}h${(-w * 0.8).toFixed(2)}Z`;
    if (i >= series.length - 7) recent += d;
    else before += d;
  });
  return (
    <svg class="sparkline" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <path class="before" d={before} />
      <path class="recent" d={recent} />
    </svg>
  );
}

/** "= 0.0031" or "< 0.0001", after a "p". */
const pText = (tr: Translator, p: number | null) => {
  if (p === null) return "";
  const f = new Intl.NumberFormat(tr.lang, { maximumSignificantDigits: 2 });
  return p < 0.0001 ? `< ${f.format(0.0001)}` : `= ${f.format(p)}`;
};

/** One flag in words, in the interface language. */
export function trendWords(tr: Translator, t: TrendRow): string {
  const base = tr.number(Math.round(t.baseline_7d * 10) / 10);
  switch (t.flag) {
    case "rising":
      return tr.t("trend.rising", { n: t.last_7d, base, p: pText(tr, t.p_value) });
    case "casualties_rising":
      return tr.t("trend.casualties_rising", {
        n: t.last_7d,
        base,
        p: pText(tr, t.p_value),
        killed: Number(t.detail.killed_7d ?? 0),
        injured: Number(t.detail.injured_7d ?? 0),
      });
    case "new_region":
      return t.detail.gap_days === null || t.detail.gap_days === undefined
        ? tr.t("trend.new_region.ever", { n: t.last_7d })
        : tr.t("trend.new_region", { n: t.last_7d, days: Number(t.detail.gap_days) });
    case "new_settlement": {
      const settlements = (t.detail.settlements ?? []) as Array<{ settlement: string; names?: { ru: string | null; uk: string | null } }>;
      const names = settlements.map((s) => placeName({ settlement: s.settlement, names: s.names ?? undefined }, tr.lang) ?? s.settlement);
      const shown = names.slice(0, 5).join(", ");
      return tr.t("trend.new_settlement", {
        places: names.length > 5 ? `${shown} ${tr.t("trends.more", { n: names.length - 5 })}` : shown,
      });
    }
    case "weapon_shift": {
      const weapons = [
        Number(t.detail.missiles_7d ?? 0) > 0 ? tr.t("weapon.missile") : null,
        Number(t.detail.glide_bombs_7d ?? 0) > 0 ? tr.t("weapon.glide_bomb") : null,
      ].filter(Boolean);
      return tr.t("trend.weapon_shift", {
        weapons: weapons.join(", ").toLowerCase(),
        n: t.last_7d,
        drones: Number(t.detail.drones_28d ?? 0),
      });
    }
  }
}

export function TrendsPanel({ tr, start, asOf, filters, regionLabel, regionHref, onRegion, onTrends, refresh }: Props) {
  const [report, setReport] = useState<TrendReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const q = filterQuery(filters, ["from", "to", "kind", "weapon", "q"]);
  q.set("as_of", asOf);
  const url = `/api/trends?${q}`;
  useEffect(() => {
    if (!start) return;
    const abort = new AbortController();
    fetch(url, { signal: abort.signal, headers: { accept: "application/json" } })
      .then(async (r) => {
        const body = await r.json();
        if (!r.ok) throw new Error(body?.error ?? `HTTP ${r.status}`);
        return body as TrendReport;
      })
      .then((body) => {
        setReport(body);
        setError(null);
        onTrends(body.trends);
      })
      .catch((e: Error) => {
        if (e.name !== "AbortError" && !abort.signal.aborted) setError(e.message);
      });
    return () => abort.abort();
  }, [url, refresh, start]);

  // One entry per region, its flags in the order the API ranks them.
  const byRegion = new Map<string, TrendRow[]>();
  for (const t of report?.trends ?? []) byRegion.set(t.region, [...(byRegion.get(t.region) ?? []), t]);
  const from = report?.window.baseline.from ?? asOf;
  return (
    <section class="trends" aria-labelledby="trends-title" data-trends-as-of={report?.as_of ?? ""}>
      <h2 id="trends-title">{tr.t("trends.title")}</h2>
      <p class="trends-intro">{tr.t("trends.intro", { date: tr.date(asOf) })}</p>
      {error && <p class="notice error">{tr.t("error", { message: error })}</p>}
      {report && byRegion.size === 0 && <p class="notice">{tr.t("trends.none", { date: tr.date(report.as_of) })}</p>}
      {byRegion.size > 0 && (
        <ul>
          {[...byRegion].map(([region, flags]) => (
            <li key={region} data-trend-region={region}>
              <div class="trend-head">
                <a
                  href={regionHref(region, from, asOf)}
                  onClick={(e) => {
                    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                    e.preventDefault();
                    onRegion(region, from, asOf);
                  }}
                >
                  {tr.t("trends.regionEvents", { region: regionLabel(region) })}
                </a>
                <Sparkline
                  series={flags[0].series}
                  label={tr.t("trends.sparkline", { region: regionLabel(region), date: tr.date(from) })}
                />
              </div>
              <ul class="trend-flags">
                {flags.map((t) => (
                  <li key={t.flag} data-trend-flag={t.flag}>
                    <strong>{tr.t(`trend.name.${t.flag}` as MessageKey)}</strong> {trendWords(tr, t)}{" "}
                    <span class="since">{tr.t("trends.since", { date: tr.date(t.since) })}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
