import { describe, expect, it } from "vitest";
import { encodeIndex, LookupIndex } from "./lookup-index.js";

describe("lookup index", () => {
  const index = new LookupIndex(
    encodeIndex(
      new Map([
        ["s:щетиновк", [7, 3, 7]],
        ["s:щетин", [1]],
        ["l:setinovka", [3, 70_000, 12]],
      ]),
    ),
  );

  it("finds each key's rows, sorted and without repeats", () => {
    expect(index.rows("s:щетиновк")).toEqual([3, 7]);
    expect(index.rows("l:setinovka")).toEqual([3, 12, 70_000]);
  });

  it("does not confuse a key with its prefix or an unknown key", () => {
    expect(index.rows("s:щетин")).toEqual([1]);
    expect(index.rows("s:щети")).toEqual([]);
    expect(index.rows("s:щетиновка")).toEqual([]);
    expect(index.find("l:nowhere")).toBe(-1);
  });
});
