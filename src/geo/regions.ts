// Admin-1 regions as data (data/gazetteer/regions.json, .geojson): facts per region and
// point-in-polygon lookup.
import type { CountryCode } from "../model/incident.js";

export interface RegionFacts {
  iso: string;
  country: CountryCode;
  name: string;
  capital: string | null;
  /** [lon, lat] */
  centroid: [number, number];
  neighbours: string[];
  bordersUkraine: boolean;
  bordersBelarus: boolean;
  distanceToMoscowKm: number;
  distanceToKyivKm: number;
}

type Ring = Array<[number, number]>;
interface RegionShape {
  iso: string;
  polygons: Ring[][];
  bbox: [number, number, number, number];
}

export interface RegionPolygons {
  type: "FeatureCollection";
  features: Array<{ properties: { iso: string }; geometry: { type: "MultiPolygon"; coordinates: Ring[][] } }>;
}

function insideRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Finds the region a point lies in, by polygon; near a coast or border, the nearest outline. */
export class RegionLocator {
  private shapes: RegionShape[];

  constructor(polygons: RegionPolygons) {
    this.shapes = polygons.features.map((f) => {
      let minX = 180;
      let minY = 90;
      let maxX = -180;
      let maxY = -90;
      for (const poly of f.geometry.coordinates)
        for (const [x, y] of poly[0]) {
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
      return { iso: f.properties.iso, polygons: f.geometry.coordinates, bbox: [minX, minY, maxX, maxY] };
    });
  }

  /** ISO code of the region containing (lat, lon); within ~10 km of an outline counts too. */
  regionAt(lat: number, lon: number): string | null {
    for (const s of this.shapes) {
      const [minX, minY, maxX, maxY] = s.bbox;
      if (lon < minX || lon > maxX || lat < minY || lat > maxY) continue;
      for (const poly of s.polygons) {
        if (!insideRing(poly[0], lon, lat)) continue;
        if (poly.slice(1).some((hole) => insideRing(hole, lon, lat))) continue;
        return s.iso;
      }
    }
    let best: string | null = null;
    let bestD = 0.1 * 0.1;
    for (const s of this.shapes) {
      const [minX, minY, maxX, maxY] = s.bbox;
      if (lon < minX - 0.1 || lon > maxX + 0.1 || lat < minY - 0.1 || lat > maxY + 0.1) continue;
      for (const poly of s.polygons)
        for (const [x, y] of poly[0]) {
          const d = (x - lon) ** 2 + (y - lat) ** 2;
          if (d < bestD) {
            bestD = d;
            best = s.iso;
          }
        }
    }
    return best;
  }
}

export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}
