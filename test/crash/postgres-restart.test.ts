// A PostgreSQL restart while two workers store queued reports: the workers stay up, reconnect
// and finish, and every queued report is stored once. The restart would cut every other test's
// connections, so this test runs its own throwaway PostgreSQL cluster (initdb in a temp
// directory, a free loopback port) and restarts that one; skipped without the PostgreSQL binaries.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openReportQueue } from "../../src/queue/report-queue.js";
import { openStore } from "../../src/store/database.js";
import { invariants, NO_PROBLEMS, publishedOf, shortReport } from "./helpers.js";

const bin = join(import.meta.dirname, "..", "..", "bin", "skywatch.js");
const REPORTS = 300;
const pgBin = existsSync("/usr/lib/postgresql")
  ? readdirSync("/usr/lib/postgresql")
      .map((v) => join("/usr/lib/postgresql", v, "bin"))
      .find((d) => existsSync(join(d, "initdb")))
  : undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program as the cluster's owner (initdb refuses root). */
function pgRun(program: string, args: string[]) {
  const path = join(pgBin as string, program);
  return asRoot
    ? execFileSync("runuser", ["-u", "postgres", "--", path, ...args], { stdio: "pipe", timeout: 120_000 })
    : execFileSync(path, args, { stdio: "pipe", timeout: 120_000 });
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe.skipIf(!process.env.TEST_DATABASE_URL || !pgBin)("a PostgreSQL restart during a worker run (a private cluster)", () => {
  it("has the workers reconnect and store every queued report", async () => {
    const dir = mkdtempSync(join(tmpdir(), "skywatch-pg-restart-"));
    const cluster = join(dir, "cluster");
    if (asRoot) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString()), 0);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    pgRun("initdb", ["-D", cluster, "-U", "postgres", "--auth=trust", "-N", "-E", "UTF8"]);
    pgRun("pg_ctl", ["-D", cluster, "-o", options, "-l", join(dir, "log"), "-w", "start"]);
    const dbUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const workers: ChildProcess[] = [];
    const logs: string[] = [];
    const exits: Array<number | string> = [];
    try {
      const queue = await openReportQueue(dbUrl);
      await queue.enqueue(
        Array.from({ length: REPORTS }, (_, i) => ({
          text: shortReport(i),
          published: publishedOf(i),
          url: `https://example.org/restart/${i}`,
          source: "restart",
        })),
      );
      await queue.stop();
      for (let w = 0; w < 2; w++) {
        const child = spawn(process.execPath, [bin, "worker", "--batch", "10", "--data", dir], {
          env: { ...process.env, DATABASE_URL: dbUrl },
          stdio: ["ignore", "ignore", "pipe"],
        });
        logs.push("");
        child.stderr?.on("data", (c) => {
          logs[w] += c;
        });
        child.once("exit", (code, signal) => exits.push(code ?? String(signal)));
        workers.push(child);
      }
      const count = async (sql: string) => {
        const c = new pg.Client({ connectionString: dbUrl });
        try {
          await c.connect();
          return Number((await c.query(sql)).rows[0].n);
        } catch {
          return -1; // the server is restarting
        } finally {
          await c.end().catch(() => {});
        }
      };
      const stored = () => count("SELECT count(*)::int AS n FROM reports");
      const until = Date.now() + 60_000;
      let before = await stored();
      while (Date.now() < until && before < 20) {
        await sleep(100);
        before = await stored();
      }
      expect(before, logs.join("\n")).toBeGreaterThan(0);
      expect(before).toBeLessThan(REPORTS);
      const restartAt = Date.now();
      pgRun("pg_ctl", ["-D", cluster, "-o", options, "-l", join(dir, "log"), "-m", "fast", "-w", "restart"]);
      const downS = (Date.now() - restartAt) / 1000;
      const pendingSql = "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'skywatch-reports' AND state < 'completed'";
      let pending = await count(pendingSql);
      while (Date.now() - restartAt < 120_000 && pending !== 0) {
        await sleep(500);
        pending = await count(pendingSql);
      }
      const finishedS = (Date.now() - restartAt) / 1000;
      const store = await openStore({ url: dbUrl });
      try {
        const figures = await invariants(store);
        const [jobs] = await store.execute(
          "SELECT count(*) FILTER (WHERE state = 'failed')::int AS failed, count(*) FILTER (WHERE retry_count > 0)::int AS retried FROM pgboss.job WHERE name = 'skywatch-reports'",
        );
        const reconnects = logs.map((l) => (l.match(/worker: \d+ reports/g) ?? []).length);
        console.log(
          `postgres restart: ${REPORTS} queued, ${before} stored when the server restarted (down ${downS.toFixed(1)} s, pg_ctl restart -m fast); ` +
            `queue done ${finishedS.toFixed(1)} s after the restart (pending ${pending}, ${jobs.retried} jobs retried, ${jobs.failed} failed), ` +
            `workers still running: ${workers.filter((w) => w.exitCode === null && w.signalCode === null).length}/2 (batches logged ${reconnects.join(", ")}); ` +
            `${figures.reports} reports (${figures.keys} keys), ${figures.incidents} incidents, invariants ${JSON.stringify(figures.problems) === JSON.stringify(NO_PROBLEMS) ? "all hold" : JSON.stringify(figures.problems)}`,
        );
        expect(exits, logs.join("\n")).toEqual([]);
        expect(pending).toBe(0);
        expect(figures).toMatchObject({ reports: REPORTS, keys: REPORTS, laterVersions: 0, problems: NO_PROBLEMS });
        expect(jobs.failed).toBe(0);
      } finally {
        await store.close();
      }
    } finally {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGKILL");
      try {
        pgRun("pg_ctl", ["-D", cluster, "-m", "immediate", "-w", "stop"]);
      } catch {
        // not running
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
