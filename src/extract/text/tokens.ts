// Words and numbers with their character offsets, plus the stem every lexicon lookup uses.
import { StemmerRu } from "@nlpjs/lang-ru";
import { StemmerUk } from "@nlpjs/lang-uk";
import type { LanguageCode } from "../../model/incident.js";

export interface TokenFields {
  /** Text as written. */
  text: string;
  /** Lower-cased, ё→е, apostrophes unified, English possessive removed. */
  lower: string;
  /** Lower-cased stem (Snowball for Russian/Ukrainian; the lower form for Latin words). */
  stem: string;
  start: number;
  end: number;
  /** First three letters of lower, the key of prefix lookups. */
  prefix3: string;
  /** Starts with an upper-case letter. */
  capital: boolean;
  /** All digits (possibly with a decimal or thousands separator). */
  digits: boolean;
}

const ruStemmer = new StemmerRu();
const ukStemmer = new StemmerUk();
const CYRILLIC = /[\u0400-\u04ff]/;
const UKRAINIAN_LETTERS = /[іїєґ]/;

/** Normal form used everywhere words are compared. */
const NEEDS_MORE = /[ёЁ’ʼ`']/;

export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  if (!NEEDS_MORE.test(lower)) return lower;
  return lower.replace(/ё/g, "е").replace(/[’ʼ`]/g, "'").replace(/'s$/, "");
}

const isCyrillicCode = (c: number) => c >= 0x400 && c <= 0x4ff;

// Words repeat across reports; remembering recent stems saves most of the stemmer's time.
// One cache per language, keyed by the word itself: a lookup needs no concatenated key.
const stemCaches = new Map<LanguageCode, Map<string, string>>();
const STEM_CACHE_LIMIT = 100_000;

export function stemWord(word: string, language: LanguageCode): string {
  if (!isCyrillicCode(word.charCodeAt(0)) && !CYRILLIC.test(word)) return normalizeWord(word);
  let stemCache = stemCaches.get(language);
  if (!stemCache) {
    stemCache = new Map();
    stemCaches.set(language, stemCache);
  }
  const hit = stemCache.get(word);
  if (hit !== undefined) return hit;
  const stem = computeStem(word, language);
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, stem);
  return stem;
}

/** The stem without the cache: for words seldom seen twice (place names looked up in the gazetteer). */
export function computeStem(word: string, language: LanguageCode): string {
  const lower = normalizeWord(word);
  if (!CYRILLIC.test(lower)) return lower;
  const ukrainian = language === "uk" || (language === "en" && UKRAINIAN_LETTERS.test(lower));
  const stemmer = ukrainian ? ukStemmer : ruStemmer;
  // Hyphenated names (Ростов-на-Дону) are stemmed on their first part only, which is the inflected one;
  // of two parts, the second is inflected as well ("Івано-Франківській", "Каменске-Шахтинском").
  const dash = lower.indexOf("-");
  if (dash > 0 && lower.indexOf("-", dash + 1) < 0 && lower.length - dash > 4)
    return `${snowball(stemmer, lower.slice(0, dash))}-${snowball(stemmer, lower.slice(dash + 1))}`;
  if (dash > 0) return snowball(stemmer, lower.slice(0, dash)) + lower.slice(dash);
  return snowball(stemmer, lower);
}

/** The Snowball program alone: the library's stemWord() would also keep every word, without bound. */
function snowball(stemmer: StemmerRu | StemmerUk, word: string): string {
  stemmer.setCurrent(word);
  stemmer.innerStem();
  return stemmer.getCurrent();
}

/**
 * What is known of a word regardless of where it stands: its normal form, and what the lexicon
 * lookups found for it. Shared by every occurrence (reports repeat their words), so each
 * distinct word is normalised, stemmed and looked up once.
 */
export interface WordInfo {
  lower: string;
  prefix3: string;
  capital: boolean;
  digits: boolean;
  /** Stems by language (computed on demand). */
  stems: Partial<Record<LanguageCode, string>>;
  /** Per scanner: the lexicon phrases that may start at this word (null: none). */
  scanCandidates: unknown[];
  /** The number this word spells ("двух" → 2), null if none; undefined until asked. */
  numberValue?: number | null;
  /** Bit set of the date rules this word can feed (see dates.ts); undefined until asked. */
  dateClass?: number;
  /** Whether a region name may start with this word: per language (en, ru, uk) a "known" and a "yes" bit. */
  regionFirstBits: number;
}

/**
 * Every field, and every language's stem, is present from the start (undefined until asked):
 * objects that gain fields later take several shapes, and each new shape the optimised code
 * meets sends it back to the interpreter and the compiler (recompiling is much of a cold run's cost).
 */
function newWordInfo(raw: string): WordInfo {
  const lower = normalizeWord(raw);
  const code = raw.charCodeAt(0);
  const digits = code >= 48 && code <= 57;
  return {
    lower,
    prefix3: lower.slice(0, 3),
    capital: raw[0] !== lower[0] && !digits,
    digits,
    stems: { en: undefined, ru: undefined, uk: undefined },
    scanCandidates: [],
    numberValue: undefined,
    dateClass: undefined,
    regionFirstBits: 0,
  };
}

const wordCache = new Map<string, WordInfo>();
const WORD_CACHE_LIMIT = 200_000;

function wordInfo(raw: string): WordInfo {
  let info = wordCache.get(raw);
  if (info) return info;
  info = newWordInfo(raw);
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  wordCache.set(raw, info);
  return info;
}

/** A word or number with its offsets in the text. */
export class Token implements TokenFields {
  readonly end: number;
  readonly lower: string;
  readonly prefix3: string;
  readonly capital: boolean;
  readonly digits: boolean;

  constructor(
    readonly text: string,
    readonly info: WordInfo,
    private readonly language: LanguageCode,
    readonly start: number,
  ) {
    this.end = start + text.length;
    this.lower = info.lower;
    this.prefix3 = info.prefix3;
    this.capital = info.capital;
    this.digits = info.digits;
  }

  /** Whether a region name may start here (cached per word and language). */
  regionFirst(firstWords: Set<string>): boolean {
    const info = this.info;
    const bit = this.language === "en" ? 0 : this.language === "ru" ? 2 : 4;
    if (info.regionFirstBits & (1 << bit)) return (info.regionFirstBits & (2 << bit)) !== 0;
    const value = firstWords.has(this.lower) || firstWords.has(this.stem);
    info.regionFirstBits |= (1 << bit) | (value ? 2 << bit : 0);
    return value;
  }

  get stem(): string {
    const stems = this.info.stems;
    let stem = stems[this.language];
    if (stem === undefined) {
      stem = this.digits ? this.lower : computeStem(this.text, this.language);
      stems[this.language] = stem;
    }
    return stem;
  }
}

/** Letters (Latin, Latin-1/Extended, Cyrillic, Greek) by code, faster than a Unicode regex. */
export function isLetter(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 0x400 && c <= 0x52f) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x370 && c <= 0x3ff)
  );
}
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Inside a word: apostrophes and hyphens ("п'ять", "Ростов-на-Дону", "Shahed-136"). */
const isJoiner = (c: number) => c === 39 || c === 0x2019 || c === 0x2bc || c === 96 || c === 45;

export function tokenize(text: string, language: LanguageCode, offset = 0): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let end = i;
    if (isLetter(c)) {
      end = i + 1;
      while (end < n) {
        const d = text.charCodeAt(end);
        if (isLetter(d) || isDigit(d) || (d >= 0x300 && d <= 0x36f)) end++;
        else if (isJoiner(d) && end + 1 < n && (isLetter(text.charCodeAt(end + 1)) || isDigit(text.charCodeAt(end + 1)))) end += 2;
        else break;
      }
    } else if (isDigit(c)) {
      end = i + 1;
      while (end < n && isDigit(text.charCodeAt(end))) end++;
      // Thousands groups: "1 000", "1,000", "1.000" (exactly three digits after the separator).
      while (
        end + 3 < n + 0 &&
        (text[end] === " " || text[end] === "\u00a0" || text[end] === "," || text[end] === ".") &&
        isDigit(text.charCodeAt(end + 1)) &&
        isDigit(text.charCodeAt(end + 2)) &&
        isDigit(text.charCodeAt(end + 3)) &&
        !(end + 4 < n && isDigit(text.charCodeAt(end + 4)))
      ) {
        end += 4;
      }
    } else {
      i++;
      continue;
    }
    const raw = text.slice(i, end);
    tokens.push(new Token(raw, wordInfo(raw), language, offset + i));
    i = end;
  }
  return tokens;
}
