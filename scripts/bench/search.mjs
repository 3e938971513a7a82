#!/usr/bin/env node
// npm run bench -- search: time of /api/events?q=… (the whole request: parsing, the gazetteer's
// resolution of the query, the count and the page) over a store of N synthetic events, each with
// a report and an incident whose evidence names its place in Russian, Ukrainian or English.
// Prints p50, p95 and p99 per kind of query (a city by any of its names, a region's adjective, a
// case form, a word of the text, no match); nothing is asserted.
//
//   node scripts/bench/search.mjs [--events 100000] [--queries 300]
//   (DATABASE_URL=postgres://… to measure a PostgreSQL server instead of embedded PGlite; a
//   throwaway schema is made and dropped; --keep leaves it for EXPLAIN, --schema NAME measures
//   a kept one again, migrated to the current version, without storing the events anew; on
//   PGlite --dir PATH keeps the store there, and measures it again on the next run with that PATH)
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = (p) => join(root, "dist", p);
const option = (args, name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};

/** Seeded randomness (mulberry32): the same store for the same size. */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: (xs) => xs[Math.floor(next() * xs.length)], int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)) };
}

// What was hit varies, as in real reports: a word of the text is in about one report in 20 of its
// language; "губернатор", "будинок", "officials" are in every report of theirs (a third of all).
const TARGETS = {
  ru: [
    "жилой дом",
    "автомобиль",
    "склад",
    "подстанция",
    "школа",
    "больница",
    "гараж",
    "магазин",
    "ЛЭП",
    "газопровод",
    "мост",
    "ферма",
    "автобус",
    "нефтебаза",
    "котельная",
    "офис",
    "церковь",
    "стадион",
    "почта",
    "вокзал",
  ],
  uk: [
    "будинок",
    "автомобіль",
    "склад",
    "підстанція",
    "школа",
    "лікарня",
    "гараж",
    "магазин",
    "ЛЕП",
    "газогін",
    "міст",
    "ферма",
    "автобус",
    "нафтобаза",
    "котельня",
    "офіс",
    "церква",
    "стадіон",
    "пошта",
    "вокзал",
  ],
  en: [
    "house",
    "car",
    "warehouse",
    "substation",
    "school",
    "hospital",
    "garage",
    "shop",
    "power line",
    "gas pipeline",
    "bridge",
    "farm",
    "bus",
    "oil depot",
    "boiler house",
    "office",
    "church",
    "stadium",
    "post office",
    "station",
  ],
};
const TEXT = {
  ru: (p, t) => `Беспилотник атаковал ${p.nameRu || p.name}, повреждены ${t}, сообщил губернатор.`,
  uk: (p, t) => `Ворог атакував ${p.nameUk || p.name} ударними дронами, пошкоджено: ${t}; будинок культури вцілів.`,
  en: (p, t) => `A drone struck ${p.name} overnight, damaging a ${t}, officials said.`,
};

const USAGE = `usage: node scripts/bench/search.mjs [--events N] [--queries N] [--keep]
  times /api/events?q=… over N synthetic events (default 100000) on embedded PGlite, or on
  PostgreSQL with DATABASE_URL=postgres://… (a throwaway schema; --keep leaves it for EXPLAIN)`;

export async function benchSearch(args = []) {
  if (args.includes("--help")) return console.log(USAGE);
  const n = Number(option(args, "--events", "100000"));
  const queryCount = Number(option(args, "--queries", "300"));
  const { openStore } = await import(dist("store/database.js"));
  const { buildServer } = await import(dist("api/server.js"));
  const { defaultPlaceResolver } = await import(dist("geo/resolver.js"));
  const { defaultGazetteer } = await import(dist("geo/gazetteer.js"));
  const url = process.env.DATABASE_URL;
  // --dir PATH (PGlite): the store's folder, kept; a folder stored before is measured again as it is.
  const keptDir = url ? null : option(args, "--dir", null);
  const dir = url ? null : (keptDir ?? mkdtempSync(join(tmpdir(), "skywatch-bench-search-")));
  // --schema NAME: a schema kept by an earlier --keep run, measured again without storing anew.
  const reuse = url ? option(args, "--schema", null) : keptDir && existsSync(join(keptDir, "stored")) ? keptDir : null;
  const schemaName = url ? (reuse ?? `bench_search_${process.pid}`) : undefined;
  const store = await openStore(url ? { url, schemaName } : { dataDir: join(dir, "db") });
  try {
    // Places: the 3,000 largest settlements, most events at the largest (as in real reports).
    const places = defaultGazetteer()
      .settlements.filter((s) => s.nameRu && s.nameUk)
      .sort((a, b) => b.population - a.population)
      .slice(0, 3000);
    const r = random(42);
    const t0 = Date.now();
    const batch = 5000;
    // The same draws as storing makes, so that the queries are the same as on a fresh run.
    if (reuse) for (let i = 0; i < n * 5; i++) r.next();
    for (let from = 0; !reuse && from < n; from += batch) {
      const reports = [];
      const incidents = [];
      const events = [];
      const claims = [];
      for (let id = from + 1; id <= Math.min(n, from + batch); id++) {
        const p = places[Math.floor(places.length * r.next() ** 3)];
        const language = r.pick(["ru", "uk", "en"]);
        const date = new Date(Date.UTC(2024, 0, 1) + r.int(0, 700) * 86_400_000).toISOString().slice(0, 10);
        const kind = r.pick(["strike", "interception", "attack"]);
        const text = TEXT[language](p, r.pick(TARGETS[language]));
        const key = `${kind}|${p.region}|${date}|${p.name}|${id}`;
        reports.push({
          id,
          source: `bench-${language}`,
          natural_key: `bench|${id}`,
          version: 1,
          url: `https://example.org/bench/${id}`,
          published: date,
          language,
          text,
          content_hash: String(id),
          fingerprint: String(id),
        });
        incidents.push({
          id,
          report_id: id,
          kind,
          weapon: "drone",
          country: p.region.slice(0, 2),
          region: p.region,
          settlement: p.name,
          date,
          evidence: text,
          confidence: 0.9,
          fusion_key: key,
          fusion_base: key,
        });
        events.push({
          id,
          fusion_key: key,
          kind,
          weapon: "drone",
          country: p.region.slice(0, 2),
          region: p.region,
          settlement: p.name,
          date,
          lat: p.lat,
          lon: p.lon,
          geo_precision: 1,
          sources: 1,
        });
        claims.push({ event_id: id, incident_id: id, reason: "bench" });
      }
      await store.execute(
        `INSERT INTO reports (id, source, natural_key, version, url, published, language, text, content_hash, fingerprint)
         SELECT id, source, natural_key, version, url, published, language, text, content_hash, fingerprint
         FROM json_to_recordset($1::json) AS x(id int, source text, natural_key text, version int, url text, published date, language text, text text, content_hash text, fingerprint text)`,
        [JSON.stringify(reports)],
      );
      await store.execute(
        `INSERT INTO incidents (id, report_id, kind, weapon, country, region, settlement, date, targets, evidence, evidence_spans, confidence, fusion_key, fusion_base)
         SELECT id, report_id, kind, weapon, country, region, settlement, date, '[]', evidence, '[]', confidence, fusion_key, fusion_base
         FROM json_to_recordset($1::json) AS x(id int, report_id int, kind text, weapon text, country text, region text, settlement text, date date, evidence text, confidence real, fusion_key text, fusion_base text)`,
        [JSON.stringify(incidents)],
      );
      await store.execute(
        `INSERT INTO events (id, fusion_key, kind, weapon, country, region, settlement, date, lat, lon, geo_precision, targets, officials, sources, disagreements)
         SELECT id, fusion_key, kind, weapon, country, region, settlement, date, lat, lon, geo_precision, '[]', '[]', sources, '[]'
         FROM json_to_recordset($1::json) AS x(id int, fusion_key text, kind text, weapon text, country text, region text, settlement text, date date, lat float8, lon float8, geo_precision int, sources int)`,
        [JSON.stringify(events)],
      );
      await store.execute(
        "INSERT INTO claims (event_id, incident_id, reason) SELECT event_id, incident_id, to_jsonb(reason) FROM json_to_recordset($1::json) AS x(event_id int, incident_id int, reason text)",
        [JSON.stringify(claims)],
      );
    }
    // As a settled store is (autovacuum on a server): statistics, and the visibility map that lets
    // index-only scans skip the rows (without it, every claim looked up is read from its table).
    await store.execute("VACUUM ANALYZE");
    if (keptDir && !reuse) writeFileSync(join(keptDir, "stored"), `${n} events\n`);
    console.log(
      `search bench: ${n.toLocaleString("en")} events on ${store.kind}, ${reuse ? `${reuse} reused` : "stored"} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    const app = buildServer({ store, places: defaultPlaceResolver(), limits: { perAddress: false, maxEventLoopDelayMs: false } });
    await app.ready();
    const big = places.slice(0, 200);
    const kinds = {
      "city, Russian name": () => r.pick(big).nameRu,
      "city, Ukrainian name": () => r.pick(big).nameUk,
      "city, English name": () => r.pick(big).name,
      "region adjective": () => r.pick(["Белгородская", "Курская", "Харківська", "Брянская", "Дніпропетровська", "Запорожская"]),
      "case form": () => `в ${r.pick(big).nameRu}е`,
      "text word": () => r.pick(["автомобиль", "warehouse", "лікарні", "подстанцию", "bridge", "нефтебазы", "стадіон"]),
      "word in a third": () => r.pick(["губернатор", "будинок", "officials"]),
      "no match": () => `zq${r.int(0, 1e6)}`,
    };
    const times = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
    const all = [];
    // One round unmeasured: the gazetteer and the database's caches warm up once per process.
    for (let i = 0; i < 20; i++) await app.inject({ url: "/api/events", query: { q: kinds["city, English name"]() } });
    for (let i = 0; i < queryCount; i++) {
      const kind = Object.keys(kinds)[i % Object.keys(kinds).length];
      const q = kinds[kind]();
      const t = process.hrtime.bigint();
      // A distinct far-future `to` on every request: the same filter twice would have its total from
      // the count cache (src/api/count-cache.ts), and a search's first request is what is measured.
      const to = `20${r.int(30, 99)}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`;
      const res = await app.inject({ url: "/api/events", query: { q, limit: "50", to } });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (res.statusCode !== 200) throw new Error(`q=${q} → ${res.statusCode} ${res.body}`);
      times[kind].push(ms);
      all.push(ms);
    }
    const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
    const figures = (xs) => [0.5, 0.95, 0.99].map((p) => `p${Math.round(p * 100)} ${pct(xs, p).toFixed(1).padStart(6)} ms`).join("   ");
    for (const [kind, xs] of Object.entries(times)) console.log(`  ${kind.padEnd(22)} ${figures(xs)}`);
    // The machine's load: on a shared machine the figures mean little without it.
    console.log(
      `  ${"all q= queries".padEnd(22)} ${figures(all)}  (${all.length} requests, limit 50; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(", ")})`,
    );
    await app.close();
  } finally {
    // --keep leaves a PostgreSQL schema for EXPLAIN (drop it by hand afterwards).
    if (schemaName && !args.includes("--keep") && !reuse) await store.execute(`DROP SCHEMA IF EXISTS "${schemaName}" CASCADE`);
    else if (schemaName) console.log(`  kept schema ${schemaName}`);
    await store.close();
    if (dir && !keptDir) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchSearch(process.argv.slice(2));
export default benchSearch;
