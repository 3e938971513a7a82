// Opens the store: embedded PGlite in a data directory (default), or a PostgreSQL server when
// a URL is given — the same drizzle schema and queries either way. Runs pending migrations.
// An embedded store has one writer: opening it takes the lock of its directory (data-dir-lock.ts).
import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { setFlagsFromString } from "node:v8";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type { Client as PgClient } from "pg";
import { type DataDirLock, lockDataDir } from "./data-dir-lock.js";
import { MIGRATIONS } from "./migrations.js";
import { type EventChange, eventsChannel } from "./refuse.js";
import * as schema from "./schema.js";
import type { ServerAddress } from "./server-reader.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

type Query = (statement: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

export interface Store {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs one raw SQL statement (maintenance, benchmarks). */
  execute: Query;
  /** Runs fn on one database session (a transaction needs one). */
  session<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  /**
   * Runs one short statement on a connection kept apart from the pool (PostgreSQL): /api/health's
   * counts, which would otherwise wait for a pooled connection behind the lists' and exports'
   * queries. Its statements run one at a time. An embedded store has one session: execute.
   */
  aside: Query;
  /** The lock of an embedded store's directory (none on a PostgreSQL server). */
  lock: DataDirLock | null;
  /** Where a PostgreSQL store lives, for another thread to open it (server-reader.ts); null when embedded. */
  server: ServerAddress | null;
  /**
   * Calls onChanges with the event changes every committed transaction announces (NOTIFY from
   * refuse), whichever process wrote them — on PostgreSQL workers, ingest, watch and reextract
   * too. Resolves once listening; the function it gives stops listening.
   */
  listen(onChanges: (changes: EventChange[]) => void): Promise<() => Promise<void>>;
  /**
   * Queries waiting for the embedded database and how long the oldest has waited (ms): PGlite runs
   * one at a time, so the server sheds load (503) rather than queue requests behind a long one. A
   * PostgreSQL server has a pool and answers nothing here (null).
   */
  backlog(): { waiting: number; oldestMs: number } | null;
  /**
   * Statements that may have written (all but plain reads) finished so far by this process. An
   * embedded store has no other writer (its directory lock), so what was read while this was n is
   * still true while it is n: an answer can be kept without asking the store again. A PostgreSQL
   * server has other writers (workers): null.
   */
  writes(): number | null;
  close(): Promise<void>;
}

/**
 * PGlite's memory: PostgreSQL's defaults (128 MB of shared buffers) sized for a server; an
 * embedded store on a laptop keeps a smaller cache (its files stay in the OS's page cache anyway).
 * 16 MB rather than 32 took 15–20 MB off `serve`'s resident memory, with no difference in the
 * API's latency nor in the CPU time of whole-table queries on 100 k events (within the noise).
 */
const PGLITE_SETTINGS = ["shared_buffers=16MB", "work_mem=4MB", "maintenance_work_mem=32MB", "temp_buffers=4MB"];

/**
 * PGlite's WebAssembly (PostgreSQL, 9 MB) is compiled by V8's baseline compiler (Liftoff) alone.
 * By default V8 compiles its functions again as they get hot — already while PGlite starts —
 * with its optimising compiler in background threads, whose memory (40–85 MB of their malloc
 * arenas) stays with the process for its whole life. The cost: on 100 k events the API's requests
 * took as long either way, but a query over the whole table takes up to twice the CPU time
 * (a GROUP BY over every event ~90 ms instead of ~55). Set before the process's first PGlite
 * compiles; it concerns only WebAssembly, which nothing else here runs long.
 */
const BASELINE_WASM_ONLY = "--liftoff-only";

/**
 * Creates an embedded database (initdb) in a short-lived child process: PGlite's initdb leaves
 * ~500 MB behind in the process that ran it (its WebAssembly memory is freed, but not given back
 * to the system), so a first start would hold 800 MB for its whole life instead of ~200.
 */
async function createPgliteDir(dir: string) {
  // PGlite's CommonJS build, found from here (the child's -e script resolves from nowhere).
  const pglite = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const script = `const { PGlite } = require(${JSON.stringify(pglite)});
    const db = new PGlite(${JSON.stringify(dir)}); db.waitReady.then(() => db.close());`;
  // Baseline WebAssembly code there too (BASELINE_WASM_ONLY): initdb took 3.0 s of CPU time instead of 4.8.
  await promisify(execFile)(process.execPath, [BASELINE_WASM_ONLY, "--input-type=commonjs", "-e", script], { timeout: 120_000 });
}

/** PGlite's start parameters (its defaults must stay: single-user mode and the rest) with PGLITE_SETTINGS. */
function pgliteStartParams(): string[] | undefined {
  const defaults = (PGlite as unknown as { defaultStartParams?: unknown }).defaultStartParams;
  if (!Array.isArray(defaults)) return undefined;
  return [...(defaults as string[]), ...PGLITE_SETTINGS.flatMap((s) => ["-c", s])];
}

/**
 * Runs a PGlite instance's queries one after the other in our own queue, giving the event loop a
 * turn before each, and counts those waiting and the age of the oldest. PGlite runs one query at a
 * time (each blocks the process while it runs) and works off its own queue in microtasks, so that
 * without the turn, requests that arrive meanwhile are not even read until the whole queue is done;
 * with it, they are read between two queries, and can be answered 503 when the queue is long.
 * (PGlite's query, exec and transaction already exclude one another, so this order changes nothing else.)
 */
function queueQueries(client: PGlite): { backlog: () => { waiting: number; oldestMs: number }; writes: () => number } {
  const started = new Map<number, number>(); // call → when it was made
  let calls = 0;
  let writes = 0;
  let tail: Promise<unknown> = Promise.resolve();
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const wrap = <K extends "query" | "exec" | "transaction">(name: K) => {
    const original = (client[name] as (...args: unknown[]) => Promise<unknown>).bind(client);
    (client as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      const call = calls++;
      started.set(call, performance.now());
      const run = tail.then(turn).then(() => original(...args));
      const write = name === "transaction" || !isPlainRead(args[0]);
      const done = run.finally(() => {
        started.delete(call);
        if (write) writes++;
      });
      tail = done.catch(() => {});
      return done;
    };
  };
  wrap("query");
  wrap("exec");
  wrap("transaction");
  return {
    backlog: () => {
      // A Map iterates in insertion order: the first entry is the oldest call.
      const oldest = started.values().next();
      return { waiting: started.size, oldestMs: oldest.done ? 0 : performance.now() - oldest.value };
    },
    writes: () => writes,
  };
}

/**
 * A statement that only reads: one SELECT (or EXPLAIN, SHOW, VALUES) that moves no sequence — not
 * a WITH, which may write, nor several statements.
 */
export const isPlainRead = (statement: unknown) =>
  typeof statement === "string" &&
  /^\s*(select|explain|show|values)\b/i.test(statement) &&
  !/;\s*\S/.test(statement) &&
  !/\b(nextval|setval)\s*\(/i.test(statement);

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
    // node-postgres and its drizzle driver are loaded only for a server: an embedded store never uses them (~8 MB of RSS).
    const [{ default: pg }, { drizzle: drizzlePg }] = await Promise.all([import("pg"), import("drizzle-orm/node-postgres")]);
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 8,
      options: options.schemaName ? `-c search_path=${options.schemaName}` : undefined,
    });
    // An idle connection the server ends (a restart) is dropped from the pool, which reconnects on
    // the next query; without a listener its error would end the process (test/crash/postgres-restart).
    pool.on("error", (err) => console.error(`skywatch: a database connection was lost (${err.message}); reconnecting`));
    // A client in use (a transaction between two statements) has no listener of the pool's: without
    // one, the server ending its connection (a restart) would end the process; its queries fail instead.
    pool.on("connect", (client) =>
      client.on("error", (err) => console.error(`skywatch: a database connection in use was lost (${err.message})`)),
    );
    // The connection apart (Store.aside): a pool of one, so that a lost connection is replaced on the
    // next statement; opened on first use (a worker never uses it). Its statements are short: one
    // that waits 10 s (a lock) fails rather than hold every caller behind it.
    const asidePool = new pg.Pool({
      connectionString: options.url,
      max: 1,
      options: `${options.schemaName ? `-c search_path=${options.schemaName} ` : ""}-c statement_timeout=10000`,
    });
    asidePool.on("error", (err) => console.error(`skywatch: the connection apart was lost (${err.message}); reconnecting`));
    asidePool.on("connect", (client) =>
      client.on("error", (err) => console.error(`skywatch: the connection apart was lost in use (${err.message})`)),
    );
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
      aside: async (statement, params) => (await asidePool.query(statement, params as unknown[])).rows,
      lock: null,
      server: { url: options.url, schemaName: options.schemaName ?? null },
      backlog: () => null,
      writes: () => null,
      listen: (onChanges) => listenOnServer(pg.Client, options.url as string, options.schemaName ?? null, onChanges),
      close: async () => {
        await Promise.all([pool.end(), asidePool.end()]);
      },
    };
  } else {
    const dir = options.dataDir ?? "./skywatch-data/db";
    mkdirSync(dirname(dir), { recursive: true });
    const lock = lockDataDir(dir, options.command ?? "store");
    let client: PGlite;
    try {
      if (!existsSync(join(dir, "PG_VERSION"))) await createPgliteDir(dir);
      setFlagsFromString(BASELINE_WASM_ONLY);
      client = new PGlite(dir, { startParams: pgliteStartParams() });
      await client.waitReady;
    } catch (err) {
      lock.release();
      throw err;
    }
    const { backlog, writes } = queueQueries(client);
    const query: Query = async (statement, params) =>
      (await client.query(statement, params as unknown[])).rows as Array<Record<string, unknown>>;
    store = {
      db: drizzlePglite(client, { schema }) as unknown as Db,
      kind: "pglite",
      execute: query,
      // PGlite is a single session already.
      session: (fn) => fn(query),
      aside: query,
      lock,
      server: null,
      backlog,
      writes,
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
  Client: typeof PgClient,
  url: string,
  schemaName: string | null,
  onChanges: (changes: EventChange[]) => void,
): Promise<() => Promise<void>> {
  let client: PgClient | null = null;
  let stopped = false;
  const retry = () => {
    if (!stopped) setTimeout(() => connect().catch(retry), 1000);
  };
  const connect = async (): Promise<void> => {
    const c = new Client({ connectionString: url, options: schemaName ? `-c search_path=${schemaName}` : undefined });
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
