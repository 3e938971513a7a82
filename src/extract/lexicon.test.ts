import { describe, expect, it } from "vitest";
import { lexiconFor, WordSet } from "./lexicon.js";
import { tokensOf } from "./test-helpers.js";

const SENTENCES: Array<[string, "en" | "ru" | "uk"]> = [
  ["ВСУ атаковали двумя ракетами «Искандер-М» и ударными беспилотниками Горловку и Шебекино", "ru"],
  ["Ворог атакував FPV-дронами та скинув вибухівку з безпілотника на Нікополь", "uk"],
  ["Russian forces struck Kharkiv with Shahed drones and an Iskander-M ballistic missile overnight", "en"],
  ["обстреляли из РСЗО «Град» и артиллерии Херсон, сбиты 12 беспилотников самолётного типа", "ru"],
];

describe("PhraseSet.findAllWithin", () => {
  it("finds what findAll finds in a copy of the span, at the sentence's token indexes", () => {
    for (const [text, language] of SENTENCES) {
      const lex = lexiconFor(language);
      const { tokens } = tokensOf(text, language);
      for (const set of [lex.weapons, lex.attack, lex.interception, lex.byMeans, lex.munitionNouns])
        for (let from = 0; from <= tokens.length; from++)
          for (let to = from; to <= tokens.length; to++) {
            const copied = set.findAll(tokens.slice(from, to)).map((m) => ({ label: m.label, first: m.first + from, last: m.last + from }));
            expect(set.findAllWithin(tokens, from, to)).toEqual(copied);
          }
    }
  });
});

describe("WordSet", () => {
  it("matches exact words and stems with letters only after them, whatever the stems' lengths", () => {
    const set = new WordSet(["дрон", "атак*", "об*", "shell*", "Ё*"]);
    expect(set.size).toBe(5);
    for (const w of ["дрон", "атака", "атак", "атакували", "обстріл", "об", "shelling", "shell", "еж"]) expect(set.has(w)).toBe(true);
    for (const w of ["дрони", "ата", "атак-2", "атака1", "о", "she", "shell's", "drone", ""]) expect(set.has(w)).toBe(false);
  });

  it("with a bare * matches every word of letters", () => {
    const set = new WordSet(["*"]);
    expect(set.has("будь-який")).toBe(false);
    expect(set.has("слово")).toBe(true);
    expect(set.has("")).toBe(true);
  });
});
