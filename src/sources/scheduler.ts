// Collection on schedule. Due sources are leased in the database (`FOR UPDATE SKIP LOCKED`, with
// an expiry), so that any number of processes — `serve` on an embedded store, `skywatch worker`s
// on PostgreSQL — never collect one source at once, and a lease whose holder died runs out.
// Each page's items are stored, then the source's cursor and counters saved, so a restart
// resumes (and storing is idempotent, so a page stored but not yet recorded is stored once).
// Errors back off exponentially with jitter; requests to one host are spaced by a politeness delay.
import { hostname } from "node:os";
import type { PlaceResolver } from "../extract/place-resolver.js";
import { ingest } from "../ingest/ingest.js";
import { allowPrivateFromEnv, type FetchedPage, guardedFetch } from "../net/guarded-fetch.js";
import type { Store } from "../store/database.js";
import { type Batch, CollectError, collectSource } from "./collect.js";
import { medianGap } from "./health.js";
import { type LastRun, SOURCE_COLUMNS, type Source, sourceFromRow } from "./registry.js";

export interface CollectorOptions {
  places?: PlaceResolver | null;
  /** Who holds the leases this collector takes (default host:pid:random). */
  owner?: string;
  /** How long a lease lasts before another process may take the source (renewed after every page; default 300 s). */
  leaseSeconds?: number;
  /** Sources collected at once (default 4). */
  concurrency?: number;
  /** Least time between two requests to one host (default 1000 ms). */
  politenessMs?: number;
  /** Reach hosts of a private network too (default: env SKYWATCH_ALLOW_PRIVATE_URLS=1). */
  allowPrivate?: boolean;
  /** Base of Telegram's web preview (default https://t.me). */
  telegramBase?: string;
  /** How often the loop of start() looks for due sources (default 5000 ms). */
  tickMs?: number;
  /** Longest wait after errors (default 6 h). */
  maxBackoffSeconds?: number;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** Random numbers in [0, 1) for the jitter (tests pin it). */
  random?: () => number;
  log?: (line: string) => void;
  /** Called after each page's items are stored (benchmarks measure fetch → stored lag with it). */
  onBatch?: (info: { sourceId: number; items: number; fetchedAt: number; storedAt: number }) => void;
}

export interface RunResult {
  sourceId: number;
  status: LastRun["status"];
  seen: number;
  new: number;
  versions: number;
  failed: number;
  pages: number;
  error: string | null;
  /** Seconds until the next run. */
  nextInSeconds: number;
}

/** Another process took the source (our lease ran out): stop without recording anything. */
class LeaseLost extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Spaces requests to one host by at least `delayMs`, whatever source they are for. */
export class HostPacer {
  private next = new Map<string, number>();
  constructor(private readonly delayMs: number) {}
  async wait(url: string): Promise<void> {
    if (this.delayMs <= 0) return;
    const host = new URL(url).host;
    const now = Date.now();
    const at = Math.max(now, this.next.get(host) ?? 0);
    this.next.set(host, at + this.delayMs);
    if (at > now) await sleep(at - now);
  }
}

/** Seconds to wait after the `failures`-th error in a row: interval × 2^failures, capped, with jitter (50–100 %). */
export function backoffSeconds(intervalSeconds: number, failures: number, maxSeconds: number, random: () => number): number {
  const full = Math.min(maxSeconds, intervalSeconds * 2 ** Math.min(failures, 30));
  return Math.max(1, Math.round(full * (0.5 + 0.5 * random())));
}

export class Collector {
  readonly owner: string;
  private readonly pacer: HostPacer;
  private readonly o: Required<Omit<CollectorOptions, "places" | "onBatch" | "owner">> & Pick<CollectorOptions, "places" | "onBatch">;
  private leasesCleared = false;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    options: CollectorOptions = {},
  ) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.o = {
      places: options.places ?? null,
      onBatch: options.onBatch,
      leaseSeconds: options.leaseSeconds ?? 300,
      concurrency: options.concurrency ?? 4,
      politenessMs: options.politenessMs ?? 1000,
      allowPrivate: options.allowPrivate ?? allowPrivateFromEnv(),
      // SKYWATCH_TELEGRAM_BASE: a mirror of t.me's web preview (or a local server in tests).
      telegramBase: options.telegramBase ?? process.env.SKYWATCH_TELEGRAM_BASE ?? "https://t.me",
      tickMs: options.tickMs ?? 5000,
      maxBackoffSeconds: options.maxBackoffSeconds ?? 6 * 3600,
      timeoutMs: options.timeoutMs ?? 30_000,
      random: options.random ?? Math.random,
      log: options.log ?? (() => {}),
    };
    this.pacer = new HostPacer(this.o.politenessMs);
  }

  /**
   * Leases up to `limit` sources: the due ones, or those of `ids` whatever their schedule
   * (disabled ones too: the user named them). Rows another process holds are skipped.
   */
  private async lease(limit: number, ids: number[] | null, done: number[]): Promise<Source[]> {
    // An embedded store has one process (its directory lock): leases left by a killed one are void.
    if (this.store.kind === "pglite" && !this.leasesCleared) {
      await this.store.execute("UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL");
      this.leasesCleared = true;
    }
    const which = ids ? "id = ANY($4::int[])" : "enabled AND next_run_at <= now() AND $4::int[] IS NOT NULL";
    const rows = await this.store.execute(
      `UPDATE sources SET lease_owner = $1, lease_until = now() + make_interval(secs => $2::float8)
       WHERE id IN (
         SELECT id FROM sources
         WHERE ${which} AND (lease_until IS NULL OR lease_until < now()) AND NOT (id = ANY($5::int[]))
         ORDER BY next_run_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING ${SOURCE_COLUMNS}`,
      [this.owner, this.o.leaseSeconds, limit, ids ?? [], done],
    );
    return rows.map(sourceFromRow);
  }

  /** Collects every due source (or those of `ids` now) once, `concurrency` at a time; resolves when all are done. */
  async runDue(ids: number[] | null = null): Promise<RunResult[]> {
    const results: RunResult[] = [];
    const done: number[] = [];
    const running = new Set<Promise<void>>();
    for (;;) {
      // Once stopping, nothing new is leased; what runs finishes.
      const free = this.stopping && !ids ? 0 : this.o.concurrency - running.size;
      const leased = free > 0 ? await this.lease(free, ids, done) : [];
      for (const source of leased) {
        done.push(source.id);
        const p: Promise<void> = this.runOne(source).then((r) => {
          results.push(r);
          running.delete(p);
        });
        running.add(p);
      }
      if (!running.size) break;
      // Wait for one to finish before leasing more.
      await Promise.race(running);
    }
    return results;
  }

  private async runOne(source: Source): Promise<RunResult> {
    const started = Date.now();
    const counts = { seen: 0, new: 0, versions: 0, failed: 0 };
    const dates: string[] = [];
    let newestItem: string | null = null;
    const ctx = {
      telegramBase: this.o.telegramBase,
      fetch: async (url: string, headers: Record<string, string> = {}): Promise<FetchedPage> => {
        await this.pacer.wait(url);
        return guardedFetch(url, {
          headers: { "user-agent": "skywatch (+https://example.org/skywatch)", ...headers },
          allowPrivate: this.o.allowPrivate,
          timeoutMs: this.o.timeoutMs,
        });
      },
      save: async (batch: Batch) => {
        const summary = batch.items.length
          ? await ingest(
              this.store,
              batch.items.map((i) => i.report),
              { places: this.o.places, batchSize: 25 },
            )
          : { stored: 0, newVersions: 0, failed: 0, errors: [] as string[] };
        const storedAt = Date.now();
        const added = { seen: batch.seen, new: summary.stored + summary.newVersions, failed: summary.failed + batch.failed.length };
        counts.seen += added.seen;
        counts.new += added.new;
        counts.versions += summary.newVersions;
        counts.failed += added.failed;
        for (const e of [...batch.failed, ...summary.errors]) this.o.log(`source ${source.id}: ${e}`);
        const batchNewest = batch.items.reduce<string | null>((m, i) => (i.date && (!m || i.date > m) ? i.date : m), null);
        for (const i of batch.items) if (i.date) dates.push(i.date);
        if (batchNewest && (!newestItem || batchNewest > newestItem)) newestItem = batchNewest;
        const updated = await this.store.execute(
          `UPDATE sources SET cursor = $2::jsonb, items_seen = items_seen + $3, items_new = items_new + $4, items_failed = items_failed + $5,
             newest_item_at = GREATEST(newest_item_at, $6::timestamptz), lease_until = now() + make_interval(secs => $8::float8)
           WHERE id = $1 AND lease_owner = $7 RETURNING id`,
          [source.id, JSON.stringify(batch.cursor), added.seen, added.new, added.failed, batchNewest, this.owner, this.o.leaseSeconds],
        );
        if (!updated.length) throw new LeaseLost(`source ${source.id}: the lease ran out and another process took it`);
        // The next page starts from this cursor.
        source.cursor = batch.cursor;
        this.o.onBatch?.({ sourceId: source.id, items: batch.items.length, fetchedAt: batch.fetchedAt, storedAt });
      },
    };
    try {
      const outcome = await collectSource(source, ctx);
      const gap = medianGap(dates);
      const typical =
        gap === null ? source.typicalGapSeconds : source.typicalGapSeconds === null ? gap : 0.7 * source.typicalGapSeconds + 0.3 * gap;
      const lastRun: LastRun = { status: outcome.status, ...counts, pages: outcome.pages, ms: Date.now() - started };
      await this.store.execute(
        `UPDATE sources SET lease_owner = NULL, lease_until = NULL, failures = 0, last_run_at = now(), last_success_at = now(),
           last_run = $2::jsonb, etag = $3, last_modified = $4, next_run_at = now() + make_interval(secs => $5::float8),
           typical_gap_seconds = $6
         WHERE id = $1 AND lease_owner = $7`,
        [source.id, JSON.stringify(lastRun), outcome.etag, outcome.lastModified, source.intervalSeconds, typical, this.owner],
      );
      this.o.log(
        `source ${source.id} (${source.kind} ${source.address}): ${outcome.status === "unchanged" ? "unchanged" : `${counts.seen} items, ${counts.new} new (${counts.versions} new versions), ${counts.failed} failed`}`,
      );
      return {
        sourceId: source.id,
        status: outcome.status,
        ...counts,
        pages: outcome.pages,
        error: null,
        nextInSeconds: source.intervalSeconds,
      };
    } catch (err) {
      if (err instanceof LeaseLost) {
        this.o.log(err.message);
        return { sourceId: source.id, status: "error", ...counts, pages: 0, error: err.message, nextInSeconds: 0 };
      }
      const message =
        err instanceof CollectError ? err.message : `collection failed: ${(err as Error).message.split("\n")[0].slice(0, 300)}`;
      const failures = source.failures + 1;
      const wait = backoffSeconds(source.intervalSeconds, failures, this.o.maxBackoffSeconds, this.o.random);
      const lastRun: LastRun = { status: "error", ...counts, pages: 0, ms: Date.now() - started };
      await this.store.execute(
        `UPDATE sources SET lease_owner = NULL, lease_until = NULL, failures = failures + 1, last_run_at = now(), last_error_at = now(),
           last_error = $2, last_run = $3::jsonb, next_run_at = now() + make_interval(secs => $4::float8)
         WHERE id = $1 AND lease_owner = $5`,
        [source.id, message, JSON.stringify(lastRun), wait, this.owner],
      );
      this.o.log(`source ${source.id}: ${message}; error ${failures} in a row, next try in ${wait} s`);
      return { sourceId: source.id, status: "error", ...counts, pages: 0, error: message, nextInSeconds: wait };
    }
  }

  /** Collects due sources every tickMs until stop(). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = (async () => {
      while (!this.stopping) {
        try {
          await this.runDue();
        } catch (err) {
          this.o.log(`collection round failed: ${(err as Error).message.split("\n")[0]}`);
        }
        if (this.stopping) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.o.tickMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    })();
  }

  /** Stops the loop; sources being collected finish their current run first. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }
}

/**
 * The scheduler of `serve` (embedded store) and `skywatch worker` (PostgreSQL): collects the
 * registered sources until stopped. SKYWATCH_COLLECT=0 turns it off (a worker that only extracts).
 */
export function startCollection(store: Store, places: PlaceResolver | null, who: string): Collector | null {
  if (process.env.SKYWATCH_COLLECT === "0") return null;
  const collector = new Collector(store, { places, log: (line) => console.error(`${who}: ${line}`) });
  collector.start();
  return collector;
}
