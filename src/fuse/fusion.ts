// Fusion: incidents from different reports that describe the same happening become one event
// that keeps every source's claim. Same happening = the same happening key
// (src/model/happening-key.ts, which the extractor's merge uses too): kind family
// (interception, or strike/attack), region (or sea, or country and weapon for a country-wide
// tally), date and settlement. The event shows the
// best-supported value of each figure (the one most claims give; ties: the larger) and lists
// the disagreements instead of averaging them away. Pure and deterministic.

import type { ClaimReason } from "../model/claim-reason.js";
import { type Disagreement, disagreementsOf } from "../model/disagreement.js";
import { type HappeningFields, happeningBase, happeningKey, kindFamily } from "../model/happening-key.js";
import type { Target } from "../model/incident.js";

export type FusionInput = HappeningFields;

/** The key without its last part (the settlement): incidents of one place and day. */
export const fusionBase = happeningBase;

/**
 * Which events the claims of one place and day make. Claims naming a settlement go by
 * settlement; claims naming none join the one settlement reported there that day, if there is
 * exactly one ("same or no settlement"), and otherwise make their own region-level event.
 */
export function groupHappenings(claimsByKey: Map<string, Claim[]>): Map<string, { claims: Claim[]; joined: Set<number> }> {
  const byBase = new Map<string, string[]>();
  for (const key of claimsByKey.keys()) {
    const base = fusionBase(key);
    byBase.set(base, [...(byBase.get(base) ?? []), key]);
  }
  const out = new Map<string, { claims: Claim[]; joined: Set<number> }>();
  for (const [base, keys] of byBase) {
    const withSettlement = keys.filter((k) => !k.endsWith("|-"));
    const without = claimsByKey.get(`${base}|-`) ?? [];
    for (const k of withSettlement) out.set(k, { claims: [...(claimsByKey.get(k) ?? [])], joined: new Set() });
    if (without.length && withSettlement.length === 1) {
      const target = out.get(withSettlement[0]);
      if (target) {
        for (const c of without) {
          target.claims.push(c);
          target.joined.add(c.incidentId);
        }
      }
    } else if (without.length) out.set(`${base}|-`, { claims: without, joined: new Set() });
  }
  return out;
}

export const fusionKey = (i: FusionInput): string => happeningKey(i);

/** What an incident and an event both say about a happening. */
interface Happening {
  kind: string;
  weapon: string;
  country: string | null;
  region: string | null;
  settlement: string | null;
  date: string | null;
  waterArea: string | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: number | null;
  count: number | null;
  killed: number | null;
  injured: number | null;
  targets: Target[];
}

/** One source's account: a stored incident with who said it. */
export interface Claim extends Happening {
  incidentId: number;
  official: string | null;
  source: string;
}

export interface FusedEvent extends Happening {
  officials: string[];
  sources: number;
  /** Where the claims state a figure differently: the field and each claim's value (src/model/disagreement.ts). */
  disagreements: Disagreement[];
  /** Per claim: why it belongs here, as a code and its parameters (src/model/claim-reason.ts). */
  reasons: Map<number, ClaimReason>;
}

function bestSupported(values: Array<number | null>): number | null {
  const counts = new Map<number, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | null = null;
  let support = 0;
  for (const [v, n] of counts) if (n > support || (n === support && best !== null && v > best)) [best, support] = [v, n];
  return best;
}

/** One event from the claims that share a fusion key (claims in a stable order). */
export function fuse(key: string, claims: Claim[]): FusedEvent {
  const sorted = [...claims].sort((a, b) => a.incidentId - b.incidentId);
  const first = sorted[0];
  const hit = sorted.find((c) => c.kind === "strike") ?? first;
  const placed = sorted.filter((c) => c.geoPrecision !== null).sort((a, b) => (a.geoPrecision ?? 9) - (b.geoPrecision ?? 9))[0];
  const weapons = sorted.map((c) => c.weapon).filter((w) => w !== "unknown");
  const targets: Target[] = [];
  for (const c of sorted) for (const t of c.targets) if (!targets.some((x) => x.type === t.type)) targets.push(t);
  const reasons = new Map<number, ClaimReason>();
  const day = key.split("|")[2];
  const place = { region: first.region, sea: first.region ? null : first.waterArea };
  const tally = !place.region && !place.sea;
  for (const c of sorted)
    reasons.set(c.incidentId, {
      code: kindFamily(first.kind) === "interception" ? "same_interception" : "same_hit",
      ...place,
      country: tally ? first.country : null,
      weapon: tally ? first.weapon : null,
      date: day && day !== "undated" ? day : null,
      claimDate: c.date,
    });
  return {
    kind: hit.kind,
    weapon: weapons.length ? (bestWord(weapons) ?? "unknown") : "unknown",
    country: first.country,
    region: first.region,
    settlement: sorted.find((c) => c.settlement)?.settlement ?? null,
    date: first.date,
    waterArea: first.waterArea,
    lat: placed?.lat ?? null,
    lon: placed?.lon ?? null,
    geoPrecision: placed?.geoPrecision ?? null,
    count: bestSupported(sorted.map((c) => c.count)),
    killed: bestSupported(sorted.map((c) => c.killed)),
    injured: bestSupported(sorted.map((c) => c.injured)),
    targets,
    officials: [...new Set(sorted.map((c) => c.official).filter((o): o is string => !!o))],
    sources: new Set(sorted.map((c) => c.source)).size,
    disagreements: disagreementsOf(sorted),
    reasons,
  };
}

function bestWord(words: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}
