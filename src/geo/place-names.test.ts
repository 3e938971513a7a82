import { describe, expect, it } from "vitest";
import { chooseRussianName, chooseUkrainianName, cyrillicNameForms, isFarForm } from "./place-names.js";

// Alternates as GeoNames lists them (abridged), for the rules of src/geo/place-names.ts.
const names = (main: string, alternates: string) => {
  const forms = cyrillicNameForms(alternates.split(","));
  const uk = chooseUkrainianName(main, main, forms);
  return { uk, ru: chooseRussianName(uk, forms, main), forms };
};

describe("the Ukrainian and Russian names among GeoNames' alternates", () => {
  it("keeps only names in the Russian–Ukrainian alphabet, not phrases", () => {
    expect(
      cyrillicNameForms([
        "Кременчук",
        "Крамянчуг",
        "Кирмәнчек",
        "Город миллиона роз",
        "Донецк ош",
        "Кривий Ріг",
        "Жытомір",
        "Ростов-на-Дону",
      ]),
    ).toEqual(["Кременчук", "Крамянчуг", "Кривий Ріг", "Ростов-на-Дону"]);
  });
  it("Kremenchuk: Кременчук and Кременчуг, not Крэмэнчук or Кремінчук", () => {
    expect(names("Kremenchuk", "Kremenchug,Керменчӳк,Кирмәнчек,Крамянчуг,Кременчуг,Кременчук,Кремінчук,Крэмэнчук")).toMatchObject({
      uk: "Кременчук",
      ru: "Кременчуг",
    });
  });
  it("Odesa, Kharkiv, Kyiv, Lviv, Mykolaiv, Zaporizhzhia, Sevastopol, Donetsk", () => {
    expect(names("Odesa", "Адэса,Жемчужина у моря,Коцюбіїв,Одеса,Одесс,Одесса,Одесса ош,Одессе,Хаджибей,Южная столица")).toMatchObject({
      uk: "Одеса",
      ru: "Одесса",
    });
    expect(names("Kharkiv", "Харков,Харків,Харьков")).toMatchObject({ uk: "Харків", ru: "Харьков" });
    expect(names("Kyiv", "Кейӳ,Киев,Киев ош,Киевом,Киеву,Київ,Кијев,Кыив,Кыйив,Кіеў")).toMatchObject({ uk: "Київ", ru: "Киев" });
    expect(names("Lviv", "Лавов,Лвов,Львив,Львов,Львів")).toMatchObject({ uk: "Львів", ru: "Львов" });
    expect(names("Mykolayiv", "Верноленинск,Миколаїв,Николаев")).toMatchObject({ uk: "Миколаїв", ru: "Николаев" });
    expect(names("Zaporizhzhya", "Александровск,Запарожжа,Запорожье,Запорожје,Запоріжжя,Запоріжя,Олександрівськ")).toMatchObject({
      uk: "Запоріжжя",
      ru: "Запорожье",
    });
    expect(names("Sevastopol", "Акъяр,Севастопаль,Севастопол,Севастополь,Севастопољ")).toMatchObject({
      uk: "Севастополь",
      ru: "Севастополь",
    });
    expect(names("Donetsk", "Город миллиона роз,Данецк,Донбас-сіті,Донецк,Донецьк,Донецьке,Сталино,Юзовка")).toMatchObject({
      uk: "Донецьк",
      ru: "Донецк",
    });
  });
  it("keeps a shared spelling and drops case forms, Belarusian and pre-reform spellings", () => {
    expect(names("Poltava", "Балтавар,Лтава,Палтава,Полтав,Полтава,Полтаве,Польтова")).toMatchObject({ uk: "Полтава", ru: "Полтава" });
    expect(names("Kherson", "Херсон,Херсонскую")).toMatchObject({ uk: "Херсон", ru: "Херсон" });
    expect(names("Zhytomyr", "Житомир,Житомиръ,Жытомир,Жытомір")).toMatchObject({ uk: "Житомир", ru: "Житомир" });
  });
  it("tells former names from spellings", () => {
    expect(isFarForm("Александровск", "Запоріжжя", "Запорожье")).toBe(true);
    expect(isFarForm("Запоріжя", "Запоріжжя", "Запорожье")).toBe(false);
  });
});
