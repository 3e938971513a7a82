// The export's CSV line, made cell by cell without arrays (export-rows.ts csvLine), against the
// line as it was made before: every column through csvCell, joined by commas — the same bytes for
// negative numbers (a leading - quoted as a formula's), -0, NaN, exponents, quotes, commas, line
// ends, formula openings, empty strings and nulls, and repeated values (kept cells) alike.
import { describe, expect, it } from "vitest";
import { csvCell, csvLine, disagreementsText, type EventSources, subEventType } from "../../src/api/export-rows.js";
import type { ExportEvent } from "../../src/api/queries.js";
import { areaName } from "../../src/geo/region-lexicon.js";

const COUNTRY: Record<string, string> = { RU: "Russia", UA: "Ukraine" };

/** The line as export-rows.ts made it before its cells were made one by one. */
function referenceLine(e: ExportEvent, s: EventSources): string {
  const disagreements = disagreementsText(e);
  const notes = `${e.kind} by ${e.weapon}${e.count !== null ? `, ${e.count} munitions` : ""}${disagreements ? `; disagreements: ${disagreements}` : ""}`;
  return [
    e.id,
    e.date,
    "Explosions/Remote violence",
    subEventType(e.kind, e.weapon),
    e.country ? (COUNTRY[e.country] ?? e.country) : null,
    e.region ? areaName(e.region, "en") : null,
    e.settlement ?? e.waterArea,
    e.lat,
    e.lon,
    e.geoPrecision,
    s.sources.join("; "),
    notes,
    e.killed,
    e.count,
    e.injured,
    s.urls.join("; "),
    e.officials.join("; "),
    e.region,
    e.date?.slice(0, 4) ?? null,
    e.kind,
    e.weapon,
    e.sources,
  ]
    .map((v) => {
      const text = v === null || v === undefined ? "" : String(v);
      const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
      return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    })
    .join(",");
}

const base: ExportEvent = {
  id: 7,
  date: "2025-07-21",
  kind: "strike",
  weapon: "drone",
  country: "RU",
  region: "RU-BEL",
  settlement: "Belgorod",
  waterArea: null,
  lat: 50.5955,
  lon: 36.5873,
  geoPrecision: 1,
  count: 3,
  killed: 1,
  injured: null,
  officials: ["Governor Gladkov"],
  sources: 2,
  disagreements: [],
};

const numbers = [0, -0, 1, -1, 36.5873, -36.5873, 1e-7, -1e-7, 1e21, -1e21, 2147483647, Number.NaN, Number.POSITIVE_INFINITY, null];
const texts = ["", "plain", "-minus", "+plus", "=SUM(A1)", "@at", 'say "hi"', "a,b", "line\nend", "cr\rend", "'quote", "Київ", null];

describe("the export's CSV line", () => {
  it("has the same bytes as every column through csvCell, for edge numbers and texts, kept cells too", () => {
    const events: Array<[ExportEvent, EventSources]> = [];
    for (const n of numbers)
      events.push([
        { ...base, lat: n, lon: n, geoPrecision: n, count: n, killed: n, injured: n, id: n ?? 0, sources: n ?? 0 },
        { sources: ["TASS"], urls: [] },
      ]);
    for (const t of texts)
      for (const again of [1, 2]) // the second time from the kept cells
        events.push([
          {
            ...base,
            id: again,
            date: t === null ? null : t,
            kind: t ?? "strike",
            weapon: t ?? "missile",
            country: t,
            region: t,
            settlement: t,
            waterArea: t === null ? "Black Sea" : null,
            officials: t === null ? [] : [t, t],
            disagreements: [],
          },
          { sources: t === null ? [] : [t, "RIA"], urls: t === null ? [] : [`https://example.org/${t}`] },
        ]);
    events.push([
      { ...base, country: null, region: null, settlement: null, waterArea: null, date: null, count: null },
      { sources: [], urls: [] },
    ]);
    events.push([
      { ...base, country: "UA", region: "UA-63", weapon: "glide_bomb", kind: "interception" },
      { sources: ["a", "b"], urls: ["u"] },
    ]);
    for (const [e, s] of events) expect(csvLine(e, s)).toBe(referenceLine(e, s));
  });

  it("quotes a cell as before", () => {
    expect(csvCell(-5)).toBe("'-5");
    expect(csvCell('=a"b')).toBe(`"'=a""b"`);
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });
});
