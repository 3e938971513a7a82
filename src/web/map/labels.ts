// What the map labels say and where: regions at their pole of inaccessibility, cities, seas and
// the neighbouring countries, in the interface language, ranked so that the most useful show first.
import basemap from "virtual:basemap";
import polylabel from "polylabel";
import type { RegionCollection } from "../api";
import type { Lang } from "../i18n";
import type { LabelSpec } from "./label-overlay";
import { CITIES, CITY_REGIONS, SEAS, shortRegionName } from "./places";

export interface RegionShape {
  label: [number, number];
  bounds: [[number, number], [number, number]];
  /** Square degrees of its bounding box, for ranking. */
  size: number;
}

type Ring = number[][];

function parts(geometry: { type: string; coordinates: unknown }): Ring[][] {
  return geometry.type === "Polygon" ? [geometry.coordinates as Ring[]] : (geometry.coordinates as Ring[][]);
}

function box(rings: Ring[]): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of rings[0]) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return [w, s, e, n];
}

/** Label point and bounds per region (Chukotka, across the antimeridian, keeps its eastern longitudes). */
export function regionShapes(regions: RegionCollection): Map<string, RegionShape> {
  const out = new Map<string, RegionShape>();
  for (const f of regions.features) {
    const polys = parts(f.geometry).map((p) => {
      const b = box(p);
      // A part west of -170° belongs with the rest of a region at +180°.
      return b[2] < -170 ? { p: p.map((r) => r.map(([x, y]) => [x + 360, y])), b: [b[0] + 360, b[1], b[2] + 360, b[3]] } : { p, b };
    });
    const largest = polys.reduce((a, b) => ((b.b[2] - b.b[0]) * (b.b[3] - b.b[1]) > (a.b[2] - a.b[0]) * (a.b[3] - a.b[1]) ? b : a));
    const at = polylabel(largest.p, 0.01);
    const w = Math.min(...polys.map((x) => x.b[0]));
    const s = Math.min(...polys.map((x) => x.b[1]));
    const e = Math.max(...polys.map((x) => x.b[2]));
    const n = Math.max(...polys.map((x) => x.b[3]));
    out.set(f.properties.iso, {
      label: [at[0] > 180 ? at[0] - 360 : at[0], at[1]],
      bounds: [
        [w, s],
        [e, n],
      ],
      size: (e - w) * (n - s),
    });
  }
  return out;
}

/**
 * All labels for `lang`; regions with events in the period rank above quiet ones, and regions
 * flagged in trends (`badges`) above them, from the first zoom, city regions included.
 */
export function mapLabels(
  regions: RegionCollection,
  shapes: Map<string, RegionShape>,
  lang: Lang,
  regionName: (iso: string) => string,
  counts: Map<string, number>,
  badges: Map<string, LabelSpec["badge"]> = new Map(),
): LabelSpec[] {
  const labels: LabelSpec[] = [];
  const countries = new Intl.DisplayNames([lang], { type: "region" });
  for (const s of SEAS) labels.push({ id: `sea:${s.names.en}`, at: s.at, text: s.names[lang], kind: "sea", priority: 900, minZoom: 3 });
  for (const c of basemap.labels) {
    labels.push({ id: `country:${c.code}`, at: c.at, text: countries.of(c.code) ?? c.code, kind: "country", priority: 800, minZoom: 3 });
  }
  for (const c of CITIES) {
    const capital = c.rank === 1;
    labels.push({
      id: `city:${c.names.en}`,
      at: c.at,
      text: c.names[lang],
      kind: capital ? "capital" : "city",
      priority: capital ? 1000 : 300,
      minZoom: capital ? 3 : 5.5,
    });
  }
  for (const f of regions.features) {
    const iso = f.properties.iso;
    const shape = shapes.get(iso);
    const badge = badges.get(iso);
    // A city region is named by its city's label (unless it has a badge to show).
    if (!shape || (CITY_REGIONS.has(iso) && !badge)) continue;
    const busy = (counts.get(iso) ?? 0) > 0;
    labels.push({
      id: `region:${iso}`,
      at: shape.label,
      text: shortRegionName(regionName(iso)),
      kind: "region",
      priority: (badge ? 950 : busy ? 600 : 400) + Math.min(99, shape.size) / (badge ? 10 : 1),
      minZoom: badge ? 3 : 3.5,
      ...(badge ? { badge } : {}),
    });
  }
  return labels;
}
