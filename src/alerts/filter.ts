// What a subscriber (or an open live stream, or a feed) wants to hear about: regions, a radius
// around a point or a named settlement, kinds, weapons, only events with casualties. Every
// criterion given must hold; a list matches any of its values. Pure: the dispatcher, the live
// stream and the Atom feeds share it.
import { z } from "zod";
import type { PlaceResolver } from "../extract/place-resolver.js";
import { distanceKm } from "../geo/regions.js";

export const KINDS = ["interception", "strike", "attack"] as const;
export const WEAPONS = ["drone", "missile", "glide_bomb", "artillery", "unknown"] as const;
export type Kind = (typeof KINDS)[number];
export type Weapon = (typeof WEAPONS)[number];

/** A point and a radius; `place` is the settlement the subscriber named, when it was one. */
export interface Near {
  lat: number;
  lon: number;
  radiusKm: number;
  place: string | null;
}

export interface AlertFilter {
  regions: string[];
  kinds: Kind[];
  weapons: Weapon[];
  /** Only events with someone killed or injured. */
  casualties: boolean;
  near: Near | null;
}

/** The fields of an event (or of a change notice) a filter reads. */
export interface Matchable {
  region: string | null;
  kind: string;
  weapon: string;
  killed: number | null;
  injured: number | null;
  lat: number | null;
  lon: number | null;
  /** 1 settlement, 2 district, 3 region centroid. */
  geoPrecision: number | null;
}

export const EMPTY_FILTER: AlertFilter = { regions: [], kinds: [], weapons: [], casualties: false, near: null };

export const MAX_RADIUS_KM = 500;

/**
 * Whether an event matches. A radius needs the event's own place: an event placed only at its
 * region's centroid (or a district's) is not "within 10 km" of anything — the regions criterion
 * is for those.
 */
export function matches(f: AlertFilter, e: Matchable): boolean {
  if (f.regions.length && (e.region === null || !f.regions.includes(e.region))) return false;
  if (f.kinds.length && !(f.kinds as string[]).includes(e.kind)) return false;
  if (f.weapons.length && !(f.weapons as string[]).includes(e.weapon)) return false;
  if (f.casualties && !((e.killed ?? 0) > 0 || (e.injured ?? 0) > 0)) return false;
  if (f.near) {
    if (e.lat === null || e.lon === null || e.geoPrecision !== 1) return false;
    if (distanceKm(f.near.lat, f.near.lon, e.lat, e.lon) > f.near.radiusKm) return false;
  }
  return true;
}

/** Whether a filter lets everything through. */
export const isEmpty = (f: AlertFilter) => !f.regions.length && !f.kinds.length && !f.weapons.length && !f.casualties && f.near === null;

/** A filter's error in the user's terms (the API answers 400 with it). */
export class FilterError extends Error {
  readonly statusCode = 400;
}

const REGION = /^(RU|UA)-[A-Z0-9]{2,3}$/;
const list = (v: unknown) =>
  typeof v === "string"
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : v;
const truthy = (v: unknown) => v === true || v === "1" || v === "true" || v === "yes";

/** The filter as the API and the CLI take it (JSON body, or query parameters of the same names). */
export const FilterFields = z
  .object({
    regions: z.preprocess(list, z.array(z.string().regex(REGION, "a region is an ISO 3166-2 code such as RU-BEL or UA-63")).max(200)),
    kinds: z.preprocess(list, z.array(z.enum(KINDS)).max(KINDS.length)),
    weapons: z.preprocess(list, z.array(z.enum(WEAPONS)).max(WEAPONS.length)),
    casualties: z.preprocess((v) => (v === undefined ? v : truthy(v)), z.boolean()),
    /** A settlement's name in any language and case form; with radiusKm. */
    place: z.string().trim().min(1).max(200),
    lat: z.coerce.number().min(-90).max(90),
    lon: z.coerce.number().min(-180).max(180),
    radiusKm: z.coerce.number().positive().max(MAX_RADIUS_KM),
  })
  .partial()
  .strict();
export type FilterFields = z.infer<typeof FilterFields>;

/** A settlement a name denotes, as the gazetteer places it. */
export function resolveSettlement(places: PlaceResolver | null | undefined, name: string, regionHint: string | null) {
  if (!places) throw new FilterError(`places cannot be looked up on this server; give lat and lon instead of place '${name}'`);
  const found = places.findSettlement(name, regionHint, /[\u0400-\u04ff]/.test(name) ? "ru" : "en");
  if (!found)
    throw new FilterError(
      `no settlement called '${name}' is known${regionHint ? ` in ${regionHint}` : ""}; check the spelling (skywatch place '${name}' lists candidates) or give lat and lon`,
    );
  return found;
}

/** Builds a filter from its fields, resolving a place name; `previous` keeps a resolved place when only the radius changes. */
export function buildFilter(fields: FilterFields, places: PlaceResolver | null | undefined): AlertFilter {
  const regions = [...new Set(fields.regions ?? [])];
  const base = {
    regions,
    kinds: [...new Set(fields.kinds ?? [])],
    weapons: [...new Set(fields.weapons ?? [])],
    casualties: !!fields.casualties,
  };
  const hasPoint = fields.lat !== undefined || fields.lon !== undefined;
  if (fields.place !== undefined && hasPoint) throw new FilterError("give either place or lat and lon, not both");
  if (fields.place === undefined && !hasPoint) {
    if (fields.radiusKm !== undefined) throw new FilterError("radiusKm needs a centre: place (a settlement's name) or lat and lon");
    return { ...base, near: null };
  }
  if (fields.radiusKm === undefined) throw new FilterError(`a place needs radiusKm, the radius around it in km (at most ${MAX_RADIUS_KM})`);
  if (fields.place !== undefined) {
    const s = resolveSettlement(places, fields.place, regions.length === 1 ? regions[0] : null);
    return { ...base, near: { lat: s.lat, lon: s.lon, radiusKm: fields.radiusKm, place: s.name } };
  }
  if (fields.lat === undefined || fields.lon === undefined) throw new FilterError("a point needs both lat and lon");
  return { ...base, near: { lat: fields.lat, lon: fields.lon, radiusKm: fields.radiusKm, place: null } };
}

/**
 * The filter of a query string, as the live stream and the Atom feeds take it: the dashboard's
 * names (region, kind, weapon: comma lists), casualties=1, and near=LAT,LON or place=NAME with
 * radius=KM.
 */
export function filterFromQuery(query: Record<string, unknown>, places: PlaceResolver | null | undefined): AlertFilter {
  const q = (name: string) => (typeof query[name] === "string" && query[name] !== "" ? (query[name] as string) : undefined);
  const near = q("near");
  let lat: string | undefined;
  let lon: string | undefined;
  if (near) {
    const m = near.match(/^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/);
    if (!m) throw new FilterError("near must be LAT,LON in decimal degrees, e.g. near=50.43,36.89");
    [lat, lon] = [m[1], m[2]];
  }
  const parsed = FilterFields.safeParse(
    Object.fromEntries(
      Object.entries({
        regions: q("region"),
        kinds: q("kind"),
        weapons: q("weapon"),
        casualties: q("casualties"),
        place: q("place"),
        lat,
        lon,
        radiusKm: q("radius"),
      }).filter(([, v]) => v !== undefined),
    ),
  );
  if (!parsed.success)
    throw new FilterError(
      parsed.error.issues
        .map(
          (i) =>
            `${String(i.path[0] ?? "query")
              .replace(/^regions$/, "region")
              .replace(/^kinds$/, "kind")
              .replace(/^weapons$/, "weapon")
              .replace(/^radiusKm$/, "radius")}: ${i.message}`,
        )
        .join("; "),
    );
  return buildFilter(parsed.data, places);
}
