// The OpenAPI 3.1 description of the API, served at /api/openapi.json.
const filterParameters = [
  ["country", "RU, UA (comma-separated)"],
  ["region", "ISO 3166-2 codes, e.g. RU-BEL,UA-63"],
  ["kind", "interception, strike, attack"],
  ["weapon", "drone, missile, glide_bomb, artillery, unknown"],
  ["from", "first date, YYYY-MM-DD"],
  ["to", "last date, YYYY-MM-DD"],
  ["bbox", "minLon,minLat,maxLon,maxLat"],
  ["settlement", "part of a settlement name"],
  ["q", "free text in settlement, region or evidence"],
  ["sort", "date, id, region, kind, weapon, settlement, count, killed, injured or sources; a leading - sorts descending (default -date)"],
  ["limit", "1–1000, default 100"],
  ["cursor", "the 'next' value of the previous page"],
].map(([name, description]) => ({ name, in: "query", required: false, description, schema: { type: "string" } }));

const error = {
  description: "bad input",
  content: { "application/json": { schema: { type: "object", properties: { error: { type: "string" } } } } },
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
      "/api/health": { get: { summary: "store kind and counts", responses: { 200: { description: "ok" } } } },
      "/api/events": {
        get: {
          summary: "events with filters and cursor pagination → {events, total, next}",
          parameters: filterParameters,
          responses: { 200: { description: "a page of events" }, 400: error },
        },
      },
      "/api/events/{id}": {
        get: {
          summary: "one event with its claims, sources and evidence",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
          responses: { 200: { description: "the event" }, 404: error },
        },
      },
      "/api/reports/{id}": {
        get: {
          summary: "one report with its text and the evidence spans of its incidents",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
          responses: { 200: { description: "the report" }, 404: error },
        },
      },
      "/api/reports": {
        post: {
          summary:
            "submit one report {text, published?, url?, title?, language?, source?, messageId?} or an array; needs 'Authorization: Bearer KEY' unless the server runs with --open-writes",
          requestBody: { required: true, content: { "application/json": { schema: { oneOf: [{ type: "object" }, { type: "array" }] } } } },
          responses: {
            200: { description: "all duplicates" },
            201: { description: "stored" },
            400: error,
            401: { description: "no key, or an unknown or revoked one" },
            202: {
              description:
                "more than 50 reports: accepted as a job {job, status: /api/jobs/ID}; with PostgreSQL: queued for workers {queued}",
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
          summary: "a submission's progress {state: queued|running|done|failed, reports, done, summary}",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: { 200: { description: "the job" }, 400: error, 404: error },
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
      "/api/stats/daily": {
        get: { summary: "event counts per day × region × kind", parameters: filterParameters, responses: { 200: { description: "days" } } },
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
          summary: "server-sent events for new and updated events (?region= narrows)",
          responses: { 200: { description: "text/event-stream" } },
        },
      },
      "/api/openapi.json": { get: { summary: "this document", responses: { 200: { description: "OpenAPI 3.1" } } } },
    } as Record<string, Record<string, { summary: string }>>,
  };
}
