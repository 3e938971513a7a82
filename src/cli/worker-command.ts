// `skywatch worker`: extracts and stores queued reports; run as many as the load needs.
import { parseArgs } from "node:util";
import { startAlerts } from "../alerts/dispatcher.js";
import { livePlaceResolver } from "../geo/live-places.js";
import { REEXTRACT_EXPIRY_SECONDS } from "../queue/reextract-queue.js";
import { DEFAULT_BATCH, JOB_EXPIRY_SECONDS, openReportQueue } from "../queue/report-queue.js";
import { startCollection } from "../sources/scheduler.js";
import { openStore } from "../store/database.js";
import { DEFAULT_DATA_DIR } from "./store-options.js";
import { listenForStop, signalExitCode } from "./worker-signals.js";

const HELP = `Usage: DATABASE_URL=postgres://… skywatch worker [--batch 100] [--data DIR]

Takes reports queued by 'skywatch serve' (when DATABASE_URL is set) from the PostgreSQL
queue, extracts and stores them. Start any number, on any machine that reaches the database.
DIR only supplies the places added with 'skywatch place add'.
When no report waits, workers share the slices of a 'skywatch reextract' run (with DATABASE_URL).
Workers also collect the registered sources and send alerts (webhooks; email with
SKYWATCH_SMTP_URL), sharing the work through the database. --public-url (env
SKYWATCH_PUBLIC_URL) is where subscribers reach the server, for the links in alerts;
--allow-private-urls (env SKYWATCH_ALLOW_PRIVATE_URLS=1) lets outbound requests reach
loopback, private and link-local addresses.
Ctrl-C or SIGTERM: takes no more jobs, finishes those it holds (and the source collection and
alerts under way), then exits; a second Ctrl-C or SIGTERM exits at once (its jobs go back to the
queue when they expire).`;

export async function workerCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      batch: { type: "string", default: String(DEFAULT_BATCH) },
      data: { type: "string" },
      "public-url": { type: "string" },
      "allow-private-urls": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  // One switch for every outbound request of this process: webhooks and sources.
  if (values["allow-private-urls"]) process.env.SKYWATCH_ALLOW_PRIVATE_URLS = "1";
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("a worker needs a PostgreSQL server: set DATABASE_URL=postgres://user@host:5432/db");
  const store = await openStore({ url });
  const queue = await openReportQueue(url, { batchSize: Number(values.batch) });
  // The places users add ('skywatch place add') are picked up while this runs, without a restart.
  const live = await livePlaceResolver(store, { dataDir: values.data ?? DEFAULT_DATA_DIR });
  const places = live.places;
  // Listened for before any work starts, so that no signal finds the default action (an abrupt end) meanwhile.
  const signals = listenForStop((signal) => {
    console.error(
      `worker: stopped at once (${signal}); the jobs it held go back to the queue when they expire (reports after ${JOB_EXPIRY_SECONDS} s, re-extraction slices after ${REEXTRACT_EXPIRY_SECONDS} s)`,
    );
    process.exit(signalExitCode(signal));
  });
  let total = 0;
  await queue.work(
    store,
    places,
    (summary, jobs) => {
      total += jobs;
      console.error(
        `worker: ${jobs} reports (${summary.stored} stored, ${summary.duplicates} known, ${summary.failed} failed); ${total} so far`,
      );
    },
    // Slices of a 'skywatch reextract' run, taken when no report waits.
    (s) => console.error(`worker: re-extracted ${s.reports} reports (${s.changedReports} with other incidents)`),
  );
  // Workers also collect the registered sources, each source leased by one worker at a time.
  const collector = startCollection(store, places, "worker");
  const alerts = startAlerts(store, {
    who: "worker",
    places,
    publicUrl: values["public-url"] ?? process.env.SKYWATCH_PUBLIC_URL,
    allowPrivate: process.env.SKYWATCH_ALLOW_PRIVATE_URLS === "1",
  });
  console.error("worker: waiting for reports (Ctrl-C to stop)");
  const signal = await signals.first;
  // The queue first and at once: no job is taken from here on, whatever else takes its time to stop.
  const queueStopped = queue.stop();
  const held = queue.held();
  console.error(
    `worker: stopping (${signal}): taking no more jobs; finishing ${held.reports} reports and ${held.slices} re-extraction slices in flight, ` +
      `and the source collection and alerts under way (Ctrl-C or SIGTERM again to stop at once)`,
  );
  await Promise.all([queueStopped, collector?.stop(), alerts?.stop()]);
  live.stop();
  await store.close();
  signals.dispose();
  console.error("worker: stopped");
  return 0;
}
