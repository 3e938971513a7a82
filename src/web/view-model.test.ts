// The dashboard's pure parts: the filter in the URL, evidence highlighting, chart series, labels.
import { describe, expect, it } from "vitest";
import type { SourceRow } from "./api";
import { EMPTY_FILTERS, filterQuery, parseView, viewQuery } from "./filters";
import { initialLang, translator } from "./i18n";
import { segments } from "./segments";
import { daySeries, regionTotals, topRegions } from "./series";
import { sortSources } from "./source-order";

describe("filters in the URL", () => {
  it("reads a shared view and writes it back unchanged", () => {
    const search =
      "?from=2025-03-01&to=2025-03-31&country=RU&region=RU-BEL,UA-63&kind=strike&weapon=drone&q=school&event=12&sort=-killed&lang=uk";
    const view = parseView(search);
    expect(view.filters).toEqual({
      from: "2025-03-01",
      to: "2025-03-31",
      country: ["RU"],
      region: ["RU-BEL", "UA-63"],
      kind: ["strike"],
      weapon: ["drone"],
      q: "school",
    });
    expect(view.event).toBe(12);
    expect(viewQuery(view)).toBe(search);
  });

  it("drops malformed values instead of sending them to the API", () => {
    const view = parseView("?from=yesterday&region=Belgorod,RU-BEL&kind=bombing&event=-3&sort=x;drop&theme=pink");
    expect(view.filters.from).toBe("");
    expect(view.filters.region).toEqual(["RU-BEL"]);
    expect(view.filters.kind).toEqual([]);
    expect(view.event).toBeNull();
    expect(view.sort).toBe("-date");
    expect(view.theme).toBeNull();
  });

  it("keeps the Sources page and its order in the URL, and drops an unknown order", () => {
    const view = parseView("?view=sources&ssort=-lag&lang=ru");
    expect(view.page).toBe("sources");
    expect(view.sourceSort).toBe("-lag");
    expect(viewQuery(view)).toBe("?view=sources&ssort=-lag&lang=ru");
    expect(parseView("?view=nope&ssort=drop").page).toBe("events");
    expect(parseView("?ssort=drop").sourceSort).toBe("");
  });

  it("leaves empty fields and omitted ones out of the API query", () => {
    const q = filterQuery({ ...EMPTY_FILTERS, from: "2025-01-01", kind: ["interception", "attack"] }, ["from"]);
    expect(q.get("kind")).toBe("interception,attack");
    expect([...q.keys()]).toEqual(["kind"]);
  });
});

describe("evidence highlighting", () => {
  it("splits a text into plain, evidence and flagged pieces that join back to the text", () => {
    const text = "<b>One.</b> Two drones fell. Kaluga borders Ukraine.";
    const pieces = segments(text, [{ start: 12, end: 28 }], [{ start: 29, end: 52 }]);
    expect(pieces.map((p) => p.text).join("")).toBe(text);
    expect(pieces).toEqual([
      { text: "<b>One.</b> ", mark: null },
      { text: "Two drones fell.", mark: "evidence" },
      { text: " ", mark: null },
      { text: "Kaluga borders Ukraine.", mark: "flag" },
    ]);
  });

  it("clips spans outside the text and lets evidence win where spans overlap", () => {
    expect(segments("abcdef", [{ start: 2, end: 99 }], [{ start: 0, end: 4 }])).toEqual([
      { text: "ab", mark: "flag" },
      { text: "cdef", mark: "evidence" },
    ]);
    expect(segments("", [{ start: 0, end: 3 }])).toEqual([]);
  });
});

describe("chart series", () => {
  const rows = [
    { date: "2025-03-01", region: "RU-BEL", kind: "strike", events: 2 },
    { date: "2025-03-01", region: "RU-BRY", kind: "interception", events: 5 },
    { date: "2025-03-04", region: "RU-BEL", kind: "interception", events: 1 },
  ];

  it("fills quiet days so that gaps show on the timeline", () => {
    const s = daySeries(rows);
    expect(s.days).toEqual(["2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04"]);
    expect(s.byKind.strike).toEqual([2, 0, 0, 0]);
    expect(s.totals).toEqual([7, 0, 0, 1]);
  });

  it("totals regions within the date range and ranks the most affected", () => {
    expect(regionTotals(rows, "2025-03-02", "")).toEqual(new Map([["RU-BEL", 1]]));
    const top = topRegions(rows, daySeries(rows).days, "", "", 1);
    expect(top).toEqual([{ region: "RU-BRY", total: 5, series: [5, 0, 0, 0] }]);
  });
});

describe("interface language", () => {
  it("starts in the URL's language, else the browser's, else English", () => {
    expect(initialLang("ru", ["en-GB"])).toBe("ru");
    expect(initialLang(null, ["de-DE", "uk-UA"])).toBe("uk");
    expect(initialLang("fr", ["de"])).toBe("en");
  });

  it("formats labels, numbers and dates per language", () => {
    const uk = translator("uk");
    expect(uk.t("showing", { shown: 50, total: 12000 })).toMatch(/^50 з 12\s000 подій$/);
    expect(uk.date("2025-03-04")).toMatch(/4 бер/);
    expect(translator("en").date(null)).toBe("—");
  });
});

describe("the Sources page's order", () => {
  const source = (id: number, lagSeconds: number | null, failures: number, lastErrorAt: string | null = null) =>
    ({ id, health: { lagSeconds, failures, lastErrorAt } }) as unknown as SourceRow;
  const rows = [
    source(1, 600, 0),
    source(2, null, 2, "2025-03-01T10:00:00Z"),
    source(3, 86400, 2, "2025-03-02T10:00:00Z"),
    source(4, 60, 5),
  ];
  const ids = (r: SourceRow[]) => r.map((s) => s.id);

  it("sorts by lag either way with the sources that have no items last", () => {
    expect(ids(sortSources(rows, "-lag"))).toEqual([3, 1, 4, 2]);
    expect(ids(sortSources(rows, "lag"))).toEqual([4, 1, 3, 2]);
  });
  it("sorts by errors in a row, then by the latest error, and otherwise as registered", () => {
    expect(ids(sortSources(rows, "-errors"))).toEqual([4, 3, 2, 1]);
    expect(ids(sortSources(rows, "errors"))).toEqual([1, 2, 3, 4]);
    expect(ids(sortSources(rows, ""))).toEqual([1, 2, 3, 4]);
  });
});
