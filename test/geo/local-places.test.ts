// Places users add live in the store (local_places): `skywatch place add` writes them there (and
// into this machine's copy, DATA/local-places.json), an existing file is imported once (a second
// import changes nothing), and a long-running process's resolver (live-places.ts) uses a place
// added by another process without a restart. PGlite and, with TEST_DATABASE_URL, PostgreSQL.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { livePlaceResolver } from "../../src/geo/live-places.js";
import { addLocalPlace, importLocalPlacesFile, listLocalPlaces, readLocalPlaces, saveLocalPlaces } from "../../src/geo/local-places.js";
import { ingest } from "../../src/ingest/ingest.js";
import { openStore, type Store } from "../../src/store/database.js";
import { dropSchemas } from "../helpers/drop-schemas.js";

const bin = join(import.meta.dirname, "..", "..", "bin", "skywatch.js");
const run = (args: string[], env: Record<string, string | undefined>) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: env as NodeJS.ProcessEnv, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

// A village no gazetteer has (invented), in Belgorod Oblast.
const VILLAGE = { name: "Zarechnoye-Vtoroye", names: ["Заречное-Второе"], region: "RU-BEL", lat: 50.61, lon: 36.59 };
const TEXT = "Беспилотник атаковал село Заречное-Второе в Белгородской области, ранен мужчина, сообщил губернатор.";

const schemas: string[] = [];
const backends: Array<[string, (dataDir: string) => Promise<{ open: () => Promise<Store>; env: Record<string, string | undefined> }>]> = [
  [
    "PGlite",
    async (dataDir) => {
      const { DATABASE_URL: _, ...env } = process.env;
      return { open: () => openStore({ dataDir: join(dataDir, "db") }), env };
    },
  ],
];
if (process.env.TEST_DATABASE_URL) {
  const url = process.env.TEST_DATABASE_URL;
  backends.push([
    "PostgreSQL",
    async () => {
      const schemaName = `test_places_${process.pid}_${Date.now()}`;
      schemas.push(schemaName);
      // The CLI reaches the same schema through the connection's search_path.
      const options = `-c search_path=${schemaName}`;
      await (await openStore({ url, schemaName })).close();
      return {
        open: () => openStore({ url, schemaName }),
        env: { ...process.env, DATABASE_URL: `${url}${url.includes("?") ? "&" : "?"}options=${encodeURIComponent(options)}` },
      };
    },
  ]);
}
afterAll(async () => {
  if (process.env.TEST_DATABASE_URL) await dropSchemas(process.env.TEST_DATABASE_URL, schemas.splice(0));
});

describe.each(backends)("local places on %s", (_name, setup) => {
  it("are kept once per name and region, and an existing file is imported once", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "skywatch-places-"));
    const { open } = await setup(dataDir);
    addLocalPlace(dataDir, { name: "Togobievka", region: "RU-BEL", lat: 50.56, lon: 37.14 });
    addLocalPlace(dataDir, VILLAGE);
    const store = await open();
    try {
      expect(await importLocalPlacesFile(store.db, dataDir)).toEqual({ read: 2, saved: 2 });
      expect(await importLocalPlacesFile(store.db, dataDir)).toEqual({ read: 2, saved: 0 });
      // The same name in another case is the same place: its position is corrected, not doubled.
      expect(await saveLocalPlaces(store.db, [{ name: "TOGOBIEVKA", region: "RU-BEL", lat: 50.57, lon: 37.15 }])).toBe(1);
      expect(await listLocalPlaces(store.db)).toEqual([{ name: "TOGOBIEVKA", region: "RU-BEL", lat: 50.57, lon: 37.15 }, VILLAGE]);
      await expect(saveLocalPlaces(store.db, [{ name: "X", region: "Belgorod", lat: 1, lon: 2 }])).rejects.toThrow(/ISO 3166-2/);
    } finally {
      await store.close();
    }
  });

  it("a place added with `place add` is used by a running process's resolver without a restart", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "skywatch-places-live-"));
    const { open, env } = await setup(dataDir);
    const embedded = !env.DATABASE_URL;
    let store = await open();
    // On PostgreSQL, another machine's process: no file of its own, the store's places only.
    const live = await livePlaceResolver(store, embedded ? { dataDir, everyMs: 0 } : { everyMs: 0 });
    try {
      expect(live.places.findSettlement(VILLAGE.names[0], "RU-BEL", "ru")).toBeNull();
      if (embedded) {
        // serve holds the embedded store: place add writes the file, which the holder imports.
        writeFileSync(join(dataDir, "local-places.json"), JSON.stringify({ places: [VILLAGE] }));
      } else {
        const added = await run(
          [
            "place",
            "add",
            VILLAGE.name,
            "--alias",
            VILLAGE.names[0],
            "--region",
            "RU-BEL",
            "--lat",
            "50.61",
            "--lon",
            "36.59",
            "--data",
            dataDir,
          ],
          env,
        );
        expect(added.stderr).toBe("");
        expect(added.stdout).toMatch(/added Zarechnoye-Vtoroye \(RU-BEL\).*1 local place\(s\) in the PostgreSQL/);
      }
      expect(await live.refresh()).toBe(true);
      expect(live.count()).toBe(1);
      expect(live.places.findSettlement(VILLAGE.names[0], "RU-BEL", "ru")).toMatchObject({ name: VILLAGE.name, region: "RU-BEL" });
      expect(await live.refresh()).toBe(false);
      // And extraction through it places the report in the village.
      const summary = await ingest(store, [{ text: TEXT, published: "2025-08-06", source: "test" }], { places: live.places });
      expect(summary.stored).toBe(1);
      expect(await store.execute("SELECT settlement FROM incidents WHERE region = 'RU-BEL'")).toEqual([{ settlement: VILLAGE.name }]);
    } finally {
      live.stop();
      await store.close();
    }
    if (embedded) {
      // With the store free, place add writes to it directly (and keeps this machine's copy).
      const added = await run(
        ["place", "add", "Novaya Derevnya-3", "--region", "RU-BEL", "--lat", "50.5", "--lon", "36.5", "--data", dataDir],
        env,
      );
      expect(added.stdout).toMatch(/2 local place\(s\) in the embedded PGlite/);
      expect(readLocalPlaces(dataDir).map((p) => p.name)).toEqual([VILLAGE.name, "Novaya Derevnya-3"]);
      store = await open();
      try {
        expect((await listLocalPlaces(store.db)).map((p) => p.name)).toEqual([VILLAGE.name, "Novaya Derevnya-3"]);
      } finally {
        await store.close();
      }
    }
  });
});
