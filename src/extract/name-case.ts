// Person names after a title in an oblique case ("по словам губернатора Александра Гусева",
// "заявив очільнику Олегу Кіперу", "встретился с мэром Сергеем Собяниным") back in the nominative,
// so that a speaker is named the same way in every report. The endings and rules are the language
// pack's (data/lang/<code>/morphology.json); a language without them leaves names as written.
import type { LanguageCode } from "../model/incident.js";
import { type MorphologyFile, type PlaceCase, packFor } from "./lang/packs.js";

export type NameCase = "genitive" | "dative" | "instrumental" | null;
type Case = Exclude<NameCase, null>;
const CASES: Case[] = ["instrumental", "dative", "genitive"];

export interface NameMorphology {
  titleEndings: Array<[Case, string[]]>;
  notOblique: Set<string>;
  rules: Record<Case, Array<[RegExp, string]>>;
}

/** A pack's name-case data, compiled. */
export function compileNameMorphology(file: MorphologyFile): NameMorphology {
  const data = file.name_cases;
  return {
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

const placeCases = new Map<string, { after: Map<string, PlaceCase>; rules: Map<PlaceCase, Array<[RegExp, string]>> }>();
function placeCasesOf(language: LanguageCode) {
  let c = placeCases.get(language);
  if (!c) {
    const data = packFor(language).morphology.place_cases;
    const after = new Map<string, PlaceCase>();
    const rules = new Map<PlaceCase, Array<[RegExp, string]>>();
    for (const [k, words] of Object.entries(data?.after ?? {}) as Array<[PlaceCase, string[]]>) for (const w of words) after.set(w, k);
    for (const [k, list] of Object.entries(data?.rules ?? {}) as Array<[PlaceCase, Array<[string, string]>]>)
      rules.set(
        k,
        list.map(([p, r]) => [new RegExp(p, "u"), r]),
      );
    c = { after, rules };
    placeCases.set(language, c);
  }
  return c;
}

/** The case a word puts a list of place names after it in (the pack's place_cases.after), or null (nominative). */
export function placeCaseAfter(word: string, language: LanguageCode): PlaceCase | null {
  return placeCasesOf(language).after.get(word) ?? null;
}

/** A place name the gazetteer does not know, each word back in the nominative by the pack's rules ("Малую Вербовку" → "Малая Вербовка"). */
export function nominativePlace(name: string, placeCase: PlaceCase | null, language: LanguageCode): string {
  const rules = placeCase ? placeCasesOf(language).rules.get(placeCase) : undefined;
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
