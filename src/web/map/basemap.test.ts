import { describe, expect, it } from "vitest";
import { buildBasemap } from "./basemap-build";

describe("basemap (build time)", () => {
  const map = buildBasemap();
  it("keeps the neighbours in the box and marks Russia and Ukraine as home", () => {
    const ids = new Set(map.countries.features.map((f) => f.properties.id));
    for (const id of ["112", "616", "642", "398", "643", "804"]) expect(ids).toContain(id);
    expect(ids).not.toContain("032"); // Argentina
    expect(
      map.countries.features
        .filter((f) => f.properties.home)
        .map((f) => f.properties.id)
        .sort(),
    ).toEqual(["643", "804"]);
  });
  it("places each labelled neighbour inside the box, Belarus north of Ukraine", () => {
    const by = map.labels.find((l) => l.code === "BY");
    expect(by?.at[0]).toBeGreaterThan(24);
    expect(by?.at[0]).toBeLessThan(32);
    expect(by?.at[1]).toBeGreaterThan(52);
    expect(map.labels.length).toBeGreaterThan(20);
  });
  it("draws borders between countries as lines", () => {
    expect(map.borders.features[0].geometry.coordinates.length).toBeGreaterThan(50);
  });
});
