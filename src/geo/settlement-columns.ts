// The settlements' ranking facts as typed arrays (data/gazetteer/columns.bin.gz): what a lookup
// needs to score every row a name matches — region, size, rank, coordinates and which names the
// row has — without parsing the row's text. Only the few rows a lookup returns are parsed.
//
// File layout: a 4-byte little-endian length, a JSON header of that many bytes, then the
// columns one after another, each starting at a multiple of 4 bytes.

export interface SettlementColumns {
  count: number;
  /** Codes the `region` and `feature` columns point into. */
  regionCodes: string[];
  featureCodes: string[];
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
  region: string;
  feature: string;
  population: number;
  lat: number;
  lon: number;
  /** Exact keys of the row's names; empty strings for missing ones. */
  exactNames: string[];
}

/** FNV-1a over UTF-16 code units; never 0, so that 0 can mean "no name". */
export function nameHash(exactName: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < exactName.length; i++) {
    h ^= exactName.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0 || 1;
}

type ColumnName = "region" | "feature" | "population" | "lat" | "lon" | "nameHashes";
const COLUMNS: Array<[ColumnName, "u8" | "u32" | "f32", number]> = [
  ["region", "u8", 1],
  ["feature", "u8", 1],
  ["population", "u32", 1],
  ["lat", "f32", 1],
  ["lon", "f32", 1],
  ["nameHashes", "u32", NAME_HASHES],
];
const BYTES = { u8: 1, u32: 4, f32: 4 } as const;
const align4 = (n: number) => (n + 3) & ~3;

export function encodeColumns(rows: ColumnRow[]): Uint8Array {
  const regionCodes = [...new Set(rows.map((r) => r.region))].sort();
  const featureCodes = [...new Set(rows.map((r) => r.feature))].sort();
  if (regionCodes.length > 255 || featureCodes.length > 255) throw new Error("more than 255 region or feature codes");
  const header = new TextEncoder().encode(JSON.stringify({ count: rows.length, regionCodes, featureCodes }));
  let size = align4(4 + header.length);
  const offsets: number[] = [];
  for (const [, type, width] of COLUMNS) {
    offsets.push(size);
    size = align4(size + rows.length * width * BYTES[type]);
  }
  const buffer = new ArrayBuffer(size);
  new DataView(buffer).setUint32(0, header.length, true);
  new Uint8Array(buffer, 4, header.length).set(header);
  const cols = viewColumns(buffer, 0, rows.length, offsets);
  const regionAt = new Map(regionCodes.map((c, i) => [c, i]));
  const featureAt = new Map(featureCodes.map((c, i) => [c, i]));
  rows.forEach((r, i) => {
    cols.region[i] = regionAt.get(r.region) ?? 0;
    cols.feature[i] = featureAt.get(r.feature) ?? 0;
    cols.population[i] = r.population;
    cols.lat[i] = r.lat;
    cols.lon[i] = r.lon;
    for (let k = 0; k < NAME_HASHES; k++) {
      const name = r.exactNames[k];
      cols.nameHashes[i * NAME_HASHES + k] = name ? nameHash(name) : 0;
    }
  });
  return new Uint8Array(buffer);
}

function viewColumns(buffer: ArrayBuffer, base: number, count: number, offsets: number[]) {
  return {
    region: new Uint8Array(buffer, base + offsets[0], count),
    feature: new Uint8Array(buffer, base + offsets[1], count),
    population: new Uint32Array(buffer, base + offsets[2], count),
    lat: new Float32Array(buffer, base + offsets[3], count),
    lon: new Float32Array(buffer, base + offsets[4], count),
    nameHashes: new Uint32Array(buffer, base + offsets[5], count * NAME_HASHES),
  };
}

export function decodeColumns(bytes: Uint8Array): SettlementColumns {
  // Typed arrays need aligned offsets: copy unless the bytes start on a 4-byte boundary.
  const own = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const view = new DataView(own.buffer, own.byteOffset, own.byteLength);
  const headerLength = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(own.subarray(4, 4 + headerLength))) as {
    count: number;
    regionCodes: string[];
    featureCodes: string[];
  };
  let at = align4(4 + headerLength);
  const offsets: number[] = [];
  for (const [, type, width] of COLUMNS) {
    offsets.push(at);
    at = align4(at + header.count * width * BYTES[type]);
  }
  if (at > own.byteLength) throw new Error("settlement columns are truncated: run `npm run gazetteer:build`");
  return { ...header, ...viewColumns(own.buffer as ArrayBuffer, own.byteOffset, header.count, offsets) };
}
