// The settlements' ranking facts as typed arrays (data/gazetteer/columns.bin.gz): what a lookup
// needs to score every row a name matches — region, size, rank, coordinates and which names the
// row has — without parsing the row's text. Only the few rows a lookup returns are parsed.
import { hashOf } from "./lookup-index.js";
import { pack, unpack } from "./packed-arrays.js";

export interface SettlementColumns {
  count: number;
  /** Codes the `region` and `feature` columns point into. */
  regionCodes: string[];
  featureCodes: string[];
  /** GeoNames id (negative for postal places). */
  id: Int32Array;
  region: Uint8Array;
  feature: Uint8Array;
  population: Uint32Array;
  lat: Float32Array;
  lon: Float32Array;
  /** Per row, NAME_HASHES hashes of the row's names' exact keys (0 where a name is missing). */
  nameHashes: Uint32Array;
}

/** name, Russian name, Ukrainian name */
export const NAME_HASHES = 3;

/** One row as the build gives it. */
export interface ColumnRow {
  id: number;
  region: string;
  feature: string;
  population: number;
  lat: number;
  lon: number;
  /** Exact keys of the row's names; empty strings for missing ones. */
  exactNames: string[];
}

/** The index's hash of a name's exact key; never 0, so that 0 can mean "no name". */
export function nameHash(exactName: string): number {
  return hashOf(exactName, 0, exactName.length) || 1;
}

export function encodeColumns(rows: ColumnRow[]): Uint8Array {
  const regionCodes = [...new Set(rows.map((r) => r.region))].sort();
  const featureCodes = [...new Set(rows.map((r) => r.feature))].sort();
  if (regionCodes.length > 255 || featureCodes.length > 255) throw new Error("more than 255 region or feature codes");
  const regionAt = new Map(regionCodes.map((c, i) => [c, i]));
  const featureAt = new Map(featureCodes.map((c, i) => [c, i]));
  const nameHashes = new Uint32Array(rows.length * NAME_HASHES);
  rows.forEach((r, i) => {
    for (let k = 0; k < NAME_HASHES; k++) nameHashes[i * NAME_HASHES + k] = r.exactNames[k] ? nameHash(r.exactNames[k]) : 0;
  });
  return pack(
    { count: rows.length, regionCodes, featureCodes },
    {
      id: Int32Array.from(rows, (r) => r.id),
      region: Uint8Array.from(rows, (r) => regionAt.get(r.region) ?? 0),
      feature: Uint8Array.from(rows, (r) => featureAt.get(r.feature) ?? 0),
      population: Uint32Array.from(rows, (r) => r.population),
      lat: Float32Array.from(rows, (r) => r.lat),
      lon: Float32Array.from(rows, (r) => r.lon),
      nameHashes,
    },
  );
}

export function decodeColumns(bytes: Uint8Array): SettlementColumns {
  const { meta, arrays } = unpack<{ count: number; regionCodes: string[]; featureCodes: string[] }>(bytes, "columns.bin.gz");
  return {
    ...meta,
    id: arrays.id as Int32Array,
    region: arrays.region as Uint8Array,
    feature: arrays.feature as Uint8Array,
    population: arrays.population as Uint32Array,
    lat: arrays.lat as Float32Array,
    lon: arrays.lon as Float32Array,
    nameHashes: arrays.nameHashes as Uint32Array,
  };
}
