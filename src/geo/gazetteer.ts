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
const FEATURE_WEIGHT: Record<string, number> = { PPLC: 0.3, PPLA: 0.25, PPLA2: 0.15, PPLA3: 0.08, PPL: 0.05, LOCAL: 0.2 };

export class Gazetteer {
  readonly settlements: Settlement[] = [];
  readonly regions: Map<string, RegionFacts>;
  private locator: RegionLocator;
  private regionNames = new Map<string, string>();

  /** Sorted lookup keys (from the build) and, per key, the comma-separated rows it names. */
  private keys: string[] = [];
  private postings: string[] = [];
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
    for (const line of settlementsTsv.split("\n")) {
      if (!line || line.startsWith("#")) continue;
      const c = line.split("\t");
      this.settlements.push({
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
      });
    }
    for (const line of indexTsv.split("\n")) {
      const tab = line.indexOf("\t");
      if (tab < 0) continue;
      this.keys.push(line.slice(0, tab));
      this.postings.push(line.slice(tab + 1));
    }
    this.buildBuckets();
    this.staticScore = new Float64Array(this.settlements.length);
    this.settlements.forEach((st, i) => {
      this.staticScore[i] = Math.min(0.3, Math.log10(st.population + 1) / 20) + (FEATURE_WEIGHT[st.feature] ?? 0);
    });
    for (const p of local) this.addLocal(p);
  }

  /** Per settlement: the part of the score that does not depend on the query (size, rank). */
  private staticScore: Float64Array;

  /** For the first four characters of a key, the range of the sorted keys that start with them. */
  private buckets = new Map<string, [number, number]>();

  private buildBuckets() {
    let start = 0;
    for (let i = 1; i <= this.keys.length; i++) {
      const prev = this.keys[i - 1].slice(0, 4);
      if (i === this.keys.length || this.keys[i].slice(0, 4) !== prev) {
        this.buckets.set(prev, [start, i - 1]);
        start = i;
      }
    }
  }

  private lookup(key: string): number[] {
    const local = this.localIndex.get(key) ?? [];
    const range = this.buckets.get(key.slice(0, 4));
    if (!range) return local;
    let [lo, hi] = range;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = this.keys[mid];
      if (k === key) {
        let rows = this.parsedPostings[mid];
        if (!rows) {
          rows = this.postings[mid].split(",").map(Number);
          this.parsedPostings[mid] = rows;
        }
        return local.length ? [...rows, ...local] : rows;
      }
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return local;
  }

  /** The settlement's names through `key` (exact key or skeleton), computed once per settlement. */
  private keyedNames(at: number, cache: Array<string[] | undefined>, key: (name: string) => string): string[] {
    let names = cache[at];
    if (!names) {
      const s = this.settlements[at];
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
    const at = this.settlements.push(s) - 1;
    for (const key of placeKeys([p.name, ...(p.names ?? [])])) this.localIndex.set(key, [...(this.localIndex.get(key) ?? []), at]);
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
    for (const k of stemKeys(name, exact)) for (const at of this.lookup(k)) if (!found.has(at)) found.set(at, "stem");
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
      const s = this.settlements[at];
      const match = this.keyedNames(at, this.exactNames, exactKey).includes(exact) ? "exact" : how;
      let score = MATCH_WEIGHT[match];
      if (options.region) score += s.region === options.region ? 0.5 : -0.4;
      if (options.near) {
        const d = distanceKm(s.lat, s.lon, options.near.lat, options.near.lon);
        score += d < 30 ? 0.3 : d < 100 ? 0.15 : d > 500 ? -0.1 : 0;
      }
      score += at < this.staticScore.length ? this.staticScore[at] : (FEATURE_WEIGHT[s.feature] ?? 0);
      if (best.length === limit && score <= best[limit - 1][0]) continue;
      let i = best.length;
      if (i === limit) i--;
      while (
        i > 0 &&
        (best[i - 1][0] < score || (best[i - 1][0] === score && this.settlements[best[i - 1][1]].population < s.population))
      ) {
        best[i] = best[i - 1];
        i--;
      }
      best[i] = [score, at, match];
      if (best.length > limit) best.length = limit;
    }
    const out: PlaceCandidate[] = best.map(([score, at, match]) => {
      const s = this.settlements[at];
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
