// Document-level assembly: walks the sentences in order, keeping the context a reader keeps
// (the region last named, the weapon, the date, who is speaking), turns each sentence's facts
// into incidents, and attaches details told in later sentences (casualties, targets) to the
// incident they belong to.
import { regionInfo } from "../geo/region-lexicon.js";
import type { CountryCode, Incident, IncidentKind, LanguageCode, Target, WeaponType } from "../model/incident.js";
import { pairNumbersWithPlaces } from "./clauses.js";
import type { Lexicon } from "./lexicon.js";
import type { OfficialMention } from "./officials.js";
import type { PlaceMention } from "./places.js";
import { type CueKind, type MunitionNumber, type SentenceFacts, sentenceFacts } from "./sentence-facts.js";
import type { Sentence } from "./text/sentences.js";
import { tokenize } from "./text/tokens.js";

/** An incident while the document is being read: the public fields plus bookkeeping. */
export interface Draft extends Omit<Incident, "evidence" | "evidence_spans" | "confidence"> {
  sentences: Set<number>;
  /** First sentence that created it. */
  origin: number;
  /** Interception only implied by debris ("debris of a downed drone fell..."). */
  implied: boolean;
  weaponExplicit: boolean;
  dateExplicit: boolean;
}

interface Context {
  region: { place: PlaceMention; sentence: number } | null;
  weapon: WeaponType | null;
  date: string | null;
  official: OfficialMention | null;
  officials: OfficialMention[];
  lastEvent: Draft[];
}

const WEAPON_PRIORITY: WeaponType[] = ["missile", "glide_bomb", "drone", "artillery", "unknown"];

export function readDocument(
  text: string,
  sentences: Sentence[],
  lex: Lexicon,
  language: LanguageCode,
  published: string | null,
): Draft[] {
  let groupCounter = 0;
  const nextGroup = () => ++groupCounter;
  const ctx: Context = { region: null, weapon: null, date: published, official: null, officials: [], lastEvent: [] };
  const drafts: Draft[] = [];
  const factsList: SentenceFacts[] = [];

  sentences.forEach((sentence, index) => {
    const tokens = tokenize(sentence.text, language, sentence.start);
    const facts = sentenceFacts(index, sentence, tokens, text, lex, language, published, ctx.officials, nextGroup);
    factsList.push(facts);
    for (const o of facts.officials) if (o.surname && !ctx.officials.some((k) => k.surname === o.surname)) ctx.officials.push(o);

    const date = sentenceDate(facts, ctx);
    const sentenceWeapon = primaryWeapon(facts.weapons.map((w) => w.label));
    if (sentenceWeapon) ctx.weapon = sentenceWeapon;
    const official = facts.officials[0] ?? ctx.official;

    const created = sentenceIncidents(facts, ctx, date, sentenceWeapon, official?.name ?? null);
    if (created.length) {
      attachDetails(created, facts, true);
      drafts.push(...created);
      ctx.lastEvent = created;
    } else if (ctx.lastEvent.length) {
      attachDetails(ctx.lastEvent, facts, false);
    }
    // "Об этом сообщил губернатор ...", "..., the governor said" after the event sentence.
    if (facts.officials.length) {
      for (const d of ctx.lastEvent) if (!d.official || d.official === ctx.official?.name) d.official = facts.officials[0].name;
      ctx.official = facts.officials[facts.officials.length - 1];
    }
    const lastPlace = [...facts.places, ...facts.attributivePlaces].filter((p) => p.kind !== "water" && p.regions.length).pop();
    if (lastPlace) ctx.region = { place: lastPlace, sentence: index };
  });
  return drafts;
}

function sentenceDate(facts: SentenceFacts, ctx: Context): string | null {
  if (facts.date) {
    ctx.date = facts.date.date;
    return facts.date.date;
  }
  if (facts.earlier) {
    ctx.date = null;
    return null;
  }
  return ctx.date;
}

function primaryWeapon(weapons: WeaponType[]): WeaponType | null {
  for (const w of WEAPON_PRIORITY) if (weapons.includes(w)) return w;
  return null;
}

/** The kind cue nearest to a place: the closest before it in its clause, else the closest after it. */
function kindFor(facts: SentenceFacts, place: PlaceMention): CueKind | null {
  let before: CueKind | null = null;
  let beforeDistance = Number.POSITIVE_INFINITY;
  let after: CueKind | null = null;
  let afterDistance = Number.POSITIVE_INFINITY;
  for (const c of facts.cues) {
    if (c.last < place.first && place.first - c.last < beforeDistance) {
      before = c.kind;
      beforeDistance = place.first - c.last;
    } else if (c.first > place.last && c.first - place.last < afterDistance) {
      after = c.kind;
      afterDistance = c.first - place.last;
    }
  }
  if (before && after && afterDistance < beforeDistance / 3) return after;
  return before ?? after;
}

function countryOf(place: PlaceMention | null, fallback: CountryCode | null): CountryCode | null {
  if (!place) return fallback;
  if (place.kind === "water") return null;
  const iso = place.regions[0];
  return iso ? (iso.slice(0, 2) as CountryCode) : fallback;
}

function newDraft(
  facts: SentenceFacts,
  kind: IncidentKind,
  place: PlaceMention | null,
  regionPlace: PlaceMention | null,
  weapon: WeaponType | null,
  date: string | null,
  official: string | null,
): Draft {
  const region = place?.kind === "water" ? null : (place?.regions[0] ?? regionPlace?.regions[0] ?? null);
  const settlement = place && (place.kind === "city" || place.kind === "settlement") ? place.name : null;
  return {
    kind,
    weapon: weapon ?? "unknown",
    country: place?.kind === "water" ? null : region ? (region.slice(0, 2) as CountryCode) : facts.country,
    region,
    settlement,
    settlement_text: settlement ? place?.text : null,
    date,
    count: null,
    count_qualifier: null,
    group_total: null,
    killed: null,
    injured: null,
    targets: [],
    official,
    water_area: place?.kind === "water" ? place.name : null,
    sentences: new Set([facts.index]),
    origin: facts.index,
    implied: false,
    weaponExplicit: weapon !== null,
    dateExplicit: !!facts.date?.date,
  };
}

function setCount(d: Draft, n: MunitionNumber | null, shared: boolean, sharedBy: number) {
  if (!n) return;
  if (shared && sharedBy > 1) {
    d.group_total = n.mention.value;
    return;
  }
  d.count = n.mention.value;
  d.count_qualifier = n.mention.qualifier;
}

function sentenceIncidents(
  facts: SentenceFacts,
  ctx: Context,
  date: string | null,
  sentenceWeapon: WeaponType | null,
  official: string | null,
): Draft[] {
  const hasCue = facts.cues.length > 0;
  const weaponKnown = sentenceWeapon ?? ctx.weapon;
  if (!hasCue || (!weaponKnown && !facts.munitionNumbers.length)) return [];
  const out: Draft[] = [];
  const pairing = pairNumbersWithPlaces(facts.tokens, facts.sentence.text, facts.sentence.start, facts.places, facts.munitionNumbers);

  // Settlements without a region of their own take the region named in the sentence or before it.
  const sentenceRegion = facts.places.find((p) => p.kind === "region") ?? facts.attributivePlaces.find((p) => p.kind === "region") ?? null;
  const contextRegion = sentenceRegion ?? ctx.region?.place ?? null;

  for (const pc of pairing.placed) {
    const place = pc.place;
    // A region that merely contains a settlement of the same sentence is not a separate incident.
    if (place.kind === "region" && facts.places.some((p) => (p.kind === "settlement" || p.kind === "city") && sharesRegion(p, place, contextRegion)) && !pc.number) {
      continue;
    }
    const kind = cueToKind(kindFor(facts, place), facts);
    if (!kind) continue;
    const weapon = pc.number?.weapon ?? sentenceWeapon ?? ctx.weapon;
    const regionPlace = place.kind === "settlement" ? contextRegion : null;
    const d = newDraft(facts, kind, place, regionPlace, weapon, date, official);
    d.weaponExplicit = !!(pc.number?.weapon ?? sentenceWeapon);
    setCount(d, pc.number, pc.shared, pc.sharedBy);
    if (d.count === null && d.group_total == null && facts.singularMunition && kind !== "attack") {
      d.count = 1;
      d.count_qualifier = "exact";
    }
    out.push(d);
    // Debris of a downed drone: the downing happened too (dropped later if stated on its own).
    if (kind === "strike" && facts.debris && facts.cues.some((c) => c.kind === "interception")) {
      const implied = newDraft(facts, "interception", place.kind === "settlement" || place.kind === "city" ? null : place, regionFor(place, contextRegion), weapon, date, official);
      implied.implied = true;
      implied.count = d.count;
      implied.count_qualifier = d.count_qualifier;
      out.push(implied);
    }
  }

  // Numbers with no place: a country tally, or the place of the sentences just before.
  const hasInterception = facts.cues.some((c) => c.kind === "interception");
  for (const n of pairing.unplaced) {
    const kind: IncidentKind = hasInterception ? "interception" : facts.cues.some((c) => c.kind === "strike") ? "strike" : "attack";
    if (facts.launchOnly) continue;
    const weapon = n.weapon ?? sentenceWeapon ?? ctx.weapon;
    const recent = ctx.region && facts.index - ctx.region.sentence <= 2 ? ctx.region.place : null;
    const useContext = recent && !facts.tally && (kind !== "interception" || facts.country === null || facts.country === countryOf(recent, null));
    if (useContext && recent) {
      const d = newDraft(facts, kind, recent.kind === "settlement" ? null : recent, regionFor(recent, null), weapon, date, official);
      if (recent.kind === "city") d.settlement = recent.name;
      setCount(d, n, false, 1);
      out.push(d);
    } else if (kind === "interception") {
      const d = newDraft(facts, kind, null, null, weapon, date, official);
      d.country = facts.country ?? countryFromPlaces(facts) ?? (ctx.region ? countryOf(ctx.region.place, null) : null);
      setCount(d, n, false, 1);
      out.push(d);
    }
  }

  // No place and no number, but a clear hit told right after the place was named ("дрон атаковал
  // «Газель»" following "в районе хутора Масычево"): handled by the place sentence itself.
  return out;
}

function sharesRegion(settlement: PlaceMention, region: PlaceMention, contextRegion: PlaceMention | null): boolean {
  if (settlement.regions.length) return settlement.regions.some((r) => region.regions.includes(r));
  return contextRegion === region || (contextRegion?.regions ?? []).some((r) => region.regions.includes(r));
}

function regionFor(place: PlaceMention, fallback: PlaceMention | null): PlaceMention | null {
  if (place.regions.length) return place;
  return fallback;
}

function countryFromPlaces(facts: SentenceFacts): CountryCode | null {
  const p = [...facts.places, ...facts.attributivePlaces].find((x) => x.regions.length);
  return p ? (p.regions[0].slice(0, 2) as CountryCode) : null;
}

function cueToKind(cue: CueKind | null, facts: SentenceFacts): IncidentKind | null {
  if (!cue) return null;
  if (cue === "attack") {
    // "attacked a car", "атаковали автомобиль": an attack with a target named is a hit.
    if (facts.targets.length || facts.casualties.killed || facts.casualties.injured) return "strike";
    return "attack";
  }
  return cue;
}

/** Casualties and targets of a sentence go to the incidents it created, or to the last ones. */
function attachDetails(drafts: Draft[], facts: SentenceFacts, sameSentence: boolean) {
  const hits = drafts.filter((d) => d.kind !== "interception" && !d.implied);
  const c = facts.casualties;
  if (c.nobodyHurt) {
    for (const d of drafts) {
      if (d.implied) continue;
      d.killed ??= 0;
      d.injured ??= 0;
      d.sentences.add(facts.index);
    }
  } else {
    const receivers = hits.length ? hits : drafts.filter((d) => !d.implied);
    const receiver = receivers[receivers.length - 1];
    if (receiver && (c.killed !== undefined || c.injured !== undefined)) {
      if (c.killed !== undefined && c.killed !== null) receiver.killed = Math.max(receiver.killed ?? 0, c.killed);
      if (c.injured !== undefined && c.injured !== null) receiver.injured = Math.max(receiver.injured ?? 0, c.injured);
      if (c.killed === 0) receiver.killed = receiver.killed ?? 0;
      if (receiver.kind === "attack" && (c.killed || c.injured)) receiver.kind = "strike";
      receiver.sentences.add(facts.index);
    }
  }
  if (facts.targets.length && (hits.length || !sameSentence)) {
    const receivers = hits.length ? hits : [];
    for (const t of facts.targets) {
      const d = nearestDraft(receivers, facts, t.start) ;
      if (!d) continue;
      if (!d.targets.some((x: Target) => x.type === t.type && x.text === t.text)) d.targets.push({ type: t.type, text: t.text });
      if (d.kind === "attack") d.kind = "strike";
      d.sentences.add(facts.index);
    }
  }
}

function nearestDraft(drafts: Draft[], facts: SentenceFacts, at: number): Draft | undefined {
  if (drafts.length <= 1) return drafts[0];
  const inSentence = drafts.filter((d) => d.origin === facts.index);
  if (!inSentence.length) return drafts[drafts.length - 1];
  // The place named closest before the target, else the first.
  let best = inSentence[0];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const d of inSentence) {
    const place = facts.places.find((p) => (d.settlement && p.name === d.settlement) || (!d.settlement && p.regions[0] === d.region));
    if (!place) continue;
    const distance = Math.abs(at - place.start);
    if (distance < bestDistance) {
      best = d;
      bestDistance = distance;
    }
  }
  return best;
}

export { regionInfo };
