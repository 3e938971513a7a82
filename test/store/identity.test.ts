// One article, one source: a feed item, the same article fetched by URL (its AMP edition, its
// address with tracking parameters), the page saved to a file and its text in a .txt file are
// one report, so fusion counts the article once. Served by a real HTTP server on loopback; on
// PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { type InputError, readInputs } from "../../src/ingest/readers.js";
import { contentFingerprint } from "../../src/ingest/source-identity.js";
import { pollFeed } from "../../src/ingest/watch.js";
import type { Store } from "../../src/store/database.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import type { ReportInput } from "../../src/store/reports.js";
import { dropSchemas } from "../helpers/drop-schemas.js";
import { storeBackends } from "../helpers/store-backends.js";

const TITLE = "Drones downed over the Kursk region";
const PARAGRAPHS = [
  "Air defence forces destroyed nine drones over the Kursk region overnight, Governor Alexander Khinshtein said on Tuesday.",
  "Debris damaged two houses in the village of Glushkovo; nobody was hurt, he added. Emergency services are at the scene.",
];

function articlePage(base: string, amp = false): string {
  return `<!doctype html><html><head><title>${TITLE} — Kursk News</title>
<link rel="canonical" href="${base}/news/9">${amp ? "" : `<link rel="amphtml" href="${base}/news/9/amp">`}
<meta property="article:published_time" content="2025-08-05T09:30:00+03:00"></head>
<body><nav>Home | Politics | Sport</nav><article><h1>${TITLE}</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join("")}</article>
<footer>Subscribe to our newsletter</footer></body></html>`;
}

function feed(base: string): string {
  const content = PARAGRAPHS.map((p) => `<p>${p}</p>`).join("\n");
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Kursk News</title>
<item><title>${TITLE}</title><link>${base}/news/9/?utm_source=rss&amp;utm_medium=feed</link><guid>${base}/news/9</guid>
<pubDate>Tue, 05 Aug 2025 06:30:00 GMT</pubDate><content:encoded><![CDATA[${content}]]></content:encoded></item></channel></rss>`;
}

const { backends, schemas } = storeBackends("identity");

const collect = async (path: string) => {
  const out: Array<ReportInput | InputError> = [];
  for await (const r of readInputs(path, { allowPrivateUrls: true })) out.push(r);
  return out as ReportInput[];
};

describe.each(backends)("source identity on %s", (_name, open) => {
  let store: Store;
  let server: Server;
  let base = "";
  const places = defaultPlaceResolver();
  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = (req.url ?? "/").split("?")[0];
      if (path === "/feed.xml") res.writeHead(200, { "content-type": "application/rss+xml" }).end(feed(base));
      else if (path === "/news/9") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(articlePage(base));
      else if (path === "/elsewhere")
        res
          .writeHead(200, { "content-type": "text/html" })
          .end(articlePage("https://other.example.org").replace(PARAGRAPHS[0], "Another text entirely, about the Tula region."));
      else if (path === "/news/9/amp") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(articlePage(base, true));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    store = await open();
  }, 60_000);
  afterAll(async () => {
    server?.close();
    await store?.close();
    if (process.env.TEST_DATABASE_URL) await dropSchemas(process.env.TEST_DATABASE_URL, schemas.splice(0));
  });
  const one = async (sql: string) => (await store.execute(sql))[0];

  it("stores a feed item and the same article fetched by URL, by its AMP edition, saved or as text, once", async () => {
    const polled = await pollFeed(`${base}/feed.xml`, {}, { allowPrivateUrls: true });
    expect(polled.status).toBe("new");
    const fromFeed = await ingest(store, polled.reports, { places });
    expect(fromFeed).toMatchObject({ stored: 1, failed: 0 });

    const [page] = await collect(`${base}/news/9?utm_source=telegram&fbclid=abc#comments`);
    expect(page).toMatchObject({ url: `${base}/news/9`, published: "2025-08-05", source: new URL(base).host });
    expect(await ingest(store, [page], { places })).toMatchObject({ stored: 0, duplicates: 1, newVersions: 0 });
    expect(await ingest(store, await collect(`${base}/news/9/amp`), { places })).toMatchObject({ stored: 0, duplicates: 1 });

    // A page claiming another site's article as its own is not taken at its word.
    expect((await collect(`${base}/elsewhere`))[0].url).toBe(`${base}/elsewhere`);

    const dir = mkdtempSync(join(tmpdir(), "skywatch-identity-files-"));
    writeFileSync(join(dir, "saved.html"), articlePage(base));
    writeFileSync(join(dir, "copied.txt"), `${PARAGRAPHS.join("\n\n")}\n`);
    const files = await collect(dir);
    expect(files.map((f) => f.url)).toEqual([null, `${base}/news/9`]);
    expect(await ingest(store, files, { places })).toMatchObject({ stored: 0, duplicates: 2 });

    expect(await one("SELECT count(*)::int AS n FROM reports")).toEqual({ n: 1 });
    const events = await store.execute("SELECT id, sources FROM events WHERE region = 'RU-KRS' AND state = 'live'");
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.sources).toBe(1);
    const [claimsPerReport] = await store.execute(
      "SELECT count(DISTINCT i.report_id)::int AS reports FROM claims c JOIN incidents i ON i.id = c.incident_id JOIN events e ON e.id = c.event_id WHERE e.region = 'RU-KRS'",
    );
    expect(claimsPerReport).toEqual({ reports: 1 });
  });

  it("keeps the same words posted on two days, and two articles of one site, apart", async () => {
    const text = "Над Белгородской областью сбит один беспилотник.";
    const summary = await ingest(
      store,
      [
        { text, published: "2025-08-01", source: "telegram:a", messageId: "1", url: "https://t.me/a/1" },
        { text, published: "2025-08-02", source: "telegram:a", messageId: "2", url: "https://t.me/a/2" },
        { text, published: "2025-08-02", source: "telegram:b", messageId: "7", url: "https://t.me/b/7" },
      ],
      { places },
    );
    // The third is the second's words on its day, reposted: one account.
    expect(summary).toMatchObject({ stored: 2, duplicates: 1 });
    const other = await ingest(
      store,
      [{ text: "Two drones were shot down over the Bryansk region.", published: "2025-08-05", url: `${base}/news/10`, source: "x" }],
      { places },
    );
    expect(other.stored).toBe(1);
  });

  it("a Telegram export's post and the same post collected from the channel's web preview are one report", async () => {
    const dir = mkdtempSync(join(tmpdir(), "skywatch-identity-tg-"));
    const text = "Ночью силы ПВО сбили три беспилотника над Курской областью.";
    writeFileSync(
      join(dir, "result.json"),
      JSON.stringify({
        name: "Kursk Governor",
        username: "KurskGov",
        messages: [{ id: 501, type: "message", date: "2025-08-07T06:00:00", text }],
      }),
    );
    const exported = await collect(join(dir, "result.json"));
    expect(exported[0]).toMatchObject({ url: "https://t.me/kurskgov/501", source: "telegram:kurskgov" });
    expect(await ingest(store, exported, { places })).toMatchObject({ stored: 1 });
    // As src/sources/collect.ts gives a t.me/s post (edited since: a new version of the same report).
    const collected = {
      text: `${text}\nОбновлено.`,
      url: "https://t.me/s/KurskGov/501",
      messageId: "501",
      published: "2025-08-07",
      source: "telegram:kurskgov",
    };
    expect(await ingest(store, [collected], { places })).toMatchObject({ stored: 0, newVersions: 1 });
  });

  it("a corrected text under the canonical URL is a new version; a report stored under its old key keeps its versions", async () => {
    const url = "https://example.org/story/5";
    const first = "Air defences shot down five drones over the Tula region overnight.";
    await ingest(store, [{ text: first, published: "2025-08-03", url, source: "feed:A" }], { places });
    const corrected = await ingest(
      store,
      [{ text: first.replace("five", "seven"), published: "2025-08-03", url: `${url}/?utm_campaign=x`, source: "example.org" }],
      { places },
    );
    expect(corrected).toMatchObject({ stored: 0, newVersions: 1 });
    expect(await store.execute(`SELECT version, natural_key FROM reports WHERE url LIKE '${url}%' ORDER BY version`)).toEqual([
      { version: 1, natural_key: `url:${url}` },
      { version: 2, natural_key: `url:${url}` },
    ]);

    // A row as stored before migration 10: source + URL as given.
    const legacyUrl = "https://example.org/story/6?utm_source=x";
    const text = "Air defences shot down three drones over the Oryol region overnight.";
    await ingest(store, [{ text, published: "2025-08-03", url: legacyUrl, source: "feed:A" }], { places });
    await store.execute(`UPDATE reports SET natural_key = 'feed:A|${legacyUrl}' WHERE url = '${legacyUrl}'`);
    const again = await ingest(
      store,
      [{ text: text.replace("three", "four"), published: "2025-08-03", url: legacyUrl, source: "feed:A" }],
      {
        places,
      },
    );
    expect(again).toMatchObject({ newVersions: 1 });
    expect(await store.execute(`SELECT version, natural_key FROM reports WHERE url = '${legacyUrl}' ORDER BY version`)).toEqual([
      { version: 1, natural_key: `feed:A|${legacyUrl}` },
      { version: 2, natural_key: `feed:A|${legacyUrl}` },
    ]);
  });

  it("migration 10 computes the fingerprints of stored reports as the code does", async () => {
    const texts: Array<[string, string | null]> = [
      [`${TITLE}\n${PARAGRAPHS.join("\n\n")}`, TITLE],
      [`  \u00a0${TITLE}\r\n\r\n ${PARAGRAPHS[0]}\u2028${PARAGRAPHS[1]}\t`, ` ${TITLE}\u3000`],
      [PARAGRAPHS[0], "Air defence forces"],
      [`${TITLE}`, TITLE],
      ["Сбит\u200bбеспилотник\u00a0над  Белгородом.\n", null],
      ["Заголовок\u2029Текст повідомлення", "Заголовок"],
    ];
    const update = MIGRATIONS.find((m) => m.version === 10)?.statements.find((s) => s.includes("sha256"));
    expect(update).toBeDefined();
    const ids: number[] = [];
    for (const [text, title] of texts) {
      const [row] = await store.execute(
        "INSERT INTO reports (source, natural_key, version, title, language, text, content_hash, fingerprint) VALUES ('m10', $1, 1, $2, 'en', $3, 'h', 'unset') RETURNING id",
        [`m10|${ids.length}`, title, text],
      );
      ids.push(Number(row.id));
    }
    await store.execute(`${update}`);
    const rows = await store.execute(`SELECT id, fingerprint FROM reports WHERE source = 'm10' ORDER BY id`);
    expect(rows.map((r) => r.fingerprint)).toEqual(texts.map(([text, title]) => contentFingerprint(text, title)));
  });
});
