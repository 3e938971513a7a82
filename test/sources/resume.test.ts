// A restart resumes: a real `skywatch sources run` child, killed with SIGKILL in the middle of a
// Telegram backfill, then run again on the same data directory. Every post ends up stored once —
// nothing lost, nothing doubled — and the second run goes on from the saved cursor instead of
// reading the channel again from the top. The CLI's add and list are exercised on the way.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/database.js";
import { channelResponder, entries, localServer, type Post, reportText, rss } from "./helpers.js";

const bin = join(import.meta.dirname, "..", "..", "bin", "skywatch.js");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("sources run, killed and restarted", () => {
  it("stores every post once and resumes the backfill from its cursor", async () => {
    const posts: Post[] = Array.from({ length: 200 }, (_, i) => ({
      id: 9001 + i,
      date: new Date(Date.parse("2025-07-21T20:00:00Z") - (199 - i) * 1_800_000).toISOString(),
      text: reportText(i, "resume"),
    }));
    const respond = channelResponder("slowchannel", () => posts);
    const server = await localServer(async (req, res) => {
      await sleep(250); // slow enough to kill the run between pages
      if (req.url === "/feed.xml")
        return void res
          .writeHead(200, { "content-type": "application/rss+xml" })
          .end(rss("Resume feed", entries("resume-rss", 30, new Date())));
      const html = respond(req.url ?? "");
      if (html === null) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "text/html" }).end(html);
    });
    const data = mkdtempSync(join(tmpdir(), "skywatch-resume-"));
    const { DATABASE_URL: _, ...inherited } = process.env;
    const env = { ...inherited, SKYWATCH_ALLOW_PRIVATE_URLS: "1", SKYWATCH_TELEGRAM_BASE: server.url };
    const cli = (args: string[]) =>
      new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
        execFile(process.execPath, [bin, ...args], { env, timeout: 120_000 }, (err, stdout, stderr) =>
          resolve({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        ),
      );
    try {
      const added = await cli([
        "sources",
        "add",
        "telegram",
        "@slowchannel",
        "--backfill-until",
        "2025-07-01",
        "--type",
        "official",
        "--data",
        data,
      ]);
      expect(added.stdout).toContain("added source 1: telegram slowchannel every 5m");
      expect((await cli(["sources", "add", "rss", `${server.url}/feed.xml`, "--data", data])).status).toBe(0);

      // First run: killed once four older pages were served.
      const child = spawn(process.execPath, [bin, "sources", "run", "--politeness", "0", "--data", data], { env, stdio: "ignore" });
      const exited = new Promise((r) => child.once("exit", r));
      const deadline = Date.now() + 90_000;
      while (server.hits.filter((h) => h.path.includes("before=")).length < 4 && Date.now() < deadline) await sleep(50);
      child.kill("SIGKILL");
      await exited;
      const firstRun = server.hits.filter((h) => h.path.includes("before=")).map((h) => Number(h.path.split("before=")[1]));
      expect(firstRun.length).toBeGreaterThanOrEqual(4);
      const hitsBefore = server.hits.length;

      const second = await cli(["sources", "run", "--politeness", "0", "--data", data]);
      expect(second.status).toBe(0);
      const secondRun = server.hits
        .slice(hitsBefore)
        .filter((h) => h.path.includes("before="))
        .map((h) => Number(h.path.split("before=")[1]));
      // It goes on below the pages the killed run stored (at most the page in flight is read again).
      expect(secondRun.filter((b) => firstRun.includes(b)).length).toBeLessThanOrEqual(1);
      expect(Math.max(...secondRun)).toBeLessThanOrEqual(Math.min(...firstRun));
      console.log(
        `killed after ${firstRun.length} older pages (before=${firstRun.join(",")}); the restart read ${secondRun.length} (before=${secondRun.join(",")})`,
      );

      const listed = await cli(["sources", "list", "--data", data]);
      // The invented posts are of July 2025: long silent by now, and the table says so.
      expect(listed.stdout).toMatch(/^1\s+telegram\s+slowchannel\s+official\s+5m\s+silent\s+\S+ ago\s+\d+\s+200\s+0\s/m);
      expect(listed.stdout).toMatch(/^2\s+rss\s+\S+feed\.xml\s+media\s+5m\s+ok\s+\S+ ago\s+30\s+30\s+0\s/m);
      expect(listed.stdout).toContain("1: silent — no new item for");

      const store = await openStore({ dataDir: join(data, "db") });
      try {
        const rows = await store.execute(
          `SELECT source_id, count(*)::int AS reports, count(DISTINCT natural_key)::int AS keys, max(version)::int AS versions
           FROM reports GROUP BY source_id ORDER BY source_id`,
        );
        expect(rows).toEqual([
          { source_id: 1, reports: 200, keys: 200, versions: 1 },
          { source_id: 2, reports: 30, keys: 30, versions: 1 },
        ]);
        const [cursor] = await store.execute("SELECT cursor FROM sources WHERE id = 1");
        expect(cursor.cursor).toMatchObject({ backfillDone: true, lastId: "9200" });
      } finally {
        await store.close();
      }
    } finally {
      await server.close();
    }
  }, 240_000);
});
