#!/usr/bin/env node
// Writes a corpus of distinct report-like texts in English, Russian and Ukrainian for the
// extraction benchmark: ID.txt + ID.meta.json (../shared/eval/FORMAT.md), deterministic for a
// seed, size and the data it draws on, with no network. Repeating a dozen real reports would
// measure the extractor's memo caches; these texts name places from the whole gazetteer, in
// case forms, with numbers, dates, officials, tallies with breakdowns, lists and headlines.
// Variety matters more than grammar: case endings are approximated.
//
//   node scripts/bench/generate-reports.mjs [--seed N] [--mb N] [--out DIR]
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Bumped whenever the generator's output changes for the same seed and data. */
export const GENERATOR_VERSION = 1;
const MIB = 1024 * 1024;
const DATA_FILES = [
  "data/lang/en/lexicon.json",
  "data/lang/ru/lexicon.json",
  "data/lang/uk/lexicon.json",
  "data/lang/en/numbers.json",
  "data/lang/ru/numbers.json",
  "data/lang/uk/numbers.json",
  "data/regions.tsv",
  "data/gazetteer/settlements.tsv.gz",
];

// ---------------------------------------------------------------------------------------------
// Seeded randomness (sfc32, seeded through splitmix32): the same seed gives the same corpus.

function makeRandom(seed) {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    /** A value drawn from [[weight, value], …]. */
    weighted: (pairs) => {
      let total = 0;
      for (const [w] of pairs) total += w;
      let x = next() * total;
      for (const [w, v] of pairs) {
        x -= w;
        if (x < 0) return v;
      }
      return pairs[pairs.length - 1][1];
    },
    /** k distinct items of xs. */
    some: (xs, k) => {
      const copy = [...xs];
      const out = [];
      while (out.length < k && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      return out;
    },
  };
  return r;
}

// ---------------------------------------------------------------------------------------------
// The shipped data the texts draw on.

function readData() {
  const lexicon = Object.fromEntries(
    ["en", "ru", "uk"].map((l) => [l, JSON.parse(readFileSync(join(root, `data/lang/${l}/lexicon.json`), "utf8"))]),
  );
  // The packs' number words together, as one table (the generator mixes them as reports do).
  const numbers = { values: {}, qualifiers: {} };
  for (const l of ["en", "ru", "uk"]) {
    const pack = JSON.parse(readFileSync(join(root, `data/lang/${l}/numbers.json`), "utf8"));
    for (const [section, table] of [
      ["values", pack.values],
      ["qualifiers", pack.qualifiers],
    ])
      for (const [k, words] of Object.entries(table)) numbers[section][k] = [...new Set([...(numbers[section][k] ?? []), ...words])];
  }
  const list = (cell) =>
    (cell ?? "")
      .split(";")
      .map((x) => x.trim().replace(/^\*/, ""))
      .filter(Boolean);
  const regions = readFileSync(join(root, "data/regions.tsv"), "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const [iso, nameEn, enNames, enCapital, ruNames, ukNames, ruCapital, ukCapital] = l.split("\t");
      return {
        iso,
        nameEn,
        enNames: list(enNames),
        enCapital: list(enCapital),
        ruNames: list(ruNames),
        ukNames: list(ukNames),
        ruCapital: list(ruCapital)[0] ?? null,
        ukCapital: list(ukCapital)[0] ?? null,
      };
    });
  // settlements.tsv.gz: row id name name_ru name_uk admin1 district lat lon population feature alternate_names
  const settlements = [];
  const tsv = gunzipSync(readFileSync(join(root, "data/gazetteer/settlements.tsv.gz"))).toString("utf8");
  for (const line of tsv.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const c = line.split("\t");
    let ru = c[3] ?? "";
    let uk = c[4] ?? "";
    // Some rows carry the two Cyrillic names in each other's column.
    if (/[іїєґ]/i.test(ru) && !/[іїєґ]/i.test(uk) && /[ыэъё]/i.test(uk)) [ru, uk] = [uk, ru];
    if (!c[2] || !c[5]) continue;
    settlements.push({ name: c[2], ru: ru || null, uk: uk || null, region: c[5], district: c[6] || null, population: Number(c[9]) || 0 });
  }
  return { lexicon, numbers, regions, settlements };
}

/** A hash of every data file the corpus is drawn from: a changed lexicon is a different corpus. */
function dataHash() {
  const h = createHash("sha256");
  for (const f of DATA_FILES) h.update(readFileSync(join(root, f)));
  return h.digest("hex").slice(0, 16);
}

// ---------------------------------------------------------------------------------------------
// Words: lexicon patterns ("сбит*", "drone*") made into words, numbers, case forms.

// Word forms the lexicon patterns stand for. A lexicon entry without a wildcard is used as it
// is; a stem ("сбит*", "drone*") is written in one of the forms below that it matches, so that
// the texts stay close to real spelling while their cue words still come from the lexicon.
const FORMS = {
  en: {
    interception: [
      "shot down",
      "downed",
      "intercepted",
      "destroyed",
      "neutralised",
      "neutralized",
      "suppressed",
      "jammed",
      "brought down",
      "eliminated",
      "repelled",
      "repulsed",
      "thwarted",
      "foiled",
      "taken out",
    ],
    strike: ["hit", "struck", "fell on", "crashed into", "damaged", "targeted", "attacked", "slammed into", "smashed into", "set fire to"],
    killed: ["killed", "dead", "died", "lost their lives", "perished", "fatally wounded"],
    injured: ["injured", "wounded", "hurt", "hospitalised", "hospitalized"],
    official_titles: [
      "Governor",
      "governor",
      "Mayor",
      "regional head",
      "head of the district",
      "Minister",
      "spokesman",
      "spokeswoman",
      "commander",
      "deputy governor",
    ],
  },
  ru: {
    interception: [
      "сбиты",
      "сбито",
      "сбит",
      "сбили",
      "уничтожены",
      "уничтожено",
      "уничтожили",
      "перехвачены",
      "перехвачено",
      "перехватили",
      "подавлены",
      "нейтрализованы",
      "ликвидированы",
      "приземлены",
      "обезврежены",
      "поражены",
      "отражена атака",
      "отбита атака",
      "отразили атаку",
    ],
    strike: [
      "атаковал",
      "атаковали",
      "ударил по",
      "попал в",
      "упал на",
      "повредил",
      "повредили",
      "разрушил",
      "поразил",
      "поразила",
      "угодил в",
      "обстрелял",
      "сбросил боеприпас на",
    ],
    killed: ["погиб", "погибли", "погибла", "убиты", "скончался", "скончались", "не удалось спасти"],
    injured: ["ранены", "ранен", "ранена", "пострадали", "пострадал", "пострадала", "госпитализированы", "получили травмы", "контужены"],
    official_titles: [
      "губернатор",
      "глава региона",
      "мэр",
      "врио губернатора",
      "глава района",
      "глава администрации",
      "министр",
      "руководитель",
      "председатель",
      "представитель",
    ],
  },
  uk: {
    interception: [
      "збито",
      "збили",
      "знищено",
      "знищили",
      "перехоплено",
      "подавлено",
      "нейтралізовано",
      "ліквідовано",
      "уражено",
      "знешкоджено",
      "відбито атаку",
      "відбили атаку",
    ],
    strike: [
      "атакував",
      "атакували",
      "вдарив по",
      "влучив у",
      "влучила в",
      "упав на",
      "пошкодив",
      "пошкодили",
      "зруйнував",
      "уразив",
      "уразила",
      "поцілив у",
      "обстріляв",
      "скинув вибухівку на",
    ],
    killed: ["загинув", "загинули", "загинула", "вбито", "загиблих", "померла"],
    injured: [
      "поранено",
      "поранені",
      "поранений",
      "поранена",
      "постраждали",
      "постраждав",
      "постраждала",
      "травмовані",
      "госпіталізовано",
      "контужено",
    ],
    official_titles: [
      "голова ОВА",
      "начальник ОВА",
      "очільник громади",
      "міський голова",
      "голова обласної військової адміністрації",
      "речник",
      "мер",
      "керівник",
      "командувач",
      "міністр",
    ],
  },
};
const NOUN_ENDINGS = { en: ["", "s"], ru: ["", "а", "ы", "и", "е"], uk: ["", "а", "и", "і"] };
const GAP_WORDS = { en: ["the", "a", "massive", "new"], ru: ["массированную", "очередную", "новую"], uk: ["масовану", "чергову", "нову"] };

/** Words of a lexicon category: its wildcard-free entries, and the forms above that its stems match. */
function categoryWords(lexicon, lang, key) {
  const entries = (lexicon[lang][key] ?? []).filter((w) => !w.includes("_")).map((w) => w.replace(/!$/, ""));
  const literal = entries.filter((w) => !w.includes("*"));
  const stems = entries.filter((w) => w.includes("*")).map((w) => w.toLowerCase().split(" ")[0].replace("*", ""));
  const forms = (FORMS[lang][key] ?? []).filter((f) => stems.some((st) => f.toLowerCase().startsWith(st)) || literal.includes(f));
  const own = FORMS[lang][key] ?? [];
  // Everything the lexicon spells out, the matching forms twice (they are the common spellings), and
  // a few of the generator's own forms that the lexicon might not (yet) cover.
  return [...literal, ...forms, ...forms, ...own];
}

/** A noun phrase a lexicon pattern matches ("школ*" → "школы"): nouns take simple endings. */
function fromPattern(r, pattern, lang) {
  return pattern
    .replace(/!$/, "")
    .split(" ")
    .map((w) => (w === "_" ? r.pick(GAP_WORDS[lang]) : w.endsWith("*") ? w.slice(0, -1) + r.pick(NOUN_ENDINGS[lang]) : w))
    .join(" ");
}

function numberWords(numbers) {
  const byLang = { en: new Map(), ru: new Map(), uk: new Map() };
  for (const [value, words] of Object.entries(numbers.values)) {
    for (const w of words) {
      const langs = /^[a-z]/.test(w) ? ["en"] : [!/[іїєґ']/.test(w) && "ru", !/[ыэъё]/.test(w) && "uk"].filter(Boolean);
      for (const l of langs) {
        const m = byLang[l];
        if (!m.has(Number(value))) m.set(Number(value), []);
        m.get(Number(value)).push(w);
      }
    }
  }
  return byLang;
}

const cap = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** Russian/Ukrainian case forms by ending rules: approximate, as a hurried writer might get them. */
const RU_ADJ = [
  // [nominative ending, genitive, dative/locative, instrumental, accusative]
  ["ская", "ской", "ской", "ской", "скую"],
  ["цкая", "цкой", "цкой", "цкой", "цкую"],
  ["ая", "ой", "ой", "ой", "ую"],
  ["ский", "ского", "ском", "ским", "ский"],
  ["цкий", "цкого", "цком", "цким", "цкий"],
  ["ый", "ого", "ом", "ым", "ый"],
  ["ий", "его", "ем", "им", "ий"],
  ["ое", "ого", "ом", "ым", "ое"],
];
const UK_ADJ = [
  ["ська", "ської", "ській", "ською", "ську"],
  ["цька", "цької", "цькій", "цькою", "цьку"],
  ["зька", "зької", "зькій", "зькою", "зьку"],
  ["ська", "ської", "ській", "ською", "ську"],
  ["ненська", "ненської", "ненській", "ненською", "ненську"],
  ["ський", "ського", "ському", "ським", "ський"],
  ["ий", "ого", "ому", "им", "ий"],
  ["ське", "ського", "ському", "ським", "ське"],
  ["не", "ного", "ному", "ним", "не"],
];
const CASE = { gen: 1, loc: 2, ins: 3, acc: 4 };

function declineWord(word, c, lang) {
  if (c === "nom") return word;
  const adj = lang === "ru" ? RU_ADJ : UK_ADJ;
  for (const row of adj) if (word.endsWith(row[0]) && word.length > row[0].length + 2) return word.slice(0, -row[0].length) + row[CASE[c]];
  const nouns =
    lang === "ru"
      ? {
          gen: [
            ["ия", "ии"],
            ["ь", "и"],
            ["а", "ы"],
            ["ка", "ки"],
            ["я", "и"],
            ["й", "я"],
            ["о", "о"],
            ["е", "я"],
            ["ы", "ов"],
            ["и", "ей"],
            ["", "а"],
          ],
          loc: [
            ["ия", "ии"],
            ["ь", "и"],
            ["а", "е"],
            ["я", "е"],
            ["й", "е"],
            ["о", "о"],
            ["е", "е"],
            ["ы", "ах"],
            ["и", "ях"],
            ["", "е"],
          ],
          ins: [
            ["ия", "ией"],
            ["ь", "ью"],
            ["а", "ой"],
            ["я", "ей"],
            ["й", "ем"],
            ["о", "ом"],
            ["е", "ем"],
            ["ы", "ами"],
            ["и", "ями"],
            ["", "ом"],
          ],
          acc: [
            ["а", "у"],
            ["я", "ю"],
            ["", ""],
          ],
        }
      : {
          gen: [
            ["ія", "ії"],
            ["ь", "і"],
            ["ка", "ки"],
            ["а", "и"],
            ["я", "і"],
            ["й", "я"],
            ["о", "а"],
            ["е", "ого"],
            ["и", "ів"],
            ["", "а"],
          ],
          loc: [
            ["ія", "ії"],
            ["ь", "і"],
            ["ка", "ці"],
            ["а", "і"],
            ["я", "і"],
            ["й", "ї"],
            ["о", "і"],
            ["е", "ому"],
            ["и", "ах"],
            ["", "і"],
          ],
          ins: [
            ["ія", "ією"],
            ["ь", "ем"],
            ["а", "ою"],
            ["я", "ею"],
            ["й", "ем"],
            ["о", "ом"],
            ["е", "им"],
            ["и", "ами"],
            ["", "ом"],
          ],
          acc: [
            ["а", "у"],
            ["я", "ю"],
            ["", ""],
          ],
        };
  for (const [from, to] of nouns[c]) if (word.endsWith(from)) return word.slice(0, word.length - from.length) + to;
  return word;
}

/** "Белгородская область" → "Белгородской области": every word declined (a head noun stays a noun). */
function decline(phrase, c, lang) {
  if (c === "nom") return phrase;
  const fixed = {
    ru: {
      область: { gen: "области", loc: "области", ins: "областью", acc: "область" },
      республика: { gen: "республики", loc: "республике", ins: "республикой", acc: "республику" },
    },
    uk: {
      область: { gen: "області", loc: "області", ins: "областю", acc: "область" },
      республіка: { gen: "республіки", loc: "республіці", ins: "республікою", acc: "республіку" },
    },
  }[lang];
  const words = phrase.split(" ");
  // "Республика Адыгея": the name after the head word stays in the nominative, as written.
  const head = words[0].toLowerCase();
  if (head === "республика" || head === "республіка") return cap(fixed[head][c]) + " " + words.slice(1).join(" ");
  return words
    .map((w) => {
      const f = fixed[w.toLowerCase()];
      if (f) return w[0] === w[0].toUpperCase() ? cap(f[c]) : f[c];
      if (/^(автономный|автономний|округ|край|народная|республика)$/i.test(w) && c !== "nom") {
        return declineWord(w, c, lang);
      }
      return /^[А-ЯЁІЇЄҐа-яёіїєґ'-]+$/.test(w) && !/^(АР|ДНР|ЛНР)$/.test(w) ? declineWord(w, c, lang) : w;
    })
    .join(" ");
}

// ---------------------------------------------------------------------------------------------
// The vocabulary of the reports, per language (the cue words themselves come from the lexicons).

const MONTHS = {
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  ru: ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
  uk: ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"],
};
const WEEKDAYS = {
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  ru: ["в воскресенье", "в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу"],
  uk: ["у неділю", "у понеділок", "у вівторок", "у середу", "у четвер", "у п'ятницю", "у суботу"],
};
const FIRST = {
  ru: [
    "Вячеслав",
    "Александр",
    "Роман",
    "Игорь",
    "Андрей",
    "Сергей",
    "Алексей",
    "Михаил",
    "Дмитрий",
    "Василий",
    "Глеб",
    "Евгений",
    "Владимир",
    "Олег",
    "Артём",
  ],
  uk: [
    "Олег",
    "Віталій",
    "Іван",
    "Сергій",
    "Юрій",
    "Андрій",
    "Олександр",
    "Руслан",
    "Володимир",
    "Максим",
    "Віктор",
    "Дмитро",
    "Тарас",
    "Богдан",
  ],
  en: [
    "Vyacheslav",
    "Alexander",
    "Roman",
    "Igor",
    "Andriy",
    "Serhiy",
    "Oleh",
    "Vitaliy",
    "Ivan",
    "Yuriy",
    "Mikhail",
    "Dmytro",
    "Gleb",
    "Vasily",
    "Taras",
  ],
};
const LAST = {
  ru: [
    "Гладков",
    "Богомаз",
    "Старовойт",
    "Гусев",
    "Артамонов",
    "Никитин",
    "Воробьёв",
    "Собянин",
    "Кондратьев",
    "Мельниченко",
    "Любимов",
    "Шумков",
    "Хинштейн",
    "Бочаров",
    "Радаев",
    "Клычков",
    "Шапша",
    "Федорищев",
    "Никонов",
  ],
  uk: [
    "Синєгубов",
    "Кім",
    "Лисак",
    "Федоров",
    "Прокудін",
    "Філашкін",
    "Кравченко",
    "Артюх",
    "Коваленко",
    "Бондаренко",
    "Шевченко",
    "Мельник",
    "Ткаченко",
    "Савченко",
    "Руденко",
    "Кравчук",
  ],
  en: [
    "Gladkov",
    "Bogomaz",
    "Starovoit",
    "Gusev",
    "Syniehubov",
    "Kim",
    "Lysak",
    "Fedorov",
    "Prokudin",
    "Filashkin",
    "Sobyanin",
    "Artyukh",
    "Kovalenko",
    "Rudenko",
    "Kondratyev",
    "Lyubimov",
    "Khinshtein",
  ],
};
const SETTLEMENT_HEADS = {
  en: ["the village of", "the town of", "the city of", "the settlement of", "the village", ""],
  ru: ["селе", "поселке", "городе", "хуторе", "деревне", "селе", "городском округе"],
  uk: ["селі", "селищі", "місті", "громаді", "селі"],
};
const FILLER = {
  en: [
    "Emergency services are working at the scene.",
    "The information is being clarified.",
    "Details are being established.",
    "Residents were urged to stay away from windows and to follow the instructions of the emergency services.",
    "The agency did not say how many were launched in total.",
    "Kyiv does not usually comment on such reports.",
    "The claims could not be independently verified.",
    "Schools in the district switched to remote classes for the rest of the week.",
    "A commission will assess the damage and residents will receive compensation.",
    "Traffic on the highway was restricted for several hours.",
    "Flights at the regional airport were suspended and later resumed.",
    "Air raid sirens sounded across the region for about two hours.",
  ],
  ru: [
    "На месте работают оперативные службы.",
    "Информация уточняется.",
    "Все службы работают в штатном режиме.",
    "Жителей просят не подходить к окнам и соблюдать меры безопасности.",
    "Последствия устраняются.",
    "Комиссия оценит ущерб, жителям будет оказана помощь.",
    "Движение по трассе временно ограничено.",
    "В аэропорту вводились временные ограничения на прием и выпуск воздушных судов.",
    "Школы района перешли на дистанционное обучение до конца недели.",
    "Сообщения в соцсетях о последствиях атаки проверяются.",
    "Ранее глава региона призвал жителей не публиковать фото и видео работы ПВО.",
  ],
  uk: [
    "На місці працюють екстрені служби.",
    "Інформація уточнюється.",
    "Наслідки атаки встановлюються.",
    "Мешканців закликають залишатися в укриттях до відбою тривоги.",
    "Повітряна тривога тривала майже дві години.",
    "Комісія оцінить збитки, мешканцям нададуть допомогу.",
    "Рух транспорту на трасі тимчасово обмежено.",
    "Школи громади перейшли на дистанційне навчання.",
    "Правоохоронці фіксують наслідки чергового злочину росії.",
    "Енергетики вже працюють над відновленням електропостачання.",
  ],
};
const BACKGROUND = {
  en: [
    (p) => `${p.settlement()} had a population of about ${p.digits(2, 6)} before the war.`,
    (p) => `The region borders ${p.regionEn()} and has come under regular attack since ${p.r.int(2022, 2024)}.`,
    (p) => `${p.regionEn()} lies about ${p.r.int(20, 900)} kilometres from the front line.`,
    (p) => `Earlier this month, officials in ${p.regionEn()} reported damage to ${p.target()} in ${p.settlement()}.`,
    (p) =>
      `According to local media, ${p.r.int(2, 40)} explosions were heard in ${p.settlement()} between ${p.r.int(1, 5)} and ${p.r.int(6, 9)} a.m.`,
  ],
  ru: [
    (p) => `Население ${p.settlementCase("gen")} составляет около ${p.digits(2, 5)} человек.`,
    (p) => `${cap(p.regionRu("nom"))} граничит с ${p.regionRu("ins")} и регулярно подвергается атакам.`,
    (p) => `Ранее в ${p.settlementCase("loc")} ${p.regionRu("gen")} сообщали о повреждении ${p.target()}.`,
    (p) => `По данным местных каналов, в ${p.settlementCase("loc")} было слышно около ${p.r.int(2, 30)} взрывов.`,
    (p) => `С начала месяца в ${p.regionRu("loc")} зафиксировано ${p.digits(2, 4)} прилетов.`,
  ],
  uk: [
    (p) => `До війни в ${p.settlementCase("loc")} мешкало близько ${p.digits(2, 5)} людей.`,
    (p) => `${cap(p.regionUk("nom"))} межує з ${p.regionUk("ins")} і регулярно зазнає обстрілів.`,
    (p) => `Раніше в ${p.settlementCase("loc")} фіксували пошкодження ${p.target()}.`,
    (p) => `За даними місцевих пабліків, у ${p.settlementCase("loc")} пролунало щонайменше ${p.r.int(2, 30)} вибухів.`,
    (p) => `Від початку місяця ${p.regionUk("ins")} зафіксовано ${p.digits(2, 4)} атак.`,
  ],
};
const WEAPON_WORDS = {
  en: {
    drone: [
      "drones",
      "UAVs",
      "Shahed drones",
      "attack drones",
      "unmanned aerial vehicles",
      "fixed-wing drones",
      "kamikaze drones",
      "Geran-2 drones",
    ],
    missile: [
      "missiles",
      "cruise missiles",
      "ballistic missiles",
      "Iskander-M missiles",
      "Kh-101 missiles",
      "guided missiles",
      "ATACMS missiles",
    ],
    glide_bomb: ["glide bombs", "guided aerial bombs", "KABs"],
    artillery: ["artillery shells", "MLRS rockets", "mortar rounds"],
  },
  ru: {
    drone: [
      "беспилотников",
      "БПЛА",
      "дронов",
      "беспилотных летательных аппаратов",
      "украинских БПЛА",
      "БПЛА самолетного типа",
      "FPV-дронов",
      "коптеров",
    ],
    missile: ["ракет", "крылатых ракет", "ракет ATACMS", "ракет Storm Shadow", "ракет «Нептун»", "баллистических ракет"],
    glide_bomb: ["управляемых авиабомб", "КАБов", "авиабомб"],
    artillery: ["снарядов", "реактивных снарядов РСЗО", "мин"],
  },
  uk: {
    drone: ["безпілотників", "БпЛА", "дронів", "ударних БпЛА типу Shahed", "дронів-камікадзе", "ворожих БпЛА", "FPV-дронів"],
    missile: ["ракет", "крилатих ракет Х-101", "балістичних ракет Іскандер-М", "керованих авіаційних ракет Х-59"],
    glide_bomb: ["керованих авіабомб", "КАБів", "авіабомб"],
    artillery: ["снарядів", "реактивних снарядів РСЗВ", "мін"],
  },
};
const WEAPON_SINGULAR = {
  en: ["a drone", "a Ukrainian drone", "a Shahed drone", "a missile", "a guided aerial bomb", "an FPV drone", "a UAV"],
  ru: ["беспилотник", "дрон", "FPV-дрон", "БПЛА", "украинский беспилотник", "ракета", "управляемая авиабомба", "дрон-камикадзе"],
  uk: ["дрон", "безпілотник", "ударний БпЛА", "ракета", "FPV-дрон", "керована авіабомба", "шахед"],
};

// ---------------------------------------------------------------------------------------------
// One report.

function writerFor(r, data, numWords, lang, published) {
  const lex = data.lexicon[lang];
  const words = (key) => lex[key].filter((w) => !w.includes("_"));
  const vocab = data.vocab[lang];
  const fromLex = (key) => r.pick(vocab[key]);
  const regionPool = data.regions;
  // Regions near the front come up most, as in the news; every region comes up.
  const frequent = [
    "RU-BEL",
    "RU-KRS",
    "RU-BRY",
    "RU-VOR",
    "RU-ROS",
    "RU-KDA",
    "UA-43",
    "UA-63",
    "UA-59",
    "UA-12",
    "UA-14",
    "UA-65",
    "UA-23",
    "UA-48",
    "UA-51",
    "UA-30",
    "UA-32",
  ];
  const regionFor = () => {
    if (!r.chance(0.45)) return r.pick(regionPool);
    const iso = r.pick(frequent);
    return regionPool.find((x) => x.iso === iso);
  };
  const bySettlementRegion = data.settlementsByRegion;
  const settlementIn = (iso) => {
    const list = bySettlementRegion.get(iso);
    let s = list?.length ? r.pick(list) : r.pick(data.settlements);
    // Mostly a name in the text's own script; now and then the Latin name, as reports also do.
    for (let tries = 0; tries < 4 && lang !== "en" && !s.ru && !s.uk; tries++) s = r.pick(list ?? data.settlements);
    return s;
  };
  let region = regionFor();
  const p = { r };
  const ruName = (reg) => (reg.ruNames.length ? r.pick(reg.ruNames) : reg.ruCapital);
  const ukName = (reg) => (reg.ukNames.length ? r.pick(reg.ukNames) : reg.ukCapital);
  p.region = () => region;
  p.newRegion = () => {
    region = regionFor();
    return region;
  };
  p.regionEn = (reg = region) => {
    const bare = reg.enNames.length ? r.pick(reg.enNames) : null;
    if (!bare) return reg.nameEn;
    if (reg.nameEn.includes(bare) && !/Oblast|Krai|Okrug|region/.test(reg.nameEn)) return bare;
    return r.weighted([
      [3, `the ${bare} region`],
      [2, reg.nameEn],
      [1, `${bare} Oblast`],
      [1, `${bare}`],
    ]);
  };
  p.regionRu = (c, reg = region) => decline(ruName(reg) ?? reg.nameEn, c, "ru");
  p.regionUk = (c, reg = region) => decline(ukName(reg) ?? reg.nameEn, c, "uk");
  p.regionLocal = (c, reg = region) => (lang === "en" ? p.regionEn(reg) : lang === "ru" ? p.regionRu(c, reg) : p.regionUk(c, reg));
  let place = settlementIn(region.iso);
  p.newSettlement = () => {
    place = settlementIn(region.iso);
    return place;
  };
  p.settlementName = () =>
    lang === "en" ? place.name : lang === "ru" ? (place.ru ?? place.uk ?? place.name) : (place.uk ?? place.ru ?? place.name);
  p.settlement = () => p.settlementName();
  p.settlementCase = (c) => {
    const name = p.settlementName();
    return /[А-Яа-яЁёІіЇїЄєҐґ]/.test(name) && r.chance(0.8) ? declineWord(name, c, lang) : name;
  };
  /** "в селе Дубовое", "у Харкові", "in the village of Dubovoye". */
  p.inSettlement = () => {
    if (lang === "en") {
      const head = r.pick(SETTLEMENT_HEADS.en);
      return `in ${head ? `${head} ` : ""}${p.settlement()}`;
    }
    const prep = lang === "ru" ? "в" : r.pick(["у", "в"]);
    return r.chance(0.5) ? `${prep} ${r.pick(SETTLEMENT_HEADS[lang])} ${p.settlement()}` : `${prep} ${p.settlementCase("loc")}`;
  };
  p.digits = (lo, hi) => {
    const n = r.int(10 ** (lo - 1), 10 ** hi - 1);
    return lang === "en" ? n.toLocaleString("en") : n.toLocaleString("ru").replace(/\u00a0/g, " ");
  };
  /** A count: digits most of the time, a number word (in some case form) otherwise, sometimes qualified. */
  p.count = (lo = 1, hi = 40) => {
    const n = r.weighted([
      [6, r.int(lo, Math.min(hi, 12))],
      [3, r.int(lo, hi)],
      [1, r.int(lo, hi * 5)],
    ]);
    const asWord = numWords[lang].get(n);
    const text = asWord && r.chance(0.35) ? r.pick(asWord) : String(n);
    const qualifiers = data.numbers.qualifiers;
    if (r.chance(0.15)) {
      const q = r.pick(
        Object.values(qualifiers)
          .flat()
          .filter((w) => (lang === "en" ? /^[a-z]/.test(w) : /[а-яіїє]/.test(w))),
      );
      return { n, text: `${q} ${text}` };
    }
    return { n, text };
  };
  p.weapon = () =>
    r.weighted([
      [6, "drone"],
      [2, "missile"],
      [1, "glide_bomb"],
      [0.5, "artillery"],
    ]);
  p.weaponWords = (w = p.weapon()) =>
    r.chance(0.2) ? fromPattern(r, r.pick(words("munition_plural")), lang) : r.pick(WEAPON_WORDS[lang][w]);
  p.weaponSingular = () => r.pick(WEAPON_SINGULAR[lang]);
  p.intercepted = () => fromLex("interception");
  p.strikeWord = () => fromLex("strike");
  p.target = () => {
    const types = Object.keys(lex.targets);
    return fromPattern(r, r.pick(lex.targets[r.pick(types)]), lang);
  };
  p.targets = (k) => Array.from({ length: k }, () => p.target());
  p.person = () => `${r.pick(FIRST[lang])} ${r.pick(LAST[lang])}`;
  p.official = () => {
    const title = fromLex("official_titles");
    if (r.chance(0.3)) return r.pick(Object.values(lex.official_bodies).flat());
    return `${title} ${p.person()}`;
  };
  const pub = new Date(`${published}T12:00:00Z`);
  const day = new Date(pub.getTime() - (r.chance(0.6) ? 0 : 86400000));
  const d = day.getUTCDate();
  const m = day.getUTCMonth();
  p.date = () => {
    if (lang === "en")
      return r.weighted([
        [3, "overnight"],
        [2, `on ${WEEKDAYS.en[day.getUTCDay()]}`],
        [2, `on ${MONTHS.en[m]} ${d}`],
        [1, `overnight into ${MONTHS.en[m]} ${d}, ${day.getUTCFullYear()}`],
        [1, `on ${d} ${MONTHS.en[m]}`],
        [1, `late on ${WEEKDAYS.en[day.getUTCDay()]}`],
        [1, "early this morning"],
      ]);
    if (lang === "ru")
      return r.weighted([
        [3, `в ночь на ${d} ${MONTHS.ru[m]}`],
        [2, "минувшей ночью"],
        [1, `${d} ${MONTHS.ru[m]}`],
        [1, WEEKDAYS.ru[day.getUTCDay()]],
        [
          1,
          `в период с ${r.int(18, 23)}:00 ${d - 1 > 0 ? d - 1 : d} ${MONTHS.ru[m]} до ${r.int(5, 8)}:00 ${d} ${MONTHS.ru[m]} по московскому времени`,
        ],
        [1, "сегодня утром"],
      ]);
    return r.weighted([
      [3, `у ніч на ${d} ${MONTHS.uk[m]}`],
      [2, "вночі"],
      [1, `${d} ${MONTHS.uk[m]}`],
      [1, WEEKDAYS.uk[day.getUTCDay()]],
      [1, "сьогодні вранці"],
    ]);
  };
  p.filler = () => r.pick(FILLER[lang]);
  p.background = () => r.pick(BACKGROUND[lang])(p);
  p.persons = (n) => {
    const pl = words("persons_plural");
    return `${n} ${r.pick(pl)}`;
  };
  p.noCasualties = () => cap(r.pick(words("no_casualties"))) + ".";
  p.killedWord = () => fromLex("killed");
  p.injuredWord = () => fromLex("injured");
  return p;
}

/** A tally's total: its breakdown, sometimes with a few not broken down. */
const total = (p, counts) => counts.reduce((a, b) => a + b, 0) + (p.r.chance(0.3) ? p.r.int(1, 9) : 0);

/** The sentences of one report, by kind of report. */
const SENTENCES = {
  en: {
    interception: (p) => {
      const n = p.count();
      return p.r.pick([
        () => `Air defences ${p.intercepted()} ${n.text} ${p.weaponWords()} over ${p.regionEn()} ${p.date()}, ${p.official()} said.`,
        () => `${cap(p.date())}, ${n.text} ${p.weaponWords()} were ${p.intercepted()} over ${p.regionEn()}.`,
        () => `According to ${p.official()}, ${n.text} ${p.weaponWords()} were ${p.intercepted()} ${p.inSettlement()} in ${p.regionEn()}.`,
      ])();
    },
    strike: (p) =>
      p.r.pick([
        () => `${cap(p.weaponSingular())} ${p.strikeWord()} ${p.target()} ${p.inSettlement()}, ${p.regionEn()}, ${p.date()}.`,
        () =>
          `Debris from ${p.weaponSingular()} fell on ${p.target()} ${p.inSettlement()}, damaging ${p.targets(p.r.int(1, 3)).join(", ")}.`,
        () => `${cap(p.official())} said ${p.weaponSingular()} ${p.strikeWord()} a ${p.target()} ${p.inSettlement()}.`,
      ])(),
    casualties: (p) =>
      p.r.pick([
        () => `${cap(p.persons(p.count(1, 12).text))} were ${p.injuredWord()}, and ${p.count(1, 5).text} ${p.killedWord()}.`,
        () => `A ${p.r.pick(["woman", "man", "teenager", "child", "driver", "pensioner"])} was ${p.injuredWord()} and taken to hospital.`,
        () => p.noCasualties(),
        () => `${cap(p.count(1, 9).text)} people were ${p.killedWord()} ${p.inSettlement()}.`,
      ])(),
    tally: (p) => {
      const counts = [];
      const parts = Array.from({ length: p.r.int(2, 7) }, () => {
        p.newRegion();
        counts.push(p.count(1, 30).n);
        return `${counts.at(-1)} over ${p.regionEn()}`;
      });
      return `Russian air defence systems ${p.intercepted()} ${total(p, counts)} Ukrainian ${p.weaponWords("drone")} ${p.date()}, the Defence Ministry said: ${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}.`;
    },
    list: (p) =>
      Array.from({ length: p.r.int(2, 6) }, () => {
        p.newRegion();
        p.newSettlement();
        return `${p.r.pick(["•", "-", "—", "*", "▪️"])} ${p.regionEn()}: ${p.count(1, 20).n} ${p.weaponWords()}, ${p.target()} damaged ${p.inSettlement()}`;
      }).join("\n"),
    headline: (p) =>
      p.r.pick([
        () => `${cap(p.weaponWords())} ${p.strikeWord()} ${p.settlement()} in ${p.regionEn()}`,
        () => `${p.count(2, 90).n} drones downed over ${p.regionEn()}, governor says`,
        () => `${p.official()}: ${p.weaponSingular()} hit ${p.target()}`,
      ])(),
  },
  ru: {
    interception: (p) => {
      const n = p.count();
      return p.r.pick([
        () => `${cap(p.date())} над ${p.regionRu("ins")} ${p.intercepted()} ${n.text} ${p.weaponWords()}, сообщил ${p.official()}.`,
        () => `Дежурными средствами ПВО ${p.intercepted()} ${n.text} ${p.weaponWords()} над территорией ${p.regionRu("gen")}.`,
        () => `По словам ${p.official()}, ${p.date()} в ${p.regionRu("loc")} ${p.intercepted()} ${n.text} ${p.weaponWords()}.`,
      ])();
    },
    strike: (p) =>
      p.r.pick([
        () => `${cap(p.inSettlement())} ${p.regionRu("gen")} ${p.weaponSingular()} ${p.strikeWord()} ${p.target()}.`,
        () =>
          `${cap(p.date())} в результате атаки ${p.weaponWords()} ${p.inSettlement()} повреждены ${p.targets(p.r.int(1, 3)).join(", ")}.`,
        () => `${cap(p.strikeWord())} ${p.target()} ${p.inSettlement()}, сообщил ${p.official()}.`,
      ])(),
    casualties: (p) =>
      p.r.pick([
        () => `${cap(p.injuredWord())} ${p.persons(p.count(1, 12).text)}, ${p.killedWord()} ${p.count(1, 5).text}.`,
        () =>
          `${cap(p.injuredWord())} ${p.r.pick(["женщина", "мужчина", "подросток", "ребенок", "водитель", "пенсионерка"])}, ${p.r.pick(["ее", "его"])} доставили в больницу.`,
        () => p.noCasualties(),
        () => `${cap(p.inSettlement())} ${p.killedWord()} ${p.count(1, 6).text} мирных жителей.`,
      ])(),
    tally: (p) => {
      const counts = [];
      const parts = Array.from({ length: p.r.int(2, 8) }, () => {
        p.newRegion();
        counts.push(p.count(1, 30).n);
        return `${counts.at(-1)} — над ${p.regionRu("ins")}`;
      });
      return p.r.chance(0.5)
        ? `${cap(p.date())} дежурными средствами ПВО ${p.intercepted()} ${total(p, counts)} ${p.weaponWords("drone")}: ${parts.slice(0, -1).join(", ")} и ${parts.at(-1)}.`
        : `ПВО ${p.intercepted()} ${total(p, counts)} БПЛА:\n${parts.map((x) => `${p.r.pick(["—", "-", "•"])} ${x};`).join("\n")}`;
    },
    list: (p) =>
      Array.from({ length: p.r.int(2, 6) }, () => {
        p.newSettlement();
        return `${p.r.pick(["—", "-", "•", "▪️", "🔹"])} ${p.inSettlement()}: ${p.target()}, ${p.target()};`;
      }).join("\n"),
    headline: (p) =>
      p.r.pick([
        () => `${cap(p.official())}: ${p.weaponSingular()} ${p.strikeWord()} ${p.target()} ${p.inSettlement()}`,
        () => `Над ${p.regionRu("ins")} ${p.intercepted()} ${p.count(2, 60).n} беспилотников`,
        () => `${p.r.pick(["⚡️", "❗️", "🔴", ""])}${cap(p.strikeWord())} ${p.inSettlement()}`,
      ])(),
  },
  uk: {
    interception: (p) => {
      const n = p.count();
      return p.r.pick([
        () => `${cap(p.date())} над ${p.regionUk("ins")} ${p.intercepted()} ${n.text} ${p.weaponWords()}, повідомив ${p.official()}.`,
        () => `Силами ППО ${p.intercepted()} ${n.text} ${p.weaponWords()} на ${p.regionUk("loc")}.`,
        () => `За словами ${p.official()}, ${p.date()} у ${p.regionUk("loc")} ${p.intercepted()} ${n.text} ${p.weaponWords()}.`,
      ])();
    },
    strike: (p) =>
      p.r.pick([
        () => `${cap(p.inSettlement())} ${p.regionUk("gen")} ${p.weaponSingular()} ${p.strikeWord()} ${p.target()}.`,
        () => `${cap(p.date())} внаслідок атаки ${p.weaponWords()} ${p.inSettlement()} пошкоджено ${p.targets(p.r.int(1, 3)).join(", ")}.`,
        () => `${cap(p.strikeWord())} ${p.target()} ${p.inSettlement()}, повідомив ${p.official()}.`,
      ])(),
    casualties: (p) =>
      p.r.pick([
        () => `${cap(p.injuredWord())} ${p.persons(p.count(1, 12).text)}, ${p.killedWord()} ${p.count(1, 5).text}.`,
        () =>
          `${cap(p.injuredWord())} ${p.r.pick(["жінка", "чоловік", "підліток", "дитина", "водій", "пенсіонерка"])}, її госпіталізували.`,
        () => p.noCasualties(),
        () => `${cap(p.inSettlement())} ${p.killedWord()} ${p.count(1, 6).text} цивільних.`,
      ])(),
    tally: (p) => {
      const counts = [];
      const parts = Array.from({ length: p.r.int(2, 8) }, () => {
        p.newRegion();
        counts.push(p.count(1, 30).n);
        return `${counts.at(-1)} — ${p.regionUk("nom")}`;
      });
      const shot = total(p, counts);
      return `${cap(p.date())} противник атакував ${shot + p.r.int(0, 20)} ${p.weaponWords("drone")}. Збито/подавлено ${shot}:\n${parts.map((x) => `${p.r.pick(["—", "-", "•"])} ${x};`).join("\n")}`;
    },
    list: (p) =>
      Array.from({ length: p.r.int(2, 6) }, () => {
        p.newSettlement();
        return `${p.r.pick(["—", "-", "•", "▪️", "🔸"])} ${p.inSettlement()}: ${p.target()}, ${p.target()};`;
      }).join("\n"),
    headline: (p) =>
      p.r.pick([
        () => `${cap(p.official())}: ${p.weaponSingular()} ${p.strikeWord()} ${p.target()} ${p.inSettlement()}`,
        () => `Над ${p.regionUk("ins")} ${p.intercepted()} ${p.count(2, 60).n} дронів`,
        () => `${p.r.pick(["⚡️", "❗️", "🔴", ""])}${cap(p.strikeWord())} ${p.inSettlement()}`,
      ])(),
  },
};

const KINDS = ["wire", "governor", "tally", "telegram"];

function generateReport(r, data, numWords, id) {
  const lang = r.weighted([
    [4, "ru"],
    [3, "uk"],
    [3, "en"],
  ]);
  const y = r.int(2023, 2025);
  const published = new Date(Date.UTC(y, r.int(0, 11), r.int(1, 28))).toISOString().slice(0, 10);
  const kind = r.pick(KINDS);
  const p = writerFor(r, data, numWords, lang, published);
  const s = SENTENCES[lang];
  // Sizes like real reports: mostly short, a long tail of long articles.
  const targetChars = Math.round(Math.exp(r.next() * 2.6 + 5.6)); // ≈ 270 … 3,700 characters, median ≈ 1,000
  const lines = [];
  const headline = s.headline(p);
  if (r.chance(0.7)) lines.push(headline);
  if (kind === "wire" && r.chance(0.5))
    lines.push(lang === "en" ? `KYIV/MOSCOW, ${p.date()} (Reuters) -` : lang === "ru" ? "МОСКВА, /ТАСС/." : "КИЇВ. /Укрінформ/.");
  let chars = 0;
  const mix =
    kind === "tally"
      ? [
          [4, "tally"],
          [2, "interception"],
          [1, "strike"],
          [1, "filler"],
        ]
      : [
          [2, "interception"],
          [3, "strike"],
          [2, "casualties"],
          [1, "list"],
          [1, "filler"],
          [2, "background"],
        ];
  while (chars < targetChars) {
    const paragraph = [];
    const n = r.int(1, 5);
    if (r.chance(0.4)) p.newRegion();
    p.newSettlement();
    for (let k = 0; k < n; k++) {
      const what = r.weighted(mix);
      const sentence = what === "filler" ? p.filler() : what === "background" ? p.background() : s[what](p);
      paragraph.push(what === "list" || sentence.includes("\n") ? `\n${sentence}\n` : sentence);
    }
    let text = paragraph.join(" ").replace(/ ?\n ?/g, "\n");
    if (kind === "telegram" && r.chance(0.5)) text = `${r.pick(["⚡️", "❗️", "🔴", "‼️", "🚨"])} ${text}`;
    if (kind === "governor" && r.chance(0.3))
      text = `«${text}», — ${lang === "en" ? "said" : lang === "ru" ? "написал" : "написав"} ${p.official()}.`;
    lines.push(text.trim());
    chars += text.length;
  }
  if (kind === "telegram" && r.chance(0.6))
    lines.push(`#${p.settlement().replace(/[\s'-]+/g, "")} #${lang === "en" ? "drones" : lang === "ru" ? "БПЛА" : "БпЛА"}`);
  const text = lines.join(r.chance(0.5) ? "\n" : "\n\n") + "\n";
  const meta = { id, url: `https://bench.invalid/reports/${id}`, title: headline, published, language: lang, kind };
  return { id, text, meta };
}

// ---------------------------------------------------------------------------------------------

/** Generates the corpus in memory: reports until `megabytes` MiB of UTF-8 text. */
export function generateReports({ seed = 1, megabytes = 11 } = {}) {
  const data = readData();
  data.settlementsByRegion = new Map();
  for (const s of data.settlements) {
    if (!data.settlementsByRegion.has(s.region)) data.settlementsByRegion.set(s.region, []);
    data.settlementsByRegion.get(s.region).push(s);
  }
  data.vocab = Object.fromEntries(
    ["en", "ru", "uk"].map((l) => [
      l,
      Object.fromEntries(
        ["interception", "strike", "killed", "injured", "official_titles"].map((k) => [k, categoryWords(data.lexicon, l, k)]),
      ),
    ]),
  );
  const numWords = numberWords(data.numbers);
  const r = makeRandom(seed);
  const reports = [];
  const seen = new Set();
  let bytes = 0;
  while (bytes < megabytes * MIB) {
    const id = String(reports.length + 1).padStart(5, "0");
    const report = generateReport(r, data, numWords, id);
    const key = createHash("sha1").update(report.text).digest("hex");
    if (seen.has(key)) continue; // never happens in practice; the corpus promises distinct texts
    seen.add(key);
    reports.push(report);
    bytes += Buffer.byteLength(report.text);
  }
  return { reports, bytes };
}

/**
 * The corpus on disk in `dir` (default .bench-cache/reports), generated once for a seed, size,
 * generator version and data hash, and reused while they are unchanged.
 */
export function ensureCorpus({ seed = 1, megabytes = 11, dir = join(root, ".bench-cache", "reports") } = {}) {
  const key = { seed, megabytes, generator: GENERATOR_VERSION, data: dataHash() };
  const manifestPath = join(dir, "manifest.json");
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    if (JSON.stringify(manifest.key) === JSON.stringify(key)) return { dir, reused: true, ...manifest };
    // A stale corpus of this generator: remove only the files it wrote.
    for (const f of readdirSync(dir)) if (/^\d+\.(txt|meta\.json)$/.test(f)) rmSync(join(dir, f));
    rmSync(manifestPath);
  } else if (existsSync(dir) && readdirSync(dir).length) {
    throw new Error(`${dir} is not empty and has no manifest.json from this generator; choose another --out folder or empty it.`);
  }
  const t = process.hrtime.bigint();
  const { reports, bytes } = generateReports({ seed, megabytes });
  mkdirSync(dir, { recursive: true });
  const fingerprint = createHash("sha256");
  for (const { id, text, meta } of reports) {
    writeFileSync(join(dir, `${id}.txt`), text);
    writeFileSync(join(dir, `${id}.meta.json`), JSON.stringify(meta) + "\n");
    fingerprint.update(text);
  }
  const manifest = { key, reports: reports.length, bytes, fingerprint: fingerprint.digest("hex").slice(0, 16) };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 1) + "\n");
  return { dir, reused: false, seconds: Number(process.hrtime.bigint() - t) / 1e9, ...manifest };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes("--help")) {
    console.log(
      "usage: node scripts/bench/generate-reports.mjs [--seed N] [--mb N] [--out DIR]\n" +
        "  writes ID.txt + ID.meta.json report texts (en/ru/uk) until N MiB (default 11) into DIR (default .bench-cache/reports);\n" +
        "  the same seed, size and data files give the same texts, and an existing corpus with the same key is reused.",
    );
    process.exit(0);
  }
  const value = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const result = ensureCorpus({
    seed: Number(value("--seed", 1)),
    megabytes: Number(value("--mb", 11)),
    dir: value("--out") ? resolve(value("--out")) : undefined,
  });
  console.log(
    `${result.reused ? "reused" : `generated in ${result.seconds.toFixed(1)} s`}: ${result.reports} reports, ${(result.bytes / MIB).toFixed(1)} MB in ${result.dir} (fingerprint ${result.fingerprint})`,
  );
}
