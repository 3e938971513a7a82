// Pairs the munition numbers of a sentence with its places, clause by clause:
// "29 drones were shot down over the Ryazan Region, 27 over the Voronezh Region" pairs in order;
// "In the Oryol region, four drones were neutralized" joins a place clause to its number clause;
// one number over several places ("two more over Kaluga and Smolensk") is a shared total.
import type { PlaceMention } from "./places.js";
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

const BOUNDARY = /[,;:()—–]|\s-\s/g;

/** Clause number of every token, where clauses are split by punctuation outside place lists. */
function clauseIndex(tokens: Token[], sentenceText: string, sentenceStart: number, places: PlaceMention[]): number[] {
  const protectedRanges: Array<[number, number]> = [];
  const groups = new Map<number, PlaceMention[]>();
  for (const p of places) if (p.group !== null) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  for (const g of groups.values()) protectedRanges.push([Math.min(...g.map((p) => p.start)), Math.max(...g.map((p) => p.end))]);
  const cuts: number[] = [];
  for (const m of sentenceText.matchAll(BOUNDARY)) {
    const at = sentenceStart + (m.index ?? 0);
    if (protectedRanges.some(([a, b]) => at > a && at < b)) continue;
    // Thousands separators and decimal commas between digits are not boundaries.
    if (/\d/.test(sentenceText[(m.index ?? 0) - 1] ?? "") && /\d/.test(sentenceText[(m.index ?? 0) + 1] ?? "")) continue;
    cuts.push(at);
  }
  return tokens.map((t) => cuts.filter((c) => c < t.start).length);
}

export function pairNumbersWithPlaces(
  tokens: Token[],
  sentenceText: string,
  sentenceStart: number,
  places: PlaceMention[],
  numbers: MunitionNumber[],
): Pairing {
  const clause = clauseIndex(tokens, sentenceText, sentenceStart, places);
  const clauses = new Map<number, { places: PlaceMention[]; numbers: MunitionNumber[] }>();
  const at = (c: number) => {
    let v = clauses.get(c);
    if (!v) {
      v = { places: [], numbers: [] };
      clauses.set(c, v);
    }
    return v;
  };
  for (const p of places) at(clause[p.first] ?? 0).places.push(p);
  for (const n of numbers) at(clause[n.mention.first] ?? 0).numbers.push(n);

  const order = [...clauses.keys()].sort((a, b) => a - b);
  const placed: PlaceCount[] = [];
  const used = new Set<MunitionNumber>();
  const assign = (ps: PlaceMention[], ns: MunitionNumber[]) => {
    if (!ps.length) return;
    const free = ns.filter((n) => !used.has(n));
    if (!free.length) {
      for (const p of ps) placed.push({ place: p, number: null, shared: false, sharedBy: 1 });
      return;
    }
    // As many numbers as places: pair in order ("три — над Крымом и столько же над ...").
    if (free.length === ps.length && ps.length > 1 && !ps.every((p) => p.group !== null && p.group === ps[0].group)) {
      ps.forEach((p, i) => {
        used.add(free[i]);
        placed.push({ place: p, number: free[i], shared: false, sharedBy: 1 });
      });
      return;
    }
    // Several numbers of different weapons for one place ("12 missiles and 13 drones over Kyiv").
    if (ps.length === 1) {
      for (const n of free) {
        used.add(n);
        placed.push({ place: ps[0], number: n, shared: false, sharedBy: 1 });
      }
      return;
    }
    const n = free[0];
    used.add(n);
    for (const p of ps) placed.push({ place: p, number: n, shared: !n.each, sharedBy: n.each ? 1 : ps.length });
  };

  // 1. Clauses holding both places and numbers.
  for (const c of order) {
    const v = clauses.get(c)!;
    if (v.places.length && v.numbers.length) assign(v.places, v.numbers);
  }
  // 2. Place-only clauses take the number of a neighbouring number-only clause (the next first:
  //    "In the Oryol region, four drones were neutralized").
  for (const c of order) {
    const v = clauses.get(c)!;
    if (!v.places.length || v.numbers.length) continue;
    const next = clauses.get(c + 1) ?? clauses.get(c + 2);
    const prev = clauses.get(c - 1);
    const donor = [next, prev].find((d) => d && !d.places.length && d.numbers.some((n) => !used.has(n)));
    assign(v.places, donor ? donor.numbers : []);
  }
  const unplaced = numbers.filter((n) => !used.has(n));
  return { placed, unplaced };
}
