// `skywatch export [FILE]`: the whole record (reports, incidents, events and their history,
// claims, sources, local places) as JSON lines, gzipped when FILE ends in .gz; standard output
// without FILE or with '-'. `skywatch import` reads it back into an empty store.

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { createGzip } from "node:zlib";
import { exportRecord } from "../api/export-record.js";
import { describeStore, storeFromOptions } from "./store-options.js";

const HELP = `Usage: skywatch export [FILE] [--data DIR]
  Writes the whole record of the store (DIR/db, or PostgreSQL at DATABASE_URL) as JSON lines:
  reports (every version), incidents, events with their history, claims, sources, local places.
  FILE ending in .gz is gzipped; without FILE (or with -) it goes to standard output.
  API keys and alert subscriptions are not exported (they hold secrets).
  Read it back with 'skywatch import FILE' into an empty store. An embedded store is locked
  while 'skywatch serve' runs: stop it first (or export from PostgreSQL, which needs no lock).`;

async function put(out: Writable, chunk: string) {
  if (!out.write(chunk)) await once(out, "drain");
}

export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { data: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 1) {
    console.error(`skywatch export: one FILE at most.\n${HELP}`);
    return 2;
  }
  const file = positionals[0] && positionals[0] !== "-" ? positionals[0] : null;
  const store = await storeFromOptions(values.data, "export");
  try {
    const sink = file ? createWriteStream(file, { mode: 0o600 }) : process.stdout;
    const gzip = file?.endsWith(".gz") ? createGzip() : null;
    if (gzip) gzip.pipe(sink);
    const out = gzip ?? sink;
    const counts = await exportRecord(store, (line) => put(out, line));
    if (file) {
      out.end();
      await once(sink, "finish");
    }
    const summary = Object.entries(counts)
      .map(([table, n]) => `${n} ${table.replace(/_/g, " ")}`)
      .join(", ");
    console.error(`skywatch export: ${summary} from ${describeStore(values.data)}${file ? ` → ${file}` : ""}`);
    return 0;
  } finally {
    await store.close();
  }
}
