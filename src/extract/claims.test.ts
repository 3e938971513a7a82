// Geographic claims and closing signatures, read with each language's pack words.
import { describe, expect, it } from "vitest";
import { extractReport } from "./index.js";
import { readLayout } from "./layout.js";
import { lexiconFor } from "./lexicon.js";
import { splitSentences } from "./text/sentences.js";

const claimFlags = (text: string, language: "en" | "ru" | "uk") =>
  extractReport(text, { language, published: "2025-05-03" }).flags.filter((f) => f.code === "false-border-claim");

describe("border claims", () => {
  it("flags an English claim of a border with Ukraine that the gazetteer does not hold", () => {
    expect(claimFlags("Drones were downed over the Kaluga region, which borders Ukraine.", "en")).toHaveLength(1);
  });
  it("reads a Ukrainian claim about Russia in the instrumental («межує з Росією») as Russia's border", () => {
    const [flag] = claimFlags("Житомирська область межує з Росією.", "uk");
    expect(flag?.message).toMatch(/borders Russia/);
  });
  it("leaves a true claim alone", () => {
    expect(claimFlags("Курская область граничит с Украиной.", "ru")).toEqual([]);
  });
});

describe("signatures", () => {
  for (const [language, text] of [
    ["ru", "Ночью над Курской областью уничтожены 5 БПЛА.\nИсточник: ТАСС"],
    ["uk", "Вночі збито 5 БпЛА над Сумщиною.\nДжерело: Повітряні сили"],
    ["en", "Five drones were downed over Kursk overnight.\nSource: TASS"],
  ] as const)
    it(`reads a short last line opening with the pack's signature word as a signature (${language})`, () => {
      const sentences = splitSentences(text);
      const layout = readLayout(text, sentences, lexiconFor(language));
      expect(layout.at(-1)?.role).toBe("signature");
    });
});
