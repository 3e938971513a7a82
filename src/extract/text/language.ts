// Decides whether a report is English, Russian or Ukrainian: from the letters that only one of
// the two Cyrillic alphabets has (і ї є ґ against ы э ъ ё), the Ukrainian apostrophe inside a word
// (Куп'янськ, об'єкт), and common words that only one language uses — short posts often have
// none of the letters ("Ворог скинув КАБ на Куп'янськ").
import type { LanguageCode } from "../../model/incident.js";

const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

const UK_WORDS = new Set(
  "що та від це як який яка які було були вночі зранку ввечері ворог ворога внаслідок пошкоджено будинок будинки повідомив повідомила повідомили також щонайменше під цього щодо поранено загинув загинула загинули постраждав постраждали області районі місті селі громади їх його її ще".split(
    " ",
  ),
);
const RU_WORDS = new Set(
  "что это как который которая которые были был ночью утром вечером враг результате повреждены поврежден дом дома сообщил сообщила сообщили также не менее под этого области районе городе селе их его ещё и из погиб погибли пострадал пострадали ранены".split(
    " ",
  ),
);

export function detectLanguage(text: string): LanguageCode {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const latin = count(sample, /[a-z]/gi);
  const cyrillic = count(sample, /[\u0400-\u04ff]/g);
  if (cyrillic <= latin) return "en";
  let uk = count(sample, /[іїєґІЇЄҐ]/g) + 3 * count(sample, /[\u0400-\u04ff]['’ʼ][яюєїЯЮЄЇ]/g);
  let ru = count(sample, /[ыэъёЫЭЪЁ]/g);
  // Words weigh more than letters, but only the first few thousand words are read.
  const words =
    sample
      .slice(0, 5000)
      .toLowerCase()
      .match(/[\u0400-\u04ff]+/g) ?? [];
  for (const w of words) {
    if (UK_WORDS.has(w)) uk += 3;
    else if (RU_WORDS.has(w)) ru += 3;
  }
  return uk > ru ? "uk" : "ru";
}
