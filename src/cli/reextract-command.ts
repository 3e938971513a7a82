// `skywatch reextract`: the current extractor reads the stored reports again, and the events of
// the places and days whose incidents changed are fused again (src/ingest/reextract.ts).
import { parseArgs } from "node:util";
import { defaultPlaceResolver } from "../geo/resolver.js";
import { extractorVersion } from "../ingest/extractor-version.js";
import { type ReextractSummary, reextract } from "../ingest/reextract.js";
import { isCalendarDate } from "../ingest/report-fields.js";
import { describeHolder, StoreBusyError } from "../store/data-dir-lock.js";
import { DEFAULT_DATA_DIR, describeStore, storeFromOptions } from "./store-options.js";

const HELP = `Usage: skywatch reextract [--since DATE] [--region R] [--dry-run] [--batch 100] [--data DIR]

Reads the stored reports (the current version of each) again with this version of the
extractor and its language data, and where it now finds other incidents, stores them as the
report's current incidents (the old ones are kept, not current) and fuses the events of the
places and days they touch again. Events keep their ids (see the README, "Event identity").
Reports this extractor version has read already are skipped: a second run changes nothing,
and a run that was stopped (even with kill -9) goes on where it stopped.
  --since DATE   only reports published on or after DATE (YYYY-MM-DD; stored on or after, when undated)
  --region R     only reports with an incident in region R (ISO 3166-2, e.g. RU-BEL)
  --dry-run      count what would change, change nothing
  --batch N      reports per transaction (default 100)
  --data DIR     the embedded store in DIR/db (default ./skywatch-data); with DATABASE_URL,
                 the PostgreSQL server (reextract may run beside serve and workers there)`;

export function formatReextract(s: ReextractSummary): string {
  const e = s.events;
  return (
    `${s.reports} reports read, ${s.changedReports} with other incidents: ${s.incidentsAdded} incidents added, ` +
    `${s.incidentsRemoved} removed, ${s.incidentsChanged} changed; events: ${e.created} created, ${e.updated} updated, ` +
    `${e.merged} merged, ${e.withdrawn} withdrawn${s.failed ? `; ${s.failed} reports failed` : ""}${s.dryRun ? " (dry run: nothing was changed)" : ""}`
  );
}

export async function reextractCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      since: { type: "string" },
      region: { type: "string" },
      "dry-run": { type: "boolean" },
      batch: { type: "string", default: "100" },
      data: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.since && !isCalendarDate(values.since)) throw new Error(`--since takes a date like 2025-07-01 (got '${values.since}')`);
  if (values.region && !/^(RU|UA)-[A-Z0-9]{2,3}$/.test(values.region))
    throw new Error(`--region takes an ISO 3166-2 code such as RU-BEL (got '${values.region}')`);
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`--batch takes a positive number (got '${values.batch}')`);

  const store = await storeFromOptions(values.data, "reextract").catch((err) => {
    if (err instanceof StoreBusyError)
      // Re-extraction is long, batch after batch: it runs on the store itself, not through a server's request.
      throw new Error(
        `the store ${describeStore(values.data)} is in use by ${describeHolder(err.holder)}. ` +
          `Stop it (Ctrl-C), run 'skywatch reextract', then start it again — or keep the store in PostgreSQL (DATABASE_URL), where reextract runs beside serve.`,
      );
    throw err;
  });
  const version = extractorVersion();
  console.error(`skywatch reextract: ${describeStore(values.data)}, extractor ${version}${values["dry-run"] ? " (dry run)" : ""}`);
  try {
    const started = Date.now();
    const summary = await reextract(store, {
      since: values.since ?? null,
      region: values.region ?? null,
      dryRun: values["dry-run"] ?? false,
      batchSize,
      places: defaultPlaceResolver(values.data ?? DEFAULT_DATA_DIR),
      version,
      onProgress: (done, total, s) =>
        process.stderr.write(
          `reextract: ${done}/${total} reports, ${s.changedReports} changed, ${s.events.updated + s.events.created} events\n`,
        ),
    });
    for (const e of summary.errors) console.error(`skywatch reextract: ${e}`);
    console.log(`reextract: ${formatReextract(summary)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return summary.failed ? 1 : 0;
  } finally {
    await store.close();
  }
}
