import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError, readInputs } from "../../src/ingest/readers.js";
import type { ReportInput } from "../../src/store/reports.js";

const all = async (path: string) => {
  const out: Array<ReportInput | InputError> = [];
  for await (const r of readInputs(path)) out.push(r);
  return out;
};
const dir = () => mkdtempSync(join(tmpdir(), "skywatch-readers-"));

describe("readInputs", () => {
  it("takes the article out of an HTML page, headline on its own line", async () => {
    const file = join(dir(), "page.html");
    writeFileSync(
      file,
      "<html><head><title>Drone hits car</title></head><body><nav>Home | News</nav><article><h1>Drone hits car</h1><p>A drone struck a car in the village of Nikolskoye, Governor Vyacheslav Gladkov said. The driver was wounded and taken to hospital in Belgorod.</p><p>Another drone was shot down over the Belgorod region later in the day, officials said.</p></article><footer>Subscribe</footer></body></html>",
    );
    const [report] = (await all(file)) as ReportInput[];
    expect(report.title).toBe("Drone hits car");
    expect(report.text).toMatch(/^Drone hits car\nA drone struck a car/);
    expect(report.text).not.toMatch(/Subscribe|Home/);
  });

  it("reads RSS and Atom feeds, one report per item", async () => {
    const d = dir();
    writeFileSync(
      join(d, "feed.xml"),
      '<?xml version="1.0"?><rss version="2.0"><channel><title>Regional news</title><item><title>Над Курской областью сбиты два беспилотника</title><link>https://example.org/1</link><pubDate>Mon, 21 Jul 2025 08:00:00 GMT</pubDate><description>&lt;p&gt;Дежурные средства ПВО сбили два беспилотника.&lt;/p&gt;</description></item></channel></rss>',
    );
    writeFileSync(
      join(d, "atom.atom"),
      '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Feed</title><entry><title>Drone downed over Sumy region</title><link href="https://example.org/2"/><updated>2025-07-22T06:00:00Z</updated><content type="html">&lt;p&gt;Air defences shot down a drone.&lt;/p&gt;</content></entry></feed>',
    );
    const reports = (await all(d)) as ReportInput[];
    expect(reports.map((r) => [r.url, r.published])).toEqual([
      ["https://example.org/2", "2025-07-22"],
      ["https://example.org/1", "2025-07-21"],
    ]);
    expect(reports[1].text).toBe("Над Курской областью сбиты два беспилотника\nДежурные средства ПВО сбили два беспилотника.");
    expect(reports[1].source).toBe("feed:Regional news");
  });

  it("reads Telegram channel exports and JSON lines, and reports bad input without stopping", async () => {
    const d = dir();
    writeFileSync(
      join(d, "result.json"),
      JSON.stringify({
        name: "Governor",
        messages: [
          {
            id: 7,
            type: "message",
            date: "2025-07-21T09:00:00",
            text: ["Сбит ", { type: "bold", text: "беспилотник" }, " над Белгородом."],
          },
          { id: 8, type: "service" },
        ],
      }),
    );
    writeFileSync(
      join(d, "lines.jsonl"),
      '{"text":"Two drones were shot down over the Tula region.","published":"2025-07-21"}\nnot json\n{"text":""}\n',
    );
    writeFileSync(join(d, "broken.xml"), "<rss><channel><item><title>unterminated");
    const out = await all(d);
    const reports = out.filter((r): r is ReportInput => !(r instanceof InputError));
    const errors = out.filter((r): r is InputError => r instanceof InputError).map((e) => e.message);
    expect(reports.map((r) => r.text)).toEqual(["Two drones were shot down over the Tula region.", "Сбит беспилотник над Белгородом."]);
    expect(reports[1]).toMatchObject({ source: "telegram:Governor", messageId: "7", published: "2025-07-21" });
    expect(errors).toEqual([
      expect.stringMatching(/broken\.xml/),
      expect.stringMatching(/lines\.jsonl:2: not valid JSON/),
      expect.stringMatching(/lines\.jsonl:3: "text" must be/),
    ]);
  });
});

describe("pollFeed", () => {
  it("uses conditional GET: the second poll of an unchanged feed is a 304", async () => {
    const { createServer } = await import("node:http");
    const { pollFeed } = await import("../../src/ingest/watch.js");
    const feed =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Drone downed over Kursk region</title><link>https://example.org/k</link></item></channel></rss>';
    let full = 0;
    const server = createServer((req, res) => {
      if (req.headers["if-none-match"] === '"v1"') {
        res.writeHead(304).end();
        return;
      }
      full++;
      res.writeHead(200, { etag: '"v1"', "content-type": "application/rss+xml" }).end(feed);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    try {
      const state = {};
      const first = await pollFeed(`http://127.0.0.1:${port}/feed`, state, { allowPrivateUrls: true });
      const second = await pollFeed(`http://127.0.0.1:${port}/feed`, state, { allowPrivateUrls: true });
      expect(first.status).toBe("new");
      expect(first.reports[0].url).toBe("https://example.org/k");
      expect(second.status).toBe("unchanged");
      expect(full).toBe(1);
    } finally {
      server.close();
    }
  });
});
