// What places a search query names, in any of the three languages and any case form: the
// regions and regional capitals through the extractor's own region finder, and settlements
// through the gazetteer ("Харьков", "Харків", "Kharkiv" → Kharkiv, UA-63; "Белгородская" →
// RU-BEL; "в Щетиновке" → Shchetinovka). Pure: the gazetteer comes in as a function.
import { findRegionMentions } from "../extract/places.js";
import { tokenize } from "../extract/text/tokens.js";
import { regionLexicon } from "../geo/region-lexicon.js";
import type { LanguageCode } from "../model/incident.js";

/** A settlement as events store it (canonical Latin name and region), with its names in the three languages. */
export interface SettlementMatch {
  name: string;
  region: string;
  names: string[];
}

export interface RegionMatch {
  iso: string;
  names: string[];
}

export interface QueryPlaces {
  settlements: SettlementMatch[];
  regions: RegionMatch[];
}

/** The gazetteer's answer for a name: every settlement it may denote (see PlaceResolver.searchSettlements). */
export type SettlementSearch = (name: string) => Array<{ name: string; nameRu: string | null; nameUk: string | null; region: string }>;

const PREPOSITION = /^(?:в|во|у|на|над|під|под|із|из|з|біля|около|in|at|near|over)\s+/iu;
const UKRAINIAN = /[іїєґ]/i;
const CYRILLIC = /[\u0400-\u04ff]/;

/** The languages whose stemmers may read the query: Ukrainian letters say Ukrainian, other Cyrillic may be either. */
function languagesOf(text: string): LanguageCode[] {
  if (!CYRILLIC.test(text)) return ["en"];
  return UKRAINIAN.test(text) ? ["uk"] : ["ru", "uk"];
}

/** Words capitalised, as the region finder expects names to be ("белгородская" → "Белгородская"). */
const capitalised = (text: string) =>
  text.replace(/(^|[\s-])(\p{Ll})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());

/** A region's name without "Oblast", "область", "Republic"…: texts write the name with other head words ("Belgorod region"). */
const HEAD_WORD =
  /^(oblast|region|krai|republic|autonomous|okrug|область|край|республика|республіка|автономный|автономна|автономний|округ|city|город|місто)$/iu;
const withoutHeadWord = (name: string) =>
  name
    .split(/\s+/)
    .filter((w) => !HEAD_WORD.test(w) && !/^of$/i.test(w))
    .join(" ");

/** Head words after a region's name ("область", "областью", "region", "krai"…). */
const HEAD =
  /^(област\p{L}*|обл|регион\p{L}*|регіон\p{L}*|кра[йюяе]\p{L}*|республик\p{L}*|республік\p{L}*|oblast|oblasts|region|regions|krai|kray|province|republic)$/u;

const uniqueBy = <T>(items: T[], key: (t: T) => string) => [...new Map(items.map((i) => [key(i), i])).values()];

/**
 * The places the whole query names (empty when it names none, or names something besides a
 * place: "Харьков ракета" is searched as text).
 */
export function queryPlaces(query: string, settlements: SettlementSearch | null): QueryPlaces {
  const text = query.trim().replace(/\s+/g, " ").replace(PREPOSITION, "");
  const out: QueryPlaces = { settlements: [], regions: [] };
  if (!/\p{L}/u.test(text) || text.length > 100) return out;
  const lex = regionLexicon();
  const written = capitalised(text);
  const cities: Array<{ name: string; region: string }> = [];
  for (const language of languagesOf(text)) {
    const tokens = tokenize(written, language);
    if (!tokens.length) continue;
    let group = 0;
    for (const m of findRegionMentions(tokens, written, () => ++group)) {
      // Only a mention that is the whole query (its head word aside): "Белгородская область", not "удар по Белгородской".
      if (m.first !== 0 || !tokens.slice(m.last + 1).every((t) => HEAD.test(t.lower))) continue;
      if (m.kind === "city" && m.name) cities.push(...m.regions.map((region) => ({ name: m.name as string, region })));
      else if (m.kind === "region")
        for (const iso of m.regions) {
          const r = lex.regions.get(iso);
          if (r) out.regions.push({ iso, names: [r.name, r.nameRu, r.nameUk].map(withoutHeadWord).filter(Boolean) });
        }
    }
  }
  out.regions = uniqueBy(out.regions, (r) => r.iso);
  if (!out.regions.length && settlements) {
    for (const s of settlements(text))
      out.settlements.push({ name: s.name, region: s.region, names: [s.name, s.nameRu ?? "", s.nameUk ?? ""].filter(Boolean) });
    // A capital the gazetteer did not place (or no gazetteer): the region finder's name for it.
    for (const c of cities)
      if (!out.settlements.some((s) => s.region === c.region && s.name === c.name))
        out.settlements.push({ name: c.name, region: c.region, names: [c.name] });
  } else if (!out.regions.length) {
    for (const c of cities) out.settlements.push({ name: c.name, region: c.region, names: [c.name] });
  }
  out.settlements = uniqueBy(out.settlements, (s) => `${s.region}|${s.name}`);
  return out;
}
