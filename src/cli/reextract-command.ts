// `skywatch reextract`: the current extractor reads the stored reports again, and the events of
// the places and days whose incidents changed are fused again (src/ingest/reextract.ts).
import { parseArgs } from "node:util";
import type { ReextractRequest, ReextractRun } from "../api/reextract-routes.js";
import { livePlaceResolver } from "../geo/live-places.js";
import { extractorVersion } from "../ingest/extractor-version.js";
import { type ReextractSummary, reextract } from "../ingest/reextract.js";
import { isCalendarDate } from "../ingest/report-fields.js";
import { ensureReextractQueue } from "../queue/reextract-queue.js";
import { BOSS_SCHEMA, followRun, NO_WORKER_MS, NoWorkerError, noWorkerMessage, type QueuedRun, queueRun } from "../queue/reextract-run.js";
import { describeHolder, StoreBusyError } from "../store/data-dir-lock.js";
import { openStore, type Store } from "../store/database.js";
import { requestJson, ServerError, type ServerTarget, servingHolder, targetFromUrl } from "./server-client.js";
import { DEFAULT_DATA_DIR, describeStore, storeFromOptions } from "./store-options.js";

const HELP = `Usage: skywatch reextract [--since DATE] [--region R] [--dry-run] [--batch 100] [--data DIR | --to URL [--key KEY]] [--local]

Reads the stored reports (the current version of each) again with this version of the
extractor and its language data, and where it now finds other incidents, stores them as the
report's current incidents (the old ones are kept, not current) and fuses the events of the
places and days they touch again. Events keep their ids (see the README, "Event identity").
Reports this extractor version has read already are skipped: a second run changes nothing,
and a run that was stopped (even with kill -9) goes on where it stopped.
  --since DATE   only reports published on or after DATE (YYYY-MM-DD; stored on or after, when undated)
  --region R     only reports with an incident in region R (ISO 3166-2, e.g. RU-BEL)
  --dry-run      count what would change, change nothing
  --batch N      reports per transaction (default 100)
  --data DIR     the embedded store in DIR/db (default ./skywatch-data); with DATABASE_URL,
                 the PostgreSQL server (reextract may run beside serve and workers there).
                 When 'skywatch serve' holds the embedded store, the run is sent to it and runs
                 there in the background (POST /api/reextract); this command follows its progress,
                 and Ctrl-C leaves it running (GET /api/reextract/ID tells how far it is)
  --to URL       run it on that server instead (--key KEY: an admin key, or env SKYWATCH_API_KEY)
With DATABASE_URL, the run is shared by the running 'skywatch worker' processes: it is queued in
slices of --batch reports, and this command prints progress as the workers complete them and the
summary at the end (Ctrl-C leaves the queued slices to the workers; running it again follows them
and queues only what is neither read nor queued). With no worker running it says so and stops.
  --local        with DATABASE_URL, read every report in this process instead (--dry-run always does);
                 with --to, in that server's process rather than by its workers`;

export function formatReextract(s: ReextractSummary): string {
  const e = s.events;
  return (
    `${s.reports} reports read, ${s.changedReports} with other incidents: ${s.incidentsAdded} incidents added, ` +
    `${s.incidentsRemoved} removed, ${s.incidentsChanged} changed; events: ${e.created} created, ${e.updated} updated, ` +
    `${e.merged} merged, ${e.withdrawn} withdrawn${s.failed ? `; ${s.failed} reports failed` : ""}${s.dryRun ? " (dry run: nothing was changed)" : ""}`
  );
}

export async function reextractCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      since: { type: "string" },
      region: { type: "string" },
      "dry-run": { type: "boolean" },
      batch: { type: "string", default: "100" },
      data: { type: "string" },
      to: { type: "string" },
      key: { type: "string" },
      local: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.since && !isCalendarDate(values.since)) throw new Error(`--since takes a date like 2025-07-01 (got '${values.since}')`);
  if (values.region && !/^(RU|UA)-[A-Z0-9]{2,3}$/.test(values.region))
    throw new Error(`--region takes an ISO 3166-2 code such as RU-BEL (got '${values.region}')`);
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`--batch takes a positive number (got '${values.batch}')`);

  const request = {
    since: values.since ?? null,
    region: values.region ?? null,
    dryRun: values["dry-run"] ?? false,
    ...(values.batch !== "100" ? { batchSize } : {}),
  };
  // --local to a server on PostgreSQL: read in that server's process rather than by its workers.
  if (values.to) return onServer(targetFromUrl(values.to, values.key), { ...request, ...(values.local ? { local: true } : {}) });
  // A PostgreSQL server: the workers share the run (a dry run, rolled back slice by slice, stays here).
  const url = process.env.DATABASE_URL;
  if (url && !values.local && !request.dryRun) return onWorkers(url, request, batchSize);
  // An embedded store that serve holds: the run goes to it (two processes never write one store).
  const serving = await servingHolder(values.data, values.key);
  if (serving) return onServer(serving, request);
  let store: Store;
  try {
    store = await storeFromOptions(values.data, "reextract");
  } catch (err) {
    if (!(err instanceof StoreBusyError)) throw err;
    // Taken meanwhile by a serve: send the run there.
    const now = await servingHolder(values.data, values.key);
    if (now) return onServer(now, request);
    throw new Error(
      `the store ${describeStore(values.data)} is in use by ${describeHolder(err.holder)}. ` +
        `Run reextract when it has ended, or on a server that holds the store: skywatch reextract --to http://HOST:PORT --key ADMIN-KEY.`,
    );
  }
  const version = extractorVersion();
  console.error(`skywatch reextract: ${describeStore(values.data)}, extractor ${version}${values["dry-run"] ? " (dry run)" : ""}`);
  // The places users added, as the store holds them (every machine's, on PostgreSQL), this machine's file imported.
  const live = await livePlaceResolver(store, { dataDir: values.data ?? DEFAULT_DATA_DIR, everyMs: 0 }).catch(async (err) => {
    await store.close();
    throw err;
  });
  try {
    const started = Date.now();
    const summary = await reextract(store, {
      since: values.since ?? null,
      region: values.region ?? null,
      dryRun: values["dry-run"] ?? false,
      batchSize,
      places: live.places,
      version,
      onProgress: (done, total, s) =>
        process.stderr.write(
          `reextract: ${done}/${total} reports, ${s.changedReports} changed, ${s.events.updated + s.events.created} events\n`,
        ),
    });
    for (const e of summary.errors) console.error(`skywatch reextract: ${e}`);
    console.log(`reextract: ${formatReextract(summary)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return summary.failed ? 1 : 0;
  } finally {
    await store.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the run on the server (or follows the one running there) and prints its progress until it ends. */
async function onServer(target: ServerTarget, request: ReextractRequest): Promise<number> {
  console.error(`skywatch reextract: on ${target.description}${request.dryRun ? " (dry run)" : ""}`);
  let run: ReextractRun;
  try {
    run = (await requestJson<{ run: ReextractRun }>(target, "POST", "/api/reextract", request)).body.run;
  } catch (err) {
    const running = err instanceof ServerError && err.status === 409 ? (err.body.run as ReextractRun | undefined) : undefined;
    if (!running) throw err;
    // One run at a time: this one (resumable, as every run) reads what the other leaves.
    console.error(`skywatch reextract: a run is already going on there (${running.id}); following it`);
    run = running;
  }
  const started = Date.now();
  let shown = -1;
  for (let wait = 250; run.state === "running"; wait = Math.min(wait * 2, 2000)) {
    await sleep(wait);
    run = (await requestJson<ReextractRun>(target, "GET", `/api/reextract/${run.id}`)).body;
    if (run.summary && run.done !== shown) {
      shown = run.done;
      const s = run.summary;
      process.stderr.write(
        `reextract: ${run.done}/${run.total ?? "?"} reports, ${s.changedReports} changed, ${s.events.updated + s.events.created} events\n`,
      );
    }
  }
  if (run.state === "failed") throw new Error(`the re-extraction on ${target.url} failed: ${run.error ?? "no message"}`);
  const summary = run.summary;
  if (!summary) throw new Error(`the re-extraction on ${target.url} ended (${run.state}) without a summary`);
  for (const e of summary.errors) console.error(`skywatch reextract: ${e}`);
  const took = ((Date.parse(run.finishedAt ?? "") || Date.now()) - Math.min(started, Date.parse(run.startedAt))) / 1000;
  console.log(`reextract: ${formatReextract(summary)} in ${took.toFixed(1)} s`);
  if (run.state === "stopped") {
    console.error(
      `skywatch reextract: ${run.error ?? "the server stopped before the end (it was closing); run it again to read the rest"}`,
    );
    return 1;
  }
  return summary.failed ? 1 : 0;
}

/** How long a run waits for a first worker to connect before it says there is none. */
const WORKER_GRACE_MS = 10_000;

/**
 * DATABASE_URL: queues the run's reports in slices for the workers (src/queue/reextract-run.ts)
 * and follows them to the end, printing progress as they complete and the summary of them all.
 */
async function onWorkers(url: string, request: { since: string | null; region: string | null }, batchSize: number): Promise<number> {
  const version = extractorVersion();
  const store = await openStore({ url });
  const PgBoss = (await import("pg-boss")).default;
  const boss = new PgBoss({ connectionString: url, schema: BOSS_SCHEMA, supervise: false, schedule: false });
  boss.on("error", (err) => console.error(`skywatch reextract: queue: ${err.message}`));
  try {
    await boss.start();
    await ensureReextractQueue(boss);
    const workers = { boss, bossSchema: BOSS_SCHEMA, store };
    console.error(`skywatch reextract: PostgreSQL at DATABASE_URL, extractor ${version} — shared by the workers`);
    let run: QueuedRun;
    try {
      run = await queueRun(workers, version, {
        ...request,
        batchSize,
        // Workers being started with it get a moment to connect.
        waitForWorkerMs: WORKER_GRACE_MS,
        onWaiting: () => console.error(`skywatch reextract: no worker is connected; waiting up to ${WORKER_GRACE_MS / 1000} s for one`),
      });
    } catch (err) {
      if (err instanceof NoWorkerError)
        throw new Error(noWorkerMessage(version, "run 'skywatch reextract --local' to read every report in this process"));
      throw err;
    }
    if (run.followed)
      console.error(`skywatch reextract: following ${run.followed} slices queued by an earlier run; ${run.queued} slices queued now`);
    else if (run.queued) console.error(`skywatch reextract: ${run.queued} slices of up to ${batchSize} reports queued`);
    const started = Date.now();
    const followed = await followRun(workers, run, {
      onProgress: (done, total, s) =>
        process.stderr.write(
          `reextract: ${done}/${total} reports, ${s.changedReports} changed, ${s.events.updated + s.events.created} events\n`,
        ),
      onWorkersGone: () => console.error("skywatch reextract: no worker is connected now; the slices wait in the queue for one"),
    });
    if (followed.end === "no-worker") {
      console.error(
        `skywatch reextract: ${followed.open} slices are still queued and no worker has come for ${NO_WORKER_MS / 1000} s; ` +
          "they stay queued: start a worker, and run reextract again to follow them (or use --local)",
      );
      return 1;
    }
    const { summary } = followed;
    for (const e of summary.errors) console.error(`skywatch reextract: ${e}`);
    console.log(`reextract: ${formatReextract(summary)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return summary.failed ? 1 : 0;
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    await store.close();
  }
}
