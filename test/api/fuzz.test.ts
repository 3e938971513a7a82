// A fuzz run of the whole API on a live server (a real loopback port, raw HTTP): 2,000 generated
// requests over every endpoint with hostile paths, query values, headers and bodies. No answer
// may be a 5xx, a refused write must leave the store unchanged, and whatever was stored must
// satisfy the input rules (words in the text, http(s) URL or none, a real date or none).

import { mkdtempSync } from "node:fs";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { hasControlCharacters, hasWords, isCalendarDate, isHttpUrl } from "../../src/ingest/report-fields.js";
import { createApiKey } from "../../src/store/api-keys.js";
import { openStore, type Store } from "../../src/store/database.js";

const REQUESTS = 2000;
const HOSTILE = [
  "",
  "\u0000",
  "%00",
  "'; DROP TABLE reports; --",
  "' OR '1'='1",
  "%",
  "%%",
  "_",
  "\\",
  "2025-02-30",
  "2025-02-29",
  "0000-00-00",
  "9999-12-31",
  "2147483648",
  "-2147483649",
  "99999999999999999999",
  "-1",
  "0",
  "1e309",
  "NaN",
  "Infinity",
  "0x10",
  "../../../etc/passwd",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "data:text/html,<b>x</b>",
  "\u202e\u200b\u2060\ufeff",
  "\ufffd",
  "🚀",
  "RU-BEL",
  "strike",
  "drone",
  "-date",
  "37,50,38,51",
  "a".repeat(5000),
  Buffer.from(JSON.stringify(["abc", 1])).toString("base64url"),
  Buffer.from(JSON.stringify(["2025-01-01", -5])).toString("base64url"),
  Buffer.from("not json").toString("base64url"),
];
const RAW = ["%ZZ", "%C0%AF", "%E0%80", "%FF%FE", "%ED%A0%80", "%", "a%2"];
const PARAMS = ["country", "region", "kind", "weapon", "from", "to", "bbox", "settlement", "q", "sort", "limit", "cursor", "id"];
const GETS = [
  "/api/events",
  "/api/stats/daily",
  "/api/export.csv",
  "/api/export.geojson",
  "/api/map/points",
  "/api/health",
  "/api/map/regions.geojson",
  "/api/openapi.json",
  "/api/docs",
  "/api/keys",
];
const ID_PATHS = ["/api/events/", "/api/reports/", "/api/jobs/", "/api/keys/"];

const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }));
const encoded = fc.oneof(
  { weight: 5, arbitrary: hostile.map((v) => encodeURIComponent(v.replace(/[\ud800-\udfff]/g, "\ufffd"))) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW) },
);
const query = fc
  .array(fc.tuple(fc.constantFrom(...PARAMS), encoded), { maxLength: 5 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : ""));
const jsonValue = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
);
// Mostly plausible fields with a hostile one here and there, so that some writes are accepted.
const field = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: jsonValue });
const reportBody = fc.record(
  {
    text: field(
      fc
        .tuple(fc.integer({ min: 2, max: 40 }), fc.constantFrom("Kursk", "Belgorod", "Bryansk"), fc.string({ maxLength: 12 }))
        .map(([n, r, tail]) => `${n} drones were shot down over the ${r} region overnight. ${tail}`),
    ),
    published: field(fc.constantFrom("2025-06-02", "2025-06-03T10:00:00Z", null)),
    url: field(fc.integer({ min: 1, max: 50 }).map((i) => `https://example.org/fuzz/${i}`)),
    title: field(fc.string({ maxLength: 20 })),
    language: field(fc.constantFrom("en", "ru", "uk")),
    source: field(fc.constantFrom("fuzz", "fuzz-2")),
    messageId: field(fc.string({ maxLength: 10 })),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  { weight: 4, arbitrary: reportBody.map((r) => JSON.stringify(r)) },
  { weight: 2, arbitrary: fc.array(reportBody, { maxLength: 4 }).map((r) => JSON.stringify(r)) },
  { weight: 1, arbitrary: fc.json() },
  {
    weight: 1,
    arbitrary: fc.constantFrom("{", "[1,", '{"text":', "null", '"x"', "[]", "{}", '{"__proto__":{"admin":true},"text":"a"}', "\u0000"),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 }).map((depth) => "[".repeat(depth * 100) + "]".repeat(depth * 100)) },
);

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

describe("fuzzing the whole API on a live server", () => {
  let store: Store;
  let app: FastifyInstance;
  let port = 0;
  let key = "";
  let admin = "";

  beforeAll(async () => {
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-fuzz-")), "db") });
    app = buildServer({
      store,
      places: defaultPlaceResolver(),
      limits: { perAddress: false, writesPerKey: false, maxEventLoopDelayMs: false },
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    port = (app.server.address() as AddressInfo).port;
    key = (await createApiKey(store.db, { role: "writer" })).key;
    admin = (await createApiKey(store.db, { role: "admin" })).key;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const send = (r: FuzzRequest) =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, method: r.method, path: r.path, headers: r.headers }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.end(r.body);
    });

  it(`answers ${REQUESTS} hostile requests without a 5xx and stores nothing it refused`, async () => {
    const auth = fc.constantFrom<Record<string, string>>(
      {},
      { authorization: `Bearer ${key}` },
      { authorization: `Bearer ${admin}` },
      { authorization: "Bearer sw_forged" },
      { authorization: "Basic x" },
    );
    const contentType = fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "text/plain",
      "application/x-www-form-urlencoded",
      "application/json; charset=latin1",
    );
    const requestArb: fc.Arbitrary<FuzzRequest> = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.tuple(fc.constantFrom(...GETS), query, auth).map(([p, q, h]) => ({ method: "GET", path: p + q, headers: h })),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom(...ID_PATHS), encoded, fc.constantFrom("GET", "DELETE"))
          .map(([p, id, m]) => ({ method: m, path: p + id, headers: { authorization: `Bearer ${admin}` } })),
      },
      {
        weight: 4,
        arbitrary: fc
          .tuple(body, auth, contentType)
          .map(([b, h, ct]) => ({ method: "POST", path: "/api/reports", headers: { ...h, "content-type": ct }, body: b })),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.json(), contentType).map(([b, ct]) => ({
          method: "POST",
          path: "/api/keys",
          headers: { authorization: `Bearer ${admin}`, "content-type": ct },
          body: b,
        })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            fc.constantFrom("PUT", "PATCH", "OPTIONS", "HEAD", "TRACE"),
            fc.constantFrom(...GETS, "/api/reports", "/", "/assets/x.js", "/..%2f..%2fetc%2fpasswd"),
          )
          .map(([m, p]) => ({ method: m, path: p, headers: {} })),
      },
    );
    const requests = fc.sample(requestArb, { numRuns: REQUESTS, seed: 20250611 });
    const count = async () => Number((await store.execute("SELECT count(*)::int AS n FROM reports"))[0].n);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let refusedWrites = 0;
    let storedWrites = 0;
    const started = Date.now();
    for (const r of requests) {
      const before = r.method === "POST" && r.path === "/api/reports" ? await count() : 0;
      const status = await send(r);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500) failures.push(`${r.method} ${r.path.slice(0, 120)} ${r.body?.slice(0, 120) ?? ""} → ${status}`);
      if (r.method === "POST" && r.path === "/api/reports") {
        const after = await count();
        if (status >= 400) {
          refusedWrites++;
          if (after !== before) failures.push(`refused POST (${status}) stored ${after - before} reports: ${r.body?.slice(0, 120)}`);
        } else if (after > before) storedWrites++;
      }
    }
    const stored = await store.execute("SELECT text, url, published::text AS published FROM reports");
    for (const s of stored) {
      const text = String(s.text);
      if (!hasWords(text) || hasControlCharacters(text)) failures.push(`stored a text without words: ${JSON.stringify(text.slice(0, 40))}`);
      if (s.url !== null && !isHttpUrl(String(s.url))) failures.push(`stored a non-http(s) URL: ${s.url}`);
      if (s.published !== null && !isCalendarDate(String(s.published))) failures.push(`stored a bad date: ${s.published}`);
    }
    const summary = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(" ");
    console.log(
      `fuzz: ${requests.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s → ${summary}; ${refusedWrites} refused writes changed nothing, ${storedWrites} accepted writes stored, ${stored.length} reports all valid; ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
  }, 600_000);
});
