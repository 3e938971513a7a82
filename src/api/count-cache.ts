// The total of a filter, counted once per state of the events: every statement that writes events
// bumps the sequence events_generation (a trigger of migration 8), and a total counted at one
// generation is reused until the next. A count of every live event scans them all (tens of ms at
// 100 k–1 M events, more under load); the page beside it reads a hundred rows from an index.
//
// While reports keep arriving, the generation changes every few hundred ms, so a count that costs
// more than SLOW_COUNT_MS is also reused for STALE_MS after it was made, whatever was written since:
// on a large store a total may lag the writes by up to that much (a small store, where counting is
// cheap, always answers exactly). On PostgreSQL a writer bumps the sequence before it commits, so a
// count made in between could be kept for a generation whose rows it has not seen: totals are
// recounted after MAX_AGE_MS in any case. PGlite runs one query at a time: there it cannot happen.
// Requests that ask for the same answer while it is being computed wait for that computation (so
// an answer may miss a write committed during it), instead of each running the same statements.
import { sql } from "drizzle-orm";
import type { Db } from "../store/database.js";

const MAX_AGE_MS = 5000;
const SLOW_COUNT_MS = 50;
const STALE_MS = 2000;
const MAX_ENTRIES = 500;

interface Entry {
  generation: string;
  total: unknown;
  at: number;
  costMs: number;
}
const caches = new WeakMap<Db, Map<string, Entry>>();
/** Answers being computed, by key: a request that finds one waits for it instead of computing it again. */
const computing = new WeakMap<Db, Map<string, Promise<unknown>>>();
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

/** `count()` for `key` (the filter), or the total counted before at the same generation of events. */
export function cachedTotal(db: Db, key: string, count: () => Promise<number>): Promise<number> {
  return cachedAnswer(db, `total:${key}`, count);
}

/**
 * The same for any answer computed from the events (statistics of the summary): reused at the same
 * generation, and for STALE_MS when it cost more than SLOW_COUNT_MS. Keep answers small: up to
 * MAX_ENTRIES are held per store.
 */
export async function cachedAnswer<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  const cache = caches.get(db) ?? new Map<string, Entry>();
  caches.set(db, cache);
  const hit = cache.get(key);
  const now = performance.now();
  if (hit && hit.costMs > SLOW_COUNT_MS && now - hit.at < STALE_MS) return hit.total as T;
  // Many requests at once (a dashboard's first visit, a load) share one computation.
  const inFlight = computing.get(db) ?? new Map<string, Promise<unknown>>();
  computing.set(db, inFlight);
  const pending = inFlight.get(key);
  if (pending) return pending as Promise<T>;
  const work = currentOrComputed(db, cache, key, hit, now, compute);
  inFlight.set(key, work);
  try {
    return await work;
  } finally {
    inFlight.delete(key);
  }
}

/** The entry if it is of the current generation, else the answer computed anew and kept. */
async function currentOrComputed<T>(
  db: Db,
  cache: Map<string, Entry>,
  key: string,
  hit: Entry | undefined,
  now: number,
  compute: () => Promise<T>,
): Promise<T> {
  const [row] = rowsOf<{ generation: string }>(
    await db.execute(sql`SELECT last_value::text || ':' || is_called::text AS generation FROM events_generation`),
  );
  const generation = String(row?.generation);
  if (hit && hit.generation === generation && now - hit.at < MAX_AGE_MS) return hit.total as T;
  const at = performance.now();
  const total = await compute();
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { generation, total, at, costMs: performance.now() - at });
  return total;
}

/** Live events, for /api/health. */
export const liveEventCount = (db: Db) =>
  cachedTotal(db, "health:live", async () => {
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM events WHERE state = 'live'`));
    return Number(row.n);
  });
