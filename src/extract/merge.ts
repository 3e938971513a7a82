// Cleans up what one report yields: one incident per place, date and kind (a headline and
// the body tell the same thing twice), summaries dropped in favour of their details, and
// interceptions implied by debris dropped when the downing is stated on its own.

import { CAPITAL_CITIES } from "../geo/city-regions.js";
import { happeningKey } from "../model/happening-key.js";
import { type Draft, draftBeside } from "./incidents.js";
import { transliterate } from "./transliterate.js";

const settlementKey = (s: string | null) =>
  s
    ? transliterate(s, "ru")
        .toLowerCase()
        .replace(/[^a-z]/g, "")
        .slice(0, 6)
    : "";
const family = (kind: string) => (kind === "interception" ? "interception" : "hit");

function key(d: Draft): string {
  // The happening key fusion uses too (src/model/happening-key.ts): country tallies of different
  // weapons stay apart ("12 missiles and 13 drones"), settlements compare as fusion compares them.
  // The fields it reads, not a copy of the whole draft (this runs for every draft).
  const { kind, weapon, country, region, settlement, date } = d;
  return happeningKey({ kind, weapon, country, region, settlement, date, waterArea: d.water_area ?? null });
}

/** A headline retells the body: its incident joins the body's account of the same place. */
function absorbHeadlines(drafts: Draft[]): Draft[] {
  const body = drafts.filter((d) => !d.headline);
  const kept: Draft[] = [];
  for (const h of drafts) {
    if (!h.headline) continue;
    // «Нафтобаза в Енгельсі горить» over a body that places «в Енгельсі, Саратовської області»: the headline's
    // word, read without the body's region (a Ukrainian village's old name), is the body's town.
    const sameWord = h.settlement_text
      ? body.find(
          (b) =>
            b.settlement &&
            b.region !== h.region &&
            family(b.kind) === family(h.kind) &&
            b.settlement_text?.toLowerCase() === h.settlement_text?.toLowerCase(),
        )
      : undefined;
    if (sameWord) {
      h.trace.push(`placed as the body places "${h.settlement_text}" (sentence ${sameWord.origin + 1})`);
      Object.assign(h, { region: sameWord.region, country: sameWord.country, settlement: sameWord.settlement });
    }
    const candidates = body.filter(
      (b) =>
        family(b.kind) === family(h.kind) &&
        (h.region === null || b.region === h.region) &&
        // (A country's tally of one weapon is not a region's account of another: "ракетою … та 52 БпЛА" over regions of drones.)
        (h.region !== null || h.country === null || b.region === null || b.weapon === h.weapon) &&
        (h.water_area ?? null) === (b.water_area ?? null) &&
        (!h.settlement || settlementKey(h.settlement) === settlementKey(b.settlement)),
    );
    // "Ракета влучила в Одесі" over a body that tells the hit in Odesa Oblast only: the headline's town is the body's.
    // (Only the body's one hit of the region: its attack told of the whole region stays the region's.)
    const regionHits =
      !candidates.length && h.settlement && h.kind !== "interception"
        ? body.filter(
            // (Not a region's tally of the day or month: «с начала месяца в области — 1 897 прилётов».)
            (b) =>
              b.kind === "strike" &&
              b.region === h.region &&
              !b.settlement &&
              !b.district &&
              (b.count === null || h.count === null || b.count === h.count),
          )
        : [];
    if (regionHits.length === 1) candidates.push(regionHits[0]);
    // «За ночь над территорией РФ сбили 78 беспилотников» over a body that only breaks it down by region («24 — над
    // Брянской, 21 — над Белгородской, …»): the headline is the country's tally, kept beside the breakdown (guide, rule 3).
    if (countryTallyOverBreakdown(h, candidates)) {
      h.trace.push("kept as the country's tally over the body's regional figures");
      kept.push(h);
      continue;
    }
    const sameDay = candidates.filter((b) => b.date === h.date);
    // («Над Тульской областью уничтожили беспилотник» over a body whose only downing there is another night's other figure,
    // «В ночь на 29 августа … 2 — над Тульской областью»: the headline tells today's, not that one.)
    const otherDay = (b: Draft) =>
      !h.dateExplicit &&
      b.date !== h.date &&
      b.date !== null &&
      h.date !== null &&
      h.count !== null &&
      b.count !== null &&
      b.count !== h.count;
    const pool = sameDay.length ? sameDay : candidates.filter((b) => !otherDay(b));
    const target = pool.find((b) => b.count === h.count) ?? pool.find((b) => b.settlement) ?? pool[0];
    if (target) {
      const { date, count, count_qualifier, killed, injured } = target;
      mergeInto(target, h, "took in the headline's account");
      Object.assign(target, { date, count: count ?? h.count, count_qualifier: count === null ? h.count_qualifier : count_qualifier });
      // The body's own figures refine the headline's ("Attack on Sumy: 3 injured … One of them later died": 1 killed, 2 injured).
      if (killed !== null || injured !== null) Object.assign(target, { killed: killed ?? h.killed, injured: injured ?? h.injured });
    } else kept.push(h);
  }
  return kept.concat(drafts.filter((d) => !d.headline)).sort((a, b) => a.origin - b.origin);
}

/** A headline's country-wide downing figure over two or more regional figures of the body, each smaller, and no country figure there. */
function countryTallyOverBreakdown(h: Draft, candidates: Draft[]): boolean {
  const total = h.count;
  if (h.kind !== "interception" || h.region !== null || h.water_area || total === null) return false;
  if (candidates.some((b) => b.region === null)) return false;
  const regional = candidates.filter((b) => b.count !== null);
  return regional.length >= 2 && regional.every((b) => (b.count ?? 0) < total);
}

function mergeInto(a: Draft, b: Draft, why: string) {
  a.trace.push(`${why}: the incident of sentence ${b.origin + 1} (${b.kind}${b.count !== null ? `, count ${b.count}` : ""})`);
  for (const slot of ["place", "count", "killed", "injured"] as const) a.spans[slot] ??= b.spans[slot];
  if (a.kind === "attack" && b.kind === "strike") a.kind = "strike";
  // (A launch's figure is no count of the downing or hit told of the place: «по Одеській області випущено три ракети …
  // одна ракета влучила» hit with one.)
  if (a.launchCount && b.kind !== "attack") {
    a.count = b.count;
    a.count_qualifier = b.count_qualifier;
    a.launchCount = b.launchCount;
  } else if (b.launchCount && a.kind !== "attack") {
    // (The downing's or hit's own figure stands.)
  } else if (a.count === null) {
    a.count = b.count;
    a.count_qualifier = b.count_qualifier;
  } else if (b.count !== null && (b.count !== a.count || b.more) && a.origin !== b.origin) {
    // Two parts told separately by one report (two districts, two waves) add up; a total or a
    // later figure ("всего", "згодом збили понад 70") replaces the earlier one.
    // ("Kurchatov was attacked by two drones … later clarified that only one UAV had attacked the town": the corrected figure.)
    if (b.correction && !b.more && b.origin > a.origin) {
      a.count = b.count;
      a.count_qualifier = b.count_qualifier;
      a.trace.push(`count ${a.count}: a corrected figure replaces the earlier one`);
    } else if (b.update || a.update) {
      // (Of strikes only: a later downing figure is no total of parts — "ще 5" after it adds.)
      if (a.kind === "strike") a.rest = Math.abs(a.count - b.count);
      a.count = Math.max(a.count, b.count);
      a.trace.push(`count ${a.count}: a total or later figure replaces the earlier one`);
    } else if (b.singular && !b.more && b.count <= a.count) {
      // «загинули 24 людини внаслідок двох ракетних ударів … Зеленський: росіяни використали ракету … під час
      // удару по Сумах»: a munition named in the singular later is one of those counted, not one more.
      a.trace.push(`count ${a.count}: the munition named later in the singular is one of those counted`);
    } else if (b.more && a.rest !== undefined && b.count <= a.rest) {
      // «Ворог завдав трьох ударів … Два прильоти – по заводу. … Ще один удар – по складу»: the one more is the rest of the three.
      a.rest -= b.count;
      a.trace.push(`count ${a.count}: the one more told is the rest of the total`);
    } else {
      a.count += b.count;
      a.trace.push(`count ${a.count}: parts told in different sentences add up`);
    }
  }
  a.group_total ??= b.group_total;
  // "Пострадали три человека … Там пострадавших нет": a part where nobody was hurt leaves the other part's figures as told.
  const nobodyHurt = (d: Draft) => d.killed === 0 && d.injured === 0;
  const hurt = (d: Draft) => !!(d.killed || d.injured);
  if (nobodyHurt(a) && hurt(b)) {
    a.killed = b.killed;
    a.injured = b.injured;
  } else if (!(nobodyHurt(b) && hurt(a))) {
    if (b.killed !== null) a.killed = Math.max(a.killed ?? 0, b.killed);
    if (b.injured !== null) a.injured = Math.max(a.injured ?? 0, b.injured);
  }
  for (const t of b.targets) if (!a.targets.some((x) => x.type === t.type)) a.targets.push(t);
  a.official ??= b.official;
  if (!a.weaponExplicit && b.weaponExplicit) {
    a.weapon = b.weapon;
    a.weaponExplicit = true;
  } else if (a.origin === b.origin && a.kind !== "interception" && a.weapon === "drone" && b.weapon === "missile" && b.weaponExplicit) {
    // "Three drones and two missiles hit Kharkiv": of a drone-and-missile hit told at once, the missile
    // is the incident's weapon (annotation guide), with its own figure.
    a.weapon = "missile";
    if (b.count !== null) {
      a.count = b.count;
      a.count_qualifier = b.count_qualifier;
    }
  }
  a.settlement ??= b.settlement;
  a.settlement_text ??= b.settlement_text;
  a.implied = a.implied && b.implied;
  a.district = a.district && b.district;
  a.defended = a.defended || b.defended;
  a.attacksCounted = a.attacksCounted || b.attacksCounted;
  for (const s of b.sentences) a.sentences.add(s);
}

/**
 * "ПВО отразили атаку беспилотников на Ростовскую область. Уничтожены 17 БПЛА": an attack told
 * without detail (or with as many munitions as were downed), then the downing of the same weapons
 * over the same region, is one interception.
 */
function absorbedByDowning(d: Draft, list: Draft[]): boolean {
  if (d.kind !== "attack" || !d.region || d.killed || d.injured || d.targets.length) return false;
  // "…nobody was hurt" told of both keeps them one: a casualty of zero is no detail of the attack's own.
  const downing = list.find(
    (o) =>
      o.kind === "interception" &&
      (d.killed === null || d.killed === o.killed) &&
      (d.injured === null || d.injured === o.injured) &&
      o.region === d.region &&
      // (Not an attack on one of the towns its sentence names, by a downing over their region: «Була серія вибухів в
      // Старокостянтинівській та Хмельницькій громадах. Відомо, що більшість ракет були збиті» — each town stays.)
      !(d.settlement && o.settlement === null && list.some((x) => x.origin === d.origin && x.settlement !== d.settlement)) &&
      o.date === d.date &&
      // "выпустили по Брянской области две ракеты. Обе ракеты сбиты": as many downed as came.
      (d.count === null || d.count === o.count) &&
      (o.weapon === d.weapon || d.weapon === "unknown") &&
      (Math.abs(o.origin - d.origin) <= 2 ||
        // (Or near a later sentence that told the same downing, of the same place — a capital that is one city being its
        // region: «…збили понад 70 дронів. Він додав, що це "наймасованіша атака" … на Москву».)
        ((d.settlement === o.settlement || (o.settlement === null && CAPITAL_CITIES.has(d.region ?? ""))) &&
          [...o.sentences].some((s) => Math.abs(s - d.origin) <= 2))),
  );
  // «Более 15 БПЛА попытались атаковать Крым. … уничтожить 16 БПЛА: восемь над Крымом и восемь над акваторией
  // Черного моря», «Ракетная атака на Севастополь. Над морем сбиты шесть»: the attack's weapons downed over the
  // region or off its coast, with no more told coming than the tally or the sea's downing holds.
  const offshore =
    downing ??
    list.find(
      (o) =>
        o.kind === "interception" &&
        o.region === null &&
        (o.water_area != null || list.some((x) => x.kind === "interception" && x.region === d.region && x.date === d.date)) &&
        (o.water_area != null || list.some((x) => x.kind === "interception" && x.water_area != null && x.date === d.date)) &&
        o.date === d.date &&
        (d.count === null || (o.count !== null && o.count >= d.count)) &&
        (o.weapon === d.weapon || d.weapon === "unknown") &&
        o.origin >= d.origin &&
        // (The source's attribution may stand between: «… атаковать Крым. Об этом сообщили … По данным министерства …».)
        o.origin - d.origin <= 3,
    );
  if (offshore && !downing) {
    for (const s of d.sentences) offshore.sentences.add(s);
    offshore.trace.push(
      `absorbed the attack told without detail in sentence ${d.origin + 1} (its weapons downed over it or off its coast)`,
    );
    return true;
  }
  if (downing) {
    for (const s of d.sentences) downing.sentences.add(s);
    downing.trace.push(
      `absorbed the attack told without detail in sentence ${d.origin + 1} (the same weapons downed over the same region)`,
    );
  }
  return downing !== undefined;
}

/** "атакував 102 ударними БпЛА … збито 85": the launch of weapons whose downing the report tells is that interception. */
function launchesDowned(d: Draft, list: Draft[]): boolean {
  if (d.kind !== "attack" || d.region || d.water_area || d.count !== null) return false;
  const downing = list.find(
    (o) => o.kind === "interception" && !o.region && !o.water_area && o.weapon === d.weapon && (o.date === d.date || d.date === null),
  );
  if (downing) {
    for (const s of d.sentences) downing.sentences.add(s);
    downing.trace.push(`absorbed the launch told in sentence ${d.origin + 1} (its weapons are the ones downed)`);
  }
  return downing !== undefined;
}

/** Two sources giving their own figures for one place and day, even the same figure: whether they overlap is unknown (guide, rule 2). */
function differentSourcesDisagree(a: Draft, b: Draft): boolean {
  if (a.official === null || b.official === null || a.official === b.official) return false;
  // (So are two sources' downings of which one at least is told without a number: guide, rule 2, "kept apart from another source's figure".)
  if (a.kind === "interception" && b.kind === "interception" && (a.count === null || b.count === null)) return true;
  return a.count !== null && b.count !== null;
}

/**
 * Two drafts of one place, day and kind-key told of different weapons that stay two incidents, and why (null: they may merge).
 * "downings": "збили 2 ракети та 6 шахедів" — one sentence's figures of two named weapons are two downings, not one sum;
 * so are "несколько ракет и два дрона" (one of them counted, the other told as "several").
 * "attacks": «ВСУ 23 раза нанесли артиллерийские удары … дроны десять раз атаковали Курскую область» — attacks counted
 * by a weapon and strikes of another weapon, told in other sentences, are two incidents of the region, not one; so are
 * an attack the air defence worked against and a strike of another weapon.
 */
function weaponsCountedApart(a: Draft, b: Draft): "downings" | "attacks" | null {
  if (a.weapon === b.weapon) return null;
  if (
    a.kind === "interception" &&
    b.kind === "interception" &&
    a.origin === b.origin &&
    a.weaponExplicit &&
    b.weaponExplicit &&
    (a.count !== null || b.count !== null)
  )
    return "downings";
  // (So are the air defence's work against one weapon over a region and a hit there by another: «для ліквідації дронів
  // залучено … у межах Запорізької області», then «ракета впала у Запорізькій області».)
  const attacksApart = (x: Draft, y: Draft) =>
    x.kind === "attack" && (x.attacksCounted || x.defended) && y.kind === "strike" && x.origin !== y.origin;
  return attacksApart(a, b) || attacksApart(b, a) ? "attacks" : null;
}

/**
 * A downing kills no one: people killed or hurt where a drone or missile was shot down were hit by
 * its debris (guide, rule 5), so their figures belong to a strike at that place — the one told, or
 * one made here when the report tells only the downing and the toll.
 */
function casualtiesOfDebris(list: Draft[]): Draft[] {
  const out = [...list];
  for (const d of list) {
    if (d.kind !== "interception" || !(d.killed || d.injured)) continue;
    const { killed, injured } = d;
    d.killed = null;
    d.injured = null;
    const strike = out.find(
      (o) =>
        o.kind === "strike" &&
        o.region === d.region &&
        o.country === d.country &&
        o.date === d.date &&
        (!d.settlement || !o.settlement || settlementKey(o.settlement) === settlementKey(d.settlement)),
    );
    if (strike) {
      if (strike.killed === null && strike.injured === null) {
        strike.killed = killed;
        strike.injured = injured;
        strike.trace.push(`took the casualties told with the downing of sentence ${d.origin + 1} (its debris hit here)`);
      }
      d.trace.push("its casualties are the debris strike's, not the downing's");
      continue;
    }
    const { count: _debrisCount, ...spans } = d.spans;
    out.push(
      draftBeside(d, {
        kind: "strike",
        killed,
        injured,
        targets: [],
        sentences: new Set(d.sentences),
        spans,
        implied: false,
        trace: [...d.trace, "a strike by the debris of the downing: the casualties told with it are its own"],
      }),
    );
    d.trace.push("its casualties went to the debris strike beside it");
  }
  return out.sort((a, b) => a.origin - b.origin);
}

/**
 * "Обошлось без пострадавших" told with the downings over a region covers the hits of that attack
 * there (guide: a "nobody hurt" statement goes on every incident of the attack, interception and
 * strikes): a strike of the same region and day with no casualties told takes the 0s.
 */
function nobodyHurtByTheDownings(list: Draft[]) {
  const denied = list.filter((d) => d.kind === "interception" && d.killed === 0 && d.injured === 0 && d.region !== null);
  for (const d of list) {
    if (d.kind !== "strike" || d.implied || d.killed !== null || d.injured !== null || d.region === null) continue;
    // (Also when another body tells the damage: the hits are of the same attack, 021.)
    const by = denied.find((i) => i.region === d.region && i.date === d.date && i.country === d.country);
    if (!by) continue;
    d.killed = 0;
    d.injured = 0;
    d.trace.push(`nobody hurt, as told with the downings over ${d.region} (sentence ${by.origin + 1})`);
  }
}

/**
 * "Над областью сбиты два дрона. … Обломки повредили забор. Никто не пострадал": the governor's "nobody hurt"
 * told with the hit covers the downings of the same attack he told before it (guide: every incident of the
 * attack in the same statement) — the same official, region and day; not another body's figures (018).
 */
function downingsOfTheSparedHit(list: Draft[]) {
  const spared = list.filter((d) => d.kind === "strike" && !d.implied && d.killed === 0 && d.injured === 0 && d.region !== null);
  for (const d of list) {
    if (d.kind !== "interception" || d.implied || d.killed !== null || d.injured !== null || d.region === null || d.official === null)
      continue;
    const by = spared.find(
      (s) =>
        s.origin > d.origin &&
        s.region === d.region &&
        // (Not an undated tally's downings: «За сутки перехватили 28 беспилотников. В селе Д повреждена крыша. Никто не пострадал».)
        d.date !== null &&
        s.date === d.date &&
        s.country === d.country &&
        s.official === d.official,
    );
    if (!by) continue;
    d.killed = 0;
    d.injured = 0;
    d.trace.push(`nobody hurt, as told with the hit of the same attack (sentence ${by.origin + 1})`);
  }
}

/**
 * "A Russian strike killed at least 25 people overnight. … The attack hit the city of Ternopil,
 * where …": a lead that tells the toll without a place, in a report whose only placed hit is one
 * place, tells that place's toll. The placeless incident joins it when its figures do not exceed
 * the place's own (a larger placeless toll is a wider total and stays).
 */
function placelessTollOfOnePlace(list: Draft[]): Draft[] {
  const placed = list.filter((o) => o.kind !== "interception" && (o.region || o.settlement) && !o.implied);
  if (placed.length !== 1) return list;
  const [place] = placed;
  const fits = (d: Draft) =>
    d.kind !== "interception" &&
    !d.region &&
    !d.settlement &&
    !d.water_area &&
    !!(d.killed || d.injured) &&
    (d.country === null || place.country === null || d.country === place.country) &&
    (d.date === null || place.date === null || d.date === place.date) &&
    (["killed", "injured"] as const).every((f) => !d[f] || place[f] === null || (place[f] ?? 0) >= (d[f] ?? 0));
  const tolls = list.filter(fits);
  if (tolls.length !== 1) return list;
  mergeInto(place, tolls[0], "took in the toll told without a place (the report's only placed hit)");
  return list.filter((d) => d !== tolls[0]);
}

export function consolidate(all: Draft[]): Draft[] {
  const drafts = absorbHeadlines(all);
  // Implied interceptions give way to stated ones of the same region and date — not to one stated over another
  // town («обломки сбитого беспилотника попали в дом в Красногорске. Ещё два сбили над Можайском»).
  const stated = drafts.filter((d) => d.kind === "interception" && !d.implied);
  const elsewhere = (s: Draft, d: Draft) => s.settlement !== null && d.settlement !== null && s.settlement !== d.settlement;
  let list = drafts.filter(
    (d) =>
      !d.implied ||
      !stated.some(
        (s) =>
          s.region === d.region &&
          s.date === d.date &&
          (s.country === d.country || s.country === null || d.country === null) &&
          !elsewhere(s, d),
      ),
  );
  list = list.filter((d) => !launchesDowned(d, list));

  // One incident per place, date and kind — and source: statements by different sources whose
  // overlap is unknown stay apart (annotation guide, rule 2).
  const byKey = new Map<string, Draft[]>();
  const out: Draft[] = [];
  for (const d of list) {
    const k = key(d);
    const same = byKey.get(k) ?? [];
    const existing = same.find((e) => !differentSourcesDisagree(e, d) && !weaponsCountedApart(e, d));
    if (existing) mergeInto(existing, d, "merged with the same place, date and kind");
    else {
      if (same.some((e) => weaponsCountedApart(e, d) === "downings"))
        d.trace.push("kept apart from the figure of another weapon told with it");
      else if (same.length) d.trace.push(`kept apart from ${same[0].official}'s figure for the same place and day (another source)`);
      byKey.set(k, [...same, d]);
      out.push(d);
    }
  }
  list = out;

  list = list.filter((d) => !absorbedByDowning(d, list));
  list = list.filter((d) => !undatedLeadRetold(d, list));

  // (A launch's figure counts no hit the attack turned out to be: "launched three missiles at Poltava … the attack damaged a
  // facility" — how many hit is not told.)
  for (const d of list)
    if (d.launchCount && d.kind !== "attack") {
      d.count = null;
      d.count_qualifier = null;
    }
  list = casualtiesOfDebris(list);
  list = list.filter((d) => !summedUpByRegions(d, list));
  list = placelessTollOfOnePlace(list);
  nobodyHurtByTheDownings(list);
  downingsOfTheSparedHit(list);

  // A region-level hit told in another sentence than the settlements of that region it sums up
  // ("two settlements were struck"; "5 people injured in the district" before "two in A … three in
  // B") gives way to them when it has nothing of its own: no count, no targets, and no casualties
  // beyond theirs (a raion's; an oblast's casualty total stays).
  return list.filter((d) => {
    // (A raion's figure may be its settlement's: "вдарила безпілотником по району" before "дрон влучив у Малокатеринівці".)
    if (d.kind === "interception" || d.settlement || !d.region) return true;
    if (retoldByOnePlace(d, list)) return defendedLeft(d);
    if (d.count !== null && !d.district) return true;
    if (d.targets.length) return true;
    const details = list.filter(
      (o) =>
        o !== d &&
        o.kind !== "interception" &&
        o.region === d.region &&
        o.settlement &&
        o.origin !== d.origin &&
        (o.date === d.date || d.date === null),
    );
    if (!details.length) return true;
    if (!d.killed && !d.injured && d.count === null) return defendedLeft(d);
    // An oblast's total stays beside the settlements it includes (guide, rule 3); a raion's gives way.
    if (!d.district) return true;
    // "вдарили по Запорізькому району … Поранена жінка … п'ятьма авіабомбами ударили по Жовтій Кручі": the one
    // settlement the raion's account goes on to describe, with no casualties of its own, takes them.
    if (details.length === 1 && details[0].killed === null && details[0].injured === null && d.count === null) {
      details[0].killed = d.killed;
      details[0].injured = d.injured;
      details[0].trace.push(
        `took in the casualties of the raion-level account of sentence ${d.origin + 1}: the one settlement it describes`,
      );
      return false;
    }
    const covered = (field: "killed" | "injured" | "count") =>
      !d[field] || details.reduce((sum, o) => sum + (o[field] ?? 0), 0) >= (d[field] ?? 0);
    if (!covered("killed") || !covered("injured") || !covered("count")) return true;
    for (const o of details) o.trace.push(`took in the region-level account of sentence ${d.origin + 1}: its casualties are these places'`);
    return defendedLeft(d);
  });
}

/**
 * A region-level account that its places' hits tell again, when it told air defence repelling the attack with no
 * downing («Отражается атака БПЛА на Волгоградскую область … обломки упали на юге города»): the region's attack is
 * left (guide: "air defence is repelling an attack" → attack, beside the debris strike), without the damage the places tell.
 */
function defendedLeft(d: Draft): boolean {
  // (So does a region's attack told by its count of attacks: «дроны десять раз атаковали Курскую область».)
  if (d.kind === "attack" && d.attacksCounted && d.targets.length === 0) return true;
  if (!d.defended) return false;
  d.kind = "attack";
  d.targets = [];
  d.trace.push("its hits are its places': what is left is the region's attack air defence repelled");
  return true;
}

/**
 * A wire story's lead ("Russia launched a barrage of drones at Ukraine overnight, killing three
 * civilians") sums up the regional hits its body then tells ("drone debris killed three people in
 * the Kyiv region"): a country-level hit with no count of its own, whose casualties one later
 * regional hit of the same country, day and weapon accounts for, is not another incident. One
 * whose casualties are not placed in a region stays (guide, rule 3: "the injured are not placed"),
 * and so does one with no toll at all (nothing shows it is the regions' sum).
 */
function summedUpByRegions(d: Draft, list: Draft[]): boolean {
  if (d.kind !== "strike" || d.region !== null || d.water_area != null || d.country === null || d.count !== null) return false;
  // (Only the lead: the first incident told; a later country-level hit is a statement of its own.)
  if (list.some((o) => o.origin < d.origin)) return false;
  const toll = !!(d.killed || d.injured);
  // ("Russia launched a wave of drone attacks across Ukraine, damaging homes … drone strikes damaged residential
  // buildings in the Dnipropetrovsk region": damage with no toll, of the kinds a later region's hit tells.)
  if (!toll && !d.targets.length) return false;
  const regional = list.filter(
    (o) =>
      o !== d &&
      o.kind === "strike" &&
      o.region !== null &&
      o.country === d.country &&
      o.origin > d.origin &&
      o.date === d.date &&
      (d.weapon === "unknown" || o.weapon === d.weapon),
  );
  if (!regional.length) return false;
  // (A toll summed over several regions is a total and stays beside them, guide rule 3; the lead's toll
  // must be one region's.)
  const covers = (o: Draft, field: "killed" | "injured") => !d[field] || (o[field] ?? 0) >= (d[field] ?? 0);
  const types = (o: Draft) => d.targets.every((t) => o.targets.some((x) => x.type === t.type));
  const one = regional.find((o) => (toll ? covers(o, "killed") && covers(o, "injured") : types(o)));
  if (!one) return false;
  one.trace.push(`took in the country-level lead of sentence ${d.origin + 1}: its hits are this region's`);
  return true;
}

/**
 * «Ворог вдарив по Чернігівщині: двоє поранених … У Ніжині дрон влучив у багатоповерхівку, поранені двоє людей»,
 * «Херсонщина: пошкоджено школу … У Білозерці снаряд влучив у школу»: a region's summary whose damage and
 * casualties one place of it tells again, later in the report, is that place's account, not another incident
 * (a larger total stays, guide rule 3).
 */
function retoldByOnePlace(d: Draft, list: Draft[]): boolean {
  if (d.district) return false;
  const types = new Set(d.targets.map((t) => t.type));
  const one = list.find(
    (o) =>
      o !== d &&
      o.kind !== "interception" &&
      o.region === d.region &&
      o.settlement &&
      o.origin > d.origin &&
      // (A summary dated by the report alone may be the place's night before: "минулої доби … у селі".)
      (o.date === d.date || !d.dateExplicit) &&
      // ("A drone damaged a building in the Kursk region … Kurchatov was attacked by one drone": the same munitions.)
      // (A figure of the region's own — "41 drones", a glide bomb over a missile's hit — is a total, guide rule 3.)
      (d.count === null ||
        ((o.count === d.count || (d.singular && o.count === null)) &&
          o.date === d.date &&
          (o.weapon === d.weapon || !o.weaponExplicit || !d.weaponExplicit))) &&
      (d.killed === null || d.killed === o.killed) &&
      (d.injured === null || d.injured === o.injured) &&
      (d.targets.length > 0 || d.killed !== null || d.injured !== null) &&
      [...types].every((t) => o.targets.some((x) => x.type === t)),
  );
  if (!one) return false;
  if (one.count === null && d.count !== null) {
    one.count = d.count;
    one.count_qualifier = d.count_qualifier;
  }
  one.trace.push(`took in the region-level account of sentence ${d.origin + 1}: its damage and casualties are this place's`);
  return true;
}

const hurtTold = (d: Draft) => d.killed !== null || d.injured !== null;

/** A lead's hit in a town that the body tells at the town's region, with no town, on the same kind of thing. */
function townOfTheRegionsHit(lead: Draft, o: Draft): boolean {
  return (
    lead.kind === "strike" &&
    lead.settlement !== null &&
    o.settlement === null &&
    !o.district &&
    lead.targets.length > 0 &&
    lead.targets.some((t) => o.targets.some((x) => x.type === t.type))
  );
}

/** A lead told with no day of its own (dated by the publication), of a place. */
function undatedLead(d: Draft): boolean {
  return !d.dateExplicit && d.date !== null && d.kind !== "attack" && (d.region !== null || d.settlement !== null);
}

/** The later accounts, told with an earlier day, that may retell the undated lead `d` (see undatedLeadRetold). */
function leadRetellings(d: Draft, list: Draft[]): Draft[] {
  const agree = (x: number | null, y: number | null) => x === null || y === null || x === y;
  return list.filter(
    (o) =>
      o !== d &&
      o.origin > d.origin &&
      // (The hit the lead places in a town may carry its day from the sentence before: «Близько 19:40 21 березня …».)
      (o.dateExplicit || townOfTheRegionsHit(d, o)) &&
      o.date !== null &&
      o.date < d.date! &&
      o.kind === d.kind &&
      o.country === d.country &&
      o.region === d.region &&
      (o.weapon === d.weapon || !d.weaponExplicit || !o.weaponExplicit) &&
      (settlementKey(o.settlement) === settlementKey(d.settlement) ||
        // («над Одесою збили дві ракети … над Одещиною збито дві ракети»: the town's downing is the region's figure.)
        (o.settlement === null && d.count !== null && o.count === d.count) ||
        // («ракети “прилетіли” в монастир в Одесі» … «по Одеській області … одна ракета влучила у будівлю монастиря»: the lead's town hit.)
        townOfTheRegionsHit(d, o)) &&
      agree(o.count, d.count) &&
      // (Tolls told in both must be the same toll: "killing two … On Monday, … injuring five" are two.)
      (!hurtTold(d) || !hurtTold(o) || (o.killed === d.killed && o.injured === d.injured)) &&
      // (Not another thing hit: «атаковал автомобиль … Накануне … дрон атаковал сельхозтехнику».)
      (!d.targets.length || !o.targets.length || d.targets.some((t) => o.targets.some((x) => x.type === t.type))) &&
      // (Not when the report also tells that place on the lead's day — nor the debris of the lead's downing there, told
      // before the dated account and not retold with it: «силы ПВО уничтожили несколько дронов … обломки повредили
      // автомобиль … В ночь на 6 октября сбили 17» is another night's.)
      !list.some(
        (x) =>
          x !== d &&
          x.date === d.date &&
          x.region === d.region &&
          (x.kind === d.kind || (d.kind === "interception" && debrisOfTheLead(x, d, o, list))),
      ),
  );
}

/** A strike of the lead's region told after its downing d and before the dated account o, with no strike of o's day there. */
function debrisOfTheLead(x: Draft, d: Draft, o: Draft, list: Draft[]): boolean {
  if (x.kind !== "strike" || x.origin <= d.origin || x.origin >= o.origin) return false;
  return !list.some((y) => y !== x && y.kind === "strike" && y.region === x.region && y.date === o.date);
}

/**
 * "A Russian missile struck an apartment building in Kharkiv. … missiles had been fired late Wednesday toward
 * Kharkiv, where they struck at least one apartment building": the report's lead, told with no day (dated by
 * the publication), is the body's account of the same place and weapon told with an earlier day. Only the
 * first incident told (or the second sentence of a lead whose first is retold too), only one such account,
 * and only when no figure of the two disagrees.
 */
function undatedLeadRetold(d: Draft, list: Draft[]): boolean {
  if (!undatedLead(d)) return false;
  // (A lead of two sentences — a downing, then a hit — each told with no day and each retold: still the lead.)
  if (
    list.some(
      (o) =>
        o !== d &&
        o.origin < d.origin &&
        !o.headline &&
        (d.origin - o.origin > 1 ||
          !undatedLead(o) ||
          list.some((x) => x.origin < o.origin && !x.headline) ||
          leadRetellings(o, list).length !== 1),
    )
  )
    return false;
  const retold = leadRetellings(d, list);
  if (retold.length !== 1) return false;
  const [o] = retold;
  const { date, settlement, settlement_text, count, count_qualifier } = o;
  const town = townOfTheRegionsHit(d, o);
  mergeInto(o, d, "took in the lead told with no day (the same place and weapon, dated here)");
  o.date = date;
  // (The region's figure told by its source keeps its place; "a Russian missile" in the lead over "missiles" is no figure.)
  // (Not the thing hit the lead places in its town: the town is where it was.)
  if (settlement === null && !town) Object.assign(o, { settlement, settlement_text });
  if (count === null && d.singular) Object.assign(o, { count, count_qualifier });
  return true;
}
