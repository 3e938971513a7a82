import { describe, expect, it } from "vitest";
import { nominativeWord, titleCase } from "./name-case.js";

describe("names after a title in an oblique case", () => {
  it("reads the case from the title", () => {
    expect(titleCase("губернатора")).toBe("genitive");
    expect(titleCase("главы")).toBe("genitive");
    expect(titleCase("мэром")).toBe("instrumental");
    expect(titleCase("губернатору")).toBe("dative");
    expect(titleCase("губернатор")).toBeNull();
    expect(titleCase("голова")).toBeNull();
  });

  it("puts Russian and Ukrainian names back in the nominative", () => {
    const gen = (w: string) => nominativeWord(w, "genitive");
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
    expect(["Олега", "Кіпера", "Сергія", "Лисака"].map(gen)).toEqual(["Олег", "Кіпер", "Сергій", "Лисак"]);
    expect(["Ігоря", "Игоря", "Дмитра", "Петра"].map(gen)).toEqual(["Ігор", "Игорь", "Дмитро", "Петр"]);
    expect(["Сергеем", "Собяниным"].map((w) => nominativeWord(w, "instrumental"))).toEqual(["Сергей", "Собянин"]);
    expect(["Олегу", "Кіперу"].map((w) => nominativeWord(w, "dative"))).toEqual(["Олег", "Кіпер"]);
  });

  it("leaves nominative and indeclinable names as written", () => {
    expect(nominativeWord("Кличко", "genitive")).toBe("Кличко");
    expect(nominativeWord("Gladkov", "genitive")).toBe("Gladkov");
    expect(nominativeWord("Гладков", null)).toBe("Гладков");
  });
});
