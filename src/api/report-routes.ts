// Reports over HTTP, besides their submission (server.ts):
//   GET /api/reports   browse the stored reports {reports, total, next}: source, language, from, to
//                      (published), versions=latest|all, limit, cursor
// and what POST /api/reports answers (the same shape whether it extracted the reports at once, made
// a job of them or queued them for workers): the summary, `queued`, each report's outcome with its
// id (reserved before extraction for a queued one: report-intake.ts), and the job, if any.
import type { FastifyInstance } from "fastify";
import type { IngestSummary } from "../ingest/ingest.js";
import type { Store } from "../store/database.js";
import type { IngestResult, ReportInput } from "../store/reports.js";
import type { Intake } from "./report-intake.js";
import type { JobView } from "./report-jobs.js";
import { listReports, ReportFilter } from "./report-queries.js";

export function reportRoutes(app: FastifyInstance, store: Store) {
  app.get("/api/reports", async (req) => listReports(store.db, ReportFilter.parse(req.query)));
}

/** One submitted report's outcome, by its place in the request (0 for a single object). */
export interface ReportOutcome {
  index: number;
  /** queued: to be extracted (by a job or a worker) and stored under `reportId`. */
  status: IngestResult["status"] | "failed" | "queued";
  /** The stored report's id (for a duplicate: the report stored before; queued: the id it will be stored under). */
  reportId?: number;
  version?: number;
  incidents?: number;
  /** Why it failed. */
  error?: string;
  /** Where the stored report is read: /api/reports/ID. */
  href?: string;
}

/** What POST /api/reports answers, in every mode. */
export interface SubmissionAnswer extends IngestSummary {
  /** Reports to be extracted later (by the job, or by workers), each with its reportId in `reports`. */
  queued: number;
  reports: ReportOutcome[];
  /** The job a large submission became on an embedded store (GET `status` for its progress); else null. */
  job: JobView | null;
  status: string | null;
}

/** The answer for reports taken to be extracted later: duplicates known now, the others queued under their reserved ids. */
export function queuedAnswer(plan: Intake[], job: JobView | null): SubmissionAnswer {
  const reports = plan.map((p, index) => ({ index, ...p, href: `/api/reports/${p.reportId}` }));
  const duplicates = plan.filter((p) => p.status === "duplicate").length;
  return {
    stored: 0,
    duplicates,
    newVersions: 0,
    failed: 0,
    incidents: 0,
    errors: [],
    queued: plan.length - duplicates,
    reports,
    job,
    status: job ? `/api/jobs/${job.id}` : null,
  };
}

/** Collects each report's outcome, in request order, as ingest reports them. */
export function outcomeCollector(inputs: ReportInput[]) {
  const indexOf = new Map(inputs.map((input, index) => [input, index]));
  const outcomes: ReportOutcome[] = [];
  return {
    onReport(input: ReportInput, outcome: IngestResult | { status: "failed"; error: string }) {
      const index = indexOf.get(input) ?? -1;
      outcomes.push(
        outcome.status === "failed"
          ? { index, status: "failed", error: outcome.error }
          : { index, ...outcome, href: `/api/reports/${outcome.reportId}` },
      );
    },
    outcomes: () => [...outcomes].sort((a, b) => a.index - b.index),
  };
}
