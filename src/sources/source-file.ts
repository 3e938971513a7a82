// sources.yaml: a list of sources to add (or update) at once, for a team to keep under version
// control. Its shape (see sources.example.yaml):
//   sources:
//     - kind: telegram
//       address: kpszsu
//       label: Ukrainian Air Force
//       language: uk
//       type: official
//       every: 5m
// Every entry is checked before any is added, and the errors name the entry.
import { parse } from "yaml";
import { normalizeAddress, parseEvery, SourceError, SourceFields } from "./registry.js";

export function parseSourceFile(text: string, where = "sources.yaml"): SourceFields[] {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw new SourceError(`${where}: not valid YAML (${(err as Error).message.split("\n")[0]})`);
  }
  const list = Array.isArray(data) ? data : (data as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(list)) throw new SourceError(`${where}: expected a list of sources under 'sources:'`);
  const problems: string[] = [];
  const out: SourceFields[] = [];
  list.forEach((entry, i) => {
    const at = `${where}: source ${i + 1}${entry && typeof entry === "object" && "address" in entry ? ` (${String((entry as { address: unknown }).address).slice(0, 60)})` : ""}`;
    // YAML reads 2025-07-01 as a date and `every: 300` as a number.
    const e = { ...(entry as Record<string, unknown>) };
    if (e.backfillUntil instanceof Date) e.backfillUntil = e.backfillUntil.toISOString().slice(0, 10);
    if (typeof e.every === "number") e.every = `${e.every}s`;
    const parsed = SourceFields.safeParse(e);
    if (!parsed.success) {
      problems.push(`${at}: ${parsed.error.issues.map((x) => `${x.path.join(".") || "entry"}: ${x.message}`).join("; ")}`);
      return;
    }
    try {
      normalizeAddress(parsed.data.kind, parsed.data.address);
      if (parsed.data.every !== undefined) parseEvery(parsed.data.every);
    } catch (err) {
      problems.push(`${at}: ${(err as Error).message}`);
      return;
    }
    out.push(parsed.data);
  });
  if (problems.length) throw new SourceError(problems.join("\n"));
  return out;
}
