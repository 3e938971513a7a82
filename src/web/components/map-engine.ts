// MapLibre behind a small interface, loaded on demand so the rest of the page is usable first.
// Fully offline: no tiles, fonts or sprites — only the region polygons and event points the API serves.
import type { FeatureCollection } from "geojson";
import type { GeoJSONSource, MapLayerMouseEvent, MapMouseEvent } from "maplibre-gl";
import * as maplibregl from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import type { PointCollection, RegionCollection } from "../api";

maplibregl.setWorkerUrl(workerUrl);
// Starts the worker while the page is still fetching its data.
maplibregl.prewarm();

export interface MapColors {
  /** Everything outside Russia and Ukraine (the gazetteer has no other countries' shapes). */
  background: string;
  land: string;
  outline: string;
  low: string;
  high: string;
  selected: string;
  interception: string;
  strike: string;
  attack: string;
  cluster: string;
}

export interface MapHandlers {
  onEvent(id: number): void;
  onRegion(iso: string): void;
  regionLabel(iso: string): string;
}

export interface EventMap {
  setRegionCounts(counts: Map<string, number>, max: number): void;
  setSelectedRegions(isos: string[]): void;
  setPoints(points: PointCollection): void;
  setColors(colors: MapColors): void;
  resize(): void;
  destroy(): void;
}

/** Creates the map in `container`; throws when the browser has no WebGL. */
export function createEventMap(
  container: HTMLElement,
  regions: RegionCollection,
  colors: MapColors,
  handlers: MapHandlers,
): Promise<EventMap> {
  performance.mark("skywatch:map-create");
  const map = new maplibregl.Map({
    container,
    style: {
      version: 8,
      sources: {
        regions: { type: "geojson", data: regions as unknown as FeatureCollection, promoteId: "iso" },
        events: {
          type: "geojson",
          data: { type: "FeatureCollection", features: [] },
          cluster: true,
          clusterRadius: 36,
          clusterMaxZoom: 11,
        },
      },
      layers: [
        { id: "background", type: "background", paint: { "background-color": colors.background } },
        { id: "region-fill", type: "fill", source: "regions", paint: { "fill-color": colors.land, "fill-opacity": 0.9 } },
        { id: "region-line", type: "line", source: "regions", paint: { "line-color": colors.outline, "line-width": 0.6 } },
        {
          id: "region-selected",
          type: "line",
          source: "regions",
          filter: ["in", ["get", "iso"], ["literal", []]],
          paint: { "line-color": colors.selected, "line-width": 2.5 },
        },
        {
          id: "clusters",
          type: "circle",
          source: "events",
          filter: ["has", "point_count"],
          paint: {
            "circle-color": colors.cluster,
            "circle-opacity": 0.85,
            "circle-stroke-color": colors.background,
            "circle-stroke-width": 1.5,
            "circle-radius": ["step", ["get", "point_count"], 9, 10, 13, 50, 17, 200, 22],
          },
        },
        {
          id: "points",
          type: "circle",
          source: "events",
          filter: ["!", ["has", "point_count"]],
          paint: {
            "circle-color": ["match", ["get", "kind"], "interception", colors.interception, "strike", colors.strike, colors.attack],
            "circle-radius": 6,
            "circle-stroke-color": colors.background,
            "circle-stroke-width": 1.5,
          },
        },
      ],
    },
    bounds: [
      [22, 43],
      [50, 58],
    ],
    attributionControl: { compact: true, customAttribution: "Boundaries: geoBoundaries (CC BY 4.0); places: GeoNames (CC BY 4.0)" },
    dragRotate: false,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
  map.touchZoomRotate.disableRotation();

  let max = 1;
  let counts = new Map<string, number>();
  const fillColor = (c: MapColors) =>
    [
      "case",
      [">", ["coalesce", ["feature-state", "count"], 0], 0],
      ["interpolate", ["linear"], ["feature-state", "count"], 1, c.low, Math.max(max, 2), c.high],
      c.land,
    ] as unknown as string;
  let current = colors;

  const hover = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: "map-tip" });
  map.on("mousemove", "region-fill", (e: MapLayerMouseEvent) => {
    const iso = e.features?.[0]?.properties?.iso as string | undefined;
    if (!iso) return;
    hover
      .setLngLat(e.lngLat)
      .setText(`${handlers.regionLabel(iso)}: ${counts.get(iso) ?? 0}`)
      .addTo(map);
  });
  map.on("mouseleave", "region-fill", () => hover.remove());
  map.on("click", (e: MapMouseEvent) => {
    const hit = map.queryRenderedFeatures(e.point, { layers: ["points", "clusters", "region-fill"] });
    const first = hit[0];
    if (!first) return;
    if (first.layer.id === "points") handlers.onEvent(Number(first.properties.id));
    else if (first.layer.id === "clusters") {
      const source = map.getSource("events") as GeoJSONSource;
      source.getClusterExpansionZoom(Number(first.properties.cluster_id)).then((zoom) => {
        const [lon, lat] = (first.geometry as unknown as { coordinates: [number, number] }).coordinates;
        map.easeTo({ center: [lon, lat], zoom });
      });
    } else handlers.onRegion(String(first.properties.iso));
  });
  for (const layer of ["points", "clusters", "region-fill"]) {
    map.on("mouseenter", layer, () => {
      map.getCanvas().style.cursor = "pointer";
    });
    map.on("mouseleave", layer, () => {
      map.getCanvas().style.cursor = "";
    });
  }

  const api: EventMap = {
    setRegionCounts(next, nextMax) {
      map.removeFeatureState({ source: "regions" });
      for (const [iso, count] of next) map.setFeatureState({ source: "regions", id: iso }, { count });
      counts = next;
      max = nextMax;
      map.setPaintProperty("region-fill", "fill-color", fillColor(current));
    },
    setSelectedRegions(isos) {
      map.setFilter("region-selected", ["in", ["get", "iso"], ["literal", isos]]);
    },
    setPoints(points) {
      (map.getSource("events") as GeoJSONSource).setData(points as FeatureCollection);
    },
    setColors(c) {
      current = c;
      map.setPaintProperty("background", "background-color", c.background);
      map.setPaintProperty("region-fill", "fill-color", fillColor(c));
      map.setPaintProperty("region-line", "line-color", c.outline);
      map.setPaintProperty("region-selected", "line-color", c.selected);
      map.setPaintProperty("clusters", "circle-color", c.cluster);
      map.setPaintProperty("points", "circle-color", [
        "match",
        ["get", "kind"],
        "interception",
        c.interception,
        "strike",
        c.strike,
        c.attack,
      ]);
    },
    resize: () => map.resize(),
    destroy: () => map.remove(),
  };
  // Ready once the region polygons are in: feature states need the source's features.
  return new Promise((resolve, reject) => {
    map.once("error", (e) => reject((e as unknown as { error: Error }).error));
    const ready = () => {
      if (map.isSourceLoaded("regions")) {
        map.off("sourcedata", ready);
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
