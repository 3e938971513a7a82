// What guards the server as a whole: security headers (helmet, with a Content-Security-Policy the
// offline dashboard satisfies), a rate limit per client address on every route, and 503 with
// Retry-After while the event loop lags (under-pressure). The per-key limit on writes is in
// server.ts, where the writer is known.
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import underPressure from "@fastify/under-pressure";
import type { FastifyInstance, FastifyRequest } from "fastify";

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
}

export const DEFAULT_LIMITS: Limits = {
  perAddress: 1200,
  writesPerKey: 120,
  maxReportsPerPost: 500,
  inlineReports: 50,
  maxPendingJobs: 20,
  maxEventLoopDelayMs: 2000,
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
