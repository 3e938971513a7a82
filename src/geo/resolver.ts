// The gazetteer as the extractor's PlaceResolver.

import type { PlaceResolver, RegionClaims, ResolvedPlace } from "../extract/place-resolver.js";
import type { LanguageCode } from "../model/incident.js";
import { defaultGazetteer, type Gazetteer, loadGazetteer } from "./gazetteer.js";
import { readLocalPlaces } from "./local-places.js";

export function gazetteerResolver(g: Gazetteer): PlaceResolver {
  // Answers by region hint, then by name: a lookup needs no concatenated key.
  const memo = new Map<string, Map<string, ResolvedPlace | null>>();
  let remembered = 0;
  return {
    findSettlement(name: string, regionHint: string | null, _language: LanguageCode): ResolvedPlace | null {
      let inRegion = memo.get(regionHint ?? "");
      const cached = inRegion?.get(name);
      if (cached !== undefined) return cached;
      const candidates = g.resolvePlace(name, { region: regionHint, limit: 5 }).filter((c) => c.precision === "settlement");
      // A section of a town (GeoNames PPLX) is no settlement (guide): "в городе Курчатове" is the town Kurchatov
      // (its locative), not the quarter Kurchatove that the form spells exactly.
      const strong = (m: string) => m === "exact" || m === "stem";
      // (Inside the region in question a section stays: Sevastopol's Liubymivka.)
      const section = candidates[0]?.settlement?.feature === "PPLX" && candidates[0].settlement.region !== regionHint;
      const town = section ? candidates.find((c) => c.settlement?.feature !== "PPLX" && strong(c.match)) : undefined;
      const best = town ?? candidates[0];
      const s = best?.settlement;
      const found: ResolvedPlace | null =
        best && s
          ? {
              name: s.name,
              region: s.region,
              lat: s.lat,
              lon: s.lon,
              geonameid: s.id > 0 ? s.id : null,
              population: s.population,
              approximate: s.feature === "POSTX",
              match: best.match,
              // Unique among answers as good: an exact name is not made ambiguous by another name's case form,
              // nor a town of 15,000 by a hamlet of the same name elsewhere (Bilopillia, Sumy Oblast).
              // Nor by a section of a town (GeoNames PPLX): "жители Курчатова" is the town Kurchatov, not a quarter Kurchatove.
              unique: !candidates.some(
                (c) =>
                  c.region !== best.region &&
                  c.settlement?.feature !== "PPLX" &&
                  (best.match === "exact" ? c.match === "exact" : strong(c.match)) &&
                  !(s.population >= 5000 && (c.settlement?.population ?? 0) * 20 <= s.population) &&
                  !(isProminent(s) && isMinor(c.settlement)),
              ),
            }
          : null;
      if (remembered > 20_000) {
        memo.clear();
        remembered = 0;
        inRegion = undefined;
      }
      if (!inRegion) {
        inRegion = new Map();
        memo.set(regionHint ?? "", inRegion);
      }
      inRegion.set(name, found);
      remembered++;
      return found;
    },
    districtRegion: (adjective: string) => g.districtRegion(adjective),
    searchSettlements(name: string) {
      const found = g.resolvePlace(name, { limit: 25 }).filter((c) => c.settlement && c.match !== "near");
      for (const match of ["exact", "stem", "spelling"]) {
        const same = found.filter((c) => c.match === match);
        // Those ranked near the best: every Климово (district town and villages), not the hamlet
        // Kharkove beside Kharkiv for "Харкові" or the village Kyiv beside the capital for "Киев".
        const best = same.filter((c) => c.score >= (same[0]?.score ?? 0) - 0.25);
        if (best.length)
          return best.map(({ settlement: s }) => ({
            name: s?.name ?? "",
            nameRu: s?.nameRu || null,
            nameUk: s?.nameUk || null,
            region: s?.region ?? "",
          }));
      }
      return [];
    },
    localNames(name: string, region: string | null) {
      const s = g.resolvePlace(name, { region, limit: 3 }).find((c) => c.match === "exact" && c.settlement)?.settlement;
      return s ? { ru: s.nameRu || null, uk: s.nameUk || null } : null;
    },
    regionsWithin: (lat: number, lon: number, radiusKm: number) => g.regionsWithin(lat, lon, radiusKm),
    regionCentre(iso: string) {
      const r = g.regionFacts(iso);
      return r ? { lat: r.centroid[1], lon: r.centroid[0] } : null;
    },
    regionClaims(iso: string): RegionClaims | null {
      const r = g.regionFacts(iso);
      if (!r) return null;
      return {
        name: r.name,
        bordersUkraine: r.bordersUkraine,
        bordersRussia: r.country === "UA" && r.neighbours.some((n) => n.startsWith("RU")),
      };
    },
  };
}

// Russian postal places carry no population, so size is read from rank: a capital or district town
// (Коломна) is the place meant over a village of the same name elsewhere (Коломно, a post office in
// Tver Oblast), as a town of 5,000 is over a hamlet.
const ADMIN_CENTRES = new Set(["PPLC", "PPLA", "PPLA2"]);
const isProminent = (s: { feature: string; population: number }) => ADMIN_CENTRES.has(s.feature) || s.population >= 5000;
const isMinor = (s: { feature: string; population: number } | undefined) => !!s && !ADMIN_CENTRES.has(s.feature) && s.population < 2000;

let shared: PlaceResolver | undefined;
const withLocal = new Map<string, PlaceResolver>();

/**
 * The resolver over the shipped gazetteer (loaded on first use, then shared: it is read-only),
 * plus the places users added in `dataDir` (skywatch place add), when there are any.
 */
export function defaultPlaceResolver(dataDir?: string): PlaceResolver {
  const local = dataDir ? readLocalPlaces(dataDir) : [];
  if (!local.length) {
    shared ??= gazetteerResolver(defaultGazetteer());
    return shared;
  }
  const key = `${dataDir}|${JSON.stringify(local)}`;
  let resolver = withLocal.get(key);
  if (!resolver) {
    resolver = gazetteerResolver(loadGazetteer(local));
    withLocal.set(key, resolver);
  }
  return resolver;
}
