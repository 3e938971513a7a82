// Splits a report into sentences that keep their offsets in the original text.
// A hand-written splitter rather than Intl.Segmenter: it is several times faster, and
// reports need only a few rules (abbreviations, initials, line breaks as hard breaks).

export interface Sentence {
  text: string;
  start: number;
  end: number;
  /** Index of the paragraph (block separated by a blank line or a line break). */
  paragraph: number;
  /** Index of the block separated by blank lines: a change of block is a change of statement. */
  block: number;
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
  "г.о",
  "м.о",
  "г.п",
  "с.п",
  "р.п",
  "м.р",
  "н.п",
  "х",
  "пос",
  "дер",
  "ст",
  "сел",
  "др",
  "пр",
  "м",
  "вул",
  "смт",
  "ім",
  "р",
  "див",
]);

const CLOSERS = new Set(['"', "»", "”", "’", ")"]);
const isSpace = (c: string | undefined) => c === " " || c === "\n" || c === "\t" || c === "\r" || c === "\u00a0";
const isUpper = (c: string | undefined) => c !== undefined && c !== c.toLowerCase();
const isLower = (c: string | undefined) => c !== undefined && c !== c.toUpperCase();

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  let paragraph = 0;
  let block = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (e > s) sentences.push({ text: text.slice(s, e), start: s, end: e, paragraph, block });
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    if (ch === "\n") {
      push(i);
      let j = i;
      while (
        j + 1 < n &&
        (text[j + 1] === "\n" ||
          ((text[j + 1] === " " || text[j + 1] === "\r" || text[j + 1] === "\t") && /^[ \t\r]*\n/.test(text.slice(j + 1, j + 8))))
      )
        j++;
      if (/\n[ \t\r]*\n/.test(text.slice(i, j + 1))) block++;
      paragraph++;
      start = j + 1;
      i = j;
      continue;
    }
    if (ch !== "." && ch !== "!" && ch !== "?" && ch !== "…") continue;
    let end = i + 1;
    while (end < n && (text[end] === "." || text[end] === "!" || text[end] === "?" || text[end] === "…")) end++;
    while (end < n && CLOSERS.has(text[end])) end++;
    const next = text[end];
    // A stop glued to the next sentence ("уточняется.Накануне") counts after a lower-case word.
    const glued = isUpper(next) && isLower(text[end + 1]) && isLower(text[i - 1]) && isLower(text[i - 2]);
    if (!(end >= n || isSpace(next) || glued)) {
      i = end - 1;
      continue;
    }
    if (end === i + 1 && ch === "." && isAbbreviationBefore(text, i)) continue;
    // A lower-case continuation means the dot did not end the sentence ("ст. 12", "approx. five").
    let k = end;
    while (k < n && isSpace(text[k]) && text[k] !== "\n") k++;
    if (k < n && isLower(text[k])) {
      i = end - 1;
      continue;
    }
    push(end);
    start = end;
    i = end - 1;
  }
  push(n);
  return sentences;
}

function isAbbreviationBefore(text: string, dotIndex: number): boolean {
  // Abbreviations are short: look for a space within the last seven characters first.
  let k = dotIndex - 1;
  while (k >= 0 && dotIndex - k <= 7 && text[k] !== " " && text[k] !== "\n") k--;
  if (dotIndex - k > 7) return false;
  const before = text.slice(Math.max(0, dotIndex - 12), dotIndex).match(/([\p{L}.-]+)$/u);
  if (!before) return false;
  const word = before[1].toLowerCase();
  // Initials such as "В. Гладков" or "J. Smith".
  if (/^\p{L}$/u.test(word) && /\p{Lu}/u.test(before[1])) return true;
  return ABBREVIATIONS.has(word);
}
