// The region lexicon (data/regions.tsv) as lookup tables keyed by word stems, so that one
// nominative form in the data matches every case form in a text ("Брянская область",
// "над Брянской областью", "в Брянской и Курской областях").
import { readDataFile } from "../data-files.js";
import { tokenize } from "../extract/text/tokens.js";
import type { CountryCode } from "../model/incident.js";

export interface RegionInfo {
  iso: string;
  country: CountryCode;
  name: string;
  /** Russian and Ukrainian display names (the first of each list in data/regions.tsv; for a city-region, its city's). */
  nameRu: string;
  nameUk: string;
  /** English name of the region's capital (for city-regions, the city itself). */
  capital: string | null;
}

export interface RegionLexicon {
  regions: Map<string, RegionInfo>;
  /** Key: stems joined by spaces. Names that make a region mention on their own. */
  nouns: Map<string, string[]>;
  /** Adjectival names that need a head word ("Брянская" + "область") or a list ending in one. */
  adjectives: Map<string, string[]>;
  /** English names that need a head word ("Bryansk" + "region"). */
  bases: Map<string, string[]>;
  /** Capital cities: a mention is the region plus the city as settlement. */
  capitals: Map<string, string[]>;
  /** Per capital key, the shortest name it was made from: a much shorter word is another word ("Микола" ≠ Миколаїв). */
  capitalLengths: Map<string, number>;
  /** Capital keys of cities whose own name is an adjective (Хмельницкий, Кропивницький): their adjective forms are the city. */
  adjectivalCapitals: Set<string>;
  /** Longest key length in tokens, to bound the matcher. */
  maxKeyTokens: number;
  /** First word (stem or lower-case form) of every key: a quick "not a region name" test. */
  firstWords: Set<string>;
  /** The other words of every key: a name goes on past its first word only with one of them. */
  laterWords: Set<string>;
}

/** Words that turn a preceding adjective or name into a region ("область", "region", "krai"). */
export const REGION_HEAD_WORDS = [
  "полуостров",
  "полуострове",
  "полуостровом",
  "полуострова",
  "півострів",
  "півострові",
  "півостровом",
  "півострова",
  "область",
  "области",
  "областей",
  "обл",
  "край",
  "края",
  "краю",
  "краем",
  "крае",
  "республика",
  "регион",
  "регионе",
  "регионах",
  "регионов",
  "регіон",
  "регіоні",
  "регіонах",
  "республіка",
  "ова",
  "ода",
  "region",
  "regions",
  "oblast",
  "oblasts",
  "krai",
  "kray",
  "territory",
  "province",
  "republic",
  "autonomous",
];
const HEAD_IN_NAME = new Set([
  "полуостров",
  "півострів",
  "область",
  "край",
  "республика",
  "республіка",
  "автономный",
  "автономная",
  "автономний",
  "автономна",
  "округ",
  "регион",
  "народная",
  "республики",
]);

const addTo = (map: Map<string, string[]>, key: string, iso: string) => {
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [iso]);
  else if (!list.includes(iso)) list.push(iso);
};

/** Keys of a phrase under both Cyrillic stemmers: a text is stemmed by its own language's. */
function phraseKeys(phrase: string): { keys: string[]; tokens: number } {
  const ru = tokenize(phrase, "ru").map((t) => t.stem);
  const uk = tokenize(phrase, "uk").map((t) => t.stem);
  return { keys: [...new Set([ru.join(" "), uk.join(" ")])], tokens: ru.length };
}

export function parseRegionLexicon(tsv: string): RegionLexicon {
  const lex: RegionLexicon = {
    regions: new Map(),
    nouns: new Map(),
    adjectives: new Map(),
    bases: new Map(),
    capitals: new Map(),
    capitalLengths: new Map(),
    adjectivalCapitals: new Set(),
    maxKeyTokens: 1,
    firstWords: new Set(),
    laterWords: new Set(),
  };
  const note = (n: number) => {
    if (n > lex.maxKeyTokens) lex.maxKeyTokens = n;
  };
  for (const line of tsv.split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [iso, name, enNames, enCapital, ruNames, ukNames, ruCapital, ukCapital] = line.split("\t").map((c) => c.trim());
    const list = (cell: string | undefined) =>
      (cell ?? "")
        .split(";")
        .map((s) => s.trim())
        .filter(Boolean);
    const capitals = list(enCapital);
    lex.regions.set(iso, {
      iso,
      country: iso.slice(0, 2) as CountryCode,
      name,
      // City-regions (Moscow, Saint Petersburg, Kyiv, Sevastopol) are named by their city.
      nameRu: list(ruNames)[0] ?? list(ruCapital)[0] ?? name,
      nameUk: list(ukNames)[0] ?? list(ukCapital)[0] ?? name,
      capital: capitals[0] ?? null,
    });
    for (const en of list(enNames)) {
      const standalone = en.startsWith("*");
      const { keys, tokens } = phraseKeys(en.replace(/^\*/, ""));
      for (const key of keys) addTo(standalone ? lex.nouns : lex.bases, key, iso);
      note(tokens);
    }
    for (const city of [...capitals, ...list(ruCapital), ...list(ukCapital)]) {
      const { keys, tokens } = phraseKeys(city);
      for (const key of keys) {
        addTo(lex.capitals, key, iso);
        lex.capitalLengths.set(key, Math.min(lex.capitalLengths.get(key) ?? city.length, city.length));
        if (/(ий|ый|ой|ій|ого|ому|ім|ом)$/u.test(city.toLowerCase())) lex.adjectivalCapitals.add(key);
      }
      // The raw lower-case form too: stemming short names can over-reach (Київ → "ки").
      addTo(lex.capitals, city.toLowerCase(), iso);
      lex.capitalLengths.set(city.toLowerCase(), Math.min(lex.capitalLengths.get(city.toLowerCase()) ?? city.length, city.length));
      note(tokens);
    }
    for (const phrase of [...list(ruNames), ...list(ukNames)]) {
      const words = phrase.split(/\s+/);
      const nameWords = words.filter((w) => !HEAD_IN_NAME.has(w.toLowerCase()));
      const hadHead = nameWords.length < words.length;
      const { keys, tokens } = phraseKeys(nameWords.join(" "));
      // "Брянская область" is adjectival (needs its head word in a text); "Республика Крым", "Брянщина" are not.
      const adjectival = hadHead && /(ая|ий|ый|ой|а|ій)$/i.test(nameWords[0] ?? "") && !/^(республика|республіка)$/i.test(words[0]);
      for (const key of keys) addTo(adjectival ? lex.adjectives : lex.nouns, key, iso);
      // Short forms like "ДНР" are matched as written.
      if (/^[А-ЯІЇЄҐ]{2,4}$/.test(phrase)) addTo(lex.nouns, phrase.toLowerCase(), iso);
      note(tokens);
    }
  }
  for (const map of [lex.nouns, lex.adjectives, lex.bases, lex.capitals]) {
    for (const key of map.keys()) {
      const [first, ...later] = key.split(" ");
      lex.firstWords.add(first);
      for (const w of later) lex.laterWords.add(w);
    }
  }
  return lex;
}

/** Seas, which have no region (Incident.water_area), by their English names. */
export const WATER_AREAS: ReadonlyArray<{ name: string; nameRu: string; nameUk: string }> = [
  { name: "Black Sea", nameRu: "Чёрное море", nameUk: "Чорне море" },
  { name: "Sea of Azov", nameRu: "Азовское море", nameUk: "Азовське море" },
];

/** The name of a region (ISO code) or a sea (English name) in a language; the English name when there is none. */
export function areaName(isoOrSea: string, language: "en" | "ru" | "uk"): string {
  const region = regionLexicon().regions.get(isoOrSea);
  const area = region ?? WATER_AREAS.find((w) => w.name === isoOrSea);
  if (!area) return isoOrSea;
  return language === "ru" ? area.nameRu : language === "uk" ? area.nameUk : area.name;
}

let cached: RegionLexicon | undefined;

/** The lexicon shipped in data/regions.tsv (read once, then shared: it is immutable). */
export function regionLexicon(): RegionLexicon {
  cached ??= parseRegionLexicon(readDataFile("regions.tsv"));
  return cached;
}
