// Storing reports and their incidents, and keeping events fused — a batch of reports in one
// transaction, so a crash leaves each report either whole or absent.
import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Extraction } from "../extract/index.js";
import { fusionBase, fusionKey } from "../fuse/fusion.js";
import { extractorVersion } from "../ingest/extractor-version.js";
import { isHttpUrl } from "../ingest/report-fields.js";
import { canonicalUrl, contentFingerprint } from "../ingest/source-identity.js";
import type { Incident } from "../model/incident.js";
import { mayReplace, type Writer } from "./api-keys.js";
import type { Db } from "./database.js";
import { insertIncidents, insertReportExtractions, insertReports } from "./prepared.js";
import { fusePending, refuseUnlessBusy } from "./refuse.js";
import { incidents, reports } from "./schema.js";

export { refuse } from "./refuse.js";

export interface ReportInput {
  text: string;
  published?: string | null;
  url?: string | null;
  title?: string | null;
  language?: "en" | "ru" | "uk";
  source?: string | null;
  /** Telegram message id and the like, when there is no URL. */
  messageId?: string | null;
  /** Who sends it through the API (set by the server from the key, never from a body); none = trusted (CLI on the store). */
  writer?: Writer | null;
  /** The registered source (table sources) it was collected from; null for reports sent or read otherwise. */
  sourceId?: number | null;
  /**
   * The id reserved for it from the reports' sequence (reserveReportIds) when the API answered
   * before extracting it; stored under this id if it is new (set by the server, never from a body).
   */
  reportId?: number | null;
}

/** A writer sent a corrected text of a report that another key wrote. */
export class ReplacementRefused extends Error {}

export type IngestStatus = "stored" | "duplicate" | "new-version";

export interface IngestResult {
  status: IngestStatus;
  reportId: number;
  version: number;
  incidents: number;
}

export function contentHash(text: string): string {
  return createHash("sha256").update(text.replace(/\r\n/g, "\n").trim()).digest("hex");
}

/**
 * The report's identity, under which its versions are kept: its canonical URL when it has one
 * (whatever source read it: a feed item and the page fetched by URL are one report), else the
 * source and its message id, else the source and the text's hash.
 */
export function naturalKey(input: ReportInput, hash: string): string {
  if (input.url && isHttpUrl(input.url)) return `url:${canonicalUrl(input.url)}`;
  const source = input.source ?? "unknown";
  return `${source}|${input.messageId ? `msg:${input.messageId}` : `sha256:${hash}`}`;
}

/** Keys the same report was stored under before canonical identities (source + URL as given, source + message id). */
export function legacyKeys(input: ReportInput): string[] {
  const source = input.source ?? "unknown";
  return [...(input.url ? [`${source}|${input.url}`] : []), ...(input.url && input.messageId ? [`${source}|msg:${input.messageId}`] : [])];
}

/** Dates that do not tell two accounts apart: the same day, or one of them undated. */
const sameDay = (a: string | null | undefined, b: string | null | undefined) => !a || !b || a === b;

/** Stores a report and its incidents (extracted beforehand), then re-fuses the events touched. */
export async function storeReport(db: Db, input: ReportInput, extraction: Extraction): Promise<IngestResult> {
  return (await storeReports(db, [{ input, extraction }]))[0];
}

/** A report stored under its natural key (or a key of before) or with the same text, as the intake compares them. */
export interface StoredAlike {
  existing: Array<{ id: number; key: string; hash: string; version: number; writtenBy: number | null }>;
  byFingerprint: Map<string, Array<{ id: number; published: string | null; version: number }>>;
}

/**
 * The stored reports that new ones may repeat: those under their keys, and those with the same text.
 * A report stored under a key of before (source + URL) keeps its versions under it, so an item's key
 * becomes that older key (items are changed in place). Used by storeReports and by the API's intake,
 * which must answer with the same verdicts before a worker stores the reports.
 */
export async function storedAlike(db: Db, items: Array<{ key: string; legacy: string[]; fingerprint: string }>): Promise<StoredAlike> {
  const keys = [...new Set(items.flatMap((i) => [i.key, ...i.legacy]))];
  const existing = await db
    .select({
      id: reports.id,
      key: reports.naturalKey,
      hash: reports.contentHash,
      version: reports.version,
      writtenBy: reports.writtenBy,
    })
    .from(reports)
    .where(inArray(reports.naturalKey, keys));
  const stored = new Set(existing.map((r) => r.key));
  for (const item of items) if (!stored.has(item.key)) item.key = item.legacy.find((k) => stored.has(k)) ?? item.key;
  // The same text (title and white space aside) of the same day is the same account, under whichever key it came.
  const twins = await db
    .select({ id: reports.id, fingerprint: reports.fingerprint, published: reports.published, version: reports.version })
    .from(reports)
    .where(inArray(reports.fingerprint, [...new Set(items.map((i) => i.fingerprint))]));
  const byFingerprint = new Map<string, Array<{ id: number; published: string | null; version: number }>>();
  for (const t of twins) byFingerprint.set(t.fingerprint, [...(byFingerprint.get(t.fingerprint) ?? []), t]);
  return { existing, byFingerprint };
}

/**
 * Stores a batch of reports in one transaction (all or nothing, so a crash mid-batch leaves no
 * half-stored report) with a few bulk statements, then re-fuses the events they touch.
 */
export async function storeReports(
  db: Db,
  batch: Array<{ input: ReportInput; extraction: Extraction; extractorVersion?: string }>,
): Promise<IngestResult[]> {
  if (!batch.length) return [];
  const items = batch.map(({ input, extraction, extractorVersion: version }) => {
    const hash = contentHash(input.text);
    return {
      input,
      extraction,
      extractorVersion: version,
      hash,
      fingerprint: contentFingerprint(input.text, input.title),
      key: naturalKey(input, hash),
      legacy: legacyKeys(input),
    };
  });
  let busy: string[] = [];
  const results = await db.transaction(async (tx) => {
    const { existing, byFingerprint } = await storedAlike(tx as unknown as Db, items);
    const known = new Map(existing.map((r) => [`${r.key}|${r.hash}`, r]));
    const latest = new Map<string, number>();
    const latestWriter = new Map<string, number | null>();
    for (const r of existing)
      if (r.version > (latest.get(r.key) ?? 0)) {
        latest.set(r.key, r.version);
        latestWriter.set(r.key, r.writtenBy);
      }

    const results: Array<IngestResult | undefined> = new Array(items.length);
    const fresh: Array<{ at: number; version: number }> = [];
    items.forEach((item, at) => {
      const seen = known.get(`${item.key}|${item.hash}`);
      if (seen) {
        results[at] = { status: "duplicate", reportId: seen.id, version: seen.version, incidents: 0 };
        return;
      }
      const twin = byFingerprint.get(item.fingerprint)?.find((t) => sameDay(t.published, item.input.published));
      if (twin) {
        results[at] = { status: "duplicate", reportId: twin.id, version: twin.version, incidents: 0 };
        return;
      }
      const version = (latest.get(item.key) ?? 0) + 1;
      const writer = item.input.writer;
      // Checked again here, in the transaction, whatever the API checked before.
      if (version > 1 && writer && !mayReplace(writer, latestWriter.get(item.key) ?? null))
        throw new ReplacementRefused(
          `${item.input.url ?? item.input.messageId ?? item.key}: a corrected text needs the API key that wrote the report, or an admin key`,
        );
      latest.set(item.key, version);
      latestWriter.set(item.key, writer?.keyId ?? null);
      // A twin later in the batch points at this one (-1 - its place), given its id once inserted.
      const placeholder = -1 - at;
      known.set(`${item.key}|${item.hash}`, { id: placeholder, key: item.key, hash: item.hash, version, writtenBy: writer?.keyId ?? null });
      byFingerprint.set(item.fingerprint, [
        ...(byFingerprint.get(item.fingerprint) ?? []),
        { id: placeholder, published: item.input.published ?? null, version },
      ]);
      fresh.push({ at, version });
    });
    if (!fresh.length) return results as IngestResult[];

    const rows = fresh.map(({ at, version }) => {
      const { input, extraction, hash, key, fingerprint } = items[at];
      return {
        id: input.reportId ?? null,
        source: input.source ?? "unknown",
        natural_key: key,
        version,
        url: input.url ?? null,
        title: input.title ?? null,
        published: input.published ?? null,
        language: extraction.language,
        text: input.text,
        content_hash: hash,
        fingerprint,
        flags: extraction.flags,
        written_by: input.writer?.keyId ?? null,
        source_id: input.sourceId ?? null,
      };
    });
    // The ids come back under each report's key and version (unique together), in the order of `fresh`.
    const ids = new Map((await insertReports(tx as unknown as Db, rows)).map((r) => [`${r.key}|${r.version}`, Number(r.id)]));
    const inserted = rows.map((r) => ({ id: ids.get(`${r.natural_key}|${r.version}`) as number, key: r.natural_key, version: r.version }));

    const touched = new Set<string>();
    // A corrected text replaces the incidents of the older versions of its report in the events.
    const corrected = inserted.filter((r) => r.version > 1);
    if (corrected.length) {
      const newest = new Map(corrected.map((r) => [r.key, r.version]));
      const older = await tx
        .select({ id: reports.id, key: reports.naturalKey, version: reports.version })
        .from(reports)
        .where(inArray(reports.naturalKey, [...newest.keys()]));
      const oldIds = older.filter((r) => r.version < (newest.get(r.key) ?? 0)).map((r) => r.id);
      if (oldIds.length) {
        const replaced = await tx
          .update(incidents)
          .set({ current: false })
          .where(and(inArray(incidents.reportId, oldIds), eq(incidents.current, true)))
          .returning({ fusionKey: incidents.fusionKey });
        for (const r of replaced) touched.add(r.fusionKey);
      }
    }

    const incidentRows = inserted.flatMap((report, n) => {
      const { at, version } = fresh[n];
      results[at] = {
        status: version > 1 ? "new-version" : "stored",
        reportId: report.id,
        version,
        incidents: items[at].extraction.incidents.length,
      };
      return items[at].extraction.incidents.map((i) => {
        const row = incidentRow(report.id, i, items[at].extractorVersion ?? extractorVersion());
        touched.add(row.fusionKey);
        return row;
      });
    });
    for (const r of results) if (r && r.reportId < 0) r.reportId = results[-1 - r.reportId]?.reportId ?? r.reportId;
    await insertIncidents(tx as unknown as Db, incidentRows);
    await insertReportExtractions(
      tx as unknown as Db,
      inserted.map((r, n) => ({ report_id: r.id, extractor_version: items[fresh[n].at].extractorVersion ?? extractorVersion() })),
    );
    // Places and days another writer is fusing now are fused after this commit, not waited for here.
    ({ busy } = await refuseUnlessBusy(tx as unknown as Db, [...touched]));
    return results as IngestResult[];
  });
  if (busy.length) await fusePending(db, busy);
  return results;
}

/** The stored row of an extracted incident, with its fusion key. */
export function incidentRow(reportId: number, i: Incident, version: string) {
  const fk = fusionKey({
    kind: i.kind,
    weapon: i.weapon,
    country: i.country,
    region: i.region,
    waterArea: i.water_area ?? null,
    settlement: i.settlement,
    date: i.date,
  });
  return {
    reportId,
    kind: i.kind,
    weapon: i.weapon,
    country: i.country,
    region: i.region,
    settlement: i.settlement,
    date: i.date,
    count: i.count,
    countQualifier: i.count_qualifier,
    groupTotal: i.group_total ?? null,
    killed: i.killed,
    injured: i.injured,
    targets: i.targets,
    official: i.official,
    evidence: i.evidence,
    evidenceSpans: i.evidence_spans,
    waterArea: i.water_area ?? null,
    confidence: i.confidence,
    lat: i.lat ?? null,
    lon: i.lon ?? null,
    geoPrecision: i.geo_precision ?? null,
    geonameid: i.geonameid ?? null,
    fusionKey: fk,
    fusionBase: fusionBase(fk),
    extractorVersion: version,
  };
}
