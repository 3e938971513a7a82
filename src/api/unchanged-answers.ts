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
    if (hit?.version === current && now - hit.at < version.maxAgeMs) {
      // Most recently used last, so that the oldest is the first of the map.
      kept.delete(key);
      kept.set(key, hit);
      return hit.answer as Promise<T>;
    }
    const answer = read();
    const mine: Kept = { version: current, at: now, answer };
    kept.delete(key);
    kept.set(key, mine);
    while (kept.size > maxAnswers) kept.delete(kept.keys().next().value as string);
    // A failed reading is not kept: the next request reads again.
    answer.catch(() => {
      if (kept.get(key) === mine) kept.delete(key);
    });
    return answer;
  };
}
