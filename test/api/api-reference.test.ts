// The API on its own: /api/docs an interactive page served from the package (no other host),
// response schemas in openapi.json generated from the zod models and matching real answers,
// POST /api/reports answering with what it stored, GET /api/reports browsing the sources.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcomeCollector } from "../../src/api/report-routes.js";
import { DailyStats, EventDetail, EventPage, Health, PostAnswer, ReportDetail, ReportPage } from "../../src/api/response-schemas.js";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { openStore, type Store } from "../../src/store/database.js";

const places = defaultPlaceResolver();

describe("API reference and reports", () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-apiref-")), "db") });
    app = buildServer({ store, places, openWrites: true, limits: { perAddress: false, maxEventLoopDelayMs: false } });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const post = async (payload: unknown) => app.inject({ method: "POST", url: "/api/reports", payload: payload as object });

  it("answers a POST with each report's outcome: id, version, incidents; duplicates name the stored report", async () => {
    const first = await post([
      {
        source: "Kharkiv Today",
        url: "https://example.org/r/1",
        published: "2025-04-02",
        text: "A Russian drone hit a house in Kharkiv, injuring two people.",
      },
      {
        source: "wire",
        url: "https://example.org/r/2",
        published: "2025-04-03",
        language: "ru",
        text: "Беспилотник атаковал Белгород, пострадал один человек.",
      },
    ]);
    expect(first.statusCode, first.body).toBe(201);
    const answer = PostAnswer.parse(first.json());
    expect(answer.stored).toBe(2);
    expect(answer.reports.map((r) => [r.index, r.status])).toEqual([
      [0, "stored"],
      [1, "stored"],
    ]);
    const id = answer.reports[0].reportId as number;
    expect(answer.reports[0]).toMatchObject({ version: 1, href: `/api/reports/${id}` });
    expect(answer.reports[0].incidents).toBeGreaterThan(0);
    const stored = await app.inject({ url: `/api/reports/${id}` });
    expect(ReportDetail.parse(stored.json()).source).toBe("Kharkiv Today");

    const again = await post({
      source: "Kharkiv Today",
      url: "https://example.org/r/1",
      published: "2025-04-02",
      text: "A Russian drone hit a house in Kharkiv, injuring two people.",
    });
    expect(again.statusCode).toBe(200);
    expect(PostAnswer.parse(again.json()).reports).toEqual([expect.objectContaining({ index: 0, status: "duplicate", reportId: id })]);
    const corrected = await post({
      source: "Kharkiv Today",
      url: "https://example.org/r/1",
      published: "2025-04-02",
      text: "A Russian drone hit a house in Kharkiv, injuring three people.",
    });
    expect(PostAnswer.parse(corrected.json()).reports[0]).toMatchObject({ status: "new-version", version: 2 });
  });

  it("orders the outcomes as the request, a failure with its reason", () => {
    const inputs = [{ text: "a" }, { text: "b" }];
    const collect = outcomeCollector(inputs);
    collect.onReport(inputs[1], { status: "failed", error: "could not be stored" });
    collect.onReport(inputs[0], { status: "stored", reportId: 7, version: 1, incidents: 2 });
    expect(collect.outcomes()).toEqual([
      { index: 0, status: "stored", reportId: 7, version: 1, incidents: 2, href: "/api/reports/7" },
      { index: 1, status: "failed", error: "could not be stored" },
    ]);
  });

  it("browses the reports by source, language and date, newest first, page by page", async () => {
    for (let i = 0; i < 5; i++)
      await post({
        source: "pager",
        url: `https://example.org/p/${i}`,
        published: `2025-05-0${i + 1}`,
        text: `Air defences shot down ${i + 2} drones over the Kursk region.`,
      });
    const all = ReportPage.parse((await app.inject({ url: "/api/reports?source=pager" })).json());
    expect(all.total).toBe(5);
    expect(all.reports.map((r) => r.published)).toEqual(["2025-05-05", "2025-05-04", "2025-05-03", "2025-05-02", "2025-05-01"]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { source: "pager", limit: "2", ...(cursor ? { cursor } : {}) };
      const page = ReportPage.parse((await app.inject({ url: "/api/reports", query })).json());
      seen.push(...page.reports.map((r) => r.published ?? ""));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(all.reports.map((r) => r.published));
    const ranged = ReportPage.parse((await app.inject({ url: "/api/reports?source=pager&from=2025-05-02&to=2025-05-03" })).json());
    expect(ranged.total).toBe(2);
    const russian = ReportPage.parse((await app.inject({ url: "/api/reports?language=ru" })).json());
    expect(russian.reports.every((r) => r.language === "ru")).toBe(true);
    // The corrected report is listed once, at its newest version; versions=all lists both.
    const latest = ReportPage.parse((await app.inject({ url: "/api/reports?source=Kharkiv%20Today" })).json());
    expect(latest.reports.map((r) => r.version)).toEqual([2]);
    const every = ReportPage.parse((await app.inject({ url: "/api/reports?source=Kharkiv%20Today&versions=all" })).json());
    expect(every.reports.map((r) => r.version).sort()).toEqual([1, 2]);
    for (const bad of [
      "from=2025-13-01",
      "to=2025-02-30",
      "language=de",
      "limit=0",
      "limit=x",
      "cursor=abc",
      "versions=some",
      "source=a%00b",
    ]) {
      const res = await app.inject({ url: `/api/reports?${bad}` });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error).toEqual(expect.any(String));
    }
  });

  it("describes every answer with a schema generated from the models, and real answers fit them", async () => {
    const doc = (await app.inject({ url: "/api/openapi.json" })).json();
    const schemaOf = (path: string, method = "get", status = "200") =>
      doc.paths[path][method].responses[status].content["application/json"].schema;
    expect(schemaOf("/api/events").properties.events.items.properties.kind.enum).toEqual(["interception", "strike", "attack"]);
    expect(schemaOf("/api/events/{id}").properties.claims.type).toBe("array");
    expect(schemaOf("/api/reports").properties.reports.items.properties.source.description).toMatch(/outlet/);
    expect(schemaOf("/api/reports", "post", "201").properties.reports.items.properties.status.enum).toContain("duplicate");
    expect(schemaOf("/api/events", "get", "400").properties.error.type).toBe("string");

    const page = EventPage.parse((await app.inject({ url: "/api/events" })).json());
    expect(page.events.length).toBeGreaterThan(0);
    EventDetail.parse((await app.inject({ url: `/api/events/${page.events[0].id}` })).json());
    Health.parse((await app.inject({ url: "/api/health" })).json());
    DailyStats.parse((await app.inject({ url: "/api/stats/daily" })).json());
  });

  it("serves /api/docs as an interactive page whose scripts and styles all come from this server", async () => {
    const res = await app.inject({ url: "/api/docs/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    const assets = [...res.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.some((a) => a.endsWith("swagger-ui-bundle.js"))).toBe(true);
    for (const asset of assets) {
      expect(asset).not.toMatch(/^(https?:)?\/\//);
      const url = new URL(asset, "http://localhost/api/docs/").pathname;
      expect((await app.inject({ url })).statusCode, url).toBe(200);
    }
    const init = await app.inject({ url: "/api/docs/static/swagger-initializer.js" });
    expect(init.statusCode).toBe(200);
    // The document from this server, no validator badge (it would load an image from validator.swagger.io).
    expect(init.body).toMatch(/url: resolveUrl\('\.\/json'\)/);
    expect(init.body).toMatch(/"validatorUrl":null/);
    const spec = await app.inject({ url: "/api/docs/json" });
    expect(spec.json().paths["/api/reports"].get).toBeDefined();
    // Without JavaScript, the page still lists the endpoints.
    const bare = await app.inject({ url: "/api/docs" });
    expect(bare.statusCode).toBe(200);
    expect(bare.body).toMatch(/<noscript>.*GET \/api\/reports\/\{id\}/s);
    expect(bare.body).toMatch(/<title>Skywatch API<\/title>/);
  });
});
