import { describe, expect, it } from "vitest";
import { findCasualties } from "./casualties.js";
import { findNumbers } from "./numbers.js";
import { tokensOf } from "./test-helpers.js";

const casualtiesIn = (text: string, language: "en" | "ru" | "uk") => {
  const { tokens, lex } = tokensOf(text, language);
  const { killed, injured, nobodyHurt } = findCasualties(tokens, findNumbers(tokens, text), new Set(), lex, text);
  return { killed, injured, nobodyHurt };
};

describe("findCasualties", () => {
  it("counts a single named person as one", () => {
    expect(casualtiesIn("A woman was injured when debris fell", "en")).toMatchObject({ injured: 1 });
    expect(casualtiesIn("leaving the driver with severe injuries", "en")).toMatchObject({ injured: 1 });
    expect(casualtiesIn("Ранен мужчина.", "ru")).toMatchObject({ injured: 1 });
    expect(casualtiesIn("Загинула жінка.", "uk")).toMatchObject({ killed: 1 });
  });

  it("reads numbers before and after the casualty word", () => {
    expect(casualtiesIn("Two people were killed and 11 injured", "en")).toMatchObject({ killed: 2, injured: 11 });
    expect(casualtiesIn("Russian attacks had killed five people and wounded seven", "en")).toMatchObject({ killed: 5, injured: 7 });
    expect(casualtiesIn("погибли трое, пострадали двое мирных жителей", "ru")).toMatchObject({ killed: 3, injured: 2 });
    expect(casualtiesIn("пострадал 21 человек, среди пострадавших трое детей", "ru")).toMatchObject({ injured: 21 });
    expect(casualtiesIn("загинули п'ятеро людей, ще троє отримали поранення", "uk")).toMatchObject({ killed: 5, injured: 3 });
  });

  it("adds up the people of a list", () => {
    expect(casualtiesIn("Внаслідок удару поранено водія та двох пасажирок.", "uk")).toMatchObject({ injured: 3 });
    expect(casualtiesIn("A man and two women were injured by falling debris.", "en")).toMatchObject({ injured: 3 });
    expect(casualtiesIn("Ранены мужчина, женщина и ребенок.", "ru")).toMatchObject({ injured: 3 });
    expect(casualtiesIn("Погибли двое мужчин и женщина.", "ru")).toMatchObject({ killed: 3 });
    expect(casualtiesIn("The strike killed three soldiers and two civilians.", "en")).toMatchObject({ killed: 5 });
  });

  it("does not add up what is not one list of people", () => {
    expect(casualtiesIn("Погибли двое, а мужчина и женщина ранены.", "ru")).toMatchObject({ killed: 2, injured: 2 });
    expect(casualtiesIn("Ранены мужчина и дети.", "ru")).toMatchObject({ injured: 1 });
    expect(casualtiesIn("Пострадали 13 человек, в том числе двое детей и женщина.", "ru")).toMatchObject({ injured: 13 });
    expect(casualtiesIn("Загинув чоловік, ще двоє людей отримали поранення.", "uk")).toMatchObject({ killed: 1, injured: 2 });
    expect(casualtiesIn("Two people were killed and 11 injured.", "en")).toMatchObject({ killed: 2, injured: 11 });
  });

  it("keeps 'nobody was hurt' apart from 'not said'", () => {
    expect(casualtiesIn("Обошлось без пострадавших.", "ru")).toEqual({ killed: 0, injured: 0, nobodyHurt: true });
    expect(casualtiesIn("There were no civilian casualties.", "en")).toMatchObject({ killed: 0, injured: 0 });
    // No reports of casualties is not the same as nobody hurt (annotation guide).
    expect(casualtiesIn("No casualties were reported.", "en")).toMatchObject({ nobodyHurt: false });
    expect(casualtiesIn("Ніхто не постраждав.", "uk")).toMatchObject({ injured: 0 });
    expect(casualtiesIn("A drone hit a warehouse.", "en")).toEqual({ killed: undefined, injured: undefined, nobodyHurt: false });
    expect(casualtiesIn("Пострадали люди.", "ru")).toMatchObject({ injured: null });
  });

  it("reads a fatal wound as a death and damage to things as no casualty", () => {
    expect(casualtiesIn("водитель получил несовместимые с жизнью ранения", "ru")).toMatchObject({ killed: 1, injured: undefined });
    expect(casualtiesIn("незначительно пострадал частный дом", "ru")).toMatchObject({ injured: undefined });
  });

  it("skips an attribution between the casualty word and its figure", () => {
    expect(casualtiesIn("За медицинской помощью, по данным мэра, обратились три человека.", "ru")).toMatchObject({ injured: 3 });
    expect(casualtiesIn("Поранення, за попередніми даними, отримали двоє людей.", "uk")).toMatchObject({ injured: 2 });
  });

  it("keeps the figure before an aside that ends in a verb of receiving", () => {
    expect(casualtiesIn("ще 7 людей, серед них дитина, отримали поранення", "uk")).toMatchObject({ injured: 7 });
  });

  it("adds up the further people of one sentence", () => {
    expect(casualtiesIn("Двое госпитализированы, ещё троим оказали помощь на месте.", "ru")).toMatchObject({ injured: 5 });
  });
});
