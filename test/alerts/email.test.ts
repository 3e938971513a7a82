// Email alerts against a local SMTP server (smtp-server; parsed with mailparser — no mocks): an
// alert arrives in the subscriber's language, as text and HTML, with a List-Unsubscribe header
// and a link that unsubscribes in one click (and no alert follows); a digest gathers its events
// into one email; the server refuses email subscriptions when it sends no email.
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AlertDispatcher } from "../../src/alerts/dispatcher.js";
import { smtpMailer } from "../../src/alerts/mailer.js";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { openStore, type Store } from "../../src/store/database.js";
import { sleep, waitFor } from "./helpers.js";

describe("email alerts over SMTP", () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let smtp: SMTPServer;
  let dispatcher: AlertDispatcher;
  const mails: Array<{ to: string[]; mail: ParsedMail }> = [];
  const places = defaultPlaceResolver();

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
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    store = await openStore({ dataDir: join(mkdtempSync(join(tmpdir(), "skywatch-email-")), "db") });
    app = buildServer({ store, places, openWrites: true, alerts: { emailEnabled: true } });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    dispatcher = new AlertDispatcher(store, {
      places,
      publicUrl: base,
      mailer: smtpMailer(`smtp://127.0.0.1:${smtpPort}`, "Skywatch <alerts@skywatch.test>"),
      tickMs: 50,
    });
    dispatcher.start();
  }, 60_000);
  afterAll(async () => {
    await dispatcher?.stop();
    await app?.close();
    await store?.close();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  const post = (text: string, published: string) =>
    app.inject({ method: "POST", url: "/api/reports", payload: { text, published, source: "email" } });

  it("sends the alert in the subscriber's language with a working one-click unsubscribe link", async () => {
    const created = await app.inject({
      method: "POST",
      url: "/api/subscriptions",
      payload: { channel: "email", email: "resident@example.org", language: "ru", filter: { regions: ["RU-BEL"] }, label: "Шебекино" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, token } = created.json();
    expect(
      (await post("В Шебекино беспилотник ударил по зданию администрации, ранены двое, сообщил губернатор Вячеслав Гладков.", "2025-07-01"))
        .statusCode,
    ).toBe(201);
    await waitFor(() => mails.length === 1, 10_000, "the email");
    const { to, mail } = mails[0];
    expect(to).toEqual(["resident@example.org"]);
    expect(mail.from?.value[0]).toMatchObject({ name: "Skywatch", address: "alerts@skywatch.test" });
    expect(mail.subject).toBe("Skywatch: Удар, дроны — Шебекино, Белгородская область, 2025-07-01 · Ранены: 2");
    expect(mail.text).toContain("Ранены: 2");
    expect(mail.text).toContain("Отписаться:");
    expect(mail.html).toContain("<a href=");
    expect(mail.html).toContain("Открыть событие");
    // Unfolded, as a mail client reads it.
    const line = (name: string) => (mail.headerLines.find((h) => h.key === name)?.line ?? "").replace(/\r\n\s+/g, " ");
    const link = (mail.text ?? "").match(/Отписаться: (\S+)/)?.[1] as string;
    expect(link).toMatch(new RegExp(`^${base}/api/subscriptions/${id}/unsubscribe\\?key=[0-9a-f]{32}$`));
    expect(line("list-unsubscribe")).toBe(`List-Unsubscribe: <${link}>`);
    expect(line("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@skywatch\.test>$/);

    // One click.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Подписка отменена");
    const state = await app.inject({ method: "GET", url: `/api/subscriptions/${id}`, headers: { authorization: `Bearer ${token}` } });
    expect(state.json().active).toBe(false);
    expect(
      (await post("В Грайвороне дрон атаковал автомобиль, пострадала женщина, сообщил губернатор Вячеслав Гладков.", "2025-07-02"))
        .statusCode,
    ).toBe(201);
    await sleep(800);
    expect(mails).toHaveLength(1);
    // A forged key does nothing.
    expect((await fetch(link.replace(/key=.*/, "key=ffffffffffffffffffffffffffffffff"))).status).toBe(404);
    // The page's button subscribes again.
    const again = await fetch(link.replace("/unsubscribe?", "/resubscribe?"), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect(again.status).toBe(200);
    const back = await app.inject({ method: "GET", url: `/api/subscriptions/${id}`, headers: { authorization: `Bearer ${token}` } });
    expect(back.json().active).toBe(true);
    await app.inject({ method: "DELETE", url: `/api/subscriptions/${id}`, headers: { authorization: `Bearer ${token}` } });
  });

  it("gathers a digest's events into one email when its time comes", async () => {
    mails.length = 0;
    const created = await app.inject({
      method: "POST",
      url: "/api/subscriptions",
      payload: {
        channel: "email",
        email: "digest@example.org",
        mode: "daily",
        timeZone: "Europe/Kyiv",
        language: "uk",
        filter: { regions: ["UA-63"] },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    await post("Над Харківщиною збито 6 ударних БпЛА типу Shahed, повідомили Повітряні сили.", "2025-07-03");
    await post("Над Харківщиною збито 4 ударних БпЛА типу Shahed, повідомили Повітряні сили.", "2025-07-04");
    await waitFor(
      async () => Number((await store.execute("SELECT count(*)::int AS n FROM alert_digest_items"))[0].n) === 2,
      10_000,
      "two digest items",
    );
    const [{ due }] = await store.execute("SELECT min(due_at) AS due FROM alert_digest_items");
    // Due at 08:00 in Kyiv (05:00 or 06:00 UTC).
    expect([5, 6]).toContain(new Date(due as string).getUTCHours());
    await sleep(300);
    expect(mails).toHaveLength(0);
    // Its time comes.
    await store.execute("UPDATE alert_digest_items SET due_at = now() - interval '1 second'");
    dispatcher.poke();
    await waitFor(() => mails.length === 1, 10_000, "the digest");
    expect(mails[0].mail.subject).toBe("Зведення Skywatch: подій: 2");
    expect(mails[0].mail.text).toContain("Харківська область");
  });

  it("refuses email subscriptions where the server sends no email", async () => {
    const plain = buildServer({ store, places, openWrites: true });
    try {
      const res = await plain.inject({ method: "POST", url: "/api/subscriptions", payload: { channel: "email", email: "a@example.org" } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatch(/SKYWATCH_SMTP_URL/);
      const bad = await app.inject({ method: "POST", url: "/api/subscriptions", payload: { channel: "email", email: "not an address" } });
      expect(bad.statusCode).toBe(400);
    } finally {
      await plain.close();
    }
  });
});
