// Property tests of the query schema through the whole server (fastify inject, PGlite with the
// sample reports): every invalid query answers 4xx, and no query, valid or not, answers 5xx.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { readDataFile } from "../../src/data-files.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { reportFromJson } from "../../src/ingest/readers.js";
import { isCalendarDate } from "../../src/ingest/report-fields.js";
import { openStore, type Store } from "../../src/store/database.js";

const ENDPOINTS = ["/api/events", "/api/stats/daily", "/api/export.csv", "/api/export.geojson", "/api/map/points"];
const RUNS = 150;

describe("query schema properties", () => {
  let store: Store;
  let app: FastifyInstance;
  const tally = { requests: 0, rejected: 0, accepted: 0 };

  beforeAll(async () => {
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-props-")), "db") });
    const samples = readDataFile("sample/reports.jsonl")
      .trim()
      .split("\n")
      .map((l, i) => reportFromJson(JSON.parse(l), `sample ${i + 1}`));
    await ingest(store, samples, { places: defaultPlaceResolver() });
    app = buildServer({ store, limits: { perAddress: false, maxEventLoopDelayMs: false } });
  }, 120_000);
  afterAll(async () => {
    console.log(
      `query properties: ${tally.requests} requests, ${tally.rejected} rejected with 4xx, ${tally.accepted} answered 200, 0 answered 5xx`,
    );
    await app?.close();
    await store?.close();
  });

  const get = async (path: string, query: Record<string, string>) => {
    const res = await app.inject({ url: path, query });
    tally.requests++;
    if (res.statusCode >= 500) throw new Error(`${path}?${new URLSearchParams(query)} → ${res.statusCode} ${res.body}`);
    if (res.statusCode === 200) tally.accepted++;
    else tally.rejected++;
    return res.statusCode;
  };
  const endpoint = fc.constantFrom(...ENDPOINTS);

  it("refuses every date that is not a real calendar day (4xx), on every endpoint", async () => {
    const dateLike = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
    await fc.assert(
      fc.asyncProperty(endpoint, fc.constantFrom("from", "to"), fc.oneof(dateLike, fc.string()), async (path, field, value) => {
        const status = await get(path, { [field]: value });
        expect(status).toBe(isCalendarDate(value) ? 200 : 400);
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses text parameters with control characters, and answers any other text", async () => {
    const text = fc.string({ unit: "binary", maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(endpoint, fc.constantFrom("q", "settlement"), text, async (path, field, value) => {
        const status = await get(path, { [field]: value });
        const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
        if ([...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) expect(status).toBe(400);
        else if (!lone) expect(status).toBe(200);
        else expect([200, 400]).toContain(status);
      }),
      { numRuns: RUNS },
    );
  });

  it("never lets a crafted cursor reach the database unchecked", async () => {
    const sorts = ["date", "-date", "id", "count", "-killed", "region", "-settlement", "sources", "relevance"];
    const payload = fc.oneof(
      fc.json(),
      fc
        .tuple(fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null)), fc.oneof(fc.integer(), fc.double(), fc.string()))
        .map((t) => JSON.stringify(t)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sorts), payload, async (sort, json) => {
        const status = await get("/api/events", { sort, q: "Kursk", cursor: Buffer.from(json).toString("base64url") });
        expect([200, 400]).toContain(status);
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses ids outside 1..2^31-1 and anything that is no integer", async () => {
    const id = fc.oneof(
      fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
      fc.string({ maxLength: 20 }),
      fc.double().map(String),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("/api/events/", "/api/reports/", "/api/sources/"), id, async (path, value) => {
        const res = await app.inject({ url: path + encodeURIComponent(value) });
        tally.requests++;
        expect(res.statusCode).toBeLessThan(500);
        const n = Number(value);
        if (!(Number.isInteger(n) && n >= 1 && n <= 2 ** 31 - 1) || value.trim() === "") expect(res.statusCode).toBe(400);
        if (res.statusCode === 200) tally.accepted++;
        else tally.rejected++;
      }),
      { numRuns: RUNS },
    );
  });

  it("answers any combination of filters with 200 or 4xx", async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom("RU-BEL", "UA-63", "strike", "drone", "2025-07-21", "-date", "10", "0", "1001", "37,50,38,51", "-181,0,0,0"),
    );
    const fields = fc.dictionary(
      fc.constantFrom("country", "region", "kind", "weapon", "from", "to", "bbox", "settlement", "q", "sort", "limit", "cursor"),
      value,
      { maxKeys: 5 },
    );
    await fc.assert(
      fc.asyncProperty(endpoint, fields, async (path, query) => {
        expect([200, 400]).toContain(await get(path, query));
      }),
      { numRuns: RUNS },
    );
  });

  it("checks every parameter of GET /api/reports: real dates, known languages, a cursor it made; 200 or 400, never 5xx", async () => {
    const dateLike = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("from", "to"), fc.oneof(dateLike, fc.string()), async (field, value) => {
        expect(await get("/api/reports", { [field]: value })).toBe(isCalendarDate(value) ? 200 : 400);
      }),
      { numRuns: RUNS },
    );
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: "binary", maxLength: 20 }),
      fc.constantFrom("wire", "en", "ru,uk", "de", "2025-07-21", "2025-02-30", "all", "latest", "0", "201", "50", "-1"),
      fc.json().map((j) => Buffer.from(j).toString("base64url")),
    );
    const fields = fc.dictionary(fc.constantFrom("source", "language", "from", "to", "versions", "limit", "cursor"), value, { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(fields, async (query) => {
        expect([200, 400]).toContain(await get("/api/reports", query));
      }),
      { numRuns: RUNS },
    );
  });

  it("pages a relevance-ordered q search to the end with its own cursors", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("Kursk", "Курская", "Belgorod", "Харків", "drones", "в Щетиновке"),
        fc.integer({ min: 1, max: 4 }),
        async (q, limit) => {
          const whole = (await app.inject({ url: "/api/events", query: { q, limit: "1000" } })).json() as { events: Array<{ id: number }> };
          const seen: number[] = [];
          let cursor: string | null = null;
          do {
            const res = await app.inject({ url: "/api/events", query: { q, limit: String(limit), ...(cursor ? { cursor } : {}) } });
            tally.requests++;
            expect(res.statusCode).toBe(200);
            const page = res.json() as { events: Array<{ id: number }>; next: string | null };
            seen.push(...page.events.map((e) => e.id));
            cursor = page.next;
          } while (cursor);
          expect(seen).toEqual(whole.events.map((e) => e.id));
        },
      ),
      { numRuns: 12 },
    );
  });
});
