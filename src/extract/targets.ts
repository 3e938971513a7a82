// What was hit: target phrases by type ("a 'Gazelle' truck" → vehicle, "частный дом" →
// residential, "подстанции" → energy), skipping phrases that name where victims were taken.
import type { Target } from "../model/incident.js";
import type { Lexicon } from "./lexicon.js";
import type { Token } from "./text/tokens.js";

export interface TargetMention extends Target {
  start: number;
  end: number;
  first: number;
}

export function findTargets(tokens: Token[], text: string, lex: Lexicon): TargetMention[] {
  const excluded = new Set<number>();
  for (const m of lex.targetExclusions.findAll(tokens)) {
    // (Not past a verb of a hit: "Сили оборони уразили НПЗ" names the refinery hit, not the forces.)
    for (let k = m.first; k <= Math.min(tokens.length - 1, m.last + 3); k++) {
      if (k > m.last && lex.strike.matchAt(tokens, k)) break;
      excluded.add(k);
    }
  }
  const out: TargetMention[] = [];
  const seen = new Set<string>();
  /** Targets named only by a generic word so far ("объекты"): the next word of a type gives theirs. */
  const genericTexts = new Set<TargetMention>();
  for (const m of lex.targets.findAll(tokens)) {
    if (excluded.has(m.first)) continue;
    // Keep one adjective or article in front, as the reader would quote it ("a private residence").
    let first = m.first;
    const prev = tokens[first - 1];
    if (prev && !/[,.;:]/.test(text.slice(prev.end, tokens[first].start)) && lex.targetAttribute.has(prev.lower)) {
      first--;
    }
    const start = tokens[first].start;
    const end = tokens[m.last].end;
    // "житлові будинки": two words of one type make one target; so does a type word with a
    // generic one, which takes the type ("energy facility", "объекты инфраструктуры энергетики").
    const previous = out[out.length - 1];
    const generic = lex.genericTarget.has(tokens[m.last].lower);
    if (previous && (start <= previous.end || /^\s+$/.test(text.slice(previous.end, start)))) {
      if (previous.type === m.label || generic || genericTexts.has(previous)) {
        if (genericTexts.has(previous) && !generic) {
          previous.type = m.label;
          genericTexts.delete(previous);
        }
        previous.text = text.slice(previous.start, end);
        previous.end = end;
        continue;
      }
    }
    const key = `${m.label}:${tokens[m.last].lower}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const mention = { type: m.label, text: text.slice(start, end), start, end, first };
    if (generic) genericTexts.add(mention);
    out.push(mention);
  }
  return out;
}
