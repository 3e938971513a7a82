// `skywatch sources [list|add|remove|test|run|import]`: the registry of sources collected on
// schedule, and their health. Works on the store, or — while `skywatch serve` holds the
// embedded store — through that server, as a local admin (like `skywatch keys`).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { publicSource } from "../api/source-routes.js";
import { defaultPlaceResolver } from "../geo/resolver.js";
import { allowPrivateFromEnv, guardedFetch } from "../net/guarded-fetch.js";
import { collectSource } from "../sources/collect.js";
import type { SourceHealth } from "../sources/health.js";
import {
  addSource,
  getSource,
  listSources,
  normalizeAddress,
  removeSource,
  SOURCE_KINDS,
  type Source,
  type SourceFields,
  type SourceKind,
  updateSource,
} from "../sources/registry.js";
import { Collector, type RunResult } from "../sources/scheduler.js";
import { parseSourceFile } from "../sources/source-file.js";
import { readLock, StoreBusyError } from "../store/data-dir-lock.js";
import { DEFAULT_DATA_DIR, embeddedStoreDir, storeFromOptions } from "./store-options.js";

const HELP = `Usage:
  skywatch sources [list] [--json]            the sources and their health (a table)
  skywatch sources add KIND ADDRESS [--label TEXT] [--language auto|en|ru|uk]
                   [--type official|agency|media|aggregator] [--every 5m] [--disabled] [--backfill-until DATE]
      KIND: rss (an RSS, Atom or JSON feed URL), telegram (a public channel's handle: kpszsu,
      @kpszsu or https://t.me/kpszsu), web (a page whose linked articles are read)
  skywatch sources import sources.yaml        adds (or updates) every source of the file
  skywatch sources remove ID                  its reports stay
  skywatch sources enable ID | disable ID
  skywatch sources test ID | test KIND ADDRESS   fetches once and prints what would be stored (stores nothing)
  skywatch sources run [ID...] [--loop]       collects the due sources (or those named, now) once;
                                              --loop keeps collecting on schedule until Ctrl-C
Options: --data DIR (the store in DIR/db; default ./skywatch-data, or PostgreSQL at DATABASE_URL),
  --allow-private-urls (also fetch sources on private networks; env SKYWATCH_ALLOW_PRIVATE_URLS=1),
  --politeness MS (least time between two requests to one host, default 1000).
'skywatch serve' (embedded store) and 'skywatch worker' (PostgreSQL) collect on schedule
by themselves; while serve runs on DIR, this command goes through it.`;

interface Listed {
  id: number;
  kind: string;
  address: string;
  label: string | null;
  type: string;
  every: string;
  enabled: boolean;
  health: SourceHealth;
}

interface SourceAdmin {
  list(): Promise<Listed[]>;
  add(fields: SourceFields[]): Promise<Array<Listed & { created: boolean }>>;
  remove(id: number): Promise<boolean>;
  setEnabled(id: number, enabled: boolean): Promise<boolean>;
  get(id: number): Promise<Source | null>;
  run(ids: number[] | null, loop: boolean): Promise<RunResult[]>;
  close(): Promise<void>;
}

async function serverAdmin(url: string, token: string): Promise<SourceAdmin> {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(new URL(path, url), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`${url} answered ${res.status}: ${json.error ?? ""}`);
    return json;
  };
  return {
    list: async () => ((await call("GET", "/api/sources")) as { sources: Listed[] }).sources,
    add: async (fields) => ((await call("POST", "/api/sources", fields)) as { sources: Array<Listed & { created: boolean }> }).sources,
    remove: async (id) => (await call("DELETE", `/api/sources/${id}`)) !== null,
    setEnabled: async (id, enabled) => (await call("PATCH", `/api/sources/${id}`, { enabled })) !== null,
    get: async () => {
      throw new Error("while 'skywatch serve' holds the store, test a source by KIND ADDRESS");
    },
    run: async (ids, loop) => {
      if (loop) throw new Error("'skywatch serve' already collects on schedule; run without --loop to collect now");
      return ((await call("POST", "/api/sources/run", ids ? { ids } : {})) as { results: RunResult[] }).results;
    },
    close: async () => {},
  };
}

async function openSourceAdmin(dataDir: string | undefined, collectorOptions: { allowPrivate: boolean; politenessMs: number }) {
  try {
    const store = await storeFromOptions(dataDir, "sources");
    const places = defaultPlaceResolver(dataDir ?? DEFAULT_DATA_DIR);
    const admin: SourceAdmin = {
      list: async () => (await listSources(store)).map((s) => publicSource(s)),
      add: async (fields) => {
        const out = [];
        for (const f of fields) {
          const { source, created } = await addSource(store, f);
          out.push({ ...publicSource(source), created });
        }
        return out;
      },
      remove: (id) => removeSource(store, id),
      setEnabled: async (id, enabled) => (await updateSource(store, id, { enabled })) !== null,
      get: (id) => getSource(store, id),
      run: async (ids, loop) => {
        const collector = new Collector(store, {
          places,
          ...collectorOptions,
          log: (l) => console.error(`${new Date().toISOString()} ${l}`),
        });
        if (!loop) return collector.runDue(ids);
        collector.start();
        console.error("skywatch sources: collecting on schedule (Ctrl-C to stop)");
        await new Promise<void>((resolve) => {
          process.once("SIGINT", () => resolve());
          process.once("SIGTERM", () => resolve());
        });
        await collector.stop();
        return [];
      },
      close: () => store.close(),
    };
    return admin;
  } catch (err) {
    const server = err instanceof StoreBusyError ? readLock(embeddedStoreDir(dataDir))?.server : null;
    if (!server) throw err;
    return serverAdmin(server.url, server.token);
  }
}

const ago = (iso: string | null, now: number) => {
  if (!iso) return "—";
  const s = Math.round((now - Date.parse(iso)) / 1000);
  const abs = Math.abs(s);
  const text =
    abs < 120
      ? `${abs}s`
      : abs < 7200
        ? `${Math.round(abs / 60)}m`
        : abs < 172800
          ? `${Math.round(abs / 3600)}h`
          : `${Math.round(abs / 86400)}d`;
  return s >= 0 ? `${text} ago` : `in ${text}`;
};
const lag = (seconds: number | null) =>
  seconds === null
    ? "—"
    : seconds < 7200
      ? `${Math.round(seconds / 60)}m`
      : seconds < 172800
        ? `${Math.round(seconds / 3600)}h`
        : `${Math.round(seconds / 86400)}d`;

export function sourcesTable(sources: Listed[], now = Date.now()): string {
  const header = ["ID", "KIND", "SOURCE", "TYPE", "EVERY", "STATE", "LAST OK", "SEEN", "NEW", "FAILED", "LAG", "NEXT RUN"];
  const rows = sources.map((s) => [
    String(s.id),
    s.kind,
    (s.label ? `${s.label} (${s.address})` : s.address).slice(0, 60),
    s.type,
    s.every,
    s.health.state,
    ago(s.health.lastSuccessAt, now),
    String(s.health.items.seen),
    String(s.health.items.new),
    String(s.health.items.failed),
    lag(s.health.lagSeconds),
    s.enabled ? ago(s.health.nextRunAt, now) : "—",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const notes = sources.flatMap((s) => [
    ...(s.health.lastError && s.health.failures ? [`  ${s.id}: ${s.health.failures} error(s) in a row — ${s.health.lastError}`] : []),
    ...(s.health.silentReason ? [`  ${s.id}: silent — ${s.health.silentReason}`] : []),
  ]);
  return [fmt(header), ...rows.map(fmt), ...(notes.length ? ["", ...notes] : [])].join("\n");
}

/** `test`: one collection of a source, printed and not stored. */
async function testSource(source: Source, options: { allowPrivate: boolean }): Promise<number> {
  let printed = 0;
  const outcome = await collectSource(source, {
    telegramBase: process.env.SKYWATCH_TELEGRAM_BASE ?? "https://t.me",
    maxBackfillPages: 1,
    maxArticles: 5,
    fetch: (url, headers) =>
      guardedFetch(url, {
        headers: { "user-agent": "skywatch (+https://example.org/skywatch)", ...headers },
        allowPrivate: options.allowPrivate,
      }),
    save: async (batch) => {
      for (const item of batch.items) {
        printed++;
        console.log(
          JSON.stringify({ url: item.report.url, date: item.date, title: item.report.title, text: item.report.text.slice(0, 300) }),
        );
      }
      for (const f of batch.failed) console.error(`failed: ${f}`);
    },
  });
  console.error(`skywatch sources test: ${outcome.status}, ${printed} items on ${outcome.pages} page(s); nothing stored`);
  return 0;
}

const positiveId = (text: string | undefined) => {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0)
    throw new Error(`expected a source id (a number from 'skywatch sources list'), not '${text ?? ""}'`);
  return id;
};

export async function sourcesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      data: { type: "string" },
      label: { type: "string" },
      language: { type: "string" },
      type: { type: "string" },
      every: { type: "string" },
      disabled: { type: "boolean" },
      "backfill-until": { type: "string" },
      loop: { type: "boolean" },
      json: { type: "boolean" },
      politeness: { type: "string", default: "1000" },
      "allow-private-urls": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [sub = "list", ...rest] = positionals;
  if (values.help || sub === "help") {
    console.log(HELP);
    return 0;
  }
  const allowPrivate = values["allow-private-urls"] || allowPrivateFromEnv();
  const politenessMs = Number(values.politeness);
  if (!Number.isFinite(politenessMs) || politenessMs < 0) throw new Error(`--politeness takes milliseconds, not '${values.politeness}'`);
  if (sub === "test" && rest.length === 2) {
    const kind = rest[0] as SourceKind;
    if (!SOURCE_KINDS.includes(kind)) throw new Error(`KIND is one of ${SOURCE_KINDS.join(", ")}, not '${rest[0]}'`);
    const now = new Date().toISOString();
    return testSource(
      {
        id: 0,
        kind,
        address: normalizeAddress(kind, rest[1]),
        label: null,
        language: "auto",
        type: "media",
        intervalSeconds: 300,
        enabled: true,
        backfillUntil: null,
        createdAt: now,
        etag: null,
        lastModified: null,
        cursor: {},
        nextRunAt: now,
        leaseOwner: null,
        leaseUntil: null,
        failures: 0,
        lastRunAt: null,
        lastSuccessAt: null,
        lastErrorAt: null,
        lastError: null,
        lastRun: null,
        itemsSeen: 0,
        itemsNew: 0,
        itemsFailed: 0,
        newestItemAt: null,
        typicalGapSeconds: null,
      },
      { allowPrivate },
    );
  }
  if (!["list", "add", "import", "remove", "enable", "disable", "test", "run"].includes(sub)) {
    console.error(`skywatch sources: unknown subcommand '${sub}'\n\n${HELP}`);
    return 2;
  }
  const admin = await openSourceAdmin(values.data, { allowPrivate, politenessMs });
  try {
    if (sub === "list") {
      const sources = await admin.list();
      if (values.json) console.log(JSON.stringify(sources, null, 2));
      else
        console.log(
          sources.length ? sourcesTable(sources) : "No sources yet: skywatch sources add KIND ADDRESS, or sources import sources.yaml",
        );
      return 0;
    }
    if (sub === "add" || sub === "import") {
      let fields: SourceFields[];
      if (sub === "import") {
        if (rest.length !== 1) throw new Error("usage: skywatch sources import sources.yaml");
        fields = parseSourceFile(readFileSync(rest[0], "utf8"), rest[0]);
      } else {
        if (rest.length !== 2) throw new Error("usage: skywatch sources add KIND ADDRESS [--label TEXT] [--every 5m] …");
        fields = [
          {
            kind: rest[0] as SourceKind,
            address: rest[1],
            label: values.label ?? null,
            language: values.language as SourceFields["language"],
            type: values.type as SourceFields["type"],
            every: values.every,
            enabled: values.disabled ? false : undefined,
            backfillUntil: values["backfill-until"],
          },
        ];
      }
      const added = await admin.add(fields);
      for (const s of added) console.log(`${s.created ? "added" : "updated"} source ${s.id}: ${s.kind} ${s.address} every ${s.every}`);
      return 0;
    }
    if (sub === "remove" || sub === "enable" || sub === "disable") {
      const id = positiveId(rest[0]);
      const ok = sub === "remove" ? await admin.remove(id) : await admin.setEnabled(id, sub === "enable");
      if (!ok) {
        console.error(`skywatch sources: no source ${id}`);
        return 1;
      }
      console.log(`${sub === "remove" ? "removed" : `${sub}d`} source ${id}`);
      return 0;
    }
    if (sub === "test") {
      const source = await admin.get(positiveId(rest[0]));
      if (!source) throw new Error(`no source ${rest[0]}`);
      return testSource(source, { allowPrivate });
    }
    const ids = rest.length ? rest.map(positiveId) : null;
    const results = await admin.run(ids, values.loop ?? false);
    for (const r of results)
      console.log(
        `source ${r.sourceId}: ${r.status}${r.error ? ` (${r.error})` : ""}, ${r.seen} seen, ${r.new} new, ${r.failed} failed, ${r.pages} page(s); next in ${r.nextInSeconds} s`,
      );
    if (!values.loop && !results.length) console.error("skywatch sources: no source is due (name ids to collect them now)");
    return results.some((r) => r.status === "error") ? 1 : 0;
  } finally {
    await admin.close();
  }
}
