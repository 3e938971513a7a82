// The inserts every stored batch runs, as prepared statements: each takes all its rows in one
// JSON parameter (jsonb_to_recordset), so its text never changes with the batch, and on PostgreSQL
// it is a named statement — parsed once per connection, then only bound and run. A multi-row
// VALUES list of a hundred reports' incidents is a new statement of some 6,000 parameters each
// time, which drizzle builds and PostgreSQL parses and plans again for every batch.
// (PGlite has no named statements: there the same text runs as an ordinary query.)
import type { Db } from "./database.js";

/** The rows of a result, as node-postgres (a result with rows) and PGlite (the same) give them. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? []));

/** Runs `text` with `params` as the prepared statement `name` of this session (the same name, always the same text). */
export async function runPrepared<T>(db: Db, name: string, text: string, params: unknown[]): Promise<T[]> {
  // db._.session is the transaction's own session inside db.transaction; drizzle names the
  // statement for node-postgres (pg keeps it per connection) and ignores the name on PGlite.
  const prepared = db._.session.prepareQuery({ sql: text, params }, undefined, name, false);
  return rowsOf<T>(await prepared.execute());
}

const REPORT_COLUMNS = `source text, natural_key text, version integer, url text, title text, published date, language text,
  text text, content_hash text, fingerprint text, flags jsonb, written_by integer, source_id integer`;
const REPORT_LIST =
  "source, natural_key, version, url, title, published, language, text, content_hash, fingerprint, flags, written_by, source_id";

export interface ReportRow {
  /** An id reserved from the sequence beforehand (reserveReportIds), or null for the next one. */
  id: number | null;
  source: string;
  natural_key: string;
  version: number;
  url: string | null;
  title: string | null;
  published: string | null;
  language: string;
  text: string;
  content_hash: string;
  fingerprint: string;
  flags: unknown;
  written_by: number | null;
  source_id: number | null;
}

/** Inserts reports; gives back each one's id under its natural key and version (unique together). */
export function insertReports(db: Db, rows: ReportRow[]) {
  return runPrepared<{ id: number; key: string; version: number }>(
    db,
    "skywatch_insert_reports",
    `INSERT INTO reports (id, ${REPORT_LIST})
      SELECT coalesce(id, nextval(pg_get_serial_sequence('reports', 'id'))), ${REPORT_LIST}
      FROM jsonb_to_recordset($1::jsonb) AS v(id integer, ${REPORT_COLUMNS})
      RETURNING id, natural_key AS key, version`,
    [JSON.stringify(rows)],
  );
}

const INCIDENT_COLUMNS = `report_id integer, kind text, weapon text, country text, region text, settlement text, date date,
  count integer, count_qualifier text, group_total integer, killed integer, injured integer, targets jsonb, official text,
  evidence text, evidence_spans jsonb, water_area text, confidence real, lat double precision, lon double precision,
  geo_precision integer, geonameid integer, fusion_key text, fusion_base text, extractor_version text`;
const INCIDENT_LIST = `report_id, kind, weapon, country, region, settlement, date, count, count_qualifier, group_total, killed,
  injured, targets, official, evidence, evidence_spans, water_area, confidence, lat, lon, geo_precision, geonameid, fusion_key,
  fusion_base, extractor_version`;

/**
 * Takes `n` ids from the reports' sequence, for reports stored later (ReportInput.reportId): an
 * answer can name them before they are extracted. An id reserved for a report that turns out to be
 * stored already (sent twice at once) is never used.
 */
export async function reserveReportIds(db: Db, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const rows = await runPrepared<{ id: number }>(
    db,
    "skywatch_reserve_report_ids",
    "SELECT nextval(pg_get_serial_sequence('reports', 'id'))::int AS id FROM generate_series(1, $1::int)",
    [n],
  );
  return rows.map((r) => Number(r.id));
}

/** Inserts incident rows (incidentRow's, camelCase as drizzle's schema names them). */
export async function insertIncidents(db: Db, rows: Array<Record<string, unknown>>) {
  if (!rows.length) return;
  const snake = rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v])),
  );
  await runPrepared(
    db,
    "skywatch_insert_incidents",
    `INSERT INTO incidents (${INCIDENT_LIST}) SELECT ${INCIDENT_LIST} FROM jsonb_to_recordset($1::jsonb) AS v(${INCIDENT_COLUMNS})`,
    [JSON.stringify(snake)],
  );
}

/** Records which extractor version read each report (a second record of the same is ignored). */
export async function insertReportExtractions(db: Db, rows: Array<{ report_id: number; extractor_version: string }>) {
  if (!rows.length) return;
  await runPrepared(
    db,
    "skywatch_insert_report_extractions",
    `INSERT INTO report_extractions (report_id, extractor_version)
      SELECT report_id, extractor_version FROM jsonb_to_recordset($1::jsonb) AS v(report_id integer, extractor_version text)
      ON CONFLICT DO NOTHING`,
    [JSON.stringify(rows)],
  );
}
