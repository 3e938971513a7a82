// Decides whether a report is English, Russian or Ukrainian from the letters that only
// one of the two Cyrillic alphabets has (і ї є ґ against ы э ъ ё).
import type { LanguageCode } from "../../model/incident.js";

const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

export function detectLanguage(text: string): LanguageCode {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const latin = count(sample, /[a-z]/gi);
  const cyrillic = count(sample, /[\u0400-\u04ff]/g);
  if (cyrillic <= latin) return "en";
  const uk = count(sample, /[іїєґІЇЄҐ]/g);
  const ru = count(sample, /[ыэъёЫЭЪЁ]/g);
  return uk > ru ? "uk" : "ru";
}
