// `skywatch demo`: runs the extractor over the bundled sample reports (data/sample) and prints
// what it found, one line per incident — the quickest way to see Skywatch work.
import { parseArgs } from "node:util";
import { readDataFile } from "../data-files.js";
import { extractReport } from "../extract/index.js";
import type { Incident } from "../model/incident.js";

const HELP = `Usage: skywatch demo [--json]

Extracts incidents from the sample reports shipped in data/sample and prints them.
  --json   one JSON object per report instead of the table`;

interface SampleReport {
  id: string;
  published: string | null;
  language: "en" | "ru" | "uk";
  title: string;
  text: string;
}

const cell = (v: unknown, width: number) =>
  String(v ?? "–")
    .slice(0, width)
    .padEnd(width);

function row(i: Incident): string {
  const count = i.count !== null ? `${i.count_qualifier === "exact" ? "" : "~"}${i.count}` : i.group_total ? `(${i.group_total})` : "–";
  return [
    cell(i.date, 10),
    cell(i.kind, 12),
    cell(i.weapon, 10),
    cell(i.region ?? i.water_area ?? i.country, 12),
    cell(i.settlement, 16),
    cell(count, 6),
    cell(i.killed, 6),
    cell(i.injured, 7),
    cell(i.official, 30),
  ].join(" ");
}

export async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const reports = readDataFile("sample/reports.jsonl")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as SampleReport);
  if (!values.json) {
    console.log(
      [
        cell("date", 10),
        cell("kind", 12),
        cell("weapon", 10),
        cell("region", 12),
        cell("settlement", 16),
        cell("count", 6),
        cell("killed", 6),
        cell("injured", 7),
        "official",
      ].join(" "),
    );
  }
  let total = 0;
  for (const r of reports) {
    const result = extractReport(r.text, { published: r.published, language: r.language });
    total += result.incidents.length;
    if (values.json) console.log(JSON.stringify({ id: r.id, ...result }));
    else for (const i of result.incidents) console.log(row(i));
  }
  if (!values.json) console.log(`\n${total} incidents from ${reports.length} sample reports (data/sample). Try: npx skywatch extract FILE`);
  return 0;
}
