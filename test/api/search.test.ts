// Search in any language through the API: q and settlement resolved through the gazetteer (the
// extractor's resolver), and full-text search over the claims' evidence (PGlite).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { openStore, type Store } from "../../src/store/database.js";

const REPORTS = [
  {
    source: "ru-news",
    url: "https://example.org/s/1",
    published: "2025-05-01",
    text: "В Харькове в результате удара беспилотника пострадали два человека.",
  },
  {
    source: "uk-news",
    url: "https://example.org/s/2",
    published: "2025-05-02",
    text: "Ворог атакував Харків ударними дронами, пошкоджено багатоповерховий будинок.",
  },
  {
    source: "en-news",
    url: "https://example.org/s/3",
    published: "2025-05-03",
    text: "A Russian drone hit a house in Kharkiv overnight, injuring one person.",
  },
  {
    source: "ru-news",
    url: "https://example.org/s/4",
    published: "2025-05-04",
    text: "Беспилотник атаковал Белгород: поврежден жилой дом, пострадал один человек, сообщил губернатор.",
  },
  {
    source: "ru-news",
    url: "https://example.org/s/5",
    published: "2025-05-05",
    text: "В Климово Брянской области беспилотник атаковал здание администрации, пострадавших нет.",
  },
  {
    source: "ru-news",
    url: "https://example.org/s/6",
    published: "2025-05-06",
    text: "Ракетный удар по Днепру: погибли три человека, ранены восемь.",
  },
  {
    source: "ru-news",
    url: "https://example.org/s/7",
    published: "2025-05-07",
    text: "В Щетиновке Белгородской области дрон ударил по легковому автомобилю, ранен водитель.",
  },
  {
    source: "en-news",
    url: "https://example.org/s/8",
    published: "2025-05-08",
    text: "A drone struck a warehouse in Voronezh, not far from the road to Belgorod, the governor said.",
  },
];

describe("search in any language", () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-search-")), "db") });
    await ingest(store, REPORTS, { places: defaultPlaceResolver() });
    app = buildServer({ store, places: defaultPlaceResolver(), limits: { perAddress: false, maxEventLoopDelayMs: false } });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const search = async (query: Record<string, string>) => {
    const res = await app.inject({ url: "/api/events", query: { ...query, limit: "100" } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      events: Array<{ id: number; settlement: string | null; region: string | null }>;
      total: number;
      next: string | null;
    };
  };
  const ids = (page: { events: Array<{ id: number }> }) => page.events.map((e) => e.id).sort((a, b) => a - b);

  it("finds Kharkiv's events from Russian, Ukrainian and English reports by any of its names", async () => {
    const all = await search({});
    const kharkiv = all.events.filter((e) => e.settlement === "Kharkiv");
    expect(kharkiv.length).toBeGreaterThanOrEqual(2);
    const byRu = await search({ q: "Харьков" });
    const byUk = await search({ q: "Харків" });
    const byEn = await search({ q: "Kharkiv" });
    expect(ids(byRu)).toEqual(ids(byUk));
    expect(ids(byRu)).toEqual(ids(byEn));
    for (const e of kharkiv) expect(ids(byRu)).toContain(e.id);
    // The events at Kharkiv come first.
    expect(byRu.events.slice(0, kharkiv.length).every((e) => e.settlement === "Kharkiv")).toBe(true);
  });

  it("finds a settlement by a case form and a preposition, and by the settlement filter in another language", async () => {
    const dnipro = await search({ q: "Днепр" });
    expect(dnipro.events.some((e) => e.settlement === "Dnipro")).toBe(true);
    const klimovo = await search({ q: "Климово" });
    expect(klimovo.events.some((e) => e.settlement === "Klimovo")).toBe(true);
    const inShchetinovka = await search({ q: "в Щетиновке" });
    expect(inShchetinovka.events.some((e) => e.settlement === "Shchetinovka")).toBe(true);
    const filter = await search({ settlement: "Харків" });
    expect(filter.events.length).toBeGreaterThan(0);
    expect(filter.events.every((e) => e.settlement === "Kharkiv")).toBe(true);
  });

  it("finds a region by its adjective, and a city over text that only mentions it", async () => {
    const region = await search({ q: "Белгородская" });
    expect(region.events.length).toBeGreaterThanOrEqual(2);
    expect(region.events.filter((e) => e.region === "RU-BEL").length).toBeGreaterThanOrEqual(2);
    const belgorod = await search({ q: "Belgorod" });
    expect(belgorod.events[0]?.settlement).toBe("Belgorod");
    // Voronezh's event mentions Belgorod in its text: found, after the city's.
    const voronezh = belgorod.events.findIndex((e) => e.region === "RU-VOR");
    if (voronezh >= 0) expect(voronezh).toBeGreaterThan(0);
  });

  it("searches report text by word stems when the query names no place", async () => {
    const text = await search({ q: "автомобиль" });
    expect(text.events.some((e) => e.settlement === "Shchetinovka")).toBe(true);
    const english = await search({ q: "warehouse" });
    expect(english.events.some((e) => e.region === "RU-VOR")).toBe(true);
    expect((await search({ q: "zzzzqqq" })).total).toBe(0);
  });

  it("pages a relevance-ordered search with its cursor, each event once", async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await app.inject({ url: "/api/events", query: { q: "Белгородская", limit: "1", ...(cursor ? { cursor } : {}) } });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { events: Array<{ id: number }>; next: string | null };
      seen.push(...page.events.map((e) => e.id));
      cursor = page.next;
    } while (cursor);
    const whole = await search({ q: "Белгородская" });
    expect(seen).toEqual(whole.events.map((e) => e.id));
  });
});
