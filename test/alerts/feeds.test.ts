// Atom feeds and the filtered live stream: /api/feeds/events.atom for a dashboard filter and a
// subscription's own feed parse with a real feed reader (rss-parser) and hold exactly the
// matching events; /api/stream with the subscription filter's names sends only matching changes.
import { mkdtempSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { openStore, type Store } from "../../src/store/database.js";
import { waitFor } from "./helpers.js";

const REPORTS = [
  {
    text: "В Шебекино беспилотник ударил по зданию администрации, ранены двое, сообщил губернатор Вячеслав Гладков.",
    published: "2025-08-01",
  },
  { text: "В Грайвороне дрон атаковал автомобиль, пострадала женщина, сообщил губернатор Вячеслав Гладков.", published: "2025-08-02" },
  { text: "Над Белгородской областью сбиты 5 беспилотников, сообщил губернатор.", published: "2025-08-03" },
  { text: "Над Курской областью сбиты 4 беспилотника, сообщил губернатор.", published: "2025-08-03" },
];

describe("Atom feeds and the filtered stream", () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  const parser = new Parser();

  beforeAll(async () => {
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-feeds-")), "db") });
    app = buildServer({ store, places: defaultPlaceResolver(), openWrites: true, alerts: { publicUrl: "http://skywatch.test" } });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    const res = await app.inject({ method: "POST", url: "/api/reports", payload: REPORTS.map((r) => ({ ...r, source: "feeds" })) });
    expect(res.statusCode, res.body).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const feed = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status, path).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
    return parser.parseString(await res.text());
  };

  it("serves any dashboard filter as Atom that a feed reader parses", async () => {
    const strikes = await feed("/api/feeds/events.atom?region=RU-BEL&kind=strike");
    expect(strikes.title).toBe("Skywatch: RU-BEL, strike");
    expect(strikes.items.map((i) => i.title).sort()).toEqual([
      "Strike by drones — Grayvoron, Belgorod Oblast, 2025-08-02",
      "Strike by drones — Shebekino, Belgorod Oblast, 2025-08-01",
    ]);
    for (const item of strikes.items) {
      expect(item.link).toMatch(/^http:\/\/skywatch\.test\/\?event=\d+$/);
      expect(item.id).toMatch(/^http:\/\/skywatch\.test\/api\/events\/\d+$/);
      expect(Number.isNaN(Date.parse(item.isoDate ?? ""))).toBe(false);
    }
    const all = await feed("/api/feeds/events.atom");
    expect(all.items).toHaveLength(4);
    const ru = await feed("/api/feeds/events.atom?region=RU-BEL&lang=ru");
    expect(ru.items.map((i) => i.title)).toContain("Удар, дроны — Шебекино, Белгородская область, 2025-08-01");
    const near = await feed(`/api/feeds/events.atom?place=${encodeURIComponent("Шебекино")}&radius=20`);
    expect(near.items.map((i) => i.title)).toEqual(["Strike by drones — Shebekino, Belgorod Oblast, 2025-08-01"]);
    const kursk = await feed("/api/feeds/events.atom?region=RU-KRS&casualties=1");
    expect(kursk.items).toHaveLength(0);
    const bad = await fetch(`${base}/api/feeds/events.atom?region=Belgorod`);
    expect(bad.status).toBe(400);
  });

  it("serves a subscription's feed at its keyed link only", async () => {
    const created = await app.inject({
      method: "POST",
      url: "/api/subscriptions",
      payload: { channel: "feed", filter: { regions: ["RU-BEL"], casualties: true }, label: "Belgorod casualties" },
    });
    expect(created.statusCode).toBe(201);
    const link = created.json().subscription.links.feed as string;
    expect(link).toMatch(/^http:\/\/skywatch\.test\/api\/feeds\/subscriptions\/\d+\.atom\?key=[0-9a-f]{32}$/);
    const path = link.replace("http://skywatch.test", "");
    const parsed = await feed(path);
    expect(parsed.title).toBe("Skywatch: Belgorod casualties");
    expect(parsed.items).toHaveLength(2);
    expect((await fetch(`${base}${path.replace(/key=.*/, "key=0123456789abcdef0123456789abcdef")}`)).status).toBe(404);
  });

  it("streams only the changes that match the filter", async () => {
    const received: Array<Record<string, unknown>> = [];
    const req = get(`${base}/api/stream?region=RU-BEL&weapon=drone&casualties=1`, (res) => {
      let buffer = "";
      res.on("data", (chunk) => {
        buffer += chunk;
        for (let m = buffer.match(/event: event\ndata: (.*)\n\n/); m; m = buffer.match(/event: event\ndata: (.*)\n\n/)) {
          received.push(JSON.parse(m[1]));
          buffer = buffer.slice((m.index ?? 0) + m[0].length);
        }
      });
    });
    try {
      await new Promise((r) => setTimeout(r, 200));
      await app.inject({
        method: "POST",
        url: "/api/reports",
        payload: [
          { text: "Над Белгородской областью сбиты 3 беспилотника, сообщил губернатор.", published: "2025-08-05", source: "s" },
          {
            text: "В Грайвороне дрон атаковал автомобиль, ранены двое мужчин, сообщил губернатор Вячеслав Гладков.",
            published: "2025-08-05",
            source: "s",
          },
          {
            text: "В Льгове дрон атаковал автомобиль, пострадала женщина, сообщил губернатор Курской области.",
            published: "2025-08-05",
            source: "s",
          },
        ],
      });
      await waitFor(() => received.length >= 1, 5000, "the matching change");
      await new Promise((r) => setTimeout(r, 500));
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ region: "RU-BEL", weapon: "drone", injured: 2, change: "created" });
    } finally {
      req.destroy();
    }
    const bad = await app.inject({ method: "GET", url: "/api/stream?kind=bombing" });
    expect(bad.statusCode).toBe(400);
  });
});
