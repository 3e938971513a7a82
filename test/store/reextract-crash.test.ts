// kill -9 in the middle of `skywatch reextract` (a real child process over a few hundred stored
// reports), then the same command again: the store ends as an uninterrupted run leaves it — on an
// embedded PGlite store, and with TEST_DATABASE_URL on PostgreSQL (two schemas filled alike; --local,
// the run in the one process).
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Db, openStore, type Store } from "../../src/store/database.js";
import { refuse } from "../../src/store/refuse.js";
import { dropSchemas } from "../helpers/drop-schemas.js";
import { runAsync } from "../helpers/run-async.js";

const root = join(__dirname, "..", "..");
const bin = join(root, "bin", "skywatch.js");

/** A store as the CLI (its arguments and environment) and the test (open) reach it. */
interface Target {
  args: string[];
  /** What reextract adds: on PostgreSQL, --local (this test kills the one process that reads; the workers' run is test/store/reextract-workers). */
  local: string[];
  env: NodeJS.ProcessEnv;
  open(): Promise<Store>;
  /** Makes what the CLI cannot make itself (a PostgreSQL schema). */
  init?(): Promise<void>;
}
const { DATABASE_URL: _, ...noDatabase } = process.env;
const pglite = (dataDir: string): Target => ({
  args: ["--data", dataDir],
  local: [],
  env: noDatabase,
  open: () => openStore({ dataDir: join(dataDir, "db") }),
});
const schemas: string[] = [];
const url = process.env.TEST_DATABASE_URL;
/** A schema of its own on the server; the CLI reaches it through the connection's search_path. */
function postgres(name: string): Target {
  const schemaName = `test_reextract_${name}_${process.pid}_${Date.now()}`;
  schemas.push(schemaName);
  const options = encodeURIComponent(`-c search_path=${schemaName}`);
  return {
    args: [],
    local: ["--local"],
    env: { ...noDatabase, DATABASE_URL: `${url}${url?.includes("?") ? "&" : "?"}options=${options}` },
    open: () => openStore({ url, schemaName }),
    init: async () => (await openStore({ url, schemaName })).close(),
  };
}
afterAll(async () => {
  if (url) await dropSchemas(url, schemas.splice(0));
});

/** Everything a reader sees, without the surrogate ids of rows the run made (sequences are not rolled back). */
async function state(target: Target, oldEvents: number) {
  const store = await target.open();
  try {
    const events = await store.execute(
      `SELECT CASE WHEN e.id <= $1 THEN e.id END AS old_id, e.fusion_key, e.state, e.version, e.kind, e.weapon, e.region,
              e.settlement, e.date::text, e.count, e.killed, e.injured, e.sources, e.officials, e.disagreements, w.fusion_key AS merged_into
       FROM events e LEFT JOIN events w ON w.id = e.merged_into ORDER BY e.fusion_key`,
      [oldEvents],
    );
    const claims = await store.execute(
      `SELECT e.fusion_key, r.natural_key, i.kind, i.weapon, i.count, i.current, c.reason
       FROM claims c JOIN events e ON e.id = c.event_id JOIN incidents i ON i.id = c.incident_id JOIN reports r ON r.id = i.report_id
       ORDER BY 1, 2, 3, 4, 5, 7`,
    );
    const [counts] = await store.execute(
      `SELECT (SELECT count(*) FROM incidents WHERE current)::int AS current, (SELECT count(*) FROM incidents)::int AS incidents,
              (SELECT count(*) FROM report_extractions)::int AS extractions`,
    );
    const changes = await store.execute("SELECT change, count(*)::int AS n FROM event_changes GROUP BY change ORDER BY change");
    return { events, claims, counts, changes };
  } finally {
    await store.close();
  }
}

/** Stores the reports, then makes them look read by an older extractor: every third incident with a figure one higher, and events fused from that. */
async function prepare(target: Target, input: string) {
  await target.init?.();
  const stored = await runAsync(process.execPath, [bin, "ingest", input, ...target.args], { timeout: 300_000, env: target.env });
  expect(stored.status, stored.stderr).toBe(0);
  const store = await target.open();
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

const backends: Array<
  [string, (dir: string, input: string) => Promise<{ once: Target; killed: Target; oldEvents: number; changedIncidents: number }>]
> = [
  [
    "PGlite",
    async (dir, input) => {
      const once = join(dir, "once");
      const prepared = await prepare(pglite(once), input);
      const killed = join(dir, "killed");
      cpSync(once, killed, { recursive: true });
      return { once: pglite(once), killed: pglite(killed), ...prepared };
    },
  ],
];
if (url)
  backends.push([
    "PostgreSQL",
    async (_dir, input) => {
      // Two schemas filled alike: the same reports in the same order get the same ids.
      const once = postgres("once");
      const killed = postgres("killed");
      const prepared = await prepare(once, input);
      expect(await prepare(killed, input)).toEqual(prepared);
      return { once, killed, ...prepared };
    },
  ]);

describe.each(backends)("reextract killed with kill -9, on %s", (_name, setup) => {
  it("resumes after kill -9 mid-reextract and ends in the state of an uninterrupted run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "skywatch-reextract-crash-"));
    const samples = readFileSync(join(root, "data", "sample", "reports.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const total = 360;
    const lines = Array.from({ length: total }, (_, i) => {
      const r = samples[i % samples.length];
      return JSON.stringify({ ...r, url: `${r.url}?copy=${i}`, text: `${r.text}\n(copy ${i})` });
    });
    const input = join(dir, "reports.jsonl");
    writeFileSync(input, lines.join("\n"));
    const { once, killed, oldEvents, changedIncidents } = await setup(dir, input);
    expect(changedIncidents).toBeGreaterThan(50);

    const straight = await runAsync(process.execPath, [bin, "reextract", ...once.args, ...once.local, "--batch", "20"], {
      timeout: 300_000,
      env: once.env,
    });
    expect(straight.status, straight.stderr).toBe(0);
    expect(straight.stdout).toMatch(new RegExp(`reextract: ${total} reports read`));

    const child = spawn(process.execPath, [bin, "reextract", ...killed.args, ...killed.local, "--batch", "20"], {
      stdio: ["ignore", "ignore", "pipe"],
      env: killed.env,
    });
    let progressAtKill = 0;
    await new Promise<void>((resolve, reject) => {
      let log = "";
      child.stderr.on("data", (chunk) => {
        log += chunk;
        const done = [...log.matchAll(/reextract: (\d+)\/\d+ reports/g)].pop();
        if (done && Number(done[1]) >= 100 && !progressAtKill) {
          progressAtKill = Number(done[1]);
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.on("exit", () => reject(new Error(`reextract ended before it could be killed:\n${log}`)));
    });
    const exit = await new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    expect(exit).toBe("SIGKILL");
    expect(progressAtKill).toBeLessThan(total);

    const resumed = await runAsync(process.execPath, [bin, "reextract", ...killed.args, ...killed.local, "--batch", "20"], {
      timeout: 300_000,
      env: killed.env,
    });
    expect(resumed.status, resumed.stderr).toBe(0);
    // (The version hashes the built extractor and its data: a rebuild of changed sources meanwhile is a new version.)
    const version = (r: { stderr: string }) => r.stderr.match(/extractor (\S+)/)?.[1];
    expect(version(resumed), "the extractor was rebuilt with other sources during the test").toBe(version(straight));
    // It read only what the killed run had not committed.
    const read = Number(resumed.stdout.match(/reextract: (\d+) reports read/)?.[1]);
    expect(read).toBeLessThanOrEqual(total - progressAtKill);
    expect(read).toBeGreaterThan(0);

    const a = await state(once, oldEvents);
    const b = await state(killed, oldEvents);
    expect(b).toEqual(a);
    expect(a.counts).toMatchObject({ extractions: total });
    expect(a.changes.find((c) => c.change === "updated")?.n).toBeGreaterThan(0);

    const again = await runAsync(process.execPath, [bin, "reextract", ...killed.args, ...killed.local], {
      timeout: 300_000,
      env: killed.env,
    });
    expect(version(again)).toBe(version(straight));
    console.log(
      `reextract crash: ${changedIncidents} incidents read otherwise; killed at ${progressAtKill}/${total}, the re-run read ${read}; ` +
        `${a.events.length} events, ${a.claims.length} claims, changes ${a.changes.map((c) => `${c.change} ${c.n}`).join(", ")}: the same in both stores`,
    );
    expect(again.stdout).toMatch(/reextract: 0 reports read/);
  }, 600_000);
});
