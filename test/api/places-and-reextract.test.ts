// Work a running server takes over from the commands (issue 10), on PGlite and — with
// TEST_DATABASE_URL — on PostgreSQL: POST /api/places adds a place that the server's resolver uses
// from the next request on (keys as for every write, clear 400s), places go out and back with the
// record; POST /api/reextract runs a re-extraction in the background with its progress readable,
// one at a time, and a second run reads nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportRecord, importRecord } from "../../src/api/export-record.js";
import { buildServer } from "../../src/api/server.js";
import { livePlaceResolver } from "../../src/geo/live-places.js";
import { listLocalPlaces } from "../../src/geo/local-places.js";
import { ingest } from "../../src/ingest/ingest.js";
import { createApiKey } from "../../src/store/api-keys.js";
import type { Store } from "../../src/store/database.js";
import { dropSchemas } from "../helpers/drop-schemas.js";
import { storeBackends } from "../helpers/store-backends.js";

const { backends, schemas } = storeBackends("server-work");
const LOCAL = "local-token-for-this-test";
// A village no gazetteer has (invented), in Belgorod Oblast.
const VILLAGE = { name: "Zarechnoye-Tretye", names: ["Заречное-Третье"], region: "RU-BEL", lat: 50.62, lon: 36.58 };
const TEXT = "Беспилотник атаковал село Заречное-Третье в Белгородской области, ранен мужчина, сообщил губернатор.";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(backends)("a server's places and re-extraction, on %s", (_name, open) => {
  let store: Store;
  let live: Awaited<ReturnType<typeof livePlaceResolver>>;
  let app: ReturnType<typeof buildServer>;
  let writerKey: string;
  beforeAll(async () => {
    store = await open();
    // As serve runs: the live resolver, reloaded by POST /api/places (no polling here: everyMs 0).
    live = await livePlaceResolver(store, { everyMs: 0 });
    app = buildServer({
      store,
      places: live.places,
      refreshPlaces: live.refresh,
      localToken: LOCAL,
      limits: { perAddress: false, maxEventLoopDelayMs: false },
    });
    writerKey = (await createApiKey(store.db, { role: "writer" })).key;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    live?.stop();
    await store?.close();
    if (process.env.TEST_DATABASE_URL) await dropSchemas(process.env.TEST_DATABASE_URL, schemas.splice(0));
  });
  const post = (url: string, payload: unknown, key: string | null = writerKey) =>
    app.inject({ method: "POST", url, payload: payload as object, headers: key ? { authorization: `Bearer ${key}` } : {} });

  it("refuses a place without a key, and bad places with a 400 that names what is wrong", async () => {
    expect((await post("/api/places", VILLAGE, null)).statusCode).toBe(401);
    expect((await post("/api/places", VILLAGE, "sw_not_a_key")).statusCode).toBe(401);
    const bad: Array<[unknown, RegExp]> = [
      [{ ...VILLAGE, name: "  " }, /name: the place's name is empty/],
      [{ ...VILLAGE, region: "Belgorod" }, /region: an ISO 3166-2 code such as RU-BEL/],
      [{ ...VILLAGE, region: "RU-XXX" }, /region: unknown region 'RU-XXX'/],
      [{ ...VILLAGE, lat: 91 }, /lat: decimal degrees north, -90 to 90/],
      [{ ...VILLAGE, lon: "36.5" }, /lon: decimal degrees east/],
      [{ name: "X", region: "RU-BEL", lat: 50 }, /lon: /],
      [{ ...VILLAGE, names: "Заречное" }, /names: the place's other spellings/],
      [{ ...VILLAGE, population: 5 }, /population|Unrecognized key/i],
      [[VILLAGE], /send one place/],
    ];
    for (const [body, message] of bad) {
      const res = await post("/api/places", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toMatch(message);
    }
    expect(await listLocalPlaces(store.db)).toEqual([]);
  });

  it("adds a place that the running resolver uses at once; the same place again changes nothing", async () => {
    expect(live.places.findSettlement(VILLAGE.names[0], "RU-BEL", "ru")).toBeNull();
    const res = await post("/api/places", VILLAGE);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ place: VILLAGE, changed: true, places: 1 });
    // No wait, no poll: the next request's extraction finds the village.
    expect(live.places.findSettlement(VILLAGE.names[0], "RU-BEL", "ru")).toMatchObject({ name: VILLAGE.name, region: "RU-BEL" });
    const again = await post("/api/places", VILLAGE, LOCAL);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ changed: false, places: 1 });
    // A point outside the region it is given: added as given, with a note.
    const elsewhere = await post("/api/places", { name: "Far-Off-Khutor", region: "RU-BEL", lat: 55.75, lon: 37.62 });
    expect(elsewhere.json()).toMatchObject({ changed: true, places: 2, note: expect.stringMatching(/lies in RU-MOW, not RU-BEL/) });
    expect((await app.inject({ url: "/api/places" })).json().places.map((p: { name: string }) => p.name)).toEqual([
      VILLAGE.name,
      "Far-Off-Khutor",
    ]);
    const stored = await ingest(store, [{ text: TEXT, published: "2025-08-06", source: "test" }], { places: live.places });
    expect(stored.stored).toBe(1);
    expect(await store.execute("SELECT settlement FROM incidents WHERE region = 'RU-BEL' AND current")).toEqual([
      { settlement: VILLAGE.name },
    ]);
  });

  it("exports the places with the record and imports them back", async () => {
    const lines: string[] = [];
    await exportRecord(store, (chunk) => {
      lines.push(...chunk.split("\n").filter(Boolean));
    });
    expect(lines.filter((l) => l.includes('"table":"local_places"'))).toHaveLength(2);
    const target = await open();
    try {
      await importRecord(target, lines);
      expect(await listLocalPlaces(target.db)).toEqual(await listLocalPlaces(store.db));
    } finally {
      await target.close();
    }
  }, 60_000);

  it("re-extracts in the background with its progress readable, one run at a time; a second run reads nothing", async () => {
    // Reports read by an older extractor: stored with another version recorded.
    await ingest(
      store,
      Array.from({ length: 30 }, (_, i) => ({
        text: `Air defences shot down ${i + 2} drones over the Kursk region overnight (${i}).`,
        url: `https://example.org/re/${i}`,
        published: "2025-08-07",
        source: "ministry",
      })),
      { places: live.places },
    );
    await store.execute("DELETE FROM report_extractions");
    expect((await post("/api/reextract", {}, writerKey)).statusCode).toBe(403);
    expect((await post("/api/reextract", { since: "2025-13-01" }, LOCAL)).json().error).toMatch(/since takes a date/);
    expect((await post("/api/reextract", { region: "Kursk" }, LOCAL)).json().error).toMatch(/ISO 3166-2/);
    const started = await post("/api/reextract", { batchSize: 5 }, LOCAL);
    expect(started.statusCode).toBe(202);
    const { run } = started.json();
    expect(started.headers.location).toBe(`/api/reextract/${run.id}`);
    expect(run.state).toBe("running");
    const busy = await post("/api/reextract", {}, LOCAL);
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ run: { id: run.id }, error: expect.stringContaining(`/api/reextract/${run.id}`) });
    let view = run;
    const seen = new Set<number>();
    while (view.state === "running") {
      await sleep(50);
      view = (await app.inject({ url: `/api/reextract/${run.id}` })).json();
      seen.add(view.done);
    }
    expect(view).toMatchObject({ state: "done", done: 31, total: 31, error: null, summary: { reports: 31, failed: 0, stopped: false } });
    // Every value seen along the way is a count of reports done so far (how many polls see depends on the machine's speed).
    for (const done of seen) expect(done).toBeGreaterThanOrEqual(0);
    expect(Math.max(...seen)).toBeLessThanOrEqual(31);
    // As the command: reports already read by this version are not read again.
    const second = (await post("/api/reextract", {}, LOCAL)).json().run;
    while (view.state !== "done" || view.id !== second.id) {
      await sleep(50);
      view = (await app.inject({ url: `/api/reextract/${second.id}` })).json();
    }
    expect(view.summary).toMatchObject({ reports: 0, changedReports: 0 });
    expect((await app.inject({ url: "/api/reextract" })).json().runs.map((r: { id: string }) => r.id)).toEqual([second.id, run.id]);
    expect((await app.inject({ url: "/api/reextract/00000000-0000-4000-8000-000000000000" })).statusCode).toBe(404);
  }, 120_000);

  it("starts a run once ready with reextractAtStart (serve --reextract), and stops it between batches when closed", async () => {
    await store.execute("DELETE FROM report_extractions");
    const other = buildServer({
      store,
      places: live.places,
      reextractAtStart: true,
      limits: { perAddress: false, maxEventLoopDelayMs: false },
    });
    await other.ready();
    const [run] = (await other.inject({ url: "/api/reextract" })).json().runs;
    expect(run).toMatchObject({ state: "running", options: {} });
    await other.close();
    // Closed mid-run or after it: either way what it read is recorded, and a later run reads only the rest.
    const read = Number((await store.execute("SELECT count(*)::int AS n FROM report_extractions"))[0].n);
    const rest = (await post("/api/reextract", {}, LOCAL)).json().run;
    let view = rest;
    while (view.state === "running") {
      await sleep(50);
      view = (await app.inject({ url: `/api/reextract/${rest.id}` })).json();
    }
    expect(view.summary.reports).toBe(31 - read);
  }, 120_000);
});
