// `skywatch worker`: extracts and stores queued reports; run as many as the load needs.
import { parseArgs } from "node:util";
import { defaultPlaceResolver } from "../geo/resolver.js";
import { openReportQueue } from "../queue/report-queue.js";
import { startCollection } from "../sources/scheduler.js";
import { openStore } from "../store/database.js";
import { DEFAULT_DATA_DIR } from "./store-options.js";

const HELP = `Usage: DATABASE_URL=postgres://… skywatch worker [--batch 25] [--data DIR]

Takes reports queued by 'skywatch serve' (when DATABASE_URL is set) from the PostgreSQL
queue, extracts and stores them. Start any number, on any machine that reaches the database.
DIR only supplies the places added with 'skywatch place add'.`;

export async function workerCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { batch: { type: "string", default: "25" }, data: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("a worker needs a PostgreSQL server: set DATABASE_URL=postgres://user@host:5432/db");
  const store = await openStore({ url });
  const queue = await openReportQueue(url, { batchSize: Number(values.batch) });
  const places = defaultPlaceResolver(values.data ?? DEFAULT_DATA_DIR);
  let total = 0;
  await queue.work(store, places, (summary, jobs) => {
    total += jobs;
    console.error(
      `worker: ${jobs} reports (${summary.stored} stored, ${summary.duplicates} known, ${summary.failed} failed); ${total} so far`,
    );
  });
  // Workers also collect the registered sources, each source leased by one worker at a time.
  const collector = startCollection(store, places, "worker");
  console.error("worker: waiting for reports (Ctrl-C to stop)");
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await collector?.stop();
  await queue.stop();
  await store.close();
  return 0;
}
