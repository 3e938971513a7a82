// The words sentence-facts.ts reads of a language: keys of its pack's lexicon.json (each explained in the file's
// "about"), compiled with the rest of the lexicon (lexicon.ts). Word lists are WordSets (a final * any ending); lists of endings become
// patterns built here ("(?:ами|ями|…)$"), the grammar shape staying in code and the language's endings in the pack.
import { type Lexicon, WordSet } from "../lexicon.js";
import { normalizeWord } from "../text/tokens.js";

export type Country = "RU" | "UA";
type ByCountry = Partial<Record<Country, string[]>>;

/** The keys of lexicon.json read here (all optional: a language without one never matches it). */
export interface SentenceWordsFile {
  country_name?: ByCountry;
  country_adjective?: ByCountry;
  doer_country?: ByCountry;
  into_place?: string[];
  into_place_verb?: string[];
  compass_adjective?: string[];
  whole_of?: string[];
  strike_word?: string[];
  parts_of_country?: string[];
  armed_forces_ua?: string[];
  city_people?: string[];
  list_preposition?: string[];
  officials_word?: string[];
  community_noun?: string[];
  more_of_about?: string[];
  street_before?: string[];
  quoted_name_noun?: string[];
  line_label?: string[];
  river_after?: string[];
  river_before?: string[];
  borders_verb?: string[];
  said_verb?: string[];
  said_exact?: string[];
  speaker_at?: string[];
  head_title?: string[];
  given_name_at?: string[];
  authorities_noun?: string[];
  title_to_place?: string[];
  body_after_place?: string[];
  body_after_region?: string[];
  region_word?: string[];
  instrumental_endings?: string[];
  list_and?: string[];
  approach_to?: string[];
  approach_noun?: string[];
  approach_on?: string[];
  approach_verb?: string[];
  approach_noun_far?: string[];
  approach_on_far?: string[];
  approach_verb_far?: string[];
  in_preposition?: string[];
  in_district_of?: string[];
  another_one?: string[];
  plural_adjective_endings?: string[];
  plural_verb_after?: string[];
  verb_before_endings?: string[];
  modifier_endings?: string[];
  modifier_prefix?: string[];
  figure_hedge?: string[];
  ellipsis_place?: string[];
  aerial_target?: string[];
  each_after_figure?: string[];
  each_before_figure?: string[];
  understood_auxiliary?: string[];
  district_type_stop?: string[];
  fired_at?: string[];
  direction_region?: string[];
  direction_located?: string[];
  direction_about?: string[];
  direction_unit?: string[];
  direction_toward?: string[];
  direction_point?: string[];
  direction_of?: string[];
  country_opening?: string[];
  modifier_words?: string[];
  street_after?: string[];
  toward_word?: string[];
  sent_toward?: string[];
}

/** Words labelled by the country they name. */
export class CountryWords {
  private readonly sets: Array<[Country, WordSet]>;
  constructor(groups: ByCountry | undefined) {
    this.sets = (Object.entries(groups ?? {}) as Array<[Country, string[]]>).map(([c, list]) => [c, new WordSet(list)]);
  }
  /** The country the word names, or null. */
  get(word: string): Country | null {
    for (const [c, set] of this.sets) if (set.has(word)) return c;
    return null;
  }
}

/** Word openings: a word starting with one of them (whatever follows, a hyphen too: «fpv-дрон»). */
export class Openings {
  private readonly list: string[];
  constructor(list: string[] | undefined) {
    this.list = (list ?? []).map(normalizeWord);
  }
  opens(word: string): boolean {
    return this.list.some((p) => word.startsWith(p));
  }
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The words as one group of a pattern over raw text, a final * any letters after it. No words: a group that never matches. */
function group(words: string[] | undefined): string {
  if (!words?.length) return "(?:(?!))";
  return `(?:${words.map((w) => (w.endsWith("*") ? `${escapeRegex(w.slice(0, -1))}\\p{L}*` : escapeRegex(w))).join("|")})`;
}

/**
 * The gap between a region and a point it is described from ("north of", " region, 20 km south-east of ",
 * «области севернее », «на північ від »): the pack's direction_* words in their order, each but the point optional.
 */
function directionFromRegex(f: SentenceWordsFile): RegExp {
  return new RegExp(
    `^\\s*(?:${group(f.direction_region)}(?!\\p{L}))?[\\s,]*(?:${group(f.direction_located)}\\s+)?` +
      `(?:(?:${group(f.direction_about)}\\s+)?\\d+\\s*${group(f.direction_unit)}\\s+)?(?:${group(f.direction_toward)}\\s+)?` +
      `${group(f.direction_point)}(?:\\s+${group(f.direction_of)})?\\s+$`,
    "iu",
  );
}

/** A word ending in one of the endings, after `before` ("\\p{L}{3,}": three letters or more). No endings: never matches. */
function endingsRegex(endings: string[] | undefined, before = ""): RegExp {
  if (!endings?.length) return /(?!)/u;
  return new RegExp(`${before}(?:${endings.map((e) => escapeRegex(normalizeWord(e))).join("|")})$`, "u");
}

export interface SentenceWords {
  countryName: CountryWords;
  countryAdjective: CountryWords;
  /** The first three letters of country_name's and country_adjective's words: no other token can be one. */
  countryPrefixes: Set<string>;
  doerCountry: CountryWords;
  intoPlace: WordSet;
  intoPlaceVerb: WordSet;
  compassAdjective: WordSet;
  wholeOf: WordSet;
  strikeWord: WordSet;
  partsOfCountry: WordSet;
  armedForcesUa: WordSet;
  cityPeople: WordSet;
  listPreposition: WordSet;
  officialsWord: WordSet;
  communityNoun: WordSet;
  moreOfAbout: WordSet;
  streetBefore: WordSet;
  quotedNameNoun: WordSet;
  lineLabel: WordSet;
  riverAfter: WordSet;
  riverBefore: WordSet;
  bordersVerb: WordSet;
  saidVerb: WordSet;
  saidExact: WordSet;
  speakerAt: WordSet;
  headTitle: WordSet;
  givenNameAt: WordSet;
  authoritiesNoun: WordSet;
  titleToPlace: WordSet;
  bodyAfterPlace: WordSet;
  bodyAfterRegion: WordSet;
  regionWord: WordSet;
  /** A word in the instrumental (instrumental_endings). */
  instrumental: RegExp;
  listAnd: WordSet;
  approachTo: WordSet;
  approachNoun: WordSet;
  approachOn: WordSet;
  approachVerb: WordSet;
  approachNounFar: WordSet;
  approachOnFar: WordSet;
  approachVerbFar: WordSet;
  inPreposition: WordSet;
  inDistrictOf: WordSet;
  anotherOne: WordSet;
  /** A plural adjective (plural_adjective_endings). */
  pluralAdjective: RegExp;
  /** A plural past verb after a noun: two letters or more, then one of plural_verb_after. */
  pluralVerbAfter: RegExp;
  /** A verb before its object: three letters or more, then one of verb_before_endings. */
  verbBefore: RegExp;
  /** A modifier between a figure and its noun (modifier_endings). */
  modifier: RegExp;
  modifierPrefix: Openings;
  figureHedge: WordSet;
  ellipsisPlace: WordSet;
  aerialTarget: WordSet;
  eachAfterFigure: WordSet;
  eachBeforeFigure: WordSet;
  understoodAuxiliary: WordSet;
  districtTypeStop: Openings;
  firedAt: WordSet;
  /** The words between a region and a point it is described from (directionFromRegex). */
  directionFrom: RegExp;
  countryOpening: Openings;
  modifierWords: WordSet;
  streetAfter: WordSet;
  towardWord: WordSet;
  sentToward: WordSet;
}

/** A lexicon file's sentence words, compiled. */
export function compileSentenceWords(f: SentenceWordsFile): SentenceWords {
  const countryWords = [...Object.values(f.country_name ?? {}), ...Object.values(f.country_adjective ?? {})].flat();
  return {
    countryName: new CountryWords(f.country_name),
    countryAdjective: new CountryWords(f.country_adjective),
    countryPrefixes: new Set(countryWords.map((w) => normalizeWord(w.replace(/\*$/, "")).slice(0, 3))),
    doerCountry: new CountryWords(f.doer_country),
    intoPlace: new WordSet(f.into_place),
    intoPlaceVerb: new WordSet(f.into_place_verb),
    compassAdjective: new WordSet(f.compass_adjective),
    wholeOf: new WordSet(f.whole_of),
    strikeWord: new WordSet(f.strike_word),
    partsOfCountry: new WordSet(f.parts_of_country),
    armedForcesUa: new WordSet(f.armed_forces_ua),
    cityPeople: new WordSet(f.city_people),
    listPreposition: new WordSet(f.list_preposition),
    officialsWord: new WordSet(f.officials_word),
    communityNoun: new WordSet(f.community_noun),
    moreOfAbout: new WordSet(f.more_of_about),
    streetBefore: new WordSet(f.street_before),
    quotedNameNoun: new WordSet(f.quoted_name_noun),
    lineLabel: new WordSet(f.line_label),
    riverAfter: new WordSet(f.river_after),
    riverBefore: new WordSet(f.river_before),
    bordersVerb: new WordSet(f.borders_verb),
    saidVerb: new WordSet(f.said_verb),
    saidExact: new WordSet(f.said_exact),
    speakerAt: new WordSet(f.speaker_at),
    headTitle: new WordSet(f.head_title),
    givenNameAt: new WordSet(f.given_name_at),
    authoritiesNoun: new WordSet(f.authorities_noun),
    titleToPlace: new WordSet(f.title_to_place),
    bodyAfterPlace: new WordSet(f.body_after_place),
    bodyAfterRegion: new WordSet(f.body_after_region),
    regionWord: new WordSet(f.region_word),
    instrumental: endingsRegex(f.instrumental_endings),
    listAnd: new WordSet(f.list_and),
    approachTo: new WordSet(f.approach_to),
    approachNoun: new WordSet(f.approach_noun),
    approachOn: new WordSet(f.approach_on),
    approachVerb: new WordSet(f.approach_verb),
    approachNounFar: new WordSet(f.approach_noun_far),
    approachOnFar: new WordSet(f.approach_on_far),
    approachVerbFar: new WordSet(f.approach_verb_far),
    inPreposition: new WordSet(f.in_preposition),
    inDistrictOf: new WordSet(f.in_district_of),
    anotherOne: new WordSet(f.another_one),
    pluralAdjective: endingsRegex(f.plural_adjective_endings),
    pluralVerbAfter: endingsRegex(f.plural_verb_after, "\\p{L}{2,}"),
    verbBefore: endingsRegex(f.verb_before_endings, "\\p{L}{3,}"),
    modifier: endingsRegex(f.modifier_endings),
    modifierPrefix: new Openings(f.modifier_prefix),
    figureHedge: new WordSet(f.figure_hedge),
    ellipsisPlace: new WordSet(f.ellipsis_place),
    aerialTarget: new WordSet(f.aerial_target),
    eachAfterFigure: new WordSet(f.each_after_figure),
    eachBeforeFigure: new WordSet(f.each_before_figure),
    understoodAuxiliary: new WordSet(f.understood_auxiliary),
    districtTypeStop: new Openings(f.district_type_stop),
    firedAt: new WordSet(f.fired_at),
    directionFrom: directionFromRegex(f),
    countryOpening: new Openings(f.country_opening),
    modifierWords: new WordSet(f.modifier_words),
    streetAfter: new WordSet(f.street_after),
    towardWord: new WordSet(f.toward_word),
    sentToward: new WordSet(f.sent_toward),
  };
}

/** The sentence words of a lexicon's language, compiled with it from the same pack file. */
export function sentenceWordsOf(lex: Lexicon): SentenceWords {
  return lex.sentence;
}

/**
 * A word that is a country, not a place of its name: Ukraine, Russia, Belarus, Europe in any form (the pack's
 * country_opening) or another country (foreign_country) — «атакував Україну», «в Молдові».
 */
export function isCountryWord(lex: Lexicon, word: string): boolean {
  return sentenceWordsOf(lex).countryOpening.opens(word) || lex.foreignCountry.has(word);
}
