// Daily counts stacked by kind, with a brush (drag across) that sets the date range;
// below it, small multiples for the most affected regions.
import { useMemo, useRef, useState } from "preact/hooks";
import type { DayCount } from "../api";
import { KINDS } from "../filters";
import type { Translator } from "../i18n";
import { type DaySeries, topRegions } from "../series";

interface Props {
  tr: Translator;
  series: DaySeries;
  rows: DayCount[];
  from: string;
  to: string;
  regionLabel(iso: string): string;
  onRange(from: string, to: string): void;
  onRegion(iso: string): void;
}

const W = 800;
const H = 120;

/** One SVG path of bars: a few elements however many days there are (a thousand days stay fast). */
function barsPath(values: number[], base: number[], width: number, scale: number, height = H): string {
  let d = "";
  for (let i = 0; i < values.length; i++) {
    if (!values[i]) continue;
    const h = values[i] * scale;
    // Bars stay slim when there are few days; they sit in the middle of their day's slot.
    const w = Math.min(width * 0.8, 16);
    const x = i * width + (width - w) / 2;
    d += `M${x.toFixed(2)} ${(height - (base[i] ?? 0) * scale - h).toFixed(2)}h${w.toFixed(2)}v${h.toFixed(2)}h${(-w).toFixed(2)}Z`;
  }
  return d;
}

export function Timeline({ tr, series, rows, from, to, regionLabel, onRange, onRegion }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const { days, byKind, totals } = series;
  const max = Math.max(1, ...totals);
  const bar = W / Math.max(days.length, 1);
  const scale = (H - 4) / max;
  const paths = useMemo(() => {
    const base = days.map(() => 0);
    return KINDS.map((k) => {
      const d = barsPath(byKind[k], base, bar, scale);
      byKind[k].forEach((v, i) => {
        base[i] += v;
      });
      return [k, d] as const;
    });
  }, [series]);
  const dayAt = (clientX: number) => {
    const box = (svg.current as SVGSVGElement).getBoundingClientRect();
    return Math.min(days.length - 1, Math.max(0, Math.floor(((clientX - box.left) / box.width) * days.length)));
  };
  // The chosen range: while dragging, the drag; otherwise the filter's dates.
  const [lo, hi] = drag
    ? [Math.min(drag.a, drag.b), Math.max(drag.a, drag.b)]
    : [from ? days.findIndex((d) => d >= from) : 0, to ? days.length - 1 - [...days].reverse().findIndex((d) => d <= to) : days.length - 1];
  const ranged = Boolean(drag || from || to);
  const total = totals.reduce((a, b) => a + b, 0);

  return (
    <section class="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{tr.t("timeline")}</h2>
      {days.length === 0 ? (
        <p class="notice">{tr.t("noEvents")}</p>
      ) : (
        <>
          <svg
            ref={svg}
            viewBox={`0 0 ${W} ${H}`}
            preserveAspectRatio="none"
            role="img"
            aria-label={`${tr.t("timeline")}: ${tr.date(days[0])} – ${tr.date(days[days.length - 1])}, ${tr.number(total)}. ${tr.t("timelineHint")}`}
            onPointerDown={(e) => {
              (e.currentTarget as SVGSVGElement).setPointerCapture(e.pointerId);
              const i = dayAt(e.clientX);
              setDrag({ a: i, b: i });
            }}
            onPointerMove={(e) => {
              const i = dayAt(e.clientX);
              setHover(i);
              if (drag) setDrag({ a: drag.a, b: i });
            }}
            onPointerLeave={() => setHover(null)}
            onPointerUp={() => {
              if (!drag) return;
              setDrag(null);
              onRange(days[lo], days[hi]);
            }}
          >
            {paths.map(([k, d]) => (
              <path key={k} class={`bar ${k}`} d={d} />
            ))}
            {ranged && lo > 0 && <rect class="outside" x={0} y={0} width={lo * bar} height={H} />}
            {ranged && hi >= 0 && hi < days.length - 1 && (
              <rect class="outside" x={(hi + 1) * bar} y={0} width={W - (hi + 1) * bar} height={H} />
            )}
          </svg>
          <div class="axis">
            <span>{tr.date(days[0])}</span>
            <span>
              {hover !== null
                ? `${tr.date(days[hover])}: ${KINDS.map((k) => `${tr.t(`kind.${k}`)} ${tr.number(byKind[k][hover])}`).join(", ")}`
                : `${tr.t("timelineHint")} · ${tr.t("timelineMax", { n: max })}`}
            </span>
            <span>{tr.date(days[days.length - 1])}</span>
          </div>
          <SmallMultiples tr={tr} regions={topRegions(rows, days, from, to, 6)} regionLabel={regionLabel} onRegion={onRegion} />
        </>
      )}
    </section>
  );
}

function SmallMultiples({
  tr,
  regions,
  regionLabel,
  onRegion,
}: {
  tr: Translator;
  regions: ReturnType<typeof topRegions>;
  regionLabel(iso: string): string;
  onRegion(iso: string): void;
}) {
  if (!regions.length) return null;
  const max = Math.max(1, ...regions.flatMap((r) => r.series));
  return (
    <div class="multiples">
      <h3>{tr.t("mostAffected")}</h3>
      <ul>
        {regions.map(({ region, total, series }) => (
          <li key={region}>
            <button type="button" onClick={() => onRegion(region)} aria-label={`${regionLabel(region)}: ${tr.number(total)}`}>
              <span class="name">{regionLabel(region)}</span>
              <span class="total">{tr.number(total)}</span>
              <svg viewBox={`0 0 ${series.length} 20`} preserveAspectRatio="none" aria-hidden="true">
                <path d={barsPath(series, [], 1, 20 / max, 20)} />
              </svg>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
