// `skywatch ingest PATH…`: text files (with ID.meta.json), directories, JSON lines and Telegram
// exports into the store; or, with --to, posted to a running server.
import { parseArgs } from "node:util";
import { defaultPlaceResolver } from "../geo/resolver.js";
import { ingest } from "../ingest/ingest.js";
import { InputError, readInputs } from "../ingest/readers.js";
import type { ReportInput } from "../store/reports.js";
import { DEFAULT_DATA_DIR, describeStore, storeFromOptions } from "./store-options.js";

const HELP = `Usage: skywatch ingest PATH... [--data DIR | --to http://host:port]

PATH: a .txt report (with ID.meta.json beside it when present: published, url, title,
language, source), an .html article, an RSS/Atom feed (.xml/.rss/.atom), a .jsonl file (one
{text, published?, url?, title?, language?, source?} per line), a Telegram Desktop export
(result.json), a directory of these, or an http(s) URL of a feed or an article.
The same report twice is stored once; a corrected text becomes a new version.
Reports that fail are listed and skipped; the exit code is then 1.`;

export async function ingestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { data: { type: "string" }, to: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help || !positionals.length) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const inputs = (async function* () {
    for (const p of positionals) yield* readInputs(p);
  })();
  if (values.to) return postTo(values.to, inputs);
  console.error(`skywatch ingest: store: ${describeStore(values.data)}`);
  const store = await storeFromOptions(values.data);
  try {
    const started = Date.now();
    const summary = await ingest(store, inputs, {
      places: defaultPlaceResolver(values.data ?? DEFAULT_DATA_DIR),
      onProgress: (done, s) => {
        if (done % 50 === 0)
          process.stderr.write(`\ringest: ${done} reports (${s.stored} stored, ${s.duplicates} duplicates, ${s.failed} failed)`);
      },
    });
    for (const e of summary.errors) console.error(`\nskywatch ingest: skipped ${e}`);
    console.error(
      `\ringest: ${summary.stored} stored, ${summary.newVersions} new versions, ${summary.duplicates} duplicates, ${summary.failed} failed, ${summary.incidents} incidents in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return summary.failed ? 1 : 0;
  } finally {
    await store.close();
  }
}

async function postTo(base: string, inputs: AsyncIterable<ReportInput | InputError>): Promise<number> {
  let failed = 0;
  const batch: ReportInput[] = [];
  const send = async () => {
    if (!batch.length) return;
    const res = await fetch(new URL("/api/reports", base), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(batch),
    });
    const body = (await res.json()) as { failed?: number; error?: string };
    if (!res.ok) throw new Error(`${base} answered ${res.status}: ${body.error ?? ""}`);
    failed += body.failed ?? 0;
    console.error(`posted ${batch.length} reports: ${JSON.stringify(body)}`);
    batch.length = 0;
  };
  for await (const input of inputs) {
    if (input instanceof InputError) {
      console.error(`skywatch ingest: skipped ${input.message}`);
      failed++;
      continue;
    }
    batch.push(input);
    if (batch.length >= 100) await send();
  }
  await send();
  return failed ? 1 : 0;
}
