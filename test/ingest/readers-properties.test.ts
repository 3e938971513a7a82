// Property tests of the readers on malformed input (issue 11): whatever a feed, a page or a
// Telegram preview holds — truncated, spliced, binary noise — a reader returns well-formed reports
// or fails with an Error saying so; it never throws anything else, hangs or returns a bad field.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reportsFromFeed } from "../../src/ingest/feeds.js";
import { articleFromHtml } from "../../src/ingest/html.js";
import { parseFeed } from "../../src/sources/feed-items.js";
import { parseTelegramPage } from "../../src/sources/telegram.js";

const SEED = Number(process.env.FC_SEED ?? 20251201);
const RUNS = Number(process.env.FC_RUNS ?? 150);

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Вісті</title><item><title>Над Сумщиною збито 5 дронів</title><link>https://example.org/a/1</link><guid>a1</guid><pubDate>Sat, 03 May 2025 06:00:00 GMT</pubDate><description><![CDATA[<p>Уночі <b>сили ППО</b> збили 5 дронів.</p>]]></description></item></channel></rss>`;
const ATOM = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title><entry><title>Drones downed over Kursk</title><link href="https://example.org/b/2"/><id>b2</id><updated>2025-05-03T06:00:00Z</updated><content type="html">&lt;p&gt;Air defences downed 12 drones.&lt;/p&gt;</content></entry></feed>`;
const JSON_FEED = JSON.stringify({
  version: "https://jsonfeed.org/version/1.1",
  title: "Лента",
  items: [
    { id: "c3", url: "https://example.org/c/3", content_text: "Над Белгородом сбиты 3 БПЛА.", date_published: "2025-05-03T06:00:00Z" },
  ],
});
const PAGE = `<html><head><title>Звіт</title></head><body><nav>Меню</nav><article><h1>Атака на Харків</h1><p>Уночі дрон влучив у будинок, поранено двох людей.</p><p>Пошкоджено авто.</p></article></body></html>`;
const TELEGRAM = readFileSync(join(__dirname, "..", "fixtures", "telegram", "channel-page.html"), "utf8");

/** A valid document mangled: cut, spliced with random text, tags doubled or dropped. */
const mangled = (doc: string) =>
  fc
    .tuple(
      fc.nat({ max: doc.length }),
      fc.nat({ max: doc.length }),
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.constantFrom("cut", "splice", "untag", "repeat"),
    )
    .map(([a, b, noise, how]) => {
      const [i, j] = a < b ? [a, b] : [b, a];
      if (how === "cut") return doc.slice(0, i);
      if (how === "splice") return doc.slice(0, i) + noise + doc.slice(j);
      if (how === "untag") return doc.replace(/<\/?[a-z]+/gi, (m) => (m.length % 2 ? "" : m));
      return doc.slice(0, j) + doc.slice(i);
    });
const anyText = fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 300 }));

const isHttp = (url: unknown) => url === null || url === undefined || (typeof url === "string" && /^https?:\/\//i.test(url));

/** Resolves to the value, or to the Error it rejected with; anything else thrown fails the property. */
async function settle<T>(work: () => Promise<T>): Promise<T | Error> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof Error)) throw new Error(`threw a non-Error: ${String(err)}`);
    return err;
  }
}

describe("readers on malformed input", () => {
  it("RSS and Atom (the ingest reader): well-formed reports or an Error", async () => {
    let reports = 0;
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(mangled(RSS), mangled(ATOM), anyText), async (xml) => {
        const result = await settle(() => reportsFromFeed(xml, "test"));
        if (result instanceof Error) {
          errors++;
          return;
        }
        for (const r of result) {
          reports++;
          expect(typeof r.text).toBe("string");
          expect(r.text.trim().length).toBeGreaterThan(0);
          expect(isHttp(r.url)).toBe(true);
          if (r.published) expect(r.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`feeds (ingest): ${RUNS} mangled inputs → ${reports} reports, ${errors} clear errors, nothing else`);
  });

  it("RSS, Atom and JSON Feed (the collector's reader): well-formed items or an Error", async () => {
    let items = 0;
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(mangled(RSS), mangled(ATOM), mangled(JSON_FEED), anyText), async (body) => {
        const result = await settle(() => parseFeed(body));
        if (result instanceof Error) {
          errors++;
          return;
        }
        expect(Array.isArray(result.items)).toBe(true);
        items += result.items.length;
        for (const item of result.items) expect(typeof item).toBe("object");
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`feeds (collector): ${RUNS} mangled inputs → ${items} items, ${errors} clear errors, nothing else`);
  });

  it("HTML articles: always a title (or null) and a text", () => {
    fc.assert(
      fc.property(fc.oneof(mangled(PAGE), anyText), (html) => {
        const article = articleFromHtml(html);
        expect(article.title === null || typeof article.title === "string").toBe(true);
        expect(typeof article.text).toBe("string");
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`html: ${RUNS} mangled pages read without an exception`);
  });

  it("Telegram previews: posts with a positive id, a t.me URL and a text", () => {
    let posts = 0;
    fc.assert(
      fc.property(fc.oneof(mangled(TELEGRAM), anyText), (html) => {
        const page = parseTelegramPage(html, "testoblast");
        for (const post of page.posts) {
          posts++;
          expect(Number.isInteger(post.id) && post.id > 0).toBe(true);
          expect(post.url).toBe(`https://t.me/testoblast/${post.id}`);
          expect(typeof post.text).toBe("string");
        }
        expect(page.before === null || Number.isInteger(page.before)).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`telegram: ${RUNS} mangled pages → ${posts} posts, all well-formed`);
  });
});
