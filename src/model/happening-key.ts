// What makes two accounts one happening: the same kind family (interception, or a hit — strike
// or attack), place, day and settlement. One definition for the extractor's merge within a report
// (src/extract/merge.ts) and for fusion across reports (src/fuse), so that what one report keeps
// apart, fusion keeps apart too. A country-wide tally (no region, no sea) is also told apart by its
// weapon: "shot down 12 missiles and 13 drones" is two happenings, not one with a false
// disagreement of 12 against 13.
import { transliterate } from "../extract/transliterate.js";

export interface HappeningFields {
  kind: string;
  weapon: string;
  country: string | null;
  region: string | null;
  waterArea: string | null;
  settlement: string | null;
  date: string | null;
}

/** Interceptions are one family; strikes and attacks are both hits (an attack told later as a strike is the same). */
export const kindFamily = (kind: string): "interception" | "hit" => (kind === "interception" ? "interception" : "hit");

/** A settlement's name as keys compare it: romanised, Latin letters only, its first 8 ("Shchetinovka" = "Щетиновка"). */
export function settlementKey(settlement: string | null): string {
  if (!settlement) return "-";
  return transliterate(settlement, "ru")
    .toLowerCase()
    .replace(/[^a-z]/g, "")
    .slice(0, 8);
}

/** Where: the region, else the sea, else the country — with the weapon, for a country-wide tally. */
export function happeningPlace(h: Omit<HappeningFields, "kind" | "settlement" | "date">): string {
  if (h.region) return h.region;
  if (h.waterArea) return `sea:${h.waterArea}`;
  return `country:${h.country ?? "-"}:${h.weapon}`;
}

/**
 * family|place|date|settlement. Everything before the last "|" (happeningBase) is one place and
 * day, inside which fusion joins a report naming no settlement to the one settlement reported.
 */
export function happeningKey(h: HappeningFields): string {
  return [kindFamily(h.kind), happeningPlace(h), h.date ?? "undated", settlementKey(h.settlement)].join("|");
}

/** The key without its settlement: the happenings of one place and day. */
export function happeningBase(key: string): string {
  return key.slice(0, key.lastIndexOf("|"));
}
