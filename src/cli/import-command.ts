// `skywatch import FILE`: reads a record written by `skywatch export` (JSON lines, gzipped when
// the name ends in .gz; '-' for standard input) into an empty store, all or nothing.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { createGunzip } from "node:zlib";
import { importRecord } from "../api/export-record.js";
import { describeStore, storeFromOptions } from "./store-options.js";

const HELP = `Usage: skywatch import FILE [--data DIR]
  Reads a record written by 'skywatch export' (FILE.gz is gunzipped; - reads standard input)
  into the store (DIR/db, or PostgreSQL at DATABASE_URL), which must hold no reports or events.
  Ids, versions and the history of events are kept: the API answers as the exported store did.
  Reports keep no API key (keys are not exported): only admin keys replace them afterwards.
  To read the reports with this version's extractor afterwards: skywatch reextract.`;

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { data: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`skywatch import: name one FILE (or - for standard input).\n${HELP}`);
    return 2;
  }
  const file = positionals[0];
  let input: Readable = file === "-" ? process.stdin : createReadStream(file);
  if (file.endsWith(".gz")) input = input.pipe(createGunzip());
  const store = await storeFromOptions(values.data, "import");
  try {
    // The iterator is taken at once: readline drops the lines it reads before one exists (the store opens meanwhile).
    const iterator = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })[Symbol.asyncIterator]();
    const counts = await importRecord(store, { [Symbol.asyncIterator]: () => iterator });
    const summary = Object.entries(counts)
      .map(([table, n]) => `${n} ${table.replace(/_/g, " ")}`)
      .join(", ");
    console.log(`skywatch import: ${summary || "nothing"} into ${describeStore(values.data)}`);
    return 0;
  } finally {
    await store.close();
  }
}
