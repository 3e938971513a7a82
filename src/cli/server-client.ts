// Talking to a running server for a command whose work it takes over (`place add`, `reextract`):
// where it is — --to URL, or the `serve` that holds the embedded store, found from its lock (as
// `ingest` finds it) — and JSON requests whose refusals carry the server's own message.
import { readLock } from "../store/data-dir-lock.js";
import { settledHolder } from "./report-sink.js";
import { embeddedStoreDir } from "./store-options.js";

export interface ServerTarget {
  url: string;
  /** The API key to send: --key, SKYWATCH_API_KEY, or the local token serve left in its lock. */
  key: string | null;
  /** The server, in words. */
  description: string;
}

/** A server refused or could not be reached; the message says what to do. */
export class ServerError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
    /** What the server answered with the refusal. */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function targetFromUrl(url: string, key: string | undefined): ServerTarget {
  if (!/^https?:\/\/[^/]+/.test(url)) throw new Error(`--to takes the server's URL, like http://127.0.0.1:8080 (got '${url}')`);
  return { url, key: key ?? process.env.SKYWATCH_API_KEY ?? null, description: `the server at ${url}` };
}

/**
 * The `serve` holding the embedded store in DATA/db, once it announces its URL (null when no serve
 * holds it, or with DATABASE_URL, where there is no lock). A process that can read the lock
 * (mode 0600) is trusted with the server's local token.
 */
export async function servingHolder(dataDir: string | undefined, key?: string): Promise<ServerTarget | null> {
  if (process.env.DATABASE_URL) return null;
  const dir = embeddedStoreDir(dataDir);
  const holder = readLock(dir);
  if (holder?.command !== "serve") return null;
  const settled = await settledHolder(dir, holder);
  if (!settled?.server) return null;
  return {
    url: settled.server.url,
    key: key ?? settled.server.token,
    description: `skywatch serve at ${settled.server.url} (pid ${settled.pid}), which holds ${dir}`,
  };
}

/** How often a request the server turns away as overloaded (503) is sent again, after its Retry-After. */
export const OVERLOAD_RETRIES = 5;
/** The longest wait between two tries, whatever Retry-After says (seconds). */
const MAX_RETRY_WAIT_S = 10;

/**
 * A JSON request; resolves with the answer's status and body, throws ServerError on a refusal.
 * An overloaded server's 503 (nothing was done: the request was turned away before its handler) is
 * tried again after its Retry-After, up to OVERLOAD_RETRIES times, each wait told on stderr.
 */
export async function requestJson<T>(
  target: ServerTarget,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  onWait: (message: string) => void = (m) => process.stderr.write(`${m}\n`),
): Promise<{ status: number; body: T }> {
  let res: Response;
  for (let attempt = 0; ; attempt++) {
    try {
      res = await fetch(new URL(path, target.url), {
        method,
        headers: {
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...(target.key ? { authorization: `Bearer ${target.key}` } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch (err) {
      throw new ServerError(`could not reach ${target.url} (${(err as Error).message}); is 'skywatch serve' running there?`);
    }
    if (res.status !== 503 || attempt >= OVERLOAD_RETRIES) break;
    const seconds = Math.min(MAX_RETRY_WAIT_S, Math.max(1, Number(res.headers.get("retry-after")) || 2));
    await res.body?.cancel();
    onWait(`${target.url} is busy (503); trying again in ${seconds} s (${attempt + 1} of ${OVERLOAD_RETRIES})`);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
  const answer = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (res.status === 401)
    throw new ServerError(
      `${target.url} refused: ${answer.error ?? "an API key is needed"}. Pass --key KEY or set SKYWATCH_API_KEY.`,
      401,
      answer,
    );
  if (!res.ok) throw new ServerError(`${target.url} answered ${res.status}: ${answer.error ?? "no message"}`, res.status, answer);
  return { status: res.status, body: answer };
}
