// Re-extraction started by the server, off the request path: an embedded store has one process, so
// `skywatch reextract` on a store that `serve` holds sends its run here and follows its progress;
// `serve --reextract` starts one at start. On an embedded store the server reads the reports itself
// (src/ingest/reextract.ts); on PostgreSQL (a report queue) it queues them in slices for the
// `skywatch worker` processes, as the command does (src/queue/reextract-run.ts), and follows the
// slices' states — unless the request asks for `local` (or is a dry run): read here then.
//   POST /api/reextract      {since?, region?, dryRun?, batchSize?, local?} → 202 {run} (Location: /api/reextract/ID);
//                            409 {error, run} while another run goes on; 503 {error} on PostgreSQL
//                            with no worker connected (nothing queued); admin key (or serve's local token)
//   GET  /api/reextract      {runs}: this server's runs, newest first
//   GET  /api/reextract/:id  {id, state, runBy, done, total, summary, error, options, startedAt, finishedAt}
// A run is as idempotent and resumable as the command: each batch (or slice) is one transaction with
// the record of the reports it read, so a run stopped (the server closing, kill -9) goes on where it
// stopped when started again, and a second run reads nothing. Slices queued stay queued when the
// server closes: the workers read them, and the next run follows those not done yet.
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { PlaceResolver } from "../extract/place-resolver.js";
import { extractorVersion } from "../ingest/extractor-version.js";
import { emptySummary, type ReextractSummary, reextract } from "../ingest/reextract.js";
import { isCalendarDate } from "../ingest/report-fields.js";
import { runningWorkers } from "../queue/reextract-queue.js";
import { followRun, NO_WORKER_MS, NoWorkerError, noWorkerMessage, queueRun, type ReextractWorkers } from "../queue/reextract-run.js";
import type { Store } from "../store/database.js";
import { AuthError, authenticate } from "./auth.js";
import { jsonSchema } from "./response-schemas.js";

export const ReextractBody = z
  .object({
    since: z.string().refine(isCalendarDate, { message: "since takes a date like 2025-07-01" }).nullish(),
    region: z
      .string()
      .regex(/^(RU|UA)-[A-Z0-9]{2,3}$/, { message: "region takes an ISO 3166-2 code such as RU-BEL" })
      .nullish(),
    dryRun: z.boolean().optional(),
    batchSize: z.number().int().min(1).max(1000).optional(),
    /** On PostgreSQL: read in the server's process, not by the workers. */
    local: z.boolean().optional(),
  })
  .strict();
export type ReextractRequest = z.infer<typeof ReextractBody>;

export type RunState = "running" | "done" | "failed" | "stopped";

export interface ReextractRun {
  id: string;
  state: RunState;
  /** Who reads the reports: this server, or the `skywatch worker` processes (PostgreSQL). */
  runBy: "server" | "workers";
  options: ReextractRequest;
  /** Reports read so far, of total (known once the run has listed them). */
  done: number;
  total: number | null;
  /** The summary so far; the whole one once done. */
  summary: ReextractSummary | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

const IdParam = z.object({ id: z.uuid({ message: "a run id is a UUID, as POST /api/reextract returned it" }) });
const KEEP = 20;
/** Slices per run on the workers (as the command's --batch). */
const WORKER_SLICE = 100;
/** serve --reextract, started with its workers: how long the run waits for a first one to connect. */
const START_GRACE_MS = 60_000;
/** What to do instead when no worker is there, in the API's terms. */
const IN_PROCESS = `POST /api/reextract {"local": true} to read them in the server's process (or skywatch reextract --to URL --local, or DATABASE_URL=… skywatch reextract --local)`;

/** The runs of one server, one at a time. */
export class ReextractRuns {
  private readonly runs: ReextractRun[] = [];
  private readonly stop = new AbortController();
  private current: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly places: PlaceResolver | null,
    /** PostgreSQL with a report queue: runs are shared by the workers. */
    private readonly workers: ReextractWorkers | null = null,
  ) {}

  running(): ReextractRun | null {
    return this.runs.find((r) => r.state === "running") ?? null;
  }

  /** Whether such a run is read by the workers (a dry run, rolled back slice by slice, and a local one stay here). */
  sharedByWorkers(options: ReextractRequest): boolean {
    return this.workers !== null && !options.dryRun && !options.local;
  }

  /** Workers connected now (null without a workers' queue). */
  async workersConnected(): Promise<number | null> {
    return this.workers ? runningWorkers(this.workers.store, this.workers.bossSchema) : null;
  }

  /**
   * Starts a run; null when one runs already. On the workers, with none connected it waits
   * `waitForWorkerMs` for one (0: fails at once), then fails saying so, having queued nothing.
   */
  start(options: ReextractRequest, waitForWorkerMs = 0): ReextractRun | null {
    if (this.running() || this.stop.signal.aborted) return null;
    const workers = this.sharedByWorkers(options) ? this.workers : null;
    const run: ReextractRun = {
      id: randomUUID(),
      state: "running",
      runBy: workers ? "workers" : "server",
      options,
      done: 0,
      total: null,
      summary: null,
      error: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    };
    this.runs.unshift(run);
    this.runs.splice(KEEP);
    this.current = workers ? this.onWorkers(run, workers, waitForWorkerMs) : this.inProcess(run);
    return { ...run };
  }

  private async inProcess(run: ReextractRun): Promise<void> {
    const { options } = run;
    try {
      const summary = await reextract(this.store, {
        since: options.since ?? null,
        region: options.region ?? null,
        dryRun: options.dryRun ?? false,
        // Shorter transactions than the command's: requests wait for the embedded store behind each one.
        batchSize: options.batchSize ?? 25,
        places: this.places,
        signal: this.stop.signal,
        onProgress: (done, total, s) => {
          run.done = done;
          run.total = total;
          run.summary = { ...s, events: { ...s.events }, errors: [...s.errors] };
        },
      });
      run.summary = summary;
      run.total = summary.reports;
      run.state = summary.stopped ? "stopped" : "done";
    } catch (err) {
      console.error(`skywatch: re-extraction ${run.id} failed:`, err);
      run.state = "failed";
      run.error = `${(err as Error).message}; what it did is kept, and starting it again goes on from there`;
    } finally {
      run.finishedAt = new Date().toISOString();
    }
  }

  /** Queues the run's slices for the workers and follows them (src/queue/reextract-run.ts). */
  private async onWorkers(run: ReextractRun, workers: ReextractWorkers, waitForWorkerMs: number): Promise<void> {
    const { options } = run;
    const version = extractorVersion();
    const signal = this.stop.signal;
    try {
      const queued = await queueRun(workers, version, {
        since: options.since ?? null,
        region: options.region ?? null,
        batchSize: options.batchSize ?? WORKER_SLICE,
        waitForWorkerMs,
        signal,
        onWaiting: () =>
          console.error(
            `skywatch: re-extraction ${run.id}: no 'skywatch worker' is connected; waiting up to ${waitForWorkerMs / 1000} s for one`,
          ),
      });
      run.total = queued.total;
      run.summary = emptySummary(version);
      const followed = await followRun(workers, queued, {
        signal,
        onProgress: (done, _total, s) => {
          run.done = done;
          run.summary = { ...s, events: { ...s.events }, errors: [...s.errors] };
        },
        onWorkersGone: () =>
          console.error(`skywatch: re-extraction ${run.id}: no 'skywatch worker' is connected now; its slices wait in the queue for one`),
      });
      run.done = followed.done;
      run.summary = followed.summary;
      if (followed.end === "done") run.state = "done";
      else {
        run.state = "stopped";
        run.summary.stopped = true;
        run.error =
          followed.end === "no-worker"
            ? `${followed.open} slices are still queued and no 'skywatch worker' has come for ${NO_WORKER_MS / 1000} s; they stay queued: start a worker, and POST /api/reextract again to follow them, or ${IN_PROCESS}`
            : `the server closed; its ${followed.open} slices still queued are read by the workers, and the next run follows them`;
      }
    } catch (err) {
      if (err instanceof NoWorkerError && signal.aborted) {
        run.state = "stopped";
        run.error = "the server closed before a 'skywatch worker' connected; nothing was queued";
      } else if (err instanceof NoWorkerError) {
        run.state = "failed";
        run.error = noWorkerMessage(version, IN_PROCESS);
        console.error(`skywatch: re-extraction ${run.id}: ${run.error}`);
      } else {
        console.error(`skywatch: re-extraction ${run.id} failed:`, err);
        run.state = "failed";
        run.error = `${(err as Error).message}; what the workers did is kept, and starting it again goes on from there`;
      }
    } finally {
      run.finishedAt = new Date().toISOString();
    }
  }

  get(id: string): ReextractRun | null {
    const run = this.runs.find((r) => r.id === id);
    return run ? { ...run } : null;
  }

  list(): ReextractRun[] {
    return this.runs.map((r) => ({ ...r }));
  }

  /** Stops a run between two batches and waits for it (before the store closes). */
  async close(): Promise<void> {
    this.stop.abort();
    await this.current;
  }
}

export interface ReextractRouteOptions {
  store: Store;
  places?: PlaceResolver | null;
  localToken?: string | null;
  /** Start a run once the server is ready (serve --reextract); it reads only what this extractor has not read. */
  atStart?: boolean;
  /** PostgreSQL: the workers' queue (serve's report queue), on which runs are shared by the `skywatch worker` processes. */
  reextractQueue?: Omit<ReextractWorkers, "store"> | null;
}

export function reextractRoutes(app: FastifyInstance, options: ReextractRouteOptions): ReextractRuns {
  const workers = options.reextractQueue ? { ...options.reextractQueue, store: options.store } : null;
  const runs = new ReextractRuns(options.store, options.places ?? null, workers);
  const admin = async (req: { headers: { authorization?: string } }) => {
    const writer = await authenticate(options.store.db, req.headers.authorization, options.localToken ?? null);
    if (writer.role !== "admin") throw new AuthError(403, "re-extraction needs an admin key (skywatch keys create --role admin)");
  };
  app.addHook("onClose", () => runs.close());
  if (options.atStart)
    app.addHook("onReady", async () => {
      // Workers started with serve get a minute to connect.
      runs.start({}, START_GRACE_MS);
    });

  app.post("/api/reextract", { onRequest: [admin] }, async (req, reply) => {
    const body = ReextractBody.parse(req.body ?? {});
    // Said at once rather than queued for no one (the command waits a little; an API client asks again).
    if (!runs.running() && runs.sharedByWorkers(body) && !(await runs.workersConnected()))
      return reply.status(503).send({ error: noWorkerMessage(extractorVersion(), IN_PROCESS) });
    const run = runs.start(body);
    if (!run) {
      const other = runs.running();
      return reply.status(409).send({
        error: other
          ? `a re-extraction runs already (${other.id}, ${other.done}/${other.total ?? "?"} reports): follow it at /api/reextract/${other.id}, or start this one when it is done`
          : "the server is closing; start the re-extraction again once it runs",
        ...(other ? { run: other } : {}),
      });
    }
    return reply
      .status(202)
      .header("location", `/api/reextract/${run.id}`)
      .send({ run, status: `/api/reextract/${run.id}` });
  });
  app.get("/api/reextract", async () => ({ runs: runs.list() }));
  app.get("/api/reextract/:id", async (req, reply) => {
    const { id } = IdParam.parse(req.params);
    return (
      runs.get(id) ?? reply.status(404).send({ error: `no re-extraction ${id} (a server keeps its last ${KEEP} runs until it restarts)` })
    );
  });
  return runs;
}

const problem = { description: "{error}: what is wrong" };
const runParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };

/** The routes above in /api/openapi.json. */
export const reextractOpenApiPaths = {
  "/api/reextract": {
    post: {
      summary:
        "re-extract the stored reports this extractor version has not read {since?, region?, dryRun?, batchSize?, local?} in the background, one run at a time: on an embedded store in the server's process; on PostgreSQL queued in slices for the `skywatch worker` processes (local: true or dryRun: in the server's process); admin key (or serve's local token)",
      requestBody: { required: false, content: { "application/json": { schema: jsonSchema(ReextractBody) } } },
      responses: {
        202: { description: "{run, status: /api/reextract/ID}: started" },
        400: problem,
        401: { description: "no key, or an unknown or revoked one" },
        403: { description: "not an admin key" },
        409: { description: "{error, run}: another run goes on" },
        503: {
          description:
            "{error}: on PostgreSQL, no `skywatch worker` is connected to share the run (nothing was queued); start one, or ask for local: true",
        },
      },
    },
    get: { summary: "this server's runs, newest first → {runs} (public)", responses: { 200: { description: "the runs" } } },
  },
  "/api/reextract/{id}": {
    get: {
      summary:
        "a run's progress {state: running|done|failed|stopped, runBy: server|workers, done, total, summary: {reports, changedReports, incidentsAdded, incidentsRemoved, incidentsChanged, events, failed}} (public)",
      parameters: [runParam],
      responses: { 200: { description: "the run" }, 400: problem, 404: problem },
    },
  },
};
