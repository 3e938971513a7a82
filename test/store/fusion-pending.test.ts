// Two writers on PostgreSQL storing reports of the same place and day: the second does not wait
// for the first's transaction (that made batches of several workers run one at a time); it stores
// its reports, leaves the place and day in fusion_pending, and fuses it once the first has
// committed. A writer killed between the two leaves the row for the next one (fusePending).
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { extractReport } from "../../src/extract/index.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import type { Store } from "../../src/store/database.js";
import { openStore } from "../../src/store/database.js";
import { fusePending } from "../../src/store/refuse.js";
import { incidentRow } from "../../src/store/reports.js";
import { dropSchemas } from "../helpers/drop-schemas.js";

const url = process.env.TEST_DATABASE_URL;
const places = defaultPlaceResolver();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const report = (n: number) => ({
  text: `${n + 2} drones were shot down over the Kursk region overnight, the governor said. (${n})`,
  published: "2025-07-10",
  source: `pending-${n}`,
});
/** The places and days (fusion bases) a report's incidents are fused under. */
const basesOf = (r: ReturnType<typeof report>) =>
  [
    ...new Set(
      extractReport(r.text, { published: r.published, language: "en", places }).incidents.map((i) => incidentRow(1, i, "test").fusionBase),
    ),
  ].sort();

describe.skipIf(!url)("fusing a place and day another writer is fusing (PostgreSQL)", () => {
  const schemas: string[] = [];
  const open = () => {
    const schemaName = `test_pending_${process.pid}_${Date.now()}_${schemas.length}`;
    schemas.push(schemaName);
    return openStore({ url, schemaName });
  };
  afterAll(() => dropSchemas(url as string, schemas));

  /** Another writer's transaction holding the lock of `bases` until release() commits it. */
  async function holdLocks(bases: string[]) {
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query("BEGIN");
    for (const b of bases) await other.query("SELECT pg_advisory_xact_lock(hashtext($1))", [b]);
    return {
      release: async () => {
        await other.query("COMMIT");
        await other.end();
      },
    };
  }
  const count = async (store: Store, table: string) => Number((await store.execute(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  it("stores the reports at once, and fuses the place and day once the other writer commits", async () => {
    const store = await open();
    try {
      const bases = basesOf(report(0));
      expect(bases.length).toBeGreaterThan(0);
      const held = await holdLocks(bases);
      let finished = false;
      const storing = ingest(store, [report(0)], { places }).then((s) => {
        finished = true;
        return s;
      });
      // The reports' transaction commits without waiting for the lock: the report is there, its place and day pending.
      const deadline = Date.now() + 10_000;
      while ((await count(store, "reports")) === 0 && Date.now() < deadline) await sleep(20);
      expect(await count(store, "reports")).toBe(1);
      expect((await store.execute("SELECT fusion_base FROM fusion_pending ORDER BY 1")).map((r) => r.fusion_base)).toEqual(bases);
      expect(await count(store, "events")).toBe(0);
      expect(finished).toBe(false);
      await held.release();
      const summary = await storing;
      expect(summary.stored).toBe(1);
      expect(await count(store, "fusion_pending")).toBe(0);
      expect(await count(store, "events")).toBeGreaterThan(0);
      expect(await count(store, "claims")).toBe(await count(store, "incidents"));
    } finally {
      await store.close();
    }
  }, 60_000);

  it("leaves a place and day of a writer ended between its two transactions to the next writer", async () => {
    const store = await open();
    // The writer that will be ended: a store of its own (its own connections).
    const writer = await openStore({ url, schemaName: schemas[schemas.length - 1] });
    try {
      await ingest(store, [report(1)], { places });
      const before = await store.execute("SELECT id, sources FROM events WHERE state = 'live' ORDER BY id");
      expect(before.length).toBeGreaterThan(0);
      const bases = basesOf(report(2));
      const held = await holdLocks(bases);
      const storing = ingest(writer, [report(2)], { places }).catch(() => null);
      // Its reports are committed; it waits to fuse: its session is ended there (as a kill -9 would).
      const waiting = async () =>
        store.execute(
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock%'",
        );
      const deadline = Date.now() + 10_000;
      while (!(await waiting()).length && Date.now() < deadline) await sleep(20);
      for (const { pid } of await waiting()) await store.execute("SELECT pg_terminate_backend($1)", [pid]);
      await storing;
      await held.release();
      expect(await count(store, "reports")).toBe(2);
      expect((await store.execute("SELECT fusion_base FROM fusion_pending ORDER BY 1")).map((r) => r.fusion_base)).toEqual(bases);
      const unfused = await store.execute("SELECT id, sources FROM events WHERE state = 'live' ORDER BY id");
      expect(unfused).toEqual(before);
      // The next writer (a worker when idle) fuses what was left: the same events, told by both reports now.
      const changes = await fusePending(store.db);
      expect(changes.length).toBeGreaterThan(0);
      expect(await count(store, "fusion_pending")).toBe(0);
      const after = await store.execute("SELECT id, sources FROM events WHERE state = 'live' ORDER BY id");
      expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
      expect(after.every((e) => Number(e.sources) === 2)).toBe(true);
      expect(await fusePending(store.db)).toEqual([]);
    } finally {
      await writer.close().catch(() => {});
      await store.close();
    }
  }, 60_000);
});
