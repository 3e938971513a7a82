// Subscriptions (table subscriptions, migration 7): a filter plus a channel — a webhook URL, an
// email address, or an Atom feed. Creating one gives a token (its owner's, kept as a SHA-256, to
// read, change and delete it) and a secret (which signs its webhooks). Links that travel in
// emails and feed readers (unsubscribe, the feed itself) carry keys derived from the secret, never
// the token.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { PlaceResolver } from "../extract/place-resolver.js";
import { hasLineControlCharacters } from "../ingest/report-fields.js";
import { isPublicAddress } from "../net/addresses.js";
import type { Db } from "../store/database.js";
import { alertDeliveries, subscriptions } from "../store/schema.js";
import { isTimeZone } from "./digest-time.js";
import { type AlertFilter, buildFilter, FilterError, FilterFields, type Kind, type Weapon } from "./filter.js";
import { hmacHex } from "./signature.js";

export const CHANNELS = ["webhook", "email", "feed"] as const;
export const MODES = ["each", "hourly", "daily"] as const;
export const LANGUAGES = ["en", "ru", "uk"] as const;
export type Channel = (typeof CHANNELS)[number];
export type Mode = (typeof MODES)[number];
export type Language = (typeof LANGUAGES)[number];
export type SubscriptionRow = typeof subscriptions.$inferSelect;

/** What the server knows when it checks a subscription: how to resolve places, whether it may reach private hosts, and whether it sends email. */
export interface SubscriptionContext {
  places?: PlaceResolver | null;
  allowPrivate?: boolean;
  emailEnabled?: boolean;
}

const label = z
  .string()
  .max(200)
  .refine((v) => !hasLineControlCharacters(v), "label must not contain control characters");

export const SubscriptionInput = z
  .object({
    channel: z.enum(CHANNELS, { message: "channel is webhook, email or feed" }),
    /** The webhook's URL (channel webhook). */
    url: z.string().max(2000).optional(),
    /** The address alerts go to (channel email). */
    email: z.string().max(320).optional(),
    filter: FilterFields.default({}),
    mode: z.enum(MODES, { message: "mode is each (an alert per event), hourly or daily (a digest)" }).default("each"),
    digestHour: z.coerce.number().int().min(0).max(23).default(8),
    timeZone: z.string().max(64).default("UTC"),
    language: z.enum(LANGUAGES, { message: "language is en, ru or uk" }).default("en"),
    label: label.nullish(),
    /** Also a trend.flagged alert for each new trend flag of the filter's regions (src/trends). */
    trends: z.boolean({ message: "trends is true or false" }).default(false),
  })
  .strict();
export type SubscriptionInput = z.input<typeof SubscriptionInput>;

export const SubscriptionChanges = z
  .object({
    url: z.string().max(2000).optional(),
    email: z.string().max(320).optional(),
    /** Replaces the whole filter. */
    filter: FilterFields.optional(),
    mode: z.enum(MODES).optional(),
    digestHour: z.coerce.number().int().min(0).max(23).optional(),
    timeZone: z.string().max(64).optional(),
    language: z.enum(LANGUAGES).optional(),
    label: label.nullish(),
    trends: z.boolean({ message: "trends is true or false" }).optional(),
    /** false pauses it (as the unsubscribe link does); true resumes it. */
    active: z.boolean().optional(),
    /** A new secret for webhook signatures (and new feed and unsubscribe links); the old one stops working. */
    rotateSecret: z.literal(true).optional(),
  })
  .strict();
export type SubscriptionChanges = z.input<typeof SubscriptionChanges>;

export class SubscriptionError extends Error {
  readonly statusCode = 400;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const newToken = () => `sws_${randomBytes(32).toString("base64url")}`;
const newSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

/** The key of a subscription's links for `purpose` ("feed", "unsubscribe"): derived from its secret, so rotating the secret revokes them. */
export const linkKey = (s: Pick<SubscriptionRow, "id" | "secret">, purpose: "feed" | "unsubscribe") =>
  hmacHex(s.secret, `${purpose}:${s.id}`).slice(0, 32);

export function hasLinkKey(s: Pick<SubscriptionRow, "id" | "secret">, purpose: "feed" | "unsubscribe", key: unknown): boolean {
  if (typeof key !== "string" || key.length !== 32) return false;
  return timingSafeEqual(Buffer.from(key), Buffer.from(linkKey(s, purpose)));
}

/** Whether a presented bearer token is this subscription's (constant time). */
export function ownsSubscription(s: Pick<SubscriptionRow, "tokenHash">, token: string | null): boolean {
  if (!token) return false;
  return timingSafeEqual(Buffer.from(sha256(token)), Buffer.from(s.tokenHash));
}

const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/** Checks a webhook URL: http(s), no credentials, and — unless private hosts are allowed — no private address (as written, or as its name resolves now). */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SubscriptionError(`url must be an http(s) URL, not '${raw.slice(0, 100)}'`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new SubscriptionError(`url must be http or https, not ${url.protocol}`);
  if (url.username || url.password)
    throw new SubscriptionError("url must not carry a user name or password: the signature proves who sends");
  if (!allowPrivate) {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const hint = "the server refuses loopback, private and link-local addresses unless it runs with --allow-private-urls";
    if (isIP(host) && !isPublicAddress(host)) throw new SubscriptionError(`url: ${host} is not a public address; ${hint}`);
    if (!isIP(host)) {
      // The dispatcher checks again at every delivery; this only catches the mistake early. A
      // name that does not resolve now may later, so it is accepted.
      const addresses = await lookup(host, { all: true }).catch(() => []);
      const bad = addresses.find((a) => !isPublicAddress(a.address));
      if (bad) throw new SubscriptionError(`url: ${host} resolves to ${bad.address}, not a public address; ${hint}`);
    }
  }
  return url.href;
}

function checkEmail(raw: string): string {
  const email = raw.trim();
  if (!EMAIL.test(email) || email.length > 254)
    throw new SubscriptionError(`email must be an address like name@example.org, not '${raw.slice(0, 100)}'`);
  return email;
}

async function targetOf(channel: Channel, input: { url?: string; email?: string }, ctx: SubscriptionContext): Promise<string | null> {
  if (channel === "webhook") {
    if (input.email !== undefined) throw new SubscriptionError("a webhook subscription takes url, not email");
    if (!input.url) throw new SubscriptionError("a webhook subscription needs url, where alerts are POSTed");
    return checkWebhookUrl(input.url, ctx.allowPrivate ?? false);
  }
  if (channel === "email") {
    if (input.url !== undefined) throw new SubscriptionError("an email subscription takes email, not url");
    if (!input.email) throw new SubscriptionError("an email subscription needs email, the address alerts go to");
    if (!ctx.emailEnabled)
      throw new SubscriptionError("this server sends no email (it runs without SKYWATCH_SMTP_URL); subscribe with a webhook or a feed");
    return checkEmail(input.email);
  }
  if (input.url !== undefined || input.email !== undefined) throw new SubscriptionError("a feed subscription takes neither url nor email");
  return null;
}

function filterColumns(f: AlertFilter) {
  return {
    regions: f.regions,
    kinds: f.kinds,
    weapons: f.weapons,
    casualties: f.casualties,
    place: f.near?.place ?? null,
    lat: f.near?.lat ?? null,
    lon: f.near?.lon ?? null,
    radiusKm: f.near?.radiusKm ?? null,
  };
}

/** A subscription's filter, from its row. */
export function filterOf(s: SubscriptionRow): AlertFilter {
  return {
    regions: s.regions,
    kinds: s.kinds as Kind[],
    weapons: s.weapons as Weapon[],
    casualties: s.casualties,
    near: s.lat !== null && s.lon !== null && s.radiusKm !== null ? { lat: s.lat, lon: s.lon, radiusKm: s.radiusKm, place: s.place } : null,
  };
}

function checkTimeZone(tz: string): string {
  if (!isTimeZone(tz)) throw new SubscriptionError(`timeZone must be an IANA time zone such as Europe/Kyiv or UTC, not '${tz}'`);
  return tz;
}

const parse = <T extends z.ZodType>(schema: T, body: unknown): z.infer<T> => {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw new SubscriptionError(r.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  return r.data;
};

const buildChecked = (fields: FilterFields, ctx: SubscriptionContext) => {
  try {
    return buildFilter(fields, ctx.places);
  } catch (err) {
    if (err instanceof FilterError) throw new SubscriptionError(`filter: ${err.message}`);
    throw err;
  }
};

export interface CreatedSubscription {
  subscription: SubscriptionRow;
  /** Shown once: lets its owner read, change and delete the subscription. */
  token: string;
  /** Signs the webhooks (shown again only when rotated). */
  secret: string;
}

export async function createSubscription(db: Db, body: unknown, ctx: SubscriptionContext = {}): Promise<CreatedSubscription> {
  const input = parse(SubscriptionInput, body);
  const target = await targetOf(input.channel, input, ctx);
  const filter = buildChecked(input.filter, ctx);
  const token = newToken();
  const secret = newSecret();
  const [row] = await db
    .insert(subscriptions)
    .values({
      tokenHash: sha256(token),
      secret,
      channel: input.channel,
      target,
      ...filterColumns(filter),
      mode: input.mode,
      digestHour: input.digestHour,
      timeZone: checkTimeZone(input.timeZone),
      language: input.language,
      label: input.label ?? null,
      trends: input.trends,
    })
    .returning();
  return { subscription: row, token, secret };
}

export async function getSubscription(db: Db, id: number): Promise<SubscriptionRow | null> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  return row ?? null;
}

export async function listSubscriptions(db: Db): Promise<SubscriptionRow[]> {
  return db.select().from(subscriptions).orderBy(asc(subscriptions.id));
}

/** Applies changes; returns the row and, when the secret was rotated, the new secret. */
export async function updateSubscription(
  db: Db,
  current: SubscriptionRow,
  body: unknown,
  ctx: SubscriptionContext = {},
): Promise<{ subscription: SubscriptionRow; secret?: string }> {
  const changes = parse(SubscriptionChanges, body);
  const set: Partial<typeof subscriptions.$inferInsert> = { updatedAt: new Date() };
  const channel = current.channel as Channel;
  if (changes.url !== undefined || changes.email !== undefined) set.target = await targetOf(channel, changes, ctx);
  if (changes.filter) Object.assign(set, filterColumns(buildChecked(changes.filter, ctx)));
  if (changes.mode) set.mode = changes.mode;
  if (changes.digestHour !== undefined) set.digestHour = changes.digestHour;
  if (changes.timeZone) set.timeZone = checkTimeZone(changes.timeZone);
  if (changes.language) set.language = changes.language;
  if (changes.label !== undefined) set.label = changes.label ?? null;
  if (changes.trends !== undefined) set.trends = changes.trends;
  if (changes.active !== undefined) set.active = changes.active;
  const secret = changes.rotateSecret ? newSecret() : undefined;
  if (secret) set.secret = secret;
  const [row] = await db.update(subscriptions).set(set).where(eq(subscriptions.id, current.id)).returning();
  return { subscription: row, ...(secret ? { secret } : {}) };
}

export async function deleteSubscription(db: Db, id: number): Promise<boolean> {
  return (await db.delete(subscriptions).where(eq(subscriptions.id, id)).returning({ id: subscriptions.id })).length > 0;
}

export async function setActive(db: Db, id: number, active: boolean): Promise<void> {
  await db.update(subscriptions).set({ active, updatedAt: new Date() }).where(eq(subscriptions.id, id));
}

/** Links of a subscription, absolute under the server's public URL. */
export function subscriptionLinks(s: SubscriptionRow, publicUrl: string) {
  const base = publicUrl.replace(/\/+$/, "");
  return {
    self: `${base}/api/subscriptions/${s.id}`,
    deliveries: `${base}/api/subscriptions/${s.id}/deliveries`,
    feed: `${base}/api/feeds/subscriptions/${s.id}.atom?key=${linkKey(s, "feed")}`,
    unsubscribe: `${base}/api/subscriptions/${s.id}/unsubscribe?key=${linkKey(s, "unsubscribe")}`,
  };
}

/** A subscription as the API shows it: never its token or secret. */
export function publicSubscription(s: SubscriptionRow, publicUrl: string) {
  const f = filterOf(s);
  const links = subscriptionLinks(s, publicUrl);
  return {
    id: s.id,
    channel: s.channel,
    ...(s.channel === "webhook" ? { url: s.target } : s.channel === "email" ? { email: s.target } : {}),
    filter: {
      regions: f.regions,
      kinds: f.kinds,
      weapons: f.weapons,
      casualties: f.casualties,
      ...(f.near ? { place: f.near.place, lat: f.near.lat, lon: f.near.lon, radiusKm: f.near.radiusKm } : {}),
    },
    mode: s.mode,
    digestHour: s.digestHour,
    timeZone: s.timeZone,
    language: s.language,
    label: s.label,
    trends: s.trends,
    active: s.active,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    links: { self: links.self, deliveries: links.deliveries, feed: links.feed },
  };
}

export const DeliveryQuery = z
  .object({
    status: z.enum(["pending", "delivered", "dead"]).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** Deliveries older than this one (the `next` of the previous page). */
    before: z.coerce.number().int().positive().optional(),
  })
  .strict();

/** A subscription's deliveries, newest first, as GET /api/subscriptions/:id/deliveries lists them. */
export async function listDeliveries(db: Db, subscriptionId: number, query: unknown) {
  const q = parse(DeliveryQuery, query);
  const where = [eq(alertDeliveries.subscriptionId, subscriptionId)];
  if (q.status) where.push(eq(alertDeliveries.status, q.status));
  if (q.before) where.push(lt(alertDeliveries.id, q.before));
  const rows = await db
    .select()
    .from(alertDeliveries)
    .where(and(...where))
    .orderBy(desc(alertDeliveries.id))
    .limit(q.limit + 1);
  const [counts] = await db
    .select({
      pending: sql<number>`count(*) FILTER (WHERE status = 'pending')::int`,
      delivered: sql<number>`count(*) FILTER (WHERE status = 'delivered')::int`,
      dead: sql<number>`count(*) FILTER (WHERE status = 'dead')::int`,
    })
    .from(alertDeliveries)
    .where(eq(alertDeliveries.subscriptionId, subscriptionId));
  const page = rows.slice(0, q.limit);
  return {
    counts,
    deliveries: page.map((d) => ({
      id: d.deliveryId,
      type: d.type,
      eventId: d.eventId,
      status: d.status,
      attempts: d.attempts,
      createdAt: d.createdAt,
      lastAttemptAt: d.lastAttemptAt,
      nextAttemptAt: d.status === "pending" ? d.nextAttemptAt : null,
      deliveredAt: d.deliveredAt,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
    })),
    next: rows.length > q.limit ? page[page.length - 1].id : null,
  };
}

/** Sends a dead delivery again (from now, with a fresh 24 h of retries); false when there is no dead delivery of that id. */
export async function retryDelivery(db: Db, subscriptionId: number, deliveryId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(deliveryId)) return false;
  const rows = await db
    .update(alertDeliveries)
    .set({ status: "pending", nextAttemptAt: new Date(), retryFrom: new Date(), leaseOwner: null, leaseUntil: null })
    .where(
      and(
        eq(alertDeliveries.subscriptionId, subscriptionId),
        eq(alertDeliveries.deliveryId, deliveryId),
        eq(alertDeliveries.status, "dead"),
      ),
    )
    .returning({ id: alertDeliveries.id });
  return rows.length > 0;
}
