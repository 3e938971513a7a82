// Document-level assembly: walks the sentences in order, keeping the context a reader keeps
// (the region last named, the weapon, the date, who is speaking), turns each sentence's facts
// into incidents, and attaches details told in later sentences (casualties, targets) to the
// incident they belong to.
import { CAPITAL_CITIES, CITY_REGIONS, OBLAST_AROUND_CITY } from "../geo/city-regions.js";
import { regionLexicon } from "../geo/region-lexicon.js";
import type { CountryCode, Incident, IncidentKind, LanguageCode, SlotSpans, Target, WeaponType } from "../model/incident.js";
import type { CasualtyFacts } from "./casualties.js";
import { addDays } from "./dates.js";
import { readLayout, type SentenceLayout } from "./layout.js";
import { isMoreWord, type Lexicon, lexiconFor } from "./lexicon.js";
import { wordValue } from "./numbers.js";
import { findOfficials, type OfficialMention } from "./officials.js";
import { pairNumbersWithPlaces } from "./place-counts.js";
import type { PlaceResolver } from "./place-resolver.js";
import {
  changedPlace,
  type DistrictNamed,
  ellipticDistrict,
  isAttackVerb,
  isDistrictAdjective,
  isPlaceTypeWord,
  lastDistrictNamed,
  opensAttackedList,
  type PlaceMention,
  tellsUnderFire,
  undergoneAt,
} from "./places.js";
import {
  AERIAL_FIRST,
  type CueKind,
  isDestination,
  type KindCue,
  type MunitionNumber,
  namesADistrict,
  type SentenceFacts,
  sentenceFacts,
} from "./sentence-facts.js";
import { findTargets } from "./targets.js";
import type { Sentence } from "./text/sentences.js";
import { type Token, tokenize } from "./text/tokens.js";
import { transliterate } from "./transliterate.js";

/** An incident while the document is being read: the public fields plus bookkeeping. */
export interface Draft extends Omit<Incident, "evidence" | "evidence_spans" | "confidence"> {
  sentences: Set<number>;
  /** First sentence that created it. */
  origin: number;
  /** Told in the headline: merged into the body's account of the same thing. */
  headline: boolean;
  /** Interception only implied by debris ("debris of a downed drone fell..."). */
  implied: boolean;
  weaponExplicit: boolean;
  dateExplicit: boolean;
  /** Where the place, count and casualty figures are written. */
  spans: SlotSpans;
  /** How it was made, step by step, for `skywatch extract --explain`. */
  trace: string[];
  /** Told as a total or a later figure ("всего", "згодом", "in total"): it replaces a figure told before instead of adding to it. */
  update: boolean;
  /** Told as a correction of a figure before ("later clarified that only one UAV had attacked"). */
  correction: boolean;
  /** Opens with "one more" («Ще один дрон влучив…»): its figure adds to the same place's, even an equal one. */
  more: boolean;
  /** What a total told with a part of it leaves untold («трьох ударів … Два прильоти»: 1), which "one more" then fills. */
  rest?: number;
  /** Its count is that of a munition named in the singular («ракету», "a drone"), not a figure told. */
  singular?: boolean;
  /** Its place is a raion or a town's area ("на Нікопольщині"), not the whole region nor a settlement. */
  district: boolean;
  /** Told of air defence at work, with no downing («отражается атака БПЛА на Волгоградскую область», "air defence was active"):
   * as a region's attack it stays beside the debris strikes told at its places (guide: "air defence is repelling an attack" → attack);
   * told of the place the debris hit, it is that strike. */
  defended: boolean;
  /** Its sentence counted attacks, not munitions («украинские дроны десять раз атаковали Курскую область»): as a region's attack
   * it stays beside the hits told at its places, uncounted (guide). */
  attacksCounted: boolean;
  /** Its count is of munitions launched at its place with nothing downed or hit told («выпустили 2 беспилотника по
   * Липецкой области»): no count of a downing or a hit there it merges with. */
  launchCount?: boolean;
}

const NATIONAL_BODY = /Air Force|Ministry of Defence|General Staff/;

interface Speaker {
  name: string;
  /** A person speaks for their region; a body (ministry, air force) for the whole country. */
  region: string | null;
}

interface Context {
  /** The place last named; `attacked`: its sentence told of an attack or a hit; `dateline`: it opened the report on its own. */
  /** `several`: the sentence named places of more than one region («ППО працювала на Полтавщині, Сумщині та Чернігівщині»). */
  region: { place: PlaceMention; sentence: number; attacked: boolean; dateline: boolean; several: boolean; past: boolean } | null;
  /** The regional capital last named ("Kharkiv"), for "the city" of a later sentence. */
  city: { place: PlaceMention; sentence: number } | null;
  weapon: { weapon: WeaponType; region: string | null } | null;
  date: string | null;
  /** The date an "Earlier, …" paragraph set aside, and that paragraph: the next paragraph goes back to it. */
  setAside: { date: string; block: number } | null;
  /** The day of the report told by a sentence of no attack of its own («Утром 24 сентября глава прокомментировал …»), and that sentence. */
  reportDay: { date: string; sentence: number } | null;
  speaker: Speaker | null;
  /** The sentence the speaker was last named in, and its block (blank-line separated). */
  speakerSentence: number;
  speakerBlock: number;
  officials: OfficialMention[];
  lastEvent: Draft[];
  language: LanguageCode;
  lex: Lexicon;
  /** Country cues so far in the document, for tallies whose own sentence names no country. */
  countryVotes: { RU: number; UA: number };
  /**
   * "Никто не пострадал" told before the rest of its paragraph: the speaker's later incidents there are covered too.
   * `settlement`: the denial was told of that one village's incident, so it covers no other village.
   * `regions`: the regions of the incidents it was told of (null: one of them had none); it covers no other region's.
   */
  denial: {
    block: number;
    official: string | null;
    country: CountryCode | null;
    settlement: string | null;
    regions: ReadonlyArray<string | null> | null;
  } | null;
  /** The sentence just read, for one that goes on about its munitions ("All of them were shot down"). */
  previous: SentenceFacts | null;
  /** The country a sentence before told attacked ("завдала удару по енергетиці України"). */
  attackedCountry: CountryCode | null;
  /** The sentence read is a headline (its body tells the places). */
  inHeadline: boolean;
  /** A toll told before any incident and without a place ("Two people were killed overnight."), for the hit told next. */
  pendingToll: SentenceFacts | null;
}

function regionCapital(iso: string): string | null {
  return regionLexicon().regions.get(iso)?.capital ?? null;
}
/** How far (in words) a kind cue may stand from the place it qualifies. */
const CUE_REACH: Record<CueKind, number> = { interception: 25, strike: 25, attack: 8 };

export function readDocument(
  text: string,
  sentences: Sentence[],
  lex: Lexicon,
  language: LanguageCode,
  published: string | null,
  resolver: PlaceResolver | null,
  /** Write how each incident was made into its trace (only `--explain` reads it; building it costs). */
  explain = true,
): Draft[] {
  const doc: DocumentReading = {
    text,
    sentences,
    lex,
    language,
    published,
    resolver,
    explain,
    ctx: newContext(lex, language, published),
    drafts: [],
    layout: readLayout(text, sentences, lex),
    tokens: sentences.map((s) => tokenize(s.text, language, s.start)),
    reportSurnames: [],
    headerFacts: new Map(),
    continuations: new Set(),
    previousFacts: null,
    lastDistrict: null,
    groupCounter: 0,
    nextGroup: () => ++doc.groupCounter,
  };
  doc.reportSurnames = officialSurnames(doc);
  for (let index = 0; index < sentences.length; index++) readSentence(doc, index);
  countryOfListTallies(doc.drafts, doc.layout);
  uncountryMixedBreakdowns(doc.drafts, doc.continuations);
  return townOfItsDistrict(doc.drafts, text, language);
}

// readDocument reads each sentence in the steps below, each a function of its own (one callback with all
// it inlined was compiled again and again as its optimised code met new shapes).

/** What readDocument keeps while it reads a report's sentences in order. */
interface DocumentReading {
  readonly text: string;
  readonly sentences: Sentence[];
  readonly lex: Lexicon;
  readonly language: LanguageCode;
  readonly published: string | null;
  readonly resolver: PlaceResolver | null;
  readonly explain: boolean;
  readonly ctx: Context;
  readonly drafts: Draft[];
  readonly layout: SentenceLayout[];
  /** Each sentence's tokens. */
  readonly tokens: Token[][];
  /** The surnames of the officials the report names with their title anywhere («губернатор Вячеслав Гладков»). */
  reportSurnames: string[];
  /** The facts of each list header, by its sentence index. */
  readonly headerFacts: Map<number, SentenceFacts>;
  /** The sentences that continue the one before («В частности, …»). */
  readonly continuations: Set<number>;
  previousFacts: SentenceFacts | null;
  lastDistrict: DistrictNamed | null;
  groupCounter: number;
  readonly nextGroup: () => number;
}

function newContext(lex: Lexicon, language: LanguageCode, published: string | null): Context {
  return {
    region: null,
    city: null,
    weapon: null,
    date: published,
    setAside: null,
    reportDay: null,
    speaker: null,
    speakerSentence: -9,
    speakerBlock: -1,
    officials: [],
    lastEvent: [],
    countryVotes: { RU: 0, UA: 0 },
    language,
    lex,
    denial: null,
    previous: null,
    attackedCountry: null,
    inHeadline: false,
    pendingToll: null,
  };
}

/**
 * The surnames of the officials named with their title anywhere in the report: «Гладков: в Шебекино …» heading it is
 * the governor named further on, not the village Gladkoe, nor is "Gladkov said" before the title is told.
 */
function officialSurnames(doc: DocumentReading): string[] {
  const out: string[] = [];
  for (const tokens of doc.tokens) {
    // (The pre-test first: a scan of every sentence here would be done again when the sentence is read.)
    if (!doc.lex.officialTitles.mayOccurIn(tokens) || !doc.lex.officialTitles.findAll(tokens).length) continue;
    for (const o of findOfficials(tokens, doc.text, doc.lex, [])) if (o.surname && !out.includes(o.surname)) out.push(o.surname);
  }
  return out;
}

/** One sentence: its facts, the incidents it makes or the details it adds to those told before, and the context after it. */
function readSentence(doc: DocumentReading, index: number): void {
  const { ctx, lex } = doc;
  const sentence = doc.sentences[index];
  const tokens = doc.tokens[index];
  const role = doc.layout[index].role;
  ctx.inHeadline = role === "headline";
  // "В частности, 2 — над Тульской областью": a continuation says what the sentence before it said.
  const continues =
    doc.previousFacts !== null &&
    tokens.length > 0 &&
    (lex.continuation.matchAt(tokens, 0) !== undefined || elidedDamage(tokens, doc.text, doc.previousFacts, lex));
  const facts = factsOfSentence(doc, index, tokens, continues);

  if (facts.country) ctx.countryVotes[facts.country]++;
  if (facts.attackedCountry) ctx.attackedCountry = facts.attackedCountry;
  const date = sentenceDate(facts, ctx);
  const sentenceWeapon =
    (namesOnlyVagueTargets(facts, lex) ? ctx.weapon?.weapon : null) ?? primaryWeapon(facts.weapons.map((w) => w.label));
  const speakerHere = facts.officials.length ? speakerOf(facts.officials[0], facts, ctx) : null;

  // (Nor damage summed up at a town: «с начала года в Шебекино повреждено более 2 тысяч домов».)
  const created = cumulativeSummary(facts, ctx.lex) ? [] : sentenceIncidents(facts, ctx, doc.text, date, sentenceWeapon, speakerHere);
  // "Дрон атакував будинок. Це сталося в Нікополі, постраждали троє": the place (and toll) of the hit just told, no hit of its own.
  if (created.length && placesTheLastHit(ctx.lastEvent, created, facts, ctx.lex)) created.length = 0;
  markOneMore(created, facts, lex, index);
  markPartsOfOneList(doc, created, index);
  if (created.length) addCreated(doc, created, facts, index, continues, sentenceWeapon);
  else if (ctx.lastEvent.length && tollOfItsOwnDay(facts, ctx.lastEvent)) addTollOfItsOwnDay(doc, facts, index, date, sentenceWeapon);
  else if (ctx.lastEvent.length && ofAnotherTime(facts, ctx.lex)) {
    // "Last week, a strike on the same building killed seven": another attack's toll, not this one's.
    if (doc.explain)
      for (const d of ctx.lastEvent) d.trace.push(`sentence ${facts.index + 1} tells another time: its details are not this incident's`);
  } else if (ctx.lastEvent.length) addToTheLastEvent(doc, facts, sentence, index, sentenceWeapon);
  else if (!doc.drafts.length && tollWithoutPlace(facts, ctx.lex)) ctx.pendingToll = facts;
  updateDenial(ctx, facts, sentence, created, speakerHere);
  redateToThePastDay(doc, facts, index);
  // "Об этом сообщил губернатор ...", "..., the governor said" right after the event sentence.
  if (speakerHere) attributeToSpeaker(speakerHere, doc.drafts, created, facts, ctx, index, sentence.block);
  setPlaceContext(ctx, facts, index, sentenceWeapon, created);
  ctx.previous = facts;
}

/**
 * «Утром 24 сентября глава прокомментировал последствия обстрелов: … За сутки враг применил …»: the day a sentence
 * gives with a statement verb before all it tells of attacks is the report's; when the report then sums up the day
 * before it, what it told on the report's day is of that past day (guide: "over the past day" in a morning summary →
 * the previous calendar day; a date of the report does not date the attack).
 */
function redateToThePastDay(doc: DocumentReading, facts: SentenceFacts, index: number): void {
  const { ctx } = doc;
  const cue = facts.date;
  if (!cue?.date) return;
  const statementAt = cue.statementAt;
  if (statementAt !== undefined && facts.cues.every((c) => facts.tokens[c.first].start > statementAt)) {
    ctx.reportDay = { date: cue.date, sentence: index };
    return;
  }
  const report = ctx.reportDay;
  ctx.reportDay = null;
  if (!report || !cue.pastDay || addDays(report.date, -1) !== cue.date) return;
  for (const d of doc.drafts) {
    if (d.origin < report.sentence || (d.dateExplicit && d.origin !== report.sentence) || d.date !== report.date) continue;
    d.date = cue.date;
    if (doc.explain)
      d.trace.push(`date ${cue.date}: the past day summed up in sentence ${index + 1} by the report of sentence ${report.sentence + 1}`);
  }
}

/**
 * «У селі Парутине пошкоджено будиночок. У селі Дніпровське — приватний будинок»: a place, a dash and the
 * things hit, its verb left out — the damage of the sentence before, told of another place.
 */
function elidedDamage(tokens: Token[], text: string, previous: SentenceFacts, lex: Lexicon): boolean {
  if (!previous.cues.some((c) => c.kind === "strike") || !previous.targets.length) return false;
  const dash = tokens.findIndex((t, k) => k > 0 && k <= 6 && /^\s+[—–-]\s+$/.test(text.slice(tokens[k - 1].end, t.start)));
  if (dash < 1 || !tokens.slice(1, dash).some((t) => t.capital)) return false;
  return findTargets(tokens, text, lex).some((t) => t.first >= dash);
}

/** The sentence's facts, read with what the sentences before it told (its list header, the district last named, the officials). */
function factsOfSentence(doc: DocumentReading, index: number, tokens: Token[], continues: boolean): SentenceFacts {
  const { ctx, resolver } = doc;
  const sentence = doc.sentences[index];
  const { role, header } = doc.layout[index];
  const previousFacts = doc.previousFacts;
  const contextRegion = ctx.region?.place.regions[0] ?? null;
  const listHeader = header !== null ? (doc.headerFacts.get(header) ?? null) : continues ? previousFacts : null;
  const facts = sentenceFacts(
    index,
    sentence,
    tokens,
    doc.text,
    doc.lex,
    doc.language,
    doc.published,
    ctx.officials,
    doc.nextGroup,
    resolver,
    contextRegion,
    {
      listHeader,
      datelineEnd: doc.layout[index].datelineEnd,
      // The munitions the sentence just before counted, for a figure with no noun of its own.
      priorMunitions: previousFacts ? previousFacts.launches.concat(previousFacts.munitionNumbers) : [],
      district: doc.lastDistrict,
      reportSurnames: doc.reportSurnames,
    },
  );
  if (resolver) doc.lastDistrict = lastDistrictNamed(tokens, resolver) ?? doc.lastDistrict;
  if (role === "list_header") doc.headerFacts.set(index, facts);
  if (continues) doc.continuations.add(index);
  doc.previousFacts = facts;
  for (const o of facts.officials) if (o.surname && !ctx.officials.some((k) => k.surname === o.surname)) ctx.officials.push(o);
  return facts;
}

/**
 * A toll over a span of time without a settlement ("З початку вторгнення загинули 12 тисяч цивільних",
 * "С начала года в Белгородской области погибли 30 человек") is a cumulative summary, no incident (guide, rule 7).
 * Nor strikes counted since the start of the war on a country or a region ("Russia has attacked Ukraine's
 * energy system more than 1,000 times since the start of the war").
 * (Nor what a country launched over a month or another time: "In May, Russia launched more than 4,000 drones at Ukraine".)
 */
function cumulativeSummary(facts: SentenceFacts, lex: Lexicon): boolean {
  return (
    lex.sinceStart.has(facts.tokens) ||
    (facts.otherTime && !facts.places.length && !facts.casualties.killed && !facts.casualties.injured) ||
    // ("Moscow says it shot down 1,500 drones last week", "Russia has launched 10,000 drones at Ukraine this year".)
    (facts.overSpan &&
      !facts.date &&
      !facts.places.length &&
      !facts.attributivePlaces.length &&
      !facts.casualties.killed &&
      !facts.casualties.injured) ||
    // ("Kharkiv has been hit by more than 100 drones this month": munitions counted over a span with no day told —
    // not "drones attacked Kharkiv for the third time this week, injuring two".)
    (facts.summedSpan && !facts.date && facts.munitionNumbers.length > 0) ||
    // ("… missiles targeting Kyiv, with attacks reaching 500–600 drones per day": a rate, even at a place, with no day told.)
    (lex.summarySpan.has(facts.tokens) &&
      !facts.date &&
      facts.munitionNumbers.length > 0 &&
      !facts.casualties.killed &&
      !facts.casualties.injured)
  );
}

/**
 * «- 2 КАБи; - 2 ракети» under «По регіону прилетіли:»: the items of one list that fall on one place with other
 * weapons are its parts, the same figure too (not a retelling, as the same figure in two lists or two paragraphs may be).
 */
function markPartsOfOneList(doc: DocumentReading, created: Draft[], index: number): void {
  const { role, header } = doc.layout[index];
  if (role !== "list_item" || header === null) return;
  const partsBefore = (d: Draft) =>
    doc.drafts.some(
      (o) =>
        o.origin > header &&
        o.origin < index &&
        doc.layout[o.origin].header === header &&
        o.kind === d.kind &&
        o.region === d.region &&
        o.settlement === d.settlement &&
        o.date === d.date &&
        // (A place listed twice with one figure may be told twice; parts by weapon are not.)
        o.weapon !== d.weapon,
    );
  for (const d of created) if (d.count !== null && partsBefore(d)) d.more = true;
}

/** Marks the incidents of a sentence that tells one more munition, or more of them, of the attack told before. */
function markOneMore(created: Draft[], facts: SentenceFacts, lex: Lexicon, index: number): void {
  // "Ще один дрон влучив у будинок": one more munition of the attack told before, even when it tells the same figure.
  if (index > 0 && lex.oneMore.matchAt(facts.tokens, 0)) for (const d of created) d.more = true;
  // "Згодом збили ще 5" after "збили п'ять": a figure after "ще"/"more" adds to the one told before, even the same figure.
  // ("four more drones were shot down", «ещё четыре»: "more" after the figure too.)
  const moreFigures = facts.munitionNumbers.filter(
    (m) =>
      lex.moreBefore.has(facts.tokens[m.mention.first - 1]?.lower ?? "") ||
      lex.moreAfter.has(facts.tokens[m.mention.last + 1]?.lower ?? ""),
  );
  if (index > 0) for (const d of created) if (moreFigures.some((m) => m.mention.value === d.count)) d.more = true;
}

/** The sentence's own incidents: their details, a toll told before any place, a denial before them, then they are the last event. */
function addCreated(
  doc: DocumentReading,
  created: Draft[],
  facts: SentenceFacts,
  index: number,
  continues: boolean,
  sentenceWeapon: WeaponType | null,
): void {
  const { ctx, lex } = doc;
  const role = doc.layout[index].role;
  for (const d of created) {
    d.headline = role === "headline";
    if (doc.explain) d.trace.push(madeIn(facts, doc.layout[index], continues, d));
  }
  attachCreatedDetails(created, facts, ctx.lex);
  const toll = ctx.pendingToll;
  ctx.pendingToll = null;
  const hit = tollReceiver(created, toll, index);
  if (toll && hit) {
    attachDetails([hit], toll, false, ctx.lex);
    hit.trace.push(`the toll of sentence ${toll.index + 1}, told before any place, is this hit's`);
  }
  const block = doc.sentences[index].block;
  if (!facts.casualties.nobodyHurt && ctx.denial && deniedHere(ctx.denial, block) && !facts.earlier)
    coverByDenialBefore(created, ctx.denial);
  // "…, постраждалих немає": also the same attack's incidents told just before, by no one else.
  if (facts.casualties.nobodyHurt) coverTheAttackJustTold(created, doc.drafts, index);
  countTheRest(created, doc.drafts, facts, lex);
  oneMunitionHit(created, facts);
  weaponOfUncountedDowning(created, ctx.lastEvent, sentenceWeapon, facts);
  for (const d of created) doc.drafts.push(d);
  ctx.lastEvent = created;
}

/** The sentence's casualties, damage and targets given to its own incidents (a joint toll or a breakdown shared out). */
function attachCreatedDetails(created: Draft[], facts: SentenceFacts, lex: Lexicon): void {
  const joint = casualtiesBeforeSeveralPlaces(created, facts, lex);
  if (joint) {
    attachDetails(created, facts, true, lex, "targets");
    joint.count = null;
    joint.targets = [];
    attachDetails([joint], facts, false, lex);
    joint.targets = [];
    created.push(joint);
  } else if (breakdownAcrossRegions(created, facts)) {
    // "Всего пострадали пять человек: трое в Белгороде и двое в Курске": each place its part, the total no one's.
    attachDetails(created, facts, true, lex, "targets");
    giveParts(
      created.filter((d) => d.kind !== "interception" && !d.implied),
      facts,
      lex,
    );
  } else attachDetails(created, facts, true, lex);
}

/**
 * "Russian troops regularly attack Mykolaiv. Seven were killed in the April 21 drone attack on a dormitory":
 * a toll of a hit dated days apart from the event told is that other day's hit, at the place of the context.
 */
function addTollOfItsOwnDay(
  doc: DocumentReading,
  facts: SentenceFacts,
  index: number,
  date: string | null,
  sentenceWeapon: WeaponType | null,
): void {
  const ctx = doc.ctx;
  const last = ctx.lastEvent[0];
  const d = newDraft(facts, "strike", null, null, date);
  d.country = last.country;
  d.region = last.region;
  d.settlement = last.settlement;
  d.settlement_text = last.settlement_text;
  if (sentenceWeapon) {
    d.weapon = sentenceWeapon;
    d.weaponExplicit = true;
  }
  if (doc.explain) d.trace.push(`sentence ${facts.index + 1} (${doc.layout[index].role}): a toll of its own day, at the place told before`);
  attachDetails([d], facts, false, ctx.lex);
  doc.drafts.push(d);
  ctx.lastEvent = [d];
}

/** A sentence that makes no incident: its details go to the incidents told before (or to a toll of several places). */
function addToTheLastEvent(
  doc: DocumentReading,
  facts: SentenceFacts,
  sentence: Sentence,
  index: number,
  sentenceWeapon: WeaponType | null,
): void {
  const { ctx, lex, drafts, sentences } = doc;
  const regionWide =
    casualtiesOfSeveralPlaces(ctx.lastEvent, facts) ??
    casualtiesOfTheRegion(ctx.lastEvent, facts) ??
    damageOfSeveralPlaces(ctx.lastEvent, facts);
  if (regionWide) {
    // «Попал по Никополю и Марганецкой громаде. Повреждено сооружение, однако люди не пострадали»: the damage is
    // the region's, the "nobody hurt" every place's of the statement (guide).
    if (facts.casualties.nobodyHurt) spareAll(sameStatement(drafts, ctx.lastEvent, index, sentences, sentence.block), facts.index);
    drafts.push(regionWide);
    ctx.lastEvent = [...ctx.lastEvent, regionWide];
    attachDetails([regionWide], facts, false, ctx.lex);
  } else if (sumOfSeveralPlaces(drafts, facts, ctx.lex, sentence.block, sentences)) {
    // "In total, one person was killed and two injured" after each place's own toll: the sum, no place's.
    if (doc.explain)
      for (const d of ctx.lastEvent) d.trace.push(`sentence ${facts.index + 1} sums the tolls of several places: not this incident's`);
  } else {
    // "Nobody was hurt" after a statement covers all its incidents, not just the last (guide).
    const told = toldBefore(drafts, ctx.lastEvent, facts);
    if (told) ctx.lastEvent = told;
    attachDetails(detailsReceivers(doc, facts, sentence, index), facts, false, ctx.lex);
    addOneMoreHit(ctx.lastEvent, facts, lex);
    oneMunitionHit(ctx.lastEvent, facts);
    if (sentenceWeapon && !facts.places.length && (facts.cues.length || lex.weaponsUsed.test(facts.sentence.text)))
      weaponToldLater(ctx.lastEvent, facts, sentenceWeapon);
    else if (hitToldBare(facts, lex)) hitOfTheAttackJustTold(ctx.lastEvent, facts);
  }
  refineSettlement(ctx.lastEvent, facts, doc.language);
}

/** The incidents told before that a sentence of details only is about. */
function detailsReceivers(doc: DocumentReading, facts: SentenceFacts, sentence: Sentence, index: number): Draft[] {
  const { ctx, drafts, sentences } = doc;
  if (facts.casualties.nobodyHurt && !facts.places.length) return sameStatement(drafts, ctx.lastEvent, index, sentences, sentence.block);
  if (facts.casualties.nobodyHurt) return placedHere(ctx.lastEvent, facts);
  return (
    hitBeforeTheDowning(drafts, ctx.lastEvent, facts, sentences, sentence.block) ??
    regionOfItsPlaces(ctx.lastEvent) ??
    regionNotCountry(ctx.lastEvent, facts) ??
    ctx.lastEvent
  );
}

/** "…struck the refinery. The governor said a drone attack sparked a fire": the weapon told later. */
function weaponToldLater(lastEvent: Draft[], facts: SentenceFacts, sentenceWeapon: WeaponType): void {
  for (const d of lastEvent)
    if (!d.weaponExplicit && !d.implied) {
      d.weapon = sentenceWeapon;
      d.weaponExplicit = true;
    }
  // «Ворог 10 разів атакував Нікопольщину. Бив з артилерії та FPV-дронами»: the hit told with its weapon makes the attack a strike.
  if (tellsHitOnly(facts)) for (const d of lastEvent) if (d.kind === "attack" && !d.implied) d.kind = "strike";
}

/** A hit told with no place, weapon nor figure of its own («Є влучання.», «Зафіксовано влучання на 3 локаціях»). */
function hitToldBare(facts: SentenceFacts, lex: Lexicon): boolean {
  return (
    !facts.places.length &&
    !facts.attributivePlaces.length &&
    tellsHitOnly(facts) &&
    lex.hitTold.has(facts.tokens) &&
    !facts.munitionNumbers.length
  );
}

/** «У Харкові вибухи. Є влучання.»: a hit told right after an attack makes the attack just told there a strike. */
function hitOfTheAttackJustTold(lastEvent: Draft[], facts: SentenceFacts): void {
  for (const d of lastEvent)
    if (d.kind === "attack" && !d.implied && d.region !== null && facts.index - d.origin <= 1) {
      d.kind = "strike";
      d.sentences.add(facts.index);
      d.trace.push(`a hit told in sentence ${facts.index + 1}: a strike`);
    }
}

/** A «пострадавших нет» holds for the block it was said in (and only its village, where it named one). */
function updateDenial(ctx: Context, facts: SentenceFacts, sentence: Sentence, created: Draft[], speakerHere: Speaker | null): void {
  if (facts.casualties.nobodyHurt) {
    const said = created.length ? created : ctx.lastEvent;
    ctx.denial = {
      block: sentence.block,
      official: speakerHere?.name ?? said[0]?.official ?? null,
      country: said[0]?.country ?? null,
      settlement: aboutOneSettlement(said) ? said[0].settlement : null,
      regions: said.length && said.every((d) => d.region !== null) ? said.map((d) => d.region) : null,
    };
  } else if (ctx.denial && ctx.denial.block !== sentence.block) ctx.denial = null;
  // A village's «пострадавших нет» ends where the post goes on to another village.
  else if (ctx.denial?.settlement && created.some((d) => d.settlement !== null && d.settlement !== ctx.denial?.settlement))
    ctx.denial = null;
}

/**
 * "Удар по автомобилю … произошёл в Грайвороне. «На дороге в Грайворонском городском округе …» … Ранены две
 * женщины": the district named after the town just told, with no place of its own and the same kind of
 * thing hit, retells the town's incident — its casualties are the town's.
 */
function townOfItsDistrict(drafts: Draft[], text: string, language: LanguageCode): Draft[] {
  const latin = (s: string) =>
    transliterate(s, language)
      .toLowerCase()
      .replace(/[^a-z]/g, "");
  const name = (d: Draft) => (d.spans.place ? latin(text.slice(d.spans.place.start, d.spans.place.end).split(/\s/u)[0]) : "");
  const shared = (a: string, b: string) => {
    let k = 0;
    while (k < a.length && k < b.length && a[k] === b[k]) k++;
    return k;
  };
  const folded = new Set<Draft>();
  for (const d of drafts) {
    if (!d.district || d.settlement || d.kind === "interception" || d.implied || !d.spans.place) continue;
    const district = name(d);
    const town = drafts.find(
      (e) =>
        e !== d &&
        !folded.has(e) &&
        e.settlement &&
        e.region === d.region &&
        e.kind !== "interception" &&
        e.origin < d.origin &&
        d.origin - e.origin <= 3 &&
        e.date === d.date &&
        // (The same thing hit, retold: not another attack on the town's district, «Також обстріляли Нікопольський район».)
        d.targets.some((t) => e.targets.some((x) => x.type === t.type)) &&
        latin(e.settlement).length >= 5 &&
        shared(latin(e.settlement), district) >= Math.max(5, latin(e.settlement).length - 2),
    );
    if (!town || (town.killed !== null && d.killed !== null) || (town.injured !== null && d.injured !== null)) continue;
    town.killed ??= d.killed;
    town.injured ??= d.injured;
    for (const i of d.sentences) town.sentences.add(i);
    for (const slot of ["killed", "injured"] as const) town.spans[slot] ??= d.spans[slot];
    town.trace.push(`the district named after the town, in sentence ${d.origin + 1}, retells this incident`);
    folded.add(d);
  }
  return folded.size ? drafts.filter((d) => !folded.has(d)) : drafts;
}

/** The speaker named in sentence `index` speaks for the incidents told just before (of their region). */
function attributeToSpeaker(
  speaker: Speaker,
  drafts: Draft[],
  created: Draft[],
  facts: SentenceFacts,
  ctx: Context,
  index: number,
  block: number,
): void {
  for (const d of drafts) {
    // A regional official does not speak for a country-wide figure told before ("attacks across
    // Ukraine killed seven … In Donetsk Oblast, …, Governor Filashkin said").
    const countryWide = d.region === null && d.water_area == null && d.origin < index && speaker.region !== null;
    const sameRegion = !countryWide && (speaker.region === null || d.region === null || d.region === speaker.region);
    if (!d.official && d.origin >= index - 2 && (ctx.lastEvent.includes(d) || sameRegion)) d.official = speaker.name;
  }
  // A closing attribution of its own ("Про це повідомив голова ОВА …") covers what came before.
  if (!created.length && !facts.cues.length && !facts.places.length)
    for (const d of drafts)
      if (!d.official && (speaker.region === null || d.region === null || d.region === speaker.region)) d.official = speaker.name;
  ctx.speaker = speaker;
  ctx.speakerSentence = index;
  ctx.speakerBlock = block;
}

/** "…, постраждалих немає" told with incidents: the zeros go on the same attack's incidents told just before, too. */
function coverTheAttackJustTold(created: Draft[], drafts: Draft[], index: number): void {
  const regions = new Set(created.map((d) => d.region));
  const official = created[0].official;
  // (Not an attack of another day: "Last month a similar attack … left two dead. On Saturday … no casualties.")
  const day = created[0].date;
  // (A governor's post told village by village: «В селе Б дрон атаковал автомобиль, пострадавших нет» is Б's, not the village told before.)
  const villages = created.every((d) => d.settlement !== null) ? new Set(created.map((d) => d.settlement)) : null;
  for (const d of drafts)
    if (
      d.origin >= index - 2 &&
      regions.has(d.region) &&
      (villages === null || villages.has(d.settlement)) &&
      !d.implied &&
      d.date === day &&
      (d.official === null || d.official === official) &&
      !d.killed &&
      !d.injured
    ) {
      d.killed ??= 0;
      d.injured ??= 0;
    }
}

/**
 * "Никто не пострадал" told earlier in the paragraph by the same speaker: the incidents made now
 * get its zeros. (A function of its own, apart from readDocument's loop, so that the optimised code
 * of that long loop is not compiled again each time this one meets a new kind of list.)
 */
function coverByDenialBefore(created: Draft[], denial: NonNullable<Context["denial"]>): void {
  // (Not onto an incident that tells casualties of its own: "No one was injured. … injuring one man" is another event.)
  for (const d of created)
    if (
      !d.implied &&
      d.official === denial.official &&
      d.country === denial.country &&
      (denial.settlement === null || d.settlement === null || d.settlement === denial.settlement) &&
      // ("A drone hit a house in Kursk. No one was hurt. Three drones were also shot down over Bryansk Oblast.")
      (denial.regions === null || denial.regions.includes(d.region)) &&
      // (Nor another attack on a district, told after a village's: «В селе Б …, пострадавших нет. Грайворонский округ
      // подвергся атакам 11 беспилотников» — the downings of the same attack keep it, guide: 021, 027.)
      !(denial.settlement !== null && d.settlement === null && d.district && d.kind !== "interception") &&
      d.killed === null &&
      d.injured === null
    ) {
      d.killed ??= 0;
      d.injured ??= 0;
      d.trace.push("nobody hurt, said before in the same paragraph by the same speaker");
    }
}

/** What the sentence's places leave for the sentences after it: the region, the city and the weapon last told. */
function setPlaceContext(ctx: Context, facts: SentenceFacts, index: number, sentenceWeapon: WeaponType | null, created: Draft[]): void {
  // The places of the sentence set the context; a region named only as an attribute ("Курской АЭС",
  // "губернатор Белгородской области") does so only when the sentence names no place.
  // (Such a place stays marked as an attribute: "Губернатор Севастополя сообщил о шести сбитых дронах. Три сбили над полем" is the region, not the city.)
  const contextPlaces = facts.places.some((p) => p.kind !== "water" && p.regions.length)
    ? facts.places
    : facts.attributivePlaces.map((p) =>
        p.attributive || p.kind !== "city" || isMayorsCity(p, facts.tokens, ctx.lex) ? p : changedPlace(p, { attributive: true }),
      );
  // Places drones flew towards ("в направлении Киевской, Житомирской и Черкасской областей") are no context for the figures after them.
  const towards = destinationPlaces(ctx.lex, facts);
  const lastPlace = contextPlaces.filter((p) => p.kind !== "water" && p.regions.length && !towards.has(p)).pop();
  if (lastPlace)
    ctx.region = {
      place: lastPlace,
      sentence: index,
      attacked: facts.cues.some((c) => c.kind !== "interception"),
      // "Одеса." or "Київ:" opening a post: the place the post is about.
      // So does a name alone heading an item of a list ("▪️Ізюм. Дрон атакував приватний будинок").
      dateline: facts.tokens.length <= 3 && facts.places.length === 1 && (index === 0 || !facts.cues.length),
      // «Нагадаємо, минулого тижня ворог атакував Одещину»: a place of an event of another time.
      past: facts.earlier || facts.otherTime,
      several: new Set(contextPlaces.filter((p) => p.kind !== "water" && !towards.has(p)).map((p) => p.regions[0])).size > 1,
    };
  // Where no regional capital was named, "the city" may point back to a town: "атаковали Елец … над городом"
  // (not to a village after the capital: "атаковали Белгород. Также … село Разумное").
  const city = contextPlaces
    .filter((p) => (p.kind === "city" || (p.kind === "settlement" && p.regions.length && !ctx.city)) && !p.attributive)
    .pop();
  if (city) ctx.city = { place: city, sentence: index };
  // "Vilkul, the head of the Kryvyi Rih Defense Council, said … in the city": a later "the city" is his too.
  const speakersCity = facts.refersToCity
    ? facts.attributivePlaces.find((p) => (p.kind === "city" || p.kind === "settlement") && p.regions.length)
    : undefined;
  if (!city && !facts.places.length && speakersCity)
    ctx.city = { place: changedPlace(speakersCity, { attributive: false }), sentence: index };
  if (sentenceWeapon) ctx.weapon = { weapon: sentenceWeapon, region: lastPlace?.regions[0] ?? ctx.region?.place.regions[0] ?? null };
  // «Ворог здійснив 75 обстрілів по 37 населених пунктах»: a tally of strikes, its weapons unnamed — what is told
  // after it is of the tally, not of the drone told before it.
  else if (tallyOfUnnamedWeapons(facts, created)) ctx.weapon = null;
}

/** A sentence of shelling counted, no weapon named («Ворог здійснив 75 обстрілів»): strikes of any weapon. */
function tallyOfUnnamedWeapons(facts: SentenceFacts, created: Draft[]): boolean {
  return facts.shelling && !facts.weapons.length && created.some((d) => d.kind === "strike" && d.count !== null);
}

/**
 * "мэр Москвы", "Kharkiv Mayor", "Дніпровський міський голова": a city named as its mayor's speaks
 * for the city itself, whereas "губернатор Севастополя" speaks for the city's whole region.
 */
function isMayorsCity(p: PlaceMention, tokens: Token[], lex: Lexicon): boolean {
  return [p.first - 2, p.first - 1, p.last + 1, p.last + 2].some((k) => k >= 0 && k < tokens.length && !!lex.mayorWord.matchAt(tokens, k));
}

/**
 * "Two people were killed and nine wounded overnight. Russian drones struck Poltava": a report
 * that opens with its toll, no place and no incident yet, tells the toll of the hit it names next.
 */
function tollWithoutPlace(facts: SentenceFacts, lex: Lexicon): boolean {
  const c = facts.casualties;
  // (Not a toll of the war or of a time span: "Since February 2022, 12,000 civilians have been killed".)
  if (facts.earlier || lex.notOneEvent.has(facts.tokens) || lex.sinceStart.has(facts.tokens)) return false;
  return !c.nobodyHurt && !facts.places.length && !facts.attributivePlaces.length && !!(c.killed || c.injured);
}

/** The one hit of the sentence right after a toll told without a place, when it has no casualties of its own. */
function tollReceiver(created: Draft[], toll: SentenceFacts | null, index: number): Draft | null {
  if (!toll || index - toll.index > 2) return null;
  const hits = created.filter((d) => d.kind !== "interception" && !d.implied);
  if (hits.length !== 1 || hits[0].killed !== null || hits[0].injured !== null) return null;
  return hits[0];
}

/** The places named after "towards", "в направлении", "у напрямку", with the list that follows ("у напрямку Київщини, Житомирщини та Черкащини"). */
function destinationPlaces(lex: Lexicon, facts: SentenceFacts): Set<PlaceMention> {
  const out = new Set<PlaceMention>();
  const groups = new Set<number>();
  const offset = facts.sentence.start;
  let previous: PlaceMention | null = null;
  for (const p of [...facts.places].sort((a, b) => a.start - b.start)) {
    const after = [1, 2].some((k) => lex.towards.has(facts.tokens[p.first - k]?.lower ?? ""));
    const listed =
      previous !== null && out.has(previous) && isListGap(facts.sentence.text.slice(previous.end - offset, p.start - offset), lex);
    if (after || listed || (p.group !== null && groups.has(p.group))) {
      out.add(p);
      if (p.group !== null) groups.add(p.group);
    }
    previous = p;
  }
  return out;
}

/** A figure right after examples_intro ("including one flying toward Moscow", «в том числе один, летевший на столицу»): a share told aside. */
function figureAside(facts: SentenceFacts, n: MunitionNumber, lex: Lexicon): boolean {
  const from = facts.tokens[Math.max(0, n.mention.first - 4)].start - facts.sentence.start;
  return lex.examplesFigureBefore.test(facts.sentence.text.slice(from, facts.tokens[n.mention.first].start - facts.sentence.start));
}

/** The first line of an incident's explanation: where it was made, from which words. */
function madeIn(facts: SentenceFacts, layout: SentenceLayout, continues: boolean, d: Draft): string {
  const words = (first: number, last: number) =>
    facts.tokens
      .slice(Math.max(0, first), last + 1)
      .map((t) => t.text)
      .join(" ");
  const cues = facts.cues.map((c) => (c.first < 0 ? `${c.kind} (from the list header)` : `${c.kind} "${words(c.first, c.last)}"`));
  const role =
    layout.role === "list_item" && layout.header !== null
      ? `item of the list opened in sentence ${layout.header + 1}`
      : continues
        ? "continues the sentence before"
        : layout.role;
  const place = d.water_area ?? d.settlement ?? d.region ?? `a country tally (${d.country ?? "no one country"})`;
  return `sentence ${facts.index + 1} (${role}): ${d.kind} at ${place}; cues ${cues.join(", ") || "none"}; weapon ${d.weapon}${d.count !== null ? `, count ${d.count}` : ""}`;
}

/** "ПВО уничтожены 9 БПЛА:" over a list of Russian regions is a Russian tally (mixed lists stay without one country). */
function countryOfListTallies(drafts: Draft[], layout: SentenceLayout[]) {
  for (const tally of drafts) {
    if (tally.region !== null || tally.country !== null || tally.water_area || layout[tally.origin]?.role !== "list_header") continue;
    const items = drafts.filter((d) => layout[d.origin]?.header === tally.origin);
    const territories = new Set(
      items.map((d) => (d.water_area ? "sea" : d.region === "UA-43" || d.region === "UA-40" ? "crimea" : d.country)),
    );
    if (territories.size === 1 && items[0].country) tally.country = items[0].country;
  }
}

/**
 * "сбиты 58 БПЛА. Из них 21 — над Ростовской областью, …, шесть — над Крымом": a total whose
 * breakdown in the next sentence spans Russian regions and Crimea or a sea belongs to no one country.
 */
function uncountryMixedBreakdowns(drafts: Draft[], continuations: Set<number>) {
  for (const tally of drafts) {
    if (tally.region !== null || tally.country === null || tally.water_area || !continuations.has(tally.origin + 1)) continue;
    const items = drafts.filter((d) => d.origin === tally.origin + 1 && d.kind === tally.kind);
    const territories = new Set(items.map((d) => (d.water_area ? "sea" : d.country)));
    if (items.length > 1 && territories.size > 1) tally.country = null;
  }
}

function speakerOf(o: OfficialMention, facts: SentenceFacts, ctx: Context): Speaker {
  if (!o.surname && !/governor|mayor|head/i.test(o.name)) return { name: o.name, region: null };
  // "the regional governor" after a named governor is that governor.
  let name = o.name;
  if (!o.surname && ctx.speaker && /^Governor /.test(ctx.speaker.name) && /governor/i.test(o.name)) name = ctx.speaker.name;
  const place = facts.attributivePlaces.concat(facts.places).find((p) => p.regions.length) ?? ctx.region?.place;
  return { name, region: place?.regions[0] ?? null };
}

/**
 * «Була серія вибухів у … громадах. Відомо, що більшість ракет були збиті»: an uncounted downing with no place of
 * its own, right after hits and attacks told with no weapon, names the weapon of that attack — theirs too.
 */
function weaponOfUncountedDowning(created: Draft[], last: Draft[], weapon: WeaponType | null, facts: SentenceFacts): void {
  if (!weapon || facts.places.length || !created.every((d) => d.kind === "interception" && d.count === null)) return;
  for (const d of last)
    if (!d.weaponExplicit && !d.implied && d.kind !== "interception" && d.region === created[0]?.region) {
      d.weapon = weapon;
      d.weaponExplicit = true;
    }
}

/** A sentence that gives only people killed or hurt: no place, weapon, figure of munitions nor thing hit. */
function earlierTollOnly(facts: SentenceFacts): boolean {
  return (
    !!(facts.casualties.killed || facts.casualties.injured) &&
    !facts.places.length &&
    !facts.attributivePlaces.length &&
    !facts.weapons.length &&
    !facts.munitionNumbers.length &&
    !facts.targets.length
  );
}

function sentenceDate(facts: SentenceFacts, ctx: Context): string | null {
  if (facts.date) {
    ctx.date = facts.date.date;
    ctx.setAside = null;
    return facts.date.date;
  }
  // "In April, a missile strike on Sumy killed 35": another time, no day told (the report's date holds after it).
  if (facts.otherTime) return null;
  // "A week ago, a strike on the city killed seven": another day, not told (the report's date holds after it).
  // (Only a toll's: "attacks that started three months ago took out half the capacity" goes on about this one.)
  if (ctx.lex.anotherTime.has(facts.tokens) && (facts.casualties.killed || facts.casualties.injured)) return null;
  // «Раніше повідомлялося про 21 загиблого»: an earlier figure of the toll told, not an earlier event — the date holds.
  if (facts.earlier && earlierTollOnly(facts)) return null;
  if (facts.earlier) {
    if (ctx.date) ctx.setAside = { date: ctx.date, block: facts.sentence.block };
    ctx.date = null;
    return null;
  }
  // "Earlier, the Air Force warned …" told as a paragraph of its own: the report's date resumes after it.
  if (ctx.setAside && facts.sentence.block !== ctx.setAside.block) {
    ctx.date = ctx.setAside.date;
    ctx.setAside = null;
  }
  // "On Aug. 30 … The next day, Russia launched a missile attack": the day after the date told before.
  if (ctx.date && facts.nextDay) {
    const next = new Date(`${ctx.date}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    ctx.date = next.toISOString().slice(0, 10);
  }
  return ctx.date;
}

/** The sentence names its munitions only as "aerial targets" («повітряні цілі»), which are of the attack told before. */
function namesOnlyVagueTargets(facts: SentenceFacts, lex: Lexicon): boolean {
  return (
    facts.weapons.length > 0 &&
    facts.weapons.every((w) => {
      const vague = lex.vagueWeapons.matchAt(facts.tokens, w.first);
      return vague !== undefined && vague.last >= w.last;
    })
  );
}

/** A sentence telling only a hit ("бив", "обстріляв", "пошкоджено"): no downing, no attack repelled. */
function tellsHitOnly(facts: SentenceFacts): boolean {
  return facts.cues.length > 0 && facts.cues.every((c) => c.kind === "strike") && !facts.explosionsHeard;
}

function primaryWeapon(weapons: WeaponType[]): WeaponType | null {
  for (const w of AERIAL_FIRST) if (weapons.includes(w)) return w;
  return null;
}

/**
 * «В селе А дрон ударил по автомобилю, а в селе Б в результате артобстрела повреждён дом»: with places
 * and weapons of more than one kind in a sentence, each place takes the weapon told in its own clause —
 * when the clause names one (else the sentence's, the aerial one first).
 */
function clauseWeapon(lex: Lexicon, facts: SentenceFacts, d: Draft): WeaponType | null {
  if (new Set(facts.weapons.map((w) => w.label)).size < 2) return null;
  const clause = ownClause(lex, facts, d);
  if (!clause) return null;
  const own = facts.weapons.filter((w) => facts.tokens[w.first].start >= clause.from && facts.tokens[w.last].end <= clause.to);
  return primaryWeapon(own.map((w) => w.label));
}

/** The clause of a draft's place, between the clause breaks («;», «, а», «, а также», «, while») around it — when no other place shares it. */
function ownClause(lex: Lexicon, facts: SentenceFacts, d: Draft): { from: number; to: number } | null {
  const at = d.spans.place;
  if (!at || facts.places.length < 2) return null;
  const text = facts.sentence.text;
  const offset = facts.sentence.start;
  let from = offset;
  let to = facts.sentence.end;
  for (const m of text.matchAll(lex.clauseBreak)) {
    const b = offset + (m.index ?? 0);
    if (b < at.start) from = b;
    else if (b >= at.end) {
      to = b;
      break;
    }
  }
  if (facts.places.some((p) => p.start !== at.start && p.start >= from && p.end <= to)) return null;
  return { from, to };
}

/** The kind cue nearest to a place: the closest before it, else the closest after it. */
function kindFor(facts: SentenceFacts, place: PlaceMention, lex: Lexicon): CueKind | null {
  let before: CueKind | null = null;
  let beforeDistance = Number.POSITIVE_INFINITY;
  let after: CueKind | null = null;
  let afterDistance = Number.POSITIVE_INFINITY;
  let afterFirst = -1;
  // The tenth region of "Атаке подверглись Московская, Брянская, … и Рязанская области" is as near
  // the cue as the first: a list is measured from its head.
  const head = listHead(facts, place, lex);
  // "drones attacked an oil depot … in the town of X": an attack on a thing named is a hit, and reaches as far.
  const reach = (kind: CueKind) => (kind === "attack" && facts.targets.length ? CUE_REACH.strike : CUE_REACH[kind]);
  for (const c of facts.cues) {
    if (c.last < place.first) {
      const distance = Math.max(1, phraseStart(facts.tokens, head.first, facts.sentence.text, facts.sentence.start, lex) - c.last);
      if (distance <= reach(c.kind) && distance < beforeDistance) {
        before = c.kind;
        beforeDistance = distance;
      }
    } else if (c.first > place.last) {
      // ("Krasnopillia and Bilopillia in the Sumy region came under drone attacks": measured from the list's end.)
      const distance = c.first - Math.max(place.last, listTail(facts, place, lex).last);
      if (distance <= reach(c.kind) && distance < afterDistance) {
        after = c.kind;
        afterDistance = distance;
        afterFirst = c.first;
      }
    }
  }
  if (before && after && afterDistance < beforeDistance / 3) return after;
  // «Дроны атаковали Белгород, все сбиты»: an attack on the sentence's last place whose downing follows within four
  // words is an interception there (annotation guide: an attack only when no downing is stated) — not when the downing
  // is the region's, nor when it is only "repelled" («атака на Харків була відбита» stays an attack).
  if (
    before === "attack" &&
    after === "interception" &&
    afterDistance <= 4 &&
    !lex.repelled.matchAt(facts.tokens, afterFirst) &&
    !facts.refersToRegion &&
    !facts.places.some((p) => p.first > place.last && p !== place)
  )
    return after;
  return before ?? after ?? farthestReach(facts, place);
}

// Between two places of one list: a comma or "and", after the first place's region or district word
// ("в селе А Волоконовского района и в поселке Б"), before the second's preposition and kind of place.
const LIST_GAP =
  /^\s*(област\p{L}*|регион\p{L}*|region|oblast|[\p{L}-]+\s+(район\p{L}*|округ\p{L}*|district))?\s*(,|и|і|й|та|and|,\s*(и|і|й|та|and|а\s+также|а\s+також|as\s+well\s+as))\s*((в|во|у|на|in|at)\s+)?((с[её]л\p{L}*|поселк\p{L}*|посёлк\p{L}*|пос[её]л\p{L}*|город\p{L}*|селищ\p{L}*|міст\p{L}*|хутор\p{L}*|деревн\p{L}*|станиц\p{L}*|слобод\p{L}*|пгт|village|town|city|the village of|the town of|the city of)\s+|(с|п|г|х|д|м|сел|смт|пгт|сл|рп|н\.\s*п)\.\s*)?$/u;

/**
 * Whether the words between two places join them into one list: LIST_GAP, or LIST_GAP and an okrug named
 * by its centre after it («г.о. Коломна, г.о. Серпухов», «в городском округе Рыльск и городском округе Льгов»).
 */
function isListGap(gap: string, lex: Lexicon): boolean {
  if (LIST_GAP.test(gap)) return true;
  const okrug = lex.okrugBeforeName.exec(gap);
  return okrug !== null && okrug.index > 0 && LIST_GAP.test(gap.slice(0, okrug.index));
}

/**
 * Where the words naming a place begin when its head comes first: "at Ukraine's central region of
 * Poltava" begins at "Ukraine's", so a cue before it is as near as in "at the Poltava region".
 */
function phraseStart(tokens: Token[], first: number, text: string, offset: number, lex: Lexicon): number {
  // «Атаке подверглись городские округа Коломна, …», «на г.о. Коломна»: from the okrug's words before its centre.
  if (first >= 2 && first < tokens.length) {
    const from = Math.max(0, first - 3);
    const okrug = lex.okrugBeforeName.exec(text.slice(tokens[from].start - offset, tokens[first].start - offset));
    if (okrug) {
      let k = from;
      while (k < first && tokens[k].end - offset <= okrug.index + tokens[from].start - offset) k++;
      return k;
    }
  }
  if (tokens[first - 1]?.lower !== "of" || !/^(regions?|oblasts?|provinces?)$/.test(tokens[first - 2]?.lower ?? "")) return first;
  let k = first - 2;
  for (let n = 0; n < 2 && k > 0 && /^(the|\p{Ll}+(?:ern|al)|\p{L}+['’]s)$/u.test(tokens[k - 1].text); n++) k--;
  return k;
}

/** The first place of the list the place is in (itself when it is in none). */
function listHead(facts: SentenceFacts, place: PlaceMention, lex: Lexicon): PlaceMention {
  const sorted = facts.places.filter((p) => p.first <= place.first).sort((a, b) => b.first - a.first);
  const offset = facts.sentence.start;
  let head = place;
  for (const p of sorted) {
    if (p === head || p.last >= head.first) continue;
    if (!isListGap(facts.sentence.text.slice(p.end - offset, head.start - offset), lex)) break;
    head = p;
  }
  return head;
}

/** The last place of the list the place is in (itself when it is in none). */
function listTail(facts: SentenceFacts, place: PlaceMention, lex: Lexicon): PlaceMention {
  const sorted = facts.places.filter((p) => p.first > place.last).sort((a, b) => a.first - b.first);
  const offset = facts.sentence.start;
  let tail = place;
  for (const p of sorted) {
    if (!isListGap(facts.sentence.text.slice(tail.end - offset, p.start - offset), lex)) break;
    tail = p;
  }
  return tail;
}

/** The cue right next to a figure ("знищено 12 БпЛА", "shot down 45 of the 60"), if one is within two words. */
function cueOfNumber(facts: SentenceFacts, n: MunitionNumber, lex: Lexicon): CueKind | null {
  const { first, last } = n.mention;
  // A verb before the figure, or a hit or downing told right after it ("одна ракета влучила"); not a
  // launch participle after it ("all 13 drones launched by Russia").
  // (Not a verb of the clause before: "two drones were shot down, while three fell on the depot".)
  const clauseBreak = (c: KindCue) =>
    /[,;]/.test(
      facts.sentence.text.slice(facts.tokens[c.last].end - facts.sentence.start, facts.tokens[first].start - facts.sentence.start),
    );
  // ("12 were shot down and three hit targets": a verb right after the figure is its own, not the one before the "and".)
  const after = facts.cues.find((c) => c.first >= 0 && c.kind !== "attack" && c.first > last && c.first - last <= 2);
  for (const c of facts.cues)
    if (c.first >= 0 && ((c.last < first && (first - c.last === 1 || (first - c.last === 2 && !clauseBreak(c) && !after))) || c === after))
      return c.kind;
  // "10 of which were shot down", "12 из которых сбиты": the verb after "of which".
  if (n.ofWhich || n.share) for (const c of facts.cues) if (c.kind !== "attack" && c.first > last && c.first - last <= 6) return c.kind;
  // "влучання 9 ракет та 19 ударних БпЛА": a figure joined to the one before shares its verb.
  const joined = coordinatedBefore(facts, n, lex);
  return joined ? cueOfNumber(facts, joined, lex) : null;
}

/** The verb told after a figure and its noun, before any place: "Four Ukraine-launched drones were destroyed", "два беспилотника были сбиты". */
function cueAfterNoun(facts: SentenceFacts, n: MunitionNumber): CueKind | null {
  const cue = facts.cues.find((c) => c.first > n.mention.last && c.first - n.mention.last <= 4);
  if (!cue) return null;
  const placeBetween = facts.places.some((p) => p.first > n.mention.last && p.last < cue.first);
  return placeBetween ? null : cue.kind;
}

// Words between a figure and its passive verb: its noun's attributes (capitalised), the pack's auxiliaries, -ly adverbs.
const passiveGap = (lex: Lexicon, word: string) => lex.beforePassive.has(word) || /^(\p{Lu}\p{L}*|\p{L}+ly)$/u.test(word);

/**
 * The verb of a figure's own clause, told after its noun with only attributes, auxiliaries and adverbs
 * between ("four Ukrainian missiles had been successfully shot down and the fifth … detonated over Sevastopol":
 * the four were downed, whatever the place named later was hit by).
 */
function verbOfFigure(facts: SentenceFacts, n: MunitionNumber, lex: Lexicon): CueKind | null {
  const cue = cueAfterNoun(facts, n);
  if (cue || !lex.beforePassive.size) return cue;
  const { tokens } = facts;
  for (let k = n.mention.last + 1; k < tokens.length && k - n.mention.last <= 8; k++) {
    const c = facts.cues.find((x) => x.first === k);
    if (c) return c.kind;
    if (!passiveGap(lex, tokens[k].text) && !lex.munitionNouns.matchAt(tokens, k)) return null;
  }
  return null;
}

/** The figure that "19" is joined to in "9 ракет та 19 БпЛА", "9 missiles and 19 drones": its noun, a conjunction, nothing else between. */
function coordinatedBefore(facts: SentenceFacts, n: MunitionNumber, lex: Lexicon): MunitionNumber | null {
  const joiner = facts.tokens[n.mention.first - 1];
  const gap = facts.sentence.text.slice(
    (facts.tokens[n.mention.first - 2]?.end ?? 0) - facts.sentence.start,
    (joiner?.start ?? 0) - facts.sentence.start,
  );
  if (!joiner || !(lex.figureJoiner.has(joiner.lower) || joiner.lower === "," || /,\s*$/.test(gap))) return null;
  const previous = facts.munitionNumbers.filter((m) => m.mention.last < n.mention.first - 1).at(-1);
  if (!previous) return null;
  const between = n.mention.first - 1 - previous.mention.last;
  if (between > 4) return null;
  // Only the first figure's noun and its adjectives stand between: no verb, no place.
  const cueBetween = facts.cues.some((c) => c.first > previous.mention.last && c.last < n.mention.first);
  const placeBetween = facts.places.some((p) => p.first > previous.mention.last && p.last < n.mention.first);
  return cueBetween || placeBetween ? null : previous;
}

/** Long lists ("29 over Ryazan, 27 over Voronezh, ... one over Oryol") keep the kind of their verb. */
function farthestReach(facts: SentenceFacts, place: PlaceMention): CueKind | null {
  const before = facts.cues.filter((c) => c.kind !== "attack" && c.last < place.first);
  return before.length ? before[before.length - 1].kind : null;
}

/** The weapon named before, for the same region — or for any region when a tally goes on ("Также 13 аппаратов сбили над Крымом"). */
function weaponFor(ctx: Context, region: string | null, counted: boolean): WeaponType | null {
  if (!ctx.weapon) return null;
  return counted || ctx.weapon.region === null || region === null || ctx.weapon.region === region ? ctx.weapon.weapon : null;
}

function officialFor(ctx: Context, speakerHere: Speaker | null, region: string | null, block: number): string | null {
  if (speakerHere) return speakerHere.name;
  const s = ctx.speaker;
  if (!s) return null;
  // A national body's figures do not speak for what a later paragraph tells of one place.
  if (s.region === null && region !== null && block !== ctx.speakerBlock) return null;
  return s.region === null || region === null || s.region === region ? s.name : null;
}

function newDraft(
  facts: SentenceFacts,
  kind: IncidentKind,
  place: PlaceMention | null,
  regionPlace: PlaceMention | null,
  date: string | null,
): Draft {
  const region = place?.kind === "water" ? null : (place?.regions[0] ?? regionPlace?.regions[0] ?? null);
  // «у Святошинському районі» of Kyiv: a district of a capital that is one city is inside the city (guide, Places).
  const settlement =
    place && (place.kind === "city" || place.kind === "settlement")
      ? place.name
      : place?.kind === "region" && place.district && region !== null && CAPITAL_CITIES.has(region)
        ? regionCapital(region)
        : null;
  return {
    kind,
    weapon: "unknown",
    country: place?.kind === "water" ? null : region ? (region.slice(0, 2) as CountryCode) : facts.country,
    region,
    settlement,
    settlement_text: settlement ? (place?.text ?? null) : null,
    date,
    count: null,
    count_qualifier: null,
    group_total: null,
    killed: null,
    injured: null,
    targets: [],
    official: null,
    water_area: place?.kind === "water" ? place.name : null,
    sentences: new Set([facts.index]),
    origin: facts.index,
    headline: false,
    implied: false,
    weaponExplicit: false,
    update: facts.update,
    correction: facts.correction,
    // (Every field from the start: a draft that gains one later takes another hidden class, and the optimised code that meets it is compiled again.)
    more: false,
    // Only a place written in this sentence: one carried over from the sentence before is not in the evidence.
    spans:
      place && place.end > place.start && place.start >= facts.sentence.start && place.end <= facts.sentence.end
        ? { place: { start: place.start, end: place.end } }
        : {},
    trace: [],
    dateExplicit: !!facts.date?.date,
    // "по Нікопольщині Дніпропетровської області": the oblast only says where the raion is.
    district: !settlement && ((place ?? regionPlace)?.district || facts.places.some((p) => p.district && p.regions[0] === region)),
    defended: facts.defenceActive,
    attacksCounted: facts.attacksCounted,
  };
}

/**
 * A shallow copy of a draft with its fields in newDraft's order (a spread, "{ ...d, kind }", makes
 * an object of another hidden class, which sends the optimised code that meets it back to the compiler).
 */
function copyDraft(d: Draft): Draft {
  return {
    kind: d.kind,
    weapon: d.weapon,
    country: d.country,
    region: d.region,
    settlement: d.settlement,
    settlement_text: d.settlement_text,
    date: d.date,
    count: d.count,
    count_qualifier: d.count_qualifier,
    group_total: d.group_total,
    killed: d.killed,
    injured: d.injured,
    targets: d.targets,
    official: d.official,
    water_area: d.water_area,
    sentences: d.sentences,
    origin: d.origin,
    headline: d.headline,
    implied: d.implied,
    weaponExplicit: d.weaponExplicit,
    update: d.update,
    correction: d.correction,
    more: d.more,
    spans: d.spans,
    trace: d.trace,
    dateExplicit: d.dateExplicit,
    district: d.district,
    defended: d.defended,
    attacksCounted: d.attacksCounted,
    launchCount: d.launchCount,
  };
}

/**
 * A draft told beside `base` — the debris strike of its downing, another weapon downed with it, its region's hit:
 * base's place, day and source, with no figure of its own, and `changes` on top.
 */
export function draftBeside(base: Draft, changes: Partial<Draft>): Draft {
  return Object.assign(copyDraft(base), { count: null, count_qualifier: null, group_total: null }, changes);
}

function setCount(d: Draft, n: MunitionNumber | null, shared: boolean, sharedBy: number) {
  if (!n) return;
  if (shared && sharedBy > 1) {
    d.group_total = n.mention.value;
    return;
  }
  d.count = n.mention.value;
  d.count_qualifier = n.mention.qualifier;
  if (n.span) d.spans.count = n.span;
}

function sentenceIncidents(
  facts: SentenceFacts,
  ctx: Context,
  text: string,
  date: string | null,
  sentenceWeapon: WeaponType | null,
  speakerHere: Speaker | null,
): Draft[] {
  // "Протягом тижня Росія випустила по Україні 1300 дронів": a summary over weeks, no incident (guide, rule 7).
  if (ctx.lex.overWeeks.has(facts.tokens)) return [];
  // A launch towards regions needs no cue word of its own ("запустив 60 дронів у напрямку Київщини").
  if (!facts.cues.length && !(facts.launches.length && destinationPlaces(ctx.lex, facts).size)) return [];
  const recentEnough = ctx.region && (facts.index - ctx.region.sentence <= 3 || facts.refersToRegion);
  const recent = recentEnough && ctx.region ? ctx.region.place : null;
  // The place named in the sentence just before was attacked there: what follows is about it.
  const attackedJustBefore = ctx.region?.attacked === true && facts.index - ctx.region.sentence === 1;
  const out: Draft[] = [];
  const finish = (d: Draft, numberWeapon: WeaponType | null) => {
    // ("п'ять повітряних цілей знищено" in a missile attack: the targets are the attack's missiles.)
    const explicit = (namesOnlyVagueTargets(facts, ctx.lex) ? null : numberWeapon) ?? clauseWeapon(ctx.lex, facts, d) ?? sentenceWeapon;
    // An earlier event ("Ранее в результате удара…") or shelling ("came under fire") does not take the weapon told before.
    const inherits = !facts.earlier && !facts.shelling;
    d.weapon =
      explicit ?? (inherits ? weaponFor(ctx, d.region, d.kind === "interception" && facts.munitionNumbers.length > 0) : null) ?? "unknown";
    d.weaponExplicit = explicit !== null;
    d.official = officialFor(ctx, speakerHere, d.region, facts.sentence.block);
    // A national body's downings are counted by region: "downed 47 drones in Bryansk" is the region.
    // (So are a capital's downings told with no place of their own, the mayor speaking: «За його словами, … сили ППО збили
    // майже 7 десятків дронів» — on the approach, in the city-region, not inside the city, as the guide places them.)
    const capitalsDowning =
      d.kind === "interception" &&
      !facts.places.length &&
      d.region !== null &&
      CAPITAL_CITIES.has(d.region) &&
      /\bMayor\b/.test(d.official ?? "");
    if (d.kind === "interception" && d.settlement && ((d.official && NATIONAL_BODY.test(d.official)) || capitalsDowning)) {
      d.settlement = null;
      d.settlement_text = null;
    }
    out.push(d);
    return d;
  };
  const weaponKnown = sentenceWeapon ?? ctx.weapon?.weapon ?? null;
  // With no weapon named anywhere, only shelling or a hit with damage or casualties makes an
  // incident ("обстріляли Херсонщину", "внаслідок атаки пошкоджено обʼєкт енергетики"): weapon unknown.
  const damage = facts.targets.length > 0 || !!facts.casualties.killed || !!facts.casualties.injured;
  const hit = facts.shelling || facts.hitTold || ((damage || facts.damageTold) && facts.cues.some((c) => c.kind !== "interception"));
  // "Ворог атакував Херсон, Антонівку та Білозерку": places named as what was attacked are attacks
  // even without a weapon (annotation guide, rule 6); a bare "attacks" elsewhere in a sentence is not.
  const attacked = attackedPlaces(facts, ctx.lex);
  // «Шебекинский округ. Атакам подверглись 12 населённых пунктов округа», «ВСУ атаковали 8 населённых пунктов»:
  // places of the region just named, told by their number, were attacked — one incident of the region (guide).
  const countedPlaces = !facts.places.length && recent !== null && countsAttackedPlaces(ctx.lex, facts);
  // (Nor a strike delivered on a country: «Ночью Россия нанесла массированный удар по южным областям Украины».)
  const onCountry = facts.attackedCountry !== null && ctx.lex.deliveredStrike.has(facts.tokens);
  // (Nor debris fallen at a place named, «Обломки упали в Дарницком районе Киева», a strike whatever fell (guide, rule 5);
  // nor aerial targets downed over a place with no figure, «Силы ПВО над Киевом сбили все цели».)
  const debrisThere = facts.debris && facts.places.length > 0;
  const targetsDowned = facts.namesMunition && facts.places.length > 0 && facts.cues.some((c) => c.kind === "interception");
  if (
    !weaponKnown &&
    !facts.munitionNumbers.length &&
    !hit &&
    !debrisThere &&
    !targetsDowned &&
    !attacked.size &&
    !countedPlaces &&
    !facts.explosionsHeard &&
    !onCountry &&
    !uncountedDowningAt(facts, ctx)
  )
    return [];

  // An event told without a place of its own happens in the region its speaker governs
  // ("губернатор Волгоградской области сообщил, что ПВО отразили атаку").
  let places = facts.places;
  // Places that only name who speaks ("governor of the Lipetsk region … said air defences destroyed
  // three drones"): the event is theirs however far the verb stands.
  let speakersPlaces = false;
  // "On Aug. 30, Russia struck the city…", "вдарили по місту": the city named before, not the village told last.
  // "Mykolaiv Mayor … said a drone attack damaged the city's power grid": the speaker's city first.
  const speakersCity = facts.refersToCity
    ? facts.attributivePlaces.find((p) => (p.kind === "city" || p.kind === "settlement") && p.regions.length)
    : undefined;
  const city = speakersCity ?? (ctx.city && facts.index - ctx.city.sentence <= 8 ? ctx.city.place : null);
  if (!places.length && facts.refersToCity && city)
    places = [changedPlace(city, { first: facts.refersToCity.first, last: facts.refersToCity.last, attributive: false })];
  // "на подлете к столице, сообщил губернатор Подмосковья": the capital, not the speaker's region.
  const capitalFirst = !places.length && facts.mentionsCapital && !facts.mentionsDistrict;
  // (Or damage told of "the region" the speaker governs: «Губернатор Курской области сообщил, что ВСУ атаковали объекты энергетики региона».)
  // (So does a hit with damage told by a regional head of a district or with people hurt and no place of its own:
  // «За словами начальника Чернігівської ОВА …, росіяни атакували Новгород-Сіверський район, пошкоджено ЛЕП»,
  // «Херсонська ОВА: минулої доби внаслідок російської агресії поранено 9 людей» opening a report — the speaker's region.)
  const speakersRegionHit =
    damage &&
    !facts.attackedCountry &&
    (facts.refersToRegion ||
      // (Only with no place told before: after one, the figures are that place's — «За словами Резніченка, 2 людей загинуло».)
      // (Or a thing hit: «Міський голова Дніпра повідомив, що внаслідок удару пошкоджено підприємство» — his city's.)
      (hit &&
        !ctx.region &&
        !ctx.lastEvent.length &&
        (facts.mentionsDistrict || !!facts.casualties.killed || !!facts.casualties.injured || facts.targets.length > 0)));
  if (
    !places.length &&
    !capitalFirst &&
    facts.attributivePlaces.length &&
    (sentenceWeapon || facts.munitionNumbers.length || speakersRegionHit)
  ) {
    speakersPlaces = true;
    places = firstList(
      facts.attributivePlaces.filter((p) => p.kind === "region" || p.kind === "city"),
      facts,
      ctx.lex,
    ).map((p) =>
      // (A mayor speaks for the city itself: "мэр Москвы сообщил, что обломки повредили дом" — not
      // for the villages or district he tells of: "Kharkiv Mayor … said drones struck two villages in the Kharkiv district".)
      p.kind === "city" && isMayorsCity(p, facts.tokens, ctx.lex) && !facts.mentionsDistrict && !ctx.lex.outsideCity.has(facts.tokens)
        ? changedPlace(p, { attributive: false })
        : changedPlace(p, { kind: "region", name: null, attributive: false }),
    );
  }
  // "as they approached the capital", "на подлете к столице": the capital of the country in question.
  if (capitalFirst) {
    const attributed = facts.attributivePlaces.find((p) => p.regions.length);
    const country = facts.country ?? (attributed ? countryOf(attributed) : null) ?? (ctx.region ? countryOf(ctx.region.place) : null);
    const capital = country === "RU" ? "RU-MOW" : country === "UA" ? "UA-30" : null;
    if (capital)
      places = [
        {
          kind: "region",
          regions: [capital],
          name: null,
          text: "capital",
          start: facts.sentence.start,
          end: facts.sentence.start,
          first: facts.tokens.length,
          last: facts.tokens.length,
          group: null,
          attributive: false,
          district: false,
        },
      ];
  }
  // "в Белгородском районе", "on a road in the Ruzsky district": a district of the region just named.
  if (!places.length && recent && facts.mentionsDistrict && !facts.munitionNumbers.length) {
    // A district of a city-region (Kyiv, Moscow, Sevastopol, St Petersburg) is inside the city.
    // So is one named right after the city ("…атакували Харків… у Немишлянському районі").
    const keepCity =
      recent.kind === "city" && (recent.regions.some((r) => CITY_REGIONS.has(r)) || facts.index - (ctx.region?.sentence ?? -9) <= 1);
    // After a town or village, a district named is elsewhere in the region ("В Клинцах … Также в
    // Стародубском округе дрон ударил по зданию"): the region, without a settlement.
    // (Not the area around a thing there, «в районі аеродрому», "near the runway": the place told before.)
    const toRegion = ((recent.kind === "city" && !keepCity) || recent.kind === "settlement") && namesADistrict(facts.tokens, ctx.lex);
    places = [
      changedPlace(recent, {
        kind: toRegion ? "region" : recent.kind,
        name: toRegion ? null : recent.name,
        attributive: false,
        district: false,
        first: facts.tokens.length,
        last: facts.tokens.length,
      }),
    ];
  }

  if (countedPlaces && recent) {
    if (!places.length)
      places = [
        changedPlace(recent, {
          kind: "region",
          name: null,
          attributive: false,
          district: false,
          first: facts.tokens.length,
          last: facts.tokens.length,
        }),
      ];
    for (const p of places) attacked.add(p);
  }

  // «нанёс 43 удара по 14 населённым пунктам: Тёткино, …», the region told before: the figure is the region's, as
  // when the sentence names it («… по 2 населённым пунктам Брянской области: …»); the places listed have none of it.
  // (Not when the sentence says «області» itself: «412 ударів по 43 населених пунктах області» reads so already.)
  const placesWord = recent && !facts.refersToRegion && !places.some((p) => p.kind === "region") ? figureOverPlaces(facts, ctx.lex) : -1;
  if (recent && placesWord >= 0) {
    const { start, end } = facts.tokens[placesWord];
    const region = changedPlace(recent, {
      kind: "region",
      name: null,
      attributive: false,
      district: false,
      first: placesWord,
      last: placesWord,
      start,
      end,
    });
    places = [...places, region].sort((a, b) => a.start - b.start);
  }

  return incidentsAtPlaces(facts, ctx, text, date, sentenceWeapon, speakerHere, {
    recent,
    attackedJustBefore,
    out,
    finish,
    damage,
    hit,
    attacked,
    places,
    speakersPlaces,
  });
}

/**
 * The incidents of a sentence at the places sentenceIncidents chose: a function of its own, as
 * V8 recompiles a function whenever its optimised code meets an object or a branch not seen before,
 * and recompiling one very large function many times was much of a cold run's cost.
 */
function incidentsAtPlaces(
  facts: SentenceFacts,
  ctx: Context,
  text: string,
  date: string | null,
  sentenceWeapon: WeaponType | null,
  speakerHere: Speaker | null,
  chosen: ChosenPlaces,
): Draft[] {
  const { out, places } = chosen;
  const destinations = destinationPlaces(ctx.lex, facts);
  const { pairing, bySites } = pairFigures(facts, ctx, text, places);
  // Hits counted by sites after an attack on the country told just before with no figure («Противник завдав
  // комбінованого удару по Україні. Влучання зафіксовано на 5 локаціях»): that country's.
  const countryAttackedBefore = ctx.previous?.index === facts.index - 1 ? ctx.previous.attackedCountry : null;
  const sentenceRegion = places.find((p) => p.kind === "region") ?? facts.attributivePlaces.find((p) => p.kind === "region") ?? null;
  const contextRegion = sentenceRegion ?? ctx.region?.place ?? null;
  const interceptionPlaces = new Set<PlaceMention>();

  const reading: PlaceReading = {
    facts,
    ctx,
    text,
    date,
    sentenceWeapon,
    speakerHere,
    ...chosen,
    destinations,
    pairing,
    bySites,
    countryAttackedBefore,
    contextRegion,
    interceptionPlaces,
  };
  incidentsAtPairedPlaces(reading);
  talliesOfSharedFigures(reading);
  downingsOfDebris(reading);
  downingOfTheFigureBefore(reading);
  uncountedDownings(reading);
  incidentsOfUnplacedFigures(reading);
  countryHitsBySites(reading);

  strikesOfDebris(reading);
  hitOnTheCountry(reading);
  strikeOfDebrisToldBefore(reading);
  damageAtPlaceNamedBefore(reading);
  hitAfterThePlaceJustTold(reading);
  sectionHeadedByPlace(reading);
  statementAboutPlaceJustNamed(reading);
  attacksOfLaunches(reading);
  countryAttackedWithWeapons(reading);
  countryAttackedThatDay(reading);
  downingsOfVaguelyCounted(reading);
  downingOfVagueShare(reading);
  return out;
}

// incidentsAtPlaces reads a sentence in the steps below, each a function of its own (one function of 700 lines
// was compiled at great cost, and again whenever its optimised code met new shapes).

/** What the steps of incidentsAtPlaces share: the sentence, its context, the places chosen and the figures paired with them. */
/** The places sentenceIncidents chose for a sentence, and what it read of them on the way. */
type ChosenPlaces = Pick<
  PlaceReading,
  "recent" | "attackedJustBefore" | "out" | "finish" | "damage" | "hit" | "attacked" | "places" | "speakersPlaces"
>;

interface PlaceReading {
  readonly facts: SentenceFacts;
  readonly ctx: Context;
  readonly text: string;
  readonly date: string | null;
  readonly sentenceWeapon: WeaponType | null;
  readonly speakerHere: Speaker | null;
  readonly recent: PlaceMention | null;
  readonly attackedJustBefore: boolean;
  readonly out: Draft[];
  readonly finish: (d: Draft, numberWeapon: WeaponType | null) => Draft;
  readonly damage: boolean;
  readonly hit: boolean;
  readonly attacked: Set<PlaceMention>;
  readonly places: PlaceMention[];
  readonly speakersPlaces: boolean;
  /** The places munitions flew towards. */
  readonly destinations: Set<PlaceMention>;
  readonly pairing: ReturnType<typeof pairNumbersWithPlaces>;
  /** Figures counted by sites ("on 7 locations"): the country's. */
  readonly bySites: MunitionNumber[];
  /** The country attacked in the sentence just before, told with no figure. */
  readonly countryAttackedBefore: CountryCode | null;
  readonly contextRegion: PlaceMention | null;
  /** The places of this sentence's downings. */
  readonly interceptionPlaces: Set<PlaceMention>;
}

/**
 * The sentence's figures paired with its places; a figure counted by sites, or a national body's own figure
 * told after the places, is left unplaced (a country's).
 */
function pairFigures(
  facts: SentenceFacts,
  ctx: Context,
  text: string,
  places: PlaceMention[],
): { pairing: ReturnType<typeof pairNumbersWithPlaces>; bySites: MunitionNumber[] } {
  // "Зафіксовано влучання 15 ударних БпЛА на 7 локаціях, падіння уламків – на Київщині": a figure counted
  // by sites is the country's, not the places told after it.
  const bySites = facts.munitionNumbers.filter((n) => {
    // (Not a region's own figure in brackets: "over the Voronezh (9) … and Tambov (5) regions".)
    if (n.afterPlace) return false;
    // (Seven words at most between: "nine attack drones were recorded at six locations".)
    const sites = ctx.lex.hitSites.findAll(facts.tokens, n.mention.last + 1, Math.min(facts.tokens.length, n.mention.last + 8))[0];
    return sites !== undefined && !places.some((p) => p.first > n.mention.last && p.first < sites.first);
  });
  // ("Зафіксовано влучання 3 ракет та 14 ударних БпЛА на 8 локаціях": the figure joined to a counted one is counted by the same sites.)
  for (let i = facts.munitionNumbers.length - 2; i >= 0; i--) {
    const n = facts.munitionNumbers[i];
    const next = facts.munitionNumbers[i + 1];
    if (n.afterPlace || bySites.includes(n) || !bySites.includes(next)) continue;
    const gap = next.mention.first - n.mention.last;
    if (gap <= 5 && !places.some((p) => p.first > n.mention.last && p.first < next.mention.first)) bySites.unshift(n);
  }
  // "… attack on Moscow and the surrounding region, authorities said, with Russia's Defense Ministry claiming that it
  // downed 337 drones overnight": a national body named after the places, then its own figure with no place after
  // it, is the body's country tally, not the places' figure.
  // (Not the body of an aside, «В Московском регионе, по данным Минобороны, уничтожены ещё три»: the region's figure.)
  const asides = [...facts.sentence.text.matchAll(ctx.lex.attributionAside)].map((m) => [
    facts.sentence.start + (m.index ?? 0),
    facts.sentence.start + (m.index ?? 0) + m[0].length,
  ]);
  const bodysOwn = facts.munitionNumbers.filter((n) => {
    if (n.afterPlace || n.adds || bySites.includes(n)) return false;
    const body = facts.officials.find(
      (o) =>
        NATIONAL_BODY.test(o.name) &&
        o.start < facts.tokens[n.mention.first].start &&
        places.every((p) => p.end <= o.start) &&
        !asides.some(([from, to]) => from <= o.start && o.start < to) &&
        // (Not a parenthetical "Over the Bryansk region, the Defence Ministry said, 12 drones were destroyed": the body's
        // clause runs on to the figure.)
        !/[,;:—–()]/.test(text.slice(o.start, facts.tokens[n.mention.first].start)),
    );
    return (
      body !== undefined &&
      places.length > 0 &&
      !places.some((p) => p.start > facts.tokens[n.mention.first].start) &&
      !facts.munitionNumbers.some((m) => m !== n && facts.tokens[m.mention.first].start < facts.tokens[n.mention.first].start)
    );
  });
  const pairing = pairNumbersWithPlaces(
    facts.tokens,
    text,
    places,
    facts.munitionNumbers.filter((n) => !bySites.includes(n) && !bodysOwn.includes(n)),
    ctx.lex,
  );
  pairing.unplaced.push(...bySites, ...bodysOwn);
  return { pairing, bySites };
}

/** One place's figure or cue at each place paired with its figure (or with none): its incident. */
function incidentsAtPairedPlaces(r: PlaceReading): void {
  const {
    facts,
    ctx,
    text,
    date,
    sentenceWeapon,
    out,
    finish,
    attacked,
    places,
    speakersPlaces,
    destinations,
    pairing,
    contextRegion,
    interceptionPlaces,
  } = r;
  for (const pc of pairing.placed) {
    const place = pc.place;
    if (
      place.kind === "region" &&
      !pc.number &&
      !placesCountedThenNamed(facts, place, ctx.lex) &&
      containsNamedSettlement(place, places, contextRegion, text, facts.sentence.start, ctx.lex)
    )
      continue;
    // "Four drones were destroyed over the region and houses were damaged in the town of Gubkin":
    // the figure was downed over the region; the town named with the damage was hit.
    if (pc.number && place.kind === "settlement" && facts.refersToRegion && place.first > pc.number.mention.last) {
      const numberCue = cueOfNumber(facts, pc.number, ctx.lex) ?? cueAfterNoun(facts, pc.number);
      if (numberCue === "interception" && kindFor(facts, place, ctx.lex) === "strike") {
        const downed = newDraft(facts, "interception", changedPlace(place, { kind: "region", name: null }), null, date);
        downed.spans = {};
        setCount(downed, pc.number, false, 1);
        finish(downed, pc.number.weapon);
        finish(newDraft(facts, "strike", place, contextRegion, date), null);
        continue;
      }
    }
    // A figure takes the kind of the cue told with it ("намагався атакувати … над регіоном знищено 12 БпЛА").
    // ("four missiles had been shot down and the fifth … detonated over Sevastopol": the verb after the figure's noun.)
    const ownVerb = pc.number && (cueOfNumber(facts, pc.number, ctx.lex) ?? verbOfFigure(facts, pc.number, ctx.lex));
    let kind = cueToKind(ownVerb || kindFor(facts, place, ctx.lex), facts);
    // "Only one drone reached Odesa, while the rest were shot down over the region": the verb is the rest's, not the figure's.
    const restsVerb = !!pc.number && !ownVerb && restAfterFigure(facts, pc.number, ctx.lex);
    // "shot down 45 of the 60 drones launched towards the Kyiv, Zhytomyr and Cherkasy regions": where they flew was attacked.
    const toward = destinations.has(place);
    // "запустив 60 дронів у напрямку Київщини": launched towards a region, which was attacked (guide rule 6).
    if (!kind && toward && (facts.launches.length > 0 || facts.launchOnly)) kind = "attack";
    if (!kind && speakersPlaces) kind = cueToKind(facts.cues.find((c) => c.kind !== "attack")?.kind ?? null, facts);
    // What the verb attacked, however long the words between («атаковали с помощью ударных БПЛА населённые пункты Климовского, Суземского и Погарского районов»).
    if (!kind && attacked.has(place) && facts.cues.some((c) => c.kind === "attack" && c.first >= 0 && c.last < place.first))
      kind = cueToKind("attack", facts);
    if (!kind) continue;
    // "shot down a drone flying towards Moscow": the downing is in the city-region it flew to, outside the city (guide).
    // ("three over the Moscow region, including one flying toward Moscow": the share the aside counts went for the city.)
    // (So is a capital city attacked whose drones were downed: «столицю РФ Москву атакували десятки безпілотників, … збили
    // понад 70 дронів» — Sobyanin's downings, not inside the city; not Sevastopol, whose region is more than its city.)
    const shareToward = !!pc.number && (toward || isDestination(place, facts.tokens, ctx.lex)) && figureAside(facts, pc.number, ctx.lex);
    // Downed in a district of the oblast around the capital they flew to («над Броварським районом Київщини збили
    // безпілотники, які рухалися в напрямку столиці»; readPlacesAndSpeakers drops the capital told only over the oblast as a whole).
    // (Not a share with a figure of its own: "five over the Moscow region, including two flying towards Moscow".)
    const nearCity =
      (toward || isDestination(place, facts.tokens, ctx.lex)) &&
      !shareToward &&
      facts.cues.some((c) => c.kind === "interception") &&
      place.regions.length === 1 &&
      places.some((p) => p !== place && p.regions.length === 1 && p.regions[0] === OBLAST_AROUND_CITY.get(place.regions[0]));
    // Uncounted, or over the oblast as a whole, that downing is the incident; counted at a district of it ("a drone flying
    // toward Moscow was shot down in the Ramensky district of the Moscow region"), the capital's downings count them too
    // (guide: the oblast's figure plus the one heading for the capital).
    const downedAroundCity = nearCity && facts.mentionsDistrict && (facts.munitionNumbers.length > 0 || facts.singularMunitions > 0);
    if (nearCity && !downedAroundCity) continue;
    if (downedAroundCity) kind = "interception";
    const approachedCity =
      (toward || isDestination(place, facts.tokens, ctx.lex) || (attacked.has(place) && CAPITAL_CITIES.has(place.regions[0] ?? ""))) &&
      kind === "interception" &&
      (places.length === 1 || shareToward || downedAroundCity) &&
      place.regions.length === 1 &&
      CITY_REGIONS.has(place.regions[0]);
    if (toward && !approachedCity) kind = "attack";
    // A bare "attack" needs its weapon named in the same sentence ("The attacks did not stop at Belgorod").
    if (kind === "attack" && !sentenceWeapon && !pc.number && !attacked.has(place) && !facts.explosionsHeard) continue;
    if (pc.number?.aerialTargets && kind === "strike") kind = "interception";
    // "eight drones were used in the attack on Moscow and all of them were shot down": the figure's fate is told after it.
    if (
      kind === "attack" &&
      pc.number &&
      !facts.launches.length &&
      facts.cues.some((c) => c.kind === "interception" && c.first > (pc.number?.mention.last ?? 0))
    )
      kind = "interception";
    if (kind === "interception") interceptionPlaces.add(place);
    // "Two drones were shot down over the Bryansk region in the morning, and two more in the afternoon": more
    // of the figure just placed at the same place add to it.
    const more = pc.number && (pc.number.adds || ctx.lex.moreAfter.has(facts.tokens[pc.number.mention.last + 1]?.lower ?? ""));
    const same = more
      ? out.find(
          (x) => x.kind === kind && x.count !== null && x.region === (place.regions[0] ?? null) && x.settlement === (place.name ?? null),
        )
      : undefined;
    if (same && pc.number && same.count !== null && !pc.shared) {
      same.count += pc.number.mention.value;
      continue;
    }
    const d = newDraft(facts, kind, place, place.kind === "settlement" ? contextRegion : null, date);
    if (approachedCity) {
      d.settlement = null;
      d.settlement_text = null;
    }
    if ((!toward || approachedCity) && !restsVerb) setCount(d, pc.number, pc.shared, pc.sharedBy);
    // ("12 drones flying toward Moscow were downed over the Moscow region": the figure told at the oblast is theirs.)
    const soleFigure = facts.munitionNumbers.length === 1 ? facts.munitionNumbers[0] : undefined;
    if (downedAroundCity && !pc.number && soleFigure) setCount(d, soleFigure, false, 1);
    // «ВСУ выпустили 2 беспилотника по Липецкой области», "launched three drones at the Sumy region": the launch at the
    // sentence's one place, with no downing or hit told, is the attack's count (guide: launched only → attack).
    if (kind === "attack" && !pc.number && !toward && places.length === 1 && facts.launches.length === 1 && tellsLaunchOnly(facts)) {
      setCount(d, facts.launches[0], false, 1);
      d.launchCount = true;
    }
    // "упали обломки дрона": the debris of a drone counts no munition that hit — unless an article tells one
    // ("parts of a drone destroyed by air defences fell on a house": one drone's debris hit).
    if (
      d.count === null &&
      d.group_total == null &&
      !restsVerb &&
      // ("only one drone reached the capital, while the rest were downed in the Moscow region": not the one.)
      !placeOfTheRest(facts, place, ctx.lex) &&
      facts.singularMunitions &&
      (kind !== "attack" || attackedWithOne(facts, ctx.lex)) &&
      // (A downing's own count is not the hit's: «сбит беспилотник, обломками повреждены дома» downed one.)
      (!facts.debris ||
        kind === "interception" ||
        (facts.debrisOfOne && kind === "strike") ||
        // («Беспилотник атаковал село, осколками посечены дома»: the drone that hit is told, not only its debris; not a downed one's.)
        (kind === "strike" && facts.munitionBeyondDebris && !facts.cues.some((c) => c.kind === "interception")))
    ) {
      // («Тёткино — атака FPV-дрона на автомобиль; Глушково — сброс ВУ с дрона»: one in each place's own clause.)
      d.count = facts.singularMunitions >= facts.places.length && ownClause(ctx.lex, facts, d) ? 1 : facts.singularMunitions;
      d.count_qualifier = "exact";
      d.singular = true;
    }
    finish(d, pc.number?.weapon ?? null);
  }
}

/** A sentence whose only cues are attacks: nothing downed or hit. */
function tellsLaunchOnly(facts: SentenceFacts): boolean {
  return facts.launchOnly && facts.munitionNumbers.length === 0;
}

/** One figure shared by three or more places (or two under one head word): a tally of them, not a place's count. */
function talliesOfSharedFigures(r: PlaceReading): void {
  const { facts, ctx, date, speakerHere, out, finish, pairing, contextRegion } = r;
  // One number over three or more places is also a tally ("11 drones over the Mykolaiv, Odesa,
  // Vinnytsia and Dnipropetrovsk regions").
  const sharedTotals = new Map<MunitionNumber, PlaceMention[]>();
  for (const pc of pairing.placed)
    if (pc.shared && pc.number) sharedTotals.set(pc.number, [...(sharedTotals.get(pc.number) ?? []), pc.place]);
  for (const [n, ps] of sharedTotals) {
    // ("41 over Bryansk and 12 over the Kursk and Tula regions": a figure after another one is a share of a breakdown.)
    const share = pairing.placed.some((pc) => pc.number && pc.number !== n && pc.number.mention.first < n.mention.first);
    // (Two regions under one head word, «над территориями Брянской и Курской областей», share one figure as much as three do.)
    const oneHead =
      ps.length === 2 &&
      ps.every((p) => p.kind === "region" && p.group !== null && p.group === ps[0].group) &&
      ![facts.tokens[n.mention.first - 1], facts.tokens[n.mention.last + 1]].some((t) => t && isMoreWord(ctx.lex, t.lower));
    if (share || (ps.length < 3 && !(ps.length === 2 && (nationalTotal(facts, n, speakerHere, ctx.lex) || oneHead)))) continue;
    // (A sea among them is a territory of its own: "over Crimea and the Black Sea" is no one country's, annotation guide.)
    const countries = new Set(ps.map((p) => (p.kind === "water" ? "sea" : p.regions[0]?.slice(0, 2))));
    const own = cueOfNumber(facts, n, ctx.lex);
    // «По сёлам Журавлёвка, Нехотеевка и посёлку Октябрьский выпущено 7 боеприпасов»: towns of one region
    // share the figure of that region (guide rule 3: an oblast total plus its settlements), not a country's tally.
    // (A town the gazetteer does not know lies in the region of the context.)
    const towns = ps.every((p) => p.kind === "settlement" || p.kind === "city");
    const townsRegions = new Set(ps.flatMap((p) => (p.regions.length === 1 ? [p.regions[0]] : p.regions.length ? ["-"] : [])));
    const contextIso = contextRegion?.regions.length === 1 ? contextRegion.regions[0] : null;
    // ("two drones over Bryansk and the Bryansk region": a city and its own region are that region's figure.)
    const sameRegion = ps.every((p) => p.kind !== "water" && p.regions.length === 1 && p.regions[0] === ps[0].regions[0]);
    const townsRegion = sameRegion
      ? ps[0].regions[0]
      : !towns
        ? null
        : townsRegions.size === 1 && !townsRegions.has("-")
          ? [...townsRegions][0]
          : townsRegions.size === 0
            ? contextIso
            : null;
    const d = newDraft(
      facts,
      own ?? out.find((x) => ps.some((p) => x.region === p.regions[0]))?.kind ?? "interception",
      townsRegion ? changedPlace(ps[0], { kind: "region", name: null, regions: [townsRegion] }) : null,
      null,
      date,
    );
    if (!townsRegion) d.country = countries.size === 1 && !countries.has("sea") ? ([...countries][0] as CountryCode) : null;
    setCount(d, n, false, 1);
    finish(d, n.weapon);
  }
}

/** Debris of a downed drone, and no downing placed: the downing implied beside each strike. */
function downingsOfDebris(r: PlaceReading): void {
  const { facts, date, out, finish, interceptionPlaces } = r;
  // Debris of a downed drone: the downing happened too (dropped later if stated on its own).
  if (facts.debris && facts.cues.some((c) => c.kind === "interception") && !interceptionPlaces.size) {
    for (const d of [...out]) {
      if (d.kind !== "strike") continue;
      const implied = newDraft(facts, "interception", null, null, date);
      // "Debris from a downed drone": one drone was downed, though its debris counts no hit.
      const count = d.count ?? (facts.singularMunitions || null);
      const count_qualifier = d.count !== null ? d.count_qualifier : count !== null ? "exact" : null;
      // (Where the debris fell the drone was downed: «в Красногорске обломки сбитого беспилотника» downed one over the town.)
      Object.assign(implied, {
        region: d.region,
        country: d.country,
        settlement: d.settlement,
        settlement_text: d.settlement_text,
        implied: true,
        count,
        count_qualifier,
      });
      finish(implied, null);
    }
  }
}

/** "All of them were destroyed" after a figure and place told just before: that figure downed. */
function downingOfTheFigureBefore(r: PlaceReading): void {
  const { facts, ctx, date, speakerHere, out, finish, places } = r;
  // "40 drones headed for Kyiv overnight. All of them were destroyed": the figure and place told just before, downed.
  const told = ctx.previous;
  if (
    !out.length &&
    !places.length &&
    !facts.munitionNumbers.length &&
    facts.allOfThem &&
    told?.index === facts.index - 1 &&
    told.munitionNumbers.length === 1 &&
    told.places.length <= 1 &&
    facts.cues.some((c) => c.kind === "interception")
  ) {
    const n = told.munitionNumbers[0];
    const place = told.places[0] ?? null;
    const d = newDraft(facts, "interception", place ? changedPlace(place, { kind: "region", name: null }) : null, null, date);
    d.spans = {};
    d.sentences.add(told.index);
    if (!place) d.country = tallyCountry(facts, ctx, speakerHere);
    setCount(d, n, false, 1);
    finish(d, n.weapon);
  }
}

/** A downing with no figure at the place attacked just before, or over the country attacked. */
function uncountedDownings(r: PlaceReading): void {
  const { facts, ctx, date, out, finish, places } = r;
  // "Dozens of drones targeted the Tambov region. Air defence units destroyed all of them": a downing
  // without a figure at the place attacked just before — an interception, count null (guide).
  const downedThere = out.length ? null : uncountedDowningAt(facts, ctx);
  if (downedThere) finish(newDraft(facts, "interception", changedPlace(downedThere, { kind: "region", name: null }), null, date), null);

  // "Russia deployed multiple drones to attack Ukraine and dozens were shot down": a downing over the country, uncounted.
  if (
    !out.length &&
    !places.length &&
    !facts.munitionNumbers.length &&
    facts.attackedCountry &&
    facts.cues.some((c) => c.kind === "interception") &&
    facts.tokens.some((t) => ctx.lex.vagueMany.has(t.lower))
  ) {
    const d = newDraft(facts, "interception", null, null, date);
    d.country = facts.attackedCountry;
    finish(d, null);
  }
}

/** Figures with no place of their own: the place of the context, the place of the figure they share, or a country tally. */
function incidentsOfUnplacedFigures(r: PlaceReading): void {
  const {
    facts,
    ctx,
    date,
    speakerHere,
    recent,
    attackedJustBefore,
    out,
    finish,
    places,
    pairing,
    bySites,
    countryAttackedBefore,
    contextRegion,
  } = r;
  // Numbers with no place: the place of the sentences just before, or a country tally.
  const hasInterception = facts.cues.some((c) => c.kind === "interception");
  let lastUnplaced: Draft | null = null;
  for (const n of pairing.unplaced) {
    if (facts.launchOnly) continue;
    // "Дві ракети збито …, одна ракета влучила у будівлю": each figure the kind of its own verb.
    const own = n.aerialTargets ? null : cueOfNumber(facts, n, ctx.lex);
    // "Three UAVs were destroyed and one was suppressed by electronic warfare over the Tula region": two
    // downings told in clauses joined by "and", the place after the second, are both at that place.
    const second =
      (own ?? "interception") === "interception" && cueAfterNoun(facts, n) === "interception"
        ? pairing.placed.find((pc) => pc.number && pc.number.mention.first > n.mention.last)
        : undefined;
    if (second?.number && !second.shared && ctx.lex.conjunction.has(facts.tokens[second.number.mention.first - 1]?.lower ?? "")) {
      const m = second.number;
      const joinedDown =
        (cueOfNumber(facts, m, ctx.lex) ?? cueAfterNoun(facts, m)) === "interception" &&
        !facts.munitionNumbers.some((o) => o.mention.first > n.mention.last && o.mention.last < m.mention.first) &&
        !places.some((p) => p.first > n.mention.last && p.last < m.mention.first);
      const there = joinedDown
        ? out.find((x) => x.kind === "interception" && x.count === m.mention.value && x.region === (second.place.regions[0] ?? null))
        : undefined;
      if (there?.count != null && (n.weapon ?? m.weapon) === (m.weapon ?? n.weapon)) {
        there.count += n.mention.value;
        continue;
      }
      // ("Two missiles were shot down and three drones were destroyed over the Kharkiv region": each weapon there.)
      if (there) {
        const d = newDraft(facts, "interception", second.place, second.place.kind === "settlement" ? contextRegion : null, date);
        setCount(d, n, false, 1);
        finish(d, n.weapon);
        continue;
      }
    }
    const kind: IncidentKind =
      own ?? (hasInterception || n.aerialTargets ? "interception" : facts.cues.some((c) => c.kind === "strike") ? "strike" : "attack");
    // "Два БЭК уничтожены в районе бухты, ещё один — у мыса": neither spot is a place, so the one
    // more joins the figure before at the place both take from context.
    if (n.adds && lastUnplaced?.kind === kind && lastUnplaced.count !== null) {
      lastUnplaced.count += n.mention.value;
      continue;
    }
    // "над регионом сбиты пять беспилотников, и ещё один — над районом": one more of the figure just
    // placed in this sentence joins it, as it does told in a sentence of its own.
    const oneMore = n.adds || facts.tokens[n.mention.last + 1]?.lower === "more";
    const placedBefore = !lastUnplaced && oneMore ? out.at(-1) : undefined;
    if (placedBefore && placedBefore.kind === kind && placedBefore.region && placedBefore.count !== null) {
      placedBefore.count += n.mention.value;
      continue;
    }
    const made = out.length;
    // "Russia struck Odesa with 20 drones; air defences shot down 17 of them": a share of a figure placed
    // in this sentence is at that figure's place.
    const whole = n.share
      ? pairing.placed.filter((pc) => pc.number && pc.number.mention.last < n.mention.first && !pc.shared).at(-1)
      : undefined;
    if (whole?.number && whole.number.mention.value >= n.mention.value) {
      const d = newDraft(facts, kind, whole.place, whole.place.kind === "settlement" ? contextRegion : null, date);
      setCount(d, n, false, 1);
      finish(d, n.weapon);
      lastUnplaced = d;
      continue;
    }
    // A national body's figure without a place (air force, ministry) is a country tally.
    // A national body's figures go on in the next sentence ("Air defences shot down 568 drones").
    const speaker =
      speakerHere ?? (ctx.speaker && ctx.speakerSentence === facts.index - 1 && NATIONAL_BODY.test(ctx.speaker.name) ? ctx.speaker : null);
    // A national body's figure without a place is a country tally — unless the sentence just before
    // told of an attack on one region ("Над Московской областью пресечена попытка атаки. Средствами ПВО уничтожены два БПЛА").
    // (Not when that attack was told by another, regional, speaker: "… attack on the Tula region, the governor said. The Defence Ministry said it downed 120 drones".)
    const toldByRegionalSpeaker =
      ctx.speaker !== null && ctx.speakerSentence === ctx.region?.sentence && !NATIONAL_BODY.test(ctx.speaker.name);
    const continuesAttackedRegion =
      ctx.region?.attacked === true &&
      facts.index - ctx.region.sentence === 1 &&
      ctx.region.place.kind === "region" &&
      !toldByRegionalSpeaker;
    // (A governor, a mayor or the head of a regional administration speaks for a region, named or not: "за інформацією голови ОВА".)
    const nationalSpeaker =
      speaker !== null &&
      speaker.region === null &&
      !REGIONAL_OFFICE.test(speaker.name) &&
      !facts.refersToRegion &&
      !continuesAttackedRegion;
    // ("ППО працювала на Полтавщині, Сумщині та Чернігівщині. Збито 25 шахедів": a downing over all
    // the regions just listed, not over the last one named — a tally.)
    // (Not a regional head's figure: his region's, whatever regions were named before.)
    const regionalHeadHere = speakerHere !== null && REGIONAL_OFFICE.test(speakerHere.name);
    const overSeveral = kind === "interception" && ctx.region?.several === true && !facts.refersToRegion && !regionalHeadHere;
    const useContext =
      recent &&
      !overSeveral &&
      !nationalSpeaker &&
      // ("Razvozhaev said …, with five missiles in total shot down": a regional head's total is his region's.)
      (!facts.tally || facts.refersToRegion || regionalHeadHere) &&
      (kind !== "interception" || facts.country === null || facts.country === countryOf(recent) || isCrimea(recent));
    if (useContext && recent) {
      // A village named in passing is no place for the figures after it, but the town attacked in
      // the sentence just before is ("ВСУ атаковали Курчатов. Один дрон упал на территории промзоны").
      // Nor "one more strike" after strikes told at a town («Також … ще один ракетний удар прийшовся по складу»): that town's.
      const oneMoreThere =
        (n.adds || ctx.lex.moreBefore.has(facts.tokens[n.mention.first - 1]?.lower ?? "")) &&
        ctx.lastEvent.some((x) => x.kind === "strike" && x.settlement !== null && x.settlement === recent.name);
      const keepSettlement =
        kind === "strike" && recent.kind === "settlement" && (attackedJustBefore || oneMoreThere) && !recent.attributive;
      const town =
        kind === "strike" && recent.kind === "region" && !facts.refersToRegion
          ? (townOfTargetTold(facts, ctx, recent) ?? townHitJustBefore(facts, ctx, recent))
          : null;
      const d = newDraft(
        facts,
        kind,
        town ?? ((recent.kind === "settlement" && !keepSettlement) || recent.attributive ? null : recent),
        recent,
        date,
      );
      // "12 drones were destroyed over the region": the region, not its capital named before.
      if (recent.kind === "city" && !facts.refersToRegion && !recent.attributive) d.settlement = recent.name;
      // "Севастополь опинився під атакою. П'ять цілей знищено над акваторією": downed over the water, off the city.
      if (facts.refersToRegion || (kind === "interception" && facts.overWater)) {
        d.settlement = null;
        d.settlement_text = null;
      }
      setCount(d, n, false, 1);
      finish(d, n.weapon);
    } else if (
      kind === "interception" ||
      (kind === "strike" &&
        (nationalSpeaker || followsCountryTally(ctx.lastEvent) || (bySites.includes(n) && (countryAttackedBefore || ctx.region === null))))
    ) {
      // A downing figure without a place, or hits counted by a national body ("Зафіксовано
      // влучання 17 ударних БпЛА на 8 локаціях"): a country tally.
      const d = newDraft(facts, kind, null, null, date);
      d.country = tallyCountry(facts, ctx, speakerHere) ?? (bySites.includes(n) ? countryAttackedBefore : null);
      // A total over Russian regions, Crimea and the seas belongs to no one country (annotation guide).
      const territories = new Set(out.map((x) => (x.water_area ? "sea" : x.country)));
      if (territories.size > 1) d.country = null;
      setCount(d, n, false, 1);
      finish(d, n.weapon);
    }
    lastUnplaced = out.length > made ? out[out.length - 1] : null;
  }
}

/** Hits a national body counts by site: country-level strikes, beside the counted weapon or with no figure. */
function countryHitsBySites(r: PlaceReading): void {
  const { facts, ctx, date, speakerHere, out, finish, places, countryAttackedBefore } = r;
  // "Зафіксовано влучання ракети та 15 ударних БпЛА на 7 локаціях": a weapon hit beside the counted
  // one in a country's hits-by-site line, with no figure of its own — its own country-level strike,
  // one munition where the sentence names just one.
  const tallyHit = out.find((d) => d.kind === "strike" && d.region === null && d.water_area == null && d.country !== null);
  const sitesWord = tallyHit ? ctx.lex.hitSites.findAll(facts.tokens, 0, facts.tokens.length)[0] : undefined;
  // («…на 7 локаціях, падіння уламків – на Київщині»: the places told after the sites are the debris's, not the hits counted.)
  const placesAfterSites = sitesWord !== undefined && places.every((p) => p.first > sitesWord.last);
  if (tallyHit && sitesWord && placesAfterSites) {
    const counted = new Set(out.filter((d) => d.region === null).map((d) => d.weapon));
    const before = facts.weapons.filter((w) => w.last < sitesWord.first);
    const others = new Set(before.map((w) => w.label).filter((w) => w !== "unknown" && w !== "artillery" && !counted.has(w)));
    // The debris's places took the hit's one munition and its weapon: theirs is an unnamed munition's debris (guide).
    if (places.length && others.size)
      for (const d of out)
        if (d.region !== null && d.kind === "strike" && d.singular && others.has(d.weapon)) {
          d.count = null;
          d.count_qualifier = null;
          d.singular = false;
          d.weapon = "unknown";
          d.weaponExplicit = false;
        }
    for (const weapon of others) {
      const d = newDraft(facts, "strike", null, null, date);
      d.country = tallyHit.country;
      if (others.size === 1 && facts.singularMunitions === 1) {
        d.count = 1;
        d.count_qualifier = "exact";
      }
      finish(d, weapon);
    }
  }

  // "Зафіксовано влучання на 7 локаціях", "Hits were recorded at 11 locations": hits a national body
  // counts by site, without a munition figure — a country-level strike, count null (guide: "hits at
  // N locations" is no munition count).
  if (
    !out.length &&
    hitsAtSites(facts, ctx.lex) &&
    (followsCountryTally(ctx.lastEvent) ||
      nationalBody(speakerHere) ||
      countryAttackedBefore ||
      // (Or told with no place before it at all: only a country counts its hits by sites — the report's country.)
      (ctx.region === null && ctx.lex.hitSites.has(facts.tokens) && tallyCountry(facts, ctx, speakerHere) !== null))
  ) {
    const d = newDraft(facts, "strike", null, null, date);
    d.country =
      countryAttackedBefore && !followsCountryTally(ctx.lastEvent) && !nationalBody(speakerHere)
        ? countryAttackedBefore
        : tallyCountry(facts, ctx, speakerHere);
    finish(d, null);
  }
}

/** The downed drone's debris hit something: a strike there too. */
function strikesOfDebris(r: PlaceReading): void {
  const { facts, ctx, out, finish } = r;
  // The downed drone's debris hit something ("над Ельцом сбиты два БПЛА, обломки повредили крышу",
  // "one of them fell on the refinery, causing a fire"): a strike there too (annotation guide, rule 5).
  const downed = out.filter((d) => d.kind === "interception" && !d.implied);
  const hitCue = facts.cues.some(
    (c) => c.kind === "strike" && c.first > Math.min(...facts.cues.filter((x) => x.kind === "interception").map((x) => x.last)),
  );
  if (
    downed.length === 1 &&
    hitCue &&
    (facts.targets.length || facts.casualties.killed || facts.casualties.injured) &&
    !out.some((d) => d.kind === "strike")
  ) {
    // "збили дві ракети, одна ракета влучила у будівлю": the one that got through is the strike's figure.
    const oneHit = facts.cues.some(
      (c) =>
        c.kind === "strike" &&
        c.first >= 2 &&
        ctx.lex.oneWord.has(facts.tokens[c.first - 2].lower) &&
        ctx.lex.munitionNouns.matchAt(facts.tokens, c.first - 1) !== undefined,
    );
    const strike = draftBeside(downed[0], {
      kind: "strike",
      spans: { place: downed[0].spans.place },
      trace: [`the debris of the downing told in sentence ${facts.index + 1} hit something: a strike there too (guide, rule 5)`],
      count: oneHit ? 1 : null,
      count_qualifier: oneHit ? "exact" : null,
      targets: [],
      sentences: new Set([facts.index]),
    });
    finish(strike, null);
  }
}

/** A hit on the country with no region named (not what happens regularly). */
function hitOnTheCountry(r: PlaceReading): void {
  const { facts, ctx, date, out, finish, damage, places } = r;
  // "Russia's attack on Ukraine overnight damaged energy facilities and injured two workers",
  // "strikes on three oil refineries in southern Russia": a hit on the country, no region named.
  // (From the context only damage told: "Метою атаки могла бути інфраструктура" names targets, not a hit.)
  // Nor what happens "regularly" ("регулярно … атакують українські міста"): no one event.
  // (Nor "Russia has repeatedly attacked Ukraine's energy system", "strikes on refineries aimed at cutting revenue".)
  // (Nor damage of another time with no place of its own: «Раніше росіяни вже били по цьому підприємству», «Ранее ВСУ уже
  // атаковали этот нефтезавод» — an earlier hit on what the report told, undated; guide rule 7, what a report tells of other times.)
  const earlierUndated = facts.earlier && facts.date?.basis !== "explicit";
  const hitCountry = ctx.lex.notOneEvent.has(facts.tokens)
    ? null
    : (facts.attackedCountry ?? (damage && !earlierUndated ? countryOfUnplacedDamage(ctx, facts) : null));
  if (
    !out.length &&
    !places.length &&
    // (A speaker's region does not stand in the way of the country named: "Kharkiv governor … said Russia
    // attacked energy infrastructure across Ukraine".)
    (!facts.attributivePlaces.length || (facts.attackedCountry && !facts.refersToRegion)) &&
    hitCountry &&
    facts.cues.some((c) => c.kind !== "interception") &&
    (damage || facts.targets.length)
  ) {
    const d = newDraft(facts, "strike", null, null, date);
    d.country = hitCountry;
    finish(d, null);
  }
}

/** The debris of the munitions told just before fell here: a strike there. */
function strikeOfDebrisToldBefore(r: PlaceReading): void {
  const { facts, ctx, date, out, finish, damage, places } = r;
  // The debris of the munitions told just before fell here: a strike there (annotation guide, rule 5):
  // "Сили ППО збили над Київщиною 15 дронів. Уламки пошкодили два будинки" (downed, and damage), or
  // "Отражена атака БПЛА, летевшего на Москву. … на месте падения обломков" (an attack, even no damage).
  const debrisOf = (kind: IncidentKind): Draft | null => {
    const before = !out.length && !places.length && facts.debris ? ctx.lastEvent.filter((d) => !d.implied) : [];
    const region = before[0]?.region ?? null;
    // (Up to four sentences on when no place was named since: «…сбиты над Липецком». Жертв нет. Работают на месте падения
    // обломков. «Один из фрагментов упал на крышу жилого дома».)
    if (!before.length || region === null) return null;
    const reach = ctx.region !== null && ctx.region.sentence <= before[0].origin ? 4 : 2;
    if (facts.index - before[0].origin > reach) return null;
    return before.every((d) => d.kind === kind && d.region === region) ? before[before.length - 1] : null;
  };
  const fellFrom = (damage ? debrisOf("interception") : null) ?? debrisOf("attack");
  if (fellFrom) {
    const strike = newDraft(facts, "strike", null, null, date);
    Object.assign(strike, {
      region: fellFrom.region,
      country: fellFrom.country,
      settlement: fellFrom.settlement,
      settlement_text: fellFrom.settlement_text,
    });
    strike.trace.push(`the debris of the ${fellFrom.kind} told in sentence ${fellFrom.origin + 1} fell: a strike there (guide, rule 5)`);
    finish(strike, null);
  }
}

/** Damage told right after a sentence that named the place attacked but made no incident of it. */
function damageAtPlaceNamedBefore(r: PlaceReading): void {
  const { facts, ctx, date, out, finish, hit, places } = r;
  // Damage told right after a sentence that named the place attacked but made no incident of it
  // ("Ворог атакував Куп'янськ. Пошкоджено будинок, поранено двох людей").
  const named = ctx.region;
  if (
    !out.length &&
    !places.length &&
    hit &&
    named &&
    facts.index - named.sentence === 1 &&
    (named.attacked || named.dateline) &&
    !named.place.attributive &&
    (!ctx.lastEvent.length || named.dateline)
  ) {
    // "Одесса. Ночью дроны атаковали энергетическую инфраструктуру области": the oblast, not the city.
    const oblast = facts.refersToRegion || facts.tokens.some((t) => ctx.lex.ofTheRegion.has(t.lower));
    const place = oblast && (named.place.kind === "city" || named.place.kind === "settlement") ? null : named.place;
    finish(newDraft(facts, "strike", place, named.place, date), null);
  }
}

/** A hit told right after the incidents of one place, with no place of its own: a strike there. */
function hitAfterThePlaceJustTold(r: PlaceReading): void {
  const { facts, ctx, text, date, out, finish, places } = r;
  // "В Москве сбиты два беспилотника. Третий попал в жилой дом", «… при попытке пролёта в Москву были сбиты. Один
  // долетел до башни»: a hit told right after the incidents of one place, with no place of its own, is a strike there —
  // inside the city where the place is a city-region whose drones were downed on approach (guide, Places).
  const toldJustBefore = ctx.lastEvent.filter((d) => !d.implied);
  const toldAt = toldJustBefore.find((d) => d.settlement !== null) ?? toldJustBefore[0];
  const toldLast = Math.max(...toldJustBefore.map((d) => d.origin));
  if (
    !out.length &&
    !places.length &&
    !facts.attributivePlaces.length &&
    // (A thing hit, its munition named or counted, or «один» before the verb: «Один долетел до башни» — not a toll alone.)
    (facts.targets.length > 0 ||
      facts.singularMunitions > 0 ||
      facts.munitionNumbers.length > 0 ||
      facts.cues.some((c) => c.kind === "strike" && c.first > 0 && ctx.lex.oneWord.has(facts.tokens[c.first - 1].lower))) &&
    !facts.debris &&
    facts.cues.some((c) => c.kind === "strike") &&
    // (Nor a place the gazetteer does not know: «в результате атаки в Марьевке повреждены фермы» is not the place before —
    // but in a city-region such a name is a part of the city: «Один долетел до той же башни в Сити».)
    (CAPITAL_CITIES.has(toldAt?.region ?? "") ||
      !facts.tokens.some(
        (t, k) =>
          k + 1 < facts.tokens.length &&
          ctx.lex.tollPlacePreposition.has(t.lower) &&
          facts.tokens[k + 1].capital &&
          /^\s+$/.test(text.slice(t.end, facts.tokens[k + 1].start)),
      )) &&
    // (Not damage denied: «инфраструктура повреждений не получила», "There was no impact on the refinery's work".)
    !facts.casualties.nobodyHurt &&
    !ctx.lex.negation.findAll(facts.tokens).length &&
    toldAt?.region &&
    // (A few sentences on when no other place was named since, as debris is read.)
    facts.index - toldLast <=
      (ctx.region === null || ctx.region.sentence <= toldLast || ctx.region.place.regions.includes(toldAt.region) ? 4 : 1) &&
    // (All of one place: the city-region's downings on approach and its city's hits are one place.)
    toldJustBefore.every((d) => d.region === toldAt.region && (d.settlement === null || d.settlement === toldAt.settlement)) &&
    // (After downings only; after a hit, only a hit of another day: «В ночь на воскресенье беспилотники так же
    // повредили здания» — else it tells more of the same hit.)
    (toldJustBefore.every((d) => d.kind === "interception") || (!!facts.date && toldJustBefore.every((d) => d.date !== date))) &&
    // (A toll told with a thing hit and no munition is the last hit's: «відомо про 22 постраждалих у районі пляжу».)
    (!(facts.casualties.killed || facts.casualties.injured) || facts.singularMunitions > 0 || facts.munitionNumbers.length > 0)
  ) {
    const strike = newDraft(facts, "strike", null, null, date);
    const capital = toldAt.settlement === null && CAPITAL_CITIES.has(toldAt.region) ? regionCapital(toldAt.region) : null;
    Object.assign(strike, {
      region: toldAt.region,
      country: toldAt.country,
      settlement: toldAt.settlement ?? capital,
      settlement_text: toldAt.settlement_text ?? capital,
    });
    strike.trace.push(
      `a hit told after the ${toldAt.kind} of sentence ${toldAt.origin + 1}, with no place of its own: a strike at its place`,
    );
    finish(strike, null);
  }
}

/** A section headed by its place ("Брянская область\nГубернатор сообщил …"). */
function sectionHeadedByPlace(r: PlaceReading): void {
  const { facts, ctx, date, out, finish, places } = r;
  const named = ctx.region;
  // "Брянская область\nГубернатор сообщил об отражении атаки": a section headed by its place.
  if (
    !out.length &&
    !places.length &&
    (facts.defenceActive || facts.explosionsHeard) &&
    named?.dateline &&
    facts.index - named.sentence === 1 &&
    !named.place.attributive
  )
    finish(newDraft(facts, "attack", named.place, named.place, date), null);
}

/** A separate statement about the place just named: its own speaker, weapon and casualties. */
function statementAboutPlaceJustNamed(r: PlaceReading): void {
  const { facts, date, sentenceWeapon, speakerHere, recent, attackedJustBefore, out, finish, places } = r;
  // A separate statement about the place just named ("Pushilin said three people were killed in
  // shelling"): its own speaker, weapon and casualties, no new place.
  if (!out.length && !places.length && recent && speakerHere && sentenceWeapon && (facts.casualties.killed || facts.casualties.injured)) {
    const kind = facts.cues.some((c) => c.kind === "strike") ? "strike" : null;
    // The town attacked in the sentence just before keeps the statement ("ВСУ атаковали Горловку. … погибла женщина, сообщил глава города").
    const place = (recent.kind === "settlement" && !attackedJustBefore) || recent.attributive ? null : recent;
    if (kind) finish(newDraft(facts, kind, place, recent, date), null);
  }
}

/** Munitions launched, neither downed nor hit in this sentence: an attack per weapon over the country. */
function attacksOfLaunches(r: PlaceReading): void {
  const { facts, ctx, date, sentenceWeapon, speakerHere, out, finish, damage } = r;
  // "Russia launched 476 drones and 48 missiles across Ukraine", "противник атакував 102 ударними
  // БпЛА": launched, and neither downed nor hit in this sentence — an attack per weapon over the
  // country (annotation guide); a downing of the same weapons told elsewhere absorbs it (merge.ts).
  // "launched 90 drones and two missiles, of which 60 drones were shot down": the missiles, downed by no one, attacked.
  const tallyOnly = out.length > 0 && out.every((d) => d.region === null && d.kind === "interception");
  if ((!out.length || facts.attackedCountry || tallyOnly) && facts.launches.length && !damage) {
    const weapons = new Set(facts.launches.map((n) => n.weapon ?? sentenceWeapon ?? "unknown"));
    if (tallyOnly) for (const d of out) weapons.delete(d.weapon);
    // "атакували Україну балістичною ракетою «Іскандер-М», а також 112 ударними дронами": the
    // weapons launched without a figure are attacked with too — unless the sentence tells a downing.
    if (!facts.cues.some((c) => c.kind === "interception"))
      for (const w of facts.weapons) if (w.label !== "unknown" && w.label !== "artillery") weapons.add(w.label);
    for (const weapon of weapons) {
      const d = newDraft(facts, "attack", null, null, date);
      d.country = facts.attackedCountry ?? tallyCountry(facts, ctx, speakerHere);
      finish(d, weapon);
    }
  }
}

/** The country attacked with weapons named but no figure: an attack per weapon. */
function countryAttackedWithWeapons(r: PlaceReading): void {
  const { facts, ctx, date, out, finish, damage, places } = r;
  // "Ворог атакував Україну ракетами та дронами": the country attacked with weapons named but no figure — an attack per weapon.
  // (A verb of attacking, not "a growing pattern of drone attacks in Russia".)
  if (
    !out.length &&
    facts.attackedCountry &&
    !places.length &&
    !facts.launches.length &&
    !facts.munitionNumbers.length &&
    !damage &&
    facts.tokens.some((t) => isAttackVerb(ctx.lex, t.lower))
  ) {
    const weapons = new Set(facts.weapons.map((w) => w.label).filter((w) => w !== "unknown" && w !== "artillery"));
    if (!facts.cues.some((c) => c.kind === "interception"))
      for (const weapon of weapons) {
        const d = newDraft(facts, "attack", null, null, date);
        d.country = facts.attackedCountry;
        finish(d, weapon);
      }
  }
}

/** The country attacked, the weapon named but no figure and no place: an attack there, when the sentence dates it. */
function countryAttackedThatDay(r: PlaceReading): void {
  const { facts, ctx, date, sentenceWeapon, out, finish, damage, places } = r;
  const delivered = !damage && !facts.hitTold && !facts.shelling && ctx.lex.deliveredStrike.has(facts.tokens);
  // "Russia launched a massive missile attack on Ukraine overnight": the country attacked, the weapon
  // named but no figure and no place — an attack there (guide, rule 6), when the sentence dates it.
  if (
    !out.length &&
    !places.length &&
    !facts.attributivePlaces.length &&
    facts.attackedCountry &&
    facts.date &&
    // («Нагадаємо, 9 листопада окупанти здійснили … атаку на південні області України»: an earlier attack, dated.)
    (!facts.earlier || facts.date.basis === "explicit") &&
    // (A strike delivered needs no weapon named: «Ночью Россия нанесла массированный удар по южным областям Украины».)
    (sentenceWeapon || delivered) &&
    sentenceWeapon !== "artillery" &&
    // («Росія завдала комбінованого ракетно-дронового удару по Україні»: a strike delivered, no hit told, is an attack.)
    (facts.cues.some((c) => c.kind === "attack") || delivered) &&
    !facts.cues.some((c) => c.kind === "interception") &&
    // Launched or attacked, not a noun of what is said about attacks ("said Russia's drone attacks must stop").
    (ctx.lex.launch.has(facts.tokens) || facts.tokens.some((t) => isAttackVerb(ctx.lex, t.lower)) || delivered) &&
    !ctx.lex.notOneEvent.has(facts.tokens)
  ) {
    const d = newDraft(facts, "attack", null, null, date);
    d.country = facts.attackedCountry;
    d.trace.push(`an attack on the country told in sentence ${facts.index + 1}, with no figure or place`);
    finish(d, sentenceWeapon);
  }
}

/** A weapon downed beside a counted one, with no figure of its own: its own downing there, uncounted. */
function downingsOfVaguelyCounted(r: PlaceReading): void {
  const { facts, ctx, out, finish } = r;
  // "несколько ракет и два дрона нейтрализованы над регионом": a weapon downed beside a counted one
  // but told with no figure of its own is its own downing there, uncounted.
  for (const weapon of vaguelyCountedWeapons(facts, ctx.lex)) {
    const base = out.find((d) => d.kind === "interception" && d.region !== null && d.count !== null && d.weapon !== weapon);
    if (!base || out.some((d) => d.weapon === weapon)) continue;
    const d = draftBeside(base, {
      spans: { place: base.spans.place },
      trace: [`${weapon} downed with no figure beside the counted ${base.weapon} in sentence ${facts.index + 1}`],
      sentences: new Set([facts.index]),
    });
    finish(d, weapon);
  }
}

/** Launched munitions downed in a share told with no figure: an uncounted downing where they were launched at. */
function downingOfVagueShare(r: PlaceReading): void {
  const { facts, ctx, out, finish } = r;
  // "Russia launched 20 drones at Ukraine, and air defences shot down most of them", «більшість з яких збито»:
  // the launched munitions downed in a share told with no figure (the pack's vague_share) — an uncounted
  // downing where they were launched at, beside the launch (annotation guide: a downing with no number).
  const firstLaunch = facts.launches[0];
  if (
    firstLaunch &&
    !facts.munitionNumbers.length &&
    !out.some((d) => d.kind === "interception") &&
    facts.cues.some((c) => c.kind === "interception" && c.first > firstLaunch.mention.last) &&
    ctx.lex.vagueShare.has(facts.tokens, firstLaunch.mention.last + 1)
  )
    for (const base of out.filter((d) => d.kind === "attack")) {
      const d = draftBeside(base, {
        kind: "interception",
        spans: { place: base.spans.place },
        trace: [`a share of the ${base.weapon} launched downed with no figure in sentence ${facts.index + 1}`],
        sentences: new Set([facts.index]),
      });
      finish(d, base.weapon);
    }
}

/**
 * The place attacked in the sentence just before, when this sentence tells a downing there with no
 * figure and no place of its own ("Збито кілька ворожих цілей", "destroyed all of them").
 */
function uncountedDowningAt(facts: SentenceFacts, ctx: Context): PlaceMention | null {
  const told = ctx.previous;
  const named = ctx.region;
  // The sentence opens with the downing; one deep inside ("were activated to intercept", "ускладнює
  // її перехоплення", "damaged … and partially destroyed") tells no downing of its own.
  const opening = facts.cues[0];
  // (After a lead-in clause: «Відомо, що більшість ракет були збиті», "It is known that most missiles were downed".)
  // (Or after its speaker's clause: "Ukraine's air force said it downed a missile over the region".)
  const lead = Math.max(
    facts.tokens.findIndex((t, i) => i <= 3 && ctx.lex.leadInThat.has(t.lower)) + 1,
    facts.tokens.findIndex((t, i) => i <= 6 && i < (opening?.first ?? 0) && ctx.lex.reportedClause.has(t.lower)) + 1,
  );
  // (Or a share of them with no figure opening the sentence: "Some of the enemy targets were shot down".)
  const share = opening ? ctx.lex.vagueShare.findAll(facts.tokens, lead, opening.first)[0] : undefined;
  const downing =
    opening?.kind === "interception" &&
    opening.first - (share ? share.last + 1 : lead) <= 4 &&
    !facts.defenceActive &&
    (facts.allOfThem || facts.namesMunition || share !== undefined);
  if (!downing || facts.places.length || facts.munitionNumbers.length || facts.launches.length) return null;
  // ("… strike on the Poltava region killed one. … The air force said it downed a missile over the region": the
  // region told a few sentences before, named again.)
  const regionAgain =
    facts.refersToRegion && named?.attacked === true && facts.index - named.sentence <= 3 && named.place.regions.length === 1;
  if (regionAgain && named.place.kind !== "water") return changedPlace(named.place, { kind: "region", name: null });
  if (told?.index !== facts.index - 1 || told.munitionNumbers.length) return null;
  if (!named?.attacked || named.sentence !== told.index || named.place.kind === "water") return null;
  if (told.places.length <= 1) return named.place;
  // «Була серія вибухів в Старокостянтинівській та Хмельницькій громадах. Відомо, що більшість ракет були збиті»:
  // places of one region told just before — the downing is over that region.
  const regions = new Set(told.places.map((p) => p.regions[0] ?? null));
  return regions.size === 1 && named.place.regions.length === 1 ? changedPlace(named.place, { kind: "region", name: null }) : null;
}

/**
 * The weapons of a downing sentence told only as "several" ("несколько ракет ВСУ и два дрона
 * нейтрализованы"), when another weapon there has a figure: each weapon is its own downing.
 */
function vaguelyCountedWeapons(facts: SentenceFacts, lex: Lexicon): WeaponType[] {
  if (!facts.cues.some((c) => c.kind === "interception") || !facts.munitionNumbers.length) return [];
  const counted = new Set(facts.munitionNumbers.map((n) => n.weapon));
  const out: WeaponType[] = [];
  for (const w of facts.weapons) {
    const before = facts.tokens[w.first - 1]?.lower ?? "";
    if (w.label !== "unknown" && !counted.has(w.label) && lex.vagueSome.has(before) && !out.includes(w.label)) out.push(w.label);
  }
  return out;
}

/** Officials whose word is about one region or city, even when the text does not say which. */
const REGIONAL_OFFICE =
  /^(Governor|Acting Governor|Mayor|the regional governor|the mayor|the head|Regional|City)\b|head of the (regional|city|district)|administration/;
/**
 * "destroyed 12 drones over the regions of Belgorod and Kursk, the Defence Ministry said": a
 * national body's figure over two regions is its total — not "two more over the Kaluga and Smolensk regions".
 */
function nationalTotal(facts: SentenceFacts, n: MunitionNumber, speakerHere: Speaker | null, lex: Lexicon): boolean {
  if (!speakerHere || !NATIONAL_BODY.test(speakerHere.name)) return false;
  const near = [facts.tokens[n.mention.first - 1], facts.tokens[n.mention.last + 1]];
  return !near.some((t) => t && isMoreWord(lex, t.lower));
}

/** The country of a tally with no place: the sentence's, its speaker's, the places' around it, the document's. */
function tallyCountry(facts: SentenceFacts, ctx: Context, speakerHere: Speaker | null): CountryCode | null {
  const votes = ctx.countryVotes;
  const documentCountry: CountryCode | null = votes.RU === votes.UA ? null : votes.RU > votes.UA ? "RU" : "UA";
  // Last resort: a Ukrainian-language tally is about Ukraine (Russian is written on both sides).
  // "Россия атаковала Украину 90 беспилотниками, 70 из них сбиты": the country attacked, not the attacker named first.
  return (
    facts.attackedCountry ??
    facts.country ??
    countryOfBody(speakerHere?.name ?? ctx.speaker?.name) ??
    countryFromPlaces(facts) ??
    (ctx.region ? countryOf(ctx.region.place) : null) ??
    // "…в направлении Киевской, Житомирской и Черкасской областей. Силами ПВО сбиты 45 из них": the attack just told.
    ctx.lastEvent.find((d) => d.country !== null)?.country ??
    documentCountry ??
    (ctx.language === "uk" ? "UA" : null)
  );
}

/** The places a sentence names right after an attack verb, with the list that follows ("атакував Херсон, Антонівку та …"). */
function attackedPlaces(facts: SentenceFacts, lex: Lexicon): Set<PlaceMention> {
  const out = new Set<PlaceMention>();
  const { tokens, places } = facts;
  const text = facts.sentence.text;
  const offset = facts.sentence.start;
  let previous: PlaceMention | null = null;
  // "Атакам подверглись:\n— Брянская область;": the items of a list of attacked places.
  const underFire = tellsUnderFire(tokens, lex) || facts.cues.some(cueOfAListHeader);
  const sorted = [...places].sort(byStart);
  const recorded = recordedAttack(tokens, lex);
  for (let k = 0; k < sorted.length; k++) {
    const p = sorted[k];
    const b = wordBeforeAttackedPlace(tokens, p, lex);
    const before = tokens[b];
    // (A region's mention ends at its adjective: its noun «область» comes first.)
    const listEnd = attackedListLast(sorted, k, tokens, text, offset, lex);
    const afterVerb =
      namedAmongAttacked(facts, before, b) ||
      (before !== undefined && isAttackVerb(lex, before.lower)) ||
      afterAttackNoun(tokens, b + 1, lex) ||
      attackWordAfter(tokens, b, listEnd, text, offset, lex) ||
      listAfterColonOfAttack(facts, p, lex);
    if (
      afterVerb ||
      continuesAttackedList(out, previous, p, text, offset, lex) ||
      listUndergoesAttack(tokens, text, offset, listEnd, lex) ||
      recordedThere(tokens, text, offset, p, before, recorded, lex) ||
      afterGappedDistrict(out, tokens, text, offset, p) ||
      ((facts.defenceActive || underFire) && p.kind !== "water")
    )
      out.add(p);
    previous = p;
  }
  return out;
}

// attackedPlaces reads each place in the steps below, each a function of its own (one large function with its
// closures was compiled again and again as its optimised code met new shapes).

const byStart = (a: PlaceMention, b: PlaceMention) => a.start - b.start;
/** A cue with no place of its own (a list header's), not of downings. */
const cueOfAListHeader = (c: KindCue) => c.first === -1 && c.kind !== "interception";

/**
 * The last token of the list of places that starts with sorted[k] («По городу Шебекино, сёлам Белянка и Чайки»),
 * with the district and region in the genitive right after it («По селу Кучеров Стародубского округа Брянской
 * области противник нанёс удар»: its setting, part of the list's words before the verb).
 */
function attackedListLast(sorted: PlaceMention[], k: number, tokens: Token[], text: string, offset: number, lex: Lexicon): number {
  let j = k;
  while (j + 1 < sorted.length && isListGap(text.slice(sorted[j].end - offset, sorted[j + 1].start - offset), lex)) j++;
  return settingAfter(tokens, text, offset, sorted[j].last, lex);
}

/** The token before place p once the words naming its kind, its number, its districts and the means of the attack are skipped. */
function wordBeforeAttackedPlace(tokens: Token[], p: PlaceMention, lex: Lexicon): number {
  // "подверглись городские округа Коломна…", "атаковали г.о. Коломна": the words naming the kind of place are skipped.
  let b = p.first - 1;
  // («зазнали міські округи Коломна і Серпухов»: an okrug's words in the pack's okrug_kind and okrug_noun too.)
  while (b > 0 && (isPlaceTypeWord(tokens[b].lower) || lex.okrugKind.has(tokens[b].lower) || lex.okrugNoun.has(tokens[b].lower))) b--;
  // «атаковали приграничные сёла Кистер и Хоромное»: an adjective of the kind of place.
  for (let n = 0; n < 2 && b > 0 && b < p.first - 1 && !tokens[b].capital && PLACE_ADJECTIVE.test(tokens[b].lower); n++) b--;
  // «атаковал территорию населённых пунктов Сушан и Лобановки»: the territory of the places named after it.
  if (b > 0 && b < p.first - 1 && lex.placeKindBefore.has(tokens[b].lower)) b--;
  if (p.kind === "region") b = beforeRegionsPlaces(tokens, p, b, lex);
  return beforeMeansOfAttack(tokens, b, lex);
}

/** Before a region: the places of it told by their number and kind, or its districts before it. */
function beforeRegionsPlaces(tokens: Token[], p: PlaceMention, b: number, lex: Lexicon): number {
  // "атакував 32 населені пункти Запорізької області", "обстріляв 5 громад Сумщини": the places of a
  // region told by their number and kind (hromadas, districts), the region after them in the genitive.
  // («по двум населённым пунктам Белгородской области»: the number in words too.)
  if (b < p.first - 1 && b > 0 && (tokens[b].digits || wordValue(tokens[b].lower) !== undefined)) b--;
  // "attacked 14 settlements in the Sumy region": English puts the region after its preposition.
  else if (b >= 3 && lex.inPlace.has(tokens[b - (tokens[b].lower === "the" ? 1 : 0)].lower)) {
    const k = b - (tokens[b].lower === "the" ? 2 : 1);
    if (lex.countedPlaces.has(tokens[k].lower) && (tokens[k - 1].digits || wordValue(tokens[k - 1].lower) !== undefined)) b = k - 2;
  } else if (b > 0 && lex.districtWords.matchAt(tokens, b)) {
    b--;
    if (b > 0 && tokens[b].digits) b--;
    // «атаковали Купянский и Изюмский районы Харьковской области»: the districts' adjectives before their noun.
    else if (b > 0 && isDistrictAdjective(tokens[b]))
      while (b > 0 && (isDistrictAdjective(tokens[b]) || (lex.conjunction.has(tokens[b].lower) && isDistrictAdjective(tokens[b - 1])))) b--;
  }
  // «населённые пункты Климовского, Суземского и Погарского районов»: the districts' adjectives listed before the last, and the places' word.
  if (p.district) {
    let a = p.first - 1;
    // («Атакам подверглись Купянский и Изюмский районы»: in the nominative too.)
    while (
      a > 0 &&
      (lex.conjunction.has(tokens[a].lower) ||
        (tokens[a].capital && lex.districtAdjective.test(tokens[a].lower)) ||
        isDistrictAdjective(tokens[a]))
    )
      a--;
    while (a > 0 && isPlaceTypeWord(tokens[a].lower)) a--;
    if (a < p.first - 1) b = a;
  }
  return b;
}

/**
 * «атаковали с помощью ударных БПЛА населённые пункты …», «с применением FPV-дронов и артиллерии»: the means
 * told between the verb and what was attacked (the pack's by_means words) are skipped.
 * (Not over a verb of its own right before the place: «атаковали … с помощью FPV-дронов и артиллерии: досталось Никополю».)
 */
function beforeMeansOfAttack(tokens: Token[], b: number, lex: Lexicon): number {
  for (let k = b; k > 0 && k >= b - 5 && !isAttackVerb(lex, tokens[b].lower); k--) {
    const means = lex.byMeans.matchAt(tokens, k);
    if (means && means.last <= b) return k - 1;
  }
  return b;
}

/**
 * "атакував Нікопольський район: Нікополь, …": the list after the colon is what was attacked.
 * («Атакам подверглись населённые пункты Климовского района — Сушаны, …»: after a dash, and after the words of undergoing one.)
 */
function listAfterColonOfAttack(facts: SentenceFacts, p: PlaceMention, lex: Lexicon): boolean {
  const { tokens } = facts;
  const text = facts.sentence.text;
  const offset = facts.sentence.start;
  return (
    (p.first > 0 &&
      /:\s*$/.test(text.slice(tokens[p.first - 1].end - offset, p.start - offset)) &&
      (attackVerbWithin(tokens, Math.max(0, p.first - 6), p.first, lex) || attackCueBefore(facts, p.first))) ||
    opensAttackedList(tokens, text, offset, p.first, lex)
  );
}

function attackVerbWithin(tokens: Token[], from: number, to: number, lex: Lexicon): boolean {
  for (let k = from; k < to; k++) if (isAttackVerb(lex, tokens[k].lower)) return true;
  return false;
}

/** A cue of an attack or a hit ending in the seven tokens before token `first`. */
function attackCueBefore(facts: SentenceFacts, first: number): boolean {
  for (const c of facts.cues) if (c.kind !== "interception" && c.first >= 0 && c.last < first && c.last >= first - 7) return true;
  return false;
}

/** «атакам подверглись 12 населённых пунктов, в том числе Шебекино, Графовка и Белянка»: the places named of those attacked. */
function namedAmongAttacked(facts: SentenceFacts, before: Token | undefined, b: number): boolean {
  if (before === undefined || !(before.lower === "включая" || (before.lower === "числе" && facts.tokens[b - 1]?.lower === "том")))
    return false;
  for (const c of facts.cues) if (c.kind !== "interception" && c.first >= 0 && c.last < b) return true;
  return false;
}

/** «Шебекино, Графовка и Безымено подверглись атаке», «Запоріжжя зазнало атаки»: the places the list's verb says underwent one. */
function listUndergoesAttack(tokens: Token[], text: string, offset: number, listEnd: number, lex: Lexicon): boolean {
  // (A region's mention ends at its adjective: its noun «область» comes first.)
  const last = listEnd + 1 < tokens.length && lex.regionNoun.has(tokens[listEnd + 1].lower) ? listEnd + 1 : listEnd;
  if (!(last + 1 < tokens.length && /^\s+$/.test(text.slice(tokens[last].end - offset, tokens[last + 1].start - offset)))) return false;
  if (undergoneAt(tokens, last + 1, lex)) return true;
  // "Kurchatov was attacked overnight", "Shostka has been repeatedly shelled": the pack's passive, its auxiliary first.
  if (!lex.passiveAuxiliary.has(tokens[last + 1].lower)) return false;
  for (let k = last + 2; k < last + 4 && k < tokens.length; k++) if (lex.undergonePassive.has(tokens[k].lower)) return true;
  return false;
}

/** «Атаки зафиксированы в Тёткино, …», «В Сушанах зафиксированы атаки»: a place of the clause that tells attacks recorded. */
function recordedThere(
  tokens: Token[],
  text: string,
  offset: number,
  p: PlaceMention,
  before: Token | undefined,
  recorded: number,
  lex: Lexicon,
): boolean {
  return (
    recorded >= 0 &&
    p.kind !== "region" &&
    p.kind !== "water" &&
    before !== undefined &&
    lex.recordedAt.has(before.lower) &&
    !/[.;:!?]/.test(text.slice(Math.min(p.end, tokens[recorded].end) - offset, Math.max(p.start, tokens[recorded].start) - offset))
  );
}

/** A place listed right after one found attacked. */
function continuesAttackedList(
  out: Set<PlaceMention>,
  previous: PlaceMention | null,
  p: PlaceMention,
  text: string,
  offset: number,
  lex: Lexicon,
): boolean {
  if (previous === null || !out.has(previous)) return false;
  const gap = text.slice(previous.end - offset, p.start - offset);
  return isListGap(gap, lex) || lex.districtGroupGap.test(gap);
}

/**
 * «В Грайворонском округе атакованы Дунайка и Козинка, в Шебекинском — Графовка»: after a district's adjective
 * with its noun and its verb left out, and a dash, the places of the verb told before.
 */
function afterGappedDistrict(out: Set<PlaceMention>, tokens: Token[], text: string, offset: number, p: PlaceMention): boolean {
  return (
    out.size > 0 &&
    p.first >= 2 &&
    /^\s+[—–-]\s+$/.test(text.slice(tokens[p.first - 1].end - offset, p.start - offset)) &&
    ellipticDistrict(tokens, text, p.first - 1, offset)
  );
}

/**
 * The token of the places' word after a figure in «43 удара по 14 населённым пунктам», «38 раз атаковали населённые
 * пункты» (a figure, then onto_place or an attack verb, then the places), or -1.
 */
function figureOverPlaces(facts: SentenceFacts, lex: Lexicon): number {
  const { tokens } = facts;
  const onto = (t: Token) => lex.ontoPlace.has(t.lower) || isAttackVerb(lex, t.lower);
  for (const n of facts.munitionNumbers) {
    const on = tokens.findIndex((t, k) => k > n.mention.last && k <= n.mention.last + 3 && onto(t));
    if (on < 0) continue;
    let k = tokens[on + 1]?.digits ? on + 2 : on + 1;
    let word = -1;
    for (; k < tokens.length && (isPlaceTypeWord(tokens[k].lower) || lex.placesListed.has(tokens[k].lower)); k++) word = k;
    if (word >= 0 && lex.placesListed.has(tokens[word].lower)) return word;
  }
  return -1;
}

/** The endings of an adjective before a kind of place («приграничные сёла», «прикордонні села»). */
const PLACE_ADJECTIVE = /\p{L}{3}(ые|ых|ие|их|ое|ий|ый|ая|ой|ую|ым|им|ні|них|не|ну|на)$/u;

/** The token of a verb of recording beside a noun of an attack («Атаки зафиксированы», «зафіксовано удари»), or -1. */
function recordedAttack(tokens: Token[], lex: Lexicon): number {
  for (let k = 0; k < tokens.length; k++) {
    if (!lex.recorded.has(tokens[k].lower)) continue;
    for (let j = Math.max(0, k - 2); j <= Math.min(tokens.length - 1, k + 2); j++)
      if (j !== k && (lex.attackOn.matchAt(tokens, j) || lex.attackOf.has(tokens[j].lower))) return k;
  }
  return -1;
}

/** «атакам подверглись 12 населённых пунктов», «атаковали 8 сёл»: a figure of places after a word of an attack. */
function countsAttackedPlaces(lex: Lexicon, facts: SentenceFacts): boolean {
  const { tokens } = facts;
  return tokens.some(
    (t, k) =>
      t.digits &&
      lex.countedPlaces.has(tokens[k + 1]?.lower ?? "") &&
      facts.cues.some((c) => c.kind !== "interception" && c.first >= 0 && c.last < k && k - c.last <= 3),
  );
}

/** The first place and those listed right after it ("власти Брянской и Смоленской областей"). */
function firstList(places: PlaceMention[], facts: SentenceFacts, lex: Lexicon): PlaceMention[] {
  const out = places.slice(0, 1);
  const offset = facts.sentence.start;
  for (const p of places.slice(1)) {
    const between = facts.sentence.text.slice(out[out.length - 1].end - offset, p.start - offset);
    if (!lex.commaOrConjunction.test(between)) break;
    out.push(p);
  }
  return out;
}

/** "атака на Киев", "массированной атаки дронов на Київ", "the drone attack on Kyiv", «нанесли удар по Белгороду»: the place after the word is what was attacked. */
function afterAttackNoun(tokens: Token[], first: number, lex: Lexicon): boolean {
  // "удару по селу Юнаківка", "a strike on the village of …": the words naming the kind of place stand between.
  let on = first - 1;
  while (on > 0 && on >= first - 3 && isPlaceTypeWord(tokens[on].lower)) on--;
  if (!lex.ontoPlace.has(tokens[on]?.lower ?? "")) return false;
  for (let i = on - 1; i >= Math.max(0, on - 4); i--) if (lex.attackOn.matchAt(tokens, i)) return true;
  // "По Харкову завдано удару", "по Сумах вдарили": the strike word told after the place.
  if (on === 0) for (let i = first + 1; i <= Math.min(tokens.length - 1, first + 3); i++) if (lex.attackOn.matchAt(tokens, i)) return true;
  return false;
}

/** The last token of the district and region named in the genitive right after token `last` («Кучеров Стародубского
 * муниципального округа Брянской области»), or `last` when none follows. */
function settingAfter(tokens: Token[], text: string, offset: number, last: number, lex: Lexicon): number {
  let k = last;
  for (;;) {
    let j = k + 1;
    while (j < tokens.length && tokens[j].capital && lex.genitiveAdjective.test(tokens[j].lower)) j++;
    if (j === k + 1 || j >= tokens.length || !/^\s+$/.test(text.slice(tokens[j - 1].end - offset, tokens[j].start - offset))) return k;
    const district = lex.districtWords.matchAt(tokens, j);
    if (district) k = district.last;
    else if (lex.regionNoun.has(tokens[j].lower)) k = j;
    else return k;
  }
}

/** «По Шебекино нанесен удар», «по селу Головчино ВСУ нанесли удар»: the place after `onto_place` (token `at`), the strike word a few words after it. */
function attackWordAfter(tokens: Token[], at: number, last: number, text: string, offset: number, lex: Lexicon): boolean {
  if (at < 0 || !lex.ontoPlace.has(tokens[at].lower)) return false;
  for (let k = last + 1; k < tokens.length && k <= last + 4; k++) {
    if (/[,.;:!?()—–]/.test(text.slice(tokens[k - 1].end - offset, tokens[k].start - offset))) return false;
    if (lex.attackOn.matchAt(tokens, k)) return true;
  }
  return false;
}

/**
 * "Посёлок Уразово был атакован тремя дронами. Пострадавших нет. В Колотиловке дрон ударил по
 * автомобилю": a denial told right after one village's incident is about that village, not the
 * villages told after it (a downing over the region told after it is still covered).
 */
function aboutOneSettlement(said: Draft[]): boolean {
  return said.length > 0 && said.every((d) => d.settlement !== null && d.settlement === said[0].settlement);
}

/**
 * "Nobody was hurt" told before the incidents it covers: in its paragraph, or — by a named speaker,
 * whose statement may run over ("Pervyshev said nobody was hurt. \n He said three drones were shot
 * down") — in the next one.
 */
function deniedHere(denial: { block: number; official: string | null }, block: number): boolean {
  return denial.block === block || (denial.official !== null && denial.block === block - 1);
}

/** The incidents of the statement the last ones belong to: the same official and country, told in the last few sentences. */
function sameStatement(drafts: Draft[], last: Draft[], index: number, sentences: Sentence[], block: number): Draft[] {
  const { official, country } = last[last.length - 1];
  // The same speaker, the same country, and the same paragraph: "no victims" goes onto the incidents it follows.
  // (Back over an unbroken run of sentences that each told an incident: «• Рыльск — атака FPV-дрона; • Глушково — …; …
  // Пострадавших нет» covers every item of the list.)
  const told = new Set(drafts.map((d) => d.origin));
  let from = index - 3;
  while (from > 0 && told.has(from - 1) && told.has(from)) from--;
  const statement = drafts.filter(
    (d) =>
      d.origin >= from &&
      // (Not onto a place whose own toll was told: "В A ранен мужчина. В B повреждён дом. Пострадавших нет" is B's.)
      (last.includes(d) || !(d.killed || d.injured)) &&
      d.official === official &&
      d.country === country &&
      // A named speaker's statement may run over into the next paragraph ("Еще один дрон был уничтожен … Пострадавших нет").
      (sentences[d.origin].block === block || (official !== null && sentences[d.origin].block === block - 1)),
  );
  // "… повреждена крыша. Никто не пострадал." on its own line, after figures told a line before: the
  // denial goes with its own line's incident, not back onto those.
  const paragraph = sentences[index].paragraph;
  const ownLine = statement.filter((d) => sentences[d.origin].paragraph === paragraph);
  return [...new Set([...(ownLine.length ? ownLine : statement), ...last])];
}

/**
 * "Укренерго: внаслідок нічної атаки пошкоджено об'єкти енергетики", "Пошкоджено об'єкти генерації"
 * after "удару по енергетиці України": damage told before any place is named hit the country the
 * text told attacked, or its own sentence's country cues ("in a Russian attack") — or, in a
 * Ukrainian text that names none, Ukraine.
 */
function countryOfUnplacedDamage(ctx: Context, facts: SentenceFacts): CountryCode | null {
  if (ctx.inHeadline || (ctx.region !== null && !ctx.region.past) || ctx.lastEvent.some((d) => d.region !== null || d.water_area != null))
    return null;
  // "…were damaged in a Russian attack overnight": the country the sentence's own cues point to —
  // the other one when that country is the doer («Росія знову атакувала енергетику»: Ukraine was hit).
  const doer = facts.country !== null && facts.country === facts.attackerCountry;
  const country = doer ? (facts.country === "RU" ? "UA" : "RU") : facts.country;
  return ctx.attackedCountry ?? country ?? (ctx.language === "uk" ? "UA" : null);
}

/**
 * Hits counted by site with no place and no munition figure of their own ("Hits were recorded at 11 locations"),
 * or a hit told bare, with nothing else in the sentence («Є влучання.», "There were hits.").
 */
function hitsAtSites(facts: SentenceFacts, lex: Lexicon): boolean {
  return (
    !facts.places.length &&
    !facts.attributivePlaces.length &&
    !facts.munitionNumbers.length &&
    facts.cues.some((c) => c.kind === "strike") &&
    (lex.hitSites.has(facts.tokens) || bareHit(facts, lex))
  );
}

/** A hit told with nothing else, not even a thing hit («Є влучання.», «Також зафіксовано влучання.»). */
function bareHit(facts: SentenceFacts, lex: Lexicon): boolean {
  return (
    facts.tokens.length <= 4 &&
    lex.hitTold.has(facts.tokens) &&
    !facts.targets.length &&
    !facts.tokens.some((t) => lex.genericTarget.has(t.lower))
  );
}

/** An air force, ministry or general staff: it speaks for the whole country. */
function nationalBody(speaker: Speaker | null): boolean {
  return speaker !== null && speaker.region === null && NATIONAL_BODY.test(speaker.name);
}

/** The incidents just before were country tallies (an air force's figures go on sentence by sentence). */
function followsCountryTally(last: Draft[]): boolean {
  return last.length > 0 && last.every((d) => d.region === null && d.water_area == null && d.country !== null);
}

/** The country of a national body that gives a tally ("Ukrainian Air Force", "Russian Ministry of Defence"). */
function countryOfBody(name: string | undefined): CountryCode | null {
  if (!name) return null;
  if (/\bUkrain/.test(name)) return "UA";
  if (/\bRussian\b/.test(name)) return "RU";
  return null;
}

/**
 * "Drones attacked Odesa, damaging port infrastructure. Air defence also shot down four drones over
 * Mykolaiv Oblast. Two port workers were injured": people hurt, told without a place or debris after a
 * downing of another region, are of the hit told just before it in the same paragraph.
 */
function hitBeforeTheDowning(drafts: Draft[], last: Draft[], facts: SentenceFacts, sentences: Sentence[], block: number): Draft[] | null {
  const c = facts.casualties;
  if (facts.places.length || facts.debris || facts.refersToRegion || (!c.killed && !c.injured)) return null;
  if (!last.length || last.some((d) => d.kind !== "interception")) return null;
  const hits = drafts.filter(
    (d) =>
      d.kind === "strike" &&
      !d.implied &&
      d.killed === null &&
      d.injured === null &&
      (d.targets.length > 0 || d.settlement !== null) &&
      facts.index - d.origin <= 3 &&
      sentences[d.origin].block === block &&
      !last.some((o) => o.region === d.region),
  );
  return hits.length === 1 && last.every((o) => o.origin > hits[0].origin) ? hits : null;
}

/**
 * "… destroyed 30 drones over several regions, including 10 over Belgorod Oblast. The governor said two
 * people were injured in the region": "the region" is the one named, not the country's tally.
 */
function regionNotCountry(last: Draft[], facts: SentenceFacts): Draft[] | null {
  if (!facts.refersToRegion || facts.places.length) return null;
  const regional = last.filter((d) => d.region !== null && !d.implied);
  return regional.length && regional.length < last.length ? regional : null;
}

/**
 * «На Херсонщині росіяни били по 12 населених пунктах, зокрема по A та B. Пошкоджено 14 будинків»: damage told
 * next, for none of the places named, is the region's (guide, rule 4) — its incident told with them takes it.
 */
function regionOfItsPlaces(last: Draft[]): Draft[] | null {
  const region = last.filter((d) => d.kind !== "interception" && !d.implied && d.region !== null && d.settlement === null);
  if (region.length !== 1) return null;
  const places = last.filter(
    (d) => d.kind !== "interception" && d.settlement !== null && d.region === region[0].region && d.origin === region[0].origin,
  );
  return places.length >= 2 ? region : null;
}

/**
 * «На Херсонщині росіяни били по 12 населених пунктах, зокрема по Бериславу»: the region's places are
 * counted, then some named — the region's own incident stands beside theirs (guide, rule 3).
 */
function placesCountedThenNamed(facts: SentenceFacts, region: PlaceMention, lex: Lexicon): boolean {
  for (let k = region.last + 1; k < facts.tokens.length; k++) {
    const m = lex.placesThenNamed.matchAt(facts.tokens, k);
    if (m) return facts.places.some((p) => p !== region && p.first > m.last);
  }
  return false;
}

/** A region named only as the home of a settlement in the same sentence ("в селе X Белгородской области"). */
function containsNamedSettlement(
  region: PlaceMention,
  places: PlaceMention[],
  contextRegion: PlaceMention | null,
  text: string,
  sentenceStart: number,
  lex: Lexicon,
): boolean {
  // "In the Sumy region, Krasnopillia was shelled", «На Сумщині, Білопілля …»: the region opens the sentence as where, not as what.
  const opening = lex.inPlace.has(text.slice(sentenceStart, region.start).trim().toLowerCase().split(/\s+/).join(" "));
  return places.some((p) => {
    if (p.kind !== "settlement" && p.kind !== "city") return false;
    const inRegion = p.regions.length
      ? p.regions.some((r) => region.regions.includes(r) || region.regions.includes(ENCLOSED_BY[r] ?? ""))
      : contextRegion === region || (contextRegion?.regions ?? []).some((r) => region.regions.includes(r));
    if (!inRegion) return false;
    // "Запорізька область та місто Запоріжжя зазнали атаки": both were attacked.
    const [a, b] = region.start < p.start ? [region, p] : [p, region];
    const between = text.slice(a.end, b.start);
    // "in Grayvoron, Belgorod region": the town's region in apposition.
    if ((a === p || opening) && /^\s*(област\p{L}*|oblast|region)?\s*,\s*$/iu.test(between)) return true;
    // «Запорізька область, місто Запоріжжя зазнали атаки»: an address, the region and then the kind of place and its name.
    if (a === region && ADDRESS_AFTER_REGION.test(between)) return true;
    return !/^\s*(област\p{L}*|oblast|region|регион\p{L}*)?\s*(,|та|и|і|й|and|as well as)\s*(місто|город|city|the city of|oblast|област\p{L}*|region)?\s*$/iu.test(
      between,
    );
  });
}

/** City-regions that lie inside another region: "Sevastopol, the largest city in Crimea" names Crimea only as where the city is. */
const ENCLOSED_BY: Record<string, string> = { "UA-40": "UA-43" };

const ADDRESS_AFTER_REGION =
  /^\s*(област\p{L}*|oblast|region|регион\p{L}*)?\s*,\s*(місто|город|село|селище|поселок|посёлок|м\.|г\.|с\.|смт)\s*$/iu;

/** Crimea and Sevastopol: UA by convention, yet reported by Russian sources as Russia. */
function isCrimea(place: PlaceMention): boolean {
  return place.regions.some((r) => r === "UA-43" || r === "UA-40");
}

function countryOf(place: PlaceMention): CountryCode | null {
  if (place.kind === "water") return null;
  const iso = place.regions[0];
  return iso ? (iso.slice(0, 2) as CountryCode) : null;
}

function countryFromPlaces(facts: SentenceFacts): CountryCode | null {
  const p = facts.places.concat(facts.attributivePlaces).find((x) => x.regions.length);
  return p ? countryOf(p) : null;
}

/** Someone was hurt: a figure, or told without one (null); not 0 and not unmentioned. */
const hurt = (n: number | null | undefined) => n === null || (n !== undefined && n > 0);

function cueToKind(cue: CueKind | null, facts: SentenceFacts): IncidentKind | null {
  if (!cue) return null;
  if (cue === "attack") {
    // "attacked a car", "атаковали автомобиль": an attack with a target named is a hit; so is one
    // with people hurt, counted or not ("there are wounded", «є поранені»).
    // So is one with damage or fire told of something the pack has no target word for («повреждён причал»).
    if (facts.targets.length || facts.damageTold || hurt(facts.casualties.killed) || hurt(facts.casualties.injured)) return "strike";
    return "attack";
  }
  return cue;
}

/**
 * "Дрон атакував житловий будинок. Це сталося в Нікополі, постраждали троє людей": a sentence telling where the hit
 * just told happened (the pack's happened_verb and in_preposition before the place), with its toll and no munition of its
 * own, makes no hit of its own: refineSettlement places the hit told before, which takes its details.
 */
function placesTheLastHit(last: Draft[], created: Draft[], facts: SentenceFacts, lex: Lexicon): boolean {
  if (!lex.happenedIn.test(facts.sentence.text) || facts.munitionNumbers.length) return false;
  const hits = last.filter((d) => d.kind !== "interception" && !d.implied);
  if (hits.length !== 1 || hits[0].settlement || hits[0].killed !== null || hits[0].injured !== null) return false;
  return created.every((d) => d.kind !== "interception" && d.count === null && (!hits[0].region || d.region === hits[0].region));
}

/** "Это произошло в Грайвороне": the settlement of the incident just told. */
function refineSettlement(drafts: Draft[], facts: SentenceFacts, language: LanguageCode) {
  const m = facts.sentence.text.match(lexiconFor(language).happenedIn);
  if (!m) return;
  const word = m[1];
  const mention = facts.places.find((p) => (p.kind === "settlement" || p.kind === "city") && p.text.startsWith(word));
  for (const d of drafts) {
    if (d.settlement || d.kind === "interception") continue;
    if (mention?.regions.length && d.region && mention.regions[0] !== d.region) continue;
    // A hit told before its place ("Пошкоджено будинок. Це сталося у Харкові"): the place's region too.
    if (mention?.regions.length && !d.region) {
      d.region = mention.regions[0];
      d.country = d.region.slice(0, 2) as CountryCode;
    }
    d.settlement = mention?.name ?? (language === "en" ? word : transliterate(word, language));
    d.settlement_text = mention?.text ?? word;
    d.sentences.add(facts.index);
  }
}

/**
 * Casualties told after a list of struck places, without saying where ("Під ударом опинились
 * Херсон, Берислав та Станіслав. Загинула одна людина"), belong to none of them in particular:
 * they make an incident of the region, as the annotation guide has it.
 */
function casualtiesOfSeveralPlaces(last: Draft[], facts: SentenceFacts): Draft | null {
  const c = facts.casualties;
  if (c.nobodyHurt || (!c.killed && !c.injured) || facts.places.length) return null;
  // (The region's own incident told with them, «по 12 населених пунктах, зокрема по A, B», is no place of the list: the toll merges into it.)
  const hits = last.filter(
    (d) => d.kind !== "interception" && !d.implied && !(d.settlement === null && last.some((o) => o.settlement && o.region === d.region)),
  );
  if (hits.length < 2 || hits.some((d) => d.killed !== null || d.injured !== null)) return null;
  const settlements = new Set(hits.map((d) => d.settlement));
  const regions = new Set(hits.map((d) => d.region));
  // "…атакувала Херсонську, Харківську та Запорізьку області. Внаслідок ударів загинула одна людина":
  // told for the attack on several regions together, the toll is the country's, not the last region's.
  const severalRegions = regions.size >= 2 && !regions.has(null);
  const severalPlaces = regions.size === 1 && !settlements.has(null) && settlements.size >= 2;
  if (!severalRegions && !severalPlaces) return null;
  return regionLevelStrike(
    hits[0],
    facts,
    severalRegions ? null : hits[0].region,
    severalRegions
      ? `casualties of sentence ${facts.index + 1} told for several regions together: a country-level strike carries them`
      : `casualties of sentence ${facts.index + 1} told for several places of ${hits[0].region} together: a region-level strike carries them (guide)`,
  );
}

/**
 * «Ворог атакував Нікополь, Марганецьку та Покровську громади. Пошкоджено приватний будинок»: damage told
 * after a list of places of one region, without saying where, is none of them in particular — a strike of
 * the region with no settlement carries it (annotation guide, rule 4), as casualtiesOfSeveralPlaces does a toll.
 */
function damageOfSeveralPlaces(last: Draft[], facts: SentenceFacts): Draft | null {
  if (facts.places.length || facts.attributivePlaces.length || !facts.targets.length || !facts.cues.some((c) => c.kind === "strike"))
    return null;
  const hits = last.filter((d) => d.kind !== "interception" && !d.implied);
  // (The region's own incident told with them carries it already: regionOfItsPlaces.)
  if (hits.length < 2 || hits.some((d) => d.settlement === null || d.region === null || d.region !== hits[0].region)) return null;
  if (new Set(hits.map((d) => d.settlement)).size < 2 || new Set(hits.map((d) => d.origin)).size !== 1) return null;
  if (facts.index - hits[0].origin > 3 || hits.some((d) => d.targets.length || d.killed !== null || d.injured !== null)) return null;
  return regionLevelStrike(
    hits[0],
    facts,
    hits[0].region,
    `damage of sentence ${facts.index + 1} told for several places of ${hits[0].region} together: a region-level strike carries it (guide, rule 4)`,
  );
}

/**
 * "Дрон атаковал Шебекино, ранены двое. Всего за сутки в регионе ранены пять человек", "In Kherson
 * a drone hit a bus, injuring the driver. In total, nine people were injured in the region": after a
 * place with a toll of its own, a toll told for the region is the region's (guide, rule 4) — a
 * strike of the region with no settlement carries it, not the town told before.
 */
function casualtiesOfTheRegion(last: Draft[], facts: SentenceFacts): Draft | null {
  const c = facts.casualties;
  if (c.nobodyHurt || (!c.killed && !c.injured) || facts.places.length || !facts.refersToRegion) return null;
  const hits = last.filter((d) => d.kind !== "interception" && !d.implied);
  if (!hits.length || hits.some((d) => !d.settlement) || new Set(hits.map((d) => d.region)).size !== 1 || hits[0].region === null)
    return null;
  // (A town told without a toll gives way only to a total: "Всего за сутки в регионе ранены пять человек".)
  if (!hits.some((d) => d.killed || d.injured) && !facts.tally) return null;
  // (The same figure again restates the place's toll: "The boat's three injured crew members were treated, the region's headquarters said".)
  if (hits.some((d) => (c.killed && d.killed === c.killed) || (c.injured && d.injured === c.injured))) return null;
  return regionLevelStrike(
    hits[0],
    facts,
    hits[0].region,
    `casualties of sentence ${facts.index + 1} told for the region after a place's own: a region-level strike carries them (guide, rule 4)`,
  );
}

/**
 * "одного погибшего и трех раненых в Видном и Домодедово", "killed one and injured three in A and B":
 * casualties told before a list of places, for all of them together — a strike of the region with
 * no settlement carries them, and each place keeps its strike without them (guide).
 */
function casualtiesBeforeSeveralPlaces(created: Draft[], facts: SentenceFacts, lex: Lexicon): Draft | null {
  const c = facts.casualties;
  // (Not "по двоє в A та B": that is each place's figure.)
  const breakdown = !!c.further?.length && c.further.every((e) => e.breakdown);
  if (c.nobodyHurt || c.at === undefined || (!c.killed && !c.injured) || (c.further?.length && !breakdown) || c.eachKinds) return null;
  const hits = created.filter((d) => d.kind !== "interception" && !d.implied);
  // ("attacked Sumy, Kharkiv and Donetsk oblasts, killing two": regions joined, each once, like settlements.)
  const regionsOnly = hits.every((d) => !d.settlement);
  if (hits.length < 2 || hits.some((d) => (!d.settlement && !regionsOnly) || !d.spans.place)) return null;
  const spans = hits.map((d) => d.spans.place as { start: number; end: number }).sort((a, b) => a.start - b.start);
  const { text, start } = facts.sentence;
  const regions = new Set(hits.map((d) => d.region));
  const eachOnce = new Set(hits.map((d) => (regionsOnly ? d.region : d.settlement))).size === hits.length;
  const placesFirst = !breakdown && eachOnce && jointPlacesBefore(spans, c, facts);
  if (placesFirst && new Set(hits.map((d) => d.country)).size === 1)
    return regionLevelStrike(
      hits[0],
      facts,
      regions.size === 1 ? hits[0].region : null,
      `casualties of sentence ${facts.index + 1} told after ${hits.length} places joined together: a strike without a settlement carries them (guide)`,
    );
  if (regions.size !== 1 || regionsOnly) return null;
  // "attacked Nikopol, Marhanets and Pokrov overnight, injuring a man", "обстреляли A и B, ранены трое":
  // a toll right after the list, in a clause of its own, is the list's together too.
  const after = spans[0].start < c.at ? text.slice(spans[spans.length - 1].end - start, c.at - start) : null;
  if (after !== null && !TOLL_AFTER_LIST.test(after)) return null;
  // (A breakdown names its parts between the places: "двоє в A та одна в B".)
  for (let k = 1; k < spans.length && !breakdown; k++)
    if (!joinedPlaces(text.slice(spans[k - 1].end - start, spans[k].start - start), lex)) return null;
  // "Загинули 3 людини: двоє в A та одна в B": each place its part, the region-level strike the total.
  // "загинули 4 людини: по двоє в A та B": a part told for each place after it.
  if (breakdown) giveParts(hits, facts, lex);
  return regionLevelStrike(
    hits[0],
    facts,
    hits[0].region,
    `casualties of sentence ${facts.index + 1} told for ${hits.length} places of ${hits[0].region} together: a region-level strike carries them (guide)`,
  );
}
/** The parts of a casualty breakdown ("двоє в A та одна в B", "по двоє в A та B"), each onto its place. */
function giveParts(hits: Draft[], facts: SentenceFacts, lex: Lexicon) {
  for (const e of facts.casualties.further ?? [])
    for (const to of e.each ? draftsFrom(hits, facts, e.placeAt) : [nearestDraft(hits, facts, e.placeAt, lex)]) {
      if (!to) continue;
      to[e.kind] = Math.max(to[e.kind] ?? 0, e.value);
      if (to.kind === "attack") to.kind = "strike";
      to.sentences.add(facts.index);
      to.trace.push(`${e.kind} ${e.value}: its part of the total of sentence ${facts.index + 1}`);
    }
}

/** A total told with its breakdown over places of several regions ("5 injured: 3 in Belgorod and 2 in Kursk"): the parts are the places' own. */
function breakdownAcrossRegions(created: Draft[], facts: SentenceFacts): boolean {
  const c = facts.casualties;
  if (c.nobodyHurt || !c.further?.length || !c.further.every((e) => e.breakdown)) return false;
  const hits = created.filter((d) => d.kind !== "interception" && !d.implied);
  return hits.length >= 2 && new Set(hits.map((d) => d.region)).size > 1 && hits.every((d) => !!d.settlement && !!d.spans.place);
}

/** Between a list of places and its toll: a word or two ("overnight"), a comma or dash, a word or two ("в результате"). */
const TOLL_AFTER_LIST = /^(?:\s+[\p{L}-]+){0,2}\s*[,—–]\s*(?:[\p{L}-]+\s+){0,2}$/u;
const JOINED_PLACES = /^\s*(,|и|і|та|й|and|,\s*and)\s*((в|во|у|in|at)\s+)?$/u;
// («(м. Відноє) і Домодєдово (с. Ям)»: places in brackets after their okrugs, joined so.)
const joinedPlaces = (between: string, lex: Lexicon) => JOINED_PLACES.test(between) || lex.joinedBracketed.test(between);

/**
 * "Russian strikes on Kharkiv and Sumy killed three people", "удары по Горловке и Макеевке унесли
 * жизни двоих": places joined by "and" or commas, then the casualties in the same clause, no place
 * after them — told for the places together.
 */
function jointPlacesBefore(spans: Array<{ start: number; end: number }>, c: CasualtyFacts, facts: SentenceFacts): boolean {
  const { text, start } = facts.sentence;
  const at = c.at ?? 0;
  const last = spans[spans.length - 1];
  // Every place of the sentence is one of the joined ones, each named once ("… та Білозерці, у Херсоні поранено" is not).
  if (last.end > at || facts.places.length !== spans.length || facts.places.some((p) => p.start >= at)) return false;
  for (let k = 1; k < spans.length; k++)
    if (!JOINED_PLACES.test(text.slice(spans[k - 1].end - start, spans[k].start - start))) return false;
  return !/[.;:!?—–]|,\s*(?:and|и|і|та|а|но|але|but)?\s*(?:в|у|на|in|at)\s/u.test(text.slice(last.end - start, at - start));
}

function regionLevelStrike(first: Draft, facts: SentenceFacts, region: string | null, trace: string): Draft {
  return draftBeside(first, {
    kind: "strike",
    region,
    settlement: null,
    settlement_text: null,
    targets: [],
    sentences: new Set([first.origin, facts.index]),
    spans: {},
    trace: [trace],
  });
}

/** "in Tuesday's attack", "внаслідок учорашнього ракетного удару": a day word that dates the attack noun just after it. */
function dayOfAttackNoun(lex: Lexicon, facts: SentenceFacts): string | null {
  const cue = facts.date;
  if (!cue?.date || cue.basis !== "relative") return null;
  const i = facts.tokens.findIndex((t) => t.start === cue.start);
  const word = facts.tokens[i]?.text.toLowerCase() ?? "";
  // ("Tuesday's attack": English says it with a possessive.)
  if (i < 0 || (!/['’]s$/u.test(word) && !lex.dayAdjective.has(word))) return null;
  return facts.cues.some((c) => c.first > i && c.first - i <= 3) ? cue.date : null;
}

/**
 * A toll without a place of its own, with a hit word and a date of its own more than a day apart from every event
 * told just before ("killed in the March 2 drone attack on an apartment building"): another day's hit.
 */
function tollOfItsOwnDay(facts: SentenceFacts, lastEvent: Draft[]): boolean {
  // (A day named by the calendar: "Sunday's attack" after a report dated by its publication re-dates that event.)
  const day = facts.date?.basis === "explicit" ? facts.date.date : null;
  if (!day || facts.places.length || facts.attributivePlaces.length) return false;
  if (!(facts.casualties.killed || facts.casualties.injured) || !facts.cues.some((c) => c.kind !== "interception")) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return lastEvent.every((d) => d.region !== null && d.date !== null && Math.abs(Date.parse(`${d.date}T00:00:00Z`) - t) > 86_400_000);
}

/** A toll without a place of its own told at another time than the attack ("a week ago", «на прошлой неделе»). */
function ofAnotherTime(facts: SentenceFacts, lex: Lexicon): boolean {
  const toll = !!facts.casualties.killed || !!facts.casualties.injured;
  return toll && !facts.places.length && lex.anotherTime.has(facts.tokens);
}

/**
 * "In Kupiansk two were injured. In Shostka a man was killed. … In total, one person was killed and two
 * injured": a toll told as a sum («Всего», «Загалом»), with no place, after the tolls of two or more places
 * of the same post that it adds up (each part no more than the sum) belongs to none of them.
 */
function sumOfSeveralPlaces(drafts: Draft[], facts: SentenceFacts, lex: Lexicon, block: number, sentences: Sentence[]): boolean {
  const c = facts.casualties;
  if (c.nobodyHurt || (!c.killed && !c.injured) || facts.places.length || !lex.sumTold.has(facts.tokens)) return false;
  const told = drafts.filter(
    (d) => !d.implied && d.kind !== "interception" && facts.index - d.origin <= 8 && sentences[d.origin].block >= block - 4,
  );
  const places = new Set(told.map((d) => `${d.region}/${d.settlement ?? ""}`));
  const hurt = told.filter((d) => d.killed || d.injured);
  if (places.size < 2 || !hurt.length) return false;
  const sum = (kind: "killed" | "injured") => told.reduce((n, d) => n + (d[kind] ?? 0), 0);
  return (!c.killed || sum("killed") <= c.killed) && (!c.injured || sum("injured") <= c.injured);
}

/**
 * "Russian forces struck Kharkiv and Sumy. In Sumy, a drone hit a school. In Kharkiv, four people were
 * hospitalised": a sentence with no cue of its own that names a settlement of an incident told before
 * the last one goes on about that incident (undefined when it names none, or one of the last).
 */
function toldBefore(drafts: Draft[], last: Draft[], facts: SentenceFacts): Draft[] | undefined {
  if (!facts.places.length || !last.length) return undefined;
  const named = (d: Draft) => !!d.settlement && facts.places.some((p) => p.name === d.settlement);
  if (last.some(named)) return undefined;
  const earlier = drafts.filter((d) => named(d) && !d.implied && d.kind !== "interception" && d.date === last[0].date);
  return earlier.length ? earlier : undefined;
}

/** "У Харкові ніхто не постраждав" after an attack on two cities: the incidents of the places the sentence names, when it names some of them. */
function placedHere(drafts: Draft[], facts: SentenceFacts): Draft[] {
  const named = drafts.filter((d) =>
    facts.places.some((p) => (d.settlement && p.name === d.settlement) || (!d.settlement && p.regions[0] === d.region)),
  );
  return named.length ? named : drafts;
}

/** "Nobody was hurt", said in sentence `index`: 0 killed and 0 injured on the incidents it covers. */
function spareAll(drafts: Draft[], index: number): void {
  for (const d of drafts) {
    // (Not onto an incident with people hurt told before: "The boat's three crew were injured. … fragments hit four apartments, causing no injuries.")
    // (The downing that the hit's debris implies is of the same attack: it takes the zeros too, guide.)
    if (d.killed || d.injured) continue;
    d.killed ??= 0;
    d.injured ??= 0;
    d.sentences.add(index);
    d.trace.push(`nobody hurt, said in sentence ${index + 1}`);
  }
}

/** Casualties and targets of a sentence go to the incidents it created, or to the last ones. */
function attachDetails(drafts: Draft[], facts: SentenceFacts, sameSentence: boolean, lex: Lexicon, what: "all" | "targets" = "all") {
  const hits = drafts.filter((d) => d.kind !== "interception" && !d.implied);
  const c = facts.casualties;
  // (With "targets", the sentence's casualties went to another incident: see casualtiesBeforeSeveralPlaces.)
  const casualtiesHere = what === "all";
  if (casualtiesHere && c.nobodyHurt) spareAll(drafts, facts.index);
  else if (casualtiesHere && (c.killed !== undefined || c.injured !== undefined)) {
    const receivers = hits.length ? hits : drafts.filter((d) => !d.implied);
    // "A man was injured in Marhanets, and a house was damaged in Nikopol": the place of its clause.
    const nearest = (at: number | undefined) =>
      sameSentence && receivers.length > 1 && at !== undefined ? nearestDraft(receivers, facts, at, lex) : receivers[receivers.length - 1];
    const receiver = nearest(c.at);
    // "No casualties in A, while in B two were injured": A's own denial.
    const spared =
      c.deniedAt !== undefined && sameSentence && receivers.length > 1 ? nearestDraft(receivers, facts, c.deniedAt, lex) : undefined;
    const figured = [c.killedAt ?? c.at, c.injuredAt ?? c.at].map((at) => nearest(at));
    if (spared && !figured.includes(spared) && !spared.killed && !spared.injured) {
      spared.killed ??= 0;
      spared.injured ??= 0;
      spared.sentences.add(facts.index);
      spared.trace.push(`nobody hurt here, said in sentence ${facts.index + 1} (the figures of that sentence are another place's)`);
    }
    // Each kind to the place of its own clause: "one was killed in A and two were injured in B".
    for (const [kind, value, at] of [
      ["killed", c.killed, c.killedAt],
      ["injured", c.injured, c.injuredAt],
    ] as const) {
      const to = nearest(at ?? c.at);
      // "Дрони атакували Запоріжжя. Є поранені": people hurt, however many, tell a hit.
      if (to && value === null && to.kind === "attack" && !to.implied && thereAreHurt(facts, at ?? c.at, lex)) to.kind = "strike";
      if (!to || value === undefined || value === null) continue;
      // "по одній людині поранено в Білозерці та Херсоні": the same figure for each place after the word.
      const each = sameSentence && c.eachKinds?.includes(kind) ? draftsFrom(receivers, facts, at ?? c.at ?? 0) : [];
      for (const other of each.length > 1 ? each : [])
        if (other !== to) {
          other[kind] = Math.max(other[kind] ?? 0, value);
          if (other.kind === "attack") other.kind = "strike";
          other.sentences.add(facts.index);
        }
      // A later sentence that adds people ("Ще троє отримали медичну допомогу", "+1 постраждала жінка") adds to the figure.
      // The same figure again ("Ще 74 людини у лікарні" after "74 доставлені") restates it.
      // (More dead are never the same dead again: "Ще двоє людей померли" after "загинули 2 людини" adds.)
      const adds = !sameSentence && c.additive && !!to[kind] && (kind === "killed" || to[kind] !== value || !!c.furtherPeople);
      // "One of the injured died in hospital", "A woman later died of her wounds" after "2 killed, 3 injured": one more dead, one fewer injured.
      const diedOfInjured =
        kind === "killed" &&
        !sameSentence &&
        (!!c.diedOfInjured || (!!c.ofWounds && facts.update)) &&
        !!to.killed &&
        (to.injured ?? 0) >= value;
      // "Update: the number of injured has been revised to two": a corrected figure replaces the one told before, even a larger one.
      // (Only a figure told as a number, of all the people: not "уточнил, что один из пострадавших госпитализирован".)
      const corrects =
        !sameSentence &&
        !adds &&
        lex.correction.has(facts.tokens) &&
        !!c.numbered?.includes(kind) &&
        !lex.subset.has(facts.tokens) &&
        !lex.ofThem.has(facts.tokens);
      // "Поранено чоловіка. … Він помер у лікарні": the injured person who died counts as killed only (guide).
      if (
        kind === "killed" &&
        !sameSentence &&
        c.ofWounds &&
        !c.additive &&
        c.injured === undefined &&
        (to.injured ?? 0) >= value &&
        (!to.killed || diedOfInjured)
      ) {
        to.injured = (to.injured ?? 0) - value;
        to.trace.push(`${value} of the injured died: killed, no longer injured`);
      }
      to[kind] = adds || diedOfInjured ? (to[kind] ?? 0) + value : corrects ? value : Math.max(to[kind] ?? 0, value);
      if (to.kind === "attack" && value) to.kind = "strike";
      to.sentences.add(facts.index);
      const word = facts.tokens.find((t) => t.start === (at ?? c.at));
      if (word) to.spans[kind] ??= { start: word.start, end: word.end };
      to.trace.push(`${kind} ${value} from sentence ${facts.index + 1}${word ? ` ("${word.text}")` : ""}`);
    }
    receiver?.sentences.add(facts.index);
    // "At least 37 were wounded in Tuesday's attack": the day of the attack itself, over the day the toll was told.
    const attackDay = sameSentence ? null : dayOfAttackNoun(lex, facts);
    if (receiver && attackDay && receiver.date !== attackDay) {
      receiver.date = attackDay;
      receiver.trace.push(`date ${attackDay}: the day of the attack named in sentence ${facts.index + 1}`);
    }
    // "… and one in Druzhkivka": the further figures go to the places they are told for.
    for (const e of sameSentence && receivers.length > 1 ? (c.further ?? []) : []) {
      const others = e.each ? draftsFrom(receivers, facts, e.placeAt) : [nearestDraft(receivers, facts, e.placeAt, lex)];
      for (const other of others) {
        if (!other || other === receiver) continue;
        other[e.kind] = Math.max(other[e.kind] ?? 0, e.value);
        if (other.kind === "attack") other.kind = "strike";
        other.sentences.add(facts.index);
      }
    }
  }
  if (!facts.targets.length || !hits.length) return;
  // A later sentence adds targets only when it tells of damage, and only soon after.
  if (!sameSentence && (!facts.cues.some((x) => x.kind === "strike") || facts.index - hits[0].origin > 3)) return;
  const firstPlace = Math.min(...facts.places.map((p) => p.start));
  const created = hits.filter((d) => d.origin === facts.index);
  for (const t of facts.targets) {
    // "атаковали автомобили в селе X и в поселке Y": a target named before the places is each one's.
    const receivers = sameSentence && t.start < firstPlace && created.length > 1 ? created : [nearestDraft(hits, facts, t.start, lex)];
    for (const d of receivers) {
      if (!d) continue;
      if (!d.targets.some((x: Target) => x.type === t.type && x.text === t.text)) d.targets.push({ type: t.type, text: t.text });
      if (d.kind === "attack") d.kind = "strike";
      d.sentences.add(facts.index);
    }
  }
}

/** "Є поранені", "есть погибшие", "there are wounded": the casualty word at `at` says people were hurt (not "continue killing"). */
function thereAreHurt(facts: SentenceFacts, at: number | undefined, lex: Lexicon): boolean {
  const i = facts.tokens.findIndex((t) => t.start === at);
  return i > 0 && !!lex.thereAre.matchAt(facts.tokens, i - 1) && (i < 2 || !lex.negation.matchAt(facts.tokens, i - 2));
}

/** Clause boundaries of a sentence: ", and", ", а", "; " (offsets in the report). */
function clauseOf(lex: Lexicon, facts: SentenceFacts, at: number): number {
  const { text, start } = facts.sentence;
  let clause = 0;
  // («В Новой Таволжанке пострадал мужчина, в Графовке повреждён дом»: a comma before a place's preposition opens that place's clause.)
  for (const m of text.matchAll(lex.casualtyClause)) if (start + (m.index ?? 0) < at) clause++;
  return clause;
}

/** The drafts of this sentence whose place is named at or after `at`. */
function draftsFrom(drafts: Draft[], facts: SentenceFacts, at: number): Draft[] {
  return drafts.filter((d) => {
    if (d.origin !== facts.index) return false;
    // (Any mention of the place: "атакували Харків і Суми, по одній людині поранено в Харкові та Сумах".)
    return facts.places.some(
      (p) => ((d.settlement && p.name === d.settlement) || (!d.settlement && p.regions[0] === d.region)) && p.start >= at,
    );
  });
}

function nearestDraft(drafts: Draft[], facts: SentenceFacts, at: number, lex: Lexicon): Draft | undefined {
  if (drafts.length <= 1) return drafts[0];
  const inSentence = drafts.filter((d) => d.origin === facts.index);
  if (!inSentence.length) return drafts[drafts.length - 1];
  let best = inSentence[0];
  let bestDistance = Number.POSITIVE_INFINITY;
  const clause = clauseOf(lex, facts, at);
  const atPlace = facts.places.some((p) => p.start === at);
  for (const d of inSentence) {
    // Every mention of the draft's place: "по Херсону та Білозерці, у Херсоні поранено двох" names Kherson again nearer.
    for (const place of facts.places) {
      if (!((d.settlement && place.name === d.settlement) || (!d.settlement && place.regions[0] === d.region))) continue;
      // "killed two in Nikopol and one in Marhanets and injured three in Chervonohryhorivka": the place
      // right after a casualty word and its figure is its own, however near the one before it.
      const follows =
        place.start > at &&
        !atPlace &&
        lex.figureThenPlace.test(facts.sentence.text.slice(at - facts.sentence.start, place.start - facts.sentence.start));
      // A place in the same clause is nearer than any other.
      const distance = follows ? -1 : Math.abs(at - place.start) + (clauseOf(lex, facts, place.start) === clause ? 0 : 100_000);
      if (distance < bestDistance) {
        best = d;
        bestDistance = distance;
      }
    }
  }
  return best;
}

/**
 * "One drone hit a house on Sadovaya Street. A second drone hit an office building.": a placeless
 * sentence opening with one more munition that hit adds it to the one counted strike just told.
 */
function addOneMoreHit(last: Draft[], facts: SentenceFacts, lex: Lexicon): void {
  if (facts.places.length || facts.munitionNumbers.length || facts.singularMunitions !== 1) return;
  if (lex.oneMore.matchAt(facts.tokens, 0) === undefined || !facts.cues.some((c) => c.kind === "strike")) return;
  const strikes = last.filter((d) => !d.implied && d.kind === "strike");
  if (strikes.length !== 1 || strikes[0].count === null || strikes[0].count_qualifier !== "exact") return;
  strikes[0].count += 1;
  strikes[0].trace.push(`count ${strikes[0].count}: one more munition told in sentence ${facts.index + 1}`);
}

/**
 * "It was the second drone attack on Kharkiv in a day. A drone hit a warehouse.", «Ворог атакував Суми. Дрон влучив у
 * будинок.»: a placeless sentence opening with one munition that hit (guide: a singular munition → 1) counts the one
 * uncounted strike or attack it tells of (its own at the place told before, or the one just told).
 */
function oneMunitionHit(last: Draft[], facts: SentenceFacts): void {
  if (facts.places.length || facts.munitionNumbers.length || facts.launches.length || facts.singularMunitions !== 1) return;
  if (!facts.cues.some((c) => c.kind === "strike") || facts.cues.some((c) => c.kind === "interception")) return;
  if (facts.debris && !facts.debrisOfOne) return;
  // The munition opens the sentence as the doer of the hit ("A drone hit", «Дрон влучив», «Ракета попала»).
  const hit = facts.cues.find((c) => c.kind === "strike");
  if (!hit || hit.first > 5 || !facts.weapons.some((w) => w.first <= 2 && w.last < hit.first)) return;
  const told = last.filter((d) => !d.implied && d.kind !== "interception");
  if (told.length !== 1 || told[0].count !== null || told[0].group_total != null) return;
  told[0].count = 1;
  told[0].count_qualifier = "exact";
  told[0].trace.push(`count 1: one munition that hit, told in sentence ${facts.index + 1}`);
}

/**
 * "Drones attacked a depot in the town of Kotelnich in the Kirov region. … three fell on the territory of
 * the depot": a hit with no place on "the" thing hit just before in a town of that region is in the town.
 */
function townOfTargetTold(facts: SentenceFacts, ctx: Context, region: PlaceMention): PlaceMention | null {
  const city = ctx.city;
  if (!city || facts.index - city.sentence > 3 || city.place.regions[0] !== region.regions[0] || !city.place.name) return null;
  const headOf = (text: string) => text.toLowerCase().split(/\s+/).pop() ?? "";
  const definite = facts.targets.filter((t) => /^the\s/i.test(t.text)).map((t) => headOf(t.text));
  if (!definite.length) return null;
  const hitThere = ctx.lastEvent.some(
    (d) => d.kind !== "interception" && d.settlement === city.place.name && d.targets.some((t) => definite.includes(headOf(t.text))),
  );
  return hitThere ? city.place : null;
}

/**
 * "The governor later clarified that only one UAV had attacked the town. 'One drone hit a non-residential
 * building'": a hit with no place right after the sentence that told the one hit at a town of the
 * region goes on about that town.
 */
function townHitJustBefore(facts: SentenceFacts, ctx: Context, region: PlaceMention): PlaceMention | null {
  const city = ctx.city;
  if (!city?.place.name || city.place.regions[0] !== region.regions[0]) return null;
  const told = ctx.lastEvent.filter((d) => !d.implied && d.kind !== "interception");
  if (told.length !== 1 || told[0].origin !== facts.index - 1 || told[0].settlement !== city.place.name) return null;
  return city.place;
}

/** The place is told after "the rest": what happened there happened to the others, not to one munition named before. */
function placeOfTheRest(facts: SentenceFacts, place: PlaceMention, lex: Lexicon): boolean {
  const rest = lex.theRest.findAll(facts.tokens)[0];
  return !!rest && place.first > rest.last;
}

/** "the rest" told after the figure, with every cue word of the sentence after it: what those verbs tell is the rest's. */
function restAfterFigure(facts: SentenceFacts, n: MunitionNumber, lex: Lexicon): boolean {
  const rest = lex.theRest.findAll(facts.tokens)[0];
  return !!rest && rest.first > n.mention.last && facts.cues.every((c) => c.kind === "attack" || c.first > rest.last);
}

/**
 * "20 drones were destroyed. One over the Kursk region, the rest over the Belgorod region": the
 * place told after "the rest" gets what the total before leaves when the other places are counted.
 */
function countTheRest(created: Draft[], earlier: Draft[], facts: SentenceFacts, lex: Lexicon): void {
  const rest = lex.theRest.findAll(facts.tokens)[0];
  if (!rest) return;
  const restAt = facts.tokens[rest.first].start;
  const placed = created.filter((d) => !d.implied && d.region !== null);
  // (The place after "the rest" may hold a figure spread over the clause: «по одному … в Курской и
  // Воронежской областях, остальные в Белгородской».)
  const open = placed.filter((d) => (d.spans.place?.start ?? -1) > restAt);
  if (open.length !== 1) return;
  const others = placed.filter((d) => d !== open[0] && d.kind === open[0].kind && d.weapon === open[0].weapon);
  if (!others.length || others.some((d) => d.count === null || (d.spans.place?.start ?? restAt) > restAt)) return;
  const total = [...earlier, ...created]
    .reverse()
    .find((d) => d.region === null && d.country !== null && d.kind === open[0].kind && d.weapon === open[0].weapon && d.count !== null);
  if (!total?.count) return;
  const left = total.count - others.reduce((sum, d) => sum + (d.count ?? 0), 0);
  if (left <= 0) return;
  open[0].count = left;
  open[0].count_qualifier = "exact";
  open[0].trace.push(`count ${left}: the rest of the total ${total.count}`);
}

/**
 * "The enemy attacked the city with a missile", «атаковал Рыльск дроном»: the one munition an attack
 * was made with is its count (not "a drone attack was repelled", which names the attack, not a munition).
 */
function attackedWithOne(facts: SentenceFacts, lex: Lexicon): boolean {
  return facts.singularMunitions === 1 && lex.withOneMunition.has(facts.tokens);
}
