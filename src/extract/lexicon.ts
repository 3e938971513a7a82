// Language data (data/lexicon/*.json) compiled into phrase matchers over tokens.
// Phrases are word sequences; a word ending in * matches any word that starts with it.
import { readDataJson } from "../data-files.js";
import type { LanguageCode, TargetTypeName, WeaponType } from "../model/incident.js";
import { normalizeWord, type Token } from "./text/tokens.js";

interface WordPattern {
  word: string;
  prefix: boolean;
}
interface Phrase<L> {
  words: WordPattern[];
  label: L;
}

export interface PhraseMatch<L> {
  label: L;
  /** Token indexes [first, last]. */
  first: number;
  last: number;
}

/**
 * A set of labelled phrases, indexed by the first word (exact) or its first letters (prefix).
 * A word "_" matches any one word ("отразил* _ атак*" covers "отразили массированную атаку").
 */
export class PhraseSet<L = true> {
  private exact = new Map<string, Phrase<L>[]>();
  private prefixed = new Map<string, Phrase<L>[]>();

  constructor(entries: Array<[string, L]>) {
    for (const [text, label] of entries) {
      const words = text
        .trim()
        .split(/\s+/)
        .map((w) => ({ word: normalizeWord(w.replace(/\*$/, "").replace(/\.$/, "")), prefix: w.endsWith("*") }));
      if (!words.length || !words[0].word) continue;
      const first = words[0];
      const key = first.prefix ? first.word.slice(0, 3) : first.word;
      const index = first.prefix ? this.prefixed : this.exact;
      const bucket = index.get(key) ?? [];
      bucket.push({ words, label });
      index.set(key, bucket);
    }
  }

  static of(list: string[] | undefined): PhraseSet<true> {
    return new PhraseSet((list ?? []).map((p) => [p, true] as [string, true]));
  }

  /** Phrases ending in "!" weigh 3, the others 1 ("ukraine's air defenses!" outweighs "russia"). */
  static weighted(list: string[] | undefined): PhraseSet<number> {
    return new PhraseSet((list ?? []).map((p) => (p.endsWith("!") ? [p.slice(0, -1), 3] : [p, 1]) as [string, number]));
  }

  static labelled<L extends string>(groups: Record<string, string[]> | undefined): PhraseSet<L> {
    const entries: Array<[string, L]> = [];
    for (const [label, list] of Object.entries(groups ?? {})) for (const p of list) entries.push([p, label as L]);
    return new PhraseSet(entries);
  }

  /** Longest phrase starting at token i, or undefined. */
  matchAt(tokens: Token[], i: number): PhraseMatch<L> | undefined {
    const t = tokens[i];
    let best: PhraseMatch<L> | undefined;
    const consider = (list: Phrase<L>[] | undefined) => {
      if (!list) return;
      for (const p of list) {
        const last = i + p.words.length - 1;
        if (last >= tokens.length) continue;
        let ok = true;
        for (let k = 0; k < p.words.length && ok; k++) {
          const w = p.words[k];
          const lower = tokens[i + k].lower;
          ok = w.word === "_" || (w.prefix ? lower.startsWith(w.word) : lower === w.word);
        }
        if (ok && (!best || last > best.last)) best = { label: p.label, first: i, last };
      }
    };
    consider(this.exact.get(t.lower));
    consider(this.prefixed.get(t.lower.slice(0, 3)));
    return best;
  }

  /** Every non-overlapping match in tokens[from, to), longest first at each position. */
  findAll(tokens: Token[], from = 0, to = tokens.length): PhraseMatch<L>[] {
    const out: PhraseMatch<L>[] = [];
    for (let i = from; i < to; i++) {
      const m = this.matchAt(tokens, i);
      if (m && m.last < to) {
        out.push(m);
        i = m.last;
      }
    }
    return out;
  }

  has(tokens: Token[], from = 0, to = tokens.length): boolean {
    for (let i = from; i < to; i++) if (this.matchAt(tokens, i)) return true;
    return false;
  }
}

interface LexiconFile {
  interception: string[];
  strike: string[];
  attack: string[];
  debris: string[];
  launch: string[];
  weapons: Record<WeaponType, string[]>;
  munition_nouns: string[];
  munition_singular?: string[];
  munition_plural: string[];
  killed: string[];
  injured: string[];
  no_casualties: string[];
  no_killed: string[];
  casualty_unknown: string[];
  persons_singular: string[];
  persons_plural: string[];
  subset: string[];
  targets: Record<TargetTypeName, string[]>;
  target_context_exclusions: string[];
  official_titles: string[];
  official_bodies: Record<string, string[]>;
  tally: string[];
  country_ru: string[];
  country_ua: string[];
  earlier: string[];
  border_claim: string[];
  not_place_context: string[];
}

export interface Lexicon {
  language: LanguageCode;
  interception: PhraseSet;
  strike: PhraseSet;
  attack: PhraseSet;
  debris: PhraseSet;
  launch: PhraseSet;
  weapons: PhraseSet<WeaponType>;
  munitionNouns: PhraseSet;
  munitionSingular: PhraseSet;
  munitionPlural: PhraseSet;
  killed: PhraseSet;
  injured: PhraseSet;
  noCasualties: PhraseSet;
  noKilled: PhraseSet;
  casualtyUnknown: PhraseSet;
  personsSingular: PhraseSet;
  personsPlural: PhraseSet;
  subset: PhraseSet;
  targets: PhraseSet<TargetTypeName>;
  targetExclusions: PhraseSet;
  officialTitles: PhraseSet;
  officialBodies: PhraseSet<string>;
  tally: PhraseSet;
  countryRu: PhraseSet<number>;
  countryUa: PhraseSet<number>;
  earlier: PhraseSet;
  borderClaim: PhraseSet;
  notPlaceContext: PhraseSet;
}

function compile(language: LanguageCode, f: LexiconFile): Lexicon {
  return {
    language,
    interception: PhraseSet.of(f.interception),
    strike: PhraseSet.of(f.strike),
    attack: PhraseSet.of(f.attack),
    debris: PhraseSet.of(f.debris),
    launch: PhraseSet.of(f.launch),
    weapons: PhraseSet.labelled<WeaponType>(f.weapons),
    munitionNouns: PhraseSet.of(f.munition_nouns),
    munitionSingular: PhraseSet.of(f.munition_singular),
    munitionPlural: PhraseSet.of(f.munition_plural),
    killed: PhraseSet.of(f.killed),
    injured: PhraseSet.of(f.injured),
    noCasualties: PhraseSet.of(f.no_casualties),
    noKilled: PhraseSet.of(f.no_killed),
    casualtyUnknown: PhraseSet.of(f.casualty_unknown),
    personsSingular: PhraseSet.of(f.persons_singular),
    personsPlural: PhraseSet.of(f.persons_plural),
    subset: PhraseSet.of(f.subset),
    targets: PhraseSet.labelled<TargetTypeName>(f.targets),
    targetExclusions: PhraseSet.of(f.target_context_exclusions),
    officialTitles: PhraseSet.of(f.official_titles),
    officialBodies: PhraseSet.labelled<string>(f.official_bodies),
    tally: PhraseSet.of(f.tally),
    countryRu: PhraseSet.weighted(f.country_ru),
    countryUa: PhraseSet.weighted(f.country_ua),
    earlier: PhraseSet.of(f.earlier),
    borderClaim: PhraseSet.of(f.border_claim),
    notPlaceContext: PhraseSet.of(f.not_place_context),
  };
}

const cache = new Map<LanguageCode, Lexicon>();

/** The compiled lexicon of a language (built once; immutable afterwards). */
export function lexiconFor(language: LanguageCode): Lexicon {
  let lex = cache.get(language);
  if (!lex) {
    lex = compile(language, readDataJson<LexiconFile>(`lexicon/${language}.json`));
    cache.set(language, lex);
  }
  return lex;
}
