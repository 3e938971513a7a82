// Tests that make PostgreSQL schemas drop them afterwards, so a shared server does not fill up.
import pg from "pg";

export async function dropSchemas(url: string, schemas: string[]): Promise<void> {
  if (!schemas.length) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, "")}" CASCADE`);
  } finally {
    await client.end();
  }
}
