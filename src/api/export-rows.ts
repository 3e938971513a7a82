// The rows of the exports, pure: an event and its sources as an ACLED-like CSV line and as a
// GeoJSON feature with names in English, Russian and Ukrainian.
//
// ACLED's terms (ACLED Codebook): event_type "Explosions/Remote violence"; sub_event_type
// "Air/drone strike" for strikes from the air — drones and aircraft's glide bombs — and
// "Shelling/artillery/missile attack" for missiles and artillery. Two of our own, documented in
// the README: "Interception" (munitions shot down: not an ACLED event), and "Remote violence,
// weapon unknown" when no report names the weapon.
import { areaName } from "../geo/region-lexicon.js";
import { disagreementLine, isDisagreement } from "../model/disagreement.js";
import type { events } from "../store/schema.js";
import type { ExportEvent } from "./queries.js";

export type EventRow = typeof events.$inferSelect;

/** What the export adds to an event from its claims' reports. */
export interface EventSources {
  /** Outlets, channels or bodies that published the reports (reports.source), in order of first report. */
  sources: string[];
  urls: string[];
}

export type LocalNames = (settlement: string, region: string | null) => { ru: string | null; uk: string | null } | null;

/** The first thirteen as before (their positions kept for existing readers), then the added ones. */
export const CSV_COLUMNS = [
  "event_id",
  "event_date",
  "event_type",
  "sub_event_type",
  "country",
  "admin1",
  "location",
  "latitude",
  "longitude",
  "geo_precision",
  "source",
  "notes",
  "fatalities",
  "count",
  "injured",
  "source_url",
  "official",
  "admin1_code",
  "year",
  "kind",
  "weapon",
  "sources",
] as const;

export function subEventType(kind: string, weapon: string): string {
  if (kind === "interception") return "Interception";
  if (weapon === "drone" || weapon === "glide_bomb") return "Air/drone strike";
  if (weapon === "missile" || weapon === "artillery") return "Shelling/artillery/missile attack";
  return "Remote violence, weapon unknown";
}

const COUNTRY = { RU: "Russia", UA: "Ukraine" } as Record<string, string>;

/**
 * The disagreements as one line ("count: Ministry … 5; Governor … 3 | killed: …"), the same whatever
 * the language: the exports are English (admin1, notes), with the place's other names in columns of their own.
 */
export const disagreementsText = (e: Pick<ExportEvent, "disagreements">): string =>
  e.disagreements.filter(isDisagreement).map(disagreementLine).join(" | ");

const notes = (e: ExportEvent) => {
  const disagreements = disagreementsText(e);
  return `${e.kind} by ${e.weapon}${e.count !== null ? `, ${e.count} munitions` : ""}${disagreements ? `; disagreements: ${disagreements}` : ""}`;
};

export const csvCell = (v: unknown) => (typeof v === "string" ? textCell(v) : textCell(v === null || v === undefined ? "" : String(v)));

const QUOTED = /[",\n\r]/;
const QUOTE = /"/g;

/** csvCell of a string. */
function textCell(s: string): string {
  // A leading =, +, - or @ would be a formula in a spreadsheet.
  const c = s.charCodeAt(0);
  const safe = c === 61 || c === 43 || c === 45 || c === 64 ? `'${s}` : s;
  return QUOTED.test(safe) ? `"${safe.replace(QUOTE, '""')}"` : safe;
}

/** csvCell of a number: a positive one is its digits; a negative one's leading - is quoted as csvCell does. */
const numberCell = (v: number | null) => (v === null ? "" : v >= 0 ? String(v) : csvCell(v));

/** The cells of the values that repeat from line to line (codes, regions, places), each made once. */
const cells = new Map<string, string>();
const regionCells = new Map<string, string>();
const KEPT_CELLS = 10_000;
function repeatedCell(s: string | null | undefined): string {
  if (s === null || s === undefined) return "";
  let cell = cells.get(s);
  if (cell === undefined) {
    if (cells.size >= KEPT_CELLS) cells.clear();
    cell = textCell(s);
    cells.set(s, cell);
  }
  return cell;
}
function regionNameCell(region: string | null): string {
  if (!region) return "";
  let cell = regionCells.get(region);
  if (cell === undefined) {
    if (regionCells.size >= KEPT_CELLS) regionCells.clear();
    cell = csvCell(areaName(region, "en"));
    regionCells.set(region, cell);
  }
  return cell;
}

const EVENT_TYPE = csvCell("Explosions/Remote violence");

/** An event's CSV line (CSV_COLUMNS), its cells joined by commas, without a line end. */
export function csvLine(e: ExportEvent, s: EventSources): string {
  return (
    `${numberCell(e.id)},${e.date === null ? "" : textCell(e.date)},${EVENT_TYPE},${repeatedCell(subEventType(e.kind, e.weapon))},` +
    `${repeatedCell(e.country ? (COUNTRY[e.country] ?? e.country) : null)},${regionNameCell(e.region)},${repeatedCell(e.settlement ?? e.waterArea)},` +
    `${numberCell(e.lat)},${numberCell(e.lon)},${numberCell(e.geoPrecision)},${textCell(s.sources.join("; "))},${textCell(notes(e))},` +
    `${numberCell(e.killed)},${numberCell(e.count)},${numberCell(e.injured)},${textCell(s.urls.join("; "))},${textCell(e.officials.join("; "))},` +
    `${repeatedCell(e.region)},${e.date === null ? "" : textCell(e.date.slice(0, 4))},${repeatedCell(e.kind)},${repeatedCell(e.weapon)},${numberCell(e.sources)}`
  );
}

/** A placed event as a GeoJSON feature (null without coordinates). */
export function geoJsonFeature(e: ExportEvent, s: EventSources, localNames: LocalNames | null) {
  if (e.lat === null || e.lon === null) return null;
  const local = e.settlement && localNames ? localNames(e.settlement, e.region) : null;
  const place = e.settlement ?? e.waterArea;
  const water = !e.settlement && e.waterArea ? e.waterArea : null;
  return {
    type: "Feature" as const,
    geometry: { type: "Point" as const, coordinates: [e.lon, e.lat] },
    properties: {
      id: e.id,
      date: e.date,
      kind: e.kind,
      weapon: e.weapon,
      event_type: "Explosions/Remote violence",
      sub_event_type: subEventType(e.kind, e.weapon),
      country: e.country,
      admin1_code: e.region,
      admin1: e.region ? areaName(e.region, "en") : null,
      admin1_ru: e.region ? areaName(e.region, "ru") : null,
      admin1_uk: e.region ? areaName(e.region, "uk") : null,
      // "settlement" as before this export had names in three languages (readers of older exports use it).
      settlement: e.settlement,
      name: place,
      name_ru: water ? areaName(water, "ru") : (local?.ru ?? null),
      name_uk: water ? areaName(water, "uk") : (local?.uk ?? null),
      geo_precision: e.geoPrecision,
      count: e.count,
      killed: e.killed,
      injured: e.injured,
      officials: e.officials.join("; "),
      source: s.sources.join("; "),
      source_url: s.urls[0] ?? null,
      source_urls: s.urls,
      sources: e.sources,
      disagreements: disagreementsText(e),
      // The same as values, for a reader that wants them apart ({field, values: [{source, value}]}).
      disagreement_values: e.disagreements,
      url: `/api/events/${e.id}`,
    },
  };
}
