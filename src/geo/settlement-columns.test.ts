import { describe, expect, it } from "vitest";
import { decodeColumns, encodeColumns, NAME_HASHES, nameHash } from "./settlement-columns.js";

describe("settlement columns", () => {
  const rows = [
    {
      id: 706483,
      region: "UA-63",
      feature: "PPL",
      population: 1200,
      lat: 49.9935,
      lon: 36.2304,
      exactNames: ["kharkiv", "харьков", "харків"],
    },
    {
      id: -17,
      region: "RU-BEL",
      feature: "POST",
      population: 0,
      lat: 50.5977,
      lon: 36.5858,
      exactNames: ["shchetinovka", "щетиновка", ""],
    },
  ];

  it("reads back what was written, codes and all", () => {
    const bytes = encodeColumns(rows);
    // Decoding must not depend on where the bytes sit (a gunzipped Buffer may start at any offset).
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const c = decodeColumns(shifted.subarray(1));
    expect(c.count).toBe(2);
    expect(c.regionCodes[c.region[1]]).toBe("RU-BEL");
    expect(c.featureCodes[c.feature[0]]).toBe("PPL");
    expect(c.population[0]).toBe(1200);
    expect([...c.id]).toEqual([706483, -17]);
    expect(c.lat[1]).toBeCloseTo(50.5977, 4);
    expect(c.lon[0]).toBeCloseTo(36.2304, 4);
    expect(c.nameHashes[NAME_HASHES + 1]).toBe(nameHash("щетиновка"));
    expect(c.nameHashes[NAME_HASHES + 2]).toBe(0);
  });

  it("tells truncated data apart and says how to rebuild it", () => {
    const bytes = encodeColumns(rows);
    expect(() => decodeColumns(bytes.subarray(0, bytes.length - 8))).toThrow(/gazetteer:build/);
  });

  it("hashes names to non-zero values that differ between names", () => {
    expect(nameHash("")).not.toBe(0);
    expect(nameHash("ивановка")).not.toBe(nameHash("иванівка"));
  });
});
