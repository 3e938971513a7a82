// `skywatch ingest PATH…`: text files (with ID.meta.json), directories, JSON lines and Telegram
// exports into the store; or, with --to (or when a `skywatch serve` holds the store), posted to a server.
import { parseArgs } from "node:util";
import { readInputs } from "../ingest/readers.js";
import { allowPrivateFromEnv } from "../net/guarded-fetch.js";
import { formatSummary, openReportSink } from "./report-sink.js";

const HELP = `Usage: skywatch ingest PATH... [--data DIR | --to http://host:port [--key KEY]] [--allow-private-urls]
PATH: a .txt report (with ID.meta.json beside it when present: published, url, title,
language, source), an .html article, an RSS/Atom feed (.xml/.rss/.atom), a .jsonl file (one
{text, published?, url?, title?, language?, source?} per line), a Telegram Desktop export
(result.json), a directory of these, or an http(s) URL of a feed or an article.
The same report twice is stored once; a corrected text becomes a new version.
Reports that fail are listed and skipped; the exit code is then 1.
  --data DIR   the embedded store in DIR/db (default ./skywatch-data); when 'skywatch serve'
               runs on it, the reports are sent to that server
  --to URL     send the reports to a running server instead (POST /api/reports)
  --key KEY    the API key for --to (default: env SKYWATCH_API_KEY); see 'skywatch keys'
  --allow-private-urls   also fetch URLs on loopback, private and link-local addresses
               (an intranet; env SKYWATCH_ALLOW_PRIVATE_URLS=1). By default they are refused,
               after DNS resolution and on every redirect`;

export async function ingestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      data: { type: "string" },
      to: { type: "string" },
      key: { type: "string" },
      "allow-private-urls": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || !positionals.length) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const allowPrivate = values["allow-private-urls"] || allowPrivateFromEnv();
  const inputs = (async function* () {
    for (const p of positionals) yield* readInputs(p, { allowPrivateUrls: allowPrivate });
  })();
  const sink = await openReportSink({ data: values.data, to: values.to, key: values.key, command: "ingest" });
  console.error(`skywatch ingest: into ${sink.description}`);
  try {
    const started = Date.now();
    const summary = await sink.put(inputs, (done, s) => {
      if (done % 50 === 0)
        process.stderr.write(`\ringest: ${done} reports (${s.stored} stored, ${s.duplicates} duplicates, ${s.failed} failed)`);
    });
    for (const e of summary.errors) console.error(`\nskywatch ingest: skipped ${e}`);
    console.error(`\ringest: ${formatSummary(summary)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return summary.failed ? 1 : 0;
  } finally {
    await sink.close();
  }
}
