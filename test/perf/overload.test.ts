// An embedded store runs one query at a time: a read that would queue behind many waiting queries
// is answered 503 with Retry-After at once (load shedding); on a server, a read not answered within
// the time budget gets 503 instead of a longer wait; once the store is free again, reads answer.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { openStore, type Store } from "../../src/store/database.js";
import { dropSchemas } from "../helpers/drop-schemas.js";

describe("reads on a busy embedded store", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-overload-")), "db") });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it("sheds reads while many queries wait for the store, and serves them again after", async () => {
    const app = buildServer({ store, limits: { perAddress: false, requestBudgetMs: false, maxStoreWait: { ms: 60_000, queries: 10 } } });
    try {
      await app.ready();
      // PGlite runs queries one after the other (each blocks the process while it runs): 30 queued.
      const queued = Array.from({ length: 30 }, () => store.execute("SELECT pg_sleep(0.02)"));
      expect(store.backlog()?.waiting).toBe(30);
      const answers = await Promise.all(
        ["/api/events", "/api/stats/daily", "/api/health"].map((url) => app.inject({ method: "GET", url })),
      );
      for (const res of answers) {
        expect(res.statusCode).toBe(503);
        expect(res.headers["retry-after"]).toBe("2");
        expect(res.json()).toMatchObject({ code: "OVERLOADED" });
        expect(res.json().error).toMatch(/the store is busy \(\d+ queries waiting/);
      }
      await Promise.all(queued);
      expect(store.backlog()).toEqual({ waiting: 0, oldestMs: 0 });
      expect((await app.inject({ method: "GET", url: "/api/events" })).statusCode).toBe(200);
      // Writes and the live stream are never shed.
      const write = await app.inject({ method: "POST", url: "/api/reports", payload: { text: "x" } });
      expect(write.statusCode).not.toBe(503);
    } finally {
      await app.close();
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("reads on a busy PostgreSQL pool", () => {
  it("answers 503 with Retry-After when a read is not answered within its time budget", async () => {
    const url = process.env.TEST_DATABASE_URL as string;
    const schemaName = `test_budget_${process.pid}_${Date.now()}`;
    const store = await openStore({ url, schemaName });
    const app = buildServer({ store, limits: { perAddress: false, requestBudgetMs: 300, maxStoreWait: false } });
    try {
      // Every connection of the pool (8) busy for 1.5 s: the read waits for one.
      const held = Array.from({ length: 8 }, () => store.execute("SELECT pg_sleep(1.5)"));
      const res = await app.inject({ method: "GET", url: "/api/events" });
      expect(res.statusCode).toBe(503);
      expect(res.headers["retry-after"]).toBe("1");
      expect(res.json().error).toMatch(/no answer within 300 ms/);
      await Promise.all(held);
      expect((await app.inject({ method: "GET", url: "/api/events" })).statusCode).toBe(200);
    } finally {
      await app.close();
      await store.close();
      await dropSchemas(url, [schemaName]);
    }
  });
});
