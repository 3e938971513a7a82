// The event list and daily statistics on the embedded store: asked again while nothing was written,
// answered as read before without waiting in PGlite's queue; after any write (the API, an ingest
// in the process, a raw statement) read again, so an answer is always the store's current one. On a
// PostgreSQL server, kept until another writer's change notice arrives, and at most SERVER_KEEP_MS.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerVersion, changeNotices, SERVER_KEEP_MS } from "../../src/api/answer-version.js";
import { buildServer } from "../../src/api/server.js";
import { unchangedAnswers } from "../../src/api/unchanged-answers.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { openStore, type Store } from "../../src/store/database.js";
import { dropSchemas } from "../helpers/drop-schemas.js";
import { answeredWhileHeld } from "./held-store.js";
import { addSyntheticEvents } from "./synthetic-events.js";

describe("answers kept while the embedded store is unchanged (PGlite)", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-unchanged-")), "db") });
  });
  afterAll(async () => {
    await store?.close();
  });

  it("reads once per state of the store, and once for requests that come while it reads", async () => {
    const keep = unchangedAnswers(answerVersion(store, changeNotices()), 2);
    let reads = 0;
    const read = async () => {
      reads++;
      const [row] = await store.execute("SELECT count(*)::int AS n FROM events");
      return Number(row.n);
    };
    expect(await Promise.all([keep("a", read), keep("a", read), keep("a", read)])).toEqual([0, 0, 0]);
    expect(reads).toBe(1);
    await addSyntheticEvents(store, 3);
    expect(await keep("a", read)).toBe(3);
    expect(await keep("a", read)).toBe(3);
    expect(reads).toBe(2);
    // Only the most recently asked answers are kept.
    await keep("b", read);
    await keep("c", read);
    await keep("a", read);
    expect(reads).toBe(5);
    // A failed reading is not kept.
    await expect(keep("d", () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect(await keep("d", read)).toBe(3);
  });

  it("answer what the store holds after every write, without a query while nothing was written", async () => {
    const app = buildServer({
      store,
      places: defaultPlaceResolver(),
      openWrites: true,
      limits: { perAddress: false, maxEventLoopDelayMs: false },
    });
    // The page's events, not its total: a total that was slow to count may be reused for a moment (count-cache.ts).
    const list = async () => (await app.inject({ url: "/api/events?limit=100" })).json() as { events: unknown[] };
    const listed = async () => (await list()).events.length;
    const daily = async () => (await app.inject({ url: "/api/stats/daily" })).json() as { days: unknown[] };
    try {
      const before = await listed();
      const posted = await app.inject({
        method: "POST",
        url: "/api/reports",
        payload: [{ text: "Two drones were shot down over the Kursk region overnight.", published: "2025-07-21", source: "a" }],
      });
      expect(posted.statusCode, posted.body).toBe(201);
      expect(await listed()).toBe(before + 1);
      await ingest(
        store,
        [{ text: "Five drones were shot down over the Bryansk region overnight.", published: "2025-07-22", source: "b" }],
        {
          places: defaultPlaceResolver(),
        },
      );
      expect(await listed()).toBe(before + 2);
      const days = (await daily()).days.length;
      await store.execute("UPDATE events SET state = 'withdrawn' WHERE id = (SELECT max(id) FROM events)");
      expect(await listed()).toBe(before + 1);
      expect((await daily()).days.length).toBeLessThanOrEqual(days);

      // Nothing written since: the same page is answered while the store's queue is held.
      const expected = await list();
      const answers = await answeredWhileHeld(store, () => Promise.all(Array.from({ length: 5 }, () => list())));
      expect(answers, "the list waited for the store").not.toBeNull();
      for (const a of answers ?? []) expect(a).toEqual(expected);
    } finally {
      await app.close();
    }
  }, 120_000);
});

describe("kept answers by version and age", () => {
  it("reads again when the version changes, when it is null, and once an answer is older than the version allows", async () => {
    let version: number | null = 1;
    let now = 0;
    const keep = unchangedAnswers({ current: () => version, maxAgeMs: 2000, mayLag: false }, 4, () => now);
    let reads = 0;
    const read = async () => ++reads;
    expect(await keep("a", read)).toBe(1);
    now = 1999;
    expect(await keep("a", read)).toBe(1);
    now = 2000;
    expect(await keep("a", read)).toBe(2);
    version = 2;
    expect(await keep("a", read)).toBe(3);
    version = null;
    expect(await keep("a", read)).toBe(4);
    expect(await keep("a", read)).toBe(5);
  });

  it("answers the last one read while the next is read, where the version may lag, and never one older than its age", async () => {
    let version = 1;
    let now = 0;
    const keep = unchangedAnswers({ current: () => version, maxAgeMs: 2000, mayLag: true }, 4, () => now);
    let reads = 0;
    let release: () => void = () => {};
    const read = () => {
      const n = ++reads;
      return new Promise<number>((resolve) => {
        release = () => resolve(n);
      });
    };
    const first = keep("a", read);
    release();
    expect(await first).toBe(1);
    version = 2;
    now = 500;
    // A newer reading starts; meanwhile the last answer stands, for every request.
    expect(await keep("a", read)).toBe(1);
    expect(await keep("a", read)).toBe(1);
    expect(reads).toBe(2);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(await keep("a", read)).toBe(2);
    // Past its age no answer is given again: the request waits for the reading.
    version = 3;
    now = 3000;
    const late = keep("a", read);
    release();
    expect(await late).toBe(3);
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("answers kept on a PostgreSQL server until another writer's change notice", () => {
  const schemaName = `test_kept_answers_${process.pid}_${Date.now()}`;
  let server: Store;
  let writer: Store;
  afterAll(async () => {
    await server?.close();
    await writer?.close();
    if (serverUrl) await dropSchemas(serverUrl, [schemaName]);
  });

  it("answers a new event as soon as its notice comes, and a statement that sends none within SERVER_KEEP_MS", async () => {
    server = await openStore({ url: serverUrl, schemaName });
    writer = await openStore({ url: serverUrl, schemaName }); // another process's store: its writes reach the server only by notice
    const places = defaultPlaceResolver();
    const app = buildServer({ store: server, places, limits: { perAddress: false, maxEventLoopDelayMs: false } });
    await app.ready(); // listening
    const listed = async () => ((await app.inject({ url: "/api/events?limit=100" })).json() as { events: unknown[] }).events.length;
    try {
      // Warm the writer (its first statements, the extractor and the gazetteer) with a report that tells no event.
      await ingest(writer, [{ text: "A quiet night: nothing happened.", published: "2025-07-20", source: "a" }], { places });
      expect(await listed()).toBe(0);
      const readAt = Date.now();
      await ingest(writer, [{ text: "Two drones were shot down over the Kursk region overnight.", published: "2025-07-21", source: "a" }], {
        places,
      });
      let n = await listed();
      // (A pause between the askings: injected requests answered from memory never yield to the socket the notice comes by.)
      while (n === 0 && Date.now() - readAt < SERVER_KEEP_MS) {
        await new Promise((r) => setTimeout(r, 20));
        n = await listed();
      }
      expect(n, "the notice did not reach the server before the answer would have expired anyway").toBe(1);
      expect(Date.now() - readAt).toBeLessThan(SERVER_KEEP_MS);

      // A hand-made statement sends no notice: the kept answer stands, then expires.
      await writer.execute("UPDATE events SET state = 'withdrawn'");
      const updatedAt = Date.now();
      expect(await listed()).toBe(1);
      while (Date.now() - updatedAt < SERVER_KEEP_MS + 200) await new Promise((r) => setTimeout(r, 100));
      expect(await listed()).toBe(0);
    } finally {
      await app.close();
    }
  }, 60_000);
});
