import { describe, expect, it } from "vitest";
import { findDateCue } from "./dates.js";
import { tokensOf } from "./test-helpers.js";

const dateOf = (text: string, language: "en" | "ru" | "uk", published: string | null) => {
  const { tokens } = tokensOf(text, language);
  return findDateCue(tokens, text, 0, published, language)?.date;
};

describe("findDateCue", () => {
  it("dates a night by its morning", () => {
    expect(dateOf("В ночь на 22 июля беспилотники атаковали", "ru", "2025-07-22")).toBe("2025-07-22");
    expect(dateOf("в ночь с 21 на 22 июля сбиты дроны", "ru", "2025-07-23")).toBe("2025-07-22");
    expect(dateOf("Вночі проти 22 липня ворог атакував", "uk", "2025-07-22")).toBe("2025-07-22");
    expect(dateOf("Overnight into February 8, 2024, the enemy launched drones", "en", "2024-02-08")).toBe("2024-02-08");
  });

  it("resolves relative days against the publication date", () => {
    expect(dateOf("Drones were shot down overnight", "en", "2025-03-14")).toBe("2025-03-14");
    expect(dateOf("Yesterday a drone hit a car", "en", "2025-03-14")).toBe("2025-03-13");
    expect(dateOf("Накануне дрон атаковал автомобиль", "ru", "2025-03-14")).toBe("2025-03-13");
    expect(dateOf("Вчора ввечері дрон влучив у будинок", "uk", "2025-03-14")).toBe("2025-03-13");
    expect(dateOf("Сегодня утром сбиты два беспилотника", "ru", "2025-03-14")).toBe("2025-03-14");
    expect(dateOf("Учора ввечері дрон атакував автомобіль", "uk", "2025-03-14")).toBe("2025-03-13");
    expect(dateOf("Позавчора дрон атакував автомобіль", "uk", "2025-03-14")).toBe("2025-03-12");
  });

  it("resolves weekdays to the last such day, but not the day a statement was made", () => {
    // 2024-06-22 was a Saturday.
    expect(dateOf("On Monday a drone struck a house", "en", "2024-06-22")).toBe("2024-06-17");
    expect(dateOf("Strikes on refineries overnight into Friday", "en", "2024-06-22")).toBe("2024-06-21");
    expect(dateOf("The governor said Saturday that five people were killed the previous day", "en", "2024-06-22")).toBe("2024-06-21");
  });

  it("gives the year of the publication, or nothing when no year can be known", () => {
    expect(dateOf("on July 21 drones struck", "en", "2025-08-01")).toBe("2025-07-21");
    expect(dateOf("on December 30 drones struck", "en", "2025-01-02")).toBe("2024-12-30");
    expect(dateOf("on July 21 drones struck", "en", null)).toBeNull();
    expect(dateOf("21.07.2024 в Курской области", "ru", null)).toBe("2024-07-21");
  });

  it("leaves ambiguous anchors undated", () => {
    expect(dateOf("A day earlier, the ministry reported four drones", "en", "2024-06-22")).toBeNull();
    expect(dateOf("The drone fell on a house", "en", "2024-06-22")).toBeUndefined();
  });
});
