// The dashboard in a real browser (Debian Chromium via playwright-core) against the real server on
// embedded PGlite: load, filter, open an event and its evidence, live events, language, CSV download,
// report markup shown as text, keyboard labels and a 360 px screen. Screenshots go to test-artifacts/.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { reportFromJson } from "../../src/ingest/readers.js";
import { openStore, type Store } from "../../src/store/database.js";
import { artefact, haveChromium, launchChromium } from "./browser.js";

/** The machines are shared and slow at times: waits are generous, and nothing here measures speed. */
const POLL = { timeout: 15_000 };

const WEB_ROOT = join(import.meta.dirname, "..", "..", "dist", "web");

const REPORTS = [
  {
    title: "Lorry hit in Belgorod region",
    text: "A drone struck a lorry in the village of Shchetinovka in the Belgorod region on March 3, 2025, Governor Vyacheslav Gladkov said. The driver was injured.",
  },
  {
    title: "<i>Брянск</i>",
    text: '<script>window.__xss = 1</script><b>Губернатор</b> Александр Богомаз сообщил, что 4 марта 2025 года над Брянской областью сбиты пять беспилотников. <img src=x onerror="window.__xss=2">',
  },
  {
    title: "Kaluga",
    text: "Two drones were shot down over the Kaluga region, which borders Ukraine, on March 2, 2025, the governor said.",
  },
];
const LIVE_REPORT = {
  text: "Air defences shot down three drones over the Kursk region on March 5, 2025, the governor said.",
  published: "2025-03-05",
};

describe.skipIf(!haveChromium)("dashboard in Chromium", () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-web-")), "db") });
    const places = defaultPlaceResolver();
    await ingest(
      store,
      REPORTS.map((r, i) => reportFromJson({ ...r, published: "2025-03-04", source: `test-${i}` }, "test")),
      { places },
    );
    // The live test posts a report as the single user of a laptop would.
    app = buildServer({ store, places, webRoot: WEB_ROOT, openWrites: true });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on("pageerror", (e) => console.error("page error:", e.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  const rows = () => page.locator("tbody tr");

  it("loads: table, timeline and map with the stored events", async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('[data-interactive="true"]');
    expect(await rows().count()).toBe(3);
    const bars = await page.locator(".timeline path.bar").evaluateAll((paths) => paths.map((p) => p.getAttribute("d") ?? "").join(""));
    expect(bars).toMatch(/^M/);
    // The map draws (WebGL in software) or says plainly that it cannot; either way the page works.
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
    const mapState = await page.locator(".map-panel").evaluate((el) => (el.querySelector(".map canvas") ? "map" : el.textContent));
    expect(mapState).toBe("map");
    await page.screenshot({ path: artefact("dashboard-load.png"), fullPage: true });
  });

  it("filters by kind and keeps the filter in the URL", async () => {
    await page.getByRole("checkbox", { name: "Strike" }).check();
    await expect.poll(() => page.url(), POLL).toContain("kind=strike");
    await expect.poll(() => rows().count(), POLL).toBe(1);
    expect(await rows().first().textContent()).toContain("Shchetinovka");
    // The URL alone restores the view.
    await page.goto(`${base}/?kind=interception`);
    await page.waitForSelector('[data-interactive="true"]');
    await expect.poll(() => rows().count(), POLL).toBe(2);
    expect(await page.getByRole("checkbox", { name: "Interception" }).isChecked()).toBe(true);
  });

  it("opens an event and highlights its evidence in the report text", async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('[data-interactive="true"]');
    await page.getByRole("button", { name: "Shchetinovka" }).click();
    const view = page.locator("aside.event-view");
    await view.locator("mark.evidence").first().waitFor();
    const marked = (await view.locator("mark.evidence").allTextContents()).join(" ");
    expect(marked).toContain("A drone struck a lorry in the village of Shchetinovka");
    expect(await view.textContent()).toContain("Governor Vyacheslav Gladkov");
    expect(await view.locator("[data-precision]").getAttribute("data-precision")).toBe("1");
    expect(page.url()).toMatch(/event=\d+/);
    await page.screenshot({ path: artefact("dashboard-event.png"), fullPage: true });
    await page.keyboard.press("Escape");
    await expect.poll(() => view.count(), POLL).toBe(0);
  });

  it("opens an event from its point on the map", async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('[data-ready="true"]');
    const points = await (await fetch(`${base}/api/map/points`)).json();
    const [lon, lat] = points.features[0].geometry.coordinates;
    // Where the map's initial view (bounds 22–50°E, 43–58°N, fitted to the box) puts that point.
    const box = (await page.locator(".map").boundingBox()) as { x: number; y: number; width: number; height: number };
    const mx = (lo: number) => (lo + 180) / 360;
    const my = (la: number) => (1 - Math.log(Math.tan((la * Math.PI) / 180) + 1 / Math.cos((la * Math.PI) / 180)) / Math.PI) / 2;
    const scale = Math.min(box.width / (mx(50) - mx(22)), box.height / (my(43) - my(58)));
    const x = box.x + box.width / 2 + (mx(lon) - (mx(22) + mx(50)) / 2) * scale;
    const y = box.y + box.height / 2 + (my(lat) - (my(43) + my(58)) / 2) * scale;
    await page.mouse.click(x, y);
    const title = page.locator("#event-title");
    await expect.poll(() => title.textContent(), POLL).toContain("Shchetinovka");
    await page.keyboard.press("Escape");
  });

  it("shows the claim check's flags on the event", async () => {
    await page.locator("tr", { hasText: "Kaluga" }).getByRole("button").click();
    const flags = page.locator("aside.event-view .flags");
    await flags.waitFor();
    expect(await flags.textContent()).toContain("borders Ukraine");
    expect(await page.locator("aside.event-view [data-precision]").getAttribute("data-precision")).toBe("3");
    await page.keyboard.press("Escape");
  });

  it("sorts the table by a column and chooses dates by dragging across the timeline", async () => {
    await page.getByRole("button", { name: "Count", exact: true }).click();
    await expect.poll(() => page.url(), POLL).toContain("sort=-count");
    await expect.poll(async () => (await rows().first().textContent()) ?? "", POLL).toContain("Bryansk");
    expect(await page.locator("th[aria-sort=descending]").textContent()).toContain("Count");
    // Drag from the first day's bar to the middle of the chart: March 2 to 3.
    const box = (await page.locator(".timeline > svg").boundingBox()) as { x: number; y: number; width: number; height: number };
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => page.url(), POLL).toContain("from=2025-03-02&to=2025-03-03");
    await expect.poll(() => rows().count(), POLL).toBe(2);
    expect(await page.locator("#f-from").inputValue()).toBe("2025-03-02");
  });

  it("shows a report's <script> and HTML as text and never runs them", async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('[data-interactive="true"]');
    await page.locator("tr", { hasText: "Bryansk" }).getByRole("button").click();
    const text = page.locator("aside.event-view .report-text");
    await text.locator("mark.evidence").first().waitFor();
    expect(await text.textContent()).toContain("<script>window.__xss = 1</script><b>Губернатор</b>");
    expect(await page.locator("aside.event-view").textContent()).toContain("<i>Брянск</i>");
    expect(await page.locator("aside.event-view b, aside.event-view img, aside.event-view script").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.keyboard.press("Escape");
  });

  it("receives a live event without a reload", async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('[data-interactive="true"]');
    await page.waitForSelector(".live.on");
    const marker = await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
      return 42;
    });
    const response = await fetch(`${base}/api/reports`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(LIVE_REPORT),
    });
    expect(response.status).toBe(201);
    await expect.poll(() => page.locator("[data-live-count]").getAttribute("data-live-count"), POLL).toBe("1");
    await expect.poll(() => rows().count(), POLL).toBe(4);
    expect(await page.locator("tr.fresh").textContent()).toContain("Kursk");
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(marker);
    await page.screenshot({ path: artefact("dashboard-live.png"), fullPage: true });
  });

  it("switches the interface language and theme", async () => {
    await page.getByLabel("Language").selectOption("uk");
    await expect.poll(() => page.locator("#table-title").textContent(), POLL).toBe("Події");
    expect(page.url()).toContain("lang=uk");
    expect(await page.locator("html").getAttribute("lang")).toBe("uk");
    // Dates follow the language, and settlements are named in Cyrillic (Russian when Ukrainian is unknown).
    expect(await rows().first().textContent()).toMatch(/бер\.? 2025/);
    expect(await page.locator("tbody").textContent()).toContain("Щетиновка");
    await page.getByRole("button", { name: /Тема/ }).click();
    expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
    await page.screenshot({ path: artefact("dashboard-uk-dark.png"), fullPage: true });
    await page.goto(`${base}/?lang=ru`);
    await page.waitForSelector('[data-interactive="true"]');
    expect(await page.locator("#table-title").textContent()).toBe("События");
  });

  it("downloads the current filter as CSV", async () => {
    await page.goto(`${base}/?region=RU-BEL&lang=en`);
    await page.waitForSelector('[data-interactive="true"]');
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV" }).click()]);
    const csv = readFileSync((await download.path()) as string, "utf8")
      .trim()
      .split("\n");
    expect(csv[0].split(",")).toContain("event_id");
    expect(csv).toHaveLength(2);
    const [geo] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "GeoJSON" }).click()]);
    const features = JSON.parse(readFileSync((await geo.path()) as string, "utf8")).features;
    expect(features.map((f: { properties: { settlement: string } }) => f.properties.settlement)).toEqual(["Shchetinovka"]);
    expect(csv[1]).toContain("Shchetinovka");
  });

  it("labels every control and fits a 360 px screen", async () => {
    const small = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await small.goto(`${base}/`);
    await small.waitForSelector('[data-interactive="true"]');
    const unlabelled = await small.evaluate(() =>
      [...document.querySelectorAll("button, input, select, a[href]")]
        .filter((el) => {
          const id = el.getAttribute("id");
          const label = id ? document.querySelector(`label[for="${id}"]`) : el.closest("label");
          return !(el.getAttribute("aria-label") || el.textContent?.trim() || label?.textContent?.trim() || el.getAttribute("title"));
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Keyboard: Tab from the top reaches the filters and then the table's sort buttons.
    const reached = new Set<string>();
    for (let i = 0; i < 60; i++) {
      await small.keyboard.press("Tab");
      reached.add(await small.evaluate(() => document.activeElement?.id || document.activeElement?.className || ""));
    }
    expect([...reached]).toEqual(expect.arrayContaining(["f-from", "f-q", "f-region", "sort"]));
    await small.screenshot({ path: artefact("dashboard-360.png"), fullPage: true });
    await small.close();
  });

  it("shows where sources disagree in the interface language, from the stored values", async () => {
    // A second account of the Kaluga interceptions, with another count: the same event, a disagreement.
    const report = "Three drones were shot down over the Kaluga region on March 2, 2025, the Russian Ministry of Defence said.";
    await ingest(store, [reportFromJson({ text: report, published: "2025-03-04", source: "test-9" }, "test")], {
      places: defaultPlaceResolver(),
    });
    const [{ id, disagreements }] = await store.execute("SELECT id, disagreements FROM events WHERE region = 'RU-KLU' AND state = 'live'");
    expect(disagreements).toEqual([
      { field: "count", values: [expect.objectContaining({ value: 2 }), expect.objectContaining({ value: 3 })] },
    ]);
    for (const [lang, label] of [
      ["ru", "Число"],
      ["uk", "Кількість"],
      ["en", "Count"],
    ]) {
      await page.goto(`${base}/?event=${id}&lang=${lang}`);
      const line = page.locator(".disagreements li");
      await line.first().waitFor(POLL);
      expect(await line.count()).toBe(1);
      expect(await line.first().textContent()).toMatch(new RegExp(`^${label}: .+ 2; .+ 3$`));
    }
  });
});
