// Ingestion: reports in, extracted, stored and fused; failures reported and skipped.
import { extractReport } from "../extract/index.js";
import type { PlaceResolver } from "../extract/place-resolver.js";
import type { Store } from "../store/database.js";
import { type IngestResult, type ReportInput, storeReport } from "../store/reports.js";
import { InputError } from "./readers.js";

export interface IngestSummary {
  stored: number;
  duplicates: number;
  newVersions: number;
  failed: number;
  incidents: number;
  errors: string[];
}

export async function ingest(
  store: Store,
  inputs: Iterable<ReportInput | InputError>,
  options: { places?: PlaceResolver | null; onProgress?: (done: number, summary: IngestSummary) => void } = {},
): Promise<IngestSummary> {
  const summary: IngestSummary = { stored: 0, duplicates: 0, newVersions: 0, failed: 0, incidents: 0, errors: [] };
  let done = 0;
  for (const input of inputs) {
    done++;
    if (input instanceof InputError) {
      summary.failed++;
      summary.errors.push(input.message);
    } else {
      try {
        const result: IngestResult = await storeReport(
          store.db,
          input,
          extractReport(input.text, { published: input.published ?? null, language: input.language, places: options.places }),
        );
        if (result.status === "duplicate") summary.duplicates++;
        else if (result.status === "new-version") summary.newVersions++;
        else summary.stored++;
        summary.incidents += result.incidents;
      } catch (err) {
        summary.failed++;
        summary.errors.push(`${input.url ?? input.source ?? "report"}: ${(err as Error).message}`);
      }
    }
    options.onProgress?.(done, summary);
  }
  return summary;
}
