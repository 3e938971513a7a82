// The PostgreSQL schema, one for both the embedded PGlite store and a PostgreSQL server.
// Reports are never overwritten: a corrected text is a new version under the same natural key.
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { Flag, Span, Target } from "../model/incident.js";

/** Keys that may write through the API; only their SHA-256 is kept. */
export const apiKeys = pgTable("api_keys", {
  id: serial("id").primaryKey(),
  keyHash: text("key_hash").notNull().unique(),
  /** The key's first characters, to recognise it in a list. */
  prefix: text("prefix").notNull(),
  role: text("role").$type<"writer" | "admin">().notNull(),
  /** When set, only this key (or an admin) writes reports of this source. */
  source: text("source"),
  label: text("label"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

export const reports = pgTable(
  "reports",
  {
    id: serial("id").primaryKey(),
    source: text("source").notNull(),
    /** source + URL or message id; the content hash when a report has neither. */
    naturalKey: text("natural_key").notNull(),
    version: integer("version").notNull(),
    url: text("url"),
    title: text("title"),
    published: date("published"),
    language: text("language").notNull(),
    text: text("text").notNull(),
    contentHash: text("content_hash").notNull(),
    flags: jsonb("flags").$type<Flag[]>().notNull().default(sql`'[]'::jsonb`),
    ingestedAt: timestamp("ingested_at", { withTimezone: true }).notNull().defaultNow(),
    /** The API key that sent this version; null when written without one (CLI on the store, open writes, local token). */
    writtenBy: integer("written_by").references(() => apiKeys.id),
    /** The registered source (table sources, src/sources) it was collected from, if any. */
    sourceId: integer("source_id"),
  },
  (t) => [uniqueIndex("reports_key_version").on(t.naturalKey, t.version), uniqueIndex("reports_key_hash").on(t.naturalKey, t.contentHash)],
);

export const incidents = pgTable("incidents", {
  id: serial("id").primaryKey(),
  reportId: integer("report_id")
    .notNull()
    .references(() => reports.id, { onDelete: "cascade" }),
  /** False once a newer version of the report replaced it. */
  current: boolean("current").notNull().default(true),
  kind: text("kind").notNull(),
  weapon: text("weapon").notNull(),
  country: text("country"),
  region: text("region"),
  settlement: text("settlement"),
  date: date("date"),
  count: integer("count"),
  countQualifier: text("count_qualifier"),
  groupTotal: integer("group_total"),
  killed: integer("killed"),
  injured: integer("injured"),
  targets: jsonb("targets").$type<Target[]>().notNull(),
  official: text("official"),
  evidence: text("evidence").notNull(),
  evidenceSpans: jsonb("evidence_spans").$type<Span[]>().notNull(),
  waterArea: text("water_area"),
  confidence: real("confidence").notNull(),
  lat: doublePrecision("lat"),
  lon: doublePrecision("lon"),
  geoPrecision: integer("geo_precision"),
  geonameid: integer("geonameid"),
  fusionKey: text("fusion_key").notNull(),
  /** The fusion key without its settlement: family, place, date. */
  fusionBase: text("fusion_base").notNull(),
  /** The extractor that made it (src/ingest/extractor-version.ts); null when stored before versions were recorded. */
  extractorVersion: text("extractor_version"),
});

/** Which extractor versions have read a report (skywatch reextract skips a report its version has read). */
export const reportExtractions = pgTable(
  "report_extractions",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    extractorVersion: text("extractor_version").notNull(),
    extractedAt: timestamp("extracted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.extractorVersion] })],
);

/** An event keeps its id for life: merged into another, it stays as a row pointing at it; left without claims, it is withdrawn. */
export type EventState = "live" | "merged" | "withdrawn";

export const events = pgTable("events", {
  id: serial("id").primaryKey(),
  fusionKey: text("fusion_key").notNull().unique(),
  /** The fusion key without its settlement (place and day), kept by the database. */
  fusionBase: text("fusion_base").generatedAlwaysAs(sql`regexp_replace(fusion_key, '\\|[^|]*$', '')`),
  /** Bumped by every change, each written to event_changes in the same transaction. */
  version: integer("version").notNull().default(1),
  state: text("state").$type<EventState>().notNull().default("live"),
  /** The event this one became part of (state merged). */
  mergedInto: integer("merged_into"),
  kind: text("kind").notNull(),
  weapon: text("weapon").notNull(),
  country: text("country"),
  region: text("region"),
  settlement: text("settlement"),
  date: date("date"),
  waterArea: text("water_area"),
  lat: doublePrecision("lat"),
  lon: doublePrecision("lon"),
  geoPrecision: integer("geo_precision"),
  count: integer("count"),
  killed: integer("killed"),
  injured: integer("injured"),
  targets: jsonb("targets").$type<Target[]>().notNull(),
  officials: jsonb("officials").$type<string[]>().notNull(),
  sources: integer("sources").notNull(),
  /** "count: Russian Ministry of Defence 5; Governor … 3" — kept, never averaged away. */
  disagreements: jsonb("disagreements").$type<string[]>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The history of every event: one row per version, with the fields that changed (their new values). */
export const eventChanges = pgTable(
  "event_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    change: text("change").$type<"created" | "updated" | "merged" | "withdrawn">().notNull(),
    fields: jsonb("fields").$type<Record<string, unknown>>().notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("event_changes_event_id_version_key").on(t.eventId, t.version)],
);

export const claims = pgTable(
  "claims",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    incidentId: integer("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    /** Why the incident belongs to the event. */
    reason: text("reason").notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.incidentId] })],
);

export const localPlaces = pgTable("local_places", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  region: text("region").notNull(),
  lat: doublePrecision("lat").notNull(),
  lon: doublePrecision("lon").notNull(),
  addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
});

export const subscriptions = pgTable("subscriptions", {
  id: serial("id").primaryKey(),
  region: text("region"),
  lat: doublePrecision("lat"),
  lon: doublePrecision("lon"),
  radiusKm: doublePrecision("radius_km"),
  webhook: text("webhook"),
  email: text("email"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
