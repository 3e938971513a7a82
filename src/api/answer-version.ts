// What a kept answer (unchanged-answers.ts) is kept by: a number that changes whenever what it was
// read from may have changed. On the embedded store that is its count of writes — exact, since it
// has no other writer. On a PostgreSQL server other processes write (workers, ingest, reextract):
// there it is the count of change notices received, which every writer's committed transaction
// sends (refuse's NOTIFY, delivered at commit); a statement outside refuse (a hand-made UPDATE)
// announces nothing, and a listening connection that was lost misses notices, so a server's
// answer is also kept at most SERVER_KEEP_MS — and, since it is not exact anyway, answered while the
// next one is read (mayLag).
import type { Store } from "../store/database.js";

export interface AnswerVersion {
  /** null: nothing can be kept now. */
  current(): number | null;
  /** How long an answer may be kept even when the version did not change. */
  maxAgeMs: number;
  /** Whether an answer may lag the version (up to maxAgeMs): the last one read is answered while a newer one is read. */
  mayLag: boolean;
}

/** At most this long a PostgreSQL server answers what it read before without reading again. */
export const SERVER_KEEP_MS = 2000;

/** The event-change notices a server received since it began listening (null before it listens). */
export interface ChangeNotices {
  listening(): void;
  received(): void;
  count(): number | null;
}

export function changeNotices(): ChangeNotices {
  let n: number | null = null;
  return {
    listening: () => {
      n = 0;
    },
    received: () => {
      if (n !== null) n++;
    },
    count: () => n,
  };
}

export function answerVersion(store: Store, notices: ChangeNotices): AnswerVersion {
  return store.writes() !== null
    ? { current: () => store.writes(), maxAgeMs: Number.POSITIVE_INFINITY, mayLag: false }
    : { current: () => notices.count(), maxAgeMs: SERVER_KEEP_MS, mayLag: true };
}
