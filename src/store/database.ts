// Opens the store: embedded PGlite in a data directory (default), or a PostgreSQL server when
// a URL is given — the same drizzle schema and queries either way. Runs pending migrations.
// An embedded store has one writer: opening it takes the lock of its directory (data-dir-lock.ts).
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { type DataDirLock, lockDataDir } from "./data-dir-lock.js";
import { MIGRATIONS } from "./migrations.js";
import { type EventChange, eventsChannel } from "./refuse.js";
import * as schema from "./schema.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

type Query = (statement: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

export interface Store {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs one raw SQL statement (maintenance, benchmarks). */
  execute: Query;
  /** Runs fn on one database session (a transaction needs one). */
  session<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  /** The lock of an embedded store's directory (none on a PostgreSQL server). */
  lock: DataDirLock | null;
  /**
   * Calls onChanges with the event changes every committed transaction announces (NOTIFY from
   * refuse), whichever process wrote them — on PostgreSQL workers, ingest, watch and reextract
   * too. Resolves once listening; the function it gives stops listening.
   */
  listen(onChanges: (changes: EventChange[]) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const parseChanges = (payload: string, onChanges: (changes: EventChange[]) => void) => {
  try {
    onChanges(JSON.parse(payload) as EventChange[]);
  } catch (err) {
    console.error(`skywatch: an event notice could not be read: ${(err as Error).message}`);
  }
};

export interface StoreOptions {
  /** postgres://… — use a PostgreSQL server. */
  url?: string;
  /** Directory of the embedded database (default ./skywatch-data/db). */
  dataDir?: string;
  /** PostgreSQL schema to use (tests isolate themselves with one). */
  schemaName?: string;
  /** Who opens an embedded store, as its lock will name it ("serve", "ingest"…). */
  command?: string;
}

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  let store: Store;
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 8,
      options: options.schemaName ? `-c search_path=${options.schemaName}` : undefined,
    });
    // An idle connection the server ends (a restart) is dropped from the pool, which reconnects on
    // the next query; without a listener its error would end the process (test/crash/postgres-restart).
    pool.on("error", (err) => console.error(`skywatch: a database connection was lost (${err.message}); reconnecting`));
    if (options.schemaName) {
      const client = await pool.connect();
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schemaName}"`);
      } finally {
        client.release();
      }
    }
    store = {
      db: drizzlePg(pool, { schema }) as unknown as Db,
      kind: "postgres",
      execute: async (statement, params) => (await pool.query(statement, params as unknown[])).rows,
      session: async (fn) => {
        const client = await pool.connect();
        try {
          return await fn(async (statement, params) => (await client.query(statement, params as unknown[])).rows);
        } finally {
          client.release();
        }
      },
      lock: null,
      listen: (onChanges) => listenOnServer(options.url as string, options.schemaName ?? null, onChanges),
      close: () => pool.end(),
    };
  } else {
    const dir = options.dataDir ?? "./skywatch-data/db";
    mkdirSync(dirname(dir), { recursive: true });
    const lock = lockDataDir(dir, options.command ?? "store");
    let client: PGlite;
    try {
      client = new PGlite(dir);
      await client.waitReady;
    } catch (err) {
      lock.release();
      throw err;
    }
    const query: Query = async (statement, params) =>
      (await client.query(statement, params as unknown[])).rows as Array<Record<string, unknown>>;
    store = {
      db: drizzlePglite(client, { schema }) as unknown as Db,
      kind: "pglite",
      execute: query,
      // PGlite is a single session already.
      session: (fn) => fn(query),
      lock,
      listen: async (onChanges) => {
        const [{ schema: current }] = await query("SELECT current_schema() AS schema");
        // PGlite sends LISTEN as written: a lower-case name without quotes.
        const stop = await client.listen(eventsChannel(String(current)), (payload) => parseChanges(payload, onChanges));
        return () => stop();
      },
      close: async () => {
        try {
          await client.close();
        } finally {
          lock.release();
        }
      },
    };
  }
  try {
    await migrate(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

/** Applies pending migrations in one session, under an advisory lock (several workers may start at once). */
async function migrate(store: Store) {
  await store.session(async (query) => {
    await query("SELECT pg_advisory_lock(727272)");
    try {
      await query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
      );
      const applied = new Set((await query("SELECT version FROM schema_migrations")).map((r) => Number(r.version)));
      for (const m of MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await query("BEGIN");
        try {
          for (const statement of m.statements) await query(statement);
          await query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
          await query("COMMIT");
        } catch (err) {
          await query("ROLLBACK");
          throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
        }
      }
    } finally {
      await query("SELECT pg_advisory_unlock(727272)");
    }
  });
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other queries); when the
 * connection drops (a server restart), it reconnects after a second and listens again.
 */
async function listenOnServer(
  url: string,
  schemaName: string | null,
  onChanges: (changes: EventChange[]) => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  const retry = () => {
    if (!stopped) setTimeout(() => connect().catch(retry), 1000);
  };
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, options: schemaName ? `-c search_path=${schemaName}` : undefined });
    c.on("notification", (m) => {
      if (m.payload) parseChanges(m.payload, onChanges);
    });
    c.on("error", (err) => {
      console.error(`skywatch: the connection listening for event changes failed (${err.message}); reconnecting`);
      c.end().catch(() => {});
      retry();
    });
    await c.connect();
    const { rows } = await c.query("SELECT current_schema() AS schema");
    await c.query(`LISTEN "${eventsChannel(String(rows[0].schema)).replace(/"/g, '""')}"`);
    client = c;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end();
  };
}
