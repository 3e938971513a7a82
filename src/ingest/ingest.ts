// Ingestion: reports in, extracted, stored in batches and fused; failures reported and skipped.
import { type Extraction, extractReport } from "../extract/index.js";
import type { PlaceResolver } from "../extract/place-resolver.js";
import type { Store } from "../store/database.js";
import { type IngestResult, type ReportInput, storeReports } from "../store/reports.js";
import { InputError } from "./readers.js";

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

export async function ingest(
  store: Store,
  inputs: Iterable<ReportInput | InputError> | AsyncIterable<ReportInput | InputError>,
  options: { places?: PlaceResolver | null; onProgress?: (done: number, summary: IngestSummary) => void } = {},
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
    summary.errors.push(`${input.url ?? input.source ?? "report"}: ${(err as Error).message}`);
  };
  const flush = async () => {
    if (!batch.length) return;
    const items = batch;
    batch = [];
    try {
      for (const r of await storeReports(store.db, items)) count(r);
    } catch {
      // One bad report must not sink the batch: store them one by one to find it.
      for (const item of items) {
        try {
          for (const r of await storeReports(store.db, [item])) count(r);
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
    if (batch.length >= INGEST_BATCH) await flush();
  }
  await flush();
  return summary;
}
