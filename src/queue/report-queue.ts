// Scale-out: reports wait in a PostgreSQL-backed queue (pg-boss) and any number of
// `skywatch worker` processes, on any machine, extract and store them. Needs a PostgreSQL
// server (DATABASE_URL); the embedded PGlite store extracts inline instead.
import PgBoss from "pg-boss";
import type { PlaceResolver } from "../extract/place-resolver.js";
import { type IngestSummary, ingest } from "../ingest/ingest.js";
import type { Store } from "../store/database.js";
import type { ReportInput } from "../store/reports.js";

export const REPORT_QUEUE = "skywatch-reports";

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
  const boss = new PgBoss({ connectionString: url, schema: options.schema ?? "pgboss" });
  boss.on("error", (err) => console.error(`skywatch queue: ${err.message}`));
  await boss.start();
  if (!(await boss.getQueue(REPORT_QUEUE))) await boss.createQueue(REPORT_QUEUE, { name: REPORT_QUEUE, retryLimit: 3, retryDelay: 5 });
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
