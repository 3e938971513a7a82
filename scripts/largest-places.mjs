// The 200 largest places of each country in the built gazetteer, for the names check
// (scripts/check-gazetteer.mjs, data/gazetteer/expected-names.tsv):
//   UA: GeoNames populated places by population (city sections, PPLX, left out);
//   RU: the postal places with the most post offices in geonames-postal-RU.csv ("Белгород",
//       "Белгород 1" … count as one place), as Russian rows have no population.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const plain = (s) => s.toLowerCase().replace(/ё/g, "е");

/** Rows of `g` (a loaded Gazetteer): { country, key, settlement } with key "geonameid" (UA) or "region|ru name" (RU). */
export function largestPlaces(g, from, count = 200) {
  const all = g.settlements;
  const ua = all
    .filter((s) => s.region.startsWith("UA") && s.id > 0 && s.feature !== "PPLX")
    .sort((a, b) => b.population - a.population || a.id - b.id)
    .slice(0, count)
    .map((s) => ({ country: "UA", key: String(s.id), settlement: s }));
  const offices = new Map();
  for (const line of readFileSync(join(from, "geonames-postal-RU.csv"), "utf8").split("\n").slice(1)) {
    const c = line.split(",");
    if (c.length < 11 || !c[2]) continue;
    const place = c[2]
      .replace(/\s+\d+$/, "")
      .replace(/[\u0301\u0300]/g, "")
      .trim();
    const k = `${place}|${Number(c[9]).toFixed(1)}|${Number(c[10]).toFixed(1)}`;
    offices.set(k, (offices.get(k) ?? 0) + 1);
  }
  const byName = new Map();
  for (const s of all) {
    if (!s.region.startsWith("RU") || !s.nameRu) continue;
    const list = byName.get(plain(s.nameRu)) ?? [];
    list.push(s);
    byName.set(plain(s.nameRu), list);
  }
  const ru = [];
  const taken = new Set();
  for (const [k] of [...offices].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    if (ru.length >= count) break;
    const [place, lat, lon] = k.split("|");
    const s = (byName.get(plain(place)) ?? []).find(
      (x) => Math.abs(x.lat - Number(lat)) <= 0.06 && Math.abs(x.lon - Number(lon)) <= 0.06 && !taken.has(x),
    );
    if (!s) continue; // an office name, not a place ("Москва-Гцмпп"), or a place put at its region's centroid
    taken.add(s);
    ru.push({ country: "RU", key: `${s.region}|${s.nameRu}`, settlement: s });
  }
  return [...ua, ...ru];
}
