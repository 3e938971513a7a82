// The one outbound HTTP client of the server and the CLI (ingest URL, watch, sources, webhooks):
// GET, or POST for webhooks; http(s) only, and by default only to public addresses. The check runs on every address a host name
// resolves to, at connection time (so a DNS answer cannot change between check and use), and
// again for every redirect, which is followed by hand. Timeouts and a size cap bound what a
// hostile server can make us wait for or hold in memory.
import { type LookupAddress, lookup } from "node:dns";
import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { isPublicAddress } from "./addresses.js";

export interface GuardedOptions {
  headers?: Record<string, string>;
  /** GET (default) or POST with `body`. A POST's redirects are not followed: the 3xx answer is returned as it is. */
  method?: "GET" | "POST";
  body?: string | Buffer;
  /** Reach loopback, private and link-local addresses too (intranets, tests). Default: env SKYWATCH_ALLOW_PRIVATE_URLS=1. */
  allowPrivate?: boolean;
  /** The whole exchange, redirects included (default 30 s). */
  timeoutMs?: number;
  /** Largest body accepted, after decompression (default 20 MB). */
  maxBytes?: number;
  /** Redirects followed (default 5). */
  maxRedirects?: number;
  /** Which resolved addresses may be reached when allowPrivate is off (default: public ones; tests narrow it). */
  permits?: (address: string) => boolean;
}

export interface FetchedPage {
  status: number;
  ok: boolean;
  /** The URL the body came from, after redirects. */
  url: string;
  headers: Headers;
  text(): string;
}

/** A request the guard would not make, or a response it would not take; the message says which and what to do. */
export class OutboundRefused extends Error {}

export const allowPrivateFromEnv = (): boolean => process.env.SKYWATCH_ALLOW_PRIVATE_URLS === "1";

const PRIVATE_HINT = "pass --allow-private-urls (or set SKYWATCH_ALLOW_PRIVATE_URLS=1) to reach hosts of a private network";

/** A DNS lookup that fails when any address of the host is not public. */
function guardedLookup(host: string, permits: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, "", 0);
      const bad = addresses.find((a) => !permits(a.address));
      if (bad) return callback(new OutboundRefused(`${host} resolves to ${bad.address}, a non-public address; ${PRIVATE_HINT}`), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

function checkTarget(url: URL, allowPrivate: boolean, permits: (address: string) => boolean): void {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new OutboundRefused(`${url.href}: only http and https URLs are fetched, not ${url.protocol}`);
  if (url.username || url.password) throw new OutboundRefused(`${url.origin}: URLs with a user name or password are not fetched`);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && isIP(host) && !permits(host))
    throw new OutboundRefused(`${url.href}: ${host} is not a public address; ${PRIVATE_HINT}`);
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

type Settings = Required<Omit<GuardedOptions, "body">> & { body: string | Buffer | null };

function requestOnce(url: URL, options: Settings, deadline: number) {
  return new Promise<RawResponse>((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new OutboundRefused(`${url.href}: no answer within ${options.timeoutMs / 1000} s`));
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(
      url,
      {
        method: options.method,
        headers: {
          "accept-encoding": "gzip, deflate, br",
          ...(options.body !== null ? { "content-length": String(Buffer.byteLength(options.body)) } : {}),
          ...options.headers,
        },
        ...(options.allowPrivate ? {} : { lookup: guardedLookup(url.hostname, options.permits) }),
        // No connection reuse: every request resolves and checks its host again.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            req.destroy(new OutboundRefused(`${url.href}: the answer is larger than ${options.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    const timer = setTimeout(
      () => req.destroy(new OutboundRefused(`${url.href}: no answer within ${options.timeoutMs / 1000} s`)),
      remaining,
    );
    req.on("error", reject);
    req.on("close", () => clearTimeout(timer));
    req.end(options.body ?? undefined);
  });
}

function decode(raw: RawResponse, url: URL, maxBytes: number): Buffer {
  const encoding = String(raw.headers["content-encoding"] ?? "identity").toLowerCase();
  try {
    if (encoding === "gzip" || encoding === "x-gzip") return gunzipSync(raw.body, { maxOutputLength: maxBytes });
    if (encoding === "deflate") return inflateSync(raw.body, { maxOutputLength: maxBytes });
    if (encoding === "br") return brotliDecompressSync(raw.body, { maxOutputLength: maxBytes });
  } catch (err) {
    throw new OutboundRefused(
      `${url.href}: the answer could not be decompressed or is larger than ${maxBytes} bytes (${(err as Error).message})`,
    );
  }
  return raw.body;
}

const toHeaders = (raw: IncomingHttpHeaders): Headers => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw))
    if (value !== undefined) for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  return headers;
};

/** GETs (or POSTs) a URL through the guard; throws OutboundRefused (or a network error) instead of reaching what it must not. */
export async function guardedFetch(target: string, options: GuardedOptions = {}): Promise<FetchedPage> {
  const settings: Settings = {
    headers: options.headers ?? {},
    method: options.method ?? "GET",
    body: options.body ?? null,
    allowPrivate: options.allowPrivate ?? allowPrivateFromEnv(),
    timeoutMs: options.timeoutMs ?? 30_000,
    maxBytes: options.maxBytes ?? 20 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 5,
    permits: options.permits ?? isPublicAddress,
  };
  const deadline = Date.now() + settings.timeoutMs;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new OutboundRefused(`${target} is not a URL`);
  }
  for (let redirects = 0; ; redirects++) {
    checkTarget(url, settings.allowPrivate, settings.permits);
    const raw = await requestOnce(url, settings, deadline);
    const location = raw.headers.location;
    if ([301, 302, 303, 307, 308].includes(raw.status) && location && settings.method === "GET") {
      if (redirects >= settings.maxRedirects)
        throw new OutboundRefused(`${target}: more than ${settings.maxRedirects} redirects (last to ${location})`);
      url = new URL(location, url);
      continue;
    }
    const body = decode(raw, url, settings.maxBytes);
    const final = url.href;
    return {
      status: raw.status,
      ok: raw.status >= 200 && raw.status < 300,
      url: final,
      headers: toHeaders(raw.headers),
      text: () => body.toString("utf8"),
    };
  }
}
