// Answers of the event list kept while the store has written nothing since they were read.
// PGlite runs one query at a time and parses every field of every row on the server's own thread
// (~20 ms for a page of 100 events at 100 k), so ten dashboards asking for the same page each wait
// for the others' parsing; on PostgreSQL at 50 connections one server process is saturated by
// reading and serialising the same pages. An embedded store has no other writer (its directory
// lock) and counts the statements that may have written (Store.writes): an answer read while that
// count was n is still the store's answer while it is n — exact, not "recent". A PostgreSQL server
// counts the change notices of all writers instead, and keeps an answer at most SERVER_KEEP_MS
// (answer-version.ts). Requests that come while the same answer is being read share that reading.
import type { AnswerVersion } from "./answer-version.js";

/** Answers kept per server (a page is ~100 events, ~150 kB as objects): the oldest go first. */
const MAX_ANSWERS = 64;

interface Kept {
  /** The version when the reading began. */
  version: number;
  /** When the reading began (ms). */
  at: number;
  answer: Promise<unknown>;
  settled: boolean;
  /** The answer before it, answered while this one is read (where the version may lag). */
  previous: Kept | null;
}

export type AnswerKeeping = <T>(key: string, read: () => Promise<T>) => Promise<T>;

/** `read()` for `key`, or the answer read before for it when the store has written nothing since. */
export function unchangedAnswers(version: AnswerVersion, maxAnswers = MAX_ANSWERS, clock = Date.now): AnswerKeeping {
  const kept = new Map<string, Kept>();
  return <T>(key: string, read: () => Promise<T>): Promise<T> => {
    const current = version.current();
    if (current === null) return read();
    const now = clock();
    const hit = kept.get(key);
    const fresh = (k: Kept | null | undefined): k is Kept => !!k && now - k.at < version.maxAgeMs;
    if (hit?.version === current && fresh(hit)) {
      // Most recently used last, so that the oldest is the first of the map.
      kept.delete(key);
      kept.set(key, hit);
      return (!hit.settled && fresh(hit.previous) ? hit.previous.answer : hit.answer) as Promise<T>;
    }
    const answer = read();
    // Where an answer may lag (a server, by at most maxAgeMs), the last one read is answered while the
    // newer one is read: at 50 connections with reports ingested every few ms, every notice otherwise
    // made every request wait for the next reading of the daily statistics.
    const previous = version.mayLag && hit ? (hit.settled ? hit : hit.previous) : null;
    const mine: Kept = { version: current, at: now, answer, settled: false, previous: fresh(previous) ? previous : null };
    kept.delete(key);
    kept.set(key, mine);
    while (kept.size > maxAnswers) kept.delete(kept.keys().next().value as string);
    answer.then(
      () => {
        mine.settled = true;
        mine.previous = null;
      },
      // A failed reading is not kept: the next request reads again.
      () => {
        if (kept.get(key) === mine) kept.delete(key);
      },
    );
    return (mine.previous ? mine.previous.answer : answer) as Promise<T>;
  };
}
