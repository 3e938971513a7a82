// Cyrillic → Latin for settlement names: a BGN/PCGN-style romanisation for Russian and the
// Ukrainian national system (2010) for Ukrainian, as news agencies write them.
const RU: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "yo",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
};
const UK: Record<string, string> = {
  ...RU,
  г: "h",
  ґ: "g",
  е: "e",
  є: "ie",
  и: "y",
  і: "i",
  ї: "i",
  й: "i",
  х: "kh",
  щ: "shch",
  ю: "iu",
  я: "ia",
  "'": "",
  "’": "",
};

const memo = new Map<string, string>();

export function transliterate(text: string, language: "ru" | "uk" | "en"): string {
  const key = language + text;
  let out = memo.get(key);
  if (out === undefined) {
    out = romanise(text, language);
    if (memo.size > 50_000) memo.clear();
    memo.set(key, out);
  }
  return out;
}

function romanise(text: string, language: "ru" | "uk" | "en"): string {
  const table = language === "uk" ? UK : RU;
  let out = "";
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const lower = ch.toLowerCase();
    let latin = table[lower];
    if (latin === undefined) {
      out += ch;
      continue;
    }
    // Russian "-ый/-ий" endings read as "-y" ("Политотдельский" → "Politotdelsky").
    if (
      language !== "uk" &&
      (lower === "ы" || lower === "и") &&
      chars[i + 1]?.toLowerCase() === "й" &&
      !/\p{L}/u.test(chars[i + 2] ?? "")
    ) {
      latin = "y";
      i++;
    }
    // Ukrainian word-initial є ї й ю я are written ye yi y yu ya.
    if (language === "uk" && !/\p{L}/u.test(chars[i - 1] ?? "")) {
      latin = ({ є: "ye", ї: "yi", й: "y", ю: "yu", я: "ya" } as Record<string, string>)[lower] ?? latin;
    }
    out += ch !== lower && latin ? latin[0].toUpperCase() + latin.slice(1) : latin;
  }
  return out;
}
