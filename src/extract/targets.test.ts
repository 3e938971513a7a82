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
  it("reads a generic word with a type word as one target of that type", () => {
    const targetsIn = (text: string, language: "en" | "ru" | "uk") => {
      const { tokens, lex } = tokensOf(text, language);
      return findTargets(tokens, text, lex).map((t) => `${t.type}: ${t.text}`);
    };
    expect(targetsIn("a missile struck an energy facility near the town", "en")).toEqual(["energy: an energy facility"]);
    expect(targetsIn("drones struck port infrastructure", "en")).toEqual(["transport: port infrastructure"]);
    expect(targetsIn("a drone hit an apartment block", "en")).toEqual(["residential: an apartment block"]);
    expect(targetsIn("a truck and a facility were hit", "en")).toEqual(["vehicle: a truck", "industrial: a facility"]);
  });
  it("does not take the hospital victims were taken to for a target", () => {
    expect(typesIn("He was taken to hospital with shrapnel wounds", "en")).toEqual([]);
    expect(typesIn("Пострадавшего доставили в больницу", "ru")).toEqual([]);
  });
});
