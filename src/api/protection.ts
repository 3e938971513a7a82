// What guards the server as a whole: security headers (helmet, with a Content-Security-Policy the
// offline dashboard satisfies), a rate limit per client address on every route, and 503 with
// Retry-After while the event loop lags (under-pressure), and a time budget for reads with load
// shedding in front of an embedded store (budgetReads). The per-key limit on writes is in
// server.ts, where the writer is known.
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import underPressure from "@fastify/under-pressure";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export interface Limits {
  /** Requests per minute from one client address, all routes (default 1200); false: none. */
  perAddress: number | false;
  /** POST /api/reports per minute with one API key (default 120; the local token of `serve` has none); false: none. */
  writesPerKey: number | false;
  /** Reports in one POST (default 500; more → 413). */
  maxReportsPerPost: number;
  /** Reports up to this many are stored before the answer (201); more become a job (202 + GET /api/jobs/:id). Default 50. */
  inlineReports: number;
  /** Jobs waiting or running at once (default 20; more → 503 with Retry-After). */
  maxPendingJobs: number;
  /** Event-loop delay (ms) above which requests get 503 + Retry-After (default 2000); false: no check. */
  maxEventLoopDelayMs: number | false;
  /**
   * A read (GET /api/…, not the live stream) not answered within this many ms gets 503 +
   * Retry-After instead of a longer wait (default 5000; a streamed export counts to its first
   * bytes); false: none.
   */
  requestBudgetMs: number | false;
  /**
   * An embedded store (PGlite) runs one query at a time: when its oldest query has waited this many
   * ms, or this many wait, a read is answered 503 + Retry-After at once rather than queued behind
   * them (defaults 1000 ms, 200 queries); false: never.
   */
  maxStoreWait: { ms: number; queries: number } | false;
}

export const DEFAULT_LIMITS: Limits = {
  perAddress: 1200,
  writesPerKey: 120,
  maxReportsPerPost: 500,
  inlineReports: 50,
  maxPendingJobs: 20,
  maxEventLoopDelayMs: 2000,
  requestBudgetMs: 5000,
  maxStoreWait: { ms: 1000, queries: 200 },
};

/** The Content-Security-Policy of the dashboard and API: nothing from elsewhere, no inline script. */
export const CONTENT_SECURITY_POLICY = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  // MapLibre sets element styles from script (allowed); the dashboard has no inline <style>.
  "style-src": ["'self'"],
  // The favicon is a data: URL; MapLibre decodes images through blob: URLs.
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  // MapLibre's worker is a module served from /assets (setWorkerUrl), or a blob: in some builds.
  "worker-src": ["'self'", "blob:"],
  "child-src": ["'self'", "blob:"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
  // The server often runs on plain http (a laptop, an intranet): upgrading requests would break it.
  "upgrade-insecure-requests": null,
};

const perMinute = (n: number) => `${n} per minute`;

/** The reads a time budget and load shedding apply to: the API's GETs, except the live stream (open for hours). */
const isBudgetedRead = (req: FastifyRequest) =>
  (req.method === "GET" || req.method === "HEAD") && req.url.startsWith("/api/") && !req.url.startsWith("/api/stream");

const overloaded = (reply: FastifyReply, retryAfter: number, why: string) =>
  reply
    .status(503)
    .header("retry-after", String(retryAfter))
    .send({ error: `${why}; retry in ${retryAfter} s`, code: "OVERLOADED" });

/**
 * The time budget of reads, and load shedding in front of an embedded store: what waits for
 * PGlite waits for every query before it, so a read that would queue behind a stuck one is told
 * to come back (503 + Retry-After) instead of adding to the queue.
 */
export function budgetReads(app: FastifyInstance, limits: Limits, backlog: () => { waiting: number; oldestMs: number } | null): void {
  const budget = limits.requestBudgetMs;
  const wait = limits.maxStoreWait;
  if (budget === false && wait === false) return;
  app.addHook("onRequest", async (req, reply) => {
    if (!isBudgetedRead(req)) return;
    if (wait !== false) {
      const b = backlog();
      if (b && (b.oldestMs > wait.ms || b.waiting > wait.queries))
        return overloaded(reply, 2, `the store is busy (${b.waiting} queries waiting, the oldest for ${Math.round(b.oldestMs)} ms)`);
    }
    if (budget === false) return;
    const timer = setTimeout(() => {
      // Once the answer has begun (a streamed export), it goes on.
      if (!reply.sent && !reply.raw.headersSent) overloaded(reply, 1, `no answer within ${budget} ms`);
    }, budget);
    timer.unref();
    reply.raw.once("close", () => clearTimeout(timer));
    reply.raw.once("finish", () => clearTimeout(timer));
  });
}

/** Registers the guards on `app` (call before the routes' plugins, so that their hooks apply to all). */
export function protect(app: FastifyInstance, limits: Limits, exempt: (req: FastifyRequest) => boolean = () => false): void {
  app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // The API is read by other origins when --cors allows them.
    crossOriginResourcePolicy: { policy: "same-site" },
  });
  {
    const max = limits.perAddress || 0;
    // Registered even without a per-address limit: the per-key limit of writes uses it.
    app.register(rateLimit, {
      global: limits.perAddress !== false,
      max,
      timeWindow: 60_000,
      keyGenerator: (req: FastifyRequest) => `ip:${req.ip}`,
      allowList: (req: FastifyRequest) => exempt(req),
      errorResponseBuilder: (_req, context) =>
        Object.assign(new Error(`too many requests from this address (${perMinute(max)}); retry in ${context.after}`), {
          statusCode: 429,
          code: "RATE_LIMITED",
        }),
    });
  }
  if (limits.maxEventLoopDelayMs !== false) {
    const retryAfter = 10;
    app.register(underPressure, {
      maxEventLoopDelay: limits.maxEventLoopDelayMs,
      retryAfter,
      pressureHandler: (_req, reply) => {
        reply
          .status(503)
          .header("retry-after", String(retryAfter))
          .send({ error: `the server is overloaded; retry in ${retryAfter} s`, code: "OVERLOADED" });
      },
    });
  }
}

/** The per-key limit of writes, as a hook for POST /api/reports (run after the writer is known). */
export function writeLimit(app: FastifyInstance, limits: Limits, keyOf: (req: FastifyRequest) => string | null) {
  if (limits.writesPerKey === false) return [];
  const max = limits.writesPerKey;
  return [
    app.rateLimit({
      max,
      timeWindow: 60_000,
      keyGenerator: (req: FastifyRequest) => `key:${keyOf(req) ?? `ip:${req.ip}`}`,
      allowList: (req: FastifyRequest) => keyOf(req) === "local",
      errorResponseBuilder: (_req, context) =>
        Object.assign(new Error(`too many writes with this API key (${perMinute(max)}); retry in ${context.after}`), {
          statusCode: 429,
          code: "RATE_LIMITED",
        }),
    }),
  ];
}
