// Webhook alerts end to end, on PGlite and (TEST_DATABASE_URL) PostgreSQL: a local receiver gets a
// correctly signed delivery after POST /api/reports; a re-fusion that changes no figure sends
// nothing, one that does sends event.updated; the receiver down for a while gets the delivery
// once after it is back; a receiver that never accepts makes a dead delivery, listed; a radius
// around a named village (a case form) takes what lies within it and nothing outside; the guard
// refuses private targets unless allowed.
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AlertDispatcher, type DispatcherOptions } from "../../src/alerts/dispatcher.js";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { createApiKey } from "../../src/store/api-keys.js";
import type { Store } from "../../src/store/database.js";
import { dropSchemas } from "../helpers/drop-schemas.js";
import { storeBackends } from "../helpers/store-backends.js";
import { type Receiver, sleep, startReceiver, waitFor } from "./helpers.js";

const { backends, schemas } = storeBackends("alerts");
afterAll(() => dropSchemas(process.env.TEST_DATABASE_URL ?? "", schemas));

const places = defaultPlaceResolver();

describe.each(backends)("webhook alerts on %s", (_name, open) => {
  let store: Store;
  let app: FastifyInstance;
  let receiver: Receiver;
  let dispatcher: AlertDispatcher | null = null;
  let day = 0;
  /** A fresh date for each report, so that reports of different tests never fuse. */
  const nextDate = () => `2025-09-${String(++day).padStart(2, "0")}`;

  const dispatch = (options: DispatcherOptions = {}) => {
    dispatcher = new AlertDispatcher(store, {
      places,
      allowPrivate: true,
      publicUrl: "http://skywatch.test",
      baseDelayMs: 100,
      maxDelayMs: 400,
      tickMs: 50,
      ...options,
    });
    dispatcher.start();
    return dispatcher;
  };
  const post = async (text: string, published: string, source = "test", url?: string) => {
    const res = await app.inject({ method: "POST", url: "/api/reports", payload: { text, published, source, ...(url ? { url } : {}) } });
    expect(res.statusCode, res.body).toBeLessThan(300);
  };
  const subscribe = async (body: Record<string, unknown>) => {
    const res = await app.inject({ method: "POST", url: "/api/subscriptions", payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; token: string; secret: string; subscription: Record<string, unknown> };
  };
  const deliveries = async (id: number, token: string) => {
    const res = await app.inject({
      method: "GET",
      url: `/api/subscriptions/${id}/deliveries`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      counts: { pending: number; delivered: number; dead: number };
      deliveries: Array<{ id: string; type: string; status: string; attempts: number; lastError: string | null; eventId: number }>;
    };
  };

  beforeAll(async () => {
    store = await open();
    app = buildServer({ store, places, openWrites: true, alerts: { allowPrivate: true, publicUrl: "http://skywatch.test" } });
    await app.ready();
    receiver = await startReceiver();
  }, 60_000);
  afterEach(async () => {
    await dispatcher?.stop();
    dispatcher = null;
    // Each test's subscriptions end with it.
    await store.execute("DELETE FROM subscriptions");
    receiver.mode = 200;
  });
  afterAll(async () => {
    await receiver?.close();
    await app?.close();
    await store?.close();
  });

  it("sends a correctly signed event.created after POST /api/reports, and event.updated only when a figure changes", async () => {
    const sub = await subscribe({ channel: "webhook", url: receiver.url, filter: { regions: ["RU-BEL"] } });
    expect(sub.token).toMatch(/^sws_/);
    expect(sub.secret).toMatch(/^whsec_/);
    receiver.secret = sub.secret;
    receiver.accepted.clear();
    dispatch();
    const date = nextDate();
    const posted = Date.now();
    const url = `https://example.org/news/${date}`;
    await post(
      "В Шебекино беспилотник ударил по зданию администрации, ранены двое, сообщил губернатор Вячеслав Гладков.",
      date,
      "test",
      url,
    );
    await post("Над Курской областью сбиты 4 беспилотника, сообщил губернатор.", date);
    await waitFor(() => receiver.accepted.size >= 1, 10_000, "the delivery");
    const [got] = [...receiver.accepted.values()];
    expect(got.at - posted).toBeLessThan(5000);
    expect(got.signed).toBe(true);
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["skywatch-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(got.body).toMatchObject({ type: "event.created", subscription_id: sub.id });
    expect(got.body.event).toMatchObject({ region: "RU-BEL", settlement: "Shebekino", kind: "strike", injured: 2, date });
    expect(got.body.event?.url).toMatch(/^http:\/\/skywatch\.test\/\?event=\d+$/);
    expect(got.headers["skywatch-delivery"]).toBe(got.body.delivery_id);

    // Another source tells the same (a re-fusion: sources 2, no figure changed): nothing new.
    await post("В Шебекино беспилотник ударил по зданию администрации, ранены двое человек, сообщил губернатор Гладков.", date, "other");
    const [{ sources }] = await store.execute("SELECT sources FROM events WHERE settlement = 'Shebekino' AND date = $1", [date]);
    expect(Number(sources)).toBe(2);
    await sleep(500);
    expect(receiver.accepted.size).toBe(1);

    // A figure changes (the first report corrected): event.updated, naming it.
    await post(
      "В Шебекино беспилотник ударил по зданию администрации, ранены трое, сообщил губернатор Вячеслав Гладков.",
      date,
      "test",
      url,
    );
    await waitFor(() => receiver.accepted.size >= 2, 10_000, "the update");
    const update = [...receiver.accepted.values()][1];
    expect(update.signed).toBe(true);
    expect(update.body).toMatchObject({ type: "event.updated", changed: expect.arrayContaining(["injured"]) });
    expect(update.body.event?.id).toBe(got.body.event?.id);

    // The receiver answers before the sender records the delivery as done: wait for that record.
    let listed = await deliveries(sub.id, sub.token);
    await waitFor(
      async () => {
        listed = await deliveries(sub.id, sub.token);
        return listed.counts.delivered >= 2;
      },
      10_000,
      "the update's delivery recorded",
    );
    expect(listed.counts).toEqual({ pending: 0, delivered: 2, dead: 0 });
    expect(listed.deliveries.map((d) => d.id).sort()).toEqual([...receiver.accepted.keys()].sort());
    // Kursk was not asked for.
    expect(receiver.requests.every((r) => r.body.event?.region === "RU-BEL")).toBe(true);
  });

  it("delivers once after the receiver was down for a while", async () => {
    const sub = await subscribe({ channel: "webhook", url: receiver.url, filter: { regions: ["RU-BRY"] } });
    receiver.secret = sub.secret;
    receiver.accepted.clear();
    receiver.requests.length = 0;
    await receiver.down();
    dispatch();
    await post("Над Брянской областью уничтожены 7 беспилотников, сообщил губернатор.", nextDate());
    // Refused connections: attempts pile up with backoff.
    await waitFor(async () => (await deliveries(sub.id, sub.token)).deliveries[0]?.attempts >= 2, 10_000, "two failed attempts");
    const failing = (await deliveries(sub.id, sub.token)).deliveries[0];
    expect(failing.status).toBe("pending");
    expect(failing.lastError).toMatch(/ECONNREFUSED/);
    await sleep(300);
    await receiver.up();
    await waitFor(() => receiver.accepted.size === 1, 10_000, "the delivery after the receiver is back");
    await sleep(1000);
    const [id] = receiver.accepted.keys();
    expect(id).toBe(failing.id);
    expect(receiver.requests.filter((r) => r.body.delivery_id === id)).toHaveLength(1);
    expect(receiver.requests[0].signed).toBe(true);
    const listed = await deliveries(sub.id, sub.token);
    expect(listed.counts).toEqual({ pending: 0, delivered: 1, dead: 0 });
    expect(listed.deliveries[0].attempts).toBeGreaterThanOrEqual(3);
  });

  it("retries with the same delivery_id until the window ends, then lists the delivery as dead", async () => {
    const sub = await subscribe({ channel: "webhook", url: receiver.url, filter: { regions: ["RU-ORL"] } });
    receiver.secret = sub.secret;
    receiver.requests.length = 0;
    receiver.mode = 503;
    dispatch({ retryWindowMs: 1500 });
    await post("Над Орловской областью сбиты 3 беспилотника, сообщил губернатор.", nextDate());
    await waitFor(async () => (await deliveries(sub.id, sub.token)).counts.dead === 1, 15_000, "a dead delivery");
    const listed = await deliveries(sub.id, sub.token);
    expect(listed.deliveries[0]).toMatchObject({ status: "dead", lastError: expect.stringMatching(/answered 503/) });
    expect(receiver.requests.length).toBeGreaterThanOrEqual(2);
    expect(new Set(receiver.requests.map((r) => r.body.delivery_id))).toEqual(new Set([listed.deliveries[0].id]));
    // Each attempt is signed afresh.
    expect(receiver.requests.every((r) => r.signed)).toBe(true);
    const count = receiver.requests.length;
    await sleep(600);
    expect(receiver.requests.length).toBe(count);

    // Sent again by hand: delivered.
    receiver.mode = 200;
    const retried = await app.inject({
      method: "POST",
      url: `/api/subscriptions/${sub.id}/deliveries/${listed.deliveries[0].id}/retry`,
      headers: { authorization: `Bearer ${sub.token}` },
    });
    expect(retried.statusCode).toBe(202);
    await waitFor(async () => (await deliveries(sub.id, sub.token)).counts.delivered === 1, 10_000, "the retried delivery");
  });

  it("takes events within a radius of a named village (any case form) and not outside", async () => {
    const sub = await subscribe({
      channel: "webhook",
      url: receiver.url,
      filter: { place: "Новой Таволжанке", radiusKm: 15 },
    });
    expect(sub.subscription.filter).toMatchObject({ place: "Novaya Tavolzhanka", radiusKm: 15 });
    receiver.secret = sub.secret;
    receiver.accepted.clear();
    dispatch();
    const date = nextDate();
    await post(
      "В селе Новая Таволжанка Шебекинского округа дрон атаковал частный дом, ранен мужчина, сообщил губернатор Вячеслав Гладков.",
      date,
    );
    await post("В Грайвороне дрон атаковал автомобиль, пострадала женщина, сообщил губернатор Вячеслав Гладков.", date);
    await post("В Шебекино беспилотник ударил по зданию администрации, ранены двое, сообщил губернатор Вячеслав Гладков.", date);
    await post("Над Белгородской областью сбиты 5 беспилотников, сообщил губернатор.", date);
    await waitFor(() => receiver.accepted.size >= 2, 10_000, "the deliveries within the radius");
    await sleep(800);
    const settlements = [...receiver.accepted.values()].map((r) => r.body.event?.settlement).sort();
    // Shebekino is 7 km away, Grayvoron 85 km; the region-level account has no place of its own.
    expect(settlements).toEqual(["Novaya Tavolzhanka", "Shebekino"]);
  });

  it("refuses private webhook targets unless private addresses are allowed, at subscription and at delivery", async () => {
    const strict = buildServer({ store, places, openWrites: true, alerts: { allowPrivate: false } });
    try {
      for (const url of ["http://127.0.0.1:9/hook", "http://169.254.169.254/latest", "http://[::1]/x", "http://localhost:9/hook"]) {
        const res = await strict.inject({ method: "POST", url: "/api/subscriptions", payload: { channel: "webhook", url } });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error).toMatch(/not a public address/);
      }
      const bad = await strict.inject({
        method: "POST",
        url: "/api/subscriptions",
        payload: { channel: "webhook", url: "ftp://example.org/x" },
      });
      expect(bad.statusCode).toBe(400);
    } finally {
      await strict.close();
    }
    // Made while allowed, sent by a dispatcher that is not: refused after DNS, never reached.
    const sub = await subscribe({
      channel: "webhook",
      url: receiver.url.replace("127.0.0.1", "localhost"),
      filter: { regions: ["RU-LIP"] },
    });
    receiver.requests.length = 0;
    dispatch({ allowPrivate: false });
    await post("Над Липецкой областью сбиты 2 беспилотника, сообщил губернатор.", nextDate());
    await waitFor(async () => (await deliveries(sub.id, sub.token)).deliveries[0]?.attempts >= 1, 10_000, "a refused attempt");
    expect((await deliveries(sub.id, sub.token)).deliveries[0].lastError).toMatch(/non-public address/);
    expect(receiver.requests).toHaveLength(0);
  });

  it("guards its API: the token or an admin key, and nothing else", async () => {
    const sub = await subscribe({ channel: "feed", filter: { kinds: ["strike"], casualties: true }, label: "strikes with casualties" });
    const other = await subscribe({ channel: "feed" });
    const get = (id: number, auth?: string) =>
      app.inject({ method: "GET", url: `/api/subscriptions/${id}`, headers: auth ? { authorization: `Bearer ${auth}` } : {} });
    expect((await get(sub.id)).statusCode).toBe(401);
    expect((await get(sub.id, other.token)).statusCode).toBe(403);
    expect((await get(sub.id, "sws_forged")).statusCode).toBe(403);
    const mine = await get(sub.id, sub.token);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ id: sub.id, channel: "feed", filter: { kinds: ["strike"], casualties: true } });
    expect(JSON.stringify(mine.json())).not.toContain(sub.secret);
    expect((await app.inject({ method: "GET", url: "/api/subscriptions" })).statusCode).toBe(401);
    const admin = await createApiKey(store.db, { role: "admin" });
    const writer = await createApiKey(store.db, { role: "writer" });
    const all = await app.inject({ method: "GET", url: "/api/subscriptions", headers: { authorization: `Bearer ${admin.key}` } });
    expect(all.statusCode).toBe(200);
    expect(all.json().subscriptions.map((x: { id: number }) => x.id)).toEqual([sub.id, other.id]);
    expect(JSON.stringify(all.json())).not.toMatch(/sws_|whsec_/);
    expect(
      (await app.inject({ method: "GET", url: "/api/subscriptions", headers: { authorization: `Bearer ${writer.key}` } })).statusCode,
    ).toBe(403);
    // An admin key manages any subscription.
    expect((await get(sub.id, admin.key)).statusCode).toBe(200);
    const patched = await app.inject({
      method: "PATCH",
      url: `/api/subscriptions/${sub.id}`,
      headers: { authorization: `Bearer ${sub.token}` },
      payload: { filter: { regions: ["UA-63"] }, mode: "daily", timeZone: "Europe/Kyiv", rotateSecret: true },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      subscription: { filter: { regions: ["UA-63"], kinds: [] }, mode: "daily" },
      secret: expect.stringMatching(/^whsec_/),
    });
    const badZone = await app.inject({
      method: "PATCH",
      url: `/api/subscriptions/${sub.id}`,
      headers: { authorization: `Bearer ${sub.token}` },
      payload: { timeZone: "Mars/Olympus" },
    });
    expect(badZone.statusCode).toBe(400);
    const unknownPlace = await app.inject({
      method: "POST",
      url: "/api/subscriptions",
      payload: { channel: "feed", filter: { place: "Qwertyuiopgrad", radiusKm: 5 } },
    });
    expect(unknownPlace.statusCode).toBe(400);
    expect(unknownPlace.json().error).toMatch(/no settlement called 'Qwertyuiopgrad'/);
    const deleted = await app.inject({
      method: "DELETE",
      url: `/api/subscriptions/${sub.id}`,
      headers: { authorization: `Bearer ${sub.token}` },
    });
    expect(deleted.statusCode).toBe(200);
    expect((await get(sub.id, sub.token)).statusCode).toBe(404);
  });
});
