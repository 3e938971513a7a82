// The gazetteer: every region and settlement Skywatch can place, and the lookups on them.
// Built by scripts/build-gazetteer.mjs into data/gazetteer (GeoNames, geoBoundaries; CC BY 4.0).

import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { dataPath, readDataJson } from "../data-files.js";
import { romanise } from "../extract/transliterate.js";
import { LookupIndex } from "./lookup-index.js";
import { editDistance, exactKey, frame, placeKeys, secondaryStemKeys, skeleton, stemKeys } from "./place-keys.js";
import { distanceKm, type RegionFacts, RegionLocator, type RegionPolygons } from "./regions.js";
import { RowRecords } from "./row-records.js";
import { decodeColumns, nameHash, type SettlementColumns } from "./settlement-columns.js";

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
   * Russian postal places that are a regional capital are PPLA, district towns and towns of five or
   * more post offices PPLA2 (their ids stay negative).
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
// against a village Новороссийское of 77 people). A capital or district town outranks its region's
// name (1.2) and a hamlet of the same name elsewhere (PPL of 638: 0.05 + 0.14): Белгород the city,
// Климово the district town of Bryansk Oblast (the build ranks Russian postal places, see
// scripts/build-gazetteer.mjs).
const FEATURE_WEIGHT: Record<string, number> = { PPLC: 0.4, PPLA: 0.35, PPLA2: 0.25, PPLA3: 0.1, PPL: 0.05, LOCAL: 0.2, POST: 0.06 };

/** A preposition people type before a case form ("в Щетиновке", "у Харкові", "in Kharkiv"). */
const LEADING_PREPOSITION = /^(?:в|во|у|на|із|из|з|под|під|біля|около|in|at|near)\s+(?=\S)/iu;

/** Line starts of a text (comment lines left out), so that its lines can be read without splitting it into strings. */
function lineStarts(text: Buffer): Int32Array {
  const starts: number[] = [];
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf(10 /* newline */, at);
    const next = end < 0 ? text.length : end + 1;
    if (next - at > 1 && text[at] !== 35 /* # */) starts.push(at);
    at = next;
  }
  return Int32Array.from(starts);
}

/**
 * The tab-separated fields of the line at byte `start` whose numbers `wanted` has set (bit k for
 * field k; the others are skipped, not decoded). Scans by byte (tab and newline are single bytes
 * in UTF-8): `indexOf` costs about a tenth of a microsecond per call however near the tab is,
 * more than the whole scan.
 */
function fieldsFrom(text: Buffer, start: number, wanted: number): string[] {
  const fields: string[] = [];
  let from = start;
  for (let i = start, k = 0; wanted >> k; i++) {
    const c = i < text.length ? text[i] : 10;
    if (c === 9 /* tab */ || c === 10 /* newline */) {
      if ((wanted >> k) & 1) fields.push(text.toString("utf8", from, i));
      from = i + 1;
      k++;
      if (c === 10) break;
    }
  }
  return fields;
}

/** The settlements text's columns a Settlement takes from it (the numbers and codes come from its record). */
const NAME = 2;
const NAME_RU = 3;
const NAME_UK = 4;
const DISTRICT = 6;
const TEXT_FIELDS = (1 << NAME) | (1 << NAME_RU) | (1 << NAME_UK) | (1 << DISTRICT);

export class Gazetteer {
  readonly regions: Map<string, RegionFacts>;
  private locator: RegionLocator;
  private regionNames = new Map<string, string>();

  /**
   * The settlements' TSV as loaded, read a row at a time on first need: a lookup touches a few
   * rows, and parsing all 74,000 up front would cost more than all the lookups of a run. Kept as
   * its UTF-8 bytes (7.7 MB), not as a string: its Cyrillic makes a string of two bytes a
   * character (12.7 MB of the server's heap), and decoding it whole would be one more copy.
   */
  private rowsText: Buffer;
  private rows: Array<Settlement | undefined>;
  /** Local additions, numbered after the shipped rows. */
  private extra: Settlement[] = [];
  /** What scoring needs of each shipped row, one record per row (no row is parsed to be scored). */
  private records: RowRecords;
  private regionIndex: Map<string, number>;

  /** Lookup keys → rows (from the build). */
  private index: LookupIndex;
  /** Keys of local additions (few, so a Map). */
  private localIndex = new Map<string, number[]>();
  /** Skeletons of each settlement's names, computed on first need (for near-miss spellings). */
  private skeletons: Array<string[] | undefined> = [];

  constructor(
    /** The settlements' TSV, UTF-8. */
    settlementsTsv: Uint8Array,
    index: LookupIndex,
    columns: SettlementColumns,
    regions: RegionFacts[],
    polygons: RegionPolygons,
    local: LocalPlace[] = [],
    /** Districts as they are named today where the rows carry older ones (Ukraine's raions of 2020). */
    private currentDistricts: CurrentDistrict[] = [],
  ) {
    this.regions = new Map(regions.map((r) => [r.iso, r]));
    this.locator = new RegionLocator(polygons);
    for (const r of regions)
      for (const k of placeKeys([r.name, r.name.replace(/ (Oblast|Krai|Republic)$/, "")])) this.regionNames.set(k, r.iso);
    this.rowsText = Buffer.from(settlementsTsv.buffer, settlementsTsv.byteOffset, settlementsTsv.byteLength);
    const rowStarts = lineStarts(this.rowsText);
    this.rows = new Array(rowStarts.length);
    if (columns.count !== rowStarts.length)
      throw new Error(
        `gazetteer files disagree (${rowStarts.length} settlements, ${columns.count} rows of columns): run \`npm run gazetteer:build\``,
      );
    this.records = new RowRecords(columns, rowStarts, (population, feature) => staticScore(population, FEATURE_WEIGHT[feature] ?? 0));
    this.regionIndex = new Map(columns.regionCodes.map((code, i) => [code, i]));
    this.index = index;
    for (const p of local) this.addLocal(p);
  }

  /** How many settlements there are (shipped and local). */
  get size(): number {
    return this.records.count + this.extra.length;
  }

  /** Every settlement (parses them all: for scripts and checks, not for lookups). */
  get settlements(): Settlement[] {
    return Array.from({ length: this.size }, (_, at) => this.settlement(at));
  }

  /** The settlement in row `at`. */
  settlement(at: number): Settlement {
    const r = this.records;
    if (at >= r.count) return this.extra[at - r.count];
    let s = this.rows[at];
    if (!s) {
      // Text fields from the row; numbers and codes from its record (cheaper than parsing them).
      const [name, nameRu, nameUk, district] = fieldsFrom(this.rowsText, r.textStart(at), TEXT_FIELDS);
      s = {
        id: r.id(at),
        name,
        nameRu,
        nameUk,
        region: r.region(at),
        district,
        lat: r.lat(at),
        lon: r.lon(at),
        population: r.population(at),
        feature: r.feature(at),
      };
      this.rows[at] = s;
    }
    return s;
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

  // Facts of row `at` for scoring: from its record for shipped rows, from the object for local ones.
  private staticScore(at: number): number {
    return at < this.records.count ? this.records.staticScore(at) : (FEATURE_WEIGHT[this.settlement(at).feature] ?? 0);
  }

  private population(at: number): number {
    return at < this.records.count ? this.records.population(at) : this.settlement(at).population;
  }

  private coordinates(at: number): [number, number] {
    if (at < this.records.count) return [this.records.lat(at), this.records.lon(at)];
    const s = this.settlement(at);
    return [s.lat, s.lon];
  }

  private inRegion(at: number, regionIndex: number, iso: string | null | undefined): boolean {
    return at < this.records.count ? this.records.regionIndex(at) === regionIndex : this.settlement(at).region === iso;
  }

  /** Whether one of the row's names is `exact` (shipped rows compare hashes of names, not names). */
  /**
   * Whether a Latin name is the row's Ukrainian name in Ukraine's national romanisation, or its
   * Russian name as BGN/PCGN romanise it, which English news writes ("Kupiansk", "Balakliia",
   * "Alekseyevka") where GeoNames has another spelling ("Kupyansk", "Balakliya", "Alekseevka"): as
   * exact a name of the place as its own, so that a hamlet elsewhere whose GeoNames name happens to
   * be spelled so does not outrank the town.
   */
  private isNationalRomanisation(at: number, exact: string): boolean {
    // (Each country's places by their own language's name: a Ukrainian village's Russian name Клинцы is
    // no English "Klintsy", the Russian town.)
    const { nameUk, nameRu, region } = this.settlement(at);
    if (region.startsWith("UA")) return !!nameUk && exactKey(romanise(nameUk.replace(/['’ʼ]/g, ""), "uk")) === exact;
    // Russian names as English news writes them (BGN/PCGN): е after a vowel is "ye" ("Alekseyevka"; GeoNames: Alekseevka).
    return !!nameRu && exactKey(romanise(nameRu.replace(/([аеёиоуыэюяьъ])е/giu, "$1йе"), "ru")) === exact;
  }

  private hasExactName(at: number, hash: number, exact: string): boolean {
    if (at >= this.records.count) return exactKey(this.settlement(at).name) === exact;
    return this.records.hasNameHash(at, hash);
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
    const at = this.records.count + this.extra.push(s) - 1;
    for (const key of placeKeys([p.name, ...(p.names ?? [])])) this.localIndex.set(key, [...(this.localIndex.get(key) ?? []), at]);
  }

  /** District key → the regions that have a district of that name (built on first need). */
  private districts: Map<string, Set<string>> | null = null;

  /**
   * The region of a district named by its adjective ("Грайворонском", "Нікопольському",
   * "Shebekinsky"), or null when no district or several regions' districts answer to it.
   */
  districtRegion(adjective: string): string | null {
    // Reports name the same districts again and again: an adjective is reduced to its key once.
    const known = this.districtAnswers.get(adjective);
    if (known !== undefined) return known;
    this.districts ??= this.districtIndex();
    const regions = this.districts.get(districtKey(adjective));
    const answer = regions?.size === 1 ? [...regions][0] : null;
    if (this.districtAnswers.size >= 50_000) this.districtAnswers.clear();
    this.districtAnswers.set(adjective, answer);
    return answer;
  }

  /** districtRegion's answers per adjective asked (the district index never changes once built). */
  private districtAnswers = new Map<string, string | null>();

  /**
   * Reads only the district column of each row (the region comes from its record), and reduces
   * each of the ~2,000 distinct district names once, not once per row of 74,000.
   */
  private districtIndex(): Map<string, Set<string>> {
    const index = new Map<string, Set<string>>();
    const keyOf = new Map<string, string>();
    for (let at = 0; at < this.records.count; at++) {
      const [district] = fieldsFrom(this.rowsText, this.records.textStart(at), 1 << DISTRICT);
      if (!district) continue;
      let key = keyOf.get(district);
      if (key === undefined) {
        key = districtKey(district);
        keyOf.set(district, key);
      }
      if (key.length < 4) continue;
      const regions = index.get(key) ?? new Set<string>();
      regions.add(this.records.region(at));
      index.set(key, regions);
    }
    // A raion of today answers for its region, unless a Russian district has its name too
    // ("Первомайский район"): then the name alone does not tell the region.
    for (const d of this.currentDistricts)
      for (const name of d.names) {
        const key = districtKey(name);
        const before = index.get(key);
        if (before && [...before].some((r) => !r.startsWith("UA"))) before.add(d.region);
        else index.set(key, new Set([d.region]));
      }
    return index;
  }

  regionFacts(iso: string): RegionFacts | undefined {
    return this.regions.get(iso);
  }

  /** The region a point lies in, by polygon (within ~10 km of an outline: the nearest one). */
  pointToRegion(lat: number, lon: number): string | null {
    return this.locator.regionAt(lat, lon);
  }

  /** The regions a circle reaches (its centre's, and those whose outline comes within radiusKm). */
  regionsWithin(lat: number, lon: number, radiusKm: number): string[] {
    return this.locator.regionsWithin(lat, lon, radiusKm);
  }

  /** Ranked candidates for a place name, best first; a leading preposition is read past when the name alone finds nothing. */
  resolvePlace(name: string, options: ResolveOptions = {}): PlaceCandidate[] {
    const answer = this.resolveName(name, options);
    if (answer.length || !LEADING_PREPOSITION.test(name)) return answer;
    return this.resolveName(name.replace(LEADING_PREPOSITION, ""), options);
  }

  private resolveName(name: string, options: ResolveOptions): PlaceCandidate[] {
    // News names the same places again and again: remember recent answers (they are read-only).
    if (options.near) return this.computeCandidates(name, options);
    const region = options.region ?? null;
    const limit = options.limit ?? 10;
    let asked = this.memo.get(name);
    const hit = asked?.find((m) => m.region === region && m.limit === limit);
    if (hit) return hit.answer;
    const answer = this.computeCandidates(name, options);
    if (!asked) {
      if (this.memo.size >= 50_000) this.memo.clear();
      asked = [];
      this.memo.set(name, asked);
    }
    asked.push({ region, limit, answer });
    return answer;
  }

  /** Answers given, per name asked (read-only, so they can be handed out again). */
  private memo = new Map<string, Array<{ region: string | null; limit: number; answer: PlaceCandidate[] }>>();

  /** The number of the current lookup, stamped on the rows it scores (so that none scores a row twice). */
  private stamp = 0;
  /** The same stamps for local additions (shipped rows keep theirs in their records). */
  private localStamps: number[] = [];

  /** Marks row `at` as scored by lookup `stamp`; false if it already was. */
  private claim(at: number, stamp: number): boolean {
    if (at < this.records.count) return this.records.claim(at, stamp);
    const k = at - this.records.count;
    if (this.localStamps[k] === stamp) return false;
    this.localStamps[k] = stamp;
    return true;
  }

  /** Lookup keys per name asked (pure data of the name): reports ask for a name again under other region hints. */
  private keyMemo = new Map<string, NameKeys>();

  /** The lookup keys of a name, computed once per name for every region hint and limit. */
  private nameKeys(name: string): NameKeys {
    let keys = this.keyMemo.get(name);
    if (keys) return keys;
    const exact = exactKey(name);
    const stems = stemKeys(name, exact);
    keys = {
      exact,
      hash: nameHash(exact),
      latinQuery: /^[a-z]/.test(exact),
      stems,
      // A vowel that drops out in the case forms, then the Ukrainian -ів/-їв: spellings, ranked below plain stems.
      spellings: fleetingVowelKeys(stems).concat(ukrainianIvKeys(stems)),
      secondary: null,
      stemSkeletons: null,
      skeleton: skeleton(name, exact),
    };
    if (this.keyMemo.size >= 50_000) this.keyMemo.clear();
    this.keyMemo.set(name, keys);
    return keys;
  }

  private computeCandidates(name: string, options: ResolveOptions): PlaceCandidate[] {
    const keys = this.nameKeys(name);
    const { exact, hash, stems } = keys;
    const region = options.region ? (this.regionIndex.get(options.region) ?? -1) : null;
    const limit = options.limit ?? 10;
    const best = new TopRows(limit, (at) => this.population(at));
    // Each row is scored once, on the first way it is found: stem (a case form), then spelling.
    const stamp = ++this.stamp;
    let matched = 0;
    const latinQuery = keys.latinQuery;
    const consider = (at: number, how: PlaceCandidate["match"]) => {
      if (!this.claim(at, stamp)) return;
      matched++;
      const match =
        this.hasExactName(at, hash, exact) || (latinQuery && how === "spelling" && this.isNationalRomanisation(at, exact)) ? "exact" : how;
      let score = MATCH_WEIGHT[match] + this.staticScore(at);
      if (region !== null) score += this.inRegion(at, region, options.region) ? 0.5 : -0.4;
      if (options.near) {
        const [lat, lon] = this.coordinates(at);
        const d = distanceKm(lat, lon, options.near.lat, options.near.lon);
        score += d < 30 ? 0.3 : d < 100 ? 0.15 : d > 500 ? -0.1 : 0;
      }
      best.offer(score, at, match);
    };
    /** Considers the rows (shipped and local) found under `key` that `accept` lets through. */
    const offer = (key: string, how: PlaceCandidate["match"], accept?: (at: number) => boolean) => {
      const index = this.index;
      const k = index.find(key);
      if (k >= 0)
        for (let i = index.first(k), end = index.end(k); i < end; i++) {
          const at = index.row(i);
          if (!accept || accept(at)) consider(at, how);
        }
      const local = this.localIndex.size ? this.localIndex.get(key) : undefined;
      if (local) for (const at of local) if (!accept || accept(at)) consider(at, how);
    };
    for (const k of stems) offer(k, "stem");
    // A vowel that drops out in the case forms ("Елец" → "в Ельце", "Городок" → "Городка"): ranked
    // below plain stems, so that "Ельцы" stays first unless the region says otherwise.
    for (const k of keys.spellings) offer(k, "spelling");
    // Stems the stemmers missed: only while nothing (in the region asked for) was found, as they cost a lookup or two.
    if (!matched || (region !== null && !best.rows.some(([, at]) => this.inRegion(at, region, options.region)))) {
      keys.secondary ??= secondaryStemKeys(exact, stems);
      for (const k of keys.secondary) offer(k, "stem");
    }
    // A case form of a name the gazetteer has in another language only («в Енгельсі»: the Russian town
    // Энгельс has no Ukrainian name here): its stem spelled in Latin letters, while nothing in the
    // region asked for was found.
    if (region !== null && !best.rows.some(([, at]) => this.inRegion(at, region, options.region))) {
      keys.stemSkeletons ??= stemSkeletonKeys(stems);
      for (const k of keys.stemSkeletons) offer(k, "spelling", (at) => this.inRegion(at, region, options.region));
    }
    const sk = keys.skeleton;
    const skeletonKey = `l:${sk}`;
    if (sk.length >= 3) {
      offer(skeletonKey, "spelling");
      // One letter off (Shchetinovka / Shchetynivka): same consonants, close spelling — only
      // when nothing matched better, since it is the costly and the least certain way.
      if (sk.length >= 5 && !matched) {
        const maxEdits = sk.length >= 8 ? 2 : 1;
        offer(`f:${frame(sk)}`, "near", (at) =>
          this.keyedNames(at, this.skeletons, skeleton).some((n) => editDistance(n, sk, 2) <= maxEdits),
        );
      }
    }
    const out: PlaceCandidate[] = best.rows.map(([score, at, match]) => {
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
    const regionIso = this.regionNames.get(skeletonKey);
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

/** What a lookup reads of the name asked, whatever the region hint: its exact form and its keys. */
interface NameKeys {
  exact: string;
  hash: number;
  /** The name is written in Latin letters. */
  latinQuery: boolean;
  /** Stem keys ("s:…"). */
  stems: string[];
  /** Stem keys with a fleeting vowel put back, and the nominatives of Ukrainian -ів/-їв names. */
  spellings: string[];
  /** Stem keys the stemmers missed (null until a lookup needs them). */
  secondary: string[] | null;
  /** The stems' skeletons of 4 letters or more, as "l:…" keys (null until a lookup needs them). */
  stemSkeletons: string[] | null;
  skeleton: string;
}

/** Each stem spelled in Latin letters, reduced ("l:…"), when 4 letters or more remain. */
function stemSkeletonKeys(stems: string[]): string[] {
  const out: string[] = [];
  for (const k of stems) {
    const stemSkeleton = skeleton(k.slice(2));
    if (stemSkeleton.length >= 4) out.push(`l:${stemSkeleton}`);
  }
  return out;
}

/** The best `limit` rows offered, by score, then by population. */
class TopRows {
  readonly rows: Array<[score: number, at: number, match: PlaceCandidate["match"]]> = [];

  constructor(
    private limit: number,
    private population: (at: number) => number,
  ) {}

  offer(score: number, at: number, match: PlaceCandidate["match"]) {
    const rows = this.rows;
    const limit = this.limit;
    if (rows.length === limit && score <= rows[limit - 1][0]) return;
    let i = rows.length === limit ? limit - 1 : rows.length;
    const population = this.population(at);
    while (i > 0 && (rows[i - 1][0] < score || (rows[i - 1][0] === score && this.population(rows[i - 1][1]) < population))) {
      rows[i] = rows[i - 1];
      i--;
    }
    rows[i] = [score, at, match];
  }
}

/** The part of a settlement's score that does not depend on the query: its size and rank. */
function staticScore(population: number, featureWeight: number): number {
  return Math.min(0.3, Math.log10(population + 1) / 20) + featureWeight;
}

const CONSONANTS = "бвгджзклмнпрстфхцчшщ";

/**
 * The Ukrainian -ів/-їв of a town's name turns into -ов-/-ев-/-єв- in its case forms ("у Чугуєві" →
 * Чугуїв, "Харкові" → Харків, "у Борщеві" → Борщів), which the stemmer keeps: the nominative's keys.
 */
function ukrainianIvKeys(stems: string[]): string[] {
  const out: string[] = [];
  for (const key of stems) {
    const m = /^(\p{L}{2,})([єео])в$/u.exec(key.slice(2));
    if (!m) continue;
    for (const k of stemKeys(`${m[1]}${m[2] === "є" ? "ї" : "і"}в`)) if (k !== key) out.push(k);
  }
  return out;
}

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

/**
 * A gzip file of data/ decompressed into one buffer of its size, which the gzip trailer gives:
 * gunzipSync's default output is a 16 KB buffer after another, copied into one at the end, which
 * left the process's malloc heap larger and fragmented by about the files' size.
 */
function gunzipDataFile(file: string): Buffer {
  const gz = readFileSync(dataPath(file));
  const size = gz.length >= 4 ? gz.readUInt32LE(gz.length - 4) : 0; // ISIZE: the size modulo 2³²
  return gunzipSync(gz, { chunkSize: Math.max(64 * 1024, size + 1) });
}

/** Loads the gazetteer shipped in data/gazetteer, with optional user additions. */
export function loadGazetteer(local: LocalPlace[] = []): Gazetteer {
  const tsv = gunzipDataFile("gazetteer/settlements.tsv.gz");
  const index = new LookupIndex(gunzipDataFile("gazetteer/index.bin.gz"));
  const columns = decodeColumns(gunzipDataFile("gazetteer/columns.bin.gz"));
  const { regions } = readDataJson<{ regions: RegionFacts[] }>("gazetteer/regions.json");
  const polygons = readDataJson<RegionPolygons>("gazetteer/regions.geojson");
  return new Gazetteer(tsv, index, columns, regions, polygons, local, readCurrentDistricts());
}

/** A district of today with its names (data/gazetteer/raions-ua-2020.tsv). */
export interface CurrentDistrict {
  region: string;
  names: string[];
}

function readCurrentDistricts(): CurrentDistrict[] {
  return readFileSync(dataPath("gazetteer/raions-ua-2020.tsv"), "utf8")
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [region, ...names] = line.split("\t");
      return { region, names };
    });
}

let shared: Gazetteer | undefined;

/** The shipped gazetteer, loaded once per process (it is only read afterwards). */
export function defaultGazetteer(): Gazetteer {
  shared ??= loadGazetteer();
  return shared;
}
