// `skywatch reextract` with DATABASE_URL shared by two `skywatch worker` processes (real processes,
// throwaway databases on TEST_DATABASE_URL): with no worker it says so and reads nothing; with two,
// both read slices; the command killed with kill -9 mid-run (and the workers stopped) leaves the
// rest queued, and started again beside two new workers it follows those slices and queues nothing
// twice; the store ends as an in-process run (--local) leaves another database filled alike. And a
// worker (in this process) reads a slice of its own extractor version and hands back one of another.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { extractorVersion } from "../../src/ingest/extractor-version.js";
import { ingest } from "../../src/ingest/ingest.js";
import { jobsChannel } from "../../src/queue/job-signal.js";
import { enqueueReextract, runningWorkers, sliceStates, storeSchema } from "../../src/queue/reextract-queue.js";
import { openReportQueue } from "../../src/queue/report-queue.js";
import { type Db, openStore } from "../../src/store/database.js";
import { refuse } from "../../src/store/refuse.js";
import { publishedOf, shortReport } from "../crash/helpers.js";
import { dropSchemas } from "../helpers/drop-schemas.js";
import { runAsync } from "../helpers/run-async.js";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../helpers/throwaway-database.js";

const root = join(__dirname, "..", "..");
const bin = join(root, "bin", "skywatch.js");
const base = process.env.TEST_DATABASE_URL;
const { DATABASE_URL: _, ...noDatabase } = process.env;
const databases: ThrowawayDatabase[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const d of databases.splice(0)) await d.drop();
});

const envOf = (url: string) => ({ ...noDatabase, DATABASE_URL: url, SKYWATCH_API_KEY: "" });

/** Stores the reports, then makes them look read by an older extractor (as test/store/reextract-crash does). */
async function prepare(url: string, input: string) {
  const stored = await runAsync(process.execPath, [bin, "ingest", input], { timeout: 300_000, env: envOf(url) });
  expect(stored.status, stored.stderr).toBe(0);
  const store = await openStore({ url });
  try {
    await store.execute("UPDATE incidents SET extractor_version = '0.0.9+older'");
    await store.execute("DELETE FROM report_extractions");
    const tampered = await store.execute(
      "UPDATE incidents SET count = count + 1 WHERE count IS NOT NULL AND id % 3 = 0 RETURNING fusion_key",
    );
    await store.db.transaction((tx) => refuse(tx as unknown as Db, [...new Set(tampered.map((r) => String(r.fusion_key)))]));
    return { changedIncidents: tampered.length, oldEvents: Number((await store.execute("SELECT max(id)::int AS n FROM events"))[0].n) };
  } finally {
    await store.close();
  }
}

/**
 * What a reader sees. Without the event versions and the change log: slices read in parallel touch
 * an event shared by two of them in either order, so it may take another path to the same end.
 */
async function state(url: string, oldEvents: number) {
  const store = await openStore({ url });
  try {
    const events = await store.execute(
      `SELECT CASE WHEN e.id <= $1 THEN e.id END AS old_id, e.fusion_key, e.state, e.kind, e.weapon, e.region,
              e.settlement, e.date::text, e.count, e.killed, e.injured, e.sources, e.officials, e.disagreements, w.fusion_key AS merged_into
       FROM events e LEFT JOIN events w ON w.id = e.merged_into ORDER BY e.fusion_key, e.state`,
      [oldEvents],
    );
    const claims = await store.execute(
      `SELECT e.fusion_key, r.natural_key, i.kind, i.weapon, i.count, i.current, i.extractor_version, c.reason
       FROM claims c JOIN events e ON e.id = c.event_id JOIN incidents i ON i.id = c.incident_id JOIN reports r ON r.id = i.report_id
       ORDER BY 1, 2, 3, 4, 5, 8`,
    );
    const [counts] = await store.execute(
      `SELECT (SELECT count(*) FROM incidents WHERE current)::int AS current, (SELECT count(*) FROM incidents)::int AS incidents,
              (SELECT count(*) FROM report_extractions)::int AS extractions`,
    );
    // (A disagreement lists its values in the order of the claims' incidents, and incidents of reports
    // read in parallel are stored in either order: the values are compared as a set.)
    for (const e of events)
      for (const d of (e.disagreements ?? []) as Array<{ values: Array<{ source: string; value: number }> }>)
        d.values.sort((x, y) => x.source.localeCompare(y.source) || x.value - y.value);
    return { events, claims, counts };
  } finally {
    await store.close();
  }
}

function startWorker(url: string) {
  const child = spawn(process.execPath, [bin, "worker", "--data", mkdtempSync(join(tmpdir(), "skywatch-rxw-"))], {
    env: envOf(url),
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  let log = "";
  child.stderr?.setEncoding("utf8").on("data", (c: string) => {
    log += c;
  });
  return { child, log: () => log };
}

describe.skipIf(!base)("reextract shared by two workers (PostgreSQL)", () => {
  it("ends in the state of an in-process run, after a kill -9 of the command and a re-run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "skywatch-reextract-workers-"));
    const samples = readFileSync(join(root, "data", "sample", "reports.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const total = 240;
    // The sample's reports copied (a few events, many claims each) and short reports of many places and days.
    const lines = Array.from({ length: total }, (_, i) => {
      if (i % 2)
        return JSON.stringify({ text: shortReport(i), published: publishedOf(i), url: `https://example.org/rxw/${i}`, source: "rxw" });
      const r = samples[i % samples.length];
      return JSON.stringify({ ...r, url: `${r.url}?copy=${i}`, text: `${r.text}\n(copy ${i})` });
    });
    const input = join(dir, "reports.jsonl");
    writeFileSync(input, lines.join("\n"));
    const local = await createThrowawayDatabase(base as string, "skywatch_rx_local");
    databases.push(local);
    const shared = await createThrowawayDatabase(base as string, "skywatch_rx_shared");
    databases.push(shared);
    const prepared = await prepare(local.url, input);
    expect(await prepare(shared.url, input)).toEqual(prepared);
    expect(prepared.changedIncidents).toBeGreaterThan(30);

    // No worker: said, nothing read, nothing queued.
    const alone = await runAsync(process.execPath, [bin, "reextract", "--batch", "20"], { timeout: 300_000, env: envOf(shared.url) });
    expect(alone.status).toBe(1);
    expect(alone.stderr).toMatch(/no 'skywatch worker' is running/);
    expect(alone.stderr).toMatch(/--local/);

    // A dry run needs no worker.
    const dry = await runAsync(process.execPath, [bin, "reextract", "--dry-run"], { timeout: 300_000, env: envOf(shared.url) });
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(new RegExp(`reextract: ${total} reports read, \\d+ with other incidents.*\\(dry run`));

    const inProcess = await runAsync(process.execPath, [bin, "reextract", "--local", "--batch", "20"], {
      timeout: 300_000,
      env: envOf(local.url),
    });
    expect(inProcess.status, inProcess.stderr).toBe(0);
    expect(inProcess.stdout).toMatch(new RegExp(`reextract: ${total} reports read`));

    const startWorkers = async () => {
      const two = [startWorker(shared.url), startWorker(shared.url)];
      const until = Date.now() + 60_000;
      while (!two.every((w) => /waiting for reports/.test(w.log())) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      return two;
    };
    const stopWorkers = (two: Array<ReturnType<typeof startWorker>>, signal: NodeJS.Signals = "SIGTERM") =>
      Promise.all(
        two.map((w) => {
          const exited = new Promise((r) => (w.child.exitCode !== null ? r(null) : w.child.once("exit", r)));
          w.child.kill(signal);
          return exited;
        }),
      );
    const first = await startWorkers();

    // The command and the workers killed with kill -9 once slices are done: the rest stays queued.
    const child = spawn(process.execPath, [bin, "reextract", "--batch", "20"], {
      stdio: ["ignore", "ignore", "pipe"],
      env: envOf(shared.url),
    });
    children.push(child);
    let progressAtKill = 0;
    await new Promise<void>((resolve, reject) => {
      let log = "";
      child.stderr.on("data", (chunk) => {
        log += chunk;
        const done = [...log.matchAll(/reextract: (\d+)\/\d+ reports/g)].pop();
        if (done && Number(done[1]) >= 40 && !progressAtKill) {
          progressAtKill = Number(done[1]);
          child.kill("SIGKILL");
          // Killed too, not stopped: a worker told to stop may still finish every slice first on a quick
          // machine, leaving nothing for the re-run to follow. A slice it was reading comes back after its expiry.
          stopWorkers(first, "SIGKILL").then(() => resolve(), reject);
        }
      });
      child.on("exit", () => {
        if (!progressAtKill) reject(new Error(`reextract ended before it could be killed:\n${log}`));
      });
    });
    expect(progressAtKill).toBeLessThan(total);
    const left = async () => {
      const store = await openStore({ url: shared.url });
      try {
        return Number(
          (await store.execute("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'skywatch-reextract' AND state < 'completed'"))[0].n,
        );
      } finally {
        await store.close();
      }
    };
    const queuedAtKill = await left();
    expect(queuedAtKill).toBeGreaterThan(0);
    // Slices queued and no worker: said, not waited for in silence.
    const idle = await runAsync(process.execPath, [bin, "reextract"], { timeout: 300_000, env: envOf(shared.url) });
    expect(idle.status).toBe(1);
    expect(idle.stderr).toMatch(/no 'skywatch worker' is running/);

    // Started again, then workers: it follows the slices still queued and queues none twice.
    const resumedChild = runAsync(process.execPath, [bin, "reextract", "--batch", "20"], { timeout: 300_000, env: envOf(shared.url) });
    await new Promise((r) => setTimeout(r, 3000));
    const workers = await startWorkers();
    const resumed = await resumedChild;
    expect(resumed.status, resumed.stderr).toBe(0);
    const version = (r: { stderr: string }) => r.stderr.match(/extractor (\S+)/)?.[1];
    expect(version(resumed), "the extractor was rebuilt with other sources during the test").toBe(version(inProcess));
    // Only what was neither read nor queued was queued again: the rest was followed.
    // (Fewer than were left unfinished may be followed: a slice a worker had read in full when it was
    // killed, before it could mark the job done, holds no report that still needs reading.)
    const following = resumed.stderr.match(/following (\d+) slices queued by an earlier run; 0 slices queued now/);
    expect(following, resumed.stderr).not.toBeNull();
    expect(Number(following?.[1])).toBeGreaterThan(0);
    expect(Number(following?.[1])).toBeLessThanOrEqual(queuedAtKill);
    expect(await left()).toBe(0);
    const store = await openStore({ url: shared.url });
    const [jobs] = await store.execute("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'skywatch-reextract'");
    await store.close();
    expect(jobs.n).toBe(total / 20);
    const read = Number(resumed.stdout.match(/reextract: (\d+) reports read/)?.[1]);
    expect(read).toBeLessThanOrEqual(total - progressAtKill);

    const a = await state(local.url, prepared.oldEvents);
    const b = await state(shared.url, prepared.oldEvents);
    expect(b).toEqual(a);
    expect(a.counts).toMatchObject({ extractions: total });
    const slices = [...first, ...workers].map((w) => (w.log().match(/re-extracted \d+ reports/g) ?? []).length);
    // Which worker takes how many slices is the scheduler's business (on a loaded machine one may take
    // them all before the other polls): the workers together read what the command queued.
    expect(slices[0] + slices[1]).toBeGreaterThan(0);
    expect(slices[2] + slices[3]).toBeGreaterThanOrEqual(Number(following?.[1]));
    expect(slices[2] + slices[3]).toBeLessThanOrEqual(queuedAtKill);

    const again = await runAsync(process.execPath, [bin, "reextract"], { timeout: 300_000, env: envOf(shared.url) });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/reextract: 0 reports read/);
    console.log(
      `reextract on two workers: ${total} reports (killed at ${progressAtKill}, ${queuedAtKill} slices left queued; the re-run followed them and read ${read}), ` +
        `slices per worker ${slices.slice(0, 2).join(" + ")}, then ${slices.slice(2).join(" + ")}; the re-run: ${resumed.stdout.trim()}; ${a.events.length} events, ${a.claims.length} claims: the same as in one process`,
    );
    await stopWorkers(workers);
  }, 600_000);

  it("reads a slice of its own extractor version, and hands back one of another build, which then fails saying why", async () => {
    const schema = `test_rxv_${process.pid}_${Date.now()}`;
    const bossSchema = `${schema}_boss`;
    const store = await openStore({ url: base, schemaName: schema });
    const queue = await openReportQueue(base as string, { schema: bossSchema, pollingIntervalSeconds: 0.5 });
    try {
      await ingest(
        store,
        [
          { text: "Two drones were shot down over the Kursk region overnight.", published: "2025-07-21", source: "a" },
          { text: "Five drones were shot down over the Bryansk region overnight.", published: "2025-07-21", source: "b" },
        ],
        { places: defaultPlaceResolver() },
      );
      const ids = (await store.execute("SELECT id FROM reports ORDER BY id")).map((r) => Number(r.id));
      await store.execute("DELETE FROM report_extractions");
      expect(await runningWorkers(store, bossSchema)).toBe(0);
      await queue.work(store, defaultPlaceResolver());
      expect(await runningWorkers(store, bossSchema)).toBe(1);
      const at = { version: extractorVersion(), schema: await storeSchema(store) };
      const [own] = await enqueueReextract(queue.boss, jobsChannel(bossSchema), at, [ids]);
      const [other] = await enqueueReextract(queue.boss, jobsChannel(bossSchema), { ...at, version: "0.0.1+otherbuild" }, [ids]);
      const until = Date.now() + 90_000;
      let states = await sliceStates(queue.boss, bossSchema, [own, other]);
      while (states.some((j) => j.state !== "completed" && j.state !== "failed") && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 500));
        states = await sliceStates(queue.boss, bossSchema, [own, other]);
      }
      const byId = new Map(states.map((j) => [j.id, j]));
      expect(byId.get(own)).toMatchObject({ state: "completed", output: { summary: { reports: 2, version: at.version } } });
      expect(byId.get(other)?.state).toBe("failed");
      expect(JSON.stringify(byId.get(other)?.output)).toMatch(/the run was started with 0\.0\.1\+otherbuild/);
      const [{ n }] = await store.execute("SELECT count(*)::int AS n FROM report_extractions WHERE extractor_version = $1", [at.version]);
      expect(n).toBe(2);
    } finally {
      await queue.stop();
      await store.close();
      await dropSchemas(base as string, [schema, bossSchema]);
    }
  }, 120_000);
});
