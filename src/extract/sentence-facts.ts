// Everything one sentence says, found by the small classifiers (places, numbers, cues,
// casualties, targets, officials, dates), before the document-level assembly decides which
// incidents they make.
import { CITY_REGIONS, NATIONAL_CAPITALS, OBLAST_AROUND_CITY } from "../geo/city-regions.js";
import { regionLexicon } from "../geo/region-lexicon.js";
import type { LanguageCode, WeaponType } from "../model/incident.js";
import {
  type CasualtyFacts,
  damageToThing,
  type EllipticCasualty,
  findCasualties,
  findEllipticCasualties,
  noCasualtyFacts,
} from "./casualties.js";
import { shippedDateWords } from "./date-words.js";
import { type DateCue, findDateCue, isMonthWord } from "./dates.js";
import { type SentenceWords, sentenceWordsOf } from "./lang/sentence-words.js";
import { isMoreWord, type Lexicon, type PhraseMatch, type PhraseSet } from "./lexicon.js";
import { findNumbers, type NumberMention } from "./numbers.js";
import { findOfficials, type OfficialMention } from "./officials.js";
import type { PlaceResolver } from "./place-resolver.js";
import {
  bareSeaMentions,
  changedPlace,
  type DistrictNamed,
  districtCentreMentions,
  findCapitalNouns,
  findDistrictRegions,
  findFrontDirectionMentions,
  findGazetteerMentions,
  findHromadaMentions,
  findRegionMentions,
  findSettlementMentions,
  findTownAreaMentions,
  findUnknownListedNames,
  findUrbanOkrugMentions,
  findWaterMentions,
  isPlaceTypeWord,
  lastDistrictNamed,
  namesFrontDirection,
  type PlaceMention,
  partOfSettlementName,
  placeList,
  placeSettlement,
  regionalCentreMentions,
} from "./places.js";
import { findTargets, type TargetMention } from "./targets.js";
import type { Sentence } from "./text/sentences.js";
import type { Token } from "./text/tokens.js";
import { transliterate } from "./transliterate.js";

export type CueKind = "interception" | "strike" | "attack";

export interface KindCue {
  kind: CueKind;
  first: number;
  last: number;
}

/** A number that counts munitions ("29 drones", "27 over the Voronezh Region", "two more"). */
export interface MunitionNumber {
  mention: NumberMention;
  weapon: WeaponType | null;
  /** "four drones each", "по два": every place of the clause gets the number. */
  each: boolean;
  /** Counted as "targets" ("six targets were struck"): aerial targets, i.e. downed munitions. */
  aerialTargets?: boolean;
  /** "ещё один", "another" with no noun: more of the figure before, at a place it may share. */
  adds?: boolean;
  /** "three of which hit warehouses in Lviv": some of the munitions named before, at the place told after. */
  ofWhich?: boolean;
  /** "над Брянской областью — 10", "the Bryansk (10) … regions": the figure of the place just before it. */
  afterPlace?: boolean;
  /** "17 of them", "of which 12", «из них 7»: a share of a figure told before it. */
  share?: boolean;
  /** Where the number is written in the report. */
  span?: { start: number; end: number };
}

/** A MunitionNumber with every field present from the start (the span is set later): one hidden class for all of them. */
function munitionNumber(mention: NumberMention, weapon: WeaponType | null, each: boolean, aerialTargets = false): MunitionNumber {
  return { mention, weapon, each, aerialTargets, ofWhich: false, afterPlace: false, share: false, span: undefined };
}

export interface SentenceFacts {
  index: number;
  sentence: Sentence;
  tokens: Token[];
  /** Places where something happened. */
  places: PlaceMention[];
  /** Places named for attribution only ("губернатор Белгородской области"); they still set the context. */
  attributivePlaces: PlaceMention[];
  cues: KindCue[];
  /** "обстріляли Херсонщину", "came under fire": a strike without a named weapon. */
  shelling: boolean;
  /** A word of a hit itself ("зафіксовано влучання"): a strike even with no weapon or damage named. */
  hitTold: boolean;
  /** Damage or fire is told ("повреждён причал"), whatever the thing damaged. */
  damageTold: boolean;
  debris: boolean;
  /** "debris of a drone", "falling debris from an intercepted missile": the debris of one munition told with an article (English). */
  debrisOfOne: boolean;
  /** A singular munition told outside a debris phrase («беспилотник атаковал село, осколками посечены дома»; not «обломки беспилотника»): the munition that hit, whatever its debris did. */
  munitionBeyondDebris: boolean;
  weapons: PhraseMatch<WeaponType>[];
  munitionNumbers: MunitionNumber[];
  /** Singular munition nouns ("a drone hit", "дрон атаковал", "and destroyed another one"): 0 if none. */
  singularMunitions: number;
  casualties: CasualtyFacts;
  targets: TargetMention[];
  officials: OfficialMention[];
  date: DateCue | undefined;
  /** Opens with "Earlier"/"Ранее": a secondary event whose date is unknown unless given. */
  earlier: boolean;
  /** Opens with another time and names no day ("In April, …", "In 2023, …", "Last summer, …"): what it tells has no date. */
  otherTime: boolean;
  /** Tells a span or another time and no day of its own ("this year", "last week", "in July", "since the war began"): what a
   * country launched or downed over it is a summary, no incident (guide, rule 7). */
  overSpan: boolean;
  /** Sums up a span ("this month", "in recent weeks", «с начала месяца»; not one attack's "since morning"): with no day of its own, a summary even at a place. */
  summedSpan: boolean;
  /** Speaks of a whole country ("over Russian regions", "Ukraine's air defenses"). */
  tally: boolean;
  country: "RU" | "UA" | null;
  /** "the capital", "столица", "столиця". */
  mentionsCapital: boolean;
  /** "над регионом", "in the region": the region named before. */
  refersToRegion: boolean;
  /** "over the sea", «над акваторией»: over water, with no sea named. */
  overWater: boolean;
  /** "struck the city", "вдарили по місту" with no name after it: the city named before. */
  refersToCity: { first: number; last: number } | null;
  /** "The next day, …": the day after the date told before. */
  nextDay: boolean;
  /** "All of them were destroyed": the munitions of the sentence before, with no figure of its own. */
  allOfThem: boolean;
  /** Names a munition or aerial target, counted or not ("кілька ворожих цілей", "drones"). */
  namesMunition: boolean;
  /** Names a district, community or road ("в Белгородском районе") without naming its region. */
  mentionsDistrict: boolean;
  /** "launched" without a downing or hit. */
  launchOnly: boolean;
  /** Munitions launched, not said to be downed or to have hit: "launched 476 drones", "атакував 102 ударними БпЛА". */
  launches: MunitionNumber[];
  /** The country named as where the attack fell: "an attack on Ukraine", "refineries in southern Russia", "по Україні". */
  attackedCountry: "RU" | "UA" | null;
  /** The country whose name is the doer of the strike told: «Росія знову атакувала енергетику» (it attacked, it was not hit). */
  attackerCountry: "RU" | "UA" | null;
  /** "ППО працювала у Київській та Черкаській областях": each place named was attacked. */
  defenceActive: boolean;
  /** "explosions were heard in Kharkiv": an attack there, the weapon unknown. */
  explosionsHeard: boolean;
  /** "всего", "згодом", "in total", "later": a figure that sums up or updates those told before. */
  update: boolean;
  /** "clarified that", "revised to": a figure that corrects the one told before (replaces it, even a larger one). */
  correction: boolean;
  /** Counts attacks, not munitions («десять раз атаковали Курскую область», «5 атак дронов»): an attack of its own, uncounted. */
  attacksCounted: boolean;
}

// (An abbreviation too: «по объектам ВПК Украины».)
const PLAIN_WORD = /^([\p{Ll}'’-]+|\p{Lu}{2,4})$/u;

/** A preposition or strike verb of the pack's into_place / into_place_verb ("on", «по», «атакували»): where an attack fell follows. */
const intoPlace = (w: SentenceWords, word: string): boolean => w.intoPlace.has(word) || w.intoPlaceVerb.has(word);

/**
 * A country noun after "on"/"in"/"по" (with a compass word between, at most): where the attack fell.
 * Also the country owning what was hit: "удар по объектам энергетики Украины", "атакували
 * енергетичну інфраструктуру України", "a strike on Ukrainian military-industrial facilities".
 */
function attackedCountryOf(tokens: Token[], lex: Lexicon): "RU" | "UA" | null {
  const w = sentenceWordsOf(lex);
  for (let i = 1; i < tokens.length; i++) {
    // "удар по аэродромам ВСУ": the armed forces owning what was hit stand for their country.
    if (w.armedForcesUa.has(tokens[i].lower)) {
      let j = i - 1;
      while (j > 0 && i - j <= 4 && PLAIN_WORD.test(tokens[j].text) && !intoPlace(w, tokens[j].lower) && adjacent(tokens, j)) j--;
      if (j < i - 1 && adjacent(tokens, j) && targetWithin(tokens, j + 1, i - 1, lex) && hitJustBefore(tokens, j, w)) return "UA";
      continue;
    }
    // (A cheap test first: only a token opening as a country word of the pack can be one.)
    if (!w.countryPrefixes.has(tokens[i].prefix3)) continue;
    const country = w.countryName.get(tokens[i].lower);
    if (!country) {
      const adjective = w.countryAdjective.get(tokens[i].lower);
      if (adjective && hitJustBefore(tokens, i - 1, w) && targetWithin(tokens, i + 1, i + 3, lex)) return adjective;
      continue;
    }
    let k = i - 1;
    if (k > 0 && w.compassAdjective.has(tokens[k].lower)) k--;
    if (k > 0 && w.compassAdjective.has(tokens[k].lower)) k--;
    // «по всій Україні», «по всей Украине»: the whole of it.
    if (k > 0 && w.wholeOf.has(tokens[k].lower)) k--;
    // "to attack parts of Ukraine", "across much of Ukraine" (English grammar: the parts, then "of").
    if (k > 1 && tokens[k].lower === "of" && w.partsOfCountry.has(tokens[k - 1].lower)) k -= 2;
    // «атаку на центральні регіони України», «по южным областям Украины».
    else if (k > 1 && w.partsOfCountry.has(tokens[k].lower) && adjacent(tokens, k)) k--;
    if (k > 0 && w.compassAdjective.has(tokens[k].lower)) k--;
    // ("launched 100 drones at Russia"; not "at Ukraine's central region of Poltava": a region of it.)
    // (Not across a comma: "In a massive overnight attack, Russia launched …" names the attacker.)
    if (intoPlace(w, tokens[k].lower) && adjacent(tokens, k) && !(tokens[k].lower === "at" && /['’]s$/u.test(tokens[i].text)))
      return country;
    // "по объектам энергетики Украины": a few plain words naming a target, after a strike told.
    let j = i - 1;
    // (Words joined by a space only: "attack on energy facilities overnight, Russia fired" names the attacker.)
    while (j > 0 && i - j <= 4 && PLAIN_WORD.test(tokens[j].text) && !intoPlace(w, tokens[j].lower) && adjacent(tokens, j)) j--;
    if (!adjacent(tokens, j)) continue;
    if (j < i - 1 && targetWithin(tokens, j + 1, i - 1, lex) && hitJustBefore(tokens, j, w)) return country;
  }
  return null;
}

/**
 * A country word right before a strike or attack cue, with at most three words and no punctuation between
 * («Росія знову атакувала енергетику», «Російські війська завдали удару», "Russia again struck"): the doer.
 * Only a plain country mention counts (not the weighted phrases that already tell the side hit).
 */
function attackerOf(mentions: PhraseMatch<number>[], cues: KindCue[], tokens: Token[], text: string, lex: Lexicon): "RU" | "UA" | null {
  const w = sentenceWordsOf(lex);
  for (const m of mentions) {
    // The pack's doer_country: a country or its forces in the nominative, the subject of a verb (not «в Росії», «по Україні»).
    const doer = m.label === 1 ? w.doerCountry.get(tokens[m.first].lower) : null;
    if (!doer || intoPlace(w, tokens[m.first - 1]?.lower ?? "")) continue;
    const cue = cues.find((c) => c.kind !== "interception" && c.first > m.last && c.first - m.last <= 4);
    if (!cue || /[,.;:!?—–()«»"]/.test(text.slice(tokens[m.last].end, tokens[cue.first].start))) continue;
    return doer;
  }
  return null;
}

/** Token k is a strike verb ("атакували", "struck"), or "on"/"по" right after a strike word ("удар по"). */
function hitJustBefore(tokens: Token[], k: number, w: SentenceWords): boolean {
  if (k < 0 || !intoPlace(w, tokens[k].lower)) return false;
  if (w.strikeWord.has(tokens[k].lower) || w.intoPlaceVerb.has(tokens[k].lower)) return true;
  for (let m = k - 1; m >= Math.max(0, k - 6); m--) if (w.strikeWord.has(tokens[m].lower)) return true;
  return false;
}

/** A downing verb within a few words after a figure ("270 drones were shot down", "20 ракет збито"). */
function downedRightAfter(tokens: Token[], num: NumberMention, lex: Lexicon, text: string): boolean {
  for (let k = num.last + 1; k <= num.last + 4 && k < tokens.length; k++) {
    // (Within its own clause: "дві ракети, з них збито 60 дронів" downs the drones.)
    if (/[,;:.]/.test(text.slice(tokens[k - 1].end, tokens[k].start))) return false;
    if (lex.interception.matchAt(tokens, k)) return true;
  }
  return false;
}

/** Token k and the next are separated by one space (no comma, no dash). */
function adjacent(tokens: Token[], k: number): boolean {
  return tokens[k + 1].start - tokens[k].end <= 1;
}

/** Some target phrase starts within tokens [from, to]. */
function targetWithin(tokens: Token[], from: number, to: number, lex: Lexicon): boolean {
  for (let k = from; k <= Math.min(to, tokens.length - 1); k++) if (lex.targets.matchAt(tokens, k)) return true;
  return false;
}

const STOP_LOOKAHEAD = /[,.;:!?()—–]/;

/** A statement signed with a dash and a name at its end ("Постраждалих немає, — Володимир Когут."). */
const SIGNED = /[—–]\s*\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+[.!]?\s*$/u;

export function sentenceFacts(
  index: number,
  sentence: Sentence,
  tokens: Token[],
  text: string,
  lex: Lexicon,
  language: LanguageCode,
  published: string | null,
  knownOfficials: OfficialMention[],
  nextGroup: () => number,
  resolver: PlaceResolver | null,
  contextRegion: string | null,
  layout: {
    listHeader: SentenceFacts | null;
    datelineEnd: number | null;
    priorMunitions?: MunitionNumber[];
    /** The district the report named last, for «райцентр». */
    district?: DistrictNamed | null;
    /** The surnames of the officials the whole report names with their title. */
    reportSurnames?: string[];
  } = {
    listHeader: null,
    datelineEnd: null,
  },
): SentenceFacts {
  const { listHeader, datelineEnd } = layout;
  const priorMunitions = layout.priorMunitions ?? [];
  // One pass of the lexicon over the sentence; every question below reads its result.
  const scan = lex.interception.scanner?.scan(tokens);
  const matches = <L>(set: PhraseSet<L>): PhraseMatch<L>[] => (scan ? (scan[set.scannerId] as PhraseMatch<L>[]) : set.findAll(tokens));
  const has = (set: PhraseSet<unknown>) => matches(set).length > 0;
  const { regionMentions, water, settlements, mentionsCapital, mentionsDistrict } = findSentencePlaces(
    sentence,
    tokens,
    text,
    lex,
    language,
    nextGroup,
    resolver,
    contextRegion,
    has,
    layout.district ?? null,
  );
  const reportSurnames = layout.reportSurnames ?? NO_SURNAMES;
  const input: SentenceInput = { index, sentence, tokens, text, lex, language, published, priorMunitions, reportSurnames };
  return readPlacesAndSpeakers(input, knownOfficials, listHeader, datelineEnd, {
    regionMentions,
    water,
    settlements,
    mentionsCapital,
    mentionsDistrict,
  });
}

/** What each reading step of a sentence is given: the sentence, its tokens, the report's text, language and date. */
interface SentenceInput {
  index: number;
  sentence: Sentence;
  tokens: Token[];
  text: string;
  lex: Lexicon;
  language: LanguageCode;
  published: string | null;
  /** The munitions the sentence before counted ("Air defences shot down 57." after a launch: of those). */
  priorMunitions: MunitionNumber[];
  /** The surnames of the officials the whole report names with their title. */
  reportSurnames: string[];
}

const NO_SURNAMES: string[] = [];

// sentenceFacts is read in three functions, not one: V8 compiles a function again whenever its
// optimised code meets an object or a branch it has not seen, and recompiling one very large
// function many times was much of a cold run's cost.

interface SentencePlaces {
  regionMentions: PlaceMention[];
  water: PlaceMention[];
  settlements: PlaceMention[];
  mentionsCapital: boolean;
  mentionsDistrict: boolean;
}

/** "на Запоріжжі": the city's name after the pack's preposition names its region. */
function namesItsRegion(r: PlaceMention, tokens: Token[], lex: Lexicon): boolean {
  return r.kind === "city" && r.first === r.last && r.first > 0 && lex.regionByCityName.matchAt(tokens, r.first - 1)?.last === r.last;
}

/** Every place the sentence names, before telling where something happened from where it is only named. */
function findSentencePlaces(
  sentence: Sentence,
  tokens: Token[],
  text: string,
  lex: Lexicon,
  language: LanguageCode,
  nextGroup: () => number,
  resolver: PlaceResolver | null,
  contextRegion: string | null,
  has: (set: PhraseSet<unknown>) => boolean,
  contextDistrict: DistrictNamed | null,
): SentencePlaces {
  const { regionMentions, mentionsCapital } = sentenceRegionMentions(tokens, text, lex, language, nextGroup, resolver, contextRegion);
  const mentionsDistrict = has(lex.districtWords);
  // No region yet anywhere: a district may tell it (only then: "Київський район" of a city named before is the city's).
  // With a region from before, only a district of that region ("В Туапсе … Всего над Туапсинским районом"),
  // and not of a city-region, whose districts are the city's ("в Подольском районе" of Kyiv).
  const districts = (!regionMentions.length && resolver && mentionsDistrict ? findDistrictRegions(tokens, resolver) : []).filter(
    (d) => !contextRegion || (d.regions[0] === contextRegion && !CITY_REGIONS.has(contextRegion)),
  );
  const water = findWaterMentions(sentence.text, sentence.start, tokens);
  water.push(...bareSeaMentions(tokens, water, lex, contextRegion ?? regionMentions[0]?.regions[0] ?? null));
  const regionHint =
    // ("07:30 Moscow time", "Kyiv Post" name no region to read the names of the sentence in.)
    regionMentions.find(
      (r) =>
        r.regions.length === 1 &&
        !insideQuotedName(r, text) &&
        !(r.last + 1 < tokens.length && lex.notPlaceAfter.matchAt(tokens, r.last + 1)),
    )?.regions[0] ??
    districts[0]?.regions[0] ??
    contextRegion;
  // "удар по обласному центру": the capital of the region in question.
  if (has(lex.regionalCentre)) regionMentions.push(...regionalCentreMentions(lex.regionalCentre.findAll(tokens), tokens, text, regionHint));
  let settlements = settlementsByWord(tokens, text, language, regionMentions);
  if (resolver) {
    const takenTokens = new Uint8Array(tokens.length);
    const pass: GazetteerPass = {
      tokens,
      text,
      lex,
      language,
      resolver,
      regionHint,
      takenTokens,
      taken: (i: number) => takenTokens[i] === 1,
    };
    const named = gazetteerNames(pass, regionMentions, water, settlements);
    settlements = named.settlements;
    settlements.push(...unknownListedNames(pass, settlements, named.listRegion));
    settlements.push(
      ...areasAndHromadas(pass, regionMentions, named.listRegion, mentionsDistrict, has(lex.districtCentre), contextDistrict),
    );
  }
  // (One name found twice, by the first reading and again with the list's region, is one place.)
  settlements = settlements.filter((m, k) => !settlements.some((o, j) => j < k && o.first === m.first && o.last === m.last));
  // The district's region is the sentence's place only when it names no other.
  if (districts.length && !settlements.some((s) => s.regions.length) && !water.length) regionMentions.push(...districts);
  return { regionMentions, water, settlements, mentionsCapital, mentionsDistrict };
}

// findSentencePlaces reads a sentence's places in the steps below, each a function of its own: V8 compiles
// a function again whenever its optimised code meets an object or a branch it has not seen, and one large
// function (with all it inlines) recompiled many times was the largest part of a cold run's compiling.

/** The regions (and cities named for them) a sentence names, and whether it speaks of "the capital". */
function sentenceRegionMentions(
  tokens: Token[],
  text: string,
  lex: Lexicon,
  language: LanguageCode,
  nextGroup: () => number,
  resolver: PlaceResolver | null,
  contextRegion: string | null,
): { regionMentions: PlaceMention[]; mentionsCapital: boolean } {
  // "Зеленодольській громаді": a hromada is Ukrainian, whatever Russian district shares its name.
  const words = sentenceWordsOf(lex);
  const regionMentions = findRegionMentions(tokens, text, nextGroup)
    .filter((r) => !words.communityNoun.has(tokens[r.last + 1]?.lower ?? "") || r.regions.some((x) => x.startsWith("UA")))
    .filter((r) => !resolver || !partOfSettlementName(r, tokens, text, resolver, language))
    .map((r) => (namesItsRegion(r, tokens, lex) ? changedPlace(r, { kind: "region", name: null }) : r));
  // "the Kharkiv direction", «на Запорожском направлении»: the front's area in the city's region, not the city.
  for (const [k, r] of regionMentions.entries())
    if (r.kind === "city" && namesFrontDirection(tokens, r.last, language))
      regionMentions[k] = changedPlace(r, { kind: "region", name: null, district: true });
  const mentionsCapital = tokens.some((t) => lex.capitalNoun.has(t.lower));
  // With no region told before, the sentence's own regions of one country tell whose capital («три — над
  // Московским регионом, в том числе один, летевший на столицу»).
  const ownCountries = new Set(regionMentions.flatMap((r) => r.regions.map((x) => x.slice(0, 2))));
  const capitalContext = contextRegion ?? (ownCountries.size === 1 ? (regionMentions[0].regions[0] ?? null) : null);
  if (mentionsCapital)
    for (const c of findCapitalNouns(tokens, text, language, capitalContext))
      if (!regionMentions.some((r) => r.first <= c.last && c.first <= r.last)) regionMentions.push(c);
  // "Moscow and the surrounding region", «у Києві та області»: the oblast around the capital city-region, a second place.
  for (const c of regionMentions.slice()) {
    const around = c.kind === "city" && c.regions.length === 1 ? OBLAST_AROUND_CITY.get(c.regions[0]) : undefined;
    if (!around || !lex.conjunction.has(tokens[c.last + 1]?.lower ?? "")) continue;
    const m = lex.aroundCityRegion.matchAt(tokens, c.last + 2);
    if (!m || regionMentions.some((r) => r.first <= m.last && m.first <= r.last)) continue;
    regionMentions.push({
      kind: "region",
      regions: [around],
      name: null,
      text: text.slice(tokens[m.first].start, tokens[m.last].end),
      start: tokens[m.first].start,
      end: tokens[m.last].end,
      first: m.first,
      last: m.last,
      group: null,
      attributive: false,
      district: false,
    });
  }
  return { regionMentions, mentionsCapital };
}

/**
 * The settlements introduced by a word of their kind ("поселок Томаровка"). A settlement name read into a region's
 * adjective ends before it ("поселок Томаровка Белгородской области"); a region's adjective opening the longer name
 * after a word of a settlement is that name's («село Ивановская Лисица»): that region mention is dropped.
 */
function settlementsByWord(tokens: Token[], text: string, language: LanguageCode, regionMentions: PlaceMention[]): PlaceMention[] {
  const allSettlements = findSettlementMentions(tokens, text, language);
  for (const s of allSettlements) {
    const k = regionMentions.findIndex((r) => r.kind === "region" && r.first === s.first && r.last < s.last);
    if (k >= 0) regionMentions.splice(k, 1);
  }
  return allSettlements
    .map((s) => {
      const region = regionMentions.find((r) => r.start < s.end && s.start < r.end);
      if (!region || region.first <= s.first) return region ? null : s;
      const last = region.first - 1;
      const written = text.slice(s.start, tokens[last].end);
      return changedPlace(s, {
        last,
        end: tokens[last].end,
        text: written,
        name: language === "en" ? written : transliterate(written, language),
      });
    })
    .filter((s): s is PlaceMention => s !== null);
}

/** What the gazetteer steps of a sentence share: its words, the region to read names in, the tokens read as places so far. */
interface GazetteerPass {
  tokens: Token[];
  text: string;
  lex: Lexicon;
  language: LanguageCode;
  resolver: PlaceResolver;
  regionHint: string | null;
  /** 1 for each token some place found so far covers. */
  takenTokens: Uint8Array;
  taken: (i: number) => boolean;
}

/** Marks the tokens of these mentions as read. */
function markTaken(pass: GazetteerPass, mentions: PlaceMention[]): void {
  const { takenTokens, tokens } = pass;
  for (const m of mentions) for (let i = Math.max(0, m.first); i <= m.last && i < tokens.length; i++) takenTokens[i] = 1;
}

/**
 * The settlements placed by the gazetteer: those a word of their kind introduced, then the names it knows, then
 * ("атаковали Коломну, Бронницы и Котельники") with no region named, the region the towns it places for sure tell
 * (listRegion), in which the names other regions share are read again. Front directions join regionMentions.
 */
function gazetteerNames(
  pass: GazetteerPass,
  regionMentions: PlaceMention[],
  water: PlaceMention[],
  byWord: PlaceMention[],
): { settlements: PlaceMention[]; listRegion: string | null } {
  const { tokens, text, lex, language, resolver, regionHint, takenTokens, taken } = pass;
  let settlements = byWord.map((s) => placeSettlement(s, language, resolver, regionHint));
  // (concat, not a spread: the optimised code of a spread checks each array's elements kind, and these
  // lists come in several — an empty [] holds small integers, a .map() or .filter() run by optimised
  // code makes a holey array where the interpreter makes a packed one — so each new kind met sent
  // this code back to the compiler.)
  markTaken(pass, regionMentions.concat(water, settlements));
  // «на Купянском направлении», "the Kupiansk direction": an area of the front in the town's region, no settlement.
  const directions = tokens.some((t) => lex.frontDirection.has(t.lower))
    ? findFrontDirectionMentions(tokens, language, resolver, regionHint, taken)
    : [];
  regionMentions.push(...directions);
  for (const m of directions) takenTokens[m.first] = 1;
  settlements.push(...findGazetteerMentions(tokens, text, language, resolver, regionHint, taken));
  const listRegion = regionHint === null ? mostCommonRegion(settlements) : null;
  if (listRegion) {
    // «Город Шебекино, сёла Белянка и Вознесеновка»: a village after its kind of place, of a name other regions share, too.
    settlements = settlements.map((m) => (m.kind === "settlement" ? placedInList(m, listRegion, language, resolver) : m));
    markTaken(pass, settlements);
    settlements.push(
      ...findGazetteerMentions(tokens, text, language, resolver, listRegion, taken).filter((m) => m.regions[0] === listRegion),
    );
  }
  return { settlements, listRegion };
}

/**
 * «Атакам подверглись Ольговка, Верхнекозловка и Хомутовка»: the names of a list the gazetteer does not know, read
 * as after «хутор» (placed if the region has them, else unresolved in the region of the context or of the other items).
 */
function unknownListedNames(pass: GazetteerPass, settlements: PlaceMention[], listRegion: string | null): PlaceMention[] {
  const { tokens, text, language, resolver, regionHint, takenTokens, taken } = pass;
  const unknownRegion = regionHint ?? listRegion ?? mostCommonRegion(settlements);
  const inGazetteer = (written: string) => {
    const f = resolver.findSettlement(written, unknownRegion, language);
    return !!f && (f.match === "exact" || f.match === "stem") && (f.region === unknownRegion || (!unknownRegion && f.unique));
  };
  // (A place read in another region than the list's is no sign the list is of places: «атаковали Петрова и Смирнову».)
  const ofList = settlements.filter((m) => !unknownRegion || m.regions[0] === unknownRegion);
  const listed = placeList();
  for (const m of findUnknownListedNames(tokens, text, language, ofList, taken, inGazetteer))
    listed.push(placeSettlement(m, language, resolver, unknownRegion));
  // (With no region told, the region of the list's places: «Дроны атаковали Ольговку, Малозадонку и Рыльск».)
  const itemsRegion = unknownRegion ?? mostCommonRegion(listed);
  const out = placeList();
  for (const m of listed) {
    const placed = m.regions.length || !itemsRegion ? m : placedInList(m, itemsRegion, language, resolver);
    out.push(!placed.regions.length && !regionHint && itemsRegion ? changedPlace(placed, { regions: [itemsRegion] }) : placed);
    for (let i = m.first; i <= m.last; i++) takenTokens[i] = 1;
  }
  return out;
}

/**
 * The areas of towns («Нікопольщина», joining regionMentions), the hromadas, and the town a district is called
 * after («райцентр»): the settlements of these, read last.
 */
function areasAndHromadas(
  pass: GazetteerPass,
  regionMentions: PlaceMention[],
  listRegion: string | null,
  mentionsDistrict: boolean,
  mentionsDistrictCentre: boolean,
  contextDistrict: DistrictNamed | null,
): PlaceMention[] {
  const { tokens, text, lex, language, resolver, regionHint, taken } = pass;
  const out = placeList();
  const townAreas = language !== "en" ? findTownAreaMentions(tokens, resolver, regionHint, taken, language) : [];
  regionMentions.push(...townAreas);
  // ("Нікополь, Марганецьку та Покровську громади", "На Нікопольщині … Покровській громаді": hromadas
  // listed with towns, or told in a town's area, are read in that region.)
  const hromadaRegion = regionHint ?? listRegion ?? (townAreas[0]?.regions.length === 1 ? townAreas[0].regions[0] : null);
  if (mentionsDistrict) out.push(...hromadasOfSentence(tokens, text, language, resolver, hromadaRegion, taken));
  // «в Коломенском и Серпуховском городских округах», «в Зарайском г.о.»: urban okrugs named by their adjective, at their towns.
  out.push(...findUrbanOkrugMentions(tokens, text, language, resolver, hromadaRegion, taken));
  // «По Нікопольському застосовував FPV-дрони… Потерпали райцентр»: the town the district named is called after.
  const district = mentionsDistrictCentre ? (lastDistrictNamed(tokens, resolver) ?? contextDistrict) : null;
  if (district) out.push(...districtCentreMentions(lex.districtCentre.findAll(tokens), tokens, text, district, language, resolver));
  return out;
}

/** Which of the places are where something happened, and who speaks. */
function readPlacesAndSpeakers(
  input: SentenceInput,
  knownOfficials: OfficialMention[],
  listHeader: SentenceFacts | null,
  datelineEnd: number | null,
  found: SentencePlaces,
): SentenceFacts {
  const { sentence, tokens, text, lex } = input;
  const { regionMentions, water, settlements, mentionsCapital, mentionsDistrict } = found;
  const scan = lex.interception.scanner?.scan(tokens);
  const matches = <L>(set: PhraseSet<L>): PhraseMatch<L>[] => (scan ? (scan[set.scannerId] as PhraseMatch<L>[]) : set.findAll(tokens));
  const has = (set: PhraseSet<unknown>) => matches(set).length > 0;
  // Most classifiers only matter when the sentence speaks of an attack, a weapon, casualties
  // or a speaker; a sentence without any of these only feeds the context (places, date).
  const speaks =
    has(lex.officialTitles) ||
    has(lex.officialBodies) ||
    (knownOfficials.length > 0 && tokens.some((t) => t.capital)) ||
    SIGNED.test(sentence.text);
  // A verbless item of a list ("▪️ Сумщина — 7", "Пять — над Курской областью") says what its
  // header says ("ПВО уничтожены 9 БПЛА:"): the header's kind of event and weapon.
  const headerKind =
    listHeader && !has(lex.interception) && !has(lex.strike) && !has(lex.attack) && !has(lex.shelling) ? listKind(listHeader) : null;
  const relevant =
    headerKind !== null ||
    speaks ||
    has(lex.interception) ||
    has(lex.strike) ||
    has(lex.attack) ||
    has(lex.weapons) ||
    has(lex.killed) ||
    has(lex.injured) ||
    has(lex.noCasualties) ||
    has(lex.airDefenceActive) ||
    has(lex.explosionsHeard);
  const officials = relevant && speaks ? findOfficials(tokens, text, lex, knownOfficials) : [];
  const all = regionMentions.concat(water, settlements).sort((a, b) => a.start - b.start);
  const places = placeList();
  const attributivePlaces = placeList();
  const bodies = matches(lex.officialBodies);
  const surnames = surnamesOf(knownOfficials, officials);
  let lastAttributive: PlaceMention | null = null;
  let previous: PlaceMention | null = null;
  for (const p of all) {
    if (isNotAPlace(p, tokens, text, lex, datelineEnd, surnames) || isReportSurname(p, tokens, input.reportSurnames, lex)) continue;
    const inBodyName = bodies.some((b) => b.first <= p.last && p.first <= b.last + 1);
    // "власти Брянской и Смоленской областей": the places listed with an attribute are attributes too.
    const listedWithAttribute = lastAttributive !== null && lex.commaOrConjunction.test(text.slice(lastAttributive.end, p.start));
    // "the Kursk oblast north of Belgorod", "Липецкая область севернее Воронежа": a point that
    // describes where the region named before lies, not a place of its own.
    const describesPrevious =
      previous !== null &&
      ((previous.kind === "region" && sentenceWordsOf(lex).directionFrom.test(text.slice(previous.end, p.start))) ||
        locatesTown(previous, p, tokens, text, lex));
    previous = p;
    // «Удар по Рязанскому НПЗ», «Запорізька АЕС»: a facility named by its region's adjective is in that region
    // (when the sentence names no other place: «атаковали Курчатов … объекты Курской АЭС» is the town).
    const namesFacility =
      p.attributive && p.kind === "region" && all.length === 1 && lex.facilityOfPlace.matchAt(tokens, p.last + 1) !== undefined;
    // "the town of Kurchatov, 25 miles west of the city of Kursk, was attacked": the point another town
    // of the sentence is measured from describes it (guide: a reference point is no place of the event).
    const referencePoint =
      isMeasuredFrom(p, tokens, lex) && all.some((o) => o !== p && (o.kind === "settlement" || o.kind === "city") && o.end <= p.start);
    // «у Домодєдово (с. Ям)», «в Одинцовском округе (г. Кубинка)»: the okrug named by its centre, the settlement in brackets after it.
    const okrugOfBracketed = all.some((o) => o.kind === "settlement" && o.start > p.end && bracketsItsPlace(text.slice(p.end, o.start)));
    if (
      (p.attributive && !namesFacility) ||
      referencePoint ||
      okrugOfBracketed ||
      inBodyName ||
      listedWithAttribute ||
      describesPrevious ||
      isAttributive(p, tokens, lex, text)
    ) {
      attributivePlaces.push(p);
      lastAttributive = p;
      continue;
    }
    lastAttributive = null;
    // «Рязанский НПЗ», «Саратовський НПЗ»: a refinery or depot named by the adjective its region shares with its capital
    // is at the capital (as "the Ryazan oil refinery" is Ryazan); not a named_facility («Курская АЭС», elsewhere in the region).
    const capital = namesFacility && !lex.namedFacility.matchAt(tokens, p.last + 1) ? capitalNamedLikeRegion(p.regions[0]) : null;
    const at = capital ? changedPlace(p, { kind: "city", name: capital, attributive: false }) : p;
    // («вблизи села Колячек»: a village not yet placed, near which it happened, leaves the region to the report.)
    if (nearUnplacedSettlement(at, tokens, lex)) continue;
    if (!isLaunchSiteOrSource(at, tokens, lex, text)) places.push(regionOf(nearMeansRegion(at, tokens, lex, text), tokens, lex));
  }
  // "над Московским регионом уничтожены 12 беспилотников, летевших на Москву": the city the drones
  // flew toward is where they were going, not a second place of the sentence.
  if (places.length > 1) {
    // (Not a share told of with its own figure: «три — над Московским регионом, в том числе один, летевший на
    // Москву», "including one flying toward Moscow" — the city then has that figure, annotation guide.)
    const share = (p: PlaceMention) =>
      [2, 3, 4].some(
        (d) =>
          p.first - d > 0 &&
          lex.examplesFigureBefore.test(text.slice(tokens[Math.max(0, p.first - d - 4)].start, tokens[p.first - d].start)),
      );
    // (Nor a capital city-region downed at a district of its own oblast: "a drone flying toward Moscow was shot down in
    // the Ramensky district of the Moscow region" — the district's downing, and the capital's (guide: the oblast's
    // figure plus the one heading for the capital); the reader decides by the count. A ministry's tally "over the
    // Moscow region" of drones flying to the capital stays the region's.)
    const aroundNamed = (p: PlaceMention) =>
      mentionsDistrict &&
      p.regions.length === 1 &&
      CITY_REGIONS.has(p.regions[0]) &&
      places.some((o) => o !== p && o.regions.length === 1 && o.regions[0] === OBLAST_AROUND_CITY.get(p.regions[0]));
    const destinations = places.filter((p) => isDestination(p, tokens, lex) && !share(p) && !aroundNamed(p));
    if (destinations.length && destinations.length < places.length) for (const d of destinations) places.splice(places.indexOf(d), 1);
  }
  return readCuesAndFigures(input, listHeader, headerKind, relevant, {
    all,
    places,
    attributivePlaces,
    officials,
    mentionsCapital,
    mentionsDistrict,
  });
}

/**
 * "A guided bomb destroyed a warehouse", «Ракета уничтожила склад», «Дрон знищив склад»: a munition
 * as the doer of an active "destroyed" hit something — a strike, not a downing ("Air defences
 * destroyed 10 drones", «уничтожены 10 дронов», "12 drones destroyed over Kursk" stay downings).
 */
function munitionAsDoer(cues: KindCue[], tokens: Token[], text: string, weapons: PhraseMatch<WeaponType>[], lex: Lexicon): void {
  for (let i = 0; i < cues.length; i++) {
    const c = cues[i];
    if (c.kind !== "interception" || c.first !== c.last || !lex.munitionDid.matchAt(tokens, c.first)) continue;
    const doer = weapons.some((w) => w.last === c.first - 1);
    const object = tokens[c.last + 1];
    // (Not "Two drones destroyed, one hit a house": the object follows the verb with no stop between.)
    if (!doer || !object || lex.placePreposition.has(object.lower) || /\S/.test(text.slice(tokens[c.last].end, object.start))) continue;
    if (weapons.some((w) => w.first > c.last && w.first <= c.last + 4)) continue;
    cues[i] = { kind: "strike", first: c.first, last: c.last };
  }
}

/**
 * «Уражено енергетичний об'єкт у Львівській області», «Поражены объекты энергетики»: a word that tells
 * a downing or a hit (the pack's hit_or_downing) with a thing hit in its clause and no munition there
 * is a strike («уражено 40 БпЛА», «поражены 12 беспилотников» stay downings).
 */
function hitOrDowningAsHit(cues: KindCue[], tokens: Token[], text: string, weapons: PhraseMatch<WeaponType>[], lex: Lexicon): boolean {
  if (!cues.some((c) => c.kind === "interception" && lex.hitOrDowning.matchAt(tokens, c.first))) return false;
  let hit = false;
  const targets = findTargets(tokens, text, lex);
  // (Not the nouns of events a figure can count, «атаки», «удари»: they are cues themselves.)
  const munitions = lex.munitionNouns.findAll(tokens).filter((m) => !overlaps(cues, m));
  for (let i = 0; i < cues.length; i++) {
    const c = cues[i];
    if (c.kind !== "interception" || !lex.hitOrDowning.matchAt(tokens, c.first)) continue;
    // The clause of the cue: up to a stop, a semicolon or a colon either side.
    let a = c.first;
    while (a > 0 && !/[.;:]/.test(text.slice(tokens[a - 1].end, tokens[a].start))) a--;
    let b = c.last;
    while (b + 1 < tokens.length && !/[.;:]/.test(text.slice(tokens[b].end, tokens[b + 1].start))) b++;
    const within = (first: number) => first >= a && first <= b;
    if (weapons.some((w) => within(w.first)) || munitions.some((m) => within(m.first))) continue;
    const thing = targets.some((t) => within(t.first)) || tokens.slice(a, b + 1).some((t) => lex.genericTarget.has(t.lower));
    if (!thing) continue;
    cues[i] = { kind: "strike", first: c.first, last: c.last };
    hit = true;
  }
  return hit;
}

/**
 * «Попыток атак на Курск не было», «атаки на Суми цієї ночі не зафіксовано», «не было прилётов»: an event word the
 * pack's event_denied follows within six words of the same clause (or just precedes) tells no event. Not when a casualty
 * word or another cue stands between («в результате атаки пострадавших не было»: the toll is denied, not the attack).
 */
function dropDeniedCues(cues: KindCue[], tokens: Token[], text: string, denials: PhraseMatch<true>[], lex: Lexicon): void {
  if (!denials.length) return;
  const casualty = (k: number) => !!lex.killed.matchAt(tokens, k) || !!lex.injured.matchAt(tokens, k);
  const denied = (c: KindCue) =>
    denials.some((d) => {
      if (d.last === c.first - 1) return true;
      if (d.first <= c.last || d.first - c.last > 6) return false;
      if (/[,.;:!?—–()]/.test(text.slice(tokens[c.last].end, tokens[d.first].start))) return false;
      for (let k = c.last + 1; k < d.first; k++) if (casualty(k) || cues.some((o) => o !== c && o.first === k)) return false;
      return !casualty(c.first);
    });
  for (let i = cues.length - 1; i >= 0; i--) if (cues[i].first >= 0 && denied(cues[i])) cues.splice(i, 1);
}

/**
 * «Противник не атаковал Курск», «ворог не обстрілював Суми», "Russia did not attack Kharkiv": an attack or a hit whose
 * word comes right after the pack's not_word is denied (casualty words keep theirs: «никто не пострадал» is the toll's).
 */
function dropNegatedCues(cues: KindCue[], tokens: Token[], lex: Lexicon): void {
  for (let i = cues.length - 1; i >= 0; i--) {
    const c = cues[i];
    if (c.first < 1 || c.kind === "interception" || !lex.notWord.has(tokens[c.first - 1].lower)) continue;
    if (lex.killed.matchAt(tokens, c.first) || lex.injured.matchAt(tokens, c.first)) continue;
    cues.splice(i, 1);
  }
}

/**
 * The kind cues of a sentence, in order (a downing, a strike or an attack told, and -1 for its list header's kind):
 * cue words less those that only look like cues, those of a habit, of another time, and after "since …, when";
 * air defence active and explosions heard as attacks. Also what was read on the way.
 */
function readKindCues(
  input: SentenceInput,
  headerKind: CueKind | null,
  matches: <L>(set: PhraseSet<L>) => PhraseMatch<L>[],
  has: (set: PhraseSet<unknown>) => boolean,
): {
  cues: KindCue[];
  defenceActive: PhraseMatch<true>[];
  dateCue: DateCue | undefined;
  hitByWord: boolean;
  explosions: PhraseMatch<true>[];
} {
  const { sentence, tokens, text, lex, language, published } = input;
  const cues: KindCue[] = [];
  for (const m of matches(lex.interception)) cues.push({ kind: "interception", first: m.first, last: m.last });
  for (const m of matches(lex.strike)) if (!overlaps(cues, m)) cues.push({ kind: "strike", first: m.first, last: m.last });
  for (const m of matches(lex.attack)) if (!overlaps(cues, m)) cues.push({ kind: "attack", first: m.first, last: m.last });
  // Shelling is a hit: "під обстріл потрапив Нікополь".
  for (const m of matches(lex.shelling)) if (!overlaps(cues, m)) cues.push({ kind: "strike", first: m.first, last: m.last });
  // «У Прудянці постраждав приватний будинок», «пострадала школа»: a thing that suffered was hit.
  for (let k = 0; k < tokens.length; k++)
    if (damageToThing({ first: k }, tokens, lex) && !overlaps(cues, { first: k, last: k }))
      cues.push({ kind: "strike", first: k, last: k });
  // Words that only look like cues ("ударних БпЛА", "ліквідовують наслідки") make none; "air
  // defence was active" / "repelled an attack" is an attack unless a downing is stated beside it.
  const notCues = matches(lex.notCue);
  // (Also "air defence" words they open on: «учения по отражению атак беспилотников» is a drill — not "repelled nine
  // attack drones", whose not-cue only follows the verb.)
  let defenceActive = matches(lex.airDefenceActive).filter((m) => !notCues.some((n) => n.first < m.first && n.last >= m.first));
  for (let i = cues.length - 1; i >= 0; i--) if (overlaps(notCues, cues[i])) cues.splice(i, 1);
  dropDeniedCues(cues, tokens, text, matches(lex.eventDenied), lex);
  dropNegatedCues(cues, tokens, lex);
  // "Drones tried to strike Belgorod", «пытались ударить по Курску», "an attempted missile strike": a strike word right
  // after an attempt (one word between allowed, no punctuation) is an attack.
  for (const a of matches(lex.attemptBefore))
    for (let i = 0; i < cues.length; i++) {
      const c = cues[i];
      const gap = c.first - a.last;
      if (c.kind !== "strike" || gap < 1 || gap > 2 || /[,.;:!?—–()]/.test(text.slice(tokens[a.last].end, tokens[c.first].start))) continue;
      cues[i] = { kind: "attack", first: c.first, last: c.last };
    }
  // "If Russia attacks Kharkiv, …", «Якщо ворог атакує Харків, …»: the condition's clause tells no event.
  if (tokens.length && lex.conditionalOpening.has(tokens[0].lower)) {
    const stop = /[,;:—–]/.exec(text.slice(tokens[0].end));
    const end = stop ? tokens[0].end + stop.index : text.length;
    for (let i = cues.length - 1; i >= 0; i--) if (cues[i].first >= 0 && tokens[cues[i].last].end <= end) cues.splice(i, 1);
  }
  // «Харьков регулярно подвергается ударам», «ВСУ ежедневно обстреливают Шебекино»: a cue a word or two after an
  // adverb of habit (the pack's habitual) tells what keeps happening, no one event.
  // (Or a few words before one: "Nikopol is shelled almost every day", "drones are shot down over Kyiv almost every
  // night", "has attacked the refinery several times" — unless the sentence names its day: "shelled several times overnight".)
  const dateCue = findDateCue(tokens, sentence.text, sentence.start, published, language);
  // (A span since a month or a year too — "has been targeted by drones since August", «с 2022 года подвергается обстрелам» —
  // but not after a superlative: "the largest attack since March" compares this event with others.)
  const habits = dateCue ? [] : [...matches(lex.habitual), ...(has(lex.superlative) ? [] : matches(lex.habitSince))];
  const dropHabitual = () => {
    for (const h of habits)
      for (let i = cues.length - 1; i >= 0; i--) {
        const c = cues[i];
        if (c.first < 0) continue;
        // (Or the habit's own phrase holds the cue: «под постоянными обстрелами», «зазнає частих ударів».)
        if (c.first >= h.first && c.last <= h.last) {
          cues.splice(i, 1);
          continue;
        }
        // (Three words after it: the verb and its preposition before the cue, «щодня потерпає від обстрілів».)
        const after = c.first > h.last && c.first <= h.last + 3;
        // (Five words when the adverb closes the clause: "shot down over the Odesa region most nights."; else two, not "hit a
        // school normally used as a shelter".)
        const closes = h.last === tokens.length - 1 || /^\s*[,.;:!?—–()]/.test(text.slice(tokens[h.last].end, tokens[h.last].end + 3));
        const before = c.last < h.first && c.last >= h.first - (closes ? 5 : 2);
        if (!after && !before) continue;
        const gap = after ? [tokens[h.last].end, tokens[c.first].start] : [tokens[c.last].end, tokens[h.first].start];
        if (!/[,.;:!?—–()]/.test(text.slice(gap[0], gap[1]))) cues.splice(i, 1);
      }
  };
  dropHabitual();
  // "the refinery, hit by drones last month, …", "the victims of last week's missile strike": a cue beside another
  // time (the pack's another_time, not opening the sentence) names an attack of that time, no event of this report —
  // unless the sentence tells its toll ("a week ago, a strike on the city killed seven" keeps its incident, undated).
  if (!has(lex.killed) && !has(lex.injured))
    for (const t of matches(lex.anotherTime))
      for (let i = cues.length - 1; i >= 0 && t.first > 0; i--) {
        const c = cues[i];
        const near = c.last < t.first ? c.last >= t.first - 3 : c.first <= t.last + 2;
        if (!near || c.first === -1) continue;
        const gap = c.last < t.first ? [tokens[c.last].end, tokens[t.first].start] : [tokens[t.last].end, tokens[c.first].start];
        if (!/[,.;:!?—–()]/.test(text.slice(gap[0], gap[1]))) cues.splice(i, 1);
      }
  // "the deadliest attack since July, when a missile struck a children's hospital": what follows "since …, when" is of that time.
  const sinceWhen = matches(lex.sinceWhen)[0];
  if (sinceWhen) for (let i = cues.length - 1; i >= 0; i--) if (cues[i].first > sinceWhen.last) cues.splice(i, 1);
  // (A hit told by the word itself, like «влучання»: a strike even with only «об'єкти» named.)
  const hitByWord = hitOrDowningAsHit(cues, tokens, text, matches(lex.weapons), lex);
  const downings = cues.filter((c) => c.kind === "interception" && !overlaps(defenceActive, c));
  const downingStated = downings.length > 0;
  // (A downing told past a full stop is of another statement: «…подтверждено сбитие 78 дронов. противовоздушная оборона
  // работала в …», a sentence the splitter kept whole for its lowercase opening.)
  defenceActive = defenceActive.filter((m) => downings.every((c) => fullStopBetween(text, tokens, c, m)));
  for (let i = 0; i < cues.length; i++)
    if (cues[i].kind === "interception" && overlaps(defenceActive, cues[i]))
      cues[i] = { kind: "attack", first: cues[i].first, last: cues[i].last };
  for (const m of defenceActive) if (!overlaps(cues, m)) cues.push({ kind: "attack", first: m.first, last: m.last });
  if (downingStated) repelledAttacksAsDownings(cues, tokens, text, lex);
  // Explosions heard are an attack, even where a word of them also reads as a hit ("вибух*").
  const explosions = matches(lex.explosionsHeard);
  for (let i = cues.length - 1; i >= 0; i--) if (cues[i].kind === "strike" && overlaps(explosions, cues[i])) cues.splice(i, 1);
  for (const m of explosions) if (!overlaps(cues, m)) cues.push({ kind: "attack", first: m.first, last: m.last });
  // (Explosions heard as a habit too: "Explosions are heard in Belgorod almost every day.")
  if (habits.length && explosions.length) dropHabitual();
  if (headerKind) cues.push({ kind: headerKind, first: -1, last: -1 });
  cues.sort((a, b) => a.first - b.first);
  return { cues, defenceActive, dateCue, hitByWord, explosions };
}

/** The kinds of event the sentence tells, its figures, casualties, targets and date. */
function readCuesAndFigures(
  input: SentenceInput,
  listHeader: SentenceFacts | null,
  headerKind: CueKind | null,
  relevant: boolean,
  read: {
    all: PlaceMention[];
    places: PlaceMention[];
    attributivePlaces: PlaceMention[];
    officials: OfficialMention[];
    mentionsCapital: boolean;
    mentionsDistrict: boolean;
  },
): SentenceFacts {
  const { index, sentence, tokens, text, lex, language, priorMunitions } = input;
  const { all, places, attributivePlaces, officials, mentionsCapital, mentionsDistrict } = read;
  const scan = lex.interception.scanner?.scan(tokens);
  const matches = <L>(set: PhraseSet<L>): PhraseMatch<L>[] => (scan ? (scan[set.scannerId] as PhraseMatch<L>[]) : set.findAll(tokens));
  const has = (set: PhraseSet<unknown>) => matches(set).length > 0;
  const kindCues = readKindCues(input, headerKind, matches, has);
  const { cues, dateCue, hitByWord, explosions } = kindCues;
  let defenceActive = kindCues.defenceActive;

  dropAttemptOfDowned(cues, places, tokens, lex);
  // (Not the air defence's own arms: «зенитные ракетные подразделения» fire no missile at the place.)
  const defenceArms = matches(lex.defenceArms);
  const weapons = matches(lex.weapons).filter((w) => !overlaps(defenceArms, w));
  munitionAsDoer(cues, tokens, text, weapons, lex);
  const headerWeapon = headerKind && !weapons.length ? (listHeader?.weapons[0]?.label ?? null) : null;
  const numbers = relevant ? findNumbers(tokens, text) : [];
  // "killed two people in A and one in B": "one in B" is a casualty figure, not "27 over the X region".
  const elliptic = numbers.length ? findEllipticCasualties(tokens, numbers, lex, text) : [];
  const casualtyFigures = new Set(elliptic.map((e) => e.mention));
  const launches: MunitionNumber[] = [];
  const munitionNumbers = numbers.length
    ? findMunitionNumbers(
        tokens,
        text,
        numbers.filter((n) => !casualtyFigures.has(n)),
        lex,
        weapons,
        new Set(all.map((p) => p.first)),
        new Set(all.map((p) => p.last)),
        launches,
        places.length > 0 ||
          has(lex.regionReference) ||
          tokens.some((t, i) => lex.attacking.has(t.lower) && lex.regionNoun.has(tokens[i + 1]?.lower ?? "")),
        places.some((p) => firedAtTown(tokens, p, lex)),
        priorMunitions,
      )
    : [];
  if (headerKind)
    munitionNumbers.push(...listItemNumbers(tokens, text, weapons, numbers, munitionNumbers, casualtyFigures, lex, headerWeapon));
  // (Also under a header that tells no event: «Грайворонский округ:\n▪️ Головчино — 2 дрона».)
  else if (!cues.length && countLine(tokens, text, places, munitionNumbers, lex)) cues.push({ kind: "attack", first: -1, last: -1 });
  for (const m of [...munitionNumbers, ...launches])
    if (tokens[m.mention.first] && tokens[m.mention.last])
      m.span = { start: tokens[m.mention.first].start, end: tokens[m.mention.last].end };
  // "отразили атаку двух беспилотников": a repelled attack with its munitions counted is a downing of them.
  const countedBeside = (c: KindCue) => munitionNumbers.some((m) => !fullStopBetween(text, tokens, m.mention, c));
  if (defenceActive.length && munitionNumbers.length) {
    for (let i = 0; i < cues.length; i++)
      if (cues[i].kind === "attack" && overlaps(defenceActive, cues[i]) && countedBeside(cues[i]))
        cues[i] = { kind: "interception", first: cues[i].first, last: cues[i].last };
    defenceActive = defenceActive.filter((m) => !countedBeside({ kind: "attack", first: m.first, last: m.last }));
  }
  const munitionSet = new Set(munitionNumbers.map((m) => m.mention));
  const launchOnly = has(lex.launch) && !cues.some((c) => c.kind !== "attack");

  let country: "RU" | "UA" | null = null;
  const ru = matches(lex.countryRu).reduce((sum, m) => sum + m.label, 0);
  const ua = matches(lex.countryUa).reduce((sum, m) => sum + m.label, 0);
  if (ru !== ua) country = ru > ua ? "RU" : "UA";
  const attackerCountry = attackerOf([...matches(lex.countryRu), ...matches(lex.countryUa)], cues, tokens, text, lex);
  const summedSpan = summedOverSpan(has, lex);
  const monthSpan = overMonth(tokens, numbers, places, lex);
  const debrisMatches = matches(lex.debris);

  return {
    index,
    sentence,
    tokens,
    places,
    attributivePlaces,
    cues,
    debris: debrisMatches.length > 0,
    debrisOfOne: debrisMatches.some((m) =>
      language === "en" ? debrisOfOneMunition(tokens, m.last + 1) : debrisOfOneAgreeing(tokens, m.last + 1, lex),
    ),
    munitionBeyondDebris:
      language !== "en" &&
      matches(lex.munitionSingular).some((m) => !debrisMatches.some((d) => d.first <= m.first && m.first - d.last <= 3)),
    shelling: has(lex.shelling),
    hitTold: has(lex.hitTold) || hitByWord,
    damageTold: has(lex.damageTold),
    weapons,
    munitionNumbers,
    singularMunitions:
      relevant && (weapons.length || has(lex.munitionNouns)) ? countSingularMunitions(tokens, text, lex, counted(numbers)) : 0,
    // A correction's withdrawn toll is no toll: the corrected one is told elsewhere.
    casualties:
      relevant && !has(lex.superseded) && !summedSpan && !monthSpan
        ? casualtiesBeforeSinceWhen(tokens, numbers, munitionSet, lex, text, elliptic)
        : noCasualtyFacts(),
    // "атаковали … Котельники": a town's name is not its boiler house (котельная).
    targets: relevant ? findTargets(tokens, text, lex).filter((t) => !places.some((p) => p.start <= t.start && t.start < p.end)) : [],
    officials,
    date: dateCue,
    earlier: tokens.length > 0 && (!!lex.earlier.matchAt(tokens, 0) || reportedEarlier(tokens, matches(lex.reportedEarlier), lex)),
    otherTime: tokens.length > 0 && opensWithAnotherTime(tokens, numbers, lex),
    summedSpan,
    overSpan: summedSpan || has(lex.anotherTime) || has(lex.summarySpan) || monthSpan,
    tally: has(lex.tally),
    country,
    launchOnly,
    launches,
    refersToRegion: has(lex.regionReference),
    overWater: has(lex.overWater),
    nextDay: has(lex.nextDay),
    allOfThem: has(lex.allOfThem),
    namesMunition: relevant && (weapons.length > 0 || has(lex.munitionNouns)),
    refersToCity:
      matches(lex.cityReference).find(
        (m) =>
          !tokens[m.last + 1]?.capital &&
          tokens[m.last + 1]?.lower !== "of" &&
          // "the city's mayor" is its people; "the city's power grid" is the city.
          // "мэр города", "голова міста", "residents of the city": the city's people, not an event's place.
          !(/['’]s$/.test(tokens[m.last].text) && sentenceWordsOf(lex).cityPeople.has(tokens[m.last + 1]?.lower ?? "")) &&
          !sentenceWordsOf(lex).cityPeople.has(tokens[m.first - 1]?.lower ?? "") &&
          // «по Зеленодольській громаді»: a hromada named by its own adjective, not one named before.
          !(tokens[m.first - 1]?.capital && sentenceWordsOf(lex).communityNoun.has(tokens[m.first].lower)),
      ) ?? null,
    mentionsCapital,
    mentionsDistrict,
    attackedCountry: relevant && ru + ua > 0 ? attackedCountryOf(tokens, lex) : null,
    attackerCountry,
    defenceActive: defenceActive.length > 0,
    explosionsHeard: explosions.length > 0,
    // "Позднее мэр сообщил ещё о двух сбитых": more downed later adds to the figure, it does not replace it.
    correction: has(lex.correction),
    update: (has(lex.update) && !numbers.some((n) => addsMore(tokens, n, lex))) || hitsByTarget(tokens, places, munitionNumbers, lex),
    attacksCounted: numbers.some((n) => countsAttacksAt(tokens, text, n, weapons, lex)),
  };
}

/** A figure whose noun (within two words after it) counts attacks only («десять раз атаковали», «5 атак дронов»). */
function countsAttacksAt(tokens: Token[], text: string, n: NumberMention, weapons: PhraseMatch<WeaponType>[], lex: Lexicon): boolean {
  for (let k = n.last + 1; k <= n.last + 3 && k < tokens.length; k++)
    if (
      (lex.attackCountNouns.has(tokens[k].lower) || lex.repetitionNouns.has(tokens[k].lower)) &&
      countsOnlyAttacks(tokens, text, n.first, k, weapons, lex)
    )
      return true;
  return false;
}

/** "Three died, and 12 more were injured", "ще троє були поранені": a casualty word within three words of `from`. */
function casualtyWordSoon(tokens: Token[], from: number, lex: Lexicon): boolean {
  for (let k = from; k < from + 3 && k < tokens.length; k++)
    if (lex.killed.matchAt(tokens, k) || lex.injured.matchAt(tokens, k)) return true;
  return false;
}

/** "ещё о двух", "ще 5", "two more": a figure told as more of the same. */
function addsMore(tokens: Token[], n: NumberMention, lex: Lexicon): boolean {
  const before = (d: number) => tokens[n.first - d]?.lower ?? "";
  return (
    lex.moreBefore.has(before(1)) ||
    (lex.moreBefore.has(before(2)) && sentenceWordsOf(lex).moreOfAbout.has(before(1))) ||
    lex.moreAfter.has(tokens[n.last + 1]?.lower ?? "")
  );
}

/** The officials' surnames, lower-cased: a place name that is one of them is the person. */
function surnamesOf(known: OfficialMention[], here: OfficialMention[]): string[] {
  const out: string[] = [];
  for (const list of [known, here]) for (const o of list) if (o.surname) out.push(o.surname.toLowerCase());
  return out;
}

/** The kind of event a list header announces: a downing over everything else. */
function listKind(header: SentenceFacts): CueKind | null {
  if (header.cues.some((c) => c.kind === "interception")) return "interception";
  if (header.cues.some((c) => c.kind === "strike")) return "strike";
  return header.cues.length ? "attack" : null;
}

/**
 * A bare figure in a list item ("Сумщина — 7", "- 5 over Kursk") counts the header's munitions, unless it counts people;
 * an item of one munition named in the singular, with no figure, counts one.
 */
function listItemNumbers(
  tokens: Token[],
  text: string,
  weapons: PhraseMatch<WeaponType>[],
  numbers: NumberMention[],
  found: MunitionNumber[],
  casualtyFigures: Set<NumberMention>,
  lex: Lexicon,
  weapon: WeaponType | null,
): MunitionNumber[] {
  for (const m of found) m.weapon ??= weapon;
  if (found.length) return [];
  const out: MunitionNumber[] = [];
  for (const n of numbers) {
    if (n.notACount || casualtyFigures.has(n)) continue;
    const next = n.last + 1;
    const people =
      lex.personsPlural.matchAt(tokens, next) ||
      lex.personsSingular.matchAt(tokens, next) ||
      lex.killed.matchAt(tokens, next) ||
      lex.injured.matchAt(tokens, next);
    if (!people) out.push(munitionNumber(n, weapon, false));
  }
  // «- КАБ;», «- ракета (тип встановлюється);»: an item naming one munition in the singular counts one.
  if (!numbers.length && weapons.length && countSingularMunitions(tokens, text, lex, new Set()) === 1) {
    const at = weapons[0].first;
    out.push(munitionNumber({ value: 1, qualifier: "exact", first: at, last: at, notACount: false }, weapon, false));
  }
  return out;
}

/**
 * "Атака дрона на Орловскую область была отбита, беспилотник обезврежен": where a downing is told,
 * an attack noun whose own verb is "repelled" (a few words on, no clause break) is that downing.
 */
function repelledAttacksAsDownings(cues: KindCue[], tokens: Token[], text: string, lex: Lexicon): void {
  // "атака была отбита" alone tells no downing: it is the attack (a downing must be told in other words).
  if (!cues.some((d) => d.kind === "interception" && d.first >= 0 && !lex.repelled.matchAt(tokens, d.first))) return;
  for (let i = 0; i < cues.length; i++) {
    const c = cues[i];
    if (c.kind !== "attack" || c.first < 0) continue;
    const verb = cues.find(
      (d) =>
        d.kind === "interception" &&
        d.first > c.last &&
        d.first - c.last <= 10 &&
        !!lex.repelled.matchAt(tokens, d.first) &&
        !/[.;:,—–]/.test(text.slice(tokens[c.last].end, tokens[d.first].start)),
    );
    if (verb) cues[i] = { kind: "interception", first: c.first, last: c.last };
  }
}

/** A full stop between two spans of a sentence. */
function fullStopBetween(text: string, tokens: Token[], a: { first: number; last: number }, b: { first: number; last: number }): boolean {
  const [x, y] = a.last < b.first ? [a, b] : [b, a];
  if (x.last < 0 || y.first < 0 || x.last >= y.first) return false;
  return /\.\s/.test(text.slice(tokens[x.last].end, tokens[y.first].start));
}

function overlaps(cues: Array<{ first: number; last: number }>, m: { first: number; last: number }): boolean {
  return cues.some((c) => c.first <= m.last && m.first <= c.last);
}

/** «Об атаке ранее сообщили в …», "strikes were reported earlier in …": another report's attack — unless "as reported earlier", the story itself. */
function reportedEarlier(tokens: Token[], found: PhraseMatch<unknown>[], lex: Lexicon): boolean {
  return found.some((m) => m.first === 0 || !lex.asReported.matchAt(tokens, m.first - 1));
}

/**
 * Names that are not places here: the dateline of an agency ("KYIV (Reuters) –"), a government
 * named by its capital ("Kyiv regime", "Киевским режимом", "Kyiv's long-range campaign", "Киев
 * планировал"), "Московського патріархату", "Вербное воскресенье", an official's surname that
 * is also a village ("Gladkov added").
 */
function isNotAPlace(
  p: PlaceMention,
  tokens: Token[],
  text: string,
  lex: Lexicon,
  datelineEnd: number | null,
  surnames: string[],
): boolean {
  if (datelineEnd !== null && p.start < datelineEnd) return true;
  const w = sentenceWordsOf(lex);
  // "в районе улиц Удмуртской и Джека Лондона", "on Kharkivska Street": a street named after a place.
  if (w.streetBefore.has(tokens[p.first - 1]?.lower ?? "")) return true;
  if (w.streetAfter.has(tokens[p.last + 1]?.lower ?? "")) return true;
  const next = p.last + 1;
  if (next < tokens.length && lex.notPlaceAfter.matchAt(tokens, next)) return true;
  // "Moscow struck Ukraine's power grid", «Киев может нанести удар по НПЗ»: the capital as the state that acts.
  // (Not a passive: "Kyiv struck by missiles overnight".)
  if (
    next < tokens.length &&
    p.regions.length === 1 &&
    NATIONAL_CAPITALS.has(p.regions[0]) &&
    lex.capitalActs.matchAt(tokens, next) &&
    !tokens.slice(next + 1, next + 4).some((t) => t.lower === "by")
  )
    return true;
  // "Kyiv's drones", "Kyiv's long-range strike campaign": the capital as the side that acts (adjectives between;
  // not past a comma: "In Kharkiv's Kyivskyi district, a drone hit …").
  const phraseEnd = [0, 1, 2, 3].find(
    (d) => next + d < tokens.length && /[,;:.]/.test(text.slice(tokens[next + d - 1].end, tokens[next + d].start)),
  );
  if (
    next < tokens.length &&
    /['’]s$/u.test(p.text) &&
    [0, 1, 2, 3].some(
      (d) =>
        next + d < tokens.length &&
        (phraseEnd === undefined || d < phraseEnd) &&
        !tokens[next + d].capital &&
        lex.notPlaceAfterPossessive.matchAt(tokens, next + d),
    )
  )
    return true;
  if (p.kind !== "region" && p.first === p.last && surnames.includes(tokens[p.first].lower)) return true;
  // "Mikhail Razvozhaev": a name of two words ending in a known official's surname is the person.
  if (p.kind === "settlement" && p.last > p.first && surnames.includes(tokens[p.last].lower)) return true;
  // "the Dnipro River", "на берегу реки Днепр": the river, not the city.
  if (w.riverAfter.has(tokens[p.last + 1]?.lower ?? "") || w.riverBefore.has(tokens[p.first - 1]?.lower ?? "")) return true;
  // "Moscow said", "Kyiv says", «Москва заявила», «как заявили в Москве»: the government of a capital speaking.
  if (
    p.kind === "city" &&
    p.regions.some((r) => NATIONAL_CAPITALS.has(r)) &&
    // (The verb right after the name, no comma between: not «на юго-западе Москвы, сообщил Собянин»; the name opening
    // its clause, as a subject does: not «в Подольском районе Киева сообщили о пожаре».)
    ((capitalSaidAfter(tokens, text, p, lex) &&
      (p.first === 0 ||
        /[,;:—–"«“(]\s*$/u.test(text.slice(tokens[p.first - 1].end, p.start)) ||
        lex.conjunction.has(tokens[p.first - 1].lower) ||
        lex.capitalClauseOpening.has(tokens[p.first - 1].lower))) ||
      (lex.capitalSaidIn.has(tokens[p.first - 1]?.lower ?? "") && lex.capitalSaid.has(tokens[p.first - 2]?.lower ?? "")) ||
      // (", заявила Москва", ", said Moscow": the verb first, after the comma that closes what was said.)
      (p.first >= 2 &&
        lex.capitalSaid.has(tokens[p.first - 1].lower) &&
        /^\s+$/.test(text.slice(tokens[p.first - 1].end, p.start)) &&
        /[,—–]\s*$/.test(text.slice(tokens[p.first - 2].end, tokens[p.first - 1].start))))
  )
    return true;
  // "the Belgorod region, which borders Kharkiv": a neighbour named, not where it happened.
  if (w.bordersVerb.has(tokens[p.first - 1]?.lower ?? "")) return true;
  // "…, Gladkov added", "Vorobyov wrote": a name before a verb of saying, with no preposition before it, is a person.
  if (
    p.first === p.last &&
    p.kind === "settlement" &&
    w.saidExact.has(tokens[p.last + 1]?.lower ?? "") &&
    /^\s+$/.test(text.slice(p.end, tokens[p.last + 1].start)) &&
    // ("Residents of Kurchatov reported hearing explosions": the town.)
    !w.speakerAt.has(tokens[p.first - 1]?.lower ?? "")
  )
    return true;
  if (isGivenNameOfSpeaker(p, tokens, text, w) || isGivenNameBeforeSurname(p, tokens, text, lex, w)) return true;
  return insideQuotedName(p, text) || quotedNameOfNoun(p, tokens, text, w);
}

/**
 * A one-word settlement or city written as the surname of an official the report names with a title, in that case or
 * another («Гладков:» heading a report of «губернатор Вячеслав Гладков»; «по словам Гладкова»). Not after a word of its
 * kind of place or a preposition of place («в селе Гладково», «в Гладкове»), which the surname never stands after.
 */
function isReportSurname(p: PlaceMention, tokens: Token[], surnames: string[], lex: Lexicon): boolean {
  if (!surnames.length || p.kind === "region" || p.kind === "water" || p.first !== p.last) return false;
  const word = tokens[p.first].lower;
  const before = tokens[p.first - 1]?.lower ?? "";
  if (isPlaceTypeWord(before) || lex.placePreposition.has(before) || lex.inPlace.has(before)) return false;
  return surnames.some((s) => word === s || (s.length >= 5 && word.startsWith(surnameBase(s)) && word.length <= surnameBase(s).length + 3));
}

/** The surname without its case ending ("гладкова" → "гладков"), which its other cases share. */
function surnameBase(surname: string): string {
  const base = surname.replace(/(ого|ому|ым|им|ом|ой|ою|ові|а|у|е|і|и|ы)$/u, "");
  return base.length >= 4 ? base : surname;
}

/** "сообщил Владимир Сальдо", "Владимир Сальдо заявил": a city's name as the first name of the one who speaks. */
function isGivenNameOfSpeaker(p: PlaceMention, tokens: Token[], text: string, w: SentenceWords): boolean {
  const surname = tokens[p.last + 1];
  if (p.first !== p.last || p.kind === "region" || !surname?.capital || w.headTitle.has(surname.lower)) return false;
  if (!/^ $/.test(text.slice(p.end, surname.start))) return false;
  // "Глава Шебекинского городского округа Владимир Жданов: …": a byline, the name and surname before a colon.
  // (Not "губернатор Севастополя Михаил Развожаев:", not "района Донецка ВСУ:".)
  const byline = !tokens[p.last + 2]?.capital && /\p{Ll}/u.test(surname.text) && /^\s*:/u.test(text.slice(surname.end, surname.end + 2));
  return byline || w.saidVerb.has(tokens[p.first - 1]?.lower ?? "") || w.saidVerb.has(tokens[p.last + 2]?.lower ?? "");
}

/**
 * "Глава округа Владимир Жданов", «голова Ради оборони міста Олександр Вілкул»: a first name
 * (a list in the lexicon) followed by a capitalised word is a person; «у Володимирі», «в
 * Александрове», «Володимир-Волинський» are places (no preposition before, a single space after).
 */
function isGivenNameBeforeSurname(p: PlaceMention, tokens: Token[], text: string, lex: Lexicon, w: SentenceWords): boolean {
  const given = lex.givenNames.matchAt(tokens, p.first);
  const surname = tokens[p.first + 1];
  if (!given || given.last !== p.first || !surname?.capital || w.headTitle.has(surname.lower)) return false;
  if (!/^ $/.test(text.slice(tokens[p.first].end, surname.start))) return false;
  return !w.givenNameAt.has(tokens[p.first - 1]?.lower ?? "");
}

/** «Дніпро Оперативний», "Kharkiv Today": a place's name inside a quoted name of several words (an outlet, a channel). */
function insideQuotedName(p: { start: number; end: number }, text: string): boolean {
  const quote = quotedAround(text, p.start, p.end);
  if (quote === null || !/\S\s+\S/u.test(text.slice(quote.open, quote.close))) return false;
  // (Not a quoted statement: «Богомаз: «ВСУ атаковали Сушаны и Лобановку. Пострадавших нет»» — after a colon, or a sentence.)
  // (Nor direct speech closed by its dash: «У Шостці поранено трьох людей», — повідомив голова ОВА.)
  const speech =
    /:\s*$/.test(text.slice(Math.max(0, quote.open - 3), quote.open)) ||
    /^»\s*,?\s*[—–-]\s/u.test(text.slice(quote.close, quote.close + 6)) ||
    /[.!?…]\s+\p{Lu}|[.!?…]$/u.test(text.slice(quote.open + 1, quote.close));
  return !speech;
}

/**
 * «подразделения «Орлан»», «санатория «Белгород»», 'the "Kursk" battalion': the name in quotes right after (or, in English,
 * before) a noun of a unit, a company, a sanatorium is that name, not a place.
 */
function quotedNameOfNoun(p: PlaceMention, tokens: Token[], text: string, w: SentenceWords): boolean {
  const opens = /[«"“„]\s*$/u.test(text.slice(Math.max(0, p.start - 2), p.start));
  const closes = /^\s*[»"”“]/u.test(text.slice(p.end, p.end + 2));
  if (!opens || !closes) return false;
  const before = tokens[p.first - 1];
  const after = tokens[p.last + 1];
  return (
    (before !== undefined && w.quotedNameNoun.has(before.lower) && /^\s*[«"“„]$/u.test(text.slice(before.end, p.start))) ||
    (after !== undefined && w.quotedNameNoun.has(after.lower) && /^[»"”“]\s+$/u.test(text.slice(p.end, after.start)))
  );
}

/**
 * The «…» around [start, end) shorter than 60 characters, if any: the last « before the place
 * with no » between, and the first » after it. Searched only within that reach — searching the
 * whole report for quotes made this cost grow with the report's length for every place named.
 */
function quotedAround(text: string, start: number, end: number): { open: number; close: number } | null {
  const closeLimit = Math.min(text.length, start + 60);
  let close = end;
  while (close < closeLimit && text.charCodeAt(close) !== 0xbb) close++; // »
  if (close >= closeLimit) return null;
  for (let open = start; open > close - 60 && open >= 0; open--) {
    const c = text.charCodeAt(open);
    if (c === 0xbb) return null; // a » after the last «: the place is not inside quotes
    if (c === 0xab) return { open, close }; // «
  }
  return null;
}

/**
 * "Sevastopol, the largest city in Russian-occupied Crimea", «Севастополь, крупнейший город Крыма»: an apposition
 * after a town, its noun (the pack's apposition_noun) among at most six words, says where the town lies — the
 * region it names describes the town.
 */
function locatesTown(town: PlaceMention, p: PlaceMention, tokens: Token[], text: string, lex: Lexicon): boolean {
  if ((town.kind !== "city" && town.kind !== "settlement") || p.kind !== "region" || p.first - town.last < 2) return false;
  if (!/^\s*,/.test(text.slice(town.end, tokens[town.last + 1].start + 1))) return false;
  const between = tokens.slice(town.last + 1, p.first);
  if (between.length > 6 || /[,.;:!?()—–]/.test(text.slice(tokens[town.last + 1].start, p.start))) return false;
  return between.some((t) => lex.appositionNoun.has(t.lower));
}

/** "губернатор Белгородской области", "Запорізької ОВА", "Belgorod governor". */
function isAttributive(p: PlaceMention, tokens: Token[], lex: Lexicon, text: string): boolean {
  // "влада Запоріжжя зафіксувала", "власти Белгорода сообщили", "мэрия Москвы": the authorities of a place speak.
  const w = sentenceWordsOf(lex);
  if (w.authoritiesNoun.has(tokens[p.first - 1]?.lower ?? "")) return true;
  for (let back = 1; back <= 3 && p.first - back >= 0; back++) {
    const m = lex.officialTitles.matchAt(tokens, p.first - back);
    if (m && m.last >= p.first - 3) {
      const between = tokens.slice(m.last + 1, p.first).map((t) => t.lower);
      if (between.every((b) => w.titleToPlace.has(b))) return true;
    }
  }
  // "Kharkiv Governor Oleh Syniehubov", not "in the town of Stryi, Governor Maksym Kozytskyi said".
  const next = tokens[p.last + 1] && /^\s+$/.test(text.slice(p.end, tokens[p.last + 1].start)) ? tokens[p.last + 1] : undefined;
  const after = tokens[p.last + 2];
  if (next && w.bodyAfterPlace.has(next.lower)) return true;
  // "the Dnipro city council said", "Kyiv City Military Administration": the city's body speaks.
  if (next?.lower === "city" && after && /^(council|administration|military|hall|authorities|officials|head|mayor)$/.test(after.lower))
    return true;
  if (
    next &&
    w.regionWord.has(next.lower) &&
    after &&
    // (Not "over the Kursk region, Governor X said": the comma ends the place.)
    /^\s+$/.test(text.slice(next.end, after.start)) &&
    w.bodyAfterRegion.has(after.lower)
  )
    return true;
  return false;
}

/** "launched from Cape Chauda", "из Курской области", "officials in Kyiv said". */
function isLaunchSiteOrSource(p: PlaceMention, tokens: Token[], lex: Lexicon, text: string): boolean {
  const prev = tokens[p.first - 1];
  if (!prev) return false;
  // "launched from Cape Chauda (Crimea)", "со стороны Курской области".
  // "з районів Шаталово, Курськ, Чауда – ТОТ АР Крим": a list of launch sites after one "from".
  for (let back = 1; back <= 10 && p.first - back >= 0; back++) {
    const t = tokens[p.first - back];
    // (Not «в одному з районів Сумщини», «в одной из громад»: a part of the place, not where from.)
    // (Nor "25 km from Sumy": a distance from a reference point, read by isMeasuredFrom.)
    const distance = lex.distanceFrom.has(t.lower) && lex.distanceUnit.has(tokens[p.first - back - 1]?.lower ?? "");
    if (lex.launchFrom.has(t.lower) && !lex.oneOf.has(tokens[p.first - back - 1]?.lower ?? "") && !distance) {
      const between = text.slice(t.end, p.start);
      // (Not «обстреляли из РСЗО «Град» Шебекино»: a weapon fired from, the place after it what was fired at.)
      const firedFrom = lex.byMeans.matchAt(tokens, p.first - back)?.last ?? -1;
      if (
        !/[;.]/.test(between) &&
        firedFrom < 0 &&
        tokens.slice(p.first - back + 1, p.first).every((x) => x.capital || lex.launchSiteWords.has(x.lower))
      )
        return true;
    }
    if (lex.launch.matchAt(tokens, p.first - back)) break;
    if (back >= 4 && !(t.capital || lex.launchSiteWords.has(t.lower))) break;
  }
  // "officials in Kyiv said" is a source; "authorities in Kursk, Oryol and Tambov regions reported downings" speak of their regions.
  if (prev.lower === "in" && sentenceWordsOf(lex).officialsWord.has(tokens[p.first - 2]?.lower ?? "") && p.kind !== "region") return true;
  // "запускала безпілотники з наступних напрямків: Курськ, Орел, Брянськ", "з південно-східного напрямку (район Приморсько-Ахтарськ, мис Чауда)".
  for (let k = p.first - 1; k >= 1 && k >= p.first - 25; k--) {
    if (!lex.launchDirection.has(tokens[k].lower)) continue;
    for (let back = 1; back <= 3 && k - back >= 0; back++) if (lex.directionFrom.has(tokens[k - back].lower)) return true;
  }
  return false;
}

/** The weapons in the order the guide keeps one of several told at one place: the aerial one first. */
export const AERIAL_FIRST: readonly WeaponType[] = ["missile", "glide_bomb", "drone", "artillery", "unknown"];

/** "attacked Ukraine with 102 drones", "атакував 102 ударними БпЛА": what an attack was made with, i.e. launched. */
function attackedWith(tokens: Token[], num: NumberMention, text: string, lex: Lexicon): boolean {
  // The verb may stand a list away ("атакували Україну балістичною ракетою …, а також 112 ударними дронами").
  let verb = false;
  for (let back = 1; back <= 20 && num.first - back >= 0; back++) {
    const t = tokens[num.first - back];
    const gap = text.slice(t.end, tokens[num.first - back + 1].start);
    // (Not the dot of an abbreviation: "із Воронезької обл., чотирма ракетами".)
    if (/[.;]/.test(gap) && !(/^\.[\s,]*$/.test(gap) && lex.abbreviation.has(t.lower))) break;
    // "завдали удару балістичною ракетою … та 52-ма ударними БпЛА": a strike delivered with them, as "attacked with".
    const delivered =
      lex.strikeDelivered.has(t.lower) && [1, 2].some((d) => lex.deliverVerb.has(tokens[num.first - back - d]?.lower ?? ""));
    if (lex.attacking.has(t.lower) || delivered) {
      verb =
        back <= 3 ||
        sentenceWordsOf(lex).listAnd.has(tokens[num.first - 1]?.lower ?? "") ||
        // ("… із Воронезької обл., чотирма зенітними ракетами": the next item of the list.)
        /^[.]?,\s*$/.test(text.slice(tokens[num.first - 1]?.end ?? 0, tokens[num.first].start)) ||
        // ("attacked Ukraine overnight with 85 drones": a time word between the place and "with".)
        (back <= 5 && tokens[num.first - 1]?.lower === "with");
      break;
    }
  }
  if (!verb) return false;
  if (tokens[num.first - 1]?.lower === "with") return true;
  // The pack's instrumental_endings: "102 ударними БпЛА", "дронами", "ракетою".
  return [1, 2].some((d) => sentenceWordsOf(lex).instrumental.test(tokens[num.last + d]?.lower ?? ""));
}

export function isDestination(p: PlaceMention, tokens: Token[], lex: Lexicon): boolean {
  const w = sentenceWordsOf(lex);
  const prev = tokens[p.first - 1]?.lower ?? "";
  const prev2 = tokens[p.first - 2]?.lower ?? "";
  return (
    w.towardWord.has(prev) ||
    // "an attempt to fly a drone to Moscow"
    (w.approachOn.has(prev) && tokens.slice(Math.max(0, p.first - 5), p.first - 1).some((t) => w.sentToward.has(t.lower))) ||
    (w.approachTo.has(prev) && w.approachNoun.has(prev2)) ||
    (w.approachOn.has(prev) && w.approachVerb.has(prev2)) ||
    attemptedAttackOn(p, tokens, lex)
  );
}

/**
 * "a drone that tried to carry out an attack on Moscow (was shot down)", «беспилотник, пытавшийся атаковать Москву»,
 * «дрон, який намагався атакувати Київ»: the place of a munition's attempted attack, its attack word last before it
 * (its preposition between allowed), is where the munition was going (not «Спроба атаки на Харків відбита»: no munition).
 */
function attemptedAttackOn(p: PlaceMention, tokens: Token[], lex: Lexicon): boolean {
  return attemptedAttackWord(p, tokens, lex) !== null;
}

/** The attack word of an attempted attack on the place (see attemptedAttackOn), or null. */
function attemptedAttackWord(p: PlaceMention, tokens: Token[], lex: Lexicon): PhraseMatch<true> | null {
  const before = lex.ontoPlace.has(tokens[p.first - 1]?.lower ?? "") ? p.first - 2 : p.first - 1;
  const attack = [0, 1, 2].map((d) => lex.attack.matchAt(tokens, before - d)).find((m) => m && m.last === before);
  if (!attack) return null;
  for (let k = attack.first - 1; k >= 0 && k >= attack.first - 5; k--)
    if (lex.attemptBefore.matchAt(tokens, k)) return munitionJustBefore(tokens, k, lex) ? attack : null;
  return null;
}

/** A munition noun ending up to three words before `k` ("a drone that tried", «беспилотник, пытавшийся»): the attempt is the munition's. */
function munitionJustBefore(tokens: Token[], k: number, lex: Lexicon): boolean {
  for (let j = k - 1; j >= 0 && j >= k - 3; j--)
    for (let i = j; i >= 0 && i >= j - 3; i--) {
      const m = lex.munitionNouns.matchAt(tokens, i) ?? lex.munitionSingular.matchAt(tokens, i);
      if (m && m.last === j) return true;
    }
  return false;
}

/**
 * "A drone that tried to attack Moscow was shot down", «беспилотник, пытавшийся атаковать Москву, уничтожен»: with the
 * downing told, the attempt's attack word only says where the drone was going — no attack cue of its own.
 */
function dropAttemptOfDowned(cues: KindCue[], places: PlaceMention[], tokens: Token[], lex: Lexicon): void {
  if (!cues.some((c) => c.kind === "interception")) return;
  for (const p of places) {
    const attack = attemptedAttackWord(p, tokens, lex);
    if (!attack) continue;
    for (let i = cues.length - 1; i >= 0; i--)
      if (cues[i].kind === "attack" && cues[i].first >= attack.first && cues[i].last <= attack.last) cues.splice(i, 1);
  }
}

/** "the central region of Poltava", "the border regions of Belgorod and Kursk": the regions, not their capitals. */
function regionOf(p: PlaceMention, tokens: Token[], lex: Lexicon): PlaceMention {
  if (p.kind !== "city") return p;
  // "the Kursk Nuclear Power Plant", «Запорожская АЭС»: a facility of the region named after its city, elsewhere in it.
  if (p.last + 1 < tokens.length && lex.namedFacility.matchAt(tokens, p.last + 1)) return changedPlace(p, { kind: "region", name: null });
  // "launched at several regions, including Kyiv", "по регионах, в том числе Киев": a city named as one of regions.
  const including = lex.including.has(tokens[p.first - 1]?.lower ?? "") ? p.first - 1 : -1;
  if (including > 0 && lex.regionsPlural.has(tokens[including - 1]?.lower ?? "")) return changedPlace(p, { kind: "region", name: null });
  for (let k = p.first - 1; k >= 1 && k >= p.first - 6; k--) {
    const t = tokens[k].lower;
    if (t === "of" && /^(regions?|oblasts?|provinces?)$/.test(tokens[k - 1].lower)) return changedPlace(p, { kind: "region", name: null });
    // "Hits were recorded in three regions: Kyiv, Cherkasy and Poltava": a list right after the plural noun names regions.
    // (Kyiv there is the Kyiv region, not the city-region.)
    if (lex.regionsPlural.has(t)) {
      const oblast = p.regions.length === 1 ? OBLAST_AROUND_CITY.get(p.regions[0]) : undefined;
      return changedPlace(p, { kind: "region", name: null, ...(oblast ? { regions: [oblast] } : {}) });
    }
    if (!(tokens[k].capital || /^(and|,)$/.test(t))) break;
  }
  return p;
}

/**
 * Some district word of the sentence names a district («в Стародубском округе», "the Ruzsky district"), not only the
 * area around a thing («в районе аэродрома», «у районі пляжу»): an area phrase before a word in lower case names no
 * district, and the place told before stays the place.
 */
export function namesADistrict(tokens: Token[], lex: Lexicon): boolean {
  const w = sentenceWordsOf(lex);
  return lex.districtWords.findAll(tokens).some((m) => {
    const areaPhrase = w.inDistrictOf.has(tokens[m.first].lower) && w.inPreposition.has(tokens[m.first - 1]?.lower ?? "");
    const next = tokens[m.last + 1];
    return !areaPhrase || !next || next.capital || next.digits;
  });
}

/**
 * The token before a place, past the settlement word that introduces it: "near the village of Sedniv",
 * "поблизу села Степанки", "возле поселка X" are read as "near Sedniv". Returns its index.
 */
function beforeSettlementWord(p: PlaceMention, tokens: Token[]): number {
  let k = p.first - 1;
  // ("25 miles west of the city of Kursk": a regional capital, named by the region's lexicon, as well.)
  if (p.kind !== "settlement" && p.kind !== "city") return k;
  if (tokens[k]?.lower === "of") k--;
  if (k >= 0 && isPlaceTypeWord(tokens[k].lower) && !/^(of|the)$/.test(tokens[k].lower)) {
    k--;
    if (tokens[k]?.lower === "the") k--;
    return k;
  }
  return p.first - 1;
}

/**
 * "в районе Таганрога", "у районі Одеси", "in the area of Kursk": the area around a town, which is
 * in its region but not the town itself (guide: settlement null). "в районе хутора X" names the
 * village by its settlement word and is that village.
 */
function inAreaOf(prev: string, prev2: string, tokens: Token[], first: number, lex: Lexicon): boolean {
  const w = sentenceWordsOf(lex);
  if (w.inDistrictOf.has(prev) && w.inPreposition.has(prev2)) return true;
  return prev === "of" && prev2 === "area" && tokens[first - 3]?.lower === "the" && /^(in|into)$/.test(tokens[first - 4]?.lower ?? "");
}

/** Between a place and a bracket that names its settlement by the settlement's word: " (с. ", " (м. ", " (город ". */
function bracketsItsPlace(between: string): boolean {
  const m = /^\s*\(\s*(\p{L}{1,8})\.?\s*$/u.exec(between);
  return m !== null && isPlaceTypeWord(m[1].toLowerCase()) && !/^(of|the)$/.test(m[1].toLowerCase());
}

/** "20 km northwest of Bryansk", "west of the city of Kursk", "северо-западнее Белгорода", "на північний захід від Чернігова": a point the place was measured from. */
function isMeasuredFrom(p: PlaceMention, tokens: Token[], lex: Lexicon): boolean {
  if (p.kind !== "city" && !(p.kind === "settlement" && p.regions.length)) return false;
  const at = beforeSettlementWord(p, tokens);
  const prev = tokens[at]?.lower ?? "";
  return (
    lex.comparativeDirection.has(prev) ||
    // "25 km from Sumy", "в 20 км от Шебекино": a distance from the town.
    (lex.distanceFrom.has(prev) && lex.distanceUnit.has(tokens[at - 1]?.lower ?? "")) ||
    (lex.directionOf.has(prev) && [1, 2, 3].some((k) => lex.compassDirection.has(tokens[at - k]?.lower ?? "")))
  );
}

/**
 * "between Sumy and Bilopillia", "на трассе между Рыльском и Льговом", "між Сумами та Білопіллям": a stretch between two
 * towns (the pack's between_places before the first; the second after a conjunction), neither of them the place
 * (guide: roads between two villages have no settlement).
 */
function betweenPlaces(p: PlaceMention, tokens: Token[], lex: Lexicon): boolean {
  if (!lex.betweenPlaces.size) return false;
  for (let k = p.first - 1; k >= 0 && k >= p.first - 6; k--) {
    const t = tokens[k];
    if (lex.betweenPlaces.has(t.lower)) return true;
    // (The first town's words, a conjunction, and English's "the … of" of a name: "between the village of X and Y".)
    if (!(t.capital || lex.conjunction.has(t.lower) || t.lower === "the" || t.lower === "of")) return false;
  }
  return false;
}
/**
 * «на трассе Белгород — Шебекино», «на участке автодороги Красный Октябрь — Чайки», "on the Belgorod–Shebekino highway":
 * two towns joined by a dash after a road's noun (the pack's road_noun; in English before it) name the road between
 * them, neither town the place (guide: roads between two villages have no settlement, 039).
 */
function onRoadBetween(p: PlaceMention, tokens: Token[], lex: Lexicon, text: string): boolean {
  if (!lex.roadNoun.size) return false;
  const gap = (k: number) => text.slice(tokens[k - 1].end, tokens[k].start);
  const joins = (k: number) => /^\s*[—–-]\s*$/.test(gap(k));
  let dash = false;
  let first = p.first;
  while (first > 0 && p.first - first < 4 && tokens[first - 1].capital && (joins(first) || /^\s+$/.test(gap(first)))) {
    dash ||= joins(first);
    first--;
  }
  let last = p.last;
  while (last + 1 < tokens.length && last - p.last < 4 && tokens[last + 1].capital && (joins(last + 1) || /^\s+$/.test(gap(last + 1)))) {
    dash ||= joins(last + 1);
    last++;
  }
  if (!dash) return false;
  return lex.roadNoun.has(tokens[first - 1]?.lower ?? "") || lex.roadNoun.has(tokens[last + 1]?.lower ?? "");
}

/** The capital of a region named after it (Ryazan of Ryazan Oblast, Krasnodar of Krasnodar Krai; not Ufa of Bashkortostan). */
function capitalNamedLikeRegion(iso: string | undefined): string | null {
  const info = iso ? regionLexicon().regions.get(iso) : undefined;
  const capital = info?.capital;
  if (!info || !capital || info.country === null) return null;
  return info.name.toLowerCase().startsWith(capital.toLowerCase().slice(0, 5)) ? capital : null;
}

/** "под Белгородом", "near Kharkiv": the region, not the city itself. */
function nearMeansRegion(p: PlaceMention, tokens: Token[], lex: Lexicon, text: string): PlaceMention {
  if (p.kind !== "city" && !(p.kind === "settlement" && p.regions.length)) return p;
  const at = beforeSettlementWord(p, tokens);
  const prev = tokens[at]?.lower ?? "";
  const prev2 = tokens[at - 1]?.lower ?? "";
  const w = sentenceWordsOf(lex);
  // Also "flying toward Moscow", "на подлете к Москве", "летевших на Москву": the city's region, no settlement.
  const approach =
    w.towardWord.has(prev) ||
    // "on their way to Moscow", "headed for the capital", "en route to Moscow".
    (w.approachTo.has(prev) && w.approachNounFar.has(prev2)) ||
    (w.approachOnFar.has(prev) && w.approachVerbFar.has(prev2));
  // "in the areas surrounding Moscow", "on the outskirts of Kyiv", "на окраине Липецка": around the place, in its region.
  const around =
    (at >= 0 && !!lex.aroundPlace.matchAt(tokens, at)) || (prev === "of" && at >= 1 && !!lex.aroundPlace.matchAt(tokens, at - 1));
  const measuredFrom = isMeasuredFrom(p, tokens, lex);
  // "near Pavlohrad", "біля Нікополя", "під Харковом", "near the village of Sedniv": around a place, in its region, no settlement (guide).
  const near =
    (at >= 0 && !!lex.nearPlace.matchAt(tokens, at)) ||
    (p.kind === "city" && /^(neighbouring|neighboring)$/.test(prev)) ||
    // "неподалеку от Лисок", "недалеко від Сум": a near_place word and its preposition.
    (lex.directionOf.has(prev) && at >= 1 && lex.nearPlace.matchAt(tokens, at - 1)?.last === at - 1) ||
    betweenPlaces(p, tokens, lex) ||
    onRoadBetween(p, tokens, lex, text);
  // "in the areas surrounding Moscow", "the suburbs of Kyiv": outside the city-region, in the oblast around it.
  const beyond =
    around && ((at >= 0 && !!lex.beyondCity.matchAt(tokens, at)) || (prev === "of" && at >= 1 && !!lex.beyondCity.matchAt(tokens, at - 1)));
  const enclosing = beyond && p.regions.length === 1 ? OBLAST_AROUND_CITY.get(p.regions[0]) : undefined;
  if (enclosing) return changedPlace(p, { kind: "region", name: null, regions: [enclosing] });
  if (approach || around || measuredFrom || near || inAreaOf(prev, prev2, tokens, at + 1, lex))
    return changedPlace(p, { kind: "region", name: null });
  return p;
}

/**
 * «вблизи села Колячек», «біля села Зелене»: a village told by its settlement word, its region not yet read, after a
 * near_place word — around it, no settlement (guide: near X); the region is the one the report tells.
 */
function nearUnplacedSettlement(p: PlaceMention, tokens: Token[], lex: Lexicon): boolean {
  if (p.kind !== "settlement" || p.regions.length) return false;
  const at = beforeSettlementWord(p, tokens);
  return at >= 0 && lex.nearPlace.matchAt(tokens, at)?.last === at;
}

// The word after an ordinal standing alone for a munition: its verb, or a comma opening an aside ('the fifth, after being hit, …').
const ORDINAL_VERB_AFTER = /^(was|had|has|hit|struck|fell|exploded|crashed|landed|detonated|reached|got|managed|one)$/;
const EN_SINGULAR = new Set(["drone", "uav", "missile", "rocket", "shahed", "geran", "bomb"]);
const NOT_A_MUNITION_AFTER =
  /^(attack|attacks|assault|assaults|barrage|barrages|bombardment|salvo|offensive|defence|defense|strike|strikes|raid|raids|operator|operators|warfare|alert|alerts|activity|units|unit|war|threat|threats|debris|wreckage|fragments|parts|approach|danger|production|factory|program|programme)$/;

/** Tokens just after a number ("три беспилотника", "22 ракети"): a noun there is counted by the number, not one munition. */
function counted(numbers: NumberMention[]): Set<number> {
  const out = new Set<number>();
  for (const n of numbers) if (!n.notACount && n.value > 1) for (const k of [n.last + 1, n.last + 2]) out.add(k);
  return out;
}

/** How many single munitions a sentence names ("a drone", "дрон", "another one", "ещё один"). */
function countSingularMunitions(tokens: Token[], text: string, lex: Lexicon, afterNumber: Set<number>): number {
  let n = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1]?.lower ?? "";
    if (lex.language === "en") {
      // "(UAV)" after "unmanned aerial vehicle" spells out the same one.
      const inParentheses = /\(\s*$/.test(text.slice(Math.max(0, t.start - 2), t.start));
      // "a drone and missile attack": both nouns describe the attack.
      const sharedAttack =
        /^(and|or)$/.test(next) && EN_SINGULAR.has(tokens[i + 2]?.lower ?? "") && NOT_A_MUNITION_AFTER.test(tokens[i + 3]?.lower ?? "");
      // "a drone strike hit the village": one drone (not "a missile strike", often several missiles).
      const oneStrike = next === "strike" && tokens[i - 1]?.lower === "a" && (t.lower === "drone" || t.lower === "uav");
      // "an unmanned aerial vehicle" is one drone, like "a UAV".
      const aerialVehicle = t.lower === "vehicle" && tokens[i - 1]?.lower === "aerial";
      // "a Shahed drone", "a Geran drone": a type name before its noun names the same one.
      const typeOfNext = EN_SINGULAR.has(next) && !/[,;]/.test(text.slice(t.end, tokens[i + 1]?.start ?? t.end));
      if (
        (EN_SINGULAR.has(t.lower) || aerialVehicle) &&
        !typeOfNext &&
        (oneStrike || !NOT_A_MUNITION_AFTER.test(next)) &&
        !sharedAttack &&
        !inParentheses &&
        !/^(anti|counter|per|another)$/.test(tokens[i - 1]?.lower ?? "")
      )
        n++;
      // "and the fifth hit a warehouse", "a fourth was shot down": an ordinal standing for one munition more.
      else if (
        lex.ordinalOne.has(t.lower) &&
        /^(a|the)$/.test(tokens[i - 1]?.lower ?? "") &&
        (ORDINAL_VERB_AFTER.test(next) || /^\s*,/.test(text.slice(t.end)))
      )
        n++;
      else if (
        t.lower === "another" &&
        (next === "one" || (EN_SINGULAR.has(next) && !NOT_A_MUNITION_AFTER.test(tokens[i + 2]?.lower ?? "")))
      )
        n++;
    } else if (
      lex.munitionSingular.matchAt(tokens, i) &&
      !afterNumber.has(i) &&
      !pluralAdjectiveBefore(tokens, i, lex) &&
      !pluralWithVerb(tokens, i, lex)
    ) {
      n++;
    } else if (lex.moreBefore.has(t.lower) && sentenceWordsOf(lex).anotherOne.has(next)) {
      // «ще одну крилату ракету»: one munition, its noun not counted again.
      const noun = [i + 2, i + 3].find((k) => k < tokens.length && lex.munitionNouns.matchAt(tokens, k));
      if (noun !== undefined) {
        n++;
        i = noun;
      }
    }
  }
  return n;
}

/**
 * «Два прилёта — по промышленному объекту», «Два прильоти – по промисловому об'єкту»: hits counted by what they
 * hit (a hit_told noun, onto_place, a target), with no place of their own — a share of the strike told before, not more of it.
 */
function hitsByTarget(tokens: Token[], places: PlaceMention[], munitionNumbers: MunitionNumber[], lex: Lexicon): boolean {
  if (places.length) return false;
  return munitionNumbers.some((n) => {
    const hit = lex.hitTold.matchAt(tokens, n.mention.last + 1);
    if (!hit || !lex.ontoPlace.has(tokens[hit.last + 1]?.lower ?? "")) return false;
    for (let k = hit.last + 2; k <= hit.last + 4 && k < tokens.length; k++) if (lex.targets.matchAt(tokens, k)) return true;
    return false;
  });
}

/** "(parts) of a Ukrainian drone", "(debris) from an intercepted missile": one munition, told by its article, after a debris word. */
function debrisOfOneMunition(tokens: Token[], k: number): boolean {
  if (/^(of|from)$/.test(tokens[k]?.lower ?? "")) k++;
  if (!/^(a|an|one)$/.test(tokens[k]?.lower ?? "")) return false;
  for (let j = k + 1; j <= k + 3 && j < tokens.length; j++)
    if (EN_SINGULAR.has(tokens[j].lower)) return !NOT_A_MUNITION_AFTER.test(tokens[j + 1]?.lower ?? "");
  return false;
}

/**
 * «обломки сбитого беспилотника», «уламки збитого дрона», «обломки одного БПЛА»: a word in the singular that agrees
 * with the munition after the debris word tells one munition, where a bare «обломки дрона» (as «обломки БПЛА») is read
 * as telling no count.
 */
function debrisOfOneAgreeing(tokens: Token[], k: number, lex: Lexicon): boolean {
  if (!lex.debrisOfOne.has(tokens[k]?.lower ?? "")) return false;
  return !!(lex.munitionSingular.matchAt(tokens, k + 1) || lex.munitionNouns.matchAt(tokens, k + 1));
}

/**
 * «ракеты» / «ракети» are both one missile's genitive and several missiles' nominative: after a plural
 * adjective («крылатые ракеты», «балістичні ракети», «дроны и ракеты») they are several, not one
 * (but «падение ракеты», «уламки ракети» stay one).
 */
function pluralAdjectiveBefore(tokens: Token[], i: number, lex: Lexicon): boolean {
  const prev = tokens[i - 1]?.lower ?? "";
  // («Сьогодні безпілотник атакував …»: a day word of the dates pack is no adjective.)
  const days = shippedDateWords();
  if (days.today.has(prev) || days.yesterday.has(prev)) return false;
  return sentenceWordsOf(lex).pluralAdjective.test(prev) || prev === "і" || prev === "и" || prev === "та";
}

/**
 * «Ракеты попали в дом», «выпустили ракеты», «випустивши ракети»: the same «ракеты» / «ракети» next to a
 * verb in the plural, or as the object of a verb, are several missiles (a genitive one follows a noun:
 * «обломки ракеты»). Only the one-word forms the pack lists both as singular and plural.
 */
function pluralWithVerb(tokens: Token[], i: number, lex: Lexicon): boolean {
  if (lex.munitionPlural.matchAt(tokens, i)?.last !== i) return false;
  const next = tokens[i + 1]?.lower ?? "";
  const prev = tokens[i - 1]?.lower ?? "";
  const w = sentenceWordsOf(lex);
  return w.pluralVerbAfter.test(next) || w.verbBefore.test(prev);
}

/** A word between a figure and its noun: capitalised, or the pack's modifier_words, modifier_endings or modifier_prefix. */
function isModifier(t: Token, lex: Lexicon): boolean {
  if (t.capital) return true;
  const w = sentenceWordsOf(lex);
  return w.modifierWords.has(t.lower) || w.modifier.test(t.lower) || w.modifierPrefix.opens(t.lower);
}

function countedByCasualtyVerb(tokens: Token[], num: NumberMention, lex: Lexicon): boolean {
  for (let d = 1; d <= 3 && num.first - d >= 0; d++) {
    const k = num.first - d;
    if (lex.injured.matchAt(tokens, k) || lex.killed.matchAt(tokens, k)) return true;
    // only a qualifier ("over", "at least", "не менее") may stand between
    if (!sentenceWordsOf(lex).figureHedge.has(tokens[k].lower)) return false;
  }
  return false;
}

/**
 * "launched drones at the region, three of which hit warehouses", «3 з яких влучили», «два из
 * которых сбиты»: the figure counts the munitions named before that hit or were downed.
 */
function ofWhichHitOrDowned(tokens: Token[], k: number, lex: Lexicon, pronounToo: boolean): boolean {
  // ("fired four missiles, two of them hit houses", «выпустили 4 ракеты, две из них попали»: the pronoun too, after
  // a launch; not after a downing: "two drones were destroyed, one of them fell on a refinery" is debris.)
  const m = lex.ofWhich.matchAt(tokens, k);
  if (m?.label !== "which" && !(pronounToo && m?.label === "them")) return false;
  for (let j = m.last + 1; j <= m.last + 4 && j < tokens.length; j++)
    if (lex.strike.matchAt(tokens, j) || lex.interception.matchAt(tokens, j)) return true;
  return false;
}

/** "of which 12", «из них 7»: an `of_which` phrase (relative or pronoun) that ends just before token i. */
function ofWhichBefore(tokens: Token[], i: number, lex: Lexicon): boolean {
  for (let s = i - 2; s >= 0 && s >= i - 4; s--) {
    const m = lex.ofWhich.matchAt(tokens, s);
    if (m && m.last === i - 1 && m.label !== "of") return true;
  }
  return false;
}

/**
 * "launched two missile strikes on Izmail", «завдали двох ракетних ударів»: a figure of strikes,
 * with at most a weapon word between, counts the strikes made, not munitions fired from afar.
 */
function countsStrikes(tokens: Token[], num: NumberMention, lex: Lexicon): boolean {
  return [1, 2].some((d) => lex.strikeNouns.has(tokens[num.last + d]?.lower ?? "")) && num.value <= 20;
}

/** A vague share (the pack's vague_share: "most of them", «більшість з яких») told right after a figure's noun and a comma. */
function vagueShareOf(tokens: Token[], text: string, num: NumberMention, lex: Lexicon): boolean {
  for (let k = num.last + 1; k <= num.last + 4 && k + 1 < tokens.length; k++) {
    if (!/,/.test(text.slice(tokens[k].end, tokens[k + 1].start))) continue;
    return lex.munitionNouns.has(tokens, num.last + 1, k + 1) && !!lex.vagueShare.matchAt(tokens, k + 1);
  }
  return false;
}

/**
 * A word of an attack, a hit, shelling or a downing in the clause of a figure (from the clause's start
 * to a few words after its noun at `noun`), not one that only looks like it ("air raid alert").
 */
function eventWordInClause(tokens: Token[], text: string, first: number, noun: number, lex: Lexicon): boolean {
  let a = first;
  while (a > 0 && first - a < 10 && !/[,;:.!?]/.test(text.slice(tokens[a - 1].end, tokens[a].start))) a--;
  let b = noun;
  while (b + 1 < tokens.length && b - noun < 3 && !/[,;:.!?]/.test(text.slice(tokens[b].end, tokens[b + 1].start))) b++;
  const notCues = lex.notCue.findAll(tokens, a, b + 1);
  for (let j = a; j <= b; j++) {
    if (j >= first && j <= noun) continue;
    const m =
      lex.strike.matchAt(tokens, j) ??
      lex.attack.matchAt(tokens, j) ??
      lex.shelling.matchAt(tokens, j) ??
      lex.interception.matchAt(tokens, j);
    if (m && !overlaps(notCues, m)) return true;
  }
  return false;
}

/**
 * The clause of a figure of attacks (its noun at `noun`: «десять раз атаковали», «пять атак дронов») tells attacks only:
 * an attack noun counted, or a repetition beside an attack verb, and no word of a strike, shelling or downing, nor an
 * artillery weapon (an attack «из артиллерии» is shelling) — the pack's attack_count_nouns say which nouns count attacks.
 */
function countsOnlyAttacks(
  tokens: Token[],
  text: string,
  first: number,
  noun: number,
  weapons: PhraseMatch<WeaponType>[],
  lex: Lexicon,
): boolean {
  if (lex.attackCountNouns.size === 0) return false;
  let a = first;
  while (a > 0 && first - a < 10 && !/[,;:.!?—–]/.test(text.slice(tokens[a - 1].end, tokens[a].start))) a--;
  let b = noun;
  while (b + 1 < tokens.length && b - noun < 6 && !/[,;:.!?—–]/.test(text.slice(tokens[b].end, tokens[b + 1].start))) b++;
  // («… и 12 раз — из артиллерии»: the weapon may follow the figure past a dash.)
  if (weapons.some((w) => w.label === "artillery" && w.first >= a && w.first <= Math.max(b, noun + 4))) return false;
  let attackWord = lex.attackCountNouns.has(tokens[noun].lower);
  const notCues = lex.notCue.findAll(tokens, a, b + 1);
  for (let j = a; j <= b; j++) {
    if (j >= first && j <= noun) continue;
    const other = lex.strike.matchAt(tokens, j) ?? lex.shelling.matchAt(tokens, j) ?? lex.interception.matchAt(tokens, j);
    if (other && !overlaps(notCues, other)) return false;
    const attack = lex.attack.matchAt(tokens, j);
    if (attack && !overlaps(notCues, attack)) attackWord = true;
  }
  return attackWord;
}

/** "each" closing a list of places after a figure's preposition, before any other figure or punctuation. */
function eachAfterList(tokens: Token[], text: string, numbers: NumberMention[], from: number): boolean {
  for (let j = from + 1; j <= from + 10 && j < tokens.length; j++) {
    if (/[,.;:!?()—–]/.test(text.slice(tokens[j - 1].end, tokens[j].start))) return false;
    if (numbers.some((o) => o.first === j)) return false;
    if (/^(each|apiece)$/u.test(tokens[j].lower)) return true;
  }
  return false;
}

/**
 * "ещё один — у мыса Херсонес", "another near X": a figure with no noun or verb after it, its noun
 * and verb told before (not "ще 31 – локаційно втрачені", which says something else of them).
 */
function elliptic(tokens: Token[], text: string, num: NumberMention, w: SentenceWords): boolean {
  const next = tokens[num.last + 1];
  if (!next) return true;
  return /[,.;]/.test(text.slice(tokens[num.last].end, next.start)) || w.ellipsisPlace.has(next.lower);
}

/**
 * The weapon of a share of figures told before ("85 drones and two missiles …, 60 of which"): that of the
 * nearest figure large enough to hold it, where the figures are of different weapons (else null).
 */
function shareWeapon(before: MunitionNumber[], num: NumberMention): WeaponType | null {
  const holder = [...before].reverse().find((l) => l.mention.value >= num.value);
  return holder?.weapon && new Set(before.map((l) => l.weapon)).size > 1 ? holder.weapon : null;
}

/** Whether figure num counts munitions launched ("launched 17 Shahed", "and 3 Iskander-M missiles" after a launch figure). */
function isLaunchFigure(
  tokens: Token[],
  text: string,
  num: NumberMention,
  numbers: NumberMention[],
  lex: Lexicon,
  lastLaunch: NumberMention | null,
): boolean {
  const prevTok = tokens[num.first - 1];
  // "launched 17 Shahed": a launch figure, not what was downed or hit.
  let isLaunch = false;
  // (Past the place and the qualifier too: "випустили по території України понад 400 дронів"; within its clause:
  // not "випустили по Черкащині безпілотники, 4 з яких влучили".)
  const reach = num.qualifier === "exact" ? 4 : 6;
  for (let back = 1; back <= reach && num.first - back >= 0; back++) {
    if (/[,;:.]/.test(text.slice(tokens[num.first - back].end, tokens[num.first - back + 1].start))) break;
    // («Из 10 запущенных беспилотников сбиты 8»: a downing nearer the figure is what it counts.)
    if (lex.interception.matchAt(tokens, num.first - back)) break;
    if (lex.launch.matchAt(tokens, num.first - back)) isLaunch = true;
  }
  if (attackedWith(tokens, num, text, lex)) isLaunch = true;
  if (!isLaunch && opensWholeOfShare(tokens, num, numbers, text, lex)) isLaunch = true;
  if (isLaunch && countsStrikes(tokens, num, lex)) isLaunch = false;
  // "launched 112 drones and 3 Iskander-M missiles": the second figure was launched too.
  if (!isLaunch && lastLaunch && lex.conjunction.has(prevTok?.lower ?? "")) {
    const between = tokens.slice(lastLaunch.last + 1, num.first - 1);
    if (
      between.length <= 10 &&
      !between.some((t, i) => lex.interception.matchAt(tokens, lastLaunch!.last + 1 + i) || /[;.]/.test(t.text)) &&
      // (Not a figure with a downing verb of its own: "attacked with 300 drones …, and 270 drones were shot down".)
      !downedRightAfter(tokens, num, lex, text)
    )
      isLaunch = !/[;.]/.test(text.slice(tokens[lastLaunch.last].end, tokens[num.first].start));
  }
  return isLaunch;
}

/**
 * A downing verb (of one to three words) ending right before figure num, or before its "more" («сбили ещё три»)
 * when the sentence names no munition before the figure.
 */
function downingVerbEndsBefore(tokens: Token[], num: NumberMention, lex: Lexicon): boolean {
  const more = lex.moreBefore.has(tokens[num.first - 1]?.lower ?? "") && !lex.munitionNouns.has(tokens, 0, num.first);
  const end = more ? num.first - 2 : num.first - 1;
  for (let b = 1; b <= 3; b++) if (end - b + 1 >= 0 && lex.interception.matchAt(tokens, end - b + 1)?.last === end) return true;
  return false;
}

/**
 * «Ещё 31 беспилотник – локационно потерянных», «локаційно втрачено 20 БпЛА», "another 20 were lost from radar": decoys
 * lost from radar, in the figure's own clause (a dash or two words of its noun between), are no downing (guide).
 */
function toldLostFromRadar(tokens: Token[], text: string, num: NumberMention, lex: Lexicon): boolean {
  for (const m of lex.lostFromRadar.findAll(tokens, Math.max(0, num.first - 3), Math.min(tokens.length, num.last + 6))) {
    const gap =
      m.first > num.last
        ? text.slice(tokens[num.last].end, tokens[m.first].start)
        : text.slice(tokens[m.last].end, tokens[num.first].start);
    if (m.last >= num.first && m.first <= num.last) return true;
    if (!/[,.;:!?()]/.test(gap)) return true;
  }
  return false;
}

/**
 * «о 86 сбитых над российскими регионами за эту ночь дронах», «про 40 знищених над областю дронів»: a figure, a downing
 * participle right after it and the munition noun it qualifies, a long phrase between (no other figure, no stop) — the
 * munition's weapon (null when the noun names none), or undefined when the figure is not so told.
 */
function nounAfterDowningParticiple(
  tokens: Token[],
  text: string,
  num: NumberMention,
  numbers: NumberMention[],
  weapons: PhraseMatch<WeaponType>[],
  lex: Lexicon,
): WeaponType | null | undefined {
  const participle = lex.interception.matchAt(tokens, num.last + 1);
  if (!participle) return undefined;
  for (let k = participle.last + 1; k <= participle.last + 9 && k < tokens.length; k++) {
    if (STOP_LOOKAHEAD.test(text.slice(tokens[k - 1].end, tokens[k].start))) return undefined;
    if (numbers.some((o) => o.first === k)) return undefined;
    if (lex.munitionNouns.matchAt(tokens, k)) return weapons.find((w) => w.first <= k && w.last >= k)?.label ?? null;
  }
  return undefined;
}

/** Figure num, smaller than the figure before, told as one of it ("including one") with a place a few words after. */
function shareOfTheFigureBefore(
  tokens: Token[],
  text: string,
  num: NumberMention,
  out: MunitionNumber[],
  placeStarts: Set<number>,
  lex: Lexicon,
): boolean {
  if (!(out.length > 0 && out[out.length - 1].mention.value > num.value)) return false;
  if (!lex.examplesFigureBefore.test(text.slice(tokens[Math.max(0, num.first - 4)].start, tokens[num.first].start))) return false;
  for (let d = 2; d <= 5; d++) if (placeStarts.has(num.last + d)) return true;
  return false;
}

/** «Хотінь — два житлові будинки»: a figure of the things hit after a place (a target word right after it, no munition), no munition count. */
function countsThingsHit(tokens: Token[], num: NumberMention, weapons: PhraseMatch<WeaponType>[], lex: Lexicon): boolean {
  const end = Math.min(tokens.length, num.last + 3);
  return lex.targets.has(tokens, num.last + 1, end) && !weapons.some((w) => w.first > num.last && w.first < end);
}

function findMunitionNumbers(
  tokens: Token[],
  text: string,
  numbers: NumberMention[],
  lex: Lexicon,
  weapons: PhraseMatch<WeaponType>[],
  placeStarts: Set<number>,
  placeEnds: Set<number>,
  launches: MunitionNumber[],
  regionAttacked: boolean,
  townFiredAt: boolean,
  priorMunitions: MunitionNumber[],
): MunitionNumber[] {
  const sw = sentenceWordsOf(lex);
  const out: MunitionNumber[] = [];
  const launched = new Set<NumberMention>();
  let lastLaunch: NumberMention | null = null;
  for (let n = 0; n < numbers.length; n++) {
    const num = numbers[n];
    if (num.notACount || launched.has(num)) continue;
    if (toldLostFromRadar(tokens, text, num, lex)) continue;
    const prevTok = tokens[num.first - 1];
    let isLaunch = isLaunchFigure(tokens, text, num, numbers, lex, lastLaunch);
    if (isLaunch) lastLaunch = num;
    let weapon: WeaponType | null = null;
    // "над Воронежской областью — 38": a place, a dash, its figure.
    const placeBefore =
      placeEnds.has(num.first - 1) || (placeEnds.has(num.first - 2) && lex.regionNoun.has(tokens[num.first - 1]?.lower ?? ""));
    let isMunition =
      placeBefore &&
      !countsThingsHit(tokens, num, weapons, lex) &&
      (/^\s*[—–-]\s*$/.test(text.slice(tokens[num.first - 1].end, tokens[num.first].start)) ||
        bracketedAfterPlace(tokens, text, num, weapons.length > 0) ||
        // "over the Kursk region, 6 drones were destroyed, and over the Oryol region, 5.": a place, a comma and a
        // figure that ends its clause, after a figure of munitions in the sentence.
        (/^\s*,\s*$/.test(text.slice(tokens[num.first - 1].end, tokens[num.first].start)) &&
          out.length > 0 &&
          (num.last + 1 >= tokens.length || /^\s*[.;]/.test(text.slice(tokens[num.last].end, tokens[num.last + 1].start)))));
    const afterPlace = isMunition;
    // Only after a figure it adds to: a lone "another one" is the singular count's to tell.
    let adds =
      !isMunition &&
      out.length > 0 &&
      elliptic(tokens, text, num, sw) &&
      lex.moreBefore.has(prevTok?.lower ?? "") &&
      lex.interception.has(tokens, 0, num.first) &&
      // (Not «сбиты 4 беспилотника, локационно потеряны ещё два»: decoys lost from radar are no downing — guide.)
      !lex.notCue.findAll(tokens, Math.max(0, num.first - 4), Math.min(tokens.length, num.last + 5)).some((m) => m.last >= num.first - 4);
    if (adds) isMunition = true;
    // "launched 40 drones overnight; air defences shot down 30": a figure right after a downing verb that
    // ends its clause counts the munitions the sentence named before it.
    if (
      !isMunition &&
      !isLaunch &&
      elliptic(tokens, text, num, sw) &&
      // ("Позднее сбили ещё три.", "Згодом збили ще 5.": "more" between the verb and its figure, of the munitions
      // of the sentence before; not "destroyed another one" after "a drone" in the same sentence, the singular count's.)
      downingVerbEndsBefore(tokens, num, lex) &&
      // ("Russia launched 147 drones overnight. Air defences shot down 57.": named in the sentence before.)
      (lex.munitionNouns.has(tokens, 0, num.first) || priorMunitions.length > 0)
    ) {
      isMunition = true;
      if (!lex.munitionNouns.has(tokens, 0, num.first)) weapon = shareWeapon(priorMunitions, num);
    }
    // "three over the Moscow region, including one heading for the capital", «три — над Московским регионом, в том
    // числе один, летевший на Москву»: a share of the figure before, the place it flew to within a few words after.
    if (!isMunition && shareOfTheFigureBefore(tokens, text, num, out, placeStarts, lex)) isMunition = true;
    // "injured three in Kursk", "injuring over 70", "поранив двох у Харкові": the people a casualty verb counts.
    if (!isMunition && countedByCasualtyVerb(tokens, num, lex)) continue;
    if (!isMunition) {
      const noun = nounAfterDowningParticiple(tokens, text, num, numbers, weapons, lex);
      if (noun !== undefined) isMunition = true;
      if (noun) weapon = noun;
    }
    let each = false;
    let aerialTargets = false;
    let ofWhich = false;
    let share = false;
    for (let k = num.last + 1; k <= num.last + 5 && k < tokens.length; k++) {
      const gap = text.slice(tokens[k - 1].end, tokens[k].start);
      if (STOP_LOOKAHEAD.test(gap) && !(k === num.last + 1 && /^\s*[—–-]\s*$/.test(gap))) break;
      if (
        lex.personsPlural.matchAt(tokens, k) ||
        lex.personsSingular.matchAt(tokens, k) ||
        lex.killed.matchAt(tokens, k) ||
        lex.injured.matchAt(tokens, k)
      ) {
        isMunition = false; // "four more residents were injured": people, not munitions
        break;
      }
      const w = weapons.find((x) => x.first === k);
      if (w) weapon = w.label;
      if (lex.munitionNouns.matchAt(tokens, k)) {
        // ("One of the attacks set fire to garages": one attack of those told, no figure of attacks.)
        if (lex.strikeNouns.has(tokens[k].lower) && shareOfStrikes(tokens, num.last + 1, k, lex)) {
          isMunition = false;
          break;
        }
        // ("restarted his heart four times", "sirens sounded 3 times": repetitions of no attack are no count.)
        if (lex.repetitionNouns.has(tokens[k].lower) && !eventWordInClause(tokens, text, num.first, k, lex)) {
          isMunition = false;
          break;
        }
        // («Украинские дроны десять раз атаковали Курскую область», «5 атак FPV-дронов на Тёткино»: attacks counted, no
        // munitions — guide; not «23 раза обстреляли», «нанесли 15 ударов», nor attacks from artillery, which are shelling.)
        if (
          (lex.attackCountNouns.has(tokens[k].lower) || lex.repetitionNouns.has(tokens[k].lower)) &&
          countsOnlyAttacks(tokens, text, num.first, k, weapons, lex)
        ) {
          isMunition = false;
          break;
        }
        isMunition = true;
        // («… и 12 раз — из артиллерии»: times counted, the verb left out, then the weapon they were fired from, past
        // a dash; of several, the aerial one, as the guide keeps mixed weapons.)
        if (
          !weapon &&
          lex.repetitionNouns.has(tokens[k].lower) &&
          k + 1 < tokens.length &&
          /[—–]/.test(text.slice(tokens[k].end, tokens[k + 1].start))
        ) {
          const after = weapons.filter(
            (x) => x.first > k && x.first <= k + 4 && !/[.;!?]/.test(text.slice(tokens[k].end, tokens[x.first].start)),
          );
          weapon = AERIAL_FIRST.find((w) => after.some((x) => x.label === w)) ?? null;
        }
        aerialTargets = sw.aerialTarget.has(tokens[k].lower);
        const after = tokens[k + 1];
        if (after && lex.distributive.has(after.lower)) each = true;
        // "3 удари КАБ", "2 атаки FPV-дронів": strikes counted by the weapon named after them.
        if (!weapon && after && lex.strikeNouns.has(tokens[k].lower) && !STOP_LOOKAHEAD.test(text.slice(tokens[k].end, after.start)))
          weapon =
            weapons.find(
              (x) =>
                x.first === k + 1 || (x.first === k + 2 && !STOP_LOOKAHEAD.test(text.slice(after.end, tokens[k + 2]?.start ?? after.end))),
            )?.label ?? null;
        // "12 of the 16 missiles": the second number was launched.
        break;
      }
      // ("12 more were injured": more people, told by the casualty word just after.)
      if (k === num.last + 1 && isMoreWord(lex, tokens[k].lower)) isMunition = !casualtyWordSoon(tokens, k + 1, lex);
      // "two each over the Oryol and Tula regions": the figure holds for every place after it.
      if (k === num.last + 1 && sw.eachAfterFigure.has(tokens[k].lower)) {
        each = true;
        continue;
      }
      // "79 were shot down": the noun is understood from the sentence before.
      if (k === num.last + 1 && sw.understoodAuxiliary.has(tokens[k].lower)) {
        const cue =
          lex.interception.matchAt(tokens, k) ??
          lex.interception.matchAt(tokens, k + 1) ??
          lex.interception.matchAt(tokens, k + 2) ??
          lex.interception.matchAt(tokens, k + 3);
        if (cue) {
          isMunition = true;
          // ("of which 85 were shot down and 30 were suppressed by electronic warfare": the second part adds to the first.)
          if (out.length > 0 && lex.conjunction.has(prevTok?.lower ?? "")) adds = true;
          break;
        }
        // ("Of them, 11 were over the Bryansk region": the auxiliary, then a place's preposition, after munitions told.)
        if (
          sw.listPreposition.has(tokens[k + 1]?.lower ?? "") &&
          [1, 2, 3].some((d) => placeStarts.has(k + 1 + d)) &&
          (out.length > 0 || priorMunitions.length > 0)
        ) {
          isMunition = true;
          break;
        }
      }
      // "запустив 10 дронів, з них 7 збито", "of which 12 were shot down": the noun is understood from the total before.
      if (
        k === num.last + 1 &&
        ofWhichBefore(tokens, num.first, lex) &&
        [0, 1, 2].some((d) => k + d < tokens.length && lex.interception.matchAt(tokens, k + d))
      ) {
        isMunition = true;
        share = true;
        break;
      }
      // "two drones were shot down, while three fell on the depot": a figure right before a verb of hitting,
      // its noun told before in the sentence (not "three damaged houses", where a target follows the word).
      if (
        k === num.last + 1 &&
        lex.strike.matchAt(tokens, k) &&
        !lex.debris.matchAt(tokens, k) &&
        !lex.targets.matchAt(tokens, k + 1) &&
        !lex.targets.matchAt(tokens, (lex.strike.matchAt(tokens, k)?.last ?? k) + 1) &&
        lex.munitionNouns.has(tokens, 0, num.first) &&
        lex.interception.has(tokens, 0, num.first)
      ) {
        isMunition = true;
        break;
      }
      // «Над Курской областью сбиты 5 беспилотников, ещё 2 подавлены средствами РЭБ»: more of those downed
      // before, told with the downing's verb right after the figure.
      if (k === num.last + 1 && lex.interception.matchAt(tokens, k) && out.length > 0 && lex.moreBefore.has(prevTok?.lower ?? "")) {
        isMunition = true;
        adds = true;
        break;
      }
      // "Из них 21 уничтожен над Ростовской областью", "21 знищено над X": the noun is understood
      // from the total before, the participle follows the figure and a place follows it.
      if (k === num.last + 1 && lex.interception.matchAt(tokens, k) && [2, 3, 4, 5].some((d) => placeStarts.has(k + d))) {
        isMunition = true;
        break;
      }
      // "launched 20 drones, 17 shot down", «запустив 20 дронів, 17 збито»: a share of the launch just told,
      // the participle of the downing right after the bare figure.
      if (k === num.last + 1 && lastLaunch && lastLaunch.value >= num.value && lex.interception.matchAt(tokens, k)) {
        isMunition = true;
        share = true;
        break;
      }
      // «два — нал Пензенской»: an item of a dashed breakdown, its preposition mistyped (one short word).
      if (
        k === num.last + 1 &&
        /[—–]/.test(text.slice(tokens[num.last].end, tokens[k].start)) &&
        /^\p{Ll}{2,3}$/u.test(tokens[k].text) &&
        placeStarts.has(k + 1)
      ) {
        isMunition = true;
        break;
      }
      // «41 беспилотник: 20 – над Брянской областью, 12 – Курской области»: an item of a dashed breakdown after
      // munitions told, its preposition left out — the place right after the dash.
      if (
        k === num.last + 1 &&
        out.length > 0 &&
        placeStarts.has(k) &&
        /^\s*[—–-]\s*$/.test(text.slice(tokens[num.last].end, tokens[k].start))
      ) {
        isMunition = true;
        break;
      }
      // "27 over the Voronezh Region", "три — над Крымом": a number, a preposition, a place.
      // (Not «повреждены два дома в Грайвороне»: a target between the figure and the preposition is what it counts;
      // nor «атаковали 4 объекта / 4 села в Белгородской области»: a thing or a kind of place.)
      if (
        k <= num.last + 2 &&
        sw.listPreposition.has(tokens[k].lower) &&
        (k === num.last + 1 ||
          (!lex.targets.matchAt(tokens, num.last + 1) &&
            !lex.genericTarget.has(tokens[num.last + 1].lower) &&
            !isPlaceTypeWord(tokens[num.last + 1].lower))) &&
        [1, 2, 3].some((d) => placeStarts.has(k + d))
      ) {
        isMunition = true;
        // "four over the Kursk and Rostov regions each": the figure holds for every place of its list.
        if (eachAfterList(tokens, text, numbers, k)) each = true;
        break;
      }
      // "shot down 28 of them", "сбиты 45 из них": the munitions named before.
      if (
        k === num.last + 1 &&
        lex.ofWhich.matchAt(tokens, k)?.label === "them" &&
        lex.interception.has(tokens) &&
        // Not "one of them fell on the refinery": that one is the hit, told by the debris rule.
        ![2, 3, 4].some((d) => k + d < tokens.length && lex.strike.matchAt(tokens, k + d))
      ) {
        isMunition = true;
        share = true;
        break;
      }
      // (The pronoun after a launch, or after munitions named with no figure and no downing before: «Ворог атакував
      // Одещину ракетами С-300, 3 з них влучили в порт».)
      const namedCame = lastLaunch !== null || (weapons.some((w) => w.last < num.first) && !lex.interception.has(tokens, 0, num.first));
      if (k === num.last + 1 && ofWhichHitOrDowned(tokens, k, lex, namedCame)) {
        isMunition = true;
        ofWhich = true;
        break;
      }
      if (k === num.last + 1 && lex.ofWhich.matchAt(tokens, k)) {
        const inner = numbers[n + 1];
        if (inner && inner.first <= num.last + 3) {
          launched.add(inner);
          for (let j = inner.last + 1; j <= inner.last + 4 && j < tokens.length; j++) {
            const w2 = weapons.find((x) => x.first === j);
            if (w2) weapon = w2.label;
            if (lex.munitionNouns.matchAt(tokens, j)) {
              isMunition = true;
              break;
            }
          }
          break;
        }
      }
      if (numbers.some((o) => o !== num && o.first === k)) break;
      // Only modifiers may stand between a number and its noun ("11 Shahed one-way combat drones").
      if (!isModifier(tokens[k], lex)) break;
    }
    // "launched 85 drones and two missiles, 60 of which were shot down": the share is of the launch
    // figure before it that is large enough to hold it, the nearest such.
    if (weapon === null && (ofWhich || ofWhichBefore(tokens, num.first, lex)))
      weapon = shareWeapon(
        launches.filter((l) => l.mention.last < num.first),
        num,
      );
    if (prevTok && lex.distributive.has(prevTok.lower)) each = true;
    for (let back = 1; back <= 6 && num.first - back >= 0; back++) {
      if (sw.eachBeforeFigure.has(tokens[num.first - back].lower)) each = true;
    }
    // "ВСУ атаковали регион 48 беспилотниками": what attacked a region is its daily count, not a launch figure.
    // (Not when a share of them is told downed or hit after it: "launched 12 drones at Kharkiv, 10 of which were shot down",
    // "attacked the Kharkiv region with 12 drones, 10 of which were shot down".)
    const shareTold = numbers.some(
      (o) =>
        o.first > num.last &&
        o.last + 1 < tokens.length &&
        (ofWhichHitOrDowned(tokens, o.last + 1, lex, true) ||
          ((lex.ofWhich.matchAt(tokens, o.last + 1)?.label === "them" || ofWhichBefore(tokens, o.first, lex)) &&
            lex.interception.has(tokens, num.last + 1))),
    );
    // «Около 20 беспилотников атаковали Брянск, 18 из них сбиты», "20 drones attacked Bryansk, 18 of them were shot down":
    // the whole of a share told downed after it, with no downing before that share, came — the share is what was downed.
    if (
      !isLaunch &&
      isMunition &&
      numbers.some(
        (o) =>
          o.first > num.last &&
          o.value < num.value &&
          !o.notACount &&
          !/[.;!?]/.test(text.slice(tokens[num.last].end, tokens[o.first].start)) &&
          (lex.ofWhich.matchAt(tokens, o.last + 1) !== undefined || ofWhichBefore(tokens, o.first, lex)) &&
          !lex.interception.has(tokens, 0, o.first) &&
          lex.interception.has(tokens, o.last + 1),
      )
    )
      isLaunch = true;
    if (isLaunch && attackedWith(tokens, num, text, lex) && !lex.launch.has(tokens, 0, num.first) && regionAttacked && !shareTold)
      isLaunch = false;
    // "По селу Тёткино противник выпустил 5 FPV-дронов": what was fired at a town is the town's count.
    if (isLaunch && townFiredAt && !shareTold) isLaunch = false;
    // "Горловка: выпущено 5 снарядов": shells and mines fired are what came at the place (no tally of launches counts them).
    if (isLaunch && weapon === "artillery") isLaunch = false;
    // "attacked the Kharkiv region with 27 drones, some of which were intercepted", «80 дронами, більшість з яких збито»:
    // the whole a vague share is told of (the pack's vague_share) was launched, not downed.
    if (isMunition && !isLaunch && vagueShareOf(tokens, text, num, lex)) isLaunch = true;
    if (isMunition && isLaunch) launches.push(munitionNumber(num, weapon, false));
    if (!isMunition || isLaunch) continue;
    const m = munitionNumber(num, weapon, each, aerialTargets);
    if (adds) m.adds = true;
    if (ofWhich) m.ofWhich = true;
    if (afterPlace) m.afterPlace = true;
    if (share || ofWhich) m.share = true;
    out.push(m);
  }
  // "Seven drones were shot down over the Rostov region and another over the Krasnodar region": one more.
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].lower !== "another" || !sw.listPreposition.has(tokens[i + 1].lower) || ![2, 3].some((d) => placeStarts.has(i + d)))
      continue;
    out.push(munitionNumber({ value: 1, qualifier: "exact", first: i, last: i, notACount: false }, null, false));
  }
  // "A missile and two drones hit Kharkiv", "two drones and a missile": a munition with the article, joined
  // to a figure of another weapon, is one of its own (not left to the sentence's singular count).
  if (lex.language === "en")
    for (const w of weapons) {
      let a = w.first - 1;
      while (a >= w.first - 3 && a >= 0 && !/^(a|an)$/.test(tokens[a].lower) && isModifier(tokens[a], lex)) a--;
      if (a < 0 || !/^(a|an)$/.test(tokens[a].lower) || !lex.munitionNouns.has(tokens, w.first, w.last + 1)) continue;
      const other = (m: MunitionNumber) => m.weapon !== null && m.weapon !== w.label;
      const joinedAfter = tokens[w.last + 1]?.lower === "and" && out.some((m) => m.mention.first === w.last + 2 && other(m));
      const joinedBefore = tokens[a - 1]?.lower === "and" && out.some((m) => m.mention.last < a && m.mention.last >= a - 5 && other(m));
      if (joinedAfter || joinedBefore)
        out.push(munitionNumber({ value: 1, qualifier: "exact", first: a, last: a, notACount: false }, w.label, false));
    }
  // "столько же" (as many again) repeats the previous figure.
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i].lower === "столько" && tokens[i + 1].lower === "же") {
      const prev = [...out].reverse().find((m) => m.mention.last < i);
      if (prev) {
        const n = prev.mention;
        out.push(
          munitionNumber({ value: n.value, qualifier: n.qualifier, first: i, last: i + 1, notACount: n.notACount }, prev.weapon, true),
        );
      }
    }
  }
  return out.sort((a, b) => a.mention.first - b.mention.first);
}

/**
 * "атаковали дронами Глушково (3 дрона), Тёткино (2) и Рыльск (5)": a bare figure in brackets
 * right after a place counts the munitions the sentence names (not "Курск (2)" with no weapon named).
 */
function bracketedAfterPlace(tokens: Token[], text: string, num: NumberMention, namesWeapon: boolean): boolean {
  const after = tokens[num.last + 1];
  return (
    namesWeapon &&
    /^\s*\(\s*$/.test(text.slice(tokens[num.first - 1].end, tokens[num.first].start)) &&
    /^\s*\)/.test(text.slice(tokens[num.last].end, after ? after.start : text.length))
  );
}

/**
 * "Глушково — 3 дрона;", "▪️ Тёткино – 2 FPV-дрона": a line that is only a town, a dash and its
 * munitions, under no header that tells their fate, tells that the town was attacked with them.
 */
function countLine(tokens: Token[], text: string, places: PlaceMention[], numbers: MunitionNumber[], lex: Lexicon): boolean {
  // Lines of a governor's list: "Суземка — 4 дрона", "Село Графовка: 2 дрона", "Глушковский район: с. Тёткино —
  // 3 FPV-дрона, п. Глушково — 2 FPV-дрона" — each town opening the line or a clause, its figure of munitions after it.
  const towns = places.filter((p) => p.kind === "settlement" || p.kind === "city");
  // (A region's line, "Курская область — 5 БПЛА", is more often a downing tally's item.)
  if (!towns.length || towns.length !== places.length - places.filter((p) => p.district).length || numbers.length < towns.length)
    return false;
  // («с. Графовка — 2 FPV-дрона и 3 снаряда»: more figures of an item, each with its munition, before the next town.)
  const munitionAfter = (n: MunitionNumber) =>
    tokens
      .slice(n.mention.last + 1, n.mention.last + 4)
      .some((_t, d) => lex.munitionNouns.matchAt(tokens, n.mention.last + 1 + d) !== undefined);
  const firsts = towns.map((t) => numbers.find((n) => n.mention.first === t.last + 1));
  if (firsts.some((n) => !n) || !numbers.every((n) => firsts.includes(n) || munitionAfter(n))) return false;
  return towns.every((place, k) => {
    const n = firsts[k] as MunitionNumber;
    if (n.mention.first !== place.last + 1) return false;
    if (!/^\s*[—–:-]\s*$/.test(text.slice(place.end, tokens[n.mention.first].start))) return false;
    const j = firstTypeWord(tokens, place.first, lex) - 1;
    if (j >= 0 && !/[:;,]\s*$/.test(text.slice(tokens[j].end, tokens[j + 1].start))) return false;
    // The figure's own noun names a munition, and nothing but modifiers follows it before the next item.
    const end = towns[k + 1] ? firstTypeWord(tokens, towns[k + 1].first, lex) : tokens.length;
    const more = numbers.filter((m) => m !== n && m.mention.first > n.mention.last && m.mention.first < end);
    const close = more.length ? more[more.length - 1].mention.last + 1 : n.mention.last + 1;
    const noun = tokens.findIndex((_t, i) => i >= close && lex.munitionNouns.matchAt(tokens, i) !== undefined);
    return munitionAfter(n) && noun >= close && noun <= close + 2 && noun >= end - 2;
  });
}

/** The first of the kind-of-place words right before a token ("с." before "Тёткино"), or the token itself. */
function firstTypeWord(tokens: Token[], at: number, lex: Lexicon): number {
  const w = sentenceWordsOf(lex);
  let j = at;
  while (j > 0 && isPlaceTypeWord(tokens[j - 1].lower) && !w.districtTypeStop.opens(tokens[j - 1].lower)) j--;
  return j;
}

/**
 * A town named after "по" or "at" (its kind of place between: "по селу Тёткино", "по Середина-Будській
 * громаді", "at the town of Rylsk"): what was fired at.
 */
function firedAtTown(tokens: Token[], p: PlaceMention, lex: Lexicon): boolean {
  if (p.kind !== "settlement" && p.kind !== "city") return false;
  let k = p.first - 1;
  while (k >= 0 && k >= p.first - 3 && isPlaceTypeWord(tokens[k].lower)) k--;
  return sentenceWordsOf(lex).firedAt.has(tokens[k]?.lower ?? "");
}

/**
 * The hromadas a sentence names, at their centres. With no region told, those of one list are of one oblast
 * («Марганецьку, Покровську та Червоногригорівську громади»): the few read in another region (Pokrovsk of
 * Donetsk Oblast for «Покровську») are read again in the region most of them are in.
 */
function hromadasOfSentence(
  tokens: Token[],
  text: string,
  language: LanguageCode,
  resolver: PlaceResolver,
  region: string | null,
  taken: (i: number) => boolean,
): PlaceMention[] {
  const hromadas = findHromadaMentions(tokens, text, language, resolver, region, taken);
  const common = region === null ? mostCommonRegion(hromadas) : null;
  const strays = common ? hromadas.filter((h) => h.regions[0] !== common) : [];
  if (!common || !strays.length || strays.length * 2 >= hromadas.length) return hromadas;
  const again = findHromadaMentions(tokens, text, language, resolver, common, taken);
  return hromadas.map((h) => (h.regions[0] === common ? h : (again.find((a) => a.first === h.first) ?? h)));
}

/**
 * A settlement of a list read in the list's region: one not placed yet, or one placed elsewhere by a looser
 * reading of its name when the list's region has the name as written («м. Марганець, с. Покровське та
 * с. Червоногригорівку»: Pokrovske of Dnipropetrovsk Oblast, not Pokrovsk of Donetsk Oblast). A city stays.
 */
function placedInList(m: PlaceMention, listRegion: string, language: LanguageCode, resolver: PlaceResolver): PlaceMention {
  if (!m.regions.length) return placeSettlement(m, language, resolver, listRegion);
  if (m.regions[0] === listRegion) return m;
  const there = resolver.findSettlement(m.text, listRegion, language);
  if (there?.region !== listRegion || (there.match !== "exact" && there.match !== "stem")) return m;
  const elsewhere = resolver.findSettlement(m.text, m.regions[0], language);
  if (!elsewhere || elsewhere.match === "exact" || elsewhere.population >= 100_000) return m;
  return changedPlace(m, { name: there.name, regions: [listRegion] });
}

/** The region most of the settlements lie in (the first such on a tie), or null when none is placed. */
function mostCommonRegion(settlements: PlaceMention[]): string | null {
  const counts = new Map<string, number>();
  for (const m of settlements) if (m.regions.length === 1) counts.set(m.regions[0], (counts.get(m.regions[0]) ?? 0) + 1);
  let best: string | null = null;
  for (const [region, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = region;
  return best;
}

/**
 * "Since the start of the invasion, 2,000 civilians have been killed", «С начала месяца в области погибли 15 человек»:
 * a toll summed over a span is no attack's (guide, rule 7), unless the span is one attack's own ("since the start of the day").
 */
function summedOverSpan(has: (set: PhraseSet<unknown>) => boolean, lex: Lexicon): boolean {
  return (has(lex.sinceStart) || has(lex.overWeeks) || has(lex.tollSpan)) && !has(lex.oneAttackSpan);
}

/**
 * "In May alone, Russian attacks killed 37 civilians", «Только за май погибли 37 человек», «Лише за травень …»:
 * a month named without a day, or a year, after a preposition of time, is a span the toll is summed over (guide, rule 7).
 */
function overMonth(tokens: Token[], numbers: NumberMention[], places: PlaceMention[], lex: Lexicon): boolean {
  // (Not an attack on a town told for a month: "In July a drone attack on the refinery in Saratov left one dead".)
  if (places.some((p) => p.kind === "city" || p.kind === "settlement")) return false;
  for (let i = 1; i < tokens.length; i++) {
    if (undatedSpanWord(tokens, numbers, i) !== true) continue;
    for (let j = Math.max(0, i - 3); j < i; j++) if (lex.monthSpan.matchAt(tokens, j)?.last === i - 1) return true;
  }
  return false;
}

/**
 * "In April, a missile strike on Sumy killed 35", "In 2023, …", "Last summer, drones struck …": a sentence opening
 * with a month named without a day, a year, or another time (the pack's another_time) tells a time other than the
 * report's — its event has no date of its own (guide: dates), nor the report's.
 */
function opensWithAnotherTime(tokens: Token[], numbers: NumberMention[], lex: Lexicon): boolean {
  // («Так, в июле прошлого года …»: an example's opening word goes before the time.)
  const at = (lex.exampleOpener.matchAt(tokens, 0)?.last ?? -1) + 1;
  if (at >= tokens.length) return false;
  // ("Two months ago, …": the time may open with its figure.)
  if (lex.anotherTime.matchAt(tokens, at) || (tokens.length > at + 1 && lex.anotherTime.matchAt(tokens, at + 1))) return true;
  const span = lex.monthSpan.matchAt(tokens, at);
  if (!span) return false;
  for (let i = span.last + 1; i < Math.min(tokens.length, span.last + 3); i++) {
    const undated = undatedSpanWord(tokens, numbers, i);
    if (undated !== null) return undated;
  }
  return false;
}

/**
 * Whether token i names a span without a day: true for a year ("In 2024", «В 2024 году») or a month with no day
 * number beside it ("In May"), false for a month with its day ("on May 3"), null for any other word.
 */
function undatedSpanWord(tokens: Token[], numbers: NumberMention[], i: number): boolean | null {
  if (tokens[i].digits && /^(19|20)\d\d$/.test(tokens[i].lower)) return true;
  if (tokens[i].digits || !isMonthWord(tokens[i].lower)) return null;
  return !numbers.some((n) => n.last === i - 1 || n.first === i + 1);
}

/**
 * The casualties of the sentence up to a "since March, when" («с мая, когда», «з березня, коли»):
 * "the deadliest attack since March, when 20 people were killed" tells March's toll after it, not this attack's.
 */
function casualtiesBeforeSinceWhen(
  tokens: Token[],
  numbers: NumberMention[],
  munitions: Set<NumberMention>,
  lex: Lexicon,
  text: string,
  elliptic: EllipticCasualty[],
): CasualtyFacts {
  const cut = lex.sinceWhen.findAll(tokens)[0]?.first;
  if (cut === undefined) return findCasualties(tokens, numbers, munitions, lex, text, elliptic);
  const before = (n: NumberMention) => n.last < cut;
  return findCasualties(
    tokens.slice(0, cut),
    numbers.filter(before),
    munitions,
    lex,
    text,
    elliptic.filter((e) => before(e.mention)),
  );
}

/**
 * "Of the 14 drones that attacked the Kursk region, 11 were shot down", «Из 14 беспилотников, атаковавших
 * Курскую область, 11 были сбиты»: the whole opening its clause, with a smaller share told after a comma, was launched.
 */
function opensWholeOfShare(tokens: Token[], num: NumberMention, numbers: NumberMention[], text: string, lex: Lexicon): boolean {
  let start = -1;
  for (let i = Math.max(0, num.first - 2); i < num.first; i++) {
    if (lex.wholeOfShare.matchAt(tokens, i)?.last === num.first - 1) {
      start = i;
      break;
    }
  }
  if (start < 0) return false;
  const opensClause = start === 0 || /[,;:.!?—–(]/.test(text.slice(tokens[start - 1].end, tokens[start].start));
  if (!opensClause) return false;
  return numbers.some(
    (o) =>
      o.first > num.last &&
      o.value < num.value &&
      // («Из 10 запущенных беспилотников над Курской областью сбиты 8»: the downing told between, no comma needed.)
      (/,/.test(text.slice(tokens[num.last].end, tokens[o.first].start)) || lex.interception.matchAt(tokens, o.first - 1) !== undefined) &&
      !/[.;!?]/.test(text.slice(tokens[num.last].end, tokens[o.first].start)),
  );
}

/**
 * A verb of saying after a capital's name, with no comma between — right after it ("Moscow said") or
 * past auxiliaries, negations and adverbs ("Kyiv has never officially confirmed", «Киев официально не подтвердил»).
 */
function capitalSaidAfter(tokens: Token[], text: string, p: PlaceMention, lex: Lexicon): boolean {
  for (let k = p.last + 1; k <= p.last + 4 && k < tokens.length; k++) {
    if (!/^\s+$/.test(text.slice(tokens[k - 1].end, tokens[k].start))) return false;
    if (lex.capitalSaid.has(tokens[k].lower)) return true;
    if (!lex.capitalSaidBetween.has(tokens[k].lower)) return false;
  }
  return false;
}

/** "one of the attacks", «один из ударов»: the bare 'of' between a figure (ending before `from`) and its strike noun at `to`. */
function shareOfStrikes(tokens: Token[], from: number, to: number, lex: Lexicon): boolean {
  for (let j = from; j < to; j++) if (lex.ofWhich.matchAt(tokens, j)?.label === "of") return true;
  return false;
}
