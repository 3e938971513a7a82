// kill -9 at seeded random points of `skywatch ingest` (a real child process) into an embedded
// store, ten times over the same few hundred report files, then one complete run: every file is
// stored exactly once, and the store keeps its invariants (helpers.ts) and ends with the events
// and claims of an uninterrupted run into a fresh store.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Disagreement } from "../../src/model/disagreement.js";
import { openStore } from "../../src/store/database.js";
import { invariants, NO_PROBLEMS, publishedOf, seeded, shortReport } from "./helpers.js";

const bin = join(import.meta.dirname, "..", "..", "bin", "skywatch.js");
const FILES = 400;
const KILLS = 10;

interface Run {
  child: ChildProcess;
  /** Resolves with the exit code (null when killed) and everything it wrote to stderr. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; log: string }>;
  /** Resolves when the store is open (its first line). */
  opened: Promise<void>;
  log(): string;
}

function ingest(inputs: string[], data: string): Run {
  const { DATABASE_URL: _, ...env } = process.env;
  const child = spawn(process.execPath, [bin, "ingest", ...inputs, "--data", data], { env, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  let open: () => void = () => {};
  const opened = new Promise<void>((r) => {
    open = r;
  });
  child.stderr?.on("data", (chunk) => {
    log += chunk;
    if (log.includes("skywatch ingest: into")) open();
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; log: string }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, log })),
  );
  return { child, ended, opened, log: () => log };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Live events and their claims by natural keys, without surrogate ids. */
async function fused(dataDir: string) {
  const store = await openStore({ dataDir: join(dataDir, "db") });
  try {
    // (A disagreement lists its claims in the order they were stored, which the kills change: compared as sets.)
    const events = (
      await store.execute(
        "SELECT fusion_key, kind, weapon, region, date::text, count, sources, disagreements FROM events WHERE state = 'live' ORDER BY fusion_key",
      )
    ).map((e) => ({
      ...e,
      disagreements: (e.disagreements as Disagreement[]).map((d) => ({
        field: d.field,
        values: d.values.map((v) => `${v.source} ${v.value}`).sort(),
      })),
    }));
    const claims = await store.execute(
      `SELECT e.fusion_key, r.natural_key FROM claims c JOIN events e ON e.id = c.event_id
       JOIN incidents i ON i.id = c.incident_id JOIN reports r ON r.id = i.report_id ORDER BY 1, 2`,
    );
    const texts = (await store.execute("SELECT text FROM reports ORDER BY text")).map((r) => String(r.text));
    return { events, claims, texts, figures: await invariants(store) };
  } finally {
    await store.close();
  }
}

it(`keeps every report exactly once after ${KILLS} kill -9 of ingest at random points`, async () => {
  const dir = mkdtempSync(join(tmpdir(), "skywatch-ingest-kill-"));
  try {
    const input = join(dir, "reports");
    mkdirSync(input);
    const texts: string[] = [];
    const files: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const name = `r${String(i).padStart(4, "0")}`;
      const text = shortReport(i);
      texts.push(text);
      files.push(join(input, `${name}.txt`));
      writeFileSync(files[i], text);
      // Two in three carry metadata (a URL: its own natural key); the rest are keyed by their text.
      if (i % 3)
        writeFileSync(
          join(input, `${name}.meta.json`),
          JSON.stringify({ published: publishedOf(i), url: `https://example.org/kill/${i}`, source: `channel-${i % 5}` }),
        );
    }
    const data = join(dir, "killed");
    const random = seeded(20250811);
    const landed: string[] = [];
    const started = Date.now();
    // How long a run takes from opening the store to its end (measured on runs that were not killed).
    let work = 2000;
    for (let k = 0; k < KILLS; k++) {
      // The files in another order each time, so that every batch mixes stored and new reports.
      const order = files.map((f) => [random(), f] as const).sort((x, y) => x[0] - y[0]);
      const run = ingest(
        order.map(([, f]) => f),
        data,
      );
      // Every third kill at a random point of the start (opening, migrating, the lock), the others
      // at a random point after the store opened, while reports are extracted and stored.
      const early = k % 3 === 0;
      const delay = Math.round(random() * (early ? 2500 : work));
      let openedAt = 0;
      const outcome = await Promise.race([
        (early
          ? sleep(delay)
          : run.opened.then(() => {
              openedAt = Date.now();
              return sleep(delay);
            })
        ).then(() => "kill" as const),
        run.ended.then(() => "ended" as const),
      ]);
      if (outcome === "kill") run.child.kill("SIGKILL");
      else if (openedAt) work = Math.max(200, Math.round(0.8 * (Date.now() - openedAt)));
      const end = await run.ended;
      const committed = [...end.log.matchAll(/ingest: (\d+) reports/g)].pop()?.[1] ?? "0";
      landed.push(
        end.signal === "SIGKILL"
          ? `${early ? "start" : "open"}+${delay}ms:${end.log.includes("into") ? `${committed}` : "before-open"}`
          : `ended(${end.code})`,
      );
      expect(end.signal === "SIGKILL" || end.code === 0, end.log).toBe(true);
    }
    const killsS = (Date.now() - started) / 1000;

    const last = ingest([input], data);
    const end = await last.ended;
    expect(end.code, end.log).toBe(0);
    const summary = end.log.match(/ingest: (\d+) stored, (\d+) new versions, (\d+) duplicates, (\d+) failed/);
    expect(summary).not.toBeNull();
    const [stored, newVersions, duplicates, failed] = (summary as RegExpMatchArray).slice(1).map(Number);
    expect({ newVersions, failed, total: stored + duplicates }).toEqual({ newVersions: 0, failed: 0, total: FILES });

    const straight = join(dir, "straight");
    const reference = ingest([input], straight);
    expect((await reference.ended).code).toBe(0);

    const a = await fused(data);
    const b = await fused(straight);
    console.log(
      `ingest kill -9: ${FILES} files, ${KILLS} kills in ${killsS.toFixed(1)} s (where: [${landed.join(" ")}], the figure = reports done by the last progress line), ` +
        `then a complete run: ${stored} stored, ${duplicates} already there; ${a.figures.reports} reports, ${a.figures.keys} keys, ` +
        `${a.figures.incidents} incidents, ${a.figures.liveEvents} live events, ${a.figures.claims} claims, ` +
        `invariants ${JSON.stringify(a.figures.problems) === JSON.stringify(NO_PROBLEMS) ? "all hold" : JSON.stringify(a.figures.problems)}; ` +
        `events and claims ${JSON.stringify([a.events, a.claims]) === JSON.stringify([b.events, b.claims]) ? "equal" : "DIFFER from"} an uninterrupted run's`,
    );
    expect(a.figures).toMatchObject({ reports: FILES, keys: FILES, laterVersions: 0, incidents: FILES, problems: NO_PROBLEMS });
    expect(a.texts).toEqual([...texts].sort());
    expect(a.events).toEqual(b.events);
    expect(a.claims).toEqual(b.claims);
    expect(b.figures.problems).toEqual(NO_PROBLEMS);
  } finally {
    if (!process.env.KEEP_CRASH_DIR) rmSync(dir, { recursive: true, force: true });
    else console.log(dir);
  }
}, 240_000);
