import { describe, expect, it } from "vitest";
import { findTargets } from "./targets.js";
import { tokensOf } from "./test-helpers.js";

const typesIn = (text: string, language: "en" | "ru" | "uk") => {
  const { tokens, lex } = tokensOf(text, language);
  return findTargets(tokens, text, lex).map((t) => t.type);
};

describe("findTargets", () => {
  it("types targets in English", () => {
    expect(typesIn("struck a truck and a private residence", "en")).toEqual(["vehicle", "residential"]);
    expect(typesIn("a fire at the oil refinery and a substation", "en")).toEqual(["energy", "energy"]);
    expect(typesIn("debris fell on a farm near a school", "en")).toEqual(["agricultural", "public"]);
  });
  it("types targets in Russian", () => {
    expect(typesIn("повреждены частный дом и автомобиль", "ru")).toEqual(["residential", "vehicle"]);
    expect(typesIn("загорелась подстанция, пострадал вокзал", "ru")).toEqual(["energy", "transport"]);
  });
  it("types targets in Ukrainian", () => {
    expect(typesIn("пошкоджені житлові будинки, магазин та ринок", "uk")).toEqual(["residential", "commercial", "commercial"]);
    expect(typesIn("влучання в підстанцію", "uk")).toEqual(["energy"]);
  });
  it("does not take the hospital victims were taken to for a target", () => {
    expect(typesIn("He was taken to hospital with shrapnel wounds", "en")).toEqual([]);
    expect(typesIn("Пострадавшего доставили в больницу", "ru")).toEqual([]);
  });
});
