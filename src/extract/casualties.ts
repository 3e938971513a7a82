// Casualty statements of one sentence: "a woman was injured" → injured 1, "погибли трое" →
// killed 3, "пострадал 21 человек", "никто не пострадал" → 0 and 0, "є постраждалі" → unknown.
import { isMoreWord, type Lexicon } from "./lexicon.js";
import type { NumberMention } from "./numbers.js";
import type { Token } from "./text/tokens.js";

export interface CasualtyFacts {
  /** undefined: not mentioned; null: mentioned without a number; else the number. */
  killed?: number | null;
  injured?: number | null;
  /** The text says nobody was hurt (applies to every incident of the statement). */
  nobodyHurt: boolean;
  /** Offset of the first casualty word, to tell which place of the sentence it belongs to. */
  at?: number;
  /** The same for the killed and for the injured ("One was killed in A and two were injured in B"). */
  killedAt?: number;
  injuredAt?: number;
  /** Figures told for further places without the verb ("… and one in Druzhkivka"). */
  further?: EllipticCasualty[];
  /** "Ещё три человека обратились …", "+1 постраждала жінка", "A further eight people": people added to those told before. */
  additive?: boolean;
  /** "Также пострадал подросток": the people are others than those told before, even as many ("ещё 74" may restate the 74). */
  furtherPeople?: boolean;
  /** "died in hospital", "скончался от ранений": the dead were among the injured told before (guide: they count as killed, not injured). */
  ofWounds?: boolean;
  /** "One of the injured died in hospital", «Один из раненых скончался»: the dead are more dead, and fewer injured, than told before. */
  diedOfInjured?: boolean;
  /** The kinds whose figure is a number told in the sentence ("пострадали два человека"), not a single-victim word nor a part. */
  numbered?: Array<"killed" | "injured">;
  /** "по одній людині поранено в A та B", "one each": the figure holds for each place after its casualty word. */
  eachKinds?: Array<"killed" | "injured">;
  /** "No casualties in A, while in B two were injured": offset of the denial, told for the place of its own clause. */
  deniedAt?: number;
}

/**
 * CasualtyFacts with every field present (undefined until told) in one order: facts whose fields
 * were added as found took a hidden class per combination, and sent the optimised code that reads
 * them back to the compiler.
 */
export function noCasualtyFacts(): CasualtyFacts {
  return {
    killed: undefined,
    injured: undefined,
    nobodyHurt: false,
    at: undefined,
    killedAt: undefined,
    injuredAt: undefined,
    further: undefined,
    additive: undefined,
    furtherPeople: undefined,
    ofWounds: undefined,
    diedOfInjured: undefined,
    numbered: undefined,
    eachKinds: undefined,
    deniedAt: undefined,
  };
}

/** "killed two people in Kostiantynivka and one in Druzhkivka": the "one" of Druzhkivka. */
export interface EllipticCasualty {
  kind: "killed" | "injured";
  value: number;
  mention: NumberMention;
  /** Offset of the place the figure is told for (the word after its preposition). */
  placeAt: number;
  /** "one each in Kostiantynivka and Siversk": the figure holds for every place from placeAt on. */
  each: boolean;
  /** "Загинули 3 людини: двоє в A та одна в B": a part of the total told before a colon. */
  breakdown?: boolean;
}

/** "a woman who was wounded …", "чоловік, якого вчора поранило": a relative clause that describes the dead. */
const RELATIVE = /^(who|whom|that|which|котор\p{L}*|як\p{L}{1,3}|який|яка|які)$/u;
/**
 * Offset ranges of the attribution asides of the text between two offsets: ", по данным мэра,",
 * ", according to the governor,", ", за попередніми даними," (the pack's attribution_* words), set off
 * by commas between a casualty word and its figure, are no part of either clause.
 */
function attributionAsides(text: string, from: number, to: number, lex: Lexicon): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const m of text.slice(from, to).matchAll(lex.attributionAside)) ranges.push([from + m.index, from + m.index + m[0].length]);
  return ranges;
}

/**
 * ", aged 54 and 61,", ", віком 45 років,": the ages of the people named before, set off by commas
 * (offset ranges from comma to comma, as attributionAsides).
 */
function ageAsides(tokens: Token[], text: string, lex: Lexicon): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const m of lex.ageBefore.findAll(tokens)) {
    if (m.first === 0) continue;
    const before = text.slice(tokens[m.first - 1].end, tokens[m.first].start);
    if (!/^\s*,\s*$/u.test(before)) continue;
    let k = m.last + 1;
    let ages = 0;
    while (k < tokens.length && tokens[k].digits) {
      ages++;
      k++;
      if (k + 1 < tokens.length && tokens[k + 1].digits && (lex.conjunction.has(tokens[k].lower) || tokens[k].lower === "&")) k++;
      else if (k < tokens.length && tokens[k].digits && /^\s*,\s*$/u.test(text.slice(tokens[k - 1].end, tokens[k].start))) continue;
      else break;
    }
    if (!ages) continue;
    if (k < tokens.length && lex.ageYears.has(tokens[k].lower)) k++;
    if (k < tokens.length && lex.ageYearsAfter.has(tokens[k].lower)) k++;
    if (k >= tokens.length) continue;
    const after = text.slice(tokens[k - 1].end, tokens[k].start);
    if (!/^\s*,\s*$/u.test(after)) continue;
    ranges.push([tokens[m.first - 1].end + before.indexOf(","), tokens[k - 1].end + after.indexOf(",") + 1]);
  }
  return ranges;
}

interface Candidate {
  value: number;
  score: number;
  mention: NumberMention;
}

/** "three more", "two others", "ещё двое", "ще трьом": people besides those counted before. */
function furtherPeople(n: NumberMention, tokens: Token[], lex: Lexicon): boolean {
  return lex.moreBefore.has(tokens[n.first - 1]?.lower ?? "") || lex.moreAfter.has(tokens[n.last + 1]?.lower ?? "");
}

/** Token ranges of subset clauses ("среди них трое детей", "among them two children"). */
function inSubset(tokens: Token[], index: number, lex: Lexicon, text: string): boolean {
  for (let back = 1; back <= 5 && index - back >= 0; back++) {
    const m = lex.subset.matchAt(tokens, index - back);
    if (m && m.last < index) {
      // The subset phrase must be in the same clause as the cue.
      // ", and injuring 64" after "including three children" is a new clause.
      const between = text.slice(tokens[m.last].end, tokens[index].start);
      // So is ", were killed" after "A total of 12 people, including five children": the comma closes the subset.
      // "Зокрема у Слов'янську загинули двоє": a breakdown by place, not a subset of the people.
      if (!/[.;,]/u.test(between) && !placeFollows(tokens, m.last + 1, lex)) return true;
    }
  }
  return false;
}

/** "у Слов'янську", "in Kramatorsk": a place preposition and a capitalised name at `at`. */
function placeFollows(tokens: Token[], at: number, lex: Lexicon): boolean {
  return lex.tollPlacePreposition.has(tokens[at]?.lower ?? "") && !!tokens[at + 1]?.capital;
}

const ARTICLES = /^(a|an|the|his|her|their)$/u;

/**
 * People counted in a list joined by "and" or commas, starting at token `from`: "водія та двох
 * пасажирок" → 3, "a man and two women" → 3, "мужчина, женщина и ребенок" → 3. Each item is a
 * count and a person word, or a single person; undefined unless there are two items or more, or
 * when an item's size is not told ("мужчина и дети").
 */
function listedPersons(
  tokens: Token[],
  from: number,
  counts: Map<number, NumberMention>,
  lex: Lexicon,
  text: string,
): { people: number; last: number } | undefined {
  let people = 0;
  let items = 0;
  const sizes: number[] = [];
  let i = from;
  let last = -1;
  let joined = false;
  const isPerson = (k: number) => !!(lex.personsSingular.matchAt(tokens, k) || lex.personsPlural.matchAt(tokens, k));
  // "его 12-летний сын", "її 10-річну доньку": an age between the possessive and the person.
  const agedPerson = (k: number) => k + 2 < tokens.length && tokens[k].digits && lex.ageWord.has(tokens[k + 1].lower) && isPerson(k + 2);
  for (;;) {
    let size = 1;
    const itemStart = i;
    // "двое пассажиров, включая ребенка": the child is one of the two, not a third.
    if (items > 0 && i < tokens.length && lex.subset.matchAt(tokens, i)) break;
    const n = counts.get(i);
    if (n) {
      size = n.value;
      i = n.last + 1;
    } else if (i < tokens.length && ARTICLES.test(tokens[i].lower)) i++;
    // "жінка та її син", "водитель и его пассажир": the possessive names whose, not another person.
    else if (i + 1 < tokens.length && lex.possessive.has(tokens[i].lower) && (isPerson(i + 1) || agedPerson(i + 1))) i++;
    if (i + 1 < tokens.length && tokens[i].digits && lex.ageWord.has(tokens[i + 1].lower)) i += 2;
    // The person word, after at most one describing word ("двух пожилых женщин", "a local man").
    let person = -1;
    for (let k = i; k <= i + 1 && k < tokens.length; k++) {
      if (lex.personsSingular.matchAt(tokens, k) || lex.personsPlural.matchAt(tokens, k)) {
        person = k;
        break;
      }
      if (lex.conjunction.has(tokens[k].lower) || lex.itemBreak.has(tokens[k].lower)) break;
      // "Погибли мужчина и женщина, ранен подросток": a casualty word opens the next clause, not an item.
      if (lex.killed.matchAt(tokens, k) || lex.injured.matchAt(tokens, k)) break;
    }
    // One item: no punctuation inside ("двое, а мужчина" is not "two men").
    if (person < 0 || (itemStart < tokens.length && /[.,;:—]/.test(text.slice(tokens[itemStart].start, tokens[person].start)))) break;
    const singular = !!lex.personsSingular.matchAt(tokens, person) && !lex.peopleCounted.has(tokens[person].lower);
    if (!n && !singular) return undefined; // "и дети": how many is not said
    if (items > 0 && lex.objectPronoun.has(tokens[person].lower)) break;
    sizes.push(size);
    people += size;
    items++;
    last = (lex.personsSingular.matchAt(tokens, person) ?? lex.personsPlural.matchAt(tokens, person))?.last ?? person;
    const described = afterAgeOrBirthYear(tokens, last, text, lex);
    // ("1960 р.н. та": the abbreviation's dot is no end of the list.)
    const abbreviated = described !== last;
    last = described;
    const next = last + 1;
    if (next >= tokens.length) break;
    const gap = text.slice(tokens[last].end, tokens[next].start).replace(abbreviated ? /^\./u : /^$/u, "");
    if (lex.conjunction.has(tokens[next].lower) && /^\s*,?\s*$/.test(gap)) {
      i = next + 1;
      joined = true;
    } else if (/^\s*,\s*$/.test(gap)) i = next;
    else break;
  }
  // "his passenger, a 17-year-old girl, was taken to hospital": two names of one person, no "and".
  if (items === 2 && !joined) people = sizes[0];
  // "two people, a man and a woman": the items after the first name the same people.
  if (items >= 3 && sizes[0] > 1 && sizes[0] === people - sizes[0]) people = sizes[0];
  return items >= 2 ? { people, last } : undefined;
}

/**
 * The last token of a person's description that goes on with an age or a birth year: "женщина 1956
 * года рождения и мужчина 1960 года рождения" lists two people, the years no counts of them
 * ("1960 р.н.", "45 років", "45 лет", "45 years old", ", 60,": the pack's age_years, age_years_after).
 */
function afterAgeOrBirthYear(tokens: Token[], last: number, text: string, lex: Lexicon): number {
  const n = tokens[last + 1];
  // "a man, 60, and a woman, 55, were injured": an age between commas.
  const commaBefore = n && /^\s*,\s*$/u.test(text.slice(tokens[last].end, n.start));
  const after = tokens[last + 2];
  if (n?.digits && Number(n.text) < 120 && commaBefore && after && /^\s*,\s*$/u.test(text.slice(n.end, after.start))) return last + 1;
  if (!n?.digits || !lex.ageYears.has(tokens[last + 2]?.lower ?? "")) return last;
  return lex.ageYearsAfter.has(tokens[last + 3]?.lower ?? "") ? last + 3 : last + 2;
}

/** A casualty word soon after a figure ("двое пассажиров пострадали", "two passengers, including a child, were injured"). */
function ownCasualtyWord(tokens: Token[], from: number, lex: Lexicon): boolean {
  for (let k = from; k < from + 8 && k < tokens.length; k++)
    if (lex.killed.matchAt(tokens, k) || lex.injured.matchAt(tokens, k) || lex.noCasualties.matchAt(tokens, k)) return true;
  return false;
}

function countFor(
  cue: { first: number; last: number },
  tokens: Token[],
  numbers: NumberMention[],
  munitionNumbers: Set<NumberMention>,
  lex: Lexicon,
  text: string,
  picked: { mention?: NumberMention } = {},
): number | null {
  const sameClause = (a: number, b: number) => !/[.;:]|—/.test(text.slice(tokens[Math.min(a, b)].end, tokens[Math.max(a, b)].start));
  const auxiliariesOnly = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (!lex.casualtyAuxiliaries.has(tokens[k].lower)) return false;
    return true;
  };
  // "За медицинской помощью, по данным мэра, обратились три человека": the aside is skipped.
  const asides = [
    ...attributionAsides(text, tokens[0]?.start ?? 0, tokens[tokens.length - 1]?.end ?? 0, lex),
    ...ageAsides(tokens, text, lex),
  ];
  const inAside = (k: number) => asides.some(([s, e]) => tokens[k].start > s && tokens[k].end < e);
  /** The text between two tokens, an aside in it left as a space. */
  const gap = (a: number, b: number) => {
    let out = text.slice(tokens[a].end, tokens[b].start);
    for (const [s, e] of asides) if (s >= tokens[a].end && e <= tokens[b].start) out = out.replace(text.slice(s, e), " ");
    return out;
  };
  const asideTokens = (a: number, b: number) => {
    let n = 0;
    for (let k = a + 1; k < b; k++) if (inAside(k)) n++;
    return n;
  };
  // A list of people told with the cue: "поранено водія та двох пасажирок", "a man and two women were injured".
  const counts = new Map(numbers.filter((n) => !n.notACount && !munitionNumbers.has(n)).map((n) => [n.first, n]));
  for (let start = cue.last + 1; start <= cue.last + 3 && start < tokens.length; start++) {
    if (!auxiliariesOnly(cue.last + 1, start) || /[.;—]/.test(text.slice(tokens[cue.last].end, tokens[start].start))) break;
    const listed = listedPersons(tokens, start, counts, lex, text);
    if (listed) return listed.people;
  }
  // Before the cue, a list ends with a person word and at most auxiliaries after it
  // (and a place: "Мужчина и ребенок в Курске пострадали", "Чоловік і дитина у Харкові отримали поранення").
  let end = cue.first - 1;
  while (end >= 0 && lex.casualtyAuxiliaries.has(tokens[end].lower)) end--;
  const place = placeBefore(tokens, end, lex, text);
  const placeLast = end;
  if (place >= 0) {
    end = place - 1;
    while (end >= 0 && lex.casualtyAuxiliaries.has(tokens[end].lower)) end--;
  }
  /** Only auxiliaries, and the place just told, between a token and the cue. */
  const toTheCue = (from: number) =>
    place >= from ? auxiliariesOnly(from, place) && auxiliariesOnly(placeLast + 1, cue.first) : auxiliariesOnly(from, cue.first);
  // "… and a woman, 55, were injured": the age after the last person.
  if (end > 0 && tokens[end].digits && afterAgeOrBirthYear(tokens, end - 1, text, lex) === end) end--;
  const endsWithPerson = end >= 0 && !!(lex.personsSingular.matchAt(tokens, end) || lex.personsPlural.matchAt(tokens, end));
  for (let start = Math.max(0, cue.first - 12); endsWithPerson && start < cue.first - 2; start++) {
    const listed = listedPersons(tokens, start, counts, lex, text);
    // "Погибли мужчина и женщина, ранен подросток": after a comma, a cue with its own person opens a new clause
    // ("two people, a man and a woman, were killed" has none).
    const ownSubject = () =>
      /,/.test(text.slice(tokens[listed?.last ?? 0].end, tokens[cue.first].start)) &&
      [1, 2].some((d) => !!(lex.personsSingular.matchAt(tokens, cue.last + d) || lex.personsPlural.matchAt(tokens, cue.last + d)));
    if (listed && listed.last < cue.first && toTheCue(listed.last + 1) && sameClause(start, cue.first) && !ownSubject())
      return listed.people;
  }
  const candidates: Candidate[] = [];
  for (const n of numbers) {
    if (n.notACount || munitionNumbers.has(n) || inAside(n.first)) continue;
    if (n.last < cue.first) {
      const distance = cue.first - n.last;
      // A number before a comma belongs to the clause before it ("погибли трое, пострадали двое").
      // "A total of 12 people, including five children, were killed": the figure before the aside (the pack's subset_aside words).
      if (distance <= 12 && lex.subsetAside.test(text.slice(tokens[n.last].end, tokens[cue.first].start))) {
        candidates.push({ value: n.value, score: 8, mention: n });
        continue;
      }
      // ("Three members of the same family were killed": a person phrase of several words is one word away.)
      const people = lex.personsPlural.matchAt(tokens, n.last + 1) ?? lex.personsSingular.matchAt(tokens, n.last + 1);
      const near = distance - asideTokens(n.last, cue.first) - (people && people.last < cue.first ? people.last - people.first : 0);
      // ("Two people are known to have been killed": a long run of auxiliaries is one verb.)
      let auxiliaryRun = 0;
      for (let k = n.last + 1; k < cue.first; k++) if (lex.casualtyAuxiliaries.has(tokens[k].lower)) auxiliaryRun++;
      if (near - Math.max(0, auxiliaryRun - 3) > 6 || !sameClause(n.last, cue.first) || /,/.test(gap(n.last, cue.first))) continue;
      if (countedByCueBefore(n, cue, tokens, lex)) continue;
      let between = true;
      const person = (k: number) => !!(lex.personsPlural.matchAt(tokens, k) || lex.personsSingular.matchAt(tokens, k));
      // "One of them died in hospital", "один из них скончался": a part of the people told before.
      const ofThem = ofThemAt(tokens, n.last + 1, lex) ? 2 : 0;
      for (let k = n.last + 1 + ofThem; k < cue.first; k++) {
        if (inAside(k)) continue;
        // "двое мирных жителей погибли": a person phrase of several words counts as one person word.
        const phrase = lex.personsPlural.matchAt(tokens, k) ?? lex.personsSingular.matchAt(tokens, k);
        if (phrase && phrase.last < cue.first) {
          k = phrase.last;
          // "два сотрудника предприятия пострадали", "двоє працівників підприємства": one word of whose after the people.
          const whose = tokens[k + 1];
          if (
            k === n.last + 1 + ofThem &&
            k + 1 < cue.first &&
            !whose.capital &&
            !whose.digits &&
            !lex.casualtyAuxiliaries.has(whose.lower)
          )
            k++;
          continue;
        }
        const t = tokens[k];
        // "two port workers were killed": a word describing the people is part of them.
        const describesPerson = k + 1 < cue.first && !t.capital && !t.digits && person(k + 1);
        // "ще трьом людям надали медичну допомогу": care given to the people before it.
        const care = (!!lex.careGiven.matchAt(tokens, k) && t.lower !== "to") || reportedOf(t, n, tokens);
        if (!lex.casualtyAuxiliaries.has(t.lower) && !lex.inHospital.has(t.lower) && !person(k) && !describesPerson && !care)
          between = false;
      }
      candidates.push({ value: n.value, score: (between ? 10 : 3) - near, mention: n });
    } else if (n.first > cue.last) {
      const distance = n.first - cue.last;
      // "The death toll from the strike has risen to 11", "Число погибших в Белгороде выросло до пяти":
      // what the toll is of may stand between it and the verb of its rise.
      const rise = tokens.slice(cue.last + 1, n.first).findIndex((t) => lex.tollRiseVerb.has(t.lower));
      if (rise >= 0 && distance <= 20 && sameClause(cue.last, n.first)) {
        const after = tokens.slice(cue.last + 1 + rise, n.first);
        if (after.every((t) => lex.tollRiseBetween.has(t.lower) || lex.casualtyAuxiliaries.has(t.lower))) {
          candidates.push({ value: n.value, score: 9 - after.length, mention: n });
          continue;
        }
      }
      // "Число погибших возросло до пяти, раненых — до 12": the rise told once for both kinds.
      const toFigure = tokens.slice(cue.last + 1, n.first);
      if (
        rise < 0 &&
        toFigure.length > 0 &&
        toFigure.length <= 2 &&
        toFigure.every((t) => lex.tollRiseBetween.has(t.lower)) &&
        tokens.slice(0, cue.first).some((t) => lex.tollRiseVerb.has(t.lower))
      ) {
        candidates.push({ value: n.value, score: 8, mention: n });
        continue;
      }
      // "Жертвами удара по Горловке стали двое", "Жертвами атаки стали три людини": the figure after "стали".
      if (becameVictims(cue, n, tokens, lex) && sameClause(cue.last, n.first)) {
        candidates.push({ value: n.value, score: 8, mention: n });
        continue;
      }
      // "Є поранені: троє цивільних", "Есть погибшие: двое": the figure right after the colon of the cue.
      if (distance === 1 && /^\s*:\s*$/u.test(text.slice(tokens[cue.last].end, tokens[n.first].start))) {
        candidates.push({ value: n.value, score: 8, mention: n });
        continue;
      }
      // "Раненых — трое", "число пострадавших — пятеро", "загиблих — двоє людей": the figure of a toll set after a dash.
      if (
        distance === 1 &&
        /^\s*[—–]\s*$/u.test(text.slice(tokens[cue.last].end, tokens[n.first].start)) &&
        figureEndsClause(n, tokens, lex, text)
      ) {
        candidates.push({ value: n.value, score: 8, mention: n });
        continue;
      }
      const near = distance - asideTokens(cue.last, n.first);
      if (near > 5 || !sameClause(cue.last, n.first)) continue;
      // "Five people were killed, two of them children": the figure after names a part of them.
      if (ofThemAt(tokens, n.last + 1, lex)) continue;
      // "Six people were injured, two children among them": a part of them, told after it.
      const personAfter = lex.personsPlural.matchAt(tokens, n.last + 1) ?? lex.personsSingular.matchAt(tokens, n.last + 1);
      // (Not "трое мирных жителей, в том числе ребёнок": there the subset comes after a comma, of the figure's own people.)
      if (
        personAfter &&
        personAfter.last + 1 < tokens.length &&
        lex.subset.matchAt(tokens, personAfter.last + 1) &&
        !/[,;:—]/u.test(text.slice(tokens[personAfter.last].end, tokens[personAfter.last + 1].start))
      )
        continue;
      const gapText = gap(cue.last, n.first);
      // "погиб, еще двое получили ранения": a comma and "еще"/"and" start the next clause.
      if (lex.nextClauseAfterComma.test(`${gapText}${text.slice(tokens[n.first].start, tokens[n.first].start + 1)} `)) continue;
      // "Водитель скончался, двое пассажиров пострадали": after a comma, a figure with its own casualty word is that word's.
      if (/,/.test(gapText) && ownCasualtyWord(tokens, n.last + 1, lex)) continue;
      let between = true;
      for (let k = cue.last + 1; k < n.first; k++) {
        if (inAside(k)) continue;
        if (
          !lex.casualtyAuxiliaries.has(tokens[k].lower) &&
          !lex.cueFigureBetween.has(tokens[k].lower) &&
          !lex.careGiven.matchAt(tokens, k) &&
          !lex.tollRiseBetween.has(tokens[k].lower) &&
          !(k === n.first - 1 && lex.coupleAttribute.has(tokens[k].lower))
        )
          between = false;
      }
      candidates.push({ value: n.value, score: (between ? 9 : 2) - near, mention: n });
    }
  }
  if (candidates.length) {
    candidates.sort((a, b) => b.score - a.score);
    if (candidates[0].score > 0) {
      picked.mention = candidates[0].mention;
      return candidates[0].value;
    }
  }
  // "two were killed and another was injured": one more person.
  let before = cue.first - 1;
  while (before > 0 && lex.casualtyAuxiliaries.has(tokens[before].lower)) before--;
  if (before >= 0 && before < cue.first - 1 && lex.anotherPerson.has(tokens[before].lower)) return 1;
  // "Є загиблий", "есть погибший", "Пострадавшую госпитализировали": the word itself names one person.
  if (lex.singleVictim.has(tokens[cue.first].lower)) return 1;
  // "Мужчина был доставлен в больницу, где, несмотря на усилия врачей, скончался": the person the sentence opens with.
  const subject = ARTICLES.test(tokens[0]?.lower ?? "") ? 1 : 0;
  const personAt = (k: number) => !!(lex.personsSingular.matchAt(tokens, k) || lex.personsPlural.matchAt(tokens, k));
  const anotherPerson = () => {
    for (let k = subject + 1; k < cue.first; k++) if (personAt(k)) return true;
    return false;
  };
  if (
    cue.first > subject + 1 &&
    lex.personsSingular.matchAt(tokens, subject) &&
    !lex.personsPlural.matchAt(tokens, subject) &&
    !numbers.some((n) => n.first < cue.first) &&
    !anotherPerson()
  )
    return 1;
  // A single person ("a woman was injured", "Ранен мужчина", "водитель получил ранения") is one.
  for (let k = Math.max(0, cue.first - 6); k <= Math.min(tokens.length - 1, cue.last + 4); k++) {
    if (k >= cue.first && k <= cue.last) continue;
    const person = lex.personsSingular.matchAt(tokens, k);
    if (!person) continue;
    if (!sameClause(Math.min(k, cue.first), Math.max(k, cue.last))) continue;
    // "двое ... человек" was handled above; a plural noun next to the person word makes it a group.
    if (lex.personsPlural.matchAt(tokens, k) && !lex.personsSingular.matchAt(tokens, k)) continue;
    if (lex.peopleCounted.has(tokens[k].lower)) continue;
    // "По его словам, есть травмированные": whose words, not who was hurt.
    if (lex.attributionNoun.has(tokens[k + 1]?.lower ?? "")) continue;
    // "no hits to civilian infrastructure and no casualties": in English a person word before a target
    // qualifies it and names no one (in Ukrainian or Russian the target after is a genitive: "працівник складу").
    if (lex.language === "en" && k + 1 < tokens.length && k + 1 !== cue.first && lex.targets.matchAt(tokens, k + 1)) continue;
    // "civilian fatalities and injuries", "worker deaths": a person word before a plural toll noun qualifies it, it counts no one.
    if (lex.tollNouns.has(tokens[k + 1]?.lower ?? "")) continue;
    // "According to him, there are reports of injuries": the speaker, not who was hurt.
    if (tokens[k - 1]?.lower === "to" && tokens[k - 2]?.lower === "according") continue;
    // "a third man died at the hospital": the toll of the dead is now as many as the ordinal (not "a second passenger was injured").
    const ordinal = lex.killed.matchAt(tokens, cue.first) ? lex.ordinalPerson.indexOf(tokens[k - 1]?.lower ?? "") : -1;
    return ordinal >= 0 ? ordinal + 2 : 1;
  }
  return null;
}

/**
 * The first token of a place phrase that ends at `end` ("в Ростове-на-Дону", "в селе Ясные Зори", "in Kharkiv"):
 * the pack's toll place preposition and one to four words after it, one of them capitalised, with no punctuation
 * but hyphens; -1 when there is none.
 */
function placeBefore(tokens: Token[], end: number, lex: Lexicon, text: string): number {
  for (let p = end - 1; p >= Math.max(0, end - 4); p--) {
    if (!lex.tollPlacePreposition.has(tokens[p].lower)) continue;
    const named = tokens.slice(p + 1, end + 1).some((t) => t.capital);
    return named && !/[.,;:!?—«»"]/u.test(text.slice(tokens[p].end, tokens[end].start)) ? p : -1;
  }
  return -1;
}

/** The figure ends its clause, or only its people follow ("— двоє", "— троє людей", "— 5, серед них"). */
function figureEndsClause(n: NumberMention, tokens: Token[], lex: Lexicon, text: string): boolean {
  const next = n.last + 1;
  if (next >= tokens.length || /[.,;:!?]/u.test(text.slice(tokens[n.last].end, tokens[next].start))) return true;
  return !!(lex.personsPlural.matchAt(tokens, next) || lex.personsSingular.matchAt(tokens, next));
}

/**
 * "One of the injured later died", «Один из раненых скончался», «Один із поранених помер»: a figure,
 * the pack's of_group word, the injured noun and the death. Returns the figure and the injured noun (a group, not a figure).
 */
function diedOfInjured(cue: Cue, tokens: Token[], numbers: NumberMention[], injuredCues: Cue[], lex: Lexicon) {
  let k = cue.first - 1;
  while (k >= 0 && lex.casualtyAuxiliaries.has(tokens[k].lower)) k--;
  const group = injuredCues.find((m) => m.last === k);
  if (!group) return undefined;
  let j = group.first - 1;
  if (ARTICLES.test(tokens[j]?.lower ?? "")) j--;
  if (j < 1 || !lex.ofGroup.has(tokens[j].lower)) return undefined;
  const n = numbers.find((x) => x.last === j - 1 && !x.notACount);
  return n ? { n, group } : undefined;
}

/**
 * "One of them died in hospital", "двоє з них померли": a figure of the people told before, then
 * "of them" and the verb of death. Unlike "among them two children", this part is not a subset of
 * the dead but the dead among the injured, so it counts as killed (guide: died later = killed).
 */
function diedOfGroup(cue: Cue, tokens: Token[], numbers: NumberMention[], lex: Lexicon): NumberMention | undefined {
  let k = cue.first - 1;
  while (k >= 0 && lex.casualtyAuxiliaries.has(tokens[k].lower)) k--;
  if (k < 2 || !ofThemAt(tokens, k - 1, lex)) return undefined;
  return numbers.find((n) => n.last === k - 2 && !n.notACount);
}

/**
 * "killing at least three and wounding dozens", "погибли двое и ранены многие": the figure before
 * "and" is counted by the casualty word before it, not by the one after.
 */
function countedByCueBefore(n: NumberMention, cue: Cue, tokens: Token[], lex: Lexicon): boolean {
  const joined = tokens.slice(n.last + 1, cue.first).some((t) => lex.conjunction.has(t.lower));
  if (!joined) return false;
  for (let k = n.first - 1; k >= Math.max(0, n.first - 4); k--) {
    const own = lex.killed.matchAt(tokens, k) ?? lex.injured.matchAt(tokens, k);
    if (own && own.last < n.first && (own.first !== cue.first || own.last !== cue.last)) return true;
  }
  return false;
}

/** "Two people were reported injured": "reported" of a figure of people (not of "no one was reported hurt", a denial). */
function reportedOf(t: Token, n: NumberMention, tokens: Token[]): boolean {
  return /^(reported|reportedly)$/u.test(t.lower) && !/^(no|not|none)$/u.test(tokens[n.first - 1]?.lower ?? "");
}

/** "Жертвами … стали двое": the victims' noun in the instrumental, "стали" and the figure right after it, within 10 words. */
function becameVictims(cue: Cue, n: NumberMention, tokens: Token[], lex: Lexicon): boolean {
  let k = n.first - 1;
  // ("стали не менее пяти", "стали щонайменше троє")
  while (k > cue.last && lex.amountBefore.has(tokens[k].lower)) k--;
  return lex.victimsInstrumental.has(tokens[cue.first].lower) && k - cue.last <= 10 && lex.became.has(tokens[k].lower);
}

/** "one of them", "один из них", "двоє з них" at token i (the pack's of_them): the words that make a figure part of a group told before. */
function ofThemAt(tokens: Token[], i: number, lex: Lexicon): boolean {
  return i + 1 < tokens.length && lex.ofThem.matchAt(tokens, i)?.last === i + 1;
}

/** The casualty word a count goes with: "killed two people", "two people were killed", "погибли двое". */
function casualtyKindOf(n: NumberMention, tokens: Token[], lex: Lexicon, text: string): "killed" | "injured" | null {
  const cueAt = (k: number) => (lex.killed.matchAt(tokens, k) ? "killed" : lex.injured.matchAt(tokens, k) ? "injured" : null);
  const before = n.first > 0 ? cueAt(n.first - 1) : null;
  if (before) return before;
  // After the count: a person word, then (with auxiliaries) the casualty word.
  let k = n.last + 1;
  if (k < tokens.length && (lex.personsPlural.matchAt(tokens, k) || lex.personsSingular.matchAt(tokens, k))) k++;
  while (k < tokens.length && lex.casualtyAuxiliaries.has(tokens[k].lower)) k++;
  if (k >= tokens.length || /[,.;:]/.test(text.slice(tokens[n.last].end, tokens[k].start))) return null;
  return cueAt(k);
}

/**
 * Counts that repeat a casualty figure for another place without the verb: "killed two people in
 * Kostiantynivka and one in Druzhkivka", "погибли двое в Курске и трое в Рыльске". Each is joined
 * by "and" or a comma to the figure before it and followed by a place preposition.
 */
export function findEllipticCasualties(tokens: Token[], numbers: NumberMention[], lex: Lexicon, text: string): EllipticCasualty[] {
  const out: EllipticCasualty[] = [];
  const counts = numbers.filter((n) => !n.notACount);
  // "в Шебекино ранены двое мужчин, в Грайвороне — женщина": one person after a further place and its dash.
  for (let k = 2; k < tokens.length; k++) {
    const person = lex.personsSingular.matchAt(tokens, k);
    if (!person || lex.personsPlural.matchAt(tokens, k) || counts.some((n) => n.last === k - 1)) continue;
    const one: NumberMention = { value: 1, qualifier: "exact", first: k, last: person.last, notACount: false };
    const placed = placeBeforeDash(one, tokens, lex, text);
    if (placed) out.push({ kind: placed.kind, value: 1, mention: one, placeAt: placed.placeAt, each: false });
    else {
      // "injured two men in Shebekino, a woman in Graivoron and a teenager in …": one person and a place, after a figure told.
      const listed = personForPlace(one, tokens, counts, out, lex, text);
      if (listed) out.push(listed);
    }
  }
  for (let j = 0; j < counts.length; j++) {
    const n = counts[j];
    // "по двоє в Костянтинівці та Дружківці", "two each in A and B": the figure holds for every place.
    const eachAfter = lex.eachAfter.has(tokens[n.last + 1]?.lower ?? "");
    const each = eachAfter || lex.distributive.has(tokens[n.first - 1]?.lower ?? "");
    const placedBefore = placeBeforeDash(n, tokens, lex, text);
    if (placedBefore) {
      out.push({ kind: placedBefore.kind, value: n.value, mention: n, placeAt: placedBefore.placeAt, each: false });
      continue;
    }
    const ofSubset = subsetAtPlace(n, tokens, lex, text);
    if (ofSubset) {
      out.push({ kind: ofSubset.kind, value: n.value, mention: n, placeAt: ofSubset.placeAt, each: false, breakdown: true });
      continue;
    }
    const after = tokens[n.last + (eachAfter ? 2 : 1)];
    const place = tokens[n.last + (eachAfter ? 3 : 2)];
    if (!after || !place || !lex.tollPlacePreposition.has(after.lower) || n.first === 0) continue;
    // "погиб мирный житель в Рыльске, ещё один — в Судже": the kind of the clause before.
    const another = anotherForPlace(n, tokens, lex, text);
    if (another && place.capital) {
      out.push({ kind: another, value: n.value, mention: n, placeAt: place.start, each });
      continue;
    }
    const prev = counts[j - 1];
    if (!prev) continue;
    const part = colonBreakdown(prev, n, tokens, lex, text);
    if (part) {
      out.push({ kind: part, value: n.value, mention: n, placeAt: place.start, each, breakdown: true });
      continue;
    }
    const joint = text.slice(tokens[n.first - 1].end, tokens[n.first].start);
    if (!lex.conjunction.has(tokens[n.first - 1].lower) && !/^\s*,\s*$/.test(joint)) continue;
    if (/[.;:—]/.test(text.slice(tokens[prev.last].end, tokens[n.first].start))) continue;
    const before = out.find((e) => e.mention === prev);
    const kind = before?.kind ?? casualtyKindOf(prev, tokens, lex, text);
    if (kind) out.push({ kind, value: n.value, mention: n, placeAt: place.start, each, breakdown: before?.breakdown });
  }
  return out;
}

/**
 * "Поранення дістали восьмеро людей, серед них двоє рятувальників у Балаклії та цивільні в …",
 * "ранены десять человек, в том числе трое в Шебекино": a part of the total told for a place after
 * the subset words — the place's own figure, the total the region's.
 */
function subsetAtPlace(
  n: NumberMention,
  tokens: Token[],
  lex: Lexicon,
  text: string,
): { kind: "killed" | "injured"; placeAt: number } | null {
  let subset: { first: number; last: number } | undefined;
  for (let back = 1; back <= 3 && n.first - back >= 0; back++) {
    const m = lex.subset.matchAt(tokens, n.first - back);
    if (m && m.last === n.first - 1) {
      subset = m;
      break;
    }
  }
  if (!subset || subset.first < 2) return null;
  let k = n.last + 1;
  const person = lex.personsPlural.matchAt(tokens, k) ?? lex.personsSingular.matchAt(tokens, k);
  if (person) k = person.last + 1;
  if (k + 1 >= tokens.length || !lex.tollPlacePreposition.has(tokens[k].lower) || !tokens[k + 1].capital) return null;
  if (/[.;:!?]/u.test(text.slice(tokens[n.last].end, tokens[k].start))) return null;
  // The total and its casualty word in the clause before, set off by a comma.
  if (!/,\s*$/u.test(text.slice(tokens[subset.first - 1].end, tokens[subset.first].start))) return null;
  for (let j = subset.first - 1; j >= 0; j--) {
    if (/[.;:!?]/u.test(text.slice(tokens[j].end, tokens[j + 1].start))) return null;
    if (lex.killed.matchAt(tokens, j)) return { kind: "killed", placeAt: tokens[k + 1].start };
    if (lex.injured.matchAt(tokens, j)) return { kind: "injured", placeAt: tokens[k + 1].start };
  }
  return null;
}

/**
 * "… two men in Shebekino, a woman in Graivoron", "двох чоловіків у Нікополі, жінку в Марганці": a
 * single person joined by a comma or "and" to a figure of people told for a place before it, then
 * a place of its own.
 */
function personForPlace(
  one: NumberMention,
  tokens: Token[],
  counts: NumberMention[],
  told: EllipticCasualty[],
  lex: Lexicon,
  text: string,
): EllipticCasualty | null {
  const start = ARTICLES.test(tokens[one.first - 1]?.lower ?? "") ? one.first - 1 : one.first;
  const after = one.last + 1;
  if (start < 1 || after + 1 >= tokens.length || !lex.tollPlacePreposition.has(tokens[after].lower)) return null;
  const name = tokens.slice(after + 1, after + 5).findIndex((t) => t.capital);
  if (name < 0) return null;
  const joint = text.slice(tokens[start - 1].end, tokens[start].start);
  if (!lex.conjunction.has(tokens[start - 1].lower) && !/^\s*,\s*$/u.test(joint)) return null;
  // The figure before, in the same clause, told for a place of its own.
  const before = [...counts, ...told.map((e) => e.mention)].filter((n) => n.last < start).sort((a, b) => b.last - a.last)[0];
  if (!before || /[.;:!?—]/u.test(text.slice(tokens[before.last].end, tokens[start].start))) return null;
  const own = told.find((e) => e.mention === before);
  const kind = own?.kind ?? casualtyKindOf(before, tokens, lex, text);
  if (!kind) return null;
  if (!own && !tokens.slice(before.last + 1, start).some((t) => lex.tollPlacePreposition.has(t.lower))) return null;
  return { kind, value: 1, mention: one, placeAt: tokens[after + 1 + name].start, each: false, breakdown: own?.breakdown };
}

/** "Загинули 3 людини: двоє в …": the kind of the total when `n` opens its breakdown after a colon. */
function colonBreakdown(total: NumberMention, n: NumberMention, tokens: Token[], lex: Lexicon, text: string): "killed" | "injured" | null {
  const gap = text.slice(tokens[total.last].end, tokens[n.first].start).replace(lex.distributiveAtEnd, " ");
  if (!/:\s*$/u.test(gap) || /[.;!?]/u.test(gap)) return null;
  // Between the total and the colon at most its person word ("по" of "по двоє" stands after the colon).
  const opening = lex.distributive.has(tokens[n.first - 1]?.lower ?? "") ? n.first - 1 : n.first;
  const person = total.last + 1 < opening ? total.last + 1 : -1;
  if (
    person >= 0 &&
    (person !== opening - 1 || !(lex.personsPlural.matchAt(tokens, person) || lex.personsSingular.matchAt(tokens, person)))
  )
    return null;
  const cueAt = (k: number) =>
    k < 0 ? null : lex.killed.matchAt(tokens, k) ? "killed" : lex.injured.matchAt(tokens, k) ? "injured" : null;
  return cueAt(total.first - 1) ?? cueAt(total.first - 2);
}

/**
 * "у Слов'янську загинули двоє, у Дружківці — одна людина": a further place, a dash, then its figure
 * with the casualty word of the clause before left out.
 */
function placeBeforeDash(
  n: NumberMention,
  tokens: Token[],
  lex: Lexicon,
  text: string,
): { kind: "killed" | "injured"; placeAt: number } | null {
  if (n.first < 2 || !/^\s*[—–]\s*$/u.test(text.slice(tokens[n.first - 1].end, tokens[n.first].start))) return null;
  // The place of one to three words after its preposition: "у Дружківці", "у Київській області", "в селе Новая Таволжанка".
  let preposition = -1;
  for (let k = n.first - 2; k >= Math.max(0, n.first - 4); k--)
    if (lex.tollPlacePreposition.has(tokens[k].lower)) {
      preposition = k;
      break;
    }
  if (preposition < 1) return null;
  const name = tokens.slice(preposition + 1, n.first).findIndex((t) => t.capital);
  if (name < 0) return null;
  const place = preposition + 1 + name;
  if (!/^\s*,\s*$/u.test(text.slice(tokens[preposition - 1].end, tokens[preposition].start))) return null;
  for (let k = preposition - 1; k >= 0; k--) {
    if (/[.;:!?]/u.test(text.slice(tokens[k].end, tokens[k + 1].start))) return null;
    if (lex.killed.matchAt(tokens, k)) return { kind: "killed", placeAt: tokens[place].start };
    if (lex.injured.matchAt(tokens, k)) return { kind: "injured", placeAt: tokens[place].start };
  }
  return null;
}

/** ", ещё один — в …", ", ще двоє — у …": the casualty word of the clause before the comma, if any. */
function anotherForPlace(n: NumberMention, tokens: Token[], lex: Lexicon, text: string): "killed" | "injured" | null {
  const word = n.first - 1;
  if (word < 1 || !lex.moreBefore.has(tokens[word].lower) || !/^\s*,\s*$/u.test(text.slice(tokens[word - 1].end, tokens[word].start)))
    return null;
  if (!/^\s*[—–-]\s*$/u.test(text.slice(tokens[n.last].end, tokens[n.last + 1].start))) return null;
  for (let k = word - 1; k >= 0; k--) {
    if (/[.;:]/u.test(text.slice(tokens[k].end, tokens[k + 1].start))) return null;
    if (lex.killed.matchAt(tokens, k)) return "killed";
    if (lex.injured.matchAt(tokens, k)) return "injured";
  }
  return null;
}

export function findCasualties(
  tokens: Token[],
  numbers: NumberMention[],
  munitionNumbers: Set<NumberMention>,
  lex: Lexicon,
  text: string,
  further: EllipticCasualty[] = findEllipticCasualties(tokens, numbers, lex, text),
): CasualtyFacts {
  const facts = noCasualtyFacts();
  const killedCues = lex.killed.findAll(tokens);
  const allInjuredCues = lex.injured
    .findAll(tokens)
    // "несовместимые с жизнью ранения" is a death, not an injury; "пострадал частный дом" is damage to a thing.
    .filter((m) => !killedCues.some((k) => m.first >= k.first && m.first <= k.last + 1) && !damageToThing(m, tokens, lex));
  // "a woman who was wounded in Sunday's attack has died", "помер від поранень": the injury is the dead person's.
  const describesDead = (m: Cue) =>
    killedCues.length > 0 &&
    (tokens.slice(Math.max(0, m.first - 3), m.first).some((t) => RELATIVE.test(t.lower)) ||
      killedCues.some((k) => k.last < m.first && m.first - k.last <= 3 && lex.diedFrom.has(tokens[k.last + 1].lower)) ||
      // "От полученных ранений мужчина и женщина скончались", "Від отриманих поранень він помер": the wounds told first.
      (tokens.slice(Math.max(0, m.first - 2), m.first).some((t) => lex.diedFrom.has(t.lower)) &&
        killedCues.some(
          (k) => k.first > m.last && k.first - m.last <= 6 && !/[.;:!?…]/u.test(text.slice(tokens[m.last].end, tokens[k.first].start)),
        )) ||
      // "Мужчину доставили в больницу, где он скончался", "taken to hospital, where he died".
      killedCues.some(
        (k) => k.first > m.last && k.first - m.last <= 6 && tokens.slice(m.last + 1, k.first).some((t) => lex.whereClause.has(t.lower)),
      ));
  const fromInjured = killedCues.map((k) => diedOfInjured(k, tokens, numbers, allInjuredCues, lex)).find((x) => x);
  const injuredCues = allInjuredCues.filter((m) => !describesDead(m) && m !== fromInjured?.group);
  const denied = deniedCasualties(killedCues, injuredCues, tokens, numbers, lex, text);
  const unknown = casualtyUnknown(tokens, lex);
  // "There were no casualties in Kupiansk, while in Izium two people were injured": the denial is one
  // clause's place; the figures of another clause, at a place of its own, stand.
  const denial = unknown ? undefined : lex.noCasualties.findAll(tokens)[0];
  const elsewhere = denial ? figuresOfAnotherPlace(denial, [...killedCues, ...injuredCues], denied.cues, tokens, text, lex) : [];
  if (elsewhere.length && denial) {
    facts.deniedAt = tokens[denial.first].start;
    for (const list of [killedCues, injuredCues])
      for (let i = list.length - 1; i >= 0; i--) if (!elsewhere.includes(list[i])) list.splice(i, 1);
  } else if (denied.everyone || (lex.noCasualties.has(tokens) && !unknown && !doubleNegation(tokens, lex))) {
    facts.nobodyHurt = true;
    facts.killed = 0;
    facts.injured = 0;
    return facts;
  }
  if (!elsewhere.length && ((lex.noKilled.has(tokens) && !unknown) || denied.killed)) facts.killed = 0;
  if (further.length) facts.further = further;
  // Neither munition counts nor the further places' figures count for the casualty words here.
  const notHere = further.length ? new Set([...munitionNumbers, ...further.map((e) => e.mention)]) : munitionNumbers;
  const counted: Partial<Record<"killed" | "injured", NumberMention>> = {};
  let diedAmong: NumberMention | undefined;
  const consider = (kind: "killed" | "injured", cue: { first: number; last: number }) => {
    const dyingPart = kind === "killed" ? diedOfGroup(cue, tokens, numbers, lex) : undefined;
    if (dyingPart) diedAmong = dyingPart;
    else if (inSubset(tokens, cue.first, lex, text)) return;
    facts.at ??= tokens[cue.first].start;
    if (kind === "killed") facts.killedAt ??= tokens[cue.first].start;
    else facts.injuredAt ??= tokens[cue.first].start;
    if (facts[kind] === 0) return;
    const picked: { mention?: NumberMention } = {};
    const value = countFor(cue, tokens, numbers, notHere, lex, text, picked);
    const prior = facts[kind];
    // "Two were hospitalised and three more were treated at the scene": the further people add up.
    const adds = !!prior && !!picked.mention && picked.mention !== counted[kind] && furtherPeople(picked.mention, tokens, lex);
    if (picked.mention) counted[kind] = picked.mention;
    if (value !== null) facts[kind] = adds ? (prior ?? 0) + value : Math.max(prior ?? 0, value);
    // "информация о пострадавших уточняется": casualties not told, rather than told without a figure.
    else if (prior === undefined && !unknown) facts[kind] = null;
  };
  // (From just before the first word: "+1 постраждала жінка" opens with the sign.)
  const sentence = text.slice(Math.max(0, (tokens[0]?.start ?? 0) - 2), tokens[tokens.length - 1]?.end ?? 0);
  // "Ещё двое пострадали", "Another three were hurt", "+1 more": the sentence opens by adding people.
  facts.additive = tokens.slice(0, 4).some((t) => isMoreWord(lex, t.lower)) || /(?:^|\s)\+\s?\d/.test(sentence);
  // "Также пострадал подросток", "Також поранено жінку", "Also injured was a teenager": more people than told before.
  // (The casualty word right after it: not "Також на місці була жінка, госпіталізації не потребувала".)
  const opening = lex.additiveOpening.matchAt(tokens, 0);
  const cueAfter = (m: Cue) => !!opening && m.first > opening.last && m.first - opening.last <= 3;
  if (killedCues.some(cueAfter) || injuredCues.some(cueAfter)) facts.additive = facts.furtherPeople = true;
  for (const m of killedCues) if (!denied.cues.has(m)) consider("killed", m);
  for (const m of injuredCues) if (!denied.cues.has(m)) consider("injured", m);
  // "Позже за медицинской помощью обратились ещё три человека": the figure itself is more of those told before
  // (not "погибли двое, ещё трое ранены", where the "ещё" adds to the dead of its own sentence).
  const kindsTold = (["killed", "injured"] as const).filter((k) => facts[k] !== undefined);
  // ("injuring five more" after a new place is that place's own five: only a word before the figure.)
  const more = kindsTold.length === 1 ? counted[kindsTold[0]] : undefined;
  if (more && lex.moreBefore.has(tokens[more.first - 1]?.lower ?? "")) facts.additive = true;
  // The dead a relative clause describes are as many as it counts ("a woman who was wounded … has died" → 1).
  for (const m of allInjuredCues)
    if (!injuredCues.includes(m) && facts.killed === null) facts.killed = countFor(m, tokens, numbers, notHere, lex, text) ?? null;
  facts.eachKinds = distributed(facts, killedCues, injuredCues, tokens, numbers, lex);
  // (Not of a part: "один из пострадавших госпитализирован", "двое пострадавших госпитализированы".)
  const ofAPart = () =>
    tokens.some(
      (t, k) =>
        lex.ofGroup.has(t.lower) && numbers.some((n) => n.last === k - 1) && injuredCues.some((m) => m.first > k && m.first - k <= 2),
    ) || tokens.some((t) => lex.hospitalised.has(t.lower));
  const numbered = (["killed", "injured"] as const).filter((k) => counted[k] && facts[k] === counted[k]?.value);
  if (numbered.length && !ofAPart()) facts.numbered = numbered;
  if (fromInjured && (facts.killed == null || facts.killed === fromInjured.n.value)) {
    facts.killed = fromInjured.n.value;
    facts.diedOfInjured = true;
    facts.ofWounds = true;
    // "пострадали трое, одна из пострадавших скончалась": the injured told before in the same sentence lose the dead.
    const injuredBefore = facts.injuredAt !== undefined && facts.injuredAt < tokens[fromInjured.group.first].start;
    if (injuredBefore && typeof facts.injured === "number" && facts.injured >= facts.killed) {
      facts.injured -= facts.killed;
      facts.diedOfInjured = false;
    }
  }
  facts.ofWounds = facts.killed !== undefined && facts.killed !== 0 && (!!diedAmong || tokens.some((t) => lex.ofWounds.has(t.lower)));
  // "Three people were injured, one of them died in hospital": the dead leave the injured of the same sentence.
  if (diedAmong && typeof facts.injured === "number" && typeof facts.killed === "number" && facts.injuredAt !== undefined) {
    const injuredFirst = facts.injuredAt < tokens[diedAmong.first].start;
    if (injuredFirst && facts.injured >= facts.killed) facts.injured -= facts.killed;
  }
  // "На жаль, він помер у лікарні", "She died in hospital": one person, told before.
  const died = killedCues[0];
  if (facts.ofWounds && facts.killed === null && died && tokens.slice(0, died.first).some((t) => lex.subjectPronoun.has(t.lower)))
    facts.killed = 1;
  return facts;
}

/**
 * The casualty words, not denied, of a clause other than the denial's that names a place of its own
 * ("no casualties in A, while in B two were injured", «в A обошлось без пострадавших, а в B ранены двое»).
 */
function figuresOfAnotherPlace(denial: Cue, cues: Cue[], deniedCues: Set<Cue>, tokens: Token[], text: string, lex: Lexicon): Cue[] {
  const boundary = (a: number, b: number) => /[,;]/u.test(text.slice(tokens[a].end, tokens[b].start));
  // The clause of the denial: from after the last boundary before it to the next one.
  const clause = (i: number): [number, number] => {
    let from = i;
    while (from > 0 && !boundary(from - 1, from)) from--;
    let to = i;
    while (to < tokens.length - 1 && !boundary(to, to + 1)) to++;
    return [from, to];
  };
  const [df, dt] = clause(denial.first);
  return cues.filter((m) => {
    if (deniedCues.has(m) || (m.first >= df && m.first <= dt)) return false;
    // The words on the figure's side of the denial's clause ("In Kupiansk, two were injured, while in B no one was hurt").
    const [from, to] = m.first < df ? [0, df - 1] : [dt + 1, tokens.length - 1];
    for (let k = from; k < to; k++) if (placeFollows(tokens, k, lex)) return true;
    return false;
  });
}

/** "по одній людині поранено в Білозерці та Херсоні", "по двое погибших": a figure after "по" near its casualty word counts each place. */
function distributed(
  facts: CasualtyFacts,
  killedCues: Cue[],
  injuredCues: Cue[],
  tokens: Token[],
  numbers: NumberMention[],
  lex: Lexicon,
): Array<"killed" | "injured"> | undefined {
  const kinds: Array<"killed" | "injured"> = [];
  for (const [kind, cues] of [
    ["killed", killedCues],
    ["injured", injuredCues],
  ] as const) {
    const value = facts[kind];
    if (!value) continue;
    const each = numbers.some(
      (n) =>
        n.value === value &&
        (lex.distributive.has(tokens[n.first - 1]?.lower ?? "") ||
          [1, 2].some((k) => lex.eachAfter.has(tokens[n.last + k]?.lower ?? ""))) &&
        cues.some((c) => Math.abs(c.first - n.first) <= 4),
    );
    if (each) kinds.push(kind);
  }
  return kinds.length ? kinds : undefined;
}

/** "пострадал частный дом", "постраждала школа": damage to a thing, not a casualty. */
export function damageToThing(m: { first: number }, tokens: Token[], lex: Lexicon): boolean {
  const end = Math.min(tokens.length, m.first + 4);
  return (
    lex.damageSuffered.has(tokens[m.first].lower) &&
    lex.targets.has(tokens, m.first + 1, end) &&
    !lex.personsSingular.has(tokens, m.first + 1, end) &&
    !lex.personsPlural.has(tokens, m.first + 1, end)
  );
}

type Cue = { first: number; last: number };
/**
 * "No information" about casualties, but not the word of a hedge: "Пострадавших, по
 * предварительной информации, нет" denies them.
 */
function casualtyUnknown(tokens: Token[], lex: Lexicon): boolean {
  const hedges = lex.casualtyHedges.findAll(tokens);
  return lex.casualtyUnknown.findAll(tokens).some((m) => !hedges.some((h) => m.first >= h.first && m.first <= h.last));
}

/**
 * The casualty words a negation denies, in any word order the languages allow: "no civilian
 * casualties", "did not result in any casualties", "without causing any casualties", "среди
 * жителей пострадавших нет", "пострадавших в результате атаки нет". Not: "no reports of
 * casualties" (unknown, annotation guide), "не обошлось без жертв" (a double negation).
 */
function deniedCasualties(
  killedCues: Cue[],
  injuredCues: Cue[],
  tokens: Token[],
  numbers: NumberMention[],
  lex: Lexicon,
  text: string,
): { cues: Set<Cue>; killed: boolean; everyone: boolean } {
  const cues = new Set<Cue>();
  const negations = lex.negation.findAll(tokens);
  if (!negations.length || casualtyUnknown(tokens, lex)) return { cues, killed: false, everyone: false };
  const oneClause = (a: number, b: number) => {
    if (a === b) return true;
    const gap = text.slice(tokens[a].end, tokens[b].start);
    return !/[.;!?]/.test(gap) && !lex.contrastAfterComma.test(gap);
  };
  const deniedBy = (cue: Cue) =>
    !lex.careWords.has(tokens[cue.first].lower) &&
    negations.some((n) => {
      if (n.last < cue.first)
        return (
          cue.first - n.last <= 4 &&
          oneClause(n.last, cue.first) &&
          !doubleNegationAt(n.first, tokens, lex) &&
          !negations.some((m) => m.first > n.last && m.first < cue.first && doubleNegationAt(m.first, tokens, lex))
        );
      // ("Загиблих і постраждалих станом на ранок не зафіксовано": a verb of record reaches over a time phrase.)
      // («Пострадавших, а также повреждений жилых домов нет»: the casualty word heads a list the "нет" denies whole.)
      // (", а также" is no contrast: the clause goes on from the list's own word.)
      const list = cue.last + 1 < n.first ? lex.listedWith.matchAt(tokens, cue.last + 1) : undefined;
      const base = lex.postposedNegation.has(tokens[n.first].lower) ? 5 : lex.postposedDenial.matchAt(tokens, n.first) ? 8 : 0;
      const reach = base && list ? base + 4 : base;
      // (Not a figure's own cue: "Ранены двое, повреждений нет" denies the damage only.)
      const figured = numbers.some((x) => !x.notACount && x.first > cue.last && x.last < n.first);
      return n.first > cue.last && n.first - cue.last <= reach && oneClause(list ? list.last : cue.last, n.first) && !figured;
    }) &&
    // "загиблих немає, постраждалим надається допомога": a postposed "немає" denies what came before it only.
    !negations.some(
      (n) =>
        n.last < cue.first &&
        lex.postposedNegation.has(tokens[n.first].lower) &&
        /,/.test(text.slice(tokens[n.last].end, tokens[cue.first].start)),
    );
  for (const c of [...killedCues, ...injuredCues]) if (deniedBy(c)) cues.add(c);
  const undenied = [...killedCues, ...injuredCues].some((c) => !cues.has(c));
  const everyone = !undenied && [...cues].some((c) => injuredCues.includes(c) || lex.victims.has(tokens[c.first].lower));
  return { cues, killed: killedCues.some((c) => cues.has(c)), everyone };
}

/** "не обошлось без жертв", "not without casualties": "without" denied by a "not" just before it. */
function doubleNegationAt(at: number, tokens: Token[], lex: Lexicon): boolean {
  if (!lex.without.has(tokens[at].lower)) return false;
  for (let back = 1; back <= 2 && at - back >= 0; back++) if (lex.notWord.has(tokens[at - back].lower)) return true;
  return false;
}

function doubleNegation(tokens: Token[], lex: Lexicon): boolean {
  return tokens.some((_, i) => doubleNegationAt(i, tokens, lex));
}
