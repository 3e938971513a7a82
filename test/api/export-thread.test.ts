// On a PostgreSQL server the CSV export is read and written by the export thread
// (src/api/export-thread.ts): the same bytes as the server's own loop makes from the same store,
// for the whole store and for filters; a client that goes away mid-export cancels its export and
// leaves the thread serving the next; a closed server ends the thread. Runs when TEST_DATABASE_URL is set.
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvChunks } from "../../src/api/export-csv.js";
import { EXPORT_PAGE } from "../../src/api/export-routes.js";
import { eventQuery } from "../../src/api/queries.js";
import { buildServer } from "../../src/api/server.js";
import { readDataFile } from "../../src/data-files.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { reportFromJson } from "../../src/ingest/readers.js";
import { openStore, type Store } from "../../src/store/database.js";
import { dropSchemas } from "../helpers/drop-schemas.js";

const url = process.env.TEST_DATABASE_URL;
const places = defaultPlaceResolver();
const schemaName = `test_export_thread_${process.pid}_${Date.now()}`;

/** What the server's loop writes for a query (the embedded store's path), read to the end. */
async function loopCsv(store: Store, query: Record<string, string>): Promise<string> {
  let text = "";
  for await (const chunk of csvChunks(store.db, store.execute, eventQuery(query, places), EXPORT_PAGE)) text += chunk;
  return text;
}

describe.skipIf(!url)("the CSV export on PostgreSQL, through the export thread", () => {
  let store: Store;
  let app: ReturnType<typeof buildServer>;

  beforeAll(async () => {
    store = await openStore({ url, schemaName });
    const samples = readDataFile("sample/reports.jsonl")
      .trim()
      .split("\n")
      .map((l, i) => reportFromJson(JSON.parse(l), `sample ${i + 1}`));
    // Enough events for several pages of 200.
    const many = Array.from({ length: 450 }, (_, i) => ({
      source: "gov",
      url: `https://example.org/thread/${i}`,
      published: `2025-0${1 + (i % 9)}-1${i % 10}`,
      text: `${2 + (i % 7)} drones were shot down over the ${["Kursk", "Belgorod", "Bryansk"][i % 3]} region overnight, "quoted", a, b.`,
    }));
    await ingest(store, [...samples, ...many], { places });
    app = buildServer({ store, places, limits: { perAddress: false, maxEventLoopDelayMs: false } });
    await app.listen({ port: 0, host: "127.0.0.1" });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
    if (url) await dropSchemas(url, [schemaName]);
  });

  const filters: Array<Record<string, string>> = [
    {},
    { region: "RU-KRS" },
    { q: "Kursk", sort: "-count" },
    { from: "2025-03-01", kind: "interception" },
  ];
  for (const query of filters) {
    it(`writes what the loop writes for ${JSON.stringify(query)}`, async () => {
      const res = await app.inject({ url: `/api/export.csv?${new URLSearchParams(query)}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("text/csv");
      const expected = await loopCsv(store, query);
      expect(expected.split("\n").length).toBeGreaterThan(2);
      expect(res.body).toBe(expected);
      // Read by the thread's connections, not the server's pool.
      const [{ n }] = await store.execute(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'skywatch export' AND datname = current_database()",
      );
      expect(n).toBeGreaterThan(0);
    });
  }

  it("cancels the export of a client that goes away, and serves the next", async () => {
    const { port } = app.server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/api/export.csv" }, (res) => {
        res.once("data", () => {
          req.destroy(); // gone after the first chunk
          resolve();
        });
      });
      req.on("error", (err) => ((err as NodeJS.ErrnoException).code === "ECONNRESET" ? resolve() : reject(err)));
      req.end();
    });
    const res = await app.inject({ url: "/api/export.csv" });
    expect(res.body).toBe(await loopCsv(store, {}));
  });

  it("answers a bad filter with 400 before any thread work", async () => {
    const res = await app.inject({ url: "/api/export.csv?from=2025-02-30" });
    expect(res.statusCode).toBe(400);
  });
});
