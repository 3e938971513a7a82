// kill -9 in the middle of an ingest batch, then the same batch again: every report stored
// once, and none half-stored (a report without the incidents its text states).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { openStore } from "../../src/store/database.js";
import { runAsync } from "../helpers/run-async.js";

const root = join(__dirname, "..", "..");
const bin = join(root, "bin", "skywatch.js");

it("survives kill -9 mid-batch without duplicates or half-stored reports", async () => {
  const dir = mkdtempSync(join(tmpdir(), "skywatch-crash-"));
  const samples = readFileSync(join(root, "data", "sample", "reports.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const total = 500;
  const lines = Array.from({ length: total }, (_, i) => {
    const r = samples[i % samples.length];
    return JSON.stringify({ ...r, url: `${r.url}?copy=${i}`, text: `${r.text}\n(copy ${i})` });
  });
  const input = join(dir, "batch.jsonl");
  writeFileSync(input, lines.join("\n"));
  const data = join(dir, "data");

  const child = spawn(process.execPath, [bin, "ingest", input, "--data", data], { stdio: ["ignore", "ignore", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    let log = "";
    child.stderr.on("data", (chunk) => {
      log += chunk;
      const done = [...log.matchAll(/ingest: (\d+) reports/g)].pop();
      if (done && Number(done[1]) >= 100) {
        child.kill("SIGKILL");
        resolve();
      }
    });
    child.on("exit", () => reject(new Error(`ingest ended before it could be killed:\n${log}`)));
  });
  await new Promise((resolve) => child.on("exit", resolve));

  const again = await runAsync(process.execPath, [bin, "ingest", input, "--data", data], { timeout: 300_000 });
  expect(again.status, again.stderr).toBe(0);

  const store = await openStore({ dataDir: join(data, "db") });
  try {
    const [counts] = await store.execute("SELECT count(*)::int AS reports, count(DISTINCT natural_key)::int AS keys FROM reports");
    expect(counts).toEqual({ reports: total, keys: total });
    const [half] = await store.execute(
      "SELECT count(*)::int AS n FROM reports r WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.report_id = r.id)",
    );
    expect(half.n).toBe(0);
  } finally {
    await store.close();
  }
}, 600_000);
