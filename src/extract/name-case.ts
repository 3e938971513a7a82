// Person names after a title in an oblique case ("по словам губернатора Александра Гусева",
// "заявив очільнику Олегу Кіперу", "встретился с мэром Сергеем Собяниным") back in the nominative,
// so that a speaker is named the same way in every report. Russian and Ukrainian male and female
// first names and surnames of the common patterns; anything else is left as written.

export type NameCase = "genitive" | "dative" | "instrumental" | null;

/** The case of a title word, from its ending ("губернатора" genitive, "мэром" instrumental). */
export function titleCase(title: string): NameCase {
  if (/(ом|ем|ой|ою|ею)$/.test(title)) return "instrumental";
  if (/(у|ю|ові|еві)$/.test(title)) return "dative";
  if (/(а|я|ы|и)$/.test(title) && !/^(глава|голова)$/.test(title)) return "genitive";
  return null;
}

type Rule = [RegExp, string];

// Ordered: the first matching rule wins. Patterns are for lower-case words.
const RULES: Record<Exclude<NameCase, null>, Rule[]> = {
  genitive: [
    [/(ов|ев|ёв|єв|ин|ын|ін)ой$/, "$1а"], // Ивановой → Иванова
    [/(ск|цк)ой$/, "$1ая"], // Жуковской → Жуковская
    [/(ськ|цьк)ої$/, "$1а"], // Коваленської → Коваленська
    [/(ов|ев|ёв|єв|ин|ын|ін)ої$/, "$1а"], // Іванової → Іванова
    [/(ск|цк)ого$/, "$1ий"], // Жуковского → Жуковский
    [/(ськ|цьк)ого$/, "$1ий"],
    [/ого$/, "ий"],
    [/ея$/, "ей"], // Андрея → Андрей
    [/ія$/, "ій"], // Сергія → Сергій
    [/ия$/, "ий"], // Юрия → Юрий
    [/([кгх])и$/, "$1а"], // Ольги → Ольга
    [/ы$/, "а"], // Анны → Анна
    [/ї$/, "я"], // Марії → Марія
    [/^(дмитр|павл|петр)а$/, "$1о"], // Ukrainian Дмитра → Дмитро (a Russian Дмитрий is Дмитрия)
    [/([бвгджзклмнпрстфхцчшщ])а$/, "$1"], // Александра → Александр, Гусева → Гусев
    [/([бвгджзклмнпрстфхцчшщ])я$/, "$1ь"], // Игоря → Игорь (Ukrainian Ігоря → Ігор: see below)
  ],
  dative: [
    [/(ск|цк)ому$/, "$1ий"],
    [/(ськ|цьк)ому$/, "$1ий"],
    [/ею$/, "ей"], // Андрею → Андрей
    [/ію$/, "ій"], // Сергію → Сергій
    [/([бвгджзклмнпрстфхцчшщ])ові$/, "$1"], // Олегові → Олег
    [/([бвгджзклмнпрстфхцчшщ])у$/, "$1"], // Гладкову → Гладков
  ],
  instrumental: [
    [/(ов|ев|ёв|єв|ин|ын|ін)ым$/, "$1"], // Собяниным → Собянин
    [/(ов|ев|єв|ін|ин)им$/, "$1"], // Федоровим → Федоров
    [/(ск|цк)им$/, "$1ий"],
    [/(ськ|цьк)им$/, "$1ий"],
    [/еем$/, "ей"], // Сергеем → Сергей
    [/ієм$/, "ій"], // Сергієм → Сергій
    [/([бвгджзклмнпрстфхцчшщ])ом$/, "$1"], // Олегом → Олег
    [/([бвгджзклмнпрстфхцчшщ])ем$/, "$1"],
  ],
};

/** One name word in the nominative, keeping its capital letter. */
export function nominativeWord(word: string, nameCase: NameCase): string {
  if (!nameCase || !/^[\u0400-\u04ff'’-]+$/.test(word)) return word;
  const lower = word.toLowerCase();
  for (const [pattern, replacement] of RULES[nameCase]) {
    if (pattern.test(lower)) {
      let out = lower.replace(pattern, replacement);
      // Ukrainian has no soft sign after р in these names (Ігор, not Ігорь); Russian Петра is Петр.
      if (/[іїє]/.test(lower)) out = out.replace(/рь$/, "р");
      else if (out === "петро" || out === "павло") out = out === "петро" ? "петр" : "павел";
      return out.charAt(0).toUpperCase() + out.slice(1);
    }
  }
  return word;
}
