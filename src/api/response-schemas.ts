// What the API answers, as zod schemas built from the shared model (src/model/incident.ts):
// openapi.ts turns them into the response schemas of /api/openapi.json, and the API tests check
// real answers against them, so that the document and the server cannot drift apart.
import { z } from "zod";
import {
  CountQualifier,
  Country,
  Flag,
  GeoPrecision,
  IsoDate,
  Kind,
  Language,
  RegionCode,
  Span,
  Target,
  Weapon,
} from "../model/incident.js";

const nullable = <T extends z.ZodType>(t: T) => t.nullable();

export const LocalNames = z
  .object({ ru: z.string().nullable(), uk: z.string().nullable() })
  .describe("the settlement's Russian and Ukrainian names");

export const Disagreement = z
  .object({
    field: z.enum(["count", "killed", "injured"]).describe("the figure the claims state differently"),
    values: z
      .array(
        z.object({
          source: z.string().describe("who said it: the claim's official, else its report's source (as sent, in English)"),
          value: z.number().int(),
        }),
      )
      .describe("every claim that states the figure, in the order its incidents were stored"),
  })
  .describe("where sources disagree about a figure (src/model/disagreement.ts); the interface puts it into words in its language");

export const Event = z
  .object({
    id: z.number().int(),
    fusionKey: z.string().describe("kind family, place, day and settlement: what makes the event one happening"),
    fusionBase: nullable(z.string()),
    version: z.number().int().describe("bumped by every change (event_changes)"),
    state: z.enum(["live", "merged", "withdrawn"]),
    mergedInto: nullable(z.number().int()),
    kind: Kind,
    weapon: Weapon,
    country: nullable(Country),
    region: nullable(RegionCode),
    settlement: nullable(z.string()).describe("canonical (Latin) name; names has it in Russian and Ukrainian"),
    date: nullable(IsoDate),
    waterArea: nullable(z.string()),
    lat: nullable(z.number()),
    lon: nullable(z.number()),
    geoPrecision: nullable(GeoPrecision).describe("1 settlement, 2 district, 3 region"),
    count: nullable(z.number().int()),
    killed: nullable(z.number().int()).describe("null: not said; 0: the reports say nobody"),
    injured: nullable(z.number().int()),
    targets: z.array(Target),
    officials: z.array(z.string()),
    sources: z.number().int(),
    disagreements: z.array(Disagreement),
    updatedAt: z.string(),
    names: LocalNames.optional(),
  })
  .describe("an event: one happening, fused from the claims of every report that tells it");

/** The event as an alert carries it (src/alerts/payload.ts): the API's fields and links to it. */
export const AlertEvent = Event.pick({
  id: true,
  version: true,
  kind: true,
  weapon: true,
  country: true,
  region: true,
  settlement: true,
  names: true,
  waterArea: true,
  date: true,
  lat: true,
  lon: true,
  geoPrecision: true,
  count: true,
  killed: true,
  injured: true,
  targets: true,
  officials: true,
  sources: true,
  disagreements: true,
  updatedAt: true,
})
  .extend({ url: z.string().describe("the dashboard, open at the event"), api: z.string().describe("GET /api/events/ID") })
  .describe("the event as alerts carry it");

/** The JSON a webhook receives for event.created and event.updated (signed: Skywatch-Signature). */
export const EventAlert = z.object({
  type: z.enum(["event.created", "event.updated"]),
  delivery_id: z.string().describe("the same on every retry: a receiver skips ids it has seen"),
  subscription_id: z.number().int(),
  event: AlertEvent,
  changed: z.array(z.string()).optional().describe("event.updated: the figures that changed"),
});

export const EventPage = z.object({
  events: z.array(Event),
  total: z.number().int().describe("events of the whole filter (an estimate when totalEstimated is true)"),
  totalEstimated: z
    .boolean()
    .describe(
      "true when q is broad (a common word, a big city or a region: more matches than about √(limit × live events), at least 1,000): the page is exact, the total is estimated from the share of the filter's newest events that match, within a few per cent; false: the total is exact. A total may lag writes by up to 2 s on a large store",
    ),
  next: z.string().nullable().describe("the cursor of the next page; null on the last"),
});

export const Claim = z.object({
  reason: z
    .union([
      z.looseObject({
        code: z.string().describe("same_hit, same_interception (src/model/claim-reason.ts)"),
        region: z.string().nullable().optional(),
        date: z.string().nullable().optional(),
      }),
      z.string().describe("an English sentence, for claims stored before reasons had codes"),
    ])
    .describe("why the claim belongs to the event: a code and its parameters, put into words by the interface"),
  incidentId: z.number().int(),
  count: nullable(z.number().int()),
  countQualifier: nullable(CountQualifier),
  killed: nullable(z.number().int()),
  injured: nullable(z.number().int()),
  official: nullable(z.string()),
  evidence: z.string(),
  evidenceSpans: z.array(Span),
  report: z.object({
    id: z.number().int(),
    source: z.string(),
    url: z.string().nullable(),
    title: z.string().nullable(),
    published: nullable(IsoDate),
    flags: z.array(Flag),
  }),
});

export const EventDetail = Event.extend({
  claims: z.array(Claim),
  mergedInto: nullable(z.number().int()).describe("when the id asked for was merged: the event it became part of"),
  requestedId: z.number().int().optional(),
});

export const ReportSummary = z.object({
  id: z.number().int(),
  source: z.string().describe("the outlet, channel or body that published it"),
  url: z.string().nullable(),
  title: z.string().nullable(),
  published: nullable(IsoDate),
  language: Language,
  version: z.number().int().describe("1, or the number of a corrected text"),
  ingestedAt: z.string(),
  chars: z.number().int(),
  excerpt: z.string().describe("the first 280 characters"),
  incidents: z.number().int(),
});

export const ReportPage = z.object({ reports: z.array(ReportSummary), total: z.number().int(), next: z.string().nullable() });

export const ReportDetail = z.object({
  id: z.number().int(),
  source: z.string(),
  url: z.string().nullable(),
  title: z.string().nullable(),
  published: nullable(IsoDate),
  language: Language,
  version: z.number().int(),
  text: z.string(),
  flags: z.array(Flag),
  incidents: z.array(z.object({ id: z.number().int(), kind: Kind, evidenceSpans: z.array(Span) })),
});

export const ReportOutcome = z.object({
  index: z.number().int().describe("the report's place in the request (0 for a single object)"),
  status: z
    .enum(["stored", "duplicate", "new-version", "failed", "queued"])
    .describe("queued: to be extracted (by the job, or by a worker) and stored under reportId"),
  reportId: z
    .number()
    .int()
    .optional()
    .describe("the stored report's id; for a duplicate, the report stored before; queued: the id it is stored under once extracted"),
  version: z.number().int().optional(),
  incidents: z.number().int().optional(),
  href: z.string().optional(),
  error: z.string().optional(),
});

/** What storing a submission came to (a 201, and a job once done). */
export const SubmissionSummary = z.object({
  stored: z.number().int(),
  duplicates: z.number().int(),
  newVersions: z.number().int(),
  failed: z.number().int(),
  incidents: z.number().int(),
  errors: z.array(z.string()),
});

export const Health = z.object({
  status: z.literal("ok"),
  store: z.enum(["pglite", "postgres"]),
  reports: z.number().int(),
  events: z.number().int(),
  countsAgeMs: z
    .number()
    .int()
    .nonnegative()
    .describe(
      "how long ago reports and events were counted: 0 when they are the store's counts now (counted for this answer, or nothing written since on the embedded store); " +
        "else up to 10 s — health answers kept counts rather than wait behind other requests' queries, and counts again meanwhile",
    ),
});

export const DailyStats = z.object({
  by: z
    .enum(["day", "region"])
    .describe("how the rows are grouped: day (per day and kind over the filter's regions) or region (per day, region and kind)"),
  days: z.array(
    z.object({
      date: IsoDate,
      region: nullable(RegionCode)
        .optional()
        .describe("by=region only (null: no region, e.g. a sea or a country-wide tally); absent by=day"),
      kind: Kind,
      events: z.number().int(),
    }),
  ),
});

/** A job's view (GET /api/jobs/:id, and in the 202 that accepted it). */
export const Job = z.object({
  id: z.uuid(),
  state: z.enum(["queued", "running", "done", "failed"]),
  reports: z.number().int().describe("reports submitted"),
  done: z.number().int().describe("reports extracted and stored (or found known, or failed) so far"),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  summary: SubmissionSummary.nullable().describe("once done: what a 201 would have said"),
  outcomes: z
    .array(ReportOutcome)
    .describe(
      "each report's outcome so far, in request order (all of them once done): its stored id and /api/reports/ID, as a 201 lists them",
    ),
  error: z.string().nullable(),
});

/** What POST /api/reports answers, the same shape whether its reports were stored at once, became a job or were queued for workers. */
export const PostAnswer = SubmissionSummary.extend({
  queued: z.number().int().describe("reports to be extracted later (by the job, or by workers), each with its reportId in reports"),
  reports: z.array(ReportOutcome),
  job: Job.nullable().describe("the job a large submission became on an embedded store; null otherwise"),
  status: z.string().nullable().describe("/api/jobs/ID: where the job's progress and outcome are read; null without a job"),
});

export const ErrorAnswer = z.object({ error: z.string(), code: z.string().optional() });

/** A zod schema as the JSON Schema (2020-12, OpenAPI 3.1's dialect) of a response. */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { unrepresentable: "any", io: "output" }) as Record<string, unknown>;
  return rest;
}
