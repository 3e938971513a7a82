// The attacks of issue 11, each now failing closed: requests that used to answer 500 answer 400,
// empty and invisible texts and non-http(s) source URLs are refused, a 10,000-report POST is
// refused (413) and a 500-report POST becomes a job that leaves reads fast, security headers are
// set, and rate limits answer 429 with Retry-After.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { createApiKey } from "../../src/store/api-keys.js";
import { openStore, type Store } from "../../src/store/database.js";

const report = (i: number) => ({
  text: `${(i % 7) + 2} drones were shot down over the ${["Kursk", "Bryansk", "Belgorod", "Oryol"][i % 4]} region overnight, the governor said. (${i})`,
  published: `2025-06-${String((i % 28) + 1).padStart(2, "0")}`,
  url: `https://example.org/attack/${i}`,
  source: "attack-test",
});

describe("attacks that now fail closed (PGlite)", () => {
  let store: Store;
  let app: FastifyInstance;
  let key = "";
  const reportsStored = async () => Number((await store.execute("SELECT count(*)::int AS n FROM reports"))[0].n);

  beforeAll(async () => {
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-attacks-")), "db") });
    app = buildServer({ store, places: defaultPlaceResolver(), webRoot: join(process.cwd(), "dist/web") });
    key = (await createApiKey(store.db, { role: "writer" })).key;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const post = (payload: unknown) =>
    app.inject({ method: "POST", url: "/api/reports", payload: payload as object, headers: { authorization: `Bearer ${key}` } });

  it("answers 400, never 500, to the inputs that used to crash a query", async () => {
    const cursor = Buffer.from(JSON.stringify(["abc", 1])).toString("base64url");
    const cases = [
      ...["/api/events", "/api/stats/daily", "/api/export.csv", "/api/export.geojson", "/api/map/points"].map(
        (path) => `${path}?from=2025-02-30`,
      ),
      "/api/events?to=2025-13-01",
      "/api/events?q=%00",
      "/api/events?settlement=a%00b",
      `/api/events?cursor=${cursor}`,
      `/api/events?sort=count&cursor=${Buffer.from(JSON.stringify(["99999999999", 1])).toString("base64url")}`,
      `/api/events?cursor=${Buffer.from(JSON.stringify(["2025-01-01", 2 ** 31])).toString("base64url")}`,
      "/api/events/2147483648",
      "/api/reports/99999999999",
      "/api/events?bbox=1e999,0,1,1",
    ];
    const statuses = [];
    for (const url of cases) {
      const res = await app.inject({ url });
      statuses.push(res.statusCode);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error, url).toMatch(/\w/);
    }
    const published = await post({ text: "Two drones were shot down over the Kursk region.", published: "2025-02-30" });
    expect(published.statusCode).toBe(400);
    expect(published.body).not.toMatch(/insert|select|params/i);
    expect(published.json().error).toMatch(/published.*real date/);
    console.log(`attacks: ${cases.length + 1} former 500s → ${[...statuses, published.statusCode].join(",")} (all 400)`);
  });

  it("refuses texts with nothing to read in them, and non-http(s) source URLs", async () => {
    const texts = ["\u200b", "\u2060\u2060", "\ufeff \u200b", "\ufffd\ufffd", " \u00ad\u200d ", "a\u0000b", "\u0301\u0301"];
    for (const text of texts) {
      const res = await post({ text });
      expect(res.statusCode, JSON.stringify(text)).toBe(400);
    }
    const urls = [
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "JAVASCRIPT:alert(1)",
      "file:///etc/passwd",
      "//example.org/x",
    ];
    for (const url of urls) {
      const res = await post({ text: "Two drones were shot down over the Kursk region.", url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toMatch(/http:\/\/ or https:\/\//);
    }
    expect(await reportsStored()).toBe(0);
    console.log(`attacks: ${texts.length} invisible/control texts and ${urls.length} non-http(s) URLs → 400, nothing stored`);
  });

  it("never serves a stored non-http(s) URL", async () => {
    const res = await post({
      text: "Three drones were shot down over the Kursk region on 3 June.",
      url: "https://example.org/ok",
      published: "2025-06-03",
    });
    expect(res.statusCode).toBe(201);
    await store.execute("UPDATE reports SET url = 'javascript:alert(1)'");
    const [{ id }] = await store.execute("SELECT id FROM reports LIMIT 1");
    expect((await app.inject({ url: `/api/reports/${id}` })).json().url).toBeNull();
    const [{ event_id }] = await store.execute("SELECT event_id FROM claims LIMIT 1");
    const detail = (await app.inject({ url: `/api/events/${event_id}` })).json();
    expect(detail.claims.every((c: { report: { url: string | null } }) => c.report.url === null)).toBe(true);
    await store.execute("DELETE FROM claims");
    await store.execute("DELETE FROM events");
    await store.execute("DELETE FROM incidents");
    await store.execute("DELETE FROM reports");
  });

  it("sets security headers with a CSP the offline dashboard satisfies", async () => {
    for (const url of ["/", "/api/events", "/api/docs"]) {
      const res = await app.inject({ url });
      const csp = String(res.headers["content-security-policy"]);
      expect(csp, url).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toMatch(/worker-src 'self' blob:/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["x-frame-options"]).toBeDefined();
      expect(res.headers["referrer-policy"]).toBeDefined();
    }
    // No inline script or style in the built page, which the CSP would block.
    const page = (await app.inject({ url: "/" })).body;
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(page).not.toMatch(/<style|\sstyle=/);
  });

  it("refuses 10,000 reports in one POST (413), and takes 500 as a job while reads stay fast", async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => report(i));
    const started = Date.now();
    const refused = await post(many);
    expect(refused.statusCode).toBe(413);
    expect(refused.json().error).toMatch(/at most 500 reports per request/);
    const refusedMs = Date.now() - started;

    const accepted = await post(many.slice(0, 500));
    expect(accepted.statusCode).toBe(202);
    const { job, status } = accepted.json();
    expect(status).toBe(`/api/jobs/${job.id}`);
    const latencies: number[] = [];
    let view = job;
    const deadline = Date.now() + 240_000;
    while (view.state !== "done" && view.state !== "failed" && Date.now() < deadline) {
      const t = performance.now();
      const health = await app.inject({ url: "/api/health" });
      latencies.push(performance.now() - t);
      expect(health.statusCode).toBe(200);
      view = (await app.inject({ url: status })).json();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(view.state).toBe("done");
    expect(view.done).toBe(500);
    expect(view.summary.stored).toBe(500);
    expect(await reportsStored()).toBe(500);
    latencies.sort((a, b) => a - b);
    const p50 = latencies[Math.floor(latencies.length / 2)];
    const max = latencies[latencies.length - 1];
    console.log(
      `attacks: 10,000-report POST → 413 in ${refusedMs} ms; 500-report POST → 202 job, done in ${((Date.parse(view.finishedAt) - Date.parse(view.createdAt)) / 1000).toFixed(1)} s; /api/health during it: ${latencies.length} probes, median ${p50.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
    );
    expect(max).toBeLessThan(1000);
    expect((await app.inject({ url: "/api/jobs/not-a-uuid" })).statusCode).toBe(400);
    expect((await app.inject({ url: "/api/jobs/00000000-0000-4000-8000-000000000000" })).statusCode).toBe(404);
  }, 300_000);

  it("limits requests per address and writes per key (429 with Retry-After)", async () => {
    const limited = buildServer({ store, limits: { perAddress: 5, writesPerKey: 2 } });
    try {
      const codes = [];
      for (let i = 0; i < 7; i++) codes.push((await limited.inject({ url: "/api/health" })).statusCode);
      expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      const last = await limited.inject({ url: "/api/health" });
      expect(last.statusCode).toBe(429);
      expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
      expect(last.json().error).toMatch(/too many requests from this address/);
      const writes = buildServer({ store, limits: { perAddress: false, writesPerKey: 2 } });
      const w = [];
      for (let i = 0; i < 3; i++)
        w.push(
          await writes.inject({
            method: "POST",
            url: "/api/reports",
            payload: report(1000 + i),
            headers: { authorization: `Bearer ${key}` },
          }),
        );
      await writes.close();
      expect(w.map((r) => r.statusCode)).toEqual([201, 201, 429]);
      expect(w[2].json().error).toMatch(/too many writes with this API key/);
      expect(w[2].headers["retry-after"]).toBeDefined();
      console.log(
        `attacks: per-address limit 5/min → ${[...codes, last.statusCode].join(",")}; per-key writes 2/min → ${w.map((r) => r.statusCode).join(",")}`,
      );
    } finally {
      await limited.close();
    }
  });
});
