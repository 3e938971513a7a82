// The Sources page and the claims' source types in Chromium, against the real server on embedded
// PGlite with five registered sources (four through the registry, one through POST /api/sources
// with an admin key) whose health is set as the scheduler would leave it: ok, failing, silent,
// disabled, never run. In English and Russian at 1400 and 390 px: the rows and their status words,
// sorting by lag and by errors (kept in the URL), nothing wider than the screen, no English left in
// the Russian page besides names and addresses. Screenshots go to test-artifacts/.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { reportFromJson } from "../../src/ingest/readers.js";
import { addSource } from "../../src/sources/registry.js";
import { createApiKey } from "../../src/store/api-keys.js";
import { openStore, type Store } from "../../src/store/database.js";
import { artefact, haveChromium, launchChromium } from "./browser.js";

const POLL = { timeout: 15_000 };
const WEB_ROOT = join(import.meta.dirname, "..", "..", "dist", "web");

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const minutesAhead = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

/** Latin words a Russian page may keep: the product's name, formats and protocol names. */
const LATIN_ALLOWED = ["Skywatch", "RSS", "API", "CSV", "GeoJSON"];

/** Latin words in the page's own text, outside names kept as written and text in another language. */
const latinWords = (page: Page) =>
  page.evaluate((allowed) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest("script, style, [translate='no'], noscript")) continue;
      const lang = el.closest("[lang]")?.getAttribute("lang");
      if (lang && lang !== document.documentElement.lang) continue;
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      for (const w of n.textContent?.match(/[A-Za-z]+/g) ?? []) if (!allowed.includes(w)) out.push(w);
    }
    // Attributes a reader meets too: titles and labels.
    for (const el of document.querySelectorAll("[title], [aria-label]"))
      for (const attr of ["title", "aria-label"])
        for (const w of el.getAttribute(attr)?.match(/[A-Za-z]+/g) ?? []) if (!allowed.includes(w)) out.push(`${attr}:${w}`);
    return [...new Set(out)];
  }, LATIN_ALLOWED);

describe.skipIf(!haveChromium)("sources page in Chromium", () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let eventId: number;
  const ids: Record<string, number> = {};

  /** Sets the columns the scheduler writes. */
  const health = (id: number, columns: Record<string, unknown>) =>
    store.execute(
      `UPDATE sources SET ${Object.keys(columns)
        .map((c, i) => `${c} = $${i + 2}`)
        .join(", ")} WHERE id = $1`,
      [id, ...Object.values(columns)],
    );

  beforeAll(async () => {
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-sources-")), "db") });
    const places = defaultPlaceResolver();
    const admin = await createApiKey(store.db, { role: "admin", label: "sources test" });
    app = buildServer({ store, places, webRoot: WEB_ROOT });
    base = await app.listen({ port: 0, host: "127.0.0.1" });

    ids.airForce = (
      await addSource(store, { kind: "telegram", address: "kpszsu", label: "Ukrainian Air Force", type: "official" })
    ).source.id;
    ids.agency = (
      await addSource(store, { kind: "rss", address: "https://agency.example.org/feed.xml", label: "Example Agency", type: "agency" })
    ).source.id;
    ids.news = (
      await addSource(store, { kind: "web", address: "https://news.example.com/", label: "Example News", type: "media" })
    ).source.id;
    ids.aggregator = (
      await addSource(store, { kind: "rss", address: "https://agg.example.net/rss", type: "aggregator", enabled: false, every: "1h" })
    ).source.id;
    // One through the API, as an administrator would.
    const posted = await fetch(`${base}/api/sources`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${admin.key}` },
      body: JSON.stringify({ kind: "telegram", address: "@newchannel", label: "New Channel", type: "media", every: "15m" }),
    });
    expect(posted.status).toBe(201);
    ids.fresh = (await posted.json()).id;
    // Without a key, the registry is not changed (and reading it needs none).
    expect(
      (await fetch(`${base}/api/sources`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } })).status,
    ).toBe(401);

    const run = { status: "ok", seen: 10, new: 2, failed: 0, pages: 1, ms: 120 };
    await health(ids.airForce, {
      last_run_at: minutesAgo(4),
      last_success_at: minutesAgo(4),
      newest_item_at: minutesAgo(12),
      typical_gap_seconds: 900,
      items_seen: 120,
      items_new: 40,
      items_failed: 1,
      last_run: JSON.stringify(run),
      next_run_at: minutesAhead(1),
    });
    await health(ids.agency, {
      last_run_at: minutesAgo(2),
      last_success_at: minutesAgo(600),
      last_error_at: minutesAgo(2),
      last_error: "https://agency.example.org/feed.xml: HTTP 503 Service Unavailable",
      failures: 3,
      newest_item_at: minutesAgo(300),
      typical_gap_seconds: 3600,
      items_seen: 55,
      items_new: 20,
      items_failed: 0,
      next_run_at: minutesAhead(38),
    });
    await health(ids.news, {
      last_run_at: minutesAgo(3),
      last_success_at: minutesAgo(3),
      newest_item_at: minutesAgo(3 * 24 * 60),
      typical_gap_seconds: 7200,
      items_seen: 300,
      items_new: 90,
      items_failed: 2,
      next_run_at: minutesAhead(2),
    });
    await health(ids.aggregator, { newest_item_at: minutesAgo(40), last_success_at: minutesAgo(45), items_seen: 8, items_new: 8 });

    // A report collected from the Air Force's channel, with a link to its post.
    await ingest(
      store,
      [
        reportFromJson(
          {
            text: "A drone struck a lorry in the village of Shchetinovka in the Belgorod region on March 3, 2025, Governor Vyacheslav Gladkov said.",
            published: "2025-03-03",
            url: "https://t.me/kpszsu/12345",
            source: "Ukrainian Air Force",
          },
          "test",
        ),
      ],
      { places },
    );
    await store.execute("UPDATE reports SET source_id = $1", [ids.airForce]);
    const events = await (await fetch(`${base}/api/events`)).json();
    eventId = events.events[0].id;

    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  const order = (page: Page) => page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-source-id"))));
  const states = (page: Page) =>
    page
      .locator("tbody tr")
      .evaluateAll((rows) =>
        Object.fromEntries(rows.map((r) => [Number(r.getAttribute("data-source-id")), r.querySelector(".status")?.textContent ?? ""])),
      );

  const LABELS = {
    en: { ok: "OK", failing: "Error", silent: "Silent", "never-run": "Not run yet", disabled: "Disabled", lag: "Lag", errors: "Errors" },
    ru: {
      ok: "Работает",
      failing: "Ошибка",
      silent: "Молчит",
      "never-run": "Ещё не запускался",
      disabled: "Отключён",
      lag: "Отставание",
      errors: "Ошибки",
    },
  } as const;

  for (const lang of ["en", "ru"] as const) {
    for (const width of [1400, 390]) {
      it(`${lang} at ${width} px: every source with its status word, sorted by lag and by errors, nothing too wide`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        try {
          // Reached from the header's link, which keeps the language.
          await page.goto(`${base}/?lang=${lang}`);
          await page
            .getByRole("navigation")
            .getByRole("link", { name: lang === "en" ? "Sources" : "Источники" })
            .click();
          await page.waitForSelector('[data-sources-ready="true"]');
          expect(page.url()).toContain("view=sources");
          expect(page.url()).toContain(`lang=${lang}`);
          const l = LABELS[lang];
          expect(await states(page)).toEqual({
            [ids.airForce]: `✓${l.ok}`,
            [ids.agency]: `!${l.failing}`,
            [ids.news]: `…${l.silent}`,
            [ids.aggregator]: `–${l.disabled}`,
            [ids.fresh]: `○${l["never-run"]}`,
          });
          // Registered order first; the failing source shows its errors in a row and its message.
          expect(await order(page)).toEqual([ids.airForce, ids.agency, ids.news, ids.aggregator, ids.fresh]);
          const agency = page.locator(`tr[data-source-id="${ids.agency}"]`);
          expect(await agency.locator(".error-message").textContent()).toContain("HTTP 503");
          expect(await agency.locator(".failures").textContent()).toBe(lang === "en" ? "3 in a row" : "подряд: 3");
          expect(await page.locator(`tr[data-source-id="${ids.news}"] .why`).textContent()).toMatch(
            lang === "en" ? /no new item for 3 days; it usually posts every 2 hr/ : /нет новых записей 3 дн\.; обычно пишет раз в 2 ч/,
          );
          expect(await page.locator(`tr[data-source-id="${ids.airForce}"] .c-type`).textContent()).toBe(
            lang === "en" ? "Official" : "Официальный",
          );
          expect(await page.locator(`tr[data-source-id="${ids.airForce}"] .c-items`).textContent()).toBe(
            lang === "en" ? "120 seen · 40 new · 1 failed" : "получено 120 · новых 40 · с ошибкой 1",
          );

          // By lag: the longest first, then the shortest first; sources without items last either way.
          const lag = page.getByRole("button", { name: l.lag, exact: true });
          await lag.click();
          await expect.poll(() => page.url(), POLL).toContain("ssort=-lag");
          await expect.poll(() => order(page), POLL).toEqual([ids.news, ids.agency, ids.aggregator, ids.airForce, ids.fresh]);
          await lag.click();
          await expect.poll(() => page.url(), POLL).toContain("ssort=lag");
          await expect.poll(() => order(page), POLL).toEqual([ids.airForce, ids.aggregator, ids.agency, ids.news, ids.fresh]);
          // By errors: the source failing now first.
          await page.getByRole("button", { name: l.errors, exact: true }).click();
          await expect.poll(() => page.url(), POLL).toContain("ssort=-errors");
          expect((await order(page))[0]).toBe(ids.agency);

          // Nothing wider than the screen; at phone width a row is a card.
          expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
          // At 1400 px the whole table fits its panel: no sideways scrolling inside it either.
          if (width === 1400)
            expect(await page.locator(".sources .scroll").evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
          if (width === 390)
            expect(
              await page
                .locator("tbody tr")
                .first()
                .evaluate((el) => getComputedStyle(el).display),
            ).toBe("grid");
          if (lang !== "en") expect(await latinWords(page)).toEqual([]);
          await page.screenshot({ path: artefact(`sources-${lang}-${width}.png`), fullPage: true });

          // The URL alone restores the page and its order.
          await page.goto(`${base}/?view=sources&ssort=-lag&lang=${lang}`);
          await page.waitForSelector('[data-sources-ready="true"]');
          expect((await order(page))[0]).toBe(ids.news);
          expect(errors).toEqual([]);
        } finally {
          await page.close();
        }
      });
    }
  }

  it("reads the dark theme's status labels and goes back to the events", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await page.goto(`${base}/?view=sources&theme=dark&lang=uk`);
      await page.waitForSelector('[data-sources-ready="true"]');
      expect(await page.locator(`tr[data-source-id="${ids.agency}"] .status`).textContent()).toBe("!Помилка");
      await page.screenshot({ path: artefact("sources-uk-dark.png"), fullPage: true });
      await page.getByRole("navigation").getByRole("link", { name: "Події" }).click();
      await page.waitForSelector('[data-interactive="true"]');
      expect(page.url()).not.toContain("view=sources");
      expect(await page.locator("#table-title").textContent()).toBe("Події");
    } finally {
      await page.close();
    }
  });

  it("shows each claim's source type and a link to the original post", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await page.goto(`${base}/?event=${eventId}&lang=ru`);
      const view = page.locator("aside.event-view");
      await view.locator(".claim .source-type").waitFor();
      expect(await view.locator(".claim .source-type").getAttribute("data-source-type")).toBe("official");
      expect(await view.locator(".claim .meta").textContent()).toContain("Тип источника: Официальный");
      const link = view.getByRole("link", { name: "Открыть исходное сообщение" });
      expect(await link.getAttribute("href")).toBe("https://t.me/kpszsu/12345");
      expect(await link.getAttribute("rel")).toContain("noopener");
      await page.screenshot({ path: artefact("sources-claim-ru.png"), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
