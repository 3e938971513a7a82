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

/** Cheap pre-test: only sentences with a letter run of the pack's border_hint are read for claims. */
const speaksOfBorder = (sentence: string, lex: Lexicon) => {
  const lower = sentence.toLowerCase();
  return lex.borderHint.some((hint) => lower.includes(hint));
};

export function checkClaims(text: string, sentences: Sentence[], lex: Lexicon, language: LanguageCode, resolver: PlaceResolver): Flag[] {
  const flags: Flag[] = [];
  for (const sentence of sentences) {
    if (!speaksOfBorder(sentence.text, lex)) continue;
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
      // "borders Russia", «граничит с Россией»: a claim about Russia's border (else Ukraine's).
      const withRussia = tokens.slice(claim.first, claim.last + 1).some((t) => lex.ofRussia.has(t.lower));
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
