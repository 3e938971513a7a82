// Issue 10, "a record that stays right as it grows", on PGlite and — with TEST_DATABASE_URL — on
// PostgreSQL: re-extraction changes the affected events and nothing else, events keep their ids
// through merges and splits, and one happening key keeps a country's missiles and drones apart.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { extractorVersion } from "../../src/ingest/extractor-version.js";
import { ingest } from "../../src/ingest/ingest.js";
import { reportFromJson } from "../../src/ingest/readers.js";
import { reextract } from "../../src/ingest/reextract.js";
import { type Db, openStore, type Store } from "../../src/store/database.js";
import { refuse } from "../../src/store/refuse.js";

const backends: Array<[string, () => Promise<{ store: Store; drop: () => Promise<void> }>]> = [
  [
    "PGlite",
    async () => ({
      store: await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-identity-")), "db") }),
      drop: async () => {},
    }),
  ],
];
if (process.env.TEST_DATABASE_URL) {
  const url = process.env.TEST_DATABASE_URL;
  backends.push([
    "PostgreSQL",
    async () => {
      const schemaName = `test_identity_${process.pid}_${Date.now()}`;
      const store = await openStore({ url, schemaName });
      return { store, drop: async () => void (await store.execute(`DROP SCHEMA "${schemaName}" CASCADE`)) };
    },
  ]);
}

const report = (text: string, extra: Record<string, unknown> = {}) =>
  reportFromJson({ text, published: "2025-10-06", source: "test", ...extra }, "test");

describe.each(backends)("events that stay right, on %s", (_name, open) => {
  let store: Store;
  let drop: () => Promise<void>;
  const places = defaultPlaceResolver();
  beforeAll(async () => {
    ({ store, drop } = await open());
  }, 60_000);
  afterAll(async () => {
    await drop?.();
    await store?.close();
  });
  const one = async (query: string, params?: unknown[]) => (await store.execute(query, params))[0];
  const n = async (query: string, params?: unknown[]) => Number((await one(query, params)).n);

  it("re-extraction after a lexicon change updates the affected events and nothing else", async () => {
    await ingest(
      store,
      [
        report("Air defences shot down seven drones over the Tula region overnight.", { url: "https://example.org/re/tula" }),
        report("Three drones were shot down over the Lipetsk region overnight, Governor Igor Artamonov said.", {
          url: "https://example.org/re/lipetsk",
        }),
        report("Air defences shot down four drones over the Kaluga region overnight.", { url: "https://example.org/re/kaluga" }),
        report("A drone struck a warehouse in the Oryol region overnight, the governor said.", { url: "https://example.org/re/oryol" }),
      ],
      { places },
    );
    // What an older lexicon made of the Tula report: five drones, not seven. Its events were fused from that.
    const tampered = await store.execute(
      "UPDATE incidents SET count = 5 FROM reports r WHERE r.id = incidents.report_id AND r.url = 'https://example.org/re/tula' RETURNING fusion_key",
    );
    await store.db.transaction((tx) =>
      refuse(
        tx as unknown as Db,
        tampered.map((r) => String(r.fusion_key)),
      ),
    );
    await store.execute("UPDATE incidents SET extractor_version = '0.0.9+older'");
    await store.execute("DELETE FROM report_extractions");
    const tula = await one("SELECT id, count, version FROM events WHERE region = 'RU-TUL' AND date = '2025-10-06'");
    expect(tula).toMatchObject({ count: 5, version: 2 });
    const before = await store.execute("SELECT id, version, updated_at::text AS at FROM events ORDER BY id");
    const changesBefore = await n("SELECT count(*)::int AS n FROM event_changes");

    // A dry run counts and changes nothing.
    const dry = await reextract(store, { places, dryRun: true });
    expect(dry).toMatchObject({ reports: 4, changedReports: 1, incidentsChanged: 1, incidentsAdded: 0, incidentsRemoved: 0 });
    expect(dry.events).toEqual({ created: 0, updated: 1, merged: 0, withdrawn: 0 });
    expect(await n("SELECT count(*)::int AS n FROM event_changes")).toBe(changesBefore);

    // The real extractor, as the command runs it.
    const summary = await reextract(store, { places });
    expect(summary.version).toBe(extractorVersion());
    expect(summary).toMatchObject({
      reports: 4,
      changedReports: 1,
      incidentsChanged: 1,
      incidentsAdded: 0,
      incidentsRemoved: 0,
      failed: 0,
    });
    expect(summary.events).toEqual({ created: 0, updated: 1, merged: 0, withdrawn: 0 });
    const after = await store.execute("SELECT id, version, updated_at::text AS at FROM events ORDER BY id");
    const changed = after.filter((e, i) => e.version !== before[i].version || e.at !== before[i].at);
    expect(changed.map((e) => e.id)).toEqual([tula.id]);
    expect(await one("SELECT count, version, state FROM events WHERE id = $1", [tula.id])).toEqual({ count: 7, version: 3, state: "live" });
    const [change] = await store.execute("SELECT change, fields FROM event_changes WHERE event_id = $1 AND version = 3", [tula.id]);
    expect(change.change).toBe("updated");
    expect((change.fields as Record<string, unknown>).count).toBe(7);
    expect(await n("SELECT count(*)::int AS n FROM event_changes")).toBe(changesBefore + 1);
    // The old incident stays, not current; the unchanged reports' incidents only got the new version.
    expect(await n("SELECT count(*)::int AS n FROM incidents WHERE NOT current AND count = 5")).toBe(1);
    expect(
      await n("SELECT count(*)::int AS n FROM incidents WHERE current AND extractor_version IS DISTINCT FROM $1", [summary.version]),
    ).toBe(0);

    // Idempotent: a second run reads nothing and changes nothing.
    const again = await reextract(store, { places });
    expect(again).toMatchObject({ reports: 0, changedReports: 0 });
    expect(await n("SELECT count(*)::int AS n FROM event_changes")).toBe(changesBefore + 1);
  });

  it("keeps both ids reachable when a settlement event appears beside a region event, and gives the region's id back later", async () => {
    const app = buildServer({ store, places });
    try {
      const day = { published: "2025-10-08" };
      await ingest(store, [report("A drone attack damaged a house in the Kursk region on Tuesday.", { ...day, source: "agency" })], {
        places,
      });
      const regionLevel = await one("SELECT id FROM events WHERE region = 'RU-KRS' AND date = '2025-10-07' AND settlement IS NULL");
      const regionId = Number(regionLevel.id);

      await ingest(
        store,
        [
          report("A drone struck a house in the village of Glushkovo in the Kursk region on Tuesday, the governor said.", {
            ...day,
            source: "governor",
          }),
        ],
        { places },
      );
      const village = await one("SELECT id, sources FROM events WHERE region = 'RU-KRS' AND date = '2025-10-07' AND state = 'live'");
      expect(village.sources).toBe(2);
      expect(village.id).not.toBe(regionId);
      const merged = (await app.inject({ url: `/api/events/${regionId}` })).json();
      expect(merged).toMatchObject({ id: village.id, mergedInto: village.id, requestedId: regionId, settlement: "Glushkovo" });
      expect(merged.claims).toHaveLength(2);
      expect((await app.inject({ url: `/api/events/${village.id}` })).json()).toMatchObject({ id: village.id, mergedInto: null });
      const listed = (await app.inject({ url: "/api/events?region=RU-KRS&from=2025-10-07&to=2025-10-07" })).json();
      expect(listed.events.map((e: { id: number }) => e.id)).toEqual([village.id]);

      // A second village that day: the account naming none stands alone again, under its old id.
      await ingest(
        store,
        [report("A drone hit a car in the village of Tyotkino in the Kursk region on Tuesday.", { ...day, source: "channel" })],
        { places },
      );
      const back = (await app.inject({ url: `/api/events/${regionId}` })).json();
      expect(back).toMatchObject({ id: regionId, state: "live", settlement: null, mergedInto: null });
      expect(back.claims).toHaveLength(1);
      expect((await app.inject({ url: `/api/events/${village.id}` })).json().claims).toHaveLength(1);
      const history = await store.execute("SELECT version, change FROM event_changes WHERE event_id = $1 ORDER BY version", [regionId]);
      expect(history).toEqual([
        { version: 1, change: "created" },
        { version: 2, change: "merged" },
        { version: 3, change: "updated" },
      ]);
      // Claims were updated in place: the village's first claim is the same row throughout.
      expect(await n("SELECT count(*)::int AS n FROM claims WHERE event_id = $1", [village.id])).toBe(1);
    } finally {
      await app.close();
    }
  });

  it("withdraws an event whose corrected report no longer tells it, and answers 410 for it", async () => {
    const app = buildServer({ store, places });
    try {
      const url = "https://example.org/re/withdrawn";
      await ingest(
        store,
        [report("Air defences shot down two drones over the Smolensk region overnight.", { url, published: "2025-10-09" })],
        {
          places,
        },
      );
      const { id } = await one("SELECT id FROM events WHERE region = 'RU-SMO' AND date = '2025-10-09'");
      const corrected = await ingest(
        store,
        [report("The night passed quietly in the Smolensk region, officials said.", { url, published: "2025-10-09" })],
        {
          places,
        },
      );
      expect(corrected).toMatchObject({ newVersions: 1, incidents: 0 });
      const gone = await app.inject({ url: `/api/events/${id}` });
      expect(gone.statusCode).toBe(410);
      expect(gone.json()).toMatchObject({ event: { id, state: "withdrawn", region: "RU-SMO" } });
    } finally {
      await app.close();
    }
  });

  it("makes two incidents and two events of 'Shot down 12 missiles and 13 drones, the Air Force said'", async () => {
    const summary = await ingest(store, [report("Shot down 12 missiles and 13 drones, the Air Force said.", { published: "2025-10-10" })], {
      places,
    });
    expect(summary.incidents).toBe(2);
    const rows = await store.execute(
      "SELECT weapon, count, disagreements FROM events WHERE region IS NULL AND date = '2025-10-10' AND state = 'live' ORDER BY weapon",
    );
    expect(rows).toEqual([
      { weapon: "drone", count: 13, disagreements: [] },
      { weapon: "missile", count: 12, disagreements: [] },
    ]);
  });
});
