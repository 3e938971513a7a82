// Subscriptions over HTTP (src/alerts). Anyone may subscribe; the token given back lets its owner
// read, change and delete the subscription (an admin key may too), and listing them all needs an
// admin key.
//   POST   /api/subscriptions                     {channel, url|email, filter, mode…} → 201 {id, token, secret, subscription}
//   GET    /api/subscriptions                     admin: every subscription
//   GET    /api/subscriptions/:id                 owner (Bearer token) or admin
//   PATCH  /api/subscriptions/:id                 filter, url|email, mode, digestHour, timeZone, language, label, trends, active, rotateSecret
//   DELETE /api/subscriptions/:id                 with its deliveries
//   GET    /api/subscriptions/:id/deliveries      ?status=pending|delivered|dead&limit&before
//   POST   /api/subscriptions/:id/deliveries/:deliveryId/retry   a dead delivery, sent again
//   GET|POST /api/subscriptions/:id/unsubscribe?key=…            the link of every alert email (one click)
//   POST   /api/subscriptions/:id/resubscribe?key=…
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { resubscribedPage, unsubscribedPage } from "../alerts/messages.js";
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  hasLinkKey,
  listDeliveries,
  listSubscriptions,
  ownsSubscription,
  publicSubscription,
  retryDelivery,
  type SubscriptionContext,
  type SubscriptionRow,
  setActive,
  updateSubscription,
} from "../alerts/subscriptions.js";
import type { PlaceResolver } from "../extract/place-resolver.js";
import type { Store } from "../store/database.js";
import { AuthError, authenticate, bearer } from "./auth.js";

/** What the server tells subscribers and checks their subscriptions with. */
export interface AlertSettings {
  /** Where the server is reached from outside (links in responses, emails and feeds); default: the request's own host. */
  publicUrl?: string | null;
  /** Webhooks may point at loopback, private and link-local hosts (--allow-private-urls). */
  allowPrivate?: boolean;
  /** The server sends email (SKYWATCH_SMTP_URL is set); email subscriptions are refused otherwise. */
  emailEnabled?: boolean;
}

const IdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const RetryParam = IdParam.extend({ deliveryId: z.string().max(64) });

/** The public URL of the server as a request reached it (when none is configured). */
export function requestBase(req: FastifyRequest, configured: string | null | undefined): string {
  if (configured) return configured.replace(/\/+$/, "");
  return `${req.protocol}://${req.host}`;
}

export function subscriptionRoutes(
  app: FastifyInstance,
  options: { store: Store; places?: PlaceResolver | null; localToken?: string | null; alerts?: AlertSettings | null },
) {
  const { store } = options;
  const settings = options.alerts ?? {};
  const ctx: SubscriptionContext = {
    places: options.places,
    allowPrivate: settings.allowPrivate ?? false,
    emailEnabled: settings.emailEnabled ?? false,
  };
  const base = (req: FastifyRequest) => requestBase(req, settings.publicUrl);

  const admin = async (req: FastifyRequest) => {
    const writer = await authenticate(store.db, req.headers.authorization, options.localToken ?? null);
    if (writer.role !== "admin") throw new AuthError(403, "listing subscriptions needs an admin key (skywatch keys create --role admin)");
  };

  /** The subscription of :id, when the request carries its token or an admin key; otherwise answers and returns null. */
  const owned = async (req: FastifyRequest, reply: FastifyReply): Promise<SubscriptionRow | null> => {
    const { id } = IdParam.parse(req.params);
    const token = bearer(req.headers.authorization);
    if (!token)
      throw new AuthError(401, "send the subscription's token, as POST /api/subscriptions gave it: 'Authorization: Bearer <token>'");
    const s = await getSubscription(store.db, id);
    if (!s) {
      reply.status(404).send({ error: `no subscription ${id}` });
      return null;
    }
    if (ownsSubscription(s, token)) return s;
    const writer = await authenticate(store.db, req.headers.authorization, options.localToken ?? null).catch(() => null);
    if (writer?.role === "admin") return s;
    throw new AuthError(403, `this token is not subscription ${id}'s (nor an admin key)`);
  };

  app.post("/api/subscriptions", async (req, reply) => {
    const { subscription, token, secret } = await createSubscription(store.db, req.body, ctx);
    const shown = publicSubscription(subscription, base(req));
    return reply
      .status(201)
      .header("location", `/api/subscriptions/${subscription.id}`)
      .send({ id: subscription.id, token, secret, subscription: shown });
  });

  app.get("/api/subscriptions", { onRequest: [admin] }, async (req) => ({
    subscriptions: (await listSubscriptions(store.db)).map((s) => publicSubscription(s, base(req))),
  }));

  app.get("/api/subscriptions/:id", async (req, reply) => {
    const s = await owned(req, reply);
    return s ? publicSubscription(s, base(req)) : reply;
  });

  app.patch("/api/subscriptions/:id", async (req, reply) => {
    const s = await owned(req, reply);
    if (!s) return reply;
    const { subscription, secret } = await updateSubscription(store.db, s, req.body, ctx);
    return { subscription: publicSubscription(subscription, base(req)), ...(secret ? { secret } : {}) };
  });

  app.delete("/api/subscriptions/:id", async (req, reply) => {
    const s = await owned(req, reply);
    if (!s) return reply;
    await deleteSubscription(store.db, s.id);
    return { deleted: s.id };
  });

  app.get("/api/subscriptions/:id/deliveries", async (req, reply) => {
    const s = await owned(req, reply);
    return s ? listDeliveries(store.db, s.id, req.query) : reply;
  });

  app.post("/api/subscriptions/:id/deliveries/:deliveryId/retry", async (req, reply) => {
    const s = await owned(req, reply);
    if (!s) return reply;
    const { deliveryId } = RetryParam.parse(req.params);
    return (await retryDelivery(store.db, s.id, deliveryId))
      ? reply.status(202).send({ retrying: deliveryId })
      : reply.status(404).send({ error: `no dead delivery ${deliveryId} of subscription ${s.id}` });
  });

  // The links of alert emails: keyed by a value derived from the secret (the token never travels in mail).
  const linked = async (req: FastifyRequest, reply: FastifyReply) => {
    const { id } = IdParam.parse(req.params);
    const s = await getSubscription(store.db, id);
    if (!s || !hasLinkKey(s, "unsubscribe", (req.query as { key?: unknown }).key)) {
      reply
        .status(404)
        .type("text/plain; charset=utf-8")
        .send("This link is not valid (any more): the subscription was deleted or its secret changed.");
      return null;
    }
    return s;
  };
  const unsubscribe = async (req: FastifyRequest, reply: FastifyReply) => {
    const s = await linked(req, reply);
    if (!s) return reply;
    await setActive(store.db, s.id, false);
    const key = (req.query as { key: string }).key;
    return reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .send(unsubscribedPage(s.language, `/api/subscriptions/${s.id}/resubscribe?key=${encodeURIComponent(key)}`));
  };
  // Forms post these (the page's button, a mail client's one-click), in a scope of their own that reads form bodies.
  app.register(async (links) => {
    links.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => done(null, body));
    links.get("/api/subscriptions/:id/unsubscribe", unsubscribe);
    // RFC 8058: a mail client's one-click POST (body List-Unsubscribe=One-Click).
    links.post("/api/subscriptions/:id/unsubscribe", unsubscribe);
    links.post("/api/subscriptions/:id/resubscribe", async (req, reply) => {
      const s = await linked(req, reply);
      if (!s) return reply;
      await setActive(store.db, s.id, true);
      return reply.type("text/html; charset=utf-8").header("cache-control", "no-store").send(resubscribedPage(s.language));
    });
  });
}

const idParam = { name: "id", in: "path", required: true, schema: { type: "integer" } };
const problem = { description: "{error}" };
const owner = "its token (Authorization: Bearer <token>) or an admin key";

/** The subscription routes in the OpenAPI document (src/api/openapi.ts). */
export const subscriptionOpenApiPaths = {
  "/api/subscriptions": {
    post: {
      summary:
        "subscribe (public): {channel: webhook|email|feed, url|email, filter: {regions, kinds, weapons, casualties, place|lat+lon, radiusKm}, mode: each|hourly|daily, digestHour, timeZone, language: en|ru|uk, label, trends: true|false (trend.flagged alerts too)} → {id, token, secret, subscription}",
      responses: { 201: { description: "the subscription, its token (shown once) and its webhook secret" }, 400: problem },
    },
    get: { summary: "every subscription; admin key", responses: { 200: { description: "{subscriptions}" }, 401: problem, 403: problem } },
  },
  "/api/subscriptions/{id}": {
    get: {
      summary: `a subscription; ${owner}`,
      parameters: [idParam],
      responses: { 200: { description: "it" }, 401: problem, 403: problem, 404: problem },
    },
    patch: {
      summary: `change filter, url|email, mode, digestHour, timeZone, language, label, trends, active; rotateSecret: true gives a new secret; ${owner}`,
      parameters: [idParam],
      responses: { 200: { description: "{subscription, secret?}" }, 400: problem, 401: problem, 403: problem, 404: problem },
    },
    delete: {
      summary: `delete it and its deliveries; ${owner}`,
      parameters: [idParam],
      responses: { 200: { description: "{deleted}" }, 404: problem },
    },
  },
  "/api/subscriptions/{id}/deliveries": {
    get: {
      summary: `its deliveries, newest first (?status=pending|delivered|dead&limit&before): status, attempts, last error; ${owner}`,
      parameters: [idParam],
      responses: { 200: { description: "{counts, deliveries, next}" }, 401: problem, 403: problem, 404: problem },
    },
  },
  "/api/subscriptions/{id}/deliveries/{deliveryId}/retry": {
    post: {
      summary: `send a dead delivery again (a fresh 24 h of retries); ${owner}`,
      parameters: [idParam, { name: "deliveryId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      responses: { 202: { description: "retrying" }, 404: problem },
    },
  },
  "/api/subscriptions/{id}/unsubscribe": {
    get: {
      summary: "the link of every alert email (?key=…): unsubscribes in one click (POST too, RFC 8058)",
      parameters: [idParam],
      responses: { 200: { description: "text/html" }, 404: problem },
    },
  },
  "/api/feeds/events.atom": {
    get: {
      summary:
        "an Atom feed of any filter: the parameters of /api/events, plus casualties=1, near=LAT,LON or place=NAME with radius=KM, lang=en|ru|uk",
      responses: { 200: { description: "application/atom+xml" }, 400: problem },
    },
  },
  "/api/feeds/subscriptions/{id}.atom": {
    get: {
      summary: "a subscription's feed (?key=…, its links.feed)",
      parameters: [idParam],
      responses: { 200: { description: "application/atom+xml" }, 404: problem },
    },
  },
};
