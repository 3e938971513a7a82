import { describe, expect, it } from "vitest";
import { findNumbers } from "./numbers.js";
import { tokensOf } from "./test-helpers.js";

const numbersIn = (text: string, language: "en" | "ru" | "uk") => {
  const { tokens } = tokensOf(text, language);
  return findNumbers(tokens, text)
    .filter((n) => !n.notACount)
    .map((n) => [n.value, n.qualifier]);
};

describe("findNumbers", () => {
  it("reads English digits and words, compounds and qualifiers", () => {
    expect(numbersIn("29 drones and twenty-one missiles", "en")).toEqual([
      [29, "exact"],
      [21, "exact"],
    ]);
    expect(numbersIn("more than six targets", "en")).toEqual([[6, "more_than"]]);
    expect(numbersIn("at least 14 drones, about 40 missiles", "en")).toEqual([
      [14, "at_least"],
      [40, "about"],
    ]);
    expect(numbersIn("a total of 1,200 drones", "en")).toEqual([[1200, "exact"]]);
  });

  it("reads Russian case forms and qualifiers", () => {
    expect(numbersIn("сбиты двадцать девять беспилотников", "ru")).toEqual([[29, "exact"]]);
    expect(numbersIn("ранены двух мужчин, погибли трое", "ru")).toEqual([
      [2, "exact"],
      [3, "exact"],
    ]);
    expect(numbersIn("уничтожены пятью ракетами", "ru")).toEqual([[5, "exact"]]);
    expect(numbersIn("свыше 20 дронов, не менее 8 ударов, около 30 ракет, более ста целей", "ru")).toEqual([
      [20, "more_than"],
      [8, "at_least"],
      [30, "about"],
      [100, "more_than"],
    ]);
  });

  it("reads Ukrainian case forms and qualifiers", () => {
    expect(numbersIn("загинули шістьох людей", "uk")).toEqual([[6, "exact"]]);
    expect(numbersIn("п'ятеро поранених, понад 40 дронів, щонайменше дві ракети", "uk")).toEqual([
      [5, "exact"],
      [40, "more_than"],
      [2, "at_least"],
    ]);
  });

  it("does not count dates, times, years and model numbers", () => {
    expect(numbersIn("On July 21, 2024 at 16:00 a Shahed-136 fell", "en")).toEqual([]);
    expect(numbersIn("в ночь с 21 на 22 июля 2025 года", "ru")).toEqual([]);
  });
});
