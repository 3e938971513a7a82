// The regions that are one city (Kyiv, Moscow, St Petersburg, Sevastopol) and the oblast around each: the
// annotation guide's city-regions, whose settlement is the city when the event is inside it.

/** The ISO codes of the city-regions. */
export const CITY_REGIONS: ReadonlySet<string> = new Set(["UA-30", "RU-MOW", "RU-SPE", "UA-40"]);

/** City-regions that are one city (not Sevastopol, whose region holds many villages). */
export const CAPITAL_CITIES: ReadonlySet<string> = new Set(["UA-30", "RU-MOW", "RU-SPE"]);

/** The capitals of the two countries, whose names also stand for their governments ("Moscow said", «Київ заявив»). */
export const NATIONAL_CAPITALS: ReadonlySet<string> = new Set(["UA-30", "RU-MOW"]);

/** The oblast a city-region lies in (Sevastopol's surroundings are its own city-region's). */
export const OBLAST_AROUND_CITY: ReadonlyMap<string, string> = new Map([
  ["RU-MOW", "RU-MOS"],
  ["UA-30", "UA-32"],
  ["RU-SPE", "RU-LEN"],
]);
