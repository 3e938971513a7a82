// serve's re-extraction on PostgreSQL is shared by the workers (issue 10), with a real `skywatch
// worker` process on a throwaway database of TEST_DATABASE_URL: POST /api/reextract with no worker
// connected is a 503 naming `skywatch worker` and the in-process way, and queues nothing; a dry run
// stays in the server; with a worker, the run is queued in slices that the worker reads, and
// GET /api/reextract/:id follows the slices' states to the summary (the same figures as the dry
// run's); a second run reads nothing; `local: true` reads in the server's process; and a real
// `skywatch serve --reextract` queues its run for the worker too.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { createApiKey } from "../../src/store/api-keys.js";
import { type Db, openStore, type Store } from "../../src/store/database.js";
import { refuse } from "../../src/store/refuse.js";
import { publishedOf, shortReport } from "../crash/helpers.js";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../helpers/throwaway-database.js";

const root = join(__dirname, "..", "..");
const bin = join(root, "bin", "skywatch.js");
const base = process.env.TEST_DATABASE_URL;
const { DATABASE_URL: _, ...noDatabase } = process.env;
const TOTAL = 60;
const databases: ThrowawayDatabase[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const d of databases.splice(0)) await d.drop();
});
/** GET /api/reextract/:id, as far as the test reads it. */
interface RunView {
  id: string;
  state: string;
  runBy: string;
  done: number;
  total: number | null;
  error: string | null;
  summary: Record<string, number | boolean | string[] | object> & { changedReports: number };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const envOf = (url: string) => ({ ...noDatabase, DATABASE_URL: url, SKYWATCH_API_KEY: "" });

/** Makes every report look read by an older extractor, with a third of the figures off (as test/store/reextract-workers does). */
async function olderExtractor(store: Store) {
  await store.execute("UPDATE incidents SET extractor_version = '0.0.9+older'");
  await store.execute("DELETE FROM report_extractions");
  const tampered = await store.execute(
    "UPDATE incidents SET count = count + 1 WHERE count IS NOT NULL AND id % 3 = 0 RETURNING fusion_key",
  );
  await store.db.transaction((tx) => refuse(tx as unknown as Db, [...new Set(tampered.map((r) => String(r.fusion_key)))]));
  return tampered.length;
}

function spawnLogged(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let log = "";
  const add = (c: string) => {
    log += c;
  };
  child.stdout?.setEncoding("utf8").on("data", add);
  child.stderr?.setEncoding("utf8").on("data", add);
  return { child, log: () => log };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 120_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

const stopChild = (child: ChildProcess) => {
  const exited = new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  child.kill("SIGTERM");
  return exited;
};

describe.skipIf(!base)("serve's re-extraction shared by the workers (PostgreSQL)", () => {
  it("answers 503 with no worker, queues slices for a real worker and follows them, and serve --reextract does too", async () => {
    const db = await createThrowawayDatabase(base as string, "skywatch_rx_serve");
    databases.push(db);
    const store = await openStore({ url: db.url });
    // The server and the worker are real processes of one build (the extractor version hashes dist/).
    const startServe = async (...args: string[]) => {
      const serve = spawnLogged(["serve", "--no-sample", "--port", "0", ...args], envOf(db.url));
      await until("serve", () => /serving on http:\/\/\S+/.test(serve.log()));
      return { ...serve, url: serve.log().match(/serving on (http:\/\/\S+)/)?.[1] as string };
    };
    const slicesQueued = async () =>
      Number((await store.execute("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'skywatch-reextract'"))[0].n);
    try {
      await ingest(
        store,
        Array.from({ length: TOTAL }, (_, i) => ({ text: shortReport(i), published: publishedOf(i), source: `rxs${i % 3}` })),
        { places: defaultPlaceResolver() },
      );
      expect(await olderExtractor(store)).toBeGreaterThan(5);
      const { key } = await createApiKey(store.db, { role: "admin" });
      const serve = await startServe();
      const post = async (payload: object) => {
        const res = await fetch(`${serve.url}/api/reextract`, {
          method: "POST",
          body: JSON.stringify(payload),
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        });
        return { status: res.status, body: (await res.json()) as { error?: string; run: RunView } };
      };
      const finished = async (id: string) => {
        const get = async () => (await (await fetch(`${serve.url}/api/reextract/${id}`)).json()) as RunView;
        let run = await get();
        const seen: number[] = [run.done];
        for (const end = Date.now() + 180_000; run.state === "running" && Date.now() < end; await sleep(100)) {
          run = await get();
          seen.push(run.done);
        }
        return { run, seen };
      };

      // No worker: said at once, naming the worker and the in-process way; nothing queued.
      const none = await post({});
      expect(none.status).toBe(503);
      expect(none.body.error).toMatch(/no 'skywatch worker' is running on this database/);
      expect(none.body.error).toMatch(/"local": true/);
      expect(await slicesQueued()).toBe(0);

      // A dry run stays in the server (rolled back batch by batch): no worker needed.
      const dryStart = await post({ dryRun: true });
      expect(dryStart.status).toBe(202);
      expect(dryStart.body.run.runBy).toBe("server");
      const dry = (await finished(dryStart.body.run.id)).run;
      expect(dry).toMatchObject({ state: "done", summary: { reports: TOTAL, dryRun: true } });
      expect(dry.summary.changedReports).toBeGreaterThan(0);

      const worker = spawnLogged(["worker", "--data", mkdtempSync(join(tmpdir(), "skywatch-rxs-w-"))], envOf(db.url));
      await until("the worker", () => /waiting for reports/.test(worker.log()));
      const started = await post({ batchSize: 10 });
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      expect(started.body.run).toMatchObject({ runBy: "workers", state: "running" });
      // One run at a time, on the workers too.
      expect((await post({})).status).toBe(409);
      const { run, seen } = await finished(started.body.run.id);
      expect(run, JSON.stringify(run)).toMatchObject({ state: "done", runBy: "workers", done: TOTAL, total: TOTAL, error: null });
      // The figures of the slices added up are those of the same run in one process (the dry run's).
      for (const k of ["reports", "changedReports", "incidentsAdded", "incidentsRemoved", "incidentsChanged", "failed"])
        expect(run.summary[k], k).toBe(dry.summary[k]);
      expect(run.summary.dryRun).toBe(false);
      expect(Math.min(...seen)).toBeLessThan(TOTAL);
      expect(await slicesQueued()).toBe(TOTAL / 10);
      expect((worker.log().match(/re-extracted \d+ reports/g) ?? []).length).toBe(TOTAL / 10);
      const [{ n: read }] = await store.execute("SELECT count(*)::int AS n FROM report_extractions");
      expect(read).toBe(TOTAL);

      // A second run reads nothing and queues nothing.
      const again = (await finished((await post({})).body.run.id)).run;
      expect(again).toMatchObject({ state: "done", runBy: "workers", total: 0, summary: { reports: 0 } });
      expect(await slicesQueued()).toBe(TOTAL / 10);
      // local: read in the server's process (nothing left to read).
      const local = await post({ local: true });
      expect(local.body.run.runBy).toBe("server");
      expect((await finished(local.body.run.id)).run).toMatchObject({ state: "done", summary: { reports: 0 } });
      await stopChild(serve.child);

      // serve --reextract queues its run for the worker as well.
      await olderExtractor(store);
      const second = await startServe("--reextract");
      expect(second.log()).toMatch(/queued in slices for the 'skywatch worker' processes/);
      let runs: Array<Record<string, unknown>> = [];
      await until("serve's run", async () => {
        runs = ((await (await fetch(`${second.url}/api/reextract`)).json()) as { runs: typeof runs }).runs;
        return runs.length > 0 && runs[0].state !== "running";
      });
      expect(runs[0], second.log()).toMatchObject({ state: "done", runBy: "workers", done: TOTAL, total: TOTAL });
      expect((worker.log().match(/re-extracted \d+ reports/g) ?? []).length).toBe(TOTAL / 10 + 1);
      await stopChild(second.child);
      await stopChild(worker.child);
    } finally {
      await store.close();
    }
  }, 600_000);
});
