// /api/docs in Chromium: the interactive reference renders every operation, opens one with its
// Execute button (try-it-out is on), and asks no host but this server for anything (skipped without Debian's chromium).
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { openStore } from "../../src/store/database.js";

const CHROMIUM = "/usr/bin/chromium";

describe.runIf(existsSync(CHROMIUM))("the API reference page in a browser", () => {
  it("renders the operations from this server alone and lets one be tried", async () => {
    const store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-docs-")), "db") });
    const app = buildServer({ store, limits: { perAddress: false, maxEventLoopDelayMs: false } });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    try {
      const address = await app.listen({ host: "127.0.0.1", port: 0 });
      const page = await browser.newPage();
      const elsewhere: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith(address) && !r.url().startsWith("data:")) elsewhere.push(r.url());
      });
      await page.goto(`${address}/api/docs`);
      await page.waitForSelector(".opblock", { timeout: 30_000 });
      expect(await page.locator(".opblock").count()).toBeGreaterThan(20);
      await page.locator(".opblock-summary", { hasText: "/api/health" }).first().click();
      await page.locator(".execute").first().click();
      await page.waitForSelector(".responses-table .response-col_status", { timeout: 30_000 });
      expect(await page.locator(".live-responses-table").textContent()).toMatch(/200/);
      expect(elsewhere).toEqual([]);
    } finally {
      await browser.close();
      await app.close();
      await store.close();
    }
  }, 120_000);
});
