// A slow client of a large export on the embedded store (one query at a time): it reads 16 kB of
// /api/export.csv (6 MB) every 100 ms, and /api/health, asked again and again meanwhile, is answered
// while the export is still under way — the export runs page by page (each page a short query) as
// the connection takes them, so once the sockets' buffers are full it writes no faster than the
// client reads (backpressure). The health latencies are printed, never asserted (the machine is
// shared); the export arrives whole.

import { mkdtempSync } from "node:fs";
import { request } from "node:http";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { openStore, type Store } from "../../src/store/database.js";
import { addSyntheticEvents } from "../api/synthetic-events.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const EVENTS = 30_000;

describe("a slow client of a large export (PGlite)", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-slow-export-")), "db") });
    await addSyntheticEvents(store, EVENTS);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it("does not hold /api/health behind the export while the client reads slowly", async () => {
    const app = buildServer({ store, limits: { perAddress: false, maxEventLoopDelayMs: false } });
    // What the server wrote to the export's connection (the first one it accepts once armed).
    let armed = false;
    let exportSocket: Socket | null = null;
    app.server.on("connection", (socket: Socket) => {
      if (armed) exportSocket ??= socket;
    });
    const address = new URL(await app.listen({ host: "127.0.0.1", port: 0 }));
    const health = async () => {
      const t = performance.now();
      const res = await fetch(`${address.origin}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok", store: "pglite" });
      return performance.now() - t;
    };
    const summary = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return `p50 ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`;
    };
    try {
      // Without an export, for comparison.
      const idle: number[] = [];
      for (let n = 0; n < 20; n++) {
        idle.push(await health());
        await sleep(50);
      }
      let ended = false;
      let bytes = 0;
      let lines = 0;
      let hurry = () => {};
      // The slow client: uncompressed, one chunk of 16 kB per 100 ms (health's fetch keeps its own connection).
      armed = true;
      const exporting = new Promise<void>((resolve, reject) => {
        const req = request(
          { host: address.hostname, port: address.port, path: "/api/export.csv", headers: { "accept-encoding": "identity" } },
          (res) => {
            expect(res.statusCode).toBe(200);
            res.pause();
            const timer = setInterval(() => {
              const chunk = res.read(16_384) ?? res.read();
              if (chunk) count(chunk);
            }, 100);
            const count = (chunk: Buffer) => {
              bytes += chunk.length;
              lines += chunk.toString("latin1").split("\n").length - 1;
            };
            hurry = () => {
              clearInterval(timer);
              res.on("data", count);
              res.resume();
            };
            res.on("end", () => {
              clearInterval(timer);
              ended = true;
              resolve();
            });
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.end();
      });
      // First the server writes ahead as fast as it can, as much as the sockets' buffers take (a
      // few MB on loopback: tcp_wmem and tcp_rmem); health waits behind one page query at a time then.
      const aheadOf: number[] = [];
      let written = -1;
      const deadline = Date.now() + 60_000;
      while (!ended && Date.now() < deadline) {
        aheadOf.push(await health());
        const now = (exportSocket as Socket | null)?.bytesWritten ?? 0;
        // Then (past its first MB) it waits for the client: it writes no more than the client takes.
        if (now > 1_000_000 && now - written < 100_000) break;
        written = now;
        await sleep(200);
      }
      const buffered = ((exportSocket as Socket | null)?.bytesWritten ?? 0) - bytes;
      const latencies: number[] = [];
      for (let n = 0; n < 20 && !ended; n++) {
        latencies.push(await health());
        await sleep(50);
      }
      // Every one of them answered while the export was still being read.
      expect(ended).toBe(false);
      expect(latencies.length).toBe(20);
      // The slow client reads the rest at full speed now: the export is whole.
      hurry();
      await exporting;
      expect(lines).toBe(EVENTS + 1);
      // The server stayed within the sockets' buffers of what the client had read: backpressure.
      expect(buffered).toBeLessThan(40e6);
      console.log(
        `/api/health with a slow client of an export (${EVENTS} events, ${(bytes / 1e6).toFixed(1)} MB): ${summary(latencies)} over 20 requests ` +
          `once the server waits for the client (${(buffered / 1e6).toFixed(1)} MB in the sockets' buffers); while it fills them ${summary(aheadOf)} ` +
          `over ${aheadOf.length}; without an export ${summary(idle)}`,
      );
    } finally {
      await app.close();
    }
  }, 300_000);
});
