// A fourth language is a folder and a registry line: test/fixtures/lang/ holds a registry that
// lists German and a de/ folder (lexicon.json, numbers.json, dates.json, examples/cues.json), with no code
// of its own. It is read with the same readRegistry/readPack as the shipped packs and compiled
// with the same compileLexicon, and the compiled phrase sets find the German cue words.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { LanguageCode } from "../../model/incident.js";
import { compileDateWords } from "../date-words.js";
import { findDateCue } from "../dates.js";
import { compileLexicon, type LexiconFile, type PhraseSet } from "../lexicon.js";
import { tokenize } from "../text/tokens.js";
import { readPack, readRegistry, shippedPacks } from "./packs.js";

const fixtures = fileURLToPath(new URL("../../../test/fixtures/lang", import.meta.url));

// The model's LanguageCode (src/model/incident.ts, LANGUAGES) still lists en, ru and uk only: the
// extractor's incidents carry one of those. compileLexicon needs the code only to label the
// lexicon, so the German code is cast; a shipped German pack would add "de" to LANGUAGES.
const GERMAN = "de" as LanguageCode;

function germanPack() {
  const [entry] = readRegistry(fixtures);
  return readPack(entry, fixtures);
}

function germanLexicon() {
  // The fixture leaves most keys out (only interception, strike, weapons, killed, injured,
  // no_casualties, not_cue): a missing key compiles to an empty phrase set.
  return compileLexicon(GERMAN, germanPack().lexicon as unknown as LexiconFile);
}

/** The words of a sentence that a phrase set matches, as written ("en": no stemmer, lower-casing only). */
function found(set: PhraseSet<unknown>, sentence: string): string[] {
  const tokens = tokenize(sentence, "en");
  return set.findAll(tokens).map((m) =>
    tokens
      .slice(m.first, m.last + 1)
      .map((t) => t.text)
      .join(" "),
  );
}

describe("a language pack from a folder and a registry line (German fixture)", () => {
  it("is listed by the fixture registry", () => {
    expect(readRegistry(fixtures)).toEqual([{ code: "de", name: "Deutsch", stemmer: null }]);
  });

  it("is read with its lexicon, numbers and examples", () => {
    const pack = germanPack();
    expect(pack.code).toBe("de");
    expect(pack.stemmer).toBeNull();
    expect(pack.lexicon.interception).toContain("abgeschossen");
    expect(pack.numbers.values["12"]).toEqual(["zwölf"]);
    expect(pack.numbers.qualifiers.more_than).toContain("mehr als");
    expect(pack.examples.map((f) => f.concept)).toEqual(["cues"]);
    const [cues] = pack.examples;
    expect(cues.examples.length).toBeGreaterThanOrEqual(3);
    for (const example of cues.examples) {
      expect(typeof example.text).toBe("string");
      expect(Array.isArray(example.expect)).toBe(true);
    }
  });

  it("compiles, with the keys it leaves out as empty phrase sets", () => {
    const lexicon = germanLexicon();
    expect(lexicon.language).toBe("de");
    const sentence = "Die Luftabwehr hat zwölf Drohnen abgeschossen.";
    expect(found(lexicon.tally, sentence)).toEqual([]);
    expect(found(lexicon.airDefenceActive, sentence)).toEqual([]);
    expect(found(lexicon.explosionsHeard, "Explosionen waren zu hören.")).toEqual([]);
  });

  it("finds the German cue words in the tokens of a German sentence", () => {
    const lexicon = germanLexicon();
    const sentence =
      "Die Luftabwehr hat in der Nacht zwölf Drohnen abgeschossen und zwei Raketen zerstört; Trümmer haben ein Wohnhaus beschädigt, niemand wurde verletzt.";
    expect(found(lexicon.interception, sentence)).toEqual(["abgeschossen", "zerstört"]);
    expect(found(lexicon.strike, sentence)).toEqual(["Trümmer", "beschädigt"]);
    expect(found(lexicon.noCasualties, sentence)).toEqual(["niemand wurde verletzt"]);
    const tokens = tokenize(sentence, "en");
    expect(lexicon.weapons.findAll(tokens).map((m) => [tokens[m.first].text, m.label])).toEqual([
      ["Drohnen", "drone"],
      ["Raketen", "missile"],
    ]);
  });

  it("finds casualties, a separable verb with a gap and the not-cue words", () => {
    const lexicon = germanLexicon();
    expect(found(lexicon.killed, "Bei dem Angriff wurden zwei Menschen getötet, drei wurden verwundet.")).toEqual(["getötet"]);
    expect(found(lexicon.injured, "Bei dem Angriff wurden zwei Menschen getötet, drei wurden verwundet.")).toEqual(["verwundet"]);
    expect(found(lexicon.interception, "Die Flugabwehr schoss acht Drohnen ab.")).toEqual(["schoss acht Drohnen ab"]);
    expect(found(lexicon.notCue, "Russland baut mehr Kampfdrohnen.")).toEqual(["Kampfdrohnen"]);
  });

  it("reads German dates with its dates.json alone", () => {
    const words = compileDateWords([germanPack().dates]);
    const dateOf = (sentence: string) => findDateCue(tokenize(sentence, "en"), sentence, 0, "2025-05-04", GERMAN, words)?.date;
    expect(dateOf("Am 2. Mai wurden zwölf Drohnen abgeschossen.")).toBe("2025-05-02");
    expect(dateOf("In der Nacht zum 4. Mai wurden zwölf Drohnen abgeschossen.")).toBe("2025-05-04");
    expect(dateOf("Gestern wurden zwölf Drohnen abgeschossen.")).toBe("2025-05-03");
    expect(dateOf("Heute Nacht wurden zwölf Drohnen abgeschossen.")).toBe("2025-05-04");
    expect(dateOf("Am Samstag wurden zwölf Drohnen abgeschossen.")).toBe("2025-05-03");
    expect(dateOf("Einen Tag zuvor wurden zwölf Drohnen abgeschossen.")).toBeNull();
    // The English words are not the German pack's.
    expect(dateOf("Yesterday twelve drones were shot down.")).toBeUndefined();
  });

  it("does not take the English words", () => {
    const lexicon = germanLexicon();
    expect(found(lexicon.interception, "Air defences shot down 12 drones.")).toEqual([]);
    expect(found(lexicon.weapons, "Air defences shot down 12 drones.")).toEqual([]);
  });
});

describe("the shipped packs' date words", () => {
  it("name the twelve months and the seven weekdays in every language", () => {
    for (const pack of shippedPacks().values()) {
      expect(
        Object.keys(pack.dates.months ?? {}).sort((a, b) => Number(a) - Number(b)),
        pack.code,
      ).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
      expect(Object.keys(pack.dates.weekdays ?? {}).sort(), pack.code).toEqual(["0", "1", "2", "3", "4", "5", "6"]);
    }
  });
});

describe("readRegistry's errors", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** A registry folder with the given languages listed and folders (each with a lexicon.json) made. */
  function registryDir(listed: Array<{ code: string; name: string; stemmer: null }>, folders: string[]): string {
    const root = mkdtempSync(join(tmpdir(), "skywatch-lang-"));
    dirs.push(root);
    writeFileSync(join(root, "registry.json"), JSON.stringify({ languages: listed }));
    for (const code of folders) {
      mkdirSync(join(root, code));
      writeFileSync(join(root, code, "lexicon.json"), "{}");
    }
    return root;
  }

  it("names a listed language whose folder is missing", () => {
    const root = registryDir(
      [
        { code: "de", name: "Deutsch", stemmer: null },
        { code: "fr", name: "Français", stemmer: null },
      ],
      ["de"],
    );
    expect(() => readRegistry(root)).toThrow(`${root}/registry.json lists 'fr', but ${root}/fr/lexicon.json is missing`);
  });

  it("names a folder that has no lexicon.json", () => {
    const root = registryDir([{ code: "fr", name: "Français", stemmer: null }], []);
    mkdirSync(join(root, "fr"));
    expect(() => readRegistry(root)).toThrow(/lists 'fr', but .*fr\/lexicon\.json is missing/);
  });

  it("refuses a code that is not a language code", () => {
    const root = registryDir([{ code: "German", name: "Deutsch", stemmer: null }], []);
    expect(() => readRegistry(root)).toThrow(`'German' is not a language code`);
  });

  it("says which file could not be read", () => {
    const root = mkdtempSync(join(tmpdir(), "skywatch-lang-"));
    dirs.push(root);
    expect(() => readRegistry(root)).toThrow(`language data ${join(root, "registry.json")} could not be read`);
    writeFileSync(join(root, "registry.json"), "{ not json");
    expect(() => readRegistry(root)).toThrow(`language data ${join(root, "registry.json")} could not be read`);
  });

  it("names a pack whose lexicon is not JSON", () => {
    const root = registryDir([{ code: "de", name: "Deutsch", stemmer: null }], ["de"]);
    writeFileSync(join(root, "de", "lexicon.json"), "not json");
    const [entry] = readRegistry(root);
    expect(() => readPack(entry, root)).toThrow(`language data ${join(root, "de", "lexicon.json")} could not be read`);
  });
});
