// The PostgreSQL schema, one for both the embedded PGlite store and a PostgreSQL server.
// Reports are never overwritten: a corrected text is a new version under the same natural key.
import { sql } from "drizzle-orm";
import {
  bigint,
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
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { StoredReason } from "../model/claim-reason.js";
import type { Disagreement } from "../model/disagreement.js";
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
    /** url:CANONICAL-URL (src/ingest/source-identity.ts), else source + message id, else source + content hash; rows stored before migration 10 keep source + URL. */
    naturalKey: text("natural_key").notNull(),
    version: integer("version").notNull(),
    url: text("url"),
    title: text("title"),
    published: date("published"),
    language: text("language").notNull(),
    text: text("text").notNull(),
    contentHash: text("content_hash").notNull(),
    /** SHA-256 of the text without a prepended title, white space collapsed: one article however it was read (migration 10). */
    fingerprint: text("fingerprint").notNull(),
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
  /** Where sources disagree, as values ({field: "count", values: [{source, value}…]}, migration 14) — kept, never averaged away. */
  disagreements: jsonb("disagreements").$type<Disagreement[]>().notNull(),
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
    /** Why the incident belongs to the event: a code and its parameters (src/model/claim-reason.ts); an English sentence in rows of before migration 10. */
    reason: jsonb("reason").$type<StoredReason>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.incidentId] })],
);

/** Places users add (skywatch place add), one per name and region (unique on lower(name), region). */
export const localPlaces = pgTable("local_places", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  /** Other spellings the place is found by. */
  names: jsonb("names").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  region: text("region").notNull(),
  lat: doublePrecision("lat").notNull(),
  lon: doublePrecision("lon").notNull(),
  addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Alerts (src/alerts, migration 7): a filter and a channel. The token that lets its owner manage it
 * is kept as its SHA-256; the secret signs webhooks, so it is kept as it is.
 */
export const subscriptions = pgTable("subscriptions", {
  id: serial("id").primaryKey(),
  tokenHash: text("token_hash").notNull().unique(),
  secret: text("secret").notNull(),
  channel: text("channel").$type<"webhook" | "email" | "feed">().notNull(),
  /** The webhook URL or the email address; null for a feed. */
  target: text("target"),
  regions: text("regions").array().notNull().default(sql`'{}'`),
  kinds: text("kinds").array().notNull().default(sql`'{}'`),
  weapons: text("weapons").array().notNull().default(sql`'{}'`),
  /** Only events with someone killed or injured. */
  casualties: boolean("casualties").notNull().default(false),
  /** The settlement the radius is around, as the subscriber named it (lat, lon: where the gazetteer put it). */
  place: text("place"),
  lat: doublePrecision("lat"),
  lon: doublePrecision("lon"),
  radiusKm: doublePrecision("radius_km"),
  mode: text("mode").$type<"each" | "hourly" | "daily">().notNull().default("each"),
  /** The local hour a daily digest is sent at. */
  digestHour: integer("digest_hour").notNull().default(8),
  timeZone: text("time_zone").notNull().default("UTC"),
  language: text("language").$type<"en" | "ru" | "uk">().notNull().default("en"),
  label: text("label"),
  active: boolean("active").notNull().default(true),
  /** Also a delivery (trend.flagged) for each new trend flag of the filter's regions (migration 12). */
  trends: boolean("trends").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Changes of events waiting for the alert dispatcher: a trigger on event_changes writes them in the changing transaction. */
export const alertOutbox = pgTable("alert_outbox", {
  changeId: bigint("change_id", { mode: "number" })
    .primaryKey()
    .references(() => eventChanges.id, { onDelete: "cascade" }),
  queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One message to one subscriber, sent until it is acknowledged or 24 h have passed (then dead). */
export const alertDeliveries = pgTable(
  "alert_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Sent with every attempt, so that a receiver can tell a retry from a new alert. */
    deliveryId: uuid("delivery_id").notNull().unique().defaultRandom(),
    subscriptionId: integer("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    /** event.created, event.updated, events.digest, trend.flagged (event_id and change_id null). */
    type: text("type").notNull(),
    eventId: integer("event_id").references(() => events.id, { onDelete: "set null" }),
    changeId: bigint("change_id", { mode: "number" }),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status").$type<"pending" | "delivered" | "dead">().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** Retries go on for 24 h from here (a dead delivery sent again starts anew). */
    retryFrom: timestamp("retry_from", { withTimezone: true }).notNull().defaultNow(),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("alert_deliveries_subscription_id_change_id_key").on(t.subscriptionId, t.changeId)],
);

/** The trend flags already sent to a subscription (migration 12): a flag is (region, flag, since), sent once. */
export const alertTrendFlags = pgTable(
  "alert_trend_flags",
  {
    subscriptionId: integer("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    region: text("region").notNull(),
    flag: text("flag").notNull(),
    since: date("since").notNull(),
    /** The day the flag was computed for. */
    asOf: date("as_of").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("alert_trend_flags_key").on(t.subscriptionId, t.region, t.flag, t.since)],
);

/** Events gathered for a subscription's next digest (hourly or daily), one row per event. */
export const alertDigestItems = pgTable(
  "alert_digest_items",
  {
    subscriptionId: integer("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    eventId: integer("event_id").notNull(),
    changeId: bigint("change_id", { mode: "number" }).notNull(),
    type: text("type").notNull(),
    event: jsonb("event").$type<Record<string, unknown>>().notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.eventId] })],
);

/**
 * Live dated events per day, country, region, kind and weapon ('' for no country or region), with
 * their casualties: what /api/stats/* read instead of scanning events. Kept in the writing
 * transaction by triggers on events (migration 8), which only insert into eventDayDeltas; the
 * deltas are folded into these totals now and then (src/api/day-stats.ts).
 */
export const eventDayStats = pgTable(
  "event_day_stats",
  {
    date: date("date").notNull(),
    country: text("country").notNull(),
    region: text("region").notNull(),
    kind: text("kind").notNull(),
    weapon: text("weapon").notNull(),
    events: integer("events").notNull(),
    killed: integer("killed").notNull(),
    injured: integer("injured").notNull(),
  },
  (t) => [primaryKey({ columns: [t.date, t.country, t.region, t.kind, t.weapon] })],
);

/** What each statement on events changed in eventDayStats, not yet folded in. */
export const eventDayDeltas = pgTable("event_day_deltas", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  date: date("date").notNull(),
  country: text("country").notNull(),
  region: text("region").notNull(),
  kind: text("kind").notNull(),
  weapon: text("weapon").notNull(),
  events: integer("events").notNull(),
  killed: integer("killed").notNull(),
  injured: integer("injured").notNull(),
});
