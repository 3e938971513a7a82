// Where the store is: DATABASE_URL (a PostgreSQL server) or the embedded PGlite directory.
import { join } from "node:path";
import { openStore, type Store } from "../store/database.js";

export const DEFAULT_DATA_DIR = "./skywatch-data";

export async function storeFromOptions(dataDir: string | undefined): Promise<Store> {
  const url = process.env.DATABASE_URL;
  if (url) return openStore({ url });
  return openStore({ dataDir: join(dataDir ?? DEFAULT_DATA_DIR, "db") });
}

export function describeStore(dataDir: string | undefined): string {
  return process.env.DATABASE_URL ? "PostgreSQL at DATABASE_URL" : `embedded PGlite in ${join(dataDir ?? DEFAULT_DATA_DIR, "db")}`;
}
