// A search as the store runs it: what `q` and `settlement` name, resolved once per request
// (gazetteer and stemmers in the application; the database only matches keys and lexemes).

import { type QueryPlaces, queryPlaces, type SettlementMatch, type SettlementSearch } from "./query-places.js";
import { allWordsQuery, anyPhraseQuery } from "./text-query.js";

export interface SearchPlan {
  /** `q`: events at the places it names, or whose evidence holds its words (or the places' names in any language). */
  q?: { places: QueryPlaces; text: string | null };
  /** `settlement`: events at the settlements it names (any language), or whose settlement name contains it. */
  settlement?: { places: SettlementMatch[]; contains: string };
}

export function planSearch(f: { q?: string; settlement?: string }, settlements: SettlementSearch | null): SearchPlan | undefined {
  const plan: SearchPlan = {};
  if (f.q?.trim()) {
    const places = queryPlaces(f.q, settlements);
    const named = [...places.settlements.flatMap((s) => s.names), ...places.regions.flatMap((r) => r.names)];
    plan.q = { places, text: named.length ? anyPhraseQuery(named) : allWordsQuery(f.q) };
  }
  if (f.settlement?.trim()) {
    const places = settlements ? queryPlaces(f.settlement, settlements).settlements : [];
    plan.settlement = { places, contains: f.settlement.trim() };
  }
  return plan.q || plan.settlement ? plan : undefined;
}
