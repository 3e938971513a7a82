// Re-extraction: the current extractor reads stored reports again (the current version of each),
// and where it now sees other incidents, they become the report's current incidents (the old
// rows stay, marked not current) and the places and days they touch are fused again. Reports are
// read in batches, each batch one transaction that also records which extractor read them
// (report_extractions), so a killed run resumes where it stopped and a second run reads nothing.
import { and, eq, inArray, sql } from "drizzle-orm";
import { type Extraction, extractReport } from "../extract/index.js";
import type { PlaceResolver } from "../extract/place-resolver.js";
import type { LanguageCode } from "../model/incident.js";
import type { Db, Store } from "../store/database.js";
import { canonical, type EventChange, refuse } from "../store/refuse.js";
import { incidentRow } from "../store/reports.js";
import { incidents, reportExtractions, reports } from "../store/schema.js";
import { extractorVersion } from "./extractor-version.js";

export interface ReextractOptions {
  /** Only reports published (or, without a date, stored) on or after this day (YYYY-MM-DD). */
  since?: string | null;
  /** Only reports with a current incident in this region (ISO 3166-2). */
  region?: string | null;
  /** Work out and count everything, then roll each batch back. */
  dryRun?: boolean;
  places?: PlaceResolver | null;
  /** Reports per transaction (default 100; at most EMBEDDED_SLICE on an embedded store). */
  batchSize?: number;
  /** The extractor (default: the real one, extractReport) and its version (default: extractorVersion()); tests inject others. */
  extract?: (text: string, options: { published: string | null; language: LanguageCode; places: PlaceResolver | null }) => Extraction;
  version?: string;
  onProgress?: (done: number, total: number, summary: ReextractSummary) => void;
  /** Stops the run between two batches (each batch is whole or not at all, so a later run goes on from there). */
  signal?: AbortSignal;
  /**
   * Only these reports (a slice of a run fanned out to the workers, src/queue/reextract-queue.ts):
   * since and region were applied by whoever chose them, so they are not applied again.
   */
  ids?: number[];
}

export interface ReextractSummary {
  version: string;
  /** Reports the run had to read (not yet read by this version). */
  reports: number;
  /** Of those, reports whose incidents changed. */
  changedReports: number;
  incidentsAdded: number;
  incidentsRemoved: number;
  incidentsChanged: number;
  events: Record<EventChange["change"], number>;
  failed: number;
  errors: string[];
  dryRun: boolean;
  /** Stopped (signal) before every report was read: a later run reads the rest. */
  stopped: boolean;
}

/** What an incident says, without its row's identity: two extractions that agree here made the same incident. */
const CONTENT = [
  "kind",
  "weapon",
  "country",
  "region",
  "settlement",
  "date",
  "count",
  "countQualifier",
  "groupTotal",
  "killed",
  "injured",
  "targets",
  "official",
  "evidence",
  "evidenceSpans",
  "waterArea",
  "confidence",
  "lat",
  "lon",
  "geoPrecision",
  "geonameid",
  "fusionKey",
] as const;
const content = (row: Record<(typeof CONTENT)[number], unknown>) =>
  canonical(CONTENT.map((k) => (k === "confidence" ? Math.round(Number(row[k]) * 1e4) / 1e4 : row[k])));

class DryRun extends Error {}

/**
 * Reports per transaction at most on an embedded store, whatever batchSize asks (see the loop).
 * A fixed number, not a time budget: a run stopped and started again slices the rest as an
 * uninterrupted run does, so both end with the same event versions (test/store/reextract-crash).
 */
export const EMBEDDED_SLICE = 25;

/** One turn of the event loop. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The reports a run reads: current versions, not yet read by `version`, within the filters; in id order. */
export async function pending(db: Db, version: string, options: ReextractOptions): Promise<number[]> {
  if (options.ids && !options.ids.length) return [];
  const rows = await db.execute(sql`SELECT r.id FROM reports r
    WHERE ${
      options.ids
        ? sql`r.id IN (${sql.join(
            options.ids.map((id) => sql`${id}`),
            sql`, `,
          )}) AND`
        : sql``
    } NOT EXISTS (SELECT 1 FROM reports n WHERE n.natural_key = r.natural_key AND n.version > r.version)
      AND NOT EXISTS (SELECT 1 FROM report_extractions x WHERE x.report_id = r.id AND x.extractor_version = ${version})
      ${options.since && !options.ids ? sql`AND coalesce(r.published, r.ingested_at::date) >= ${options.since}::date` : sql``}
      ${options.region && !options.ids ? sql`AND EXISTS (SELECT 1 FROM incidents i WHERE i.report_id = r.id AND i.current AND i.region = ${options.region})` : sql``}
    ORDER BY r.id`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Array<{ id: number }>;
  return list.map((r) => Number(r.id));
}

/** A run's summary before it has read anything (also what the workers' slices are added into). */
export const emptySummary = (version: string, dryRun = false): ReextractSummary => ({
  version,
  reports: 0,
  changedReports: 0,
  incidentsAdded: 0,
  incidentsRemoved: 0,
  incidentsChanged: 0,
  events: { created: 0, updated: 0, merged: 0, withdrawn: 0 },
  failed: 0,
  errors: [],
  dryRun,
  stopped: false,
});

export async function reextract(store: Store, options: ReextractOptions = {}): Promise<ReextractSummary> {
  const version = options.version ?? extractorVersion();
  const extract = options.extract ?? ((text, o) => extractReport(text, o));
  const places = options.places ?? null;
  const summary = emptySummary(version, options.dryRun ?? false);

  const ids = await pending(store.db, version, options);
  summary.reports = ids.length;
  // An embedded store runs one query at a time, and a transaction whole: slices of a few reports,
  // each its own short transaction, let the server's queries run between them (a batch of 100 held
  // PGlite ~200-400 ms on the sample, and every request waited behind it).
  const size = Math.min(options.batchSize ?? 100, store.kind === "pglite" ? EMBEDDED_SLICE : Number.POSITIVE_INFINITY);
  let done = 0;
  for (let at = 0; at < ids.length; at += size) {
    if (options.signal?.aborted) {
      summary.stopped = true;
      break;
    }
    const batch = ids.slice(at, at + size);
    const texts = await store.db
      .select({ id: reports.id, text: reports.text, published: reports.published, language: reports.language })
      .from(reports)
      .where(inArray(reports.id, batch));
    // Extraction is pure: done before the transaction, which then only writes.
    const extracted = new Map<number, Extraction>();
    for (const r of texts) {
      try {
        extracted.set(r.id, extract(r.text, { published: r.published, language: r.language as LanguageCode, places }));
      } catch (err) {
        summary.failed++;
        summary.errors.push(`report ${r.id}: ${(err as Error).message}`);
      }
      // Extraction holds the event loop: requests that came meanwhile are read (and their queries
      // queued ahead of this slice's transaction) between two reports.
      await turn();
    }
    const counted = { ...summary, events: { ...summary.events } };
    try {
      await store.db.transaction(async (tx) => {
        const db = tx as unknown as Db;
        // Two writers reading one report (workers given overlapping slices: a run killed and started
        // again while its jobs were queued) take turns on its row; the second finds it read, below.
        if (extracted.size)
          await db.execute(
            sql`SELECT id FROM reports WHERE id IN (${sql.join(
              [...extracted.keys()].map((id) => sql`${id}`),
              sql`, `,
            )}) ORDER BY id FOR UPDATE`,
          );
        // A newer version stored meanwhile (a worker, with PostgreSQL) replaced the report, or another
        // writer read it with this version meanwhile: leave it.
        const stillCurrent = await db
          .select({ id: reports.id })
          .from(reports)
          .where(
            and(
              inArray(reports.id, [...extracted.keys()]),
              sql`NOT EXISTS (SELECT 1 FROM reports n WHERE n.natural_key = ${reports.naturalKey} AND n.version > ${reports.version})`,
              sql`NOT EXISTS (SELECT 1 FROM report_extractions x WHERE x.report_id = ${reports.id} AND x.extractor_version = ${version})`,
            ),
          );
        const current = new Set(stillCurrent.map((r) => r.id));
        const old = current.size
          ? await db
              .select()
              .from(incidents)
              .where(and(inArray(incidents.reportId, [...current]), eq(incidents.current, true)))
          : [];
        const oldOf = new Map<number, typeof old>();
        for (const i of old) oldOf.set(i.reportId, [...(oldOf.get(i.reportId) ?? []), i]);
        const touched = new Set<string>();
        const fresh: Array<ReturnType<typeof incidentRow>> = [];
        const unchanged: number[] = [];
        for (const id of current) {
          const before = oldOf.get(id) ?? [];
          const after = (extracted.get(id) as Extraction).incidents.map((i) => incidentRow(id, i, version));
          const a = before.map(content).sort();
          const b = after.map(content).sort();
          if (a.length === b.length && a.every((x, n) => x === b[n])) {
            unchanged.push(id);
            continue;
          }
          counted.changedReports++;
          // Added, removed or changed, told apart by the happening (fusion key) they are about.
          const keysBefore = before.map((i) => i.fusionKey);
          const keysAfter = after.map((i) => i.fusionKey);
          const remaining = [...keysBefore];
          for (const [n, k] of keysAfter.entries()) {
            const match = remaining.indexOf(k);
            if (match < 0) counted.incidentsAdded++;
            else {
              remaining.splice(match, 1);
              if (!a.includes(content(after[n]))) counted.incidentsChanged++;
            }
          }
          counted.incidentsRemoved += remaining.length;
          for (const k of [...keysBefore, ...keysAfter]) touched.add(k);
          fresh.push(...after);
        }
        const replacedReports = [...current].filter((id) => !unchanged.includes(id));
        if (replacedReports.length)
          await db
            .update(incidents)
            .set({ current: false })
            .where(and(inArray(incidents.reportId, replacedReports), eq(incidents.current, true)));
        for (let n = 0; n < fresh.length; n += 1000) await db.insert(incidents).values(fresh.slice(n, n + 1000));
        if (unchanged.length)
          await db
            .update(incidents)
            .set({ extractorVersion: version })
            .where(and(inArray(incidents.reportId, unchanged), eq(incidents.current, true)));
        if (current.size)
          await db
            .insert(reportExtractions)
            .values([...current].map((reportId) => ({ reportId, extractorVersion: version })))
            .onConflictDoNothing();
        for (const change of await refuse(db, [...touched])) counted.events[change.change]++;
        if (options.dryRun) throw new DryRun();
      });
    } catch (err) {
      if (!(err instanceof DryRun)) throw err;
    }
    Object.assign(summary, counted);
    done += batch.length;
    options.onProgress?.(done, ids.length, summary);
  }
  return summary;
}
