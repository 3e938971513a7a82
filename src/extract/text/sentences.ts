// Splits a report into sentences that keep their offsets in the original text.
// A hand-written splitter rather than Intl.Segmenter: it is several times faster, and
// reports need only a few rules (abbreviations, initials, line breaks as hard breaks).

export interface Sentence {
  text: string;
  start: number;
  end: number;
  /** Index of the paragraph (block separated by a blank line or a line break). */
  paragraph: number;
}

const ABBREVIATIONS = new Set([
  "gov",
  "govt",
  "gen",
  "lt",
  "col",
  "maj",
  "capt",
  "sgt",
  "mr",
  "mrs",
  "ms",
  "dr",
  "st",
  "no",
  "vs",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "approx",
  "est",
  "u.s",
  "e.g",
  "i.e",
  "г",
  "гг",
  "обл",
  "ул",
  "им",
  "с",
  "п",
  "пгт",
  "д",
  "р-н",
  "тыс",
  "млн",
  "млрд",
  "руб",
  "грн",
  "см",
  "т.е",
  "т.д",
  "т.п",
  "т.к",
  "др",
  "пр",
  "м",
  "вул",
  "смт",
  "ім",
  "р",
  "див",
]);

// Also a stop glued to the next sentence ("уточняется.Накануне"), common in scraped pages.
const TERMINATOR = /[.!?…]+["»”’)]*(?=\s)|(?<=\p{Ll}{2})[.!?…]+["»”’)]*(?=\p{Lu}\p{Ll})|\n+/gu;

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  let paragraph = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) sentences.push({ text: text.slice(s, e), start: s, end: e, paragraph });
  };
  for (const m of text.matchAll(TERMINATOR)) {
    const at = m.index ?? 0;
    const mark = m[0];
    if (mark[0] === "\n") {
      push(at);
      paragraph++;
      start = at + mark.length;
      continue;
    }
    if (mark === "." && isAbbreviationBefore(text, at)) continue;
    // A lower-case continuation means the dot did not end the sentence ("ст. 12", "approx. five").
    const next = text.slice(at + mark.length).match(/^\s*(\S)/);
    if (next && /\p{Ll}/u.test(next[1])) continue;
    push(at + mark.length);
    start = at + mark.length;
  }
  push(text.length);
  return sentences;
}

function isAbbreviationBefore(text: string, dotIndex: number): boolean {
  const before = text.slice(Math.max(0, dotIndex - 12), dotIndex).match(/([\p{L}.-]+)$/u);
  if (!before) return false;
  const word = before[1].toLowerCase();
  // Initials such as "В. Гладков" or "J. Smith".
  if (/^\p{L}$/u.test(word) && /\p{Lu}/u.test(before[1])) return true;
  return ABBREVIATIONS.has(word);
}
