import { describe, expect, it } from "vitest";
import { findRegionMentions, findSettlementMentions, findWaterMentions } from "./places.js";
import { tokensOf } from "./test-helpers.js";

const regionsIn = (text: string, language: "en" | "ru" | "uk") => {
  const { tokens } = tokensOf(text, language);
  let group = 0;
  return findRegionMentions(tokens, text, () => ++group).map(
    (m) => `${m.kind}:${m.regions.join("/")}${m.name ? `:${m.name}` : ""}${m.attributive ? ":attr" : ""}`,
  );
};

describe("findRegionMentions", () => {
  it("finds Russian regions in any case form", () => {
    expect(regionsIn("над Брянской областью сбиты", "ru")).toEqual(["region:RU-BRY"]);
    expect(regionsIn("в Брянской области и Курской области", "ru")).toEqual(["region:RU-BRY", "region:RU-KRS"]);
    expect(regionsIn("в Брянской, Курской и Орловской областях", "ru")).toEqual(["region:RU-BRY", "region:RU-KRS", "region:RU-ORL"]);
    expect(regionsIn("в Краснодарском крае и Республике Крым", "ru")).toEqual(["region:RU-KDA", "region:UA-43"]);
    expect(regionsIn("над Подмосковьем", "ru")).toEqual(["region:RU-MOS"]);
  });

  it("tells the city from its region", () => {
    expect(regionsIn("в Брянске", "ru")).toEqual(["city:RU-BRY:Bryansk"]);
    expect(regionsIn("на подлете к Москве", "ru")).toEqual(["city:RU-MOW:Moscow"]);
    expect(regionsIn("в Московской области", "ru")).toEqual(["region:RU-MOS"]);
  });

  it("finds Ukrainian regions, their -щина names and cities", () => {
    expect(regionsIn("на Харківщині", "uk")).toEqual(["region:UA-63"]);
    expect(regionsIn("у Запорізькій області та в Києві", "uk")).toEqual(["region:UA-23", "city:UA-30:Kyiv"]);
    expect(regionsIn("над Одещиною та Миколаївщиною", "uk")).toEqual(["region:UA-51", "region:UA-48"]);
  });

  it("finds English names, variants and lists", () => {
    expect(regionsIn("two more were downed in the Kaluga and Smolensk regions", "en")).toEqual(["region:RU-KLU", "region:RU-SMO"]);
    expect(regionsIn("in the Mykolaiv, Odesa, Vinnytsia, and Dnipropetrovsk regions", "en")).toEqual([
      "region:UA-48",
      "region:UA-51",
      "region:UA-05",
      "region:UA-12",
    ]);
    expect(regionsIn("in Kharkov and the Kiev region", "en")).toEqual(["city:UA-63:Kharkiv", "region:UA-32"]);
    expect(regionsIn("over Zaporozhye Oblast and Lugansk region", "en")).toEqual(["region:UA-23", "region:UA-09"]);
    expect(regionsIn("in the partly occupied region of Kherson", "en")).toEqual(["region:UA-65"]);
    expect(regionsIn("over Crimea", "en")).toEqual(["region:UA-43"]);
  });

  it("marks a region named only for its official as attributive, and skips districts", () => {
    expect(regionsIn("белгородский губернатор сообщил", "ru")).toEqual(["region:RU-BEL:attr"]);
    expect(regionsIn("в Белгородском районе", "ru")).toEqual([]);
    expect(regionsIn("Moscow's attack on Kyiv", "en")).toEqual(["city:UA-30:Kyiv"]);
  });
});

describe("findSettlementMentions", () => {
  const settlementsIn = (text: string, language: "en" | "ru" | "uk") => {
    const { tokens } = tokensOf(text, language);
    return findSettlementMentions(tokens, text, language).map((m) => m.name);
  };
  it("reads names after a settlement word", () => {
    expect(settlementsIn("a truck in the village of Shchetinovka", "en")).toEqual(["Shchetinovka"]);
    expect(settlementsIn("в селе Новая Таволжанка", "ru")).toEqual(["Novaya Tavolzhanka"]);
    expect(settlementsIn("в селе Коновалово Волоконовского района", "ru")).toEqual(["Konovalovo"]);
    expect(settlementsIn("в районе хутора Масычево", "ru")).toEqual(["Masychevo"]);
    expect(settlementsIn("у селищі Кача", "uk")).toEqual(["Kacha"]);
  });
});

describe("findWaterMentions", () => {
  it("finds seas in three languages", () => {
    const text = "над акваториями Азовского и Черного морей";
    const { tokens } = tokensOf(text, "ru");
    expect(findWaterMentions(text, 0, tokens).map((w) => w.name)).toEqual(["Black Sea", "Sea of Azov"]);
  });
});
