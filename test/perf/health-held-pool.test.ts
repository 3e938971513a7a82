// /api/health on a PostgreSQL server (TEST_DATABASE_URL) while every connection of the store's pool
// is held: twelve statements that each sleep 6 s take the pool's connections and queue behind them,
// as slow exports and lists do under load. Health counts on a connection of its own (Store.aside)
// and keeps its counts for a moment, so it answers while the pool is held — a pooled `SELECT 1`
// asked at the start is not answered until the hold ends — and a write by another process is in
// its counts once they are SERVER_FRESH_MS old, still while the pool is held. The latencies are
// printed; the bound asserted (the median under 100 ms, every answer before the hold ends) is one
// that waiting for the pool could not meet.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { SERVER_FRESH_MS } from "../../src/api/health-counts.js";
import { buildServer } from "../../src/api/server.js";
import { openStore } from "../../src/store/database.js";
import { addSyntheticEvents } from "../api/synthetic-events.js";
import { dropSchemas } from "../helpers/drop-schemas.js";

const url = process.env.TEST_DATABASE_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HOLD_S = 6;
const EVENTS = 2000;

describe.skipIf(!url)("/api/health on PostgreSQL with the pool held", () => {
  it("answers from its own connection, not behind the pool's queries", async () => {
    const schema = `test_health_pool_${process.pid}_${Date.now()}`;
    const store = await openStore({ url, schemaName: schema });
    const other = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await other.connect();
    const app = buildServer({ store, limits: { perAddress: false, maxEventLoopDelayMs: false } });
    try {
      await addSyntheticEvents(store, EVENTS);
      const address = new URL(await app.listen({ host: "127.0.0.1", port: 0 }));
      const health = async () => {
        const t = performance.now();
        const res = await fetch(`${address.origin}/api/health`);
        expect(res.status).toBe(200);
        const body = (await res.json()) as { store: string; reports: number; events: number; countsAgeMs: number };
        return { ...body, ms: performance.now() - t };
      };

      // The pool held: twelve sleeps for its eight connections, then a pooled statement behind them.
      const holds = Array.from({ length: 12 }, () => store.execute(`SELECT pg_sleep(${HOLD_S})`));
      const heldSince = performance.now();
      for (let n = 0; ; n++) {
        const { rows } = await other.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = $1 AND state = 'active'", [
          `SELECT pg_sleep(${HOLD_S})`,
        ]);
        if (rows[0].n >= 8) break;
        expect(n, "the pool's connections never all slept").toBeLessThan(200);
        await sleep(10);
      }
      let poolFreedAt = Number.POSITIVE_INFINITY;
      const pooled = store.execute("SELECT 1").then(() => {
        poolFreedAt = performance.now();
      });

      // The first answer counts (on the connection apart), the next ones answer the kept counts.
      const answers = [await health()];
      expect(answers[0]).toMatchObject({ store: "postgres", reports: EVENTS, events: EVENTS, countsAgeMs: 0 });
      // Another process withdraws an event: once the counts are SERVER_FRESH_MS old, health counts again.
      await other.query("UPDATE events SET state = 'withdrawn' WHERE id = (SELECT max(id) FROM events)");
      const wroteAt = performance.now();
      while (performance.now() - heldSince < (HOLD_S - 1) * 1000) {
        answers.push(await health());
        await sleep(50);
      }
      const answeredAt = performance.now();
      await Promise.all([...holds, pooled]);

      const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
      const median = ms[Math.floor(ms.length / 2)];
      console.log(
        `/api/health with the pool held ${HOLD_S} s (${EVENTS} events): ${answers.length} answers, p50 ${median.toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(0)} ms (the first, counting: ${answers[0].ms.toFixed(0)} ms); a pooled SELECT 1 waited ${((poolFreedAt - heldSince) / 1000).toFixed(1)} s`,
      );
      // The pool was held the whole time: its statement came after every health answer.
      expect(poolFreedAt).toBeGreaterThan(answeredAt);
      expect(median).toBeLessThan(100);
      // The write of the other process was counted while the pool was held, after SERVER_FRESH_MS.
      const counted = answers.findIndex((a) => a.events === EVENTS - 1);
      expect(counted, "the withdrawal was never counted").toBeGreaterThan(0);
      expect(answers.slice(0, counted).every((a) => a.events === EVENTS)).toBe(true);
      // Until then health answered the kept counts, saying how old they were.
      expect(Math.max(...answers.slice(0, counted).map((a) => a.countsAgeMs))).toBeGreaterThanOrEqual(SERVER_FRESH_MS);
      expect(answeredAt - wroteAt).toBeGreaterThan(SERVER_FRESH_MS);
    } finally {
      await app.close();
      await other.end();
      await store.close();
      await dropSchemas(url as string, [schema]);
    }
  }, 120_000);
});
