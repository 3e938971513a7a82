// kill -9 of `serve` and two `worker` processes on PostgreSQL (real processes, a throwaway
// database), each at its own seeded random moment while reports are POSTed, round after round,
// restarting them each time; a client resends what got no answer. Then workers drain the queue:
// every report answered 202 is stored exactly once, and the store keeps its invariants.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openReportQueue } from "../../src/queue/report-queue.js";
import { openStore } from "../../src/store/database.js";
import { createThrowawayDatabase } from "../helpers/throwaway-database.js";
import { invariants, NO_PROBLEMS, publishedOf, seeded, shortReport } from "./helpers.js";

const base = process.env.TEST_DATABASE_URL;
const bin = join(import.meta.dirname, "..", "..", "bin", "skywatch.js");
const ROUNDS = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Proc {
  child: ChildProcess;
  exited: Promise<void>;
  log: () => string;
}

function start(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout?.on("data", (c) => {
    log += c;
  });
  child.stderr?.on("data", (c) => {
    log += c;
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return { child, exited, log: () => log };
}

async function listening(p: Proc, deadline = 60_000): Promise<string | null> {
  const until = Date.now() + deadline;
  while (Date.now() < until && p.child.exitCode === null && p.child.signalCode === null) {
    const m = p.log().match(/serving on (http:\/\/\S+)/);
    if (m) return m[1];
    await sleep(50);
  }
  return null;
}

describe.skipIf(!base)("serve and workers killed with kill -9 while reports are posted (PostgreSQL)", () => {
  it(`stores every acknowledged report exactly once after ${ROUNDS} rounds of kills`, async () => {
    const database = await createThrowawayDatabase(base as string, "skywatch_kill");
    const dbUrl = database.url;
    const data = mkdtempSync(join(tmpdir(), "skywatch-serve-kill-"));
    const env = { DATABASE_URL: dbUrl, SKYWATCH_API_KEY: "" };
    const running: Proc[] = [];
    const random = seeded(4242);
    const acked = new Map<string, string>(); // url → text
    let unanswered: Array<Record<string, string>> = [];
    let next = 0;
    let posts = 0;
    let refusedPosts = 0;
    let resent = 0;
    const killedHolding: number[] = [];
    const started = Date.now();
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const serve = start(["serve", "--port", "0", "--host", "127.0.0.1", "--no-sample", "--open-writes", "--data", data], env);
        const workers = [0, 1].map(() => start(["worker", "--batch", "10", "--data", data], env));
        running.push(serve, ...workers);
        const api = await listening(serve);
        expect(api, `round ${round}: ${serve.log()}\n${workers.map((w) => w.log()).join("\n")}`).not.toBeNull();
        // Each process dies at its own moment, 0.3–3 s after serve listens.
        const deaths = [serve, ...workers].map(async (p) => {
          await sleep(300 + random() * 2700);
          p.child.kill("SIGKILL");
          await p.exited;
        });
        let serveDead = false;
        serve.exited.then(() => {
          serveDead = true;
        });
        while (!serveDead) {
          // A client resends what got no answer, and sometimes an acknowledged report again.
          const batch = unanswered.length ? unanswered : [];
          resent += batch.length;
          unanswered = [];
          const size = 1 + Math.floor(random() * 30);
          for (let i = 0; i < size; i++, next++)
            batch.push({
              text: shortReport(next),
              published: publishedOf(next),
              url: `https://example.org/kill2/${next}`,
              source: "crash",
            });
          if (acked.size && random() < 0.3) {
            const old = [...acked.keys()][Math.floor(random() * acked.size)];
            batch.push({ text: acked.get(old) as string, published: publishedOf(Number(old.split("/").pop())), url: old, source: "crash" });
          }
          posts++;
          const answer = await fetch(`${api}/api/reports`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(batch),
          }).catch(() => null);
          if (answer?.status === 202) {
            // A report stored already is answered as its duplicate, not queued again.
            const body = (await answer.json()) as { queued: number; duplicates: number };
            expect(body.queued + body.duplicates).toBe(batch.length);
            for (const r of batch) acked.set(r.url, r.text);
          } else {
            if (answer) refusedPosts++;
            unanswered = batch;
          }
          await sleep(60 + random() * 120);
        }
        const stats = new pg.Client({ connectionString: dbUrl });
        await Promise.all(deaths);
        await stats.connect();
        killedHolding.push(
          Number(
            (
              await stats
                .query("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'skywatch-reports' AND state = 'active'")
                .catch(() => ({ rows: [{ n: 0 }] }))
            ).rows[0].n,
          ),
        );
        await stats.end();
      }
      const roundsS = (Date.now() - started) / 1000;

      // Two workers drain the queue: jobs of killed workers come back after they expire.
      const drainStart = Date.now();
      const finishers = [0, 1].map(() => start(["worker", "--batch", "25", "--data", data], env));
      running.push(...finishers);
      const queue = await openReportQueue(dbUrl);
      let pending = await queue.pending();
      try {
        while (Date.now() - drainStart < 150_000 && pending > 0) {
          await sleep(500);
          pending = await queue.pending();
        }
      } finally {
        await queue.stop();
      }
      const drainS = (Date.now() - drainStart) / 1000;
      for (const f of finishers) f.child.kill("SIGTERM");
      await Promise.all(finishers.map((f) => f.exited));

      const store = await openStore({ url: dbUrl });
      try {
        const figures = await invariants(store);
        const stored = new Map(
          (await store.execute("SELECT url, text, count(*) OVER (PARTITION BY natural_key)::int AS n FROM reports")).map((r) => [
            String(r.url),
            r,
          ]),
        );
        const missing = [...acked].filter(([u, text]) => stored.get(u)?.text !== text).length;
        const [jobs] = await store.execute(
          "SELECT count(*) FILTER (WHERE state = 'failed')::int AS failed, count(*) FILTER (WHERE retry_count > 0)::int AS retried FROM pgboss.job WHERE name = 'skywatch-reports'",
        );
        console.log(
          `serve+workers kill -9: ${ROUNDS} rounds in ${roundsS.toFixed(1)} s, ${posts} POSTs (${refusedPosts} refused, the rest of the failures unanswered; ${resent} reports resent), ` +
            `${acked.size} distinct reports acknowledged with 202 of ${next} sent; active jobs of killed workers per round [${killedHolding.join(",")}]; ` +
            `queue drained ${drainS.toFixed(1)} s after the last round (pending ${pending}; ${jobs.retried} jobs retried, ${jobs.failed} failed); ` +
            `${figures.reports} reports (${figures.keys} keys), ${missing} acknowledged missing, ${figures.incidents} incidents, ${figures.liveEvents} live events, ${figures.claims} claims, ` +
            `invariants ${JSON.stringify(figures.problems) === JSON.stringify(NO_PROBLEMS) ? "all hold" : JSON.stringify(figures.problems)}`,
        );
        expect(pending).toBe(0);
        expect(missing).toBe(0);
        expect([...stored.values()].filter((r) => Number(r.n) !== 1)).toEqual([]);
        expect(figures).toMatchObject({ laterVersions: 0, problems: NO_PROBLEMS });
        expect(figures.reports).toBe(figures.keys);
        expect(figures.reports).toBeGreaterThanOrEqual(acked.size);
        expect(figures.reports).toBeLessThanOrEqual(next);
        expect(jobs.failed).toBe(0);
      } finally {
        await store.close();
      }
    } finally {
      for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
      await Promise.all(running.map((p) => p.exited));
      rmSync(data, { recursive: true, force: true });
      await database.drop();
    }
  }, 300_000);
});
