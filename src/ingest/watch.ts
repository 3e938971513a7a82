// Polls feeds with conditional GET (ETag / Last-Modified): an unchanged feed costs one 304.
import { type FetchedPage, guardedFetch } from "../net/guarded-fetch.js";
import type { ReportInput } from "../store/reports.js";
import { reportsFromFeed } from "./feeds.js";

export interface FeedState {
  etag?: string;
  lastModified?: string;
}

export interface PollResult {
  status: "new" | "unchanged" | "error";
  reports: ReportInput[];
  message?: string;
}

/** Polls through the guarded client (allowPrivateUrls: reach hosts of a private network too). */
export async function pollFeed(url: string, state: FeedState, options: { allowPrivateUrls?: boolean } = {}): Promise<PollResult> {
  const headers: Record<string, string> = { "user-agent": "skywatch (+https://example.org/skywatch)" };
  if (state.etag) headers["if-none-match"] = state.etag;
  if (state.lastModified) headers["if-modified-since"] = state.lastModified;
  let res: FetchedPage;
  try {
    res = await guardedFetch(url, { headers, allowPrivate: options.allowPrivateUrls });
  } catch (err) {
    return { status: "error", reports: [], message: `${url}: could not be fetched (${(err as Error).message})` };
  }
  if (res.status === 304) return { status: "unchanged", reports: [] };
  if (!res.ok) return { status: "error", reports: [], message: `${url}: answered ${res.status}` };
  state.etag = res.headers.get("etag") ?? undefined;
  state.lastModified = res.headers.get("last-modified") ?? undefined;
  try {
    return { status: "new", reports: await reportsFromFeed(res.text(), new URL(url).host) };
  } catch (err) {
    return { status: "error", reports: [], message: `${url}: not a feed (${(err as Error).message})` };
  }
}

/** "5m", "30s", "1h" → milliseconds. */
export function parseInterval(text: string): number {
  const m = text.match(/^(\d+)(s|m|h)$/);
  if (!m) throw new Error(`--every takes a number and a unit, like 30s, 5m or 1h (got '${text}')`);
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "s" | "m" | "h"];
}
