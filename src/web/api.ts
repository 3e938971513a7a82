// The API as the dashboard uses it: response shapes and fetch helpers. Errors carry the API's own message.
import type { Flag, Span } from "../model/incident.js";
import type { events } from "../store/schema.js";
import { type Filters, filterQuery } from "./filters";
import type { Lang } from "./i18n";
import { cityName, seaName } from "./map/places";
import { regionTotals } from "./series";

export type { Flag, Span };

/** An event as the API sends it: a row of the store's events table (dates as ISO strings). */
export type EventRow = Omit<typeof events.$inferSelect, "updatedAt" | "fusionKey"> & {
  /** The settlement's Russian and Ukrainian names, when the gazetteer knows them. */
  names?: { ru: string | null; uk: string | null };
};

/**
 * A settlement's name in the interface language: the map's table of cities first (the gazetteer's
 * Cyrillic names of some large cities are alternate names from GeoNames, such as "Адэса" for Odesa),
 * else its own spelling, else the other Cyrillic one, else the Latin (a proper name, as the gazetteer spells it).
 */
export function placeName(e: Pick<EventRow, "settlement" | "names">, lang: Lang): string | null {
  if (!e.settlement) return null;
  if (lang === "en") return e.settlement;
  const city = cityName(e.settlement, lang);
  if (city) return city;
  if (lang === "ru") return e.names?.ru ?? e.names?.uk ?? e.settlement;
  return e.names?.uk ?? e.names?.ru ?? e.settlement;
}

/** Where an event happened, in words: its settlement, else its water area, else null. */
export function placeOrSea(e: Pick<EventRow, "settlement" | "names" | "waterArea">, lang: Lang): string | null {
  return placeName(e, lang) ?? (e.waterArea ? seaName(e.waterArea, lang) : null);
}

export interface Claim {
  reason: string;
  incidentId: number;
  count: number | null;
  countQualifier: string | null;
  killed: number | null;
  injured: number | null;
  official: string | null;
  evidence: string;
  evidenceSpans: Span[];
  report: { id: number; source: string; url: string | null; title: string | null; published: string | null; flags: Flag[] };
}

export interface EventDetail extends EventRow {
  claims: Claim[];
}

export interface ReportDetail {
  id: number;
  source: string;
  url: string | null;
  title: string | null;
  published: string | null;
  language: string;
  text: string;
  flags: Flag[];
  /** The registered source it was collected from (GET /api/sources), if any. */
  sourceId?: number | null;
  incidents: { id: number; kind: string; evidenceSpans: Span[] }[];
}

export type SourceKind = "rss" | "telegram" | "web";
export type SourceType = "official" | "agency" | "media" | "aggregator";
export type SourceState = "ok" | "failing" | "silent" | "never-run" | "disabled";

/** A registered source's health, as GET /api/sources/:id/health sends it (src/sources/health.ts). */
export interface SourceHealth {
  state: SourceState;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  /** Errors in a row (0 after a success). */
  failures: number;
  items: { seen: number; new: number; failed: number };
  newestItemAt: string | null;
  lagSeconds: number | null;
  typicalGapSeconds: number | null;
  silent: boolean;
  silentReason: string | null;
  nextRunAt: string;
  intervalSeconds: number;
  leased: boolean;
}

/** A registered source as GET /api/sources lists it (src/api/source-routes.ts). */
export interface SourceRow {
  id: number;
  kind: SourceKind;
  address: string;
  label: string | null;
  language: string;
  type: SourceType;
  every: string;
  intervalSeconds: number;
  enabled: boolean;
  backfillUntil: string | null;
  createdAt: string;
  health: SourceHealth;
}

export interface DayCount {
  date: string;
  region: string | null;
  kind: string;
  events: number;
}

/** A day's events of one kind over all the filter's regions (/api/stats/daily?by=day). */
export type DayTotal = Omit<DayCount, "region">;

/** Per region: the events of the date range (the choropleth), and the daily rows of the most affected regions (the small multiples). */
export interface RegionDays {
  counts: Map<string, number>;
  rows: DayCount[];
}

/** Regions the timeline draws a small multiple for. */
const TOP_REGIONS = 6;

export interface EventPage {
  events: EventRow[];
  total: number;
  next: string | null;
}

export interface PointCollection {
  type: "FeatureCollection";
  features: { type: "Feature"; geometry: { type: "Point"; coordinates: [number, number] }; properties: { id: number; kind: string } }[];
}

export interface RegionCollection {
  type: "FeatureCollection";
  features: {
    type: "Feature";
    properties: { iso: string; country: string; name_en: string; name_ru: string; name_uk: string };
    geometry: { type: string; coordinates: unknown };
  }[];
}

/** A busy server answers 503 with Retry-After: the dashboard waits and asks again (a few times) instead of giving up. */
const BUSY_RETRIES = 4;

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response = await fetch(path, { signal, headers: { accept: "application/json" } });
  for (let attempt = 1; response.status === 503 && attempt <= BUSY_RETRIES; attempt++) {
    const seconds = Math.min(10, Number(response.headers.get("retry-after")) || attempt);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    if (signal?.aborted) break;
    response = await fetch(path, { signal, headers: { accept: "application/json" } });
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.error ?? `${path}: HTTP ${response.status}`);
  }
  return response.json() as Promise<T>;
}

export const api = {
  events: (f: Filters, sort: string, limit: number, cursor: string | null, signal?: AbortSignal) => {
    const q = filterQuery(f);
    q.set("sort", sort);
    q.set("limit", String(limit));
    if (cursor) q.set("cursor", cursor);
    return getJson<EventPage>(`/api/events?${q}`, signal);
  },
  /** Daily counts per kind over all regions, without the date range: the timeline shows the range in its context. */
  daily: (f: Filters, signal?: AbortSignal) => {
    const q = filterQuery(f, ["from", "to"]);
    q.set("by", "day");
    return getJson<{ days: DayTotal[] }>(`/api/stats/daily?${q}`, signal).then((r) => r.days);
  },
  /**
   * The regions' counts in the date range (/api/stats/regions, from the summary) and the daily rows
   * of the most affected ones, instead of a row per region and day for all of them. A filter the
   * summary cannot answer (a text, a settlement, a box) reads the rows per region of the filter.
   */
  regionDays: async (f: Filters, signal?: AbortSignal): Promise<RegionDays> => {
    const perRegion = (extra: Record<string, string>) => {
      const q = filterQuery(f, ["from", "to"]);
      q.set("by", "region");
      for (const [k, v] of Object.entries(extra)) q.set(k, v);
      return getJson<{ days: DayCount[] }>(`/api/stats/daily?${q}`, signal).then((r) => r.days);
    };
    const summarised = !f.q.trim();
    if (!summarised) {
      const rows = await perRegion({});
      return { rows, counts: regionTotals(rows, f.from, f.to) };
    }
    const { regions } = await getJson<{ regions: { region: string | null; events: number }[] }>(
      `/api/stats/regions?${filterQuery(f)}`,
      signal,
    );
    const counts = new Map(regions.flatMap((r) => (r.region ? [[r.region, r.events] as [string, number]] : [])));
    const top = [...counts.keys()].slice(0, TOP_REGIONS);
    const rows = top.length ? await perRegion({ region: top.join(",") }) : [];
    return { rows, counts };
  },
  points: (f: Filters, signal?: AbortSignal) => getJson<PointCollection>(`/api/map/points?${filterQuery(f)}`, signal),
  event: (id: number, signal?: AbortSignal) => getJson<EventDetail>(`/api/events/${id}`, signal),
  report: (id: number, signal?: AbortSignal) => getJson<ReportDetail>(`/api/reports/${id}`, signal),
  /** The registry of sources with each one's health (public, like every read). */
  sources: (signal?: AbortSignal) => getJson<{ sources: SourceRow[] }>("/api/sources", signal).then((r) => r.sources),
  exportUrl: (f: Filters, format: "csv" | "geojson") => `/api/export.${format}?${filterQuery(f)}`,
  /** The regions as one topology (shared borders), from src/api/map-layers.ts. */
  regionsUrl: "/api/map/regions.topojson",
};
