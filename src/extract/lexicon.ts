// Language data (the lexicon of each pack in data/lang/<code>/) compiled into phrase matchers over tokens.
// Phrases are word sequences; a word ending in * matches any word that starts with it.

import type { LanguageCode, TargetTypeName, WeaponType } from "../model/incident.js";
import { packFor } from "./lang/packs.js";
import { compileSentenceWords, type SentenceWords, type SentenceWordsFile } from "./lang/sentence-words.js";
import { normalizeWord, type Token, type WordInfo } from "./text/tokens.js";

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
  readonly exact = new Map<string, Phrase<L>[]>();
  readonly prefixed = new Map<string, Phrase<L>[]>();
  /** Set by a Scanner that finds this set's matches together with its siblings' in one pass. */
  scanner: Scanner | undefined;
  scannerId = -1;

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
    if (this.scanner) return this.scanner.startingAt(tokens, this.scannerId, i) as PhraseMatch<L> | undefined;
    const t = tokens[i];
    const a = this.longestIn(this.exact.get(t.lower), tokens, i);
    const b = this.longestIn(this.prefixed.get(t.prefix3), tokens, i);
    return !a ? b : !b ? a : b.last > a.last ? b : a;
  }

  private longestIn(list: Phrase<L>[] | undefined, tokens: Token[], i: number): PhraseMatch<L> | undefined {
    if (!list) return undefined;
    let best: PhraseMatch<L> | undefined;
    for (const p of list) {
      const last = i + p.words.length - 1;
      if (last >= tokens.length || (best && last <= best.last)) continue;
      if (phraseMatches(p, tokens, i)) best = { label: p.label, first: i, last };
    }
    return best;
  }

  /** Every non-overlapping match in tokens[from, to), longest first at each position. */
  findAll(tokens: Token[], from = 0, to = tokens.length): PhraseMatch<L>[] {
    if (this.scanner) {
      const all = this.scanner.scan(tokens)[this.scannerId] as PhraseMatch<L>[];
      return from === 0 && to === tokens.length ? all : all.filter((m) => m.first >= from && m.last < to);
    }
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

  /**
   * The matches that findAll finds in tokens.slice(from, to) — phrases ending past `to` cut off, none
   * overlapping what comes before `from` — with their indexes in `tokens`. Without the copy of the
   * tokens, which the scanner would scan for every set as a new sentence (and forget the sentence's own scan).
   */
  findAllWithin(tokens: Token[], from: number, to: number): PhraseMatch<L>[] {
    if (this.scanner) return this.scanner.scanWithin(tokens, this.scannerId, from, to) as PhraseMatch<L>[];
    return this.findAll(tokens.slice(from, to)).map((m) => ({ label: m.label, first: m.first + from, last: m.last + from }));
  }

  /**
   * Whether some token could open one of the phrases (its word or, for a phrase ending in *, its first three letters):
   * a cheap pre-test that asks no scanner, so it leaves the scanner's memory of the sentence being read alone.
   */
  mayOccurIn(tokens: Token[]): boolean {
    for (const t of tokens) if (this.exact.has(t.lower) || this.prefixed.has(t.prefix3)) return true;
    return false;
  }

  has(tokens: Token[], from = 0, to = tokens.length): boolean {
    if (this.scanner) return this.findAll(tokens, from, to).length > 0;
    for (let i = from; i < to; i++) if (this.matchAt(tokens, i)) return true;
    return false;
  }
}

/**
 * Finds the matches of many phrase sets in one pass over a sentence's tokens (instead of one
 * pass per set), and remembers them for that token array: the extractor asks each set several
 * times per sentence.
 */
function phraseMatches(p: Phrase<unknown>, tokens: Token[], i: number, from = 0): boolean {
  for (let k = from; k < p.words.length; k++) {
    const w = p.words[k];
    const lower = tokens[i + k].lower;
    if (!(w.word === "_" || (w.prefix ? lower.startsWith(w.word) : lower === w.word))) return false;
  }
  return true;
}

interface Candidate {
  id: number;
  phrase: Phrase<unknown>;
  length: number;
  /** The second word when it must be exactly that word (null: none, a prefix or "_"): most candidates fail on it. */
  second: string | null;
}

function secondWord(p: Phrase<unknown>): string | null {
  const w = p.words[1];
  return w && !w.prefix && w.word !== "_" ? w.word : null;
}

/** A candidate and its place among those of its first word (of two as long, the first listed wins). */
interface Ranked {
  candidate: Candidate;
  rank: number;
}

/** The phrases that may start at one word, by what they need of the next word: most need one word exactly. */
interface WordPhrases {
  /** Of one word, or whose second word is a prefix or "_". */
  open: Ranked[];
  /** The others, by their second word (null: none). */
  bySecond: Map<string, Ranked[]> | null;
}

function wordPhrases(fits: Candidate[]): WordPhrases {
  const open: Ranked[] = [];
  let bySecond: Map<string, Ranked[]> | null = null;
  fits.forEach((candidate, rank) => {
    const second = candidate.second;
    if (second === null) {
      open.push({ candidate, rank });
      return;
    }
    bySecond ??= new Map();
    const list = bySecond.get(second);
    if (list) list.push({ candidate, rank });
    else bySecond.set(second, [{ candidate, rank }]);
  });
  return { open, bySecond };
}

/**
 * Of these phrases of set `id` at token i, the longest ending before `to` (of two as long, the lower rank),
 * given the best found so far: what tryAt keeps for one set.
 */
function bestWithin(
  list: Ranked[],
  id: number,
  tokens: Token[],
  i: number,
  to: number,
  best: PhraseMatch<unknown> | undefined,
  bestRank: number,
): { match: PhraseMatch<unknown>; rank: number } | undefined {
  for (let c = 0; c < list.length; c++) {
    const { candidate, rank } = list[c];
    if (candidate.id !== id) continue;
    const last = i + candidate.length - 1;
    if (last >= to) continue;
    const whole = candidate.length === 1 || (candidate.length === 2 && candidate.second !== null);
    if (!whole && !phraseMatches(candidate.phrase, tokens, i, 1)) continue;
    if (!best || last > best.last || (last === best.last && rank < bestRank)) {
      best = { label: candidate.phrase.label, first: i, last };
      bestRank = rank;
    }
  }
  return best ? { match: best, rank: bestRank } : undefined;
}

const NO_MATCHES: PhraseMatch<unknown>[] = Object.freeze([]) as unknown as PhraseMatch<unknown>[];

export class Scanner {
  private exact = new Map<string, Candidate[]>();
  private prefixed = new Map<string, Candidate[]>();
  // The extractor finishes one sentence before it reads the next, so remembering the last few
  // token arrays is enough (a WeakMap with an entry per sentence slows the garbage collector).
  private recent: Array<{
    tokens: Token[];
    results: PhraseMatch<unknown>[][];
    /** Per set with many matches, its matches by first token (made when first asked: most sentences need none). */
    starts: Array<Map<number, PhraseMatch<unknown>>> | null;
  }> = [];
  private readonly size: number;
  private readonly nextFree: number[];
  private readonly bestAt: Array<PhraseMatch<unknown> | undefined>;
  private readonly bestRank: number[];
  private readonly touched: number[] = [];
  /** Index of this scanner in each word's cache of candidates. */
  private readonly ordinal: number;
  private static count = 0;

  constructor(sets: PhraseSet<unknown>[]) {
    this.size = sets.length;
    this.nextFree = new Array(sets.length).fill(0);
    this.bestAt = new Array(sets.length).fill(undefined);
    this.bestRank = new Array(sets.length).fill(0);
    this.ordinal = Scanner.count++;
    sets.forEach((set, id) => {
      set.scanner = this;
      set.scannerId = id;
      for (const [index, into] of [
        [set.exact, this.exact],
        [set.prefixed, this.prefixed],
      ] as const) {
        for (const [key, phrases] of index) {
          const bucket = into.get(key) ?? [];
          for (const p of phrases) bucket.push({ id, phrase: p, length: p.words.length, second: secondWord(p) });
          into.set(key, bucket);
        }
      }
    });
  }

  /** The match of set `id` that starts at token i (from the one-pass scan), if any. */
  startingAt(tokens: Token[], id: number, i: number): PhraseMatch<unknown> | undefined {
    const e = this.entry(tokens);
    const matches = e.results[id];
    if (matches.length === 0) return undefined;
    if (matches.length < 4) {
      for (const m of matches) if (m.first === i) return m;
      return undefined;
    }
    e.starts ??= new Array(this.size);
    let byStart = e.starts[id];
    if (!byStart) {
      byStart = new Map();
      for (const m of matches) byStart.set(m.first, m);
      e.starts[id] = byStart;
    }
    return byStart.get(i);
  }

  private entry(tokens: Token[]) {
    for (const e of this.recent) if (e.tokens === tokens) return e;
    const e = { tokens, results: this.compute(tokens), starts: null };
    this.recent.unshift(e);
    if (this.recent.length > 4) this.recent.pop();
    return e;
  }

  scan(tokens: Token[]): PhraseMatch<unknown>[][] {
    return this.entry(tokens).results;
  }

  private compute(tokens: Token[]): PhraseMatch<unknown>[][] {
    const results: PhraseMatch<unknown>[][] = new Array(this.size).fill(NO_MATCHES);
    // Scratch state reused across sentences (allocating typed arrays per sentence is slow).
    const nextFree = this.nextFree;
    nextFree.fill(0);
    const bestAt = this.bestAt;
    const touched = this.touched;
    touched.length = 0;
    for (let i = 0; i < tokens.length; i++) {
      const phrases = this.phrasesAt(tokens[i].info);
      if (phrases === null) continue;
      this.tryAt(phrases.open, tokens, i);
      const next = tokens[i + 1]?.lower;
      const more = next !== undefined && phrases.bySecond !== null ? phrases.bySecond.get(next) : undefined;
      if (more) this.tryAt(more, tokens, i);
      for (const id of touched) {
        const m = bestAt[id] as PhraseMatch<unknown>;
        if (results[id] === NO_MATCHES) results[id] = [m];
        else results[id].push(m);
        nextFree[id] = m.last + 1;
        bestAt[id] = undefined;
      }
      touched.length = 0;
    }
    return results;
  }

  /**
   * The matches of set `id` alone in tokens [from, to), as compute() finds them in a copy of that
   * span: at each token the longest phrase (of two as long, the lower rank), none overlapping the one before.
   */
  scanWithin(tokens: Token[], id: number, from: number, to: number): PhraseMatch<unknown>[] {
    const out: PhraseMatch<unknown>[] = [];
    let nextFree = from;
    for (let i = Math.max(0, from); i < to; i++) {
      if (i < nextFree) continue;
      const phrases = this.phrasesAt(tokens[i].info);
      if (phrases === null) continue;
      const next = i + 1 < to ? tokens[i + 1].lower : undefined;
      const more = next !== undefined && phrases.bySecond !== null ? phrases.bySecond.get(next) : undefined;
      const open = bestWithin(phrases.open, id, tokens, i, to, undefined, 0);
      const best = more ? bestWithin(more, id, tokens, i, to, open?.match, open?.rank ?? 0) : open;
      if (best) {
        out.push(best.match);
        nextFree = best.match.last + 1;
      }
    }
    return out;
  }

  /** The phrases that may start at this word (per word, once): those whose first word matches it. */
  private phrasesAt(info: WordInfo): WordPhrases | null {
    let phrases = info.scanCandidates[this.ordinal] as WordPhrases | null | undefined;
    if (phrases === undefined) {
      const a = this.exact.get(info.lower);
      const b = this.prefixed.get(info.prefix3);
      const fits = [...(a ?? []), ...(b ?? [])].filter((c) => {
        const w = c.phrase.words[0];
        return w.prefix ? info.lower.startsWith(w.word) : info.lower === w.word;
      });
      phrases = fits.length ? wordPhrases(fits) : null;
      info.scanCandidates[this.ordinal] = phrases;
    }
    return phrases;
  }

  /** Keeps, per set, the longest of these phrases found at token i (of two as long, the lower rank). */
  private tryAt(list: Ranked[], tokens: Token[], i: number): void {
    const { nextFree, bestAt, bestRank, touched } = this;
    for (let c = 0; c < list.length; c++) {
      const { candidate, rank } = list[c];
      const id = candidate.id;
      if (i < nextFree[id]) continue;
      const last = i + candidate.length - 1;
      if (last >= tokens.length) continue;
      // (The first word matches, and a second word that must be exact was looked up: what is left, from the second.)
      const whole = candidate.length === 1 || (candidate.length === 2 && candidate.second !== null);
      if (!whole && !phraseMatches(candidate.phrase, tokens, i, 1)) continue;
      const best = bestAt[id];
      if (!best) touched.push(id);
      if (!best || last > best.last || (last === best.last && rank < bestRank[id])) {
        bestAt[id] = { label: candidate.phrase.label, first: i, last };
        bestRank[id] = rank;
      }
    }
  }
}

/** A set of single words; a word ending in * matches that word with any letters after it (one word each). */
export class WordSet {
  private readonly exact = new Set<string>();
  /** The stems, by their first `keyLength` letters: a word is tested against the stems that share its start only. */
  private readonly prefixes = new Map<string, string[]>();
  private readonly keyLength: number;
  private readonly stems: number;

  constructor(list: string[] | undefined) {
    const stems: string[] = [];
    for (const w of list ?? []) {
      if (w.endsWith("*")) stems.push(normalizeWord(w.slice(0, -1)));
      else this.exact.add(normalizeWord(w));
    }
    this.stems = stems.length;
    this.keyLength = stems.reduce((n, p) => Math.min(n, p.length), PREFIX_KEY);
    for (const p of stems) {
      const key = p.slice(0, this.keyLength);
      const bucket = this.prefixes.get(key);
      if (bucket) bucket.push(p);
      else this.prefixes.set(key, [p]);
    }
  }

  /** How many words and stems it holds (0: the pack has none of this class). */
  get size(): number {
    return this.exact.size + this.stems;
  }

  has(word: string): boolean {
    if (this.exact.has(word)) return true;
    if (this.stems === 0 || word.length < this.keyLength) return false;
    const bucket = this.prefixes.get(this.keyLength === 0 ? "" : word.slice(0, this.keyLength));
    if (bucket === undefined) return false;
    for (let k = 0; k < bucket.length; k++) if (word.startsWith(bucket[k]) && onlyLettersFrom(word, bucket[k].length)) return true;
    return false;
  }
}
/** How many first letters of a stem index it (fewer when a stem is shorter). */
const PREFIX_KEY = 3;
const NON_LETTER = /\P{L}/gu;
/** Whether word has only letters from index `from` on (without copying its end). */
function onlyLettersFrom(word: string, from: number): boolean {
  if (from >= word.length) return true;
  NON_LETTER.lastIndex = from;
  return !NON_LETTER.test(word);
}

/**
 * A pattern over raw text: `before`, one of the words, `after` ("," + "и" + a space). The words are
 * written lower case with е for ё, as everywhere in the packs; in the text е matches ё too. No words: never matches.
 */
function wordsRegex(before: string, words: string[] | undefined, after: string, flags = "u"): RegExp {
  return new RegExp(`${before}${alternation(words)}${after}`, flags);
}

/** The words as one group of a pattern (a group that never matches when there are none). */
function alternation(words: string[] | undefined): string {
  if (!words?.length) return "(?:(?!))";
  return `(?:${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/е/g, "[её]")).join("|")})`;
}

/**
 * Any of the words anywhere in a text: a word ending in * is a letter run (“применя*” in «применяли»), any other a
 * whole word (not inside another). No words: never matches.
 */
function usedRegex(words: string[] | undefined): RegExp {
  const parts = (words ?? []).map((w) =>
    w.endsWith("*") ? alternation([w.slice(0, -1)]) : `(?<![\\p{L}\\d_])${alternation([w])}(?![\\p{L}\\d_])`,
  );
  return new RegExp(parts.length ? parts.join("|") : "(?!)", "u");
}

/** The words as one group, a word ending in * standing for its stem and any letters after it. */
function stemAlternation(words: string[] | undefined): string {
  if (!words?.length) return "(?:(?!))";
  return `(?:${words.map((w) => (w.endsWith("*") ? `${alternation([w.slice(0, -1)])}\\p{L}*` : alternation([w]))).join("|")})`;
}

export interface LexiconFile extends SentenceWordsFile {
  interception: string[];
  strike: string[];
  attack: string[];
  debris: string[];
  /** «сбитого», «збитого»: a singular participle or «одного» right after a debris word, before its munition («обломки сбитого беспилотника»): the debris of one munition. */
  debris_of_one?: string[];
  /** Shelling and "came under attack": a hit on the place even when no weapon is named. */
  shelling: string[];
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
  /** "по предварительной информации": a hedge on what is said, not a lack of information. */
  casualty_hedges?: string[];
  persons_singular: string[];
  persons_plural: string[];
  subset: string[];
  targets: Record<TargetTypeName, string[]>;
  target_context_exclusions: string[];
  official_titles: string[];
  official_bodies: Record<string, string[]>;
  /** «силами ПВО Минобороны», «силами ППО Міноборони»: words right before a body that make it the forces' owner — who downed, not who says so. */
  forces_of_body?: string[];
  tally: string[];
  country_ru: string[];
  country_ua: string[];
  earlier: string[];
  /** "Об атаке ранее сообщили в …", "was reported earlier in …": an attack told before this report, anywhere in the sentence (its date unknown unless given). */
  reported_earlier: string[];
  /** The word before reported_earlier that makes it this report's own story ("as reported earlier, …", «как ранее сообщалось»). */
  as_reported: string[];
  /** A word that opens an example of what was told («Так, в июле прошлого года …», "For example, last year …"): the time after it still opens the sentence. */
  example_opener: string[];
  border_claim: string[];
  not_place_context: string[];
  district_words: string[];
  region_reference: string[];
  /** Words that look like cues but are not events: "ударних БпЛА" (strike-type drones), "ліквідовують наслідки", decoys "локаційно втрачені". */
  not_cue?: string[];
  /** "ППО працювала", "air defences repelled an attack": an attack, with no downing stated (annotation guide). */
  air_defence_active?: string[];
  /** Words of an attempt right before a strike word ('tried to strike', «пытались ударить», «намагалися вдарити»): an attempt, no hit told — an attack (annotation guide, rule 6). */
  attempt_before?: string[];
  /** The air defence's own arms ('surface-to-air missile units', «зенитные ракетные подразделения», «зенітний ракетний комплекс»): no weapon of the attack. */
  defence_arms?: string[];
  /** Decoys lost from radar («локационно потеряны», «локаційно втрачені», 'lost from radar'): a figure told so counts no downing. */
  lost_from_radar?: string[];
  /** A word opening a sentence with a condition ("If Russia attacks …", «Якщо ворог атакує …»; one word each): its first clause tells no event. */
  conditional_opening?: string[];
  /** A denial after (or just before) an event word: «попыток атак на Курск не было», «атаки не зафіксовано» — no event told. */
  event_denied?: string[];
  /** Words that deny what follows or precedes them ("no", "нет", "без", "немає"): "no civilian casualties", "пострадавших в результате атаки нет". */
  negation?: string[];
  /**
   * Words after a name that make it an actor or a name of something else, not a place: "Kyiv regime", "Московського патріархату";
   * or a part of a city named by its adjective («на Північній стороні» of Sevastopol, not the village Північне).
   */
  not_place_after?: string[];
  /** The same after a possessive: "Kyiv's long-range strike campaign". */
  not_place_after_possessive?: string[];
  /** Verbs of a state's act after the capital that names it ("Moscow struck …", «Киев может нанести удар»): the government, not the city. */
  capital_acts?: string[];
  /** A sentence opening that goes on with the sentence before ("В частности, 2 — над Тульской областью"). */
  continuation?: string[];
  /** "explosions were heard", "пролунали вибухи": an attack whatever the weapon (annotation guide, rule 6). */
  explosions_heard?: string[];
  /** Words that name no weapon of their own ("aerial targets", «повітряні цілі»): the weapon of the attack told before them (a missile attack's are missiles). */
  vague_weapons?: string[];
  /** Words of damage or fire ("damaged", «повреждён», «пожежа»): an attack they are told of is a hit (guide, rule 6), whatever was damaged. */
  damage_told?: string[];
  /** A city's name that, after «на», names its region ("на Запоріжжі" is Zaporizhzhia Oblast, "у Запоріжжі" the city): "preposition name", two words each. */
  region_by_city_name?: string[];
  /** Places counted, then some of them named ("населених пунктах, зокрема", «населённых пунктов, в том числе»): the region told before them is attacked itself. */
  places_then_named?: string[];
  /** Words of a total or a later update ("всего", "згодом", "in total"): its figure replaces the earlier one. */
  update?: string[];
  /** "struck the city", "вдарили по місту": the city named before, when no name follows. */
  city_reference?: string[];
  /** "the regional centre", «обласний центр»: the capital of the region in question (annotation guide). */
  regional_centre?: string[];
  /** "over the sea", «над акваторией»: downed over water, off the town named before (no settlement). */
  over_water?: string[];
  /** "the next day", «на следующий день»: the day after the date told before. */
  next_day?: string[];
  /** "All of them were shot down", «все они были сбиты»: the munitions counted just before. */
  all_of_them?: string[];
  /** First names that are also places' names ("Владимир", "Олександр"): before a surname, a person. */
  given_names?: string[];
  /** "An earlier version of this story said …": a figure the text itself withdraws. */
  superseded?: string[];
  /** "revised to", «уточнил», «уточнив»: a later figure that corrects the one told before (it replaces it, even when smaller). */
  correction?: string[];
  /** "на 9 локаціях", "at 11 locations": the sites an air force counts hits at (no munition count). */
  hit_sites?: string[];
  /** "another", «ещё», «ще» before a figure: more of those counted before (one word each). */
  more_before?: string[];
  /** "more", "others", «другие», «інші» after a figure: the same (one word each). */
  more_after?: string[];
  /** "several", «несколько», «кілька»: some, with no figure (one word each). */
  vague_some?: string[];
  /** "dozens", «десятки», «сотні»: many, with no figure (one word each). */
  vague_many?: string[];
  /** "near", «возле», «біля» just before a town: near it, not in it. */
  near_place?: string[];
  /** "outskirts", «пригород*», «околиц*» before a town (or before its "of"): around it, not in it. */
  around_place?: string[];
  /** 'second', 'fifth', 'last' after 'a'/'the' with a verb after them and no noun: one more munition ('the fifth hit a house'). */
  ordinal_one?: string[];
  /** Words of around_place outside a city's bounds ('surrounding', 'suburbs'): around a city-region, the oblast around it. */
  beyond_city?: string[];
  /** "repelled", «отбит*», «відбит*»: the verb of an attack repelled. */
  repelled?: string[];
  /** Words of an attack or a strike a few words before `onto_place` ("удар по", "атака на", "strike on"): the place after is what was hit. */
  attack_on?: string[];
  /** The prepositions after `attack_on` words that name the place attacked ("по", "на", "on", "against"). */
  onto_place?: string[];
  /** Words that tell a hit itself ("влучання", «попадание», "impact"): with no weapon nor damage named, still a strike (weapon unknown). */
  hit_told?: string[];
  /** A span of a week or more a figure sums up ("за тиждень", «за неделю», "over the past week"): a cumulative summary, no incident (guide, rule 7). */
  over_weeks?: string[];
  /** Nouns of an attack whose genitive after them is the place attacked («обстрел Шебекино», «при обстреле Горловки»; one word each). */
  attack_of?: string[];
  /** What a place named before it underwent («Шебекино попало под обстрел», «Суджа находилась под обстрелом»). */
  came_under?: string[];
  /** Openings of a sentence that tell one more munition of the same attack ("A second drone hit …"). */
  one_more?: string[];
  /** "the rest", «остальные»: the munitions of a told total not counted at the other places. */
  the_rest?: string[];
  /** The one munition an attack was made with: "with a missile", «дроном». */
  with_one_munition?: string[];
  /** "since the start of the war", «с начала года», «з початку вторгнення»: a toll counted over a span of time, not one attack's. */
  since_start?: string[];
  /** "this month", «с начала месяца», «з початку місяця»: more spans a toll is summed over (with since_start and over_weeks: no one attack's casualties). */
  toll_span?: string[];
  /** "in", «за», «протягом» before a month named without a day ("in May alone", «только за май», «лише за травень»): a toll summed over that month. */
  month_span?: string[];
  /** "in total", «всего», «загалом»: a figure that sums those told before (not a later update). */
  sum_told?: string[];
  /** "last week", "two days after", «неделю назад», «минулого тижня»: a time before the attack told, whose casualties are another attack's. */
  another_time?: string[];
  /** "on average", "per day", "this week", «в среднем», «на добу»: a rate or a span, what happens over many days — a country's launches or downings told with it (and no day) are no incident. */
  summary_span?: string[];
  /** "since the start of the day", «с начала суток», "earlier this month": a span or a time of one attack's, not a summary. */
  one_attack_span?: string[];
  /** "since March, when", «с мая, когда», «з березня, коли»: the toll after it is of that earlier time ("the deadliest since March, when 20 were killed"). */
  since_when?: string[];
  /** Facilities named by a region's adjective («Рязанский НПЗ», «Запорізька АЕС»): the adjective is where it is. */
  facility_of_place?: string[];
  /** "Delivered a strike" («завдала … удару», «нанесли … удар»): a strike made, no hit told by itself. */
  delivered_strike?: string[];
  /** "regularly", «с целью», «могла бути»: what is told is no one event (a habit, a purpose, a possibility). */
  not_one_event?: string[];
  /** "mayor", «мэр», «міський голова», "city council": beside a city's name, the city speaks for itself (one word each). */
  mayor_word?: string[];
  /** "villages", «сёла», "region": a sentence that tells of places outside a city, though its mayor speaks. */
  outside_city?: string[];
  /** "there are", «есть», «є» before a casualty word: people were hurt, however many (one word each). */
  there_are?: string[];
  /** The active "destroyed" («уничтожила», «знищив») whose doer can be a munition: "a bomb destroyed a warehouse" is a hit. */
  munition_did?: string[];
  /** «уражено», «поражены»: a word of a downing that also tells a hit — with a thing hit beside it and no munition, a strike («уражено енергетичний об'єкт»). */
  hit_or_downing?: string[];
  /** «одному», «кількох», «одном»: before launch_from's «з»/«из», a part of what follows («в одному з районів Сумщини»), not where from (one word each). */
  one_of?: string[];
  /** "times", «разів», «раза»: munition_nouns that count repetitions — a figure of them counts strikes only beside a word of an attack, a hit or a downing ("shelled 23 times"; not "restarted his heart four times"). */
  repetition_nouns?: string[];
  /** «атак», «атаки», «атакам»: nouns of an attack a figure may count («десять атак дронов»): attacks made, no munitions (guide: 'десять раз атаковали' → count null), unless the clause tells strikes or shelling too (one word each). */
  attack_count_nouns?: string[];
  /** "most of them", «більшість з них», «большую часть»: a share of the munitions launched told downed with no figure — an uncounted downing. */
  vague_share?: string[];
  /** "с помощью", «с применением», «із застосуванням», "using": the means told between an attack verb and what it attacked. */
  by_means?: string[];
  /** Prepositions of place ("over", «над», «в»): after a verb, they tell where, not what (one word each). */
  place_preposition?: string[];
  /** 'sea', «морем», «морі»: the noun of a sea with no name of its own, after a place_preposition ('over the sea'; one word each). */
  bare_sea?: string[];
  /** 'city', «город», «місто»: the noun of an apposition after a town that says where it lies ('Sevastopol, the largest city in Crimea'; one word each). */
  apposition_noun?: string[];
  /** "in (the)", «в», «на»: a sentence opening with one and a place says where what follows happened ("In the Sumy region, Krasnopillia was shelled"). Whole phrases. */
  in_place?: string[];
  /** Words that may stand between a casualty figure and its word without parting them ("were seriously injured", «получили тяжелые ранения»; a final * matches any ending). */
  casualty_auxiliaries?: string[];
  /** Words between a casualty word and its risen figure ('the toll rose to 9', «кількість загиблих зросла до 5», 'injuring over 70') (one word each). */
  toll_rise_between?: string[];
  /** Verbs of a toll that rose ('rose', «возросло», «зросла») (one word each). */
  toll_rise_verb?: string[];
  /** Words of people taken to hospital ('hospitalised', «госпитализированы»): where some of the people are, not how many were hurt (one word each). */
  hospitalised?: string[];
  /** Words of where the injured are, between them and their injury («троє людей залишаються в лікарні з пораненнями») (one word each). */
  in_hospital?: string[];
  /** Words for people harmed in general («пострадавших», 'casualties'): denying them denies both deaths and injuries (one word each). */
  victims?: string[];
  /** Words of care that do not mean harm when denied ('did not require hospitalisation', «медицинская помощь не понадобилась») (one word each). */
  care_words?: string[];
  /** Where the injured die, or of what ('died in hospital', «скончался от ранений», «помер у лікарні») (one word each). */
  of_wounds?: string[];
  /** "of them", «из них», «з них»: after a figure, a part of the people told before ("one of them died"). */
  of_them?: string[];
  /** "of the", «из», «з»: opening a clause before a figure with a smaller share after it ("Of the 14 drones …, 11 were shot down"): the whole was launched. */
  whole_of_share?: string[];
  /** Adverbs of a habit ('regularly', «регулярно», «щодня»): a cue right after one tells what keeps happening, no one event. */
  habitual?: string[];
  /** Spans since a month or a year ('since August', «с 2022 года», «з серпня»): a habit like habitual's, unless the sentence holds a superlative. */
  habit_since?: string[];
  /** Superlatives and 'first' ('the largest', «самый мощный», «наймасованіша»): a span since a time after one is a comparison, not a habit. */
  superlative?: string[];
  /** "of", «из», «з»: between a figure and the injured noun, the group the figure is part of ("one of the injured died"; one word each). */
  of_group?: string[];
  /** "надали", «оказали», "given to": care given to the people next to it (one word each; a final * matches any ending). */
  care_given?: string[];
  /** "years", «года», «років», «р»: after a number next to a person word, an age or a birth year, not a count (one word each). */
  age_years?: string[];
  /** "old", «рождения», «народження», «н» (of "р.н."): the word ending an age or a birth year after `age_years` (one word each). */
  age_years_after?: string[];
  /** "aged", «в возрасте», «віком»: before a number (or "54 and 61"), the age of the person named before. */
  age_before?: string[];
  /** «погибший», «пострадавшую», «поранений»: a casualty word that names one person by itself ("Є загиблий"; one word each). */
  single_victim?: string[];
  /** "another" standing for one more person: "two were killed and another was injured" (one word each). */
  another_person?: string[];
  /** "where", «где», «де» opening a clause: "taken to hospital, where he died" (one word each). */
  where_clause?: string[];
  /**
   * A figure's share of the munitions told before: `which` ("three of which hit", «из которых», «з яких»),
   * `them` ("28 of them", «из них», «з них») and `of`, the bare preposition ("12 of the 16 missiles", «12 из 16»).
   */
  of_which?: Partial<Record<OfWhichLabel, string[]>>;
  /** Plural nouns of strikes a figure counts ("two missile strikes", «двух ракетных ударов»; one word each). */
  strike_nouns?: string[];
  /** Verbs whose object is the place attacked ("struck Sumy", «обстреляли Шебекино», «атакував Нікополь»; one word each, a final * any ending). */
  attack_verb?: string[];
  /** The place before it was attacked («Энгельс подвергся атаке», «Хотінь обстріляно»; one word each): the place is the subject attacked. */
  undergone?: string[];
  /** Auxiliaries of a passive ("was", «было», «було»): before an `undergone` word, or a few words before an `undergone_passive` one (one word each). */
  passive_auxiliary?: string[];
  /** Participles of a passive after `passive_auxiliary` ("has been repeatedly targeted"), for a place opening the sentence (one word each). */
  undergone_passive?: string[];
  /** "under" ("під", «под»): before `under_fire` (one word before it or two), the places told were attacked (one word each). */
  under?: string[];
  /** Nouns of fire after `under` ("came under fire", «под обстрелом», «під ударом»; one word each). */
  under_fire?: string[];
  /** Verbs of being under fire before the place («под обстрелом находились Шебекино», «під ударом були»; one word each). */
  under_fire_verb?: string[];
  /** "capital", «столиц*»: with `of_ukraine` or `of_russia` beside it, Kyiv or Moscow (one word each). */
  capital_noun?: string[];
  /** "Ukrainian", «украин*», «україн*»: of Ukraine, beside `capital_noun` (one word each). */
  of_ukraine?: string[];
  /** "Russian", «российск*», «рф»: of Russia, beside `capital_noun` (one word each). */
  of_russia?: string[];
  /** "Kyiv", «Москв*»: the capital's own name after `capital_noun`, which then is the mention (one word each). */
  capital_name?: string[];
  /** Nouns of a front's direction after a town's name or adjective ("the Kupiansk direction", «на Купянском направлении», «на Куп'янському напрямку»): an area of the front, no settlement (one word each). */
  front_direction?: string[];
  /** Names of countries other than Ukraine and Russia ("Moldova", «Румыни*», «Польщ*»; one word each, a final * any ending): the country is no village of the name, and a town told in one ("Varna, Bulgaria", «в Румунії поблизу Галаца») is abroad. */
  foreign_country?: string[];
  /** Words after a city's name that make it the name of a facility of its region ("the Kursk Nuclear Power Plant", "Zaporizhzhia NPP", at Kurchatov and Enerhodar): the region, not the city. */
  named_facility?: string[];
  /** "of" after a bare `capital_noun` ("the capital of Crimea"): the capital of what follows, not the country's (one word each). */
  capital_of?: string[];
  /** Prepositions of place before a bare `capital_noun` ("in the capital", «в столице», «над столицею»): the event is in the capital of the report's country (one word each). */
  capital_in?: string[];
  /** Words of a flight toward a bare `capital_noun`, ending right before it or its article ("heading for the capital", «летевший на столицу»): the capital of the report's country is where the drones flew (phrases). */
  capital_toward?: string[];
  /** Verbs of saying right after a capital's name with no preposition before it ("Moscow said", «Москва заявила», «Київ заявив»): the government speaking, no place of the event (one word each, a final * any ending). */
  capital_said?: string[];
  /** Prepositions 'in' after a `capital_said` verb, before the capital («как заявили в Москве», «повідомили у Києві»): who speaks, no place of the event (one word each). */
  capital_said_in?: string[];
  /** Words that may stand between a capital's name and its `capital_said` verb ("Kyiv has never officially confirmed", «Киев официально не подтвердил»): auxiliaries, negations, adverbs (one word each). */
  capital_said_between?: string[];
  /** Words opening a clause right before a capital's name as its subject ("While Kyiv has not confirmed …", «хотя Киев …»): the name opens its clause (one word each). */
  capital_clause_opening?: string[];
  /** Words after a conjunction right after a capital city-region (Kyiv, Moscow, Saint Petersburg) that name the oblast around it ("Moscow and the surrounding region", «у Києві та області», «в Москве и области»; phrases). */
  around_city_region?: string[];
  /** Verbs of attacking a country or a region with what a figure counts ("attacked Ukraine with 85 drones", «атакував 102 БпЛА»; one word each). */
  attacking?: string[];
  /** Nouns of a region ("region", «област*», «край»): after `attacking`, a region attacked; before a figure, its region's share (one word each). */
  region_noun?: string[];
  /** Abbreviations written with a dot («обл.», «р-н.», «с.»): the dot ends no list of weapons (one word each). */
  abbreviation?: string[];
  /** The noun of a strike delivered («завдали удару балістичною ракетою»), after `deliver_verb` one or two words before (one word each). */
  strike_delivered?: string[];
  /** "delivered", «завдали», «нанесли»: before `strike_delivered`, the strike was made with the munitions after (one word each). */
  deliver_verb?: string[];
  /** "from", «из», «з» before a launch site ("launched from Cape Chauda", «со стороны Курской области»; one word each). */
  launch_from?: string[];
  /** Words that may stand between `launch_from` and the site's name ("the", "occupied", «территории», «мыс», «аеродрому»; one word each). */
  launch_site_words?: string[];
  /** "direction", «направлени*», «напрямк*»: a `direction_from` up to three words before it names launch sites ("з наступних напрямків: Курськ"). */
  launch_direction?: string[];
  /** "from", «из», «з» before a `launch_direction` word (one word each). */
  direction_from?: string[];
  /** Points of the compass ("north-west", «юго-восток», «південний»): before `direction_of`, a point the place is measured from (one word each). */
  compass_direction?: string[];
  /** "of", «от», «від» after `compass_direction` ("20 km north of Sumy", «на північ від Чернігова»; one word each). */
  direction_of?: string[];
  /** Comparatives of direction before a town («северо-западнее Белгорода»): measured from it, in its region (one word each). */
  comparative_direction?: string[];
  /** The preposition after a distance ('25 km from Sumy', «в 20 км от Шебекино», «за 20 км від Нікополя»): the town is a reference point (one word each). */
  distance_from?: string[];
  /** Prepositions of a place between two ('between Sumy and Bilopillia', «между Рыльском и Льговом», «між Сумами та Білопіллям»): neither town is where it happened (one word each). */
  between_places?: string[];
  /** Words after a kind of settlement that make it a type («поселок городского типа», «селище міського типу»): the name after them is the settlement (phrases). */
  settlement_type_phrase?: string[];
  /** Nouns of a road ('highway', «трасса», «автодорога», «траса»; a final * any ending) before (or in English after) two towns joined by a dash: the road between them, neither town the place. */
  road_noun?: string[];
  /** Words that say a thing was hit but not what kind ("facility", «объект*», «будівл*»): beside a type word, they take its type (one word each). */
  generic_target?: string[];
  /** An article or adjective kept in front of a target as quoted ("a private", «жил*», «приватн*»; one word each). */
  target_attribute?: string[];
  /** The words of an official's title by their English title ("Governor": «губернатор*»; the first group that has a word gives it; one word each). */
  title_words?: Record<string, string[]>;
  /** "acting", «врио», «тво» before a governor's title: the office held for now (one word each). */
  acting_title?: string[];
  /** "city" as an adjective («городской», «міський») before a head's title: the mayor (one word each). */
  city_adjective?: string[];
  /** Words between a title and the person's name, skipped ("of the regional", «области», «ОВА»; one word each). */
  title_skip?: string[];
  /** Words of a spelled-out administration's name, skipped on the way to the person's name («військової адміністрації»; one word each). */
  administration_words?: string[];
  /** "of the region" after a head's title («глава Тульской области»): a Russian region's head, its governor (one word each). */
  of_region?: string[];
  /** "of the city" after a head's title («глава города», «голова міста»): the mayor (one word each). */
  of_city?: string[];
  /** "including", «включая», «зокрема» after `regions_plural`: a city named as one of the regions (one word each). */
  including?: string[];
  /** Plural nouns of regions ("regions", «областях», «регіонів»; one word each). */
  regions_plural?: string[];
  /** Object pronouns ("her", «её», «її»): they stand for a person already counted ("Поранена жінка, її госпіталізували"; one word each). */
  object_pronoun?: string[];
  /** "семейная пара", "подружня пара", "an elderly couple": a word describing a couple, before its number word. */
  couple_attribute?: string[];
  /** "casualties", "fatalities", "injuries": plural nouns of a toll, which a person word before them only qualifies ("civilian fatalities"). */
  toll_nouns?: string[];
  /** "second", "third", …: an ordinal before a person ("a third man died") makes the toll that many (the first word is 2). */
  ordinal_person?: string[];
  /** Subject pronouns ("he", «она», «він»): before "died of wounds", the one person told before died (one word each). */
  subject_pronoun?: string[];
  /** "victims" in the instrumental («жертвами», «жертвою»): with `became` and a figure after, the figure counts them (one word each). */
  victims_instrumental?: string[];
  /** "became", «стали», «став» (of «Жертвами стали двое»; one word each). */
  became?: string[];
  /** A denial after the casualty word ("пострадавших нет", «загиблих немає»; one word each). */
  postposed_negation?: string[];
  /** A negated verb of record after the casualty word ("Пострадавших не выявлено", «Загиблих … не зафіксовано»): a denial a few words on. */
  postposed_denial?: string[];
  /** Words right after a casualty word that list more things denied with it («пострадавших, а также повреждений … нет», «постраждалих і руйнувань … немає»): a postposed denial reaches over the list. */
  listed_with?: string[];
  /** A sentence's opening that tells its casualties as further people ("Также пострадал подросток", «Також поранено жінку»). */
  additive_opening?: string[];
  /** "without", «без»: after `not_word` one or two words before it, a double negation ("не обошлось без жертв"; one word each). */
  without?: string[];
  /** "not", «не» (one word each). */
  not_word?: string[];
  /** The people of a place before its genitive ("Жители Коломны сообщили о взрывах", «мешканка Харкова»; one word each). */
  residents?: string[];
  /** Nouns of whose words after a pronoun ("in his words", «по его словам», «за його даними»): a source, not who was hurt (one word each). */
  attribution_noun?: string[];
  /** A kind of place between a preposition or an attack verb and the name («по території Дрогобича», «в городе Шебекино»; one word each). */
  place_kind_before?: string[];
  /** Plural nouns of the places a list after a dash names («населённые пункты Климовского района — Сушаны, …»; one word each). */
  places_listed?: string[];
  /** Endings of a settlement's name in the nominative («-овка», «-ське», '-ivka'): an unknown name of a list with no known place is a settlement only with one. */
  settlement_name_endings?: string[];
  /** Verbs that tell an attack was recorded («Атаки зафиксированы в …»; one word each, a final * any ending). */
  recorded?: string[];
  /** The centre of a district («райцентр», «районний центр»): the town the district last named is called after. */
  district_centre?: string[];
  /** 'that', «что», «що» opening a reported clause near a sentence's start ("It is known that most missiles were downed"). */
  lead_in_that?: string[];
  reported_clause?: string[];
  /** Letter runs of the border_claim words (“border”, «гранич»), anywhere in a sentence: the pre-test of claims. */
  border_hint?: string[];
  /** Function words that are no first name before an official’s title (“And Starovoit, governor …”; one word each). */
  not_first_name?: string[];
  /** Prepositions of place before the words ahead of an official’s title: those words are a place, not a name (one word each). */
  place_before_title?: string[];
  /** Endings of a patronymic («Петрович», «Іванівна»): the middle of three capitalised words after a title. */
  patronymic_endings?: string[];
  /** Words of a region after an official’s title, skipped before the name (“region”, «области», «ОВА»; one word each). */
  region_after_title?: string[];
  /** Conjunctions that join listed people or figures (“and”, «и», «та»; one word each). */
  conjunction?: string[];
  /** “43-year-old”, «43-річний», «пятилетний»: an age after a figure describes the person, it counts no one. */
  age_word?: string[];
  /** Possessives before a person word («жінка та її син»): whose, not another person (one word each). */
  possessive?: string[];
  /** Words that end a listed item before its person word (“but”, «а», «но»; one word each). */
  item_break?: string[];
  /** Prepositions of the place a casualty figure is told for (“in Kramatorsk”, «у Слов’янську»; one word each). */
  toll_place_preposition?: string[];
  /** «человек», «людей»: person words that, though singular in form, count several after a figure. */
  people_counted?: string[];
  /** Words after a comma that open the next clause (“, and two more …”, «, еще двое»). */
  next_clause_after_comma?: string[];
  /** Words that may stand between a casualty word and its figure (“at least”, «не менее», «щонайменше»). */
  cue_figure_between?: string[];
  /** Hedges of an amount before a figure («не менее», «щонайменше», «близько»). */
  amount_before?: string[];
  /** Words after a figure that give it to each place (“two each”, «по двоє в кожній»). */
  each_after?: string[];
  /** Words before a figure that give it to each place («по двоє в A та B»). */
  distributive?: string[];
  /** “died of wounds”, «помер від поранень»: the preposition after a killed word that joins it to the injured. */
  died_from?: string[];
  /** «пострадал частный дом», «постраждала школа»: verbs that tell damage to a thing when one follows. */
  damage_suffered?: string[];
  /** Words after a comma that turn to a contrast (“, but”, «, але»): a new clause. */
  contrast_after_comma?: string[];
  /** The words of a subset aside between a figure and its casualty word (“, including five children, were”): its opening, the auxiliary after it, a hedge. */
  subset_aside_intro?: string[];
  subset_aside_auxiliary?: string[];
  subset_aside_hedge?: string[];
  /** “, по предварительным данным,”, “, according to the governor,”: the words of an attribution aside (preposition, adjective stem, source noun; or a whole phrase). */
  attribution_by?: string[];
  attribution_adjective?: string[];
  attribution_source?: string[];
  attribution_phrase?: string[];
  /** Words that introduce examples of a total before a set of places (“including”, «в том числе», «зокрема»; phrases). */
  examples_intro?: string[];
  /** One short word that may stand between examples_intro and the places (“the”, «над», «по»). */
  examples_preposition?: string[];
  /** Words that may stand between two places of one set (“and”, “over the”, «над», «акватори…»; one word each). */
  place_set_joiners?: string[];
  /** The first words of a closing signature line (“Press service”, “Photo”, «Источник»). */
  signature_words?: string[];
  /** Letter runs anywhere in a short list header that tell what happened to its items («атак», «удар», “struck”). */
  happened_stems?: string[];
  /** Verbs of using weapons anywhere in a sentence (“used”, «применил*», «застосов*»; a final * a letter run, else a whole word). */
  weapons_used?: string[];
  /** The word “one” in its forms (one word each). */
  one_word?: string[];
  /** Verbs of taking place (“happened”, «произошло», «сталося»), then `in_preposition` and the place’s name. */
  happened_verb?: string[];
  /** “in”, «в», «у» before a place’s name (one word each). */
  in_preposition?: string[];
  /** Words after a comma that open a casualty’s own clause (“, and”, «, а», «, але»; one word each). */
  clause_opening?: string[];
  /** Words of a direction before the places it names as destinations (“towards”, «направлени*», «напрямк*»; one word each). */
  towards?: string[];
  /** Words after a comma that open a new clause (“, while”, «, а также», «, тоді як»). */
  clause_break?: string[];
  /** Words between a figure’s noun and its passive verb (“had”, “been”; with capitalised words and -ly adverbs). None: not looked for. */
  before_passive?: string[];
  /** Conjunctions that join a figure to the one before (“9 missiles and 19 drones”; one word each). */
  figure_joiner?: string[];
  /** The genitive of “region” («области», «області»; one word each). */
  of_the_region?: string[];
  /** Prepositions before a place of a clause telling attacks recorded (one word each). */
  recorded_at?: string[];
  /** Nouns of places after a figure («населённых пунктов», «сіл»; one word each). */
  counted_places?: string[];
  /** Stems of “yesterday’s” as an adjective («вчерашн*», «учорашн*»). */
  day_adjective?: string[];
  /** Endings of a district’s or region’s adjective in the genitive («Брянской», «Запорізької»). */
  genitive_adjective_endings?: string[];
  /** Endings of districts’ adjectives listed before their noun («Климовского, Суземского и Погарского районов»). */
  district_adjective_endings?: string[];
  /** Nouns of a district after its adjective («района», «району», “district”; a final * any ending). */
  district_noun?: string[];
  /** The adjective of an okrug named by its centre after it («городской», «муниципальный», «міський», 'urban'; a final * any ending). */
  okrug_kind?: string[];
  /** The okrug_kind of a town's own okrug («городской», «міський», 'urban'): one named by its adjective is its town. */
  urban_okrug_kind?: string[];
  /** The kind of a hromada between its adjective and community_noun («Миколаївська сільська громада», 'Esman rural hromada'; a final * any ending). */
  community_kind?: string[];
  /** The noun of an okrug after okrug_kind («округ*», «окрузі», 'district', 'okrug'). */
  okrug_noun?: string[];
  /** Endings that turn an okrug adjective's stem into its town's nominative (Каширский → Кашира). */
  okrug_centre_endings?: string[];
  /** Endings of a district's adjective transliterated ('Leninsky'), where the script's own suffixes do not show it. */
  okrug_adjective_endings?: string[];
  /** Abbreviations of okrug_kind and okrug_noun before the centre's name («г.о.», «м.о.»). */
  okrug_abbreviation?: string[];
  /** Pairs of a pattern on an okrug adjective's stem and its replacement, for more stems of its town («е([нр])$» → «$1»: Коломен → Коломн). */
  okrug_stem_rules?: [string, string][];
  /** The okrug_abbreviation of a town's own okrug («г.о.»; «м.о.» in Ukrainian): after an adjective, the okrug is its town. */
  urban_okrug_abbreviation?: string[];
}

/** The kinds of `of_which` phrases: relative ("of which"), pronoun ("of them"), the bare preposition ("of"). */
export type OfWhichLabel = "which" | "them" | "of";

export interface Lexicon {
  language: LanguageCode;
  /** The words sentence-facts.ts reads (lang/sentence-words.ts), compiled from the same file. */
  sentence: SentenceWords;
  interception: PhraseSet;
  strike: PhraseSet;
  attack: PhraseSet;
  debris: PhraseSet;
  debrisOfOne: WordSet;
  shelling: PhraseSet;
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
  casualtyHedges: PhraseSet;
  personsSingular: PhraseSet;
  personsPlural: PhraseSet;
  subset: PhraseSet;
  targets: PhraseSet<TargetTypeName>;
  targetExclusions: PhraseSet;
  officialTitles: PhraseSet;
  officialBodies: PhraseSet<string>;
  forcesOfBody: WordSet;
  tally: PhraseSet;
  countryRu: PhraseSet<number>;
  countryUa: PhraseSet<number>;
  earlier: PhraseSet;
  reportedEarlier: PhraseSet;
  asReported: PhraseSet;
  exampleOpener: PhraseSet;
  borderClaim: PhraseSet;
  notPlaceContext: PhraseSet;
  districtWords: PhraseSet;
  regionReference: PhraseSet;
  notCue: PhraseSet;
  airDefenceActive: PhraseSet;
  eventDenied: PhraseSet;
  attemptBefore: PhraseSet;
  defenceArms: PhraseSet;
  lostFromRadar: PhraseSet;
  negation: PhraseSet;
  notPlaceAfter: PhraseSet;
  notPlaceAfterPossessive: PhraseSet;
  capitalActs: PhraseSet;
  continuation: PhraseSet;
  explosionsHeard: PhraseSet;
  vagueWeapons: PhraseSet;
  damageTold: PhraseSet;
  regionByCityName: PhraseSet;
  placesThenNamed: PhraseSet;
  update: PhraseSet;
  cityReference: PhraseSet;
  regionalCentre: PhraseSet;
  districtCentre: PhraseSet;
  leadInThat: WordSet;
  /** Words right before a reported clause ("said", "that"): a name after one opens the clause. */
  reportedClause: WordSet;
  overWater: PhraseSet;
  nextDay: PhraseSet;
  allOfThem: PhraseSet;
  givenNames: PhraseSet;
  superseded: PhraseSet;
  correction: PhraseSet;
  hitSites: PhraseSet;
  moreBefore: ReadonlySet<string>;
  moreAfter: ReadonlySet<string>;
  vagueSome: ReadonlySet<string>;
  vagueMany: ReadonlySet<string>;
  nearPlace: PhraseSet;
  aroundPlace: PhraseSet;
  ordinalOne: ReadonlySet<string>;
  beyondCity: PhraseSet;
  repelled: PhraseSet;
  attackOn: PhraseSet;
  ontoPlace: Set<string>;
  hitTold: PhraseSet;
  overWeeks: PhraseSet;
  attackOf: ReadonlySet<string>;
  cameUnder: PhraseSet;
  oneMore: PhraseSet;
  theRest: PhraseSet;
  withOneMunition: PhraseSet;
  sinceStart: PhraseSet;
  tollSpan: PhraseSet;
  monthSpan: PhraseSet;
  sumTold: PhraseSet;
  anotherTime: PhraseSet;
  summarySpan: PhraseSet;
  oneAttackSpan: PhraseSet;
  sinceWhen: PhraseSet;
  facilityOfPlace: PhraseSet;
  deliveredStrike: PhraseSet;
  notOneEvent: PhraseSet;
  mayorWord: PhraseSet;
  outsideCity: PhraseSet;
  thereAre: PhraseSet;
  munitionDid: PhraseSet;
  hitOrDowning: PhraseSet;
  oneOf: WordSet;
  repetitionNouns: WordSet;
  attackCountNouns: WordSet;
  vagueShare: PhraseSet;
  byMeans: PhraseSet;
  placePreposition: ReadonlySet<string>;
  bareSea: WordSet;
  appositionNoun: WordSet;
  inPlace: ReadonlySet<string>;
  casualtyAuxiliaries: WordSet;
  tollRiseBetween: WordSet;
  tollRiseVerb: WordSet;
  hospitalised: WordSet;
  inHospital: WordSet;
  victims: WordSet;
  careWords: WordSet;
  ofWounds: WordSet;
  ofThem: PhraseSet;
  /** "Of the 14 drones …, 11 were shot down", «Из 14 беспилотников …», «З 50 дронів …»: a whole opening its clause. */
  wholeOfShare: PhraseSet;
  habitual: PhraseSet;
  habitSince: PhraseSet;
  superlative: PhraseSet;
  ofGroup: ReadonlySet<string>;
  careGiven: PhraseSet;
  ageYears: ReadonlySet<string>;
  ageYearsAfter: ReadonlySet<string>;
  ageBefore: PhraseSet;
  singleVictim: ReadonlySet<string>;
  anotherPerson: ReadonlySet<string>;
  whereClause: ReadonlySet<string>;
  ofWhich: PhraseSet<OfWhichLabel>;
  strikeNouns: ReadonlySet<string>;
  attackVerb: WordSet;
  undergone: WordSet;
  passiveAuxiliary: WordSet;
  undergonePassive: WordSet;
  under: WordSet;
  underFire: WordSet;
  underFireVerb: WordSet;
  capitalNoun: WordSet;
  ofUkraine: WordSet;
  ofRussia: WordSet;
  capitalName: WordSet;
  capitalOf: WordSet;
  capitalIn: WordSet;
  capitalToward: PhraseSet;
  capitalSaid: WordSet;
  capitalSaidIn: WordSet;
  capitalSaidBetween: WordSet;
  capitalClauseOpening: WordSet;
  aroundCityRegion: PhraseSet;
  frontDirection: WordSet;
  foreignCountry: WordSet;
  namedFacility: PhraseSet;
  attacking: WordSet;
  regionNoun: WordSet;
  abbreviation: WordSet;
  strikeDelivered: WordSet;
  deliverVerb: WordSet;
  launchFrom: WordSet;
  launchSiteWords: WordSet;
  launchDirection: WordSet;
  directionFrom: WordSet;
  compassDirection: WordSet;
  directionOf: WordSet;
  comparativeDirection: WordSet;
  distanceFrom: WordSet;
  /** The units of a distance before distance_from (the pack's direction_unit: 'km', «км»). */
  distanceUnit: WordSet;
  betweenPlaces: WordSet;
  settlementTypePhrase: PhraseSet;
  roadNoun: WordSet;
  genericTarget: WordSet;
  targetAttribute: WordSet;
  titleWords: Array<[string, WordSet]>;
  actingTitle: WordSet;
  cityAdjective: WordSet;
  titleSkip: WordSet;
  administrationWords: WordSet;
  ofRegion: WordSet;
  ofCity: WordSet;
  including: WordSet;
  regionsPlural: WordSet;
  objectPronoun: WordSet;
  coupleAttribute: WordSet;
  tollNouns: WordSet;
  ordinalPerson: string[];
  subjectPronoun: WordSet;
  victimsInstrumental: WordSet;
  became: WordSet;
  postposedNegation: WordSet;
  postposedDenial: PhraseSet;
  listedWith: PhraseSet;
  additiveOpening: PhraseSet;
  conditionalOpening: WordSet;
  without: WordSet;
  notWord: WordSet;
  residents: WordSet;
  attributionNoun: WordSet;
  placeKindBefore: WordSet;
  placesListed: WordSet;
  settlementNameEndings: string[];
  recorded: WordSet;
  borderHint: string[];
  notFirstName: WordSet;
  placeBeforeTitle: WordSet;
  patronymicEndings: string[];
  regionAfterTitle: WordSet;
  conjunction: WordSet;
  ageWord: WordSet;
  possessive: WordSet;
  itemBreak: WordSet;
  tollPlacePreposition: WordSet;
  peopleCounted: WordSet;
  /** A comma, one of the pack’s next_clause_after_comma words and a space. */
  nextClauseAfterComma: RegExp;
  cueFigureBetween: WordSet;
  amountBefore: WordSet;
  eachAfter: WordSet;
  distributive: WordSet;
  /** Whitespace, a distributive word and the end of the text (a gap closed by «по»). */
  distributiveAtEnd: RegExp;
  diedFrom: WordSet;
  damageSuffered: WordSet;
  /** A comma, one of the pack’s contrast_after_comma words and a space. */
  contrastAfterComma: RegExp;
  /** “, including five children, were”: a figure's word, a comma, subset_aside_intro … , an auxiliary and a hedge, then the casualty word. */
  subsetAside: RegExp;
  /** An attribution aside from its comma to the next one (global: every one of a text). */
  attributionAside: RegExp;
  /** examples_intro, then commas or colons and at most one short word, at the end of the text before a place. */
  examplesBefore: RegExp;
  /** examples_intro, then commas or colons, at the end of the text before a figure ("including one heading for Moscow"). */
  examplesFigureBefore: RegExp;
  /** A gap of nothing but spaces and at most one conjunction (“Kyiv and Odesa”, «Київ та Одеса»). */
  conjunctionGap: RegExp;
  placeSetJoiners: WordSet;
  /** A line opening with one of signature_words, then no letter or digit. */
  signatureLine: RegExp;
  /** A text with one of happened_stems anywhere in it (case-insensitive). */
  saysWhatHappened: RegExp;
  /** A sentence that tells weapons were used (weapons_used anywhere in its text). */
  weaponsUsed: RegExp;
  oneWord: WordSet;
  /** happened_verb, in_preposition and a capitalised name (group 1). */
  happenedIn: RegExp;
  towards: WordSet;
  /** A semicolon, or a comma and one of clause_break between spaces (global). */
  clauseBreak: RegExp;
  beforePassive: WordSet;
  figureJoiner: WordSet;
  ofTheRegion: WordSet;
  recordedAt: WordSet;
  countedPlaces: WordSet;
  dayAdjective: WordSet;
  /** A gap of a comma, or of a conjunction with or without a comma before it. */
  commaOrConjunction: RegExp;
  /** A casualty word, at most three words, and a toll_place_preposition before a place (“injured three in ”, «поранено двох у »). */
  figureThenPlace: RegExp;
  /** What opens a casualty's clause (global): a comma and clause_opening, a semicolon, a comma and in_preposition before a capital. */
  casualtyClause: RegExp;
  /** A word ending in one of genitive_adjective_endings after a letter or more. */
  genitiveAdjective: RegExp;
  /** A word ending in one of district_adjective_endings. */
  districtAdjective: RegExp;
  /** A district's adjective and its district_noun, then a semicolon: the gap between two groups of a list. */
  districtGroupGap: RegExp;
  /** okrug_kind, okrug_noun (and 'of'), or «г.о.», «м.о.», at the end of the gap before a name: the okrug named by its centre. */
  okrugBeforeName: RegExp;
  okrugKind: WordSet;
  urbanOkrugKind: WordSet;
  communityKind: WordSet;
  okrugNoun: WordSet;
  okrugCentreEndings: string[];
  okrugAdjectiveEndings: string[];
  okrugStemRules: [RegExp, string][];
  /** An urban_okrug_abbreviation at the start of a text. */
  urbanOkrugAbbreviationAt: RegExp;
  /** An okrug_abbreviation at the start of a text. */
  okrugAbbreviationAt: RegExp;
  /** «(м. Відноє) і Домодєдово (с. Ям)»: a bracket closed, a comma or conjunction, the next place and its bracket opened. */
  joinedBracketed: RegExp;
}

/** A language's lexicon file compiled into phrase sets (exported for packs other than the shipped ones). */
export function compileLexicon(language: LanguageCode, f: LexiconFile): Lexicon {
  const lexicon: Lexicon = {
    language,
    sentence: compileSentenceWords(f),
    interception: PhraseSet.of(f.interception),
    strike: PhraseSet.of(f.strike),
    attack: PhraseSet.of(f.attack),
    debris: PhraseSet.of(f.debris),
    debrisOfOne: new WordSet(f.debris_of_one),
    shelling: PhraseSet.of(f.shelling),
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
    casualtyHedges: PhraseSet.of(f.casualty_hedges),
    personsSingular: PhraseSet.of(f.persons_singular),
    personsPlural: PhraseSet.of(f.persons_plural),
    subset: PhraseSet.of(f.subset),
    targets: PhraseSet.labelled<TargetTypeName>(f.targets),
    targetExclusions: PhraseSet.of(f.target_context_exclusions),
    officialTitles: PhraseSet.of(f.official_titles),
    officialBodies: PhraseSet.labelled<string>(f.official_bodies),
    forcesOfBody: new WordSet(f.forces_of_body),
    tally: PhraseSet.of(f.tally),
    countryRu: PhraseSet.weighted(f.country_ru),
    countryUa: PhraseSet.weighted(f.country_ua),
    earlier: PhraseSet.of(f.earlier),
    reportedEarlier: PhraseSet.of(f.reported_earlier),
    asReported: PhraseSet.of(f.as_reported),
    exampleOpener: PhraseSet.of(f.example_opener),
    borderClaim: PhraseSet.of(f.border_claim),
    notPlaceContext: PhraseSet.of(f.not_place_context),
    districtWords: PhraseSet.of(f.district_words),
    regionReference: PhraseSet.of(f.region_reference),
    notCue: PhraseSet.of(f.not_cue),
    airDefenceActive: PhraseSet.of(f.air_defence_active),
    eventDenied: PhraseSet.of(f.event_denied),
    attemptBefore: PhraseSet.of(f.attempt_before),
    defenceArms: PhraseSet.of(f.defence_arms),
    lostFromRadar: PhraseSet.of(f.lost_from_radar),
    negation: PhraseSet.of(f.negation),
    notPlaceAfter: PhraseSet.of(f.not_place_after),
    notPlaceAfterPossessive: PhraseSet.of(f.not_place_after_possessive),
    capitalActs: PhraseSet.of(f.capital_acts),
    continuation: PhraseSet.of(f.continuation),
    explosionsHeard: PhraseSet.of(f.explosions_heard),
    vagueWeapons: PhraseSet.of(f.vague_weapons),
    damageTold: PhraseSet.of(f.damage_told),
    regionByCityName: PhraseSet.of(f.region_by_city_name),
    placesThenNamed: PhraseSet.of(f.places_then_named),
    update: PhraseSet.of(f.update),
    cityReference: PhraseSet.of(f.city_reference),
    regionalCentre: PhraseSet.of(f.regional_centre),
    districtCentre: PhraseSet.of(f.district_centre),
    leadInThat: new WordSet(f.lead_in_that),
    reportedClause: new WordSet(f.reported_clause),
    overWater: PhraseSet.of(f.over_water),
    nextDay: PhraseSet.of(f.next_day),
    allOfThem: PhraseSet.of(f.all_of_them),
    givenNames: PhraseSet.of(f.given_names),
    superseded: PhraseSet.of(f.superseded),
    correction: PhraseSet.of(f.correction),
    hitSites: PhraseSet.of(f.hit_sites),
    moreBefore: new Set((f.more_before ?? []).map(normalizeWord)),
    moreAfter: new Set((f.more_after ?? []).map(normalizeWord)),
    vagueSome: new Set((f.vague_some ?? []).map(normalizeWord)),
    vagueMany: new Set((f.vague_many ?? []).map(normalizeWord)),
    nearPlace: PhraseSet.of(f.near_place),
    aroundPlace: PhraseSet.of(f.around_place),
    ordinalOne: new Set((f.ordinal_one ?? []).map(normalizeWord)),
    beyondCity: PhraseSet.of(f.beyond_city),
    repelled: PhraseSet.of(f.repelled),
    attackOn: PhraseSet.of(f.attack_on),
    ontoPlace: new Set((f.onto_place ?? []).map(normalizeWord)),
    hitTold: PhraseSet.of(f.hit_told),
    overWeeks: PhraseSet.of(f.over_weeks),
    attackOf: new Set((f.attack_of ?? []).map(normalizeWord)),
    cameUnder: PhraseSet.of(f.came_under),
    oneMore: PhraseSet.of(f.one_more),
    theRest: PhraseSet.of(f.the_rest),
    withOneMunition: PhraseSet.of(f.with_one_munition),
    sinceStart: PhraseSet.of(f.since_start),
    tollSpan: PhraseSet.of(f.toll_span),
    monthSpan: PhraseSet.of(f.month_span),
    sumTold: PhraseSet.of(f.sum_told),
    anotherTime: PhraseSet.of(f.another_time),
    summarySpan: PhraseSet.of(f.summary_span),
    oneAttackSpan: PhraseSet.of(f.one_attack_span),
    sinceWhen: PhraseSet.of(f.since_when),
    facilityOfPlace: PhraseSet.of(f.facility_of_place),
    deliveredStrike: PhraseSet.of(f.delivered_strike),
    notOneEvent: PhraseSet.of(f.not_one_event),
    mayorWord: PhraseSet.of(f.mayor_word),
    outsideCity: PhraseSet.of(f.outside_city),
    thereAre: PhraseSet.of(f.there_are),
    munitionDid: PhraseSet.of(f.munition_did),
    hitOrDowning: PhraseSet.of(f.hit_or_downing),
    oneOf: new WordSet(f.one_of),
    repetitionNouns: new WordSet(f.repetition_nouns),
    attackCountNouns: new WordSet(f.attack_count_nouns),
    vagueShare: PhraseSet.of(f.vague_share),
    byMeans: PhraseSet.of(f.by_means),
    placePreposition: new Set((f.place_preposition ?? []).map(normalizeWord)),
    bareSea: new WordSet(f.bare_sea),
    appositionNoun: new WordSet(f.apposition_noun),
    casualtyAuxiliaries: new WordSet(f.casualty_auxiliaries),
    tollRiseBetween: new WordSet(f.toll_rise_between),
    tollRiseVerb: new WordSet(f.toll_rise_verb),
    hospitalised: new WordSet(f.hospitalised),
    inHospital: new WordSet(f.in_hospital),
    victims: new WordSet(f.victims),
    careWords: new WordSet(f.care_words),
    ofWounds: new WordSet(f.of_wounds),
    inPlace: new Set((f.in_place ?? []).map((p) => p.split(" ").map(normalizeWord).join(" "))),
    ofThem: PhraseSet.of(f.of_them),
    wholeOfShare: PhraseSet.of(f.whole_of_share),
    habitual: PhraseSet.of(f.habitual),
    habitSince: PhraseSet.of(f.habit_since),
    superlative: PhraseSet.of(f.superlative),
    ofGroup: new Set((f.of_group ?? []).map(normalizeWord)),
    careGiven: PhraseSet.of(f.care_given),
    ageYears: new Set((f.age_years ?? []).map(normalizeWord)),
    ageYearsAfter: new Set((f.age_years_after ?? []).map(normalizeWord)),
    ageBefore: PhraseSet.of(f.age_before),
    singleVictim: new Set((f.single_victim ?? []).map(normalizeWord)),
    anotherPerson: new Set((f.another_person ?? []).map(normalizeWord)),
    whereClause: new Set((f.where_clause ?? []).map(normalizeWord)),
    ofWhich: PhraseSet.labelled<OfWhichLabel>(f.of_which),
    strikeNouns: new Set((f.strike_nouns ?? []).map(normalizeWord)),
    attackVerb: new WordSet(f.attack_verb),
    undergone: new WordSet(f.undergone),
    passiveAuxiliary: new WordSet(f.passive_auxiliary),
    undergonePassive: new WordSet(f.undergone_passive),
    under: new WordSet(f.under),
    underFire: new WordSet(f.under_fire),
    underFireVerb: new WordSet(f.under_fire_verb),
    capitalNoun: new WordSet(f.capital_noun),
    ofUkraine: new WordSet(f.of_ukraine),
    ofRussia: new WordSet(f.of_russia),
    capitalName: new WordSet(f.capital_name),
    capitalOf: new WordSet(f.capital_of),
    capitalIn: new WordSet(f.capital_in),
    capitalToward: PhraseSet.of(f.capital_toward),
    capitalSaid: new WordSet(f.capital_said),
    capitalSaidIn: new WordSet(f.capital_said_in),
    capitalSaidBetween: new WordSet(f.capital_said_between),
    capitalClauseOpening: new WordSet(f.capital_clause_opening),
    aroundCityRegion: PhraseSet.of(f.around_city_region),
    frontDirection: new WordSet(f.front_direction),
    foreignCountry: new WordSet(f.foreign_country),
    namedFacility: PhraseSet.of(f.named_facility),
    attacking: new WordSet(f.attacking),
    regionNoun: new WordSet(f.region_noun),
    abbreviation: new WordSet(f.abbreviation),
    strikeDelivered: new WordSet(f.strike_delivered),
    deliverVerb: new WordSet(f.deliver_verb),
    launchFrom: new WordSet(f.launch_from),
    launchSiteWords: new WordSet(f.launch_site_words),
    launchDirection: new WordSet(f.launch_direction),
    directionFrom: new WordSet(f.direction_from),
    compassDirection: new WordSet(f.compass_direction),
    directionOf: new WordSet(f.direction_of),
    comparativeDirection: new WordSet(f.comparative_direction),
    distanceFrom: new WordSet(f.distance_from),
    distanceUnit: new WordSet(f.direction_unit),
    betweenPlaces: new WordSet(f.between_places),
    settlementTypePhrase: PhraseSet.of(f.settlement_type_phrase),
    roadNoun: new WordSet(f.road_noun),
    genericTarget: new WordSet(f.generic_target),
    targetAttribute: new WordSet(f.target_attribute),
    titleWords: Object.entries(f.title_words ?? {}).map(([title, list]) => [title, new WordSet(list)] as [string, WordSet]),
    actingTitle: new WordSet(f.acting_title),
    cityAdjective: new WordSet(f.city_adjective),
    titleSkip: new WordSet(f.title_skip),
    administrationWords: new WordSet(f.administration_words),
    ofRegion: new WordSet(f.of_region),
    ofCity: new WordSet(f.of_city),
    including: new WordSet(f.including),
    regionsPlural: new WordSet(f.regions_plural),
    objectPronoun: new WordSet(f.object_pronoun),
    coupleAttribute: new WordSet(f.couple_attribute),
    tollNouns: new WordSet(f.toll_nouns),
    ordinalPerson: f.ordinal_person ?? [],
    subjectPronoun: new WordSet(f.subject_pronoun),
    victimsInstrumental: new WordSet(f.victims_instrumental),
    became: new WordSet(f.became),
    postposedNegation: new WordSet(f.postposed_negation),
    postposedDenial: PhraseSet.of(f.postposed_denial),
    listedWith: PhraseSet.of(f.listed_with),
    additiveOpening: PhraseSet.of(f.additive_opening),
    conditionalOpening: new WordSet(f.conditional_opening),
    without: new WordSet(f.without),
    notWord: new WordSet(f.not_word),
    residents: new WordSet(f.residents),
    attributionNoun: new WordSet(f.attribution_noun),
    placeKindBefore: new WordSet(f.place_kind_before),
    placesListed: new WordSet(f.places_listed),
    settlementNameEndings: f.settlement_name_endings ?? [],
    recorded: new WordSet(f.recorded),
    borderHint: (f.border_hint ?? []).map((h) => h.toLowerCase()),
    notFirstName: new WordSet(f.not_first_name),
    placeBeforeTitle: new WordSet(f.place_before_title),
    patronymicEndings: (f.patronymic_endings ?? []).map(normalizeWord),
    regionAfterTitle: new WordSet(f.region_after_title),
    conjunction: new WordSet(f.conjunction),
    ageWord: new WordSet(f.age_word),
    possessive: new WordSet(f.possessive),
    itemBreak: new WordSet(f.item_break),
    tollPlacePreposition: new WordSet(f.toll_place_preposition),
    peopleCounted: new WordSet(f.people_counted),
    nextClauseAfterComma: wordsRegex(",\\s*", f.next_clause_after_comma, "\\s"),
    cueFigureBetween: new WordSet(f.cue_figure_between),
    amountBefore: new WordSet(f.amount_before),
    eachAfter: new WordSet(f.each_after),
    distributive: new WordSet(f.distributive),
    distributiveAtEnd: wordsRegex("\\s+", f.distributive, "\\s*$"),
    diedFrom: new WordSet(f.died_from),
    damageSuffered: new WordSet(f.damage_suffered),
    contrastAfterComma: wordsRegex(",\\s*", f.contrast_after_comma, "\\s"),
    subsetAside: wordsRegex(
      "^\\s*(?:\\p{L}+)?\\s*,\\s*",
      f.subset_aside_intro,
      `\\s[^.;,]*,\\s*${alternation(f.subset_aside_auxiliary)}?\\s*${alternation(f.subset_aside_hedge)}?\\s*$`,
    ),
    attributionAside: new RegExp(
      `,\\s*(?:${alternation(f.attribution_by)} (?:${alternation(f.attribution_adjective)}\\p{L}* )?${alternation(f.attribution_source)}|${alternation(f.attribution_phrase)})[^,.;:!?]*,`,
      "giu",
    ),
    examplesBefore: wordsRegex("", f.examples_intro, `[\\s,:]*(?:(?:\\p{L}{1,2}|${alternation(f.examples_preposition)})\\s+)?\\s*$`),
    examplesFigureBefore: wordsRegex("(?:^|[^\\p{L}])", f.examples_intro, "[\\s,:]*$"),
    conjunctionGap: wordsRegex("^\\s*", f.conjunction, "?\\s*$"),
    placeSetJoiners: new WordSet(f.place_set_joiners),
    // Not \b: in JavaScript a boundary after a Cyrillic word needs a Latin letter or digit next («Источник: ТАСС» never matched).
    signatureLine: wordsRegex("^", f.signature_words, "(?![\\p{L}\\d])", "iu"),
    saysWhatHappened: wordsRegex("", f.happened_stems, "", "iu"),
    weaponsUsed: usedRegex(f.weapons_used),
    oneWord: new WordSet(f.one_word),
    happenedIn: new RegExp(`${alternation(f.happened_verb)}\\s+${alternation(f.in_preposition)}\\s+(\\p{Lu}[\\p{L}-]+)`, "u"),
    towards: new WordSet(f.towards),
    clauseBreak: wordsRegex(";|,\\s+", f.clause_break, "\\s", "gu"),
    beforePassive: new WordSet(f.before_passive),
    figureJoiner: new WordSet(f.figure_joiner),
    ofTheRegion: new WordSet(f.of_the_region),
    recordedAt: new WordSet(f.recorded_at),
    countedPlaces: new WordSet(f.counted_places),
    dayAdjective: new WordSet(f.day_adjective),
    commaOrConjunction: wordsRegex("^\\s*(?:,|,?\\s*", f.conjunction, ")\\s*$"),
    genitiveAdjective: wordsRegex("\\p{L}", f.genitive_adjective_endings, "$"),
    districtAdjective: wordsRegex("", f.district_adjective_endings, "$"),
    okrugBeforeName: new RegExp(
      `(?:^|\\s)(?:${stemAlternation(f.okrug_kind)}\\s+${stemAlternation(f.okrug_noun)}(?:\\s+of)?|${alternation(f.okrug_abbreviation)})\\s*$`,
      "iu",
    ),
    okrugKind: new WordSet(f.okrug_kind),
    communityKind: new WordSet(f.community_kind),
    urbanOkrugKind: new WordSet(f.urban_okrug_kind),
    okrugNoun: new WordSet(f.okrug_noun),
    okrugCentreEndings: f.okrug_centre_endings ?? [],
    okrugAdjectiveEndings: f.okrug_adjective_endings ?? [],
    okrugStemRules: (f.okrug_stem_rules ?? []).map(([pattern, replacement]) => [new RegExp(pattern, "u"), replacement] as [RegExp, string]),
    urbanOkrugAbbreviationAt: new RegExp(`^${alternation(f.urban_okrug_abbreviation)}`, "iu"),
    okrugAbbreviationAt: new RegExp(`^${alternation(f.okrug_abbreviation)}`, "iu"),
    districtGroupGap: new RegExp(`^\\s*[\\p{L}-]+\\s+${stemAlternation(f.district_noun)}\\s*;\\s*$`, "u"),
    joinedBracketed: wordsRegex("^\\s*\\)\\s*(?:,|", f.conjunction, ")\\s+[^().,;:]{1,40}\\(\\s*(?:\\p{L}{1,8}\\.?\\s*)?$"),
    casualtyClause: new RegExp(`,\\s+${alternation(f.clause_opening)}\\s|;\\s|,\\s+${alternation(f.in_preposition)}\\s+(?=\\p{Lu})`, "gu"),
    figureThenPlace: wordsRegex("^[\\p{L}'’-]+\\s+(?:[\\p{L}\\d'’-]+\\s+){0,3}", f.toll_place_preposition, "\\s+$"),
  };
  new Scanner(Object.values(lexicon).filter((v): v is PhraseSet<unknown> => v instanceof PhraseSet));
  return lexicon;
}

/** "ещё двое", "another 5", "three more", "two others": a word that tells a figure as more of those counted before. */
export const isMoreWord = (lex: Lexicon, word: string): boolean => lex.moreBefore.has(word) || lex.moreAfter.has(word);

const cache = new Map<LanguageCode, Lexicon>();

/** The compiled lexicon of a language (built once; immutable afterwards). */
export function lexiconFor(language: LanguageCode): Lexicon {
  let lex = cache.get(language);
  if (!lex) {
    lex = compileLexicon(language, packFor(language).lexicon as unknown as LexiconFile);
    cache.set(language, lex);
  }
  return lex;
}
