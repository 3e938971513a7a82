// Re-extraction on an embedded store (one query at a time) runs in slices, each its own short
// transaction, and yields between reports: /api/health, asked over HTTP again and again while a
// run re-reads a few hundred reports, is answered between the slices, not after the run. The
// latencies are printed (npm run bench measures them), never asserted.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { EMBEDDED_SLICE, reextract } from "../../src/ingest/reextract.js";
import { openStore, type Store } from "../../src/store/database.js";

const places = defaultPlaceResolver();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("re-extraction on an embedded store", () => {
  let store: Store;
  const total = 300;
  beforeAll(async () => {
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-rx-slices-")), "db") });
    const samples = readFileSync(join(__dirname, "..", "..", "data", "sample", "reports.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    // The sample's dozen texts, each round of them a year and two days apart (places and days of their own).
    const last = Date.UTC(2025, 11, 31);
    const reports = Array.from({ length: total }, (_, i) => {
      const { id: _id, ...r } = samples[i % samples.length];
      const published = new Date(last - Math.floor(i / samples.length) * 367 * 86_400_000).toISOString().slice(0, 10);
      return { ...r, published, url: `${r.url}?slices=${i}`, text: `${r.text}\n(${i})` };
    });
    await ingest(store, reports, { places });
    // As if an older extractor had read every third figure one higher: those reports' places and days are fused again.
    await store.execute("UPDATE incidents SET count = count + 1 WHERE count IS NOT NULL AND id % 3 = 0");
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it("answers /api/health between its slices of reports", async () => {
    const app = buildServer({ store, limits: { perAddress: false } });
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    const order: string[] = [];
    const latencies: number[] = [];
    const slices: number[] = [];
    try {
      let running = true;
      const asking = (async () => {
        while (running) {
          const t = performance.now();
          const res = await fetch(`${address}/api/health`);
          expect(res.status).toBe(200);
          await res.json();
          latencies.push(performance.now() - t);
          order.push("health");
          await sleep(10);
        }
      })();
      const summary = await reextract(store, {
        places,
        version: "test-slices",
        batchSize: 100,
        onProgress: (done) => {
          slices.push(done);
          order.push("slice");
        },
      });
      running = false;
      await asking;
      expect(summary.reports).toBe(total);
      expect(summary.events.updated).toBeGreaterThan(0);
      // Slices of at most EMBEDDED_SLICE reports, whatever the batch asked.
      expect(slices.length).toBe(Math.ceil(total / EMBEDDED_SLICE));
      expect(slices[0]).toBe(EMBEDDED_SLICE);
      // Health was answered while the run went on: between its first and its last slice.
      const first = order.indexOf("slice");
      const lastSlice = order.lastIndexOf("slice");
      const between = order.slice(first, lastSlice).filter((x) => x === "health").length;
      expect(between).toBeGreaterThan(0);
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))].toFixed(0);
      console.log(
        `/api/health during reextract of ${total} reports (slices of ${EMBEDDED_SLICE}): ${latencies.length} answers, ${between} between slices; p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`,
      );
    } finally {
      await app.close();
    }
  }, 120_000);
});
