// `skywatch worker` told to stop (real worker processes, a throwaway database on TEST_DATABASE_URL):
// from the signal on it takes no new job (report batches or re-extraction slices), finishes those it
// holds and exits, even while something else it does takes long (here a source whose feed answers
// only when the test lets it); a second signal ends it at once.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { jobsChannel } from "../../src/queue/job-signal.js";
import { enqueueReextract, REEXTRACT_QUEUE, storeSchema } from "../../src/queue/reextract-queue.js";
import { openReportQueue, REPORT_QUEUE, type ReportQueue } from "../../src/queue/report-queue.js";
import { addSource } from "../../src/sources/registry.js";
import { openStore, type Store } from "../../src/store/database.js";
import { publishedOf, shortReport } from "../crash/helpers.js";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../helpers/throwaway-database.js";
import { rss } from "../sources/helpers.js";

const base = process.env.TEST_DATABASE_URL;
const bin = join(import.meta.dirname, "..", "..", "bin", "skywatch.js");
const { DATABASE_URL: _, ...noDatabase } = process.env;
const BATCH = 10;
/** Report batches or slices a worker has in flight at most (its two loops). */
const LOOPS = 2;
/** How long the source keeps the worker's request after the signal. */
const HOLD_AFTER_SIGNAL_MS = 3000;
/** The extractor version of the worker's build (dist/): a hash of its code, not that of src/ which the test runs. */
const workersVersion = async (): Promise<string> =>
  (await import(join(import.meta.dirname, "..", "..", "dist", "ingest", "extractor-version.js"))).extractorVersion();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const clean of cleanups.splice(0).reverse()) await clean().catch(() => {});
});

/** A feed that answers each request only at release(). */
async function heldFeed() {
  const waiting: ServerResponse[] = [];
  let requests = 0;
  let released = false;
  const answer = (res: ServerResponse) => res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss("Held", []));
  const server = createServer((_req, res) => {
    requests++;
    if (released) answer(res);
    else waiting.push(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/held.xml`,
    requests: () => requests,
    release() {
      released = true;
      for (const res of waiting.splice(0)) answer(res);
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A database with one source on the held feed, and the queue (made as serve makes it). */
async function setUp(prefix: string) {
  const database: ThrowawayDatabase = await createThrowawayDatabase(base as string, prefix);
  const feed = await heldFeed();
  const store: Store = await openStore({ url: database.url });
  const queue: ReportQueue = await openReportQueue(database.url);
  cleanups.push(
    database.drop,
    feed.close,
    () => store.close(),
    () => queue.stop(),
  );
  await addSource(store, { kind: "rss", address: feed.url, every: "1h" });
  return { url: database.url, feed, store, queue };
}

function startWorker(url: string) {
  const child = spawn(
    process.execPath,
    [bin, "worker", "--batch", String(BATCH), "--data", mkdtempSync(join(tmpdir(), "skywatch-stop-"))],
    {
      env: { ...noDatabase, DATABASE_URL: url, SKYWATCH_ALLOW_PRIVATE_URLS: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  children.push(child);
  let log = "";
  child.stderr?.setEncoding("utf8").on("data", (c: string) => {
    log += c;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, exited, log: () => log };
}

/** SIGTERM while the source's answer is held, then lets it go: when the signal was sent, and how the worker exited. */
async function stopWhileSourceHeld(worker: ReturnType<typeof startWorker>, feed: { release: () => void }) {
  const signalled = Date.now();
  worker.child.kill("SIGTERM");
  await sleep(HOLD_AFTER_SIGNAL_MS);
  feed.release();
  const exit = await Promise.race([worker.exited, sleep(90_000).then(() => null)]);
  expect(exit, worker.log()).not.toBeNull();
  return { signalled, exit };
}

async function until(what: string, ok: () => boolean, log: () => string, ms = 90_000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`${what} did not happen within ${ms / 1000} s; the worker's log:\n${log()}`);
    await sleep(50);
  }
}

/** The jobs of a queue taken before and after `at`, and where they are now. */
async function jobs(store: Store, queue: string, at: number) {
  const [row] = await store.execute(
    `SELECT count(*) FILTER (WHERE started_on < $2::timestamptz)::int AS before,
            count(*) FILTER (WHERE started_on >= $2::timestamptz)::int AS after,
            count(*) FILTER (WHERE state = 'active')::int AS active,
            count(*) FILTER (WHERE state = 'completed')::int AS completed,
            count(*) FILTER (WHERE state = 'created')::int AS waiting
     FROM pgboss.job WHERE name = $1`,
    [queue, new Date(at).toISOString()],
  );
  return row as { before: number; after: number; active: number; completed: number; waiting: number };
}

describe.skipIf(!base)("a worker told to stop (PostgreSQL, real worker processes)", () => {
  it("takes no report job after SIGTERM, finishes those it holds and exits", async () => {
    const { url, feed, store, queue } = await setUp("skywatch_stop_reports");
    const reports = Array.from({ length: 3000 }, (_, i) => ({
      text: shortReport(i),
      published: publishedOf(i),
      url: `https://example.org/stop/${i}`,
      source: "stop",
    }));
    await queue.enqueue(reports);
    const worker = startWorker(url);
    // Collecting the source (held) and working off the queue at once.
    await until(
      "a first stored batch while the source is collected",
      () => feed.requests() > 0 && /worker: \d+ reports/.test(worker.log()),
      worker.log,
    );
    const { signalled, exit } = await stopWhileSourceHeld(worker, feed);
    const after = await jobs(store, REPORT_QUEUE, signalled);
    console.log(
      `worker stop (reports): ${after.before} jobs taken before SIGTERM, ${after.after} after (in flight at most ${LOOPS} × ${BATCH}); ` +
        `${after.completed} completed, ${after.active} left active, ${after.waiting} waiting; exit ${exit?.code ?? exit?.signal} ` +
        `${(((exit?.at ?? 0) - signalled) / 1000).toFixed(1)} s after the signal (the source held ${HOLD_AFTER_SIGNAL_MS / 1000} s of it)`,
    );
    expect(exit?.code, worker.log()).toBe(0);
    expect(after.after, "jobs taken after the signal").toBeLessThanOrEqual(LOOPS * BATCH);
    expect(after.active, "jobs taken and neither finished nor released").toBe(0);
    expect(after.completed).toBe(after.before + after.after);
    expect(after.waiting).toBeGreaterThan(0);
  }, 240_000);

  it("takes no re-extraction slice after SIGTERM, finishes those it reads and exits", async () => {
    const { url, feed, store, queue } = await setUp("skywatch_stop_slices");
    await ingest(
      store,
      Array.from({ length: 120 }, (_, i) => ({
        text: shortReport(i),
        published: publishedOf(i),
        url: `https://example.org/slice/${i}`,
        source: "stop",
      })),
      { places: defaultPlaceResolver() },
    );
    const ids = (await store.execute("SELECT id FROM reports ORDER BY id")).map((r) => Number(r.id));
    await store.execute("DELETE FROM report_extractions");
    const slices = Array.from({ length: ids.length / 2 }, (_, n) => ids.slice(2 * n, 2 * n + 2));
    await enqueueReextract(
      queue.boss,
      jobsChannel("pgboss"),
      { version: await workersVersion(), schema: await storeSchema(store) },
      slices,
    );
    const worker = startWorker(url);
    await until(
      "a first slice read while the source is collected",
      () => feed.requests() > 0 && /re-extracted \d+ reports/.test(worker.log()),
      worker.log,
    );
    const { signalled, exit } = await stopWhileSourceHeld(worker, feed);
    const after = await jobs(store, REEXTRACT_QUEUE, signalled);
    console.log(
      `worker stop (slices): ${after.before} slices taken before SIGTERM, ${after.after} after (in flight at most ${LOOPS}); ` +
        `${after.completed} completed, ${after.active} left active, ${after.waiting} waiting of ${slices.length}; exit ${exit?.code ?? exit?.signal} ` +
        `${(((exit?.at ?? 0) - signalled) / 1000).toFixed(1)} s after the signal`,
    );
    expect(exit?.code, worker.log()).toBe(0);
    expect(after.after, "slices taken after the signal").toBeLessThanOrEqual(LOOPS);
    expect(after.active, "slices taken and neither finished nor released").toBe(0);
    expect(after.completed).toBe(after.before + after.after);
    expect(after.waiting).toBeGreaterThan(0);
  }, 240_000);

  it("exits at once on a second signal, while what it waits for still runs", async () => {
    const { url, feed } = await setUp("skywatch_stop_twice");
    const worker = startWorker(url);
    await until("the worker collecting the source", () => feed.requests() > 0 && /waiting for reports/.test(worker.log()), worker.log);
    worker.child.kill("SIGINT");
    await until("the worker saying it stops", () => /worker: stopping/.test(worker.log()), worker.log, 30_000);
    worker.child.kill("SIGTERM");
    // The source holds its answer (the worker would wait up to its 30 s request timeout): the second signal does not wait.
    const exit = await Promise.race([worker.exited, sleep(20_000).then(() => null)]);
    feed.release();
    expect(exit, worker.log()).not.toBeNull();
    expect(exit?.code, worker.log()).not.toBe(0);
    expect(worker.log()).toMatch(/worker: stopped at once/);
  }, 180_000);
});
