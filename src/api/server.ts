// The HTTP API (Fastify): events with filters and cursor pagination, event and report detail,
// daily counts, CSV (ACLED-like columns) and GeoJSON export, and report submission.
import { existsSync } from "node:fs";
import { Readable } from "node:stream";
import { brotliCompressSync, gzipSync, constants as zlibConstants } from "node:zlib";
import compress from "@fastify/compress";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { z } from "zod";
import { filterFromQuery, matches } from "../alerts/filter.js";
import type { PlaceResolver } from "../extract/place-resolver.js";
import { type IngestOptions, ingest } from "../ingest/ingest.js";
import { InputError, reportFromJson } from "../ingest/readers.js";
import { Topic } from "../live/topic.js";
import type { Writer } from "../store/api-keys.js";
import type { Store } from "../store/database.js";
import type { EventChange } from "../store/refuse.js";
import type { ReportInput } from "../store/reports.js";
import { loadWriteFacts, writeRefusal } from "../store/write-access.js";
import { answerVersion, type ChangeNotices, changeNotices } from "./answer-version.js";
import { apiDocs } from "./api-docs.js";
import { authenticate, bearer, isToken } from "./auth.js";
import { exportRoutes } from "./export-routes.js";
import { feedRoutes } from "./feed-routes.js";
import { healthCounts } from "./health-counts.js";
import { keyRoutes } from "./key-routes.js";
import { regionsForMap } from "./map-data.js";
import { mapLayers } from "./map-layers.js";
import { openApiDocument } from "./openapi.js";
import { placeRoutes } from "./place-routes.js";
import { budgetReads, DEFAULT_LIMITS, type Limits, protect, writeLimit } from "./protection.js";
import {
  BadQuery,
  DailyQuery,
  dailyGrouping,
  dailyStats,
  eventDetail,
  eventPointPages,
  eventQuery,
  listEvents,
  MAX_INT,
  regionStats,
  reportDetail,
} from "./queries.js";
import { type ReextractRouteOptions, reextractRoutes } from "./reextract-routes.js";
import { planIntake } from "./report-intake.js";
import { ReportJobs } from "./report-jobs.js";
import { outcomeCollector, queuedAnswer, reportRoutes, type SubmissionAnswer } from "./report-routes.js";
import { sharedJson } from "./shared-json.js";
import { sourceRoutes } from "./source-routes.js";
import { type AlertSettings, subscriptionRoutes } from "./subscription-routes.js";
import { trendRoutes } from "./trend-routes.js";
import { unchangedAnswers } from "./unchanged-answers.js";

export interface ServerOptions {
  store: Store;
  /** With a queue (PostgreSQL), submitted reports are queued for workers instead of extracted here. */
  queue?: { enqueue(reports: import("../store/reports.js").ReportInput[]): Promise<number> } | null;
  /** Where stored or updated events are announced (for GET /api/stream). */
  events?: Topic<EventNotice>;
  places?: PlaceResolver | null;
  /** Largest accepted request body, bytes (default 5 MB). */
  bodyLimit?: number;
  /** Origins allowed by CORS ("*" for any); none by default. */
  corsOrigin?: string | null;
  /** The built dashboard (dist/web) served at /; without it / explains how to build it. */
  webRoot?: string | null;
  /** Anyone may write reports, as before keys existed (a single-user laptop). Default: writing needs an API key. */
  openWrites?: boolean;
  /** A token this server accepts as an admin key: `serve` leaves it in the store's lock file for local processes. */
  localToken?: string | null;
  /** Rate limits, batch sizes and overload protection (src/api/protection.ts); defaults in DEFAULT_LIMITS. */
  limits?: Partial<Limits>;
  /** Subscriptions and feeds (src/alerts): the public URL, private webhook hosts, email. */
  alerts?: AlertSettings | null;
  /** Reloads `places` now (serve's live resolver, src/geo/live-places.ts): POST /api/places calls it. */
  refreshPlaces?: (() => Promise<unknown>) | null;
  /** Re-extract what this extractor has not read, in the background once ready (serve --reextract). */
  reextractAtStart?: boolean;
  /** PostgreSQL: re-extraction runs are queued on this (serve's report queue) for the workers (src/api/reextract-routes.ts). */
  reextractQueue?: ReextractRouteOptions["reextractQueue"];
}

interface Precompressed {
  identity: string;
  gzip: Buffer;
  br: Buffer;
}
const precompress = (body: string): Precompressed => ({
  identity: body,
  gzip: gzipSync(body),
  br: brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 6 } }),
});

/** The :id of a path (a positive integer within PostgreSQL's integer; anything else is a 400). */
export const IdParam = z.object({ id: z.coerce.number().int().positive().max(MAX_INT) });
const JobParam = z.object({ id: z.uuid({ message: "a job id is a UUID, as POST /api/reports returned it" }) });

const pointFeature = <P>(lon: number, lat: number, properties: P) => ({
  type: "Feature" as const,
  geometry: { type: "Point" as const, coordinates: [lon, lat] },
  properties,
});

/**
 * What the live stream says: an event was created, updated, merged into another (`mergedInto`)
 * or withdrawn, now at `version` — announced by the transaction that changed it (refuse's
 * NOTIFY), whichever process wrote it.
 */
export type EventNotice = EventChange;

export function buildServer(options: ServerOptions): FastifyInstance {
  const topic = options.events ?? new Topic<EventNotice>();
  const app = Fastify({ bodyLimit: options.bodyLimit ?? 5 * 1024 * 1024, logger: false });
  // Compresses JSON, CSV and the dashboard's files; the live stream writes to the socket directly.
  // Routes live in a plugin registered after it, so that its hooks apply to them.
  app.register(compress, { threshold: 2048 });
  // Headers, rate limit and overload checks for every route, the dashboard's files included.
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  // The local token of `serve` (processes of this machine's user, e.g. `skywatch ingest`) is not rate-limited.
  const local = options.localToken ?? null;
  protect(app, limits, (req) => local !== null && isToken(bearer(req.headers.authorization), local));
  budgetReads(app, limits, () => options.store.backlog?.() ?? null);
  // Every committed change of events reaches the stream, whoever made it (workers, ingest, reextract…).
  let unlisten: (() => Promise<void>) | null = null;
  const notices = changeNotices();
  app.addHook("onReady", async () => {
    unlisten = await options.store.listen((changes) => {
      notices.received();
      for (const change of changes) topic.broadcast(change);
    });
    notices.listening();
  });
  app.addHook("onClose", async () => {
    await unlisten?.();
  });
  app.register(async (app) => routes(app, options, topic, limits, notices));
  app.register(mapLayers);
  app.register(apiDocs);
  return app;
}

function routes(app: FastifyInstance, options: ServerOptions, topic: Topic<EventNotice>, limits: Limits, notices: ChangeNotices) {
  const { store } = options;

  app.setErrorHandler((err, _req, reply) => {
    const e = err as { statusCode?: number; message: string; code?: string };
    const status = e.statusCode ?? (err instanceof z.ZodError || err instanceof BadQuery || err instanceof InputError ? 400 : 500);
    const message =
      err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; ") : e.message;
    // Details of a server error (which may hold SQL) go to the log only.
    if (status >= 500) console.error(`skywatch: ${_req.method} ${_req.url.slice(0, 200)} failed:`, err);
    reply.status(status).send({ error: status >= 500 ? "internal error" : message, ...(status >= 500 ? {} : { code: e.code }) });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: `no route ${req.method} ${req.url}` }));
  if (options.corsOrigin) {
    app.addHook("onSend", async (_req, reply) => {
      reply.header("access-control-allow-origin", options.corsOrigin);
    });
  }

  app.get("/api/openapi.json", async () => openApiDocument());

  // Server-sent events: "event: event" lines with {id, version, change, region, kind, weapon, date,
  // casualties, place} for each event stored or updated; a subscription's filter narrows the
  // stream (src/alerts/filter.ts): ?region=RU-BEL,UA-63&kind=strike&weapon=drone&casualties=1,
  // near=LAT,LON or place=NAME with radius=KM.
  app.get("/api/stream", (req, reply) => {
    const filter = filterFromQuery(req.query as Record<string, unknown>, options.places);
    reply.raw.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
      ...(options.corsOrigin ? { "access-control-allow-origin": options.corsOrigin } : {}),
    });
    reply.raw.write(": skywatch live stream\n\n");
    const unsubscribe = topic.subscribe(
      (notice) => reply.raw.write(`event: event\ndata: ${JSON.stringify(notice)}\n\n`),
      (notice) => matches(filter, notice),
    );
    const keepAlive = setInterval(() => reply.raw.write(": keep-alive\n\n"), 15_000);
    req.raw.on("close", () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  });

  // Answered from kept counts, never waiting behind other queries: the embedded store's queue, a server's pool (health-counts.ts).
  const counts = healthCounts(store);
  app.get("/api/health", async () => ({ status: "ok", store: store.kind, ...(await counts()) }));

  // Settlements are stored by their canonical (Latin) name; the dashboard shows them in its language.
  const withNames = <E extends { settlement: string | null; region: string | null }>(e: E) => {
    const names = e.settlement && options.places?.localNames ? options.places.localNames(e.settlement, e.region) : null;
    return names ? { ...e, names } : e;
  };

  // The same page asked again while the store wrote nothing is answered as read (unchanged-answers.ts),
  // serialised once while it is kept (shared-json.ts).
  const unchanged = unchangedAnswers(answerVersion(store, notices));
  app.get("/api/events", async (req, reply) => {
    const filter = eventQuery(req.query, options.places);
    const page = await unchanged(`events ${req.url}`, async () => {
      const read = await listEvents(store.db, filter);
      return { ...read, events: read.events.map(withNames) };
    });
    return reply.type("application/json; charset=utf-8").send(sharedJson(page, "events", () => page));
  });

  app.get("/api/events/:id", async (req, reply) => {
    const { id } = IdParam.parse(req.params);
    const event = await eventDetail(store.db, id);
    if (!event) return reply.status(404).send({ error: `no event ${id}` });
    // A withdrawn event: its reports, corrected or read again, no longer tell it; its last state is kept.
    if (event.state === "withdrawn")
      return reply.status(410).send({
        error: `event ${event.id} was withdrawn at version ${event.version}: the reports that told it no longer do`,
        event: withNames(event),
      });
    return withNames(event);
  });

  app.get("/api/reports/:id", async (req, reply) => {
    const { id } = IdParam.parse(req.params);
    const report = await reportDetail(store.db, id);
    return report ?? reply.status(404).send({ error: `no report ${id}` });
  });

  // Per day and kind over the filter's regions (by=day, the default unless regions are asked), or per
  // day, region and kind (by=region: the answer before by existed, a row per region and day).
  // The answer (174 kB per day and kind on 1 M events) is serialised once while it is kept (shared-json.ts).
  app.get("/api/stats/daily", async (req, reply) => {
    const f = eventQuery(req.query, options.places);
    const by = dailyGrouping(f, DailyQuery.parse(req.query).by);
    const days = await unchanged(`daily ${req.url}`, () => dailyStats(store.db, f, by));
    return reply.type("application/json; charset=utf-8").send(sharedJson(days, by, () => ({ by, days })));
  });
  // Per region with casualties, from the statistics summary (country, region, kind, weapon, from, to).
  app.get("/api/stats/regions", async (req, reply) => {
    const regions = await regionStats(store.db, eventQuery(req.query, options.places));
    if (!regions)
      return reply.status(400).send({ error: "per-region statistics filter by country, region, kind, weapon, from and to only" });
    return { regions };
  });

  exportRoutes(app, store, options.places);

  // Written page by page (a q's matches are read a page at a time, never all collected first).
  app.get("/api/map/points", async (req, reply) => {
    const pages = eventPointPages(store.db, eventQuery(req.query, options.places))[Symbol.asyncIterator]();
    // The first page before the answer starts, so that a failing query is still an error status.
    const head = await pages.next();
    async function* chunks() {
      yield '{"type":"FeatureCollection","features":[';
      let first = true;
      for (let page = head; !page.done; page = await pages.next()) {
        if (!page.value.length) continue;
        yield (first ? "" : ",") +
          page.value.map(({ lat, lon, ...p }) => JSON.stringify(pointFeature(lon as number, lat as number, p))).join(",");
        first = false;
      }
      yield "]}";
    }
    reply.header("content-type", "application/geo+json");
    return reply.send(Readable.from(chunks()));
  });

  // Built and compressed once: the dashboard asks for it on every page load.
  let regions: Precompressed | null = null;
  app.get("/api/map/regions.geojson", async (req, reply) => {
    regions ??= precompress(regionsForMap());
    reply.type("application/geo+json").header("cache-control", "public, max-age=3600").header("vary", "accept-encoding");
    const accepted = String(req.headers["accept-encoding"] ?? "");
    if (/\bbr\b/.test(accepted)) return reply.header("content-encoding", "br").send(regions.br);
    if (/\bgzip\b/.test(accepted)) return reply.header("content-encoding", "gzip").send(regions.gzip);
    return reply.send(regions.identity);
  });

  if (options.webRoot && existsSync(options.webRoot)) {
    // Hashed asset names never change content, so they may be cached for long.
    app.register(fastifyStatic, {
      root: options.webRoot,
      preCompressed: true,
      setHeaders: (res, path) => {
        if (path.includes("/assets/")) res.setHeader("cache-control", "public, max-age=31536000, immutable");
      },
    });
  } else {
    app.get("/", async (_req, reply) =>
      reply
        .type("text/html; charset=utf-8")
        .send(
          `<!doctype html><meta charset="utf-8"><title>Skywatch</title><h1>Skywatch</h1><p>The dashboard is not built: run <code>npm run build</code>. The API is here: <a href="/api/docs">/api/docs</a>.</p>`,
        ),
    );
  }

  // Writers are known before their body is read: an anonymous request costs no parsing.
  const writers = new WeakMap<FastifyRequest, Writer>();
  const identify = async (req: FastifyRequest) => {
    writers.set(req, await authenticate(store.db, req.headers.authorization, options.localToken ?? null));
  };
  keyRoutes(app, store, identify, writers);
  reportRoutes(app, store);
  sourceRoutes(app, options);
  subscriptionRoutes(app, options);
  feedRoutes(app, options);
  trendRoutes(app, options);
  placeRoutes(app, options);
  reextractRoutes(app, { ...options, atStart: options.reextractAtStart });

  // Both paths yield to the event loop between reports, so that reads go on while reports are extracted.
  const store_ = (inputs: ReportInput[], onProgress?: (done: number) => void, onReport?: IngestOptions["onReport"]) =>
    ingest(store, inputs, {
      onReport,
      places: options.places,
      yieldBetweenReports: true,
      internalErrors: "generic",
      batchSize: 25,
      onProgress: (done) => onProgress?.(done),
    });
  const jobs = new ReportJobs((inputs, onProgress, onReport) => store_(inputs, onProgress, onReport), limits.maxPendingJobs);
  app.addHook("onClose", () => jobs.idle());

  const keyOf = (req: FastifyRequest): string | null => {
    const writer = writers.get(req);
    return writer ? (writer.keyId === null ? "local" : String(writer.keyId)) : null;
  };
  app.post(
    "/api/reports",
    { onRequest: options.openWrites ? [] : [identify], preHandler: writeLimit(app, limits, keyOf) },
    async (req, reply) => {
      const body = req.body;
      const items = Array.isArray(body) ? body : [body];
      if (!items.length)
        throw new InputError("send a report object {text, published?, url?, title?, language?, source?} or an array of them");
      if (items.length > limits.maxReportsPerPost)
        return reply.status(413).send({
          error: `at most ${limits.maxReportsPerPost} reports per request (got ${items.length}); send them in several requests`,
          code: "TOO_MANY_REPORTS",
        });
      const writer = writers.get(req) ?? null;
      const label = (i: number) => (Array.isArray(body) ? `report ${i}` : "report");
      const inputs = items.map((item, i) => ({ ...reportFromJson(item, label(i), writer?.source ?? "api"), writer }));
      if (writer) {
        const refusal = writeRefusal(writer, inputs, await loadWriteFacts(store.db, inputs), label);
        if (refusal) return reply.status(403).send({ error: refusal });
      }
      const { queue } = options;
      if (queue || inputs.length > limits.inlineReports) {
        // Extracted later (by workers, or a job here): each report's id is known now, reserved for it.
        const busy = () =>
          reply
            .status(503)
            .header("retry-after", "30")
            .send({ error: "too many submissions are being stored; retry in 30 s", code: "BUSY" });
        if (!queue && jobs.full()) return busy();
        const plan = await planIntake(store.db, inputs);
        const toExtract = inputs.filter((_, i) => plan[i].status === "queued");
        if (queue) await queue.enqueue(toExtract);
        // The job reads the duplicates again, so that its summary and outcomes are the whole submission's.
        const job = !queue && toExtract.length ? jobs.submit(inputs) : null;
        if (!queue && toExtract.length && !job) return busy();
        const answer = queuedAnswer(plan, job);
        if (job) reply.header("location", answer.status);
        return reply.status(answer.queued > 0 ? 202 : 200).send(answer);
      }
      const outcomes = outcomeCollector(inputs);
      const summary = await store_(inputs, undefined, outcomes.onReport);
      const answer: SubmissionAnswer = { ...summary, queued: 0, reports: outcomes.outcomes(), job: null, status: null };
      return reply.status(summary.stored + summary.newVersions > 0 ? 201 : 200).send(answer);
    },
  );

  // A submission's progress; its id (a random UUID) is known to whoever submitted it.
  app.get("/api/jobs/:id", async (req, reply) => {
    const { id } = JobParam.parse(req.params);
    const job = jobs.get(id);
    return (
      job ?? reply.status(404).send({ error: `no job ${id} (jobs are kept for an hour after they finish, until the server restarts)` })
    );
  });
}
