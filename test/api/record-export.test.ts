// The whole record out and back: a store exported (skywatch export's JSON lines) and imported
// into an empty one answers the API exactly as the first, ids and history included — into
// PGlite, and into PostgreSQL when TEST_DATABASE_URL is set. Files cut short or aimed at a
// store that holds reports are refused.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportRecord, importRecord, RecordError } from "../../src/api/export-record.js";
import { buildServer } from "../../src/api/server.js";
import { readDataFile } from "../../src/data-files.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { reportFromJson } from "../../src/ingest/readers.js";
import { openStore, type Store } from "../../src/store/database.js";
import { dropSchemas } from "../helpers/drop-schemas.js";
import { runAsync } from "../helpers/run-async.js";

const places = defaultPlaceResolver();
const tmp = () => mkdtempSync(join(tmpdir(), "skywatch-record-"));

async function sampleStore(dir: string): Promise<Store> {
  const store = await openStore({ dataDir: join(dir, "db") });
  const samples = readDataFile("sample/reports.jsonl")
    .trim()
    .split("\n")
    .map((l, i) => reportFromJson(JSON.parse(l), `sample ${i + 1}`));
  await ingest(store, samples, { places });
  // A corrected text (a second version) and a region-level account that joins a settlement's event.
  const url = "https://example.org/record/corrected";
  await ingest(
    store,
    [{ source: "gov", url, published: "2025-06-01", text: "Two drones were shot down over the Kursk region overnight." }],
    { places },
  );
  await ingest(
    store,
    [{ source: "gov", url, published: "2025-06-01", text: "Three drones were shot down over the Kursk region overnight." }],
    { places },
  );
  return store;
}

/** Every answer a reader can get, with what changes per server (time of the request) left out. */
async function answers(store: Store): Promise<Record<string, unknown>> {
  const app = buildServer({ store, places, limits: { perAddress: false, maxEventLoopDelayMs: false } });
  try {
    const get = async (url: string) => {
      const res = await app.inject({ url });
      return { status: res.statusCode, body: String(res.headers["content-type"] ?? "").includes("json") ? res.json() : res.body };
    };
    const out: Record<string, unknown> = {};
    for (const url of [
      "/api/health",
      "/api/events?limit=1000",
      "/api/events?q=Kursk&limit=1000",
      "/api/reports?versions=all&limit=200",
      "/api/stats/daily",
      "/api/export.csv",
      "/api/export.geojson",
      "/api/map/points",
    ])
      out[url] = await get(url);
    const page = out["/api/events?limit=1000"] as { body: { events: Array<{ id: number }> } };
    const [{ max }] = await store.execute("SELECT max(id)::int AS max FROM events");
    for (let id = 1; id <= Number(max); id++) out[`/api/events/${id}`] = await get(`/api/events/${id}`);
    const [{ maxReport }] = await store.execute('SELECT max(id)::int AS "maxReport" FROM reports');
    for (let id = 1; id <= Number(maxReport); id++) out[`/api/reports/${id}`] = await get(`/api/reports/${id}`);
    expect(page.body.events.length).toBeGreaterThan(5);
    return out;
  } finally {
    await app.close();
  }
}

async function exported(store: Store): Promise<string[]> {
  const lines: string[] = [];
  await exportRecord(store, (chunk) => {
    lines.push(...chunk.split("\n").filter(Boolean));
  });
  return lines;
}

describe("export and import of the whole record", () => {
  let source: Store;
  let before: Record<string, unknown>;
  let lines: string[];
  const schemas: string[] = [];

  beforeAll(async () => {
    source = await sampleStore(tmp());
    before = await answers(source);
    lines = await exported(source);
  }, 180_000);
  afterAll(async () => {
    await source?.close();
    if (process.env.TEST_DATABASE_URL) await dropSchemas(process.env.TEST_DATABASE_URL, schemas);
  });

  it("writes a header, every table's rows and an end line with the counts", () => {
    const header = JSON.parse(lines[0]);
    expect(header).toMatchObject({ skywatch: "record", format: 1 });
    const end = JSON.parse(lines[lines.length - 1]);
    expect(end.end).toBe(true);
    const tables = lines.slice(1, -1).map((l) => JSON.parse(l).table);
    for (const [table, n] of Object.entries(end.rows as Record<string, number>)) expect(tables.filter((t) => t === table)).toHaveLength(n);
    expect(end.rows.reports).toBeGreaterThan(10);
    expect(end.rows.event_changes).toBeGreaterThan(0);
  });

  it("imports into an empty PGlite store that answers every request as the exported one", async () => {
    const target = await openStore({ dataDir: join(tmp(), "db") });
    try {
      await importRecord(target, lines);
      expect(await answers(target)).toEqual(before);
      // New rows continue after the imported ids.
      const res = await ingest(
        target,
        [{ source: "gov", text: "Five drones were shot down over the Oryol region.", published: "2025-07-01" }],
        { places },
      );
      expect(res.stored).toBe(1);
      const [{ max }] = await target.execute("SELECT max(id)::int AS max FROM reports");
      expect(Number(max)).toBe(JSON.parse(lines[lines.length - 1]).rows.reports + 1);
    } finally {
      await target.close();
    }
  }, 180_000);

  it.runIf(process.env.TEST_DATABASE_URL)(
    "imports a PGlite record into PostgreSQL with the same answers",
    async () => {
      const schemaName = `test_record_${process.pid}_${Date.now()}`;
      schemas.push(schemaName);
      const target = await openStore({ url: process.env.TEST_DATABASE_URL, schemaName });
      try {
        await importRecord(target, lines);
        const after = await answers(target);
        // The one difference: which kind of store answers.
        expect(after["/api/health"]).toMatchObject({ body: { store: "postgres" } });
        const kind = (a: Record<string, unknown>) => ({
          ...a,
          "/api/health": { ...(a["/api/health"] as object), body: { ...(a["/api/health"] as { body: object }).body, store: null } },
        });
        expect(kind(after)).toEqual(kind(before));
      } finally {
        await target.close();
      }
    },
    180_000,
  );

  it("refuses a store that holds reports, and a file cut short, leaving the store as it was", async () => {
    await expect(importRecord(source, lines)).rejects.toThrow(/already holds \d+ reports/);
    const target = await openStore({ dataDir: join(tmp(), "db") });
    try {
      await expect(importRecord(target, lines.slice(0, -5))).rejects.toThrow(RecordError);
      await expect(importRecord(target, ["{}"])).rejects.toThrow(/not a Skywatch record/);
      const [{ n }] = await target.execute("SELECT count(*)::int AS n FROM reports");
      expect(Number(n)).toBe(0);
    } finally {
      await target.close();
    }
  }, 60_000);

  it("round-trips through the command line: skywatch export FILE.gz, skywatch import FILE.gz", async () => {
    const dir = tmp();
    const from = join(dir, "from");
    const to = join(dir, "to");
    const file = join(dir, "record.jsonl.gz");
    const cli = join(process.cwd(), "bin", "skywatch.js");
    const env = { ...process.env, DATABASE_URL: "" };
    const ingested = await runAsync(
      process.execPath,
      [cli, "ingest", "--data", from, join(process.cwd(), "data", "sample", "reports.jsonl")],
      {
        env,
        timeout: 120_000,
      },
    );
    expect(ingested.status, ingested.stderr).toBe(0);
    const out = await runAsync(process.execPath, [cli, "export", file, "--data", from], { env, timeout: 120_000 });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/\d+ reports/);
    expect(gunzipSync(readFileSync(file)).toString("utf8").split("\n")[0]).toMatch(/"skywatch":"record"/);
    const back = await runAsync(process.execPath, [cli, "import", file, "--data", to], { env, timeout: 120_000 });
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/skywatch import: \d+ sources|\d+ reports/);
    const again = await runAsync(process.execPath, [cli, "import", file, "--data", to], { env, timeout: 120_000 });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/import into an empty one/);
  }, 300_000);
});
