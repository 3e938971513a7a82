#!/usr/bin/env node
// npm run gazetteer:build [-- --from DIR]: builds data/gazetteer/ from the raw GeoNames and
// geoBoundaries files (default ../shared/gazetteer; see its SOURCES.md):
//   regions.geojson   simplified admin-1 polygons (ISO 3166-2 codes)
//   regions.json      per region: names, centroid, neighbours, borders, distances
//   settlements.tsv.gz  populated places of Ukraine (GeoNames) and postal places of Russia and
//                     Ukraine, de-duplicated, with Latin, Russian and Ukrainian names
//   columns.bin.gz    the same rows' ranking facts as typed arrays (src/geo/settlement-columns.ts)
//   index.bin.gz      lookup keys (src/geo/place-keys.ts) → rows (src/geo/lookup-index.ts)
// Run after `npm run build` (it uses the compiled region lexicon and transliteration).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { from: { type: "string" }, help: { type: "boolean" } } });
if (values.help) {
  console.log("Usage: npm run gazetteer:build [-- --from DIR]   (DIR defaults to ../shared/gazetteer)");
  process.exit(0);
}
const from = resolve(values.from ?? join(root, "..", "shared", "gazetteer"));
const out = join(root, "data", "gazetteer");
mkdirSync(out, { recursive: true });
const { regionLexicon } = await import(join(root, "dist/geo/region-lexicon.js"));
const { findRegionMentions } = await import(join(root, "dist/extract/places.js"));
const { tokenize } = await import(join(root, "dist/extract/text/tokens.js"));
const { transliterate } = await import(join(root, "dist/extract/transliterate.js"));
const { placeKeys, exactKey } = await import(join(root, "dist/geo/place-keys.js"));
const { encodeColumns } = await import(join(root, "dist/geo/settlement-columns.js"));
const { encodeIndex } = await import(join(root, "dist/geo/lookup-index.js"));
const { RegionLocator } = await import(join(root, "dist/geo/regions.js"));
const { UA_ADMIN1 } = await import("./geonames-codes.mjs");
const log = (...a) => console.error("gazetteer:", ...a);
const started = Date.now();

// ---------- regions
const ringArea = (ring) => {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
  return a / 2;
};
const polygonsOf = (geometry) => (geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates]);

/** Douglas–Peucker on one ring, in degrees. */
function simplifyRing(ring, tolerance) {
  if (ring.length <= 8) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  const stack = [[0, ring.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    let maxD = 0;
    let index = -1;
    const [x1, y1] = ring[a];
    const [x2, y2] = ring[b];
    const dx = x2 - x1;
    const dy = y2 - y1;
    const len = Math.hypot(dx, dy) || 1e-12;
    for (let i = a + 1; i < b; i++) {
      const d = Math.abs(dy * ring[i][0] - dx * ring[i][1] + x2 * y1 - y2 * x1) / len;
      if (d > maxD) {
        maxD = d;
        index = i;
      }
    }
    if (maxD > tolerance && index > 0) {
      keep[index] = 1;
      stack.push([a, index], [index, b]);
    }
  }
  const outRing = ring.filter((_, i) => keep[i]).map(([x, y]) => [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4]);
  return outRing.length >= 4 ? outRing : ring;
}

const features = [];
for (const file of ["geoboundaries-RU-ADM1.geojson", "geoboundaries-UA-ADM1.geojson"]) {
  for (const f of JSON.parse(readFileSync(join(from, file), "utf8")).features) features.push(f);
}
const lexicon = regionLexicon();
const regions = [];
for (const f of features) {
  const iso = f.properties.shapeISO;
  const info = lexicon.regions.get(iso);
  if (!info) throw new Error(`geoBoundaries region ${iso} (${f.properties.shapeName}) is not in data/regions.tsv`);
  const polys = polygonsOf(f.geometry);
  const tolerance = iso.startsWith("RU") ? 0.004 : 0.001;
  const simplified = polys.map((p) => p.map((ring) => simplifyRing(ring, tolerance)));
  // Centroid of the largest polygon's outer ring.
  const largest = polys.reduce((a, b) => (Math.abs(ringArea(b[0])) > Math.abs(ringArea(a[0])) ? b : a))[0];
  let cx = 0;
  let cy = 0;
  let area = 0;
  for (let i = 0, j = largest.length - 1; i < largest.length; j = i++) {
    const cross = largest[j][0] * largest[i][1] - largest[i][0] * largest[j][1];
    cx += (largest[j][0] + largest[i][0]) * cross;
    cy += (largest[j][1] + largest[i][1]) * cross;
    area += cross;
  }
  regions.push({ iso, info, raw: polys, simplified, centroid: [cx / (3 * area), cy / (3 * area)] });
}
const lexIsos = [...lexicon.regions.keys()];
const missing = lexIsos.filter((iso) => !regions.some((r) => r.iso === iso));
if (missing.length) log(`no polygon for ${missing.join(", ")} (kept without one)`);

// Neighbours: regions whose boundary vertices come within ~3 km of each other (raw polygons).
const CELL = 0.05;
const grid = new Map();
for (const r of regions) {
  for (const poly of r.raw)
    for (const ring of poly)
      for (const [x, y] of ring) {
        const key = `${Math.floor(x / CELL)},${Math.floor(y / CELL)}`;
        let set = grid.get(key);
        if (!set) {
          set = new Map();
          grid.set(key, set);
        }
        if (!set.has(r.iso)) set.set(r.iso, []);
        set.get(r.iso).push([x, y]);
      }
}
const neighbours = new Map(regions.map((r) => [r.iso, new Set()]));
const NEAR = 0.03;
for (const [key, byIso] of grid) {
  if (byIso.size < 1) continue;
  const [gx, gy] = key.split(",").map(Number);
  for (const [isoA, ptsA] of byIso) {
    for (let ox = -1; ox <= 1; ox++)
      for (let oy = -1; oy <= 1; oy++) {
        const other = grid.get(`${gx + ox},${gy + oy}`);
        if (!other) continue;
        for (const [isoB, ptsB] of other) {
          if (isoB === isoA || neighbours.get(isoA).has(isoB)) continue;
          if (ptsA.some(([x1, y1]) => ptsB.some(([x2, y2]) => Math.abs(x1 - x2) < NEAR && Math.abs(y1 - y2) < NEAR))) {
            neighbours.get(isoA).add(isoB);
            neighbours.get(isoB).add(isoA);
          }
        }
      }
  }
}
// Borders with Belarus: there is no Belarus polygon in the sources, so a Russian region borders
// Belarus when part of its outline touches no other region and lies in Belarus's extent.
const BELARUS = { minLon: 23.1, maxLon: 32.8, minLat: 51.2, maxLat: 56.15 };
function touchesBelarus(r) {
  if (!r.iso.startsWith("RU")) return false;
  for (const poly of r.raw)
    for (const ring of poly)
      for (const [x, y] of ring) {
        if (x < BELARUS.minLon || x > BELARUS.maxLon || y < BELARUS.minLat || y > BELARUS.maxLat) continue;
        const key = `${Math.floor(x / CELL)},${Math.floor(y / CELL)}`;
        let alone = true;
        for (let ox = -1; ox <= 1 && alone; ox++)
          for (let oy = -1; oy <= 1 && alone; oy++) {
            const cell = grid.get(`${Math.floor(x / CELL) + ox},${Math.floor(y / CELL) + oy}`);
            if (!cell) continue;
            for (const [iso, pts] of cell)
              if (iso !== r.iso && pts.some(([a, b]) => Math.abs(a - x) < NEAR && Math.abs(b - y) < NEAR)) alone = false;
          }
        if (alone && key) return true;
      }
  return false;
}
const haversineKm = ([lon1, lat1], [lon2, lat2]) => {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
};
const MOSCOW = [37.6173, 55.7558];
const KYIV = [30.5234, 50.4501];
const regionRecords = regions
  .map((r) => {
    const ns = [...neighbours.get(r.iso)].sort();
    return {
      iso: r.iso,
      country: r.info.country,
      name: r.info.name,
      capital: r.info.capital,
      centroid: r.centroid.map((v) => Math.round(v * 1e4) / 1e4),
      neighbours: ns,
      bordersUkraine: r.iso.startsWith("RU") && ns.some((n) => n.startsWith("UA")),
      bordersBelarus: touchesBelarus(r),
      distanceToMoscowKm: Math.round(haversineKm(r.centroid, MOSCOW)),
      distanceToKyivKm: Math.round(haversineKm(r.centroid, KYIV)),
    };
  })
  .sort((a, b) => a.iso.localeCompare(b.iso));
writeFileSync(
  join(out, "regions.json"),
  `${JSON.stringify({ about: "Admin-1 regions: see data/gazetteer/LICENSE.md for sources.", regions: regionRecords }, null, 1)}\n`,
);
writeFileSync(
  join(out, "regions.geojson"),
  JSON.stringify({
    type: "FeatureCollection",
    features: regions.map((r) => ({
      type: "Feature",
      properties: { iso: r.iso, name: r.info.name, country: r.info.country },
      geometry: { type: "MultiPolygon", coordinates: r.simplified },
    })),
  }),
);
log(
  `${regionRecords.length} regions; bordering Ukraine: ${regionRecords
    .filter((r) => r.bordersUkraine)
    .map((r) => r.iso)
    .join(" ")}; Belarus: ${regionRecords
    .filter((r) => r.bordersBelarus)
    .map((r) => r.iso)
    .join(" ")}`,
);

// ---------- settlements
const locator = new RegionLocator({
  type: "FeatureCollection",
  features: regions.map((r) => ({ properties: { iso: r.iso }, geometry: { type: "MultiPolygon", coordinates: r.raw } })),
});
const centroidOf = new Map(regionRecords.map((r) => [r.iso, r.centroid]));
let misplaced = 0;

const UA_POSTAL_STATE = {
  Cherkaska: "UA-71",
  Chernihivska: "UA-74",
  Chernivetska: "UA-77",
  Dnipropetrovska: "UA-12",
  Donetska: "UA-14",
  "Ivano-Frankivska": "UA-26",
  Kharkivska: "UA-63",
  Khersonska: "UA-65",
  Khmelnytska: "UA-68",
  Kirovohradska: "UA-35",
  Kyiv: "UA-30",
  Kyivska: "UA-32",
  Luhanska: "UA-09",
  Lvivska: "UA-46",
  Mykolaivska: "UA-48",
  Odeska: "UA-51",
  Poltavska: "UA-53",
  Rivnenska: "UA-56",
  Sumska: "UA-59",
  Ternopilska: "UA-61",
  Vinnytska: "UA-05",
  Volynska: "UA-07",
  Zakarpatska: "UA-21",
  Zaporizka: "UA-23",
  Zhytomyrska: "UA-18",
};
const RU_STATE_RENAMED = {
  "Читинская Область": "RU-ZAB",
  "Камчатская Область": "RU-KAM",
  "Саха (Якутия) Республика": "RU-SA",
  "Северная Осетия-Алания Республика": "RU-SE",
};
const ruStateIso = new Map();
function isoOfRussianState(state) {
  if (ruStateIso.has(state)) return ruStateIso.get(state);
  let iso = RU_STATE_RENAMED[state] ?? null;
  if (!iso && state) {
    // "Белгородская Область" → "Белгородская область": the extractor's own region reader.
    const text = state
      .replace(/ Область$/, " область")
      .replace(/ Край$/, " край")
      .replace(/^(.*) Республика$/, "Республика $1");
    let g = 0;
    const mentions = findRegionMentions(tokenize(text, "ru"), text, () => ++g);
    iso = mentions[0]?.regions[0] ?? null;
  }
  ruStateIso.set(state, iso);
  if (!iso && state) log(`postal state '${state}' matches no region; its places are skipped`);
  return iso;
}
const admin2 = new Map();
for (const line of readFileSync(join(from, "admin2Codes_RU_UA.txt"), "utf8").split("\n")) {
  const [code, name] = line.split("\t");
  if (code) admin2.set(code, name);
}
const CYR = /[\u0400-\u04ff]/;
const clean = (s) => s.replace(/[\u0301\u0300]/g, "").trim();
// Names by the rules of src/geo/place-names.ts (GeoNames' alternates carry no language flags).
const { cyrillicNameForms, chooseUkrainianName, chooseRussianName, isFarForm } = await import(join(root, "dist/geo/place-names.js"));
const geonames = readFileSync(join(from, "geonames-UA.txt"), "utf8")
  .split("\n")
  .map((line) => line.split("\t"))
  .filter((c) => c.length >= 19);
// Populations: a city's own row can be far below its city council's (Kherson 66,000 against the
// council's 326,964), so a town takes its council's figure when its own is less than half of it.
const councilPopulation = new Map();
for (const c of geonames) {
  if (c[6] !== "A" || !/(mis'?krada|міськрада|міська рада|городской совет)/iu.test(c[3])) continue;
  const base = c[1].replace(/ (Raion|Miskrada|Mis'krada|City Council|Municipality)$/i, "").toLowerCase();
  const list = councilPopulation.get(base) ?? [];
  list.push({ lat: Number(c[4]), lon: Number(c[5]), population: Number(c[14]) || 0 });
  councilPopulation.set(base, list);
}
const nearKm = (lat1, lon1, lat2, lon2) => Math.hypot((lat1 - lat2) * 111, (lon1 - lon2) * 111 * Math.cos((lat1 * Math.PI) / 180));
const TOWN = new Set(["PPLC", "PPLA", "PPLA2", "PPLA3"]);
// Names set by hand where the rules cannot choose (data/gazetteer/names.tsv).
const nameOverrides = new Map();
for (const line of readFileSync(join(root, "data", "gazetteer", "names.tsv"), "utf8").split("\n")) {
  if (!line.trim() || line.startsWith("#")) continue;
  const [id, ru, uk] = line.split("\t");
  nameOverrides.set(Number(id), { ru: ru?.trim() ?? "", uk: uk?.trim() ?? "" });
}
const settlements = [];
let skipped = 0;
let councilFixed = 0;
for (const c of geonames) {
  if (c[6] !== "P" || c[7] === "PPLH" || c[7] === "PPLQ") continue;
  const iso = UA_ADMIN1[c[10]];
  if (!iso) {
    skipped++;
    continue;
  }
  const alternates = (c[3] ? c[3].split(",") : []).map(clean).filter(Boolean);
  const forms = cyrillicNameForms(alternates);
  const override = nameOverrides.get(Number(c[0]));
  const uk = override?.uk || chooseUkrainianName(c[1], c[2], forms);
  const ru = override?.ru || chooseRussianName(uk, forms, c[1]);
  const latin = alternates.filter((a) => !CYR.test(a) && /^[\p{Script=Latin}\s'’.-]+$/u.test(a) && a !== c[1]);
  let population = Number(c[14]) || 0;
  const lat = Number(c[4]);
  const lon = Number(c[5]);
  if (TOWN.has(c[7])) {
    const council = (councilPopulation.get(c[1].toLowerCase()) ?? []).find((k) => nearKm(lat, lon, k.lat, k.lon) < 15);
    if (council && population * 2 < council.population) {
      population = council.population;
      councilFixed++;
    }
  }
  // Every other Cyrillic form stays findable (case forms, spellings, former names), the names
  // shown are only the two chosen; "far" forms (former names) come after the near ones.
  const others = forms.filter((a) => a !== ru && a !== uk);
  const near = others.filter((a) => !isFarForm(a, uk, ru));
  const far = others.filter((a) => isFarForm(a, uk, ru));
  settlements.push({
    id: Number(c[0]),
    name: c[1],
    ru,
    uk,
    iso,
    district: admin2.get(`UA.${c[10]}.${c[11]}`) ?? "",
    lat,
    lon,
    population,
    feature: c[7],
    alt: [...new Set([c[2], ...latin.slice(0, 4), ...near])].filter((a) => a && a !== c[1]),
    former: far,
  });
}
// The same town twice (Kryvyi Rih as PPLA2 of 603,904 and as a PPL of 0 within 5 km): one row,
// with the larger population.
{
  const rank = (s) => ({ PPLC: 5, PPLA: 4, PPLA2: 3, PPLA3: 2 })[s.feature] ?? 1;
  const byName = new Map();
  for (const s of settlements) {
    if (s.feature === "PPLX") continue;
    const list = byName.get(`${s.iso}|${s.name}`) ?? [];
    list.push(s);
    byName.set(`${s.iso}|${s.name}`, list);
  }
  const drop = new Set();
  for (const list of byName.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => rank(b) - rank(a) || b.population - a.population);
    const town = list[0];
    if (!TOWN.has(town.feature)) continue;
    for (const other of list.slice(1)) {
      if (other.feature !== "PPL" || other.population * 10 > town.population) continue;
      if (nearKm(town.lat, town.lon, other.lat, other.lon) >= 5) continue;
      town.alt = [
        ...new Set([
          ...town.alt,
          ...[other.ru, other.uk, ...other.alt].filter((n) => n && n !== town.name && n !== town.ru && n !== town.uk),
        ]),
      ];
      drop.add(other);
    }
  }
  if (drop.size) {
    const kept = settlements.filter((s) => !drop.has(s));
    settlements.length = 0;
    settlements.push(...kept);
  }
  log(`${drop.size} duplicate rows of towns merged; ${councilFixed} town populations taken from their city council`);
}
const seen = new Set(settlements.map((s) => `${s.iso}|${(s.uk || s.ru || s.name).toLowerCase()}|${s.lat.toFixed(2)}|${s.lon.toFixed(2)}`));
const seenName = new Set(
  settlements.flatMap((s) => [s.uk, s.ru].filter(Boolean).map((n) => `${s.iso}|${n.toLowerCase().replace(/ё/g, "е")}`)),
);
let postalId = 0;
// Regional capitals by the lexicon's capital columns (data/regions.tsv): English, Russian, Ukrainian.
const capitalNames = new Map();
for (const line of readFileSync(join(root, "data", "regions.tsv"), "utf8").split("\n")) {
  if (!line.trim() || line.startsWith("#")) continue;
  const [iso, , , en, ru, uk, ruCapital, ukCapital] = line.split("\t").map((v) => (v ?? "").trim());
  const first = (cell) =>
    (cell ?? "")
      .split(";")
      .map((v) => v.trim())
      .filter(Boolean)[0] ?? "";
  // City-regions (Moscow, Saint Petersburg, Kyiv, Sevastopol) have their city names in the capital columns.
  if (first(ruCapital)) capitalNames.set(iso, { en: first(en), ru: first(ruCapital) || first(ru), uk: first(ukCapital) || first(uk) });
}
const sameRu = (a, b) => a.toLowerCase().replace(/ё/g, "е") === b.toLowerCase().replace(/ё/g, "е");
const { districtKey } = await import(join(root, "dist/geo/gazetteer.js"));
const { skeleton: skeletonOf } = await import(join(root, "dist/geo/place-keys.js"));
function addPostal(country, file) {
  const lines = readFileSync(join(from, file), "utf8").split("\n").slice(1);
  // Post offices per place ("Белгород", "Белгород 1" … "Белгород 42"): a town has many, a village one.
  const offices = new Map();
  const perState = new Map();
  for (const line of lines) {
    const c = line.split(",");
    if (c.length < 11 || !c[2]) continue;
    const k = `${c[3]}|${clean(c[2].replace(/\s+\d+$/, "")).toLowerCase()}`;
    perState.set(k, (perState.get(k) ?? 0) + 1);
  }
  // "Москва-Гцмпп", "Нижний Новгород-Дти": a city's sorting offices, named by an abbreviation after a
  // hyphen; they are the city (a base with five or more offices of its own), not places.
  const placeOf = (c) => {
    // "Ростов-На-Дону" → "Ростов-на-Дону": the postal file capitalises every part.
    const place = clean(c[2].replace(/\s+\d+$/, "")).replace(/-(На|Над|Под|При|У)-/gu, (m) => m.toLowerCase());
    const office = /^(.+)-\p{L}{2,5}$/u.exec(place);
    if (office && (perState.get(`${c[3]}|${office[1].toLowerCase()}`) ?? 0) >= 5) return office[1];
    return place;
  };
  for (const line of lines) {
    const c = line.split(",");
    if (c.length < 11 || !c[2]) continue;
    const key = `${c[3]}|${placeOf(c).toLowerCase()}|${c[5].toLowerCase()}`;
    offices.set(key, (offices.get(key) ?? 0) + 1);
  }
  let added = 0;
  const first = settlements.length;
  const officesOf = new Map();
  for (const line of lines) {
    const c = line.split(",");
    if (c.length < 11 || !c[2]) continue;
    const iso = country === "UA" ? UA_POSTAL_STATE[c[3]] : isoOfRussianState(c[3]);
    if (!iso) continue;
    // "Майкоп 1", "Грайворон 22": numbered post offices of one place.
    const place = placeOf(c);
    const lat = Number(c[9]);
    const lon = Number(c[10]);
    const byName = `${iso}|${place.toLowerCase().replace(/ё/g, "е")}`;
    const key = `${iso}|${place.toLowerCase()}|${lat.toFixed(2)}|${lon.toFixed(2)}`;
    if (seen.has(key) || (country === "UA" && seenName.has(byName))) continue;
    // The same name in the same district is one place whatever the post office's coordinates.
    const districtKey = `${byName}|${c[5].toLowerCase()}`;
    if (seen.has(districtKey)) continue;
    seen.add(key);
    seen.add(districtKey);
    const isUk = country === "UA";
    // Postal rows often carry wrong coordinates; outside their own region they are useless,
    // so the place keeps its name but is put at the region's centroid (feature POSTX).
    const where = locator.regionAt(lat, lon);
    const suspect = where !== null && where !== iso;
    if (suspect) misplaced++;
    const [clon, clat] = centroidOf.get(iso) ?? [lon, lat];
    const s = {
      id: -++postalId,
      name: transliterate(place, isUk ? "uk" : "ru"),
      ru: isUk ? "" : place,
      uk: isUk ? place : "",
      iso,
      district: c[5] ? c[5].toLowerCase().replace(/(^|[\s-])\p{L}/gu, (m) => m.toUpperCase()) : "",
      lat: suspect ? clat : lat,
      lon: suspect ? clon : lon,
      population: 0,
      feature: suspect ? "POSTX" : "POST",
      alt: [],
    };
    officesOf.set(s, offices.get(`${c[3]}|${place.toLowerCase()}|${c[5].toLowerCase()}`) ?? 1);
    settlements.push(s);
    added++;
  }
  if (country === "RU") rankRussianPostal(settlements.slice(first), officesOf);
  return added;
}
/**
 * Russian postal places have no population, so their rank is read from the data: the regional
 * capital (data/regions.tsv) is PPLA and takes its English and Ukrainian names from there; the place
 * a district is named after (Климово of Климовский район) and any place with five or more post
 * offices (a town) is PPLA2. A district town then ranks above a hamlet of the same name elsewhere.
 */
function rankRussianPostal(rows, officesOf) {
  const byDistrict = new Map();
  let capitals = 0;
  let districtTowns = 0;
  for (const s of rows) {
    const capital = capitalNames.get(s.iso);
    // A capital whose post office has another place's coordinates (Владимир at Иркутская область's
    // Владимир) stays at its region's centroid, but is still the capital.
    if (capital && sameRu(capital.ru, s.ru) && !capital.done) {
      capital.done = true;
      s.feature = "PPLA";
      if (capital.en && capital.en !== s.name) {
        s.alt.push(s.name);
        s.name = capital.en;
      }
      if (capital.uk) s.uk = capital.uk;
      capitals++;
      continue;
    }
    if (s.feature === "POSTX") continue;
    if ((officesOf.get(s) ?? 1) >= 5) {
      s.feature = "PPLA2";
      districtTowns++;
      continue;
    }
    if (!s.district) continue;
    const list = byDistrict.get(`${s.iso}|${s.district}`) ?? [];
    list.push(s);
    byDistrict.set(`${s.iso}|${s.district}`, list);
  }
  for (const [key, list] of byDistrict) {
    const base = districtKey(key.split("|")[1]).replace(/sk$/, "");
    if (base.length < 3) continue;
    const named = list.filter((s) => {
      const sk = skeletonOf(s.ru);
      return sk.startsWith(base) && sk.length - base.length <= 3;
    });
    if (!named.length) continue;
    named.sort((a, b) => (officesOf.get(b) ?? 1) - (officesOf.get(a) ?? 1) || a.ru.length - b.ru.length);
    named[0].feature = "PPLA2";
    districtTowns++;
  }
  log(
    `Russian postal places: ${capitals} regional capitals (PPLA), ${districtTowns} district towns and towns of five or more post offices (PPLA2)`,
  );
}
const ruAdded = addPostal("RU", "geonames-postal-RU.csv");
const uaAdded = addPostal("UA", "geonames-postal-UA.csv");
// Former and other far names (Александровск of Zaporizhzhia, Артемовск of Bakhmut) stay findable
// unless another place bears that name today: then they would take its lookups (a city outranks
// a village of the same name), so they are left out.
{
  const current = new Set(settlements.flatMap((s) => [s.name, s.ru, s.uk].filter(Boolean).map((n) => exactKey(n))));
  let dropped = 0;
  for (const s of settlements) {
    if (!s.former) continue;
    for (const name of s.former) {
      if (current.has(exactKey(name))) dropped++;
      else s.alt.push(name);
    }
    delete s.former;
  }
  log(`${dropped} former names left out of the index: other places bear them today`);
}
log(`${misplaced} postal places lay outside their own region: kept by name at the region's centroid (feature POSTX)`);
log(
  `${settlements.length} settlements (GeoNames UA ${settlements.length - ruAdded - uaAdded}, postal RU ${ruAdded}, postal UA ${uaAdded}; ${skipped} UA rows without admin-1 skipped)`,
);

// Rows in order of their names' romanised skeletons: the places a name finds (dozens of Ivanovkas)
// sit next to each other, so that a lookup reads a few stretches of memory instead of scattered rows.
const { skeleton } = await import(join(root, "dist/geo/place-keys.js"));
const orderKey = new Map(settlements.map((s) => [s, skeleton(s.name)]));
settlements.sort((a, b) => {
  const x = orderKey.get(a);
  const y = orderKey.get(b);
  return x < y ? -1 : x > y ? 1 : a.iso < b.iso ? -1 : a.iso > b.iso ? 1 : a.id - b.id;
});
const header = "# row\tid\tname\tname_ru\tname_uk\tadmin1\tdistrict\tlat\tlon\tpopulation\tfeature\talternate_names";
const rows = settlements.map((s, row) =>
  [row, s.id, s.name, s.ru, s.uk, s.iso, s.district, s.lat.toFixed(4), s.lon.toFixed(4), s.population, s.feature, s.alt.join("|")]
    .map((v) => String(v).replace(/[\t\n]/g, " "))
    .join("\t"),
);
const tsv = `${header}\n${rows.join("\n")}\n`;
const gz = gzipSync(tsv, { level: 9 });
writeFileSync(join(out, "settlements.tsv.gz"), gz);
// What lookups score rows by, as typed arrays (src/geo/settlement-columns.ts).
const columnsGz = gzipSync(
  encodeColumns(
    settlements.map((s) => ({
      id: s.id,
      region: s.iso,
      feature: s.feature,
      population: s.population,
      lat: Number(s.lat.toFixed(4)),
      lon: Number(s.lon.toFixed(4)),
      exactNames: [s.name, s.ru, s.uk].map((n) => (n ? exactKey(n) : "")),
    })),
  ),
  { level: 9 },
);
writeFileSync(join(out, "columns.bin.gz"), columnsGz);
// The lookup index (keys of src/geo/place-keys.ts → row numbers), computed once here and sorted,
// so that loading needs no hashing: lookups are binary searches.
const postings = new Map();
settlements.forEach((s, row) => {
  for (const key of placeKeys([s.name, s.ru, s.uk, ...s.alt])) {
    const list = postings.get(key);
    if (list) list.push(row);
    else postings.set(key, [row]);
  }
});
const indexGz = gzipSync(encodeIndex(postings), { level: 9 });
writeFileSync(join(out, "index.bin.gz"), indexGz);
log(
  `settlements.tsv.gz ${(gz.length / 1024 / 1024).toFixed(2)} MB, columns.bin.gz ${(columnsGz.length / 1024 / 1024).toFixed(2)} MB, index.bin.gz ${(indexGz.length / 1024 / 1024).toFixed(2)} MB (${postings.size} keys); done in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
