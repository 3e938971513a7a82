// Where the store is: DATABASE_URL (a PostgreSQL server) or the embedded PGlite directory.
import { join } from "node:path";
import { openStore, type Store } from "../store/database.js";

export const DEFAULT_DATA_DIR = "./skywatch-data";

export function embeddedStoreDir(dataDir: string | undefined): string {
  return join(dataDir ?? DEFAULT_DATA_DIR, "db");
}

/** Opens the store; an embedded one is locked for `command` until closed (StoreBusyError when another process has it). */
export async function storeFromOptions(dataDir: string | undefined, command: string): Promise<Store> {
  const url = process.env.DATABASE_URL;
  if (url) return openStore({ url });
  return openStore({ dataDir: embeddedStoreDir(dataDir), command });
}

export function describeStore(dataDir: string | undefined): string {
  return process.env.DATABASE_URL ? "PostgreSQL at DATABASE_URL" : `embedded PGlite in ${embeddedStoreDir(dataDir)}`;
}
