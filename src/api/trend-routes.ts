// Trends over HTTP (src/trends): public, like every read.
//   GET /api/trends?as_of=YYYY-MM-DD&region=RU-BEL,UA-63&country=UA
//     → {as_of, window, rules, trends: [{region, flag, last_7d, baseline_7d, p_value, since, detail, series}]}
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { PlaceResolver } from "../extract/place-resolver.js";
import { isCalendarDate } from "../ingest/report-fields.js";
import type { Store } from "../store/database.js";
import { flagsAsOf, todayUtc } from "../trends/index.js";

const list = (v: unknown) =>
  typeof v === "string"
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : v;

export const TrendQuery = z.object({
  as_of: z
    .string()
    .refine(isCalendarDate, "as_of must be a date like 2025-07-21, a real day of the calendar")
    .refine((d) => d >= "1900-01-01" && d <= "2999-12-31", "as_of must lie between 1900 and 2999")
    .optional(),
  region: z
    .preprocess(list, z.array(z.string().regex(/^(RU|UA)-[A-Z0-9]{2,3}$/, "region must be an ISO 3166-2 code such as RU-BEL")).max(200))
    .optional(),
  country: z.preprocess(list, z.array(z.enum(["RU", "UA"]))).optional(),
});

export function trendRoutes(app: FastifyInstance, options: { store: Store; places?: PlaceResolver | null }) {
  app.get("/api/trends", async (req) => {
    const q = TrendQuery.parse(req.query);
    const report = await flagsAsOf(options.store.db, q.as_of ?? todayUtc(), { region: q.region, country: q.country });
    const localNames = options.places?.localNames?.bind(options.places);
    if (!localNames) return report;
    // New settlements with their Russian and Ukrainian names, as events carry them.
    return {
      ...report,
      trends: report.trends.map((t) =>
        t.flag === "new_settlement"
          ? {
              ...t,
              detail: {
                ...t.detail,
                settlements: (t.detail.settlements as Array<{ settlement: string }>).map((s) => ({
                  ...s,
                  names: localNames(s.settlement, t.region),
                })),
              },
            }
          : t,
      ),
    };
  });
}

const trendItem = {
  type: "object",
  properties: {
    region: { type: "string", description: "ISO 3166-2 code" },
    flag: { enum: ["rising", "casualties_rising", "new_region", "new_settlement", "weapon_shift"] },
    last_7d: { type: "integer", description: "the flag's quantity in the last 7 days (as_of and the 6 days before)" },
    baseline_7d: { type: "number", description: "the same quantity's weekly rate in the 28 days before them" },
    p_value: { type: ["number", "null"], description: "one-sided p-value (rising, casualties_rising); null for the other flags" },
    since: { type: "string", format: "date", description: "the first of the last 7 days that shows the change" },
    detail: { type: "object", description: "the flag's own figures (counts before, people, weapons, settlements with their first day)" },
    series: { type: "array", items: { type: "integer" }, description: "the region's events per day over the 35 days, oldest first" },
  },
};

/** GET /api/trends in the OpenAPI document (src/api/openapi.ts). */
export const trendsOpenApiPath = {
  get: {
    summary:
      "regions whose pattern changed as of a day: rising, casualties_rising, new_region, new_settlement, weapon_shift (README, Trends)",
    parameters: [
      ["as_of", "the day, YYYY-MM-DD (default today, UTC); events dated after it are not seen"],
      ["region", "ISO 3166-2 codes, e.g. RU-BEL,UA-63"],
      ["country", "RU, UA (comma-separated)"],
    ].map(([name, description]) => ({ name, in: "query", required: false, description, schema: { type: "string" } })),
    responses: {
      200: {
        description: "the flags, most telling first, with the windows and the thresholds used",
        content: {
          "application/json": {
            schema: {
              type: "object",
              properties: {
                as_of: { type: "string", format: "date" },
                window: { type: "object", description: "{recent: {from, to}, baseline: {from, to}}" },
                rules: { type: "object", description: "the thresholds (src/trends/flags.ts TREND_RULES)" },
                trends: { type: "array", items: trendItem },
              },
            },
          },
        },
      },
      400: { description: "bad input: the message says which parameter and why" },
    },
  },
};
