#!/usr/bin/env node
// npm run bench -- load: the server under load, as the issue measures it.
//  1. Footprint: `skywatch serve` on a first start (sample reports loaded) and a second start —
//     RSS idle and after the dashboard's requests — and the peak RSS of `skywatch ingest` of 1,500
//     reports into an empty store.
//  2. Load: 100 k events on PGlite and 1 M on PostgreSQL (synthetic rows, generated once and cached:
//     PGlite's directory under .bench-cache/load, PostgreSQL's as a template database), served by
//     scripts/bench/load-server.mjs (what serve builds, without the per-address rate limit), while
//     reports are ingested (POST /api/reports, 20 every 250 ms; on PostgreSQL worked off by one
//     `skywatch worker`); autocannon at 10 and 50 connections against each endpoint, with
//     /api/health asked every 100 ms meanwhile; p50/p95/p99, errors, health latency and RSS
//     before and after, printed as a table. Figures are printed, never asserted.
//
//   node scripts/bench/load.mjs [--pglite-events N] [--pg-events N] [--duration S] [--connections 10,50]
//                               [--only footprint,pglite,postgres] [--endpoints /api/events,/api/export.csv]
//   (DATABASE_URL or TEST_DATABASE_URL names the PostgreSQL server; without one that part is skipped)
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = (p) => join(root, "dist", p);
const CACHE = join(root, ".bench-cache", "load");
/** Bumped when the synthetic events change, so that an older cache is not reused. */
const GENERATION = 2;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const ENDPOINTS = [
  ["/api/events", "events, no filter"],
  ["/api/events?region=RU-BEL", "events, one region"],
  ["/api/events?sort=-killed", "events by casualties"],
  ["/api/events?q=Belgorod", "events, text search"],
  ["/api/stats/daily", "stats/daily (by=day)"],
  ["/api/stats/regions", "stats/regions"],
  ["/api/export.csv", "export.csv (whole store)"],
];
/**
 * The issue's aims per row (p95 of the endpoint; for the export, /api/health meanwhile): printed beside
 * each figure as met or not, never asserted. On PostgreSQL the list aims are for 1 M events.
 */
const AIMS = {
  "/api/events": { p95: 50 },
  "/api/events?region=RU-BEL": { p95: 50 },
  "/api/events?sort=-killed": { p95: 60 },
  "/api/events?q=Belgorod": { p95: 150 },
  "/api/stats/daily": { p95: 50 },
  "/api/export.csv": { healthP99: 100 },
};
/** Why an aim is not met where the cause is known (measured; see the notes of issue 15). */
const WHY_NOT = {
  PGlite:
    "PGlite runs one query at a time and its JavaScript protocol reader copies and decodes every field of a result " +
    "(~half the server's busy CPU in a profile of /api/events: a page of 100 events × 24 columns costs ~20 ms there for " +
    "a query PostgreSQL itself runs in ~1 ms), so at 10+ connections each request waits for the others' pages",
  PostgreSQL:
    "2 cores are shared by PostgreSQL, the server, the worker ingesting and autocannon itself: figures at 50 connections " +
    "measure that queue as much as the queries",
};

/** What the dashboard asks on a first visit. */
const DASHBOARD = [
  "/",
  "/api/events?limit=1000",
  "/api/stats/daily?by=day",
  "/api/stats/regions",
  // The small multiples: the six regions with most events, per day (src/web/api.ts regionDays).
  "/api/stats/daily?by=region&region=UA-63,RU-BEL,UA-12,RU-KRS,UA-59,RU-BRY",
  "/api/map/points",
  "/api/map/regions.geojson",
  "/api/sources",
];

function option(args, name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

/** VmRSS (now) and VmHWM (peak) of a process, MB. */
function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
    return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
  } catch {
    return { rss: Number.NaN, peak: Number.NaN };
  }
}
const mb = (x) => (Number.isFinite(x) ? `${Math.round(x)} MB` : "?");

/** Starts a process and resolves with it once a line of its output matches `ready` (the match is returned too). */
function start(args, { env = {}, ready }) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  return new Promise((resolveStart, reject) => {
    const onData = (d) => {
      log += d;
      const m = ready.exec(log);
      if (m) resolveStart({ child, match: m, log: () => log });
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", onData);
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited (${code}) before it was ready:\n${log.slice(-3000)}`)));
  });
}
async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(15_000).then(() => child.kill("SIGKILL"))]);
}

async function get(url) {
  const res = await fetch(url);
  await res.arrayBuffer();
  return res.status;
}

// ---------------------------------------------------------------------------------------------
// Reports and events

/** The sample reports made distinct (as in the workers bench), `from` on. */
function sampleReports(count, from = 0) {
  const samples = readFileSync(join(root, "data/sample/reports.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l))
    .filter((r) => r.id !== "uk-zaporizhzhia");
  const last = Date.UTC(2025, 11, 31);
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const { id: _id, ...r } = samples[i % samples.length];
    const published = new Date(last - Math.floor(i / samples.length) * 367 * 86_400_000).toISOString().slice(0, 10);
    return { ...r, published, url: `${r.url}?load=${i}`, text: `${r.text}\n(${i})` };
  });
}

/**
 * n synthetic live events in the shape of real ones: three years of days, every region, a
 * settlement for three in five, interceptions most often, casualties for one in ten. The
 * statistics summary is kept by the triggers on events, as for any write.
 */
async function fillEvents(execute, n) {
  const { regions } = JSON.parse(readFileSync(join(root, "data/gazetteer/regions.json"), "utf8"));
  const isos = regions.map((r) => r.iso);
  for (let at = 0; at < n; at += 100_000) {
    await execute(
      `INSERT INTO events (fusion_key, kind, weapon, country, region, settlement, date, lat, lon, geo_precision, count, killed, injured, targets, officials, sources, disagreements)
       SELECT 'bench|' || g, (ARRAY['interception','interception','interception','strike','strike','attack'])[1 + h % 6],
              (ARRAY['drone','drone','drone','missile','glide_bomb','artillery','unknown'])[1 + (h / 7) % 7],
              substr(r, 1, 2), r, CASE WHEN h % 5 < 3 THEN 'Place ' || (h % 400) END, DATE '2023-01-01' + (h / 11) % 1095,
              44 + (h % 1000) * 0.01, 30 + (h / 1000 % 1000) * 0.01, CASE WHEN h % 5 < 3 THEN 1 ELSE 3 END, 1 + h % 30,
              CASE WHEN h % 10 = 0 THEN (h / 13) % 6 END, CASE WHEN h % 10 < 2 THEN (h / 17) % 9 END,
              '[]'::jsonb, '["Bench"]'::jsonb, 1 + h % 3, '[]'::jsonb
       FROM generate_series($1::int, $2::int) AS g,
            LATERAL (SELECT abs(hashtext(g::text)) AS h) AS hh,
            LATERAL (SELECT ($3::text[])[1 + (h / 3) % $4] AS r) AS pick`,
      [at + 1, Math.min(n, at + 100_000), isos, isos.length],
    );
  }
}

/** The cached PGlite directory of n events (made on first use). */
async function pgliteCache(n) {
  const { openStore } = await import(dist("store/database.js"));
  const { foldDayStats } = await import(dist("api/day-stats.js"));
  const dir = join(CACHE, `pglite-${n}-v${GENERATION}`, "db");
  if (existsSync(join(dir, "..", "ready"))) return { dir, made: false };
  rmSync(join(dir, ".."), { recursive: true, force: true });
  mkdirSync(join(dir, ".."), { recursive: true });
  const t = Date.now();
  const store = await openStore({ dataDir: dir, command: "bench" });
  try {
    await fillEvents(store.execute, n);
    await foldDayStats(store.db, 0);
    await store.execute("VACUUM ANALYZE");
  } finally {
    await store.close();
  }
  writeFileSync(join(dir, "..", "ready"), `${new Date().toISOString()} ${n} events in ${Math.round((Date.now() - t) / 1000)} s\n`);
  return { dir, made: true, seconds: (Date.now() - t) / 1000 };
}

/** The cached PostgreSQL template database of n events (made on first use); a run gets a copy. */
async function postgresCache(serverUrl, n) {
  const { openStore } = await import(dist("store/database.js"));
  const { foldDayStats } = await import(dist("api/day-stats.js"));
  const name = `skywatch_bench_load_${n}_v${GENERATION}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const dbUrl = (db) => {
    const u = new URL(serverUrl);
    u.pathname = `/${db}`;
    return u.toString();
  };
  try {
    const { rows } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    let made = false;
    const t = Date.now();
    const ready = async () => {
      const c = new pg.Client({ connectionString: dbUrl(name) });
      await c.connect();
      try {
        return (await c.query("SELECT to_regclass('bench_ready') IS NOT NULL AS ok")).rows[0].ok;
      } finally {
        await c.end();
      }
    };
    if (!rows.length || !(await ready())) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      const store = await openStore({ url: dbUrl(name) });
      try {
        await fillEvents(store.execute, n);
        await foldDayStats(store.db, 0);
        await store.execute("VACUUM ANALYZE");
        await store.execute("CREATE TABLE bench_ready (at timestamptz DEFAULT now())");
      } finally {
        await store.close();
      }
      made = true;
    }
    const run = `skywatch_bench_load_run_${process.pid}`;
    await admin.query(`CREATE DATABASE ${run} TEMPLATE ${name}`);
    return {
      url: dbUrl(run),
      made,
      seconds: (Date.now() - t) / 1000,
      drop: async () => {
        const a = new pg.Client({ connectionString: serverUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${run} WITH (FORCE)`);
        await a.end();
      },
    };
  } finally {
    await admin.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Measuring

const percentile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : Number.NaN);

/** Asks /api/health every 100 ms until stopped; gives its latencies. */
function healthProbe(base) {
  const times = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      try {
        const status = await get(`${base}/api/health`);
        if (status !== 200) failures++;
      } catch {
        failures++;
      }
      times.push(performance.now() - t);
      await sleep(100);
    }
  })();
  return async () => {
    running = false;
    await loop;
    times.sort((a, b) => a - b);
    return {
      p50: percentile(times, 0.5),
      p99: percentile(times, 0.99),
      max: times[times.length - 1] ?? Number.NaN,
      failures,
      n: times.length,
    };
  };
}

/** POSTs 20 new reports every 250 ms until stopped. */
function ingestion(base) {
  let running = true;
  let sent = 0;
  let failed = 0;
  let next = 0;
  const loop = (async () => {
    while (running) {
      const batch = sampleReports(20, next);
      next += 20;
      try {
        const res = await fetch(`${base}/api/reports`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(batch),
        });
        await res.arrayBuffer();
        if (res.status < 300) sent += batch.length;
        else failed += batch.length;
      } catch {
        failed += batch.length;
      }
      await sleep(250);
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { sent, failed };
  };
}

/** The server's event-loop measurement (load-server.mjs): started now, read by the function returned. */
function loopMeasure(server) {
  server.child.kill("SIGUSR1");
  return async () => {
    const seen = server.log().length;
    server.child.kill("SIGUSR2");
    for (let waited = 0; waited < 5000; waited += 20) {
      const m = /loop (\{.*\})/.exec(server.log().slice(seen));
      if (m) return JSON.parse(m[1]);
      await sleep(20);
    }
    return null;
  };
}

async function scenario(base, path, connections, duration, server) {
  const autocannon = (await import("autocannon")).default;
  const readLoop = loopMeasure(server);
  const stopHealth = healthProbe(base);
  const times = [];
  const run = autocannon({ url: base, connections, duration, timeout: 30, requests: [{ method: "GET", path }] });
  run.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const result = await run;
  const health = await stopHealth();
  const loop = await readLoop();
  times.sort((a, b) => a - b);
  return {
    loop,
    cpuBusy: loop ? loop.cpu : null,
    rps: result.requests.average,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    errors: result.errors + result.timeouts + result.non2xx,
    shed: result["5xx"] ?? 0,
    health,
  };
}

function printTable(rows) {
  const head = [
    "backend",
    "endpoint",
    "conns",
    "req/s",
    "p50",
    "p95",
    "p99",
    "errors (5xx)",
    "health p50 / p99 / max",
    "loop held p99 / max",
    "aim",
  ];
  const ms = (x) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : Math.round(x)} ms` : "?");
  const lines = rows.map((r) => [
    r.backend,
    r.label,
    String(r.connections),
    Math.round(r.rps).toString(),
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    `${r.errors} (${r.shed})`,
    `${ms(r.health.p50)} / ${ms(r.health.p99)} / ${ms(r.health.max)}${r.health.failures ? `, ${r.health.failures} failed` : ""}`,
    r.loop ? `${ms(r.loop.p99)} / ${ms(r.loop.max)}` : "?",
    aimText(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(fmt(head));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const l of lines) console.log(fmt(l));
  const missed = rows.filter((r) => aimMet(r) === false);
  for (const backend of new Set(missed.map((r) => r.backend))) {
    const why = Object.entries(WHY_NOT).find(([name]) => backend.startsWith(name))?.[1];
    const which = missed.filter((r) => r.backend === backend).map((r) => `${r.label} at ${r.connections}`);
    console.log(`  not met on ${backend}: ${which.join("; ")}${why ? `. Why: ${why}.` : "."}`);
    // Measured in this run: a request can be answered no sooner than the event loop is free.
    for (const r of missed.filter((x) => x.backend === backend && x.loop))
      console.log(
        `    ${r.label} at ${r.connections}: the server's event loop was held up to ${ms(r.loop.max)} at a time (p99 ${ms(r.loop.p99)}), its process ${Math.round(100 * r.cpuBusy)}% of a core busy${r.loop.waitedShare == null ? "" : `, its main thread ${Math.round(100 * r.loop.waitedShare)}% of the time waiting for a core (the machine's other processes)`}`,
      );
  }
}

/** Whether a row meets its aim (undefined: the row has none). */
function aimMet(r) {
  const aim = AIMS[r.path];
  if (!aim) return undefined;
  if (aim.p95 !== undefined) return r.p95 < aim.p95 && r.errors === 0;
  return r.health.p99 < aim.healthP99 && !r.health.failures;
}

function aimText(r) {
  const aim = AIMS[r.path];
  if (!aim) return "";
  const what = aim.p95 !== undefined ? `p95 < ${aim.p95} ms` : `health p99 < ${aim.healthP99} ms`;
  return `${what}: ${aimMet(r) ? "met" : "NOT met"}`;
}

async function dashboardVisit(base) {
  for (const path of DASHBOARD) await get(`${base}${path}`);
}

// ---------------------------------------------------------------------------------------------
// Parts

async function footprint() {
  console.log("footprint (RSS of the real commands)");
  const data = mkdtempSync(join(tmpdir(), "skywatch-bench-footprint-"));
  try {
    for (const which of ["first start (sample loaded)", "second start"]) {
      const t = Date.now();
      const { child, match } = await start([join(root, "bin/skywatch.js"), "serve", "--data", data, "--port", "0"], {
        ready: /serving on (http:\/\/\S+)/,
      });
      const startMs = Date.now() - t;
      await sleep(1500);
      const idle = memory(child.pid);
      await dashboardVisit(match[1]);
      await dashboardVisit(match[1]);
      const after = memory(child.pid);
      await stop(child);
      console.log(
        `  serve, ${which.padEnd(27)} ready in ${(startMs / 1000).toFixed(1)} s; RSS idle ${mb(idle.rss)} (peak so far ${mb(idle.peak)}), after the dashboard's requests ${mb(after.rss)}   (target < 250 MB idle)`,
      );
    }
    const file = join(data, "reports.jsonl");
    writeFileSync(
      file,
      `${sampleReports(1500)
        .map((r) => JSON.stringify(r))
        .join("\n")}\n`,
    );
    const store = join(data, "ingest-store");
    const child = spawn(process.execPath, [join(root, "bin/skywatch.js"), "ingest", "--data", store, file], {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr.on("data", () => {});
    let peak = 0;
    const t = Date.now();
    const poll = setInterval(() => {
      const m = memory(child.pid).peak;
      if (Number.isFinite(m)) peak = Math.max(peak, m);
    }, 50);
    const code = await new Promise((r) => child.once("exit", r));
    clearInterval(poll);
    console.log(
      `  ingest of 1,500 reports into an empty store: peak RSS ${mb(peak)} in ${((Date.now() - t) / 1000).toFixed(1)} s (exit ${code})   (target < 400 MB)`,
    );
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

async function underLoad(backend, serverArgs, env, connectionsList, duration, workerEnv, endpoints = ENDPOINTS) {
  const server = await start([join(root, "scripts/bench/load-server.mjs"), ...serverArgs], {
    env,
    ready: /listening on (http:\/\/\S+)/,
  });
  const { child, match } = server;
  const base = match[1];
  const workers = [];
  try {
    if (workerEnv)
      workers.push(
        (
          await start([join(root, "bin/skywatch.js"), "worker"], {
            env: { ...workerEnv, SKYWATCH_COLLECT: "0" },
            ready: /waiting for reports/,
          })
        ).child,
      );
    await sleep(1000);
    const before = memory(child.pid);
    await dashboardVisit(base);
    const afterDashboard = memory(child.pid);
    const stopIngest = ingestion(base);
    const rows = [];
    for (const connections of connectionsList)
      for (const [path, label] of endpoints) {
        rows.push({ backend, label, path, connections, ...(await scenario(base, path, connections, duration, server)) });
        await sleep(500);
      }
    const ingested = await stopIngest();
    const after = memory(child.pid);
    printTable(rows);
    console.log(
      `  ${backend}: server RSS idle ${mb(before.rss)}, after the dashboard's requests ${mb(afterDashboard.rss)}, after the load ${mb(after.rss)} (peak ${mb(after.peak)}); ${ingested.sent} reports ingested meanwhile${ingested.failed ? `, ${ingested.failed} refused` : ""}`,
    );
  } finally {
    for (const w of workers) await stop(w);
    await stop(child);
  }
}

/** The rows of ENDPOINTS named by their paths (comma-separated; all when none is named). */
function endpointsOf(list) {
  if (!list) return ENDPOINTS;
  const wanted = list.split(",");
  const unknown = wanted.filter((p) => !ENDPOINTS.some(([path]) => path === p));
  if (unknown.length)
    throw new Error(`--endpoints: no row for ${unknown.join(", ")}; the rows are ${ENDPOINTS.map(([p]) => p).join(", ")}`);
  return ENDPOINTS.filter(([path]) => wanted.includes(path));
}

export async function benchLoad(args = []) {
  const only = option(args, "--only", "footprint,pglite,postgres").split(",");
  const duration = Number(option(args, "--duration", "8"));
  const connectionsList = option(args, "--connections", "10,50").split(",").map(Number);
  const pgliteEvents = Number(option(args, "--pglite-events", "100000"));
  const pgEvents = Number(option(args, "--pg-events", "1000000"));
  const endpoints = endpointsOf(option(args, "--endpoints", ""));
  console.log(
    `load (autocannon ${connectionsList.join(" and ")} connections, ${duration} s per row, ingestion and /api/health probes meanwhile; ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)} at the start)`,
  );
  if (only.includes("footprint")) await footprint();
  if (only.includes("pglite")) {
    const cache = await pgliteCache(pgliteEvents);
    console.log(
      `  PGlite, ${pgliteEvents.toLocaleString("en")} events: ${cache.made ? `generated in ${cache.seconds.toFixed(0)} s` : "cached"} (${cache.dir})`,
    );
    const copy = join(mkdtempSync(join(tmpdir(), "skywatch-bench-load-")), "db");
    cpSync(cache.dir, copy, { recursive: true });
    try {
      await underLoad(`PGlite ${pgliteEvents / 1000}k`, ["--data", copy], {}, connectionsList, duration, null, endpoints);
    } finally {
      rmSync(dirname(copy), { recursive: true, force: true });
    }
  }
  if (only.includes("postgres")) {
    const serverUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!serverUrl) console.log("  PostgreSQL: skipped (set DATABASE_URL or TEST_DATABASE_URL)");
    else {
      const db = await postgresCache(serverUrl, pgEvents);
      console.log(
        `  PostgreSQL, ${pgEvents.toLocaleString("en")} events: ${db.made ? `generated in ${db.seconds.toFixed(0)} s` : "cached (template database)"}`,
      );
      try {
        await underLoad(
          `PostgreSQL ${pgEvents >= 1e6 ? `${pgEvents / 1e6}M` : `${pgEvents / 1000}k`}`,
          [],
          { DATABASE_URL: db.url },
          connectionsList,
          duration,
          {
            DATABASE_URL: db.url,
          },
          endpoints,
        );
      } finally {
        await db.drop();
      }
    }
  }
}

const USAGE = `usage: node scripts/bench/load.mjs [--pglite-events N] [--pg-events N] [--duration S] [--connections 10,50] [--only footprint,pglite,postgres] [--endpoints PATH,...]
  footprint: RSS of serve (first and second start) and the ingest peak; pglite / postgres: autocannon per endpoint while reports are ingested
  (--endpoints: only the rows of these paths, e.g. /api/export.csv).
  Events are generated once and cached (.bench-cache/load for PGlite, a template database on PostgreSQL: DATABASE_URL or TEST_DATABASE_URL).`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--help")) console.log(USAGE);
  else await benchLoad(process.argv.slice(2));
}
