import { beforeAll, describe, expect, it } from "vitest";
import { extractReport } from "../extract/index.js";
import { defaultGazetteer, type Gazetteer, loadGazetteer } from "./gazetteer.js";
import { gazetteerResolver } from "./resolver.js";

let g: Gazetteer;
beforeAll(() => {
  g = loadGazetteer([{ name: "Zarechnoye Novoye", region: "RU-KRS", lat: 51.5, lon: 35.9, names: ["Заречное Новое"] }]);
});

const top = (name: string, region?: string) => {
  const c = g.resolvePlace(name, { region })[0];
  return c ? `${c.name} ${c.region}` : null;
};

describe("resolvePlace", () => {
  it("understands Russian case forms", () => {
    expect(top("Щетиновке")).toBe("Shchetinovka RU-BEL");
    expect(top("Грайвороне")).toBe("Grayvoron RU-BEL");
    expect(top("Грузском", "RU-BEL")).toBe("Gruzskoe RU-BEL");
  });

  it("understands Ukrainian case forms", () => {
    expect(top("Харкові")).toBe("Kharkiv UA-63");
    expect(top("Козачій Лопані")).toBe("Kozacha Lopan UA-63");
    expect(top("Запоріжжі")).toMatch(/^Zaporizhzh(i|y)a UA-23$/);
  });

  it("finds what the stemmers miss: -ав names and к/ц before -і", () => {
    expect(top("Бериславу", "UA-65")).toBe("Beryslav UA-65");
    expect(top("Білозерці", "UA-65")).toBe("Bilozerka UA-65");
    // "Антонівці" is also a village's own name elsewhere; the region asked for decides.
    expect(top("Антонівці", "UA-65")).toBe("Antonivka UA-65");
  });

  it("matches transliteration variants", () => {
    expect(top("Shchetinovka")).toBe("Shchetinovka RU-BEL");
    expect(top("Ščetinovka")).toBe("Shchetinovka RU-BEL");
    expect(top("Shchetynivka", "RU-BEL")).toBe("Shchetinovka RU-BEL");
    expect(top("Graivoron")).toBe("Grayvoron RU-BEL");
    expect(top("Kharkov")).toBe("Kharkiv UA-63");
  });

  it("resolves ambiguous names by the region named in the text", () => {
    const everywhere = g.resolvePlace("Ivanovka", { limit: 50 });
    expect(new Set(everywhere.map((c) => c.region)).size).toBeGreaterThan(5);
    expect(g.resolvePlace("Ivanovka", { region: "UA-65" })[0].region).toBe("UA-65");
    expect(g.resolvePlace("Ивановка", { region: "RU-KRS" })[0].region).toBe("RU-KRS");
  });

  it("prefers the nearer place when no region decides", () => {
    const nearKherson = g.resolvePlace("Ivanovka", { near: { lat: 46.6, lon: 32.6 } })[0];
    expect(nearKherson.region).toMatch(/UA-65|UA-43|UA-23/);
  });

  it("finds nothing for names it does not know, and finds local additions", () => {
    expect(g.resolvePlace("Xyzzyville")).toEqual([]);
    expect(top("Заречном Новом")).toBe("Zarechnoye Novoye RU-KRS");
    expect(top("Zarechnoye Novoye")).toBe("Zarechnoye Novoye RU-KRS");
  });
});

describe("regions", () => {
  it("places points in regions by polygon", () => {
    expect(g.pointToRegion(50.5955, 36.5873)).toBe("RU-BEL"); // Belgorod
    expect(g.pointToRegion(50.45, 30.52)).toBe("UA-30"); // Kyiv
    expect(g.pointToRegion(44.6, 33.52)).toBe("UA-40"); // Sevastopol
    expect(g.pointToRegion(55.75, 37.62)).toBe("RU-MOW"); // Moscow
    expect(g.pointToRegion(0, 0)).toBeNull();
  });

  it("knows which regions border Ukraine and Belarus", () => {
    expect(g.regionFacts("RU-BEL")?.bordersUkraine).toBe(true);
    expect(g.regionFacts("RU-KLU")?.bordersUkraine).toBe(false);
    expect(g.regionFacts("RU-SMO")?.bordersUkraine).toBe(false);
    expect(g.regionFacts("RU-SMO")?.bordersBelarus).toBe(true);
    expect(g.regionFacts("RU-KLU")?.neighbours).toContain("RU-BRY");
  });
});

describe("claim check", () => {
  const flagsOf = (text: string) => extractReport(text, { published: "2025-07-21", places: gazetteerResolver(g) }).flags;

  it("flags a false border claim for each region it is made about", () => {
    const flags = flagsOf(
      "Two more drones were downed in the Kaluga and Smolensk regions, each of which lies along the border with Ukraine.",
    );
    expect(flags.map((f) => f.message)).toEqual([expect.stringMatching(/Kaluga Oblast/), expect.stringMatching(/Smolensk Oblast/)]);
    expect(flags[0].span).toEqual({ start: 0, end: 113 });
  });

  it("accepts a true claim and reads Russian claims", () => {
    expect(flagsOf("A man was killed in shelling of Russia's Belgorod region, which borders Ukraine.")).toEqual([]);
    expect(flagsOf("Беспилотник сбит над Орловской областью, которая граничит с Украиной.")).toHaveLength(1);
    expect(flagsOf("Беспилотник сбит над Курской областью, которая граничит с Украиной.")).toEqual([]);
  });
});

describe("geocoded incidents", () => {
  it("carry coordinates at settlement precision, or the region centroid", () => {
    const { incidents } = extractReport(
      "Губернатор Вячеслав Гладков сообщил, что дрон атаковал автомобиль в селе Щетиновка Белгородского района. Над Курской областью сбиты два беспилотника.",
      { published: "2025-07-21", places: gazetteerResolver(g) },
    );
    const [village, region] = incidents;
    expect(village).toMatchObject({ region: "RU-BEL", settlement: "Shchetinovka", geo_precision: 1 });
    expect(village.lat).toBeCloseTo(50.45, 1);
    expect(region).toMatchObject({ region: "RU-KRS", settlement: null, geo_precision: 3 });
  });

  it("places settlements named without a settlement word", () => {
    const { incidents } = extractReport(
      "Белгородский губернатор рассказал об ударе беспилотника по автомобилю. Это произошло в Грайвороне.",
      {
        published: "2025-07-21",
        places: gazetteerResolver(g),
      },
    );
    expect(incidents[0]).toMatchObject({ region: "RU-BEL", settlement: "Grayvoron", geo_precision: 1 });
  });
});

describe("districtRegion", () => {
  it("tells the region of a district named by its adjective, in Russian, Ukrainian or Latin", () => {
    expect(g.districtRegion("Грайворонском")).toBe("RU-BEL");
    expect(g.districtRegion("Нікопольському")).toBe("UA-12");
    expect(g.districtRegion("Nikopolskyi")).toBe("UA-12");
    expect(g.districtRegion("Новгород-Сіверському")).toBe("UA-74");
  });

  it("says nothing when several regions have a district of that name, or none has", () => {
    expect(g.districtRegion("Курском")).toBeNull(); // Kursk Oblast and Stavropol Krai
    expect(g.districtRegion("Несуществующем")).toBeNull();
  });

  it("places a report that names only a district", () => {
    const text = "В Грайворонском округе атакам дронов подверглись Дроновка и Смородино. Пострадавших нет.";
    const { incidents } = extractReport(text, { published: "2025-09-28", places: gazetteerResolver(g) });
    expect(incidents.map((i) => `${i.region} ${i.settlement}`)).toEqual(["RU-BEL Dronovka", "RU-BEL Smorodino"]);
  });
});

describe("ranking and names of the largest places (issue 12)", () => {
  const g = defaultGazetteer();
  const first = (name: string) => g.resolvePlace(name)[0];
  it("puts a regional capital above its region, a district town above a hamlet", () => {
    expect(first("Белгород")).toMatchObject({ precision: "settlement", region: "RU-BEL" });
    expect(first("Климово")).toMatchObject({ region: "RU-BRY" });
  });
  it("reads past a preposition typed before a case form", () => {
    expect(first("в Щетиновке")?.settlement?.nameRu).toBe("Щетиновка");
    expect(first("у Кременчуці")?.settlement).toMatchObject({ id: 704147, nameUk: "Кременчук", nameRu: "Кременчуг" });
  });
  it("takes a city's population from its city council when its own row is far below", () => {
    expect(g.resolvePlace("Херсон")[0]?.settlement?.population).toBeGreaterThan(250_000);
  });
});
