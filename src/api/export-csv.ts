// The CSV export of a filter as chunks of text, one per page of events (each page one short keyset
// query, then its sources): read by the server's own loop on an embedded store, by the export
// thread on a PostgreSQL server (export-thread.ts).
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Db } from "../store/database.js";
import { CSV_COLUMNS, csvLine, type EventSources } from "./export-rows.js";
import { type EventQuery, type ExportEvent, eventSources, exportEventPages, type RawQuery } from "./queries.js";

const NONE: EventSources = { sources: [], urls: [] };

/** Each page's events with their sources. */
export async function* exportPages(db: Db, run: RawQuery, query: EventQuery, pageSize: number) {
  for await (const page of exportEventPages(db, run, query, { pageSize })) {
    const sources = await eventSources(
      run,
      page.map((e) => e.id),
    );
    // The page's text is made in a turn of the event loop of its own, apart from the reading of
    // its rows, so that no one turn holds the loop for a whole page's work while requests wait.
    await nextTurn();
    yield page.map((e): { e: ExportEvent; s: EventSources } => ({ e, s: sources.get(e.id) ?? NONE }));
  }
}

/** The header line, then one chunk of lines per page. */
export async function* csvChunks(db: Db, run: RawQuery, query: EventQuery, pageSize: number) {
  yield `${CSV_COLUMNS.join(",")}\n`;
  for await (const page of exportPages(db, run, query, pageSize)) {
    let chunk = "";
    for (const { e, s } of page) chunk += `${csvLine(e, s)}\n`;
    yield chunk;
  }
}
