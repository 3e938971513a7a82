// Re-extraction fanned out to the workers (`skywatch reextract` with DATABASE_URL): the command
// chooses the reports a run must read, cuts them into slices of `--batch` reports in id order and
// queues one job per slice beside the report queue; `skywatch worker` processes take them when no
// report waits (src/queue/report-queue.ts), each slice read in one transaction as an in-process run
// reads a batch (src/ingest/reextract.ts, `ids`), and complete the job with the slice's summary,
// which the command adds up as jobs complete. A slice is whole or not at all, and the record of
// which version read a report is in the same transaction: a slice retried after a killed worker,
// or queued twice, reads only what is not read yet.
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import type { PlaceResolver } from "../extract/place-resolver.js";
import { type ReextractSummary, reextract } from "../ingest/reextract.js";
import type { Store } from "../store/database.js";

export const REEXTRACT_QUEUE = "skywatch-reextract";
/**
 * A slice a worker took and did not finish within this many seconds (the worker was killed) is
 * given to another. A slice of 100 reports takes a second or two; this bounds a slow one.
 */
export const REEXTRACT_EXPIRY_SECONDS = 60;
const SETTINGS = { name: REEXTRACT_QUEUE, expireInSeconds: REEXTRACT_EXPIRY_SECONDS, retryLimit: 5, retryDelay: 2 };

/** One slice of a run: these reports, to be read by this extractor version, in the store of this schema. */
export interface ReextractJob {
  run: string;
  version: string;
  schema: string;
  ids: number[];
}

/** What a worker's slice gives back (the job's output). */
export type ReextractJobOutput = { summary: ReextractSummary } | { error: string };

export async function ensureReextractQueue(boss: PgBoss): Promise<void> {
  await retryOnDeadlock(async () => {
    if (!(await boss.getQueue(REEXTRACT_QUEUE))) await boss.createQueue(REEXTRACT_QUEUE, SETTINGS);
    else await boss.updateQueue(REEXTRACT_QUEUE, SETTINGS);
  });
}

/**
 * Runs a queue's set-up again when PostgreSQL broke a deadlock against it: serve and its workers
 * start together and each creates or updates the same queues (pg-boss's rows and partitions), which
 * can deadlock; the one PostgreSQL chose to fail simply tries again.
 */
export async function retryOnDeadlock<T>(setUp: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await setUp();
    } catch (err) {
      const deadlock = (err as { code?: string }).code === "40P01" || /deadlock detected/.test(String((err as Error)?.message));
      if (!deadlock || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.floor(Math.random() * 100)));
    }
  }
}

/** The name a worker's listening connection carries (pg_stat_activity), so that a run can tell whether any worker is there. */
export const workerApplicationName = (bossSchema: string) => `skywatch worker ${bossSchema}`.slice(0, 63);

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

/** Workers connected to this database for this queue now (each holds one listening connection while it works). */
export async function runningWorkers(store: Store, bossSchema: string): Promise<number> {
  const rows = await store.execute(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
    [workerApplicationName(bossSchema)],
  );
  return Number(rows[0]?.n ?? 0);
}

const storeSchemas = new WeakMap<Store, Promise<string>>();
/** The schema the store's tables are in (its connection's search_path). */
export function storeSchema(store: Store): Promise<string> {
  let s = storeSchemas.get(store);
  if (!s) {
    s = store.execute("SELECT current_schema() AS s").then((rows) => String(rows[0].s));
    storeSchemas.set(store, s);
  }
  return s;
}

/** Queues the slices of a run; returns the jobs' ids, in the order of the slices. */
export async function enqueueReextract(
  boss: PgBoss,
  channel: string,
  job: Omit<ReextractJob, "ids" | "run"> & { run?: string },
  slices: number[][],
): Promise<string[]> {
  if (!slices.length) return [];
  const run = job.run ?? randomUUID();
  const rows = slices.map((ids) => ({ id: randomUUID(), name: REEXTRACT_QUEUE, data: { ...job, run, ids } satisfies ReextractJob }));
  for (let n = 0; n < rows.length; n += 500) await boss.insert(rows.slice(n, n + 500));
  await boss.getDb().executeSql("SELECT pg_notify($1, '')", [channel]);
  return rows.map((r) => r.id);
}

export interface QueuedSlice {
  id: string;
  state: string;
  data: ReextractJob;
  output: ReextractJobOutput | null;
}

/** Slices of this version for this store not finished yet (queued, being retried or being read): a run started again follows them instead of queueing their reports twice. */
export async function unfinishedSlices(boss: PgBoss, bossSchema: string, version: string, schema: string): Promise<QueuedSlice[]> {
  const result = await boss
    .getDb()
    .executeSql(
      `SELECT id, state::text AS state, data, output FROM "${bossSchema.replace(/"/g, "")}".job WHERE name = $1 AND state < 'completed' AND data->>'version' = $2 AND data->>'schema' = $3`,
      [REEXTRACT_QUEUE, version, schema],
    );
  return rowsOf<QueuedSlice>(result);
}

/** The state of these jobs now. */
export async function sliceStates(boss: PgBoss, bossSchema: string, ids: string[]): Promise<QueuedSlice[]> {
  if (!ids.length) return [];
  const result = await boss
    .getDb()
    .executeSql(
      `SELECT id, state::text AS state, data, output FROM "${bossSchema.replace(/"/g, "")}".job WHERE name = $1 AND id = ANY($2::uuid[])`,
      [REEXTRACT_QUEUE, ids],
    );
  return rowsOf<QueuedSlice>(result);
}

/** Takes one slice, if one waits (a worker, when no report waits). */
export async function takeSlice(boss: PgBoss): Promise<PgBoss.Job<ReextractJob> | null> {
  const [job] = await boss.fetch<ReextractJob>(REEXTRACT_QUEUE, { batchSize: 1 });
  return job ?? null;
}

/**
 * Reads a slice taken with takeSlice and completes it with its summary. A slice queued by another
 * extractor version (a worker of another build) or for another store schema is failed back, for a
 * worker that can read it (after its retries, the run says why).
 */
export async function readSlice(
  boss: PgBoss,
  job: PgBoss.Job<ReextractJob>,
  store: Store,
  places: PlaceResolver | null,
  version: string,
  onSlice?: (summary: ReextractSummary) => void,
): Promise<void> {
  const { data } = job;
  const fail = (error: string) => boss.fail(REEXTRACT_QUEUE, job.id, { error } satisfies ReextractJobOutput).catch(() => {});
  if (data.version !== version) {
    await fail(
      `a worker runs extractor ${version}, the run was started with ${data.version}: run reextract from the workers' build (or restart the workers with this one)`,
    );
    return;
  }
  const schema = await storeSchema(store);
  if (data.schema !== schema) {
    await fail(`a worker's store is schema ${schema}, the run's is ${data.schema}`);
    return;
  }
  try {
    const summary = await reextract(store, { ids: data.ids, version, places, batchSize: data.ids.length });
    await boss.complete(REEXTRACT_QUEUE, job.id, { summary } satisfies ReextractJobOutput);
    onSlice?.(summary);
  } catch (err) {
    // The database went away mid-slice: rolled back, retried (by this or another worker).
    console.error(
      `skywatch queue: a re-extraction slice of ${data.ids.length} reports failed (${(err as Error).message}); it will be retried`,
    );
    await fail((err as Error).message);
  }
}
