// `skywatch serve`: the API on the store; on first start it loads the bundled sample reports.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildServer } from "../api/server.js";
import { readDataFile } from "../data-files.js";
import { defaultPlaceResolver } from "../geo/resolver.js";
import { ingest } from "../ingest/ingest.js";
import { reportFromJson } from "../ingest/readers.js";
import { openReportQueue } from "../queue/report-queue.js";
import { DEFAULT_DATA_DIR, describeStore, storeFromOptions } from "./store-options.js";

/** The dashboard as Vite builds it (dist/web, beside this compiled file's folder). */
const WEB_ROOT = fileURLToPath(new URL("../web", import.meta.url));

const HELP = `Usage: skywatch serve [--port 8080] [--host 127.0.0.1] [--data DIR] [--no-sample] [--cors ORIGIN]

Serves the dashboard at / and the API (/api/docs lists it: events, reports, daily
counts, CSV and GeoJSON export, map layers, live stream) on the store: embedded PGlite in
DIR/db (default ./skywatch-data), or PostgreSQL when DATABASE_URL is set. An empty store
gets the sample reports of data/sample on first start, unless --no-sample. With
DATABASE_URL, POST /api/reports queues reports for 'skywatch worker' processes.`;

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: process.env.PORT ?? "8080" },
      host: { type: "string", default: "127.0.0.1" },
      data: { type: "string" },
      "no-sample": { type: "boolean" },
      cors: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not '${values.port}'`);
  console.error(`skywatch: opening the store (${describeStore(values.data)})…`);
  const store = await storeFromOptions(values.data);
  const places = defaultPlaceResolver(values.data ?? DEFAULT_DATA_DIR);
  const [{ reports }] = await store.execute("SELECT count(*)::int AS reports FROM reports");
  if (Number(reports) === 0 && !values["no-sample"]) {
    const samples = readDataFile("sample/reports.jsonl")
      .trim()
      .split("\n")
      .map((l, i) => reportFromJson(JSON.parse(l), `sample ${i + 1}`));
    const summary = await ingest(store, samples, { places });
    console.error(`skywatch: loaded ${summary.stored} sample reports (${summary.incidents} incidents)`);
  }
  // With a PostgreSQL server, submissions go to the queue for 'skywatch worker' processes.
  const queue = process.env.DATABASE_URL ? await openReportQueue(process.env.DATABASE_URL) : null;
  if (queue) console.error("skywatch: POST /api/reports queues reports for 'skywatch worker' processes");
  const app = buildServer({ store, places, queue, corsOrigin: values.cors ?? null, webRoot: WEB_ROOT });
  const address = await app.listen({ port, host: values.host });
  console.log(`skywatch: serving on ${address} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await app.close();
  await queue?.stop();
  await store.close();
  return 0;
}
