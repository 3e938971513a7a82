import { describe, expect, it } from "vitest";
import {
  claimDisagreements,
  disagreementParts,
  disagreementStoredParts,
  disagreementValueParts,
  flagText,
  officialText,
  qualifierText,
  reasonText,
} from "./claim-text";
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

  it("renders a stored reason code with its parameters, in every language", () => {
    const hit = {
      code: "same_hit",
      region: "UA-12",
      sea: null,
      country: null,
      weapon: null,
      date: "2025-10-26",
      claimDate: "2025-10-26",
    } as const;
    expect(reasonText(ru, hit, names)).toBe("то же событие (удар): Днепропетровская область, 26 окт. 2025 г.");
    expect(reasonText(ru, { ...hit, claimDate: "2025-10-25" }, names)).toBe(
      "то же событие (удар): Днепропетровская область, 26 окт. 2025 г.; дата в этом сообщении — 25 окт. 2025 г.",
    );
    const sea = { ...hit, code: "same_interception", region: null, sea: "Black Sea", date: null, claimDate: null } as const;
    expect(reasonText(uk, sea, names)).toBe("та сама подія (перехоплення): Чёрное море, дата невідома");
    const tally = { ...hit, region: null, country: "RU", weapon: "missile", date: "2025-03-04", claimDate: "2025-03-04" } as const;
    expect(reasonText(en, tally, names)).toBe("same hit: Russia (nationwide, missile), Mar 4, 2025");
    expect(reasonText(uk, { ...hit, joinedSettlement: "Nikopol" }, names)).toMatch(
      /^та сама подія \(удар\): Днепропетровская область, .*; населений пункт не названо; Nikopol — єдиний/,
    );
    expect(reasonText(ru, { ...hit, joinedSettlement: "Nikopol" }, { ...names, settlement: () => "Никополь" })).toMatch(
      /; населённый пункт не назван; Никополь — единственный, о котором сообщали там в этот день$/,
    );
    expect(reasonText(en, { ...hit, joinedSettlement: "Nikopol" }, names)).toMatch(
      /; names no settlement; Nikopol is the only one reported there that day$/,
    );
    // A prose reason of a country tally told apart by weapon (written between migrations 5 and 10).
    expect(reasonText(en, "same hit, country:RU:drone, 2025-03-04, date 2025-03-04", names)).toBe(
      "same hit: Russia (nationwide), Mar 4, 2025",
    );
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

  it("renders disagreements from the claims' values, as the English line says them", () => {
    const claim = (incidentId: number, official: string | null, source: string, count: number | null, killed: number | null = null) => ({
      incidentId,
      official,
      count,
      killed,
      injured: null,
      report: { source },
    });
    const claims = [
      claim(2, "Governor Vyacheslav Gladkov", "tg", 5, 1),
      claim(1, null, "Russian Ministry of Defence", 3, 1),
      claim(3, null, "x", null),
    ];
    const values = claimDisagreements(claims);
    expect(values).toEqual([
      {
        field: "count",
        values: [
          { source: "Russian Ministry of Defence", value: 3 },
          { source: "Governor Vyacheslav Gladkov", value: 5 },
        ],
      },
    ]);
    const text = (parts: Array<{ text: string }>) => parts.map((p) => p.text).join("");
    expect(text(disagreementValueParts(ru, values[0]))).toBe(
      text(disagreementParts(ru, "count: Russian Ministry of Defence 3; Governor Vyacheslav Gladkov 5")),
    );
    expect(text(disagreementValueParts(uk, values[0]))).toMatch(/^.+: .+ 3; .+Vyacheslav Gladkov 5$/);
  });

  it("puts the stored values into words in each interface language, and an older server's line too", () => {
    const stored = {
      field: "killed" as const,
      values: [
        { source: "Governor Vyacheslav Gladkov", value: 2 },
        { source: "the mayor", value: 1000 },
      ],
    };
    const text = (parts: Array<{ text: string }>) => parts.map((p) => p.text).join("");
    expect(text(disagreementStoredParts(en, stored))).toBe("Killed: Governor Vyacheslav Gladkov 2; the mayor 1,000");
    expect(text(disagreementStoredParts(ru, stored))).toMatch(/^Погибли: Губернатор Vyacheslav Gladkov 2; .+ 1\s000$/);
    expect(text(disagreementStoredParts(uk, stored))).toMatch(/^Загинули: .+Vyacheslav Gladkov 2; .+ 1\s000$/);
    // A person's name stays a name (kept as written, marked for the view).
    expect(disagreementStoredParts(ru, stored).find((p) => p.text === "Vyacheslav Gladkov")?.name).toBe(true);
    expect(text(disagreementStoredParts(ru, "count: Governor Vyacheslav Gladkov 5; the mayor 7"))).toMatch(/^Число: Губернатор/);
    expect(disagreementStoredParts(ru, { field: "other", values: [] } as never)).toEqual([]);
  });
});
