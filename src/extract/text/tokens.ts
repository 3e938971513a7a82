// Words and numbers with their character offsets, plus the stem every lexicon lookup uses.
import { StemmerRu } from "@nlpjs/lang-ru";
import { StemmerUk } from "@nlpjs/lang-uk";
import type { LanguageCode } from "../../model/incident.js";

export interface Token {
  /** Text as written. */
  text: string;
  /** Lower-cased, ё→е, apostrophes unified, English possessive removed. */
  lower: string;
  /** Lower-cased stem (Snowball for Russian/Ukrainian; the lower form for Latin words). */
  stem: string;
  start: number;
  end: number;
  /** Starts with an upper-case letter. */
  capital: boolean;
  /** All digits (possibly with a decimal or thousands separator). */
  digits: boolean;
}

const WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{N}'’ʼ`-]*[\p{L}\p{M}\p{N}]|[\p{L}\p{M}]|\d+(?:[ \u00a0,.]\d{3}(?!\d))*/gu;

const ruStemmer = new StemmerRu();
const ukStemmer = new StemmerUk();
const CYRILLIC = /[\u0400-\u04ff]/;
const UKRAINIAN_LETTERS = /[іїєґ]/;

/** Normal form used everywhere words are compared. */
export function normalizeWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[’ʼ`]/g, "'")
    .replace(/'s$/, "");
}

export function stemWord(word: string, language: LanguageCode): string {
  const lower = normalizeWord(word);
  if (!CYRILLIC.test(lower)) return lower;
  const ukrainian = language === "uk" || (language === "en" && UKRAINIAN_LETTERS.test(lower));
  const stemmer = ukrainian ? ukStemmer : ruStemmer;
  // Hyphenated names (Ростов-на-Дону) are stemmed on their first part only, which is the inflected one.
  const dash = lower.indexOf("-");
  if (dash > 0) return stemmer.stemWord(lower.slice(0, dash)) + lower.slice(dash);
  return stemmer.stemWord(lower);
}

export function tokenize(text: string, language: LanguageCode, offset = 0): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const start = offset + (m.index ?? 0);
    const digits = /^\d/.test(raw);
    const lower = normalizeWord(raw);
    tokens.push({
      text: raw,
      lower,
      stem: digits ? lower : stemWord(raw, language),
      start,
      end: start + raw.length,
      capital: /^\p{Lu}/u.test(raw),
      digits,
    });
  }
  return tokens;
}
