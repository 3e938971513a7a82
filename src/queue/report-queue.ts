// Scale-out: reports wait in a PostgreSQL-backed queue (pg-boss) and any number of
// `skywatch worker` processes, on any machine, extract and store them. Needs a PostgreSQL
// server (DATABASE_URL); the embedded PGlite store extracts inline instead.
//
// A worker takes jobs as they arrive: enqueue sends NOTIFY on the queue's channel (job-signal.ts)
// and an idle worker wakes on it; a batch that came back full is followed by the next fetch at
// once. Each batch of jobs is stored in one transaction (reports, incidents and the fusion of the
// places and days they touch). Two loops per worker overlap one batch's extraction (CPU, here)
// with the other's transaction (in the database). When no report waits, a worker reads the slices
// of a re-extraction run queued beside them (`skywatch reextract`, src/queue/reextract-queue.ts).
// Told to stop, a worker takes no new job from that moment (test/queue/worker-stop.test.ts) and
// finishes the batches and slices it holds.
import PgBoss from "pg-boss";
import type { PlaceResolver } from "../extract/place-resolver.js";
import { extractorVersion } from "../ingest/extractor-version.js";
import { type IngestSummary, ingest } from "../ingest/ingest.js";
import type { ReextractSummary } from "../ingest/reextract.js";
import type { Store } from "../store/database.js";
import { fusePending } from "../store/refuse.js";
import type { ReportInput } from "../store/reports.js";
import { type JobSignal, jobsChannel, listenForJobs } from "./job-signal.js";
import { ensureReextractQueue, readSlice, retryOnDeadlock, takeSlice, workerApplicationName } from "./reextract-queue.js";

export const REPORT_QUEUE = "skywatch-reports";

/**
 * A job a worker took and did not finish within this many seconds (the worker was killed, or
 * hangs) fails by timeout and is retried by another worker. pg-boss 10 has no heartbeat, so this
 * bounds a batch's work: 100 reports take well under a second. Storing is idempotent (the same text
 * under the same key is a duplicate), so a report retried after a slow success is stored once.
 */
export const JOB_EXPIRY_SECONDS = 30;
/** How often pg-boss looks for expired jobs (its default is 120 s). */
const MAINTENANCE_SECONDS = 5;
const RETRY = { retryLimit: 5, retryDelay: 2 };
/** Jobs per batch (one storing transaction). */
export const DEFAULT_BATCH = 100;
/** Without a notice, an idle worker still looks every this many seconds (retries, expired jobs). */
const FALLBACK_POLL_SECONDS = 2;

export interface ReportQueue {
  boss: PgBoss;
  enqueue(reports: ReportInput[]): Promise<number>;
  /** Starts working off the queue (resolves once started) until stop(); calls onBatch after each batch of jobs, onSlice after each re-extraction slice. */
  work(
    store: Store,
    places: PlaceResolver | null,
    onBatch?: (summary: IngestSummary, jobs: number) => void,
    onSlice?: (summary: ReextractSummary) => void,
  ): Promise<void>;
  /** Jobs not yet completed. */
  pending(): Promise<number>;
  /** Jobs this worker took and has not finished: reports (in batches) and re-extraction slices. */
  held(): { reports: number; slices: number };
  /** Takes no new job from the call on (synchronously); resolves once the jobs held are finished and the queue is closed. */
  stop(): Promise<void>;
}

export interface ReportQueueOptions {
  /** pg-boss's schema (default pgboss). */
  schema?: string;
  /** Jobs per batch (default 100). */
  batchSize?: number;
  /** The idle fallback poll, seconds (default 2); jobs are normally taken on their NOTIFY. */
  pollingIntervalSeconds?: number;
  /** Batches in flight per worker (default 2: one extracting while the other is in the database). */
  concurrency?: number;
}

export async function openReportQueue(url: string, options: ReportQueueOptions = {}): Promise<ReportQueue> {
  const schema = options.schema ?? "pgboss";
  const channel = jobsChannel(schema);
  const boss = new PgBoss({ connectionString: url, schema, maintenanceIntervalSeconds: MAINTENANCE_SECONDS });
  boss.on("error", (err) => console.error(`skywatch queue: ${err.message}`));
  await boss.start();
  const settings = { name: REPORT_QUEUE, expireInSeconds: JOB_EXPIRY_SECONDS, ...RETRY };
  // A queue made by an older version (15-minute expiry) is brought to these settings.
  await retryOnDeadlock(async () => {
    if (!(await boss.getQueue(REPORT_QUEUE))) await boss.createQueue(REPORT_QUEUE, settings);
    else await boss.updateQueue(REPORT_QUEUE, settings);
  });
  await ensureReextractQueue(boss);

  let stopping = false;
  let signal: JobSignal | null = null;
  const loops: Array<Promise<void>> = [];
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const idleMs = (options.pollingIntervalSeconds ?? FALLBACK_POLL_SECONDS) * 1000;

  /** Jobs taken and not finished yet. */
  const held = { reports: 0, slices: 0 };

  /** Takes a batch of reports and stores it; false when none waits (or the queue could not be read). */
  async function storeBatch(
    store: Store,
    places: PlaceResolver | null,
    onBatch?: (summary: IngestSummary, jobs: number) => void,
  ): Promise<boolean> {
    let jobs: Array<PgBoss.Job<ReportInput>> = [];
    try {
      jobs = await boss.fetch<ReportInput>(REPORT_QUEUE, { batchSize });
    } catch (err) {
      console.error(`skywatch queue: taking jobs failed (${(err as Error).message}); retrying`);
    }
    if (!jobs.length) return false;
    const ids = jobs.map((j) => j.id);
    held.reports += jobs.length;
    try {
      // One transaction for the whole batch (ingest stores `batchSize` reports per transaction).
      const summary = await ingest(
        store,
        jobs.map((j) => j.data),
        { places, batchSize: jobs.length },
      );
      // A report the store could not take (the database, not the report: ingest says "could not
      // be stored") fails the batch, to be retried; storing is idempotent, so what was stored is a
      // duplicate then. A report refused for itself (bad text, a replacement without the key) is done.
      const storeFailure = summary.errors.find((e) => e.includes(": could not be stored"));
      if (storeFailure) throw new Error(storeFailure);
      await boss.complete(REPORT_QUEUE, ids);
      onBatch?.(summary, jobs.length);
    } catch (err) {
      // The database went away mid-batch: the jobs go back to the queue (pg-boss retries them).
      console.error(`skywatch queue: a batch of ${jobs.length} failed (${(err as Error).message}); it will be retried`);
      await boss.fail(REPORT_QUEUE, ids).catch(() => {});
    } finally {
      held.reports -= jobs.length;
    }
    return true;
  }

  /** Takes a slice of a re-extraction run and reads it; false when none waits (or the queue could not be read). */
  async function readOneSlice(store: Store, places: PlaceResolver | null, onSlice?: (summary: ReextractSummary) => void) {
    try {
      const job = await takeSlice(boss);
      if (!job) return false;
      held.slices++;
      try {
        await readSlice(boss, job, store, places, extractorVersion(), onSlice);
      } finally {
        held.slices--;
      }
      return true;
    } catch (err) {
      console.error(`skywatch queue: taking a re-extraction slice failed (${(err as Error).message}); retrying`);
      return false;
    }
  }

  // Stopping is looked at before each thing that takes new work (and before waiting), so that a
  // worker told to stop takes nothing after what it holds.
  async function loop(
    store: Store,
    places: PlaceResolver | null,
    onBatch?: (summary: IngestSummary, jobs: number) => void,
    onSlice?: (summary: ReextractSummary) => void,
  ) {
    while (!stopping) {
      if (await storeBatch(store, places, onBatch)) continue;
      // No report waits: a slice of a re-extraction run, if one is queued.
      if (stopping || (await readOneSlice(store, places, onSlice))) continue;
      // Places and days a writer left unfused (killed between its two transactions) are fused when idle.
      await fusePending(store.db).catch((err) =>
        console.error(`skywatch queue: fusing the places and days left pending failed (${(err as Error).message}); trying again later`),
      );
      if (!stopping) await signal?.wait(idleMs);
    }
  }

  return {
    boss,
    async enqueue(reports) {
      if (!reports.length) return 0;
      await boss.insert(reports.map((data) => ({ name: REPORT_QUEUE, data })));
      // Delivered to the listening workers once the insert is committed (it already is).
      await boss.getDb().executeSql("SELECT pg_notify($1, '')", [channel]);
      return reports.length;
    },
    async work(store, places, onBatch, onSlice) {
      // Named, so that `skywatch reextract` can tell that workers are there to share its run.
      signal ??= await listenForJobs(url, channel, workerApplicationName(schema));
      for (let n = 0; n < (options.concurrency ?? 2); n++) loops.push(loop(store, places, onBatch, onSlice));
    },
    async pending() {
      return boss.getQueueSize(REPORT_QUEUE, { before: "completed" });
    },
    held: () => ({ ...held }),
    async stop() {
      // Set before the first await: from the call on, no loop takes a new job.
      stopping = true;
      signal?.wakeAll();
      // The batches in flight finish first.
      await Promise.all(loops);
      await signal?.close();
      await boss.stop({ graceful: true, wait: true });
    },
  };
}
