// `skywatch serve`: the API on the store; on first start it loads the bundled sample reports.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startAlerts } from "../alerts/dispatcher.js";
import { mailerFromEnv } from "../alerts/mailer.js";
import { buildServer } from "../api/server.js";
import { readDataFile } from "../data-files.js";
import { livePlaceResolver } from "../geo/live-places.js";
import { ingest } from "../ingest/ingest.js";
import { reportFromJson } from "../ingest/readers.js";
import { BOSS_SCHEMA } from "../queue/reextract-run.js";
import { startCollection } from "../sources/scheduler.js";
import { describeHolder, StoreBusyError } from "../store/data-dir-lock.js";
import { DEFAULT_DATA_DIR, describeStore, storeFromOptions } from "./store-options.js";

/** The dashboard as Vite builds it (dist/web, beside this compiled file's folder). */
const WEB_ROOT = fileURLToPath(new URL("../web", import.meta.url));

const HELP = `Usage: skywatch serve [--port 8080] [--host 127.0.0.1] [--data DIR] [--no-sample] [--cors ORIGIN] [--open-writes]
                      [--public-url URL] [--allow-private-urls] [--reextract]

Serves the dashboard at / and the API (/api/docs lists it: events, reports, daily
counts, CSV and GeoJSON export, map layers, live stream) on the store: embedded PGlite in
DIR/db (default ./skywatch-data), or PostgreSQL when DATABASE_URL is set. An empty store
gets the sample reports of data/sample on first start, unless --no-sample. With
DATABASE_URL, POST /api/reports queues reports for 'skywatch worker' processes.
Reading is open to anyone; writing (POST /api/reports) needs an API key (skywatch keys
create), except with --open-writes, which lets anyone write (a single-user laptop only).
While it runs, serve alone opens the embedded store: 'skywatch ingest', 'watch', 'keys',
'place add' and 'reextract' on the same DIR send their work to it (POST /api/places adds a
place that serve uses at once). --reextract reads the stored reports this extractor version
has not read yet again, in the background once serving (progress: GET /api/reextract); with
DATABASE_URL it queues them in slices for the 'skywatch worker' processes (waiting up to a
minute for a first one), as POST /api/reextract does ({"local": true}: read in serve itself).
Alerts: subscriptions (POST /api/subscriptions, skywatch subscribe) are sent from here —
webhooks, and email when SKYWATCH_SMTP_URL is set (smtp://user:pass@host:587; sender
SKYWATCH_SMTP_FROM). --public-url (env SKYWATCH_PUBLIC_URL) is where subscribers reach this
server, for the links in alerts and feeds. Outbound requests (webhooks, sources) refuse
loopback, private and link-local addresses unless --allow-private-urls (env
SKYWATCH_ALLOW_PRIVATE_URLS=1). SKYWATCH_ALERTS=0 sends nothing (deliveries wait in the store).`;

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: process.env.PORT ?? "8080" },
      host: { type: "string", default: "127.0.0.1" },
      data: { type: "string" },
      "no-sample": { type: "boolean" },
      cors: { type: "string" },
      "open-writes": { type: "boolean" },
      "public-url": { type: "string" },
      "allow-private-urls": { type: "boolean" },
      reextract: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  // One switch for every outbound request of this process: webhooks, sources, their test runs.
  if (values["allow-private-urls"]) process.env.SKYWATCH_ALLOW_PRIVATE_URLS = "1";
  const allowPrivate = process.env.SKYWATCH_ALLOW_PRIVATE_URLS === "1";
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not '${values.port}'`);
  console.error(`skywatch: opening the store (${describeStore(values.data)})…`);
  const store = await storeFromOptions(values.data, "serve").catch((err) => {
    if (err instanceof StoreBusyError)
      throw new Error(
        `the store ${describeStore(values.data)} is in use by ${describeHolder(err.holder)}. Stop it first, or serve another store (--data DIR).`,
      );
    throw err;
  });
  // The places users add ('skywatch place add') are picked up while this runs, without a restart.
  const live = await livePlaceResolver(store, { dataDir: values.data ?? DEFAULT_DATA_DIR });
  const places = live.places;
  const [{ reports }] = await store.execute("SELECT count(*)::int AS reports FROM reports");
  if (Number(reports) === 0 && !values["no-sample"]) {
    const samples = readDataFile("sample/reports.jsonl")
      .trim()
      .split("\n")
      .map((l, i) => reportFromJson(JSON.parse(l), `sample ${i + 1}`));
    const summary = await ingest(store, samples, { places });
    console.error(`skywatch: loaded ${summary.stored} sample reports (${summary.incidents} incidents)`);
  }
  // With a PostgreSQL server, submissions go to the queue for 'skywatch worker' processes.
  // (pg-boss is imported only then: an embedded store has no use for it.)
  const queue = process.env.DATABASE_URL
    ? await (await import("../queue/report-queue.js")).openReportQueue(process.env.DATABASE_URL, { schema: BOSS_SCHEMA })
    : null;
  if (queue) console.error("skywatch: POST /api/reports queues reports for 'skywatch worker' processes");
  const openWrites = values["open-writes"] ?? false;
  // Local processes that can read the lock file (mode 0600) write with this token as admins.
  const localToken = store.lock ? randomBytes(32).toString("base64url") : null;
  const configuredUrl = values["public-url"] ?? process.env.SKYWATCH_PUBLIC_URL ?? null;
  if (configuredUrl && !/^https?:\/\/[^/]+/.test(configuredUrl))
    throw new Error(`--public-url must be an http(s) URL, not '${configuredUrl}'`);
  const mailer = mailerFromEnv();
  const app = buildServer({
    store,
    places,
    queue,
    corsOrigin: values.cors ?? null,
    webRoot: WEB_ROOT,
    openWrites,
    localToken,
    alerts: { publicUrl: configuredUrl, allowPrivate, emailEnabled: mailer !== null },
    refreshPlaces: live.refresh,
    reextractAtStart: values.reextract ?? false,
    // Re-extraction runs are shared by the workers too (POST /api/reextract, --reextract).
    reextractQueue: queue ? { boss: queue.boss, bossSchema: BOSS_SCHEMA } : null,
  });
  const address = await app.listen({ port, host: values.host });
  const publicUrl = configuredUrl ?? localUrl(app.server.address() as AddressInfo);
  const alerts = startAlerts(store, { who: "skywatch", places, publicUrl, allowPrivate, mailer });
  if (store.lock && localToken) store.lock.announce({ url: localUrl(app.server.address() as AddressInfo), token: localToken });
  console.error(
    openWrites ? "skywatch: writes: open to anyone (--open-writes)" : "skywatch: writes: need an API key (skywatch keys create)",
  );
  console.log(`skywatch: serving on ${address} (Ctrl-C to stop)`);
  if (values.reextract)
    console.error(
      queue
        ? `skywatch: re-extracting what this extractor has not read: queued in slices for the 'skywatch worker' processes (${address}/api/reextract)`
        : `skywatch: re-extracting what this extractor has not read, in the background (${address}/api/reextract)`,
    );
  // An embedded store collects the registered sources here; on PostgreSQL the workers do.
  const collector = store.kind === "pglite" ? startCollection(store, places, "skywatch") : null;
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await collector?.stop();
  await alerts?.stop();
  await app.close();
  await queue?.stop();
  live.stop();
  await store.close();
  return 0;
}

/** The URL a process on this machine reaches the server at (a wildcard address means loopback). */
function localUrl(address: AddressInfo): string {
  const host = address.address === "0.0.0.0" ? "127.0.0.1" : address.address === "::" ? "::1" : address.address;
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
}
