// Ingestion: reports in, extracted, stored in batches and fused; failures reported and skipped.
import { type Extraction, extractReport } from "../extract/index.js";
import type { PlaceResolver } from "../extract/place-resolver.js";
import type { Store } from "../store/database.js";
import { type IngestResult, ReplacementRefused, type ReportInput, storeReports } from "../store/reports.js";
import { InputError, MAX_TEXT_CHARS } from "./readers.js";
import { textProblem } from "./report-fields.js";

export interface IngestSummary {
  stored: number;
  duplicates: number;
  newVersions: number;
  failed: number;
  incidents: number;
  errors: string[];
}

/** Reports stored per transaction: few round trips, and a crash loses at most one uncommitted batch. */
export const INGEST_BATCH = 100;

export interface IngestOptions {
  places?: PlaceResolver | null;
  onProgress?: (done: number, summary: IngestSummary) => void;
  /** Give the event loop a turn after each report, so that a server answers reads while it ingests. */
  yieldBetweenReports?: boolean;
  /**
   * How a failure the sender did not cause (a database error) is summarised: "cause" gives the
   * database's own message (for the CLI); "generic" says only that it failed, for API answers,
   * and logs the details on the server. Neither repeats the SQL statement or its parameters.
   */
  internalErrors?: "cause" | "generic";
  /** Called with each report's outcome (the API answers with them): stored, duplicate, new version, or failed and why. */
  onReport?: (input: ReportInput, outcome: IngestResult | { status: "failed"; error: string }) => void;
  /** Reports per storing transaction (default INGEST_BATCH); smaller keeps an embedded store's transactions short. */
  batchSize?: number;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What a failure says about itself without the SQL statement drizzle wraps around a database error. */
function describeFailure(err: unknown, mode: "cause" | "generic"): string {
  if (err instanceof ReplacementRefused || err instanceof InputError) return err.message;
  const cause = (err as { cause?: unknown }).cause;
  if (mode === "generic") {
    console.error("skywatch: storing a report failed:", cause ?? err);
    return "could not be stored (an internal error; the server log has the details)";
  }
  return `could not be stored: ${cause instanceof Error ? cause.message : (err as Error).message.split("\n")[0].slice(0, 200)}`;
}

export async function ingest(
  store: Store,
  inputs: Iterable<ReportInput | InputError> | AsyncIterable<ReportInput | InputError>,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const summary: IngestSummary = { stored: 0, duplicates: 0, newVersions: 0, failed: 0, incidents: 0, errors: [] };
  let done = 0;
  let batch: Array<{ input: ReportInput; extraction: Extraction }> = [];
  const count = (result: IngestResult) => {
    if (result.status === "duplicate") summary.duplicates++;
    else if (result.status === "new-version") summary.newVersions++;
    else summary.stored++;
    summary.incidents += result.incidents;
  };
  const fail = (input: ReportInput, err: unknown) => {
    summary.failed++;
    const error = describeFailure(err, options.internalErrors ?? "cause");
    summary.errors.push(`${input.url ?? input.source ?? "report"}: ${error}`);
    options.onReport?.(input, { status: "failed", error });
  };
  const flush = async () => {
    if (!batch.length) return;
    const items = batch;
    batch = [];
    try {
      (await storeReports(store.db, items)).forEach((r, i) => {
        count(r);
        options.onReport?.(items[i].input, r);
      });
    } catch {
      // One bad report must not sink the batch: store them one by one to find it.
      for (const item of items) {
        try {
          for (const r of await storeReports(store.db, [item])) {
            count(r);
            options.onReport?.(item.input, r);
          }
        } catch (err) {
          fail(item.input, err);
        }
      }
    }
    done += items.length;
    options.onProgress?.(done, summary);
  };
  for await (const input of inputs) {
    if (input instanceof InputError) {
      summary.failed++;
      summary.errors.push(input.message);
      continue;
    }
    const problem = textProblem(input.text, MAX_TEXT_CHARS);
    if (problem) {
      fail(input, new InputError(problem));
      continue;
    }
    try {
      const extraction = extractReport(input.text, {
        published: input.published ?? null,
        language: input.language,
        places: options.places,
      });
      batch.push({ input, extraction });
    } catch (err) {
      fail(input, err);
    }
    if (options.yieldBetweenReports) await turn();
    if (batch.length >= (options.batchSize ?? INGEST_BATCH)) await flush();
  }
  await flush();
  return summary;
}
