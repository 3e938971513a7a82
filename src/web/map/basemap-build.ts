// Build time only (imported by vite.config.ts): the countries around Russia and Ukraine from
// world-atlas (Natural Earth 1:50m, public domain), cut to the dashboard's part of the world and
// rounded, with a label point per country. Bundled into the page as the module "virtual:basemap",
// so the map draws neighbours and seas without fetching anything at run time.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon, Position } from "geojson";
import polylabel from "polylabel";
import { feature, mesh } from "topojson-client";
import { presimplify, simplify } from "topojson-simplify";
import type { GeometryCollection, Topology } from "topojson-specification";

/** Longitude/latitude box kept: Europe to the Urals and beyond, the Caucasus, Central Asia. */
const BOX = { west: -12, south: 30, east: 100, north: 75 };
/** Square degrees under which a point goes (as for the regions, src/api/map-layers.ts). */
const MIN_WEIGHT = 1e-3;
/** Russia and Ukraine are drawn from the gazetteer's regions; their world-atlas shapes only fill under them. */
const HOME = new Set(["643", "804"]);

/** ISO 3166 numeric → alpha-2 for the countries that get a label (named by Intl.DisplayNames in the page). */
export const LABELLED: Record<string, string> = {
  "112": "BY",
  "616": "PL",
  "498": "MD",
  "642": "RO",
  "348": "HU",
  "703": "SK",
  "440": "LT",
  "428": "LV",
  "233": "EE",
  "246": "FI",
  "268": "GE",
  "031": "AZ",
  "051": "AM",
  "398": "KZ",
  "792": "TR",
  "100": "BG",
  "578": "NO",
  "752": "SE",
  "276": "DE",
  "203": "CZ",
  "688": "RS",
  "300": "GR",
  "364": "IR",
  "795": "TM",
  "860": "UZ",
  "496": "MN",
  "156": "CN",
};

/** 0.01° (~1 km): finer than a pixel until zoom 7, where the neighbours are at the edge of the view. */
const round = (v: number) => Math.round(v * 100) / 100;
/** A ring rounded, without the repeated points rounding makes. */
function roundRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const [x, y] of ring) {
    const p = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}
const inBox = (ring: Position[]) => ring.some(([x, y]) => x >= BOX.west && x <= BOX.east && y >= BOX.south && y <= BOX.north);

function polygons(f: Feature<Polygon | MultiPolygon>): Position[][][] {
  return f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
}

export interface Basemap {
  /** Land of every country in the box; `home` marks Russia and Ukraine. */
  countries: FeatureCollection<MultiPolygon, { id: string; home: boolean }>;
  /** Borders between countries (not coastlines), outside Russia–Ukraine's own regions. */
  borders: FeatureCollection<MultiLineString>;
  /** Where each labelled neighbour's name goes (its largest part's pole of inaccessibility). */
  labels: { code: string; at: [number, number] }[];
}

export function buildBasemap(): Basemap {
  const require = createRequire(import.meta.url);
  const path = require.resolve("world-atlas/countries-50m.json");
  const source = JSON.parse(readFileSync(path, "utf8")) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  // Simplified as a topology, so that two countries' shared border stays one line.
  const topo = simplify(presimplify(source), MIN_WEIGHT) as typeof source;
  const all = feature(topo, topo.objects.countries) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  const countries: Basemap["countries"] = { type: "FeatureCollection", features: [] };
  const labels: Basemap["labels"] = [];
  for (const f of all.features) {
    const id = String(f.id ?? f.properties.name);
    // Parts in the box only; a part that wraps across the antimeridian would be drawn around the world.
    const parts = polygons(f).filter((p) => inBox(p[0]) && !(p[0].some((c) => c[0] > 170) && p[0].some((c) => c[0] < -170)));
    if (!parts.length) continue;
    countries.features.push({
      type: "Feature",
      properties: { id, home: HOME.has(id) },
      geometry: {
        type: "MultiPolygon",
        coordinates: parts.map((p) => p.map(roundRing).filter((r) => r.length >= 4)).filter((p) => p.length),
      },
    });
    const code = LABELLED[id];
    if (code) {
      // The largest part within the box (Norway's mainland, not Svalbard), by its bounding box.
      const size = (p: Position[][]) => {
        const xs = p[0].map((c) => c[0]);
        const ys = p[0].map((c) => c[1]);
        return (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
      };
      const largest = parts.reduce((a, b) => (size(b) > size(a) ? b : a));
      const at = polylabel(largest, 0.05);
      labels.push({ code, at: [round(at[0]), round(at[1])] });
    }
  }
  const borderLines = mesh(topo, topo.objects.countries, (a, b) => a !== b && !(HOME.has(String(a.id)) && HOME.has(String(b.id))));
  const lines = borderLines.coordinates.filter(inBox).map(roundRing);
  return {
    countries,
    borders: {
      type: "FeatureCollection",
      features: [{ type: "Feature", properties: {}, geometry: { type: "MultiLineString", coordinates: lines } }],
    },
    labels,
  };
}
