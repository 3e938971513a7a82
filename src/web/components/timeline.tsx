// Daily counts stacked by kind, with a brush (drag across) that sets the date range;
// below it, small multiples for the most affected regions.
import { useRef, useState } from "preact/hooks";
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

export function Timeline({ tr, series, rows, from, to, regionLabel, onRange, onRegion }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const { days, byKind, totals } = series;
  const max = Math.max(1, ...totals);
  const bar = W / Math.max(days.length, 1);
  const dayAt = (clientX: number) => {
    const box = (svg.current as SVGSVGElement).getBoundingClientRect();
    return Math.min(days.length - 1, Math.max(0, Math.floor(((clientX - box.left) / box.width) * days.length)));
  };
  const selected = (i: number) =>
    drag ? i >= Math.min(drag.a, drag.b) && i <= Math.max(drag.a, drag.b) : (!from || days[i] >= from) && (!to || days[i] <= to);
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
            onPointerMove={(e) => drag && setDrag({ a: drag.a, b: dayAt(e.clientX) })}
            onPointerUp={() => {
              if (!drag) return;
              const [a, b] = [Math.min(drag.a, drag.b), Math.max(drag.a, drag.b)];
              setDrag(null);
              onRange(days[a], days[b]);
            }}
          >
            {days.map((day, i) => {
              let y = H;
              return (
                <g key={day} class={selected(i) ? "" : "dimmed"}>
                  <title>{`${tr.date(day)}: ${KINDS.map((k) => `${tr.t(`kind.${k}`)} ${byKind[k][i]}`).join(", ")}`}</title>
                  {KINDS.map((k) => {
                    const h = (byKind[k][i] / max) * (H - 4);
                    y -= h;
                    return h > 0 ? <rect key={k} class={`bar ${k}`} x={i * bar + bar * 0.1} width={bar * 0.8} y={y} height={h} /> : null;
                  })}
                </g>
              );
            })}
          </svg>
          <div class="axis">
            <span>{tr.date(days[0])}</span>
            <span>
              {tr.t("timelineHint")} · max {tr.number(max)}
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
                {series.map((v, i) => (v ? <rect key={i} x={i} width={0.9} y={20 - (v / max) * 20} height={(v / max) * 20} /> : null))}
              </svg>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
