import { describe, expect, it } from "vitest";
import { compileNameMorphology, nominativeWord, titleCase } from "./name-case.js";

describe("names after a title in an oblique case", () => {
  it("reads the case from the title", () => {
    expect(titleCase("губернатора", "ru")).toBe("genitive");
    expect(titleCase("главы", "ru")).toBe("genitive");
    expect(titleCase("мэром", "ru")).toBe("instrumental");
    expect(titleCase("губернатору", "ru")).toBe("dative");
    expect(titleCase("губернатор", "ru")).toBeNull();
    expect(titleCase("глава", "ru")).toBeNull();
    expect(titleCase("голова", "uk")).toBeNull();
    expect(titleCase("головою", "uk")).toBe("instrumental");
    expect(titleCase("очільнику", "uk")).toBe("dative");
  });

  it("puts Russian names back in the nominative", () => {
    const gen = (w: string) => nominativeWord(w, "genitive", "ru");
    expect(["Александра", "Гусева", "Андрея", "Юрия", "Богомаза", "Жуковского", "Анны", "Ивановой"].map(gen)).toEqual([
      "Александр",
      "Гусев",
      "Андрей",
      "Юрий",
      "Богомаз",
      "Жуковский",
      "Анна",
      "Иванова",
    ]);
    expect(["Игоря", "Петра", "Павла"].map(gen)).toEqual(["Игорь", "Петр", "Павел"]);
    expect(["Сергеем", "Собяниным"].map((w) => nominativeWord(w, "instrumental", "ru"))).toEqual(["Сергей", "Собянин"]);
    expect(nominativeWord("Гладкову", "dative", "ru")).toBe("Гладков");
  });

  it("puts Ukrainian names back in the nominative", () => {
    const gen = (w: string) => nominativeWord(w, "genitive", "uk");
    expect(["Олега", "Кіпера", "Сергія", "Лисака", "Ігоря", "Дмитра", "Петра", "Марії"].map(gen)).toEqual([
      "Олег",
      "Кіпер",
      "Сергій",
      "Лисак",
      "Ігор",
      "Дмитро",
      "Петро",
      "Марія",
    ]);
    expect(["Олегу", "Кіперу", "Олегові"].map((w) => nominativeWord(w, "dative", "uk"))).toEqual(["Олег", "Кіпер", "Олег"]);
    expect(nominativeWord("Федоровим", "instrumental", "uk")).toBe("Федоров");
  });

  it("leaves nominative and indeclinable names as written, and names of a language without rules", () => {
    expect(nominativeWord("Кличко", "genitive", "uk")).toBe("Кличко");
    expect(nominativeWord("Gladkov", "genitive", "ru")).toBe("Gladkov");
    expect(nominativeWord("Гладков", null, "ru")).toBe("Гладков");
    expect(nominativeWord("Гусева", "genitive", "en")).toBe("Гусева");
  });

  it("takes the rules of a pack's morphology.json", () => {
    const toy = compileNameMorphology({
      name_cases: { title_endings: { genitive: ["а"] }, rules: { genitive: [["ова$", "ов"]] } },
    });
    expect(titleCase("губернатора", "ru", toy)).toBe("genitive");
    expect(nominativeWord("Петрова", "genitive", "ru", toy)).toBe("Петров");
    expect(nominativeWord("Гусева", "genitive", "ru", toy)).toBe("Гусева");
  });
});
