// What the extractor asks of a gazetteer. The extractor depends on this small interface, not
// on the gazetteer's data, so it runs (region level only) without one and tests can stub it.
import type { LanguageCode } from "../model/incident.js";

export interface ResolvedPlace {
  /** Canonical Latin name. */
  name: string;
  region: string;
  lat: number;
  lon: number;
  /** GeoNames id, when the place has one. */
  geonameid: number | null;
  population: number;
  /** Only the region is known for sure (the source's coordinates were wrong). */
  approximate: boolean;
  /** How the name matched the text. */
  match: "exact" | "stem" | "spelling" | "near" | "region";
  /** No settlement of another region answers to the name as well. */
  unique: boolean;
}

export interface RegionClaims {
  bordersUkraine: boolean;
  /** Ukrainian regions: whether they border Russia. */
  bordersRussia: boolean;
  name: string;
}

export interface PlaceResolver {
  /** The settlement a name (as written, any case form) most likely denotes, or null. */
  findSettlement(name: string, regionHint: string | null, language: LanguageCode): ResolvedPlace | null;
  /** The region of a district named by its adjective ("в Грайворонском округе"), when only one region has it. */
  districtRegion?(adjective: string): string | null;
  /**
   * Every settlement a name (any language, any case form) may denote, for search: all exact
   * matches, else the case forms, else the spellings; each with its names in the three languages.
   */
  searchSettlements?(name: string): Array<{ name: string; nameRu: string | null; nameUk: string | null; region: string }>;
  /** A settlement's names in Russian and Ukrainian (for display), by its canonical name and region. */
  localNames?(name: string, region: string | null): { ru: string | null; uk: string | null } | null;
  /** The regions a circle reaches: its centre's, and those whose outline comes within radiusKm (trend alerts of a radius subscription). */
  regionsWithin?(lat: number, lon: number, radiusKm: number): string[];
  /** [lat, lon] of a region's centroid. */
  regionCentre(iso: string): { lat: number; lon: number } | null;
  /** Geographic facts used to check claims made in the text. */
  regionClaims(iso: string): RegionClaims | null;
}
