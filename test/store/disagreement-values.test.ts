// Issue 10, "reasons in the database": disagreements stored as values ({field, values: [{source,
// value}]}) on PGlite and — with TEST_DATABASE_URL — on PostgreSQL; the English lines stored before
// migration 14 read into the same values (and a record exported then, on import); the API, its
// OpenAPI schema, the exports and the alerts' payload carry them.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventPayload } from "../../src/alerts/payload.js";
import { exportRecord, importRecord } from "../../src/api/export-record.js";
import { openApiDocument } from "../../src/api/openapi.js";
import { AlertEvent, Event } from "../../src/api/response-schemas.js";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { reportFromJson } from "../../src/ingest/readers.js";
import type { Db, Store } from "../../src/store/database.js";
import { DISAGREEMENT_LINES_TO_VALUES } from "../../src/store/migrations.js";
import { refuse } from "../../src/store/refuse.js";
import { events } from "../../src/store/schema.js";
import { dropSchemas } from "../helpers/drop-schemas.js";
import { storeBackends } from "../helpers/store-backends.js";

const { backends, schemas } = storeBackends("disagreements");
const places = defaultPlaceResolver();
const report = (text: string, source: string) => reportFromJson({ text, published: "2025-07-21", source }, "test");

const EXPECTED = [
  {
    field: "count",
    values: [
      { source: "Russian Ministry of Defence", value: 5 },
      { source: "Governor Igor Artamonov", value: 3 },
    ],
  },
];

describe.each(backends)("disagreements as values, on %s", (_name, open) => {
  let store: Store;
  let id: number;
  beforeAll(async () => {
    store = await open();
    await ingest(
      store,
      [
        report("Overnight, the Ministry of Defence said air defences destroyed five drones over the Lipetsk region.", "ministry"),
        report("Three drones were shot down over the Lipetsk region overnight, Governor Igor Artamonov said.", "governor"),
      ],
      { places },
    );
    id = Number((await store.execute("SELECT id FROM events WHERE region = 'RU-LIP' AND state = 'live'"))[0].id);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    if (process.env.TEST_DATABASE_URL) await dropSchemas(process.env.TEST_DATABASE_URL, schemas.splice(0));
  });
  const stored = async () => (await store.execute("SELECT disagreements, version FROM events WHERE id = $1", [id]))[0];

  it("stores what each source says, not a sentence", async () => {
    expect((await stored()).disagreements).toEqual(EXPECTED);
  });

  it("migration 14 reads the English lines of before into the same values, and fusion then changes nothing", async () => {
    const { version } = await stored();
    // As the store held it before migration 14.
    await store.execute("UPDATE events SET disagreements = $1::jsonb WHERE id = $2", [
      JSON.stringify(["count: Russian Ministry of Defence 5; Governor Igor Artamonov 3"]),
      id,
    ]);
    await store.execute(DISAGREEMENT_LINES_TO_VALUES);
    expect(await stored()).toEqual({ disagreements: EXPECTED, version });
    const [key] = await store.execute("SELECT fusion_key FROM events WHERE id = $1", [id]);
    const changes = await store.db.transaction((tx) => refuse(tx as unknown as Db, [String(key.fusion_key)]));
    expect(changes).toEqual([]);
    expect((await stored()).version).toBe(version);
  });

  it("reads lines of every shape fusion wrote: several fields, names with digits or '; ', values passed through", async () => {
    const [row] = await store.execute("SELECT skywatch_disagreement_values($1::jsonb) AS v", [
      JSON.stringify([
        "count: Channel 24 12; Governor X 13",
        "killed: the mayor; his deputy 2; Air Force 0",
        { field: "injured", values: [{ source: "A", value: 1 }] },
        "not a disagreement",
      ]),
    ]);
    expect(row.v).toEqual([
      {
        field: "count",
        values: [
          { source: "Channel 24", value: 12 },
          { source: "Governor X", value: 13 },
        ],
      },
      {
        field: "killed",
        values: [
          { source: "the mayor; his deputy", value: 2 },
          { source: "Air Force", value: 0 },
        ],
      },
      { field: "injured", values: [{ source: "A", value: 1 }] },
    ]);
  });

  it("answers with the values, as the OpenAPI schema describes them", async () => {
    const app = buildServer({ store, places, limits: { perAddress: false, maxEventLoopDelayMs: false } });
    try {
      const detail = (await app.inject({ url: `/api/events/${id}` })).json();
      expect(detail.disagreements).toEqual(EXPECTED);
      expect(Event.safeParse(detail).success).toBe(true);
      const doc = (await app.inject({ url: "/api/openapi.json" })).json();
      const schema = doc.paths["/api/events/{id}"].get.responses["200"].content["application/json"].schema;
      const item = schema.properties.disagreements.items;
      expect(item.properties.field.enum).toEqual(["count", "killed", "injured"]);
      expect(Object.keys(item.properties.values.items.properties)).toEqual(["source", "value"]);
    } finally {
      await app.close();
    }
  });

  it("exports one readable line, the same in every language, and the values beside it in GeoJSON", async () => {
    const app = buildServer({ store, places, limits: { perAddress: false, maxEventLoopDelayMs: false } });
    try {
      const csv = (await app.inject({ url: "/api/export.csv?region=RU-LIP" })).body;
      expect(csv).toContain("disagreements: count: Russian Ministry of Defence 5; Governor Igor Artamonov 3");
      // Placed at the region's centroid: a feature.
      const geo = (await app.inject({ url: "/api/export.geojson?region=RU-LIP" })).json();
      const feature = geo.features.find((f: { properties: { id: number } }) => f.properties.id === id);
      expect(feature.properties.disagreements).toBe("count: Russian Ministry of Defence 5; Governor Igor Artamonov 3");
      expect(feature.properties.disagreement_values).toEqual(EXPECTED);
    } finally {
      await app.close();
    }
  });

  it("gives alerts the values, as the webhooks of the OpenAPI document describe them", async () => {
    const [row] = await store.db.select().from(events).where(eq(events.id, id));
    const payload = eventPayload(row, "http://example.org");
    expect(payload.disagreements).toEqual(EXPECTED);
    // As /api/openapi.json describes a webhook's event.
    expect(AlertEvent.parse(JSON.parse(JSON.stringify(payload))).disagreements).toEqual(EXPECTED);
    const doc = openApiDocument() as unknown as {
      webhooks: Record<
        string,
        {
          post: {
            requestBody: { content: Record<string, { schema: { properties: Record<string, { properties: Record<string, unknown> }> } }> };
          };
        }
      >;
    };
    const event = doc.webhooks.event.post.requestBody.content["application/json"].schema.properties.event;
    expect(event.properties.disagreements).toMatchObject({
      type: "array",
      items: { properties: { field: { enum: ["count", "killed", "injured"] } } },
    });
  });

  it("reads a record exported before migration 14 (lines) into values on import", async () => {
    const lines: string[] = [];
    await exportRecord(store, (chunk) => {
      lines.push(...chunk.split("\n").filter(Boolean));
    });
    const old = lines.map((l) => {
      const item = JSON.parse(l);
      if (item.table === "events" && item.row.id === id)
        item.row.disagreements = ["count: Russian Ministry of Defence 5; Governor Igor Artamonov 3"];
      return JSON.stringify(item);
    });
    const target = await open();
    try {
      await importRecord(target, old);
      const [row] = await target.execute("SELECT disagreements FROM events WHERE id = $1", [id]);
      expect(row.disagreements).toEqual(EXPECTED);
    } finally {
      await target.close();
    }
  }, 60_000);
});
