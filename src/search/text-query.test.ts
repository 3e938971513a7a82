import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allWordsQuery, anyPhraseQuery, wordPrefixes } from "./text-query.js";

// A tsquery of this module: terms of letters and digits, optionally a :* prefix mark, joined by & and |, in parentheses.
const SAFE = /^[\p{L}\p{N}:*&|() ]*$/u;

describe("text queries", () => {
  it("finds case forms by their stem's prefix, in each language's stemmer", () => {
    expect(wordPrefixes("Харькове")).toContain("харьков");
    expect(wordPrefixes("Харкові")).toEqual(["харк"]);
    expect(wordPrefixes("автомобилю")[0]).toMatch(/^автомобил/);
    expect(wordPrefixes("strikes")).toEqual(["strik"]);
    expect(wordPrefixes("drones")).toEqual(["dron"]);
    expect(wordPrefixes("Kharkiv")).toEqual(["kharkiv"]);
    expect(wordPrefixes("ёж")).toEqual(["еж"]);
  });

  it("ands the words of a query and ors the phrases of a place's names", () => {
    expect(allWordsQuery("drone warehouse")).toBe("drone:* & warehouse:*");
    expect(allWordsQuery("damaged houses")).toBe("damag:* & hous:*");
    expect(allWordsQuery("!!! ...")).toBeNull();
    expect(anyPhraseQuery(["Kharkiv", "Харьков", "Харків"])).toBe("kharkiv:* | харьк:* | харк:*");
    expect(anyPhraseQuery(["Belgorod Oblast", "Kursk"])).toBe("(belgorod:* & oblast:*) | kursk:*");
  });

  it("never lets an operator, quote or backslash of the input into the tsquery", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (text) => {
        const q = allWordsQuery(text);
        if (q === null) expect(text).not.toMatch(/[\p{L}\p{N}]/u);
        else {
          expect(q).toMatch(SAFE);
          expect(q).not.toMatch(/'|\\|!|<->/);
        }
        const any = anyPhraseQuery([text, text.toUpperCase()]);
        if (any !== null) expect(any).toMatch(SAFE);
      }),
      { numRuns: 500 },
    );
  });
});
