// Checks the geographic claims a report makes against the gazetteer: "the Kaluga and Smolensk
// regions, each of which lies along the border with Ukraine" is false for both, and becomes a
// flag with the sentence's offsets. A claim is read as being about the place (or the list of
// places) named just before it.
import type { Flag, LanguageCode } from "../model/incident.js";
import type { Lexicon } from "./lexicon.js";
import type { PlaceResolver } from "./place-resolver.js";
import { findRegionMentions } from "./places.js";
import type { Sentence } from "./text/sentences.js";
import { tokenize } from "./text/tokens.js";

const ABOUT_RUSSIA = /росси|росії|russia/iu;
/** Cheap pre-test: only sentences speaking of a border are read for claims. */
const BORDER_HINT = /border|гранич|границ|кордон|межу/iu;

export function checkClaims(text: string, sentences: Sentence[], lex: Lexicon, language: LanguageCode, resolver: PlaceResolver): Flag[] {
  const flags: Flag[] = [];
  for (const sentence of sentences) {
    if (!BORDER_HINT.test(sentence.text)) continue;
    const tokens = tokenize(sentence.text, language, sentence.start);
    const claims = lex.borderClaim.findAll(tokens);
    if (!claims.length) continue;
    let group = 0;
    const mentions = findRegionMentions(tokens, text, () => ++group).filter((m) => m.kind === "region" || m.kind === "city");
    for (const claim of claims) {
      const before = mentions.filter((m) => m.last < claim.first);
      if (!before.length) continue;
      const last = before[before.length - 1];
      const subjects = last.group !== null ? before.filter((m) => m.group === last.group) : [last];
      const phrase = text.slice(tokens[claim.first].start, tokens[claim.last].end);
      const withRussia = ABOUT_RUSSIA.test(phrase);
      for (const m of subjects) {
        for (const iso of m.regions.slice(0, 1)) {
          const facts = resolver.regionClaims(iso);
          if (!facts) continue;
          const holds = withRussia ? facts.bordersRussia : facts.bordersUkraine;
          if (holds) continue;
          flags.push({
            code: "false-border-claim",
            message: `The text says ${facts.name} borders ${withRussia ? "Russia" : "Ukraine"} ("${phrase}"); it does not.`,
            span: { start: sentence.start, end: sentence.end },
          });
        }
      }
    }
  }
  return flags;
}
