// The trends panel in a real browser (Debian Chromium via playwright-core) against the real server
// on PGlite: a region made to rise is shown with its flag in words, a sparkline and a link to its
// events; the map marks it with a badge; the words follow the interface language.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { openStore, type Store } from "../../src/store/database.js";
import { addDays } from "../../src/trends/index.js";
import { artefact, haveChromium, launchChromium } from "../web/browser.js";

const POLL = { timeout: 15_000 };
const WEB_ROOT = join(import.meta.dirname, "..", "..", "dist", "web");
const AS_OF = "2025-06-30";

describe.skipIf(!haveChromium)("trends panel in Chromium", () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-trends-web-")), "db") });
    // Belgorod: one event a day for four weeks, then six a day. Kursk: two a day throughout.
    const rows: Array<{ n: number; region: string; date: string }> = [];
    for (let d = 34; d >= 0; d--) {
      const date = addDays(AS_OF, -d);
      for (let i = 0; i < (d < 7 ? 6 : 1); i++) rows.push({ n: rows.length, region: "RU-BEL", date });
      for (let i = 0; i < 2; i++) rows.push({ n: rows.length, region: "RU-KRS", date });
    }
    await store.execute(
      `INSERT INTO events (fusion_key, kind, weapon, country, region, date, targets, officials, sources, disagreements)
       SELECT 'trend-web|' || n, 'interception', 'drone', left(region, 2), region, date, '[]'::jsonb, '[]'::jsonb, 1, '[]'::jsonb
       FROM jsonb_to_recordset($1::jsonb) AS v(n int, region text, date date)`,
      [JSON.stringify(rows)],
    );
    // The machine is shared: overload answers (503) are another test's business.
    app = buildServer({ store, webRoot: WEB_ROOT, limits: { maxEventLoopDelayMs: false, maxStoreWait: false } });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => console.error("page error:", e.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  it("shows the flagged region with its flag in words, a sparkline and a link to its events", { timeout: 180_000 }, async () => {
    await page.goto(`${base}/`);
    // The first load builds the regions' topology on the server: slow on a busy shared machine.
    await page.waitForSelector('[data-interactive="true"]', { timeout: 90_000 });
    const panel = page.locator("section.trends");
    await expect.poll(() => panel.getAttribute("data-trends-as-of"), POLL).toBe(AS_OF);
    const belgorod = panel.locator('[data-trend-region="RU-BEL"]');
    await expect.poll(() => belgorod.count(), POLL).toBe(1);
    expect(await panel.locator("[data-trend-region]").count()).toBe(1);
    const rising = belgorod.locator('[data-trend-flag="rising"]');
    expect(await rising.textContent()).toMatch(
      /^Rising\. Events in the last 7 days: 42; 7 a week on average before \(p < 0\.0001\)\. since Jun 24, 2025$/,
    );
    expect(await belgorod.locator("svg.sparkline path.recent").getAttribute("d")).toMatch(/^M/);
    expect(await belgorod.locator("svg.sparkline").getAttribute("aria-label")).toContain("Belgorod");
    await page.screenshot({ path: artefact("trends-panel.png"), fullPage: true });

    // The map marks the region (the label overlay is there once the map is drawn, or says it cannot draw).
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
    if (await page.locator(".map canvas").count())
      await expect
        .poll(() => page.locator('.map-label[data-label-id="region:RU-BEL"][data-trend-badge="true"] .trend-badge').count(), POLL)
        .toBe(1);
    await page.screenshot({ path: artefact("trends-map-badge.png") });
    expect(await page.locator(".map-label[data-trend-badge]").count()).toBeLessThanOrEqual(1);

    // Its events over the 35 days: 28 + 7 × 6.
    await belgorod.getByRole("link").click();
    await expect
      .poll(() => Object.fromEntries(new URL(page.url()).searchParams), POLL)
      .toEqual({ region: "RU-BEL", from: addDays(AS_OF, -34), to: AS_OF });
    await expect.poll(() => page.locator(".table-panel").textContent(), POLL).toMatch(/ of 70 events/);
  });

  it("tells the flag in Russian and Ukrainian", async () => {
    await page.goto(`${base}/?lang=ru`);
    const rising = page.locator('section.trends [data-trend-region="RU-BEL"] [data-trend-flag="rising"]');
    await expect.poll(() => rising.textContent(), POLL).toMatch(/^Рост\. Событий за последние 7 дней: 42; до этого в среднем 7 в неделю/);
    await page.goto(`${base}/?lang=uk`);
    await expect
      .poll(() => rising.textContent(), POLL)
      .toMatch(/^Зростання\. Подій за останні 7 днів: 42; до того в середньому 7 на тиждень/);
    expect(await page.locator("#trends-title").textContent()).toBe("Тенденції");
  });

  it("fits a phone's screen", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.goto(`${base}/`);
      await phone.locator('section.trends [data-trend-region="RU-BEL"]').waitFor(POLL);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: artefact("trends-panel-390.png"), fullPage: true });
    } finally {
      await phone.close();
    }
  });
});
