// The exports an analyst opens as they are: ACLED-like CSV (source = the outlet, source_url,
// official apart, admin1 by name and code, sub_event_type by weapon) and GeoJSON with URLs and
// names in three languages — read by GDAL's ogrinfo when it is installed — and streamed page by
// page, so that the server answers /api/health in the middle of a large export.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subEventType } from "../../src/api/export-rows.js";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { openStore, type Store } from "../../src/store/database.js";
import { runAsync } from "../helpers/run-async.js";
import { addSyntheticEvents } from "./synthetic-events.js";

const places = defaultPlaceResolver();
const OGRINFO = "/usr/bin/ogrinfo";

/** A CSV line split into cells (quotes and doubled quotes understood). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(cell);
      cell = "";
    } else cell += c;
  }
  out.push(cell);
  return out;
}

describe("exports", () => {
  let store: Store;
  let app: FastifyInstance;
  const dir = mkdtempSync(join(tmpdir(), "skywatch-exports-"));

  beforeAll(async () => {
    store = await openStore({ dataDir: join(dir, "db") });
    await ingest(
      store,
      [
        {
          source: "Kharkiv Today",
          url: "https://example.org/kharkiv-missile",
          published: "2025-04-02",
          text: "A Russian missile hit an apartment block in Kharkiv, killing two people and injuring 11, Mayor Ihor Terekhov said.",
        },
        {
          source: "Белгород-24",
          url: "https://example.org/belgorod-drone",
          published: "2025-04-03",
          language: "ru",
          text: "Беспилотник атаковал автомобиль в Шебекино, пострадал водитель, сообщил губернатор Вячеслав Гладков.",
        },
        {
          source: "wire",
          url: "https://example.org/tally",
          published: "2025-04-04",
          text: "Russian air defences shot down 12 Ukrainian drones over the Kursk region overnight, the Ministry of Defence said.",
        },
      ],
      { places },
    );
    app = buildServer({ store, places, limits: { perAddress: false, maxEventLoopDelayMs: false } });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it("maps weapons to ACLED's sub-event types, with interceptions apart", () => {
    expect(subEventType("strike", "missile")).toBe("Shelling/artillery/missile attack");
    expect(subEventType("strike", "artillery")).toBe("Shelling/artillery/missile attack");
    expect(subEventType("strike", "drone")).toBe("Air/drone strike");
    expect(subEventType("attack", "glide_bomb")).toBe("Air/drone strike");
    expect(subEventType("interception", "missile")).toBe("Interception");
    expect(subEventType("strike", "unknown")).toBe("Remote violence, weapon unknown");
  });

  it("writes the outlet as source, its URL, the official apart, and admin1 by name and code", async () => {
    const res = await app.inject({ url: "/api/export.csv" });
    expect(res.statusCode).toBe(200);
    const [header, ...lines] = res.body.trim().split("\n");
    const columns = header.split(",");
    expect(columns).toEqual(expect.arrayContaining(["source", "source_url", "official", "admin1", "admin1_code", "sub_event_type"]));
    const rows = lines.map((l) => Object.fromEntries(cells(l).map((v, i) => [columns[i], v])));
    const kharkiv = rows.find((r) => r.location === "Kharkiv");
    expect(kharkiv).toMatchObject({
      source: "Kharkiv Today",
      source_url: "https://example.org/kharkiv-missile",
      admin1: "Kharkiv Oblast",
      admin1_code: "UA-63",
      sub_event_type: "Shelling/artillery/missile attack",
      weapon: "missile",
      fatalities: "2",
    });
    expect(kharkiv?.official).toMatch(/Terekhov/);
    const shebekino = rows.find((r) => r.location === "Shebekino");
    expect(shebekino).toMatchObject({ source: "Белгород-24", admin1: "Belgorod Oblast", sub_event_type: "Air/drone strike" });
    const kursk = rows.find((r) => r.admin1_code === "RU-KRS");
    expect(kursk).toMatchObject({ sub_event_type: "Interception", admin1: "Kursk Oblast" });
    writeFileSync(join(dir, "events.csv"), res.body);
  });

  it("writes GeoJSON with the source URLs and the place's and region's names in three languages", async () => {
    const res = await app.inject({ url: "/api/export.geojson" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/geo\+json/);
    const geo = res.json();
    const kharkiv = geo.features.find((f: { properties: { name: string } }) => f.properties.name === "Kharkiv");
    expect(kharkiv.properties).toMatchObject({
      name_ru: "Харьков",
      name_uk: "Харків",
      admin1: "Kharkiv Oblast",
      admin1_uk: "Харківська область",
      source: "Kharkiv Today",
      source_url: "https://example.org/kharkiv-missile",
      source_urls: ["https://example.org/kharkiv-missile"],
      sub_event_type: "Shelling/artillery/missile attack",
    });
    expect(kharkiv.properties.url).toBe(`/api/events/${kharkiv.properties.id}`);
    writeFileSync(join(dir, "events.geojson"), res.body);
  });

  it.runIf(existsSync(OGRINFO))("opens in GDAL's ogrinfo with the new columns", async () => {
    const csv = await runAsync(
      OGRINFO,
      ["-ro", "-so", "-al", "-oo", "X_POSSIBLE_NAMES=longitude", "-oo", "Y_POSSIBLE_NAMES=latitude", join(dir, "events.csv")],
      {
        timeout: 60_000,
      },
    );
    expect(csv.status, csv.stderr).toBe(0);
    for (const field of ["source_url", "official", "admin1_code", "sub_event_type"])
      expect(csv.stdout).toMatch(new RegExp(`^${field}: String`, "m"));
    expect(csv.stdout).toMatch(/Feature Count: 3/);
    const geo = await runAsync(OGRINFO, ["-ro", "-so", "-al", join(dir, "events.geojson")], { timeout: 60_000 });
    expect(geo.status, geo.stderr).toBe(0);
    expect(geo.stdout).toMatch(/Geometry: Point/);
    for (const field of ["name_ru", "name_uk", "admin1_ru", "source_url"]) expect(geo.stdout).toMatch(new RegExp(`^${field}: String`, "m"));
    expect(geo.stdout).toMatch(/^source_urls: StringList/m);
  });

  it("streams a large export in pages: /api/health answers before the export ends (PGlite)", async () => {
    await addSyntheticEvents(store, 20_000);
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    const order: string[] = [];
    const res = await fetch(`${address}/api/export.csv`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    let bytes = first.value?.length ?? 0;
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.length;
      }
      order.push("export done");
    })();
    const health = await fetch(`${address}/api/health`);
    expect(health.status).toBe(200);
    order.push("health");
    await reading;
    expect(order).toEqual(["health", "export done"]);
    expect(bytes).toBeGreaterThan(20_000 * 50);
  }, 120_000);
});
