// A reader of a PostgreSQL store for another thread of the server (the export thread): its own
// small pool and drizzle over the same schema, no migrations (the server that started it ran them).

import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Db } from "./database.js";
import * as schema from "./schema.js";

/** Where a PostgreSQL store lives, as another thread opens it again. */
export interface ServerAddress {
  url: string;
  schemaName: string | null;
}

export interface ServerReader {
  db: Db;
  execute: (statement: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

/** Opens connections lazily, at most `max` at once, named `name` in the server's pg_stat_activity. */
export function openServerReader(address: ServerAddress, max: number, name: string): ServerReader {
  const pool = new pg.Pool({
    connectionString: address.url,
    max,
    application_name: name,
    options: address.schemaName ? `-c search_path=${address.schemaName}` : undefined,
  });
  // An idle connection the server ends is dropped and replaced on the next query (see database.ts).
  pool.on("error", (err) => console.error(`skywatch: an export connection was lost (${err.message}); reconnecting`));
  return {
    db: drizzle(pool, { schema }) as unknown as Db,
    execute: async (statement, params) => (await pool.query(statement, params)).rows,
    close: () => pool.end(),
  };
}
