// The counts /api/health reports, kept so that health does not wait in an embedded store's queue
// (PGlite runs one query at a time, and each blocks the process while it runs: behind a slow
// export's page queries or a list's, health would wait for each). Counted once, the counts are
// kept while the store says nothing was written since (Store.writes: an embedded store has no
// other writer), so an answer is exact whenever it comes from the keeping. While the store is busy
// and something was written, the counts of up to STALE_MS ago are answered at once and counted
// again behind the queue. A PostgreSQL server (other writers, a pool) counts every time.
import type { Store } from "../store/database.js";
import { liveEventCount } from "./count-cache.js";

/**
 * While the embedded store has queries waiting, counts this recent are answered (and counted again
 * meanwhile). No single query of a loaded store runs long (none over 40 ms while ten exports and an
 * ingestion ran on 100 k events), but a recount waits behind every query queued before it: with 1 s
 * here, health waited for that queue (p99 560–730 ms in that run); counts a few seconds old are what
 * a health answer under load can honestly give.
 */
export const STALE_MS = 10_000;

export interface HealthCounts {
  reports: number;
  events: number;
}

interface Kept {
  counts: HealthCounts;
  /** Store.writes() before they were counted. */
  writes: number | null;
  at: number;
}

/** Whether kept counts answer now: exact (nothing written since), or recent enough while the store is busy. */
export function keptAnswers(kept: Kept | null, writes: number | null, busy: boolean, now: number): "exact" | "recent" | "no" {
  if (!kept) return "no";
  if (writes !== null && kept.writes === writes) return "exact";
  return writes !== null && busy && now - kept.at < STALE_MS ? "recent" : "no";
}

/** Counts the store's reports and live events. */
async function count(store: Store): Promise<HealthCounts> {
  const [row] = await store.execute("SELECT (SELECT count(*) FROM reports)::int AS reports");
  // The live events' count is reused while they are unchanged (a scan of every event otherwise).
  return { reports: Number(row.reports), events: await liveEventCount(store.db) };
}

/** The counts of health for this store, from the keeping when it answers. */
export function healthCounts(store: Store): () => Promise<HealthCounts> {
  let kept: Kept | null = null;
  /** A count under way, and Store.writes() when it began: shared by the requests that find nothing written since. */
  let counting: { writes: number | null; counts: Promise<HealthCounts> } | null = null;
  const recount = (): Promise<HealthCounts> => {
    const writes = store.writes();
    if (writes === null) return count(store);
    if (counting?.writes === writes) return counting.counts;
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
    const answer = keptAnswers(kept, store.writes(), (store.backlog()?.waiting ?? 0) > 0, performance.now());
    if (answer === "no" || !kept) return recount();
    // Counted again behind the queue; this answer does not wait for it.
    if (answer === "recent") recount().catch(() => {});
    return kept.counts;
  };
}
