// Read-only map layers for the dashboard. /api/map/regions.topojson: the gazetteer's region
// polygons as one topology, so that neighbouring regions share each border line and a
// simplification moves both sides alike (no sliver gaps between regions, unlike simplifying each
// ring alone), quantized and named in the three languages. About 5× smaller than the GeoJSON.
import { brotliCompressSync, gzipSync, constants as zlibConstants } from "node:zlib";
import type { FastifyInstance } from "fastify";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { quantize } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, simplify } from "topojson-simplify";
import type { Objects, Topology } from "topojson-specification";
import { readDataFile } from "../data-files.js";
import { regionLexicon } from "../geo/region-lexicon.js";

/** Squared degrees of the triangle a point makes with its neighbours: below this it goes (about 28k of 60k points stay). */
const MIN_WEIGHT = 1e-3;
/** Grid of the sent coordinates: 2e5 steps over the extent (the regions span the antimeridian: ~0.002° of longitude). */
const QUANTIZATION = 2e5;

type RegionProps = { iso: string; name: string; country: string };

/** The regions topology as the dashboard draws it (object "regions"; properties iso, country, name_en/ru/uk). */
export function regionsTopology(): string {
  const source = JSON.parse(readDataFile("gazetteer/regions.geojson")) as FeatureCollection<Polygon | MultiPolygon, RegionProps>;
  const names = regionLexicon().regions;
  const features: Feature<Polygon | MultiPolygon>[] = source.features.map((f) => {
    const n = names.get(f.properties.iso);
    return {
      type: "Feature",
      id: f.properties.iso,
      properties: {
        iso: f.properties.iso,
        country: f.properties.country,
        name_en: n?.name ?? f.properties.name,
        name_ru: n?.nameRu ?? f.properties.name,
        name_uk: n?.nameUk ?? f.properties.name,
      },
      geometry: f.geometry,
    };
  });
  const collection: FeatureCollection = { type: "FeatureCollection", features };
  // Built on a finer grid than it is sent on, so that nearly touching borders are not merged.
  const topo = topology({ regions: collection }, 1e6) as unknown as Topology<Objects<Record<string, unknown>>>;
  return JSON.stringify(quantize(simplify(presimplify(topo), MIN_WEIGHT), QUANTIZATION));
}

/** Registers the map layer routes; each body is built and compressed once, on first request. */
export async function mapLayers(app: FastifyInstance): Promise<void> {
  let body: { identity: string; br: Buffer; gzip: Buffer } | null = null;
  app.get("/api/map/regions.topojson", async (req, reply) => {
    if (!body) {
      const identity = regionsTopology();
      body = {
        identity,
        br: brotliCompressSync(identity, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } }),
        gzip: gzipSync(identity, { level: 9 }),
      };
    }
    reply.type("application/json").header("cache-control", "public, max-age=3600").header("vary", "accept-encoding");
    const accepted = String(req.headers["accept-encoding"] ?? "");
    if (/\bbr\b/.test(accepted)) return reply.header("content-encoding", "br").send(body.br);
    if (/\bgzip\b/.test(accepted)) return reply.header("content-encoding", "gzip").send(body.gzip);
    return reply.send(body.identity);
  });
}
