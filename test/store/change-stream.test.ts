// On a real PostgreSQL (TEST_DATABASE_URL): an event a worker stores — another process's
// connection, not the server's — reaches an open /api/stream through LISTEN/NOTIFY within a second.
import { get } from "node:http";
import { describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { openReportQueue } from "../../src/queue/report-queue.js";
import { openStore } from "../../src/store/database.js";

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("the change stream on PostgreSQL", () => {
  it("streams a worker's insert to an open /api/stream within 1 s", async () => {
    const schema = `test_stream_${process.pid}_${Date.now()}`;
    const serving = await openStore({ url, schemaName: schema });
    const working = await openStore({ url, schemaName: schema });
    const queue = await openReportQueue(url as string, { schema: `${schema}_boss`, pollingIntervalSeconds: 0.5 });
    const app = buildServer({ store: serving, queue, openWrites: true });
    try {
      const address = await app.listen({ port: 0, host: "127.0.0.1" });
      const received = new Promise<{ at: number; data: Record<string, unknown> }>((resolve, reject) => {
        const req = get(`${address}/api/stream?region=RU-BRY`, (res) => {
          let buffer = "";
          res.on("data", (chunk) => {
            buffer += chunk;
            const m = buffer.match(/event: event\ndata: (.*)\n/);
            if (m) {
              resolve({ at: Date.now(), data: JSON.parse(m[1]) });
              req.destroy();
            }
          });
        });
        req.on("error", reject);
      });
      await new Promise((r) => setTimeout(r, 200));
      let stored = 0;
      const batchDone = new Promise<number>((resolve) => {
        queue.work(working, defaultPlaceResolver(), (summary) => {
          stored += summary.stored;
          if (stored) resolve(Date.now());
        });
      });
      const posted = await app.inject({
        method: "POST",
        url: "/api/reports",
        payload: { text: "Six drones were shot down over the Bryansk region overnight.", published: "2025-10-11", source: "stream" },
      });
      expect(posted.statusCode).toBe(202);
      const done = await batchDone;
      const notice = await Promise.race([
        received,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("nothing reached the stream within 1 s")), 1000)),
      ]);
      // The notice is sent at the worker's commit: it may arrive before the worker's own callback runs.
      expect(notice.at - done).toBeLessThan(1000);
      expect(notice.data).toMatchObject({ region: "RU-BRY", kind: "interception", date: "2025-10-11", change: "created", version: 1 });
      const [row] = await serving.execute("SELECT id FROM events WHERE region = 'RU-BRY'");
      expect(notice.data.id).toBe(row.id);
    } finally {
      await app.close();
      await queue.stop();
      await serving.execute(`DROP SCHEMA "${schema}" CASCADE`);
      await serving.execute(`DROP SCHEMA IF EXISTS "${schema}_boss" CASCADE`);
      await working.close();
      await serving.close();
    }
  }, 60_000);
});
