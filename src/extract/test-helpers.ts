// Small helpers for the extractor's unit tests: tokens of a text, with offsets.
import type { LanguageCode } from "../model/incident.js";
import { lexiconFor } from "./lexicon.js";
import { tokenize } from "./text/tokens.js";

export function tokensOf(text: string, language: LanguageCode) {
  return { text, tokens: tokenize(text, language), lex: lexiconFor(language) };
}
