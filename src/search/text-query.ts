// Full-text search over report text: a query's words become a PostgreSQL tsquery of stem
// prefixes on the 'simple' configuration (no dictionary: Russian, Ukrainian and English alike),
// so that one query word finds its case forms ("Харьков" → харьков:* matches "Харькове").
// Only letters and digits reach the tsquery: no operator or quote can be injected.
import { computeStem } from "../extract/text/tokens.js";

const WORD = /[\p{L}\p{N}]+/gu;
/** Apostrophes (Ukrainian writes any of them inside a word: Пʼятихатки, П'ятихатки, П’ятихатки). */
const APOSTROPHES = /['’ʼʻ‘`]/g;

/**
 * Text as the evidence index holds it (migration 13: translate(evidence, 'ёЁ''’ʼʻ‘`', 'еЕ')): ё read
 * as е, and apostrophes dropped, so that a word is one word whichever apostrophe it was typed with.
 */
export function foldText(text: string): string {
  return text.replace(/ё/g, "е").replace(/Ё/g, "Е").replace(APOSTROPHES, "");
}
const UKRAINIAN = /[іїєґ]/;
const RUSSIAN = /[ыэъё]/;
const CYRILLIC = /[\u0400-\u04ff]/;

/** The prefixes a word may be found by: its stem under each stemmer that may apply (the word itself when short). */
export function wordPrefixes(word: string): string[] {
  const lower = word.toLowerCase().replace(/ё/g, "е");
  if (lower.length <= 3) return [lower];
  if (!CYRILLIC.test(lower)) return [englishStem(lower)];
  const languages = UKRAINIAN.test(lower) ? (["uk"] as const) : RUSSIAN.test(word) ? (["ru"] as const) : (["ru", "uk"] as const);
  const stems = languages.map((l) => computeStem(lower, l)).map((s) => (s.length >= 3 ? s : lower));
  return [...new Set(stems)];
}

/** English has no Snowball stemmer here: a plural or past ending is cut when a stem of four letters stays ("strikes", "struck" aside). */
function englishStem(word: string): string {
  const cut = /^(.{4,}?)(?:ing|ed|es|s)$/u.exec(word);
  return cut ? cut[1] : word;
}

const term = (word: string) => {
  const prefixes = wordPrefixes(word).map((p) => (p.length >= 3 ? `${p}:*` : p));
  return prefixes.length > 1 ? `(${prefixes.join(" | ")})` : prefixes[0];
};

/** Every word of the text (AND), each by its stem prefixes; null when the text has no word. */
export function allWordsQuery(text: string): string | null {
  const words = foldText(text).match(WORD) ?? [];
  if (!words.length) return null;
  return words.slice(0, 12).map(term).join(" & ");
}

/** Any of the phrases (OR), each phrase's words AND-ed: the names of a place in three languages. */
export function anyPhraseQuery(phrases: string[]): string | null {
  const parts = [...new Set(phrases.map(allWordsQuery).filter((p): p is string => p !== null))];
  if (!parts.length) return null;
  return parts.map((p) => (parts.length > 1 && p.includes("&") ? `(${p})` : p)).join(" | ");
}
