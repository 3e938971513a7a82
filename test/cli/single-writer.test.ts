// One writer per embedded store: while `skywatch serve` runs on a data directory, `ingest`,
// `watch`, `place add` and `reextract` on the same directory send their work to it, so every report they print as stored
// is served and survives a restart; a second opener without a server is refused with a clear
// error; a lock left by a killed process does not block. Real processes, a real feed on loopback
// (reached with --allow-private-urls: the guarded client refuses loopback by default).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { lockPathFor, StoreBusyError } from "../../src/store/data-dir-lock.js";
import { openStore } from "../../src/store/database.js";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../helpers/throwaway-database.js";

const bin = join(import.meta.dirname, "..", "..", "bin", "skywatch.js");

/** Runs the CLI without blocking this process (the feed server below lives here). */
const run = (args: string[], env: Record<string, string> = {}) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    const { DATABASE_URL: _, ...inherited } = process.env;
    execFile(process.execPath, [bin, ...args], { env: { ...inherited, ...env }, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

interface Serving {
  url: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `skywatch serve` on a free loopback port and waits until it listens. */
function serve(data: string, extra: string[] = [], database: Record<string, string> = {}): Promise<Serving> {
  const { DATABASE_URL: _, ...inherited } = process.env;
  const env = { ...inherited, ...database };
  const child = spawn(process.execPath, [bin, "serve", "--port", "0", "--host", "127.0.0.1", "--data", data, "--no-sample", ...extra], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let log = "";
    const onData = (chunk: Buffer) => {
      log += chunk;
      const m = log.match(/serving on (http:\/\/\S+)/);
      if (m)
        resolve({
          url: m[1],
          child,
          stop: async (signal = "SIGTERM") => {
            child.kill(signal);
            await exited;
          },
        });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`serve ended (${code}) before listening:\n${log}`)));
  });
}

const REPORTS = [
  { text: "Air defences shot down six drones over the Kursk region overnight.", url: "https://example.org/w/1", source: "ministry" },
  { text: "Two drones were shot down over the Bryansk region overnight, the governor said.", url: "https://example.org/w/2" },
];
const VILLAGE_TEXT = "Беспилотник атаковал село Заречное-Пятое в Белгородской области, ранен мужчина, сообщил губернатор.";
const FEED_ITEMS = [
  ["Three drones downed over the Tula region", "https://example.org/f/1"],
  ["Four drones downed over the Oryol region", "https://example.org/f/2"],
  ["Five drones downed over the Lipetsk region", "https://example.org/f/3"],
];
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title>${FEED_ITEMS.map(
  ([title, link]) =>
    `<item><title>${title}</title><link>${link}</link><description>${title} overnight, officials said.</description><pubDate>Mon, 21 Jul 2025 06:00:00 GMT</pubDate></item>`,
).join("")}</channel></rss>`;

/** The texts of every report the server serves (ids are consecutive in a fresh store). */
async function servedTexts(url: string): Promise<string[]> {
  const { reports } = (await (await fetch(`${url}/api/health`)).json()) as { reports: number };
  const texts: string[] = [];
  for (let id = 1; id <= reports; id++) {
    const res = await fetch(`${url}/api/reports/${id}`);
    expect(res.status).toBe(200);
    texts.push(((await res.json()) as { text: string }).text);
  }
  return texts.sort();
}

describe("one writer per embedded store", () => {
  let feed: Server;
  let feedUrl: string;
  beforeAll(async () => {
    feed = createServer((_req, res) => res.writeHead(200, { "content-type": "application/rss+xml" }).end(FEED));
    await new Promise<void>((r) => feed.listen(0, "127.0.0.1", r));
    feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/feed.xml`;
  });
  afterAll(() => new Promise<void>((r) => feed.close(() => r())));

  it("sends ingest and watch to the running serve: all they print as stored is served, also after a restart", async () => {
    const data = mkdtempSync(join(tmpdir(), "skywatch-writer-"));
    const input = join(data, "reports.jsonl");
    writeFileSync(input, REPORTS.map((r) => JSON.stringify({ ...r, published: "2025-07-21" })).join("\n"));
    let server = await serve(data);
    try {
      const lock = JSON.parse(readFileSync(lockPathFor(join(data, "db")), "utf8"));
      expect(lock).toMatchObject({ command: "serve", pid: server.child.pid, server: { url: server.url, token: expect.any(String) } });

      const ingested = await run(["ingest", input, "--data", data]);
      expect(ingested.status, ingested.stderr).toBe(0);
      expect(ingested.stderr).toContain(`into skywatch serve at ${server.url}`);
      expect(ingested.stderr).toMatch(/ingest: 2 stored, 0 new versions, 0 duplicates, 0 failed/);

      const watched = await run(["watch", feedUrl, "--allow-private-urls", "--once", "--data", data]);
      expect(watched.status, watched.stderr).toBe(0);
      expect(watched.stderr).toMatch(/3 items, 3 new, 0 new versions, 0 known, 0 failed/);
      const again = await run(["watch", feedUrl, "--allow-private-urls", "--once", "--data", data]);
      expect(again.stderr).toMatch(/3 items, 0 new, 0 new versions, 3 known/);

      const expected = [...REPORTS.map((r) => r.text), ...FEED_ITEMS.map(([title]) => expect.stringContaining(title))];
      const before = await servedTexts(server.url);
      expect(before).toHaveLength(5);
      expect(before).toEqual(expect.arrayContaining(expected));
      const events = (await (await fetch(`${server.url}/api/events?region=RU-KRS`)).json()) as { total: number };
      expect(events.total).toBe(1);

      await server.stop();
      expect(existsSync(lockPathFor(join(data, "db")))).toBe(false);
      server = await serve(data);
      expect(await servedTexts(server.url)).toEqual(before);
    } finally {
      await server.stop();
    }
  }, 240_000);

  it("needs a key for watch --to and ingest --to when writes are closed, and takes one from --key or SKYWATCH_API_KEY", async () => {
    const data = mkdtempSync(join(tmpdir(), "skywatch-writer-"));
    const server = await serve(data);
    try {
      const refused = await run(["watch", feedUrl, "--allow-private-urls", "--once", "--to", server.url]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/writing needs an API key.*Pass --key KEY or set SKYWATCH_API_KEY/);
      expect(refused.stderr).toMatch(/3 items, 0 new, 0 new versions, 0 known, 3 failed/);

      // keys go through the server that holds the store
      const created = await run(["keys", "create", "--role", "writer", "--data", data]);
      expect(created.status, created.stderr).toBe(0);
      const key = created.stdout.trim();
      expect(key).toMatch(/^sw_[\w-]{40,}$/);
      expect((await run(["keys", "list", "--data", data])).stdout).toMatch(/^\s+1\s+sw_\S+…\s+writer\s+\(any source\)/);

      const watched = await run(["watch", feedUrl, "--allow-private-urls", "--once", "--to", server.url, "--key", key]);
      expect(watched.stderr).toMatch(/3 items, 3 new/);
      const input = join(data, "one.jsonl");
      writeFileSync(input, JSON.stringify(REPORTS[1]));
      const ingested = await run(["ingest", input, "--to", server.url], { SKYWATCH_API_KEY: key });
      expect(ingested.stderr).toMatch(/ingest: 1 stored/);
      expect(await servedTexts(server.url)).toHaveLength(4);

      expect((await run(["keys", "revoke", "1", "--data", data])).status).toBe(0);
      const revoked = await run(["ingest", input, "--to", server.url, "--key", key]);
      expect(revoked.stderr).toMatch(/unknown or was revoked/);
    } finally {
      await server.stop();
    }
  }, 240_000);

  it("sends place add and reextract to the running serve: the place is used at once, the run goes on there", async () => {
    const data = mkdtempSync(join(tmpdir(), "skywatch-writer-"));
    // A report naming a village the gazetteer lacks, stored by an older extractor (no record of this one having read it).
    const before = await openStore({ dataDir: join(data, "db") });
    try {
      await ingest(before, [{ text: VILLAGE_TEXT, published: "2025-08-06", source: "governor" }], { places: defaultPlaceResolver() });
      await before.execute("DELETE FROM report_extractions");
      // Unknown to the gazetteer: named as transliterated, without coordinates of its own.
      expect(await before.execute("SELECT settlement, geo_precision FROM incidents")).toEqual([
        { settlement: "Zarechnoe-Pyatoe", geo_precision: 3 },
      ]);
    } finally {
      await before.close();
    }
    const server = await serve(data);
    try {
      const added = await run([
        "place",
        "add",
        "Zarechnoye-Pyatoye",
        "--alias",
        "Заречное-Пятое",
        "--region",
        "RU-BEL",
        "--lat",
        "50.63",
        "--lon",
        "36.57",
        "--data",
        data,
      ]);
      expect(added.status, added.stderr).toBe(0);
      expect(added.stdout).toContain(
        `added Zarechnoye-Pyatoye (RU-BEL) at 50.63, 36.57; 1 local place(s) in skywatch serve at ${server.url}`,
      );
      expect(added.stdout).toContain("which uses it from now on");
      const places = (await (await fetch(`${server.url}/api/places`)).json()) as { places: Array<{ name: string }> };
      expect(places.places.map((p) => p.name)).toEqual(["Zarechnoye-Pyatoye"]);

      const reextracted = await run(["reextract", "--data", data]);
      expect(reextracted.status, reextracted.stderr).toBe(0);
      expect(reextracted.stderr).toContain(`on skywatch serve at ${server.url}`);
      expect(reextracted.stdout).toMatch(/reextract: 1 reports read, 1 with other incidents: 0 incidents added, 0 removed, 1 changed/);
      const events = (await (await fetch(`${server.url}/api/events?region=RU-BEL`)).json()) as { events: Array<{ settlement: string }> };
      expect(events.events.map((e) => e.settlement)).toEqual(["Zarechnoye-Pyatoye"]);
      // Idempotent, as on the store itself: a second run reads nothing.
      const again = await run(["reextract", "--data", data]);
      expect(again.stdout).toMatch(/reextract: 0 reports read/);
      // --to another server: its keys, not this machine's lock.
      const refused = await run(["reextract", "--to", server.url]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/writing needs an API key.*Pass --key KEY or set SKYWATCH_API_KEY/);
    } finally {
      await server.stop();
    }
  }, 240_000);

  it("refuses a second opener without a server, with an error that says what to do", async () => {
    const data = mkdtempSync(join(tmpdir(), "skywatch-writer-"));
    const dir = join(data, "db");
    const holder = await openStore({ dataDir: dir, command: "ingest" });
    try {
      await expect(openStore({ dataDir: dir })).rejects.toThrow(StoreBusyError);
      const input = join(data, "one.jsonl");
      writeFileSync(input, JSON.stringify(REPORTS[0]));
      const second = await run(["ingest", input, "--data", data]);
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`the store in ${dir} is in use by 'skywatch ingest' (pid ${process.pid}`);
      expect(second.stderr).toMatch(/--to http:\/\/HOST:PORT/);
      const served = await run(["serve", "--port", "0", "--data", data]);
      expect(served.status).toBe(1);
      expect(served.stderr).toMatch(/is in use by 'skywatch ingest'.*Stop it first/);
    } finally {
      await holder.close();
    }
    expect(existsSync(lockPathFor(dir))).toBe(false);
  }, 120_000);

  it("is not blocked by the lock of a process killed with kill -9", async () => {
    const data = mkdtempSync(join(tmpdir(), "skywatch-writer-"));
    const server = await serve(data);
    await server.stop("SIGKILL");
    expect(existsSync(lockPathFor(join(data, "db")))).toBe(true);
    const input = join(data, "one.jsonl");
    writeFileSync(input, JSON.stringify(REPORTS[0]));
    const ingested = await run(["ingest", input, "--data", data]);
    expect(ingested.status, ingested.stderr).toBe(0);
    expect(ingested.stderr).toContain("into embedded PGlite");
    expect(ingested.stderr).toMatch(/ingest: 1 stored/);
    // A lock naming a pid nobody runs (or half-written) is no obstacle either.
    writeFileSync(
      lockPathFor(join(data, "db")),
      JSON.stringify({ pid: 2 ** 22 + 7, started: "1", host: hostname(), command: "serve", since: "" }),
    );
    const restarted = await serve(data);
    try {
      expect(await servedTexts(restarted.url)).toEqual([REPORTS[0].text]);
    } finally {
      await restarted.stop();
    }
  }, 240_000);
});

// With PostgreSQL there is no lock: ingest and watch write the database themselves, beside serve.
describe.skipIf(!process.env.TEST_DATABASE_URL)("ingest and watch beside serve on PostgreSQL", () => {
  let feed: Server;
  let feedUrl: string;
  let database: ThrowawayDatabase;
  beforeAll(async () => {
    feed = createServer((_req, res) => res.writeHead(200, { "content-type": "application/rss+xml" }).end(FEED));
    await new Promise<void>((r) => feed.listen(0, "127.0.0.1", r));
    feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/feed.xml`;
    database = await createThrowawayDatabase(process.env.TEST_DATABASE_URL as string, "skywatch_writer");
  });
  afterAll(async () => {
    await new Promise<void>((r) => feed.close(() => r()));
    await database?.drop();
  });

  it("serves every report ingest and watch print as stored, also after a restart", async () => {
    const data = mkdtempSync(join(tmpdir(), "skywatch-writer-pg-"));
    const env = { DATABASE_URL: database.url };
    const input = join(data, "reports.jsonl");
    writeFileSync(input, REPORTS.map((r) => JSON.stringify({ ...r, published: "2025-07-21" })).join("\n"));
    let server = await serve(data, [], env);
    try {
      const ingested = await run(["ingest", input, "--data", data], env);
      expect(ingested.status, ingested.stderr).toBe(0);
      expect(ingested.stderr).toContain("into PostgreSQL at DATABASE_URL");
      expect(ingested.stderr).toMatch(/ingest: 2 stored/);
      const watched = await run(["watch", feedUrl, "--allow-private-urls", "--once", "--data", data], env);
      expect(watched.status, watched.stderr).toBe(0);
      expect(watched.stderr).toMatch(/3 items, 3 new/);
      const before = await servedTexts(server.url);
      expect(before).toHaveLength(5);
      expect(before).toEqual(
        expect.arrayContaining([...REPORTS.map((r) => r.text), ...FEED_ITEMS.map(([title]) => expect.stringContaining(title))]),
      );
      await server.stop();
      server = await serve(data, [], env);
      expect(await servedTexts(server.url)).toEqual(before);
    } finally {
      await server.stop();
    }
  }, 240_000);
});
