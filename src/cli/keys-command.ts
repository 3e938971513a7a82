// `skywatch keys create|list|revoke`: the API keys that may write reports. Works on the store,
// or — while `skywatch serve` holds the embedded store — through that server, as a local admin.
import { parseArgs } from "node:util";
import { type ApiKey, createApiKey, listApiKeys, ROLES, type Role, revokeApiKey } from "../store/api-keys.js";
import { readLock, StoreBusyError } from "../store/data-dir-lock.js";
import { embeddedStoreDir, storeFromOptions } from "./store-options.js";

const HELP = `Usage:
  skywatch keys create --role writer|admin [--source NAME] [--label TEXT] [--data DIR]
      prints a new key once (only its SHA-256 is kept); send it as 'Authorization: Bearer KEY'.
      --source binds the key to one source: it writes only that source, and only it (or an
      admin key) writes that source
  skywatch keys list [--data DIR]
  skywatch keys revoke ID [--data DIR]
Keys are kept in the store (DIR/db, or PostgreSQL at DATABASE_URL). While 'skywatch serve'
runs on DIR, the command goes through that server.`;

type Created = ApiKey & { key: string };

interface KeyAdmin {
  create(options: { role: Role; source: string | null; label: string | null }): Promise<Created>;
  list(): Promise<ApiKey[]>;
  revoke(id: number): Promise<boolean>;
  close(): Promise<void>;
}

async function serverAdmin(url: string, token: string): Promise<KeyAdmin> {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(new URL(path, url), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`${url} answered ${res.status}: ${json.error ?? ""}`);
    return json;
  };
  return {
    create: async (options) => (await call("POST", "/api/keys", options)) as unknown as Created,
    list: async () => ((await call("GET", "/api/keys")) as { keys: ApiKey[] }).keys,
    revoke: async (id) => (await call("DELETE", `/api/keys/${id}`)) !== null,
    close: async () => {},
  };
}

async function openKeyAdmin(dataDir: string | undefined): Promise<KeyAdmin> {
  try {
    const store = await storeFromOptions(dataDir, "keys");
    return {
      create: (options) => createApiKey(store.db, options),
      list: () => listApiKeys(store.db),
      revoke: (id) => revokeApiKey(store.db, id),
      close: () => store.close(),
    };
  } catch (err) {
    const server = err instanceof StoreBusyError ? readLock(embeddedStoreDir(dataDir))?.server : null;
    if (!server) throw err;
    return serverAdmin(server.url, server.token);
  }
}

const date = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 16).replace("T", " ") : "");

export async function keysCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      role: { type: "string" },
      source: { type: "string" },
      label: { type: "string" },
      data: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [action, ...rest] = positionals;
  if (values.help || !["create", "list", "revoke"].includes(action)) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  if (action === "create" && !ROLES.includes(values.role as Role))
    throw new Error(`keys create needs --role writer or --role admin (got ${values.role ? `'${values.role}'` : "none"})`);
  const id = Number(rest[0]);
  if (action === "revoke" && !(Number.isInteger(id) && id > 0))
    throw new Error("keys revoke needs the key's ID, as 'skywatch keys list' shows it");
  const admin = await openKeyAdmin(values.data);
  try {
    if (action === "create") {
      const created = await admin.create({ role: values.role as Role, source: values.source ?? null, label: values.label ?? null });
      console.error(
        `key ${created.id}: ${created.role}${created.source ? `, source '${created.source}' only` : ""}. It is shown this once; keep it secret:`,
      );
      console.log(created.key);
    } else if (action === "list") {
      for (const k of await admin.list())
        console.log(
          [
            String(k.id).padStart(4),
            `${k.prefix}…`,
            k.role.padEnd(6),
            (k.source ?? "(any source)").padEnd(24),
            date(k.createdAt),
            k.revokedAt ? `revoked ${date(k.revokedAt)}` : "live",
            k.label ?? "",
          ].join("  "),
        );
    } else {
      if (!(await admin.revoke(id))) {
        console.error(`skywatch keys: no live key ${id} (see skywatch keys list)`);
        return 1;
      }
      console.error(`key ${id} revoked: it can no longer write`);
    }
  } finally {
    await admin.close();
  }
  return 0;
}
