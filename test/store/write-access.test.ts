// Writing through the API, on embedded PGlite and — when TEST_DATABASE_URL is set — on a real
// PostgreSQL server: a key is needed (unless --open-writes), a key bound to a source writes only
// that source, and only the key that wrote a report (or an admin) may replace its text.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { createApiKey } from "../../src/store/api-keys.js";
import { openStore, type Store } from "../../src/store/database.js";

/** Each backend: how to open a fresh store, and how to remove what the test left. */
const backends: Array<[string, () => Promise<Store>, (store: Store) => Promise<void>]> = [
  ["PGlite", () => openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-keys-")), "db") }), async () => {}],
];
if (process.env.TEST_DATABASE_URL) {
  const url = process.env.TEST_DATABASE_URL;
  const schemaName = `test_keys_${process.pid}_${Date.now()}`;
  backends.push([
    "PostgreSQL",
    () => openStore({ url, schemaName }),
    async (store) => {
      await store.execute(`DROP SCHEMA "${schemaName}" CASCADE`);
    },
  ]);
}

const KURSK_8 = "Air defences shot down eight drones over the Kursk region overnight, the governor said.";
const KURSK_1 = "Air defences shot down one drone over the Kursk region overnight, the governor said.";
const LOCAL_TOKEN = "local-token-for-tests";

describe.each(backends)("writing reports on %s", (_name, open, cleanUp) => {
  let store: Store;
  let app: FastifyInstance;
  let open_: FastifyInstance;
  const keys: Record<"writer" | "other" | "bound" | "admin", string> = { writer: "", other: "", bound: "", admin: "" };
  const places = defaultPlaceResolver();

  beforeAll(async () => {
    store = await open();
    app = buildServer({ store, places, localToken: LOCAL_TOKEN });
    open_ = buildServer({ store, places, openWrites: true });
    keys.writer = (await createApiKey(store.db, { role: "writer" })).key;
    keys.other = (await createApiKey(store.db, { role: "writer", label: "someone else" })).key;
    keys.bound = (await createApiKey(store.db, { role: "writer", source: "governor-kursk" })).key;
    keys.admin = (await createApiKey(store.db, { role: "admin" })).key;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await open_?.close();
    if (store) await cleanUp(store);
    await store?.close();
  });

  const post = (payload: unknown, key?: string, server = app) =>
    server.inject({
      method: "POST",
      url: "/api/reports",
      payload: payload as object,
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });
  const kursk = async () => (await store.execute("SELECT count, sources FROM events WHERE region = 'RU-KRS'"))[0];

  it("keeps reading open and refuses writing without a valid key (401)", async () => {
    expect((await app.inject({ url: "/api/events" })).statusCode).toBe(200);
    const anonymous = await post({ text: KURSK_8, url: "https://example.org/a/1", source: "news" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error).toMatch(/writing needs an API key: send 'Authorization: Bearer <key>'.*skywatch keys create/);
    const wrong = await post({ text: KURSK_8 }, "sw_not-a-key");
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatch(/unknown or was revoked/);
    expect(Number((await store.execute("SELECT count(*)::int AS n FROM reports"))[0].n)).toBe(0);
  });

  it("lets a key bound to a source write that source only, and no other key write it", async () => {
    const elsewhere = await post({ text: KURSK_8, source: "ministry" }, keys.bound);
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error).toMatch(/writes reports of source 'governor-kursk' only, not 'ministry'/);
    const squatter = await post({ text: KURSK_8, source: "governor-kursk" }, keys.writer);
    expect(squatter.statusCode).toBe(403);
    expect(squatter.json().error).toMatch(/source 'governor-kursk' belongs to the API key bound to it/);
    // Without a source, a bound key's reports are of its source.
    const own = await post({ text: "Two drones were shot down over the Belgorod region overnight.", published: "2025-07-20" }, keys.bound);
    expect(own.statusCode).toBe(201);
    const [row] = await store.execute("SELECT source, written_by FROM reports ORDER BY id DESC LIMIT 1");
    expect(row.source).toBe("governor-kursk");
    expect(row.written_by).toEqual(expect.any(Number));
  });

  it("lets only the key that wrote a report, or an admin, replace its text", async () => {
    const report = { url: "https://example.org/kursk/1", source: "news", published: "2025-07-21" };
    expect((await post({ ...report, text: KURSK_8 }, keys.writer)).statusCode).toBe(201);
    expect(await kursk()).toMatchObject({ count: 8 });
    const [original] = await store.execute("SELECT id, written_by FROM reports WHERE url = $1", [report.url]);

    const hijack = await post({ ...report, text: KURSK_1 }, keys.other);
    expect(hijack.statusCode).toBe(403);
    expect(hijack.json().error).toMatch(
      new RegExp(`would replace the text of report ${original.id} .*another API key wrote; only the key that wrote it or an admin key`),
    );
    expect(await kursk()).toMatchObject({ count: 8 });
    // The same text again is a duplicate, not a replacement: harmless for anyone with a key.
    expect((await post({ ...report, text: KURSK_8 }, keys.other)).json()).toMatchObject({ stored: 0, duplicates: 1 });

    const own = await post({ ...report, text: KURSK_1 }, keys.writer);
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ newVersions: 1 });
    expect(await kursk()).toMatchObject({ count: 1 });

    const admin = await post({ ...report, text: KURSK_8.replace("eight", "seven") }, keys.admin);
    expect(admin.json()).toMatchObject({ newVersions: 1 });
    expect(await kursk()).toMatchObject({ count: 7 });
    // After the admin's correction, the admin's version is the one the first writer may no longer replace.
    expect((await post({ ...report, text: KURSK_8.replace("eight", "five") }, keys.writer)).statusCode).toBe(403);
    const versions = await store.execute("SELECT version, written_by FROM reports WHERE url = $1 ORDER BY version", [report.url]);
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(versions[0].written_by).toBe(versions[1].written_by);
    expect(versions[2].written_by).not.toBe(versions[0].written_by);
  });

  it("checks replacements again when the report is stored (no race between the check and the write)", async () => {
    const report = { url: "https://example.org/kursk/2", source: "news", published: "2025-07-22", text: KURSK_8.replace("eight", "nine") };
    expect((await post(report, keys.writer)).statusCode).toBe(201);
    const [w] = await store.execute("SELECT written_by FROM reports WHERE url = $1", [report.url]);
    const summary = await ingest(
      store,
      [{ ...report, text: KURSK_1, writer: { keyId: Number(w.written_by) + 1, role: "writer", source: null } }],
      {
        places,
      },
    );
    expect(summary).toMatchObject({ stored: 0, newVersions: 0, failed: 1 });
    expect(summary.errors[0]).toMatch(/a corrected text needs the API key that wrote the report, or an admin key/);
  });

  it("accepts the server's local token as an admin, and keeps key management for admins", async () => {
    const res = await post({ text: "Three drones were shot down over the Voronezh region.", source: "governor-kursk" }, LOCAL_TOKEN);
    expect(res.statusCode).toBe(201);
    expect((await app.inject({ url: "/api/keys", headers: { authorization: `Bearer ${keys.writer}` } })).statusCode).toBe(403);
    const list = await app.inject({ url: "/api/keys", headers: { authorization: `Bearer ${LOCAL_TOKEN}` } });
    expect(list.json().keys).toHaveLength(4);
    expect(JSON.stringify(list.json())).not.toMatch(/key_hash|keyHash|sw_[\w-]{20,}/);
    expect((await app.inject({ url: "/api/keys" })).statusCode).toBe(401);
  });

  it("with --open-writes, lets anyone write and replace as before keys existed", async () => {
    const report = { url: "https://example.org/kursk/3", source: "open", published: "2025-07-23" };
    expect((await post({ ...report, text: "Two drones were shot down over the Tambov region." }, undefined, open_)).statusCode).toBe(201);
    const replaced = await post({ ...report, text: "Six drones were shot down over the Tambov region." }, undefined, open_);
    expect(replaced.json()).toMatchObject({ newVersions: 1 });
    expect((await store.execute("SELECT count FROM events WHERE region = 'RU-TAM'"))[0].count).toBe(6);
  });
});
