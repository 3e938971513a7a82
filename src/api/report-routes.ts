// Reports over HTTP, besides their submission (server.ts):
//   GET /api/reports   browse the stored reports {reports, total, next}: source, language, from, to
//                      (published), versions=latest|all, limit, cursor
// and what POST /api/reports answers for each report it stored.
import type { FastifyInstance } from "fastify";
import type { Store } from "../store/database.js";
import type { IngestResult, ReportInput } from "../store/reports.js";
import { listReports, ReportFilter } from "./report-queries.js";

export function reportRoutes(app: FastifyInstance, store: Store) {
  app.get("/api/reports", async (req) => listReports(store.db, ReportFilter.parse(req.query)));
}

/** One submitted report's outcome, by its place in the request (0 for a single object). */
export interface ReportOutcome {
  index: number;
  status: IngestResult["status"] | "failed";
  /** The stored report's id (for a duplicate: the report stored before). */
  reportId?: number;
  version?: number;
  incidents?: number;
  /** Why it failed. */
  error?: string;
  /** Where the stored report is read: /api/reports/ID. */
  href?: string;
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
