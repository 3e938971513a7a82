// The PostgreSQL schema, one for both the embedded PGlite store and a PostgreSQL server.
// Reports are never overwritten: a corrected text is a new version under the same natural key.
import { sql } from "drizzle-orm";
import {
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
});

export const events = pgTable("events", {
  id: serial("id").primaryKey(),
  fusionKey: text("fusion_key").notNull().unique(),
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
