// The exact total of a narrow q that names settlements, counted in two disjoint parts: its events
// at those settlements from their index alone (migration 18: the order index covers the filters'
// columns), and its other matches (text elsewhere, a named region) by id. Counting every match by
// id instead visits each event's row: most of a mid-sized city's cost on 1 M events.
import { and, type SQL, sql } from "drizzle-orm";
import { events } from "../store/schema.js";
import type { SettlementMatch } from "./query-places.js";

/**
 * `base`: the filter's conditions without its q; `elsewhere`: candidateIds' ids of events not at a
 * named settlement (an array literal). The events at them that `base` selects are all among a narrow
 * q's candidates, so the two counts add up to the count of its candidates that `base` selects.
 */
export function narrowTotal(base: SQL[], settlements: SettlementMatch[], elsewhere: string): SQL {
  const list = (values: string[]) =>
    sql.join(
      [...new Set(values)].map((v) => sql`${v}`),
      sql`, `,
    );
  // The columns' lists as well as the pairs: an index condition (region = ANY, settlement = ANY) that an
  // index-only scan can answer; the pairs alone are an OR of conditions, read as a bitmap of the rows.
  const at = sql`${events.settlement} IS NOT NULL AND ${events.region} IN (${list(settlements.map((p) => p.region))})
    AND ${events.settlement} IN (${list(settlements.map((p) => p.name))})
    AND (${events.region}, ${events.settlement}) IN (${sql.join(
      settlements.map((p) => sql`(${p.region}, ${p.name})`),
      sql`, `,
    )})`;
  const others = sql`${events.id} = ANY(${elsewhere}::int[])`;
  return sql`SELECT ((SELECT count(*) FROM ${events} WHERE ${and(...base, at)})
    + (SELECT count(*) FROM ${events} WHERE ${and(...base, others)}))::int AS n`;
}
