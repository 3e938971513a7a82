// Which of a Ukrainian place's GeoNames alternate names are its Ukrainian and its Russian name.
// GeoNames' country dump gives one comma list of alternates with no language flags (Belarusian,
// Bulgarian, Serbian, Tatar, historic and colloquial names side by side), so the names are chosen
// by rules that hold for the whole list (used by scripts/build-gazetteer.mjs):
//   - a Cyrillic form counts only in the Russian–Ukrainian alphabet, and a phrase only if its later
//     words are capitalised or particles ("Кривий Ріг", "Ростов-на-Дону"; not "Город миллиона роз");
//   - Ukrainian: no ы э ъ ё; the form whose Ukrainian romanisation is nearest the main name, which
//     GeoNames writes in the Ukrainian national romanisation (Кременчук, not Кремінчук);
//   - Russian: no і ї є ґ or apostrophe; the form nearest the Ukrainian name by a distance in
//     which the regular Ukrainian–Russian correspondences (і/и/о/е, и/ы, є/е, soft sign, doubled
//     letters, a final г/к) cost little; not a Belarusian-looking one (э after a consonant), not a
//     case form or a clipped form of another, not one that merely drops a soft sign of another
//     (Bulgarian "Харков" beside "Харьков"), never a far one (historic Александровск, Верноленинск);
//     the Ukrainian name itself when nothing is closer than an ordinary difference.
import { romanise } from "../extract/transliterate.js";

const RU_UK_FORM = /^[А-ЯЁІЇЄҐа-яёіїєґ'’ʼ -]+$/u;
const PARTICLE = /^(на|над|под|під|при|у|в|біля|де|ла|ле)$/u;
const RU_ONLY = /[ыэъё]/iu;
const UK_ONLY = /[іїєґ'’ʼ]/iu;

/** The alternates written in the Russian–Ukrainian alphabet as names (not Belarusian, Serbian, Tatar, not phrases). */
export function cyrillicNameForms(alternates: string[]): string[] {
  const out: string[] = [];
  for (const raw of alternates) {
    const a = raw
      .normalize("NFC")
      .replace(/[\u0301\u0300]/g, "")
      .trim();
    if (a.length < 2 || !RU_UK_FORM.test(a)) continue;
    // Mixed letters ("Жытомір", "Кривый Ріг") are Belarusian or broken.
    if (RU_ONLY.test(a) && /[іїєґ]/iu.test(a)) continue;
    const words = a.split(" ");
    if (!/^\p{Lu}/u.test(words[0])) continue;
    if (words.slice(1).some((w) => !/^\p{Lu}/u.test(w) && !PARTICLE.test(w))) continue;
    if (!out.includes(a)) out.push(a);
  }
  return out;
}

/** Levenshtein distance (unweighted), for romanisations. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

const latinKey = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f'’ʼ]/g, "")
    .replace(/[\s-]+/g, " ");

/** The Ukrainian name: the form whose Ukrainian romanisation is nearest GeoNames' main name ("" when none is near). */
export function chooseUkrainianName(mainName: string, asciiName: string, forms: string[]): string {
  let best = "";
  let bestScore = Number.POSITIVE_INFINITY;
  const targets = [latinKey(mainName), latinKey(asciiName)];
  for (const form of forms) {
    if (RU_ONLY.test(form)) continue;
    const latin = latinKey(romanise(form, "uk"));
    const d = Math.min(...targets.map((t) => levenshtein(latin, t)));
    // Ties: the form with Ukrainian letters (Харків over a Russian-looking Харкив), then the shorter.
    // Ties (romanisation drops ь and apostrophes): the form with Ukrainian letters or softness, not
    // a Russian soft sign, then the longer one (Луганськ over Луганск, Керч over Керчь, Умань over Уман).
    const score =
      d -
      (UK_ONLY.test(form) ? 0.1 : 0) -
      (UKRAINIAN_SOFTNESS.test(form) ? 0.1 : 0) +
      (RUSSIAN_SOFT_SIGN.test(form) ? 0.1 : 0) -
      form.length / 1000;
    if (score < bestScore) {
      bestScore = score;
      best = form;
    }
  }
  return best && bestScore <= Math.max(2, 0.35 * targets[0].length) ? best : "";
}

// Pairs of letters that stand for each other between Ukrainian and Russian spellings of one name.
const CHEAP: Record<string, string> = {
  і: "иоеы",
  и: "ыоі",
  ї: "иеі",
  є: "еэ",
  е: "эиє",
  г: "г",
  "'": "ьъ",
  "’": "ьъ",
  ʼ: "ьъ",
};
const SOFT = new Set(["ь", "ъ", "'", "’", "ʼ"]);
const FINAL_VOICING: Record<string, string> = {
  к: "г",
  г: "к",
  т: "д",
  д: "т",
  с: "з",
  з: "с",
  п: "б",
  б: "п",
  ф: "в",
  в: "ф",
  ш: "ж",
  ж: "ш",
};

/** A distance between a Ukrainian and a Russian spelling in which regular correspondences cost little. */
export function crossSpellingDistance(ukName: string, ruName: string): number {
  const a = ukName.toLowerCase();
  const b = ruName.toLowerCase();
  const wordEnd = (s: string, i: number) => i >= s.length || s[i] === " " || s[i] === "-";
  const indel = (s: string, i: number) => {
    const c = s[i];
    if (SOFT.has(c)) return 0.3;
    // Adjective endings: Нова / Новая, Горішні / Горишние, Вишневе / Вишнёвое.
    if (s === b && wordEnd(s, i + 1) && ((c === "я" && s[i - 1] === "а") || (c === "е" && "иы".includes(s[i - 1])))) return 0.3;
    if (s === b && c === "о" && s[i + 1] === "е" && wordEnd(s, i + 2)) return 0.3;
    // A doubled letter (Одеса / Одесса, Запоріжжя / Запорожье).
    if (c === s[i - 1] || c === s[i + 1]) return 0.4;
    return 1;
  };
  const sub = (x: string, y: string, atEnd: boolean, atStart: boolean, prevA: string) => {
    if (x === y) return 0;
    if (CHEAP[x]?.includes(y)) return 0.4;
    // Чорн- / Черн- (Чорноморськ / Черноморск, Чорнобиль / Чернобыль).
    if (x === "о" && y === "е" && "чжш".includes(prevA)) return 0.4;
    // Word-initial О/А (Олександрія / Александрия, Охтирка / Ахтырка).
    if (atStart && x === "о" && y === "а") return 0.5;
    if (atEnd && FINAL_VOICING[x] === y) return 0.5;
    // Neuter -е / -о (Синельникове / Синельниково).
    if (atEnd && x === "е" && y === "о") return 0.4;
    return 1;
  };
  let prev = [0];
  for (let j = 1; j <= b.length; j++) prev[j] = prev[j - 1] + indel(b, j - 1);
  for (let i = 1; i <= a.length; i++) {
    const cur = [prev[0] + indel(a, i - 1)];
    for (let j = 1; j <= b.length; j++) {
      const atEnd = (i === a.length || a[i] === " " || a[i] === "-") && (j === b.length || b[j] === " " || b[j] === "-");
      cur[j] = Math.min(
        prev[j] + indel(a, i - 1),
        cur[j - 1] + indel(b, j - 1),
        prev[j - 1] + sub(a[i - 1], b[j - 1], atEnd, i === 1 && j === 1, a[i - 2] ?? ""),
      );
    }
    prev = cur;
  }
  return prev[b.length];
}

/** A distance beyond which two spellings are different names, not one name in two languages. */
export function farLimit(name: string): number {
  return Math.max(1.5, 0.34 * name.length);
}

const CASE_ENDING = /(ами|ями|ому|ого|ой|ою|ую|ом|ем|ей|ах|ях|е|у|ю)$/u;

/** Whether `form` is a case form or a clipped form of another name in `others` ("Одессе", "Полтав" beside "Полтава"). */
function isInflectedOrClipped(form: string, others: string[]): boolean {
  const lower = form.toLowerCase();
  const base = lower.replace(CASE_ENDING, "");
  return others.some((o) => {
    const other = o.toLowerCase();
    if (other === lower) return false;
    return base !== lower && base.length >= 3 && other.startsWith(base) && other.length <= lower.length + 1 && !CASE_ENDING.test(other);
  });
}

/** Belarusian-looking: э after a consonant (Адэса, Крэмэнчук), as Russian writes е there. */
const BELARUSIAN_E = /[бвгджзклмнпрстфхцчшщ]э/iu;
/** Spellings Russian does not have: жы/шы, чя/щя, ы before a vowel (Belarusian Жытомир, Марыупаль); кы/гы/хы (Кыив). */
const NOT_RUSSIAN = /[жшчщ]ы|[чщ][яю]|ы[аоуэ]|[кгх]ы|ци(?=$|[\s-])/iu;
/** A soft sign Ukrainian does not write: after ж ч ш щ (Керчь), or before a consonant other than к. */
const RUSSIAN_SOFT_SIGN = /[жчшщ]ь/iu;
/** Ukrainian softness Russian does not write: "-ськ", "-цьк", "-ць" (Бердянськ, Марганець). */
const UKRAINIAN_SOFTNESS = /[сзц]ьк|ьск|ць(?=$|[\s-])/iu;

/** The Ukrainian name letter by letter in Russian letters ("Львив", "Днипро"): a transliteration, not the Russian name. */
function lettersOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[іїи]/g, "и")
    .replace(/[єеэ]/g, "е")
    .replace(/['’ʼьъй]/g, "");
}

/** The Russian name of a place whose Ukrainian name is `ukName`, among its Cyrillic forms ("" when none). */
export function chooseRussianName(ukName: string, forms: string[], mainName = ""): string {
  const russian = forms.filter((f) => !UK_ONLY.test(f));
  if (!ukName) {
    // No Ukrainian name to compare with: the form nearest the main name in Russian romanisation.
    const target = latinKey(mainName);
    let found = "";
    let least = Number.POSITIVE_INFINITY;
    for (const f of russian) {
      const d = levenshtein(latinKey(romanise(f, "ru")), target) + (BELARUSIAN_E.test(f) ? 1 : 0);
      if (d < least) {
        least = d;
        found = f;
      }
    }
    return found && least <= Math.max(2, 0.35 * target.length) ? found : "";
  }
  const reference = ukName;
  const candidates = russian.filter(
    (f) =>
      f !== ukName &&
      // Pre-1918 spelling ("Житомиръ").
      !/ъ$/u.test(f) &&
      // Bulgarian (or careless) spellings drop the soft sign: "Харков" beside "Харьков".
      !russian.some(
        (o) => o !== f && !UKRAINIAN_SOFTNESS.test(o) && /ь(?=[бвгджзклмнпрстфхцчшщ]|$)/u.test(o) && o.replace(/ь/g, "") === f,
      ) &&
      !isInflectedOrClipped(f, [...russian, ukName].filter(Boolean)),
  );
  let best = "";
  let bestScore = Number.POSITIVE_INFINITY;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const f of candidates) {
    const distance = crossSpellingDistance(reference, f);
    let score = distance;
    if (BELARUSIAN_E.test(f)) score += 1;
    if (NOT_RUSSIAN.test(f)) score += 1;
    if (UKRAINIAN_SOFTNESS.test(f)) score += 0.6;
    if ((UK_ONLY.test(reference) || UKRAINIAN_SOFTNESS.test(reference)) && lettersOf(f) === lettersOf(reference)) score += 0.8;
    if (score < bestScore || (score === bestScore && f.length < best.length)) {
      bestScore = score;
      bestDistance = distance;
      best = f;
    }
  }
  const limit = farLimit(reference);
  // The Ukrainian spelling is the Russian one too unless another form differs only as the languages do.
  const same = russian.includes(ukName);
  // A Ukrainian name with Ukrainian softness or a Ukrainian adjective ending (Шахтарськ,
  // Хрустальний) is not also the Russian one; others may be (Полтава, Херсон, Бахмут).
  const ukrainianLooking = UKRAINIAN_SOFTNESS.test(ukName) || /н[иі]й(?=$|[\s-])/u.test(ukName);
  if (same && !ukrainianLooking && bestScore >= 1) return ukName;
  if (best && bestDistance <= limit) return best;
  return same && !ukrainianLooking ? ukName : "";
}

/** The forms that are another name of the place than its Ukrainian or Russian one (historic, far): kept for lookups, not shown. */
export function isFarForm(form: string, ukName: string, ruName: string): boolean {
  const d = Math.min(
    ukName ? crossSpellingDistance(ukName, form) : Number.POSITIVE_INFINITY,
    ruName ? crossSpellingDistance(ruName, form) : Number.POSITIVE_INFINITY,
  );
  return d > farLimit(ukName || ruName || form);
}
