// The exports of a filter, streamed page by page (each page one short keyset query, then its
// sources), so that the server answers other requests during a large export, PGlite included, and
// holds one page at a time whatever a q matches (queries.ts allEventPages). On a PostgreSQL server
// the CSV's pages are read and written by a thread of their own (export-thread.ts):
//   GET /api/export.csv      ACLED-like columns (export-rows.ts), up to 100,000 events
//   GET /api/export.geojson  placed events as a FeatureCollection, names in en/ru/uk, URLs
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { PlaceResolver } from "../extract/place-resolver.js";
import type { Store } from "../store/database.js";
import { csvChunks, exportPages } from "./export-csv.js";
import { geoJsonFeature } from "./export-rows.js";
import { exportThread } from "./export-thread-client.js";
import { eventQuery } from "./queries.js";

/**
 * Events per page of an export: each page is one query, which on an embedded store holds the
 * process while it runs (PGlite), so a request arriving meanwhile waits for it. On 100 k events 200
 * rows took 31 ms where 500 took 76 (p50, a loaded 2-core machine), for nearly the same export time.
 */
export const EXPORT_PAGE = 200;
/** The stream reads one page ahead of what the response took: once the client's socket is full, no page query runs. */
const PAGES_AHEAD = 1;
/** An export's stream of text chunks: paused while the response does not take them. */
const pageStream = (chunks: AsyncIterable<string>) => Readable.from(chunks, { highWaterMark: PAGES_AHEAD });

export function exportRoutes(app: FastifyInstance, store: Store, places: PlaceResolver | null | undefined) {
  const localNames = places?.localNames ? places.localNames.bind(places) : null;
  const thread = store.server ? exportThread(store.server) : null;
  app.addHook("onClose", async () => {
    await thread?.close();
  });

  // Each page's rows and sources come as raw statements (queries.ts exportEventPages, eventSources):
  // no query built and no row mapped by drizzle for each page.
  app.get("/api/export.csv", async (req, reply) => {
    const query = eventQuery(req.query, places); // a bad parameter is a 400 before the stream starts
    reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="skywatch-events.csv"');
    return reply.send(thread ? thread.csv(query, EXPORT_PAGE) : pageStream(csvChunks(store.db, store.execute, query, EXPORT_PAGE)));
  });

  app.get("/api/export.geojson", async (req, reply) => {
    const query = eventQuery(req.query, places);
    async function* chunks() {
      yield '{"type":"FeatureCollection","features":[';
      let first = true;
      for await (const page of exportPages(store.db, store.execute, query, EXPORT_PAGE)) {
        const features = page.flatMap(({ e, s }) => {
          const f = geoJsonFeature(e, s, localNames);
          return f ? [JSON.stringify(f)] : [];
        });
        if (!features.length) continue;
        yield (first ? "" : ",") + features.join(",");
        first = false;
      }
      yield "]}\n";
    }
    reply.header("content-type", "application/geo+json").header("content-disposition", 'attachment; filename="skywatch-events.geojson"');
    return reply.send(pageStream(chunks()));
  });
}
