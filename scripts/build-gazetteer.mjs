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
const UK_LETTERS = /[іїєґІЇЄҐ]/;
const RU_LETTERS = /[ыэъёЫЭЪЁ]/;
const clean = (s) => s.replace(/[\u0301\u0300]/g, "").trim();
const settlements = [];
let skipped = 0;
for (const line of readFileSync(join(from, "geonames-UA.txt"), "utf8").split("\n")) {
  const c = line.split("\t");
  if (c.length < 19 || c[6] !== "P" || c[7] === "PPLH" || c[7] === "PPLQ") continue;
  const iso = UA_ADMIN1[c[10]];
  if (!iso) {
    skipped++;
    continue;
  }
  const alternates = (c[3] ? c[3].split(",") : []).map(clean).filter(Boolean);
  const cyrillic = alternates.filter((a) => CYR.test(a));
  const uk = cyrillic.find((a) => UK_LETTERS.test(a)) ?? cyrillic.find((a) => !RU_LETTERS.test(a)) ?? "";
  const ru =
    cyrillic.find((a) => RU_LETTERS.test(a)) ??
    cyrillic.find((a) => !UK_LETTERS.test(a) && a !== uk) ??
    cyrillic.find((a) => !UK_LETTERS.test(a)) ??
    "";
  const latin = alternates.filter((a) => !CYR.test(a) && /^[\p{Script=Latin}\s'’.-]+$/u.test(a) && a !== c[1]);
  settlements.push({
    id: Number(c[0]),
    name: c[1],
    ru,
    uk,
    iso,
    district: admin2.get(`UA.${c[10]}.${c[11]}`) ?? "",
    lat: Number(c[4]),
    lon: Number(c[5]),
    population: Number(c[14]) || 0,
    feature: c[7],
    alt: [...new Set([c[2], ...latin.slice(0, 4), ...cyrillic.filter((a) => a !== ru && a !== uk).slice(0, 3)])].filter(
      (a) => a && a !== c[1],
    ),
  });
}
const seen = new Set(settlements.map((s) => `${s.iso}|${(s.uk || s.ru || s.name).toLowerCase()}|${s.lat.toFixed(2)}|${s.lon.toFixed(2)}`));
const seenName = new Set(
  settlements.flatMap((s) => [s.uk, s.ru].filter(Boolean).map((n) => `${s.iso}|${n.toLowerCase().replace(/ё/g, "е")}`)),
);
let postalId = 0;
function addPostal(country, file) {
  const lines = readFileSync(join(from, file), "utf8").split("\n").slice(1);
  let added = 0;
  for (const line of lines) {
    const c = line.split(",");
    if (c.length < 11 || !c[2]) continue;
    const iso = country === "UA" ? UA_POSTAL_STATE[c[3]] : isoOfRussianState(c[3]);
    if (!iso) continue;
    // "Майкоп 1", "Грайворон 22": numbered post offices of one place.
    const place = clean(c[2].replace(/\s+\d+$/, ""));
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
    settlements.push({
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
    });
    added++;
  }
  return added;
}
const ruAdded = addPostal("RU", "geonames-postal-RU.csv");
const uaAdded = addPostal("UA", "geonames-postal-UA.csv");
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
