// GET /api/trends and flagsAsOf over the events table, on PGlite and — with TEST_DATABASE_URL — on
// PostgreSQL: each flag on a region made for it, nothing on a steady region, merged and withdrawn
// events and events after as_of not counted, the region filter, and a 400 for a bad day.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { openStore, type Store } from "../../src/store/database.js";
import { addDays, flagsAsOf, type Trend } from "../../src/trends/index.js";

const backends: Array<[string, () => Promise<{ store: Store; drop: () => Promise<void> }>]> = [
  [
    "PGlite",
    async () => ({
      store: await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-trends-")), "db") }),
      drop: async () => {},
    }),
  ],
];
if (process.env.TEST_DATABASE_URL) {
  const url = process.env.TEST_DATABASE_URL;
  backends.push([
    "PostgreSQL",
    async () => {
      const schemaName = `test_trends_${process.pid}_${Date.now()}`;
      const store = await openStore({ url, schemaName });
      return { store, drop: async () => void (await store.execute(`DROP SCHEMA "${schemaName}" CASCADE`)) };
    },
  ]);
}

const AS_OF = "2025-06-30";
interface Ev {
  region: string;
  date: string;
  kind?: string;
  weapon?: string;
  settlement?: string | null;
  killed?: number | null;
  injured?: number | null;
  state?: "live" | "merged" | "withdrawn";
}

/** Events of `region`: `perDay` a day from `from` for `days` days. */
const daily = (region: string, from: string, days: number, perDay: number, extra: Partial<Ev> = {}): Ev[] =>
  Array.from({ length: days * perDay }, (_, i) => ({ region, date: addDays(from, Math.floor(i / perDay)), ...extra }));

const RECENT = addDays(AS_OF, -6);
const BASELINE = addDays(AS_OF, -34);
const EVENTS: Ev[] = [
  // Belgorod: one drone event a day, then five a day, a glide bomb and a village hit for the first time.
  ...daily("RU-BEL", BASELINE, 28, 1, { kind: "strike", settlement: "Shchetinovka" }),
  ...daily("RU-BEL", RECENT, 7, 5),
  { region: "RU-BEL", date: addDays(AS_OF, -2), weapon: "glide_bomb", kind: "strike", settlement: "Shchetinovka" },
  { region: "RU-BEL", date: addDays(AS_OF, -3), kind: "strike", settlement: "Novaya Tavolzhanka" },
  { region: "RU-BEL", date: addDays(AS_OF, -1), kind: "interception", settlement: "Shebekino" },
  // Kursk: steady, with merged-away and withdrawn events in the last days that must not count.
  ...daily("RU-KRS", BASELINE, 35, 2),
  ...daily("RU-KRS", RECENT, 7, 3, { state: "merged" }),
  ...daily("RU-KRS", RECENT, 7, 1, { state: "withdrawn" }),
  // Tver: one event 45 days ago, one now.
  { region: "RU-TVE", date: addDays(AS_OF, -45) },
  { region: "RU-TVE", date: addDays(AS_OF, -1) },
  // Oryol: events after as_of only.
  ...daily("RU-ORL", addDays(AS_OF, 1), 3, 10),
  { region: "RU-ORL", date: addDays(AS_OF, -200) },
  // Dnipropetrovsk: the same number of events, but now with casualties.
  ...daily("UA-12", BASELINE, 28, 1),
  ...daily("UA-12", RECENT, 7, 1, { injured: 2, kind: "strike" }),
];

describe.each(backends)("trends on %s", (_name, open) => {
  let store: Store;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ store, drop } = await open());
    const rows = EVENTS.map((e, i) => ({
      fusion_key: `trend-test|${i}`,
      kind: e.kind ?? "interception",
      weapon: e.weapon ?? "drone",
      country: e.region.slice(0, 2),
      region: e.region,
      settlement: e.settlement ?? null,
      date: e.date,
      killed: e.killed ?? null,
      injured: e.injured ?? null,
      state: e.state ?? "live",
    }));
    await store.execute(
      `INSERT INTO events (fusion_key, kind, weapon, country, region, settlement, date, killed, injured, state, targets, officials, sources, disagreements)
       SELECT fusion_key, kind, weapon, country, region, settlement, date, killed, injured, state, '[]'::jsonb, '[]'::jsonb, 1, '[]'::jsonb
       FROM jsonb_to_recordset($1::jsonb) AS v(fusion_key text, kind text, weapon text, country text, region text, settlement text,
         date date, killed int, injured int, state text)`,
      [JSON.stringify(rows)],
    );
    app = buildServer({ store });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await drop?.();
    await store?.close();
  });

  const flags = (trends: Trend[], region: string) => trends.filter((t) => t.region === region).map((t) => t.flag);

  it("flags what each region was made to show, and nothing on the steady one", async () => {
    const report = await flagsAsOf(store.db, AS_OF);
    expect(report.as_of).toBe(AS_OF);
    expect(report.window).toEqual({ recent: { from: RECENT, to: AS_OF }, baseline: { from: BASELINE, to: addDays(RECENT, -1) } });
    expect(flags(report.trends, "RU-BEL").sort()).toEqual(["new_settlement", "rising", "weapon_shift"]);
    expect(flags(report.trends, "RU-KRS")).toEqual([]);
    expect(flags(report.trends, "RU-TVE")).toEqual(["new_region"]);
    expect(flags(report.trends, "RU-ORL")).toEqual([]);
    expect(flags(report.trends, "UA-12")).toEqual(["casualties_rising"]);

    const rising = report.trends.find((t) => t.region === "RU-BEL" && t.flag === "rising") as Trend;
    expect(rising).toMatchObject({ last_7d: 38, baseline_7d: 7, since: RECENT });
    expect(rising.p_value).toBeLessThan(1e-6);
    expect(rising.series).toHaveLength(35);
    expect(rising.series.slice(0, 28)).toEqual(Array(28).fill(1));
    const settlement = report.trends.find((t) => t.flag === "new_settlement") as Trend;
    // Shchetinovka was hit before; Shebekino only saw an interception.
    expect(settlement.detail.settlements).toEqual([{ settlement: "Novaya Tavolzhanka", date: addDays(AS_OF, -3), events: 1 }]);
    const tver = report.trends.find((t) => t.region === "RU-TVE") as Trend;
    expect(tver.detail).toMatchObject({ previous_event: addDays(AS_OF, -45), gap_days: 44 });
    const hurt = report.trends.find((t) => t.region === "UA-12") as Trend;
    expect(hurt).toMatchObject({ last_7d: 7, baseline_7d: 0, detail: expect.objectContaining({ injured_7d: 14 }) });
  });

  it("answers GET /api/trends, for a day and a region", async () => {
    const all = (await app.inject({ url: `/api/trends?as_of=${AS_OF}` })).json();
    expect(all.trends.map((t: Trend) => `${t.region} ${t.flag}`)).toEqual(
      expect.arrayContaining(["RU-BEL rising", "UA-12 casualties_rising", "RU-TVE new_region"]),
    );
    expect(all.rules).toMatchObject({ alpha: 0.01, minRising: 5 });
    const doc = (await app.inject({ url: "/api/openapi.json" })).json();
    expect(doc.paths["/api/trends"].get.parameters.map((p: { name: string }) => p.name)).toEqual(["as_of", "region", "country"]);
    const tver = (await app.inject({ url: `/api/trends?as_of=${AS_OF}&region=RU-TVE` })).json();
    expect(tver.trends.map((t: Trend) => `${t.region} ${t.flag}`)).toEqual(["RU-TVE new_region"]);
    const ua = (await app.inject({ url: `/api/trends?as_of=${AS_OF}&country=UA` })).json();
    expect(new Set(ua.trends.map((t: Trend) => t.region))).toEqual(new Set(["UA-12"]));
    // A week later Belgorod's rise is the baseline, and Oryol's events of July are new.
    const later = (await app.inject({ url: `/api/trends?as_of=${addDays(AS_OF, 3)}` })).json();
    expect(later.trends.filter((t: Trend) => t.region === "RU-ORL").map((t: Trend) => t.flag)).toEqual(["rising", "new_region"]);
  });

  it("refuses a day that is not one, in words", async () => {
    const bad = await app.inject({ url: "/api/trends?as_of=2025-02-30" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/as_of must be a date/);
    expect((await app.inject({ url: "/api/trends?region=Belgorod" })).statusCode).toBe(400);
    // No as_of: today.
    const today = (await app.inject({ url: "/api/trends" })).json();
    expect(today.as_of).toBe(new Date().toISOString().slice(0, 10));
  });
});
