// `skywatch subscribe …` makes a subscription (src/alerts); `skywatch subscriptions` lists them
// and shows, pauses, resumes or deletes one, with its deliveries. Both work on the store, or —
// while `skywatch serve` holds the embedded store, or with --to URL — through a server's API.
import { parseArgs } from "node:util";
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listDeliveries,
  listSubscriptions,
  publicSubscription,
  type SubscriptionRow,
  updateSubscription,
} from "../alerts/subscriptions.js";
import { defaultPlaceResolver } from "../geo/resolver.js";
import { readLock, StoreBusyError } from "../store/data-dir-lock.js";
import type { Store } from "../store/database.js";
import { DEFAULT_DATA_DIR, embeddedStoreDir, storeFromOptions } from "./store-options.js";

const SUBSCRIBE_HELP = `Usage: skywatch subscribe (--webhook URL | --email ADDRESS | --feed) [filter] [options]

Filter (every criterion given must hold):
  --region RU-BEL,UA-63      regions (ISO 3166-2 codes)
  --place NAME --radius KM   within KM of a settlement (any language, any case form: "Шебекино")
  --near LAT,LON --radius KM within KM of a point
  --kind strike,attack       interception, strike, attack
  --weapon drone,missile     drone, missile, glide_bomb, artillery, unknown
  --casualties               only events with someone killed or injured
Options:
  --mode each|hourly|daily   an alert per event (default), or a digest
  --digest-hour 8            the local hour of a daily digest
  --tz Europe/Kyiv           the subscriber's time zone (digests; default UTC)
  --language en|ru|uk        of the emails (default en)
  --label TEXT               a name for it
  --trends                   also an alert (trend.flagged) when a trend is flagged in the
                             filter's regions (or the regions its radius reaches)
  --to URL                   make it on that server (default: the store of --data DIR, or the
                             'skywatch serve' running on it)
  --allow-private-urls       a webhook on a private network (on the store directly)
  --json                     print the answer as JSON
Prints the subscription's id, its token (to manage it: keep it) and its secret (webhooks
are signed with it: Skywatch-Signature, see the README).`;

const LIST_HELP = `Usage:
  skywatch subscriptions [list]              every subscription (an admin key with --to: --key KEY)
  skywatch subscriptions show ID             one, with its delivery counts
  skywatch subscriptions deliveries ID       its latest deliveries (status, attempts, last error)
  skywatch subscriptions pause|resume ID
  skywatch subscriptions delete ID
Options: --to URL (a server; --token TOKEN of the subscription, or --key KEY an admin key),
--data DIR (the store, or the 'skywatch serve' running on it), --json.`;

type Json = Record<string, unknown>;

interface SubscriptionClient {
  create(body: Json): Promise<Json>;
  list(): Promise<Json[]>;
  show(id: number): Promise<Json | null>;
  change(id: number, body: Json): Promise<Json | null>;
  deliveries(id: number): Promise<Json | null>;
  remove(id: number): Promise<boolean>;
  close(): Promise<void>;
}

function httpClient(base: string, auth: string | null): SubscriptionClient {
  const call = async (method: string, path: string, body?: unknown): Promise<Json | null> => {
    let res: Response;
    try {
      res = await fetch(new URL(path, base), {
        method,
        headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (err) {
      throw new Error(`could not reach ${base} (${(err as Error).message}); is 'skywatch serve' running there?`);
    }
    const json = (await res.json().catch(() => ({}))) as Json;
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`${base} answered ${res.status}: ${json.error ?? ""}`);
    return json;
  };
  return {
    create: async (body) => (await call("POST", "/api/subscriptions", body)) as Json,
    list: async () => ((await call("GET", "/api/subscriptions")) as { subscriptions: Json[] }).subscriptions,
    show: (id) => call("GET", `/api/subscriptions/${id}`),
    change: async (id, body) =>
      ((await call("PATCH", `/api/subscriptions/${id}`, body)) as { subscription: Json } | null)?.subscription ?? null,
    deliveries: (id) => call("GET", `/api/subscriptions/${id}/deliveries`),
    remove: async (id) => (await call("DELETE", `/api/subscriptions/${id}`)) !== null,
    close: async () => {},
  };
}

function storeClient(store: Store, dataDir: string | undefined, allowPrivate: boolean): SubscriptionClient {
  const publicUrl = process.env.SKYWATCH_PUBLIC_URL ?? "http://127.0.0.1:8080";
  const ctx = {
    places: defaultPlaceResolver(dataDir ?? DEFAULT_DATA_DIR),
    allowPrivate,
    emailEnabled: Boolean(process.env.SKYWATCH_SMTP_URL),
  };
  const shown = (s: SubscriptionRow) => publicSubscription(s, publicUrl) as unknown as Json;
  return {
    create: async (body) => {
      const { subscription, token, secret } = await createSubscription(store.db, body, ctx);
      return { id: subscription.id, token, secret, subscription: shown(subscription) };
    },
    list: async () => (await listSubscriptions(store.db)).map(shown),
    show: async (id) => {
      const s = await getSubscription(store.db, id);
      return s ? shown(s) : null;
    },
    change: async (id, body) => {
      const s = await getSubscription(store.db, id);
      return s ? shown((await updateSubscription(store.db, s, body, ctx)).subscription) : null;
    },
    deliveries: async (id) => ((await getSubscription(store.db, id)) ? listDeliveries(store.db, id, {}) : null),
    remove: (id) => deleteSubscription(store.db, id),
    close: () => store.close(),
  };
}

/** The server given with --to, else the store of --data DIR, else the `serve` that holds it. */
async function openClient(values: { to?: string; data?: string; token?: string; key?: string }, allowPrivate = false) {
  if (values.to) return httpClient(values.to, values.token ?? values.key ?? null);
  try {
    return storeClient(await storeFromOptions(values.data, "subscriptions"), values.data, allowPrivate);
  } catch (err) {
    const server = err instanceof StoreBusyError ? readLock(embeddedStoreDir(values.data))?.server : null;
    if (!server) throw err;
    return httpClient(server.url, values.token ?? server.token);
  }
}

const list = (v: string | undefined) =>
  v
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

function describe(s: Json): string {
  const f = (s.filter ?? {}) as Json;
  const parts = [
    ...((f.regions as string[]) ?? []),
    ...((f.kinds as string[]) ?? []),
    ...((f.weapons as string[]) ?? []),
    ...(f.casualties ? ["casualties"] : []),
    ...(f.radiusKm ? [`${f.radiusKm} km of ${f.place ?? `${f.lat},${f.lon}`}`] : []),
  ];
  const trends = s.trends ? " +trends" : "";
  const target = s.url ?? s.email ?? "feed";
  return `${String(s.id).padStart(4)}  ${String(s.channel).padEnd(7)} ${String(target).padEnd(40)} ${String(s.mode).padEnd(6)} ${s.active ? "active" : "paused"}  ${parts.join(" ") || "(everything)"}${trends}${s.label ? `  "${s.label}"` : ""}`;
}

export async function subscribeCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      webhook: { type: "string" },
      email: { type: "string" },
      feed: { type: "boolean" },
      region: { type: "string" },
      place: { type: "string" },
      near: { type: "string" },
      radius: { type: "string" },
      kind: { type: "string" },
      weapon: { type: "string" },
      casualties: { type: "boolean" },
      mode: { type: "string" },
      "digest-hour": { type: "string" },
      tz: { type: "string" },
      language: { type: "string" },
      label: { type: "string" },
      trends: { type: "boolean" },
      to: { type: "string" },
      data: { type: "string" },
      "allow-private-urls": { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const channels = [values.webhook !== undefined, values.email !== undefined, values.feed === true].filter(Boolean).length;
  if (values.help || channels !== 1) {
    console.log(SUBSCRIBE_HELP);
    if (!values.help) console.error("\nskywatch subscribe: give one channel: --webhook URL, --email ADDRESS or --feed");
    return values.help ? 0 : 2;
  }
  let lat: number | undefined;
  let lon: number | undefined;
  if (values.near) {
    [lat, lon] = values.near.split(",").map(Number);
    if (!Number.isFinite(lat) || !Number.isFinite(lon))
      throw new Error(`--near must be LAT,LON, e.g. --near 50.43,36.89 (got '${values.near}')`);
  }
  const body: Json = {
    channel: values.webhook !== undefined ? "webhook" : values.email !== undefined ? "email" : "feed",
    ...(values.webhook !== undefined ? { url: values.webhook } : {}),
    ...(values.email !== undefined ? { email: values.email } : {}),
    filter: Object.fromEntries(
      Object.entries({
        regions: list(values.region),
        kinds: list(values.kind),
        weapons: list(values.weapon),
        casualties: values.casualties,
        place: values.place,
        lat,
        lon,
        radiusKm: values.radius !== undefined ? Number(values.radius) : undefined,
      }).filter(([, v]) => v !== undefined),
    ),
    ...(values.mode ? { mode: values.mode } : {}),
    ...(values["digest-hour"] ? { digestHour: Number(values["digest-hour"]) } : {}),
    ...(values.tz ? { timeZone: values.tz } : {}),
    ...(values.language ? { language: values.language } : {}),
    ...(values.label ? { label: values.label } : {}),
    ...(values.trends ? { trends: true } : {}),
  };
  const client = await openClient(values, values["allow-private-urls"] || process.env.SKYWATCH_ALLOW_PRIVATE_URLS === "1");
  try {
    const created = await client.create(body);
    if (values.json) {
      console.log(JSON.stringify(created));
      return 0;
    }
    const s = created.subscription as Json;
    console.error(describe(s));
    console.log(`id:     ${created.id}`);
    console.log(`token:  ${created.token}   (manages it: Authorization: Bearer <token>; shown once)`);
    console.log(`secret: ${created.secret}   (signs its webhooks)`);
    const links = s.links as Json;
    if (s.channel === "feed") console.log(`feed:   ${links.feed}`);
    console.log(`deliveries: ${links.deliveries}`);
  } finally {
    await client.close();
  }
  return 0;
}

export async function subscriptionsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      to: { type: "string" },
      token: { type: "string" },
      key: { type: "string" },
      data: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [action = "list", idText] = positionals;
  if (values.help || !["list", "show", "deliveries", "pause", "resume", "delete"].includes(action)) {
    console.log(LIST_HELP);
    return values.help ? 0 : 2;
  }
  const id = Number(idText);
  if (action !== "list" && !(Number.isInteger(id) && id > 0)) throw new Error(`subscriptions ${action} needs the subscription's ID`);
  const client = await openClient(values);
  const print = (x: unknown) => console.log(JSON.stringify(x, null, values.json ? undefined : 2));
  try {
    if (action === "list") {
      const all = await client.list();
      if (values.json) print(all);
      else if (!all.length) console.error("no subscriptions (make one with: skywatch subscribe --webhook URL --region RU-BEL)");
      else for (const s of all) console.log(describe(s));
      return 0;
    }
    const result =
      action === "show"
        ? await client.show(id)
        : action === "deliveries"
          ? await client.deliveries(id)
          : action === "delete"
            ? (await client.remove(id))
              ? { deleted: id }
              : null
            : await client.change(id, { active: action === "resume" });
    if (!result) {
      console.error(`skywatch subscriptions: no subscription ${id}`);
      return 1;
    }
    if (action === "deliveries" && !values.json) {
      const { counts, deliveries } = result as { counts: Json; deliveries: Json[] };
      console.log(`pending ${counts.pending}, delivered ${counts.delivered}, dead ${counts.dead}`);
      for (const d of deliveries)
        console.log(
          `${d.id}  ${String(d.type).padEnd(14)} event ${String(d.eventId ?? "-").padEnd(6)} ${String(d.status).padEnd(9)} ${d.attempts} attempt(s)${d.lastError ? `  last error: ${d.lastError}` : ""}`,
        );
    } else if ((action === "show" || action === "pause" || action === "resume") && !values.json) console.log(describe(result));
    else print(result);
  } finally {
    await client.close();
  }
  return 0;
}
