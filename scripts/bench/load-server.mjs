#!/usr/bin/env node
// The server of the load benchmark, in a process of its own (so that its RSS is the server's):
// what `skywatch serve` builds — store, gazetteer, dashboard, API, with a queue for workers on
// PostgreSQL — but without the per-address rate limit (every request of the benchmark comes from
// 127.0.0.1) and with open writes for the ingestion that runs meanwhile.
//
//   node scripts/bench/load-server.mjs --data DIR       (embedded PGlite in DIR)
//   DATABASE_URL=postgres://… node scripts/bench/load-server.mjs
// Prints "listening on URL" once it answers; stops on SIGTERM.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = (p) => join(root, "dist", p);
const { openStore } = await import(dist("store/database.js"));
const { buildServer } = await import(dist("api/server.js"));
const { defaultPlaceResolver } = await import(dist("geo/resolver.js"));
const { openReportQueue } = await import(dist("queue/report-queue.js"));

const args = process.argv.slice(2);
const dataDir = args.includes("--data") ? args[args.indexOf("--data") + 1] : null;
const url = process.env.DATABASE_URL ?? null;
if (!dataDir && !url) throw new Error("give --data DIR (PGlite) or DATABASE_URL (PostgreSQL)");
const store = await openStore(url ? { url } : { dataDir, command: "bench" });
const places = defaultPlaceResolver();
const queue = url ? await openReportQueue(url) : null;
const app = buildServer({
  store,
  places,
  queue,
  openWrites: true,
  webRoot: join(root, "dist", "web"),
  limits: { perAddress: false, writesPerKey: false },
});
const address = await app.listen({ port: 0, host: "127.0.0.1" });
console.log(`listening on ${address}`);
await new Promise((r) => process.once("SIGTERM", r));
await app.close();
await queue?.stop();
await store.close();
