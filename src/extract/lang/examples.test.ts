// The example files of every shipped language pack (data/lang/<code>/examples/*.json) are the
// extractor's tests: each example's text must yield the incidents it expects, compared on the
// fields the example gives. An example marked "pending" is a known gap: listed, not enforced.
import { describe, expect, it } from "vitest";
import { editDistance } from "../../geo/place-keys.js";
import type { Incident, LanguageCode } from "../../model/incident.js";
import { extractIncidents } from "../index.js";
import { transliterate } from "../transliterate.js";
import { type Example, shippedPacks } from "./packs.js";

const latin = (s: string) =>
  transliterate(s, "uk")
    .toLowerCase()
    .replace(/[^a-z]/g, "");

/**
 * Settlements compared as the evaluation's scorer does: in Latin letters, a quarter of the letters
 * (at least one) may differ — "Sofiyivka" (GeoNames) is the "Sofiivka" written — and, since an
 * example names a place by its case form's start, the first five letters may agree instead.
 */
function sameSettlement(a: string, b: string): boolean {
  const x = latin(a);
  const y = latin(b);
  return x.slice(0, 5) === y.slice(0, 5) || editDistance(x, y, 9) <= Math.max(1, Math.floor(0.25 * Math.max(x.length, y.length)));
}

/** Whether an incident has every field an expectation gives (settlements compared in Latin letters, loosely). */
function fits(incident: Incident, expected: Record<string, unknown>): boolean {
  return Object.entries(expected).every(([field, value]) => {
    const actual = (incident as unknown as Record<string, unknown>)[field];
    if (field === "settlement" && typeof value === "string" && typeof actual === "string") return sameSettlement(actual, value);
    if (field === "targets" && Array.isArray(value)) return value.every((type) => incident.targets.some((t) => t.type === type));
    return JSON.stringify(actual ?? null) === JSON.stringify(value);
  });
}

const brief = (i: Incident) =>
  `${i.kind} ${i.weapon} ${i.region ?? i.country ?? "-"} ${i.settlement ?? "-"} count=${i.count} killed=${i.killed} injured=${i.injured}`;

/** What is wrong with the extraction of an example, or null. */
export function exampleProblem(example: Example, language: LanguageCode): string | null {
  const incidents = extractIncidents(example.text, { published: example.published ?? "2025-05-03", language });
  const left = [...incidents];
  for (const expected of example.expect) {
    const k = left.findIndex((i) => fits(i, expected));
    if (k < 0) return `no incident with ${JSON.stringify(expected)}; got:\n  ${incidents.map(brief).join("\n  ") || "(none)"}`;
    left.splice(k, 1);
  }
  if (!example.partial && left.length) return `unexpected incidents:\n  ${left.map(brief).join("\n  ")}`;
  return null;
}

for (const pack of shippedPacks().values()) {
  describe(`language pack ${pack.code}`, () => {
    for (const file of pack.examples) {
      describe(file.concept, () => {
        for (const example of file.examples) {
          const name = example.text.replace(/\s+/g, " ").slice(0, 80);
          if (example.pending) it.todo(`${name} — pending: ${example.pending}`);
          else it(name, () => expect(exampleProblem(example, pack.code as LanguageCode)).toBeNull());
        }
      });
    }
  });
}
