// The map and the translations in Chromium, in English, Russian and Ukrainian at 1400 px and 390 px,
// against the real server with the bundled sample reports plus a few settlements close together:
// labels drawn, clusters with their counts at their events, a chosen region or event moves the map,
// no English left in ru/uk, nothing wider than the screen. Screenshots go to test-artifacts/.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { readDataFile } from "../../src/data-files.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { reportFromJson } from "../../src/ingest/readers.js";
import { openStore, type Store } from "../../src/store/database.js";
import { artefact, haveChromium, launchChromium } from "./browser.js";

const POLL = { timeout: 15_000 };
const WEB_ROOT = join(import.meta.dirname, "..", "..", "dist", "web");

/** Three settlements of Belgorod oblast a few km apart: one cluster at the initial zoom. */
const NEARBY = [
  "A drone struck a car in the village of Shchetinovka in the Belgorod region on March 3, 2025, Governor Vyacheslav Gladkov said.",
  "A drone hit a house in the village of Zhuravlyovka in the Belgorod region on March 3, 2025, Governor Vyacheslav Gladkov said.",
  "A drone attacked a lorry in the village of Nekhoteevka in the Belgorod region on March 4, 2025, Governor Vyacheslav Gladkov said.",
];

/**
 * Latin words that may stay Latin in a Russian or Ukrainian page: the product's name, codes and
 * units, the data sources' names in the attribution, file formats.
 */
const LATIN_ALLOWED = new Set([
  "Skywatch",
  "CSV",
  "GeoJSON",
  "Atom",
  "geoBoundaries",
  "GeoNames",
  "Natural",
  "Earth",
  "CC",
  "BY",
  "MapLibre",
  "i",
]);

/** Latin words in the page's own text: skips report text, names kept as written and the map's canvas. */
const latinWords = (page: Page) =>
  page.evaluate(
    (allowed) => {
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest("script, style, [translate='no'], .report-text, noscript, .hidden")) continue;
        // Elements in another language than the page (a report's title) are shown as published.
        const lang = el.closest("[lang]")?.getAttribute("lang");
        if (lang && lang !== document.documentElement.lang) continue;
        const style = getComputedStyle(el);
        if (style.display === "none" || style.visibility === "hidden") continue;
        for (const w of n.textContent?.match(/[A-Za-z]+/g) ?? []) if (!allowed.includes(w)) out.push(w);
      }
      return [...new Set(out)];
    },
    [...LATIN_ALLOWED],
  );

const mapState = (page: Page) =>
  page
    .locator(".map")
    .evaluate((el: HTMLElement) => ({ zoom: Number(el.dataset.zoom), center: (el.dataset.center ?? "").split(",").map(Number) }));

const visibleLabels = (page: Page, kind?: string) =>
  page.evaluate(
    (k) =>
      [...document.querySelectorAll<HTMLElement>(`.map-label${k ? `[data-label-kind="${k}"]` : ""}:not(.hidden)`)].map(
        (el) => el.textContent ?? "",
      ),
    kind,
  );

describe.skipIf(!haveChromium)("map and translations in Chromium", () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-map-")), "db") });
    const places = defaultPlaceResolver();
    const samples = readDataFile("sample/reports.jsonl")
      .trim()
      .split("\n")
      .map((l, i) => reportFromJson(JSON.parse(l), `sample ${i + 1}`));
    const nearby = NEARBY.map((text, i) => reportFromJson({ text, published: "2025-03-04", source: `near-${i}` }, "test"));
    await ingest(store, [...samples, ...nearby], { places });
    app = buildServer({ store, places, webRoot: WEB_ROOT });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  async function open(lang: string, width: number, query = ""): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: width > 600 ? 1000 : 844 } });
    page.on("pageerror", (e) => console.error("page error:", e.message));
    await page.goto(`${base}/?lang=${lang}${query}`);
    await page.waitForSelector('[data-ready="true"]', { timeout: 60_000 });
    await page.waitForSelector(".map canvas");
    await page.waitForFunction(() => document.querySelectorAll(".map-label:not(.hidden)").length > 3, null, POLL);
    return page;
  }

  it("serves the regions as one topology, named in three languages", async () => {
    const topo = await (await fetch(`${base}/api/map/regions.topojson`)).json();
    expect(topo.type).toBe("Topology");
    const geometries = topo.objects.regions.geometries;
    expect(geometries.length).toBeGreaterThan(100);
    const kharkiv = geometries.find((g: { properties: { iso: string } }) => g.properties.iso === "UA-63");
    expect(kharkiv.properties).toMatchObject({
      country: "UA",
      name_en: expect.stringMatching(/Kharkiv/),
      name_uk: expect.stringMatching(/Харків/),
    });
  });

  for (const lang of ["en", "ru", "uk"] as const) {
    for (const width of [1400, 390]) {
      it(`${lang} at ${width} px: labels, clusters with counts, no English left, nothing wider than the screen`, async () => {
        const page = await open(lang, width);
        const regions = await visibleLabels(page, "region");
        const cities = await visibleLabels(page, "capital");
        expect(regions.length + cities.length).toBeGreaterThan(width > 600 ? 12 : 3);
        const kyiv = { en: "Kyiv", ru: "Киев", uk: "Київ" }[lang];
        expect(cities).toContain(kyiv);
        if (lang !== "en") for (const text of [...regions, ...cities]) expect(text).toMatch(/^[^A-Za-z]+$/);
        // The sea and the neighbours are drawn and named.
        expect(await visibleLabels(page, "sea")).toContain({ en: "Black Sea", ru: "Чёрное море", uk: "Чорне море" }[lang]);
        if (width > 600) expect(await visibleLabels(page, "country")).toContain({ en: "Belarus", ru: "Беларусь", uk: "Білорусь" }[lang]);

        // Clusters: a count in each, adding up to the events placed at settlements.
        const clusters = await page.locator(".map-cluster").evaluateAll((els) => els.map((el) => Number(el.textContent)));
        expect(clusters.length).toBeGreaterThan(0);
        expect(clusters.every((n) => n >= 2)).toBe(true);
        const points = (await (await fetch(`${base}/api/map/points`)).json()).features.length;
        expect(clusters.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(points);

        // Map controls: a scale in the page's language, attribution folded to its button.
        const scale = (await page.locator(".maplibregl-ctrl-scale").textContent()) ?? "";
        expect(scale).toMatch(lang === "en" ? /km|m$/ : /км|м$/);
        expect(await page.locator(".maplibregl-ctrl-attrib.maplibregl-compact-show").count()).toBe(0);

        if (lang !== "en") expect(await latinWords(page)).toEqual([]);
        const overflow = await page.evaluate(() => (document.scrollingElement as Element).scrollWidth - innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.locator(".map-panel").screenshot({ path: artefact(`map-${lang}-${width}.png`) });
        await page.screenshot({ path: artefact(`page-${lang}-${width}.png`), fullPage: true });
        await page.screenshot({ path: artefact(`top-${lang}-${width}.png`) });
        await page.locator("#events").scrollIntoViewIfNeeded();
        await page.screenshot({ path: artefact(`table-${lang}-${width}.png`) });
        await page.close();
      });
    }
  }

  it("zooms to a region chosen in the filter, and back out when it is removed", async () => {
    const page = await open("uk", 1400);
    const before = await mapState(page);
    await page.locator("#f-region").selectOption("UA-63");
    await expect.poll(async () => (await mapState(page)).zoom, POLL).toBeGreaterThan(before.zoom + 1);
    const after = await mapState(page);
    // Kharkiv oblast: 35–38.5°E, 48.5–50.5°N.
    expect(after.center[0]).toBeGreaterThan(35);
    expect(after.center[0]).toBeLessThan(38.5);
    expect(after.center[1]).toBeGreaterThan(48.5);
    expect(after.center[1]).toBeLessThan(50.5);
    await page.waitForTimeout(800);
    expect(await visibleLabels(page, "capital")).toContain("Харків");
    await page.locator(".map-panel").screenshot({ path: artefact("map-uk-region.png") });
    await page.getByRole("button", { name: /Прибрати регіон/ }).click();
    await expect.poll(async () => (await mapState(page)).zoom, POLL).toBeLessThan(after.zoom - 1);
    await page.close();
  });

  it("flies to an event opened from the table and rings it", async () => {
    const page = await open("ru", 1400);
    const before = await mapState(page);
    const { events } = await (await fetch(`${base}/api/events?limit=200`)).json();
    const event = events.find((e: { settlement: string }) => e.settlement === "Shchetinovka");
    const initiallyClustered = await page
      .locator(".map-cluster")
      .evaluateAll((els) => els.reduce((n, el) => n + Number(el.textContent), 0));
    await page.locator("tr", { hasText: "Щетиновка" }).getByRole("button").click();
    await expect.poll(async () => (await mapState(page)).zoom, POLL).toBeGreaterThanOrEqual(7.9);
    const after = await mapState(page);
    expect(after.zoom).toBeGreaterThan(before.zoom);
    expect(Math.abs(after.center[0] - event.lon)).toBeLessThan(0.05);
    expect(Math.abs(after.center[1] - event.lat)).toBeLessThan(0.05);
    // Zoomed in, the Belgorod cluster has come apart: fewer events are in clusters.
    const clustered = () => page.locator(".map-cluster").evaluateAll((els) => els.reduce((n, el) => n + Number(el.textContent), 0));
    await expect.poll(clustered, POLL).toBeLessThan(initiallyClustered);
    // The event's text is in Russian too: the official's title, the reason, the qualifier.
    const view = page.locator("aside.event-view");
    await view.locator(".claim").first().waitFor();
    const text = (await view.textContent()) ?? "";
    expect(text).toContain("Губернатор");
    expect(text).toContain("то же событие (удар)");
    expect(await latinWords(page)).toEqual([]);
    await page.locator(".map-panel").screenshot({ path: artefact("map-ru-event.png") });
    await page.locator("aside.event-view").screenshot({ path: artefact("event-ru.png") });
    await page.close();
  });

  it("opens a cluster by zooming to its events", async () => {
    const page = await open("en", 1400);
    const before = await mapState(page);
    await page.locator(".map-cluster").first().click();
    await expect.poll(async () => (await mapState(page)).zoom, POLL).toBeGreaterThan(before.zoom + 0.9);
    await page.close();
  });

  it("draws map controls in the dark theme", async () => {
    const page = await open("en", 1400, "&theme=dark");
    const colours = await page.evaluate(() => {
      const bg = (sel: string) => getComputedStyle(document.querySelector(sel) as Element).backgroundColor;
      return { zoom: bg(".maplibregl-ctrl-group"), attribution: bg(".maplibregl-ctrl-attrib"), scale: bg(".maplibregl-ctrl-scale") };
    });
    // Dark backgrounds: each channel well below the light theme's white.
    for (const c of Object.values(colours)) {
      // "rgb(18, 20, 23)" or, from color-mix(), "color(srgb 0.07 0.08 0.09 / 0.88)".
      const scale = c.startsWith("color(") ? 255 : 1;
      const [r, g, b] = (c.match(/[\d.]+/g) ?? []).map((v) => Number(v) * scale);
      expect(Math.max(r, g, b), c).toBeLessThan(80);
    }
    await page.locator(".map-panel").screenshot({ path: artefact("map-en-dark.png") });
    await page.close();
  });
});
