// The layout of a report: which sentences are its headline, the agency dateline, list headers
// and the items under them, a closing signature, or ordinary paragraph text. Later stages read
// it as data: a verbless list item ("▪️ Сумщина — 7", "- 5 over the Kursk region") takes the
// verb, weapon and date of its header; a headline is folded into the body's account.
import type { Lexicon } from "./lexicon.js";
import type { Sentence } from "./text/sentences.js";

export type LayoutRole = "headline" | "paragraph" | "list_header" | "list_item" | "signature";

export interface SentenceLayout {
  role: LayoutRole;
  /** For a list item: the index of the sentence that opened the list ("…уничтожены 9 БПЛА:"). */
  header: number | null;
  /** An agency dateline opening the sentence ("KYIV, May 3 (Reuters) –"): its end offset, else null. */
  datelineEnd: number | null;
}

/** Bullets, dashes, emoji or "1." opening a line. */
const BULLET = /^(?:[-–—•▪◾◼●○·*►➖]|\p{Extended_Pictographic}|\d{1,2}[.)](?=\s))\uFE0F?\s*/u;
/** "KYIV, May 3 (Reuters) -", "МОСКВА, 3 мая. /ТАСС/.", "LISOGORSK, Ukraine —". */
const DATELINE =
  /^(?:\p{Lu}{3,}(?:[ -]\p{Lu}{2,})*(?:,\s*\p{Lu}[\p{L}.]+)*(?:,\s*[\p{L}\d ]{1,20})?(?:\s*\([^)]{2,30}\))?\s*[—–:-]\s*|\p{Lu}\p{Ll}+(?:,\s*\p{Lu}[\p{L}.]+)*\s*\([^)]{2,30}\)\s*[—–-]\s*|\([\p{L} ]{2,30}\)\s*[—–-]\s*)/u;

/** A line headed by one or two words and a colon or a dash: «Шебекинский округ: …», «Сушаны — …». */
const ITEM_HEAD = /^\p{Lu}[\p{L}'’-]*(?:\s[\p{L}'’-]+)?\s*(?::|\s[—–])\s/u;

const atLineStart = (text: string, s: Sentence) => s.start === 0 || /\n[ \t\u00a0]*$/.test(text.slice(Math.max(0, s.start - 8), s.start));
const endsLine = (text: string, s: Sentence) => s.end >= text.length || /^[ \t\u00a0]*(?:\n|$)/.test(text.slice(s.end, s.end + 8));
const words = (s: Sentence) => s.text.split(/\s+/).length;

/** Leading lines without final punctuation are headlines and subtitles (at most three). */
function headlineCount(sentences: Sentence[]): number {
  let n = 0;
  while (n < sentences.length && n < 3 && !/[.!?…"»”:]$/.test(sentences[n].text)) n++;
  return n === sentences.length ? 0 : n;
}

export function readLayout(text: string, sentences: Sentence[], lex: Lexicon): SentenceLayout[] {
  const layout: SentenceLayout[] = sentences.map(() => ({ role: "paragraph", header: null, datelineEnd: null }));
  const headlines = headlineCount(sentences);
  for (let i = 0; i < headlines; i++) layout[i].role = "headline";

  // "Коротко:", "Key points:" opening the report: a summary of the body, read as its headline
  // (not a short header that tells what happened to its items: "Атакам подверглись:", "Під ударом:").
  const isSummary = (h: number) =>
    h <= headlines + 1 && words(sentences[h]) <= 3 && !/\d/.test(sentences[h].text) && !lex.saysWhatHappened.test(sentences[h].text);
  const item = (h: number | null): SentenceLayout =>
    h !== null && isSummary(h)
      ? { role: "headline", header: null, datelineEnd: null }
      : { role: "list_item", header: h, datelineEnd: null };
  let header: number | null = null;
  for (let i = headlines; i < sentences.length; i++) {
    const s = sentences[i];
    const lineStart = atLineStart(text, s);
    const bulleted = lineStart && BULLET.test(s.text);
    // A list goes on while its lines are short items; a blank line or a long sentence ends it.
    if (header !== null) {
      const sameBlock = s.paragraph - sentences[i - 1].paragraph <= 1;
      // An unbulleted line goes on with the list while the item before it has not closed with a full stop.
      const open = !/[.!?…]["»”]?$/.test(sentences[i - 1].text);
      // (Or one headed as the item before it: «Шебекинский округ: Графовка.» after «Грайворонский округ: Головчино.».)
      const likeItem = layout[i - 1].role === "list_item" && ITEM_HEAD.test(s.text) && ITEM_HEAD.test(sentences[i - 1].text);
      if (lineStart && sameBlock && (bulleted || ((open || likeItem) && words(s) <= 14 && endsLine(text, s)))) {
        layout[i] = item(header);
        continue;
      }
      // «🔸 Нікопольський район: Нікополь, Марганецька громади. Пошкоджено 2 будинки.»: a sentence going on in the
      // item's own line is part of that item — the list goes on after it.
      if (
        !lineStart &&
        layout[i - 1].role === "list_item" &&
        endsLine(text, s) &&
        i + 1 < sentences.length &&
        BULLET.test(sentences[i + 1].text)
      ) {
        layout[i] = item(header);
        continue;
      }
      header = null;
    }
    if (bulleted) {
      // Bullets under no header: items of their own, the one before them their header if it ends in ":".
      const prev = i > 0 ? sentences[i - 1] : null;
      // (Or a short line of its own that tells what happened, closed with a full stop: «Наслідки ворожих атак за добу.».)
      const heading = (p: Sentence) => atLineStart(text, p) && endsLine(text, p) && words(p) <= 12 && lex.saysWhatHappened.test(p.text);
      const opened = prev && (/:$/.test(prev.text) || heading(prev)) && layout[i - 1].role !== "headline" ? i - 1 : null;
      if (opened !== null) layout[opened].role = "list_header";
      layout[i] = item(opened);
      header = opened;
      continue;
    }
    if (/:$/.test(s.text) && endsLine(text, s) && i + 1 < sentences.length && atLineStart(text, sentences[i + 1])) {
      layout[i].role = "list_header";
      header = i;
      continue;
    }
    if (i === headlines || (lineStart && i <= headlines + 1)) {
      const m = DATELINE.exec(s.text);
      if (m) layout[i].datelineEnd = s.start + m[0].length;
    }
    if (i === sentences.length - 1 && i > 0 && lineStart && words(s) <= 6 && lex.signatureLine.test(s.text)) layout[i].role = "signature";
  }
  return layout;
}
