// Collection of registered sources into an embedded store, from real HTTP servers on 127.0.0.1:
// a channel in the shape of t.me/s (edits, forwards, captions, a long post, replies), RSS, Atom
// and JSON Feed with conditional GET, Telegram backfill, backoff after errors, silence flagged,
// per-host politeness, provenance (reports.source_id), and the API's admin checks.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { sourceHealth } from "../../src/sources/health.js";
import { addSource, getSource } from "../../src/sources/registry.js";
import { backoffSeconds, Collector } from "../../src/sources/scheduler.js";
import { parseSourceFile } from "../../src/sources/source-file.js";
import { parseTelegramPage } from "../../src/sources/telegram.js";
import { createApiKey } from "../../src/store/api-keys.js";
import { openStore, type Store } from "../../src/store/database.js";
import { atom, channelResponder, entries, jsonFeed, type LocalServer, localServer, type Post, reportText, rss } from "./helpers.js";

const FIXTURE = readFileSync(join(import.meta.dirname, "..", "fixtures", "telegram", "channel-page.html"), "utf8");

let store: Store;
beforeAll(async () => {
  store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-sources-")), "db") });
});
afterAll(async () => {
  await store?.close();
});

const collector = (server: LocalServer, extra: ConstructorParameters<typeof Collector>[1] = {}) =>
  new Collector(store, { allowPrivate: true, politenessMs: 0, telegramBase: server.url, ...extra });

interface Row {
  url: string;
  version: number;
  title: string | null;
  text: string;
  published: string | null;
  source: string;
}
const reportsOf = async (sourceId: number) =>
  (await store.execute(
    "SELECT url, version, title, text, published::text AS published, source FROM reports WHERE source_id = $1 ORDER BY url, version",
    [sourceId],
  )) as unknown as Row[];

describe("t.me/s pages", () => {
  it("reads posts: ids, dates, text with line breaks and links, edits, forwards, captions, replies left out", () => {
    const page = parseTelegramPage(FIXTURE, "testoblast");
    expect(page.channelTitle).toBe("Test Regional Administration");
    expect(page.before).toBe(1040);
    // 1040 is a service message.
    expect(page.posts.map((p) => p.id)).toEqual([1041, 1042, 1043, 1044, 1045, 1046]);
    const [first, photo, forwarded, long, bare, video] = page.posts;
    expect(first.url).toBe("https://t.me/testoblast/1041");
    expect(first.date).toBe("2025-07-21T04:10:00+00:00");
    expect(first.text).toBe(
      "⚠️ Air defence forces shot down four drones over the Kursk region overnight.\n\nNo one was hurt. Details: official statement (https://example.org/news/4-drones) #drones",
    );
    expect(first.edited).toBe(false);
    expect(photo).toMatchObject({
      edited: true,
      media: ["photo"],
      text: "A drone hit a warehouse in Belgorod; the fire was put out.\nTwo people were injured.",
    });
    expect(forwarded.forwardedFrom).toBe("Test Ministry of Defence");
    // The reply's quote of post 1041 is not part of 1044's text.
    expect(long.text.startsWith("Summary of the night of 21 July.\n\n1. Over the Belgorod region")).toBe(true);
    expect(long.text.length).toBeGreaterThan(3500);
    expect(long.text).toContain("18. Over the Tver region");
    expect(long.text.endsWith("End of summary. Updates will follow in this channel.")).toBe(true);
    expect(bare).toMatchObject({ text: "", media: ["photo"] });
    expect(video).toMatchObject({
      media: ["video"],
      text: "Video: the consequences of the drone attack on Sumy. Three houses were damaged, nobody was killed.",
    });
  });

  it("collects a channel; an edited post becomes a new version of the same message, the rest is known", async () => {
    let edited = false;
    const server = await localServer((req, res) => {
      if (req.url !== "/s/testoblast") return void res.writeHead(404).end();
      const html = edited ? FIXTURE.replace("Two people were injured.", "Three people were injured, one of them seriously.") : FIXTURE;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    });
    try {
      const { source } = await addSource(store, {
        kind: "telegram",
        address: "https://t.me/s/testoblast",
        type: "official",
        language: "en",
      });
      expect(source.address).toBe("testoblast");
      const c = collector(server);
      const [first] = await c.runDue([source.id]);
      // Six posts seen; five have text (1045 is a photo without caption).
      expect(first).toMatchObject({ status: "ok", seen: 6, new: 5, versions: 0, failed: 0 });
      let rows = await reportsOf(source.id);
      expect(rows.map((r) => r.url)).toEqual([1041, 1042, 1043, 1044, 1046].map((id) => `https://t.me/testoblast/${id}`));
      expect(rows.every((r) => r.source === "telegram:testoblast" && r.published === "2025-07-21")).toBe(true);
      expect(rows.find((r) => r.url.endsWith("1043"))?.title).toBe("Forwarded from Test Ministry of Defence");
      expect(String(rows.find((r) => r.url.endsWith("1044"))?.text).length).toBeGreaterThan(3500);

      edited = true;
      const [second] = await c.runDue([source.id]);
      expect(second).toMatchObject({ status: "ok", seen: 6, new: 1, versions: 1 });
      rows = await reportsOf(source.id);
      const versions = rows.filter((r) => r.url.endsWith("/1042"));
      expect(versions.map((r) => r.version)).toEqual([1, 2]);
      expect(versions[1].text).toContain("Three people were injured");
      const after = (await getSource(store, source.id))!;
      expect(after.cursor).toMatchObject({ name: "telegram:testoblast", lastId: "1046" });
      expect(after.itemsSeen).toBe(12);
      expect(after.itemsNew).toBe(6);
      expect(after.newestItemAt).toBe("2025-07-21T08:15:00.000Z");
    } finally {
      await server.close();
    }
  });

  it("backfills older pages (?before=ID) down to a date, and not again once done", async () => {
    // 95 posts, one an hour, the newest at 2025-07-21T23:00Z; 20 a page.
    const posts: Post[] = Array.from({ length: 95 }, (_, i) => ({
      id: 5001 + i,
      date: new Date(Date.parse("2025-07-21T23:00:00Z") - (94 - i) * 3_600_000).toISOString(),
      text: reportText(i, "bf"),
    }));
    const respond = channelResponder("backfilled", () => posts);
    const server = await localServer((req, res) => {
      const html = respond(req.url ?? "");
      if (html === null) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "text/html" }).end(html);
    });
    try {
      const { source } = await addSource(store, { kind: "telegram", address: "@backfilled", backfillUntil: "2025-07-19" });
      const c = collector(server);
      const [run] = await c.runDue([source.id]);
      const expected = posts.filter((p) => p.date.slice(0, 10) >= "2025-07-19").length;
      expect(expected).toBe(72); // 19, 20 and 21 July
      expect(run.new).toBe(expected);
      const [{ n, oldest }] = await store.execute(
        "SELECT count(*)::int AS n, min(published)::text AS oldest FROM reports WHERE source_id = $1",
        [source.id],
      );
      expect(n).toBe(expected);
      expect(oldest).toBe("2025-07-19");
      // Newest page, then ?before= pages until a post older than the 19th shows up.
      expect(server.hits.map((h) => h.path)).toEqual([
        "/s/backfilled",
        "/s/backfilled?before=5076",
        "/s/backfilled?before=5056",
        "/s/backfilled?before=5036",
      ]);
      expect((await getSource(store, source.id))!.cursor.backfillDone).toBe(true);
      await c.runDue([source.id]);
      expect(server.hits.length).toBe(5); // only the newest page again
    } finally {
      await server.close();
    }
  });
});

describe("feeds", () => {
  it("collects RSS, Atom and JSON Feed, then costs one 304 each while they are unchanged", async () => {
    const newest = new Date(Date.now() - 5 * 60_000);
    const bodies: Record<string, [string, string]> = {
      "/rss.xml": ["application/rss+xml", rss("Test RSS", entries("rss", 10, newest, 30))],
      "/atom.xml": ["application/atom+xml", atom("Test Atom", entries("atom", 8, newest, 30))],
      "/feed.json": ["application/feed+json", jsonFeed("Test JSON Feed", entries("json", 6, newest, 30))],
    };
    const server = await localServer((req, res) => {
      const body = bodies[req.url ?? ""];
      if (!body) return void res.writeHead(404).end();
      const etag = `"${req.url}-v1"`;
      if (req.headers["if-none-match"] === etag) return void res.writeHead(304).end();
      res.writeHead(200, { "content-type": body[0], etag }).end(body[1]);
    });
    try {
      const ids: number[] = [];
      for (const path of Object.keys(bodies))
        ids.push((await addSource(store, { kind: "rss", address: `${server.url}${path}`, every: "1h" })).source.id);
      const c = collector(server);
      const first = await c.runDue(ids);
      expect(first.map((r) => [r.status, r.new]).sort()).toEqual([
        ["ok", 10],
        ["ok", 6],
        ["ok", 8],
      ]);
      for (const [id, n, name] of [
        [ids[0], 10, "feed:Test RSS"],
        [ids[1], 8, "feed:Test Atom"],
        [ids[2], 6, "feed:Test JSON Feed"],
      ] as const) {
        const rows = await reportsOf(id);
        expect(rows.length).toBe(n);
        expect(rows.every((r) => r.source === name && r.url.startsWith("https://example.org/"))).toBe(true);
      }
      const second = await c.runDue(ids);
      expect(second.map((r) => r.status)).toEqual(["unchanged", "unchanged", "unchanged"]);
      expect(server.hits.filter((h) => h.headers["if-none-match"]).length).toBe(3);
      const health = sourceHealth((await getSource(store, ids[0]))!);
      expect(health.state).toBe("ok");
      expect(health.items).toEqual({ seen: 10, new: 10, failed: 0 });
      expect(health.typicalGapSeconds).toBe(1800);
      expect(health.lagSeconds).toBeGreaterThanOrEqual(290);
      expect(health.lagSeconds).toBeLessThan(400);
    } finally {
      await server.close();
    }
  });

  it("backs off exponentially with jitter while a source answers 500, and recovers", async () => {
    let failing = true;
    const server = await localServer((_req, res) => {
      if (failing) return void res.writeHead(500).end("oops");
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss("Flaky", entries("flaky", 3, new Date())));
    });
    try {
      const { source } = await addSource(store, { kind: "rss", address: `${server.url}/flaky.xml`, every: "60s" });
      const waits: number[] = [];
      const c = collector(server);
      for (let n = 1; n <= 4; n++) {
        const [r] = await c.runDue([source.id]);
        expect(r.status).toBe("error");
        expect(r.error).toBe(`${server.url}/flaky.xml: answered 500`);
        const s = (await getSource(store, source.id))!;
        expect(s.failures).toBe(n);
        const wait = (Date.parse(s.nextRunAt) - Date.parse(s.lastErrorAt as string)) / 1000;
        // 60 s × 2^n, with 50–100 % jitter.
        expect(wait).toBeGreaterThanOrEqual(60 * 2 ** n * 0.5 - 1);
        expect(wait).toBeLessThanOrEqual(60 * 2 ** n + 1);
        waits.push(Math.round(wait));
      }
      const failingHealth = sourceHealth((await getSource(store, source.id))!);
      expect(failingHealth).toMatchObject({ state: "failing", failures: 4, lastError: `${server.url}/flaky.xml: answered 500` });
      // Not due: a round without ids does not touch it.
      expect((await c.runDue()).map((r) => r.sourceId)).not.toContain(source.id);
      failing = false;
      const [ok] = await c.runDue([source.id]);
      expect(ok).toMatchObject({ status: "ok", new: 3 });
      const healed = (await getSource(store, source.id))!;
      expect(healed.failures).toBe(0);
      expect(sourceHealth(healed).state).toBe("ok");
      expect(healed.lastError).toContain("answered 500"); // kept, with its time, for the record
      console.log(`backoff waits after 1–4 errors (interval 60 s): ${waits.join(", ")} s`);
      expect(backoffSeconds(60, 20, 6 * 3600, () => 0.999)).toBeLessThanOrEqual(6 * 3600);
    } finally {
      await server.close();
    }
  });

  it("flags a source silent for longer than its usual gap", async () => {
    const now = Date.now();
    const server = await localServer((req, res) => {
      const newest = req.url === "/quiet.xml" ? new Date(now - 5 * 3600_000) : new Date(now - 2 * 60_000);
      res
        .writeHead(200, { "content-type": "application/rss+xml" })
        .end(rss(`Feed ${req.url}`, entries(req.url?.slice(1, 6) ?? "x", 12, newest, 10)));
    });
    try {
      const quiet = (await addSource(store, { kind: "rss", address: `${server.url}/quiet.xml`, every: "5m" })).source;
      const busy = (await addSource(store, { kind: "rss", address: `${server.url}/busy.xml`, every: "5m" })).source;
      await collector(server).runDue([quiet.id, busy.id]);
      const app = buildServer({ store });
      try {
        const q = (await app.inject({ url: `/api/sources/${quiet.id}/health` })).json();
        expect(q).toMatchObject({ state: "silent", silent: true, typicalGapSeconds: 600 });
        expect(q.lagSeconds).toBeGreaterThan(5 * 3600 - 60);
        expect(q.silentReason).toBe("no new item for 5 hours; it usually posts every 10 minutes");
        const b = (await app.inject({ url: `/api/sources/${busy.id}/health` })).json();
        expect(b).toMatchObject({ state: "ok", silent: false });
        const list = (await app.inject({ url: "/api/sources" })).json();
        expect(list.sources.find((s: { id: number }) => s.id === quiet.id).health.state).toBe("silent");
      } finally {
        await app.close();
      }
    } finally {
      await server.close();
    }
  });

  it("spaces requests to one host by the politeness delay", async () => {
    const server = await localServer((req, res) => {
      res
        .writeHead(200, { "content-type": "application/rss+xml" })
        .end(rss(`Polite ${req.url}`, entries(`p${req.url?.slice(-5, -4)}`, 2, new Date())));
    });
    try {
      const ids = [];
      for (const n of [1, 2, 3]) ids.push((await addSource(store, { kind: "rss", address: `${server.url}/polite${n}.xml` })).source.id);
      await collector(server, { politenessMs: 400, concurrency: 3 }).runDue(ids);
      const times = server.hits.map((h) => h.at).sort((a, b) => a - b);
      expect(times.length).toBe(3);
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(390);
    } finally {
      await server.close();
    }
  });

  it("reads a web page's linked articles once each", async () => {
    const article = (n: number) =>
      `<!doctype html><html><head><title>Article ${n}</title><meta property="article:published_time" content="2025-07-2${n}T08:00:00Z"></head><body><nav><a href="/">Home</a></nav><article><h1>Article ${n}</h1><p>${reportText(n, "web")}</p><p>Officials gave no further details about the attack.</p></article></body></html>`;
    const server = await localServer((req, res) => {
      if (req.url === "/news/") {
        const links = [1, 2, 3].map((n) => `<li><a href="/news/2025/07/drones-report-${n}">Article ${n}</a></li>`).join("");
        return void res
          .writeHead(200, { "content-type": "text/html" })
          .end(
            `<html><body><nav><a href="/about">About</a><a href="/tag/drones">drones</a></nav><main><ul>${links}</ul></main></body></html>`,
          );
      }
      const m = /^\/news\/2025\/07\/drones-report-(\d)$/.exec(req.url ?? "");
      if (!m) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "text/html" }).end(article(Number(m[1])));
    });
    try {
      const { source } = await addSource(store, { kind: "web", address: `${server.url}/news/` });
      const c = collector(server);
      const [run] = await c.runDue([source.id]);
      expect(run).toMatchObject({ status: "ok", new: 3, failed: 0, pages: 4 });
      const rows = await reportsOf(source.id);
      expect(rows.map((r) => r.published)).toEqual(["2025-07-21", "2025-07-22", "2025-07-23"]);
      expect(rows[0].text).toContain(reportText(1, "web"));
      await c.runDue([source.id]);
      expect(server.hits.length).toBe(5); // the index again, no article twice
    } finally {
      await server.close();
    }
  });
});

describe("registry", () => {
  it("reads sources.yaml, and refuses bad entries by name", () => {
    const file = readFileSync(join(import.meta.dirname, "..", "..", "sources.example.yaml"), "utf8");
    const sources = parseSourceFile(file);
    expect(sources.length).toBeGreaterThanOrEqual(6);
    expect(new Set(sources.map((s) => s.kind))).toEqual(new Set(["telegram", "rss", "web"]));
    expect(() =>
      parseSourceFile("sources:\n  - kind: telegram\n    address: 'no spaces allowed'\n  - kind: ftp\n    address: x\n"),
    ).toThrow(/source 1 \(no spaces allowed\).*not a public Telegram channel[\s\S]*source 2 \(x\): kind/);
  });

  it("lets anyone read sources and only admins change them", async () => {
    const app = buildServer({ store });
    const writer = await createApiKey(store.db, { role: "writer", source: null, label: "w" });
    const admin = await createApiKey(store.db, { role: "admin", source: null, label: "a" });
    try {
      const body = { kind: "rss", address: "https://example.org/api-feed.xml", label: "API feed", type: "agency", every: "10m" };
      expect((await app.inject({ method: "POST", url: "/api/sources", payload: body })).statusCode).toBe(401);
      const asWriter = await app.inject({
        method: "POST",
        url: "/api/sources",
        payload: body,
        headers: { authorization: `Bearer ${writer.key}` },
      });
      expect(asWriter.statusCode).toBe(403);
      const auth = { authorization: `Bearer ${admin.key}` };
      const created = await app.inject({ method: "POST", url: "/api/sources", payload: body, headers: auth });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      expect(created.json()).toMatchObject({
        kind: "rss",
        label: "API feed",
        type: "agency",
        every: "10m",
        enabled: true,
        health: { state: "never-run" },
      });
      const bad = await app.inject({
        method: "POST",
        url: "/api/sources",
        payload: { kind: "rss", address: "file:///etc/passwd" },
        headers: auth,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toContain("http:// or https://");
      const patched = await app.inject({
        method: "PATCH",
        url: `/api/sources/${id}`,
        payload: { enabled: false, every: "1h" },
        headers: auth,
      });
      expect(patched.json()).toMatchObject({ enabled: false, every: "1h", health: { state: "disabled" } });
      expect((await app.inject({ method: "DELETE", url: `/api/sources/${id}` })).statusCode).toBe(401);
      expect((await app.inject({ method: "DELETE", url: `/api/sources/${id}`, headers: auth })).json()).toEqual({ removed: id });
      expect((await app.inject({ url: `/api/sources/${id}/health` })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
