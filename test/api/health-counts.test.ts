// /api/health's counts on the embedded store: exact after every write (whoever wrote: the API, an
// ingest in the process, a raw statement), yet answered without a query while nothing was written
// — so that health does not wait behind an export's page queries (PGlite runs one at a time). And
// the rule that decides, pure.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keptAnswers, SERVER_FRESH_MS, STALE_MS } from "../../src/api/health-counts.js";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { isPlainRead, openStore, type Store } from "../../src/store/database.js";
import { answeredWhileHeld } from "./held-store.js";
import { addSyntheticEvents } from "./synthetic-events.js";

describe("the rule of kept counts", () => {
  const kept = { counts: { reports: 3, events: 2 }, writes: 7, at: 10_000 };
  it("answers exactly while nothing was written since", () => {
    expect(keptAnswers(kept, 7, false, 10_000 + 60_000)).toBe("exact");
    expect(keptAnswers(kept, 7, true, 10_000 + 60_000)).toBe("exact");
  });
  it("answers recent counts only while the store is busy, and counts again once it is not", () => {
    expect(keptAnswers(kept, 8, true, 10_000 + STALE_MS - 1)).toBe("recent");
    expect(keptAnswers(kept, 8, true, 10_000 + STALE_MS)).toBe("no");
    expect(keptAnswers(kept, 8, false, 10_001)).toBe("no");
  });
  it("on a server with other writers, answers counts of under SERVER_FRESH_MS as they are, then counts again meanwhile until STALE_MS", () => {
    const server = { ...kept, writes: null };
    for (const busy of [false, true]) {
      expect(keptAnswers(server, null, busy, 10_000 + SERVER_FRESH_MS - 1)).toBe("fresh");
      expect(keptAnswers(server, null, busy, 10_000 + SERVER_FRESH_MS)).toBe("recent");
      expect(keptAnswers(server, null, busy, 10_000 + STALE_MS - 1)).toBe("recent");
      expect(keptAnswers(server, null, busy, 10_000 + STALE_MS)).toBe("no");
    }
  });
  it("counts the first time", () => {
    expect(keptAnswers(null, 7, false, 0)).toBe("no");
    expect(keptAnswers(null, null, true, 0)).toBe("no");
  });
  it("tells plain reads from statements that may write", () => {
    expect(isPlainRead("SELECT count(*) FROM reports")).toBe(true);
    expect(isPlainRead("  select id from events where id = $1")).toBe(true);
    for (const s of [
      "INSERT INTO reports (text) VALUES ('x')",
      "WITH d AS (DELETE FROM events RETURNING id) SELECT count(*) FROM d",
      "SELECT 1; DELETE FROM events",
      "SELECT nextval(pg_get_serial_sequence('reports', 'id'))",
      "VACUUM ANALYZE",
      undefined,
    ])
      expect(isPlainRead(s), String(s)).toBe(false);
  });
});

describe("/api/health's counts (PGlite)", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-health-")), "db") });
  });
  afterAll(async () => {
    await store?.close();
  });

  it("are exact after each write and need no query while nothing is written", async () => {
    const app = buildServer({
      store,
      places: defaultPlaceResolver(),
      openWrites: true,
      limits: { perAddress: false, maxEventLoopDelayMs: false },
    });
    const health = async () => (await app.inject({ url: "/api/health" })).json() as { reports: number; events: number };
    try {
      expect(await health()).toMatchObject({ status: "ok", store: "pglite", reports: 0, events: 0, countsAgeMs: 0 });
      const posted = await app.inject({
        method: "POST",
        url: "/api/reports",
        payload: [{ text: "Two drones were shot down over the Kursk region overnight.", published: "2025-07-21", source: "a" }],
      });
      expect(posted.statusCode, posted.body).toBe(201);
      expect(await health()).toMatchObject({ reports: 1, events: 1 });
      await ingest(
        store,
        [{ text: "Five drones were shot down over the Bryansk region overnight.", published: "2025-07-21", source: "b" }],
        {
          places: defaultPlaceResolver(),
        },
      );
      expect(await health()).toMatchObject({ reports: 2, events: 2 });
      await addSyntheticEvents(store, 30);
      expect(await health()).toMatchObject({ reports: 32, events: 32 });
      await store.execute("UPDATE events SET state = 'withdrawn' WHERE id = (SELECT max(id) FROM events)");
      expect(await health()).toMatchObject({ events: 31 });

      // Nothing written since: health asks the store nothing (it answers while the store's queue is held).
      const answers = await answeredWhileHeld(store, () => Promise.all(Array.from({ length: 5 }, () => health())));
      expect(answers, "health waited for the store").not.toBeNull();
      expect(answers?.every((a) => a.reports === 32 && a.events === 31)).toBe(true);
      // Exact, so no age.
      expect(answers?.every((a) => (a as { countsAgeMs?: number }).countsAgeMs === 0)).toBe(true);
      // The transaction may have written: counted again, exactly.
      expect(await health()).toMatchObject({ reports: 32, events: 31 });
    } finally {
      await app.close();
    }
  }, 120_000);
});
