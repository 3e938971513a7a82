// Large submissions as jobs: POST /api/reports with more than a few dozen reports answers 202
// with a job id at once, and the reports are extracted and stored off the request path, one job
// at a time, yielding to the event loop between reports so that reads never wait behind them.
// Jobs live in this process's memory (an embedded store has one server); GET /api/jobs/:id
// tells their progress and, once done, what a 201 would have carried: the summary and each
// report's outcome (its stored id, or the duplicate's, or why it failed), in request order. The
// 202 already names each report's id (reserved for it: report-intake.ts).
import { randomUUID } from "node:crypto";
import type { IngestOptions, IngestSummary } from "../ingest/ingest.js";
import type { ReportInput } from "../store/reports.js";
import { outcomeCollector, type ReportOutcome } from "./report-routes.js";

export type JobState = "queued" | "running" | "done" | "failed";

export interface JobView {
  id: string;
  state: JobState;
  reports: number;
  /** Reports extracted and stored (or found known, or failed) so far. */
  done: number;
  createdAt: string;
  finishedAt: string | null;
  summary: IngestSummary | null;
  /** Each report's outcome so far, by its place in the request (all of them once done), as a 201 lists them. */
  outcomes: ReportOutcome[];
  error: string | null;
}

export type JobRunner = (
  inputs: ReportInput[],
  onProgress: (done: number) => void,
  onReport: NonNullable<IngestOptions["onReport"]>,
) => Promise<IngestSummary>;

/** Finished jobs are remembered this long (ms), and at most this many. */
const KEEP_MS = 60 * 60 * 1000;
const KEEP_MAX = 1000;

export class ReportJobs {
  private readonly jobs = new Map<string, JobView>();
  /** Each job's outcomes as ingest reports them (put in request order when the job is read). */
  private readonly outcomes = new Map<string, ReturnType<typeof outcomeCollector>>();
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly run: JobRunner,
    private readonly maxPending: number,
  ) {}

  /** Whether maxPending jobs already wait (submit would refuse). */
  full(): boolean {
    return this.pending >= this.maxPending;
  }

  /** Queues the reports; null when maxPending jobs already wait (the caller answers 503). */
  submit(inputs: ReportInput[]): JobView | null {
    if (this.pending >= this.maxPending) return null;
    this.forgetOld();
    const job: JobView = {
      id: randomUUID(),
      state: "queued",
      reports: inputs.length,
      done: 0,
      createdAt: new Date().toISOString(),
      finishedAt: null,
      summary: null,
      outcomes: [],
      error: null,
    };
    this.jobs.set(job.id, job);
    this.pending++;
    const outcomes = outcomeCollector(inputs);
    this.outcomes.set(job.id, outcomes);
    this.chain = this.chain.then(async () => {
      job.state = "running";
      try {
        job.summary = await this.run(
          inputs,
          (done) => {
            job.done = done;
          },
          outcomes.onReport,
        );
        job.done = inputs.length;
        job.state = "done";
      } catch (err) {
        console.error(`skywatch: job ${job.id} failed:`, err);
        job.state = "failed";
        job.error = "the job stopped on an internal error (the server log has the details); send the reports again";
      } finally {
        job.finishedAt = new Date().toISOString();
        this.pending--;
      }
    });
    return { ...job };
  }

  get(id: string): JobView | null {
    const job = this.jobs.get(id);
    return job ? { ...job, outcomes: this.outcomes.get(id)?.outcomes() ?? [] } : null;
  }

  /** Resolves when every submitted job has finished (before the store closes). */
  idle(): Promise<void> {
    return this.chain;
  }

  private forgetOld() {
    const now = Date.now();
    for (const [id, job] of this.jobs) {
      const old = job.finishedAt && now - Date.parse(job.finishedAt) > KEEP_MS;
      if (old || (job.finishedAt && this.jobs.size > KEEP_MAX)) {
        this.jobs.delete(id);
        this.outcomes.delete(id);
      }
    }
  }
}
