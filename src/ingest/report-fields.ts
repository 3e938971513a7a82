// What a report's fields must be before anything stores them: real calendar dates, http(s) URLs,
// text with words in it and no control characters. Pure checks, shared by the API (which answers
// 400 with the message) and the readers of files and feeds.

/** YYYY-MM-DD that names a day of the calendar (2025-02-30 does not). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** An absolute http or https URL (javascript:, data:, file: and the like are not sources). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** The URL when it is http(s), else null: what is stored and served as a report's source. */
export const httpUrlOrNull = (value: string | null | undefined): string | null => (value && isHttpUrl(value) ? value : null);

/**
 * NUL and other C0 control characters (tab, line feed and carriage return allowed when
 * `breaks`), DEL, and lone surrogates (no character at all; PostgreSQL would refuse the text).
 */
function hasControl(value: string, breaks: boolean): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) {
      if (breaks && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
      return true;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** Multi-line text (a report): no control characters but tab and line breaks. */
export const hasControlCharacters = (value: string): boolean => hasControl(value, true);
/** One-line values (a title, a source, a query parameter): no control characters at all. */
export const hasLineControlCharacters = (value: string): boolean => hasControl(value, false);

/**
 * Whether text says anything: a letter or digit once invisible and format characters (U+200B,
 * U+2060, U+FEFF…), marks and replacement characters (U+FFFD) are set aside.
 */
export const hasWords = (value: string): boolean => /[\p{L}\p{N}]/u.test(value.replace(/[\p{Cf}\p{M}\ufffd]/gu, ""));

/** Why a report's text cannot be stored, or null. */
export function textProblem(text: string, maxChars: number): string | null {
  if (!text.trim()) return '"text" must be a non-empty string';
  if (text.length > maxChars) return `"text" is longer than ${maxChars} characters; split the report`;
  if (hasControlCharacters(text)) return '"text" contains NUL or other control characters; send plain text';
  if (!hasWords(text)) return '"text" has no letters or digits (only spaces, invisible or replacement characters)';
  return null;
}
