// Delivery loses nothing when the server dies (real `skywatch serve` processes, kill -9):
//  - killed between the event's commit and any delivery (its dispatcher off: SKYWATCH_ALERTS=0),
//    the alert is sent after restart, from the outbox the commit filled;
//  - killed while the receiver holds the request unanswered, the same delivery_id is sent again
//    after restart and acknowledged once;
//  - on PostgreSQL, serve and two workers (each with a dispatcher) deliver each alert once, and
//    one killed after the worker's commit but before delivery is delivered after restart.
// serve runs with --allow-private-urls: the flag must reach the dispatcher for a loopback receiver.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createThrowawayDatabase } from "../helpers/throwaway-database.js";
import { json, kill9, listening, type Proc, type Receiver, sleep, startReceiver, startSkywatch, waitFor } from "./helpers.js";

const running: Proc[] = [];
const start = (args: string[], env: Record<string, string> = {}) => {
  const p = startSkywatch(args, env);
  running.push(p);
  return p;
};
afterAll(async () => {
  for (const p of running) await kill9(p);
});

/** The first account (2 injured) and its corrected text (3 injured), of one URL. */
const REPORT = (n: number) => ({
  text: `В Шебекино беспилотник ударил по зданию администрации, ранены ${n === 1 ? "двое" : "трое"}, сообщил губернатор Вячеслав Гладков.`,
  published: "2025-09-11",
  source: "crash",
  url: "https://example.org/crash/1",
});

describe("alerts survive kill -9 of serve (PGlite)", () => {
  let receiver: Receiver;
  afterAll(async () => receiver?.close());

  it("delivers after restart what was committed before the kill, and re-sends an unacknowledged delivery once", async () => {
    receiver = await startReceiver();
    const data = mkdtempSync(join(tmpdir(), "skywatch-alerts-kill-"));
    const args = ["serve", "--port", "0", "--no-sample", "--open-writes", "--allow-private-urls", "--data", data];

    // 1. The dispatcher off: the report is committed (201), nothing is sent, then kill -9.
    let serve = start(args, { SKYWATCH_ALERTS: "0" });
    let url = await listening(serve);
    const sub = await json("POST", `${url}/api/subscriptions`, { channel: "webhook", url: receiver.url, filter: { regions: ["RU-BEL"] } });
    expect(sub.status).toBe(201);
    receiver.secret = sub.body.secret;
    const posted = await json("POST", `${url}/api/reports`, REPORT(1));
    expect(posted.status).toBe(201);
    await sleep(300);
    expect(receiver.requests).toHaveLength(0);
    await kill9(serve);

    // 2. Restarted with its dispatcher: the alert of the committed event arrives; the receiver holds it unanswered.
    receiver.mode = "hang";
    serve = start(args);
    url = await listening(serve);
    await waitFor(() => receiver.requests.length === 1, 15_000, "the alert after restart");
    const first = receiver.requests[0];
    expect(first.signed).toBe(true);
    expect(first.body).toMatchObject({ type: "event.created", event: { settlement: "Shebekino", injured: 2 } });
    await kill9(serve);

    // 3. Restarted again, the receiver answering: the same delivery, acknowledged once.
    receiver.mode = 200;
    serve = start(args);
    url = await listening(serve);
    await waitFor(() => receiver.accepted.size === 1, 15_000, "the unacknowledged delivery, sent again");
    const [again] = receiver.accepted.values();
    expect(again.body.delivery_id).toBe(first.body.delivery_id);
    expect(again.signed).toBe(true);
    const listed = await json("GET", `${url}/api/subscriptions/${sub.body.id}/deliveries`, undefined, sub.body.token);
    expect(listed.body.counts).toEqual({ pending: 0, delivered: 1, dead: 0 });
    await sleep(1000);
    expect(receiver.requests).toHaveLength(2);
    await kill9(serve);
  }, 120_000);
});

const base = process.env.TEST_DATABASE_URL;

describe.skipIf(!base)("alerts with serve and two workers (PostgreSQL)", () => {
  let receiver: Receiver;
  afterAll(async () => receiver?.close());

  it("delivers each alert once, and after a kill -9 between the workers' commit and the delivery", async () => {
    const database = await createThrowawayDatabase(base as string, "skywatch_alerts");
    try {
      receiver = await startReceiver();
      const data = mkdtempSync(join(tmpdir(), "skywatch-alerts-pg-"));
      const env = { DATABASE_URL: database.url, SKYWATCH_ALLOW_PRIVATE_URLS: "1" };
      const serveArgs = ["serve", "--port", "0", "--no-sample", "--open-writes", "--data", data];
      const workerArgs = ["worker", "--data", data];
      // serve first: it makes the queue the workers take from.
      let serve = start(serveArgs, env);
      let url = await listening(serve);
      let workers = [start(workerArgs, env), start(workerArgs, env)];
      const sub = await json("POST", `${url}/api/subscriptions`, {
        channel: "webhook",
        url: receiver.url,
        filter: { regions: ["RU-BEL"] },
      });
      expect(sub.status).toBe(201);
      receiver.secret = sub.body.secret;
      const posted = await json("POST", `${url}/api/reports`, REPORT(1));
      expect(posted.status).toBe(202);
      await waitFor(() => receiver.accepted.size === 1, 30_000, "the alert of the queued report");
      await sleep(1000);
      // Three dispatchers, one request.
      expect(receiver.requests).toHaveLength(1);
      expect(receiver.requests[0].signed).toBe(true);

      // Every process without its dispatcher: a worker stores the correction (injured 2 → 3), then all are killed.
      for (const p of [serve, ...workers]) await kill9(p);
      serve = start(serveArgs, { ...env, SKYWATCH_ALERTS: "0" });
      url = await listening(serve);
      workers = [start(workerArgs, { ...env, SKYWATCH_ALERTS: "0" })];
      const corrected = await json("POST", `${url}/api/reports`, { ...REPORT(1), text: REPORT(2).text });
      expect(corrected.status).toBe(202);
      await waitFor(
        async () => (await json("GET", `${url}/api/events?region=RU-BEL`)).body.events?.[0]?.injured === 3,
        30_000,
        "the corrected event stored",
      );
      for (const p of [serve, ...workers]) await kill9(p);
      expect(receiver.requests).toHaveLength(1);

      // Restarted with dispatchers: the update arrives, once.
      serve = start(serveArgs, env);
      url = await listening(serve);
      workers = [start(workerArgs, env), start(workerArgs, env)];
      await waitFor(() => receiver.accepted.size === 2, 30_000, "the update after restart");
      await sleep(1000);
      expect(receiver.requests).toHaveLength(2);
      expect(receiver.requests[1].body).toMatchObject({ type: "event.updated", event: { injured: 3 }, changed: ["injured"] });
      for (const p of [serve, ...workers]) await kill9(p);
    } finally {
      for (const p of running) await kill9(p);
      await database.drop();
    }
  }, 180_000);
});
