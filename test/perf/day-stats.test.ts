// The statistics summary (migration 8, src/api/day-stats.ts) says what a scan of events says,
// after every kind of write: reports stored and corrected, events merged, withdrawn and deleted,
// the deltas folded or not — on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dailyFromSummary, foldDayStats, regionsFromSummary, totalFromSummary } from "../../src/api/day-stats.js";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { reportFromJson } from "../../src/ingest/readers.js";
import { openStore, type Store } from "../../src/store/database.js";
import { dropSchemas } from "../helpers/drop-schemas.js";

const backends: Array<[string, () => Promise<Store>]> = [
  ["PGlite", () => openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-daystats-")), "db") })],
];
const schemas: string[] = [];
const url = process.env.TEST_DATABASE_URL;
if (url)
  backends.push([
    "PostgreSQL",
    () => {
      const schemaName = `test_daystats_${process.pid}_${Date.now()}`;
      schemas.push(schemaName);
      return openStore({ url, schemaName });
    },
  ]);

const samples = readFileSync(join(import.meta.dirname, "../../data/sample/reports.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l, i) => reportFromJson(JSON.parse(l), `sample ${i}`));

describe.each(backends)("statistics summary on %s", (_name, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    if (url) await dropSchemas(url, schemas.splice(0));
  });

  /** What a scan of live events says, in the summary's shape. */
  const scanDaily = async (where = "TRUE") =>
    (
      await store.execute(`SELECT to_char(date, 'YYYY-MM-DD') AS date, region, kind, count(*)::int AS events FROM events
        WHERE state = 'live' AND date IS NOT NULL AND ${where} GROUP BY date, region, kind ORDER BY date, region NULLS FIRST, kind`)
    ).map((r) => ({ ...r, events: Number(r.events) }));
  const scanRegions = async () =>
    (
      await store.execute(`SELECT region, count(*)::int AS events, coalesce(sum(killed), 0)::int AS killed, coalesce(sum(injured), 0)::int AS injured
        FROM events WHERE state = 'live' AND date IS NOT NULL GROUP BY region ORDER BY count(*) DESC, coalesce(region, '')`)
    ).map((r) => ({ region: r.region, events: Number(r.events), killed: Number(r.killed), injured: Number(r.injured) }));
  /** The same per day and kind over all regions (by=day). */
  const scanDays = async (where = "TRUE") =>
    (
      await store.execute(`SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, count(*)::int AS events FROM events
        WHERE state = 'live' AND date IS NOT NULL AND ${where} GROUP BY date, kind ORDER BY date, kind`)
    ).map((r) => ({ ...r, events: Number(r.events) }));
  /** Live events, dated or not, as /api/events counts them. */
  const scanTotal = async (where = "TRUE") =>
    Number((await store.execute(`SELECT count(*)::int AS n FROM events WHERE state = 'live' AND ${where}`))[0].n);
  const same = async () => {
    expect(await dailyFromSummary(store.db, {})).toEqual(await scanDaily());
    expect(await dailyFromSummary(store.db, {}, "day")).toEqual(await scanDays());
    expect(await dailyFromSummary(store.db, { kind: ["strike"], weapon: ["drone"] }, "day")).toEqual(
      await scanDays("kind = 'strike' AND weapon = 'drone'"),
    );
    expect(await totalFromSummary(store.db, {})).toBe(await scanTotal());
    expect(await totalFromSummary(store.db, { country: ["UA"], kind: ["strike", "attack"] })).toBe(
      await scanTotal("country = 'UA' AND kind IN ('strike', 'attack')"),
    );
    expect(await totalFromSummary(store.db, { from: "2025-05-01", to: "2025-12-31" })).toBe(
      await scanTotal("date BETWEEN '2025-05-01' AND '2025-12-31'"),
    );
    const [someRegion] = await store.execute("SELECT region FROM events WHERE state = 'live' AND region IS NOT NULL LIMIT 1");
    expect(await totalFromSummary(store.db, { region: [String(someRegion.region)] })).toBe(
      await scanTotal(`region = '${someRegion.region}'`),
    );
    expect(await dailyFromSummary(store.db, { kind: ["strike"], from: "2025-05-01" })).toEqual(
      await scanDaily("kind = 'strike' AND date >= '2025-05-01'"),
    );
    expect(await regionsFromSummary(store.db, {})).toEqual(await scanRegions());
  };

  it("counts what the events say after ingest, corrections, merges, withdrawals and deletes, folded or not", async () => {
    const places = defaultPlaceResolver();
    await ingest(store, samples, { places });
    expect((await scanDaily()).length).toBeGreaterThan(3);
    await same();
    // A corrected text replaces its incidents in the events (updates through refuse).
    const first = samples[0];
    await ingest(store, [{ ...first, text: first.text.replace("41", "44").replace("17 drones", "20 drones") }], { places });
    await same();
    // Direct writes too: a merge, a withdrawal, a casualty figure, a delete.
    const live = await store.execute("SELECT id FROM events WHERE state = 'live' AND date IS NOT NULL ORDER BY id");
    await store.execute(`UPDATE events SET state = 'merged', merged_into = ${live[1].id} WHERE id = ${live[0].id}`);
    await store.execute(`UPDATE events SET state = 'withdrawn' WHERE id = ${live[2].id}`);
    await store.execute(`UPDATE events SET killed = coalesce(killed, 0) + 3, injured = 7 WHERE id = ${live[3].id}`);
    await store.execute(`DELETE FROM events WHERE id = ${live[4].id}`);
    // An undated live event is in no summary: totals count it from the events.
    await store.execute(`UPDATE events SET date = NULL WHERE id = ${live[5].id}`);
    await same();
    expect(Number((await store.execute("SELECT count(*)::int AS n FROM event_day_deltas"))[0].n)).toBeGreaterThan(0);
    await foldDayStats(store.db, 0);
    expect(Number((await store.execute("SELECT count(*)::int AS n FROM event_day_deltas"))[0].n)).toBe(0);
    await same();
    // A rolled-back write leaves no trace.
    await store.db
      .transaction(async (tx) => {
        await tx.execute("UPDATE events SET kind = 'attack' WHERE state = 'live'");
        throw new Error("roll back");
      })
      .catch(() => {});
    await same();
  }, 60_000);

  it("answers GET /api/stats/daily and /api/stats/regions from it", async () => {
    const app = buildServer({ store });
    try {
      // By default per day and kind over all regions; by=region as before by existed; per region when regions are asked.
      const daily = await app.inject({ method: "GET", url: "/api/stats/daily?kind=strike" });
      expect(daily.statusCode).toBe(200);
      expect(daily.json()).toEqual({ by: "day", days: await scanDays("kind = 'strike'") });
      const perRegion = await app.inject({ method: "GET", url: "/api/stats/daily?kind=strike&by=region" });
      expect(perRegion.json()).toEqual({ by: "region", days: await scanDaily("kind = 'strike'") });
      const [r] = await store.execute("SELECT region FROM events WHERE state = 'live' AND region IS NOT NULL LIMIT 1");
      const oneRegion = await app.inject({ method: "GET", url: `/api/stats/daily?region=${r.region}` });
      expect(oneRegion.json()).toEqual({ by: "region", days: await scanDaily(`region = '${r.region}'`) });
      const regionDays = await app.inject({ method: "GET", url: `/api/stats/daily?region=${r.region}&by=day` });
      expect(regionDays.json()).toEqual({ by: "day", days: await scanDays(`region = '${r.region}'`) });
      expect((await app.inject({ method: "GET", url: "/api/stats/daily?by=week" })).statusCode).toBe(400);
      // /api/events' total comes from the summary too, and is exact.
      const page = await app.inject({ method: "GET", url: "/api/events?kind=strike&limit=1" });
      expect(page.json()).toMatchObject({ total: await scanTotal("kind = 'strike'"), totalEstimated: false });
      const regions = await app.inject({ method: "GET", url: "/api/stats/regions" });
      expect(regions.statusCode).toBe(200);
      expect(regions.json().regions).toEqual(await scanRegions());
    } finally {
      await app.close();
    }
  });
});
