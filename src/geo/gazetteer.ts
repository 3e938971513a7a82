// The gazetteer: every region and settlement Skywatch can place, and the lookups on them.
// Built by scripts/build-gazetteer.mjs into data/gazetteer (GeoNames, geoBoundaries; CC BY 4.0).
import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
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
  /** GeoNames feature code (PPL, PPLA, PPLC…), POST for postal places, LOCAL for user additions. */
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

const MATCH_WEIGHT = { exact: 1, stem: 0.9, spelling: 0.85, near: 0.6, region: 1 } as const;
const FEATURE_WEIGHT: Record<string, number> = { PPLC: 0.3, PPLA: 0.25, PPLA2: 0.15, PPLA3: 0.08, PPL: 0.05, LOCAL: 0.2 };

export class Gazetteer {
  readonly settlements: Settlement[] = [];
  /** Key → settlement index, or several (most keys name one place). */
  private index = new Map<string, number | number[]>();
  readonly regions: Map<string, RegionFacts>;
  private locator: RegionLocator;
  private regionNames = new Map<string, string>();

  constructor(settlementsTsv: string, regions: RegionFacts[], polygons: RegionPolygons, local: LocalPlace[] = []) {
    this.regions = new Map(regions.map((r) => [r.iso, r]));
    this.locator = new RegionLocator(polygons);
    for (const r of regions) for (const k of placeKeys([r.name, r.name.replace(/ (Oblast|Krai|Republic)$/, "")])) this.regionNames.set(k, r.iso);
    const lines = settlementsTsv.split("\n");
    for (const line of lines) {
      if (!line || line.startsWith("#")) continue;
      const c = line.split("\t");
      const s: Settlement = {
        id: Number(c[0]),
        name: c[1],
        nameRu: c[2],
        nameUk: c[3],
        region: c[4],
        district: c[5],
        lat: Number(c[6]),
        lon: Number(c[7]),
        population: Number(c[8]),
        feature: c[9],
      };
      const at = this.settlements.push(s) - 1;
      for (const key of c[11] ? c[11].split("|") : []) this.addKey(key, at);
    }
    for (const p of local) this.addLocal(p);
  }

  private addKey(key: string, at: number) {
    const existing = this.index.get(key);
    if (existing === undefined) this.index.set(key, at);
    else if (typeof existing === "number") this.index.set(key, [existing, at]);
    else existing.push(at);
  }

  private lookup(key: string): number[] {
    const v = this.index.get(key);
    return v === undefined ? [] : typeof v === "number" ? [v] : v;
  }

  /** A place added by users (a village missing from GeoNames): every lookup sees it. */
  addLocal(p: LocalPlace) {
    const s: Settlement = { id: 0, name: p.name, nameRu: "", nameUk: "", region: p.region, district: "", lat: p.lat, lon: p.lon, population: 0, feature: "LOCAL" };
    const at = this.settlements.push(s) - 1;
    for (const key of placeKeys([p.name, ...(p.names ?? [])])) this.addKey(key, at);
  }

  regionFacts(iso: string): RegionFacts | undefined {
    return this.regions.get(iso);
  }

  /**
   * The region a point lies in. The polygons are coarse along borders, so within a few
   * kilometres of an outline the admin-1 codes of the nearest GeoNames places decide.
   */
  pointToRegion(lat: number, lon: number): string | null {
    const byPolygon = this.locator.regionAt(lat, lon);
    if (!this.locator.nearOutline(lat, lon, 0.1)) return byPolygon;
    // Only a unanimous neighbourhood overrules the polygon.
    const neighbours = this.nearestPlaces(lat, lon, 3).filter((s) => distanceKm(lat, lon, s.lat, s.lon) < 10);
    if (neighbours.length < 3) return byPolygon;
    const region = neighbours[0].region;
    return neighbours.every((s) => s.region === region) ? region : byPolygon;
  }

  private grid: Map<string, number[]> | undefined;

  /** The k nearest GeoNames places (not postal, whose coordinates are often a district's), the point itself excluded. */
  private nearestPlaces(lat: number, lon: number, k: number): Settlement[] {
    if (!this.grid) {
      this.grid = new Map();
      this.settlements.forEach((s, i) => {
        if (s.id <= 0) return;
        const key = `${Math.floor(s.lat * 10)},${Math.floor(s.lon * 10)}`;
        const cell = this.grid?.get(key);
        if (cell) cell.push(i);
        else this.grid?.set(key, [i]);
      });
    }
    const cy = Math.floor(lat * 10);
    const cx = Math.floor(lon * 10);
    const near: Array<[number, Settlement]> = [];
    for (let dy = -2; dy <= 2; dy++)
      for (let dx = -2; dx <= 2; dx++)
        for (const i of this.grid.get(`${cy + dy},${cx + dx}`) ?? []) {
          const s = this.settlements[i];
          const d = distanceKm(lat, lon, s.lat, s.lon);
          if (d > 0.3) near.push([d, s]);
        }
    return near
      .sort((a, b) => a[0] - b[0])
      .slice(0, k)
      .map(([, s]) => s);
  }

  /** Ranked candidates for a place name, best first. */
  resolvePlace(name: string, options: ResolveOptions = {}): PlaceCandidate[] {
    const found = new Map<number, PlaceCandidate["match"]>();
    const exact = exactKey(name);
    const take = (key: string, match: PlaceCandidate["match"]) => {
      for (const at of this.lookup(key)) {
        if (found.get(at) === "exact") continue;
        const s = this.settlements[at];
        const isExact = [s.name, s.nameRu, s.nameUk].some((n) => n && exactKey(n) === exact);
        if (isExact || !found.has(at)) found.set(at, isExact ? "exact" : match);
      }
    };
    for (const k of stemKeys(name)) take(k, "stem");
    const sk = skeleton(name);
    if (sk.length >= 3) {
      take(`l:${sk}`, "spelling");
      // One letter off (Shchetinovka / Shchetynivka): same consonants, close spelling.
      if (sk.length >= 5) {
        for (const at of this.lookup(`f:${frame(sk)}`)) {
          if (found.has(at)) continue;
          const s = this.settlements[at];
          const names = [s.name, s.nameRu, s.nameUk].filter(Boolean).map(skeleton);
          if (names.some((n) => editDistance(n, sk, 2) <= (sk.length >= 8 ? 2 : 1))) found.set(at, "near");
        }
      }
    }
    const out: PlaceCandidate[] = [];
    for (const [at, match] of found) {
      const s = this.settlements[at];
      let score = MATCH_WEIGHT[match];
      if (options.region) score += s.region === options.region ? 0.5 : -0.4;
      if (options.near) {
        const d = distanceKm(s.lat, s.lon, options.near.lat, options.near.lon);
        score += d < 30 ? 0.3 : d < 100 ? 0.15 : d > 500 ? -0.1 : 0;
      }
      score += Math.min(0.3, Math.log10(s.population + 1) / 20) + (FEATURE_WEIGHT[s.feature] ?? 0);
      out.push({ precision: "settlement", name: s.name, region: s.region, lat: s.lat, lon: s.lon, settlement: s, score: Math.round(score * 1000) / 1000, match });
    }
    const regionIso = this.regionNames.get(`l:${sk}`);
    if (regionIso) {
      const r = this.regions.get(regionIso);
      if (r) out.push({ precision: "region", name: r.name, region: r.iso, lat: r.centroid[1], lon: r.centroid[0], score: 1.2, match: "region" });
    }
    out.sort((a, b) => b.score - a.score || (b.settlement?.population ?? 0) - (a.settlement?.population ?? 0));
    return out.slice(0, options.limit ?? 10);
  }
}

/** Loads the gazetteer shipped in data/gazetteer, with optional user additions. */
export function loadGazetteer(local: LocalPlace[] = []): Gazetteer {
  const tsv = gunzipSync(readFileSync(dataPath("gazetteer/settlements.tsv.gz"))).toString("utf8");
  const { regions } = readDataJson<{ regions: RegionFacts[] }>("gazetteer/regions.json");
  const polygons = readDataJson<RegionPolygons>("gazetteer/regions.geojson");
  return new Gazetteer(tsv, regions, polygons, local);
}

let shared: Gazetteer | undefined;

/** The shipped gazetteer, loaded once per process (it is only read afterwards). */
export function defaultGazetteer(): Gazetteer {
  shared ??= loadGazetteer();
  return shared;
}
