// Pairs the munition numbers of a sentence with its places, reading them in order the way
// reports list them:
//   "29 drones were shot down over the Ryazan Region, 27 over the Voronezh Region"  N P N P
//   "In the Oryol region, four drones were neutralized, and two more ... Kaluga and Smolensk"  P N N PP
//   "три — над Крымом и столько же над акваториями Азовского и Черного морей"  N P N PP
// A number binds to the place set after it, unless the place set just before it still lacks
// a number; one number over several places is their shared total ("each" gives it to each).

import type { Lexicon } from "./lexicon.js";
import { isPlaceTypeWord, type PlaceMention } from "./places.js";
import type { MunitionNumber } from "./sentence-facts.js";
import type { Token } from "./text/tokens.js";

export interface PlaceCount {
  place: PlaceMention;
  number: MunitionNumber | null;
  /** The number covers this place and others together. */
  shared: boolean;
  /** How many places share the number. */
  sharedBy: number;
}

export interface Pairing {
  placed: PlaceCount[];
  /** Numbers with no place in the sentence (tallies, or places named in earlier sentences). */
  unplaced: MunitionNumber[];
}

type Item = { kind: "places"; places: PlaceMention[]; numbers: MunitionNumber[] } | { kind: "number"; number: MunitionNumber };

/** A place set introduced by "including", "зокрема", "в том числе". */
function introducedAsExamples(item: Item, tokens: Token[], text: string, lex: Lexicon): boolean {
  if (item.kind !== "places") return false;
  const first = item.places[0];
  const from = tokens[Math.max(0, first.first - 4)]?.start ?? 0;
  return lex.examplesBefore.test(text.slice(from, first.start));
}

/** Places next to each other ("over the Sea of Azov and the country's western Bryansk and Smolensk regions") form one set. */
function joinable(a: PlaceMention, b: PlaceMention, tokens: Token[], text: string, numbers: MunitionNumber[], lex: Lexicon): boolean {
  if (a.group !== null && a.group === b.group) return true;
  if (b.start <= a.end || lex.conjunctionGap.test(text.slice(a.end, b.start))) return true;
  const gapTokens = b.first - a.last - 1;
  if (gapTokens > 4) return false;
  if (numbers.some((n) => n.mention.first > a.last && n.mention.first < b.first)) return false;
  const gap = text.slice(a.end, b.start);
  if (/[;:.—–]/.test(gap)) return false;
  const words = tokens.slice(a.last + 1, b.first).map((t) => t.lower);
  // «По городу Шебекино, сёлам Белянка и Чайки»: only the words of a kind of place between.
  if (/^\s*,/.test(gap) && words.every((w) => isPlaceTypeWord(w) || lex.conjunction.has(w))) return true;
  return words.some((w) => lex.placeSetJoiners.has(w)) || /^\s*,\s*$/.test(gap);
}

/** "2 ракети та 6 шахедів": a figure, its noun, a conjunction, the next figure — nothing else between. */
function coordinated(a: MunitionNumber, b: MunitionNumber, tokens: Token[], text: string, lex: Lexicon): boolean {
  const between = tokens.slice(a.mention.last + 1, b.mention.first);
  if (between.length < 2 || between.length > 3) return false;
  if (!lex.conjunction.has(between[between.length - 1].lower)) return false;
  return !/[,.;:—–()]/.test(text.slice(tokens[a.mention.last].end, tokens[b.mention.first].start));
}

/** A place or a figure at token `at`: one shape for both, so that the loop over them meets one hidden class. */
interface PlaceOrNumber {
  at: number;
  place: PlaceMention | null;
  number: MunitionNumber | null;
}

export function pairNumbersWithPlaces(
  tokens: Token[],
  text: string,
  places: PlaceMention[],
  numbers: MunitionNumber[],
  lex: Lexicon,
): Pairing {
  if (!numbers.length) return { placed: places.map((p) => ({ place: p, number: null, shared: false, sharedBy: 1 })), unplaced: [] };
  const sortedPlaces = [...places].sort((a, b) => a.start - b.start);
  const items: Item[] = [];
  const placeEvents: PlaceOrNumber[] = sortedPlaces.map((p) => ({ at: p.first, place: p, number: null }));
  const events = placeEvents.concat(numbers.map((n) => ({ at: n.mention.first, place: null, number: n }))).sort((a, b) => a.at - b.at);
  for (const e of events) {
    const last = items[items.length - 1];
    if (e.place) {
      if (last?.kind === "places" && joinable(last.places[last.places.length - 1], e.place, tokens, text, numbers, lex))
        last.places.push(e.place);
      else items.push({ kind: "places", places: [e.place], numbers: [] });
    } else if (e.number) {
      items.push({ kind: "number", number: e.number });
    }
  }

  const unplaced: MunitionNumber[] = [];
  // "2 missiles and 6 drones over the Vinnytsia region": a figure joined to the next one goes where that one goes.
  const joinedToNext = new Map<MunitionNumber, MunitionNumber>();
  items.forEach((item, i) => {
    if (item.kind !== "number") return;
    const prev = items[i - 1];
    const following = items[i + 1];
    // "над Брянской областью — 10", "over the Bryansk (10), Kursk (8) … regions": the figure of the place before it.
    if (item.number.afterPlace && prev?.kind === "places") {
      prev.numbers.push(item.number);
      return;
    }
    // "24 drones over the Bryansk (10), Kursk (8) …": a figure before places that have their own is their total.
    const third = items[i + 2];
    // (Not the figure of a place before it that has none yet: "Над Рязанской областью сбиты 29 БПЛА, над Воронежской — 27".)
    const prevFree = prev?.kind === "places" && prev.numbers.length === 0;
    if (!prevFree && following?.kind === "places" && third?.kind === "number" && third.number.afterPlace) {
      unplaced.push(item.number);
      return;
    }
    if (following?.kind === "number" && !prevFree && coordinated(item.number, following.number, tokens, text, lex)) {
      joinedToNext.set(item.number, following.number);
      return;
    }
    // "412 ударів по 43 населених пунктах, зокрема по Херсону, …": the places after "including"
    // are some of those the figure covers, not its places.
    const next = items[i + 1]?.kind === "places" && !introducedAsExamples(items[i + 1], tokens, text, lex) ? items[i + 1] : undefined;
    // "На Сумщині ворог 7 разів обстріляв Краснопільську громаду": the region told first is the setting
    // of the town after the figure, which the figure belongs to.
    const setting =
      prev?.kind === "places" &&
      next?.kind === "places" &&
      prev.places.length === 1 &&
      prev.places[0].kind === "region" &&
      next.places.every((p) => p.kind !== "region" && p.regions.length === 1 && prev.places[0].regions.includes(p.regions[0])) &&
      !/[,;:.—–]/.test(text.slice(tokens[item.number.mention.last].end, next.places[0].start));
    const prevFreeHere = prevFree && !setting;
    if (next?.kind === "places" && (!prevFreeHere || item.number.ofWhich)) next.numbers.push(item.number);
    else if (prev?.kind === "places" && (prevFreeHere || next?.kind !== "places")) prev.numbers.push(item.number);
    else if (next?.kind === "places") next.numbers.push(item.number);
    else unplaced.push(item.number);
  });

  for (const [first, next] of [...joinedToNext].reverse()) {
    const holder = items.find((it) => it.kind === "places" && it.numbers.includes(next));
    if (holder?.kind === "places") holder.numbers.splice(holder.numbers.indexOf(next), 0, first);
    else unplaced.splice(Math.max(0, unplaced.indexOf(next)), 0, first);
  }

  // "Над Брянской областью сбиты 2 ракеты и 7 беспилотников": the second figure goes where the first went.
  items.forEach((item, i) => {
    const before = items[i - 1];
    if (item.kind !== "number" || before?.kind !== "number" || !unplaced.includes(item.number)) return;
    if (!coordinated(before.number, item.number, tokens, text, lex)) return;
    const holder = items.find((it) => it.kind === "places" && it.numbers.includes(before.number));
    if (holder?.kind !== "places") return;
    unplaced.splice(unplaced.indexOf(item.number), 1);
    holder.numbers.splice(holder.numbers.indexOf(before.number) + 1, 0, item.number);
  });

  const placed: PlaceCount[] = [];
  for (const item of items) {
    if (item.kind !== "places") continue;
    let ps = item.places;
    // "На Сумщині Краснопільська громада зазнала трьох ударів КАБ": the region before the towns in it is their setting.
    const [region, ...inside] = ps;
    if (
      item.numbers.length &&
      region.kind === "region" &&
      inside.length &&
      inside.every((p) => p.kind !== "region" && p.regions.length === 1 && region.regions.includes(p.regions[0]))
    ) {
      placed.push({ place: region, number: null, shared: false, sharedBy: 1 });
      ps = inside;
    }
    // «В Рыльске Курской области три беспилотника …»: a region right after a town of it, in the genitive with nothing
    // between, is the town's setting, not a second place sharing the town's figure.
    if (item.numbers.length && ps.length > 1) {
      const settings = ps.filter((p, k) => {
        const town = ps[k - 1];
        return (
          k > 0 &&
          p.kind === "region" &&
          town.kind !== "region" &&
          town.regions.length === 1 &&
          p.regions.includes(town.regions[0]) &&
          /^\s+$/.test(text.slice(town.end, p.start))
        );
      });
      for (const r of settings) placed.push({ place: r, number: null, shared: false, sharedBy: 1 });
      if (settings.length) ps = ps.filter((p) => !settings.includes(p));
    }
    if (!item.numbers.length) {
      for (const p of ps) placed.push({ place: p, number: null, shared: false, sharedBy: 1 });
      continue;
    }
    if (ps.length === 1) {
      // Several figures of different weapons for one place ("12 missiles and 13 drones over Kyiv").
      for (const n of item.numbers) placed.push({ place: ps[0], number: n, shared: false, sharedBy: 1 });
      continue;
    }
    if (item.numbers.length === ps.length) {
      ps.forEach((p, k) => {
        placed.push({ place: p, number: item.numbers[k], shared: false, sharedBy: 1 });
      });
      continue;
    }
    const n = item.numbers[0];
    for (const p of ps) placed.push({ place: p, number: n, shared: !n.each, sharedBy: n.each ? 1 : ps.length });
    unplaced.push(...item.numbers.slice(1));
  }
  return { placed, unplaced };
}
