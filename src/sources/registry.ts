// The registry of sources collected on schedule (table sources, migration 6): RSS/Atom/JSON
// feeds, public Telegram channels (by handle) and web pages whose linked articles are read.
// What a source is (kind, address, label, language, type, interval, enabled) is checked here;
// its collection state (cursor, validators, lease, health counters) is written by the scheduler.
import { z } from "zod";
import { hasLineControlCharacters, isCalendarDate, isHttpUrl } from "../ingest/report-fields.js";
import type { Store } from "../store/database.js";

export const SOURCE_KINDS = ["rss", "telegram", "web"] as const;
export const SOURCE_TYPES = ["official", "agency", "media", "aggregator"] as const;
export const SOURCE_LANGUAGES = ["auto", "en", "ru", "uk"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type SourceType = (typeof SOURCE_TYPES)[number];
export type SourceLanguage = (typeof SOURCE_LANGUAGES)[number];

/** The shortest interval a source may be collected at (a public host deserves no more). */
export const MIN_INTERVAL_SECONDS = 1;
export const DEFAULT_INTERVAL_SECONDS = 300;

/** What the scheduler keeps between runs: where a source was read up to. */
export interface SourceCursor {
  /** The source name its reports are stored under, fixed at the first run (see reportSourceName). */
  name?: string;
  /** Newest item id seen (Telegram message id, feed item guid/link). */
  lastId?: string | null;
  /** Newest item date seen (ISO). */
  lastDate?: string | null;
  /** Telegram backfill: the oldest message id read so far (older pages are read `?before=` it). */
  backfillBefore?: number | null;
  /** Backfill reached its date (or the channel's first post). */
  backfillDone?: boolean;
  /** Web pages: article URLs already read (newest last, capped). */
  seenLinks?: string[];
}

export interface Source {
  id: number;
  kind: SourceKind;
  address: string;
  label: string | null;
  language: SourceLanguage;
  type: SourceType;
  intervalSeconds: number;
  enabled: boolean;
  backfillUntil: string | null;
  createdAt: string;
  etag: string | null;
  lastModified: string | null;
  cursor: SourceCursor;
  nextRunAt: string;
  leaseOwner: string | null;
  leaseUntil: string | null;
  failures: number;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  lastRun: LastRun | null;
  itemsSeen: number;
  itemsNew: number;
  itemsFailed: number;
  newestItemAt: string | null;
  typicalGapSeconds: number | null;
}

/** What the latest run did. */
export interface LastRun {
  status: "ok" | "unchanged" | "error";
  seen: number;
  new: number;
  failed: number;
  pages: number;
  ms: number;
}

/** A source's fields are not acceptable; the API answers 400 with the message. */
export class SourceError extends Error {
  readonly statusCode = 400;
}

/** "90s", "5m", "1h", "1d" → seconds. */
export function parseEvery(text: string): number {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(text.trim());
  if (!m) throw new SourceError(`an interval is a number and a unit, like 30s, 5m, 1h or 1d (got '${text}')`);
  const seconds = Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "s" | "m" | "h" | "d"];
  if (seconds < MIN_INTERVAL_SECONDS || seconds > 30 * 86400)
    throw new SourceError(`an interval must be between 1s and 30d (got '${text}')`);
  return seconds;
}

/** 300 → "5m". */
export function formatEvery(seconds: number): string {
  for (const [unit, n] of [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
  ] as const)
    if (seconds % n === 0) return `${seconds / n}${unit}`;
  return `${seconds}s`;
}

const TELEGRAM_HANDLE = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;

/** A source's address as stored: a channel's handle (from @name, t.me/name or t.me/s/name), or a checked http(s) URL. */
export function normalizeAddress(kind: SourceKind, address: string): string {
  const a = address.trim();
  if (kind === "telegram") {
    const m = /^(?:(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me)\/(?:s\/)?)?@?([A-Za-z0-9_]+)\/?$/.exec(a);
    if (!m || !TELEGRAM_HANDLE.test(m[1]))
      throw new SourceError(
        `'${address.slice(0, 80)}' is not a public Telegram channel: give its handle (kpszsu, @kpszsu or https://t.me/kpszsu; 5 to 32 letters, digits and _)`,
      );
    return m[1].toLowerCase();
  }
  if (!isHttpUrl(a)) throw new SourceError(`the address of a ${kind} source must be an http:// or https:// URL (got '${a.slice(0, 80)}')`);
  const url = new URL(a);
  if (url.username || url.password) throw new SourceError(`${url.origin}: addresses with a user name or password are not collected`);
  return url.href;
}

const line = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !hasLineControlCharacters(v), "must not contain control characters or line breaks");

/** A source as added through the API, the CLI or a sources.yaml entry. */
export const SourceFields = z
  .object({
    kind: z.enum(SOURCE_KINDS),
    address: line(2048).pipe(z.string().min(1)),
    label: line(200).nullish(),
    language: z.enum(SOURCE_LANGUAGES).optional(),
    type: z.enum(SOURCE_TYPES).optional(),
    /** "5m", "1h"… (or intervalSeconds). */
    every: z.string().max(20).optional(),
    intervalSeconds: z
      .number()
      .int()
      .min(MIN_INTERVAL_SECONDS)
      .max(30 * 86400)
      .optional(),
    enabled: z.boolean().optional(),
    /** Telegram: also read older posts, down to this day. */
    backfillUntil: z.string().refine(isCalendarDate, "must be a real date like 2025-07-01").nullish(),
  })
  .strict();
export type SourceFields = z.infer<typeof SourceFields>;

/** The fields PATCH may change (not the kind or the address: that is another source). */
export const SourceChanges = SourceFields.omit({ kind: true, address: true }).partial().strict();
export type SourceChanges = z.infer<typeof SourceChanges>;

const intervalOf = (f: { every?: string; intervalSeconds?: number }): number | undefined =>
  f.every !== undefined ? parseEvery(f.every) : f.intervalSeconds;

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const day = (v: unknown): string | null =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);

const COLUMNS = `id, kind, address, label, language, type, interval_seconds, enabled, backfill_until::text AS backfill_until,
  created_at, etag, last_modified, cursor, next_run_at, lease_owner, lease_until, failures, last_run_at, last_success_at,
  last_error_at, last_error, last_run, items_seen::float8 AS items_seen, items_new::float8 AS items_new,
  items_failed::float8 AS items_failed, newest_item_at, typical_gap_seconds`;
export const SOURCE_COLUMNS = COLUMNS;

export function sourceFromRow(r: Record<string, unknown>): Source {
  return {
    id: Number(r.id),
    kind: r.kind as SourceKind,
    address: String(r.address),
    label: (r.label as string | null) ?? null,
    language: r.language as SourceLanguage,
    type: r.type as SourceType,
    intervalSeconds: Number(r.interval_seconds),
    enabled: Boolean(r.enabled),
    backfillUntil: day(r.backfill_until),
    createdAt: iso(r.created_at) as string,
    etag: (r.etag as string | null) ?? null,
    lastModified: (r.last_modified as string | null) ?? null,
    cursor: (typeof r.cursor === "string" ? JSON.parse(r.cursor) : (r.cursor ?? {})) as SourceCursor,
    nextRunAt: iso(r.next_run_at) as string,
    leaseOwner: (r.lease_owner as string | null) ?? null,
    leaseUntil: iso(r.lease_until),
    failures: Number(r.failures),
    lastRunAt: iso(r.last_run_at),
    lastSuccessAt: iso(r.last_success_at),
    lastErrorAt: iso(r.last_error_at),
    lastError: (r.last_error as string | null) ?? null,
    lastRun: (typeof r.last_run === "string" ? JSON.parse(r.last_run) : (r.last_run ?? null)) as LastRun | null,
    itemsSeen: Number(r.items_seen),
    itemsNew: Number(r.items_new),
    itemsFailed: Number(r.items_failed),
    newestItemAt: iso(r.newest_item_at),
    typicalGapSeconds: r.typical_gap_seconds === null || r.typical_gap_seconds === undefined ? null : Number(r.typical_gap_seconds),
  };
}

/** Adds a source, or — when one of that kind and address exists — updates its fields (an import run twice changes nothing). */
export async function addSource(store: Store, fields: SourceFields): Promise<{ source: Source; created: boolean }> {
  const f = SourceFields.parse(fields);
  const address = normalizeAddress(f.kind, f.address);
  const interval = intervalOf(f) ?? DEFAULT_INTERVAL_SECONDS;
  const [existing] = await store.execute("SELECT id FROM sources WHERE kind = $1 AND address = $2", [f.kind, address]);
  if (existing) {
    const source = await updateSource(store, Number(existing.id), {
      label: f.label,
      language: f.language,
      type: f.type,
      intervalSeconds: intervalOf(f),
      enabled: f.enabled,
      backfillUntil: f.backfillUntil,
    });
    return { source: source as Source, created: false };
  }
  const [row] = await store.execute(
    `INSERT INTO sources (kind, address, label, language, type, interval_seconds, enabled, backfill_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (kind, address) DO NOTHING RETURNING ${COLUMNS}`,
    [f.kind, address, f.label ?? null, f.language ?? "auto", f.type ?? "media", interval, f.enabled ?? true, f.backfillUntil ?? null],
  );
  if (!row) return addSource(store, fields); // added meanwhile by another process: update it instead
  return { source: sourceFromRow(row), created: true };
}

export async function updateSource(store: Store, id: number, changes: SourceChanges): Promise<Source | null> {
  const c = SourceChanges.parse(changes);
  const sets: string[] = [];
  const params: unknown[] = [];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (c.label !== undefined) set("label", c.label);
  if (c.language !== undefined) set("language", c.language);
  if (c.type !== undefined) set("type", c.type);
  const interval = intervalOf(c);
  if (interval !== undefined) set("interval_seconds", interval);
  if (c.enabled !== undefined) set("enabled", c.enabled);
  if (c.backfillUntil !== undefined) {
    set("backfill_until", c.backfillUntil);
    // A new backfill date is read anew, from the newest post down.
    sets.push("cursor = cursor - 'backfillDone' - 'backfillBefore'");
  }
  if (!sets.length) return getSource(store, id);
  params.push(id);
  const [row] = await store.execute(`UPDATE sources SET ${sets.join(", ")} WHERE id = $${params.length} RETURNING ${COLUMNS}`, params);
  return row ? sourceFromRow(row) : null;
}

export async function getSource(store: Store, id: number): Promise<Source | null> {
  const [row] = await store.execute(`SELECT ${COLUMNS} FROM sources WHERE id = $1`, [id]);
  return row ? sourceFromRow(row) : null;
}

export async function listSources(store: Store): Promise<Source[]> {
  return (await store.execute(`SELECT ${COLUMNS} FROM sources ORDER BY id`)).map(sourceFromRow);
}

/** Removes a source; the reports collected from it stay (their source_id becomes null). */
export async function removeSource(store: Store, id: number): Promise<boolean> {
  return (await store.execute("DELETE FROM sources WHERE id = $1 RETURNING id", [id])).length > 0;
}

/**
 * The `source` name reports collected from it are stored under: its label, else telegram:HANDLE,
 * feed:TITLE or web:HOST. It is part of their natural key, so the scheduler fixes it at the first
 * run (cursor.name) and a later change of label or feed title does not duplicate reports.
 */
export function reportSourceName(source: Pick<Source, "kind" | "address" | "label" | "cursor">, feedTitle?: string | null): string {
  if (source.cursor.name) return source.cursor.name;
  if (source.label?.trim()) return source.label.trim();
  if (source.kind === "telegram") return `telegram:${source.address}`;
  if (source.kind === "rss") return `feed:${feedTitle?.trim() || new URL(source.address).host}`;
  return `web:${new URL(source.address).host}`;
}
