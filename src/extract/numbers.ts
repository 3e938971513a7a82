// Numbers written in digits or words (EN/RU/UK, any case form), with the qualifier in front
// ("more than six", "не менее 8", "понад 20") and a note of what they are not (dates, times).
import { isMonthWord } from "./dates.js";
import { shippedPacks } from "./lang/packs.js";
import { PhraseSet, WordSet } from "./lexicon.js";
import type { Token } from "./text/tokens.js";

export type Qualifier = "exact" | "at_least" | "more_than" | "about";

export interface NumberMention {
  value: number;
  qualifier: Qualifier;
  /** Token indexes [first, last] of the number itself (qualifier excluded). */
  first: number;
  last: number;
  /** Part of a date, a time, a year or a label ("№2", "Shahed-136"): not a count. */
  notACount: boolean;
}

interface NumberWords {
  values: Map<string, number>;
  scales: Map<string, number>;
  qualifiers: PhraseSet<Exclude<Qualifier, "exact">>;
  /** Every pack's units_after: after a figure, it is no count. */
  units: WordSet;
  /** Every pack's case_suffixes: "52-ма", "3-х" are one figure. */
  caseSuffixes: WordSet;
  /** Every pack's range_to: "5 to 7", «от 5 до 7» are one figure. */
  rangeTo: WordSet;
  /** Every pack's range_between / range_and: "between 2 and 5" is one figure ("and" only after "between"). */
  rangeBetween: WordSet;
  rangeAnd: WordSet;
}

let words: NumberWords | undefined;
function numberWords(): NumberWords {
  if (words) return words;
  // Numbers are read without knowing the language ("5 дронов" in an English text): every pack's words at once.
  const values = new Map<string, number>();
  const scales = new Map<string, number>();
  const qualifiers: Record<Exclude<Qualifier, "exact">, string[]> = { more_than: [], at_least: [], about: [] };
  const units: string[] = [];
  const caseSuffixes: string[] = [];
  const rangeTo: string[] = [];
  const rangeBetween: string[] = [];
  const rangeAnd: string[] = [];
  for (const { numbers } of shippedPacks().values()) {
    units.push(...(numbers.units_after ?? []));
    caseSuffixes.push(...(numbers.case_suffixes ?? []));
    rangeTo.push(...(numbers.range_to ?? []));
    rangeBetween.push(...(numbers.range_between ?? []));
    rangeAnd.push(...(numbers.range_and ?? []));
    for (const [v, list] of Object.entries(numbers.values)) for (const w of list) values.set(w.replace(/ё/g, "е"), Number(v));
    for (const [v, list] of Object.entries(numbers.scales)) for (const w of list) scales.set(w, Number(v));
    for (const q of Object.keys(qualifiers) as Array<keyof typeof qualifiers>)
      for (const w of numbers.qualifiers[q] ?? []) if (!qualifiers[q].includes(w)) qualifiers[q].push(w);
  }
  words = {
    values,
    scales,
    qualifiers: PhraseSet.labelled(qualifiers),
    units: new WordSet(units),
    caseSuffixes: new WordSet(caseSuffixes),
    rangeTo: new WordSet(rangeTo),
    rangeBetween: new WordSet(rangeBetween),
    rangeAnd: new WordSet(rangeAnd),
  };
  return words;
}

/** The value of one word ("двух" → 2, "twenty-nine" → 29, "п'ятьох" → 5), or undefined. */
export function wordValue(lower: string): number | undefined {
  const { values } = numberWords();
  const direct = values.get(lower);
  if (direct !== undefined) return direct;
  if (lower.includes("-")) {
    const parts = lower.split("-").map((p) => values.get(p));
    if (parts.length === 2 && parts[0] !== undefined && parts[1] !== undefined && parts[0] >= 20 && parts[1] < 10) {
      return parts[0] + parts[1];
    }
  }
  return undefined;
}

function cachedWordValue(t: Token): number | undefined {
  if (t.info.numberValue === undefined) t.info.numberValue = wordValue(t.lower) ?? null;
  return t.info.numberValue ?? undefined;
}

/** Above this, a number counts no drones, missiles or people. */
const MAX_COUNT = 1_000_000;

function digitsValue(text: string): number {
  return Number(text.replace(/[\s\u00a0,.]/g, ""));
}

/** Numbers in tokens; offsets of tokens are offsets into text. */
export function findNumbers(tokens: Token[], text: string): NumberMention[] {
  const { scales, qualifiers, caseSuffixes } = numberWords();
  const out: NumberMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    let value: number | undefined = t.digits ? digitsValue(t.text) : cachedWordValue(t);
    if (value === undefined) continue;
    // "one" and "один" are too often not numbers ("one of the attacks"); keep them, callers decide.
    let last = i;
    // Compose "двадцать девять", "сто двадцать", "twenty nine", "two hundred", "1,5 тыс".
    while (last + 1 < tokens.length) {
      const next = tokens[last + 1];
      const gap = text.slice(tokens[last].end, next.start);
      if (gap.trim() !== "" && gap.trim() !== "-") break;
      const scale = scales.get(next.lower);
      if (scale) {
        value *= scale;
        last++;
        continue;
      }
      const nv = next.digits ? undefined : cachedWordValue(next);
      if (nv !== undefined && nv < value && String(nv).length < String(value).length && value % 10 === 0) {
        value += nv;
        last++;
        continue;
      }
      break;
    }
    // "52-ма ударними БпЛА", "3-х ракет", "5-ти дронів": a case ending glued to the figure is part of it (the packs' case_suffixes; not an ordinal's "1-го").
    const suffix = tokens[last + 1];
    if (t.digits && last === i && suffix && text.slice(t.end, suffix.start) === "-" && caseSuffixes.has(suffix.lower)) last++;
    // "5-7 drones", "5 to 7", «от 5 до 7 беспилотников»: a range is one figure, its lower end at least.
    const upper = rangeEnd(tokens, text, i, last, value);
    if (upper !== undefined && !isNotACount(tokens, i, last, text)) last = upper;
    let qualifier: Qualifier = upper !== undefined && last === upper ? "at_least" : "exact";
    // ("more than a dozen", "about a hundred": the qualifier before the article.)
    const end = tokens[i - 1]?.lower === "a" && !t.digits ? i - 2 : i - 1;
    for (let back = 1; back <= 3 && end + 1 - back >= 0; back++) {
      const q = qualifiers.matchAt(tokens, end + 1 - back);
      if (q && q.last === end) {
        qualifier = q.label;
        break;
      }
    }
    // A figure no report counts munitions or people in (a phone number, an amount of money, a typo).
    const implausible = !Number.isSafeInteger(value) || value > MAX_COUNT;
    out.push({ value, qualifier, first: i, last, notACount: implausible || isNotACount(tokens, i, last, text) });
    i = last;
  }
  return out;
}

/** The last token of a range's upper figure after the figure ending at `last` ("-7", "to 7", «до 7»), or undefined. */
function rangeEnd(tokens: Token[], text: string, first: number, last: number, value: number): number | undefined {
  const { rangeTo, rangeBetween, rangeAnd } = numberWords();
  let k = last + 1;
  const dash = tokens[k] ? text.slice(tokens[last].end, tokens[k].start).trim() : "";
  const between = first > 0 && rangeBetween.has(tokens[first - 1].lower);
  if (tokens[k] && dash === "" && (rangeTo.has(tokens[k].lower) || (between && rangeAnd.has(tokens[k].lower)))) k++;
  else if (!(dash === "-" || dash === "\u2013" || dash === "\u2014") || !tokens[last].digits) return undefined;
  const next = tokens[k];
  if (!next || text.slice(tokens[k - 1].end, next.start).trim() !== (k === last + 1 ? dash : "")) return undefined;
  const upper = next.digits ? digitsValue(next.text) : cachedWordValue(next);
  // (Both in digits or both in words; the upper above the lower: "Су-34", "1-го" are no ranges.)
  if (upper === undefined || next.digits !== tokens[last].digits || upper <= value) return undefined;
  return k;
}

function isNotACount(tokens: Token[], first: number, last: number, text: string): boolean {
  const t = tokens[first];
  const before = text.slice(Math.max(0, t.start - 3), t.start);
  const after = text.slice(tokens[last].end, tokens[last].end + 2);
  if (/(\d:|[№#]\s?)$/.test(before) || (t.digits && (/^[:.]\d/.test(after) || /^:\d/.test(after)))) return true; // 16:00, №2
  if (/[-/]$/.test(before) && !/\s/.test(before)) return true; // Shahed-136/131
  if (/^-\p{L}/u.test(after)) return true; // 67-річний, 65-year-old: an age, not a count
  if (t.digits && t.text.length === 4 && Number(t.text) >= 1900 && Number(t.text) <= 2100) return true; // a year
  const next = tokens[last + 1];
  const prev = tokens[first - 1];
  if (next && isMonthWord(next.lower)) return true; // 8 February
  const afterNext = tokens[last + 2];
  if (afterNext?.digits && tokens[last + 3] && isMonthWord(tokens[last + 3].lower)) return true; // с 21 на 22 июля
  if (prev && isMonthWord(prev.lower) && t.digits) return true; // February 8
  // "8 km", "3 hours", «2 года»: a unit after it (the packs' units_after).
  if (next && numberWords().units.has(next.lower)) return true;
  return false;
}
