// Lookup keys of a place name, the same at build time and at query time, so that case forms
// ("в Щетиновке"), spellings (Shchetinovka / Ščetinovka / Shchetynivka) and scripts meet:
//   exact    — lower case, ё→е, apostrophes and dashes unified (compared, not indexed)
//   stem     — every word through the Russian and the Ukrainian Snowball stemmers
//   skeleton — romanised and reduced (shch/sch→s, kh→h, y/i/j→i, ya/ia→a, …), vowels kept
//   frame    — the skeleton's consonants only, to find near-misses checked by edit distance
// Uncached stemming and romanisation: a gazetteer lookup is remembered whole (Gazetteer.resolvePlace),
// so caching its words as well would only fill the caches the extractor's tokenizer relies on.
import { computeStem as stemWord } from "../extract/text/tokens.js";
import { romanise as transliterate } from "../extract/transliterate.js";

const PLAIN_NAME = /^[a-zа-яіїєґ' ]+$/;

export function exactKey(name: string): string {
  const lower = name.toLowerCase();
  if (PLAIN_NAME.test(lower)) return lower; // the usual case: nothing to unify
  return lower
    .normalize("NFC")
    .replace(/ё/g, "е")
    .replace(/[’ʼ`´]/g, "'")
    .replace(/[\s‐-―-]+/g, " ")
    .replace(/[«»"()]/g, "")
    .trim();
}

const CYRILLIC = /[\u0400-\u04ff]/;
const UKRAINIAN = /[іїєґ]/;
const RUSSIAN_ONLY = /[ыэъ]/;

/**
 * The languages whose stemmer a name goes through: both, unless its letters say which
 * ("Харкові" has і, so only the Ukrainian stemmer; "Крымск" has ы, so only the Russian one).
 */
function stemLanguages(exact: string): Array<"ru" | "uk"> {
  if (UKRAINIAN.test(exact)) return ["uk"];
  if (RUSSIAN_ONLY.test(exact)) return ["ru"];
  return ["ru", "uk"];
}

export function stemKeys(name: string, exact = exactKey(name)): string[] {
  if (!CYRILLIC.test(exact)) return [];
  const keys: string[] = [];
  for (const language of stemLanguages(exact)) {
    // One word, the usual case, needs no splitting.
    const stem = exact.includes(" ")
      ? exact
          .split(" ")
          .filter(Boolean)
          .map((w) => stemWord(w, language))
          .join(" ")
      : stemWord(exact, language);
    const key = `s:${stem}`;
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

/**
 * Stem keys the Snowball stemmers miss: the stem of the stem ("Бериславу" → "берислав" →
 * "берисла", as "Берислав" itself is stemmed), and the Ukrainian к/г/х that turns into ц/з/с
 * before -і ("у Білозерці" → Білозерка, "в Антонівці" → Антонівка). Fewer than the stems
 * themselves, and looked up only after them.
 */
export function secondaryStemKeys(exact: string, stems: string[]): string[] {
  if (!stems.length) return [];
  const words = exact.split(" ");
  const keys = new Set<string>();
  for (const language of stemLanguages(exact)) {
    const restemmed = words.map((w) => stemWord(stemWord(w, language), language)).join(" ");
    keys.add(`s:${restemmed}`);
  }
  const last = words[words.length - 1];
  // Feminine "Білозерці" → Білозерка; masculine, after a short stem too, "Кривому Розі" → Ріг (Рог).
  // Any word of the name may alternate: the noun before its adjective too ("у Кам'янці-Дніпровській").
  const stemmed = stems[0].slice(2).split(" ");
  for (const [at, word] of words.entries()) {
    const alternation = /^(.{2,})([цзс])і$/u.exec(word);
    if (!alternation || stemmed.length !== words.length) continue;
    const consonant = { ц: "к", з: "г", с: "х" }[alternation[2]];
    const nominatives = [`${alternation[1]}${consonant}`, ...(alternation[1].length >= 3 ? [`${alternation[1]}${consonant}а`] : [])];
    // The other words keep their stems ("крив роз" → "крив рог").
    for (const nominative of nominatives)
      for (const k of stemKeys(nominative)) keys.add(`s:${stemmed.map((w, i) => (i === at ? k.slice(2) : w)).join(" ")}`);
  }
  // A feminine name in -ь loses it in its case forms ("в Электростали", "Электросталью" → Электросталь),
  // which the stemmer reads as another word ("электроста").
  const softSign = /^(.{3,}[бвгджзклмнпрстфхцчшщ])(и|і|ью|ю)$/u.exec(last);
  if (softSign) {
    const before = stems[0].slice(2).split(" ").slice(0, -1);
    for (const k of stemKeys(`${softSign[1]}ь`)) keys.add(before.length ? `s:${[...before, k.slice(2)].join(" ")}` : k);
  }
  // A plural-only name's genitive drops its ending and puts in an -е- ("мешканці Ромен" → Ромни,
  // "Лубен" → Лубни, "из Ромен" → Ромны), which no stemmer undoes.
  const fleeting = words.length === 1 ? /^(.{2,}[бвгдзклмнпрстфхцчшщ])е([нлр])$/u.exec(last) : null;
  if (fleeting) for (const ending of ["и", "ы"]) for (const k of stemKeys(`${fleeting[1]}${fleeting[2]}${ending}`)) keys.add(k);
  // A Russian town written the Ukrainian way («у Новошахтинську», «в Єйську», «в Енгельсі»), which the gazetteer has
  // in Russian only: the soft sign of -ськ/-цьк, є and a word's first е (Russian э) spelt the Russian way.
  if (/ьк|є|^е|\sе/u.test(exact)) {
    const russian = exact
      .replace(/([сцз])ьк/gu, "$1к")
      .replace(/(^|\s)е/gu, "$1э")
      .replace(/є/gu, "е")
      .replace(/і/gu, "и");
    if (russian !== exact) for (const k of stemKeys(russian)) keys.add(k);
  }
  for (const k of stems) keys.delete(k);
  return [...keys];
}

const VOWEL = (c: string | undefined) => c === "a" || c === "e" || c === "o" || c === "u";

/** Reduces a Latin spelling: shch/sch/sh→s, zh→z, kh/x→h, ch/ts/tz→c, w→v, y/j→i, ya/yu/ye/yo→a/u/e/o. */
function reduce(latin: string): string {
  let out = "";
  const n = latin.length;
  for (let i = 0; i < n; i++) {
    const c = latin[i];
    const d = latin[i + 1];
    let r: string;
    if (c === "s" && d === "h" && latin[i + 2] === "c" && latin[i + 3] === "h") {
      r = "s";
      i += 3;
    } else if (c === "s" && d === "c" && latin[i + 2] === "h") {
      r = "s";
      i += 2;
    } else if ((c === "z" || c === "k" || c === "c" || c === "s") && d === "h") {
      r = c === "z" ? "z" : c === "k" ? "h" : c === "c" ? "c" : "s";
      i++;
    } else if (c === "t" && (d === "s" || d === "z")) {
      r = "c";
      i++;
    } else if ((c === "y" || c === "i" || c === "j") && VOWEL(d)) {
      continue; // iotation: "ya" → "a"
    } else if (c === "y" || c === "j") r = "i";
    else if (c === "w") r = "v";
    else if (c === "x") r = "h";
    else if (c >= "a" && c <= "z") r = c;
    else continue;
    if (out[out.length - 1] !== r) out += r;
  }
  return out;
}

export function skeleton(name: string, exact = exactKey(name)): string {
  const latin = CYRILLIC.test(exact) ? transliterate(exact, UKRAINIAN.test(exact) ? "uk" : "ru") : exact;
  const plain = /[^ -~]/.test(latin)
    ? latin
        .replace(/šč/g, "s")
        .replace(/[šś]/g, "s")
        .replace(/č/g, "c")
        .replace(/ž/g, "z")
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
    : latin;
  return reduce(plain.toLowerCase());
}

export function frame(skeletonKey: string): string {
  return skeletonKey.replace(/[aeiou]/g, "");
}

/** Every key under which a place with these names is found. */
export function placeKeys(names: string[]): string[] {
  const keys = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    for (const k of stemKeys(name)) keys.add(k);
    const sk = skeleton(name);
    if (sk.length >= 3) {
      keys.add(`l:${sk}`);
      keys.add(`f:${frame(sk)}`);
    }
  }
  return [...keys];
}

/** Levenshtein distance, bounded: stops early once above max. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}
