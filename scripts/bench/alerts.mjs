#!/usr/bin/env node
// npm run bench -- alerts: latency from a report accepted by POST /api/reports to its webhook
// alert received by a local receiver (signed, checked), p50 and p95 over N reports sent one at a
// time, each a new event. On embedded PGlite (in-process server and dispatcher: the POST answers
// 201 once stored) and — with DATABASE_URL or TEST_DATABASE_URL — on PostgreSQL with `serve` and
// two `worker` processes (the POST answers 202 once queued; a worker stores it, and whichever
// dispatcher of the three takes the delivery sends it). Nothing is asserted.
//
//   node scripts/bench/alerts.mjs [--reports 40]
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = (p) => join(root, "dist", p);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const option = (args, name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (v) => `${v.toFixed(0)} ms`;

/** A receiver that resolves the waiter of each event date when its signed alert arrives. */
async function receiver(verify) {
  const waiting = new Map();
  const state = { secret: null, bad: 0, requests: 0 };
  const server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (c) => {
      raw += c;
    });
    req.on("end", () => {
      const at = performance.now();
      state.requests++;
      res.writeHead(200).end("ok");
      if (!verify(req.headers["skywatch-signature"], state.secret, raw)) state.bad++;
      const body = JSON.parse(raw);
      const done = waiting.get(body.event?.date);
      if (done && body.type === "event.created") done(at);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    state,
    expect: (date) => new Promise((r) => waiting.set(date, r)),
    close: () => new Promise((r) => server.close(r)),
  };
}

const day = (i) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const report = (i) => ({
  text: `В Шебекино беспилотник ударил по зданию администрации, ранены двое, сообщил губернатор Вячеслав Гладков. (${i})`,
  published: day(i),
  source: "bench-alerts",
});

const line = (label, { answered, sent }, extra) =>
  console.log(
    `alerts ${label}: report accepted → webhook received p50 ${ms(quantile(answered, 0.5))}, p95 ${ms(quantile(answered, 0.95))} ` +
      `(POST sent → received p50 ${ms(quantile(sent, 0.5))}, p95 ${ms(quantile(sent, 0.95))}; ${answered.length} reports${extra})`,
  );

async function benchPglite(n, verify) {
  const { openStore } = await import(dist("store/database.js"));
  const { buildServer } = await import(dist("api/server.js"));
  const { AlertDispatcher } = await import(dist("alerts/dispatcher.js"));
  const { defaultPlaceResolver } = await import(dist("geo/resolver.js"));
  const store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-bench-alerts-")), "db") });
  const places = defaultPlaceResolver();
  const app = buildServer({ store, places, openWrites: true, alerts: { allowPrivate: true } });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const hook = await receiver(verify);
  const dispatcher = new AlertDispatcher(store, { places, allowPrivate: true, publicUrl: base });
  dispatcher.start();
  try {
    const sub = await (
      await fetch(`${base}/api/subscriptions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ channel: "webhook", url: hook.url, filter: { regions: ["RU-BEL"] } }),
      })
    ).json();
    hook.state.secret = sub.secret;
    await measureFrom(base, hook, 0, 3, 201); // warm-up: extractor memos, first queries
    const measured = await measureFrom(base, hook, 3, n, 201);
    line("on PGlite (serve in-process)", measured, hook.state.bad ? `; ${hook.state.bad} BAD SIGNATURES` : "; every signature valid");
  } finally {
    await dispatcher.stop();
    await app.close();
    await hook.close();
    await store.close();
  }
}

/** Posts reports from..from+n one after another (each a new event, by its date); per report, POST answered → alert received, and POST sent → received. */
async function measureFrom(base, hook, from, n, expectStatus) {
  const answered = [];
  const sent = [];
  for (let i = from; i < from + n; i++) {
    const arrived = hook.expect(day(i));
    const t0 = performance.now();
    const res = await fetch(`${base}/api/reports`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(report(i)),
    });
    const t1 = performance.now();
    if (res.status !== expectStatus) throw new Error(`POST /api/reports answered ${res.status}: ${await res.text()}`);
    const at = await Promise.race([arrived, sleep(30_000).then(() => null)]);
    if (at === null) throw new Error(`no alert for report ${i} within 30 s`);
    answered.push(Math.max(0, at - t1));
    sent.push(at - t0);
  }
  return { answered, sent };
}

function start(args, env) {
  const child = spawn(process.execPath, [join(root, "bin", "skywatch.js"), ...args], {
    env: { ...process.env, SKYWATCH_COLLECT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (c) => {
    log += c;
  });
  child.stderr.on("data", (c) => {
    log += c;
  });
  return { child, log: () => log };
}

async function benchPostgres(serverUrl, n, verify) {
  const name = `skywatch_bench_alerts_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString(), SKYWATCH_ALLOW_PRIVATE_URLS: "1" };
  const data = mkdtempSync(join(tmpdir(), "skywatch-bench-alerts-pg-"));
  const procs = [start(["serve", "--port", "0", "--no-sample", "--open-writes", "--data", data], env)];
  procs.push(start(["worker", "--data", data], env), start(["worker", "--data", data], env));
  const hook = await receiver(verify);
  try {
    let base = null;
    for (let t = 0; t < 600 && !base; t++) {
      base = procs[0].log().match(/serving on (http:\/\/\S+)/)?.[1] ?? null;
      if (!base) await sleep(100);
    }
    if (!base) throw new Error(`serve did not start:\n${procs[0].log()}`);
    await sleep(2000); // the workers' queues and listeners
    const sub = await (
      await fetch(`${base}/api/subscriptions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ channel: "webhook", url: hook.url, filter: { regions: ["RU-BEL"] } }),
      })
    ).json();
    hook.state.secret = sub.secret;
    await measureFrom(base, hook, 0, 3, 202);
    const measured = await measureFrom(base, hook, 3, n, 202);
    line(
      "on PostgreSQL (serve + 2 workers)",
      measured,
      `; ${hook.state.requests} requests for ${n + 3} alerts${hook.state.bad ? `; ${hook.state.bad} BAD SIGNATURES` : "; every signature valid"}`,
    );
  } finally {
    for (const p of procs) p.child.kill("SIGTERM");
    await sleep(1000);
    for (const p of procs) if (p.child.exitCode === null) p.child.kill("SIGKILL");
    await hook.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export async function benchAlerts(args = []) {
  const n = Number(option(args, "--reports", "40"));
  const { verifySignature } = await import(dist("alerts/signature.js"));
  const verify = (header, secret, raw) => secret !== null && verifySignature(header, secret, raw);
  await benchPglite(n, verify);
  const serverUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (serverUrl) await benchPostgres(serverUrl, n, verify);
  else console.log("alerts on PostgreSQL: skipped (set DATABASE_URL or TEST_DATABASE_URL)");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchAlerts(process.argv.slice(2));
