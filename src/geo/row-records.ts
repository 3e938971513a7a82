// The shipped settlements' facts interleaved, one fixed-size record per row, built on load from
// the columns file. A lookup touches a few rows scattered over 74,000; with one record per row it
// reads one or two cache lines per row instead of one per column (that was half a lookup's time).
import { NAME_HASHES, type SettlementColumns } from "./settlement-columns.js";

// Record layout, in 32-bit words.
const STAMP = 0; // the last lookup that scored the row (so that none scores it twice)
const STATIC_SCORE = 1; // float: the part of the score that does not depend on the query
const HASHES = 2; // NAME_HASHES words: hashes of the row's names' exact keys
const CODES = HASHES + NAME_HASHES; // region index | feature index << 8
const POPULATION = CODES + 1;
const ID = POPULATION + 1;
const LAT = ID + 1; // float
const LON = LAT + 1; // float
const TEXT_START = LON + 1; // where the row's line starts in the settlements text
const WORDS = 12;

export class RowRecords {
  readonly count: number;
  readonly regionCodes: string[];
  readonly featureCodes: string[];
  private u32: Uint32Array;
  private i32: Int32Array;
  private f32: Float32Array;

  constructor(columns: SettlementColumns, textStarts: Int32Array, staticScore: (population: number, feature: string) => number) {
    if (TEXT_START >= WORDS) throw new Error("record layout overflows its size");
    this.count = columns.count;
    this.regionCodes = columns.regionCodes;
    this.featureCodes = columns.featureCodes;
    const buffer = new ArrayBuffer(columns.count * WORDS * 4);
    this.u32 = new Uint32Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.f32 = new Float32Array(buffer);
    for (let at = 0; at < columns.count; at++) {
      const r = at * WORDS;
      const population = columns.population[at];
      const feature = columns.feature[at];
      this.f32[r + STATIC_SCORE] = staticScore(population, columns.featureCodes[feature]);
      for (let k = 0; k < NAME_HASHES; k++) this.u32[r + HASHES + k] = columns.nameHashes[at * NAME_HASHES + k];
      this.u32[r + CODES] = columns.region[at] | (feature << 8);
      this.u32[r + POPULATION] = population;
      this.i32[r + ID] = columns.id[at];
      this.f32[r + LAT] = columns.lat[at];
      this.f32[r + LON] = columns.lon[at];
      this.i32[r + TEXT_START] = textStarts[at];
    }
  }

  /** Marks the row as scored by lookup `stamp`; false if it already was. */
  claim(at: number, stamp: number): boolean {
    const r = at * WORDS + STAMP;
    if (this.u32[r] === stamp) return false;
    this.u32[r] = stamp;
    return true;
  }

  staticScore(at: number): number {
    return this.f32[at * WORDS + STATIC_SCORE];
  }

  hasNameHash(at: number, hash: number): boolean {
    const r = at * WORDS + HASHES;
    for (let k = 0; k < NAME_HASHES; k++) if (this.u32[r + k] === hash) return true;
    return false;
  }

  regionIndex(at: number): number {
    return this.u32[at * WORDS + CODES] & 0xff;
  }

  region(at: number): string {
    return this.regionCodes[this.regionIndex(at)];
  }

  feature(at: number): string {
    return this.featureCodes[this.u32[at * WORDS + CODES] >>> 8];
  }

  population(at: number): number {
    return this.u32[at * WORDS + POPULATION];
  }

  id(at: number): number {
    return this.i32[at * WORDS + ID];
  }

  /** Coordinates as built (4 decimals), without float32's noise. */
  lat(at: number): number {
    return Math.round(this.f32[at * WORDS + LAT] * 1e4) / 1e4;
  }

  lon(at: number): number {
    return Math.round(this.f32[at * WORDS + LON] * 1e4) / 1e4;
  }

  textStart(at: number): number {
    return this.i32[at * WORDS + TEXT_START];
  }
}
