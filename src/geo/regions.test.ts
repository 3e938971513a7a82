import { describe, expect, it } from "vitest";
import { RegionLocator, type RegionPolygons } from "./regions.js";

/** A rectangle region, [lon, lat] corners. */
function box(iso: string, [x1, y1]: [number, number], [x2, y2]: [number, number]): RegionPolygons["features"][number] {
  const ring: Array<[number, number]> = [
    [x1, y1],
    [x2, y1],
    [x2, y2],
    [x1, y2],
    [x1, y1],
  ];
  return { properties: { iso }, geometry: { type: "MultiPolygon", coordinates: [[ring]] } };
}

describe("RegionLocator", () => {
  // Two regions whose outlines overlap between lon 35.0 and 35.2 (outlines from different surveys).
  const locator = new RegionLocator({
    type: "FeatureCollection",
    features: [box("RU-BEL", [35.0, 50.0], [37.0, 51.0]), box("UA-63", [33.0, 49.0], [35.2, 51.0])],
  });

  it("finds the region a point lies in", () => {
    expect(locator.regionAt(50.5, 36.5)).toBe("RU-BEL");
    expect(locator.regionAt(49.5, 34.0)).toBe("UA-63");
  });

  it("gives an overlap to the region the point lies deeper inside", () => {
    expect(locator.regionAt(50.5, 35.15)).toBe("RU-BEL"); // 0.15° into RU-BEL, 0.05° from UA-63's edge
    expect(locator.regionAt(50.5, 35.04)).toBe("UA-63");
  });

  it("puts a point just outside every outline in the nearest one, by edge rather than by corner", () => {
    // Just north of RU-BEL's long top edge, far from its corners; UA-63's corner (35.2, 51) is farther.
    expect(locator.regionAt(51.03, 36.0)).toBe("RU-BEL");
    expect(locator.regionAt(53.0, 36.0)).toBeNull();
  });
});

describe("region names in Russian and Ukrainian", async () => {
  const { areaName } = await import("./region-lexicon.js");
  it("names city-regions by their city and the seas", () => {
    expect(["RU-MOW", "RU-SPE", "UA-30", "UA-40"].map((iso) => areaName(iso, "ru"))).toEqual([
      "Москва",
      "Санкт-Петербург",
      "Киев",
      "Севастополь",
    ]);
    expect(["RU-MOW", "RU-SPE", "UA-30", "UA-40"].map((iso) => areaName(iso, "uk"))).toEqual([
      "Москва",
      "Санкт-Петербург",
      "Київ",
      "Севастополь",
    ]);
    expect(["Black Sea", "Sea of Azov"].map((sea) => areaName(sea, "uk"))).toEqual(["Чорне море", "Азовське море"]);
    expect(areaName("Sea of Azov", "ru")).toBe("Азовское море");
  });
});
