// The whole record as JSON lines, and back: every row of the tables that make the record
// (sources, reports and their extractions, incidents, events and their history, claims, local
// places), so that `skywatch import` rebuilds a store that answers the API exactly as the one
// exported (same ids, versions and history). Read in keyset pages of 1,000 rows, each a short
// query; written back in one transaction into an empty store.
//
// Not exported: API keys (secrets; reports keep no writer, so only admins replace them after an
// import) and alert subscriptions (their tokens and webhook secrets). Source leases are cleared.
//
// Lines: {"skywatch":"record","format":1,...}, then {"table":T,"row":{...}} per row, table by
// table, then {"end":true,"rows":{T:N}} — a file without its end line was cut short and is refused.
import type { Store } from "../store/database.js";
import { DISAGREEMENT_LINES_TO_VALUES, PROSE_TO_VALUES } from "../store/migrations.js";

type Query = (statement: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

interface TableSpec {
  name: string;
  /** The primary key, in keyset order. */
  key: string[];
  /** Columns blanked on export (secrets, leases, references to what is not exported). */
  blank?: string[];
  /** Columns written after all rows (references among the table's own rows). */
  later?: string[];
  /** Has a serial id whose sequence must follow the imported ids. */
  serial?: boolean;
}

/** In the order they are written back: a table after those it references. */
export const RECORD_TABLES: TableSpec[] = [
  { name: "sources", key: ["id"], blank: ["lease_owner", "lease_until"], serial: true },
  { name: "reports", key: ["id"], blank: ["written_by"], serial: true },
  { name: "report_extractions", key: ["report_id", "extractor_version"] },
  { name: "incidents", key: ["id"], serial: true },
  { name: "events", key: ["id"], later: ["merged_into"], serial: true },
  { name: "event_changes", key: ["id"], serial: true },
  { name: "claims", key: ["event_id", "incident_id"] },
  { name: "local_places", key: ["id"], serial: true },
];

export const RECORD_FORMAT = 1;
const PAGE = 1000;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Tables (of RECORD_TABLES) that this store has. */
async function presentTables(query: Query): Promise<TableSpec[]> {
  const rows = await query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()");
  const names = new Set(rows.map((r) => String(r.table_name)));
  return RECORD_TABLES.filter((t) => names.has(t.name));
}

/** Writes the record, line by line (each line ends with a newline); resolves with the rows per table. */
export async function exportRecord(store: Store, write: (line: string) => Promise<void> | void): Promise<Record<string, number>> {
  const tables = await presentTables(store.execute);
  const migrations = (await store.execute("SELECT version FROM schema_migrations ORDER BY version")).map((r) => Number(r.version));
  await write(
    `${JSON.stringify({ skywatch: "record", format: RECORD_FORMAT, exported: new Date().toISOString(), migrations, tables: tables.map((t) => t.name) })}\n`,
  );
  // Columns the database computes (events.fusion_base, incidents.evidence_tsv) are left out: an import computes them again.
  const generated = new Map<string, string[]>();
  for (const r of await store.execute(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_generated <> 'NEVER'",
  ))
    generated.set(String(r.table_name), [...(generated.get(String(r.table_name)) ?? []), String(r.column_name)]);
  const counts: Record<string, number> = {};
  for (const t of tables) {
    counts[t.name] = 0;
    const keys = t.key.map(quote).join(", ");
    let after: unknown[] | null = null;
    for (;;) {
      const where: string = after ? `WHERE (${keys}) > (${t.key.map((_, i) => `$${i + 1}`).join(", ")})` : "";
      const rows = await store.execute(
        `SELECT to_jsonb(t) AS row, ${t.key.map((k, i) => `t.${quote(k)} AS k${i}`).join(", ")} FROM ${quote(t.name)} AS t ${where} ORDER BY ${keys} LIMIT ${PAGE}`,
        after ?? [],
      );
      if (!rows.length) break;
      let chunk = "";
      for (const r of rows) {
        const row = (typeof r.row === "string" ? JSON.parse(r.row) : r.row) as Record<string, unknown>;
        for (const column of t.blank ?? []) if (column in row) row[column] = null;
        for (const column of generated.get(t.name) ?? []) delete row[column];
        chunk += `${JSON.stringify({ table: t.name, row })}\n`;
      }
      await write(chunk);
      counts[t.name] += rows.length;
      const last = rows[rows.length - 1];
      after = t.key.map((_, i) => last[`k${i}`]);
      if (rows.length < PAGE) break;
    }
  }
  await write(`${JSON.stringify({ end: true, rows: counts })}\n`);
  return counts;
}

/** A record file that cannot be read back; the message says why. */
export class RecordError extends Error {}

/**
 * Reads a record into an empty store, in one transaction (all or nothing). Resolves with the
 * rows written per table.
 */
export async function importRecord(store: Store, lines: AsyncIterable<string> | Iterable<string>): Promise<Record<string, number>> {
  return store.session(async (query) => {
    const [{ reports, events }] = await query(
      "SELECT (SELECT count(*) FROM reports)::int AS reports, (SELECT count(*) FROM events)::int AS events",
    );
    if (Number(reports) || Number(events))
      throw new RecordError(
        `the store already holds ${reports} reports and ${events} events: import into an empty one (a new --data directory, or an empty database at DATABASE_URL)`,
      );
    const tables = new Map((await presentTables(query)).map((t) => [t.name, t]));
    const columns = new Map<string, Set<string>>();
    for (const row of await query(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_generated = 'NEVER'",
    )) {
      const set = columns.get(String(row.table_name)) ?? new Set<string>();
      set.add(String(row.column_name));
      columns.set(String(row.table_name), set);
    }
    const counts: Record<string, number> = {};
    const later: Array<{ table: string; key: string[]; row: Record<string, unknown> }> = [];
    let header = false;
    let ended = false;
    let batch: { table: string; rows: Array<Record<string, unknown>> } | null = null;

    const flush = async () => {
      if (!batch?.rows.length) return;
      const { table, rows } = batch;
      const spec = tables.get(table) as TableSpec;
      const target = columns.get(table) ?? new Set<string>();
      // The columns both the file and this store have (a newer store's added columns keep their defaults).
      const names = Object.keys(rows[0]).filter((c) => target.has(c));
      const list = names.map(quote).join(", ");
      for (const row of rows)
        for (const column of spec.later ?? [])
          if (row[column] !== null && row[column] !== undefined) {
            later.push({ table, key: spec.key, row: { ...Object.fromEntries(spec.key.map((k) => [k, row[k]])), [column]: row[column] } });
            row[column] = null;
          }
      await query(`INSERT INTO ${quote(table)} (${list}) SELECT ${list} FROM jsonb_populate_recordset(null::${quote(table)}, $1::jsonb)`, [
        JSON.stringify(rows),
      ]);
      counts[table] = (counts[table] ?? 0) + rows.length;
      batch = null;
    };

    await query("BEGIN");
    try {
      let n = 0;
      for await (const raw of lines) {
        n++;
        const line = raw.trim();
        if (!line) continue;
        let item: Record<string, unknown>;
        try {
          item = JSON.parse(line);
        } catch {
          throw new RecordError(`line ${n} is not JSON: is this a file written by 'skywatch export'?`);
        }
        if (!header) {
          if (item.skywatch !== "record")
            throw new RecordError("the first line is not a Skywatch record header: is this a file written by 'skywatch export'?");
          if (item.format !== RECORD_FORMAT)
            throw new RecordError(`record format ${item.format} is not ${RECORD_FORMAT}: use the Skywatch version that wrote it`);
          header = true;
          continue;
        }
        if (item.end === true) {
          ended = true;
          break;
        }
        const table = String(item.table ?? "");
        const row = item.row as Record<string, unknown> | undefined;
        if (!tables.has(table) || !row || typeof row !== "object")
          throw new RecordError(`line ${n}: no table '${table.slice(0, 40)}' of the record, or no row`);
        if (batch && batch.table !== table) await flush();
        batch ??= { table, rows: [] };
        batch.rows.push(row);
        if (batch.rows.length >= PAGE) await flush();
      }
      if (!ended) throw new RecordError("the file ends before its end line: it was cut short; export it again");
      await flush();
      for (const { table, key, row } of later) {
        const [column] = Object.keys(row).filter((c) => !key.includes(c));
        await query(
          `UPDATE ${quote(table)} SET ${quote(column)} = $1 WHERE ${key.map((k, i) => `${quote(k)} = $${i + 2}`).join(" AND ")}`,
          [row[column], ...key.map((k) => row[k])],
        );
      }
      for (const t of tables.values())
        if (t.serial)
          await query(
            `SELECT setval(pg_get_serial_sequence('${t.name}', 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) FROM ${quote(t.name)}`,
          );
      // A record exported before migration 14 holds disagreements as English lines: read into values, as the migration did.
      if (tables.has("events") && (await query("SELECT to_regproc('skywatch_disagreement_values') AS f"))[0]?.f)
        await query(DISAGREEMENT_LINES_TO_VALUES);
      // …and one exported before migration 16 its logged changes, pending alerts and claim reasons.
      if ((await query("SELECT to_regproc('skywatch_reason_value') AS f"))[0]?.f) for (const s of PROSE_TO_VALUES) await query(s);
      // The history written here is not news: no alert is sent for it (the trigger of migration 7 queued it).
      if ((await query("SELECT to_regclass('alert_outbox') AS t"))[0]?.t) await query("DELETE FROM alert_outbox");
      await query("COMMIT");
    } catch (err) {
      await query("ROLLBACK");
      throw err;
    }
    return counts;
  });
}
