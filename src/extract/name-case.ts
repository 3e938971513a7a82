// Person names after a title in an oblique case ("по словам губернатора Александра Гусева",
// "заявив очільнику Олегу Кіперу", "встретился с мэром Сергеем Собяниным") back in the nominative,
// so that a speaker is named the same way in every report; and place names the gazetteer lacks, after a word
// that puts a list in a case («атаковали Малую Вербовку»), back in the nominative. The endings and rules are the
// language pack's (data/lang/<code>/morphology.json: name_cases, place_cases), compiled once per language into one
// cache; a language without them leaves names as written.
import type { LanguageCode } from "../model/incident.js";
import { type MorphologyFile, type PlaceCase, packFor } from "./lang/packs.js";

export type NameCase = "genitive" | "dative" | "instrumental" | null;
type Case = Exclude<NameCase, null>;
const CASES: Case[] = ["instrumental", "dative", "genitive"];

export interface NameMorphology {
  titleEndings: Array<[Case, string[]]>;
  notOblique: Set<string>;
  rules: Record<Case, Array<[RegExp, string]>>;
  /** place_cases: the case a word puts a list of place names after it in, and per case the rules back to the nominative. */
  placeAfter: Map<string, PlaceCase>;
  placeRules: Map<PlaceCase, Array<[RegExp, string]>>;
}

/** A pack's morphology (the name_cases of people and the place_cases of unknown places), compiled. */
export function compileNameMorphology(file: MorphologyFile): NameMorphology {
  const data = file.name_cases;
  const places = file.place_cases;
  const placeAfter = new Map<string, PlaceCase>();
  for (const [k, words] of Object.entries(places?.after ?? {}) as Array<[PlaceCase, string[]]>) for (const w of words) placeAfter.set(w, k);
  const placeRules = new Map<PlaceCase, Array<[RegExp, string]>>();
  for (const [k, list] of Object.entries(places?.rules ?? {}) as Array<[PlaceCase, Array<[string, string]>]>)
    placeRules.set(
      k,
      list.map(([p, r]) => [new RegExp(p, "u"), r]),
    );
  return {
    placeAfter,
    placeRules,
    // Instrumental first: «головою» ends in the dative's «-ю» too.
    titleEndings: CASES.map((c) => [c, data?.title_endings[c] ?? []]),
    notOblique: new Set(data?.title_not_oblique ?? []),
    rules: Object.fromEntries(
      CASES.map((c) => [c, (data?.rules[c] ?? []).map(([p, r]) => [new RegExp(p, "u"), r])]),
    ) as NameMorphology["rules"],
  };
}

const compiled = new Map<string, NameMorphology>();
function morphologyOf(language: LanguageCode): NameMorphology {
  let m = compiled.get(language);
  if (!m) {
    m = compileNameMorphology(packFor(language).morphology);
    compiled.set(language, m);
  }
  return m;
}

/** The case of a title word, from its ending ("губернатора" genitive, "мэром" instrumental). */
export function titleCase(title: string, language: LanguageCode, morphology = morphologyOf(language)): NameCase {
  if (morphology.notOblique.has(title)) return null;
  for (const [c, endings] of morphology.titleEndings) if (endings.some((e) => title.endsWith(e))) return c;
  return null;
}

/** One name word in the nominative, keeping its capital letter. */
export function nominativeWord(word: string, nameCase: NameCase, language: LanguageCode, morphology = morphologyOf(language)): string {
  if (!nameCase || !/^[\u0400-\u04ff'’-]+$/.test(word)) return word;
  const lower = word.toLowerCase();
  for (const [pattern, replacement] of morphology.rules[nameCase]) {
    if (!pattern.test(lower)) continue;
    const out = lower.replace(pattern, replacement);
    return out.charAt(0).toUpperCase() + out.slice(1);
  }
  return word;
}

/** The case a word puts a list of place names after it in (the pack's place_cases.after), or null (nominative). */
export function placeCaseAfter(word: string, language: LanguageCode): PlaceCase | null {
  return morphologyOf(language).placeAfter.get(word) ?? null;
}

/** A place name the gazetteer does not know, each word back in the nominative by the pack's rules ("Малую Вербовку" → "Малая Вербовка"). */
export function nominativePlace(name: string, placeCase: PlaceCase | null, language: LanguageCode): string {
  const rules = placeCase ? morphologyOf(language).placeRules.get(placeCase) : undefined;
  if (!rules) return name;
  return name
    .split(" ")
    .map((word) => {
      const lower = word.toLowerCase();
      const rule = rules.find(([p]) => p.test(lower));
      if (!rule) return word;
      const out = lower.replace(rule[0], rule[1]);
      return word.charAt(0) + out.slice(1);
    })
    .join(" ");
}
