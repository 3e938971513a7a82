// The extraction benchmark: one pass of extractReport over a folder of distinct reports
// (ID.txt, with ID.meta.json when there is one), in a fresh process so that the extractor's
// module-wide memos (stems, transliterations, place lookups) start empty, against a bare
// sentence split (Intl.Segmenter) of the same text. By default the folder is the generated corpus
// of scripts/bench/generate-reports.mjs (≥ 10 MB); --dir measures any folder, real reports included.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureCorpus } from "./generate-reports.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = (p) => join(root, "dist", p);
const MIB = 1024 * 1024;
export const TARGET_MB_PER_S = 5;
export const TARGET_RATIO = 10;
const MIN_MB = 10;
const EARLY_MIB = 2;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuSeconds = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

function readReports(dir) {
  const ids = readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => f.slice(0, -".txt".length))
    .sort();
  return ids.map((id) => {
    const text = readFileSync(join(dir, `${id}.txt`), "utf8");
    const metaPath = join(dir, `${id}.meta.json`);
    const meta = existsSync(metaPath) ? JSON.parse(readFileSync(metaPath, "utf8")) : {};
    return { id, text, published: meta.published ?? null, language: meta.language ?? undefined };
  });
}

/** Runs in the child process: measures and prints one JSON object. */
async function measure(dir) {
  const reports = readReports(dir);
  if (!reports.length) throw new Error(`${dir} holds no .txt reports`);
  const { extractReport } = await import(dist("extract/index.js"));
  const { splitSentences } = await import(dist("extract/text/sentences.js"));
  const { detectLanguage } = await import(dist("extract/text/language.js"));
  const { defaultPlaceResolver } = await import(dist("geo/resolver.js"));

  // Loading the gazetteer is a start-up cost (the gazetteer benchmark measures it): not counted.
  const t = process.hrtime.bigint();
  const places = defaultPlaceResolver();
  const loadMs = Number(process.hrtime.bigint() - t) / 1e6;
  // Compile the extractor's code on texts outside the corpus: the 12 sample reports, 30 times.
  // (Their words enter the memos; that is a few hundred words against the corpus's many thousands.)
  const samples = readFileSync(join(root, "data/sample/reports.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  for (let k = 0; k < 30; k++) for (const r of samples) extractReport(r.text, { published: r.published, language: r.language, places });

  const bytes = reports.reduce((n, r) => n + Buffer.byteLength(r.text), 0);
  const unique = new Set(reports.map((r) => createHash("sha1").update(r.text).digest("hex"))).size;
  const langs = reports.map((r) => r.language ?? detectLanguage(r.text));

  const pass = () => {
    const perLanguage = {};
    const costs = [];
    let incidents = 0;
    // Where the pass stood after its first EARLY_MIB: V8 is still compiling the extractor then.
    let early = null;
    let done = 0;
    const wall0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < reports.length; i++) {
      const r = reports[i];
      const t0 = process.hrtime.bigint();
      incidents += extractReport(r.text, { published: r.published, language: r.language, places }).incidents.length;
      const ns = Number(process.hrtime.bigint() - t0);
      done += Buffer.byteLength(r.text);
      if (!early && done >= EARLY_MIB * MIB && i < reports.length - 1) early = { bytes: done, cpu: cpuSeconds(cpu0) };
      perLanguage[langs[i]] ??= { reports: 0, bytes: 0, seconds: 0 };
      const l = perLanguage[langs[i]];
      l.reports++;
      l.bytes += Buffer.byteLength(r.text);
      l.seconds += ns / 1e9;
      costs.push({ id: r.id, bytes: Buffer.byteLength(r.text), ms: ns / 1e6 });
    }
    const cpu = cpuSeconds(cpu0);
    const wall = Number(process.hrtime.bigint() - wall0) / 1e9;
    costs.sort((a, b) => b.ms / b.bytes - a.ms / a.bytes);
    return { cpu, wall, incidents, perLanguage, early, slowest: costs.slice(0, 5) };
  };
  const first = pass();
  const second = pass();

  // The bare sentence split: stateless, so the median of three rounds.
  const segmenters = Object.fromEntries(["en", "ru", "uk"].map((l) => [l, new Intl.Segmenter(l, { granularity: "sentence" })]));
  const sentences = new Set();
  let sentenceCount = 0;
  for (let i = 0; i < reports.length; i++) {
    for (const s of segmenters[langs[i]].segment(reports[i].text)) {
      sentenceCount++;
      sentences.add(s.segment.trim());
    }
  }
  // Stateless, so a small folder is split several times per round: a round of under a few
  // hundred ms would be below what process.cpuUsage resolves well.
  const repeats = Math.max(1, Math.ceil((2 * MIB) / bytes));
  const splitCost = (split) => {
    const rounds = [];
    for (let k = 0; k < 3; k++) {
      const c = process.cpuUsage();
      for (let n = 0; n < repeats; n++) split();
      rounds.push(cpuSeconds(c) / repeats);
    }
    return median(rounds);
  };
  const segment = splitCost(() => {
    for (let i = 0; i < reports.length; i++) for (const _ of segmenters[langs[i]].segment(reports[i].text));
  });
  const ownSplit = splitCost(() => {
    for (const r of reports) splitSentences(r.text);
  });
  return {
    dir,
    reports: reports.length,
    bytes,
    unique,
    sentences: sentenceCount,
    uniqueSentences: sentences.size,
    loadMs,
    first,
    second,
    segment,
    ownSplit,
  };
}

const verdict = (ok) => (ok ? "met" : "NOT met");

/** Parent side: picks the folder, measures it in a child process and prints the figures. */
export async function benchExtraction({ dir, seed = 1, megabytes = 11 } = {}) {
  let folder = dir ? resolve(dir) : null;
  let source;
  if (!folder) {
    const corpus = ensureCorpus({ seed, megabytes });
    folder = corpus.dir;
    source = `generated (seed ${seed}, ${megabytes} MiB, fingerprint ${corpus.fingerprint}; ${corpus.reused ? "reused" : `written in ${corpus.seconds.toFixed(1)} s`})`;
  } else {
    if (!existsSync(folder)) throw new Error(`No folder ${folder}: pass --dir a folder of ID.txt reports.`);
    source = "given with --dir";
  }
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--measure", folder], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * MIB,
  });
  const m = JSON.parse(out);
  const mb = m.bytes / MIB;
  const rate = mb / m.first.cpu;
  const ratio = m.first.cpu / m.segment;
  const pct = (a, b) => `${((100 * a) / b).toFixed(1)}%`;
  console.log("extraction (one core, one pass over distinct texts in a fresh process)");
  console.log(`  corpus               ${folder} — ${source}`);
  console.log(
    `                       ${mb.toFixed(2)} MB in ${m.reports} reports; ${m.unique} distinct texts (${pct(m.unique, m.reports)}), ${m.uniqueSentences} distinct of ${m.sentences} sentences (${pct(m.uniqueSentences, m.sentences)})${mb < MIN_MB ? `   (under ${MIN_MB} MB: figures are indicative only)` : ""}`,
  );
  console.log(
    `                       ${Object.entries(m.first.perLanguage)
      .sort()
      .map(([l, x]) => `${l} ${x.reports} reports ${(x.bytes / MIB).toFixed(2)} MB`)
      .join(", ")}; ${m.first.incidents} incidents; gazetteer loaded in ${m.loadMs.toFixed(0)} ms before the pass (not counted)`,
  );
  console.log(
    `  throughput           ${rate.toFixed(2)} MB/s, ${Math.round(m.reports / m.first.cpu)} reports/s per CPU-second of this process (${m.first.cpu.toFixed(2)} CPU-s)   target ≥ ${TARGET_MB_PER_S} MB/s: ${verdict(rate >= TARGET_MB_PER_S)}`,
  );
  console.log(`                       ${(mb / m.first.wall).toFixed(2)} MB/s by the wall clock (lower when other work shares the machine)`);
  const early = m.first.early;
  if (early)
    console.log(
      `                       first ${(early.bytes / MIB).toFixed(1)} MB ${(early.bytes / MIB / early.cpu).toFixed(2)} MB/s, the other ${((m.bytes - early.bytes) / MIB).toFixed(1)} MB ${((m.bytes - early.bytes) / MIB / (m.first.cpu - early.cpu)).toFixed(2)} MB/s (V8 compiles and recompiles the extractor's code during the first megabytes; both counted above)`,
    );
  console.log(
    `                       by language (wall clock): ${Object.entries(m.first.perLanguage)
      .sort()
      .map(([l, x]) => `${l} ${(x.bytes / MIB / x.seconds).toFixed(2)} MB/s`)
      .join(", ")}`,
  );
  console.log(
    `  bare sentence split  Intl.Segmenter ${(mb / m.segment).toFixed(1)} MB/s (median of 3 rounds) → extraction costs ${ratio.toFixed(1)}×   target ≤ ${TARGET_RATIO}×: ${verdict(ratio <= TARGET_RATIO)}`,
  );
  console.log(
    `                       Skywatch's own splitter ${(mb / m.ownSplit).toFixed(1)} MB/s → ${(m.first.cpu / m.ownSplit).toFixed(1)}×`,
  );
  console.log(
    `  second pass (warm)   ${(mb / m.second.cpu).toFixed(2)} MB/s per CPU-second over the same texts again, memos filled by the first pass — not the figure the targets refer to`,
  );
  console.log(
    `  slowest per byte     ${m.first.slowest.map((s) => `${s.id} (${(s.bytes / 1024).toFixed(1)} KB, ${s.ms.toFixed(1)} ms)`).join(", ")}`,
  );
}

if (process.argv[2] === "--measure") {
  process.stdout.write(JSON.stringify(await measure(process.argv[3])));
}
