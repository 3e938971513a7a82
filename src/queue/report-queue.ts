// Scale-out: reports wait in a PostgreSQL-backed queue (pg-boss) and any number of
// `skywatch worker` processes, on any machine, extract and store them. Needs a PostgreSQL
// server (DATABASE_URL); the embedded PGlite store extracts inline instead.
import PgBoss from "pg-boss";
import type { PlaceResolver } from "../extract/place-resolver.js";
import { type IngestSummary, ingest } from "../ingest/ingest.js";
import type { Store } from "../store/database.js";
import type { ReportInput } from "../store/reports.js";

export const REPORT_QUEUE = "skywatch-reports";

/**
 * A job a worker took and did not finish within this many seconds (the worker was killed, or
 * hangs) fails by timeout and is retried by another worker. pg-boss 10 has no heartbeat, so this
 * bounds a batch's work: 25 reports take a few seconds. Storing is idempotent (the same text
 * under the same key is a duplicate), so a report retried after a slow success is stored once.
 */
export const JOB_EXPIRY_SECONDS = 30;
/** How often pg-boss looks for expired jobs (its default is 120 s). */
const MAINTENANCE_SECONDS = 5;
const RETRY = { retryLimit: 5, retryDelay: 2 };

export interface ReportQueue {
  boss: PgBoss;
  enqueue(reports: ReportInput[]): Promise<number>;
  /** Works off the queue until stop(); calls onBatch after each batch of jobs. */
  work(store: Store, places: PlaceResolver | null, onBatch?: (summary: IngestSummary, jobs: number) => void): Promise<void>;
  /** Jobs not yet completed. */
  pending(): Promise<number>;
  stop(): Promise<void>;
}

export async function openReportQueue(
  url: string,
  options: { schema?: string; batchSize?: number; pollingIntervalSeconds?: number } = {},
): Promise<ReportQueue> {
  const boss = new PgBoss({
    connectionString: url,
    schema: options.schema ?? "pgboss",
    maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
  });
  boss.on("error", (err) => console.error(`skywatch queue: ${err.message}`));
  await boss.start();
  const settings = { name: REPORT_QUEUE, expireInSeconds: JOB_EXPIRY_SECONDS, ...RETRY };
  // A queue made by an older version (15-minute expiry) is brought to these settings.
  if (!(await boss.getQueue(REPORT_QUEUE))) await boss.createQueue(REPORT_QUEUE, settings);
  else await boss.updateQueue(REPORT_QUEUE, settings);
  return {
    boss,
    async enqueue(reports) {
      await boss.insert(reports.map((data) => ({ name: REPORT_QUEUE, data })));
      return reports.length;
    },
    async work(store, places, onBatch) {
      await boss.work<ReportInput>(
        REPORT_QUEUE,
        { batchSize: options.batchSize ?? 25, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
        async (jobs) => {
          const summary = await ingest(
            store,
            jobs.map((j) => j.data),
            { places },
          );
          onBatch?.(summary, jobs.length);
        },
      );
    },
    async pending() {
      return boss.getQueueSize(REPORT_QUEUE, { before: "completed" });
    },
    stop: () => boss.stop({ graceful: true, wait: true }),
  };
}
