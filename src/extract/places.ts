// Finds the places a sentence names: regions (by any name or case form, singly or in lists
// such as "the Kaluga and Smolensk regions" / "в Брянской и Курской областях"), regional
// capitals, seas, and settlements introduced by a settlement word ("the village of X",
// "в селе X", "у селищі X").
import { REGION_HEAD_WORDS, type RegionLexicon, regionLexicon } from "../geo/region-lexicon.js";
import type { LanguageCode } from "../model/incident.js";
import { shippedDateWords } from "./date-words.js";
import { isMonthWord } from "./dates.js";
import type { PlaceCase } from "./lang/packs.js";
import { isCountryWord, sentenceWordsOf } from "./lang/sentence-words.js";
import { type Lexicon, lexiconFor } from "./lexicon.js";
import { nominativePlace, placeCaseAfter } from "./name-case.js";
import { wordValue } from "./numbers.js";
import type { PlaceResolver, ResolvedPlace } from "./place-resolver.js";
import { normalizeWord, type Token } from "./text/tokens.js";
import { transliterate } from "./transliterate.js";

export interface PlaceMention {
  kind: "region" | "city" | "water" | "settlement";
  /** ISO 3166-2 codes the mention may denote (one, unless ambiguous). Empty for water and unplaced settlements. */
  regions: string[];
  /** Latin name of the city or settlement; the sea's name for water. */
  name: string | null;
  /** The words as written. */
  text: string;
  start: number;
  end: number;
  /** Token index range [first, last] within the tokens given. */
  first: number;
  last: number;
  /** Mentions listed together under one head word share a group id ("Kaluga and Smolensk regions"). */
  group: number | null;
  /** Adjective used without a head word ("Белгородский губернатор"): it names the region of an official. */
  attributive: boolean;
  /** A raion or the area around a town ("Нікопольщина", "у Нікопольському районі"): part of the region, not all of it. */
  district: boolean;
}

/**
 * A PlaceMention with its fields in the interface's order. Literals that spread a span or another
 * mention ("{ ...m, name }") get hidden classes of their own, and each new one the optimised code
 * of sentenceFacts and sentenceIncidents meets sends it back to the interpreter and the compiler.
 */
export function placeMention(
  kind: PlaceMention["kind"],
  regions: string[],
  name: string | null,
  text: string,
  start: number,
  end: number,
  first: number,
  last: number,
  group: number | null,
  attributive: boolean,
  district = false,
): PlaceMention {
  return { kind, regions, name, text, start, end, first, last, group, attributive, district };
}

/** A copy of m with the fields of change replaced, in the shape placeMention gives. */
export function changedPlace(m: PlaceMention, change: Partial<PlaceMention>): PlaceMention {
  return placeMention(
    change.kind ?? m.kind,
    change.regions ?? m.regions,
    change.name !== undefined ? change.name : m.name,
    change.text ?? m.text,
    change.start ?? m.start,
    change.end ?? m.end,
    change.first ?? m.first,
    change.last ?? m.last,
    change.group !== undefined ? change.group : m.group,
    change.attributive ?? m.attributive,
    change.district ?? m.district,
  );
}

/**
 * A new, empty list of mentions. An empty literal `[]` has another hidden class than a list holding objects
 * (its elements are small integers until the first push), and optimised code that met only one kind of list is
 * sent back to the interpreter and the compiler when it meets the other: every list of mentions starts as one kind.
 */
export function placeList(): PlaceMention[] {
  return OBJECT_LIST.slice(0, 0) as PlaceMention[];
}
const OBJECT_LIST: object[] = [{}];

const HEADS = new Set(REGION_HEAD_WORDS.map(normalizeWord));
const HEAD_STEMS = ["област", "обл", "кра", "регион", "регіон", "республик", "республік"];
const CONJUNCTIONS = new Set(["and", "и", "і", "та", "й", "&"]);
const DISTRICT_WORDS =
  /^(район\p{L}*|округ\p{L}*|district\p{L}*|microdistrict\p{L}*|neighbourhood|neighborhood|громад\p{L}*|hromada|raion|rayon|community|municipal\p{L}*|муниципальн\p{L}*|городск\p{L}*|міськ\p{L}*)$/u;
// No neuter endings (-ое, -е): no region's noun is neuter, so "на Приморське" is a village, not Primorsky Krai.
const ADJ_ENDING = /(ая|яя|ой|ей|ую|юю|ий|ый|ого|его|ому|ему|ым|им|ом|ем|ие|ые|их|ых|ими|ыми|а|ої|ій|у|ою|і|ими|ого|ому|ім|их)$/u;

function isHead(t: Token | undefined): boolean {
  if (!t) return false;
  if (HEADS.has(t.lower)) return true;
  return HEAD_STEMS.some((h) => t.stem === h || (t.lower.startsWith(h) && t.lower.length <= h.length + 4));
}

interface Candidate {
  len: number;
  nouns: string[];
  adjectives: string[];
  bases: string[];
  capitals: string[];
}

// Russian -ск-/-цк- adjectives have full endings ("Липецкой"; "Липецка" is the city); Ukrainian -ськ-/-цьк- short ones too ("Брянська").
const ADJECTIVE_FORM =
  /(?:(?:ск|цк)(?:ая|ой|ую|ого|ому|ом|ие|их|ими|ою|им)|(?:ськ|цьк|зьк)(?:а|ої|у|ій|і|им|ім|ою|их|ими|ого|ому|ий)|ий|ый|ая|ое|ої)$/u;
const TITLE_STARTS = new Set(["губ", "гла", "вла", "опе", "мэр", "гол"]);
const TITLE_AFTER_ADJECTIVE = /^(губернатор\p{L}*|глав\p{L}*|власт\p{L}*|оперштаб\p{L}*|мэр\p{L}*|губернатор|голов\p{L}*|влад\p{L}*)$/u;

const NONE: string[] = [];

/** Some region name has this word after its first one (no key of more words can match without it). */
function continuesName(t: Token, lex: RegionLexicon): boolean {
  return lex.laterWords.has(t.lower) || lex.laterWords.has(t.stem);
}

function candidateAt(tokens: Token[], i: number, lex: RegionLexicon): Candidate | undefined {
  const t = tokens[i];
  // Region adjectives are written in lower case before a title: "белгородский губернатор".
  if (!t.capital && !(tokens[i + 1] && TITLE_STARTS.has(tokens[i + 1].prefix3) && TITLE_AFTER_ADJECTIVE.test(tokens[i + 1].lower)))
    return undefined;
  if (!t.regionFirst(lex.firstWords)) return undefined;
  const bound = Math.min(lex.maxKeyTokens, tokens.length - i);
  let maxLen = 1;
  while (maxLen < bound && continuesName(tokens[i + maxLen], lex)) maxLen++;
  const keys: string[] = [];
  const raws: string[] = [];
  for (let len = 1; len <= maxLen; len++) {
    const u = tokens[i + len - 1];
    keys.push(len === 1 ? u.stem : `${keys[len - 2]} ${u.stem}`);
    raws.push(len === 1 ? u.lower : `${raws[len - 2]} ${u.lower}`);
  }
  for (let len = maxLen; len >= 1; len--) {
    const key = keys[len - 1];
    const raw = raws[len - 1];
    const nouns = lex.nouns.get(key) ?? lex.nouns.get(raw) ?? NONE;
    const bases = lex.bases.get(key) ?? NONE;
    // "Курской АЭС", "Київської ОВА": the region's adjective, not the city (unless the city's name is one).
    const adjectiveForm = len === 1 && ADJECTIVE_FORM.test(raw);
    const capitalAt = (k: string) =>
      raw.length >= (lex.capitalLengths.get(k) ?? 0) - 1 && !(adjectiveForm && !lex.capitals.has(raw) && !lex.adjectivalCapitals.has(k))
        ? lex.capitals.get(k)
        : undefined;
    const capitals = capitalAt(raw) ?? capitalAt(key) ?? NONE;
    // An adjective must look like one: "Брянской" is the oblast's adjective, "Брянске" the city.
    const adjectives = ADJ_ENDING.test(tokens[i + len - 1].lower) ? (lex.adjectives.get(key) ?? NONE) : NONE;
    if (nouns.length || bases.length || capitals.length || adjectives.length) {
      return { len, nouns, adjectives, bases, capitals };
    }
  }
  return undefined;
}

export function findRegionMentions(tokens: Token[], text: string, nextGroup: () => number): PlaceMention[] {
  const lex = regionLexicon();
  const out = placeList();
  for (let i = 0; i < tokens.length; i++) {
    // Cheap test first: a region name starts with a capital (or is an adjective before a title).
    if (!tokens[i].capital && !(tokens[i + 1] && TITLE_STARTS.has(tokens[i + 1].prefix3))) continue;
    const first = candidateAt(tokens, i, lex);
    if (!first) continue;
    // Collect a list: NAME (, NAME)* ((,) and NAME)?
    const items: Array<{ c: Candidate; at: number }> = [{ c: first, at: i }];
    let j = i + first.len;
    while (j < tokens.length) {
      const gap = text.slice(tokens[j - 1].end, tokens[j].start);
      let k = j;
      if (/^\s*,\s*$/.test(gap)) {
        if (CONJUNCTIONS.has(tokens[k].lower)) k++;
      } else if (/^\s+$/.test(gap) && CONJUNCTIONS.has(tokens[k].lower)) {
        k++;
      } else break;
      if (k >= tokens.length) break;
      if (k > j && !/^\s+$/.test(text.slice(tokens[k - 1].end, tokens[k].start))) break;
      const c = candidateAt(tokens, k, lex);
      // ("Pskov and Rostov regions": a name that is a region by itself, "Rostov", continues the list too.)
      if (!c || !(c.adjectives.length || c.bases.length || c.nouns.length)) break;
      // "in Sumy, Sumy region", «в Сумах, Сумская область»: a city and, in apposition, its own region — no list.
      if (k === j && sameRegionAs(items[items.length - 1].c, c)) break;
      items.push({ c, at: k });
      j = k + c.len;
    }
    // "the region of Kherson" has its head word in front.
    const headBefore = tokens[i - 1]?.lower === "of" && isHead(tokens[i - 2]) && items.length === 1;
    const head = isHead(tokens[j]) ? tokens[j] : headBefore ? tokens[i - 2] : undefined;
    // "Moscow's attack", "Kyiv's forces": the government, not the place.
    if (
      !head &&
      /['’]s$/.test(tokens[i].text) &&
      /^(attack|attacks|strike|strikes|forces|troops|army|military|war|invasion|offensive|missiles?|drones?|government|regime|response|overnight)$/.test(
        tokens[j]?.lower ?? "",
      )
    ) {
      i = j - 1;
      continue;
    }
    const elliptic = !head && isEllipticRegionList(tokens, text, i, j, items.length);
    const group = items.length > 1 && (head || elliptic) ? nextGroup() : null;
    const afterList = tokens[j];
    for (const { c, at } of items) {
      const last = at + c.len - 1;
      if (!head && itemOfDistrictList(tokens, text, last)) continue;
      const start = tokens[at].start;
      const end = tokens[last].end;
      const written = text.slice(start, end);
      if (!head && items.length === 1 && c.adjectives.length && cityInUkrainianLocative(tokens, at, last, lex, c.adjectives[0])) {
        const iso = c.adjectives[0];
        out.push(placeMention("city", [iso], lex.regions.get(iso)?.capital ?? null, written, start, end, at, last, null, false));
        continue;
      }
      // (Not "сбиты над Курском.": after "над" an "-ском" is the city, see cityInInstrumental.)
      const cityAfterOver = !head && c.adjectives.length > 0 && cityInInstrumental(tokens, at, last, lex, c.adjectives[0]);
      if (head || (elliptic && c.adjectives.length && ADJECTIVE_FORM.test(tokens[last].lower) && !cityAfterOver)) {
        const regions = uniq([...c.adjectives, ...c.bases, ...(c.adjectives.length || c.bases.length ? [] : c.nouns)]);
        if (regions.length) {
          out.push(placeMention("region", regions, null, written, start, end, at, last, group, false));
          continue;
        }
      }
      if (c.nouns.length) {
        out.push(placeMention("region", c.nouns, null, written, start, end, at, last, null, false));
      } else if (c.capitals.length && !DISTRICT_WORDS.test(tokens[last + 1]?.lower ?? "")) {
        const iso = c.capitals[0];
        out.push(
          placeMention(
            "city",
            c.capitals,
            lex.regions.get(iso)?.capital ?? transliterate(written, "ru"),
            written,
            start,
            end,
            at,
            last,
            null,
            false,
          ),
        );
      } else if (c.adjectives.length && cityInInstrumental(tokens, at, last, lex, c.adjectives[0])) {
        // "над Курском", «над Липецком»: после "над" an "-ском", "-цком" is no adjective (that would be "Курским") but the city Kursk.
        const iso = c.adjectives[0];
        out.push(placeMention("city", [iso], lex.regions.get(iso)?.capital ?? null, written, start, end, at, last, null, false));
      } else if (c.adjectives.length && !DISTRICT_WORDS.test(afterList?.lower ?? "") && !kindOfHromadaAfter(tokens, j)) {
        out.push(placeMention("region", c.adjectives, null, written, start, end, at, last, null, true));
      }
    }
    i = head && !headBefore ? j : j - 1;
  }
  return out;
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];

/** «Миколаївська сільська громада»: a lower-case word, the hromada's kind, between an adjective and a hromada's noun — the hromada, not the region. */
function kindOfHromadaAfter(tokens: Token[], j: number): boolean {
  const kind = tokens[j];
  return kind !== undefined && !kind.capital && !kind.digits && HROMADA_WORD.test(tokens[j + 1]?.lower ?? "");
}

/** Whether two region candidates name the same region (by any of their readings). */
function sameRegionAs(a: Candidate, b: Candidate): boolean {
  const codes = new Set([...a.adjectives, ...a.bases, ...a.nouns, ...a.capitals]);
  return [...b.adjectives, ...b.bases, ...b.nouns, ...b.capitals].some((iso) => codes.has(iso));
}

const TERRITORY = /^(территори\p{L}*|територі\p{L}*|небом|небе|небі)$/u;
const PLACE_PREPOSITIONS = /^(над|в|во|у|на|по|из|із|з|from|over|in)$/u;

/**
 * Region adjectives whose noun is left out because a breakdown already said it: "10 — над
 * Саратовской, семь — над Ростовской", "у таких областях: Миколаївська, Черкаська та Житомирська".
 * The list ends the clause, and stands after a preposition, a colon or dash, or has several items.
 */
function isEllipticRegionList(tokens: Token[], text: string, first: number, end: number, items: number): boolean {
  const after = end < tokens.length ? text.slice(tokens[end - 1].end, tokens[end].start) : "";
  // It ends the clause, or the next item of the breakdown follows ("девять — над Калужской и два — над Курской").
  if (end < tokens.length && !/^\s*[,.;:!?—–)]/.test(after) && !/^(и|і|та|й|and)$/u.test(tokens[end].lower)) return false;
  // "над территорией Калужской": the preposition may stand before "территорией".
  const before = tokens[first - 1] && TERRITORY.test(tokens[first - 1].lower) ? tokens[first - 2] : tokens[first - 1];
  if (before && PLACE_PREPOSITIONS.test(before.lower)) return true;
  const gapBefore = before ? text.slice(before.end, tokens[first].start) : "";
  if (items > 1 || /[:—–]\s*$/.test(gapBefore)) return true;
  // "два — нал Пензенской": an item of a dashed breakdown whose one short word before the adjective is a
  // preposition mistyped; the dash before it marks the item.
  const beforeGap = before && tokens[first - 2] ? text.slice(tokens[first - 2].end, before.start) : "";
  return !!before && /^\p{Ll}{2,3}$/u.test(before.text) && /[—–]\s*$/.test(beforeGap) && /^\s+$/.test(gapBefore);
}

/**
 * "the Ukrainian capital", "столицы России": Kyiv or Moscow. A bare "the capital", «в столице», «у столиці»
 * is the capital of the country the report is about (`contextRegion`: a Ukrainian region → Kyiv, a Russian
 * one → Moscow); with no region told yet, Ukrainian reads it as Kyiv, Russian and English, which both sides
 * write, leave it alone. Not "the regional capital" (the pack's regional_centre), nor "the capital of Crimea".
 */
export function findCapitalNouns(
  tokens: Token[],
  text: string,
  language: LanguageCode,
  contextRegion: string | null = null,
): PlaceMention[] {
  const lex = regionLexicon();
  const words = lexiconFor(language);
  const out = placeList();
  const regional = words.regionalCentre.findAll(tokens);
  for (let i = 0; i < tokens.length; i++) {
    if (!words.capitalNoun.has(tokens[i].lower)) continue;
    if (regional.some((m) => m.first <= i && i <= m.last)) continue;
    let first = i;
    let last = i;
    let iso: string | null = null;
    const before = tokens[i - 1]?.lower ?? "";
    const after = tokens[i + 1]?.lower ?? "";
    if (words.ofUkraine.has(before) || words.ofRussia.has(before)) {
      iso = words.ofUkraine.has(before) ? "UA-30" : "RU-MOW";
      first = i - 1;
    } else if ((words.ofUkraine.has(after) || words.ofRussia.has(after)) && language !== "en") {
      iso = words.ofUkraine.has(after) ? "UA-30" : "RU-MOW";
      last = i + 1;
    } else if (!words.capitalOf.has(after) && !(tokens[i + 1]?.capital && !words.capitalName.has(after))) {
      // (Not "the capital of Crimea", «столица Крыма»: a capital named by what it heads.)
      // Read by the report's country only where the event is in it: after a preposition of place ("in the capital",
      // «над столицей», «по столиці»), not "flights out of the capital" — or where drones flew ("headed towards the capital",
      // the pack's capital_toward), which nearMeansRegion reads as the city-region with no settlement.
      const country = contextRegion?.slice(0, 2);
      const preposition = before === "the" ? (tokens[i - 2]?.lower ?? "") : before;
      const at = before === "the" ? i - 2 : i - 1;
      const toward = [0, 1, 2, 3].some((k) => words.capitalToward.matchAt(tokens, at - k)?.last === at);
      const inside = words.capitalIn.has(preposition) || toward;
      iso =
        country === "RU" && inside
          ? "RU-MOW"
          : (country === "UA" && inside) || (language === "uk" && country !== "RU" && tokens[i].lower !== "capital")
            ? "UA-30"
            : null;
      // ("headed towards the capital", "west of the capital": the words before the article tell what the city is to the event.)
      if (iso && before === "the") first = i - 1;
    }
    if (!iso) continue;
    // "столицю РФ Москву", "the Ukrainian capital, Kyiv": the city is named right after; its name is the mention.
    const named = tokens[last + 1];
    if (named?.capital && words.capitalName.has(named.lower)) continue;
    out.push({
      kind: "city",
      regions: [iso],
      name: lex.regions.get(iso)?.capital ?? null,
      text: text.slice(tokens[first].start, tokens[last].end),
      start: tokens[first].start,
      end: tokens[last].end,
      first,
      last,
      group: null,
      attributive: false,
      district: false,
    });
  }
  return out;
}

/**
 * "a drone attack on the regional centre", «удар по обласному центру»: the capital of the region the
 * sentence is read in (annotation guide), as a city mention over the words. None for a city-region
 * (Kyiv, Moscow, Sevastopol), which is its own centre, or where no one region is in question.
 */
export function regionalCentreMentions(
  spans: Array<{ first: number; last: number }>,
  tokens: Token[],
  text: string,
  iso: string | null,
): PlaceMention[] {
  const capital = iso ? regionLexicon().regions.get(iso)?.capital : undefined;
  if (!iso || !capital || CITY_REGION_CODES.has(iso)) return [];
  return spans.map((m) =>
    placeMention(
      "city",
      [iso],
      capital,
      text.slice(tokens[m.first].start, tokens[m.last].end),
      tokens[m.first].start,
      tokens[m.last].end,
      m.first,
      m.last,
      null,
      false,
    ),
  );
}

/** A district named by its adjective: «Нікопольському», «Климовский» (with the region the gazetteer gives it). */
export interface DistrictNamed {
  adjective: string;
  region: string;
}

/**
 * The district a sentence names by its adjective, the last one: «у Нікопольському районі», «По Нікопольському
 * застосовував FPV-дрони» (the noun left out after a preposition), «Климовский район:».
 */
export function lastDistrictNamed(tokens: Token[], resolver: PlaceResolver): DistrictNamed | null {
  if (!resolver.districtRegion) return null;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (!t.capital || !DISTRICT_ADJECTIVE.test(t.lower) || HROMADA_WORD.test(tokens[i + 1]?.lower ?? "")) continue;
    const named = DISTRICT_WORDS.test(tokens[i + 1]?.lower ?? "") || (i > 0 && LOCATIVE.has(tokens[i - 1].lower));
    const region = named ? resolver.districtRegion(t.text) : null;
    if (region) return { adjective: t.text, region };
  }
  return null;
}

/** «Потерпали райцентр, Марганецька … громади»: the district centre (the pack's district_centre), the town the district is named after. */
export function districtCentreMentions(
  spans: Array<{ first: number; last: number }>,
  tokens: Token[],
  text: string,
  district: DistrictNamed,
  language: LanguageCode,
  resolver: PlaceResolver,
): PlaceMention[] {
  const { names } = hromadaCentreNames(district.adjective);
  // (A Russian district's town may end in -о: Климовский → Климово.)
  const centre = [...names, ...names.slice(1, 2).map((base) => `${base}о`)]
    .map((name) => resolver.findSettlement(name, district.region, language))
    .find((found) => found?.region === district.region && found.match === "exact");
  if (!centre) return [];
  return spans.map((m) => resolvedMention(centre, tokens, text, m.first, m.last));
}

const CITY_REGION_CODES = new Set(["UA-30", "RU-MOW", "RU-SPE", "UA-40"]);

const SEAS: Array<[string, RegExp]> = [
  [
    "Black Sea",
    /Black Sea|Ч[её]рн(?:ое|ого|ом|ым)\s+мор\p{L}*|Чорн(?:е|ого|ому|им)\s+мор\p{L}*|(?<=и |і |та )Ч[её]рн(?:ого|ом)(?=\s+мор)|(?<=и |і |та )Чорн(?:ого|ому)(?=\s+мор)/gu,
  ],
  [
    "Sea of Azov",
    /Sea of Azov|Azov Sea|Азовск\p{L}*(?:\s+мор\p{L}*|(?=\s+и\s+Ч[её]рн))|Азовськ\p{L}*(?:\s+мор\p{L}*|(?=\s+(?:і|та)\s+Чорн))/gu,
  ],
  ["Caspian Sea", /Caspian Sea|Каспийск\p{L}*\s+мор\p{L}*|Каспійськ\p{L}*\s+мор\p{L}*/gu],
  ["Baltic Sea", /Baltic Sea|Балтийск\p{L}*\s+мор\p{L}*|Балтійськ\p{L}*\s+мор\p{L}*/gu],
];

/** The sea off a region that lies on one sea only: an unnamed sea told of there is that one. */
const SEA_OFF_REGION: Record<string, string> = {
  "UA-40": "Black Sea",
  "UA-51": "Black Sea",
  "UA-48": "Black Sea",
  "RU-ROS": "Sea of Azov",
  "UA-23": "Sea of Azov",
  "UA-14": "Sea of Azov",
};

/**
 * «над морем в отдалении от берега», "over the sea": a sea with no name of its own right after a preposition of
 * place (the pack's bare_sea and place_preposition) — water, no region; named by the region told where it lies on
 * one sea, else just "sea". Not a word inside a named sea's mention.
 */
export function bareSeaMentions(tokens: Token[], named: PlaceMention[], lex: Lexicon, contextRegion: string | null): PlaceMention[] {
  const out = placeList();
  if (!lex.bareSea.size) return out;
  for (let i = 1; i < tokens.length; i++) {
    if (!lex.bareSea.has(tokens[i].lower) || tokens[i].capital) continue;
    if (named.some((w) => w.first <= i && i <= w.last)) continue;
    const before = tokens[i - 1].lower === "the" ? tokens[i - 2] : tokens[i - 1];
    if (!before || !lex.placePreposition.has(before.lower)) continue;
    out.push({
      kind: "water",
      regions: [],
      name: (contextRegion && SEA_OFF_REGION[contextRegion]) || "sea",
      text: tokens[i].text,
      start: tokens[i].start,
      end: tokens[i].end,
      first: i,
      last: i,
      group: null,
      attributive: false,
      district: false,
    });
  }
  return out;
}

const WATER_AS_ATTRIBUTE = /^(port|ports|coast|resort|resorts|city|town|fleet|fleet's|harbour|harbor)$/;

export function findWaterMentions(sentence: string, sentenceStart: number, tokens: Token[]): PlaceMention[] {
  const out = placeList();
  if (!/Sea|мор/.test(sentence)) return out;
  for (const [name, re] of SEAS) {
    for (const m of sentence.matchAll(re)) {
      const start = sentenceStart + (m.index ?? 0);
      const end = start + m[0].length;
      const first = tokens.findIndex((t) => t.end > start);
      let last = first;
      while (last + 1 < tokens.length && tokens[last + 1].start < end) last++;
      // "the Black Sea port of Tuapse", "Black Sea Fleet": the sea describes what follows, it is no place of its own.
      const describes = WATER_AS_ATTRIBUTE.test(tokens[last + 1]?.lower ?? "");
      out.push({
        kind: "water",
        regions: [],
        name,
        text: m[0],
        start,
        end,
        first,
        last,
        group: null,
        attributive: describes,
        district: false,
      });
    }
  }
  return out;
}

const SETTLEMENT_WORDS: Record<LanguageCode, Set<string>> = {
  en: new Set(["village", "town", "city", "settlement", "hamlet", "township", "khutor", "suburb"]),
  ru: new Set(
    "село села селе селу селом поселок поселка поселке поселку поселком пос пгт деревня деревни деревне деревню хутор хутора хуторе хутору хутором деревней станицей слободой городом станица станицы станице станицу слобода слободы слободе город города городе городу г с п х д рп населенный населенного населенном поселки городах городам городами населенные населенных населенным населенными сел селам селах селами поселков поселкам поселках хуторов хуторам хуторах деревень деревням деревнях".split(
      " ",
    ),
  ),
  uk: new Set(
    "село села селі селу селом селище селища селищі селищу селищем смт місто міста місті місту містом м с сел хутір хутора хуторі хутору хутором населений населеного населеному сіл селам селах селами селищ селищам селищах хуторам хуторах".split(
      " ",
    ),
  ),
};
/** The plural settlement words of SETTLEMENT_WORDS: every name of the list after them is a settlement. */
const PLURAL_SETTLEMENT_WORDS = new Set(
  "сел селам селах селами городах городам городами поселки поселков поселкам поселках хуторов хуторам хуторах деревень деревням деревнях населенные населенных населенным населенными сіл селищ селищам селищах".split(
    " ",
  ),
);

/** The names listed after a plural settlement word and the first name (ending at `last`), one or two capitalised words each; the last token read. */
function pluralList(tokens: Token[], text: string, last: number, push: (from: number, to: number) => void): number {
  for (;;) {
    const gap = text.slice(tokens[last].end, tokens[last + 1]?.start ?? tokens[last].end);
    let k = last + 1;
    if (/^\s+$/.test(gap) && /^(и|і|й|та|and)$/u.test(tokens[k]?.lower ?? "")) k++;
    else if (!/^\s*,\s*$/.test(gap)) return last;
    else if (/^(и|і|й|та|and)$/u.test(tokens[k]?.lower ?? "")) k++;
    const name = tokens[k];
    if (!name?.capital || name.digits || NOT_A_NAME.test(name.lower) || /^\p{Lu}{2,}$/u.test(name.text)) return last;
    let end = k;
    const second = tokens[k + 1];
    if (
      second?.capital &&
      /^\s$/.test(text.slice(name.end, second.start)) &&
      !NOT_A_NAME.test(second.lower) &&
      !/^\p{Lu}{2,}/u.test(second.text) &&
      // (Not a district's adjective after the village: «Суземка Климовского и Суземского районов».)
      !/(ского|цкого|ской|цкой|ського|цького|ської|цької)$/u.test(second.lower)
    )
      end = k + 1;
    if (DISTRICT_WORDS.test(tokens[end + 1]?.lower ?? "")) {
      // «сёла Хинель и Кучеровка Севского района»: the last village, then its district.
      if (end === k) return last;
      end = k;
      push(k, end);
      return end;
    }
    push(k, end);
    last = end;
  }
}

/** A word that names a kind of settlement or a city's okrug ("города", "г", "о", "городские", "округа", "населенные пункты"). */
export function isPlaceTypeWord(lower: string): boolean {
  return (
    SETTLEMENT_WORDS.ru.has(lower) ||
    SETTLEMENT_WORDS.uk.has(lower) ||
    SETTLEMENT_WORDS.en.has(lower) ||
    lower === "о" ||
    lower === "н" || // «н.п.», «н. п.»: населённый пункт
    /^(округ\p{L}*|городск\p{L}*|муниципальн\p{L}*|пункт\p{L}*|населен\p{L}*|населён\p{L}*|towns|villages|cities|of|the)$/u.test(lower)
  );
}
const NOT_A_NAME = /^(of|the|and|district|region|oblast|area|район\p{L}*|округ\p{L}*|област\p{L}*|громад\p{L}*)$/u;

/**
 * Settlements introduced by a settlement word: "the village of Shchetinovka", "в селе Грузское",
 * "в районе хутора Масычево", "у селищі Кача". Names stay as written; the gazetteer normalises them.
 */
export function findSettlementMentions(tokens: Token[], text: string, language: LanguageCode): PlaceMention[] {
  const out = placeList();
  const words = SETTLEMENT_WORDS[language];
  const lex = lexiconFor(language);
  for (let i = 0; i < tokens.length - 1; i++) {
    // "городской округ Коломна", "городские округа Коломна, Зарайск…", «у міських округах Коломна і Зарайськ»,
    // "the urban districts of Kolomna and Zaraysk": the okrug of a city, whose centre is the place.
    // (Not «Климовского муниципального округа ВСУ нанесли удар»: an okrug named by its adjective before it names nothing after it.)
    const okrug =
      lex.okrugKind.has(tokens[i].lower) &&
      lex.okrugNoun.has(tokens[i + 1]?.lower ?? "") &&
      (language !== "en" || tokens[i + 2]?.lower === "of") &&
      !(i > 0 && tokens[i - 1].capital && DISTRICT_ADJECTIVE.test(tokens[i - 1].lower));
    // A capitalised "Село" inside a sentence is part of a name ("Красное Село"); opening it, it is the word
    // for the place ("Посёлок Уразово был атакован").
    const settlementWord =
      words.has(tokens[i].lower) && !(tokens[i].capital && language !== "en" && i > 0 && !/^(с|п|г|х|м)$/.test(tokens[i].lower));
    if (!okrug && !settlementWord) continue;
    let k = okrug ? i + 2 : i + 1;
    if (language === "en" && tokens[k]?.lower === "of") k++;
    else if (language !== "en" && /^(пункт\p{L}*)$/u.test(tokens[k]?.lower ?? "")) k++;
    // "г.о. Коломна", "м.о. …": a city's district (okrug) named after its city, which is the place (as a hromada's centre is).
    else if (language !== "en" && /^[гм]$/.test(tokens[i].lower) && tokens[k]?.lower === "о" && text[tokens[i].end] === ".") k++;
    const first = tokens[k];
    if (!first?.capital || first.digits || NOT_A_NAME.test(first.lower)) continue;
    let last = k;
    // Two-word names ("Новая Таволжанка", "Novyi Yurkovichi"), unless the second word starts a district.
    const second = tokens[k + 1];
    if (
      second?.capital &&
      /^\s$/.test(text.slice(first.end, second.start)) &&
      !DISTRICT_WORDS.test(tokens[k + 2]?.lower ?? "") &&
      !NOT_A_NAME.test(second.lower) &&
      // "в поселке Октябрьский FPV-дрон атаковал": an abbreviation or a Latin word after a Cyrillic name starts the next phrase.
      !/^\p{Lu}{2,}/u.test(second.text) &&
      (language === "en" || !/\p{Script=Latin}/u.test(second.text))
    ) {
      last = k + 1;
    }
    // "the city's Kyivskyi district": a district of the city, which is no settlement (guide).
    if (DISTRICT_WORDS.test(tokens[last + 1]?.lower ?? "") && !/^(hromada|community|громад\p{L}*)$/u.test(tokens[last + 1].lower)) continue;
    // «в одном из сёл Краснопольской громады»: after a plural word, an unnamed village of the hromada.
    if (PLURAL_SETTLEMENT_WORDS.has(tokens[i].lower) && /^(hromada|community|громад\p{L}*)$/u.test(tokens[last + 1]?.lower ?? "")) continue;
    const push = (from: number, to: number) => {
      const written = text.slice(tokens[from].start, tokens[to].end).replace(/^[«"']|[»"']$/g, "");
      out.push({
        kind: "settlement",
        regions: [],
        name: language === "en" ? written : transliterate(written, language),
        text: written,
        start: tokens[from].start,
        end: tokens[to].end,
        first: from,
        last: to,
        group: null,
        attributive: false,
        district: false,
      });
    };
    const before = out.length;
    push(k, last);
    // «по сёлам Белянка, Новая Таволжанка и Чайки»: a plural settlement word names every item of the list after it.
    // («сёла Хинель и Кучеровка»: «села» is a village's genitive too, but a list after it is of villages.)
    if (PLURAL_SETTLEMENT_WORDS.has(tokens[i].lower) || tokens[i].lower === "села") last = pluralList(tokens, text, last, push);
    // («населённые пункты Климовского, Суземского и Погарского районов»: districts, whose word closes the list.)
    const closes = (j: number) => DISTRICT_WORDS.test(tokens[j]?.lower ?? "");
    // (Not «в городском округе Рыльск и городском округе Льгов»: a lower-case word after the conjunction starts no district's name.)
    if (closes(last + 1) || (/^(и|і|й|та)$/u.test(tokens[last + 1]?.lower ?? "") && tokens[last + 2]?.capital && closes(last + 3)))
      out.length = before;
    i = last;
  }
  return out;
}

const LOCATIVE = new Set([
  "в",
  "во",
  "у",
  "на",
  "под",
  "під",
  "біля",
  "около",
  "возле",
  "близ",
  "поблизу",
  "неподалік", // «Неподалік Краматорська впала ракета»
  "недалеко",
  "near",
  "in",
  "at",
  "outside",
  "over", // "shot down over Pavlohrad", as "над Павлоградом"
  "above",
  "над",
  "по", // "удар по Одесі", "по Харькову"
]);

/**
 * "над Курском", "под Брянском": these prepositions take the instrumental, where the region's adjective
 * would read "Курским"; an "-ском" there is the city whose name ends in "-ск".
 */
function cityInInstrumental(tokens: Token[], at: number, last: number, lex: RegionLexicon, iso: string): boolean {
  if (at !== last || !/^(над|под|перед)$/u.test(tokens[at - 1]?.lower ?? "") || !/[сц]ком$/u.test(tokens[at].lower)) return false;
  return /sk$/.test(lex.regions.get(iso)?.capital ?? "");
}

/**
 * "у Курську", "в Донецьку": with no head noun after it, a Ukrainian "-ську" after "у"/"в" is the
 * locative of the city (the oblast's adjective there would be "Курській").
 */
function cityInUkrainianLocative(tokens: Token[], at: number, last: number, lex: RegionLexicon, iso: string): boolean {
  if (at !== last) return false;
  const before = tokens[at - 1]?.lower ?? "";
  // "по Курську": the dative of the city too (the oblast's would be "по Курській"); "обстріл Курська",
  // "біля Курська", "у напрямку Курська": its genitive after a word that takes one (the oblast's: "Курської").
  const locative = /^(у|в|по)$/u.test(before) && /(?:ськ|цьк)у$/u.test(tokens[at].lower);
  const genitive =
    /^(біля|поблизу|неподалік|до|від|напрямку|обстріл|обстрілу|обстріли|обстрілів|околиці|околицях|мешканці|жителі)$/u.test(before) &&
    /(?:ськ|цьк)а$/u.test(tokens[at].lower);
  if (!locative && !genitive) return false;
  return /sk$/.test(lex.regions.get(iso)?.capital ?? "");
}

/** "Під ударом були …", "под обстрелом оказались …", "came under fire": the sentence's places were attacked. */
export function tellsUnderFire(tokens: Token[], lex: Lexicon): boolean {
  for (let i = 1; i < tokens.length; i++)
    if (lex.underFire.has(tokens[i].lower) && (lex.under.has(tokens[i - 1].lower) || lex.under.has(tokens[i - 2]?.lower ?? "")))
      return true;
  return false;
}

/** "атакував", "attacked", "обстреляли": a place right after it is what was attacked (the pack's attack_verb). */
export function isAttackVerb(lex: Lexicon, lower: string): boolean {
  return lex.attackVerb.has(lower);
}

const PART_OF_PLACE =
  /^(area|areas|outskirts|suburb|suburbs|centre|center|part|parts|neighbourhood|neighborhood|streets|residents|community|hromada|municipality|village|villages|town|towns|city|cities|settlement|settlements|port|harbour|harbor)$/;
const ATTACK_NOUN = /^(attacks?|strikes?|shelling|raids?|assaults?)$/;
/** "внаслідок обстрілу Куп'янська", "после обстрела Шебекино": the attack of a place, the place in the genitive. */
const ATTACK_NOUN_GENITIVE = /^(обстріл|обстрілу|обстріли|обстрілів|обстрел|обстрела|обстрелов|обстрелы|бомбардування|бомбардировки)$/u;

const HROMADA_PREFIXES = new Set(["гро", "hro", "com", "отг", "тг"]);
const HROMADA_WORD = /^(громад\p{L}*|hromada|hromadas|community|отг|тг)$/u;
/** A hromada's adjective and noun in the genitive singular (Ukrainian, Russian). */
const OF_HROMADA = /(ської|цької|зької|ской|цкой) громад[иы]$/u;
const HROMADA_ADJECTIVE = /^(.*?)(ськ|цьк|зьк|ск|цк|s'k|sk|tsk|zk)(?:а|ій|ої|у|ою|ий|ого|ому|им|ім|і|их|ая|ой|ую|ом|a|yi|iy|oi)$/u;

/**
 * The names a hromada's adjective may come from ("Великописарівська" → Велика Писарівка,
 * "Хотінській" → Хотінь, "Шосткинська" → Шостка, "Марганецька" → Марганець, "Khotinska" → Khotin).
 */
function hromadaCentreNames(adjective: string): { names: string[]; exactOnly: number } {
  const m = HROMADA_ADJECTIVE.exec(adjective.toLowerCase());
  if (!m || m[1].length < 3) return { names: [], exactOnly: 0 };
  const base = /^(цьк|цк|tsk)$/.test(m[2]) ? `${m[1]}${m[2][0] === "t" ? "ts" : "ц"}` : m[1];
  const latin = !/[\u0400-\u04ff]/.test(base);
  const endings = latin ? ["", "ka", "ia", "a", "e", "y"] : ["", "ь", "а", "я", "ка", "ля", "е", "и"];
  // "Куп'янська", "Вовчанська": a centre whose own name ends in the suffix (Куп'янськ) comes first (taken only as spelt).
  // "Хмельницька" (Хмельницький), "Хмільницька" (Хмільник: к turns into ц before the suffix): a centre called
  // by its adjective, or one whose -к the suffix turned into ц, comes next (also taken only as spelt).
  const cyrillicTsk = m[2] === "цьк" || m[2] === "цк";
  const exactOnly = [`${m[1]}${m[2]}`, ...(cyrillicTsk ? [`${m[1]}${m[2]}ий`, `${m[1]}${m[2]}ій`, `${m[1]}к`] : [])];
  const names = [...exactOnly, ...endings.map((e) => base + e)];
  // "Шосткинська", "Ворожбянська": an -ин-/-ян- joins the name's stem to the suffix.
  if (/(ин|ян|yn|ian)$/u.test(base)) names.push(`${base.replace(/(ин|ян|yn|ian)$/u, "")}${latin ? "a" : "а"}`);
  return { names, exactOnly: exactOnly.length };
}

/**
 * The index of the hromada's noun after its adjective at `i` («Конотопська громада»), past the kind of hromada
 * («Миколаївська сільська громада», 'Esman rural hromada'), or -1 where none follows.
 */
function communityNounAfter(tokens: Token[], i: number, lex: Lexicon): number {
  const k = lex.communityKind.has(tokens[i + 1]?.lower ?? "") ? i + 2 : i + 1;
  const t = tokens[k];
  return t && HROMADA_PREFIXES.has(t.prefix3) && HROMADA_WORD.test(t.lower) ? k : -1;
}

/**
 * Hromadas (Ukrainian communities) named by their adjective, placed at their centre as the
 * annotation guide has it: "У Великописарівській громаді поранено чоловіка" → Velyka Pysarivka.
 * Only centres in the region the text is about are taken, or, where it names none, unambiguous ones.
 */
export function findHromadaMentions(
  tokens: Token[],
  text: string,
  language: LanguageCode,
  resolver: PlaceResolver,
  regionHint: string | null,
  taken: (tokenIndex: number) => boolean,
): PlaceMention[] {
  const out = placeList();
  const lex = lexiconFor(language);
  // "Білопільська, Миропільська та Хотінська громади": every adjective of the list before a plural "громади".
  const listed = new Set<number>();
  for (let h = 1; h < tokens.length; h++) {
    if (!HROMADA_PREFIXES.has(tokens[h].prefix3) || !HROMADA_WORD.test(tokens[h].lower)) continue;
    // «Обстрілів зазнали громади: Білопільська, Краснопільська …»: every adjective of the list after the word and a colon or a dash.
    // («громади Нікопольського району — Марганецьку, …»: the district or region they are in may stand between.)
    let open = h + 1;
    while (
      open < tokens.length &&
      open <= h + 3 &&
      /^\s+$/.test(text.slice(tokens[open - 1].end, tokens[open].start)) &&
      (DISTRICT_WORDS.test(tokens[open].lower) ||
        isHead(tokens[open]) ||
        (tokens[open].capital && (DISTRICT_WORDS.test(tokens[open + 1]?.lower ?? "") || isHead(tokens[open + 1]))))
    )
      open++;
    if (open < tokens.length && /^\s*:\s*$|^\s+[—–-]\s+$/.test(text.slice(tokens[open - 1].end, tokens[open].start)))
      for (let k = open; k < tokens.length && tokens[k].capital && HROMADA_ADJECTIVE.test(tokens[k].lower); ) {
        listed.add(k);
        const next = k + 1 + joinerLength(tokens, k + 1);
        if (next >= tokens.length || !/^\s*,?\s*$/.test(text.slice(tokens[k].end, tokens[k + 1].start))) break;
        k = next;
      }
    const kindBefore = lex.communityKind.has(tokens[h - 1].lower) ? 1 : 0;
    for (let k = h - 2 - kindBefore; k >= 0 && h - k <= 12; k--) {
      if (LIST_JOINER.test(tokens[k].lower)) continue;
      if (
        !tokens[k].capital ||
        !HROMADA_ADJECTIVE.test(tokens[k].lower) ||
        !/^\s*,?\s*$/.test(text.slice(tokens[k].end, tokens[k + 1].start))
      )
        break;
      listed.add(k);
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const noun = communityNounAfter(tokens, i, lex);
    const headed = noun > i;
    if (!t.capital || taken(i) || !(headed || listed.has(i))) continue;
    // («в пос. Прудянка Дергачевской громады», «у с. Козача Лопань Дергачівської громади»: the hromada in the genitive right
    // after a settlement found locates it, no place of its own.)
    if (headed && i > 0 && taken(i - 1) && tokens[i - 1].capital && OF_HROMADA.test(`${t.lower} ${tokens[i + 1].lower}`)) continue;
    // "в одном из сел Краснопольской громады": an unnamed village of it, no settlement (guide) — in the hromada's region.
    const unnamedVillage = [1, 2, 3].some((k) =>
      /^(сел\p{L}*|сіл\p{L}*|населених|населенных|villages?)$/u.test(tokens[i - k]?.lower ?? ""),
    );
    const centres = hromadaCentreNames(t.text);
    for (const [k, name] of centres.names.entries()) {
      const found = resolver.findSettlement(name, regionHint, language);
      if (k < centres.exactOnly && found?.match !== "exact") continue;
      // A hromada is a Ukrainian community: "Зеленодольській громаді" is not Zelenodolsk in Tatarstan.
      if (!found || found.match === "region" || !found.region.startsWith("UA")) continue;
      // With no region named, only a centre no other region has, or a town large enough to be meant,
      // spelt as the gazetteer spells it ("Великописарівка" is near enough to Велика Писарівка only within its region).
      if (regionHint ? found.region !== regionHint : found.match === "near" || !(found.unique || found.population >= 10_000)) continue;
      const m = resolvedMention(found, tokens, text, i, headed ? noun : i);
      out.push(unnamedVillage ? changedPlace(m, { kind: "region", name: null, district: true }) : m);
      break;
    }
  }
  return out;
}

/**
 * The towns an okrug's adjective may come from: the stem before its suffix with the pack's okrug_centre_endings
 * (Каширский → Кашира, Шебекинский → Шебекино, Валуйский → Валуйки), a fleeting е dropped too (Коломенский →
 * Коломна), or the name the suffix ends (Рыльский → Рыльск).
 */
function okrugCentreNames(adjective: string, lex: Lexicon): string[] {
  const m = HROMADA_ADJECTIVE.exec(adjective.toLowerCase());
  if (!m || m[1].length < 3 || /[a-z]/.test(m[1])) return [];
  const base = /^(цьк|цк)$/.test(m[2]) ? `${m[1]}ц` : m[1];
  const bases = [base];
  // («Коломенский»: Коломна; «Шебекинский», «Лискинский»: an -ин- joins the stem, Шебекино, Лиски — the pack's okrug_stem_rules.)
  for (const [pattern, replacement] of lex.okrugStemRules) if (pattern.test(base)) bases.push(base.replace(pattern, replacement));
  return [`${m[1]}${m[2]}`, ...bases.flatMap((b) => lex.okrugCentreEndings.map((e) => b + e))];
}

/**
 * Urban okrugs named by their adjective, placed at their town (annotation guide: a town's okrug is the town):
 * «В Коломенском городском округе сбит беспилотник» → Kolomna, «в Шебекинском и Грайворонском городских округах»,
 * «Дрони атакували Коломенський і Зарайський міські округи». Only Russian towns (okrugs are Russia's), in the
 * region the text is about, or the one region that has a district of the adjective. A municipal okrug or a
 * район named so is a district, no settlement.
 */
export function findUrbanOkrugMentions(
  tokens: Token[],
  text: string,
  language: LanguageCode,
  resolver: PlaceResolver,
  regionHint: string | null,
  taken: (tokenIndex: number) => boolean,
): PlaceMention[] {
  const lex = lexiconFor(language);
  if (!lex.okrugCentreEndings.length) return [];
  const out = placeList();
  let okrug = 0;
  for (let h = 1; h + 1 < tokens.length; h++) {
    // («в Зарайском г.о.»: or its abbreviation, two tokens too.)
    const abbreviated =
      tokens[h].lower.length === 1 && lex.urbanOkrugAbbreviationAt.test(text.slice(tokens[h].start, tokens[h + 1].end + 1));
    if (!abbreviated && (!lex.urbanOkrugKind.has(tokens[h].lower) || !lex.okrugNoun.has(tokens[h + 1].lower))) continue;
    // The adjectives before it, back through commas and conjunctions («в Рыльском, Льговском и Курчатовском городских округах»).
    const adjectives: number[] = [];
    for (let k = h - 1; k >= 0 && h - k <= 12; k--) {
      if (LIST_JOINER.test(tokens[k].lower) && adjectives.length) continue;
      if (!tokens[k].capital || !DISTRICT_ADJECTIVE.test(tokens[k].lower) || taken(k)) break;
      if (!/^\s*,?\s*$/.test(text.slice(tokens[k].end, tokens[k + 1].start))) break;
      adjectives.unshift(k);
    }
    // («село Троицкое Губкинского городского округа»: the okrug in the genitive right after a place is that place's setting.)
    const first = adjectives[0];
    if (
      first !== undefined &&
      first > 0 &&
      tokens[first - 1].capital &&
      (taken(first - 1) || lex.genitiveAdjective.test(tokens[first].lower))
    )
      continue;
    for (const k of adjectives) place(k, k === adjectives[adjectives.length - 1] ? h + 1 : k);
    okrug = h + 1;
    h++;
  }
  // «в Коломенском городском округе сбиты два беспилотника, в Зарайском — один»: after one, the adjective with its words left out.
  if (okrug > 0)
    for (let k = okrug + 1; k < tokens.length; k++)
      if (tokens[k].capital && !taken(k) && !out.some((m) => m.first === k) && ellipticDistrict(tokens, text, k)) place(k, k);
  return out;

  function place(k: number, last: number): void {
    const region = regionHint ?? resolver.districtRegion?.(tokens[k].text) ?? null;
    for (const [n, name] of okrugCentreNames(tokens[k].text, lex).entries()) {
      const found = resolver.findSettlement(name, region, language);
      if (!found || found.match === "near" || found.match === "region" || !found.region.startsWith("RU")) continue;
      if (n === 0 && found.match !== "exact" && found.match !== "spelling") continue;
      if (region ? found.region !== region : !found.unique) continue;
      out.push(resolvedMention(found, tokens, text, k, last));
      return;
    }
  }
}

/** Whether the capitalised word at i is a district's adjective, alone or in a list ending in a district word. */
function namesDistricts(tokens: Token[], text: string, i: number, lex: Lexicon): boolean {
  const next = tokens[i + 1]?.lower ?? "";
  // («в Зарайском г.о.»: an okrug's abbreviation after its adjective.)
  const abbreviation = (k: number) =>
    tokens[k].lower.length === 1 && lex.okrugAbbreviationAt.test(text.slice(tokens[k].start, tokens[k].start + 5));
  if (next.length === 1 && DISTRICT_ADJECTIVE.test(tokens[i].lower) && abbreviation(i + 1)) return true;
  // "the Marhanets community", "Marhanets hromada": named by its centre, which the guide takes as the place.
  // Not "a village in the Shalyhyne hromada": an unnamed village of it is no settlement (guide).
  const ofUnnamedVillage =
    /^(villages?|settlements?)$/.test(tokens[i - 3]?.lower ?? "") || /^(villages?|settlements?)$/.test(tokens[i - 2]?.lower ?? "");
  if (/^(hromada|community)$/.test(next) && !DISTRICT_ADJECTIVE.test(tokens[i].lower) && !ofUnnamedVillage) return false;
  if (DISTRICT_WORDS.test(next)) return true;
  // ("the Leninsky urban district": the okrug's kind between its adjective and its noun.)
  // (Not "the Shebekino urban district": an okrug named by its town is the town.)
  const adjectival = DISTRICT_ADJECTIVE.test(tokens[i].lower) || lex.okrugAdjectiveEndings.some((e) => tokens[i].lower.endsWith(e));
  if (adjectival && lex.urbanOkrugKind.has(next) && lex.okrugNoun.has(tokens[i + 2]?.lower ?? "")) return true;
  // «на Приморське Василівського району»: a neuter «-ське», «-ское» is a village's name; no district's noun is neuter.
  if (!DISTRICT_ADJECTIVE.test(tokens[i].lower) || NEUTER_ADJECTIVE.test(tokens[i].lower)) return false;
  return districtListAfter(tokens, text, i, abbreviation);
}

/**
 * «над Барятинским, Мосальским, Кировским … районами», "the Baryatinsky, Kirov and Yukhnov districts": the names
 * after token i, up to a district word, are districts' adjectives (or, in English, names) joined into one list.
 */
function districtListAfter(tokens: Token[], text: string, i: number, endsAt: (k: number) => boolean = () => false): boolean {
  for (let k = i + 1; k < tokens.length && k <= i + 8; k++) {
    if (DISTRICT_WORDS.test(tokens[k].lower) || endsAt(k)) return true;
    if (/[.;:!?]/.test(text.slice(tokens[k - 1].end, tokens[k].start))) return false;
    // (An English name is an item after a comma or a joiner only: "Kyiv's Darnytskyi district" is one district.)
    const latin = !/[\u0400-\u04ff]/u.test(tokens[k].lower);
    const listed = /,/.test(text.slice(tokens[k - 1].end, tokens[k].start)) || LIST_JOINER.test(tokens[k - 1].lower);
    const item = tokens[k].capital && (latin ? listed : DISTRICT_ADJECTIVE.test(tokens[k].lower));
    if (!item && !LIST_JOINER.test(tokens[k].lower)) return false;
  }
  return false;
}

/**
 * Whether the region's adjective (or name) at token `last` is one item of a list of districts: «над Мосальским,
 * Кировским и Юхновским районами» names Kaluga's Kirovsky district, not Kirov Oblast.
 */
function itemOfDistrictList(tokens: Token[], text: string, last: number): boolean {
  const t = tokens[last];
  const cyrillic = /[\u0400-\u04ff]/u.test(t.lower);
  if (cyrillic && (!DISTRICT_ADJECTIVE.test(t.lower) || NEUTER_ADJECTIVE.test(t.lower))) return false;
  // ("Kharkiv's Kyivskyi district": the city whose district it is.)
  if (/['’]s$/u.test(t.text)) return false;
  return districtListAfter(tokens, text, last);
}
/**
 * «В Шебекинском округе — …, в Грайворонском — …», «В Белгородском районе: … В Валуйском: …»: a district's
 * adjective in the locative with its noun left out, before a dash or a colon, after a district named in the
 * sentence or opening its own sentence. (A settlement named so is read only as written, in the region told.)
 */
export function ellipticDistrict(tokens: Token[], text: string, i: number, offset = 0): boolean {
  if (!/(ск|цк|ськ|цьк|зьк)(ом|ому|ій|ой)$/u.test(tokens[i].lower) || i + 1 >= tokens.length) return false;
  if (!/^\s*[—–:-]/.test(text.slice(tokens[i].end - offset, tokens[i + 1].start - offset))) return false;
  if (i <= 1) return true;
  // (Not a hromada's: «у Марганецькій громаді …, у Покровській — …» is the hromada, read at its centre.)
  const word = tokens
    .slice(0, i)
    .filter((t) => DISTRICT_WORDS.test(t.lower))
    .pop();
  return word !== undefined && !HROMADA_WORD.test(word.lower);
}

/** "Каменском", "Азовским", "Нікопольському": the adjectives districts are named by. */
const DISTRICT_ADJECTIVE = /(ск|цк|ськ|цьк|зьк)\p{L}{1,4}$/u;
/** A capitalised word in the form of a district's adjective, any case («Купянский», «Климовского», «Нікопольському»). */
export const isDistrictAdjective = (t: Token): boolean => t.capital && DISTRICT_ADJECTIVE.test(t.lower);
const NEUTER_ADJECTIVE = /(ське|цьке|зьке|ское|цкое)$/u;

const LIST_JOINER = /^(та|і|й|и|and|а также|а також|також|as well as)$/;

/** A bracket of a few words after a place ("(3 дрона)", "(2)"), then what joins the next place. */
const BRACKETED_FIGURE = /^\s*\([^()]{1,30}\)(.*)$/su;

/** Whether token i continues a list of places that ends at token `last` ("Херсон, Берислав та Станіслав"). */
function continuesList(tokens: Token[], text: string, last: number, i: number): boolean {
  if (last < 0) return false;
  // "Глушково (3 дрона), Тёткино (2) и Рыльск (5)": each place's figure in brackets after it.
  const bracketed = text.slice(tokens[last].end, tokens[i].start).match(BRACKETED_FIGURE);
  if (bracketed && /^\s*(,|,?\s*(и|і|й|та|and))\s*$/u.test(bracketed[1])) return true;
  // «Кистер Суземского района и Брахлов Погарского района»: the district of the place before, then the joiner.
  if (
    i >= last + 3 &&
    tokens[last + 1].capital &&
    DISTRICT_WORDS.test(tokens[last + 2].lower) &&
    !/[.;:!?]/.test(text.slice(tokens[last].end, tokens[last + 2].end))
  )
    return continuesList(tokens, text, last + 2, i);
  const gap = text.slice(tokens[last].end, tokens[i].start);
  // («…Хоромное Суземского района; Погар, Брахлов Погарского района»: a semicolon closes a district's group of the list.)
  if (i === last + 1) return /^\s*,\s*$/.test(gap) || (/^\s*;\s*$/.test(gap) && DISTRICT_WORDS.test(tokens[last].lower));
  if (/[.;:!?]/.test(gap)) return false;
  return i > last + 1 && i - last - 1 <= JOINER_WORDS && joinerLength(tokens, last + 1) === i - last - 1;
}

/** The number of words of the list joiner at token k ("и", «а также», "as well as"), or 0. */
function joinerLength(tokens: Token[], k: number): number {
  // (The words joined as they grow, one string per length: this runs for every capitalised word of a list.)
  let words = "";
  for (let n = 1; n <= JOINER_WORDS && k + n <= tokens.length; n++) {
    words = n === 1 ? tokens[k].lower : `${words} ${tokens[k + n - 1].lower}`;
    if (LIST_JOINER.test(words)) return n;
  }
  return 0;
}
/** The most words a list joiner has ("as well as"). */
const JOINER_WORDS = 3;

const CITY_HEAD = /^(mayor|head|chief)$/;

/** Whether the words before token i introduce a place: "в", "атакував", "attacks on", "the outskirts of", "зокрема". */
function opensPlace(tokens: Token[], text: string, i: number, before: string, lex: Lexicon): boolean {
  if (LOCATIVE.has(before) || lex.attackVerb.has(before) || ATTACK_NOUN_GENITIVE.test(before) || lex.residents.has(before)) return true;
  // "в окрестностях Никополя", "на окраине Рыльска", "вблизи Шебекино", "неподалеку от Лисок": the genitive of a town after
  // a word putting what is told near or around it (the pack's near_place, around_place), read as its region (guide: near X).
  const oneWord = (set: Lexicon["nearPlace"], k: number) => k >= 0 && set.matchAt(tokens, k)?.last === k;
  if (oneWord(lex.nearPlace, i - 1) || oneWord(lex.aroundPlace, i - 1)) return true;
  // ("in the vicinity of Nikopol", "in the environs of Rylsk": an around_place word and its "of".)
  if (lex.directionOf.has(before) && (oneWord(lex.nearPlace, i - 2) || oneWord(lex.aroundPlace, i - 2))) return true;
  // "в поселке городского типа Суземка", "у селищі міського типу Краснопілля": the kind of place with its type (the
  // pack's settlement_type_phrase), read as the kind alone before the name.
  if (i >= 3 && lex.settlementTypePhrase.matchAt(tokens, i - 2)?.last === i - 1)
    return opensPlace(tokens, text, i - 2, tokens[i - 3].lower, lex);
  // "в 20 км от Никополя", "за 20 км від Нікополя": a reference point (the pack's distance_from after direction_unit);
  // "между Рыльском и Льговом", "між Сумами та Білопіллям": a stretch between two (the pack's between_places).
  if ((lex.distanceFrom.has(before) && lex.distanceUnit.has(tokens[i - 2]?.lower ?? "")) || lex.betweenPlaces.has(before)) return true;
  // "у напрямку Нікополя", "в направлении Шебекино": where the drones flew.
  if (/^(напрямку|направлении)$/u.test(before)) return true;
  // «Купянский район: Купянск — обстрел из РСЗО; Боровая — удар КАБ»: a name heading an item of a list
  // run on in one sentence, between a colon or semicolon and a dash.
  if (
    i > 0 &&
    /[:;]\s*$/.test(text.slice(tokens[i - 1].end, tokens[i].start)) &&
    [i, i + 1].some((k) => k < tokens.length - 1 && /^\s*[—–]\s/.test(text.slice(tokens[k].end, tokens[k + 1].start)))
  )
    return true;
  // «Обстрел Шебекино», «при обстреле Горловки»: the attack of a place (the language pack's words).
  if (lex.attackOf.has(before)) return true;
  // «в Куйбышевском районе Донецка», «у Київському районі Харкова»: a district of the city, the city in the genitive
  // (and «удар по Київському району Нікополя»).
  if (
    /^(районе|районі|микрорайоне|мікрорайоні|району|микрорайону|мікрорайону)$/u.test(before) &&
    i >= 3 &&
    (DISTRICT_ADJECTIVE.test(tokens[i - 2].lower) || (tokens[i - 2].capital && /\p{L}{3}(ому|ім|ом|ой|ій)$/u.test(tokens[i - 2].lower))) &&
    LOCATIVE.has(tokens[i - 3].lower)
  )
    return true;
  if (attackedWithBefore(tokens, i, lex)) return true;
  // «атаковали с применением дронов Климово»: the means told between the verb and the place (the pack's by_means).
  for (let k = i - 2; k >= 1 && k >= i - 6; k--)
    if (lex.byMeans.matchAt(tokens, k) && isAttackVerb(lex, tokens[k - 1].lower))
      return !/[,.;:!?—–]/.test(text.slice(tokens[k].end, tokens[i].start));
  // "Під ударом були Нікополь…", "под обстрелом оказался Шебекино": what was under fire.
  // («Под атакой беспилотников находились Шебекино и Графовка»: the weapon may stand between.)
  if (
    lex.underFireVerb.has(before) &&
    i >= 2 &&
    (lex.underFire.has(tokens[i - 2].lower) ||
      [3, 4].some((d) => i - d >= 1 && lex.underFire.has(tokens[i - d].lower) && lex.under.has(tokens[i - d - 1].lower)))
  )
    return true;
  // "Під ворожим обстрілом перебували населені пункти Херсонської області: Білозерка, …": the list after the colon.
  // "Ворог атакував Нікопольський район: Нікополь, Марганецьку…": so does the list after an attack verb and what it attacked.
  const afterColon = /:\s*$/.test(text.slice(tokens[i - 1].end, tokens[i].start));
  const attackBefore = () =>
    tellsUnderFire(tokens.slice(0, i), lex) || tokens.slice(Math.max(0, i - 5), i).some((t) => lex.attackVerb.has(t.lower));
  if (afterColon && attackBefore()) return true;
  if (opensAttackedList(tokens, text, 0, i, lex)) return true;
  // «▪️ Шебекинский округ: Новая Таволжанка, Графовка» (under a header telling the attack): the names after the words naming their places.
  const gap = text.slice(tokens[i - 1].end, tokens[i].start);
  if (/^\s*:\s*$|^\s+[—–-]\s+$/.test(gap) && namesListedPlaces(tokens, i - 1, lex)) return true;
  // «В Шебекинском округе пострадали Новая Таволжанка и Графовка, в Грайворонском — Дунайка»: after a district's
  // adjective with its noun left out and a dash, the names of the verb told before it, left out too.
  if (
    /^\s+[—–-]\s+$/.test(gap) &&
    i >= 2 &&
    ellipticDistrict(tokens, text, i - 1) &&
    attackToldBefore(tokens, i - 2, lex, (k) => text.slice(tokens[k - 1].end, tokens[k].start))
  )
    return true;
  // «нанесли 45 ударов по 11 населённым пунктам области: Глушково, Тёткино, …»: the list after the colon of the places struck.
  if (afterColon && [...Array(Math.min(i, 8)).keys()].some((d) => lex.strikeNouns.has(tokens[i - 1 - d].lower)))
    return tokens.slice(Math.max(0, i - 8), i).some((t) => isPlaceTypeWord(t.lower));
  // "по території Дрогобича", "в городе Шебекино", "по місту Ізмаїл": a kind of place, then its name.
  if (lex.placeKindBefore.has(before) && i >= 2 && (LOCATIVE.has(tokens[i - 2].lower) || lex.attackVerb.has(tokens[i - 2].lower)))
    return true;
  // "У самому Нікополі", "в самом Белгороде": the place itself.
  if (/^(самому|самім|самій|самом|самой|самого|самої|самій)$/u.test(before) && i >= 2 && LOCATIVE.has(tokens[i - 2].lower)) return true;
  // "drone attacks on Stepnohirsk", "a drone attack on the Bilozerka community"; "the shelling of Pavlohrad".
  const on = tokens[i - 1]?.lower === "the" ? i - 2 : i - 1;
  if ((before === "on" || before === "of") && ATTACK_NOUN.test(tokens[on - 1]?.lower ?? "")) return true;
  // "a residential area of Kostiantynivka", "the outskirts of Sumy"; "Kharkiv Oblast's Kupiansk".
  if (before === "of" && PART_OF_PLACE.test(tokens[i - 2]?.lower ?? "")) return true;
  // "the mayor of Kryvyi Rih", "the head of the Kryvyi Rih Defense Council": the speaker's town (an attribute).
  if (before === "of" && CITY_HEAD.test(tokens[on - 1]?.lower ?? "")) return true;
  const adjacent = /^\s+$/.test(text.slice(tokens[i - 1].end, tokens[i].start));
  if (adjacent && /^(oblast|region|province|krai)['’]s$/i.test(tokens[i - 1].text)) return true;
  // "15 settlements, including Bilopillia, …", "зокрема Херсон": examples of the places attacked.
  return adjacent && (lex.including.has(before) || /^(including|зокрема|числе|числі|incl)$/u.test(before));
}

/**
 * Whether a list of the places attacked opens before token i (the kind of place before it skipped: «с. Сушаны»):
 * after a colon, or after a dash that follows the words naming the places it lists («атаковали населённые пункты
 * Климовского района — Сушаны, …», «атакував населені пункти району — Марганець»), an attack told before them in
 * their clause (a verb or a noun of one: «Атаки FPV-дронов: …», «Зафиксированы прилёты по населённым пунктам: …»).
 * `offset` is where `text` starts in the report.
 */
export function opensAttackedList(tokens: Token[], text: string, offset: number, i: number, lex: Lexicon): boolean {
  const gapBefore = (k: number) => text.slice(tokens[k - 1].end - offset, tokens[k].start - offset);
  let start = i;
  while (start > 1 && isPlaceTypeWord(tokens[start - 1].lower) && /^\.?\s*$/.test(gapBefore(start))) start--;
  if (start < 2) return false;
  const gap = gapBefore(start);
  const opens = /:\s*$/.test(gap) || (/^\s+[—–-]\s+$/.test(gap) && namesListedPlaces(tokens, start - 1, lex));
  return opens && attackToldBefore(tokens, start - 1, lex, gapBefore);
}

/** The words ending at token `end` name places a list will give: «населённые пункты Курской области», «Климовский район». */
function namesListedPlaces(tokens: Token[], end: number, lex: Lexicon): boolean {
  for (let k = end; k >= 0 && k >= end - 4; k--) {
    const t = tokens[k];
    if (lex.placesListed.has(t.lower) || DISTRICT_WORDS.test(t.lower)) return true;
    if (!t.capital && !isHead(t) && !CONJUNCTIONS.has(t.lower) && !LOCATIVE.has(t.lower)) return false;
  }
  return false;
}

/** An attack told in the clause that ends at token `end`: an attack verb, or a noun of an attack, a strike or a hit. */
function attackToldBefore(tokens: Token[], end: number, lex: Lexicon, gapBefore: (k: number) => string): boolean {
  for (let k = end; k >= 0 && k >= end - 10; k--) {
    const w = tokens[k].lower;
    if (lex.attackVerb.has(w) || lex.attackOf.has(w) || lex.underFire.has(w)) return true;
    if (lex.attackOn.matchAt(tokens, k) || lex.hitTold.matchAt(tokens, k) || lex.shelling.matchAt(tokens, k)) return true;
    if (k > 0 && /[.;!?:—–]/.test(gapBefore(k))) return false;
  }
  return false;
}

const MUNITION_INSTRUMENTAL =
  /^((fpv-)?(дрон|беспилотник|безпілотник|квадрокоптер|коптер|ракет|шахед)\p{L}*(ами|ями|ом|ем|ой|ою)|бпла|бпак|бла|fpv)$/u;
const INSTRUMENTAL_ADJECTIVE = /^\p{L}+(ыми|ими|ым|им|ой|ою)$/u;

/**
 * "ВСУ атаковали дронами Глушково", "ворог атакував FPV-дронами Білопілля": the weapon, in the
 * instrumental, between the attack verb and the place attacked (adjectives before it too: "ударными беспилотниками").
 */
function attackedWithBefore(tokens: Token[], i: number, lex: Lexicon): boolean {
  let k = i - 1;
  if (MUNITION_INSTRUMENTAL.test(tokens[k]?.lower ?? "")) {
    k--;
    while (k >= 0 && k >= i - 4 && INSTRUMENTAL_ADJECTIVE.test(tokens[k].lower) && !lex.attackVerb.has(tokens[k].lower)) k--;
    if (k >= 0 && lex.attackVerb.has(tokens[k].lower)) return true;
  }
  return weaponPhraseAfterVerb(tokens, i, lex);
}

/**
 * «атаковали КАБами Шебекино», «атаковали двумя ракетами «Искандер-М» Горловку», «обстреляли из РСЗО «Град» Херсон»:
 * only the words of a weapon the pack names (with a figure, adjectives, «из») between an attack verb and the name.
 */
function weaponPhraseAfterVerb(tokens: Token[], i: number, lex: Lexicon): boolean {
  const from = Math.max(0, i - 7);
  const inWeapon = new Uint8Array(i - from);
  let named = false;
  for (const m of lex.weapons.findAllWithin(tokens, from, i)) {
    named = true;
    for (let j = m.first; j <= m.last; j++) inWeapon[j - from] = 1;
  }
  if (!named) return false;
  for (let k = i - 1; k > from; k--) {
    const t = tokens[k];
    const allowed =
      inWeapon[k - from] === 1 ||
      t.digits ||
      wordValue(t.lower) !== undefined ||
      INSTRUMENTAL_ADJECTIVE.test(t.lower) ||
      lex.byMeans.matchAt(tokens, k) !== undefined ||
      t.lower === "из";
    if (!allowed) return false;
    if (lex.attackVerb.has(tokens[k - 1].lower)) return true;
  }
  return false;
}

/**
 * "dropped a guided bomb on Pavlohrad", "debris fell on Shebekino", "opened fire on Nikopol": a strike
 * word a few words before "on" (the pack's onto_place) names the place after it as what was hit.
 */
function struckOnto(tokens: Token[], i: number, language: LanguageCode): boolean {
  const lex = lexiconFor(language);
  const on = tokens[i - 1]?.lower === "the" ? i - 2 : i - 1;
  if (!lex.ontoPlace.has(tokens[on]?.lower ?? "")) return false;
  for (let k = on - 1; k >= Math.max(0, on - 5); k--) if (lex.strike.matchAt(tokens, k) || lex.attackOn.matchAt(tokens, k)) return true;
  return false;
}

/** The settlement the gazetteer found for tokens first..last. */
function resolvedMention(found: ResolvedPlace, tokens: Token[], text: string, first: number, last: number): PlaceMention {
  const start = tokens[first].start;
  const end = tokens[last].end;
  return {
    kind: "settlement",
    regions: [found.region],
    name: found.name,
    text: text.slice(start, end),
    start,
    end,
    first,
    last,
    group: null,
    attributive: false,
    district: false,
  };
}

/**
 * Settlements named without a settlement word ("в Грайвороне", "у Харкові", "in Shebekino"),
 * recognised because the gazetteer knows them: a capitalised word after a locative preposition
 * that names a place in the region under discussion (or a large town anywhere).
 */
export function findGazetteerMentions(
  tokens: Token[],
  text: string,
  language: LanguageCode,
  resolver: PlaceResolver,
  regionHint: string | null,
  taken: (tokenIndex: number) => boolean,
): PlaceMention[] {
  const out = placeList();
  const lex = lexiconFor(language);
  // Last token of the previous place, for lists (a place found before at the opening can start one: "Kurchatov and Lgov …").
  let listEnd = taken(0) && tokens[0]?.capital ? 0 : -1;
  // A sentence that is only a name ("▪️Куп'янськ." heading an item of a list): a place, if the gazetteer has it.
  // (Not «Обстрел Шебекино»: a headline of an attack on the place.)
  const heading = tokens.length <= 2 && !lex.attackOf.has(tokens[0]?.lower ?? "");
  const opening = afterClockTime(tokens, text);
  // (Nor «Раненых — двое», «Погибших — трое»: a toll word heads its figure, it names no place.)
  const tollWord = !!(lex.killed.matchAt(tokens, opening) || lex.injured.matchAt(tokens, opening));
  // (Nor «Джерело: губернатор …», "Source: …": a label of the layout, though a village is called Dzherelo.)
  const label = sentenceWordsOf(lex).lineLabel.has(tokens[opening]?.lower ?? "");
  const head =
    heading || tollWord || label || taken(opening)
      ? null
      : notSpeaker(headingName({ tokens, text, language, resolver, regionHint }), tokens, taken, resolver, language, regionHint);
  if (head) {
    out.push(head);
    listEnd = head.last;
  }
  let subject = head || heading || taken(opening) ? null : subjectName({ tokens, text, language, resolver, regionHint });
  // "In the Sumy region, Krasnopillia was shelled": the subject stands after an opening place phrase and its comma.
  const past = subject || head || heading ? -1 : pastOpeningPlace(tokens, text, taken, lex);
  if (past > 0) {
    const m = subjectName({ tokens: tokens.slice(past), text, language, resolver, regionHint });
    if (m) subject = changedPlace(m, { first: m.first + past, last: m.last + past });
  }
  if (subject) {
    out.push(subject);
    listEnd = subject.last;
  }
  for (let i = heading ? 0 : head ? head.last + 1 : subject ? subject.last + 1 : 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (taken(i) && t.capital) listEnd = i; // a place found by another classifier can open a list
    // «атакував Марганецьку громаду та Нікополь»: a hromada named by its adjective (read later, at its
    // centre) opens a list too.
    if (HROMADA_WORD.test(t.lower) && tokens[i - 1]?.capital && HROMADA_ADJECTIVE.test(tokens[i - 1].lower)) listEnd = i;
    // («атаковали Коломенский городской округ и Серпухов»: so does a town's okrug named by its adjective.)
    if (lex.okrugNoun.has(t.lower) && lex.urbanOkrugKind.has(tokens[i - 1]?.lower ?? "") && i >= 2 && isDistrictAdjective(tokens[i - 2]))
      listEnd = i;
    if (!t.capital || t.digits || t.text.length < 3 || taken(i)) continue;
    if (i === 0) {
      const found = resolver.findSettlement(text.slice(t.start, tokens[tokens.length - 1].end), regionHint, language);
      if (found && found.match !== "near" && found.match !== "region" && (found.region === regionHint || found.unique)) {
        out.push(resolvedMention(found, tokens, text, 0, tokens.length - 1));
        break;
      }
      // "Обстріл Нікополя": a headline of two words, the second the place.
      continue;
    }
    // "struck the Novoshakhtinsk oil refinery": the verb stands before the article.
    const before = wordBeforeName(tokens, i, lex);
    const areaOf = namesAreaOf(tokens, i, before);
    if (!areaOf && !placeExpectedAt(tokens, text, i, before, listEnd, lex, language)) continue;
    if (notASettlementName(tokens, text, i, lex)) continue;
    const m = settlementNamedAt(tokens, text, i, before, areaOf, language, resolver, regionHint, taken, lex);
    if (m) {
      out.push(m);
      i = m.last;
      listEnd = m.last;
    } else if (unreadItemKeepsList(tokens, text, i, listEnd, language, lex, taken)) listEnd = listItemAt(tokens, text, i, taken);
  }
  return withSiblingRegions(out, tokens, text, language, resolver);
}

// findGazetteerMentions reads each capitalised word in the steps below, each a function of its own (one large
// function with all it inlines was compiled again and again as its optimised code met new shapes).

/**
 * "в районе Таганрога", "у районі Одеси": the area around a town, read as its region by nearMeansRegion (a town only,
 * not "в районі Козачої бухти").
 */
function namesAreaOf(tokens: Token[], i: number, before: string): boolean {
  const t = tokens[i];
  return (
    /^(районе|районі)$/u.test(before) &&
    i >= 2 &&
    /^(в|во|у)$/u.test(tokens[i - 2].lower) &&
    // (But «в районе Новой Каховки», «Каменки-Днепровской»: an adjective before a capitalised name, a hyphenated name.)
    (!/(ої|ой|ого|ей|ій|ых|их)$/u.test(t.lower) || t.text.includes("-") || tokens[i + 1]?.capital === true)
  );
}

/**
 * «перебували Берислав, Зміївка, Золота, Балка, Іванівка, Козацьке …»: an item of a list the gazetteer does not read
 * (a village it lacks, a name split by a stray comma) keeps the list open for the places after it, when it could be
 * a place and another item follows it (not «атакували Херсон, Олександр Прокудін повідомив»).
 */
function unreadItemKeepsList(
  tokens: Token[],
  text: string,
  i: number,
  listEnd: number,
  language: LanguageCode,
  lex: Lexicon,
  taken: (i: number) => boolean,
): boolean {
  if (listEnd < 0 || !continuesList(tokens, text, listEnd, i)) return false;
  const e = listItemAt(tokens, text, i, taken);
  return !notListedPlace(tokens, text, i, e, language, lex) && nextListItem(tokens, text, e) > 0;
}

/** The words before token i make a place expected there: a locative, an attack, a list of places, a place attacked. */
function placeExpectedAt(
  tokens: Token[],
  text: string,
  i: number,
  before: string,
  listEnd: number,
  lex: Lexicon,
  language: LanguageCode,
): boolean {
  return (
    opensPlace(tokens, text, i, before, lex) ||
    continuesList(tokens, text, listEnd, i) ||
    // ("The Nikopol community was shelled": the name opens the sentence after its article.)
    // (Nor a name opening a quotation: 'reported that "Kurchatov was attacked by two drones"'.)
    // (Nor a name opening a reported clause: "Governor Roman Starovoit said Kurchatov was attacked".)
    undergoesAttack(
      tokens,
      i,
      (i === 1 && before === "the") ||
        /["“«„]\s*$/u.test(text.slice(tokens[i - 1].end, tokens[i].start)) ||
        (lex.reportedClause.has(tokens[i - 1].lower) && /^\s+$/u.test(text.slice(tokens[i - 1].end, tokens[i].start))),
      lex,
    ) ||
    struckOnto(tokens, i, language)
  );
}

/** A capitalised word that names no settlement, whatever the gazetteer has: an abbreviation, a country, a district. */
function notASettlementName(tokens: Token[], text: string, i: number, lex: Lexicon): boolean {
  const t = tokens[i];
  if (/^\p{Lu}+$/u.test(t.text) && t.text.length <= 5) return true; // abbreviations (ВСУ, ОВА)
  if (isCountryWord(lex, t.lower)) return true; // "атакував Україну", «в Молдові»: there are villages named so, but this is the country
  return namesDistricts(tokens, text, i, lex); // "в Лискинском районе", "в Каменском, Миллеровском и Тарасовском районах"
}

/** The settlement the gazetteer finds for the name starting at token i (of two words, else one), if it is meant. */
function settlementNamedAt(
  tokens: Token[],
  text: string,
  i: number,
  before: string,
  areaOf: boolean,
  language: LanguageCode,
  resolver: PlaceResolver,
  regionHint: string | null,
  taken: (tokenIndex: number) => boolean,
  lex: Lexicon,
): PlaceMention | null {
  const t = tokens[i];
  const next = tokens[i + 1];
  const twoWords = next?.capital && !taken(i + 1) && /^\s$/.test(text.slice(t.end, next.start));
  for (const last of twoWords ? [i + 1, i] : [i]) {
    const written = text.slice(t.start, tokens[last].end);
    let found = resolver.findSettlement(written, regionHint, language);
    if (!found || found.match === "near" || found.match === "region") continue;
    const inRegion = regionHint !== null && found.region === regionHint;
    // Elsewhere only a town large enough to be meant, or a name no other region has
    // ("обстреляли Шебекино": Russian postal places carry no population).
    const unambiguous =
      found.unique &&
      // (Russian postal places carry no population: 0 is unknown, not a hamlet.)
      (found.match === "exact" ||
        found.match === "stem" ||
        (found.match === "spelling" && (found.population >= 5000 || unknownSize(found)))) &&
      // (A short name only as written and as what was attacked: "атаковали Елец".)
      (written.length >= 5 || (found.match === "exact" && lex.attackVerb.has(before))) &&
      // («Губернатор Московской области: атаковали Ленинский»: a name other regions' villages bear too, read in a
      // far region only because the gazetteer ranks its district centre first, is no reading of it.)
      !farNamesake(found, written, regionHint, resolver);
    if (toldAbroad(tokens, text, i, last, lex)) continue;
    if (!inRegion && found.population < (regionHint ? 100_000 : 20_000) && !unambiguous) {
      // («атаковали Уразово» with no region told: the only border region's village of the name.)
      const border =
        regionHint === null && (found.match === "exact" || found.match === "stem") && written.length >= 5
          ? onlyBorderNamesake(written, resolver)
          : null;
      const there = border ? resolver.findSettlement(written, border.region, language) : null;
      if (!there || there.region !== border?.region || (there.match !== "exact" && there.match !== "stem")) continue;
      found = there;
    }
    if (areaOf && found.population < 10_000 && !unknownSize(found)) continue;
    if (last === i && ellipticDistrict(tokens, text, i) && (found.region !== regionHint || found.match !== "exact")) continue;
    return resolvedMention(found, tokens, text, i, last);
  }
  return null;
}

/**
 * A settlement outside the region told (not near it) whose name settlements of other regions bear too: the
 * report is about its own region, and the gazetteer's first pick among namesakes says nothing of a far one.
 */
function farNamesake(
  found: { region: string; lat: number; lon: number; population: number },
  written: string,
  regionHint: string | null,
  resolver: PlaceResolver,
): boolean {
  if (regionHint === null || found.region === regionHint || !resolver.regionsWithin || !resolver.searchSettlements) return false;
  const regions = new Set(resolver.searchSettlements(written).map((c) => c.region)).size;
  if (regions <= 1) return false;
  // (A name of many regions' villages, «Ленинский», «Октябрьский», is not read even in a neighbouring one, unless
  // a town there of known size bears it: Krasnopillia, Sumy Oblast, after the Kharkiv governor.)
  const near = resolver.regionsWithin(found.lat, found.lon, FAR_NAMESAKE_KM).includes(regionHint);
  return !near || (regions > FEW_NAMESAKE_REGIONS && found.population < NEIGHBOUR_TOWN);
}

/** How near to the region told a namesake may lie and still be read (a neighbouring region's village)... */
const FAR_NAMESAKE_KM = 150;
/** ...when no more regions than this have a place of the name. */
const FEW_NAMESAKE_REGIONS = 3;
/** ...or a town of this many people at least. */
const NEIGHBOUR_TOWN = 5000;

/**
 * "в Подольске и Домодедове": a name that settlements of several regions bear is read in the region
 * of the other towns the sentence names (Podolsk near Moscow, not Podilsk in Odesa Oblast).
 */
function withSiblingRegions(
  found: PlaceMention[],
  tokens: Token[],
  text: string,
  language: LanguageCode,
  resolver: PlaceResolver,
): PlaceMention[] {
  if (found.length < 2) return found;
  return found.map((m) => {
    const sibling = found.find((o) => o !== m && o.regions[0] !== m.regions[0])?.regions[0];
    if (!sibling || found.some((o) => o !== m && o.regions[0] === m.regions[0])) return m;
    // (A city is meant whatever its neighbours: "в Харькове и Белгороде".)
    if ((resolver.findSettlement(m.text, m.regions[0] ?? null, language)?.population ?? 0) >= 100_000) return m;
    const there = resolver.findSettlement(m.text, sibling, language);
    if (there?.region !== sibling || (there.match !== "exact" && there.match !== "stem")) return m;
    return resolvedMention(there, tokens, text, m.first, m.last);
  });
}

const unknownSize = (found: { population: number; region: string }) => found.population === 0 && found.region.startsWith("RU");

/** A sentence whose opening words may name a place, with what reads them. */
interface OpeningSentence {
  tokens: Token[];
  text: string;
  language: LanguageCode;
  resolver: PlaceResolver;
  regionHint: string | null;
}

/**
 * "Кременчук: ракета влучила …", "Куп'янськ — удар КАБ …", "Kryvyi Rih: …": a name opening the
 * sentence before a colon or a dash heads it, as a dateline does. Only a name the gazetteer knows
 * as written (or in a stem form), and a town or a name no other region has.
 */
function headingName(sentence: OpeningSentence): PlaceMention | null {
  const { tokens, text, regionHint } = sentence;
  return openingName(
    sentence,
    // ("Горловка (Никитовский район): …": a bracket naming its district may stand before the colon.)
    // («Графовка и Безымено — атаки дронов»: a list of names heads it so too.)
    // («- Сушаны (2 FPV-дрона);»: an item of a list, the name and a bracket that closes the sentence.)
    (last) =>
      [last, lastListed(tokens, text, last)].some((end) =>
        /^\s*(?:\([^()]{1,40}\)\s*)?[:—–]/.test(text.slice(tokens[end].end, tokens[end].end + 48)),
      ) || /^\s*\([^()]{1,40}\)[\s;,.]*$/.test(text.slice(tokens[last].end, tokens[tokens.length - 1].end + 3)),
    // (A village found only by its stem is no dateline: «Богомаз: над Брянской областью …» is a governor's
    // name, not Bohozamy; a dateline is in the nominative.)
    (found, known) => found.population >= 10_000 || (known && (found.region === regionHint || (found.unique && found.match === "exact"))),
  );
}

/** A preposition opening the sentence (the pack's not_first_name, between_places and near_place words): no word of a name. */
function openingPreposition(tokens: Token[], lex: Lexicon): boolean {
  const word = tokens[0]?.lower ?? "";
  return lex.notFirstName.has(word) || lex.betweenPlaces.has(word) || lex.nearPlace.matchAt(tokens, 0)?.last === 0;
}

type Found = NonNullable<ReturnType<PlaceResolver["findSettlement"]>>;

/**
 * The name of one or two capitalised words opening a sentence, when what follows it (`follows`, given
 * its last token) makes it a name and the gazetteer's reading of it passes `accept` (`known`: found as
 * written or in a stem form). The first word is capitalised for being first: the checks are the proof.
 */
function openingName(
  { tokens, text, language, resolver, regionHint }: OpeningSentence,
  follows: (last: number) => boolean,
  accept: (found: Found, known: boolean) => boolean,
): PlaceMention | null {
  const first = afterClockTime(tokens, text);
  if (!tokens[first]?.capital || tokens[first].digits) return null;
  // («Між Рильськом та Льговом …»: a preposition opening the sentence is no first word of a name.)
  const lex = lexiconFor(language);
  const preposition = first === 0 && openingPreposition(tokens, lex);
  // («Ранее Горловка подверглась обстрелу»: an adverb of an earlier time opening the sentence is no name, though
  // it is spelt nearly as a village, Раннее.)
  if (lex.earlier.matchAt(tokens, first)?.last === first) return null;
  for (const last of [first + 1, first]) {
    if (last >= tokens.length - 1 || !tokens[last].capital || !follows(last) || ellipticDistrict(tokens, text, last)) continue;
    if (preposition && last === first + 1) continue;
    const found = resolver.findSettlement(text.slice(tokens[first].start, tokens[last].end), regionHint, language);
    if (!found || found.match === "near" || found.match === "region") continue;
    if (accept(found, found.match === "exact" || found.match === "stem")) return resolvedMention(found, tokens, text, first, last);
  }
  return null;
}

/**
 * "In the Sumy region, …", «На Сумщині, …»: the token after a place phrase that opens the sentence
 * and ends in a comma (a preposition, then only the place's words), or -1.
 */
function pastOpeningPlace(tokens: Token[], text: string, taken: (i: number) => boolean, lex: Lexicon): number {
  if (!lex.inPlace.has(tokens[0]?.lower ?? "")) return -1;
  for (let k = 1; k <= 6 && k + 1 < tokens.length; k++) {
    // ("In Sumy Oblast, Shostka …": the region's capitalised head word is part of the opening place.)
    if (tokens[k].capital && !taken(k) && !isHead(tokens[k])) return -1;
    if (/^\s*,\s*$/.test(text.slice(tokens[k].end, tokens[k + 1].start)))
      return [...Array(k).keys()].some((i) => taken(i + 1)) ? k + 1 : -1;
  }
  return -1;
}

/** "10:35 — Горловка: выпущено 4 снаряда": a line of a shelling log opens with the clock time, then the place (the token after it). */
function afterClockTime(tokens: Token[], text: string): number {
  if (tokens.length < 4 || !tokens[0].digits || !tokens[1].digits) return 0;
  return /^:$/.test(text.slice(tokens[0].end, tokens[1].start)) && /^\s*[—–-]?\s*$/.test(text.slice(tokens[1].end, tokens[2].start))
    ? 2
    : 0;
}

/** "ночью Энгельс подвергся атаке", "Kryvyi Rih has been repeatedly targeted": the name (one or two words from i) is the subject of being attacked. */
function undergoesAttack(tokens: Token[], i: number, opening: boolean, lex: Lexicon): boolean {
  let after = tokens[i + 1]?.capital ? i + 2 : i + 1;
  // "The Nikopol community was shelled": past the community's word.
  if (HROMADA_WORD.test(tokens[after]?.lower ?? "")) after++;
  // (Within a sentence only the Russian and Ukrainian verbs: an English passive there is often of a
  // reported clause about a place the sentence already opened.)
  const englishPassive = (k: number) => {
    if (!opening || !lex.passiveAuxiliary.has(tokens[k]?.lower ?? "")) return false;
    for (let m = k + 1; m < k + 4 && m < tokens.length; m++) if (lex.undergonePassive.has(tokens[m].lower)) return true;
    return false;
  };
  // (Two plain tests, not a list of both: this runs for every capitalised word of a sentence.)
  if (undergoneAt(tokens, after, lex) || englishPassive(after) || undergoneAt(tokens, i + 1, lex) || englishPassive(i + 1)) return true;
  // "The Shostka oil depot was attacked by a drone": the name opening the sentence is its facility's, whose
  // noun (up to three words in lower case) stands before the passive.
  if (!opening) return false;
  for (let k = after; k < after + 3 && k < tokens.length && !tokens[k].capital && !tokens[k].digits; k++) {
    if (lex.passiveAuxiliary.has(tokens[k].lower)) return false;
    if (englishPassive(k + 1)) return true;
  }
  return false;
}

/** Whether the words from token k tell that the place before them underwent an attack («Энгельс подвергся атаке», «Хотінь зазнав обстрілу»). */
export function undergoneAt(tokens: Token[], k: number, lex: Lexicon): boolean {
  if (k >= tokens.length) return false;
  // "Уразово было атаковано тремя дронами", "Хотінь було атаковано": the passive with its auxiliary.
  const passive = lex.passiveAuxiliary.has(tokens[k].lower) && lex.undergone.has(tokens[k + 1]?.lower ?? "");
  // "Нікополь потрапив під обстріл", «Шебекино попало под обстрел», «Суджа находилась под обстрелом»: the pack's phrases of coming under fire.
  return lex.undergone.has(tokens[k].lower) || passive || lex.cameUnder.matchAt(tokens, k) !== undefined;
}

/**
 * "Novorossiysk, which hosts …", "Kryvyi Rih, President Zelenskyy's hometown, …", "Энгельс подвергся атаке":
 * a city as the subject opening the sentence. The first word is capitalised for being first, so only a
 * name the gazetteer has as written, of a town, and followed by an apposition or by being attacked.
 */
function subjectName(sentence: OpeningSentence): PlaceMention | null {
  const { tokens, text } = sentence;
  // ("Город Рыльск был атакован": the word for the place, which findSettlementMentions reads.)
  if ((tokens[0]?.text.length ?? 0) < 4 || isPlaceTypeWord(tokens[0].lower)) return null;
  // ("Білозерська громада зазнала удару": a hromada, which findHromadaMentions places at its centre.)
  if (HROMADA_WORD.test(tokens[1]?.lower ?? "")) return null;
  // "Bezsalivka in the Sumy region came under drone attack": the verb stands past the region told.
  // («Курчатов Курской области подвергся атаке»: a name of one word, then its region's capitalised adjective.)
  const regionEnd = Math.max(pastItsRegion(tokens, tokens[1]?.capital ? 1 : 0), pastItsRegion(tokens, 0));
  const lex = lexiconFor(sentence.language);
  // («Атаке подверглись посёлки …»: the word of the attack opening the sentence is no name, though a village is called Ataky.)
  if (lex.attack.matchAt(tokens, 0) || lex.shelling.matchAt(tokens, 0)) return null;
  // "Krasnopillia, Bilopillia and Velyka Pysarivka (in the Sumy region) were shelled": the verb past the list (and its region).
  const listAttacked = (last: number) => {
    const end = lastListed(tokens, text, last);
    return end > last && (undergoesAttack(tokens, end, true, lex) || undergoesAttack(tokens, pastItsRegion(tokens, end), true, lex));
  };
  return openingName(
    sentence,
    (last) =>
      /^,\s*$/.test(text.slice(tokens[last].end, tokens[last + 1].start)) ||
      undergoesAttack(tokens, 0, true, lex) ||
      undergoesAttack(tokens, lastListed(tokens, text, last), true, lex) ||
      (regionEnd > last && undergoesAttack(tokens, regionEnd, true, lex)) ||
      listAttacked(last),
    // (Russian postal places carry no population: a name only as written, of one region.) Also a
    // village of the region a header named, as the subject of being attacked ("Сумський район.
    // Юнаківка була атакована двома FPV-дронами"), and a town listed with another of its region
    // ("Білопілля та Ворожба зазнали атаки дронів").
    (found, known) =>
      found.population >= 50_000 ||
      (known && found.unique && unknownSize(found)) ||
      // Anywhere, a village no other region has, as written, is attacked: "Yunakivka was hit by missiles"
      // (not a word for a kind of place: «Город Рыльск был атакован»).
      (known && found.region === sentence.regionHint && undergoesAttack(tokens, 0, true, lex)) ||
      (known &&
        found.unique &&
        !isPlaceTypeWord(tokens[0].lower) &&
        (undergoesAttack(tokens, 0, true, lex) || undergoesAttack(tokens, regionEnd, true, lex))) ||
      // A town (not a hamlet of the same name) as the subject of being attacked: «Каменка-Днепровская подверглась обстрелу».
      (known && found.population >= 10_000 && undergoesAttack(tokens, lastListed(tokens, text, 0), true, lex)) ||
      (known && found.unique && listedInRegion(sentence, found.region)) ||
      (known && (found.unique || found.region === sentence.regionHint) && listAttacked(0)),
  );
}

/** The region's head word of "in the Sumy region", "in Kharkiv Oblast" right after token `last`, or `last`. */
function pastItsRegion(tokens: Token[], last: number): number {
  // «Курчатов Курской области подвергся атаке»: the region's adjective and head word in the genitive.
  if (tokens[last + 1]?.capital && isHead(tokens[last + 2])) return last + 2;
  // «Шостка на Сумщині зазнала атаки»: the region named after its capital, as Ukrainian names oblasts.
  if (/^(на|в|у)$/u.test(tokens[last + 1]?.lower ?? "") && tokens[last + 2]?.capital && /щин(?:а|и|у|і|ою)$/u.test(tokens[last + 2].lower))
    return last + 2;
  if (!/^(in|в|во|у)$/u.test(tokens[last + 1]?.lower ?? "")) return last;
  for (let k = last + 2; k <= last + 5 && k < tokens.length; k++) if (isHead(tokens[k])) return k;
  return last;
}

/** The last town of a list opening the sentence ("Білопілля та Ворожба …") lies, for sure, in `region`. */
function listedInRegion({ tokens, text, language, resolver }: OpeningSentence, region: string): boolean {
  const last = lastListed(tokens, text, 0);
  if (last === 0 || !undergoesAttack(tokens, last, true, lexiconFor(language))) return false;
  const found = resolver.findSettlement(tokens[last].text, null, language);
  return found?.unique === true && found.region === region && (found.match === "exact" || found.match === "stem");
}

/**
 * The last name of a list opened by the name ending at `last` ("Kurchatov and Lgov came under drone
 * attack", "Шебекино, Графовка и Безымено подверглись атаке"): its capitalised words joined by commas
 * and "and"; `last` itself when no list follows.
 */
function lastListed(tokens: Token[], text: string, last: number): number {
  let end = last;
  for (let k = last + 1; k + 1 < tokens.length && k <= last + 8; ) {
    const comma = /^\s*,\s*$/.test(text.slice(tokens[k - 1].end, tokens[k].start));
    const joiner = joinerLength(tokens, k);
    const joined = joiner ? k + joiner : comma ? k : -1;
    if (joined < 0 || !tokens[joined]?.capital) break;
    end = joined;
    // A name of two words ("Velyka Pysarivka").
    if (tokens[end + 1]?.capital && /^\s+$/.test(text.slice(tokens[end].end, tokens[end + 1].start))) end++;
    k = end + 1;
  }
  return end;
}

/**
 * A district named where no region has been ("в Грайворонском округе", "у Нікопольському районі")
 * tells the region, when the gazetteer knows the district in one region only.
 */
export function findDistrictRegions(tokens: Token[], resolver: PlaceResolver): PlaceMention[] {
  const out = placeList();
  if (!resolver.districtRegion) return out;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    if (!t.capital || !DISTRICT_WORDS.test(tokens[i + 1].lower)) continue;
    // "the Sumy district", "Belgorod district": English names a raion by its town, whose region it is in.
    const byTown = !DISTRICT_ADJECTIVE.test(t.lower) && /^(district|raion|rayon)$/.test(tokens[i + 1].lower);
    if (!byTown && !DISTRICT_ADJECTIVE.test(t.lower)) continue;
    const town = byTown ? resolver.findSettlement(t.text, null, "en") : null;
    const iso = byTown ? (town && (town.unique || town.population >= 10_000) ? town.region : null) : resolver.districtRegion(t.text);
    // A hromada is a Ukrainian community, not a Russian district of the same name.
    if (!iso || (HROMADA_WORD.test(tokens[i + 1].lower) && !iso.startsWith("UA"))) continue;
    out.push({
      kind: "region",
      regions: [iso],
      name: null,
      text: `${t.text} ${tokens[i + 1].text}`,
      start: t.start,
      end: tokens[i + 1].end,
      first: i,
      last: i + 1,
      group: null,
      attributive: false,
      district: true,
    });
    return out; // the first district is enough to know the region
  }
  return out;
}

/** Gives settlements found by a settlement word their region and canonical name from the gazetteer. */
export function placeSettlement(m: PlaceMention, language: LanguageCode, resolver: PlaceResolver, regionHint: string | null): PlaceMention {
  const found = resolver.findSettlement(m.text, regionHint, language);
  if (!found) return m;
  if (found.match === "near" && found.region !== regionHint) return m;
  // A city-region (Kyiv, Moscow, St Petersburg, Sevastopol) is a city: carried over from "over Kyiv", it says
  // nothing of where the next town lies, so the only place of the name, as written, is meant ("Five drones
  // were downed over Kyiv. Three more … over the town of Okhtyrka"). Towns inside it are found in it first.
  const onlyOne =
    found.unique && (found.match === "exact" || found.match === "stem") && regionHint !== null && CITY_REGION_CODES.has(regionHint);
  if (regionHint && found.region !== regionHint && !onlyOne) return m;
  // "в селе Ивановка" with no region told: one of dozens; only a name no other region has, or a town, is placed.
  if (!regionHint && !found.unique && found.population < 10_000) {
    const border = onlyBorderNamesake(m.text, resolver);
    return border ? changedPlace(m, { name: border.name, regions: [border.region] }) : m;
  }
  return changedPlace(m, { name: found.name, regions: [found.region] });
}

/** As many namesakes as make a name too common for onlyBorderNamesake (searchSettlements answers at most 25). */
const MANY_NAMESAKES = 20;

/**
 * «посёлок Уразово» with no region told (Уразово: Belgorod Oblast and Bashkortostan): where only one
 * Russian region on the border with Ukraine has a place of the name, and Ukraine none, the village
 * there is meant — attacks by drones and shells fall on the border regions.
 */
function onlyBorderNamesake(name: string, resolver: PlaceResolver): { name: string; region: string } | null {
  const all = resolver.searchSettlements?.(name) ?? [];
  // (A name of a score of places, «Октябрьский», is cut off in the search: its border village may be one of many.)
  if (all.length < 2 || all.length >= MANY_NAMESAKES || all.some((c) => c.region.startsWith("UA"))) return null;
  const border = all.filter((c) => resolver.regionClaims(c.region)?.bordersUkraine === true);
  return border.length === 1 ? { name: border[0].name, region: border[0].region } : null;
}

/**
 * "Нікопольщину", "на Шосткинщині", "Куп'янщина": the area around a town, named after it as oblasts are
 * (Харківщина), is in the town's region: a place of the region, with no settlement.
 */
export function findTownAreaMentions(
  tokens: Token[],
  resolver: PlaceResolver,
  regionHint: string | null,
  taken: (i: number) => boolean,
  language: "uk" | "ru" = "uk",
): PlaceMention[] {
  const out = placeList();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const m = t.capital && !taken(i) ? /^(.{3,}?)щин(?:а|и|у|і|ою|е|ой)$/u.exec(t.text) : null;
    if (!m) continue;
    const base = m[1];
    // Нікопольщина → Нікополь, Конотопщина → Конотоп, Куп'янщина → Куп'янськ, Шосткинщина → Шостка,
    // Броварщина → Бровари, Синельниківщина → Синельникове, Лозівщина → Лозова.
    // (Ukrainian media writing in Russian: Никопольщина → Никополь, Купянщина → Купянск, Синельниковщина → Синельниково.)
    const names =
      language === "uk"
        ? [`${base}ь`, base, `${base}ськ`, `${base}и`, ...(base.endsWith("ин") ? [`${base.slice(0, -2)}а`] : [])]
        : [`${base}ь`, base, `${base}ск`, `${base}ы`, ...(base.endsWith("ин") ? [`${base.slice(0, -2)}а`] : [])];
    if (base.endsWith("ів")) names.push(`${base.slice(0, -2)}ове`, `${base.slice(0, -2)}ова`);
    if (base.endsWith("ов")) names.push(`${base}о`, `${base}ая`);
    for (const name of names) {
      const found = resolver.findSettlement(name, regionHint, language);
      if (found?.match !== "exact" || !found.region.startsWith("UA")) continue;
      if (!(found.unique || found.population >= 10_000 || found.region === regionHint)) continue;
      out.push({
        kind: "region",
        regions: [found.region],
        name: null,
        text: t.text,
        start: t.start,
        end: t.end,
        first: i,
        last: i,
        group: null,
        attributive: false,
        district: true,
      });
      break;
    }
  }
  return out;
}

/**
 * "in the Kupiansk direction", «на Купянском направлении», «на Куп'янському напрямку»: a town's name or adjective
 * before the pack's front_direction names an area of the front (annotation guide: "X direction" → no settlement):
 * a place of the town's region, with no settlement.
 */
export function findFrontDirectionMentions(
  tokens: Token[],
  language: LanguageCode,
  resolver: PlaceResolver,
  regionHint: string | null,
  taken: (i: number) => boolean,
): PlaceMention[] {
  const lex = lexiconFor(language);
  const out = placeList();
  for (let i = 1; i < tokens.length; i++) {
    if (!lex.frontDirection.has(tokens[i].lower)) continue;
    const t = tokens[i - 1];
    if (!t.capital && !t.digits && !taken(i - 1)) {
      const lower = lowerCaseDirection(t, resolver, language);
      if (lower) out.push(placeMention("region", [lower], null, t.text, t.start, t.end, i - 1, i - 1, null, false, true));
      continue;
    }
    if (!t.capital || t.digits || taken(i - 1)) continue;
    const found = resolver.findSettlement(t.text, regionHint, language);
    if (!found || found.match === "near" || found.match === "region") continue;
    if (!(found.region === regionHint || found.unique || found.population >= 10_000)) continue;
    out.push(placeMention("region", [found.region], null, t.text, t.start, t.end, i - 1, i - 1, null, false, true));
  }
  return out;
}

/** Whether the place ending at token `last` names a front's direction ("the Kharkiv direction"), not the town. */
export function namesFrontDirection(tokens: Token[], last: number, language: LanguageCode): boolean {
  return lexiconFor(language).frontDirection.has(tokens[last + 1]?.lower ?? "");
}

/**
 * «Нову Кубань», «Нова Одеса», «Новую Одессу»: a region's noun or capital right after a capitalised word is
 * the second word of a settlement's name when the gazetteer knows the two words as one place of two words
 * (exact or a case form). The region is then no place of the sentence: the settlement is.
 */
export function partOfSettlementName(
  r: PlaceMention,
  tokens: Token[],
  text: string,
  resolver: PlaceResolver,
  language: LanguageCode,
): boolean {
  const prev = tokens[r.first - 1];
  if (r.first !== r.last || !prev?.capital || prev.digits || !/^\s+$/u.test(text.slice(prev.end, tokens[r.first].start))) return false;
  const found = resolver.findSettlement(text.slice(prev.start, tokens[r.last].end), null, language);
  return !!found && (found.match === "exact" || found.match === "stem") && /\s/u.test(found.name);
}

/**
 * «Гусев: над Воронежской областью сбиты …», "Gladkov: a drone attacked … in Belgorod Oblast": a name before
 * the colon, when the sentence then names a place (`taken`) and the region in question is another, is the
 * official who speaks, not a dateline — unless it is a city (100,000 or more) that would be meant anyway.
 */
function notSpeaker(
  head: PlaceMention | null,
  tokens: Token[],
  taken: (i: number) => boolean,
  resolver: PlaceResolver,
  language: LanguageCode,
  regionHint: string | null,
): PlaceMention | null {
  if (!head || regionHint === null || head.regions[0] === regionHint) return head;
  if (!tokens.some((_, i) => i > head.last && taken(i))) return head;
  const population = resolver.findSettlement(head.text, null, language)?.population ?? 0;
  return population >= 100_000 ? head : null;
}

/**
 * "Varna, Bulgaria", "Galati in Romania", «в Румунії поблизу Галаца»: a name with a foreign country right after
 * it (past a comma or "in") or up to three words before it is a town abroad, whatever village of Russia or
 * Ukraine shares its name (Varna, Chelyabinsk Oblast).
 */
function toldAbroad(tokens: Token[], text: string, first: number, last: number, lex: Lexicon): boolean {
  const next = tokens[last + 1];
  if (next && /^\s*[,(]?\s*$/u.test(text.slice(tokens[last].end, next.start)) && lex.foreignCountry.has(next.lower)) return true;
  const after = tokens[last + 2];
  if (next && after && lex.inPlace.has(next.lower) && lex.foreignCountry.has(after.lower)) return true;
  for (let k = first - 1; k >= 0 && k >= first - 3; k--) if (lex.foreignCountry.has(tokens[k].lower)) return true;
  return false;
}

/**
 * «на курском направлении», «на покровському напрямку»: the adjective of a direction is written in lower case.
 * The region whose adjective it is (Курская область), else the region of a town of 10,000 or more it is
 * made from (Покровск); not a village's ("лиманском" is no Lymanske, Odesa Oblast).
 */
function lowerCaseDirection(t: Token, resolver: PlaceResolver, language: LanguageCode): string | null {
  if (!DISTRICT_ADJECTIVE.test(t.lower)) return null;
  const regions = ADJ_ENDING.test(t.lower) ? regionLexicon().adjectives.get(t.stem) : undefined;
  if (regions?.length === 1) return regions[0];
  const found = resolver.findSettlement(t.text, null, language);
  return found && found.match === "stem" && found.population >= 10_000 ? found.region : null;
}

/** The span of the list item at token k: one capitalised word, or two adjacent ones (but not «Малозадонка Глушковского района»). */
function listItemAt(tokens: Token[], text: string, k: number, taken: (i: number) => boolean): number {
  if (taken(k)) {
    let e = k;
    while (e + 1 < tokens.length && taken(e + 1) && /^\s$/.test(text.slice(tokens[e].end, tokens[e + 1].start))) e++;
    return e;
  }
  const second = tokens[k + 1];
  const two =
    second?.capital &&
    !taken(k + 1) &&
    /^\s$/.test(text.slice(tokens[k].end, second.start)) &&
    !DISTRICT_WORDS.test(tokens[k + 2]?.lower ?? "") &&
    !isHead(tokens[k + 2]);
  return two ? k + 1 : k;
}

/** Where the next item of a list starts after an item ending at e («, », « и », «, и »), skipping the item's district; or -1. */
function nextListItem(tokens: Token[], text: string, e: number): number {
  if (tokens[e + 1]?.capital && DISTRICT_WORDS.test(tokens[e + 2]?.lower ?? "")) e += 2;
  const gap = text.slice(tokens[e].end, tokens[e + 1]?.start ?? tokens[e].end);
  const joiner = joinerLength(tokens, e + 1);
  if (!/^\s*,\s*$/.test(gap) && !(/^\s+$/.test(gap) && joiner > 0)) return -1;
  const k = e + 1 + joiner;
  return tokens[k]?.capital && (joiner === 0 || /^\s+$/.test(text.slice(tokens[k - 1].end, tokens[k].start))) ? k : -1;
}

/** Whether the words k..e cannot be a settlement of a list: an abbreviation, a country, a month or weekday, a person, a body. */
function notListedPlace(tokens: Token[], text: string, k: number, e: number, language: LanguageCode, lex: Lexicon): boolean {
  for (let j = k; j <= e; j++) {
    const t = tokens[j];
    if (t.digits || /^\p{Lu}{2,}/u.test(t.text) || NOT_A_NAME.test(t.lower) || isCountryWord(lex, t.lower)) return true;
    if (language !== "en" && /\p{Script=Latin}/u.test(t.text)) return true;
    if (isMonthWord(t.lower) || shippedDateWords().weekdays.some(([, forms]) => forms.has(t.lower))) return true;
  }
  if (e > k && lex.givenNames.matchAt(tokens, k)) return true; // «Вячеслав Гладков»
  // ("in Saratov and Engels Roman Busargin, Governor …": a first name before a capitalised word ends the place, the person begins.)
  for (let j = k + 1; j <= e; j++) if (tokens[j + 1]?.capital && lex.givenNames.matchAt(tokens, j)) return true;
  if (namesDistricts(tokens, text, e, lex)) return true; // «в Чертковском, Каменском и Шолоховском районах»
  // «громади Сумського району — Хотінську та Миропільську»: a district's or hromada's adjective, its noun left out.
  const adjective = e === k && HROMADA_ADJECTIVE.test(tokens[k].lower) && !NEUTER_ADJECTIVE.test(tokens[k].lower);
  if (adjective && tokens.some((t) => DISTRICT_WORDS.test(t.lower))) return true;
  if (lex.officialBodies.matchAt(tokens, k) || isHead(tokens[e + 1]) || DISTRICT_WORDS.test(tokens[e + 1]?.lower ?? "")) return true;
  return (
    e + 1 < tokens.length &&
    lex.notPlaceAfter.matchAt(tokens, e + 1) !== undefined &&
    /^\s+$/.test(text.slice(tokens[e].end, tokens[e + 1].start))
  );
}

/** The case the word before token `start` puts a list in («атаковали» accusative, «в» locative), past a weapon in the instrumental («атаковали дронами»). */
function listCase(tokens: Token[], text: string, start: number, language: LanguageCode): PlaceCase | null {
  for (let k = start - 1; k >= 0 && k >= start - 4; k--) {
    const c = placeCaseAfter(tokens[k].lower, language);
    if (c) return c;
    if (!MUNITION_INSTRUMENTAL.test(tokens[k].lower) && !INSTRUMENTAL_ADJECTIVE.test(tokens[k].lower)) break;
    if (k > 0 && /[.,;:!?—–]/.test(text.slice(tokens[k - 1].end, tokens[k].start))) break;
  }
  return null;
}

/**
 * «Атакам подверглись Ольговка, Верхнекозловка и Хомутовка», «атаковали Ольговку, Малозадонку и Рыльск»:
 * the names of a list of places that the gazetteer does not know (small villages, khutors, misspellings), as
 * settlements in the nominative with no region yet, as after «хутор» (the list no longer ends at them).
 * A list is one of places when a place the gazetteer found is one of its items, or when a place-list head
 * opens it (an attack verb, «под обстрелом находились», "the villages of") and each unknown name ends as
 * settlements do (the pack's settlement_name_endings: not «Укрэнерго», «Петрову»). It ends at a name that
 * cannot be a place (abbreviations, countries, months, people, bodies, districts' adjectives), and a last name
 * after a bare comma with a word after it starts the next clause («атаковали Рыльск, Гладков сообщил»).
 */
export function findUnknownListedNames(
  tokens: Token[],
  text: string,
  language: LanguageCode,
  found: PlaceMention[],
  taken: (i: number) => boolean,
  inGazetteer: (written: string) => boolean = () => false,
): PlaceMention[] {
  const lex = lexiconFor(language);
  const known = (k: number) => found.some((m) => (m.kind === "settlement" || m.kind === "city") && m.first <= k && k <= m.last);
  const out = placeList();
  const seen = new Set<number>();
  for (const start of listStarts(tokens, text, found, taken, lex)) {
    if (seen.has(start)) continue;
    const items = listItems(tokens, text, start, taken, seen);
    const placeCase = listCase(tokens, text, start, language);
    const { unknown, listed } = unknownItems(tokens, text, items, start, placeCase, language, lex, taken);
    // (One name is no list: a name the gazetteer has but the reading left out, as abroad in "Varna, Bulgaria", stays out.)
    if (!unknown.length || listed < 2) continue;
    // (A place the gazetteer has, left unread after an unknown name broke the list, counts as known.)
    const hasKnown = items.some(([k, e]) => known(k) || (!taken(k) && inGazetteer(text.slice(tokens[k].start, tokens[e].end))));
    if (start === 0 && !hasKnown) continue;
    // («Між Рильськом та Льговом …»: a preposition opening the sentence is no first word of an unknown name.)
    if (start === 0 && openingPreposition(tokens, lex)) continue;
    const named = unknown.map(([k, e]) => {
      const written = text.slice(tokens[k].start, tokens[e].end);
      const nominative = nominativePlace(written, placeCase, language);
      return { k, e, written, nominative };
    });
    const shaped = (s: string) => lex.settlementNameEndings.some((end) => s.toLowerCase().endsWith(end));
    if (!hasKnown && (items.length < 2 || !named.every((x) => shaped(x.nominative) || inGazetteer(x.written)))) continue;
    for (const x of named)
      out.push(
        placeMention(
          "settlement",
          [],
          language === "en" ? x.nominative : transliterate(x.nominative, language),
          x.written,
          tokens[x.k].start,
          tokens[x.e].end,
          x.k,
          x.e,
          null,
          false,
        ),
      );
  }
  return out;
}

// findUnknownListedNames reads in the steps below, each a function of its own (one large function with all
// it inlines was compiled again and again as its optimised code met new shapes).

/** Where lists of places may start, in order: after a place-list head, or at the first item of a list a known place ends. */
function listStarts(tokens: Token[], text: string, found: PlaceMention[], taken: (i: number) => boolean, lex: Lexicon): number[] {
  const starts = new Set<number>();
  // A list opening the sentence ("Marhanets and Verkhnokozlivka came under fire"): a known item must tell it is of places.
  if (tokens[0]?.capital && nextListItem(tokens, text, listItemAt(tokens, text, 0, taken)) > 0) starts.add(0);
  for (let i = 1; i < tokens.length; i++) {
    if (!tokens[i].capital) continue;
    const before = wordBeforeName(tokens, i, lex);
    if (opensPlace(tokens, text, i, before, lex) || (before === "of" && lex.placesListed.has(tokens[i - 2]?.lower ?? ""))) starts.add(i);
  }
  // A known place whose list runs back to the sentence's start («Сухолиповка, Малозадонка и Глушково попали под обстрел»).
  for (const m of found) {
    if (m.kind !== "settlement" && m.kind !== "city") continue;
    let k = m.first;
    for (;;) {
      const j = tokens[k - 1] && joinerLength(tokens, k - 1) === 1 ? k - 2 : k - 1;
      const gap = j >= 0 ? text.slice(tokens[j].end, tokens[j + 1].start) : "";
      if (j < 0 || !tokens[j].capital || !(j === k - 2 ? /^\s+$/.test(gap) : /^\s*,\s*$/.test(gap))) break;
      k = j > 0 && tokens[j - 1].capital && !taken(j - 1) && /^\s$/.test(text.slice(tokens[j - 1].end, tokens[j].start)) ? j - 1 : j;
    }
    if (k < m.first && (k === 0 || taken(k - 1))) starts.add(k);
  }
  return [...starts].sort((a, b) => a - b);
}

/** The items [first, last] of the list starting at token `start` (at most 12); each item's start joins `seen`. */
function listItems(
  tokens: Token[],
  text: string,
  start: number,
  taken: (i: number) => boolean,
  seen: Set<number>,
): Array<[number, number]> {
  const items: Array<[number, number]> = [];
  for (let k = start; k >= 0 && items.length < 12; ) {
    const e = listItemAt(tokens, text, k, taken);
    items.push([k, e]);
    seen.add(k);
    k = nextListItem(tokens, text, e);
  }
  return items;
}

/**
 * The items of a list that no place found so far covers, up to the first that cannot be a place or is in no form
 * of the list's case; and `listed`, how many items the list has before a name that cannot be a place.
 */
function unknownItems(
  tokens: Token[],
  text: string,
  items: Array<[number, number]>,
  start: number,
  placeCase: PlaceCase | null,
  language: LanguageCode,
  lex: Lexicon,
  taken: (i: number) => boolean,
): { unknown: Array<[number, number]>; listed: number } {
  const unknown: Array<[number, number]> = [];
  let listed = items.length;
  for (const [n, [k, e]] of items.entries()) {
    if (taken(k)) continue;
    if (notListedPlace(tokens, text, k, e, language, lex)) {
      listed = n;
      break;
    }
    // «…Глушково, Гладков сообщил»: a last name after a bare comma, a word after it, opens the next clause.
    const bareComma = n > 0 && /^\s*,\s*$/.test(text.slice(tokens[k - 1].end, tokens[k].start));
    // (Not in an oblique case: «В результате обстрела Ольговки, Малозадонки повреждены дома».)
    const wordAfter = tokens[e + 1] && /^\s+$/.test(text.slice(tokens[e].end, tokens[e + 1].start));
    // (Nor a list opening the sentence, whose verb follows it: "Sumy, Marhanets, Sukholypivka came under fire".)
    if (n === items.length - 1 && bareComma && wordAfter && placeCase === null && start > 0) break;
    // (An oblique list's name in no form of its case is not its item: «по Рыльску, Ленина и Гагарина не пострадали».)
    const written = text.slice(tokens[k].start, tokens[e].end);
    const inCase =
      placeCase === null ||
      placeCase === "accusative" ||
      nominativePlace(written, placeCase, language) !== written ||
      /[оеиыуюі]$/u.test(tokens[e].lower);
    if (!inCase) break;
    unknown.push([k, e]);
  }
  return { unknown, listed };
}

/**
 * The word that tells what the capitalised name at token i is, past an article ("struck the Novoshakhtinsk
 * oil refinery") and a country's possessive ("in Russia's Tuapse", "struck Ukraine's Pavlohrad").
 */
function wordBeforeName(tokens: Token[], i: number, lex: Lexicon): string {
  let j = i - 1;
  if (j >= 1 && /['’]s$/u.test(tokens[j].text) && isCountryWord(lex, tokens[j].lower)) j--;
  if (j >= 1 && tokens[j].lower === "the") j--;
  return tokens[j].lower;
}
