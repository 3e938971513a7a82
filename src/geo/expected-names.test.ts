import { describe, expect, it } from "vitest";
import { namesProblems, readExpectedNames } from "./expected-names.js";
import { defaultGazetteer } from "./gazetteer.js";

describe("display names of the largest places (data/gazetteer/expected-names.tsv)", () => {
  it("has 200 places of each country", () => {
    const rows = readExpectedNames();
    expect(rows.filter((r) => r.country === "UA")).toHaveLength(200);
    expect(rows.filter((r) => r.country === "RU")).toHaveLength(200);
  });
  it("are the gazetteer's names", () => {
    expect(namesProblems(defaultGazetteer(), readExpectedNames())).toEqual([]);
  });
});
