// Where `ingest` and `watch` put reports: into the store they open, or — with --to, or when a
// `skywatch serve` holds the embedded store — to that server over HTTP. Two processes never
// write one embedded store: what a command prints as stored is stored where the server sees it.
import type { PlaceResolver } from "../extract/place-resolver.js";
import { defaultPlaceResolver } from "../geo/resolver.js";
import { ingest } from "../ingest/ingest.js";
import { InputError } from "../ingest/readers.js";
import { type LockHolder, readLock, StoreBusyError } from "../store/data-dir-lock.js";
import type { Store } from "../store/database.js";
import type { ReportInput } from "../store/reports.js";
import { addSummary, emptySummary, PostError, type PostSummary, postReports } from "./post-reports.js";
import { DEFAULT_DATA_DIR, describeStore, embeddedStoreDir, storeFromOptions } from "./store-options.js";

type Inputs = Iterable<ReportInput | InputError> | AsyncIterable<ReportInput | InputError>;

export interface ReportSink {
  /** Where the reports go, in words. */
  description: string;
  put(inputs: Inputs, onProgress?: (done: number, summary: PostSummary) => void): Promise<PostSummary>;
  close(): Promise<void>;
}

export interface SinkOptions {
  data?: string;
  to?: string;
  key?: string;
  /** The command, as the store's lock names it. */
  command: string;
}

const POST_BATCH = 100;

export function storeSink(store: Store, places: PlaceResolver, description: string): ReportSink {
  return {
    description,
    put: async (inputs, onProgress) => ({
      ...(await ingest(store, inputs, { places, onProgress: (n, s) => onProgress?.(n, { ...s, queued: 0 }) })),
      queued: 0,
    }),
    close: () => store.close(),
  };
}

export function serverSink(base: string, key: string | null, description: string): ReportSink {
  if (!/^https?:\/\//.test(base)) throw new Error(`--to takes the server's URL, like http://127.0.0.1:8080 (got '${base}')`);
  return {
    description,
    async put(inputs, onProgress) {
      const summary = emptySummary();
      let done = 0;
      let batch: ReportInput[] = [];
      let refused: string | null = null;
      const send = async () => {
        const sending = batch;
        batch = [];
        if (!sending.length || refused) {
          summary.failed += sending.length;
          return;
        }
        try {
          addSummary(summary, await postReports(base, key, sending));
        } catch (err) {
          if (!(err instanceof PostError)) throw err;
          // Stop at the first refusal: what was accepted before stays counted, the rest is not sent.
          refused = err.message;
          summary.failed += sending.length;
          summary.errors.push(`not sent: ${err.message}`);
        }
        done += sending.length;
        onProgress?.(done, summary);
      };
      for await (const input of inputs) {
        if (input instanceof InputError) {
          summary.failed++;
          summary.errors.push(input.message);
          continue;
        }
        batch.push(input);
        if (batch.length >= POST_BATCH) await send();
      }
      await send();
      return summary;
    },
    close: async () => {},
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A `serve` that holds the store announces its URL once it listens: wait for that a while. */
export async function settledHolder(dataDir: string, holder: LockHolder): Promise<LockHolder | null> {
  const deadline = Date.now() + 60_000;
  let current: LockHolder | null = holder;
  while (current?.command === "serve" && !current.server && Date.now() < deadline) {
    await sleep(500);
    current = readLock(dataDir);
  }
  return current;
}

/** Opens where reports go for a command: --to URL, the store, or the server holding the store. */
export async function openReportSink(options: SinkOptions): Promise<ReportSink> {
  if (options.to) return serverSink(options.to, options.key ?? process.env.SKYWATCH_API_KEY ?? null, `the server at ${options.to}`);
  const places = defaultPlaceResolver(options.data ?? DEFAULT_DATA_DIR);
  const dir = embeddedStoreDir(options.data);
  for (let attempt = 0; ; attempt++) {
    try {
      const store = await storeFromOptions(options.data, options.command);
      return storeSink(store, places, describeStore(options.data));
    } catch (err) {
      if (!(err instanceof StoreBusyError)) throw err;
      const holder = await settledHolder(dir, err.holder);
      if (!holder && attempt === 0) continue; // it ended meanwhile: open the store ourselves
      if (!holder?.server) throw err;
      // A process that can read the data directory is trusted: it writes through the server with the token
      // the server left in its lock (readable by this user only).
      return serverSink(
        holder.server.url,
        options.key ?? holder.server.token,
        `skywatch serve at ${holder.server.url} (pid ${holder.pid}), which holds ${dir}`,
      );
    }
  }
}

export function formatSummary(s: PostSummary): string {
  return `${s.stored} stored, ${s.newVersions} new versions, ${s.duplicates} duplicates, ${s.failed} failed, ${s.incidents} incidents${s.queued ? `, ${s.queued} queued for workers` : ""}`;
}
