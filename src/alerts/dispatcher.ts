// The alert dispatcher: turns committed event changes into deliveries and sends them, losing
// nothing on a crash.
//  1. Expand. A trigger on event_changes (migration 7) queues every created or updated event in
//     alert_outbox, in the transaction that changed it. The dispatcher takes a batch of the queue
//     (FOR UPDATE SKIP LOCKED, so several processes share it), decides which changes make an alert
//     (payload.ts: a new event, or new figures), matches them against the subscriptions and writes
//     their deliveries (or digest items), deleting the batch — one transaction: killed half-way,
//     the batch is back in the queue and nothing was written.
//  2. Digest. Digest items whose time has come (hourly, daily in the subscriber's zone) become one
//     delivery per subscription, in one transaction too.
//  3. Send. Due deliveries are leased (SKIP LOCKED, with an expiry: a lease whose holder died
//     runs out) and sent: webhooks POSTed through the guarded client, signed; emails over SMTP.
//     A 2xx (or an SMTP acceptance) marks a delivery delivered, and it is never sent again;
//     anything else is retried with exponential backoff and jitter for 24 h, then it is dead.
//     A process killed after sending but before recording sends again after its lease: at least
//     once, with the same delivery_id, so a receiver can de-duplicate.
//  4. Trends. At most every trendCheckMs (15 min), once the outbox is drained, the flags of
//     today (src/trends, in each subscriber's time zone) are compared with alert_trend_flags, the
//     flags already sent (migration 12): each new one for a subscription with trends becomes a
//     trend.flagged delivery, written with its row there in one transaction — the unique key
//     (subscription, region, flag, since) makes a restart or a second dispatcher send nothing twice.
//     A flag that held for the subscription the day before (or earlier the same day) is a flag
//     going on, not a new one, even when its `since` moved with the window.
// It runs in `serve` and in every `worker`; a NOTIFY of the change stream wakes it at once.
import { hostname } from "node:os";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { PlaceResolver } from "../extract/place-resolver.js";
import { allowPrivateFromEnv, guardedFetch } from "../net/guarded-fetch.js";
import type { Db, Store } from "../store/database.js";
import { alertDeliveries, alertDigestItems, events, subscriptions } from "../store/schema.js";
import { flagsAsOf, type Trend } from "../trends/index.js";
import { nextDigestAt } from "./digest-time.js";
import { matches } from "./filter.js";
import { type Mailer, mailerFromEnv } from "./mailer.js";
import { type AlertItem, alertEmail, type TrendAlert, trendEmail } from "./messages.js";
import { alertTypeOf, type EventPayload, eventPayload, webhookBody } from "./payload.js";
import { SIGNATURE_HEADER, signatureHeader } from "./signature.js";
import { filterOf, type Language, type SubscriptionRow, subscriptionLinks } from "./subscriptions.js";

export interface DispatcherOptions {
  places?: PlaceResolver | null;
  /** Where the server is reached from outside, for the links in alerts (default env SKYWATCH_PUBLIC_URL, else http://127.0.0.1:8080). */
  publicUrl?: string;
  /** Reach webhooks on loopback, private and link-local addresses too (default env SKYWATCH_ALLOW_PRIVATE_URLS=1). */
  allowPrivate?: boolean;
  /** Sends email; default: SMTP at SKYWATCH_SMTP_URL, none when unset (email deliveries then wait for a process that has it). */
  mailer?: Mailer | null;
  /** Who holds the leases (default host:pid:random). */
  owner?: string;
  /** How long a delivery is leased while it is sent (default 120 s; longer than a request may take). */
  leaseSeconds?: number;
  /** How often the loop looks for due work besides being woken by the change stream (default 1000 ms). */
  tickMs?: number;
  /** Outbox changes expanded per transaction (default 200). */
  batchSize?: number;
  /** Deliveries sent at once (default 8). */
  concurrency?: number;
  /** First retry after about this long (default 10 s); each next one waits twice as long. */
  baseDelayMs?: number;
  /** Longest wait between two attempts (default 1 h). */
  maxDelayMs?: number;
  /** How long a delivery is retried before it is dead (default 24 h). */
  retryWindowMs?: number;
  /** Per webhook request (default 10 s). */
  timeoutMs?: number;
  /** How often trend flags are checked at most (default env SKYWATCH_TREND_CHECK_MINUTES, else 15 min; 0: at every pass). */
  trendCheckMs?: number;
  /** The clock of the trend check (tests pin the day). */
  now?: () => Date;
  /** Random numbers in [0, 1) for the jitter (tests pin it). */
  random?: () => number;
  log?: (line: string) => void;
  /** Called after a delivery is acknowledged (the benchmark measures latency with it). */
  onDelivered?: (info: { deliveryId: string; type: string; eventId: number | null; channel: string }) => void;
}

/** What one pass did. */
export interface PassResult {
  expanded: number;
  deliveries: number;
  digests: number;
  /** trend.flagged deliveries written. */
  trends: number;
  sent: number;
  failed: number;
  dead: number;
}

/** Milliseconds before the `attempt`-th retry: base × 2^(attempt−1), capped, with jitter (50–100 %). */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const full = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.max(1, Math.round(full * (0.5 + 0.5 * random())));
}

type Rows = Array<Record<string, unknown>>;
/** A timestamptz as the drivers give it (a Date; a string from some paths), to the millisecond. */
const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const rowsOf = (result: unknown): Rows => (Array.isArray(result) ? result : ((result as { rows?: Rows }).rows ?? [])) as Rows;

interface Claimed {
  id: number;
  deliveryId: string;
  type: string;
  eventId: number | null;
  payload: Record<string, unknown>;
  subscription: Pick<SubscriptionRow, "id" | "secret" | "channel" | "target" | "language" | "label">;
}

type Outcome = { ok: true; status: number | null } | { ok: false; status: number | null; error: string; retryAfterMs?: number };

export class AlertDispatcher {
  readonly owner: string;
  readonly publicUrl: string;
  private readonly o: Required<Omit<DispatcherOptions, "places" | "mailer" | "onDelivered" | "owner" | "publicUrl">> &
    Pick<DispatcherOptions, "places" | "onDelivered">;
  private readonly mailer: Mailer | null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private poked = false;
  private unlisten: (() => Promise<void>) | null = null;
  private leasesCleared = false;
  private lastTrendCheck: number | null = null;

  constructor(
    private readonly store: Store,
    options: DispatcherOptions = {},
  ) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.publicUrl = (options.publicUrl ?? process.env.SKYWATCH_PUBLIC_URL ?? "http://127.0.0.1:8080").replace(/\/+$/, "");
    this.mailer = options.mailer === undefined ? mailerFromEnv() : options.mailer;
    this.o = {
      places: options.places ?? null,
      onDelivered: options.onDelivered,
      allowPrivate: options.allowPrivate ?? allowPrivateFromEnv(),
      leaseSeconds: options.leaseSeconds ?? 120,
      tickMs: options.tickMs ?? 1000,
      batchSize: options.batchSize ?? 200,
      concurrency: options.concurrency ?? 8,
      baseDelayMs: options.baseDelayMs ?? 10_000,
      maxDelayMs: options.maxDelayMs ?? 3_600_000,
      retryWindowMs: options.retryWindowMs ?? 24 * 3_600_000,
      timeoutMs: options.timeoutMs ?? 10_000,
      random: options.random ?? Math.random,
      trendCheckMs: options.trendCheckMs ?? trendCheckMsFromEnv(),
      now: options.now ?? (() => new Date()),
      log: options.log ?? (() => {}),
    };
  }

  /** Expands the outbox, makes due digests and sends what is due, until nothing is left for now. */
  async runOnce(): Promise<PassResult> {
    const result: PassResult = { expanded: 0, deliveries: 0, digests: 0, trends: 0, sent: 0, failed: 0, dead: 0 };
    // An embedded store has one process (its directory lock): leases left by a killed one are void.
    if (this.store.kind === "pglite" && !this.leasesCleared) {
      await this.store.execute(
        "UPDATE alert_deliveries SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL AND status = 'pending'",
      );
      this.leasesCleared = true;
    }
    for (;;) {
      const { taken, written } = await this.expand();
      result.expanded += taken;
      result.deliveries += written;
      if (taken < this.o.batchSize) break;
    }
    result.digests = await this.digests();
    // After the changes of this pass settled (the outbox drained above), and at most every trendCheckMs.
    const now = this.o.now();
    if (this.lastTrendCheck === null || now.getTime() - this.lastTrendCheck >= this.o.trendCheckMs) {
      this.lastTrendCheck = now.getTime();
      // A failed check waits for the next interval; it must not hold up the deliveries below.
      result.trends = await this.trends(now).catch((err) => {
        this.o.log(
          `alerts: the trend check failed (${(err as Error).message}); trying again in ${Math.round(this.o.trendCheckMs / 60_000)} min`,
        );
        return 0;
      });
    }
    for (;;) {
      const claimed = await this.claim(this.o.concurrency);
      if (!claimed.length) break;
      const outcomes = await Promise.all(claimed.map((d) => this.send(d)));
      for (const [i, outcome] of outcomes.entries()) {
        const dead = await this.record(claimed[i], outcome);
        if (outcome.ok) result.sent++;
        else result.failed++;
        if (dead) result.dead++;
      }
    }
    return result;
  }

  /** Runs passes until stop(): woken by every committed change (LISTEN) and every tickMs. */
  start(): void {
    if (this.loop) return;
    this.loop = (async () => {
      try {
        this.unlisten = await this.store.listen(() => this.poke());
      } catch (err) {
        this.o.log(`alerts: not woken by the change stream (${(err as Error).message}); looking every ${this.o.tickMs} ms`);
      }
      while (!this.stopping) {
        this.poked = false;
        try {
          const r = await this.runOnce();
          if (r.sent || r.failed || r.deliveries || r.digests || r.trends)
            this.o.log(
              `alerts: ${r.deliveries + r.digests + r.trends} new deliveries${r.trends ? ` (${r.trends} trend flags)` : ""}, ${r.sent} sent, ${r.failed} failed (${r.dead} dead)`,
            );
        } catch (err) {
          if (!this.stopping) this.o.log(`alerts: a pass failed (${(err as Error).message}); trying again`);
        }
        if (this.stopping || this.poked) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.o.tickMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    })();
  }

  /** Looks for work now (a change was committed). */
  poke(): void {
    this.poked = true;
    this.wake?.();
  }

  /** Stops after the pass that runs (its deliveries are recorded); unsent ones wait in the store. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    await this.unlisten?.().catch(() => {});
    this.mailer?.close();
  }

  private names(e: typeof events.$inferSelect) {
    return e.settlement && this.o.places?.localNames ? this.o.places.localNames(e.settlement, e.region) : null;
  }

  /** One batch of the outbox → deliveries and digest items, in one transaction. */
  private async expand(): Promise<{ taken: number; written: number }> {
    return this.store.db.transaction(async (tx) => {
      const taken = rowsOf(
        await tx.execute(sql`WITH taken AS (
            DELETE FROM alert_outbox WHERE change_id IN (
              SELECT change_id FROM alert_outbox ORDER BY change_id LIMIT ${this.o.batchSize} FOR UPDATE SKIP LOCKED)
            RETURNING change_id)
          SELECT c.id AS change_id, c.event_id, c.change, c.fields, c.changed_at
          FROM taken JOIN event_changes c ON c.id = taken.change_id ORDER BY c.id`),
      );
      if (!taken.length) return { taken: 0, written: 0 };
      // Per event, the first alerting change of the batch stands for all (a creation stays one), with every figure that changed.
      const perEvent = new Map<number, { changeId: number; type: string; changed: Set<string>; at: Date }>();
      for (const r of taken) {
        const alert = alertTypeOf(String(r.change), (r.fields ?? {}) as Record<string, unknown>);
        if (!alert) continue;
        const eventId = Number(r.event_id);
        const seen = perEvent.get(eventId);
        if (seen) for (const f of alert.changed) seen.changed.add(f);
        else
          perEvent.set(eventId, {
            changeId: Number(r.change_id),
            type: alert.type,
            changed: new Set(alert.changed),
            at: toDate(r.changed_at),
          });
      }
      if (!perEvent.size) return { taken: taken.length, written: 0 };
      const subs = await (tx as unknown as Db)
        .select()
        .from(subscriptions)
        .where(and(eq(subscriptions.active, true), ne(subscriptions.channel, "feed")));
      if (!subs.length) return { taken: taken.length, written: 0 };
      const rows = await (tx as unknown as Db)
        .select()
        .from(events)
        .where(inArray(events.id, [...perEvent.keys()]));
      const deliveries: Array<typeof alertDeliveries.$inferInsert> = [];
      const digest: Array<typeof alertDigestItems.$inferInsert> = [];
      const now = new Date();
      for (const e of rows) {
        const alert = perEvent.get(e.id);
        if (!alert || e.state !== "live") continue;
        let payload: { event: EventPayload; changed?: string[] } | null = null;
        for (const s of subs) {
          // A subscription hears of what changed after it was made.
          if (new Date(s.createdAt) > alert.at || !matches(filterOf(s), e)) continue;
          payload ??= {
            event: eventPayload(e, this.publicUrl, this.names(e)),
            ...(alert.type === "event.updated" ? { changed: [...alert.changed] } : {}),
          };
          if (s.mode === "each")
            deliveries.push({ subscriptionId: s.id, type: alert.type, eventId: e.id, changeId: alert.changeId, payload });
          else
            digest.push({
              subscriptionId: s.id,
              eventId: e.id,
              changeId: alert.changeId,
              type: alert.type,
              event: payload,
              dueAt: nextDigestAt(now, s.mode, s.timeZone, s.digestHour),
            });
        }
      }
      if (deliveries.length) await (tx as unknown as Db).insert(alertDeliveries).values(deliveries).onConflictDoNothing();
      if (digest.length)
        await (tx as unknown as Db)
          .insert(alertDigestItems)
          .values(digest)
          .onConflictDoUpdate({
            target: [alertDigestItems.subscriptionId, alertDigestItems.eventId],
            // The event's latest state; a creation stays a creation.
            set: {
              changeId: sql`excluded.change_id`,
              event: sql`excluded.event`,
              type: sql`CASE WHEN alert_digest_items.type = 'event.created' THEN alert_digest_items.type ELSE excluded.type END`,
            },
          });
      return { taken: taken.length, written: deliveries.length };
    });
  }

  /** Digest items whose time has come → one delivery per subscription and period. */
  private async digests(): Promise<number> {
    return this.store.db.transaction(async (tx) => {
      const due = rowsOf(
        await tx.execute(sql`DELETE FROM alert_digest_items WHERE (subscription_id, event_id) IN (
            SELECT subscription_id, event_id FROM alert_digest_items WHERE due_at <= now() ORDER BY due_at LIMIT 5000 FOR UPDATE SKIP LOCKED)
          RETURNING subscription_id, event_id, type, event, due_at`),
      );
      if (!due.length) return 0;
      const groups = new Map<string, { subscriptionId: number; dueAt: string; items: AlertItem[] }>();
      for (const r of due) {
        const dueAt = toDate(r.due_at).toISOString();
        const key = `${r.subscription_id}|${dueAt}`;
        const group = groups.get(key) ?? { subscriptionId: Number(r.subscription_id), dueAt, items: [] };
        const item = r.event as { event: EventPayload; changed?: string[] };
        group.items.push({ type: String(r.type), event: item.event, ...(item.changed ? { changed: item.changed } : {}) });
        groups.set(key, group);
      }
      const values = [...groups.values()].map((g) => ({
        subscriptionId: g.subscriptionId,
        type: "events.digest",
        payload: {
          period_end: g.dueAt,
          events: g.items.sort((a, b) => (a.event.date ?? "").localeCompare(b.event.date ?? "") || a.event.id - b.event.id),
        },
      }));
      await (tx as unknown as Db).insert(alertDeliveries).values(values);
      return values.length;
    });
  }

  /**
   * Today's trend flags → one trend.flagged delivery per new flag and subscription with trends.
   * "Today" is the subscriber's date (its time zone); a subscription hears of the flags of its
   * filter's regions — those listed, else the regions its radius reaches, else all. Kinds, weapons
   * and "only with casualties" do not narrow flags: a flag is about a region, not an event.
   */
  private async trends(now: Date): Promise<number> {
    const subs = (
      await this.store.db
        .select()
        .from(subscriptions)
        .where(and(eq(subscriptions.active, true), eq(subscriptions.trends, true), ne(subscriptions.channel, "feed")))
    ).map((s) => ({ s, regions: this.trendRegions(s), asOf: localDate(now, s.timeZone) }));
    const wanted = subs.filter((x) => x.regions === null || x.regions.length);
    if (!wanted.length) return 0;
    let written = 0;
    for (const asOf of new Set(wanted.map((x) => x.asOf))) {
      const ofDay = wanted.filter((x) => x.asOf === asOf);
      const all = ofDay.some((x) => x.regions === null);
      const report = await flagsAsOf(this.store.db, asOf, all ? {} : { region: [...new Set(ofDay.flatMap((x) => x.regions ?? []))] });
      if (!report.trends.length) continue;
      written += await this.store.db.transaction(async (tx) => {
        let n = 0;
        for (const { s, regions } of ofDay) {
          const flags = report.trends.filter((t) => regions === null || regions.includes(t.region));
          if (!flags.length) continue;
          const keys = JSON.stringify(flags.map((t) => ({ region: t.region, flag: t.flag, since: t.since })));
          // A flag that held for this subscription yesterday or earlier today goes on (its `since`
          // moves with the 7-day window while a rise lasts): not news, so not sent again.
          const continuing = new Set(
            rowsOf(
              await tx.execute(sql`UPDATE alert_trend_flags AS f SET as_of = greatest(f.as_of, ${asOf}::date)
                FROM jsonb_to_recordset(${keys}::jsonb) AS v(region text, flag text, since text)
                WHERE f.subscription_id = ${s.id} AND f.region = v.region AND f.flag = v.flag
                  AND f.as_of >= ${asOf}::date - 1
                RETURNING f.region, f.flag`),
            ).map((r) => `${r.region}|${r.flag}`),
          );
          const fresh = flags.filter((t) => !continuing.has(`${t.region}|${t.flag}`));
          if (!fresh.length) continue;
          // Taken here, in the transaction that writes their deliveries: a flag another process (or an earlier run) took is skipped.
          const taken = rowsOf(
            await tx.execute(sql`INSERT INTO alert_trend_flags (subscription_id, region, flag, since, as_of)
              SELECT ${s.id}, v.region, v.flag, v.since::date, ${asOf}::date
              FROM jsonb_to_recordset(${JSON.stringify(fresh.map((t) => ({ region: t.region, flag: t.flag, since: t.since })))}::jsonb)
                AS v(region text, flag text, since text)
              ON CONFLICT (subscription_id, region, flag, since) DO NOTHING
              RETURNING region, flag, since::text AS since`),
          );
          if (!taken.length) continue;
          const isNew = new Set(taken.map((r) => `${r.region}|${r.flag}|${r.since}`));
          const values = fresh
            .filter((t) => isNew.has(`${t.region}|${t.flag}|${t.since}`))
            .map((t) => ({ subscriptionId: s.id, type: "trend.flagged", payload: { trend: trendAlert(t) } }));
          await (tx as unknown as Db).insert(alertDeliveries).values(values);
          n += values.length;
        }
        return n;
      });
    }
    return written;
  }

  /** The regions whose flags a subscription hears of; null for all of them. */
  private trendRegions(s: SubscriptionRow): string[] | null {
    const f = filterOf(s);
    if (!f.near) return f.regions.length ? f.regions : null;
    const reached = this.o.places?.regionsWithin?.(f.near.lat, f.near.lon, f.near.radiusKm);
    if (!reached) {
      this.o.log(
        `alerts: subscription ${s.id} has a radius but this process cannot tell which regions it reaches; it gets no trend flags here`,
      );
      return [];
    }
    return f.regions.length ? reached.filter((r) => f.regions.includes(r)) : reached;
  }

  /** Leases up to `limit` due deliveries of the channels this process can send. */
  private async claim(limit: number): Promise<Claimed[]> {
    const channels = this.mailer ? ["webhook", "email"] : ["webhook"];
    const rows = await this.store.execute(
      `UPDATE alert_deliveries AS d SET lease_owner = $1, lease_until = now() + make_interval(secs => $2::float8)
       FROM subscriptions AS s
       WHERE s.id = d.subscription_id AND d.id IN (
         SELECT d2.id FROM alert_deliveries d2 JOIN subscriptions s2 ON s2.id = d2.subscription_id
         WHERE d2.status = 'pending' AND d2.next_attempt_at <= now() AND (d2.lease_until IS NULL OR d2.lease_until < now())
           AND s2.active AND s2.channel = ANY($3::text[])
         ORDER BY d2.next_attempt_at, d2.id LIMIT $4 FOR UPDATE OF d2 SKIP LOCKED)
       RETURNING d.id, d.delivery_id, d.type, d.event_id, d.payload, s.id AS subscription_id, s.secret, s.channel, s.target, s.language, s.label`,
      [this.owner, this.o.leaseSeconds, channels, limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      deliveryId: String(r.delivery_id),
      type: String(r.type),
      eventId: r.event_id === null ? null : Number(r.event_id),
      payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
      subscription: {
        id: Number(r.subscription_id),
        secret: String(r.secret),
        channel: r.channel as SubscriptionRow["channel"],
        target: r.target as string | null,
        language: r.language as Language,
        label: r.label as string | null,
      },
    }));
  }

  private async send(d: Claimed): Promise<Outcome> {
    try {
      return d.subscription.channel === "email" ? await this.sendEmail(d) : await this.sendWebhook(d);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      return { ok: false, status: null, error: `${e.code ? `${e.code}: ` : ""}${e.message}`.slice(0, 500) };
    }
  }

  private async sendWebhook(d: Claimed): Promise<Outcome> {
    const body = webhookBody(d.type, d.deliveryId, d.subscription.id, d.payload);
    const res = await guardedFetch(d.subscription.target as string, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": "Skywatch-Webhooks/1",
        [SIGNATURE_HEADER]: signatureHeader(d.subscription.secret, body),
        "Skywatch-Delivery": d.deliveryId,
        "Skywatch-Event": d.type,
      },
      allowPrivate: this.o.allowPrivate,
      timeoutMs: this.o.timeoutMs,
      maxBytes: 64 * 1024,
    });
    if (res.ok) return { ok: true, status: res.status };
    const location = res.headers.get("location");
    const retryAfter = Number(res.headers.get("retry-after"));
    return {
      ok: false,
      status: res.status,
      error:
        res.status >= 300 && res.status < 400
          ? `answered ${res.status}, a redirect${location ? ` to ${location.slice(0, 200)}` : ""}; webhooks do not follow redirects: subscribe the final URL`
          : `answered ${res.status}${res.text() ? `: ${res.text().slice(0, 200)}` : ""}`,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
    };
  }

  private async sendEmail(d: Claimed): Promise<Outcome> {
    if (!this.mailer) return { ok: false, status: null, error: "this process sends no email (SKYWATCH_SMTP_URL is not set)" };
    if (d.type === "trend.flagged") {
      const trend = d.payload.trend as TrendAlert;
      const unsubscribeUrl = subscriptionLinks(d.subscription as SubscriptionRow, this.publicUrl).unsubscribe;
      const eventsUrl = `${this.publicUrl}/?region=${encodeURIComponent(trend.region)}&from=${trend.since}`;
      const email = trendEmail(trend, d.subscription.language, eventsUrl, unsubscribeUrl, d.subscription.label);
      await this.mailer.send({ ...email, to: d.subscription.target as string, deliveryId: d.deliveryId, unsubscribeUrl });
      return { ok: true, status: null };
    }
    const items: AlertItem[] =
      d.type === "events.digest"
        ? (d.payload.events as AlertItem[])
        : [{ type: d.type, event: d.payload.event as EventPayload, changed: d.payload.changed as string[] | undefined }];
    const unsubscribeUrl = subscriptionLinks(d.subscription as SubscriptionRow, this.publicUrl).unsubscribe;
    const email = alertEmail(items, d.subscription.language, unsubscribeUrl, d.subscription.label);
    await this.mailer.send({ ...email, to: d.subscription.target as string, deliveryId: d.deliveryId, unsubscribeUrl });
    return { ok: true, status: null };
  }

  /** Records an attempt; true when the delivery is now dead. */
  private async record(d: Claimed, outcome: Outcome): Promise<boolean> {
    if (outcome.ok) {
      await this.store.execute(
        `UPDATE alert_deliveries SET status = 'delivered', delivered_at = now(), attempts = attempts + 1, last_attempt_at = now(),
           last_status = $2, last_error = NULL, lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND status = 'pending'`,
        [d.id, outcome.status],
      );
      this.o.onDelivered?.({ deliveryId: d.deliveryId, type: d.type, eventId: d.eventId, channel: d.subscription.channel });
      return false;
    }
    const [{ attempts }] = await this.store.execute("SELECT attempts FROM alert_deliveries WHERE id = $1", [d.id]);
    const delay = Math.min(
      this.o.maxDelayMs,
      Math.max(retryDelayMs(Number(attempts) + 1, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random), outcome.retryAfterMs ?? 0),
    );
    const [row] = await this.store.execute(
      `UPDATE alert_deliveries SET attempts = attempts + 1, last_attempt_at = now(), last_status = $2, last_error = $3,
         lease_owner = NULL, lease_until = NULL, next_attempt_at = now() + make_interval(secs => $4::float8),
         status = CASE WHEN now() + make_interval(secs => $4::float8) > retry_from + make_interval(secs => $5::float8) THEN 'dead' ELSE 'pending' END
       WHERE id = $1 AND status = 'pending' RETURNING status`,
      [d.id, outcome.status, outcome.error, delay / 1000, this.o.retryWindowMs / 1000],
    );
    const dead = row?.status === "dead";
    this.o.log(
      `alerts: delivery ${d.deliveryId} to subscription ${d.subscription.id} failed (${outcome.error})${dead ? "; it is dead, after retries for the whole window" : `; retrying in ${Math.round(delay / 1000)} s`}`,
    );
    return dead;
  }
}

/** The trend check's interval from SKYWATCH_TREND_CHECK_MINUTES (default 15 minutes). */
function trendCheckMsFromEnv(): number {
  const raw = process.env.SKYWATCH_TREND_CHECK_MINUTES;
  if (raw === undefined || raw === "") return 15 * 60_000;
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new Error(`SKYWATCH_TREND_CHECK_MINUTES must be a number of minutes (0 or more), not '${raw}'`);
  return minutes * 60_000;
}

/** The calendar date at `now` in a time zone (UTC when the zone is unknown). */
export function localDate(now: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** A flag as trend.flagged carries it: the API's fields without the sparkline. */
function trendAlert(t: Trend): TrendAlert {
  return {
    region: t.region,
    flag: t.flag,
    last_7d: t.last_7d,
    baseline_7d: t.baseline_7d,
    p_value: t.p_value,
    since: t.since,
    detail: t.detail,
  };
}

/** Starts the dispatcher of `serve` or a `worker`; SKYWATCH_ALERTS=0 leaves it off (then deliveries wait in the store). */
export function startAlerts(store: Store, options: DispatcherOptions & { who: string }): AlertDispatcher | null {
  if (process.env.SKYWATCH_ALERTS === "0") return null;
  const dispatcher = new AlertDispatcher(store, { log: (line) => console.error(`${options.who}: ${line}`), ...options });
  dispatcher.start();
  return dispatcher;
}
