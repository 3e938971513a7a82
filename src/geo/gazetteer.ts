// The gazetteer: every region and settlement Skywatch can place, and the lookups on them.
// Built by scripts/build-gazetteer.mjs into data/gazetteer (GeoNames, geoBoundaries; CC BY 4.0).

import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { dataPath, readDataJson } from "../data-files.js";
import { editDistance, exactKey, frame, placeKeys, skeleton, stemKeys } from "./place-keys.js";
import { distanceKm, type RegionFacts, RegionLocator, type RegionPolygons } from "./regions.js";

export interface Settlement {
  /** GeoNames id; negative for GeoNames postal places (which have none); 0 for local additions. */
  id: number;
  name: string;
  nameRu: string;
  nameUk: string;
  region: string;
  district: string;
  lat: number;
  lon: number;
  population: number;
  /**
   * GeoNames feature code (PPL, PPLA, PPLC…); POST for postal places, POSTX for postal places
   * whose coordinates fell outside their region (placed at its centroid); LOCAL for user additions.
   */
  feature: string;
}

export type Precision = "settlement" | "district" | "region";

export interface PlaceCandidate {
  precision: Precision;
  name: string;
  region: string;
  lat: number;
  lon: number;
  /** The settlement, when precision is "settlement". */
  settlement?: Settlement;
  score: number;
  /** How the name matched: exact, stem (a case form), spelling (transliteration), near (one letter off). */
  match: "exact" | "stem" | "spelling" | "near" | "region";
}

export interface ResolveOptions {
  /** ISO code of the region the text names: candidates there come first. */
  region?: string | null;
  /** Another place of the same report: nearer candidates come first. */
  near?: { lat: number; lon: number } | null;
  limit?: number;
}

export interface LocalPlace {
  name: string;
  region: string;
  lat: number;
  lon: number;
  names?: string[];
}

const MATCH_WEIGHT = { exact: 1, stem: 0.9, spelling: 0.85, near: 0.4, region: 1 } as const;
// Postal places have no population; having a post office says a little about size (Новороссийск
// against a village Новороссийское of 77 people).
const FEATURE_WEIGHT: Record<string, number> = { PPLC: 0.3, PPLA: 0.25, PPLA2: 0.15, PPLA3: 0.08, PPL: 0.05, LOCAL: 0.2, POST: 0.06 };

/** Line starts of a text, so that its lines can be read without splitting it into strings. */
function lineStarts(text: string, skipComments: boolean): Int32Array {
  const starts: number[] = [];
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf("\n", at);
    const next = end < 0 ? text.length : end + 1;
    if (next - at > 1 && !((skipComments && text.charCodeAt(at) === 35) /* # */)) starts.push(at);
    at = next;
  }
  return Int32Array.from(starts);
}

/** The text from `start` to the end of its line. */
function lineFrom(text: string, start: number): string {
  const end = text.indexOf("\n", start);
  return text.slice(start, end < 0 ? undefined : end);
}

/** Compares `key` with the text from `at` up to the next tab, by UTF-16 code units (the build's order). */
function compareKeyAt(text: string, at: number, key: string): number {
  for (let i = 0; ; i++) {
    const c = text.charCodeAt(at + i);
    const k = i < key.length ? key.charCodeAt(i) : -1;
    if (c === 9 /* tab */) return k === -1 ? 0 : 1; // the text's key is a prefix of `key`: key sorts after
    if (k === -1) return -1;
    if (c !== k) return k - c;
  }
}

export class Gazetteer {
  readonly regions: Map<string, RegionFacts>;
  private locator: RegionLocator;
  private regionNames = new Map<string, string>();

  /**
   * The settlements' TSV as loaded, read a row at a time on first need: a lookup touches a few
   * rows, and parsing all 74,000 up front would cost more than all the lookups of a run.
   */
  private rowsText: string;
  private rowStarts: Int32Array;
  private rows: Array<Settlement | undefined>;
  /** Local additions, numbered after the shipped rows. */
  private extra: Settlement[] = [];

  /** The sorted lookup index (from the build): "key\trow,row,…" lines, searched in place. */
  private indexText: string;
  private indexStarts: Int32Array;
  private parsedPostings: Array<number[] | undefined> = [];
  /** Keys of local additions (few, so a Map). */
  private localIndex = new Map<string, number[]>();
  /** Exact keys of each settlement's names, computed on first need. */
  private exactNames: Array<string[] | undefined> = [];
  private skeletons: Array<string[] | undefined> = [];

  constructor(settlementsTsv: string, indexTsv: string, regions: RegionFacts[], polygons: RegionPolygons, local: LocalPlace[] = []) {
    this.regions = new Map(regions.map((r) => [r.iso, r]));
    this.locator = new RegionLocator(polygons);
    for (const r of regions)
      for (const k of placeKeys([r.name, r.name.replace(/ (Oblast|Krai|Republic)$/, "")])) this.regionNames.set(k, r.iso);
    this.rowsText = settlementsTsv;
    this.rowStarts = lineStarts(settlementsTsv, true);
    this.rows = new Array(this.rowStarts.length);
    this.staticScores = new Float64Array(this.rowStarts.length).fill(Number.NaN);
    this.indexText = indexTsv;
    this.indexStarts = lineStarts(indexTsv, false);
    for (const p of local) this.addLocal(p);
  }

  /** How many settlements there are (shipped and local). */
  get size(): number {
    return this.rowStarts.length + this.extra.length;
  }

  /** Every settlement (parses them all: for scripts and checks, not for lookups). */
  get settlements(): Settlement[] {
    return Array.from({ length: this.size }, (_, at) => this.settlement(at));
  }

  /** The settlement in row `at`. */
  settlement(at: number): Settlement {
    if (at >= this.rowStarts.length) return this.extra[at - this.rowStarts.length];
    let s = this.rows[at];
    if (!s) {
      const c = lineFrom(this.rowsText, this.rowStarts[at]).split("\t");
      s = {
        id: Number(c[1]),
        name: c[2],
        nameRu: c[3],
        nameUk: c[4],
        region: c[5],
        district: c[6],
        lat: Number(c[7]),
        lon: Number(c[8]),
        population: Number(c[9]),
        feature: c[10],
      };
      this.rows[at] = s;
    }
    return s;
  }

  /** Per settlement: the part of the score that does not depend on the query (size, rank). */
  private staticScores: Float64Array;

  private staticScore(at: number): number {
    if (at >= this.staticScores.length) return FEATURE_WEIGHT[this.settlement(at).feature] ?? 0;
    let score = this.staticScores[at];
    if (Number.isNaN(score)) {
      const s = this.settlement(at);
      score = Math.min(0.3, Math.log10(s.population + 1) / 20) + (FEATURE_WEIGHT[s.feature] ?? 0);
      this.staticScores[at] = score;
    }
    return score;
  }

  private lookup(key: string): number[] {
    const local = this.localIndex.get(key) ?? [];
    let lo = 0;
    let hi = this.indexStarts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const order = compareKeyAt(this.indexText, this.indexStarts[mid], key);
      if (order === 0) {
        let rows = this.parsedPostings[mid];
        if (!rows) {
          rows = lineFrom(this.indexText, this.indexStarts[mid] + key.length + 1)
            .split(",")
            .map(Number);
          this.parsedPostings[mid] = rows;
        }
        return local.length ? [...rows, ...local] : rows;
      }
      if (order > 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return local;
  }

  /** The settlement's names through `key` (exact key or skeleton), computed once per settlement. */
  private keyedNames(at: number, cache: Array<string[] | undefined>, key: (name: string) => string): string[] {
    let names = cache[at];
    if (!names) {
      const s = this.settlement(at);
      names = [s.name, s.nameRu, s.nameUk].filter(Boolean).map((n) => key(n));
      cache[at] = names;
    }
    return names;
  }

  /** A place added by users (a village missing from GeoNames): every lookup sees it. */
  addLocal(p: LocalPlace) {
    this.memo?.clear();
    const s: Settlement = {
      id: 0,
      name: p.name,
      nameRu: "",
      nameUk: "",
      region: p.region,
      district: "",
      lat: p.lat,
      lon: p.lon,
      population: 0,
      feature: "LOCAL",
    };
    const at = this.rowStarts.length + this.extra.push(s) - 1;
    for (const key of placeKeys([p.name, ...(p.names ?? [])])) this.localIndex.set(key, [...(this.localIndex.get(key) ?? []), at]);
  }

  /** District key → the regions that have a district of that name (built on first need). */
  private districts: Map<string, Set<string>> | null = null;

  /**
   * The region of a district named by its adjective ("Грайворонском", "Нікопольському",
   * "Shebekinsky"), or null when no district or several regions' districts answer to it.
   */
  districtRegion(adjective: string): string | null {
    if (!this.districts) {
      this.districts = new Map();
      for (let at = 0; at < this.rowStarts.length; at++) {
        const c = lineFrom(this.rowsText, this.rowStarts[at]).split("\t", 7);
        if (!c[6]) continue;
        const key = districtKey(c[6]);
        if (key.length < 4) continue;
        const regions = this.districts.get(key) ?? new Set<string>();
        regions.add(c[5]);
        this.districts.set(key, regions);
      }
    }
    const regions = this.districts.get(districtKey(adjective));
    return regions?.size === 1 ? [...regions][0] : null;
  }

  regionFacts(iso: string): RegionFacts | undefined {
    return this.regions.get(iso);
  }

  /** The region a point lies in, by polygon (within ~10 km of an outline: the nearest one). */
  pointToRegion(lat: number, lon: number): string | null {
    return this.locator.regionAt(lat, lon);
  }

  /** Ranked candidates for a place name, best first. */
  resolvePlace(name: string, options: ResolveOptions = {}): PlaceCandidate[] {
    // News names the same places again and again: remember recent answers (they are read-only).
    const memoKey = options.near ? null : `${options.region ?? ""}|${options.limit ?? 10}|${name}`;
    if (memoKey !== null) {
      const hit = this.memo.get(memoKey);
      if (hit) return hit;
    }
    const answer = this.computeCandidates(name, options);
    if (memoKey !== null) {
      if (this.memo.size >= 50_000) this.memo.clear();
      this.memo.set(memoKey, answer);
    }
    return answer;
  }

  private memo = new Map<string, PlaceCandidate[]>();

  private computeCandidates(name: string, options: ResolveOptions): PlaceCandidate[] {
    // Rows found, with how: stem (a case form) or spelling; exactness is checked once per row below.
    const found = new Map<number, PlaceCandidate["match"]>();
    const exact = exactKey(name);
    const stems = stemKeys(name, exact);
    for (const k of stems) for (const at of this.lookup(k)) if (!found.has(at)) found.set(at, "stem");
    // A vowel that drops out in the case forms ("Елец" → "в Ельце", "Городок" → "Городка"): ranked
    // below plain stems, so that "Ельцы" stays first unless the region says otherwise.
    for (const k of fleetingVowelKeys(stems)) for (const at of this.lookup(k)) if (!found.has(at)) found.set(at, "spelling");
    const sk = skeleton(name, exact);
    if (sk.length >= 3) {
      for (const at of this.lookup(`l:${sk}`)) if (!found.has(at)) found.set(at, "spelling");
      // One letter off (Shchetinovka / Shchetynivka): same consonants, close spelling — only
      // when nothing matched better, since it is the costly and the least certain way.
      if (sk.length >= 5 && !found.size) {
        for (const at of this.lookup(`f:${frame(sk)}`)) {
          if (
            !found.has(at) &&
            this.keyedNames(at, this.skeletons, skeleton).some((n) => editDistance(n, sk, 2) <= (sk.length >= 8 ? 2 : 1))
          )
            found.set(at, "near");
        }
      }
    }
    const limit = options.limit ?? 10;
    // Keep the best `limit` rows by score (common names like Ivanovka match hundreds).
    const best: Array<[number, number, PlaceCandidate["match"]]> = [];
    for (const [at, how] of found) {
      const s = this.settlement(at);
      const match = this.keyedNames(at, this.exactNames, exactKey).includes(exact) ? "exact" : how;
      let score = MATCH_WEIGHT[match];
      if (options.region) score += s.region === options.region ? 0.5 : -0.4;
      if (options.near) {
        const d = distanceKm(s.lat, s.lon, options.near.lat, options.near.lon);
        score += d < 30 ? 0.3 : d < 100 ? 0.15 : d > 500 ? -0.1 : 0;
      }
      score += this.staticScore(at);
      if (best.length === limit && score <= best[limit - 1][0]) continue;
      let i = best.length;
      if (i === limit) i--;
      while (i > 0 && (best[i - 1][0] < score || (best[i - 1][0] === score && this.settlement(best[i - 1][1]).population < s.population))) {
        best[i] = best[i - 1];
        i--;
      }
      best[i] = [score, at, match];
      if (best.length > limit) best.length = limit;
    }
    const out: PlaceCandidate[] = best.map(([score, at, match]) => {
      const s = this.settlement(at);
      return {
        precision: "settlement",
        name: s.name,
        region: s.region,
        lat: s.lat,
        lon: s.lon,
        settlement: s,
        score: Math.round(score * 1000) / 1000,
        match,
      };
    });
    const regionIso = this.regionNames.get(`l:${sk}`);
    if (regionIso) {
      const r = this.regions.get(regionIso);
      if (r)
        out.push({ precision: "region", name: r.name, region: r.iso, lat: r.centroid[1], lon: r.centroid[0], score: 1.2, match: "region" });
      out.sort((a, b) => b.score - a.score);
      if (out.length > limit) out.length = limit;
    }
    return out;
  }
}

const CONSONANTS = "бвгджзклмнпрстфхцчшщ";

/** Stem keys with the fleeting vowel put back before the final consonant ("s:ельц" → "s:елец", "s:городк" → "s:городок"). */
function fleetingVowelKeys(stems: string[]): string[] {
  const out: string[] = [];
  for (const key of stems) {
    const stem = key.slice(2);
    if (stem.includes(" ") || stem.length < 3) continue;
    const last = stem[stem.length - 1];
    const before = stem[stem.length - 2];
    if (!CONSONANTS.includes(last)) continue;
    // "ельц": the soft sign stands where the vowel was (Елец); "городк": the vowel is simply gone (Городок).
    const head = before === "ь" ? stem.slice(0, -2) : CONSONANTS.includes(before) ? stem.slice(0, -1) : null;
    if (head === null) continue;
    for (const vowel of ["е", "о"]) out.push(`s:${head}${vowel}${last}`);
  }
  return out;
}

/**
 * A district's name reduced to its stem and romanised: "Грайворонский Район", "в Грайворонском
 * округе", "Nikopolskyi" and "Нікопольському" meet ("graivoronsk", "nikopolsk").
 */
export function districtKey(name: string): string {
  const word = exactKey(name)
    .split(" ")
    .filter((w) => w && !/^(район\p{L}*|округ\p{L}*|raion|rayon|district|municipal\p{L}*|городск\p{L}*|муниципальн\p{L}*)$/u.test(w))
    .join("");
  const stem = word.replace(/(ий|ый|ой|ого|ому|ом|ым|им|ая|ой|ую|ій|ого|ому|ім|а|у|і|ої|yi|iy|yy|ij|y|i)$/u, "");
  return skeleton(stem).replace(/i$/, "");
}

/** Loads the gazetteer shipped in data/gazetteer, with optional user additions. */
export function loadGazetteer(local: LocalPlace[] = []): Gazetteer {
  const tsv = gunzipSync(readFileSync(dataPath("gazetteer/settlements.tsv.gz"))).toString("utf8");
  const index = gunzipSync(readFileSync(dataPath("gazetteer/index.tsv.gz"))).toString("utf8");
  const { regions } = readDataJson<{ regions: RegionFacts[] }>("gazetteer/regions.json");
  const polygons = readDataJson<RegionPolygons>("gazetteer/regions.geojson");
  return new Gazetteer(tsv, index, regions, polygons, local);
}

let shared: Gazetteer | undefined;

/** The shipped gazetteer, loaded once per process (it is only read afterwards). */
export function defaultGazetteer(): Gazetteer {
  shared ??= loadGazetteer();
  return shared;
}
