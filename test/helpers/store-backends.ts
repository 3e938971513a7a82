// The stores a test runs against: an embedded PGlite store always, and a schema of its own on the
// real PostgreSQL server when TEST_DATABASE_URL is set. The schemas made are listed in `schemas`, for
// the test to drop (dropSchemas) when it is done with them.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store } from "../../src/store/database.js";

export interface StoreBackends {
  backends: Array<[string, () => Promise<Store>]>;
  schemas: string[];
}

/** `name` tells this test's stores apart: the PGlite folder skywatch-NAME-…, the schema test_NAME_PID_TIME. */
export function storeBackends(name: string): StoreBackends {
  const schemas: string[] = [];
  const backends: StoreBackends["backends"] = [
    ["PGlite", () => openStore({ dataDir: join(mkdtempSync(join(tmpdir(), `skywatch-${name}-`)), "db") })],
  ];
  const url = process.env.TEST_DATABASE_URL;
  if (url)
    backends.push([
      "PostgreSQL",
      () => {
        const schemaName = `test_${name.replace(/\W/g, "_")}_${process.pid}_${Date.now()}`;
        schemas.push(schemaName);
        return openStore({ url, schemaName });
      },
    ]);
  return { backends, schemas };
}
