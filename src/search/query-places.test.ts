import { describe, expect, it } from "vitest";
import { defaultPlaceResolver } from "../geo/resolver.js";
import { queryPlaces } from "./query-places.js";

const resolver = defaultPlaceResolver();
const search = (name: string) => resolver.searchSettlements?.(name) ?? [];
const settlements = (q: string) => queryPlaces(q, search).settlements.map((s) => `${s.region} ${s.name}`);
const regions = (q: string) => queryPlaces(q, search).regions.map((r) => r.iso);

describe("the places a query names", () => {
  it("reads a city's name in any language and case form as the same settlement", () => {
    for (const q of ["Харьков", "Харків", "Kharkiv", "харькове", "у Харкові", "в Харькове"])
      expect(settlements(q), q).toEqual(["UA-63 Kharkiv"]);
    expect(settlements("Днепр")).toContain("UA-12 Dnipro");
    expect(settlements("в Щетиновке")).toEqual(["RU-BEL Shchetinovka"]);
    expect(settlements("Климово")).toEqual(expect.arrayContaining(["RU-BRY Klimovo"]));
  });

  it("reads a region by its adjective, with or without its head word, in any case", () => {
    expect(regions("Белгородская")).toEqual(["RU-BEL"]);
    expect(regions("белгородская область")).toEqual(["RU-BEL"]);
    expect(regions("Белгородской области")).toEqual(["RU-BEL"]);
    expect(regions("Belgorod region")).toEqual(["RU-BEL"]);
    expect(regions("Харківська")).toEqual(["UA-63"]);
    // The bare name is the city, as in "q=Belgorod".
    expect(regions("Belgorod")).toEqual([]);
    expect(settlements("Belgorod")).toContain("RU-BEL Belgorod");
  });

  it("gives the names of what it found in the three languages, for the text search", () => {
    const [kharkiv] = queryPlaces("Kharkiv", search).settlements;
    expect(kharkiv.names).toEqual(["Kharkiv", "Харьков", "Харків"]);
    const [belgorod] = queryPlaces("Белгородская", search).regions;
    expect(belgorod.names).toEqual(["Belgorod", "Белгородская", "Бєлгородська"]);
  });

  it("names nothing for words that are no place, or a place with other words", () => {
    expect(queryPlaces("автомобиль", search)).toEqual({ settlements: [], regions: [] });
    expect(queryPlaces("", search)).toEqual({ settlements: [], regions: [] });
    expect(queryPlaces("12345", search)).toEqual({ settlements: [], regions: [] });
    expect(queryPlaces("Белгородская", null).regions.map((r) => r.iso)).toEqual(["RU-BEL"]);
  });
});
