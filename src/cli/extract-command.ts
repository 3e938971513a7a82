// `skywatch extract`: report files in, incidents out — one JSON object per file on stdout,
// or (with --dir/--out) one ID.pred.json per ID.txt in the evaluation format.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { extractReport } from "../extract/index.js";
import type { PlaceResolver } from "../extract/place-resolver.js";
import { defaultPlaceResolver } from "../geo/resolver.js";
import { IsoDate, Language, type LanguageCode } from "../model/incident.js";
import { isLarge, ReportFileError, readReportChunks, readReportText } from "./read-report.js";

const HELP = `Usage:
  skywatch extract FILE... [--published YYYY-MM-DD] [--language en|ru|uk] [--explain]
  skywatch extract - < report.txt
  skywatch extract --dir DIR --out OUT

Reads reports (UTF-8 text) and prints the incidents they state.

  FILE...            one JSON object per file on stdout (one line each):
                     {"file", "language", "incidents": [...], "flags": [...]}; '-' reads standard input
  --explain          instead of JSON, each incident in words: the sentence and cue words that made
                     it, where each figure came from, what was merged into it or kept apart, and
                     the evidence with its place, count and casualty words marked [like this]
  --dir DIR          read every ID.txt in DIR (with ID.meta.json for "published" and
                     "language" when present) ...
  --out OUT          ... and write OUT/ID.pred.json ({"incidents": [...]}); progress on stderr
  --published DATE   publication date that relative dates ("overnight", "yesterday") resolve
                     against; without it such dates stay null
  --language LANG    skip language detection
  --data DIR         also place settlements users added there with 'skywatch place add'
                     (default ./skywatch-data)
  -h, --help         this help

A file that cannot be read (missing, binary, not UTF-8) is reported on stderr and the others
are still processed; the exit code is then 1.`;

interface FileOptions {
  published: string | null;
  language?: LanguageCode;
  places: PlaceResolver;
}

function parseOptions(values: { published?: string; language?: string; data?: string }): FileOptions {
  if (values.published !== undefined && !IsoDate.safeParse(values.published).success) {
    throw new Error(`--published must be a date like 2024-07-21, not '${values.published}'.`);
  }
  if (values.language !== undefined && !Language.safeParse(values.language).success) {
    throw new Error(`--language must be en, ru or uk, not '${values.language}'.`);
  }
  return {
    published: values.published ?? null,
    language: values.language as LanguageCode | undefined,
    places: defaultPlaceResolver(values.data ?? "./skywatch-data"),
  };
}

export async function extractCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      dir: { type: "string" },
      out: { type: "string" },
      published: { type: "string" },
      language: { type: "string" },
      data: { type: "string" },
      explain: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const options = parseOptions(values);
  if (values.dir || values.out) {
    if (!values.dir || !values.out) throw new Error("--dir and --out go together: skywatch extract --dir DIR --out OUT");
    return extractDirectory(values.dir, values.out, options);
  }
  if (!positionals.length) {
    console.error(`skywatch extract: name at least one FILE, or --dir DIR --out OUT.\n\n${HELP}`);
    return 2;
  }
  let failed = 0;
  for (const file of positionals) {
    try {
      if (values.explain) explainFile(file, options);
      else await extractFile(file, options);
    } catch (err) {
      if (!(err instanceof ReportFileError)) throw err;
      console.error(`skywatch extract: ${err.message}`);
      failed++;
    }
  }
  return failed ? 1 : 0;
}

/** The text of FILE, or of standard input for "-". */
function readInput(file: string): string {
  if (file !== "-") return readReportText(file);
  const text = readFileSync(0, "utf8");
  if (text.includes("\u0000")) throw new ReportFileError("standard input holds binary data, not a UTF-8 text report.");
  return text;
}

/** `--explain`: each incident in words, with its evidence and the words each figure came from. */
function explainFile(file: string, options: FileOptions) {
  const text = readInput(file);
  const report = extractReport(text, { ...options, explain: true });
  const lines = [`${file} (${report.language}): ${report.incidents.length} incident(s)`];
  report.incidents.forEach((incident, i) => {
    const where = [incident.settlement, incident.region ?? incident.water_area ?? `${incident.country ?? "no one country"}, country-wide`]
      .filter(Boolean)
      .join(", ");
    const figures = [
      incident.count !== null ? `count ${incident.count} (${incident.count_qualifier})` : null,
      incident.killed !== null ? `killed ${incident.killed}` : null,
      incident.injured !== null ? `injured ${incident.injured}` : null,
      incident.targets.length ? `targets ${incident.targets.map((t) => `${t.type} "${t.text}"`).join(", ")}` : null,
      incident.official ? `said by ${incident.official}` : null,
    ].filter(Boolean);
    lines.push("", `${i + 1}. ${incident.kind} · ${incident.weapon} · ${where} · ${incident.date ?? "date unknown"}`);
    if (figures.length) lines.push(`   ${figures.join("; ")}`);
    for (const step of report.explanations?.[i] ?? []) lines.push(`   - ${step}`);
    lines.push(`   evidence: ${marked(text, incident.evidence_spans, incident.slot_spans ?? {})}`);
  });
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** The evidence sentences with the words of each slot in brackets: "[два] дрона над [Белгородом]". */
function marked(
  text: string,
  spans: Array<{ start: number; end: number }>,
  slots: Record<string, { start: number; end: number } | undefined>,
) {
  const marks = Object.entries(slots)
    .filter((e): e is [string, { start: number; end: number }] => e[1] !== undefined)
    .sort((a, b) => a[1].start - b[1].start);
  return spans
    .map(({ start, end }) => {
      let out = "";
      let at = start;
      for (const [slot, m] of marks) {
        if (m.start < at || m.end > end) continue;
        out += `${text.slice(at, m.start)}[${text.slice(m.start, m.end)}]${slot === "place" ? "" : `{${slot}}`}`;
        at = m.end;
      }
      return out + text.slice(at, end);
    })
    .join(" … ");
}

async function extractFile(file: string, options: FileOptions) {
  if (file === "-" || !isLarge(file)) {
    const report = extractReport(readInput(file), options);
    process.stdout.write(`${JSON.stringify({ file, language: report.language, incidents: report.incidents, flags: report.flags })}\n`);
    return;
  }
  // Large file: extract piece by piece and stream the JSON, so memory does not grow with the file.
  let language: LanguageCode | undefined = options.language;
  let first = true;
  let opened = false;
  const flags: unknown[] = [];
  for await (const chunk of readReportChunks(file)) {
    const report = extractReport(chunk.text, { ...options, language });
    language ??= report.language;
    if (!opened) {
      process.stdout.write(`{"file":${JSON.stringify(file)},"language":${JSON.stringify(language)},"incidents":[`);
      opened = true;
    }
    for (const incident of report.incidents) {
      const shift = (s: { start: number; end: number }) => ({ start: s.start + chunk.offset, end: s.end + chunk.offset });
      incident.evidence_spans = incident.evidence_spans.map(shift);
      if (incident.slot_spans)
        incident.slot_spans = Object.fromEntries(Object.entries(incident.slot_spans).map(([slot, span]) => [slot, span && shift(span)]));
      process.stdout.write((first ? "" : ",") + JSON.stringify(incident));
      first = false;
    }
    flags.push(...report.flags);
  }
  if (!opened) process.stdout.write(`{"file":${JSON.stringify(file)},"language":${JSON.stringify(language ?? "en")},"incidents":[`);
  process.stdout.write(`],"flags":${JSON.stringify(flags)}}\n`);
}

function readMeta(dir: string, id: string): { published?: string | null; language?: string } {
  const path = join(dir, `${id}.meta.json`);
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    console.error(`skywatch extract: ${path}: not valid JSON; extracting ${id}.txt without it.`);
    return {};
  }
}

function extractDirectory(dir: string, out: string, options: FileOptions): number {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: no such directory.`);
  const ids = readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => basename(f, ".txt"))
    .sort();
  mkdirSync(out, { recursive: true });
  let failed = 0;
  let incidents = 0;
  const started = Date.now();
  ids.forEach((id, i) => {
    const meta = readMeta(dir, id);
    const published = meta.published && IsoDate.safeParse(meta.published).success ? meta.published : options.published;
    const language = Language.safeParse(meta.language).success ? (meta.language as LanguageCode) : options.language;
    try {
      const report = extractReport(readReportText(join(dir, `${id}.txt`)), { published, language, places: options.places });
      writeFileSync(join(out, `${id}.pred.json`), `${JSON.stringify({ incidents: report.incidents, flags: report.flags }, null, 1)}\n`);
      incidents += report.incidents.length;
    } catch (err) {
      if (!(err instanceof ReportFileError)) throw err;
      console.error(`skywatch extract: ${err.message}`);
      failed++;
    }
    if (process.stderr.isTTY || (i + 1) % 100 === 0 || i + 1 === ids.length) {
      process.stderr.write(`\rextract: ${i + 1}/${ids.length} reports, ${incidents} incidents, ${failed} failed`);
    }
  });
  process.stderr.write(
    `${ids.length ? "\n" : ""}extract: ${ids.length} reports in ${((Date.now() - started) / 1000).toFixed(1)} s → ${out}\n`,
  );
  return failed ? 1 : 0;
}
