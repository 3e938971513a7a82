#!/usr/bin/env node
// npm run bench -- workers: reports/s of `skywatch worker` processes on PostgreSQL, for 1, 2 and 4
// workers sharing one queue, and the scaling ratio. Each round gets a throwaway database of its
// own; the workers are started and ready before the reports are queued, and the clock runs from
// the first report queued to the queue empty. By default the sample reports made distinct and
// spread over the years (a dozen reports per place and day); --corpus generated takes the generated
// texts of the extraction bench (places from the whole gazetteer, ~15 incidents a report: heavier).
//
//   node scripts/bench/workers.mjs [--reports N] [--batch N] [--workers 1,2,4] [--corpus sample|generated] [--profile DIR] [--waits]
//   (--profile writes each worker's CPU profile, .cpuprofile, into DIR; --waits samples pg_stat_activity and
//   pg_locks every 20 ms and prints what the database's sessions waited on: row, advisory locks, I/O, the client)
//   (DATABASE_URL or TEST_DATABASE_URL names the server; figures are printed, never asserted)
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { generateReports } from "./generate-reports.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = (p) => join(root, "dist", p);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function option(args, name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

async function throwawayDatabase(serverUrl, prefix) {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Starts a worker process and resolves once it says it waits for reports. */
function startWorker(url, batch, profileDir) {
  const profile = profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
  const child = spawn(process.execPath, [...profile, join(root, "bin/skywatch.js"), "worker", "--batch", String(batch)], {
    env: { ...process.env, DATABASE_URL: url, SKYWATCH_COLLECT: "0" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  const ready = new Promise((resolveReady, reject) => {
    child.stderr.setEncoding("utf8").on("data", (d) => {
      log += d;
      if (log.includes("waiting for reports")) resolveReady();
    });
    child.once("exit", (code) => reject(new Error(`a worker exited (${code}) before it was ready:\n${log.slice(-2000)}`)));
  });
  return { child, ready, rss: () => peakRss(child.pid) };
}

/** The process's peak RSS in MB (VmHWM), where /proc has it. */
function peakRss(pid) {
  return import("node:fs")
    .then(({ readFileSync }) => {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      return m ? Number(m[1]) / 1024 : null;
    })
    .catch(() => null);
}

/** CPU seconds (user + system) a process has used, from /proc; null where /proc lacks it. */
function cpuSeconds(pid) {
  try {
    // The fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
/** Linux's USER_HZ, what /proc/<pid>/stat and /proc/stat count in. */
const CLOCK_TICKS = 100;

/** CPU seconds of every PostgreSQL server process on this machine (its backends included). */
function postgresCpuSeconds() {
  let sum = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("postgres")) continue;
    } catch {
      continue;
    }
    sum += cpuSeconds(pid) ?? 0;
  }
  return sum;
}

/** The machine's CPU time so far, busy and in all (seconds summed over its cores), from /proc/stat. */
function machineCpu() {
  try {
    const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
    const idle = ticks[3] + ticks[4];
    const all = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: (all - idle) / CLOCK_TICKS, all: all / CLOCK_TICKS };
  } catch {
    return null;
  }
}

/**
 * Samples what the database's sessions of `database` wait on, every `ms`, until stopped: the
 * contention between workers (row or advisory locks, I/O, the client) shows as wait events.
 */
function sampleWaits(serverUrl, database, ms = 20) {
  const client = new pg.Client({ connectionString: serverUrl });
  const counts = new Map();
  let samples = 0;
  let running = true;
  const done = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query(
        `SELECT a.state, coalesce(a.wait_event_type, 'CPU') AS type, coalesce(a.wait_event, '-') AS event,
            (SELECT l.locktype FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted LIMIT 1) AS lock,
            (SELECT string_agg(DISTINCT coalesce(b.wait_event_type || ':' || b.wait_event, b.state), ',') FROM pg_stat_activity b
              WHERE b.pid = ANY(pg_blocking_pids(a.pid))) AS holder,
            left(regexp_replace(a.query, '\\s+', ' ', 'g'), 60) AS query
          FROM pg_stat_activity a WHERE a.datname = $1 AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'`,
        [database],
      );
      samples++;
      for (const r of rows) {
        const what =
          r.state === "idle"
            ? "idle"
            : r.state === "idle in transaction"
              ? "idle in transaction (client working)"
              : `${r.type}:${r.event}${r.lock ? ` (${r.lock}, held by a session ${r.holder})` : ""} ${r.type === "Lock" ? r.query : ""}`.trim();
        counts.set(what, (counts.get(what) ?? 0) + 1);
      }
      await sleep(ms);
    }
    await client.end();
  })();
  return async () => {
    running = false;
    await done;
    return { samples, counts: [...counts].sort((a, b) => b[1] - a[1]) };
  };
}

/**
 * Where the round's CPU went: the workers' and PostgreSQL's seconds, and how busy the machine's
 * cores were meanwhile (every process counted, the load generator and other work included).
 */
function cpuUsed(before, children) {
  const after = machineCpu();
  const workers = children.reduce((sum, c, i) => sum + ((cpuSeconds(c.child.pid) ?? 0) - (before.workers[i] ?? 0)), 0);
  const cores = availableParallelism();
  const busy = before.machine && after ? (after.busy - before.machine.busy) / ((after.all - before.machine.all) / cores) : null;
  return { workers, postgres: postgresCpuSeconds() - before.postgres, busyCores: busy, cores };
}

async function round(serverUrl, workers, reports, batch, profileDir, sample) {
  const { openStore } = await import(dist("store/database.js"));
  const { openReportQueue } = await import(dist("queue/report-queue.js"));
  const database = await throwawayDatabase(serverUrl, "skywatch_bench_workers");
  const children = [];
  try {
    // The schema and the queue exist before the workers start, as after a first `serve`.
    const store = await openStore({ url: database.url });
    await store.close();
    const queue = await openReportQueue(database.url);
    for (let w = 0; w < workers; w++) children.push(startWorker(database.url, batch, profileDir));
    await Promise.all(children.map((c) => c.ready));
    const stopSampling = sample ? sampleWaits(serverUrl, new URL(database.url).pathname.slice(1)) : null;
    const started = process.hrtime.bigint();
    const cpuBefore = { workers: children.map((c) => cpuSeconds(c.child.pid)), postgres: postgresCpuSeconds(), machine: machineCpu() };
    for (let at = 0; at < reports.length; at += 500) await queue.enqueue(reports.slice(at, at + 500));
    const deadline = Date.now() + 30 * 60_000;
    let pending = await queue.pending();
    while (pending > 0 && Date.now() < deadline) {
      await sleep(50);
      pending = await queue.pending();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = cpuUsed(cpuBefore, children);
    const waits = stopSampling ? await stopSampling() : null;
    const rss = await Promise.all(children.map((c) => c.rss()));
    const check = new pg.Client({ connectionString: database.url });
    await check.connect();
    const { rows } = await check.query(
      `SELECT (SELECT count(*) FROM reports)::int AS reports, (SELECT count(*) FROM events)::int AS events,
        (SELECT count(*) FROM incidents i WHERE i.current AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.incident_id = i.id))::int AS unfused`,
    );
    await check.end();
    await queue.stop();
    return { seconds, pending, rss, waits, cpu, ...rows[0] };
  } finally {
    for (const c of children) c.child.kill("SIGTERM");
    await Promise.all(children.map((c) => new Promise((r) => (c.child.exitCode !== null ? r() : c.child.once("exit", r)))));
    await database.drop();
  }
}

/**
 * The sample reports (data/sample, a dozen real-shaped texts of a few incidents each), made
 * distinct, as in the issue's measurement and the ingest bench. Each round of the dozen is
 * published a year and two days before the last, because half of them name their day ("on
 * 21 August"), which resolves within the year of publication: so each place and day is told by
 * one round of reports, as in a feed, instead of every report piling onto the same few days.
 * (The one text with an undated incident is left out.)
 */
function sampleReports(count) {
  const samples = readFileSync(join(root, "data/sample/reports.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l))
    // Its undated incident joins the undated ones of its region, of any year: one place and
    // "day" that every copy of it would lock and fuse again (a hot spot of its own, see the README).
    .filter((r) => r.id !== "uk-zaporizhzhia");
  const last = Date.UTC(2025, 11, 31);
  return Array.from({ length: count }, (_, i) => {
    const { id: _id, ...r } = samples[i % samples.length];
    const published = new Date(last - Math.floor(i / samples.length) * 367 * 86_400_000).toISOString().slice(0, 10);
    return { ...r, published, url: `${r.url}?bench=${i}`, text: `${r.text}\n(${i})` };
  });
}

/** Generated reports (generate-reports.mjs): distinct texts naming places from the whole gazetteer, ~15 incidents each. */
function generatedReports(count) {
  // Enough text for `count` distinct reports (about 2.3 kB each), cut to the count.
  const { reports } = generateReports({ seed: 7, megabytes: Math.max(0.5, (count * 2.8) / 1024) });
  if (reports.length < count) throw new Error(`the generator gave ${reports.length} reports, fewer than --reports ${count}`);
  return reports.slice(0, count).map(({ text, meta }) => ({
    text,
    published: meta.published,
    url: meta.url,
    title: meta.title,
    language: meta.language,
    source: "bench",
  }));
}

export async function benchWorkers(args = []) {
  const serverUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  console.log(
    `workers (skywatch worker processes on PostgreSQL, one queue; load average ${(await import("node:os")).loadavg()[0].toFixed(1)} at the start)`,
  );
  if (!serverUrl) {
    console.log("  skipped: set DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server");
    return;
  }
  const count = Number(option(args, "--reports", "3000"));
  const batch = Number(option(args, "--batch", "100"));
  const counts = option(args, "--workers", "1,2,4").split(",").map(Number);
  const corpus = option(args, "--corpus", "sample");
  const reports = corpus === "generated" ? generatedReports(count) : sampleReports(count);
  const results = [];
  for (const workers of counts) {
    const r = await round(serverUrl, workers, reports, batch, option(args, "--profile", null), args.includes("--waits"));
    results.push({ workers, ...r });
    const rate = count / r.seconds;
    console.log(
      `  ${String(workers).padStart(2)} worker${workers > 1 ? "s" : " "}  ${Math.round(rate).toString().padStart(5)} reports/s  (${Math.round(rate / workers)} per worker; ${count} reports in ${r.seconds.toFixed(1)} s, batch ${batch}, ${corpus} corpus; ${r.reports} stored, ${r.events} events${r.pending ? `, ${r.pending} NOT DONE` : ""}${r.unfused ? `, ${r.unfused} INCIDENTS IN NO EVENT` : ""}; peak RSS ${r.rss.map((m) => (m ? `${Math.round(m)}` : "?")).join("/")} MB)`,
    );
    if (r.cpu)
      console.log(
        `     CPU per report: workers ${((1000 * r.cpu.workers) / count).toFixed(2)} ms, PostgreSQL ${((1000 * r.cpu.postgres) / count).toFixed(2)} ms; the machine's ${r.cpu.cores} cores busy ${r.cpu.busyCores === null ? "?" : `${r.cpu.busyCores.toFixed(2)} (${Math.round((100 * r.cpu.busyCores) / r.cpu.cores)}%, every process counted)`}`,
      );
    if (r.waits) {
      // Session-samples: each sample counts every session of the database once.
      console.log(`     what the sessions did (${r.waits.samples} samples every 20 ms; session-samples):`);
      for (const [what, n] of r.waits.counts.slice(0, 12)) console.log(`       ${String(n).padStart(6)}  ${what}`);
    }
  }
  const one = results.find((r) => r.workers === 1);
  if (one)
    for (const r of results.filter((x) => x.workers > 1))
      console.log(
        `  scaling 1 → ${r.workers}: ×${(one.seconds / r.seconds).toFixed(2)} (linear would be ×${r.workers}; this machine has ${availableParallelism()} cores, shared with PostgreSQL)`,
      );
  // Why scaling stops, measured: the cores were already busy with one worker, or the work per report grew.
  if (one?.cpu?.busyCores != null) {
    const perReport = (r) => (r.cpu.workers + r.cpu.postgres) / count;
    const more = results.filter((x) => x.workers > 1 && x.cpu);
    console.log(
      `  why: with 1 worker the machine's cores were ${Math.round((100 * one.cpu.busyCores) / one.cpu.cores)}% busy; CPU per report (workers + PostgreSQL) ${(1000 * perReport(one)).toFixed(2)} ms with 1 worker${more.map((r) => `, ${(1000 * perReport(r)).toFixed(2)} ms with ${r.workers}`).join("")}` +
        (one.cpu.busyCores / one.cpu.cores > 0.85
          ? " — the cores are the limit: more workers share the same CPU (linear scaling needs a core per worker and PostgreSQL's own)"
          : " — cores were free: what the workers wait on is in --waits") +
        more
          .filter((r) => perReport(r) > 1.15 * perReport(one))
          .map(
            (r) =>
              `; with ${r.workers} each report cost ×${(perReport(r) / perReport(one)).toFixed(2)} the CPU (each worker process warms up on its own, and contention shows in --waits)`,
          )
          .join(""),
    );
  }
}

const USAGE = `usage: node scripts/bench/workers.mjs [--reports N] [--batch N] [--workers 1,2,4] [--corpus sample|generated] [--profile DIR] [--waits]
  reports/s of skywatch worker processes on PostgreSQL (DATABASE_URL or TEST_DATABASE_URL), each round in a throwaway database.`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--help")) console.log(USAGE);
  else await benchWorkers(process.argv.slice(2));
}
