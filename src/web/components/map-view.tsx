// The map panel: region choropleth of the period's counts, clustered settlement-precision points.
import { useEffect, useRef, useState } from "preact/hooks";
import type { PointCollection, RegionCollection } from "../api";
import { KINDS } from "../filters";
import type { Translator } from "../i18n";
import type { EventMap, Focus, MapColors, RegionLines } from "./map-engine";

/** MapLibre is big: its download starts with the page, in parallel with the data, and is awaited here. */
export const loadMapEngine = () => import("./map-engine");

interface Props {
  tr: Translator;
  /** The map is created once this is true (after the rest of the page has its data). */
  start: boolean;
  regions: RegionCollection;
  lines: RegionLines;
  counts: Map<string, number>;
  /** Regions flagged in trends: a mark beside their names. */
  trendBadges?: Map<string, { text: string; title: string }>;
  points: PointCollection | null;
  selectedRegions: string[];
  theme: "light" | "dark";
  regionLabel(iso: string): string;
  /** The open event's place or region, which the map flies to. */
  focus: Focus;
  onEvent(id: number): void;
  onRegion(iso: string): void;
  onReady(): void;
}

/** Map colours come from the page's CSS variables, so the theme is defined in one place. */
function colorsFromCss(): MapColors {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(`--${name}`).trim();
  return {
    sea: v("map-sea"),
    neighbour: v("map-neighbour"),
    neighbourLine: v("map-neighbour-line"),
    land: v("map-land"),
    outline: v("map-outline"),
    border: v("map-border"),
    low: v("map-low"),
    high: v("map-high"),
    selected: v("accent"),
    halo: v("map-halo"),
    interception: v("kind-interception"),
    strike: v("kind-strike"),
    attack: v("kind-attack"),
  };
}

export function MapView(props: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<EventMap | null>(null);
  const [failed, setFailed] = useState(false);
  // Handlers change with every render; the map keeps calling the latest ones.
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    if (!props.start) return;
    let created: EventMap | null = null;
    let cancelled = false;
    loadMapEngine()
      .then(({ createEventMap }) =>
        createEventMap(
          container.current as HTMLElement,
          latest.current.regions,
          latest.current.lines,
          colorsFromCss(),
          {
            onEvent: (id) => latest.current.onEvent(id),
            onRegion: (iso) => latest.current.onRegion(iso),
            regionLabel: (iso) => latest.current.regionLabel(iso),
          },
          latest.current.tr,
        ),
      )
      .then((m) => {
        performance.mark("skywatch:map-ready");
        if (cancelled) return m.destroy();
        created = m;
        setMap(m);
      })
      .catch((error) => {
        console.warn("skywatch: map unavailable", error);
        setFailed(true);
        latest.current.onReady();
      });
    return () => {
      cancelled = true;
      created?.destroy();
    };
  }, [props.start]);

  const max = Math.max(1, ...props.counts.values());
  useEffect(() => map?.setRegionCounts(props.counts, max), [map, props.counts, max]);
  useEffect(() => map?.setSelectedRegions(props.selectedRegions), [map, props.selectedRegions]);
  useEffect(() => map?.setTrendBadges(props.trendBadges ?? new Map()), [map, props.trendBadges]);
  useEffect(() => {
    if (map && props.points) {
      map.setPoints(props.points);
      latest.current.onReady();
    }
  }, [map, props.points]);
  useEffect(() => map?.setColors(colorsFromCss()), [map, props.theme]);
  useEffect(() => map?.setTranslator(props.tr), [map, props.tr]);
  const focusKey = JSON.stringify(props.focus);
  useEffect(() => map?.focus(props.focus), [map, focusKey]);

  const { tr } = props;
  return (
    <section class="map-panel" aria-label={tr.t("map")}>
      {failed ? (
        <p class="notice">{tr.t("mapUnavailable")}</p>
      ) : (
        <div ref={container} class="map" data-map-ready={map ? "true" : "false"} />
      )}
      <div class="legend" aria-hidden={failed}>
        <span class="key">
          {tr.t("legend")} <span class="ramp" /> 1 – {tr.number(max)}
        </span>
        {KINDS.map((k) => (
          <span key={k} class="key">
            <span class={`swatch ${k}`} /> {tr.t(`kind.${k}`)}
          </span>
        ))}
      </div>
    </section>
  );
}
