import { describe, expect, it } from "vitest";
import { lexiconFor } from "../lexicon.js";
import { compileSentenceWords, isCountryWord, sentenceWordsOf } from "./sentence-words.js";

describe("sentence words of the packs", () => {
  it("compiles word lists, labelled lists, endings and openings", () => {
    const w = compileSentenceWords({
      doer_country: { RU: ["россия"], UA: ["украин*"] },
      instrumental_endings: ["ами", "ою"],
      verb_before_endings: ["ли"],
      modifier_prefix: ["fpv"],
      direction_point: ["севернее"],
      direction_of: ["от"],
      direction_region: ["област*"],
    });
    expect(w.doerCountry.get("россия")).toBe("RU");
    expect(w.doerCountry.get("украинские")).toBe("UA");
    expect(w.doerCountry.get("беларусь")).toBeNull();
    expect(w.instrumental.test("дронами")).toBe(true);
    expect(w.instrumental.test("дроны")).toBe(false);
    // Three letters or more before the ending: «выпустили», not «ли».
    expect(w.verbBefore.test("выпустили")).toBe(true);
    expect(w.verbBefore.test("али")).toBe(false);
    expect(w.modifierPrefix.opens("fpv-дрона")).toBe(true);
    expect(w.directionFrom.test(" области севернее ")).toBe(true);
    expect(w.directionFrom.test(" и ")).toBe(false);
    // A key the pack lacks never matches.
    expect(w.strikeWord.has("удар")).toBe(false);
    expect(w.pluralAdjective.test("крылатые")).toBe(false);
  });

  it("reads each shipped pack's keys, by language", () => {
    expect(sentenceWordsOf(lexiconFor("uk")).doerCountry.get("росія")).toBe("RU");
    expect(sentenceWordsOf(lexiconFor("ru")).doerCountry.get("украина")).toBe("UA");
    expect(sentenceWordsOf(lexiconFor("en")).doerCountry.get("ukrainian")).toBe("UA");
    expect(sentenceWordsOf(lexiconFor("ru")).countryPrefixes.has("укр")).toBe(true);
    expect(isCountryWord(lexiconFor("uk"), "україну")).toBe(true);
    expect(isCountryWord(lexiconFor("uk"), "молдові")).toBe(true);
    expect(isCountryWord(lexiconFor("uk"), "харків")).toBe(false);
  });
});
