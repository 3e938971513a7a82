// The SQL of a search plan: events at the named places (index on region, settlement), and
// events whose claims' evidence matches the text query (GIN index on its tsvector, migration 9).
import { ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { claims, events, incidents } from "../store/schema.js";
import type { SettlementMatch } from "./query-places.js";
import type { SearchPlan } from "./search-plan.js";

/**
 * The evidence's lexemes: incidents.evidence_tsv, a generated column with a GIN index (migration 9),
 * not declared in the drizzle schema so that no select of incidents carries it.
 */
export const EVIDENCE_TSVECTOR = sql`${incidents}.evidence_tsv`;

const atSettlements = (places: SettlementMatch[]): SQL | null =>
  places.length
    ? sql`(${events.region}, ${events.settlement}) IN (${sql.join(
        places.map((p) => sql`(${p.region}, ${p.name})`),
        sql`, `,
      )})`
    : null;

const escapeLike = (text: string) => text.replace(/[%_\\]/g, "\\$&");

/**
 * The ids of the events a q names, as one union of index lookups (IN removes the duplicates) (the settlement index of
 * migration 11, the region index, the evidence index of migration 9) rather than an OR the
 * planner can only answer by reading every event.
 */
function matchingIds(plan: NonNullable<SearchPlan["q"]>): SQL | null {
  const { places, text } = plan;
  const parts: SQL[] = [];
  if (places.settlements.length)
    parts.push(
      sql`SELECT id FROM ${events} WHERE state = 'live' AND settlement IS NOT NULL AND (region, settlement) IN (${sql.join(
        places.settlements.map((p) => sql`(${p.region}, ${p.name})`),
        sql`, `,
      )})`,
    );
  if (places.regions.length)
    parts.push(
      sql`SELECT id FROM ${events} WHERE region IN (${sql.join(
        places.regions.map((r) => sql`${r.iso}`),
        sql`, `,
      )})`,
    );
  if (text)
    parts.push(
      sql`SELECT ${claims.eventId} FROM ${claims} JOIN ${incidents} ON ${incidents.id} = ${claims.incidentId} WHERE ${EVIDENCE_TSVECTOR} @@ to_tsquery('simple'::regconfig, ${text})`,
    );
  return parts.length ? sql.join(parts, sql` UNION ALL `) : null;
}

/** The conditions a search plan adds to an event filter. */
export function searchConditions(plan: SearchPlan | undefined): SQL[] {
  const out: SQL[] = [];
  if (plan?.q) {
    const ids = matchingIds(plan.q);
    // ANY(ARRAY(…)): the matching ids first (through their indexes), then those events — never a walk
    // through all events in date order testing each (the planner's guess for a text query's selectivity is poor).
    out.push(ids ? sql`${events.id} = ANY(ARRAY(${ids}))` : sql`false`);
  }
  if (plan?.settlement) {
    const { places, contains } = plan.settlement;
    const parts = [atSettlements(places), ilike(events.settlement, `%${escapeLike(contains)}%`)].filter((p): p is SQL => p !== null);
    out.push(or(...parts) as SQL);
  }
  return out;
}

/** How well an event answers `q` (3 at a named settlement, 2 in a named region, 1 by text), for sort=relevance. */
export function relevanceExpression(plan: SearchPlan | undefined): SQL {
  const places = plan?.q?.places;
  const settlement = places ? atSettlements(places.settlements) : null;
  const region = places?.regions.length
    ? inArray(
        events.region,
        places.regions.map((r) => r.iso),
      )
    : null;
  // A constant (no place named): "ORDER BY 1" would be read as the first column, so it is cast.
  if (!settlement && !region) return sql`1::int`;
  return sql`(CASE ${settlement ? sql`WHEN ${settlement} THEN 3 ` : sql``}${region ? sql`WHEN ${region} THEN 2 ` : sql``}ELSE 1 END)`;
}
