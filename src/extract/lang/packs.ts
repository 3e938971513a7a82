// Language packs: everything the extractor knows of a language, as data in data/lang/<code>/
// (lexicon.json, numbers.json, dates.json, morphology.json, examples/*.json), listed in data/lang/registry.json. Adding a
// language is a folder and a registry line; this module only reads and checks them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dataPath } from "../../data-files.js";

export interface RegistryEntry {
  code: string;
  name: string;
  /** The Snowball stemmer the language's words go through, or null (lower-casing only). */
  stemmer: "ru" | "uk" | null;
}

/** Number words: keys are values ("2": ["two", "pair"]); scales multiply; qualifiers stand before a number. */
export interface NumbersFile {
  values: Record<string, string[]>;
  scales: Record<string, string[]>;
  qualifiers: Record<"more_than" | "at_least" | "about", string[]>;
  /** Words of a unit after a figure ("km", «часа», «років»): a distance, a time, not a count (a final * matches any ending). */
  units_after?: string[];
  /** Case endings glued after a hyphen to a figure in digits («3-х», «52-ма»): part of the figure. */
  case_suffixes?: string[];
  /** Words joining the two figures of a range ("5 to 7", «от 5 до 7»): one figure, its lower end at least. */
  range_to?: string[];
  /** A word before a range's lower figure ("between") that lets range_and ("and") join the upper one. */
  range_between?: string[];
  range_and?: string[];
}

/** Date words (dates.json; the keys are explained in data/lang/en/dates.json's "about"). */
export interface DatesFile {
  months?: Record<string, string[]>;
  weekdays?: Record<string, string[]>;
  yesterday?: string[];
  yesterday_adjective?: string[];
  two_days_ago?: string[];
  today?: string[];
  previous_day?: string[];
  past_day?: string[];
  ambiguous?: string[];
  this_night?: string[];
  night?: string[];
  hints?: string[];
  night_into?: { night: string[]; into: string[] };
  statement_verbs?: string[];
  statement_that?: string[];
  weekday_night?: { after: string[]; into: string[]; overnight?: string[] };
  day_to?: string[];
  period_from?: string[];
  period_to?: string[];
  /** The language writes weekdays in lower case (ru, uk): a capitalised weekday inside a sentence is a name («сёла Муром и Середа»). */
  weekdays_lower_case?: boolean;
}

/** Morphology (morphology.json): how a name after a title goes back to the nominative. */
export interface MorphologyFile {
  name_cases?: {
    /** A title word's endings per case ("губернатора" genitive). */
    title_endings: Partial<Record<"genitive" | "dative" | "instrumental", string[]>>;
    /** Title words that end like an oblique case but are nominative («глава»). */
    title_not_oblique?: string[];
    /** Per case, [pattern, replacement] over a lower-cased name word; the first match wins. */
    rules: Partial<Record<"genitive" | "dative" | "instrumental", Array<[string, string]>>>;
  };
  /** Place names the gazetteer does not know: the case of a list from the word before it, and per case rules back to the nominative. */
  place_cases?: {
    after: Partial<Record<PlaceCase, string[]>>;
    rules: Partial<Record<PlaceCase, Array<[string, string]>>>;
  };
}
export type PlaceCase = "accusative" | "genitive" | "locative" | "dative" | "instrumental";

/** One example report and what the extractor must find in it (the fields given, nothing else is compared). */
export interface Example {
  text: string;
  published?: string | null;
  /** The incidents expected, in any order; [] for a negative example. */
  expect: Array<Record<string, unknown>>;
  /** More incidents than expected may come out (the example is about one of them). */
  partial?: boolean;
  /** A known gap: the example is reported, not enforced. Says why. */
  pending?: string;
}

export interface ExampleFile {
  /** The concept the examples illustrate ("casualties", "lists", "not-places", …): the file's name. */
  concept: string;
  about: string;
  examples: Example[];
}

export interface LanguagePack extends RegistryEntry {
  /** The raw lexicon (compiled by lexicon.ts). */
  lexicon: Record<string, unknown>;
  numbers: NumbersFile;
  dates: DatesFile;
  morphology: MorphologyFile;
  examples: ExampleFile[];
}

const readJson = <T>(path: string): T => {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (err) {
    throw new Error(`language data ${path} could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
};

/** The languages listed in a registry (the shipped one by default). */
export function readRegistry(root: string = dataPath("lang")): RegistryEntry[] {
  const { languages } = readJson<{ languages: RegistryEntry[] }>(join(root, "registry.json"));
  for (const l of languages) {
    if (!/^[a-z]{2,3}$/.test(l.code)) throw new Error(`${root}/registry.json: '${l.code}' is not a language code (ISO 639-1, like "en")`);
    if (!existsSync(join(root, l.code, "lexicon.json")))
      throw new Error(`${root}/registry.json lists '${l.code}', but ${root}/${l.code}/lexicon.json is missing`);
  }
  return languages;
}

/** One language's pack, read from root/<code>/. */
export function readPack(entry: RegistryEntry, root: string = dataPath("lang")): LanguagePack {
  const dir = join(root, entry.code);
  const examplesDir = join(dir, "examples");
  const examples = existsSync(examplesDir)
    ? readdirSync(examplesDir)
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((f) => ({ concept: f.slice(0, -".json".length), ...readJson<Omit<ExampleFile, "concept">>(join(examplesDir, f)) }))
    : [];
  const numbersPath = join(dir, "numbers.json");
  const numbers = existsSync(numbersPath)
    ? readJson<NumbersFile>(numbersPath)
    : { values: {}, scales: {}, qualifiers: { more_than: [], at_least: [], about: [] } };
  const datesPath = join(dir, "dates.json");
  const dates = existsSync(datesPath) ? readJson<DatesFile>(datesPath) : {};
  const morphologyPath = join(dir, "morphology.json");
  const morphology = existsSync(morphologyPath) ? readJson<MorphologyFile>(morphologyPath) : {};
  return { ...entry, lexicon: readJson<Record<string, unknown>>(join(dir, "lexicon.json")), numbers, dates, morphology, examples };
}

let shipped: Map<string, LanguagePack> | undefined;

/** The shipped packs by code, read once. */
export function shippedPacks(): Map<string, LanguagePack> {
  shipped ??= new Map(readRegistry().map((e) => [e.code, readPack(e)]));
  return shipped;
}

/** The shipped pack of a language; an error naming the registry when there is none. */
export function packFor(code: string): LanguagePack {
  const pack = shippedPacks().get(code);
  if (!pack) throw new Error(`No language pack '${code}': add data/lang/${code}/ and a line in data/lang/registry.json`);
  return pack;
}
