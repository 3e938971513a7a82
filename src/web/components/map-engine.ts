// MapLibre behind a small interface, loaded on demand so the rest of the page is usable first.
// Fully offline: no tiles, fonts or sprites. The neighbouring countries come with the page (built
// from world-atlas), the regions and event points from the API, the labels are HTML over the canvas.

import basemap from "virtual:basemap";
import type { FeatureCollection, MultiLineString } from "geojson";
import type { GeoJSONSource, LngLatBoundsLike, MapLayerMouseEvent, MapMouseEvent } from "maplibre-gl";
import * as maplibregl from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import type { PointCollection, RegionCollection } from "../api";
import { KINDS, type Kind } from "../filters";
import type { Translator } from "../i18n";
import { type Cluster, clusterPoints, type EventPoint } from "../map/clusters";
import { LabelOverlay } from "../map/label-overlay";
import { mapLabels, regionShapes } from "../map/labels";
import { CITY_REGIONS } from "../map/places";

maplibregl.setWorkerUrl(workerUrl);
// Starts the worker while the page is still fetching its data.
maplibregl.prewarm();

export interface MapColors {
  sea: string;
  neighbour: string;
  neighbourLine: string;
  land: string;
  outline: string;
  border: string;
  low: string;
  high: string;
  selected: string;
  /** Around marks drawn over the shade: white in the light theme, near black in the dark. */
  halo: string;
  interception: string;
  strike: string;
  attack: string;
}

export interface MapHandlers {
  onEvent(id: number): void;
  onRegion(iso: string): void;
  regionLabel(iso: string): string;
}

export interface RegionLines {
  /** Between regions of one country. */
  inner: MultiLineString;
  /** Between Russia and Ukraine. */
  border: MultiLineString;
}

/** What the map should show: a point (an event placed at a settlement) or a region. */
export type Focus = { lngLat: [number, number] } | { region: string } | null;

export interface EventMap {
  setRegionCounts(counts: Map<string, number>, max: number): void;
  /** Marks beside the names of regions flagged in trends (src/web/components/trends-panel.tsx). */
  setTrendBadges(badges: Map<string, { text: string; title: string }>): void;
  setSelectedRegions(isos: string[]): void;
  setPoints(points: PointCollection): void;
  setColors(colors: MapColors): void;
  setTranslator(tr: Translator): void;
  /** Flies to the point or region; also rings the point. */
  focus(target: Focus): void;
  resize(): void;
  destroy(): void;
}

/** The initial view: Ukraine and western Russia. */
const HOME: LngLatBoundsLike = [
  [22, 43],
  [50, 58],
];
const CLUSTER_RADIUS = 40;

const kindColor = (c: MapColors): Record<Kind, string> => ({ interception: c.interception, strike: c.strike, attack: c.attack });

/** A ring of the cluster's kinds around its dominant colour (conic gradient, largest share first). */
function clusterBackground(cluster: Cluster, colors: MapColors): string {
  const total = cluster.ids.length;
  const palette = kindColor(colors);
  let at = 0;
  const stops = KINDS.filter((k) => cluster.byKind[k] > 0).map((k) => {
    const from = at;
    at += (cluster.byKind[k] / total) * 360;
    return `${palette[k]} ${from.toFixed(1)}deg ${at.toFixed(1)}deg`;
  });
  return `radial-gradient(circle, ${palette[cluster.kind]} 0 58%, transparent 59%), conic-gradient(${stops.join(", ")})`;
}

/** Creates the map in `container`; throws when the browser has no WebGL. */
export function createEventMap(
  container: HTMLElement,
  regions: RegionCollection,
  lines: RegionLines,
  colors: MapColors,
  handlers: MapHandlers,
  initialTr: Translator,
): Promise<EventMap> {
  performance.mark("skywatch:map-create");
  let tr = initialTr;
  const shapes = regionShapes(regions);
  const cityDots: FeatureCollection = {
    type: "FeatureCollection",
    features: [...CITY_REGIONS].flatMap((iso) => {
      const s = shapes.get(iso);
      return s ? [{ type: "Feature", properties: { iso }, geometry: { type: "Point", coordinates: s.label } }] : [];
    }),
  };
  const line = (geometry: MultiLineString): FeatureCollection => ({
    type: "FeatureCollection",
    features: [{ type: "Feature", properties: {}, geometry }],
  });
  const countLayers = (c: MapColors) =>
    [
      "case",
      [">", ["coalesce", ["feature-state", "count"], 0], 0],
      ["interpolate", ["linear"], ["feature-state", "count"], 1, c.low, Math.max(max, 2), c.high],
      c.land,
    ] as unknown as string;
  let max = 1;
  const map = new maplibregl.Map({
    container,
    style: {
      version: 8,
      sources: {
        countries: { type: "geojson", data: basemap.countries },
        neighbourBorders: { type: "geojson", data: basemap.borders },
        regions: { type: "geojson", data: regions as unknown as FeatureCollection, promoteId: "iso" },
        innerLines: { type: "geojson", data: line(lines.inner) },
        borderLine: { type: "geojson", data: line(lines.border) },
        cityRegions: { type: "geojson", data: cityDots, promoteId: "iso" },
        events: { type: "geojson", data: { type: "FeatureCollection", features: [] } },
        focus: { type: "geojson", data: { type: "FeatureCollection", features: [] } },
      },
      layers: [
        { id: "sea", type: "background", paint: { "background-color": colors.sea } },
        {
          id: "countries",
          type: "fill",
          source: "countries",
          paint: { "fill-color": ["case", ["get", "home"], colors.land, colors.neighbour] as unknown as string },
        },
        {
          id: "neighbour-borders",
          type: "line",
          source: "neighbourBorders",
          paint: { "line-color": colors.neighbourLine, "line-width": 0.8 },
        },
        { id: "region-fill", type: "fill", source: "regions", paint: { "fill-color": colors.land } },
        { id: "region-line", type: "line", source: "innerLines", paint: { "line-color": colors.outline, "line-width": 0.6 } },
        {
          id: "border-line",
          type: "line",
          source: "borderLine",
          paint: { "line-color": colors.border, "line-width": ["interpolate", ["linear"], ["zoom"], 3, 1.2, 8, 2.5] as unknown as number },
        },
        {
          id: "region-selected",
          type: "line",
          source: "regions",
          filter: ["in", ["get", "iso"], ["literal", []]],
          paint: { "line-color": colors.selected, "line-width": 2.5 },
        },
        {
          // Kyiv, Moscow, Sevastopol, St Petersburg: a dot in the region's colour while the polygon is a speck.
          id: "city-regions",
          type: "circle",
          source: "cityRegions",
          maxzoom: 7.5,
          paint: {
            "circle-color": colors.land,
            "circle-radius": ["interpolate", ["linear"], ["zoom"], 3, 4, 7, 7] as unknown as number,
            "circle-stroke-color": colors.border,
            "circle-stroke-width": 1.2,
          },
        },
        {
          id: "focus",
          type: "circle",
          source: "focus",
          paint: { "circle-radius": 12, "circle-color": "rgba(0,0,0,0)", "circle-stroke-color": colors.selected, "circle-stroke-width": 3 },
        },
        {
          id: "points",
          type: "circle",
          source: "events",
          paint: {
            "circle-color": ["match", ["get", "kind"], "interception", colors.interception, "strike", colors.strike, colors.attack],
            "circle-radius": ["interpolate", ["linear"], ["zoom"], 3, 5, 9, 7] as unknown as number,
            "circle-stroke-color": colors.halo,
            "circle-stroke-width": 2,
          },
        },
      ],
    },
    bounds: HOME,
    attributionControl: false,
    dragRotate: false,
    locale: mapLocale(tr),
  });
  map.touchZoomRotate.disableRotation();

  // Controls are added again when the language changes: MapLibre reads its strings when it builds them.
  let controls: maplibregl.IControl[] = [];
  const addControls = () => {
    for (const c of controls) map.removeControl(c);
    map._locale = { ...map._locale, ...mapLocale(tr) };
    const attribution = new maplibregl.AttributionControl({ compact: true, customAttribution: tr.t("map.attribution") });
    controls = [new maplibregl.NavigationControl({ showCompass: false }), new maplibregl.ScaleControl({ maxWidth: 120 }), attribution];
    map.addControl(controls[0], "top-right");
    map.addControl(controls[1], "bottom-left");
    map.addControl(controls[2], "bottom-right");
    // Folded to its "i" button: open, it would cover a quarter of a phone's map.
    container.querySelector(".maplibregl-ctrl-attrib")?.classList.remove("maplibregl-compact-show");
  };
  addControls();

  const overlay = new LabelOverlay(map);
  let current = colors;
  let counts = new Map<string, number>();
  let badges = new Map<string, { text: string; title: string }>();
  let points: EventPoint[] = [];
  let clusteredAt = Number.NaN;

  const relabel = () => overlay.setLabels(mapLabels(regions, shapes, tr.lang, handlers.regionLabel, counts, badges));

  /** Clusters for the current zoom (whole steps): singles go to the canvas, groups to the overlay. */
  const recluster = (force = false) => {
    const zoom = Math.floor(map.getZoom());
    if (!force && zoom === clusteredAt) return;
    clusteredAt = zoom;
    const groups = clusterPoints(points, zoom, CLUSTER_RADIUS);
    const singles = groups.filter((g) => g.ids.length === 1);
    (map.getSource("events") as GeoJSONSource).setData({
      type: "FeatureCollection",
      features: singles.map((g) => ({
        type: "Feature",
        properties: { id: g.ids[0], kind: g.kind },
        geometry: { type: "Point", coordinates: [g.lon, g.lat] },
      })),
    });
    const byId = new Map(points.map((p) => [p.id, p]));
    overlay.setClusters(
      groups
        .filter((g) => g.ids.length > 1)
        .map((g) => ({
          at: [g.lon, g.lat],
          count: g.ids.length,
          kind: g.kind,
          background: clusterBackground(g, current),
          title: tr.t("clusterTitle", {
            n: g.ids.length,
            kinds: KINDS.filter((k) => g.byKind[k])
              .map((k) => `${tr.t(`kind.${k}`)} ${tr.number(g.byKind[k])}`)
              .join(", "),
          }),
          onClick: () => {
            const members = g.ids.map((id) => byId.get(id) as EventPoint);
            const lons = members.map((m) => m.lon);
            const lats = members.map((m) => m.lat);
            // Events at one place never split: open the latest.
            if (Math.max(...lons) - Math.min(...lons) < 1e-6 && Math.max(...lats) - Math.min(...lats) < 1e-6) {
              handlers.onEvent(Math.max(...g.ids));
              return;
            }
            map.fitBounds(
              [
                [Math.min(...lons), Math.min(...lats)],
                [Math.max(...lons), Math.max(...lats)],
              ],
              { padding: 60, maxZoom: 12, minZoom: map.getZoom() + 1 } as maplibregl.FitBoundsOptions,
            );
          },
        })),
      singles.map((g) => [g.lon, g.lat]),
    );
  };

  const hover = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: "map-tip" });
  const tip = (e: MapLayerMouseEvent) => {
    const iso = e.features?.[0]?.properties?.iso as string | undefined;
    if (!iso) return;
    const n = counts.get(iso) ?? 0;
    const name = handlers.regionLabel(iso);
    hover
      .setLngLat(e.lngLat)
      .setText(n ? tr.t("regionEvents", { name, n }) : tr.t("regionNoEvents", { name }))
      .addTo(map);
  };
  map.on("mousemove", "region-fill", tip);
  map.on("mousemove", "city-regions", tip);
  map.on("mouseleave", "region-fill", () => hover.remove());
  map.on("click", (e: MapMouseEvent) => {
    if ((e.originalEvent.target as Element | null)?.closest?.(".map-cluster")) return;
    const hit = map.queryRenderedFeatures(e.point, { layers: ["points", "city-regions", "region-fill"] });
    const first = hit[0];
    if (!first) return;
    if (first.layer.id === "points") handlers.onEvent(Number(first.properties.id));
    else handlers.onRegion(String(first.properties.iso));
  });
  for (const layer of ["points", "city-regions", "region-fill"]) {
    map.on("mouseenter", layer, () => {
      map.getCanvas().style.cursor = "pointer";
    });
    map.on("mouseleave", layer, () => {
      map.getCanvas().style.cursor = "";
    });
  }
  // For tests and the curious: where the map is looking.
  const note = () => {
    const c = map.getCenter();
    container.dataset.zoom = map.getZoom().toFixed(2);
    container.dataset.center = `${c.lng.toFixed(3)},${c.lat.toFixed(3)}`;
  };
  map.on("moveend", note);
  map.on("zoomend", () => recluster());

  let selected: string[] = [];
  const fitRegions = (isos: string[]) => {
    const boxes = isos.flatMap((iso) => shapes.get(iso)?.bounds ?? []);
    if (!boxes.length) return;
    const bounds: LngLatBoundsLike = [
      [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1]))],
      [Math.max(...boxes.map((b) => b[0])), Math.max(...boxes.map((b) => b[1]))],
    ];
    map.fitBounds(bounds, { padding: 30, maxZoom: 9, duration: 600 });
  };

  const api: EventMap = {
    setTrendBadges(next) {
      badges = next;
      relabel();
    },
    setRegionCounts(next, nextMax) {
      map.removeFeatureState({ source: "regions" });
      map.removeFeatureState({ source: "cityRegions" });
      for (const [iso, count] of next) {
        map.setFeatureState({ source: "regions", id: iso }, { count });
        if (CITY_REGIONS.has(iso)) map.setFeatureState({ source: "cityRegions", id: iso }, { count });
      }
      counts = next;
      max = nextMax;
      map.setPaintProperty("region-fill", "fill-color", countLayers(current));
      map.setPaintProperty("city-regions", "circle-color", countLayers(current));
      relabel();
    },
    setSelectedRegions(isos) {
      map.setFilter("region-selected", ["in", ["get", "iso"], ["literal", isos]]);
      const added = isos.filter((iso) => !selected.includes(iso));
      if (added.length) fitRegions(isos);
      else if (!isos.length && selected.length) map.fitBounds(HOME, { duration: 600 });
      selected = isos;
    },
    setPoints(next) {
      points = next.features.map((f) => ({
        id: f.properties.id,
        kind: f.properties.kind,
        lon: f.geometry.coordinates[0],
        lat: f.geometry.coordinates[1],
      }));
      recluster(true);
    },
    setColors(c) {
      current = c;
      map.setPaintProperty("sea", "background-color", c.sea);
      map.setPaintProperty("countries", "fill-color", ["case", ["get", "home"], c.land, c.neighbour]);
      map.setPaintProperty("neighbour-borders", "line-color", c.neighbourLine);
      map.setPaintProperty("region-fill", "fill-color", countLayers(c));
      map.setPaintProperty("city-regions", "circle-color", countLayers(c));
      map.setPaintProperty("city-regions", "circle-stroke-color", c.border);
      map.setPaintProperty("region-line", "line-color", c.outline);
      map.setPaintProperty("border-line", "line-color", c.border);
      map.setPaintProperty("region-selected", "line-color", c.selected);
      map.setPaintProperty("focus", "circle-stroke-color", c.selected);
      map.setPaintProperty("points", "circle-stroke-color", c.halo);
      map.setPaintProperty("points", "circle-color", [
        "match",
        ["get", "kind"],
        "interception",
        c.interception,
        "strike",
        c.strike,
        c.attack,
      ]);
      recluster(true);
    },
    setTranslator(next) {
      if (next.lang === tr.lang) return;
      tr = next;
      addControls();
      relabel();
      recluster(true);
    },
    focus(target) {
      const source = map.getSource("focus") as GeoJSONSource;
      if (target && "lngLat" in target) {
        source.setData({ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: target.lngLat } });
        map.flyTo({ center: target.lngLat, zoom: Math.max(map.getZoom(), 8), duration: 800 });
      } else {
        source.setData({ type: "FeatureCollection", features: [] });
        if (target) fitRegions([target.region]);
      }
    },
    resize: () => map.resize(),
    destroy: () => {
      overlay.destroy();
      map.remove();
    },
  };
  // Ready once the region polygons are in: feature states need the source's features.
  return new Promise((resolve, reject) => {
    map.once("error", (e) => reject((e as unknown as { error: Error }).error));
    const ready = () => {
      if (map.isSourceLoaded("regions")) {
        map.off("sourcedata", ready);
        note();
        relabel();
        resolve(api);
      }
    };
    map.on("sourcedata", ready);
    map.once("load", () => {
      performance.mark("skywatch:map-load");
      ready();
    });
  });
}

/** MapLibre's own strings (control tooltips, scale units) in the interface language. */
function mapLocale(tr: Translator): Record<string, string> {
  return {
    "NavigationControl.ZoomIn": tr.t("map.zoomIn"),
    "NavigationControl.ZoomOut": tr.t("map.zoomOut"),
    "AttributionControl.ToggleAttribution": tr.t("map.attributionToggle"),
    "ScaleControl.Kilometers": tr.t("map.km"),
    "ScaleControl.Meters": tr.t("map.m"),
  };
}
