// Scale-out on a real PostgreSQL (TEST_DATABASE_URL): reports queued once, worked off by two
// workers sharing the queue, each stored exactly once.
import { describe, expect, it } from "vitest";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { openReportQueue } from "../../src/queue/report-queue.js";
import { openStore } from "../../src/store/database.js";
import { dropSchemas } from "../helpers/drop-schemas.js";

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("report queue on PostgreSQL", () => {
  it("lets two workers share the queue without losing or duplicating a report", async () => {
    const schema = `test_q_${process.pid}_${Date.now()}`;
    const stores = [await openStore({ url, schemaName: schema }), await openStore({ url, schemaName: schema })];
    const queues = [
      await openReportQueue(url as string, { schema: `${schema}_boss`, batchSize: 5, pollingIntervalSeconds: 0.5 }),
      await openReportQueue(url as string, { schema: `${schema}_boss`, batchSize: 5, pollingIntervalSeconds: 0.5 }),
    ];
    try {
      const reports = Array.from({ length: 60 }, (_, i) => ({
        text: `${(i % 5) + 2} drones were shot down over the ${["Kursk", "Bryansk", "Tula", "Oryol", "Lipetsk"][i % 5]} region overnight. (${i})`,
        published: `2025-07-${String(10 + (i % 10)).padStart(2, "0")}`,
        url: `https://example.org/q/${i}`,
        source: "queue-test",
      }));
      await queues[0].enqueue(reports);
      await queues[0].enqueue(reports.slice(0, 10)); // the same reports again: stored once
      const worked = [0, 0];
      await Promise.all(queues.map((q, w) => q.work(stores[w], defaultPlaceResolver(), (_s, jobs) => (worked[w] += jobs))));
      const deadline = Date.now() + 60_000;
      while ((await queues[0].pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
      expect(await queues[0].pending()).toBe(0);
      expect(worked[0] + worked[1]).toBe(70);
      expect(worked[0]).toBeGreaterThan(0);
      expect(worked[1]).toBeGreaterThan(0);
      const [row] = await stores[0].execute("SELECT count(*)::int AS reports, count(DISTINCT natural_key)::int AS keys FROM reports");
      expect(row).toEqual({ reports: 60, keys: 60 });
      const [claims] = await stores[0].execute("SELECT count(*)::int AS n FROM claims");
      const [incidents] = await stores[0].execute("SELECT count(*)::int AS n FROM incidents WHERE current");
      expect(claims.n).toBe(incidents.n);
    } finally {
      for (const q of queues) await q.stop();
      for (const s of stores) await s.close();
      await dropSchemas(url as string, [schema, `${schema}_boss`]);
    }
  }, 120_000);

  it("makes serve queue submissions when it has a queue", async () => {
    const { buildServer } = await import("../../src/api/server.js");
    const schema = `test_qs_${process.pid}_${Date.now()}`;
    const store = await openStore({ url, schemaName: schema });
    const queue = await openReportQueue(url as string, { schema: `${schema}_boss` });
    const app = buildServer({ store, queue, openWrites: true });
    try {
      const res = await app.inject({
        method: "POST",
        url: "/api/reports",
        payload: [{ text: "Two drones were shot down over the Kursk region." }, { text: "A drone hit a car in Belgorod." }],
      });
      expect(res.statusCode).toBe(202);
      // Each queued report's id is known at once (reserved; the worker stores it under that id).
      expect(res.json()).toMatchObject({ queued: 2, duplicates: 0, job: null, status: null });
      expect(res.json().reports).toEqual([
        expect.objectContaining({ index: 0, status: "queued", reportId: expect.any(Number) }),
        expect.objectContaining({ index: 1, status: "queued", reportId: expect.any(Number) }),
      ]);
      expect(await queue.pending()).toBe(2);
    } finally {
      await app.close();
      await queue.stop();
      await store.close();
      await dropSchemas(url as string, [schema, `${schema}_boss`]);
    }
  }, 60_000);
});
