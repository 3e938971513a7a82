// The counts /api/health reports, kept so that health never waits behind other requests' queries.
// An embedded store (PGlite runs one query at a time, and each blocks the process while it runs):
// behind a slow export's page queries or a list's, health would wait for each. Counted once, the
// counts are kept while the store says nothing was written since (Store.writes: an embedded store
// has no other writer), so an answer is exact whenever it comes from the keeping. While the store is
// busy and something was written, the counts of up to STALE_MS ago are answered at once and counted
// again behind the queue. A PostgreSQL server (other writers, a pool of 8 connections that lists
// and exports can hold) counts on a connection of its own (Store.aside), never waiting for the
// pool: counts made under SERVER_FRESH_MS ago are answered as they are, those under STALE_MS
// answered at once and counted again meanwhile. Each answer says how old its counts may be (countsAgeMs).
import type { Store } from "../store/database.js";
import { liveEventCount } from "./count-cache.js";

/**
 * Kept counts this recent are answered at once while they are counted again (on the embedded store
 * only while it has queries waiting). No single query of a loaded embedded store runs long (none
 * over 40 ms while ten exports and an ingestion ran on 100 k events), but a recount waits behind
 * every query queued before it: with 1 s here, health waited for that queue (p99 560–730 ms in that
 * run); counts a few seconds old are what a health answer under load can honestly give.
 */
export const STALE_MS = 10_000;
/**
 * On a PostgreSQL server, counts this recent are answered without counting again: health asked
 * every 100 ms (a load balancer, the benchmark) would otherwise count 1 M events ten times a second.
 */
export const SERVER_FRESH_MS = 2_000;

export interface HealthCounts {
  reports: number;
  events: number;
}

interface Kept {
  counts: HealthCounts;
  /** Store.writes() before they were counted (null: a server, which has other writers). */
  writes: number | null;
  at: number;
}

/**
 * Whether kept counts answer now: "exact" (the embedded store wrote nothing since), "fresh" (a
 * server's, counted under SERVER_FRESH_MS ago), "recent" (answered, and counted again meanwhile:
 * under STALE_MS old, on the embedded store only while it is busy), or "no" (counted for this answer).
 */
export function keptAnswers(kept: Kept | null, writes: number | null, busy: boolean, now: number): "exact" | "fresh" | "recent" | "no" {
  if (!kept) return "no";
  const age = now - kept.at;
  if (writes === null) return age < SERVER_FRESH_MS ? "fresh" : age < STALE_MS ? "recent" : "no";
  if (kept.writes === writes) return "exact";
  return busy && age < STALE_MS ? "recent" : "no";
}

/** Counts the store's reports and live events. */
async function count(store: Store): Promise<HealthCounts> {
  if (store.writes() === null) {
    // A server: one statement on the connection apart (a pooled one may be held by exports).
    const [row] = await store.aside(
      "SELECT (SELECT count(*) FROM reports)::int AS reports, (SELECT count(*) FROM events WHERE state = 'live')::int AS events",
    );
    return { reports: Number(row.reports), events: Number(row.events) };
  }
  const [row] = await store.execute("SELECT (SELECT count(*) FROM reports)::int AS reports");
  // The live events' count is reused while they are unchanged (a scan of every event otherwise).
  return { reports: Number(row.reports), events: await liveEventCount(store.db) };
}

/** What /api/health says of the counts: they, and how long ago they were counted (0: for this answer, or exact). */
export interface HealthAnswer extends HealthCounts {
  countsAgeMs: number;
}

/** The counts of health for this store, from the keeping when it answers. */
export function healthCounts(store: Store): () => Promise<HealthAnswer> {
  let kept: Kept | null = null;
  /** A count under way, and Store.writes() when it began: shared by the requests that find nothing written since (on a server, by all). */
  let counting: { writes: number | null; counts: Promise<HealthCounts> } | null = null;
  const recount = (): Promise<HealthCounts> => {
    const writes = store.writes();
    if (counting && counting.writes === writes) return counting.counts;
    const at = performance.now();
    const counts = count(store).then((c) => {
      if (!kept || kept.at <= at) kept = { counts: c, writes, at };
      return c;
    });
    const mine = { writes, counts };
    counting = mine;
    counts
      .finally(() => {
        if (counting === mine) counting = null;
      })
      .catch(() => {});
    return counts;
  };
  return async () => {
    const now = performance.now();
    const answer = keptAnswers(kept, store.writes(), (store.backlog()?.waiting ?? 0) > 0, now);
    if (answer === "no" || !kept) return { ...(await recount()), countsAgeMs: 0 };
    // Counted again meanwhile; this answer does not wait for it.
    if (answer === "recent") recount().catch(() => {});
    return { ...kept.counts, countsAgeMs: answer === "exact" ? 0 : Math.round(now - kept.at) };
  };
}
