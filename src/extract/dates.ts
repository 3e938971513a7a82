// Resolves the date a sentence speaks of against the publication date: explicit dates
// ("July 21", "21 июля 2024", "20 листопада"), nights ("в ночь на 22 июля" is the 22nd,
// "overnight into Friday"), weekdays, "yesterday/накануне/вчора", "today/сегодня/сьогодні".
import * as chrono from "chrono-node";
import type { LanguageCode } from "../model/incident.js";
import { type DateWords, shippedDateWords } from "./date-words.js";
import type { Token } from "./text/tokens.js";

/** The month a word names (every form of the name is listed in the packs' dates.json), or undefined. */
export function monthOf(lower: string, words: DateWords = shippedDateWords()): number | undefined {
  if (!words.monthStarts.has(lower.slice(0, 3))) return undefined;
  return words.months.get(lower);
}

export function isMonthWord(lower: string): boolean {
  return monthOf(lower) !== undefined;
}

export interface DateCue {
  /** YYYY-MM-DD, or null when the cue names a day but the year cannot be known. */
  date: string | null;
  /** How the date was found. "partial": month and day without a year (no publication date). */
  basis: "explicit" | "relative" | "partial" | "ambiguous";
  /** Month-day when basis is partial. */
  partial?: string;
  /** Where the statement verb of a sentence giving a date stands («Утром 24 сентября глава прокомментировал …»): maybe the report's day. */
  statementAt?: number;
  /** "Over the past day", «за сутки»: the day a summary sums up. */
  pastDay?: boolean;
  start: number;
  end: number;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parseIso = (s: string) => new Date(`${s}T12:00:00Z`);
const shifted = new Map<string, string>();
export const addDays = (s: string, n: number): string => {
  if (n === 0) return s;
  const key = `${s}${n}`;
  let out = shifted.get(key);
  if (out === undefined) {
    const d = parseIso(s);
    d.setUTCDate(d.getUTCDate() + n);
    out = iso(d);
    if (shifted.size > 10_000) shifted.clear();
    shifted.set(key, out);
  }
  return out;
};

/** The year for a month-day so that the date is not after the publication date (+1 day slack). */
const yearMemo = new Map<string, string>();
function withYear(month: number, day: number, published: string): string {
  const key = `${published}${month}/${day}`;
  let out = yearMemo.get(key);
  if (out === undefined) {
    out = computeWithYear(month, day, published);
    if (yearMemo.size > 10_000) yearMemo.clear();
    yearMemo.set(key, out);
  }
  return out;
}

function computeWithYear(month: number, day: number, published: string): string {
  const pub = parseIso(published);
  let year = pub.getUTCFullYear();
  const candidate = () => `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (candidate() > addDays(published, 1)) year--;
  return candidate();
}

function validDay(day: number): boolean {
  return day >= 1 && day <= 31;
}

/** The most recent given weekday on or before the publication date. */
function lastWeekday(weekday: number, published: string): string {
  const d = parseIso(published);
  const diff = (d.getUTCDay() - weekday + 7) % 7;
  d.setUTCDate(d.getUTCDate() - diff);
  return iso(d);
}

const MONTH = 1;
const WEEKDAY = 2;
const HINT = 4;
const DAY_WORD = 8;
const DIGITS = 16;

/** Which date rules a word can feed (cached per word for the shipped packs' words). */
function dateClass(t: Token, words: DateWords): number {
  const cached = words === shippedDateWords();
  if (cached && t.info.dateClass !== undefined) return t.info.dateClass;
  let c = 0;
  if (t.digits) c |= DIGITS;
  else {
    if (monthOf(t.lower, words) !== undefined) c |= MONTH;
    if (words.weekdayStarts.has(t.prefix3)) c |= WEEKDAY;
    if (words.hintStarts.has(t.prefix3)) c |= HINT;
    if (words.yesterday.has(t.lower) || words.today.has(t.lower)) c |= DAY_WORD;
  }
  if (cached) t.info.dateClass = c;
  return c;
}

/**
 * The date cue of one sentence, or undefined when it has none. Tokens are the sentence's,
 * with offsets into the whole text.
 */
export function findDateCue(
  tokens: Token[],
  sentence: string,
  sentenceStart: number,
  published: string | null,
  language: LanguageCode,
  words: DateWords = shippedDateWords(),
): DateCue | undefined {
  // One pass over the words tells which of the rules below can apply at all.
  let flags = 0;
  for (const t of tokens) flags |= dateClass(t, words);
  if (flags === 0) return undefined;
  const explicit = flags & MONTH ? findExplicitDates(tokens, sentence, sentenceStart, published, words) : [];
  if (explicit.length) {
    // "в ночь с 21 на 22 июля", "overnight into February 8": the later date is the morning's.
    const night = words.night?.test(sentence) ?? false;
    const window = periodOf(sentence, explicit, sentenceStart, words);
    // "с 9:00 7 февраля до 7:00 8 февраля": a period over two dates has no one date (guide), unless
    // it is a night ("с 23:05 7 сентября до 03:00 8 сентября"): then the morning's.
    if (window) return night || window.overnight ? window.to : { ...window.to, date: null, basis: "ambiguous" };
    if (night) return nightOf(tokens, explicit, words) ?? explicit[explicit.length - 1];
    const statement = tokens.find((t) => words.statementVerbs.has(t.lower));
    return (
      pastDayOfReport(tokens, sentence, explicit[0], words) ?? (statement ? { ...explicit[0], statementAt: statement.start } : explicit[0])
    );
  }
  const hinted = (flags & HINT) !== 0 && (words.hints?.test(sentence) ?? false);
  if (hinted && words.ambiguous?.test(sentence)) {
    return { date: null, basis: "ambiguous", start: sentenceStart, end: sentenceStart };
  }
  // "said Saturday", "заявил в понедельник": the day of the statement, not of the attack; it is
  // used only when the sentence says nothing else (it is still nearer than the publication date).
  let statementDay: DateCue | undefined;
  for (let i = 0; i < tokens.length && flags & WEEKDAY; i++) {
    const t = tokens[i];
    if (!words.weekdayStarts.has(t.prefix3)) continue;
    // (Where weekdays are written in lower case, a capitalised one inside a sentence is a name: «сёла Муром и Середа».)
    if (t.capital && i > 0 && words.lowerCaseWeekdays.has(language)) continue;
    const before = tokens.slice(Math.max(0, i - 2), i).map((x) => x.lower);
    const said = before.some((w) => words.statementVerbs.has(w));
    // "on Wednesday night into Thursday": the night's morning is the day after "into".
    if (words.weekdayNight.has(tokens[i + 1]?.lower ?? "") && words.weekdayNightInto.has(tokens[i + 2]?.lower ?? "")) continue;
    // "in Tuesday's attack": the possessive names the day too.
    const word = t.lower.replace(/['’]s$/u, "");
    for (const [weekday, forms] of words.weekdays) {
      if (!forms.has(word)) continue;
      let date = published ? lastWeekday(weekday, published) : null;
      // "on Thursday night": an overnight attack takes the morning's date (guide), not after the report's.
      if (date && published && words.weekdayOvernight.has(tokens[i + 1]?.lower ?? "")) {
        const morning = addDays(date, 1);
        if (morning <= published) date = morning;
      }
      const cue: DateCue = { date, basis: "relative", start: t.start, end: t.end };
      if (!said) return cue;
      statementDay ??= cue;
    }
  }
  const prevDay = hinted ? matchOf(words.previousDay, sentence) : null;
  if (prevDay) return relative(published, -1, sentenceStart + (prevDay.index ?? 0), prevDay[0].length);
  const pastDay = hinted ? matchOf(words.pastDay, sentence) : null;
  if (pastDay) return { ...relative(published, -1, sentenceStart + (pastDay.index ?? 0), pastDay[0].length), pastDay: true };
  if (words.yesterday.has(tokens[0]?.lower ?? "") && reportOpens(tokens, words))
    return { date: null, basis: "ambiguous", start: tokens[0].start, end: tokens[0].end };
  for (const t of tokens) {
    if (words.yesterday.has(t.lower)) return relative(published, words.twoDaysAgo.has(t.lower) ? -2 : -1, t.start, t.text.length);
  }
  // "overnight" and "today" are counted from the day of the statement when the sentence names it.
  const night = hinted ? matchOf(words.thisNight, sentence) : null;
  if (night) return statementDay ?? relative(published, 0, sentenceStart + (night.index ?? 0), night[0].length);
  for (const t of tokens) if (words.today.has(t.lower)) return statementDay ?? relative(published, 0, t.start, t.text.length);
  return (flags & DIGITS ? findNumericDate(sentence, sentenceStart, published, language) : undefined) ?? statementDay;
}

/** What follows an hour's figure ("5 a.m.", "5:30"). */
const CLOCK_AFTER = /^\s*(?:[ap]\.?m\b|[:.]\d{2})/iu;
const CLOCK = /(\d{1,2})[:.](\d{2})|(\d{1,2})\s*(a\.?m\.?|p\.?m\.?)/iu;

/** Two different dates as the ends of one period ("с 9:00 7 февраля до 7:00 8 февраля"); overnight when it runs from evening to morning. */
function periodOf(
  sentence: string,
  explicit: DateCue[],
  sentenceStart: number,
  words: DateWords,
): { to: DateCue; overnight: boolean } | null {
  if (explicit.length < 2 || !explicit[0].date || !explicit[1].date || explicit[0].date === explicit[1].date) return null;
  const before = sentence.slice(0, explicit[0].start - sentenceStart);
  const between = sentence.slice(explicit[0].end - sentenceStart, explicit[1].start - sentenceStart);
  if (!words.periodFrom?.test(before.slice(-40)) || !words.periodTo?.test(between) || between.length > 40) return null;
  const hour = (part: string) => {
    const m = part.match(CLOCK);
    if (!m) return null;
    const h = Number(m[1] ?? m[3]);
    return m[4] && /p/i.test(m[4]) && h < 12 ? h + 12 : h;
  };
  const from = hour(before.slice(-25));
  const to = hour(between);
  return { to: explicit[1], overnight: from !== null && to !== null && from >= 16 && to <= 10 };
}

/**
 * "У ніч на 25 жовтня (з 18:00 24 жовтня)", "в ночь на 22 июля", "overnight into February 8":
 * the date the night leads into, whatever else the sentence dates.
 */
function nightOf(tokens: Token[], explicit: DateCue[], words: DateWords): DateCue | undefined {
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!words.nightWords.has(tokens[i].lower) || !words.nightInto.has(tokens[i + 1].lower)) continue;
    const after = tokens[i + 1].end;
    const next = explicit.find((d) => d.start >= after);
    // ("the night of May 1-2": the night leads into the second day.)
    const second = next && explicit.find((d) => d.start > next.end && d.start - next.end <= 4);
    if (next && next.start - after <= 2) return second ?? next;
  }
  return undefined;
}

/**
 * "attacks over the past day …, officials reported early on Jan. 4", «за добу …, повідомив 5 жовтня»: the date
 * is the report's, not the attack's (guide: dates), and the past day it sums up is the day before it.
 */
function pastDayOfReport(tokens: Token[], sentence: string, cue: DateCue, words: DateWords): DateCue | undefined {
  if (!cue.date || !words.pastDay?.test(sentence)) return undefined;
  const at = tokens.findIndex((t) => t.start === cue.start);
  if (at < 0 || !tokens.slice(Math.max(0, at - 3), at).some((t) => words.statementVerbs.has(t.lower))) return undefined;
  return { ...cue, date: addDays(cue.date, -1), basis: "relative" };
}

/**
 * «Накануне Хинштейн сообщил, что дрон атаковал …»: the opening day word dates the report, told with
 * what was said; the attack's own day is not told (guide: dates).
 */
function reportOpens(tokens: Token[], words: DateWords): boolean {
  const verb = tokens.slice(1, 5).findIndex((t) => words.statementVerbs.has(t.lower));
  return verb >= 0 && words.statementThat.has(tokens[verb + 2]?.lower ?? "");
}

const matchOf = (pattern: RegExp | null, sentence: string) => (pattern ? sentence.match(pattern) : null);

function relative(published: string | null, days: number, start: number, length: number): DateCue {
  return { date: published ? addDays(published, days) : null, basis: "relative", start, end: start + length };
}

/** "21 июля [2024 года]", "July 21[, 2024]", "20 листопада". */
function findExplicitDates(
  tokens: Token[],
  sentence: string,
  sentenceStart: number,
  published: string | null,
  words: DateWords,
): DateCue[] {
  const out: DateCue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const month = monthOf(tokens[i].lower, words);
    if (month === undefined) continue;
    // "May" is also a modal verb; require a day number next to it.
    let day: number | undefined;
    let first = i;
    let last = i;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (prev?.digits && validDay(Number(prev.text))) {
      day = Number(prev.text);
      first = i - 1;
    } else if (next?.digits && validDay(Number(next.text)) && next.text.length <= 2) {
      day = Number(next.text);
      last = i + 1;
    }
    if (day === undefined) continue;
    let year: number | undefined;
    const after = tokens[last + 1];
    if (after?.digits && after.text.length === 4) {
      year = Number(after.text);
      last++;
    }
    // "the night of May 1-2", "May 1 to 2": the second day is a date too (the night's morning, told after the first).
    const to = last === i + 1 && words.dayTo.has(tokens[last + 1]?.lower ?? "") ? tokens[last + 2] : tokens[last + 1];
    const days: Array<[number, Token, Token]> = [[day, tokens[first], tokens[last]]];
    // ("from 9 p.m. on April 2 to 5 a.m. on April 3": an hour, not a second day.)
    const hour = to && CLOCK_AFTER.test(sentence.slice(to.end - sentenceStart, to.end - sentenceStart + 6));
    if (last === i + 1 && to?.digits && !hour && to.text.length <= 2 && validDay(Number(to.text)) && Number(to.text) > day)
      days.push([Number(to.text), to, to]);
    for (const [d, a, b] of days) {
      const mmdd = `${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
      const span = { start: a.start, end: b.end };
      if (year) out.push({ date: `${year}-${mmdd}`, basis: "explicit", ...span });
      else if (published) out.push({ date: withYear(month, d, published), basis: "explicit", ...span });
      else out.push({ date: null, basis: "partial", partial: mmdd, ...span });
    }
  }
  return out;
}

/** Numeric dates ("21.07.2024", "2024-07-21") through chrono-node, which knows these formats. */
function findNumericDate(sentence: string, sentenceStart: number, published: string | null, language: LanguageCode): DateCue | undefined {
  if (!/\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}/.test(sentence)) return undefined;
  const parser = language === "ru" ? chrono.ru : language === "uk" ? chrono.uk : chrono.en;
  const ref = published ? parseIso(published) : new Date();
  const results = (parser ?? chrono).parse(sentence, ref);
  for (const r of results) {
    if (!r.start.isCertain("day") || !r.start.isCertain("month")) continue;
    if (!r.start.isCertain("year") && !published) continue;
    const date = iso(new Date(Date.UTC(r.start.get("year") ?? 0, (r.start.get("month") ?? 1) - 1, r.start.get("day") ?? 1, 12)));
    return { date, basis: "explicit", start: sentenceStart + r.index, end: sentenceStart + r.index + r.text.length };
  }
  return undefined;
}
