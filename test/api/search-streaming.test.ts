// Exports and map points of a q are read a page at a time, whatever the q matches: the same rows in
// the same order as when its matches were collected first (the way before), and no read of the
// database gives back more than a page, for a q of a few hundred matches as for one of thousands
// (row counts, not timings). On PGlite, and on PostgreSQL with TEST_DATABASE_URL.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allEventPages, eventPointPages, eventQuery, type PageReads } from "../../src/api/queries.js";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import type { Store } from "../../src/store/database.js";
import { dropSchemas } from "../helpers/drop-schemas.js";
import { storeBackends } from "../helpers/store-backends.js";
import { addSyntheticEvents } from "./synthetic-events.js";

const { backends, schemas } = storeBackends("streaming");
const SYNTHETIC = 3000;
const places = defaultPlaceResolver();

describe.each(backends)("a q's exports and map points on %s", (_name, open) => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await open();
    await addSyntheticEvents(store, SYNTHETIC);
    await store.execute("ANALYZE");
    app = buildServer({ store, places, openWrites: true, limits: { perAddress: false, maxEventLoopDelayMs: false } });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
    if (process.env.TEST_DATABASE_URL) await dropSchemas(process.env.TEST_DATABASE_URL, schemas.splice(0));
  });

  /** Every page's ids, and what the reads gave back. */
  async function read(query: Record<string, string>, options: { broadAbove?: number; pageSize?: number }) {
    const reads: PageReads = { reads: 0, largestRead: 0 };
    const pages: number[][] = [];
    for await (const page of allEventPages(store.db, eventQuery(query, places), { ...options, reads })) pages.push(page.map((e) => e.id));
    return { pages, ids: pages.flat(), reads };
  }

  const QUERIES: Array<Record<string, string>> = [
    { q: "house" }, // a word of every report
    { q: "Kharkiv" }, // a city: its events first, then the others that name it
    { q: "Харьков" },
    { q: "house", sort: "-date" },
    { q: "house", sort: "date", region: "UA-12" },
    { q: "house", from: "2024-03-01", to: "2024-05-31" },
  ];

  it("streams the same rows in the same order as collecting the matches did, a page per read", async () => {
    for (const query of QUERIES) {
      const label = JSON.stringify(query);
      // Collected first (broadAbove: no q is broad), as before: the reference.
      const collected = await read(query, { broadAbove: 1_000_000_000, pageSize: 200 });
      expect(collected.ids.length, label).toBeGreaterThan(300);
      // Collecting reads every match at once (each part of the union: a city's events and its name's texts).
      expect(collected.reads.largestRead, label).toBeGreaterThanOrEqual(collected.ids.length);
      // Read as broad: a page at a time.
      const streamed = await read(query, { broadAbove: 100, pageSize: 200 });
      expect(streamed.ids, label).toEqual(collected.ids);
      expect(
        streamed.pages.every((p) => p.length <= 200),
        label,
      ).toBe(true);
      expect(streamed.pages.length, label).toBe(Math.ceil(collected.ids.length / 200));
      expect(streamed.reads.largestRead, label).toBeLessThanOrEqual(201);
    }
    // A broad q in an order no index walks (settlement, count…) is sorted from its matches, as before.
    const other = { q: "Belgorod", sort: "settlement" };
    const collected = await read(other, { broadAbove: 1_000_000_000, pageSize: 200 });
    expect((await read(other, { broadAbove: 100, pageSize: 200 })).ids).toEqual(collected.ids);
    expect(collected.ids.length).toBeGreaterThan(300);
    // The reference itself is the q's matches in relevance order, newest first (checked in SQL once).
    const { ids } = await read({ q: "house" }, { broadAbove: 1_000_000_000 });
    const expected = await store.execute("SELECT id FROM events WHERE state = 'live' ORDER BY coalesce(date, '0001-01-01') DESC, id DESC");
    expect(ids).toEqual(expected.map((r) => Number(r.id)));
  }, 120_000);

  it("holds no more than a page whatever the q matches", async () => {
    const few = await read({ q: "Kharkiv", region: "UA-63", to: "2024-03-31" }, { broadAbove: 10, pageSize: 50 });
    const many = await read({ q: "house" }, { broadAbove: 10, pageSize: 50 });
    expect(many.ids.length).toBeGreaterThan(few.ids.length * 10);
    expect(few.reads.largestRead).toBeLessThanOrEqual(51);
    expect(many.reads.largestRead).toBeLessThanOrEqual(51);
    expect(many.reads.reads).toBeGreaterThanOrEqual(SYNTHETIC / 50);
  }, 120_000);

  it("writes the CSV, GeoJSON and map points of a broad q as the collected matches", async () => {
    const query = { q: "house" };
    const { ids } = await read(query, { broadAbove: 1_000_000_000 });
    const csv = await app.inject({ url: "/api/export.csv?q=house" });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split("\n").slice(1);
    expect(lines.map((l) => Number(l.split(",")[0]))).toEqual(ids);
    const geo = await app.inject({ url: "/api/export.geojson?q=house" });
    expect(geo.json().features.map((f: { properties: { id: number } }) => f.properties.id)).toEqual(ids);

    const points = await app.inject({ url: "/api/map/points?q=Kharkiv" });
    expect(points.statusCode).toBe(200);
    expect(points.headers["content-type"]).toMatch(/geo\+json/);
    const kharkiv = await read({ q: "Kharkiv" }, { broadAbove: 1_000_000_000 });
    const pointIds = points.json().features.map((f: { properties: { id: number } }) => f.properties.id);
    expect(pointIds).toEqual(kharkiv.ids);
    // Paged as the exports are.
    const reads: PageReads = { reads: 0, largestRead: 0 };
    let n = 0;
    for await (const page of eventPointPages(store.db, eventQuery({ q: "house" }, places), { pageSize: 100, reads })) n += page.length;
    expect(n).toBe(SYNTHETIC);
    expect(reads.largestRead).toBeLessThanOrEqual(Math.max(101, 1000 + 1));
    // Without a q: one read, as ever.
    const all = (await app.inject({ url: "/api/map/points" })).json();
    expect(all.features).toHaveLength(SYNTHETIC);
    expect(all.features[0]).toMatchObject({ type: "Feature", geometry: { type: "Point" } });
  }, 120_000);
});
