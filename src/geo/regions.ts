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

  /**
   * ISO code of the region containing (lat, lon). Where two outlines overlap (the Russian and the
   * Ukrainian polygons come from different surveys), the one the point lies deeper inside; outside
   * every outline but within ~10 km of one (a coast, a border river), the nearest.
   */
  regionAt(lat: number, lon: number): string | null {
    let found: RegionShape | null = null;
    let depth = -1;
    for (const s of this.shapes) {
      if (!inBox(s.bbox, lon, lat, 0)) continue;
      if (!s.polygons.some((poly) => insideRing(poly[0], lon, lat) && !poly.slice(1).some((hole) => insideRing(hole, lon, lat)))) continue;
      if (!found) {
        found = s;
        continue;
      }
      // A second outline holds the point too: compare how deep it is in each.
      if (depth < 0) depth = distanceToOutline(found, lon, lat);
      const d = distanceToOutline(s, lon, lat);
      if (d > depth) {
        found = s;
        depth = d;
      }
    }
    if (found) return found.iso;
    let nearest: string | null = null;
    let nearestD = 0.1 * 0.1;
    for (const s of this.shapes) {
      if (!inBox(s.bbox, lon, lat, 0.1)) continue;
      const d = distanceToOutline(s, lon, lat);
      if (d < nearestD) {
        nearestD = d;
        nearest = s.iso;
      }
    }
    return nearest;
  }

  /**
   * The regions a circle reaches: the one its centre lies in, and every region whose outline
   * comes within radiusKm of the centre (edges measured on a local flat projection, close enough
   * at these radii: at most 500 km).
   */
  regionsWithin(lat: number, lon: number, radiusKm: number): string[] {
    const found = new Set<string>();
    const centre = this.regionAt(lat, lon);
    if (centre) found.add(centre);
    const kmY = 111.2;
    const kmX = 111.2 * Math.max(0.05, Math.cos((lat * Math.PI) / 180));
    const marginLat = radiusKm / kmY;
    const marginLon = radiusKm / kmX;
    for (const s of this.shapes) {
      if (found.has(s.iso)) continue;
      const [minX, minY, maxX, maxY] = s.bbox;
      if (lon < minX - marginLon || lon > maxX + marginLon || lat < minY - marginLat || lat > maxY + marginLat) continue;
      let best = Number.POSITIVE_INFINITY;
      for (const poly of s.polygons)
        for (const ring of poly)
          for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            const ax = (ring[j][0] - lon) * kmX;
            const ay = (ring[j][1] - lat) * kmY;
            const dx = (ring[i][0] - lon) * kmX - ax;
            const dy = (ring[i][1] - lat) * kmY - ay;
            const length = dx * dx + dy * dy;
            const t = length ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length)) : 0;
            best = Math.min(best, (ax + t * dx) ** 2 + (ay + t * dy) ** 2);
          }
      if (best <= radiusKm * radiusKm) found.add(s.iso);
    }
    return [...found].sort();
  }
}

function inBox([minX, minY, maxX, maxY]: RegionShape["bbox"], x: number, y: number, margin: number): boolean {
  return x >= minX - margin && x <= maxX + margin && y >= minY - margin && y <= maxY + margin;
}

/** Squared distance, in degrees, from (x, y) to the nearest edge of a region's outlines. */
function distanceToOutline(shape: RegionShape, x: number, y: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const poly of shape.polygons)
    for (const ring of poly)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [ax, ay] = ring[j];
        const [bx, by] = ring[i];
        const dx = bx - ax;
        const dy = by - ay;
        const length = dx * dx + dy * dy;
        const t = length ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length)) : 0;
        const d = (ax + t * dx - x) ** 2 + (ay + t * dy - y) ** 2;
        if (d < best) best = d;
      }
  return best;
}

export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}
