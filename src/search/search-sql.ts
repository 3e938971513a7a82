// The SQL of a search plan: events at the named places (index on region, settlement), and
// events whose claims' evidence matches the text query (GIN index on its tsvector, migration 9).
import { inArray, or, type SQL, sql } from "drizzle-orm";
import { claims, events, incidents } from "../store/schema.js";
import type { SettlementMatch } from "./query-places.js";
import type { SearchPlan } from "./search-plan.js";
import { foldText } from "./text-query.js";

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

/** A column's text folded as foldText folds a query (ё as е, no apostrophes), in SQL. */
const folded = (column: SQL | typeof events.settlement) => sql`translate(${column}, 'ёЁ''’ʼʻ‘\`', 'еЕ')`;

/**
 * The ids of the events a q names, as one union of index lookups (IN removes the duplicates) (the settlement index of
 * migration 11, the region index, the evidence index of migration 9) rather than an OR the
 * planner can only answer by reading every event.
 */
function matchingIds(plan: NonNullable<SearchPlan["q"]>, tagged = false): SQL | null {
  const { places, text } = plan;
  const parts: SQL[] = [];
  // tagged: a second column says which ids are events at a named settlement (narrow-total.ts counts those from their index).
  const at = (yes: boolean) => (tagged ? (yes ? sql`, true` : sql`, false`) : sql``);
  if (places.settlements.length)
    parts.push(
      sql`SELECT id${at(true)} FROM ${events} WHERE state = 'live' AND settlement IS NOT NULL AND (region, settlement) IN (${sql.join(
        places.settlements.map((p) => sql`(${p.region}, ${p.name})`),
        sql`, `,
      )})`,
    );
  if (places.regions.length)
    parts.push(
      sql`SELECT id${at(false)} FROM ${events} WHERE region IN (${sql.join(
        places.regions.map((r) => sql`${r.iso}`),
        sql`, `,
      )})`,
    );
  if (text)
    parts.push(
      sql`SELECT ${claims.eventId}${at(false)} FROM ${claims} JOIN ${incidents} ON ${incidents.id} = ${claims.incidentId} WHERE ${EVIDENCE_TSVECTOR} @@ to_tsquery('simple'::regconfig, ${text})`,
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
    // Folded on both sides: "Пʼятихатки" finds a settlement stored as "П'ятихатки", "Петровка" one stored with ё.
    const parts = [atSettlements(places), sql`${folded(events.settlement)} ILIKE ${`%${escapeLike(foldText(contains))}%`}`].filter(
      (p): p is SQL => p !== null,
    );
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

/**
 * Up to `cap` + 1 of the ids a q names, as a count and an array literal ('{1,2,…}'): each part of the
 * union stops as soon as the cap is reached, before the other filters. More than `cap` means a broad
 * q, read another way (queries.ts); else the ids are the q's matches, read once for page and total.
 */
export function candidateIds(plan: NonNullable<SearchPlan["q"]>, cap: number): SQL | null {
  const ids = matchingIds(plan, true);
  // elsewhere: the ids of events not at a named settlement (those at one are all among the ids when
  // n ≤ cap), for narrow-total.ts; none asked when the q names no settlement.
  const elsewhere = plan.places.settlements.length ? sql`coalesce(array_agg(id) FILTER (WHERE NOT at), '{}')::text` : sql`'{}'`;
  return ids
    ? sql`SELECT coalesce(sum(hits), 0)::int AS n, coalesce(array_agg(id), '{}')::text AS ids, ${elsewhere} AS elsewhere
      FROM (SELECT id, bool_or(at) AS at, count(*) AS hits FROM (${ids} LIMIT ${cap + 1}) AS candidates (id, at) GROUP BY id) AS distinct_ids`
    : null;
}

/**
 * The planner's count of incidents whose evidence matches the text: PostgreSQL's statistics of a
 * tsvector (its most common lexemes, made by ANALYZE) estimate a common word within a few per cent,
 * at no cost, when those statistics exist (textStatistics): a text beyond the cap needs no count.
 */
export const textEstimate = (text: string): SQL =>
  sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${incidents} WHERE ${EVIDENCE_TSVECTOR} @@ to_tsquery('simple'::regconfig, ${text})`;

/** Whether ANALYZE has made statistics of the evidence's lexemes (autovacuum does on a server; an embedded store may have none). */
export const textStatistics = sql`SELECT EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'incidents' AND attname = 'evidence_tsv') AS ok`;

/**
 * Whether an event answers a q, tested on the event itself: for a broad q the events are read in
 * the list's order through its index, each tested, until a page is full, instead of collecting
 * every match and sorting them. OFFSET 0 keeps the text test a per-row subplan: as a join the
 * planner would read every match of the text first.
 */
export function matchesEvent(plan: NonNullable<SearchPlan["q"]>): SQL {
  const { places, text } = plan;
  const parts: SQL[] = [];
  const settlement = atSettlements(places.settlements);
  if (settlement) parts.push(settlement);
  if (places.regions.length)
    parts.push(
      inArray(
        events.region,
        places.regions.map((r) => r.iso),
      ),
    );
  if (text) parts.push(textMatchesEvent(text));
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`;
}

/** Whether one of an event's claims' evidence matches a text query (a per-row subplan). */
export function textMatchesEvent(text: string): SQL {
  return sql`EXISTS (SELECT 1 FROM ${claims} JOIN ${incidents} ON ${incidents.id} = ${claims.incidentId}
    WHERE ${claims.eventId} = ${events.id} AND ${EVIDENCE_TSVECTOR} @@ to_tsquery('simple'::regconfig, ${text}) OFFSET 0)`;
}

/**
 * The parts of sort=relevance for a broad q, best first: events at a named settlement (rank 3), in a
 * named region elsewhere (2), by text elsewhere (1). Each part is read newest first through an index
 * (migration 13's settlement order, the region order, the date order), a page at a time.
 */
export function relevanceParts(plan: NonNullable<SearchPlan["q"]>): Array<{ rank: number; where: SQL }> {
  const { places, text } = plan;
  const settlement = atSettlements(places.settlements);
  const region = places.regions.length
    ? inArray(
        events.region,
        places.regions.map((r) => r.iso),
      )
    : null;
  const out: Array<{ rank: number; where: SQL }> = [];
  if (settlement) out.push({ rank: 3, where: sql`${events.settlement} IS NOT NULL AND ${settlement}` });
  if (region) out.push({ rank: 2, where: settlement ? sql`${region} AND NOT coalesce(${settlement}, false)` : region });
  if (text) {
    const elsewhere = [settlement, region].filter((p): p is SQL => p !== null).map((p) => sql`NOT coalesce(${p}, false)`);
    out.push({ rank: 1, where: sql.join([...elsewhere, textMatchesEvent(text)], sql` AND `) });
  }
  return out;
}
