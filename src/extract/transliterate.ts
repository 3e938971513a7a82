// Cyrillic → Latin for settlement names: a BGN/PCGN-style romanisation for Russian and the
// Ukrainian national system (2010) for Ukrainian, as news agencies write them.
import { isLetter } from "./text/tokens.js";

const RU: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "yo",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
};
const UK: Record<string, string> = {
  ...RU,
  г: "h",
  ґ: "g",
  е: "e",
  є: "ie",
  и: "y",
  і: "i",
  ї: "i",
  й: "i",
  х: "kh",
  щ: "shch",
  ю: "iu",
  я: "ia",
  "'": "",
  "’": "",
};

// One memo per language: keyed by the text itself, a lookup needs no concatenated key.
const memos = new Map<string, Map<string, string>>();

export function transliterate(text: string, language: "ru" | "uk" | "en"): string {
  let memo = memos.get(language);
  if (!memo) {
    memo = new Map();
    memos.set(language, memo);
  }
  let out = memo.get(text);
  if (out === undefined) {
    out = romanise(text, language);
    if (memo.size > 50_000) memo.clear();
    memo.set(text, out);
  }
  return out;
}

const UK_INITIAL: Record<string, string> = { є: "ye", ї: "yi", й: "y", ю: "yu", я: "ya" };

/** The tables by code point (Cyrillic block U+0400–U+04FF), for a lookup without hashing. */
function byCode(table: Record<string, string>): Array<string | undefined> {
  const codes: Array<string | undefined> = new Array(256);
  for (const [letter, latin] of Object.entries(table)) {
    const code = letter.charCodeAt(0);
    if (letter.length === 1 && code >= 0x400 && code <= 0x4ff) codes[code - 0x400] = latin;
  }
  return codes;
}
const RU_CODES = byCode(RU);
const UK_CODES = byCode(UK);

/** Lower-case code of a Cyrillic capital (А–Я, Ѐ–Џ, Ґ), else the code itself. */
function lowerCyrillic(code: number): number {
  if (code >= 0x410 && code <= 0x42f) return code + 0x20;
  if (code >= 0x400 && code <= 0x40f) return code + 0x50;
  if (code === 0x490) return 0x491;
  return code;
}

/** A letter, for word boundaries; ʼ (the modifier-letter apostrophe) counts as one, as \p{L} has it. */
const isNameLetter = (code: number) => isLetter(code) || code === 0x2bc;

const capitalise = (latin: string) => (latin ? latin[0].toUpperCase() + latin.slice(1) : latin);

/** transliterate without the cache: for names seldom seen twice (gazetteer lookups). */
export function romanise(text: string, language: "ru" | "uk" | "en"): string {
  const codes = language === "uk" ? UK_CODES : RU_CODES;
  let out = "";
  // Names are in the Basic Multilingual Plane: code units are characters.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x400 || code > 0x4ff) {
      // Ukrainian drops apostrophes; everything else outside Cyrillic is kept as written.
      if (language !== "uk" || (code !== 0x27 && code !== 0x2019)) out += text[i];
      continue;
    }
    const lower = lowerCyrillic(code);
    let latin = codes[lower - 0x400];
    if (latin === undefined) {
      out += text[i];
      continue;
    }
    // Russian "-ый/-ий" endings read as "-y" ("Политотдельский" → "Politotdelsky").
    if (
      language !== "uk" &&
      (lower === 0x44b /* ы */ || lower === 0x438) /* и */ &&
      i + 1 < text.length &&
      lowerCyrillic(text.charCodeAt(i + 1)) === 0x439 /* й */ &&
      !(i + 2 < text.length && isNameLetter(text.charCodeAt(i + 2)))
    ) {
      latin = "y";
      i++;
    }
    // Ukrainian word-initial є ї й ю я are written ye yi y yu ya.
    if (language === "uk" && !(i > 0 && isNameLetter(text.charCodeAt(i - 1)))) latin = UK_INITIAL[String.fromCharCode(lower)] ?? latin;
    out += lower !== code ? capitalise(latin) : latin;
  }
  return out;
}
