import { describe, expect, it } from "vitest";
import { disagreementParts, flagText, officialText, qualifierText, reasonText } from "./claim-text";
import { translator } from "./i18n";

const ru = translator("ru");
const uk = translator("uk");
const en = translator("en");
const names = {
  region: (iso: string) => ({ "UA-12": "Днепропетровская область" })[iso] ?? iso,
  sea: (name: string) => (name === "Black Sea" ? "Чёрное море" : name),
};

describe("claim text in the interface language", () => {
  it("translates officials' known titles and keeps the person's name", () => {
    expect(officialText(ru, "Governor Vyacheslav Gladkov")).toBe("Губернатор Vyacheslav Gladkov");
    expect(officialText(uk, "Mayor Ihor Terekhov")).toBe("Мер Ihor Terekhov");
    expect(officialText(uk, "Acting Governor Alexander Khinshtein")).toBe("Т. в. о. губернатора Alexander Khinshtein");
    expect(officialText(uk, "Oleh Syniehubov, head of the regional military administration")).toBe(
      "Oleh Syniehubov, начальник обласної військової адміністрації",
    );
    expect(officialText(ru, "Russian Ministry of Defence")).toBe("Минобороны России");
    expect(officialText(ru, "the regional governor")).toBe("губернатор региона");
    expect(officialText(en, "Governor Vyacheslav Gladkov")).toBe("Governor Vyacheslav Gladkov");
    expect(officialText(ru, "Volodymyr Kohut")).toBe("Volodymyr Kohut");
  });

  it("renders the fusion's reason from its parts", () => {
    expect(reasonText(ru, "same hit, UA-12, 2025-10-26, date 2025-10-26", names)).toBe(
      "то же событие (удар): Днепропетровская область, 26 окт. 2025 г.",
    );
    expect(reasonText(ru, "same hit, UA-12, 2025-10-26, date 2025-10-25", names)).toBe(
      "то же событие (удар): Днепропетровская область, 26 окт. 2025 г.; дата в этом сообщении — 25 окт. 2025 г.",
    );
    expect(reasonText(uk, "same interception, sea:Black Sea, undated, date unknown", names)).toBe(
      "та сама подія (перехоплення): Чёрное море, дата невідома",
    );
    expect(reasonText(en, "same hit, country:RU, 2025-03-04, date 2025-03-04", names)).toBe("same hit: Russia (nationwide), Mar 4, 2025");
    expect(reasonText(ru, "something new", names)).toBe("something new");
  });

  it("translates disagreements, qualifiers and the border flag", () => {
    const text = disagreementParts(ru, "count: Governor Vyacheslav Gladkov 5; the mayor 7")
      .map((p) => p.text)
      .join("");
    expect(text).toBe("Число: Губернатор Vyacheslav Gladkov 5; мэр 7");
    expect(qualifierText(uk, "exact")).toBe("рівно");
    expect(qualifierText(ru, "at_least")).toBe("не менее");
    expect(qualifierText(ru, null)).toBeNull();
    const flag = {
      code: "false-border-claim",
      message: 'The text says Kaluga Oblast borders Ukraine ("which borders Ukraine"); it does not.',
    };
    expect(flagText(ru, flag, () => "Калужская область")).toBe(
      "В тексте сказано, что регион «Калужская область» граничит с Украиной («which borders Ukraine»); это не так.",
    );
  });
});
