// Who says so: an official with title and name ("губернатор Белгородской области Вячеслав
// Гладков" → "Governor Vyacheslav Gladkov") or a body ("Минобороны" → "Russian Ministry of Defence").
import type { LanguageCode } from "../model/incident.js";
import type { Lexicon } from "./lexicon.js";
import { nominativeWord, titleCase } from "./name-case.js";
import type { Token } from "./text/tokens.js";
import { transliterate } from "./transliterate.js";

export interface OfficialMention {
  /** English rendering: "Governor Vyacheslav Gladkov", "Russian Ministry of Defence". */
  name: string;
  /** Surname, to recognise later bare mentions ("Гладков сообщил"). */
  surname: string | null;
  start: number;
}

/** Ukrainian administrations a "голова"/"начальник" heads. */
const ADMINISTRATIONS: Record<string, string> = {
  ова: "regional military administration",
  ода: "regional state administration",
  мва: "city military administration",
  рва: "district military administration",
  // Spelled out: "начальник міської військової адміністрації", "голова обласної державної адміністрації".
  обласної: "regional military administration",
  міської: "city military administration",
  районної: "district military administration",
};

/** The English title of a title word (the pack's title_words: "губернатора" → "Governor"), the first group that has it. */
function englishTitle(lex: Lexicon, lower: string): string | undefined {
  for (const [title, words] of lex.titleWords) if (words.has(lower)) return title;
  return undefined;
}

function romanise(name: string, language: LanguageCode): string {
  return /[\u0400-\u04ff]/.test(name) ? transliterate(name, language === "uk" ? "uk" : "ru") : name;
}

export function findOfficials(tokens: Token[], text: string, lex: Lexicon, known: OfficialMention[]): OfficialMention[] {
  const out: OfficialMention[] = [];
  for (const m of lex.officialBodies.findAll(tokens)) {
    // («Они ликвидированы силами ПВО Министерства обороны», Богомаз: the ministry's forces downed them; the governor says so.)
    if (lex.forcesOfBody.has(tokens[m.first - 1]?.lower ?? "")) continue;
    out.push({ name: m.label, surname: null, start: tokens[m.first].start });
  }
  for (const m of lex.officialTitles.findAll(tokens)) {
    let title = englishTitle(lex, tokens[m.first].lower);
    if (!title) continue;
    // "врио губернатора", "acting governor", "т.в.о. голови": the office held for now.
    const acting = lex.actingTitle.has(tokens[m.first - 1]?.lower ?? "");
    if (acting && title === "Governor") title = "Acting Governor";
    // "міський голова Андрій Садовий", "городской глава": the mayor.
    if (title === "Head" && lex.cityAdjective.has(tokens[m.first - 1]?.lower ?? "")) title = "Mayor";
    // Skip the region part ("of the Belgorod region", "Белгородской области", "Запорізької ОВА").
    let k = m.last + 1;
    let skipped = 0;
    let body: string | null = null; // "голова Дніпропетровської ОВА": whose head
    let region = false; // "глава Тульской области": a Russian region's head is its governor
    while (
      k < tokens.length &&
      skipped < 6 &&
      (lex.titleSkip.has(tokens[k].lower) ||
        isRegionWord(tokens[k], lex) ||
        // ("head of the Kursk region": the region's name before its region word.)
        (tokens[k].capital && tokens[k + 1]?.capital === false && lex.regionAfterTitle.has(tokens[k + 1].lower)) ||
        ADMINISTRATIONS[tokens[k].lower] ||
        lex.administrationWords.has(tokens[k].lower))
    ) {
      body ??= ADMINISTRATIONS[tokens[k].lower] ?? null;
      if (lex.ofRegion.has(tokens[k].lower)) region = true;
      if (title === "Head" && lex.ofCity.has(tokens[k].lower)) title = "Mayor"; // "глава города": the mayor
      if (body && tokens[k].lower === "державної") body = body.replace("military", "state");
      k++;
      skipped++;
    }
    const nameTokens: Token[] = [];
    while (k < tokens.length && nameTokens.length < 3 && tokens[k].capital && !tokens[k].digits) {
      if (nameTokens.length && !/^\s+$/.test(text.slice(tokens[k - 1].end, tokens[k].start))) break;
      nameTokens.push(tokens[k]);
      k++;
    }
    // "Губернатор Севастополя Михаил Развожаев": three capitalised words without a patronymic in the
    // middle start with the place governed.
    if (nameTokens.length === 3 && !lex.patronymicEndings.some((e) => nameTokens[1].lower.endsWith(e))) nameTokens.shift();
    const namedAfter = nameTokens.length >= 2 || (nameTokens.length === 1 && known.some((o) => o.surname === nameTokens[0].lower));
    const namedBefore = namedAfter ? null : nameBefore(tokens, text, m.first, lex);
    if (namedAfter) {
      const nameCase = titleCase(tokens[m.first].lower, lex.language);
      const raw = nameTokens.map((t) => nominativeWord(t.text, nameCase, lex.language)).join(" ");
      const person = romanise(raw, lex.language);
      if (title === "Head" && region && !body) title = "Governor";
      out.push({
        name: title === "Head" && body ? `${person}, head of the ${body}` : `${title} ${person}`,
        surname: nameTokens[nameTokens.length - 1].lower,
        start: tokens[m.first].start,
      });
    } else if (namedBefore) {
      // "Roman Starovoit, governor of the Kursk oblast, said", "Вячеслав Гладков, губернатор области,".
      const named = namedBefore;
      if (title === "Head" && region && !body) title = "Governor";
      const person = romanise(named.map((t) => t.text).join(" "), lex.language);
      out.push({
        name: title === "Head" && body ? `${person}, head of the ${body}` : `${title} ${person}`,
        surname: named[named.length - 1].lower,
        start: named[0].start,
      });
    } else if (title === "Head" && body && known.some((o) => o.name.endsWith(`, head of the ${body}`))) {
      // «за інформацією голови ОВА» after «голова Львівської ОВА Максим Козицький»: the head named before.
      const named = known.filter((o) => o.name.endsWith(`, head of the ${body}`)).pop() as OfficialMention;
      out.push({ name: named.name, surname: named.surname, start: tokens[m.first].start });
    } else if (/^(regional|the)$/.test(tokens[m.first - 1]?.lower ?? "") || title === "Governor") {
      out.push({
        name: title === "Governor" ? "the regional governor" : `the ${title.toLowerCase()}`,
        surname: null,
        start: tokens[m.first].start,
      });
    }
  }
  // A statement signed with a dash and a name ("…, — Володимир Когут."): that person said it.
  const last = tokens.length - 1;
  if (
    last >= 1 &&
    tokens[last].capital &&
    tokens[last - 1].capital &&
    /[—–]\s*$/.test(text.slice(tokens[last - 2]?.end ?? 0, tokens[last - 1].start))
  ) {
    const raw = `${tokens[last - 1].text} ${tokens[last].text}`;
    if (/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u.test(raw) && !out.some((o) => o.surname === tokens[last].lower))
      out.push({ name: romanise(raw, lex.language), surname: tokens[last].lower, start: tokens[last - 1].start });
  }
  // Bare surnames of officials named earlier ("Gladkov's statement", "Гладков сообщил").
  // (Each surname's stem is cut once, not once per word of the sentence.)
  const knownStems = known.map((o) => o.surname?.slice(0, -1) ?? "");
  for (const t of tokens) {
    const stemSurname = known.find(
      (o, k) => o.surname && (t.lower === o.surname || (t.lower.length > 4 && t.lower.startsWith(knownStems[k]) && t.capital)),
    );
    if (stemSurname && !out.some((o) => o.surname === stemSurname.surname)) {
      out.push({ name: stemSurname.name, surname: stemSurname.surname, start: t.start }); // a literal, not a spread: one hidden class for every mention
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A first name and surname standing before the title with a comma between: "Roman Starovoit, [the] governor of …". */
function nameBefore(tokens: Token[], text: string, titleAt: number, lex: Lexicon): Token[] | null {
  let j = titleAt - 1;
  // "Alexander Drozdenko, the Leningrad region's governor": past the region told before the title.
  if (/^(region's|oblast's|province's)$/.test(tokens[j]?.lower ?? "") && tokens[j - 1]?.capital) j -= 2;
  if (/^(the|regional)$/.test(tokens[j]?.lower ?? "")) j--;
  if (j < 1 || !/^\s*,\s*$/.test(text.slice(tokens[j].end, tokens[j + 1].start))) return null;
  const [first, last] = [tokens[j - 1], tokens[j]];
  if (!first.capital || !last.capital || first.digits || last.digits || lex.notFirstName.has(first.lower)) return null;
  if (!/^ $/.test(text.slice(first.end, last.start)) || !/^\p{Lu}\p{Ll}+$/u.test(first.text) || !/^\p{Lu}\p{Ll}+$/u.test(last.text))
    return null;
  // Not the end of a longer run of capitals ("the Black Sea Fleet, the commander …").
  if (tokens[j - 2]?.capital && /^ $/.test(text.slice(tokens[j - 2].end, first.start))) return null;
  // Nor a place after its preposition ("shot down over Krasnaya Yaruga, the governor said").
  if (lex.placeBeforeTitle.has(tokens[j - 2]?.lower ?? "")) return null;
  return [first, last];
}

// The region's adjective stays a pattern here: «-ск» with up to three letters after it is no list of endings.
function isRegionWord(t: Token, lex: Lexicon): boolean {
  return (
    /^(\p{Lu}\p{L}+(ской|ская|ського|ської|ській|ська|ского|ском|ск\p{L}{0,3}|цкой|цької|зької))$/u.test(t.text) ||
    lex.regionAfterTitle.has(t.lower)
  );
}
