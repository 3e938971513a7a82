// What the API says about a claim, in the interface language. The API sends an official as one
// English string ("Governor Vyacheslav Gladkov", "Oleh Syniehubov, head of the regional military
// administration"), a claim's reason as a code with parameters (src/model/claim-reason.ts; older
// rows: an English sentence of a fixed pattern), disagreements as values (src/model/disagreement.ts;
// an English line of a fixed pattern from a server before migration 14), and flags with a code and
// an English message. The known codes and
// patterns are put into words here; anything else is shown as the API sent it.
import { type ClaimReason, isClaimReason, type StoredReason } from "../model/claim-reason";
import { type Disagreement, disagreementsOf, isDisagreement } from "../model/disagreement";
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
  /** The event's settlement (its English name, as the API sends it) in the interface language; as sent without it. */
  settlement?(name: string): string;
}

function placeText(tr: Translator, place: string, names: PlaceNames): string {
  if (place.startsWith("sea:")) return names.sea(place.slice(4));
  if (place.startsWith("country:")) {
    const key = `country.${place.split(":")[1]}`; // country:RU, or country:RU:drone (a tally told apart by weapon)
    return tr.has(key) ? `${tr.t(key)} (${tr.t("nationwide")})` : tr.t("nationwide");
  }
  return names.region(place);
}

const dateText = (tr: Translator, d: string | null) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? tr.date(d) : tr.t("reason.undated"));

/**
 * The note on a claim that names no settlement and joined the only one reported there that day.
 * Kept here, beside the one place that uses it; {settlement} is the name as the API sends it.
 */
const JOINED: Record<Translator["lang"], string> = {
  en: "names no settlement; {settlement} is the only one reported there that day",
  ru: "населённый пункт не назван; {settlement} — единственный, о котором сообщали там в этот день",
  uk: "населений пункт не названо; {settlement} — єдиний, про який повідомляли там цього дня",
};

/** Where a stored reason says the happening was: a region, a sea, or a country-wide tally of a weapon. */
function reasonPlace(tr: Translator, r: ClaimReason, names: PlaceNames): string {
  if (r.region) return names.region(r.region);
  if (r.sea) return names.sea(r.sea);
  const country = r.country && tr.has(`country.${r.country}`) ? tr.t(`country.${r.country}` as MessageKey) : null;
  const weapon =
    r.weapon && r.weapon !== "unknown" && tr.has(`weapon.${r.weapon}`) ? tr.t(`weapon.${r.weapon}` as MessageKey).toLowerCase() : null;
  const nationwide = weapon ? `${tr.t("nationwide")}, ${weapon}` : tr.t("nationwide");
  return country ? `${country} (${nationwide})` : nationwide;
}

/**
 * Why a claim belongs to its event, in the interface language: a stored code and its parameters
 * ({code: "same_hit", region: "UA-12", date: "2025-10-26", claimDate: "2025-10-26"} → "same hit:
 * Dnipropetrovsk Oblast, 26 Oct 2025"), or an English sentence stored before migration 10
 * ("same hit, UA-12, 2025-10-26, date 2025-10-26"), read by its pattern; anything else as sent.
 */
export function reasonText(tr: Translator, reason: StoredReason, names: PlaceNames): string {
  if (isClaimReason(reason)) {
    const params = {
      family: tr.t(reason.code === "same_interception" ? "reason.interception" : "reason.hit"),
      place: reasonPlace(tr, reason, names),
      date: dateText(tr, reason.date),
    };
    const text =
      reason.date === reason.claimDate
        ? tr.t("reason.sameDate", params)
        : tr.t("reason.same", { ...params, claimDate: dateText(tr, reason.claimDate) });
    return reason.joinedSettlement
      ? `${text}; ${JOINED[tr.lang].replace("{settlement}", names.settlement?.(reason.joinedSettlement) ?? reason.joinedSettlement)}`
      : text;
  }
  if (typeof reason !== "string") return "";
  const m = /^same (hit|interception), ([^,]+), ([^,]+), date (.+)$/.exec(reason);
  if (!m) return reason;
  const params = { family: tr.t(`reason.${m[1]}` as MessageKey), place: placeText(tr, m[2], names), date: dateText(tr, m[3]) };
  // The event's date and this report's agree: said once.
  if (m[3] === m[4] || (m[3] === "undated" && m[4] === "unknown")) return tr.t("reason.sameDate", params);
  return tr.t("reason.same", { ...params, claimDate: dateText(tr, m[4]) });
}

/** "count: Governor X 5; the mayor 7" → "Число: Губернатор X 5; мэр 7" (the English line a server before migration 14 sent). */
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

/** A disagreement from its values (src/model/disagreement.ts) in the interface language: no English line to parse. */
export function disagreementValueParts(tr: Translator, d: Disagreement): Part[] {
  const parts: Part[] = [{ text: `${tr.t(d.field)}: ` }];
  d.values.forEach((v, i) => {
    if (i) parts.push({ text: "; " });
    parts.push(...officialParts(tr, v.source), { text: ` ${tr.number(v.value)}` });
  });
  return parts;
}

/** A disagreement as the API sends it — values, or an English line from an older server — in the interface language. */
export function disagreementStoredParts(tr: Translator, d: Disagreement | string): Part[] {
  if (typeof d === "string") return disagreementParts(tr, d);
  return isDisagreement(d) ? disagreementValueParts(tr, d) : [];
}

/** The disagreements of an event, from its claims as the API sends them (what fusion computed them from). */
export function claimDisagreements(
  claims: Array<{
    incidentId: number;
    official: string | null;
    count: number | null;
    killed: number | null;
    injured: number | null;
    report: { source: string };
  }>,
): Disagreement[] {
  return disagreementsOf(claims.map((c) => ({ ...c, source: c.report.source })));
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
