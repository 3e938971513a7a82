// The API's English phrases about a claim, in the interface language. The API sends an official
// as one English string ("Governor Vyacheslav Gladkov", "Oleh Syniehubov, head of the regional
// military administration"), a claim's reason and its disagreements as English prose made from a
// few fixed patterns (src/fuse/fusion.ts), and flags with a code and an English message. The known
// patterns are translated here; anything else is shown as the API sent it.
import type { MessageKey, Translator } from "./i18n";

/** A piece of text; `name` marks a person's name or a quoted phrase, kept as written. */
export interface Part {
  text: string;
  name?: boolean;
}

const TITLES = ["Acting Governor", "Governor", "Mayor", "Head", "Minister", "Spokesperson", "Commander"];

/** "Governor Vyacheslav Gladkov" → [{Губернатор }, {Vyacheslav Gladkov, name}]. */
export function officialParts(tr: Translator, official: string): Part[] {
  const body = `official.${official}`;
  if (tr.has(body)) return [{ text: tr.t(body) }];
  const headOf = /^(.+), (head of the (?:regional|city|district) (?:military|state) administration)$/.exec(official);
  if (headOf) {
    const key = `official.${headOf[2]}`;
    if (tr.has(key)) return [{ text: headOf[1], name: true }, { text: `, ${tr.t(key)}` }];
  }
  for (const title of TITLES) {
    if (official.startsWith(`${title} `)) {
      return [{ text: `${tr.t(`official.${title}` as MessageKey)} ` }, { text: official.slice(title.length + 1), name: true }];
    }
  }
  // A name alone (a statement signed "— Володимир Когут"), or a title this table does not know.
  return [{ text: official, name: !/^the /.test(official) }];
}

export const officialText = (tr: Translator, official: string) =>
  officialParts(tr, official)
    .map((p) => p.text)
    .join("");

export interface PlaceNames {
  region(iso: string): string;
  /** A sea's English name (as the API sends it) in the interface language. */
  sea(name: string): string;
}

function placeText(tr: Translator, place: string, names: PlaceNames): string {
  if (place.startsWith("sea:")) return names.sea(place.slice(4));
  if (place.startsWith("country:")) {
    const key = `country.${place.slice(8)}`;
    return tr.has(key) ? `${tr.t(key)} (${tr.t("nationwide")})` : tr.t("nationwide");
  }
  return names.region(place);
}

const dateText = (tr: Translator, d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? tr.date(d) : tr.t("reason.undated"));

/** "same hit, UA-12, 2025-10-26, date 2025-10-26" → "same hit: Dnipropetrovsk Oblast, 26 Oct 2025; …". */
export function reasonText(tr: Translator, reason: string, names: PlaceNames): string {
  const m = /^same (hit|interception), ([^,]+), ([^,]+), date (.+)$/.exec(reason);
  if (!m) return reason;
  const params = { family: tr.t(`reason.${m[1]}` as MessageKey), place: placeText(tr, m[2], names), date: dateText(tr, m[3]) };
  // The event's date and this report's agree: said once.
  if (m[3] === m[4] || (m[3] === "undated" && m[4] === "unknown")) return tr.t("reason.sameDate", params);
  return tr.t("reason.same", { ...params, claimDate: dateText(tr, m[4]) });
}

/** "count: Governor X 5; the mayor 7" → "Число: Губернатор X 5; мэр 7". */
export function disagreementParts(tr: Translator, text: string): Part[] {
  const m = /^(count|killed|injured): (.+)$/.exec(text);
  if (!m) return [{ text }];
  const parts: Part[] = [{ text: `${tr.t(m[1] as MessageKey)}: ` }];
  m[2].split("; ").forEach((said, i) => {
    const v = /^(.+) (\d+)$/.exec(said);
    if (i) parts.push({ text: "; " });
    if (!v) parts.push({ text: said });
    else parts.push(...officialParts(tr, v[1]), { text: ` ${tr.number(Number(v[2]))}` });
  });
  return parts;
}

/** A flag's message: the known codes rebuilt in the interface language, others as sent. */
export function flagText(tr: Translator, flag: { code: string; message: string }, regionByEnglishName: (name: string) => string): string {
  if (flag.code === "false-border-claim") {
    const m = /^The text says (.+) borders (Russia|Ukraine) \("(.*)"\); it does not\.$/s.exec(flag.message);
    if (m)
      return tr.t("flag.false-border-claim", {
        region: regionByEnglishName(m[1]),
        country: tr.t(m[2] === "Russia" ? "country.RU.dative" : "country.UA.dative"),
        phrase: m[3],
      });
  }
  return flag.message;
}

/** "exact" etc. before a count; null when there is none. */
export function qualifierText(tr: Translator, qualifier: string | null): string | null {
  if (!qualifier) return null;
  const key = `qualifier.${qualifier}`;
  return tr.has(key) ? tr.t(key) : qualifier;
}
