// The OpenAPI 3.1 description of the API, served at /api/openapi.json and shown at /api/docs;
// response schemas come from the zod schemas of response-schemas.ts (built on src/model).

import { placesOpenApiPaths } from "./place-routes.js";
import { reextractOpenApiPaths } from "./reextract-routes.js";
import {
  DailyStats,
  ErrorAnswer,
  EventAlert,
  EventDetail,
  EventPage,
  Health,
  Job,
  jsonSchema,
  PostAnswer,
  ReportDetail,
  ReportPage,
} from "./response-schemas.js";
import { subscriptionOpenApiPaths } from "./subscription-routes.js";
import { trendsOpenApiPath } from "./trend-routes.js";

const filterParameters = [
  ["country", "RU, UA (comma-separated)"],
  ["region", "ISO 3166-2 codes, e.g. RU-BEL,UA-63"],
  ["kind", "interception, strike, attack"],
  ["weapon", "drone, missile, glide_bomb, artillery, unknown"],
  ["from", "first date, YYYY-MM-DD"],
  ["to", "last date, YYYY-MM-DD"],
  ["bbox", "minLon,minLat,maxLon,maxLat"],
  ["settlement", "a settlement in any language or case form (Харків, Харьков, Kharkiv), or part of its name"],
  [
    "q",
    "a place in any language or case form (Харьков, в Щетиновке, Белгородская, Belgorod region), else words of the reports' text (stems: автомобиль finds автомобилю)",
  ],
  [
    "sort",
    "relevance (default with q: events at the place named, then in the region named, then by text; newest first within each), or date, id, region, kind, weapon, settlement, count, killed, injured or sources; a leading - sorts descending (default -date)",
  ],
  ["limit", "1–1000, default 100"],
  ["cursor", "the 'next' value of the previous page"],
].map(([name, description]) => ({ name, in: "query", required: false, description, schema: { type: "string" } }));

const error = {
  description: "bad input: the message says which parameter and why",
  content: { "application/json": { schema: jsonSchema(ErrorAnswer) } },
};

const idParameter = [{ name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } }];
const json = (schema: object) => ({ "application/json": { schema } });
const adminOnly = {
  401: { description: "no key, or an unknown or revoked one" },
  403: { description: "the key is not an admin key" },
};

/** What a source is, as added (POST) or changed (PATCH) — src/sources/registry.ts SourceFields. */
const sourceFields = {
  label: { type: ["string", "null"], maxLength: 200 },
  language: { enum: ["auto", "en", "ru", "uk"], default: "auto" },
  type: { enum: ["official", "agency", "media", "aggregator"], default: "media" },
  every: { type: "string", description: "the interval, a number and a unit: 30s, 5m, 1h, 1d (1s to 30d; default 5m)" },
  intervalSeconds: { type: "integer", minimum: 1, maximum: 2_592_000, description: "the interval in seconds (instead of every)" },
  enabled: { type: "boolean", default: true },
  backfillUntil: { type: ["string", "null"], format: "date", description: "Telegram: also read older posts, down to this day" },
};

/** A source's health — src/sources/health.ts. */
const sourceHealth = {
  type: "object",
  properties: {
    id: { type: "integer" },
    kind: { enum: ["rss", "telegram", "web"] },
    address: { type: "string" },
    label: { type: ["string", "null"] },
    type: { enum: ["official", "agency", "media", "aggregator"] },
    enabled: { type: "boolean" },
    state: { enum: ["ok", "failing", "silent", "never-run", "disabled"] },
    lastRunAt: { type: ["string", "null"], format: "date-time" },
    lastSuccessAt: { type: ["string", "null"], format: "date-time" },
    lastErrorAt: { type: ["string", "null"], format: "date-time" },
    lastError: { type: ["string", "null"], description: "the message of the last error" },
    failures: { type: "integer", description: "errors in a row (0 after a success); each doubles the wait before the next run" },
    items: {
      type: "object",
      properties: { seen: { type: "integer" }, new: { type: "integer" }, failed: { type: "integer" } },
      description: "items read, stored as new, and failed, over the source's life",
    },
    lastRun: {
      type: ["object", "null"],
      properties: {
        status: { enum: ["ok", "unchanged", "error"] },
        seen: { type: "integer" },
        new: { type: "integer" },
        failed: { type: "integer" },
        pages: { type: "integer" },
        ms: { type: "integer" },
      },
    },
    newestItemAt: { type: ["string", "null"], format: "date-time" },
    lagSeconds: { type: ["integer", "null"], description: "now − the newest item's date" },
    typicalGapSeconds: { type: ["number", "null"], description: "the usual gap between its items, learnt from their dates" },
    silent: { type: "boolean", description: "no new item for longer than 3 usual gaps (and at least 30 minutes and 2 intervals)" },
    silentReason: { type: ["string", "null"] },
    nextRunAt: { type: "string", format: "date-time" },
    intervalSeconds: { type: "integer" },
    leased: { type: "boolean", description: "a process is collecting it now" },
    leaseOwner: { type: ["string", "null"] },
  },
};

/** A source as the API shows it (publicSource in src/api/source-routes.ts): never its cursor, validators or lease. */
const source = {
  type: "object",
  properties: {
    id: { type: "integer" },
    kind: { enum: ["rss", "telegram", "web"] },
    address: { type: "string", description: "a feed or page URL (http/https), or a Telegram channel's handle" },
    ...sourceFields,
    every: { type: "string", description: "the interval, e.g. 5m" },
    createdAt: { type: "string", format: "date-time" },
    health: sourceHealth,
  },
};

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Skywatch",
      version: "0.1.0",
      description: "Incidents of drone and missile attacks extracted from reports, fused across sources.",
    },
    paths: {
      "/api/health": {
        get: {
          summary:
            "store kind and counts of reports and live events (kept counts, never waiting behind other requests: countsAgeMs says how old)",
          responses: { 200: { description: "ok", content: json(jsonSchema(Health)) } },
        },
      },
      "/api/events": {
        get: {
          summary: "events with filters and cursor pagination → {events, total, totalEstimated, next}",
          parameters: filterParameters,
          responses: { 200: { description: "a page of events", content: json(jsonSchema(EventPage)) }, 400: error },
        },
      },
      "/api/events/{id}": {
        get: {
          summary: "one event with its claims, sources and evidence",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
          responses: {
            200: { description: "the event", content: json(jsonSchema(EventDetail)) },
            400: error,
            404: error,
            410: { description: "withdrawn: {error, event} with its last state" },
          },
        },
      },
      "/api/reports/{id}": {
        get: {
          summary: "one report with its text and the evidence spans of its incidents",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
          responses: { 200: { description: "the report", content: json(jsonSchema(ReportDetail)) }, 400: error, 404: error },
        },
      },
      "/api/reports": {
        get: {
          summary: "browse the stored reports, newest published first → {reports, total, next} (public)",
          parameters: [
            ["source", "sources (outlets, channels), comma-separated"],
            ["language", "en, ru, uk (comma-separated)"],
            ["from", "first published date, YYYY-MM-DD"],
            ["to", "last published date, YYYY-MM-DD"],
            ["versions", "latest (default: the newest version of each report) or all"],
            ["limit", "1–200, default 50"],
            ["cursor", "the 'next' value of the previous page"],
          ].map(([name, description]) => ({ name, in: "query", required: false, description, schema: { type: "string" } })),
          responses: { 200: { description: "a page of reports", content: json(jsonSchema(ReportPage)) }, 400: error },
        },
        post: {
          summary:
            "submit one report {text, published?, url?, title?, language?, source?, messageId?} or an array; needs 'Authorization: Bearer KEY' unless the server runs with --open-writes",
          requestBody: { required: true, content: { "application/json": { schema: { oneOf: [{ type: "object" }, { type: "array" }] } } } },
          responses: {
            200: {
              description: "all duplicates (each report's outcome names the report stored before)",
              content: json(jsonSchema(PostAnswer)),
            },
            201: { description: "stored: each report's outcome with its id, version and incidents", content: json(jsonSchema(PostAnswer)) },
            400: error,
            401: { description: "no key, or an unknown or revoked one" },
            202: {
              description:
                "queued: each report's outcome names the id it is stored under once extracted (a duplicate: the report stored before). More than 50 reports on an embedded store: a job (job, status: /api/jobs/ID, for its progress); with PostgreSQL, every submission is queued for the workers (job: null)",
              content: json(jsonSchema(PostAnswer)),
            },
            403: { description: "the key may not write this source, or may not replace this report's text" },
            413: { description: "more than 500 reports, or a body over 5 MB" },
            429: { description: "too many requests from this address or writes with this key (Retry-After)" },
            503: { description: "overloaded, or too many jobs waiting (Retry-After)" },
          },
        },
      },
      "/api/jobs/{id}": {
        get: {
          summary: "a submission's progress and outcome {state: queued|running|done|failed, reports, done, summary, outcomes}",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: { 200: { description: "the job", content: json(jsonSchema(Job)) }, 400: error, 404: error },
        },
      },
      "/api/keys": {
        get: {
          summary: "the API keys (never the keys themselves); admin key",
          responses: { 200: { description: "keys" }, 401: error, 403: error },
        },
        post: {
          summary: "create a key {role: writer|admin, source?, label?}; the answer holds it once; admin key",
          responses: { 201: { description: "the new key" }, 401: error, 403: error },
        },
      },
      "/api/keys/{id}": {
        delete: {
          summary: "revoke a key; admin key",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
          responses: { 200: { description: "revoked" }, 401: error, 403: error, 404: error },
        },
      },
      "/api/sources": {
        get: {
          summary: "the registry of sources collected on schedule, each with its health {sources: [...]} (public)",
          responses: {
            200: {
              description: "the sources",
              content: json({ type: "object", properties: { sources: { type: "array", items: source } } }),
            },
          },
        },
        post: {
          summary:
            "add a source {kind: rss|telegram|web, address, label?, language?, type?, every?, enabled?, backfillUntil?} or an array of up to 1000; the same kind and address again updates it; admin key (or the local token)",
          requestBody: {
            required: true,
            content: json({
              oneOf: [
                {
                  type: "object",
                  required: ["kind", "address"],
                  properties: { kind: { enum: ["rss", "telegram", "web"] }, address: { type: "string", maxLength: 2048 }, ...sourceFields },
                  additionalProperties: false,
                },
                { type: "array", minItems: 1, maxItems: 1000, items: { type: "object" } },
              ],
            }),
          },
          responses: {
            200: { description: "all existed: updated", content: json(source) },
            201: { description: "added (an array answers {sources: [...]}, each with created: true|false)", content: json(source) },
            400: error,
            ...adminOnly,
          },
        },
      },
      "/api/sources/{id}": {
        get: {
          summary: "one source with its health",
          parameters: idParameter,
          responses: { 200: { description: "the source", content: json(source) }, 400: error, 404: error },
        },
        patch: {
          summary:
            "change a source's label, language, type, every|intervalSeconds, enabled or backfillUntil (not its kind or address); admin key",
          parameters: idParameter,
          requestBody: { required: true, content: json({ type: "object", properties: sourceFields, additionalProperties: false }) },
          responses: { 200: { description: "the source as changed", content: json(source) }, 400: error, ...adminOnly, 404: error },
        },
        delete: {
          summary: "remove a source {removed: id}; the reports collected from it stay; admin key",
          parameters: idParameter,
          responses: { 200: { description: "removed" }, 400: error, ...adminOnly, 404: error },
        },
      },
      "/api/sources/{id}/health": {
        get: {
          summary:
            "a source's health: state (ok, failing, silent, never-run, disabled), last success, last error and its message, errors in a row, items seen/new/failed, lag, usual gap, silent and why, next run, whether it is being collected now",
          parameters: idParameter,
          responses: { 200: { description: "its health", content: json(sourceHealth) }, 400: error, 404: error },
        },
      },
      "/api/sources/run": {
        post: {
          summary: "collect the sources {ids?} now (else the due ones), leasing each like the scheduler → {results}; admin key",
          requestBody: {
            required: false,
            content: json({ type: "object", properties: { ids: { type: "array", items: { type: "integer" }, maxItems: 1000 } } }),
          },
          responses: { 200: { description: "what each run did" }, 400: error, ...adminOnly },
        },
      },
      "/api/stats/daily": {
        get: {
          summary:
            "live dated events per day × kind over the filter's regions (by=day, the default unless region is given), or per day × region × kind (by=region, the default with region; before `by` existed, every answer was by=region) → {by, days}. From the statistics summary; on a large store an answer may lag writes by up to 2 s",
          parameters: [
            ...filterParameters,
            {
              name: "by",
              in: "query",
              required: false,
              description:
                "day: a row per day and kind (what a timeline draws; a few thousand rows however many events); region: a row per day, region and kind (ask with region= or from/to on a large store: unfiltered it is a row for nearly every event). Default: region when region is given, else day",
              schema: { type: "string", enum: ["day", "region"] },
            },
          ],
          responses: { 200: { description: "days", content: json(jsonSchema(DailyStats)) }, 400: error },
        },
      },
      "/api/export.csv": {
        get: {
          summary: "events of the filter as CSV with ACLED-like columns (up to 100,000)",
          parameters: filterParameters,
          responses: { 200: { description: "text/csv" } },
        },
      },
      "/api/export.geojson": {
        get: {
          summary: "placed events of the filter as a GeoJSON FeatureCollection (up to 100,000)",
          parameters: filterParameters,
          responses: { 200: { description: "application/geo+json" } },
        },
      },
      "/api/map/points": {
        get: {
          summary: "settlement-precision events of the filter as GeoJSON points {id, kind, date, settlement}",
          parameters: filterParameters,
          responses: { 200: { description: "application/geo+json" } },
        },
      },
      "/api/map/regions.geojson": {
        get: {
          summary: "region polygons (simplified) with names in English, Russian and Ukrainian",
          responses: { 200: { description: "application/geo+json" } },
        },
      },
      "/api/stream": {
        get: {
          summary:
            "server-sent events for new and updated events; a subscription's filter narrows it: ?region=, kind=, weapon=, casualties=1, near=LAT,LON or place=NAME with radius=KM",
          responses: { 200: { description: "text/event-stream" } },
        },
      },
      "/api/trends": trendsOpenApiPath,
      ...placesOpenApiPaths,
      ...reextractOpenApiPaths,
      ...subscriptionOpenApiPaths,
      "/api/openapi.json": { get: { summary: "this document", responses: { 200: { description: "OpenAPI 3.1" } } } },
      "/api/docs": {
        get: {
          summary: "this document as an interactive page (Swagger UI, served from the package)",
          responses: { 200: { description: "text/html" } },
        },
      },
    } as Record<string, Record<string, { summary: string }>>,
    // What a subscription's webhook receives (README, Alerts); digests carry {events: [{type, event, changed?}]}.
    webhooks: {
      event: {
        post: {
          summary: "an event created, or its figures changed (event.created, event.updated)",
          requestBody: { content: json(jsonSchema(EventAlert)) },
          responses: { 200: { description: "any 2xx: delivered (otherwise retried for 24 h)" } },
        },
      },
    },
  };
}
