// The date words of the language packs (data/lang/<code>/dates.json), compiled for dates.ts.
// As with numbers, a date is read without knowing the language ("в ночь на 5 мая" quoted in an
// English text): the shipped packs' words are compiled together. Word lists hold forms (a final *
// matches any ending); phrase lists are matched anywhere in a sentence, case aside.
import { type DatesFile, shippedPacks } from "./lang/packs.js";
import { WordSet } from "./lexicon.js";
import { normalizeWord } from "./text/tokens.js";

export interface DateWords {
  /** Every form of a month's name → its number (1–12). */
  months: Map<string, number>;
  /** A weekday's forms, Sunday = 0. */
  weekdays: Array<[number, WordSet]>;
  yesterday: WordSet;
  twoDaysAgo: WordSet;
  today: WordSet;
  previousDay: RegExp | null;
  pastDay: RegExp | null;
  ambiguous: RegExp | null;
  thisNight: RegExp | null;
  /** A night named in a sentence that also gives dates ("в ночь с 21 на 22 июля"). */
  night: RegExp | null;
  /** A cheap test before the sentence-wide phrases above. */
  hints: RegExp | null;
  nightWords: WordSet;
  nightInto: WordSet;
  statementVerbs: WordSet;
  /** The word that opens what was said («сообщил, что …»). */
  statementThat: WordSet;
  weekdayNight: WordSet;
  weekdayNightInto: WordSet;
  /** "on Thursday night": the night after the weekday, dated by its morning. */
  weekdayOvernight: WordSet;
  dayTo: WordSet;
  /** The words before a period's first date and between its two dates, as patterns over the text near them. */
  periodFrom: RegExp | null;
  periodTo: RegExp | null;
  /** First three letters of the words each rule needs: a word's class is found without testing every list. */
  monthStarts: Set<string>;
  weekdayStarts: Set<string>;
  hintStarts: Set<string>;
  /** The languages that write weekdays in lower case (their packs' weekdays_lower_case). */
  lowerCaseWeekdays: Set<string>;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const anywhere = (phrases: string[]): RegExp | null =>
  phrases.length ? new RegExp(`(${[...new Set(phrases)].map(escapeRegExp).join("|")})`, "iu") : null;
/** A word of the list standing alone, with a space or the text's edge on both sides (or an opening quote before it: «"З 20:00 …»). */
const asWord = (words: string[]): RegExp | null =>
  words.length ? new RegExp(`(?:^|[\\s"«“„(])(?:${[...new Set(words)].map(escapeRegExp).join("|")})\\s`, "iu") : null;

/** The date words of several packs as one set (`codes`: the packs' languages, in the order of `files`). */
export function compileDateWords(files: DatesFile[], codes: string[] = []): DateWords {
  const all = <K extends keyof DatesFile>(key: K) => files.flatMap((f) => (f[key] ?? []) as string[]);
  const months = new Map<string, number>();
  for (const f of files)
    for (const [month, forms] of Object.entries(f.months ?? {})) for (const w of forms) months.set(normalizeWord(w), Number(month));
  const weekdayForms = new Map<number, string[]>();
  for (const f of files)
    for (const [day, forms] of Object.entries(f.weekdays ?? {}))
      weekdayForms.set(Number(day), [...(weekdayForms.get(Number(day)) ?? []), ...forms]);
  const phrases = ["previous_day", "past_day", "ambiguous", "this_night"] as const;
  const hintStarts = new Set<string>();
  // A hint's longest word, and every longer word of the phrases, stands for it in the pre-test.
  for (const h of all("hints")) hintStarts.add(normalizeWord(h.split(" ").reduce((a, b) => (b.length > a.length ? b : a))).slice(0, 3));
  for (const key of phrases)
    for (const p of all(key)) for (const w of p.split(" ")) if (w.length >= 4) hintStarts.add(normalizeWord(w).slice(0, 3));
  const starts = (forms: string[]) => new Set(forms.map((w) => normalizeWord(w.replace(/\*$/, "")).slice(0, 3)));
  return {
    months,
    weekdays: [...weekdayForms].sort(([a], [b]) => a - b).map(([day, forms]) => [day, new WordSet(forms)]),
    yesterday: new WordSet([...all("yesterday"), ...all("yesterday_adjective")]),
    twoDaysAgo: new WordSet(all("two_days_ago")),
    today: new WordSet(all("today")),
    previousDay: anywhere(all("previous_day")),
    pastDay: anywhere(all("past_day")),
    ambiguous: anywhere(all("ambiguous")),
    thisNight: anywhere(all("this_night")),
    night: anywhere(all("night")),
    hints: anywhere(all("hints")),
    nightWords: new WordSet(files.flatMap((f) => f.night_into?.night ?? [])),
    nightInto: new WordSet(files.flatMap((f) => f.night_into?.into ?? [])),
    statementVerbs: new WordSet(all("statement_verbs")),
    statementThat: new WordSet(all("statement_that")),
    weekdayNight: new WordSet(files.flatMap((f) => f.weekday_night?.after ?? [])),
    weekdayNightInto: new WordSet(files.flatMap((f) => f.weekday_night?.into ?? [])),
    weekdayOvernight: new WordSet(files.flatMap((f) => f.weekday_night?.overnight ?? [])),
    dayTo: new WordSet(all("day_to")),
    periodFrom: asWord(all("period_from")),
    periodTo: asWord(all("period_to")),
    monthStarts: starts([...months.keys()]),
    weekdayStarts: starts([...weekdayForms.values()].flat()),
    hintStarts,
    lowerCaseWeekdays: new Set(codes.filter((_, i) => files[i]?.weekdays_lower_case)),
  };
}

let shipped: DateWords | undefined;

/** The shipped packs' date words, compiled once. */
export function shippedDateWords(): DateWords {
  const packs = [...shippedPacks().values()];
  shipped ??= compileDateWords(
    packs.map((p) => p.dates),
    packs.map((p) => p.code),
  );
  return shipped;
}
