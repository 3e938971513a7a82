// Re-extraction run by the server itself (src/ingest/reextract.ts), off the request path: an
// embedded store has one process, so `skywatch reextract` on a store that `serve` holds sends its
// run here and follows its progress; `serve --reextract` starts one at start.
//   POST /api/reextract      {since?, region?, dryRun?, batchSize?} → 202 {run} (Location: /api/reextract/ID);
//                            409 {error, run} while another run goes on; admin key (or serve's local token)
//   GET  /api/reextract      {runs}: this server's runs, newest first
//   GET  /api/reextract/:id  {id, state, done, total, summary, error, options, startedAt, finishedAt}
// A run is as idempotent and resumable as the command: each batch is one transaction with the
// record of the reports it read, so a run stopped (the server closing, kill -9) goes on where it
// stopped when started again, and a second run reads nothing.
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { PlaceResolver } from "../extract/place-resolver.js";
import { type ReextractSummary, reextract } from "../ingest/reextract.js";
import { isCalendarDate } from "../ingest/report-fields.js";
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
  })
  .strict();
export type ReextractRequest = z.infer<typeof ReextractBody>;

export type RunState = "running" | "done" | "failed" | "stopped";

export interface ReextractRun {
  id: string;
  state: RunState;
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

/** The runs of one server, one at a time. */
export class ReextractRuns {
  private readonly runs: ReextractRun[] = [];
  private readonly stop = new AbortController();
  private current: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly places: PlaceResolver | null,
  ) {}

  running(): ReextractRun | null {
    return this.runs.find((r) => r.state === "running") ?? null;
  }

  /** Starts a run; null when one runs already. */
  start(options: ReextractRequest): ReextractRun | null {
    if (this.running() || this.stop.signal.aborted) return null;
    const run: ReextractRun = {
      id: randomUUID(),
      state: "running",
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
    this.current = (async () => {
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
    })();
    return { ...run };
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
}

export function reextractRoutes(app: FastifyInstance, options: ReextractRouteOptions): ReextractRuns {
  const runs = new ReextractRuns(options.store, options.places ?? null);
  const admin = async (req: { headers: { authorization?: string } }) => {
    const writer = await authenticate(options.store.db, req.headers.authorization, options.localToken ?? null);
    if (writer.role !== "admin") throw new AuthError(403, "re-extraction needs an admin key (skywatch keys create --role admin)");
  };
  app.addHook("onClose", () => runs.close());
  if (options.atStart)
    app.addHook("onReady", async () => {
      runs.start({});
    });

  app.post("/api/reextract", { onRequest: [admin] }, async (req, reply) => {
    const body = ReextractBody.parse(req.body ?? {});
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
        "re-extract the stored reports this extractor version has not read {since?, region?, dryRun?, batchSize?} in the background, one run at a time; admin key (or serve's local token)",
      requestBody: { required: false, content: { "application/json": { schema: jsonSchema(ReextractBody) } } },
      responses: {
        202: { description: "{run, status: /api/reextract/ID}: started" },
        400: problem,
        401: { description: "no key, or an unknown or revoked one" },
        403: { description: "not an admin key" },
        409: { description: "{error, run}: another run goes on" },
      },
    },
    get: { summary: "this server's runs, newest first → {runs} (public)", responses: { 200: { description: "the runs" } } },
  },
  "/api/reextract/{id}": {
    get: {
      summary:
        "a run's progress {state: running|done|failed|stopped, done, total, summary: {reports, changedReports, incidentsAdded, incidentsRemoved, incidentsChanged, events, failed}} (public)",
      parameters: [runParam],
      responses: { 200: { description: "the run" }, 400: problem, 404: problem },
    },
  },
};
