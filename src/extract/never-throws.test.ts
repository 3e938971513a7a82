// Property: the extractor reads any string without throwing, and every offset it returns lies
// inside the text and points at the words it quotes. Reports arrive from scrapers, Telegram
// exports and pasted text: broken encodings, lone surrogates, emoji, endless tokens and stray
// cue words are all real input.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dataPath } from "../data-files.js";
import { Flag, Incident, type Span } from "../model/incident.js";
import { type Extraction, extractReport } from "./index.js";

// A fixed seed, so a failure is reproducible; FC_SEED=… tries others. fast-check prints the seed,
// the shrunk counterexample and its path when a property fails.
const SEED = Number(process.env.FC_SEED ?? 20250722);
const RUNS = Number(process.env.FC_RUNS ?? 400);

const samples: { text: string }[] = readFileSync(dataPath("sample/reports.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l));
const sampleWords = samples.flatMap((r) => r.text.split(/(\s+)/)).filter(Boolean);

/** Pieces of report-like text: cue words, places, numbers, dates, list marks and hostile characters. */
const FRAGMENTS = [
  // cue words and phrases
  "shot down",
  "drones",
  "drone",
  "missile",
  "intercepted",
  "struck",
  "debris fell on",
  "were injured",
  "killed",
  "no casualties",
  "Governor",
  "Defence Ministry",
  "overnight",
  "сбиты",
  "уничтожены",
  "БПЛА",
  "беспилотников",
  "ракет",
  "ПВО",
  "ранены",
  "погиб",
  "пострадавших нет",
  "губернатор Вячеслав Гладков",
  "Минобороны",
  "в ночь на 22 июля",
  "збито",
  "знищено",
  "БпЛА",
  "безпілотників",
  "поранені",
  "загинув",
  "У ніч на 25 жовтня",
  "Повітряні сили",
  // places, in case forms
  "над Курской областью",
  "в Белгородской области",
  "в Белгороде",
  "в селе Дубовое",
  "в Щетиновке",
  "у Харкові",
  "Харківщина",
  "над Брянщиной",
  "the Kursk region",
  "Belgorod Oblast",
  "Kharkiv",
  "Crimea",
  "Севастополь",
  "в Грайворонском округе",
  "Black Sea",
  "над акваторией Черного моря",
  // numbers and list shapes
  "0",
  "1",
  "9",
  "12",
  "1 200",
  "1,200",
  "99999999999999999999",
  "-5",
  "3.5",
  "½",
  "٣",
  "один",
  "дві",
  "more than",
  "около",
  "щонайменше",
  ": 5 — над",
  ", 4 — над",
  " и ",
  "\n— ",
  "\n• ",
  "\n- ",
  "\n1. ",
  "▪️",
  // punctuation and whitespace
  ".",
  ". ",
  "!",
  "?",
  "…",
  "«",
  "»",
  '"',
  "(",
  ")",
  ";",
  ":",
  "—",
  "-",
  "/",
  "\n",
  "\n\n",
  "\r\n",
  "\r",
  "\t",
  "\u00a0",
  "\u2028",
  "\u2029",
  "\u200b",
  "\ufeff",
  " ",
  "   ",
  // emoji, combining marks, other scripts, broken UTF-16
  "⚡️",
  "❗️",
  "🇺🇦",
  "👨‍👩‍👧",
  "🚀",
  "е\u0301",
  "ё",
  "Ё",
  "İ",
  "ß",
  "ﬁ",
  "ǅ",
  "\u0000",
  "\u001b",
  "\ud800",
  "\udbff",
  "\udc00",
  "\udfff",
  "\udc00\ud800",
  "ا",
  "中",
];

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const anyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  // Any UTF-16 code units, lone surrogates included.
  fc.string({ unit: codeUnit, maxLength: 300 }),
);
const longToken = fc
  .tuple(fc.constantFrom("а", "x", "7", "-", "ї", "🚀", "\ud800", "."), fc.integer({ min: 200, max: 5000 }))
  .map(([c, n]) => c.repeat(n));
const fragment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 4, arbitrary: fc.constantFrom(...sampleWords) },
  { weight: 2, arbitrary: fc.integer({ min: -10, max: 1_000_000 }).map(String) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 8 }) },
  { weight: 1, arbitrary: longToken },
);
/** A sentence shaped like a report's (count, weapon, verb, place, casualties), with noise between its words. */
const pick = (...xs: string[]) => fc.constantFrom(...xs);
const sentence = fc
  .tuple(
    fc.option(pick("Overnight,", "В ночь на 22 июля", "У ніч на 25 жовтня", "On Monday", "Минувшей ночью", "Вночі")),
    fc.oneof(fc.nat({ max: 200 }).map(String), pick("two", "три", "дві", "more than 10", "около 20", "щонайменше 5", "десятки")),
    pick("drones", "беспилотников", "БПЛА", "БпЛА", "безпілотників", "ракет", "missiles", "КАБов"),
    pick("were shot down", "сбиты", "уничтожены", "збито", "знищено", "hit", "атаковал", "пошкодили", "intercepted"),
    pick(
      "over the Kursk region",
      "над Курской областью",
      "в Белгородской области",
      "в селе Дубовое",
      "у Харкові",
      "над Брянщиной",
      "in Belgorod Oblast",
      "над Чорним морем",
      "в Щетиновке",
      "over Russia",
    ),
    fc.option(pick("; two people were injured", ", ранены трое", ", поранено двох людей", ", пострадавших нет", ", a woman was killed")),
    fc.array(fragment, { maxLength: 3 }),
    pick(".", "!", "", ".\n", "\n— ", ":"),
  )
  .map(
    ([date, count, weapon, verb, place, casualties, noise, end]) =>
      [date, count, weapon, verb, place, ...noise].filter((x) => x !== null).join(" ") + (casualties ?? "") + end,
  );
const reportLike = fc
  .array(fc.oneof({ weight: 3, arbitrary: sentence }, { weight: 2, arbitrary: fragment }), { minLength: 1, maxLength: 40 })
  .chain((parts) => fc.constantFrom(parts.join(" "), parts.join(""), parts.join("\n")));
/** A real sample report with one slice of it replaced by hostile text. */
const mutatedSample = fc
  .tuple(fc.constantFrom(...samples.map((s) => s.text)), fc.nat(), fc.nat(), anyString)
  .map(([text, a, b, insert]) => {
    const i = a % (text.length + 1);
    const j = i + (b % Math.max(1, text.length - i + 1));
    return text.slice(0, i) + insert + text.slice(j);
  });
const text = fc.oneof(anyString, reportLike, mutatedSample);
const options = fc.record(
  {
    published: fc.option(
      fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    ),
    language: fc.constantFrom("en" as const, "ru" as const, "uk" as const),
  },
  { requiredKeys: [] },
);

const inside = (span: Span, length: number) =>
  Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= length;

/** Every invariant of one extraction; throws (with the offending field) when one fails. */
function checkExtraction(input: string, result: Extraction) {
  for (const incident of result.incidents) {
    // The shared model accepts it (types, enums, ISO codes and dates, non-negative counts).
    Incident.parse(incident);
    expect(incident.evidence_spans.length).toBeGreaterThan(0);
    for (const span of incident.evidence_spans) {
      if (!inside(span, input.length)) throw new Error(`evidence span ${JSON.stringify(span)} outside a text of length ${input.length}`);
    }
    // The evidence is the spans' sentences, verbatim, in order, joined by a space (extract/index.ts finish()).
    expect(incident.evidence).toBe(incident.evidence_spans.map((s) => input.slice(s.start, s.end)).join(" "));
    for (let k = 1; k < incident.evidence_spans.length; k++) {
      expect(incident.evidence_spans[k].start).toBeGreaterThanOrEqual(incident.evidence_spans[k - 1].end);
    }
    // The words of each slot (place, count, casualties) lie inside the text and inside its evidence.
    for (const [slot, span] of Object.entries(incident.slot_spans ?? {})) {
      if (!span) continue;
      if (!inside(span, input.length)) throw new Error(`${slot} span ${JSON.stringify(span)} outside a text of length ${input.length}`);
      if (!incident.evidence_spans.some((e) => e.start <= span.start && span.end <= e.end))
        throw new Error(`${slot} span ${JSON.stringify(span)} outside the evidence ${JSON.stringify(incident.evidence_spans)}`);
    }
  }
  for (const flag of result.flags) {
    Flag.parse(flag);
    if (flag.span && !inside(flag.span, input.length)) {
      throw new Error(`flag span ${JSON.stringify(flag.span)} outside a text of length ${input.length}`);
    }
  }
}

/** Runs the property; returns how many inputs yielded incidents, so a test can tell it was not vacuous. */
function assertOver(arbitrary: fc.Arbitrary<string>, settings: { places?: null } = {}, numRuns = RUNS) {
  let withIncidents = 0;
  let runs = 0;
  fc.assert(
    fc.property(arbitrary, options, (input, opts) => {
      const result = extractReport(input, { ...opts, ...settings });
      checkExtraction(input, result);
      runs++;
      if (result.incidents.length) withIncidents++;
    }),
    { seed: SEED, numRuns },
  );
  return withIncidents / runs;
}

describe("extractReport on any text", () => {
  it("never throws on arbitrary unicode, and keeps its offsets inside the text", () => {
    assertOver(anyString);
  });

  it("never throws on report-like fragments (cue words, numbers, lists, emoji, lone surrogates, long tokens)", () => {
    const share = assertOver(reportLike);
    console.log(`report-like fragments: ${(100 * share).toFixed(0)}% of inputs yielded incidents`);
    expect(share).toBeGreaterThan(0.1);
  });

  it("never throws on sample reports with a slice replaced by arbitrary text", () => {
    const share = assertOver(mutatedSample);
    console.log(`mutated sample reports: ${(100 * share).toFixed(0)}% of inputs yielded incidents`);
    expect(share).toBeGreaterThan(0.25);
  });

  it("without a gazetteer (places: null) too", () => {
    assertOver(text, { places: null }, Math.round(RUNS / 2));
  });

  it("quotes a known report's evidence verbatim", () => {
    // A sanity check that the invariants above are not vacuous: real text yields incidents.
    const input = samples.map((s) => s.text).join("\n\n");
    const result = extractReport(input, { published: "2025-07-22" });
    expect(result.incidents.length).toBeGreaterThan(0);
    checkExtraction(input, result);
  });

  it("keeps figures of 2^53 and more out of counts and casualties (they must stay safe integers)", () => {
    // Found by the properties above: these once gave count / injured 9007199254740992 or 1e20,
    // which the shared model rejects.
    for (const input of [
      "9007199254740992 drones were shot down over the Kursk region.",
      "9 007 199 254 740 992 drones were shot down over the Kursk region.",
      "9 thousand thousand thousand thousand thousand thousand drones were shot down over the Kursk region.",
      "Над Курской областью сбиты 99999999999999999999 беспилотников.",
      "A drone strike in Belgorod injured 99999999999999999999 people.",
    ]) {
      checkExtraction(input, extractReport(input, {}));
    }
  });
});
