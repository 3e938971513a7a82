#!/usr/bin/env node
// npm run bench -- trends: time of GET /api/trends (the whole request: the three counting queries
// of src/trends/counts.ts and the flags) over a store of N synthetic events — every region, three
// years of days at rates that differ by region, settlements hit again and again, a few missiles
// among the drones, 5 % merged-away events. Each request asks for another as_of day of the last
// year (no answer is cached anywhere), all regions; then one region. Nothing is asserted.
//
//   node scripts/bench/trends.mjs [--events 100000] [--pg-events 1000000] [--requests 30]
//   (with DATABASE_URL or TEST_DATABASE_URL set, a PostgreSQL server is measured too, in a
//   throwaway schema that is dropped afterwards)
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = (p) => join(root, "dist", p);
const option = (args, name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const LAST_DAY = "2025-12-31";

/** n events over the 1,095 days up to LAST_DAY; region r gets a share that grows with r, so rates differ. */
export async function fillEvents(store, n) {
  const { regions } = JSON.parse(readFileSync(join(root, "data/gazetteer/regions.json"), "utf8"));
  const isos = regions.map((r) => r.iso);
  // In slices, so that one statement's memory stays small on PGlite.
  for (let from = 1; from <= n; from += 100_000) {
    const to = Math.min(n, from + 99_999);
    await store.execute(
      `INSERT INTO events (fusion_key, state, kind, weapon, country, region, settlement, date, lat, lon, geo_precision, count, killed, injured, targets, officials, sources, disagreements)
       SELECT 'bench-trends|' || g, CASE WHEN h % 20 = 0 THEN 'merged' ELSE 'live' END,
              (ARRAY['interception','strike','attack'])[1 + h % 3],
              CASE WHEN h % 17 = 0 THEN 'missile' WHEN h % 23 = 0 THEN 'glide_bomb' ELSE 'drone' END,
              substr(r, 1, 2), r, CASE WHEN h % 5 < 3 THEN 'Place ' || (h % 300) END,
              DATE '${LAST_DAY}' - (h % 1095), 45 + (h % 100) * 0.1, 25 + (h % 200) * 0.1, 1, 1 + h % 30,
              CASE WHEN h % 11 = 0 THEN h % 3 END, CASE WHEN h % 7 = 0 THEN h % 5 END,
              '[]'::jsonb, '["Bench"]'::jsonb, 1, '[]'::jsonb
       FROM generate_series($1::int, $2::int) AS g,
            LATERAL (SELECT abs(hashint4(g)) AS h) AS hashed,
            LATERAL (SELECT ($3::text[])[1 + floor(sqrt((h % 1000003)::float / 1000003) * $4)::int] AS r) AS pick`,
      [from, to, isos, isos.length],
    );
  }
}

async function measure(label, store, requests) {
  const { buildServer } = await import(dist("api/server.js"));
  const app = buildServer({ store, limits: { perAddress: false, maxEventLoopDelayMs: false } });
  await app.ready();
  const day = (k) => new Date(Date.parse(`${LAST_DAY}T00:00:00Z`) - k * 86_400_000).toISOString().slice(0, 10);
  const time = async (url) => {
    const t = process.hrtime.bigint();
    const res = await app.inject({ url });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body}`);
    return { ms, trends: res.json().trends };
  };
  // Two requests unmeasured: the database's caches warm up once per process.
  await time(`/api/trends?as_of=${day(400)}`);
  await time(`/api/trends?as_of=${day(401)}`);
  const all = [];
  const one = [];
  let flagged = 0;
  const counts = {};
  for (let i = 0; i < requests; i++) {
    const asOf = day(Math.floor((i * 365) / requests));
    const { ms, trends } = await time(`/api/trends?as_of=${asOf}`);
    all.push(ms);
    flagged += trends.length;
    for (const t of trends) counts[t.flag] = (counts[t.flag] ?? 0) + 1;
    one.push((await time(`/api/trends?as_of=${asOf}&region=UA-63`)).ms);
  }
  await app.close();
  const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
  console.log(
    `  ${label.padEnd(24)} GET /api/trends, all regions: p50 ${pct(all, 0.5).toFixed(1)} ms, p95 ${pct(all, 0.95).toFixed(1)} ms; one region: p50 ${pct(one, 0.5).toFixed(1)} ms, p95 ${pct(one, 0.95).toFixed(1)} ms   (${requests} days of the last year)`,
  );
  const mix = Object.entries(counts)
    .map(([f, n]) => `${f} ${n}`)
    .join(", ");
  console.log(`  ${"".padEnd(24)} ${(flagged / requests).toFixed(1)} flags a day on these synthetic events (${mix || "none"})`);
}

export async function benchTrends(args = []) {
  const events = Number(option(args, "--events", 100_000));
  const pgEvents = Number(option(args, "--pg-events", 1_000_000));
  const requests = Number(option(args, "--requests", 30));
  const { openStore } = await import(dist("store/database.js"));
  console.log("trends");
  const dir = mkdtempSync(join(tmpdir(), "skywatch-bench-trends-"));
  const lite = await openStore({ dataDir: join(dir, "db") });
  try {
    await fillEvents(lite, events);
    await lite.execute("ANALYZE events");
    await measure(`PGlite, ${(events / 1000).toFixed(0)}k events`, lite, requests);
  } finally {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log("  PostgreSQL               skipped: set DATABASE_URL (or TEST_DATABASE_URL) to a server");
    return;
  }
  const schemaName = `bench_trends_${process.pid}`;
  const pg = await openStore({ url, schemaName });
  try {
    await fillEvents(pg, pgEvents);
    await pg.execute("VACUUM ANALYZE events");
    await measure(`PostgreSQL, ${pgEvents >= 1e6 ? `${pgEvents / 1e6}M` : `${pgEvents / 1000}k`} events`, pg, requests);
  } finally {
    await pg.execute(`DROP SCHEMA IF EXISTS "${schemaName}" CASCADE`);
    await pg.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchTrends(process.argv.slice(2));
