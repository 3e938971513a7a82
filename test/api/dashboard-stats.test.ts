// The dashboard's statistics (src/web/api.ts) against the server: the timeline per day (by=day),
// the choropleth's counts from /api/stats/regions and the small multiples' rows of the most affected
// regions say what the one answer per day × region × kind said before (by=region), with a date
// range, a region or a text in the filter. On PGlite, and on PostgreSQL with TEST_DATABASE_URL.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { reportFromJson } from "../../src/ingest/readers.js";
import type { Store } from "../../src/store/database.js";
import { dropSchemas } from "../helpers/drop-schemas.js";
import { storeBackends } from "../helpers/store-backends.js";

// The dashboard's modules are built for the browser (extensionless imports, src/web/tsconfig.json):
// loaded at run time, typed here by what the test uses of them.
type Filters = { from: string; to: string; country: string[]; region: string[]; kind: string[]; weapon: string[]; q: string };
type DayCount = { date: string; region: string | null; kind: string; events: number };
type DayTotal = Omit<DayCount, "region">;
const web = (name: string) => import(`../../src/web/${name}.ts`);
const { api } = (await web("api")) as {
  api: {
    daily(f: Filters): Promise<DayTotal[]>;
    regionDays(f: Filters): Promise<{ counts: Map<string, number>; rows: DayCount[] }>;
  };
};
const { EMPTY_FILTERS } = (await web("filters")) as { EMPTY_FILTERS: Filters };
const { daySeries, regionTotals, topRegions } = (await web("series")) as {
  daySeries(rows: DayTotal[]): { days: string[] };
  regionTotals(rows: DayCount[], from: string, to: string): Map<string, number>;
  topRegions(rows: DayCount[], days: string[], from: string, to: string, n: number): unknown;
};

const { backends, schemas } = storeBackends("dashstats");
const samples = readFileSync(join(import.meta.dirname, "../../data/sample/reports.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l, i) => reportFromJson(JSON.parse(l), `sample ${i}`));

describe.each(backends)("the dashboard's statistics on %s", (_name, open) => {
  let store: Store;
  let app: FastifyInstance;
  const realFetch = globalThis.fetch;
  const asked: string[] = [];
  beforeAll(async () => {
    store = await open();
    const places = defaultPlaceResolver();
    await ingest(store, samples, { places });
    app = buildServer({ store, places, limits: { perAddress: false } });
    await app.ready();
    // The dashboard's fetch, answered by the server in process.
    globalThis.fetch = (async (path: string) => {
      asked.push(path);
      const res = await app.inject({ url: path });
      return new Response(res.body, { status: res.statusCode, headers: { "content-type": "application/json" } });
    }) as typeof fetch;
  }, 120_000);
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await app?.close();
    await store?.close();
    if (process.env.TEST_DATABASE_URL) await dropSchemas(process.env.TEST_DATABASE_URL, schemas.splice(0));
  });

  /** What the dashboard computed from the one answer per day × region × kind. */
  const before = async (f: Filters) => {
    const res = await app.inject({ url: `/api/stats/daily?by=region${f.q ? `&q=${encodeURIComponent(f.q)}` : ""}` });
    const rows = res.json().days as DayCount[];
    const days = daySeries(rows).days;
    return { rows, days, counts: regionTotals(rows, f.from, f.to), top: topRegions(rows, days, f.from, f.to, 6) };
  };

  it.each([
    ["no filter", EMPTY_FILTERS],
    ["a date range", { ...EMPTY_FILTERS, from: "2025-07-01", to: "2025-12-31" }],
    ["a text", { ...EMPTY_FILTERS, q: "Белгород" }],
  ] as Array<[string, Filters]>)("draws the same timeline, map counts and small multiples with %s", async (_label, f) => {
    const old = await before(f);
    expect(old.rows.length).toBeGreaterThan(0);
    asked.length = 0;
    const days = await api.daily(f);
    expect(asked[0]).toMatch(/^\/api\/stats\/daily\?.*by=day/);
    expect(days.every((d) => !("region" in d))).toBe(true);
    expect(daySeries(days)).toEqual(daySeries(old.rows));
    const regions = await api.regionDays(f);
    expect(regions.counts).toEqual(old.counts);
    expect(topRegions(regions.rows, old.days, f.from, f.to, 6)).toEqual(old.top);
    // Without a text, the rows asked are those of the six regions at most.
    if (!f.q) expect(new Set(regions.rows.map((r) => r.region)).size).toBeLessThanOrEqual(6);
  });
});
