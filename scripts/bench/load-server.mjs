#!/usr/bin/env node
import { readFileSync } from "node:fs";
// The server of the load benchmark, in a process of its own (so that its RSS is the server's):
// what `skywatch serve` builds — store, gazetteer, dashboard, API, with a queue for workers on
// PostgreSQL — but without the per-address rate limit (every request of the benchmark comes from
// 127.0.0.1) and with open writes for the ingestion that runs meanwhile.
//
//   node scripts/bench/load-server.mjs --data DIR       (embedded PGlite in DIR)
//   DATABASE_URL=postgres://… node scripts/bench/load-server.mjs
// Prints "listening on URL" once it answers; stops on SIGTERM. SIGUSR1 starts a measurement of how
// long the event loop is held at a time (what delays every request, /api/health's too), SIGUSR2
// prints it as a line "loop {p50, p99, max (ms), cpu (cores busy on average), waitedShare (of the
// time, how long its main thread waited for a core: the machine's other work)}".
import { dirname, join, resolve } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
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
// 10 ms resolution: finer than the aims (100 ms), coarse enough to cost nothing.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
/** Seconds this process's threads have waited for a core (Linux schedstat: run-queue time), or null. */
function waitedForCore() {
  try {
    return Number(readFileSync("/proc/self/schedstat", "utf8").split(" ")[1]) / 1e9;
  } catch {
    return null;
  }
}
let cpuAtReset = process.cpuUsage();
let waitedAtReset = waitedForCore();
let resetAt = performance.now();
process.on("SIGUSR1", () => {
  loop.reset();
  cpuAtReset = process.cpuUsage();
  waitedAtReset = waitedForCore();
  resetAt = performance.now();
});
process.on("SIGUSR2", () => {
  const ms = (ns) => Math.max(0, ns / 1e6 - 10);
  const cpu = process.cpuUsage(cpuAtReset);
  const waited = waitedForCore();
  const seconds = (performance.now() - resetAt) / 1000;
  const waitedShare = waited !== null && waitedAtReset !== null ? (waited - waitedAtReset) / seconds : null;
  console.log(
    `loop ${JSON.stringify({ p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max), cpu: (cpu.user + cpu.system) / 1e6 / seconds, waitedShare })}`,
  );
});
console.log(`listening on ${address}`);
await new Promise((r) => process.once("SIGTERM", r));
await app.close();
await queue?.stop();
await store.close();
