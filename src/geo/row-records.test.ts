import { describe, expect, it } from "vitest";
import { RowRecords } from "./row-records.js";
import { decodeColumns, encodeColumns, nameHash } from "./settlement-columns.js";

describe("row records", () => {
  const columns = decodeColumns(
    encodeColumns([
      {
        id: 706483,
        region: "UA-63",
        feature: "PPLA",
        population: 1_430_885,
        lat: 49.9808,
        lon: 36.2527,
        exactNames: ["kharkiv", "харьков", "харків"],
      },
      {
        id: -17,
        region: "RU-BEL",
        feature: "POST",
        population: 0,
        lat: 50.6101,
        lon: 36.5836,
        exactNames: ["shchetinovka", "щетиновка", ""],
      },
    ]),
  );
  const records = new RowRecords(
    columns,
    Int32Array.from([0, 120]),
    (population, feature) => population / 1e7 + (feature === "PPLA" ? 0.25 : 0),
  );

  it("gives back each row's facts", () => {
    expect([records.id(0), records.region(0), records.feature(0), records.population(0)]).toEqual([706483, "UA-63", "PPLA", 1_430_885]);
    expect([records.id(1), records.region(1), records.feature(1), records.textStart(1)]).toEqual([-17, "RU-BEL", "POST", 120]);
    expect([records.lat(1), records.lon(1)]).toEqual([50.6101, 36.5836]);
    expect(records.staticScore(0)).toBeCloseTo(0.393, 3);
  });

  it("knows a row's names by hash and lets each lookup score a row once", () => {
    expect(records.hasNameHash(1, nameHash("щетиновка"))).toBe(true);
    expect(records.hasNameHash(1, nameHash("харків"))).toBe(false);
    expect(records.claim(0, 1)).toBe(true);
    expect(records.claim(0, 1)).toBe(false);
    expect(records.claim(0, 2)).toBe(true);
  });
});
