#!/usr/bin/env node
// npm run gazetteer:check [-- --from ../shared/gazetteer --eval ../shared/eval/dev]
// Says what the gazetteer contains and whether it is sound:
//  1. pointToRegion against GeoNames' own admin-1 codes for a seeded sample of 1,000 Ukrainian places;
//  2. the gold settlements of an evaluation set: those the gazetteer holds (a place of that name in
//     that region), and whether resolvePlace and the extractor put them within 5 km of it;
//  3. the display names (en, ru, uk) of the 200 largest places of each country against
//     data/gazetteer/expected-names.tsv (exit code 1 when one differs or is not listed).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { from: { type: "string" }, eval: { type: "string" } } });
const from = resolve(values.from ?? join(root, "..", "shared", "gazetteer"));
const evalDir = resolve(values.eval ?? join(root, "..", "shared", "eval", "dev"));
const { loadGazetteer } = await import(join(root, "dist/geo/gazetteer.js"));
const { distanceKm } = await import(join(root, "dist/geo/regions.js"));
const { skeleton, editDistance } = await import(join(root, "dist/geo/place-keys.js"));
const { extractReport } = await import(join(root, "dist/extract/index.js"));

const t0 = Date.now();
const g = loadGazetteer();
const byFeature = {};
for (const s of g.settlements) byFeature[s.feature] = (byFeature[s.feature] ?? 0) + 1;
console.log(
  `gazetteer: ${g.regions.size} regions, ${g.settlements.length} settlements ${JSON.stringify(byFeature)} (loaded in ${Date.now() - t0} ms)`,
);

// 1. pointToRegion on a seeded sample of GeoNames UA populated places.
const { UA_ADMIN1 } = await import("./geonames-codes.mjs");
const places = readFileSync(join(from, "geonames-UA.txt"), "utf8")
  .split("\n")
  .map((l) => l.split("\t"))
  .filter((c) => c[6] === "P" && UA_ADMIN1[c[10]]);
// All of them, and three seeded samples of 1,000, so that one lucky draw does not decide the figure.
{
  let agree = 0;
  for (const c of places) if (g.pointToRegion(Number(c[4]), Number(c[5])) === UA_ADMIN1[c[10]]) agree++;
  console.log(
    `pointToRegion, all ${places.length} GeoNames UA populated places: ${agree} agree (${((100 * agree) / places.length).toFixed(2)}%)`,
  );
}
for (const start of [42, 7, 2026]) {
  let seed = start;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const sample = Array.from({ length: 1000 }, () => places[Math.floor(random() * places.length)]);
  let agree = 0;
  const disagreements = [];
  for (const c of sample) {
    const got = g.pointToRegion(Number(c[4]), Number(c[5]));
    if (got === UA_ADMIN1[c[10]]) agree++;
    else disagreements.push(`${c[1]} (${UA_ADMIN1[c[10]]}) → ${got}`);
  }
  console.log(
    `pointToRegion, sample seed ${start}: ${agree}/1000 agree with GeoNames admin-1 (${(agree / 10).toFixed(1)}%, target ≥ 99.5%)${disagreements.length ? `; differ: ${disagreements.slice(0, 4).join("; ")}` : ""}`,
  );
}

// 2. Gold settlements of the evaluation set.
if (!existsSync(evalDir)) {
  console.log(`no evaluation set at ${evalDir}; skipped the settlement check`);
} else {
  const { regions } = JSON.parse(readFileSync(join(evalDir, "..", "regions.json"), "utf8"));
  const isoOf = new Map(
    regions.flatMap((r) => [
      [r.iso.toLowerCase(), r.iso],
      [r.name.toLowerCase(), r.iso],
    ]),
  );
  // The scorer's loose comparison, for matching predictions to gold ...
  const loose = (a, b) => {
    const x = skeleton(a);
    const y = skeleton(b);
    return x === y || editDistance(x, y, 3) <= Math.max(1, Math.floor(0.25 * Math.max(x.length, y.length)));
  };
  // ... and a strict one for "the gazetteer holds this place": the same name up to spelling.
  const sameName = (a, b) => editDistance(skeleton(a), skeleton(b), 1) <= 1;
  let held = 0;
  let lookupRight = 0;
  let extractRight = 0;
  let extractPlaced = 0;
  const absent = [];
  const wrong = [];
  for (const file of readdirSync(evalDir).filter((f) => f.endsWith(".gold.json"))) {
    const id = file.replace(".gold.json", "");
    const meta = JSON.parse(readFileSync(join(evalDir, `${id}.meta.json`), "utf8"));
    const text = readFileSync(join(evalDir, `${id}.txt`), "utf8");
    const predicted = extractReport(text, { published: meta.published, language: meta.language }).incidents;
    for (const inc of JSON.parse(readFileSync(join(evalDir, file), "utf8")).incidents) {
      if (!inc.settlement || !inc.region) continue;
      const iso = isoOf.get(String(inc.region).toLowerCase());
      const truth = g.settlements.filter(
        (s) => s.region === iso && [s.name, s.nameRu, s.nameUk].some((n) => n && sameName(n, inc.settlement)),
      );
      if (!truth.length) {
        absent.push(`${inc.settlement} (${iso})`);
        continue;
      }
      held++;
      const near = (lat, lon) => truth.some((s) => distanceKm(lat, lon, s.lat, s.lon) <= 5);
      const best = g.resolvePlace(inc.settlement, { region: iso })[0];
      if (best && near(best.lat, best.lon)) lookupRight++;
      else wrong.push(`${inc.settlement} → ${best ? `${best.name} ${best.region}` : "nothing"}`);
      const p = predicted.find((x) => x.region === iso && x.settlement && loose(x.settlement, inc.settlement));
      if (p && p.geo_precision === 1) {
        extractPlaced++;
        if (near(p.lat, p.lon)) extractRight++;
      }
    }
  }
  console.log(`gold settlements: ${held} held by the gazetteer, ${absent.length} absent (${absent.join(", ")})`);
  console.log(
    `  resolvePlace(gold name, region): ${lookupRight}/${held} within 5 km (${((100 * lookupRight) / Math.max(1, held)).toFixed(1)}%, target ≥ 95%)${wrong.length ? `; wrong: ${wrong.join("; ")}` : ""}`,
  );
  console.log(`  extractor on the texts: ${extractRight}/${held} placed within 5 km at settlement precision (${extractPlaced} placed)`);
}

// 3. Display names of the 200 largest places of each country against data/gazetteer/expected-names.tsv.
{
  const { readExpectedNames, namesProblems, expectedKey } = await import(join(root, "dist/geo/expected-names.js"));
  const { largestPlaces } = await import("./largest-places.mjs");
  const expected = readExpectedNames();
  const problems = namesProblems(g, expected);
  const listed = new Set(expected.map((e) => `${e.country}|${e.key}`));
  const largest = largestPlaces(g, from);
  const unlisted = largest.filter((p) => !listed.has(`${p.country}|${expectedKey(p.settlement)}`));
  console.log(
    `names of the 200 largest places per country: ${expected.length - problems.length}/${expected.length} rows of expected-names.tsv as expected; ${largest.length - unlisted.length}/${largest.length} of the largest places listed${problems.length ? `; differ: ${problems.slice(0, 10).join("; ")}` : ""}${
      unlisted.length
        ? `; not listed: ${unlisted
            .slice(0, 10)
            .map((p) => `${p.country} ${expectedKey(p.settlement)} ${p.settlement.name}`)
            .join("; ")}`
        : ""
    }`,
  );
  if (problems.length || unlisted.length) process.exitCode = 1;
}
