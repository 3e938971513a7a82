// Skywatch's extraction core: the text of one report in, the incidents it states out.
// Pure: no I/O beyond the language data shipped in data/, read once.

import { defaultPlaceResolver } from "../geo/resolver.js";
import { ExtractOptions, type Flag, type Incident, type LanguageCode } from "../model/incident.js";
import { checkClaims } from "./claims.js";
import { type Draft, readDocument } from "./incidents.js";
import { lexiconFor } from "./lexicon.js";
import { consolidate } from "./merge.js";
import type { PlaceResolver } from "./place-resolver.js";
import { detectLanguage } from "./text/language.js";
import { type Sentence, splitSentences } from "./text/sentences.js";

export interface ExtractSettings extends ExtractOptions {
  /** Gazetteer lookups; the shipped gazetteer by default, null for region-level work only. */
  places?: PlaceResolver | null;
  /** Also say how each incident was made (`skywatch extract --explain`). */
  explain?: boolean;
}

export interface Extraction {
  language: LanguageCode;
  incidents: Incident[];
  flags: Flag[];
  /** With `explain`: for each incident, the steps that made it (sentence, cues, merges, absorbed accounts). */
  explanations?: string[][];
}

/** The incidents a report states. `published` (YYYY-MM-DD) anchors relative dates. */
export function extractIncidents(text: string, options: ExtractSettings = {}): Incident[] {
  return extractReport(text, options).incidents;
}

/** Incidents plus the language used and the problems noticed in the text. */
export function extractReport(text: string, options: ExtractSettings = {}): Extraction {
  const opts = checkOptions(options);
  const language = opts.language ?? detectLanguage(text);
  if (!text.trim()) return { language, incidents: [], flags: [] };
  const places = options.places === undefined ? defaultPlaceResolver() : options.places;
  const sentences = splitSentences(text);
  const lex = lexiconFor(language);
  const drafts = consolidate(readDocument(text, sentences, lex, language, opts.published ?? null, places, options.explain === true));
  const incidents = drafts.map((d) => geocode(finish(d, sentences), places, language));
  const flags = places ? checkClaims(text, sentences, lex, language, places) : [];
  if (options.explain) return { language, incidents, flags, explanations: drafts.map((d) => d.trace) };
  return { language, incidents, flags };
}

/** Coordinates and precision (1 settlement, 3 region centroid), as ACLED's geo_precision. */
function geocode(incident: Incident, places: PlaceResolver | null, language: LanguageCode): Incident {
  // The incident was just built by finish(): filling it in place avoids copying every field.
  incident.lat = null;
  incident.lon = null;
  incident.geo_precision = null;
  incident.geonameid = null;
  if (!places) return incident;
  if (incident.settlement) {
    const found = places.findSettlement(incident.settlement_text ?? incident.settlement, incident.region, language);
    // With no region told, only a name no other region has, or a town large enough to be meant, places it.
    const placed = incident.region === null ? found?.unique || (found?.population ?? 0) >= 10_000 : found?.region === incident.region;
    if (found && found.match !== "near" && placed) {
      incident.region = found.region;
      incident.country = found.region.startsWith("RU") ? "RU" : "UA";
      incident.lat = found.lat;
      incident.lon = found.lon;
      incident.geo_precision = found.approximate ? 3 : 1;
      incident.geonameid = found.geonameid;
      return incident;
    }
  }
  const centre = incident.region ? places.regionCentre(incident.region) : null;
  if (centre) {
    incident.lat = centre.lat;
    incident.lon = centre.lon;
    incident.geo_precision = 3;
  }
  return incident;
}

/** Validates options cheaply: this runs once per report, thousands of times a second. */
function checkOptions(options: ExtractSettings): ExtractOptions {
  const { published, language } = options;
  if (
    (published !== undefined && published !== null && !/^\d{4}-\d{2}-\d{2}$/.test(published)) ||
    (language !== undefined && !["en", "ru", "uk"].includes(language))
  ) {
    return ExtractOptions.parse({ published, language }); // throws a descriptive error
  }
  return { published, language };
}

function finish(d: Draft, sentences: Sentence[]): Incident {
  const used = [...d.sentences].sort((a, b) => a - b).map((i) => sentences[i]);
  let confidence = 0.4;
  if (d.weaponExplicit) confidence += 0.15;
  if (d.region || d.water_area) confidence += 0.15;
  if (d.count !== null || d.killed !== null || d.injured !== null || d.targets.length) confidence += 0.1;
  if (d.official) confidence += 0.1;
  if (d.dateExplicit) confidence += 0.05;
  return {
    kind: d.kind,
    weapon: d.weapon,
    country: d.country,
    region: d.region,
    settlement: d.settlement,
    settlement_text: d.settlement_text ?? null,
    date: d.date,
    count: d.count,
    count_qualifier: d.count === null ? null : d.count_qualifier,
    group_total: d.group_total ?? null,
    killed: d.killed,
    injured: d.injured,
    targets: d.targets,
    official: d.official,
    evidence: used.map((s) => s.text).join(" "),
    evidence_spans: used.map((s) => ({ start: s.start, end: s.end })),
    water_area: d.water_area ?? null,
    confidence: Math.min(0.95, confidence),
    slot_spans: d.spans,
  };
}
