// A worker takes a job as it arrives (NOTIFY from enqueue), not at its next poll: on a real
// PostgreSQL (TEST_DATABASE_URL), with the idle poll set to 30 s, each of several reports queued one
// at a time is started within 200 ms of its insert, as pg-boss's own timestamps (the database's
// clock) record it.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { openReportQueue, REPORT_QUEUE } from "../../src/queue/report-queue.js";
import { openStore } from "../../src/store/database.js";
import { dropSchemas } from "../helpers/drop-schemas.js";

const url = process.env.TEST_DATABASE_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!url)("a worker on PostgreSQL", () => {
  it("picks up a job within 200 ms of its insert, without waiting for a poll", async () => {
    const schema = `test_pickup_${process.pid}_${Date.now()}`;
    const boss = `${schema}_boss`;
    const store = await openStore({ url, schemaName: schema });
    const producer = await openReportQueue(url as string, { schema: boss });
    const worker = await openReportQueue(url as string, { schema: boss, pollingIntervalSeconds: 30 });
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      let batches = 0;
      await worker.work(store, defaultPlaceResolver(), () => batches++);
      // The worker's first look finds nothing; from then on it waits (30 s poll) for a notice.
      await sleep(1000);
      const delays: number[] = [];
      for (let n = 0; n < 5; n++) {
        await producer.enqueue([
          { text: `${n + 2} drones were shot down over the Kursk region overnight. (${n})`, published: "2025-07-10", source: "pickup" },
        ]);
        const deadline = Date.now() + 10_000;
        while (batches <= n && Date.now() < deadline) await sleep(10);
        expect(batches).toBe(n + 1);
        const { rows } = await db.query(
          `SELECT extract(epoch FROM started_on - created_on) * 1000 AS ms FROM "${boss}".job WHERE name = $1 AND data->>'source' = 'pickup' AND data->>'text' LIKE $2`,
          [REPORT_QUEUE, `%(${n})`],
        );
        delays.push(Number(rows[0].ms));
        await sleep(300);
      }
      expect(delays.length).toBe(5);
      for (const ms of delays) expect(ms).toBeLessThan(200);
      const [row] = await store.execute("SELECT count(*)::int AS n FROM reports");
      expect(row.n).toBe(5);
    } finally {
      await db.end();
      await worker.stop();
      await producer.stop();
      await store.close();
      await dropSchemas(url as string, [schema, boss]);
    }
  }, 60_000);
});
