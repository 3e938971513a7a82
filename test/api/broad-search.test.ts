// Reads that stay fast on large stores, checked for what they answer (timings are the benchmarks'
// business, never asserted): a broad q (a word in every report, a city with many events) is read
// in the list's order with an estimated total that says it is one, and pages through every match
// exactly once; ё and е, and Ukrainian apostrophes, find each other; a submission taken as a job
// tells each report's stored id. On PGlite, and on PostgreSQL with TEST_DATABASE_URL.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { broadSearchCap } from "../../src/api/queries.js";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { foldText } from "../../src/search/text-query.js";
import type { Store } from "../../src/store/database.js";
import { dropSchemas } from "../helpers/drop-schemas.js";
import { storeBackends } from "../helpers/store-backends.js";
import { addSyntheticEvents, insertEventRows } from "./synthetic-events.js";

const { backends, schemas } = storeBackends("broadsearch");
const SYNTHETIC = 3000;

/** Events whose evidence is the given text (one report, incident and claim each), at ids from `firstId`. */
async function addEvidence(store: Store, firstId: number, rows: Array<{ text: string; settlement: string; region: string }>) {
  const events = rows.map((r, i) => ({
    id: firstId + i,
    text: r.text,
    name: r.settlement,
    region: r.region,
    date: "2025-06-01",
    key: `text|${firstId + i}`,
  }));
  await insertEventRows(store, "folding", "uk", events);
}

const FOLDING = [
  { text: "Пётр Коваль сообщил об атаке дронов на склад.", settlement: "Склади", region: "UA-12" },
  { text: "Петр Коваль сообщил о повторной атаке.", settlement: "Склади", region: "UA-12" },
  { text: "Ворог атакував П'ятихатки (ASCII-апостроф).", settlement: "П'ятихатки", region: "UA-12" },
  { text: "Ворог атакував Пʼятихатки (модифікатор).", settlement: "Пʼятихатки", region: "UA-12" },
  { text: "Ворог атакував П’ятихатки (типографський).", settlement: "П’ятихатки", region: "UA-12" },
];

describe.each(backends)("reads of a large store on %s", (_name, open) => {
  let store: Store;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const res = await app.inject({ url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };
  /** Every event of a q's pages, following the cursors. */
  const allPages = async (query: string, limit: number) => {
    const ids: number[] = [];
    let page = await get(`/api/events?${query}&limit=${limit}`);
    for (let guard = 0; guard < 100; guard++) {
      ids.push(...page.events.map((e: { id: number }) => e.id));
      if (!page.next) break;
      page = await get(`/api/events?${query}&limit=${limit}&cursor=${page.next}`);
    }
    return ids;
  };
  const ids = async (where: string, order = "coalesce(date, '0001-01-01') DESC, id DESC") =>
    (await store.execute(`SELECT id FROM events WHERE state = 'live' AND ${where} ORDER BY ${order}`)).map((r) => Number(r.id));

  beforeAll(async () => {
    store = await open();
    await addSyntheticEvents(store, SYNTHETIC);
    await addEvidence(store, 900_000, FOLDING);
    await store.execute("ANALYZE");
    app = buildServer({ store, places: defaultPlaceResolver(), openWrites: true, limits: { perAddress: false } });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
    if (process.env.TEST_DATABASE_URL) await dropSchemas(process.env.TEST_DATABASE_URL, schemas.splice(0));
  });

  it("estimates the total of a word in every report, says so, and pages through each match once, newest first", async () => {
    expect(SYNTHETIC).toBeGreaterThan(broadSearchCap(50, SYNTHETIC));
    const first = await get("/api/events?q=house&limit=50");
    expect(first.totalEstimated).toBe(true);
    // Every synthetic report says "house": the estimate is the filter's events times the share that match.
    expect(first.total).toBeGreaterThan(SYNTHETIC * 0.8);
    expect(first.total).toBeLessThanOrEqual(SYNTHETIC + FOLDING.length);
    const expected = await ids("id < 900000");
    expect(first.events.map((e: { id: number }) => e.id)).toEqual(expected.slice(0, 50));
    expect(await allPages("q=house", 400)).toEqual(expected);
    // With other filters: the region's share, and the dates.
    const region = await get("/api/events?q=house&region=UA-12&limit=10");
    expect(region.totalEstimated).toBe(true);
    // 750 synthetic events in UA-12 say "house", 5 others there do not: a share of a sample, times 755.
    const inRegion = (await ids("region = 'UA-12' AND id < 900000")).length;
    expect(Math.abs(region.total - inRegion)).toBeLessThan(inRegion * 0.05);
    expect(region.events.map((e: { id: number }) => e.id)).toEqual((await ids("region = 'UA-12' AND id < 900000")).slice(0, 10));
    const window = await get("/api/events?q=house&from=2024-03-01&to=2024-03-31&sort=date&limit=1000");
    expect(window.events.map((e: { id: number }) => e.id)).toEqual(
      await ids("date BETWEEN '2024-03-01' AND '2024-03-31'", "coalesce(date, '0001-01-01'), id"),
    );
  });

  it("reads a city with many events by relevance: its events first, newest first, every one once", async () => {
    const kharkiv = await ids("region = 'UA-63' AND settlement = 'Kharkiv'");
    expect(kharkiv.length).toBeGreaterThan(500);
    for (const q of ["Kharkiv", "Харьков", "Харків"]) {
      const first = await get(`/api/events?q=${encodeURIComponent(q)}&limit=20`);
      expect(first.totalEstimated, q).toBe(true);
      expect(first.events.map((e: { id: number }) => e.id)).toEqual(kharkiv.slice(0, 20));
      expect(first.total).toBeGreaterThan(kharkiv.length * 0.7);
    }
    expect(await allPages("q=Kharkiv", 300)).toEqual(kharkiv);
  });

  it("gives an exact total for a narrow q", async () => {
    const one = await get("/api/events?q=100123");
    expect(one).toMatchObject({ total: 1, totalEstimated: false });
    expect(one.events.map((e: { id: number }) => e.id)).toEqual([100_123]);
    const none = await get("/api/events?q=zqxj");
    expect(none).toMatchObject({ total: 0, totalEstimated: false, events: [] });
    const all = await get("/api/events?limit=1");
    expect(all).toMatchObject({ total: SYNTHETIC + FOLDING.length, totalEstimated: false });
  });

  it("finds ё as е and е as ё, and a Ukrainian word whichever apostrophe it is written with", async () => {
    expect(foldText("Пётр Пʼятихатки П’ятихатки П'ятихатки ЁЖ")).toBe("Петр Пятихатки Пятихатки Пятихатки ЕЖ");
    const petr = (await ids("id >= 900000 AND id < 900002")).sort();
    for (const q of ["Пётр", "Петр", "пётр", "ПЁТР"]) {
      const page = await get(`/api/events?q=${encodeURIComponent(q)}`);
      expect(page.events.map((e: { id: number }) => e.id).sort(), q).toEqual(petr);
    }
    const towns = (await ids("id >= 900002")).sort();
    for (const q of ["Пʼятихатки", "П'ятихатки", "П’ятихатки", "Пятихатки"]) {
      const page = await get(`/api/events?q=${encodeURIComponent(q)}`);
      expect(
        page.events
          .map((e: { id: number }) => e.id)
          .filter((id: number) => id >= 900_000)
          .sort(),
        q,
      ).toEqual(towns);
      const bySettlement = await get(`/api/events?settlement=${encodeURIComponent(q)}`);
      expect(bySettlement.events.map((e: { id: number }) => e.id).sort(), `settlement=${q}`).toEqual(towns);
    }
  });

  it("tells each report's stored id in the job a large submission became", async () => {
    const reports = Array.from({ length: 60 }, (_, i) => ({
      source: "job-test",
      url: `https://example.org/job/${i}`,
      published: "2025-07-01",
      text: `Беспилотник атаковал Белгород, повреждён жилой дом номер ${i}.`,
    }));
    reports.push({ ...reports[0] });
    const accepted = await app.inject({ method: "POST", url: "/api/reports", payload: reports });
    expect(accepted.statusCode).toBe(202);
    const { job, status } = accepted.json();
    expect(status).toBe(`/api/jobs/${job.id}`);
    expect(accepted.headers.location).toBe(status);
    let view = job;
    for (let i = 0; i < 600 && view.state !== "done" && view.state !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = await get(status);
    }
    expect(view.state).toBe("done");
    expect(view.outcomes.map((o: { index: number }) => o.index)).toEqual(reports.map((_, i) => i));
    const stored = view.outcomes.slice(0, 60);
    expect(stored.every((o: { status: string }) => o.status === "stored")).toBe(true);
    expect(new Set(stored.map((o: { reportId: number }) => o.reportId)).size).toBe(60);
    // The repeated report is the first one's duplicate.
    expect(view.outcomes[60]).toMatchObject({ status: "duplicate", reportId: stored[0].reportId });
    for (const o of stored.slice(0, 3)) {
      expect(o.href).toBe(`/api/reports/${o.reportId}`);
      expect((await get(o.href)).url).toBe(reports[o.index].url);
    }
    expect(view.summary).toMatchObject({ stored: 60, duplicates: 1 });
  }, 120_000);
});
