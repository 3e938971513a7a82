// Who may write which report. Reading is open; writing through the API takes a key. A key bound
// to a source writes that source only, and a source bound to a key is written by it (or an admin)
// only. A corrected text (a new version under an existing natural key) replaces the incidents of
// the report in the events, so only the key that wrote the report, or an admin, may send one.
import { inArray } from "drizzle-orm";
import { boundSources, mayReplace, type Writer } from "./api-keys.js";
import type { Db } from "./database.js";
import { contentHash, naturalKey, type ReportInput } from "./reports.js";
import { reports } from "./schema.js";

/** What the store knows of the reports a batch would touch. */
export interface WriteFacts {
  /** Sources some key is bound to. */
  bound: Set<string>;
  /** Per natural key: its newest version (id, key that wrote it) and the hashes of all its versions. */
  existing: Map<string, { id: number; version: number; writtenBy: number | null; hashes: Set<string> }>;
}

/** Why this writer may not send these reports (the first reason), or null when it may. */
export function writeRefusal(writer: Writer, inputs: ReportInput[], facts: WriteFacts, label: (i: number) => string): string | null {
  for (const [i, input] of inputs.entries()) {
    const source = input.source ?? "unknown";
    if (writer.role === "admin") continue;
    if (writer.source !== null && source !== writer.source)
      return `${label(i)}: this API key writes reports of source '${writer.source}' only, not '${source}'`;
    if (writer.source === null && facts.bound.has(source))
      return `${label(i)}: source '${source}' belongs to the API key bound to it; send it with that key or an admin key`;
    const hash = contentHash(input.text);
    const known = facts.existing.get(naturalKey(input, hash));
    if (known && !known.hashes.has(hash) && !mayReplace(writer, known.writtenBy))
      return `${label(i)} would replace the text of report ${known.id} (${input.url ?? input.messageId ?? source}), which ${known.writtenBy === null ? "was not written with an API key" : "another API key wrote"}; only the key that wrote it or an admin key may send a corrected text`;
  }
  return null;
}

export async function loadWriteFacts(db: Db, inputs: ReportInput[]): Promise<WriteFacts> {
  const keys = [...new Set(inputs.map((i) => naturalKey(i, contentHash(i.text))))];
  const rows = keys.length
    ? await db
        .select({
          id: reports.id,
          key: reports.naturalKey,
          version: reports.version,
          hash: reports.contentHash,
          writtenBy: reports.writtenBy,
        })
        .from(reports)
        .where(inArray(reports.naturalKey, keys))
    : [];
  const existing: WriteFacts["existing"] = new Map();
  for (const r of rows) {
    const known = existing.get(r.key) ?? { id: r.id, version: 0, writtenBy: null, hashes: new Set<string>() };
    known.hashes.add(r.hash);
    if (r.version > known.version) Object.assign(known, { id: r.id, version: r.version, writtenBy: r.writtenBy });
    existing.set(r.key, known);
  }
  return { bound: await boundSources(db, [...new Set(inputs.map((i) => i.source ?? "unknown"))]), existing };
}
