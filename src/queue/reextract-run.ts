// A re-extraction run shared by the workers (DATABASE_URL), as `skywatch reextract` and `serve`
// (POST /api/reextract, serve --reextract) both start it: choose the reports this extractor has not
// read, cut them into slices in id order, queue them for the `skywatch worker` processes
// (reextract-queue.ts), then follow the slices' states to the end, adding up their summaries. A run
// started again follows the slices an earlier one left queued (for this extractor version and store)
// and queues only the reports neither read nor queued, so no report is queued twice.
import type PgBoss from "pg-boss";
import { emptySummary, pending, type ReextractSummary } from "../ingest/reextract.js";
import type { Store } from "../store/database.js";
import { enqueueReextract, type QueuedSlice, runningWorkers, sliceStates, storeSchema, unfinishedSlices } from "./reextract-queue.js";

/** pg-boss's schema, as `skywatch worker` (and serve's report queue) use it. */
export const BOSS_SCHEMA = "pgboss";
/** With slices waiting and no worker connected this long, following them stops (the slices stay queued). */
export const NO_WORKER_MS = 30_000;

/** The workers' queue a run is shared on. */
export interface ReextractWorkers {
  boss: PgBoss;
  bossSchema: string;
  store: Store;
}

/** No `skywatch worker` is connected to take the slices: nothing was queued. */
export class NoWorkerError extends Error {}

/** Why a run cannot be shared, and what to do: `alternative` names the in-process way of the caller. */
export const noWorkerMessage = (version: string, alternative: string) =>
  `no 'skywatch worker' is running on this database to share the run. Start one or more (DATABASE_URL=postgres://… skywatch worker, ` +
  `from the build of extractor ${version}) and run reextract again, or ${alternative}.`;

function addSummary(total: ReextractSummary, s: ReextractSummary) {
  total.reports += s.reports;
  total.changedReports += s.changedReports;
  total.incidentsAdded += s.incidentsAdded;
  total.incidentsRemoved += s.incidentsRemoved;
  total.incidentsChanged += s.incidentsChanged;
  for (const k of Object.keys(total.events) as Array<keyof ReextractSummary["events"]>) total.events[k] += s.events[k];
  total.failed += s.failed;
  total.errors.push(...s.errors);
}

/** Resolves after ms, or at once when the signal aborts. */
const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });

/** A run's slices on the queue. */
export interface QueuedRun {
  version: string;
  /** Reports the run must read. */
  total: number;
  /** Slices an earlier run left unfinished that hold reports of this one: followed, not queued again. */
  followed: number;
  /** Slices queued now. */
  queued: number;
  /** Each slice's job id → the reports of this run it holds. */
  slices: Map<string, number>;
}

export interface QueueRunOptions {
  since?: string | null;
  region?: string | null;
  /** Reports per slice. */
  batchSize: number;
  /** With no worker connected, wait this long for one (workers started with the run), then throw NoWorkerError. */
  waitForWorkerMs: number;
  /** Called once when it starts waiting for a worker. */
  onWaiting?: () => void;
  signal?: AbortSignal;
}

/** Chooses the run's reports and queues those neither read nor queued, in slices; throws NoWorkerError (queueing nothing) when no worker comes. */
export async function queueRun(workers: ReextractWorkers, version: string, options: QueueRunOptions): Promise<QueuedRun> {
  const { boss, bossSchema, store } = workers;
  const schema = await storeSchema(store);
  const ids = await pending(store.db, version, { since: options.since ?? null, region: options.region ?? null });
  const wanted = new Set(ids);
  const earlier = await unfinishedSlices(boss, bossSchema, version, schema);
  const queuedBefore = new Set(earlier.flatMap((j) => j.data.ids));
  const followed = earlier.filter((j) => j.data.ids.some((id) => wanted.has(id)));
  const rest = ids.filter((id) => !queuedBefore.has(id));
  const cut: number[][] = [];
  for (let at = 0; at < rest.length; at += options.batchSize) cut.push(rest.slice(at, at + options.batchSize));
  if ((cut.length || followed.length) && !(await runningWorkers(store, bossSchema))) {
    const until = Date.now() + options.waitForWorkerMs;
    options.onWaiting?.();
    for (;;) {
      if (Date.now() >= until || options.signal?.aborted) throw new NoWorkerError(`no 'skywatch worker' is connected`);
      await pause(250, options.signal);
      if (await runningWorkers(store, bossSchema)) break;
    }
  }
  // Imported here: job-signal loads node-postgres, which an embedded server never needs.
  const { jobsChannel } = await import("./job-signal.js");
  const jobIds = await enqueueReextract(boss, jobsChannel(bossSchema), { version, schema }, cut);
  const slices = new Map<string, number>();
  for (const j of followed) slices.set(j.id, j.data.ids.filter((id) => wanted.has(id)).length);
  for (const [n, id] of jobIds.entries()) slices.set(id, cut[n].length);
  return { version, total: ids.length, followed: followed.length, queued: cut.length, slices };
}

export interface FollowOptions {
  /** After each poll in which slices ended: reports done (of total) and the summary so far. */
  onProgress?: (done: number, total: number, summary: ReextractSummary) => void;
  /** Slices wait and no worker is connected any more (called once each time they go). */
  onWorkersGone?: () => void;
  /** Stop following (the slices stay queued). */
  signal?: AbortSignal;
}

export interface FollowedRun {
  /** done: every slice ended; no-worker: none came for NO_WORKER_MS; stopped: the signal. The slices not ended stay queued. */
  end: "done" | "no-worker" | "stopped";
  summary: ReextractSummary;
  done: number;
  /** Slices not ended. */
  open: number;
}

/** Follows the run's slices until each has ended (completed, failed or cancelled), adding up their summaries. */
export async function followRun(workers: ReextractWorkers, run: QueuedRun, options: FollowOptions = {}): Promise<FollowedRun> {
  const { boss, bossSchema, store } = workers;
  const summary = emptySummary(run.version);
  const started = Date.now();
  const open = new Set(run.slices.keys());
  let done = 0;
  let lastProgress = Date.now();
  let gone = false;
  let checkedWorkers = Date.now();
  while (open.size) {
    await pause(open.size === run.slices.size && Date.now() - started < 2000 ? 200 : 500, options.signal);
    if (options.signal?.aborted) return { end: "stopped", summary, done, open: open.size };
    const states: QueuedSlice[] = await sliceStates(boss, bossSchema, [...open]);
    let moved = false;
    for (const job of states) {
      if (job.state !== "completed" && job.state !== "failed" && job.state !== "cancelled") continue;
      open.delete(job.id);
      moved = true;
      done += run.slices.get(job.id) ?? job.data.ids.length;
      const out = job.output;
      if (out && "summary" in out) addSummary(summary, out.summary);
      else {
        // Whole or not at all: none of its reports was read; a later run reads them again.
        summary.reports += job.data.ids.length;
        summary.failed += job.data.ids.length;
        summary.errors.push(
          `reports ${job.data.ids[0]}–${job.data.ids[job.data.ids.length - 1]} (${job.data.ids.length}) were not read: ${out && "error" in out ? out.error : job.state}`,
        );
      }
    }
    // A job gone from the queue (deleted by hand): nothing to wait for.
    for (const id of [...open]) if (!states.some((j) => j.id === id)) open.delete(id);
    if (moved) {
      lastProgress = Date.now();
      options.onProgress?.(done, run.total, summary);
    }
    if (open.size && Date.now() - checkedWorkers > 5000) {
      checkedWorkers = Date.now();
      if (await runningWorkers(store, bossSchema)) gone = false;
      else if (!gone) {
        gone = true;
        options.onWorkersGone?.();
      } else if (Date.now() - lastProgress > NO_WORKER_MS) return { end: "no-worker", summary, done, open: open.size };
    }
  }
  return { end: "done", summary, done, open: 0 };
}
