#!/usr/bin/env node
// npm run bench: prints Skywatch's speed figures. Machines here are shared and noisy, so each
// figure is the median of several rounds; nothing here asserts, it only measures.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => join(root, "dist", p);
const only = process.argv.slice(2);
const wanted = (name) => !only.length || only.includes(name);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function timeRounds(rounds, f) {
  const seconds = [];
  for (let r = 0; r < rounds; r++) {
    const t = process.hrtime.bigint();
    f();
    seconds.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  return median(seconds);
}

/** ≥ 10 MB of the project's own report texts (data/sample), repeated. */
function corpus(minBytes) {
  const reports = readFileSync(join(root, "data/sample/reports.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const texts = [];
  let bytes = 0;
  while (bytes < minBytes) {
    for (const r of reports) {
      texts.push(r);
      bytes += Buffer.byteLength(r.text);
    }
  }
  return { texts, bytes };
}

async function benchExtraction() {
  const { extractReport } = await import(dist("extract/index.js"));
  const { splitSentences } = await import(dist("extract/text/sentences.js"));
  const { texts, bytes } = corpus(10 * 1024 * 1024);
  const mb = bytes / 1024 / 1024;
  // Warm-up, so the figures measure steady state rather than the JIT compiler.
  for (const r of texts.slice(0, 2000)) extractReport(r.text, { published: r.published, language: r.language });
  let incidents = 0;
  const extract = timeRounds(3, () => {
    incidents = 0;
    for (const r of texts) incidents += extractReport(r.text, { published: r.published, language: r.language }).incidents.length;
  });
  const segmenters = {
    en: new Intl.Segmenter("en", { granularity: "sentence" }),
    ru: new Intl.Segmenter("ru", { granularity: "sentence" }),
    uk: new Intl.Segmenter("uk", { granularity: "sentence" }),
  };
  const segment = timeRounds(3, () => {
    for (const r of texts) for (const _ of segmenters[r.language].segment(r.text));
  });
  const ownSplit = timeRounds(3, () => {
    for (const r of texts) splitSentences(r.text);
  });
  console.log("extraction (one core)");
  console.log(`  corpus               ${mb.toFixed(1)} MB, ${texts.length} reports (data/sample, repeated), ${incidents} incidents`);
  console.log(
    `  throughput           ${(mb / extract).toFixed(2)} MB/s, ${Math.round(texts.length / extract)} reports/s   (target ≥ 5 MB/s)`,
  );
  console.log(
    `  bare sentence split  Intl.Segmenter ${(mb / segment).toFixed(1)} MB/s → extraction costs ${(extract / segment).toFixed(1)}× (target ≤ 10×)`,
  );
  console.log(`                       Skywatch's own splitter ${(mb / ownSplit).toFixed(1)} MB/s → ${(extract / ownSplit).toFixed(1)}×`);
}

const benches = { extraction: benchExtraction };
for (const [name, run] of Object.entries(benches)) if (wanted(name)) await run();
