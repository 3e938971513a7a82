// Lookup keys of a place name, the same at build time and at query time, so that case forms
// ("в Щетиновке"), spellings (Shchetinovka / Ščetinovka / Shchetynivka) and scripts meet:
//   exact    — lower case, ё→е, apostrophes and dashes unified (compared, not indexed)
//   stem     — every word through the Russian and the Ukrainian Snowball stemmers
//   skeleton — romanised and reduced (shch/sch→s, kh→h, y/i/j→i, ya/ia→a, …), vowels kept
//   frame    — the skeleton's consonants only, to find near-misses checked by edit distance
import { stemWord } from "../extract/text/tokens.js";
import { transliterate } from "../extract/transliterate.js";

export function exactKey(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFC")
    .replace(/ё/g, "е")
    .replace(/[’ʼ`´]/g, "'")
    .replace(/[\s‐-―-]+/g, " ")
    .replace(/[«»"()]/g, "")
    .trim();
}

const CYRILLIC = /[\u0400-\u04ff]/;
const UKRAINIAN = /[іїєґ]/;

export function stemKeys(name: string): string[] {
  const words = exactKey(name).split(" ").filter(Boolean);
  if (!words.length || !words.some((w) => CYRILLIC.test(w))) return [];
  const ru = words.map((w) => stemWord(w, "ru")).join(" ");
  const uk = words.map((w) => stemWord(w, "uk")).join(" ");
  return ru === uk ? [`s:${ru}`] : [`s:${ru}`, `s:${uk}`];
}

const SKELETON_RULES: Record<string, string> = {
  shch: "s",
  sch: "s",
  zh: "z",
  kh: "h",
  ch: "c",
  sh: "s",
  ts: "c",
  tz: "c",
  w: "v",
  x: "h",
  y: "i",
  j: "i",
};
const SKELETON_PATTERN = /shch|sch|zh|kh|ch|sh|ts|tz|([yij])(?=[uaeo])|[yjwx]|[^a-z]/g;

export function skeleton(name: string): string {
  const key = exactKey(name);
  const latin = CYRILLIC.test(key) ? transliterate(key, UKRAINIAN.test(key) ? "uk" : "ru") : key;
  const plain = /[^\x00-\x7f]/.test(latin)
    ? latin
        .replace(/šč/g, "s")
        .replace(/[šś]/g, "s")
        .replace(/č/g, "c")
        .replace(/ž/g, "z")
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
    : latin;
  // One pass: digraphs to single letters, iotated vowels to the bare vowel ("ya" → "a"), y/j → i.
  const reduced = plain.toLowerCase().replace(SKELETON_PATTERN, (m, iotation) => (iotation ? "" : (SKELETON_RULES[m] ?? "")));
  return reduced.replace(/(.)\1+/g, "$1");
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
