// Atom feeds (RFC 4287) of events, for any feed reader:
//   GET /api/feeds/events.atom?region=RU-BEL&kind=strike…   any dashboard filter (the names of /api/events),
//        plus casualties=1 and near=LAT,LON or place=NAME with radius=KM; lang=en|ru|uk for the titles
//   GET /api/feeds/subscriptions/:id.atom?key=…              a subscription's filter (its links.feed)
// The newest 50 matching events; an entry's id is the event's URL, so an updated event is
// one entry whose <updated> moves on.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type AlertFilter, filterFromQuery, matches } from "../alerts/filter.js";
import { headline, placeText } from "../alerts/messages.js";
import { eventPayload } from "../alerts/payload.js";
import { filterOf, getSubscription, hasLinkKey, LANGUAGES, type Language } from "../alerts/subscriptions.js";
import type { PlaceResolver } from "../extract/place-resolver.js";
import type { Store } from "../store/database.js";
import { allEvents, EventFilter } from "./queries.js";
import { type AlertSettings, requestBase } from "./subscription-routes.js";

const ENTRIES = 50;
/** Events read at most to find ENTRIES that match the filters the SQL query does not apply (casualties, radius). */
const SCANNED = 5000;

/** Text as XML character data: markup escaped, and the control characters XML 1.0 cannot hold dropped. */
const xml = (s: string) =>
  Array.from(s, (c) => {
    const code = c.charCodeAt(0);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) return "";
    return c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : c;
  }).join("");

const langOf = (v: unknown): Language => (LANGUAGES.includes(v as Language) ? (v as Language) : "en");

/** A bounding box around a radius, so that the database reads only events near it. */
function bboxOf(near: NonNullable<AlertFilter["near"]>): string {
  const dLat = near.radiusKm / 111;
  const dLon = near.radiusKm / (111 * Math.max(0.05, Math.cos((near.lat * Math.PI) / 180)));
  const c = (v: number, limit: number) => Math.max(-limit, Math.min(limit, v)).toFixed(4);
  return [c(near.lon - dLon, 180), c(near.lat - dLat, 90), c(near.lon + dLon, 180), c(near.lat + dLat, 90)].join(",");
}

function filterTitle(f: AlertFilter, sql: EventFilter): string {
  const parts = [
    ...(sql.region ?? []),
    ...(sql.kind ?? []),
    ...(sql.weapon ?? []),
    ...(f.casualties ? ["casualties"] : []),
    ...(f.near ? [`${f.near.radiusKm} km around ${f.near.place ?? `${f.near.lat},${f.near.lon}`}`] : []),
  ];
  return parts.length ? `Skywatch: ${parts.join(", ")}` : "Skywatch: all events";
}

export function feedRoutes(app: FastifyInstance, options: { store: Store; places?: PlaceResolver | null; alerts?: AlertSettings | null }) {
  const { store } = options;

  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    filter: AlertFilter,
    sql: EventFilter,
    title: string,
    lang: Language,
    alternate: string,
  ) => {
    const base = requestBase(req, options.alerts?.publicUrl);
    const narrowed: EventFilter = { ...sql, ...(filter.near && !sql.bbox ? { bbox: bboxOf(filter.near) } : {}), sort: "-date" };
    const entries = [];
    let scanned = 0;
    for await (const e of allEvents(store.db, narrowed, SCANNED)) {
      scanned++;
      if (!matches(filter, e)) continue;
      entries.push(e);
      if (entries.length >= ENTRIES || scanned >= SCANNED) break;
    }
    const self = `${base}${req.url}`;
    const updated = entries.reduce((max, e) => Math.max(max, new Date(e.updatedAt).getTime()), 0);
    const body = entries
      .map((e) => {
        const names = e.settlement && options.places?.localNames ? options.places.localNames(e.settlement, e.region) : null;
        const p = eventPayload(e, base, names);
        const figures = [
          p.count !== null ? `count ${p.count}` : null,
          p.killed !== null ? `killed ${p.killed}` : null,
          p.injured !== null ? `injured ${p.injured}` : null,
          `${p.sources} source${p.sources === 1 ? "" : "s"}`,
          p.officials.length ? `reported by ${p.officials.join("; ")}` : null,
        ]
          .filter(Boolean)
          .join(" · ");
        return `  <entry>
    <id>${xml(p.api)}</id>
    <title>${xml(headline(p, lang))}</title>
    <updated>${p.updatedAt}</updated>
    <link rel="alternate" type="text/html" href="${xml(p.url)}"/>
    <link rel="related" type="application/json" href="${xml(p.api)}"/>
    <category term="${xml(p.kind)}"/>
    <category term="${xml(p.weapon)}"/>
    ${p.region ? `<category term="${xml(p.region)}" label="${xml(placeText({ ...p, settlement: null }, lang))}"/>` : ""}
    <summary type="text">${xml(`${placeText(p, lang)}${p.date ? `, ${p.date}` : ""}: ${figures}`)}</summary>
    ${p.lat !== null && p.lon !== null ? `<georss:point>${p.lat} ${p.lon}</georss:point>` : ""}
  </entry>`;
      })
      .join("\n");
    const feed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:georss="http://www.georss.org/georss" xml:lang="${lang}">
  <id>${xml(self)}</id>
  <title>${xml(title)}</title>
  <updated>${new Date(updated || Date.now()).toISOString()}</updated>
  <link rel="self" type="application/atom+xml" href="${xml(self)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${base}${alternate}`)}"/>
  <author><name>Skywatch</name></author>
  <generator>Skywatch</generator>
${body}
</feed>
`;
    return reply.type("application/atom+xml; charset=utf-8").header("cache-control", "public, max-age=60").send(feed);
  };

  app.get("/api/feeds/events.atom", async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const filter = filterFromQuery(query, options.places);
    const sql = EventFilter.parse({ ...query, limit: 1000 });
    const dashboard = new URLSearchParams(
      Object.entries(query).filter(
        ([k, v]) => ["region", "kind", "weapon", "country", "from", "to", "q"].includes(k) && typeof v === "string",
      ) as [string, string][],
    ).toString();
    return render(req, reply, filter, sql, filterTitle(filter, sql), langOf(query.lang), `/${dashboard ? `?${dashboard}` : ""}`);
  });

  const FeedParam = z.object({ file: z.string().regex(/^\d{1,10}\.atom$/, "a subscription's feed is /api/feeds/subscriptions/ID.atom") });
  app.get("/api/feeds/subscriptions/:file", async (req, reply) => {
    const { file } = FeedParam.parse(req.params);
    const id = Number(file.replace(/\.atom$/, ""));
    const s = id <= 2_147_483_647 ? await getSubscription(store.db, id) : null;
    if (!s || !hasLinkKey(s, "feed", (req.query as { key?: unknown }).key))
      return reply.status(404).send({ error: `no feed of subscription ${id} with this key (the subscription's links.feed gives it)` });
    const filter = filterOf(s);
    const sql = EventFilter.parse({
      ...(filter.regions.length ? { region: filter.regions.join(",") } : {}),
      ...(filter.kinds.length ? { kind: filter.kinds.join(",") } : {}),
      ...(filter.weapons.length ? { weapon: filter.weapons.join(",") } : {}),
      limit: 1000,
    });
    return render(req, reply, filter, sql, s.label ? `Skywatch: ${s.label}` : filterTitle(filter, sql), s.language, "/");
  });
}
