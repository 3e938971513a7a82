// Modules without types of their own: the build-time basemap (vite.config.ts, basemap-build.ts) and polylabel.
declare module "virtual:basemap" {
  import type { FeatureCollection, MultiLineString, MultiPolygon } from "geojson";

  const basemap: {
    countries: FeatureCollection<MultiPolygon, { id: string; home: boolean }>;
    borders: FeatureCollection<MultiLineString>;
    labels: { code: string; at: [number, number] }[];
  };
  export default basemap;
}

declare module "polylabel" {
  /** The pole of inaccessibility of a polygon (rings of [x, y]), with its distance to the edge. */
  export default function polylabel(polygon: number[][][], precision?: number): [number, number] & { distance: number };
}
