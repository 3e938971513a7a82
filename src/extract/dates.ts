// Resolves the date a sentence speaks of against the publication date: explicit dates
// ("July 21", "21 июля 2024", "20 листопада"), nights ("в ночь на 22 июля" is the 22nd,
// "overnight into Friday"), weekdays, "yesterday/накануне/вчора", "today/сегодня/сьогодні".
import * as chrono from "chrono-node";
import type { LanguageCode } from "../model/incident.js";
import type { Token } from "./text/tokens.js";

// The forms of each month only: a stem alone would take villages for months (Берёзка, Мартыновка, Серпухов, Жовті Води).
const MONTHS: Array<[number, RegExp]> = [
  [1, /^(january|jan|январ(ь|я|е|ю|ем|ём)|січ(ень|ня|ні|нем|ню))$/u],
  [2, /^(february|feb|феврал(ь|я|е|ю|ем|ём)|лют(ий|ого|ому|им|ім))$/u],
  [3, /^(march|mar|март(а|е|у|ом)?|берез(ень|ня|ні|нем|ню))$/u],
  [4, /^(april|apr|апрел(ь|я|е|ю|ем|ём)|квіт(ень|ня|ні|нем|ню))$/u],
  [5, /^(may|ма[йяю]|маем|травн(я|і|ю|ем)|травень)$/u],
  [6, /^(june|jun|июн(ь|я|е|ю|ем|ём)|червн(я|і|ю|ем)|червень)$/u],
  [7, /^(july|jul|июл(ь|я|е|ю|ем|ём)|липн(я|і|ю|ем)|липень)$/u],
  [8, /^(august|aug|август(а|е|у|ом)?|серп(ень|ня|ні|нем|ню))$/u],
  [9, /^(september|sept|sep|сентябр(ь|я|е|ю|ем|ём)|верес(ень|ня|ні|нем|ню))$/u],
  [10, /^(october|oct|октябр(ь|я|е|ю|ем|ём)|жовт(ень|ня|ні|нем|ню))$/u],
  [11, /^(november|nov|ноябр(ь|я|е|ю|ем|ём)|листопад(а|і|у|ом)?)$/u],
  [12, /^(december|dec|декабр(ь|я|е|ю|ем|ём)|груд(ень|ня|ні|нем|ню))$/u],
];

const WEEKDAYS: Array<[number, RegExp]> = [
  [0, /^(sunday|воскресень\p{L}*|неділ\p{L}*)$/u],
  [1, /^(monday|понедельник\p{L}*|понеділ\p{L}*)$/u],
  [2, /^(tuesday|вторник\p{L}*|вівтор\p{L}*)$/u],
  [3, /^(wednesday|сред[ау]|середу|середа)$/u],
  [4, /^(thursday|четверг\p{L}*|четвер|четверга|четвергу|четвером|четверг)$/u],
  [5, /^(friday|пятниц\p{L}*|п'ятниц\p{L}*)$/u],
  [6, /^(saturday|суббот\p{L}*|субот\p{L}*)$/u],
];

const YESTERDAY = new Set(["yesterday", "вчера", "накануне", "вчора", "учора", "напередодні", "позавчера", "позавчора"]);
/** "внаслідок учорашнього удару", "вчерашняя атака", "yesterday's strike": the adjective of yesterday. */
const YESTERDAYS = /^(вчерашн|учорашн|вчорашн|yesterday['’]s$)/u;
const isYesterday = (lower: string) => YESTERDAY.has(lower) || YESTERDAYS.test(lower);
const TODAY = new Set(["today", "tonight", "overnight", "сегодня", "сьогодні", "ночью", "вночі", "уночі", "утром", "вранці", "зранку"]);
const WEEKDAY_STARTS = new Set([
  "sun",
  "mon",
  "tue",
  "wed",
  "thu",
  "fri",
  "sat",
  "вос",
  "пон",
  "вто",
  "вів",
  "сре",
  "сер",
  "чет",
  "пят",
  "п'я",
  "суб",
  "нед",
]);
/** First letters of the words the sentence-wide patterns below need (a cheap pre-test). */
const HINT_STARTS = new Set([
  "nig",
  "mor",
  "eve",
  "ove",
  "day",
  "pas",
  "las",
  "сут",
  "ear",
  "ноч",
  "ніч",
  "доб",
  "ран",
  "раз",
  "дне",
  "днё",
  "ден",
  "утр",
  "веч",
]);
/** Cheap test before the sentence-wide patterns below. */
const RELATIVE_HINT = /night|earlier|day|morning|evening|hours|ноч|ніч|ранее|раніше|днем|днём|утр|вечер|вечор|за день|доб|сутк|суток/iu;
const PREVIOUS_DAY = /(the previous day|the day before|днем ранее|днём ранее|за день до этого)/iu;
/** "Минулої доби", "за прошедшие сутки", "over the past day": a morning summary's previous calendar day (guide). */
const PAST_DAY =
  /(минулої доби|минулу добу|попередньої доби|попередню добу|протягом доби|упродовж доби|впродовж доби|за добу|предыдущих суток|предыдущие сутки|минувших суток|прошедших суток|минувшие сутки|прошедшие сутки|за сутки|past day|past 24 hours|last 24 hours)/iu;
const AMBIGUOUS = /(a day earlier|днем ранее|днём ранее|днем раніше|днём раньше)/iu;
const THIS_NIGHT =
  /(this past night|last night|this morning|this evening|этой ночью|минувшей ночью|прошедшей ночью|сегодня ночью|цієї ночі|минулої ночі|минувшей ночи|за минувшую ночь|за прошедшую ночь|у ніч на|в ночь на|overnight)/iu;

const MONTH_STARTS = new Set([
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
  "янв",
  "фев",
  "мар",
  "апр",
  "май",
  "мая",
  "маю",
  "июн",
  "июл",
  "авг",
  "сен",
  "окт",
  "ноя",
  "дек",
  "січ",
  "лют",
  "бер",
  "кві",
  "тра",
  "чер",
  "лип",
  "сер",
  "вер",
  "жов",
  "лис",
  "гру",
]);

export function monthOf(lower: string): number | undefined {
  if (!MONTH_STARTS.has(lower.slice(0, 3))) return undefined;
  for (const [m, re] of MONTHS) if (re.test(lower)) return m;
  return undefined;
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
  start: number;
  end: number;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parseIso = (s: string) => new Date(`${s}T12:00:00Z`);
const shifted = new Map<string, string>();
const addDays = (s: string, n: number) => {
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

/** Which date rules a word can feed (cached per word). */
function dateClass(t: Token): number {
  const info = t.info;
  if (info.dateClass !== undefined) return info.dateClass;
  let c = 0;
  if (t.digits) c |= DIGITS;
  else {
    if (MONTH_STARTS.has(t.prefix3) && monthOf(t.lower) !== undefined) c |= MONTH;
    if (WEEKDAY_STARTS.has(t.prefix3)) c |= WEEKDAY;
    if (HINT_STARTS.has(t.prefix3)) c |= HINT;
    if (isYesterday(t.lower) || TODAY.has(t.lower)) c |= DAY_WORD;
  }
  info.dateClass = c;
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
): DateCue | undefined {
  // One pass over the words tells which of the rules below can apply at all.
  let flags = 0;
  for (const t of tokens) flags |= dateClass(t);
  if (flags === 0) return undefined;
  const explicit = flags & MONTH ? findExplicitDates(tokens, published) : [];
  if (explicit.length) {
    // "в ночь с 21 на 22 июля", "overnight into February 8": the later date is the morning's.
    const night = /(ночь|ночи|ніч|ночі|night|overnight)/iu.test(sentence);
    const window = periodOf(sentence, explicit, sentenceStart);
    // "с 9:00 7 февраля до 7:00 8 февраля": a period over two dates has no one date (guide), unless
    // it is a night ("с 23:05 7 сентября до 03:00 8 сентября"): then the morning's.
    if (window) return night || window.overnight ? window.to : { ...window.to, date: null, basis: "ambiguous" };
    return night ? (nightOf(tokens, explicit) ?? explicit[explicit.length - 1]) : explicit[0];
  }
  const hinted = (flags & HINT) !== 0 && RELATIVE_HINT.test(sentence);
  if (hinted && AMBIGUOUS.test(sentence)) {
    return { date: null, basis: "ambiguous", start: sentenceStart, end: sentenceStart };
  }
  // "said Saturday", "заявил в понедельник": the day of the statement, not of the attack; it is
  // used only when the sentence says nothing else (it is still nearer than the publication date).
  let statementDay: DateCue | undefined;
  for (let i = 0; i < tokens.length && flags & WEEKDAY; i++) {
    const t = tokens[i];
    if (!WEEKDAY_STARTS.has(t.prefix3)) continue;
    const before = tokens.slice(Math.max(0, i - 2), i).map((x) => x.lower);
    const said = before.some((w) =>
      /^(said|says|announced|reported|told|заявил\p{L}*|сообщил\p{L}*|заявив|повідомив|повідомила)$/u.test(w),
    );
    // "on Wednesday night into Thursday": the night's morning is the day after "into".
    if (/^(night|evening)$/.test(tokens[i + 1]?.lower ?? "") && /^(into|to)$/.test(tokens[i + 2]?.lower ?? "")) continue;
    // "in Tuesday's attack": the possessive names the day too.
    const word = t.lower.replace(/['’]s$/u, "");
    for (const [weekday, re] of WEEKDAYS) {
      if (!re.test(word)) continue;
      const cue: DateCue = { date: published ? lastWeekday(weekday, published) : null, basis: "relative", start: t.start, end: t.end };
      if (!said) return cue;
      statementDay ??= cue;
    }
  }
  const prevDay = hinted ? (sentence.match(PREVIOUS_DAY) ?? sentence.match(PAST_DAY)) : null;
  if (prevDay) return relative(published, -1, sentenceStart + (prevDay.index ?? 0), prevDay[0].length);
  for (const t of tokens) {
    if (isYesterday(t.lower)) return relative(published, /^позавчор|^позавчер/.test(t.lower) ? -2 : -1, t.start, t.text.length);
  }
  // "overnight" and "today" are counted from the day of the statement when the sentence names it.
  const night = hinted ? sentence.match(THIS_NIGHT) : null;
  if (night) return statementDay ?? relative(published, 0, sentenceStart + (night.index ?? 0), night[0].length);
  for (const t of tokens) if (TODAY.has(t.lower)) return statementDay ?? relative(published, 0, t.start, t.text.length);
  return (flags & DIGITS ? findNumericDate(sentence, sentenceStart, published, language) : undefined) ?? statementDay;
}

const PERIOD_START = /(?:^|\s)(?:с|со|з|із|from|between|між|в период с|у період з)\s/iu;
const PERIOD_END = /(?:^|\s)(?:до|по|to|and|та|і|until|till)\s/iu;
const CLOCK = /(\d{1,2})[:.](\d{2})|(\d{1,2})\s*(a\.?m\.?|p\.?m\.?)/iu;

/** Two different dates as the ends of one period ("с 9:00 7 февраля до 7:00 8 февраля"); overnight when it runs from evening to morning. */
function periodOf(sentence: string, explicit: DateCue[], sentenceStart: number): { to: DateCue; overnight: boolean } | null {
  if (explicit.length < 2 || !explicit[0].date || !explicit[1].date || explicit[0].date === explicit[1].date) return null;
  const before = sentence.slice(0, explicit[0].start - sentenceStart);
  const between = sentence.slice(explicit[0].end - sentenceStart, explicit[1].start - sentenceStart);
  if (!PERIOD_START.test(before.slice(-40)) || !PERIOD_END.test(between) || between.length > 40) return null;
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
function nightOf(tokens: Token[], explicit: DateCue[]): DateCue | undefined {
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!/^(ночь|ніч|night|overnight)$/u.test(tokens[i].lower) || !/^(на|проти|into|to|of)$/u.test(tokens[i + 1].lower)) continue;
    const after = tokens[i + 1].end;
    const next = explicit.find((d) => d.start >= after);
    // ("the night of May 1-2": the night leads into the second day.)
    const second = next && explicit.find((d) => d.start > next.end && d.start - next.end <= 4);
    if (next && next.start - after <= 2) return second ?? next;
  }
  return undefined;
}

function relative(published: string | null, days: number, start: number, length: number): DateCue {
  return { date: published ? addDays(published, days) : null, basis: "relative", start, end: start + length };
}

/** "21 июля [2024 года]", "July 21[, 2024]", "20 листопада". */
function findExplicitDates(tokens: Token[], published: string | null): DateCue[] {
  const out: DateCue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!MONTH_STARTS.has(tokens[i].prefix3)) continue;
    const month = monthOf(tokens[i].lower);
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
    const to = last === i + 1 && /^(to|into)$/.test(tokens[last + 1]?.lower ?? "") ? tokens[last + 2] : tokens[last + 1];
    const days: Array<[number, Token, Token]> = [[day, tokens[first], tokens[last]]];
    if (last === i + 1 && to?.digits && to.text.length <= 2 && validDay(Number(to.text)) && Number(to.text) > day)
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
