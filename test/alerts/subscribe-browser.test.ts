// "Subscribe to this view" in Chromium, against the real server on embedded PGlite: from a
// filtered dashboard in Ukrainian, the dialog names the view, subscribes an email address with
// that filter and language (stored as such), and links the Atom feed of the same view (which
// parses). At 390 px the dialog fits the screen. Screenshots go to test-artifacts/.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser } from "playwright-core";
import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { openStore, type Store } from "../../src/store/database.js";
import { artefact, haveChromium, launchChromium } from "../web/browser.js";

const WEB_ROOT = join(import.meta.dirname, "..", "..", "dist", "web");
const POLL = { timeout: 15_000 };

describe.skipIf(!haveChromium)("subscribing from the dashboard", () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-subscribe-web-")), "db") });
    app = buildServer({ store, places: defaultPlaceResolver(), webRoot: WEB_ROOT, openWrites: true, alerts: { emailEnabled: true } });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    const posted = await fetch(`${base}/api/reports`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        text: "В Шебекино беспилотник ударил по зданию администрации, ранены двое, сообщил губернатор Вячеслав Гладков.",
        published: "2025-07-01",
        source: "web",
      }),
    });
    expect(posted.status).toBe(201);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  it("subscribes an email address to the filtered view and links its feed", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await page.goto(`${base}/?region=RU-BEL&kind=strike&lang=uk`);
      await page.waitForSelector(".app[data-interactive='true']", POLL);
      await page.getByRole("button", { name: "Підписатися на цю вибірку" }).click();
      const dialog = page.getByRole("dialog", { name: "Сповіщення за цією вибіркою" });
      await dialog.waitFor(POLL);
      await expect.poll(() => dialog.textContent(), POLL).toContain("Бєлгородська область, Удар");

      const href = (await dialog.getByRole("link", { name: "Atom-стрічка цієї вибірки" }).getAttribute("href")) as string;
      expect(href).toBe(`${base}/api/feeds/events.atom?region=RU-BEL&kind=strike&lang=uk`);
      const feed = await new Parser().parseString(await (await fetch(href)).text());
      expect(feed.items.map((i) => i.title)).toEqual(["Удар, дрони — Шебекино, Бєлгородська область, 2025-07-01"]);

      await dialog.getByLabel("Адреса електронної пошти").fill("resident@example.org");
      await dialog.getByLabel("Повідомляти й про нові тенденції тут").check();
      await dialog.getByRole("button", { name: "Підписатися поштою" }).click();
      await expect.poll(() => dialog.getByRole("status").textContent(), POLL).toContain("resident@example.org");
      await page.screenshot({ path: artefact("subscribe-dialog-uk-1400.png") });

      const rows = await store.execute(
        "SELECT channel, target, regions, kinds, weapons, language, label, active, trends FROM subscriptions",
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        channel: "email",
        target: "resident@example.org",
        regions: ["RU-BEL"],
        kinds: ["strike"],
        weapons: [],
        language: "uk",
        active: true,
        trends: true,
      });
      await dialog.getByRole("button", { name: "Закрити" }).click();
      await expect.poll(() => dialog.isVisible(), POLL).toBe(false);
    } finally {
      await page.close();
    }
  });

  it("fits a phone's screen and says why a subscription failed", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    try {
      await page.goto(`${base}/?country=UA&lang=en`);
      await page.waitForSelector(".app[data-interactive='true']", POLL);
      await page.getByRole("button", { name: "Subscribe to this view" }).click();
      const dialog = page.getByRole("dialog", { name: "Alerts for this view" });
      await dialog.waitFor(POLL);
      await expect.poll(() => dialog.textContent(), POLL).toContain("Ukraine");
      const box = await dialog.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      // An address the server refuses: its reason is shown.
      await page.evaluate(() => {
        const input = document.querySelector<HTMLInputElement>("#subscribe-email");
        if (input) input.type = "text";
      });
      await dialog.getByLabel("Email address").fill("not-an-address@");
      await dialog.getByRole("button", { name: "Subscribe by email" }).click();
      await expect.poll(() => dialog.getByRole("alert").textContent(), POLL).toMatch(/Could not subscribe: email must be an address/);
      await page.screenshot({ path: artefact("subscribe-dialog-en-390.png") });
    } finally {
      await page.close();
    }
  });
});
