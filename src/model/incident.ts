// The shared core model: what one incident is, for every part of Skywatch
// (extractor, store, API, dashboard). Field meanings follow ../shared/eval/FORMAT.md.
import { z } from "zod";

export const INCIDENT_KINDS = ["interception", "strike", "attack"] as const;
export const WEAPONS = ["drone", "missile", "glide_bomb", "artillery", "unknown"] as const;
export const COUNT_QUALIFIERS = ["exact", "at_least", "more_than", "about"] as const;
export const TARGET_TYPES = [
  "residential",
  "vehicle",
  "transport",
  "energy",
  "industrial",
  "commercial",
  "military",
  "public",
  "agricultural",
  "other",
] as const;
export const LANGUAGES = ["en", "ru", "uk"] as const;

export const Kind = z.enum(INCIDENT_KINDS);
export const Weapon = z.enum(WEAPONS);
export const CountQualifier = z.enum(COUNT_QUALIFIERS);
export const TargetType = z.enum(TARGET_TYPES);
export const Language = z.enum(LANGUAGES);
export const Country = z.enum(["RU", "UA"]);
/** ISO 3166-2 code of a Russian federal subject or Ukrainian oblast, e.g. RU-BEL, UA-63. */
export const RegionCode = z.string().regex(/^(RU|UA)-[A-Z0-9]{2,3}$/);
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A character range [start, end) in the report text. */
export const Span = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });

export const Target = z.object({ type: TargetType, text: z.string() });

/** 1 settlement, 2 district, 3 region centroid — as ACLED's geo_precision. */
export const GeoPrecision = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/** Where in the text each figure of an incident is written, for highlighting inside the evidence. */
export const SlotSpans = z.object({
  place: Span.optional(),
  count: Span.optional(),
  killed: Span.optional(),
  injured: Span.optional(),
});

export const Incident = z.object({
  kind: Kind,
  weapon: Weapon,
  country: Country.nullable(),
  region: RegionCode.nullable(),
  settlement: z.string().nullable(),
  /** The settlement as written in the report (case form included), for audit. */
  settlement_text: z.string().nullable().optional(),
  date: IsoDate.nullable(),
  count: z.number().int().min(0).nullable(),
  count_qualifier: CountQualifier.nullable(),
  /** When one number covers several regions ("two more over Kaluga and Smolensk"). */
  group_total: z.number().int().min(0).nullable().optional(),
  killed: z.number().int().min(0).nullable(),
  injured: z.number().int().min(0).nullable(),
  targets: z.array(Target),
  official: z.string().nullable(),
  /** The sentence(s) that state the incident, verbatim. */
  evidence: z.string(),
  evidence_spans: z.array(Span),
  /** Seas have no region: "Black Sea", "Sea of Azov". */
  water_area: z.string().nullable().optional(),
  confidence: z.number().min(0).max(1),
  lat: z.number().nullable().optional(),
  lon: z.number().nullable().optional(),
  geo_precision: GeoPrecision.nullable().optional(),
  geonameid: z.number().int().nullable().optional(),
  slot_spans: SlotSpans.optional(),
});
export type Incident = z.infer<typeof Incident>;
export type SlotSpans = z.infer<typeof SlotSpans>;
export type IncidentKind = z.infer<typeof Kind>;
export type WeaponType = z.infer<typeof Weapon>;
export type TargetTypeName = z.infer<typeof TargetType>;
export type LanguageCode = z.infer<typeof Language>;
export type CountryCode = z.infer<typeof Country>;
export type Span = z.infer<typeof Span>;
export type Target = z.infer<typeof Target>;

/** A problem the extractor noticed in the text itself (e.g. a false geographic claim). */
export const Flag = z.object({
  code: z.string(),
  message: z.string(),
  span: Span.nullable(),
});
export type Flag = z.infer<typeof Flag>;

export const ExtractOptions = z.object({
  /** Publication date (YYYY-MM-DD) that relative dates resolve against; null when unknown. */
  published: IsoDate.nullable().optional(),
  language: Language.optional(),
});
export type ExtractOptions = z.infer<typeof ExtractOptions>;
