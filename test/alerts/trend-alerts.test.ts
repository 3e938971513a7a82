// Trend alerts (subscriptions with trends: true), on PGlite and (TEST_DATABASE_URL) PostgreSQL: a
// synthetic spike of events in Belgorod makes a trends subscription of the region — and one of a
// radius around Shebekino — receive exactly one correctly signed trend.flagged; a second check, a
// restarted dispatcher and two dispatchers at once send nothing more; a subscription without
// trends and one of another region receive none; the check waits its interval (a pinned clock);
// the email is in the subscriber's language, through a local SMTP server.
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AlertDispatcher, type DispatcherOptions } from "../../src/alerts/dispatcher.js";
import { smtpMailer } from "../../src/alerts/mailer.js";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import type { Store } from "../../src/store/database.js";
import { addDays } from "../../src/trends/index.js";
import { dropSchemas } from "../helpers/drop-schemas.js";
import { storeBackends } from "../helpers/store-backends.js";
import { type Receiver, startReceiver } from "./helpers.js";

const { backends, schemas } = storeBackends("trend-alerts");
afterAll(() => dropSchemas(process.env.TEST_DATABASE_URL ?? "", schemas));

const places = defaultPlaceResolver();
const AS_OF = "2025-06-30";
const RECENT = addDays(AS_OF, -6);
const BASELINE = addDays(AS_OF, -34);

/** `perDay` drone interceptions a day in `region` from `from` for `days` days. */
const daily = (region: string, from: string, days: number, perDay: number) =>
  Array.from({ length: days * perDay }, (_, i) => ({ region, date: addDays(from, Math.floor(i / perDay)) }));

async function insertEvents(store: Store, list: Array<{ region: string; date: string }>, tag: string) {
  const rows = list.map((e, i) => ({ fusion_key: `trend-alert-test|${tag}|${i}`, country: e.region.slice(0, 2), ...e }));
  await store.execute(
    `INSERT INTO events (fusion_key, kind, weapon, country, region, date, state, targets, officials, sources, disagreements)
     SELECT fusion_key, 'interception', 'drone', country, region, date, 'live', '[]'::jsonb, '[]'::jsonb, 1, '[]'::jsonb
     FROM jsonb_to_recordset($1::jsonb) AS v(fusion_key text, country text, region text, date date)`,
    [JSON.stringify(rows)],
  );
}

describe.each(backends)("trend alerts on %s", (_name, open) => {
  let store: Store;
  let app: FastifyInstance;
  let smtp: SMTPServer;
  let smtpUrl: string;
  const mails: Array<{ to: string[]; mail: ParsedMail }> = [];
  const receivers: Receiver[] = [];
  // The dispatchers' clock: midday of AS_OF, moved by hand.
  let clock = new Date(`${AS_OF}T12:00:00Z`);

  const dispatcher = (options: DispatcherOptions = {}) =>
    new AlertDispatcher(store, {
      places,
      allowPrivate: true,
      publicUrl: "http://skywatch.test",
      mailer: smtpMailer(smtpUrl, "Skywatch <alerts@skywatch.test>"),
      trendCheckMs: 0,
      now: () => clock,
      ...options,
    });
  const receiver = async () => {
    const r = await startReceiver();
    receivers.push(r);
    return r;
  };
  const subscribe = async (body: Record<string, unknown>, r?: Receiver) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/subscriptions",
      payload: r ? { channel: "webhook", url: r.url, ...body } : body,
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as { id: number; token: string; secret: string; subscription: Record<string, unknown> };
    if (r) r.secret = created.secret;
    return created;
  };
  const trendDeliveries = async () =>
    Number((await store.execute("SELECT count(*)::int AS n FROM alert_deliveries WHERE type = 'trend.flagged'"))[0].n);

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            mails.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    store = await open();
    app = buildServer({ store, places, openWrites: true, alerts: { allowPrivate: true, emailEnabled: true } });
    await app.ready();
    // Belgorod: one event a day for four weeks, then five a day (rising, and nothing else); Kursk steady.
    await insertEvents(
      store,
      [...daily("RU-BEL", BASELINE, 28, 1), ...daily("RU-BEL", RECENT, 7, 5), ...daily("RU-KRS", BASELINE, 35, 2)],
      "a",
    );
  }, 120_000);
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await app?.close();
    await store?.close();
    await new Promise<void>((r) => smtp?.close(() => r()));
  });

  it("sends one signed trend.flagged per new flag to the subscriptions that asked, and never again", async () => {
    const [belgorod, plain, kursk, radius] = [await receiver(), await receiver(), await receiver(), await receiver()];
    const withTrends = await subscribe({ filter: { regions: ["RU-BEL"] }, trends: true }, belgorod);
    expect(withTrends.subscription.trends).toBe(true);
    const without = await subscribe({ filter: { regions: ["RU-BEL"] } }, plain);
    expect(without.subscription.trends).toBe(false);
    await subscribe({ filter: { regions: ["RU-KRS"] }, trends: true }, kursk);
    await subscribe({ filter: { place: "Шебекино", radiusKm: 20 }, trends: true }, radius);
    await subscribe({ channel: "email", email: "resident@example.org", language: "uk", filter: { regions: ["RU-BEL"] }, trends: true });

    const first = await dispatcher().runOnce();
    expect(first.trends).toBe(3);
    expect(first.sent).toBe(3);
    expect(belgorod.requests).toHaveLength(1);
    const got = belgorod.requests[0];
    expect(got.signed).toBe(true);
    expect(got.headers["skywatch-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(got.headers["skywatch-event"]).toBe("trend.flagged");
    expect(got.headers["skywatch-delivery"]).toBe(got.body.delivery_id);
    expect(got.body).toMatchObject({
      type: "trend.flagged",
      subscription_id: withTrends.id,
      trend: { region: "RU-BEL", flag: "rising", last_7d: 35, baseline_7d: 7, since: RECENT },
    });
    expect(Object.keys(got.body.trend as object).sort()).toEqual([
      "baseline_7d",
      "detail",
      "flag",
      "last_7d",
      "p_value",
      "region",
      "since",
    ]);
    expect((got.body.trend as { p_value: number }).p_value).toBeLessThan(0.01);
    expect(got.body.delivery_id).toMatch(/^[0-9a-f-]{36}$/);
    // The radius around Shebekino reaches Belgorod (and Kharkiv, which shows nothing).
    expect(radius.requests.map((r) => [r.signed, r.body.type, (r.body.trend as { region: string }).region])).toEqual([
      [true, "trend.flagged", "RU-BEL"],
    ]);
    expect(plain.requests).toHaveLength(0);
    expect(kursk.requests).toHaveLength(0);
    // The email, in Ukrainian.
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(["resident@example.org"]);
    expect(mails[0].mail.subject).toBe(`Тенденція Skywatch: Зростання — Бєлгородська область, з ${RECENT}`);
    expect(mails[0].mail.text).toContain("Подій за останні 7 днів: 35; до того в середньому 7 на тиждень");
    expect(mails[0].mail.text).toContain("Відписатися:");
    expect(mails[0].mail.text).toContain(`Відкрити події регіону: http://skywatch.test/?region=RU-BEL&from=${RECENT}`);
    expect(mails[0].mail.html).toContain("Відкрити події регіону</a>");

    // A second check, a restarted dispatcher, and two at once: nothing more.
    expect((await dispatcher().runOnce()).trends).toBe(0);
    const [a, b] = await Promise.all([dispatcher().runOnce(), dispatcher().runOnce()]);
    expect(a.trends + b.trends).toBe(0);
    expect(await trendDeliveries()).toBe(3);
    expect(belgorod.requests).toHaveLength(1);
    expect(radius.requests).toHaveLength(1);
    expect(mails).toHaveLength(1);

    // Turned on later (PATCH): the flag is new to that subscription, once.
    const patched = await app.inject({
      method: "PATCH",
      url: `/api/subscriptions/${without.id}`,
      headers: { authorization: `Bearer ${without.token}` },
      payload: { trends: true },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().subscription.trends).toBe(true);
    const [c, d] = await Promise.all([dispatcher().runOnce(), dispatcher().runOnce()]);
    expect(c.trends + d.trends).toBe(1);
    expect(plain.requests).toHaveLength(1);
    expect(plain.requests[0]).toMatchObject({ signed: true, body: { type: "trend.flagged", trend: { region: "RU-BEL", flag: "rising" } } });
    expect(belgorod.requests).toHaveLength(1);
    const listed = await app.inject({
      method: "GET",
      url: `/api/subscriptions/${without.id}/deliveries`,
      headers: { authorization: `Bearer ${without.token}` },
    });
    expect(listed.json()).toMatchObject({
      counts: { pending: 0, delivered: 1, dead: 0 },
      deliveries: [{ type: "trend.flagged", eventId: null }],
    });

    // The next day Belgorod is still rising; its `since` moved with the window, but the flag goes on: nothing sent.
    await insertEvents(store, daily("RU-BEL", addDays(AS_OF, 1), 1, 5), "b");
    clock = new Date(`${addDays(AS_OF, 1)}T12:00:00Z`);
    expect((await dispatcher().runOnce()).trends).toBe(0);
    const [{ n, since }] = await store.execute(
      "SELECT count(*)::int AS n, max(since)::text AS since FROM alert_trend_flags WHERE subscription_id = $1 AND as_of = $2",
      [withTrends.id, addDays(AS_OF, 1)],
    );
    expect([Number(n), since]).toEqual([1, RECENT]);
    expect(belgorod.requests).toHaveLength(1);
    await store.execute("DELETE FROM subscriptions");
    await store.execute("DELETE FROM events WHERE fusion_key LIKE 'trend-alert-test|b|%'");
  });

  it("checks at most every interval, after the events of the pass", async () => {
    const orel = await receiver();
    clock = new Date(`${AS_OF}T12:00:00Z`);
    const d = dispatcher({ trendCheckMs: 15 * 60_000 });
    expect((await d.runOnce()).trends).toBe(0); // nobody wants trends yet; the check ran
    await subscribe({ filter: { regions: ["RU-ORL"] }, trends: true }, orel);
    // Oryol: its first events ever (new_region), and a spike (rising).
    await insertEvents(store, daily("RU-ORL", addDays(AS_OF, -2), 3, 3), "orel");
    clock = new Date(clock.getTime() + 14 * 60_000);
    expect((await d.runOnce()).trends).toBe(0);
    expect(orel.requests).toHaveLength(0);
    clock = new Date(clock.getTime() + 60_000);
    const due = await d.runOnce();
    expect(due.trends).toBe(2);
    expect(orel.requests.map((r) => (r.body.trend as { flag: string }).flag).sort()).toEqual(["new_region", "rising"]);
    expect(orel.requests.every((r) => r.signed)).toBe(true);
    clock = new Date(clock.getTime() + 15 * 60_000);
    expect((await d.runOnce()).trends).toBe(0);
    expect(orel.requests).toHaveLength(2);
  });
});
