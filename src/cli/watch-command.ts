// `skywatch watch FEED_URL… --every 5m`: polls feeds with conditional GET and stores new items
// (or sends them to a server: --to, or the `skywatch serve` that holds the store).
import { parseArgs } from "node:util";
import { type FeedState, parseInterval, pollFeed } from "../ingest/watch.js";
import { allowPrivateFromEnv } from "../net/guarded-fetch.js";
import { openReportSink } from "./report-sink.js";

const HELP = `Usage: skywatch watch FEED_URL... [--every 5m] [--once] [--data DIR | --to http://host:port [--key KEY]] [--allow-private-urls]
Polls RSS/Atom feeds (conditional GET: an unchanged feed is one 304) and stores new items;
items already stored are recognised and skipped. Stops on Ctrl-C; --once polls one round.
  --data DIR   the embedded store in DIR/db (default ./skywatch-data); when 'skywatch serve'
               runs on it, new items are sent to that server
  --to URL     send new items to a running server instead (POST /api/reports)
  --key KEY    the API key for --to (default: env SKYWATCH_API_KEY); see 'skywatch keys'
  --allow-private-urls   also fetch feeds on loopback, private and link-local addresses
               (an intranet; env SKYWATCH_ALLOW_PRIVATE_URLS=1). By default they are refused,
               after DNS resolution and on every redirect`;

export async function watchCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      every: { type: "string", default: "5m" },
      data: { type: "string" },
      to: { type: "string" },
      key: { type: "string" },
      once: { type: "boolean" },
      "allow-private-urls": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || !positionals.length) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const interval = parseInterval(values.every ?? "5m");
  for (const url of positionals) if (!/^https?:\/\//.test(url)) throw new Error(`${url} is not an http(s) URL`);
  const allowPrivate = values["allow-private-urls"] || allowPrivateFromEnv();
  const sink = await openReportSink({ data: values.data, to: values.to, key: values.key, command: "watch" });
  console.error(`skywatch watch: into ${sink.description}; every ${values.every}`);
  const states = new Map<string, FeedState>(positionals.map((u) => [u, {}]));
  let stopping = false;
  let failed = false;
  const stop = () => {
    stopping = true;
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    while (!stopping) {
      for (const [url, state] of states) {
        const result = await pollFeed(url, state, { allowPrivateUrls: allowPrivate });
        if (result.status === "error") console.error(`skywatch watch: ${result.message}`);
        else if (result.status === "unchanged") console.error(`${new Date().toISOString()} ${url}: unchanged`);
        else {
          const summary = await sink.put(result.reports);
          for (const e of summary.errors) console.error(`skywatch watch: skipped ${e}`);
          // Items the server refused are polled again next round (the feed is fetched in full again).
          if (summary.failed) {
            failed = true;
            delete state.etag;
            delete state.lastModified;
          }
          console.error(
            `${new Date().toISOString()} ${url}: ${result.reports.length} items, ${summary.stored} new, ${summary.newVersions} new versions, ${summary.duplicates} known, ${summary.failed} failed${summary.queued ? `, ${summary.queued} queued` : ""}`,
          );
        }
      }
      if (values.once) break;
      const until = Date.now() + interval;
      while (!stopping && Date.now() < until) await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
    }
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    await sink.close();
  }
  return values.once && failed ? 1 : 0;
}
