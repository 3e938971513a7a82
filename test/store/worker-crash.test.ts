// A worker killed mid-batch (kill -9, real processes, real PostgreSQL): the jobs it had taken
// expire and another worker stores them within 60 s, and every accepted report is stored once.
import { type ChildProcess, spawn } from "node:child_process";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { JOB_EXPIRY_SECONDS, openReportQueue } from "../../src/queue/report-queue.js";
import { createThrowawayDatabase } from "../helpers/throwaway-database.js";

const base = process.env.TEST_DATABASE_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function worker(url: string): ChildProcess {
  const child = spawn("node", ["bin/skywatch.js", "worker", "--batch", "25"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.on("data", () => {});
  return child;
}

describe.skipIf(!base)("a worker killed mid-batch (PostgreSQL)", () => {
  it("has its jobs picked up by another worker within 60 s, each report stored once", async () => {
    const database = await createThrowawayDatabase(base as string, "skywatch_crash");
    const dbUrl = database.url;
    const db = new pg.Client({ connectionString: dbUrl });
    const children: ChildProcess[] = [];
    const queue = await openReportQueue(dbUrl);
    try {
      await db.connect();
      const reports = Array.from({ length: 100 }, (_, i) => ({
        text: `${(i % 6) + 2} drones were shot down over the ${["Kursk", "Bryansk", "Tula", "Oryol", "Lipetsk"][i % 5]} region overnight, the governor said. Debris fell near a farm. (${i})`,
        published: `2025-08-${String((i % 20) + 1).padStart(2, "0")}`,
        url: `https://example.org/crash/${i}`,
        source: "crash-test",
      }));
      await queue.enqueue(reports);
      const first = worker(dbUrl);
      children.push(first);
      const active = async () =>
        Number(
          (await db.query("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'skywatch-reports' AND state = 'active'")).rows[0].n,
        );
      const deadline = Date.now() + 60_000;
      let taken = await active();
      while (Date.now() < deadline && taken === 0) {
        await sleep(10);
        taken = await active();
      }
      expect(taken).toBeGreaterThan(0);
      first.kill("SIGKILL");
      const killedAt = Date.now();
      await new Promise((r) => first.once("exit", r));
      const storedAtKill = Number((await db.query("SELECT count(*)::int AS n FROM reports").catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n);
      const stuck = await active();

      children.push(worker(dbUrl));
      let pending = await queue.pending();
      while (Date.now() - killedAt < 90_000 && pending > 0) {
        await sleep(500);
        pending = await queue.pending();
      }
      const recoveredS = (Date.now() - killedAt) / 1000;
      const { rows } = await db.query("SELECT count(*)::int AS n, count(DISTINCT natural_key)::int AS keys FROM reports");
      console.log(
        `worker crash: killed worker 1 (kill -9) holding ${stuck} active jobs, ${storedAtKill} of 100 reports stored; worker 2 finished the queue ${recoveredS.toFixed(1)} s after the kill (expiry ${JOB_EXPIRY_SECONDS} s); ${rows[0].n} reports, ${rows[0].keys} distinct`,
      );
      expect(stuck).toBeGreaterThan(0);
      expect(pending).toBe(0);
      expect(recoveredS).toBeLessThan(60);
      expect(rows[0]).toEqual({ n: 100, keys: 100 });
    } finally {
      for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
      await queue.stop();
      await db.end();
      await sleep(500);
      await database.drop();
    }
  }, 180_000);
});
