// `skywatch watch FEED_URL… --every 5m`: polls feeds with conditional GET and stores new items.
import { parseArgs } from "node:util";
import { defaultPlaceResolver } from "../geo/resolver.js";
import { ingest } from "../ingest/ingest.js";
import { type FeedState, parseInterval, pollFeed } from "../ingest/watch.js";
import { DEFAULT_DATA_DIR, describeStore, storeFromOptions } from "./store-options.js";

const HELP = `Usage: skywatch watch FEED_URL... [--every 5m] [--data DIR] [--once]

Polls RSS/Atom feeds (conditional GET: an unchanged feed is one 304) and stores new items;
items already stored are recognised and skipped. Stops on Ctrl-C; --once polls one round.`;

export async function watchCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      every: { type: "string", default: "5m" },
      data: { type: "string" },
      once: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || !positionals.length) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const interval = parseInterval(values.every ?? "5m");
  for (const url of positionals) if (!/^https?:\/\//.test(url)) throw new Error(`${url} is not an http(s) URL`);
  console.error(`skywatch watch: store: ${describeStore(values.data)}; every ${values.every}`);
  const store = await storeFromOptions(values.data);
  const places = defaultPlaceResolver(values.data ?? DEFAULT_DATA_DIR);
  const states = new Map<string, FeedState>(positionals.map((u) => [u, {}]));
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    while (!stopping) {
      for (const [url, state] of states) {
        const result = await pollFeed(url, state);
        if (result.status === "error") console.error(`skywatch watch: ${result.message}`);
        else if (result.status === "unchanged") console.error(`${new Date().toISOString()} ${url}: unchanged`);
        else {
          const summary = await ingest(store, result.reports, { places });
          console.error(
            `${new Date().toISOString()} ${url}: ${result.reports.length} items, ${summary.stored} new, ${summary.duplicates} known, ${summary.failed} failed`,
          );
        }
      }
      if (values.once) break;
      const until = Date.now() + interval;
      while (!stopping && Date.now() < until) await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
    }
  } finally {
    await store.close();
  }
  return 0;
}
