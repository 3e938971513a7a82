// Alert emails in the subscriber's language (en, ru, uk): a subject, a plain text and an HTML
// body saying what happened where, with the figures, a link to the event and one to unsubscribe.
import { areaName } from "../geo/region-lexicon.js";
import type { EventPayload } from "./payload.js";
import type { Language } from "./subscriptions.js";

const WORDS = {
  en: {
    kind: { interception: "Interception", strike: "Strike", attack: "Attack" } as Record<string, string>,
    weapon: {
      drone: "drones",
      missile: "missiles",
      glide_bomb: "glide bombs",
      artillery: "artillery",
      unknown: "unknown weapons",
    } as Record<string, string>,
    by: "by",
    in: "in",
    count: "Count",
    killed: "Killed",
    injured: "Injured",
    sources: "Sources",
    officials: "Reported by",
    updated: "Updated",
    changed: "Changed",
    open: "Open the event",
    digest: (n: number) => `${n} event${n === 1 ? "" : "s"}`,
    digestTitle: "Skywatch digest",
    why: "You receive this because you subscribed to Skywatch alerts",
    unsubscribe: "Unsubscribe",
    field: {
      count: "count",
      killed: "killed",
      injured: "injured",
      kind: "kind",
      weapon: "weapon",
      region: "region",
      settlement: "place",
      lat: "position",
      lon: "position",
      waterArea: "place",
    } as Record<string, string>,
  },
  ru: {
    kind: { interception: "Перехват", strike: "Удар", attack: "Атака" } as Record<string, string>,
    weapon: {
      drone: "дроны",
      missile: "ракеты",
      glide_bomb: "планирующие бомбы",
      artillery: "артиллерия",
      unknown: "оружие неизвестно",
    } as Record<string, string>,
    by: "—",
    in: "—",
    count: "Количество",
    killed: "Погибли",
    injured: "Ранены",
    sources: "Источников",
    officials: "Сообщили",
    updated: "Обновлено",
    changed: "Изменилось",
    open: "Открыть событие",
    digest: (n: number) => `событий: ${n}`,
    digestTitle: "Сводка Skywatch",
    why: "Вы получаете это письмо, потому что подписались на оповещения Skywatch",
    unsubscribe: "Отписаться",
    field: {
      count: "количество",
      killed: "погибшие",
      injured: "раненые",
      kind: "вид",
      weapon: "оружие",
      region: "регион",
      settlement: "место",
      lat: "координаты",
      lon: "координаты",
      waterArea: "место",
    } as Record<string, string>,
  },
  uk: {
    kind: { interception: "Перехоплення", strike: "Удар", attack: "Атака" } as Record<string, string>,
    weapon: {
      drone: "дрони",
      missile: "ракети",
      glide_bomb: "керовані авіабомби",
      artillery: "артилерія",
      unknown: "зброя невідома",
    } as Record<string, string>,
    by: "—",
    in: "—",
    count: "Кількість",
    killed: "Загинули",
    injured: "Поранені",
    sources: "Джерел",
    officials: "Повідомили",
    updated: "Оновлено",
    changed: "Змінилося",
    open: "Відкрити подію",
    digest: (n: number) => `подій: ${n}`,
    digestTitle: "Зведення Skywatch",
    why: "Ви отримуєте цей лист, бо підписалися на сповіщення Skywatch",
    unsubscribe: "Відписатися",
    field: {
      count: "кількість",
      killed: "загиблі",
      injured: "поранені",
      kind: "вид",
      weapon: "зброя",
      region: "регіон",
      settlement: "місце",
      lat: "координати",
      lon: "координати",
      waterArea: "місце",
    } as Record<string, string>,
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Where an event happened in a language: settlement (its local name when known), region or sea. */
export function placeText(e: EventPayload, language: Language): string {
  // As the dashboard names it: the language's own name, else the other Cyrillic one, else the Latin.
  const other = language === "ru" ? "uk" : "ru";
  const settlement = e.settlement ? ((language !== "en" ? (e.names?.[language] ?? e.names?.[other]) : null) ?? e.settlement) : null;
  const region = e.region ? areaName(e.region, language) : null;
  const sea = e.waterArea ? areaName(e.waterArea, language) : null;
  return [settlement, region ?? sea].filter(Boolean).join(", ") || "—";
}

/** One line: "Strike by drones — Shebekino, Belgorod Oblast, 2025-10-11". */
export function headline(e: EventPayload, language: Language): string {
  const w = WORDS[language];
  const what = `${w.kind[e.kind] ?? e.kind}${language === "en" ? ` ${w.by} ` : ", "}${w.weapon[e.weapon] ?? e.weapon}`;
  return `${what} — ${placeText(e, language)}${e.date ? `, ${e.date}` : ""}`;
}

function figures(e: EventPayload, language: Language): string[] {
  const w = WORDS[language];
  return [
    e.count !== null ? `${w.count}: ${e.count}` : null,
    e.killed !== null ? `${w.killed}: ${e.killed}` : null,
    e.injured !== null ? `${w.injured}: ${e.injured}` : null,
    `${w.sources}: ${e.sources}`,
  ].filter((x): x is string => x !== null);
}

export interface AlertItem {
  type: string;
  event: EventPayload;
  changed?: string[];
}

export interface Email {
  subject: string;
  text: string;
  html: string;
}

/** The email of one alert, or of a digest of several. */
export function alertEmail(items: AlertItem[], language: Language, unsubscribeUrl: string, label: string | null): Email {
  const w = WORDS[language];
  const one = items.length === 1 ? items[0] : null;
  const casualties = (e: EventPayload) => [e.killed ? `${w.killed}: ${e.killed}` : null, e.injured ? `${w.injured}: ${e.injured}` : null];
  const subject = one
    ? `Skywatch: ${[headline(one.event, language), ...casualties(one.event)].filter(Boolean).join(" · ")}${one.type === "event.updated" ? ` (${w.updated.toLowerCase()})` : ""}`
    : `${w.digestTitle}: ${w.digest(items.length)}`;
  const changedText = (item: AlertItem) =>
    item.changed?.length ? `${w.changed}: ${[...new Set(item.changed.map((f) => w.field[f] ?? f))].join(", ")}` : null;
  const textBlocks = items.map((item) =>
    [
      `${item.type === "event.updated" ? `[${w.updated}] ` : ""}${headline(item.event, language)}`,
      figures(item.event, language).join(" · "),
      item.event.officials.length ? `${w.officials}: ${item.event.officials.join("; ")}` : null,
      changedText(item),
      `${w.open}: ${item.event.url}`,
    ]
      .filter(Boolean)
      .join("\n"),
  );
  const footer = `${w.why}${label ? ` (${label})` : ""}.\n${w.unsubscribe}: ${unsubscribeUrl}`;
  const text = `${textBlocks.join("\n\n")}\n\n-- \n${footer}\n`;
  const htmlBlocks = items.map(
    (item) => `<div style="margin:0 0 1.2em">
<p style="margin:0;font-weight:bold">${item.type === "event.updated" ? `[${escapeHtml(w.updated)}] ` : ""}${escapeHtml(headline(item.event, language))}</p>
<p style="margin:.2em 0">${escapeHtml(figures(item.event, language).join(" · "))}</p>
${item.event.officials.length ? `<p style="margin:.2em 0">${escapeHtml(`${w.officials}: ${item.event.officials.join("; ")}`)}</p>` : ""}
${changedText(item) ? `<p style="margin:.2em 0">${escapeHtml(changedText(item) as string)}</p>` : ""}
<p style="margin:.2em 0"><a href="${escapeHtml(item.event.url)}">${escapeHtml(w.open)}</a></p>
</div>`,
  );
  const html = `<!doctype html><html lang="${language}"><meta charset="utf-8"><body style="font-family:sans-serif">
${htmlBlocks.join("\n")}
<hr><p style="font-size:small;color:#555">${escapeHtml(w.why)}${label ? ` (${escapeHtml(label)})` : ""}. <a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(w.unsubscribe)}</a></p>
</body></html>`;
  return { subject, text, html };
}

/** The page the unsubscribe link opens. */
export function unsubscribedPage(language: Language, resubscribeAction: string | null): string {
  const t = {
    en: ["Unsubscribed", "You will receive no more alerts of this subscription.", "Subscribe again"],
    ru: ["Подписка отменена", "Оповещений этой подписки больше не будет.", "Подписаться снова"],
    uk: ["Підписку скасовано", "Сповіщень цієї підписки більше не буде.", "Підписатися знову"],
  }[language];
  const form = resubscribeAction
    ? `<form method="post" action="${escapeHtml(resubscribeAction)}"><button type="submit">${escapeHtml(t[2])}</button></form>`
    : "";
  return `<!doctype html><html lang="${language}"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(t[0])} — Skywatch</title><body style="font-family:sans-serif;max-width:40em;margin:2em auto"><h1>${escapeHtml(t[0])}</h1><p>${escapeHtml(t[1])}</p>${form}</body></html>`;
}

export function resubscribedPage(language: Language): string {
  const t = {
    en: ["Subscribed again", "Alerts of this subscription will arrive again."],
    ru: ["Подписка возобновлена", "Оповещения этой подписки снова будут приходить."],
    uk: ["Підписку відновлено", "Сповіщення цієї підписки знову надходитимуть."],
  }[language];
  return `<!doctype html><html lang="${language}"><meta charset="utf-8"><title>${escapeHtml(t[0])} — Skywatch</title><body style="font-family:sans-serif;max-width:40em;margin:2em auto"><h1>${escapeHtml(t[0])}</h1><p>${escapeHtml(t[1])}</p></body></html>`;
}

/** A trend flag as a trend.flagged alert carries it (src/trends: the API's fields, without the sparkline). */
export interface TrendAlert {
  region: string;
  flag: string;
  last_7d: number;
  baseline_7d: number;
  p_value: number | null;
  since: string;
  detail: Record<string, unknown>;
}

const TREND_WORDS: Record<
  Language,
  { name: Record<string, string>; what: (t: TrendAlert) => string; since: string; open: string; title: string }
> = {
  en: {
    name: {
      rising: "Rising",
      casualties_rising: "More casualties",
      new_region: "New region",
      new_settlement: "New places hit",
      weapon_shift: "Heavier weapons",
    },
    what: (t) =>
      t.flag === "new_settlement"
        ? `Hit for the first time: ${settlementsOf(t)}.`
        : t.flag === "new_region"
          ? `The first events here ${t.detail.gap_days ? `in ${t.detail.gap_days} days` : "on record"} (in the last 7 days: ${t.last_7d}).`
          : t.flag === "weapon_shift"
            ? `Missiles or glide bombs in the last 7 days: ${t.last_7d}, after four weeks of drones only.`
            : `${t.flag === "casualties_rising" ? "Events with people killed or injured" : "Events"} in the last 7 days: ${t.last_7d}; ${t.baseline_7d} a week on average before${pText(t)}.`,
    since: "since",
    open: "Open the region's events",
    title: "Skywatch trend",
  },
  ru: {
    name: {
      rising: "Рост",
      casualties_rising: "Больше пострадавших",
      new_region: "Новый регион",
      new_settlement: "Новые места ударов",
      weapon_shift: "Более тяжёлое оружие",
    },
    what: (t) =>
      t.flag === "new_settlement"
        ? `Впервые под ударом: ${settlementsOf(t)}.`
        : t.flag === "new_region"
          ? `Первые события здесь ${t.detail.gap_days ? `за ${t.detail.gap_days} дн.` : "за всё время наблюдений"} (за 7 дней: ${t.last_7d}).`
          : t.flag === "weapon_shift"
            ? `Ракеты или планирующие бомбы за 7 дней: ${t.last_7d}, а за четыре недели до этого — только беспилотники.`
            : `${t.flag === "casualties_rising" ? "Событий с погибшими или ранеными" : "Событий"} за последние 7 дней: ${t.last_7d}; до этого в среднем ${t.baseline_7d} в неделю${pText(t)}.`,
    since: "с",
    open: "Открыть события региона",
    title: "Тенденция Skywatch",
  },
  uk: {
    name: {
      rising: "Зростання",
      casualties_rising: "Більше постраждалих",
      new_region: "Новий регіон",
      new_settlement: "Нові місця ударів",
      weapon_shift: "Важча зброя",
    },
    what: (t) =>
      t.flag === "new_settlement"
        ? `Вперше під ударом: ${settlementsOf(t)}.`
        : t.flag === "new_region"
          ? `Перші події тут ${t.detail.gap_days ? `за ${t.detail.gap_days} дн.` : "за весь час спостережень"} (за 7 днів: ${t.last_7d}).`
          : t.flag === "weapon_shift"
            ? `Ракети або керовані авіабомби за 7 днів: ${t.last_7d}, а за чотири тижні до того — лише безпілотники.`
            : `${t.flag === "casualties_rising" ? "Подій із загиблими або пораненими" : "Подій"} за останні 7 днів: ${t.last_7d}; до того в середньому ${t.baseline_7d} на тиждень${pText(t)}.`,
    since: "з",
    open: "Відкрити події регіону",
    title: "Тенденція Skywatch",
  },
};

const pText = (t: TrendAlert) => (t.p_value === null ? "" : ` (p ${t.p_value < 0.0001 ? "< 0.0001" : t.p_value.toFixed(4)})`);
const settlementsOf = (t: TrendAlert) =>
  ((t.detail.settlements as Array<{ settlement: string }> | undefined) ?? []).map((s) => s.settlement).join(", ") || "—";

/** The email of one trend flag: what changed where, since when, and a link to the region's events. */
export function trendEmail(t: TrendAlert, language: Language, eventsUrl: string, unsubscribeUrl: string, label: string | null): Email {
  const w = TREND_WORDS[language];
  const u = WORDS[language];
  const region = areaName(t.region, language) ?? t.region;
  const headlineText = `${w.name[t.flag] ?? t.flag} — ${region}, ${w.since} ${t.since}`;
  const subject = `${w.title}: ${headlineText}`;
  const footer = `${u.why}${label ? ` (${label})` : ""}.\n${u.unsubscribe}: ${unsubscribeUrl}`;
  const text = `${headlineText}\n${w.what(t)}\n${w.open}: ${eventsUrl}\n\n-- \n${footer}\n`;
  const html = `<!doctype html><html lang="${language}"><meta charset="utf-8"><body style="font-family:sans-serif">
<p style="margin:0;font-weight:bold">${escapeHtml(headlineText)}</p>
<p style="margin:.2em 0">${escapeHtml(w.what(t))}</p>
<p style="margin:.2em 0"><a href="${escapeHtml(eventsUrl)}">${escapeHtml(w.open)}</a></p>
<hr><p style="font-size:small;color:#555">${escapeHtml(u.why)}${label ? ` (${escapeHtml(label)})` : ""}. <a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(u.unsubscribe)}</a></p>
</body></html>`;
  return { subject, text, html };
}
