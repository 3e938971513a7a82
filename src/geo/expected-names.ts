// The expected display names of the largest places (data/gazetteer/expected-names.tsv), compared
// with the gazetteer: used by src/geo/expected-names.test.ts and scripts/check-gazetteer.mjs.
import { readDataFile } from "../data-files.js";
import type { Gazetteer, Settlement } from "./gazetteer.js";

export interface ExpectedNames {
  country: "UA" | "RU";
  /** UA: GeoNames id; RU: "region|Russian name" (postal places have no id of their own). */
  key: string;
  name: string;
  nameRu: string;
  nameUk: string;
}

export function readExpectedNames(tsv = readDataFile("gazetteer/expected-names.tsv")): ExpectedNames[] {
  return tsv
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith("#"))
    .map((line) => {
      const [country, key, name, nameRu, nameUk] = line.split("\t");
      return { country: country as "UA" | "RU", key, name: name ?? "", nameRu: nameRu ?? "", nameUk: nameUk ?? "" };
    });
}

/** The key a settlement has in the table. */
export function expectedKey(s: Settlement): string {
  return s.id > 0 ? String(s.id) : `${s.region}|${s.nameRu}`;
}

/** What differs between the table and the gazetteer, one line per row ("" rows left out). */
export function namesProblems(g: Gazetteer, expected: ExpectedNames[]): string[] {
  const byKey = new Map<string, Settlement>();
  for (const s of g.settlements) {
    const key = expectedKey(s);
    // Of several postal places of one name in one region, the first one with the rank of a town.
    if (!byKey.has(key) || (s.feature.startsWith("PPLA") && !byKey.get(key)?.feature.startsWith("PPLA"))) byKey.set(key, s);
  }
  const problems: string[] = [];
  for (const e of expected) {
    const s = byKey.get(e.key);
    if (!s) {
      problems.push(`${e.country} ${e.key}: not in the gazetteer`);
      continue;
    }
    const got = [s.name, s.nameRu, s.nameUk];
    const want = [e.name, e.nameRu, e.nameUk];
    if (got.some((v, i) => v !== want[i])) problems.push(`${e.country} ${e.key}: expected ${want.join(" / ")}, got ${got.join(" / ")}`);
  }
  return problems;
}
