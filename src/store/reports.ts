// Storing reports and their incidents, and keeping events fused — each report in one
// transaction, so a crash leaves either the whole report or nothing.
import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Extraction } from "../extract/index.js";
import { type Claim, fuse, fusionKey } from "../fuse/fusion.js";
import type { Db } from "./database.js";
import { claims, events, incidents, reports } from "./schema.js";

export interface ReportInput {
  text: string;
  published?: string | null;
  url?: string | null;
  title?: string | null;
  language?: "en" | "ru" | "uk";
  source?: string | null;
  /** Telegram message id and the like, when there is no URL. */
  messageId?: string | null;
}

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

export function naturalKey(input: ReportInput, hash: string): string {
  const source = input.source ?? "unknown";
  return `${source}|${input.url ?? (input.messageId ? `msg:${input.messageId}` : `sha256:${hash}`)}`;
}

/** Stores a report and its incidents (extracted beforehand), then re-fuses the events touched. */
export async function storeReport(db: Db, input: ReportInput, extraction: Extraction): Promise<IngestResult> {
  const hash = contentHash(input.text);
  const key = naturalKey(input, hash);
  return db.transaction(async (tx) => {
    const same = await tx
      .select({ id: reports.id, version: reports.version })
      .from(reports)
      .where(and(eq(reports.naturalKey, key), eq(reports.contentHash, hash)));
    if (same.length) return { status: "duplicate" as const, reportId: same[0].id, version: same[0].version, incidents: 0 };
    const [{ latest }] = await tx
      .select({ latest: sql<number | null>`max(${reports.version})` })
      .from(reports)
      .where(eq(reports.naturalKey, key));
    const version = (latest ?? 0) + 1;
    const [report] = await tx
      .insert(reports)
      .values({
        source: input.source ?? "unknown",
        naturalKey: key,
        version,
        url: input.url ?? null,
        title: input.title ?? null,
        published: input.published ?? null,
        language: extraction.language,
        text: input.text,
        contentHash: hash,
        flags: extraction.flags,
      })
      .returning({ id: reports.id });
    const touched = new Set<string>();
    if (version > 1) {
      // The corrected text replaces the old version's incidents in the events.
      const older = await tx
        .select({ id: reports.id })
        .from(reports)
        .where(and(eq(reports.naturalKey, key), sql`${reports.version} < ${version}`));
      const oldIds = older.map((r) => r.id);
      const replaced = await tx
        .update(incidents)
        .set({ current: false })
        .where(and(inArray(incidents.reportId, oldIds), eq(incidents.current, true)))
        .returning({ fusionKey: incidents.fusionKey });
      for (const r of replaced) touched.add(r.fusionKey);
    }
    if (extraction.incidents.length) {
      const rows = extraction.incidents.map((i) => {
        const fk = fusionKey({
          kind: i.kind,
          country: i.country,
          region: i.region,
          waterArea: i.water_area ?? null,
          settlement: i.settlement,
          date: i.date,
        });
        touched.add(fk);
        return {
          reportId: report.id,
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
        };
      });
      await tx.insert(incidents).values(rows);
    }
    await refuse(tx as unknown as Db, [...touched]);
    return {
      status: version > 1 ? ("new-version" as const) : ("stored" as const),
      reportId: report.id,
      version,
      incidents: extraction.incidents.length,
    };
  });
}

/** Rebuilds the events of the given fusion keys from their current incidents. */
export async function refuse(db: Db, keys: string[]): Promise<void> {
  for (const key of [...keys].sort()) {
    const rows = await db
      .select({ incident: incidents, source: reports.source })
      .from(incidents)
      .innerJoin(reports, eq(incidents.reportId, reports.id))
      .where(and(eq(incidents.fusionKey, key), eq(incidents.current, true)));
    if (!rows.length) {
      await db.delete(events).where(eq(events.fusionKey, key));
      continue;
    }
    const claimList: Claim[] = rows.map(({ incident: i, source }) => ({
      incidentId: i.id,
      kind: i.kind,
      weapon: i.weapon,
      country: i.country,
      region: i.region,
      settlement: i.settlement,
      date: i.date,
      waterArea: i.waterArea,
      lat: i.lat,
      lon: i.lon,
      geoPrecision: i.geoPrecision,
      count: i.count,
      killed: i.killed,
      injured: i.injured,
      targets: i.targets,
      official: i.official,
      source,
    }));
    const e = fuse(key, claimList);
    const values = {
      fusionKey: key,
      kind: e.kind,
      weapon: e.weapon,
      country: e.country,
      region: e.region,
      settlement: e.settlement,
      date: e.date,
      waterArea: e.waterArea,
      lat: e.lat,
      lon: e.lon,
      geoPrecision: e.geoPrecision,
      count: e.count,
      killed: e.killed,
      injured: e.injured,
      targets: e.targets,
      officials: e.officials,
      sources: e.sources,
      disagreements: e.disagreements,
      updatedAt: new Date(),
    };
    const [event] = await db
      .insert(events)
      .values(values)
      .onConflictDoUpdate({ target: events.fusionKey, set: values })
      .returning({ id: events.id });
    await db.delete(claims).where(eq(claims.eventId, event.id));
    await db.insert(claims).values([...e.reasons].map(([incidentId, reason]) => ({ eventId: event.id, incidentId, reason })));
  }
}
