// Map layers for the dashboard: region polygons from the gazetteer, simplified for the browser
// (about 1 km tolerance, enough for a regional choropleth, and 5× fewer points to draw) and named
// in the three languages.
import simplify from "simplify-js";
import { readDataFile } from "../data-files.js";
import { regionLexicon } from "../geo/region-lexicon.js";

type Ring = [number, number][];
interface RegionFeature {
  type: "Feature";
  properties: { iso: string; name: string; country: string };
  geometry: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };
}

/** Degrees: ~1 km. Shared borders may part by up to this much, which is below a pixel at region zoom. */
const TOLERANCE = 0.05;
const round = (v: number) => Math.round(v * 1000) / 1000;

function trimRing(ring: Ring): Ring {
  const points = simplify(
    ring.map(([x, y]) => ({ x, y })),
    TOLERANCE,
    true,
  );
  // A ring needs four points (closed triangle); tiny islands keep their rounded original.
  const out: Ring = points.length >= 4 ? points.map((p) => [round(p.x), round(p.y)]) : ring.map(([x, y]) => [round(x), round(y)]);
  return out;
}

/** The regions FeatureCollection as the dashboard draws it (built once per server). */
export function regionsForMap(): string {
  const source = JSON.parse(readDataFile("gazetteer/regions.geojson")) as { features: RegionFeature[] };
  const names = regionLexicon().regions;
  const features = source.features.map((f) => {
    const n = names.get(f.properties.iso);
    const geometry =
      f.geometry.type === "Polygon"
        ? { type: "Polygon", coordinates: f.geometry.coordinates.map(trimRing) }
        : { type: "MultiPolygon", coordinates: f.geometry.coordinates.map((p) => p.map(trimRing)) };
    return {
      type: "Feature",
      properties: {
        iso: f.properties.iso,
        country: f.properties.country,
        name_en: n?.name ?? f.properties.name,
        name_ru: n?.nameRu ?? f.properties.name,
        name_uk: n?.nameUk ?? f.properties.name,
      },
      geometry,
    };
  });
  return JSON.stringify({ type: "FeatureCollection", features });
}
