import { describe, expect, it } from "vitest";
import { shortRegionName } from "./places";

describe("region names on the map", () => {
  it("drops the generic word in the three languages", () => {
    expect(shortRegionName("Kharkiv Oblast")).toBe("Kharkiv");
    expect(shortRegionName("Krasnodar Krai")).toBe("Krasnodar");
    expect(shortRegionName("Republic of Tatarstan")).toBe("Tatarstan");
    expect(shortRegionName("Белгородская область")).toBe("Белгородская");
    expect(shortRegionName("Республика Крым")).toBe("Крым");
    expect(shortRegionName("Автономна Республіка Крим")).toBe("Крим");
    expect(shortRegionName("Харківська область")).toBe("Харківська");
    expect(shortRegionName("Москва")).toBe("Москва");
  });
});
