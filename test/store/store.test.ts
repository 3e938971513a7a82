// The store, ingestion, fusion and API, on embedded PGlite and — when TEST_DATABASE_URL is set
// (CI sets it) — on a real PostgreSQL server, with the same code.
import { get } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { reportFromJson } from "../../src/ingest/readers.js";
import type { Store } from "../../src/store/database.js";
import { dropSchemas } from "../helpers/drop-schemas.js";
import { storeBackends } from "../helpers/store-backends.js";

const { backends, schemas } = storeBackends("store");

const report = (text: string, extra: Record<string, unknown> = {}) =>
  reportFromJson({ text, published: "2025-07-21", source: "test", ...extra }, "test");

describe.each(backends)("store on %s", (_name, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    if (process.env.TEST_DATABASE_URL) await dropSchemas(process.env.TEST_DATABASE_URL, schemas.splice(0));
  });
  const count = async (table: string) => Number((await store.execute(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const places = defaultPlaceResolver();

  it("stores the same report once", async () => {
    const r = report("Russian air defences shot down 12 drones over the Bryansk region overnight.", { url: "https://example.org/a" });
    const first = await ingest(store, [r], { places });
    const again = await ingest(store, [r], { places });
    expect(first).toMatchObject({ stored: 1, duplicates: 0 });
    expect(again).toMatchObject({ stored: 0, duplicates: 1 });
    expect((await store.execute("SELECT count(*)::int AS n FROM reports WHERE url = 'https://example.org/a'"))[0].n).toBe(1);
  });

  it("keeps a corrected text as a new version whose incidents replace the old ones", async () => {
    await ingest(store, [report("Air defences shot down five drones over the Tula region overnight.", { url: "https://example.org/b" })], {
      places,
    });
    const summary = await ingest(
      store,
      [report("Air defences shot down seven drones over the Tula region overnight.", { url: "https://example.org/b" })],
      { places },
    );
    expect(summary.newVersions).toBe(1);
    const versions = await store.execute("SELECT version FROM reports WHERE url = 'https://example.org/b' ORDER BY version");
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const [event] = await store.execute("SELECT count, sources FROM events WHERE region = 'RU-TUL'");
    expect(event).toMatchObject({ count: 7, sources: 1 });
  });

  it("fuses one happening told by two sources into one event with both claims and their disagreement", async () => {
    await ingest(
      store,
      [
        report("Overnight, the Ministry of Defence said air defences destroyed five drones over the Lipetsk region.", {
          source: "ministry",
        }),
        report("Three drones were shot down over the Lipetsk region overnight, Governor Igor Artamonov said.", { source: "governor" }),
      ],
      { places },
    );
    const events = await store.execute("SELECT id, count, sources, disagreements FROM events WHERE region = 'RU-LIP'");
    expect(events).toHaveLength(1);
    expect(events[0].sources).toBe(2);
    // Stored as values, put into words by each reader (src/model/disagreement.ts).
    expect(events[0].disagreements).toEqual([
      {
        field: "count",
        values: [
          { source: "Russian Ministry of Defence", value: 5 },
          { source: "Governor Igor Artamonov", value: 3 },
        ],
      },
    ]);
    expect((await store.execute(`SELECT count(*)::int AS n FROM claims WHERE event_id = ${events[0].id}`))[0].n).toBe(2);
  });

  it("joins a report that names no settlement to the one settlement reported there that day", async () => {
    await ingest(
      store,
      [
        report("A drone struck a house in the village of Glushkovo in the Kursk region on Monday, the governor said.", {
          source: "governor",
          published: "2025-09-03",
        }),
        report("A drone attack damaged a house in the Kursk region on Monday.", { source: "agency", published: "2025-09-03" }),
      ],
      { places },
    );
    const rows = await store.execute("SELECT settlement, sources FROM events WHERE region = 'RU-KRS' AND kind = 'strike'");
    expect(rows).toEqual([{ settlement: "Glushkovo", sources: 2 }]);
  });

  it("keeps two strikes on two villages of one region as two events", async () => {
    await ingest(
      store,
      [
        report(
          "In the Belgorod region, a drone struck a truck in the village of Shchetinovka. In the same region, another drone hit a house in the village of Nikolskoye.",
        ),
      ],
      { places },
    );
    const rows = await store.execute("SELECT settlement FROM events WHERE region = 'RU-BEL' AND kind = 'strike' ORDER BY settlement");
    expect(rows.map((r) => r.settlement)).toEqual(expect.arrayContaining(["Shchetinovka", "Nikolskoe"]));
  });

  it("serves events with filters, detail and exports, and refuses bad input with JSON errors", async () => {
    const app = buildServer({ store, places, openWrites: true });
    try {
      const list = await app.inject({ url: "/api/events?region=RU-LIP&kind=interception" });
      expect(list.statusCode).toBe(200);
      const body = list.json();
      expect(body.total).toBe(1);
      const detail = (await app.inject({ url: `/api/events/${body.events[0].id}` })).json();
      expect(detail.claims).toHaveLength(2);
      expect(detail.claims[0].evidence).toMatch(/Lipetsk/);

      const paged = (await app.inject({ url: "/api/events?limit=1" })).json();
      expect(paged.events).toHaveLength(1);
      expect(paged.next).toEqual(expect.any(String));
      const second = (await app.inject({ url: `/api/events?limit=1&cursor=${paged.next}` })).json();
      expect(second.events[0].id).not.toBe(paged.events[0].id);

      expect((await app.inject({ url: "/api/events?region=Belgorod" })).statusCode).toBe(400);
      expect((await app.inject({ url: "/api/events?from=yesterday" })).json().error).toMatch(/from must be a date/);
      expect((await app.inject({ url: "/api/events?cursor=garbage" })).statusCode).toBe(400);
      const injection = await app.inject({ url: `/api/events?q=${encodeURIComponent("'; DROP TABLE events; --")}` });
      expect(injection.statusCode).toBe(200);
      expect(await count("events")).toBeGreaterThan(0);

      const html = await app.inject({
        method: "POST",
        url: "/api/reports",
        payload: { text: "<script>alert(1)</script> Two drones were shot down over the Oryol region.", source: "x" },
      });
      expect(html.statusCode).toBe(201);
      const stored = await store.execute("SELECT text FROM reports WHERE source = 'x'");
      expect(stored[0].text).toMatch(/^<script>alert\(1\)<\/script>/);

      const big = await app.inject({ method: "POST", url: "/api/reports", payload: { text: "x".repeat(20 * 1024 * 1024) } });
      expect(big.statusCode).toBe(413);
      expect(big.json().error).toEqual(expect.any(String));
      expect((await app.inject({ method: "POST", url: "/api/reports", payload: { text: "ok", published: "31/12/2025" } })).statusCode).toBe(
        400,
      );

      const csv = await app.inject({ url: "/api/export.csv?region=RU-LIP" });
      expect(csv.body.split("\n")[0]).toMatch(
        /^event_id,event_date,event_type,sub_event_type,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities/,
      );
      const geo = (await app.inject({ url: "/api/export.geojson?region=RU-LIP" })).json();
      expect(geo.features[0].geometry.type).toBe("Point");
      expect((await app.inject({ url: "/api/health" })).json()).toMatchObject({ status: "ok" });
    } finally {
      await app.close();
    }
  });

  it("sorts by any column through every page, exports the whole filter, and serves the map layers", async () => {
    const app = buildServer({ store, places });
    try {
      const texts = ["two", "nine", "four", "seven", "three"].map((n, i) =>
        report(`Air defences shot down ${n} drones over the Kaluga region.`, {
          published: `2025-08-0${i + 1}`,
          url: `https://example.org/k${i}`,
        }),
      );
      await ingest(store, texts, { places });
      const seen: number[] = [];
      let cursor = "";
      do {
        const page = (
          await app.inject({ url: `/api/events?region=RU-KLU&sort=-count&limit=2${cursor ? `&cursor=${cursor}` : ""}` })
        ).json();
        seen.push(...page.events.map((e: { count: number }) => e.count));
        cursor = page.next ?? "";
      } while (cursor);
      expect(seen).toEqual([9, 7, 4, 3, 2]);
      const ascending = (await app.inject({ url: "/api/events?region=RU-KLU&sort=count&limit=10" })).json();
      expect(ascending.events.map((e: { count: number }) => e.count)).toEqual([2, 3, 4, 7, 9]);
      expect((await app.inject({ url: "/api/events?sort=colour" })).json().error).toMatch(/sort must be one of/);

      // Exports are not cut at one API page.
      const all = (await app.inject({ url: "/api/events?limit=1" })).json().total;
      const csv = await app.inject({ url: "/api/export.csv" });
      expect(csv.body.trim().split("\n")).toHaveLength(all + 1);

      const points = (await app.inject({ url: "/api/map/points?region=RU-BEL" })).json();
      expect(points.features.length).toBeGreaterThan(0);
      expect(points.features.every((f: { properties: { id: number } }) => f.properties.id > 0)).toBe(true);
      const regions = await app.inject({ url: "/api/map/regions.geojson", headers: { "accept-encoding": "gzip" } });
      expect(regions.headers["content-encoding"]).toBe("gzip");
      const plain = (await app.inject({ url: "/api/map/regions.geojson" })).json();
      expect(plain.features).toHaveLength(110);
      expect(plain.features.find((f: { properties: { iso: string } }) => f.properties.iso === "UA-63").properties).toMatchObject({
        name_en: "Kharkiv Oblast",
        name_uk: "Харківська область",
      });
    } finally {
      await app.close();
    }
  });

  it("describes itself in OpenAPI and streams new events live", async () => {
    const app = buildServer({ store, places, openWrites: true });
    try {
      const doc = (await app.inject({ url: "/api/openapi.json" })).json();
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/events", "/api/reports", "/api/stream"]));
      expect((await app.inject({ url: "/api/docs" })).body).toMatch(/\/api\/events/);

      const address = await app.listen({ port: 0, host: "127.0.0.1" });
      const received = new Promise<string>((resolve, reject) => {
        const req = get(`${address}/api/stream?region=RU-VOR`, (res) => {
          let buffer = "";
          res.on("data", (chunk) => {
            buffer += chunk;
            const m = buffer.match(/event: event\ndata: (.*)\n/);
            if (m) {
              resolve(m[1]);
              req.destroy();
            }
          });
        });
        req.on("error", reject);
      });
      await new Promise((r) => setTimeout(r, 200));
      const posted = await fetch(`${address}/api/reports`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          text: "Four drones were shot down over the Voronezh region overnight.",
          published: "2025-07-21",
          source: "live",
        }),
      });
      expect(posted.status).toBe(201);
      expect(JSON.parse(await received)).toMatchObject({ region: "RU-VOR", kind: "interception", date: "2025-07-21" });
    } finally {
      await app.close();
    }
  });
});
