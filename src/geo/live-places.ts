// The place resolver of a long-running process (serve, a worker): the shipped gazetteer plus the
// places users added in the store, reloaded when they change — a place added with `skywatch place
// add` (or by another process on the same PostgreSQL database) is used from the next report on,
// without a restart. A change is noticed by a cheap look at the table every few seconds (the count
// and last change of local_places), and, when the process holds an embedded store, by the file
// DATA/local-places.json that `place add` writes while it cannot open the store: serve imports it.
import { statSync } from "node:fs";
import type { PlaceResolver } from "../extract/place-resolver.js";
import type { Store } from "../store/database.js";
import { loadGazetteer } from "./gazetteer.js";
import { importLocalPlacesFile, listLocalPlaces, localPlacesFile, localPlacesStamp } from "./local-places.js";
import { defaultPlaceResolver, gazetteerResolver } from "./resolver.js";

export interface LivePlaces {
  /** Always answers with the places of the last reload. */
  places: PlaceResolver;
  /** Looks for changes now; true when the places were reloaded. */
  refresh(): Promise<boolean>;
  /** How many local places the resolver knows. */
  count(): number;
  stop(): void;
}

export interface LivePlacesOptions {
  /** The data directory whose local-places.json is imported (once, and again when it changes). */
  dataDir?: string;
  /** How often to look for changes (ms; default 2000; 0: only on refresh()). */
  everyMs?: number;
}

const mtimeOf = (file: string): number => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

/** A resolver that forwards every call to the current one, so that callers keep one object. */
function forwarding(current: () => PlaceResolver): PlaceResolver {
  return new Proxy({} as PlaceResolver, {
    get(_target, key) {
      const resolver = current() as unknown as Record<string | symbol, unknown>;
      const value = resolver[key];
      return typeof value === "function" ? value.bind(resolver) : value;
    },
    has: (_target, key) => key in (current() as object),
  });
}

export async function livePlaceResolver(store: Store, options: LivePlacesOptions = {}): Promise<LivePlaces> {
  const file = options.dataDir ? localPlacesFile(options.dataDir) : null;
  let fileSeen = -1;
  let stamp = "";
  let current: PlaceResolver = defaultPlaceResolver();
  let known = 0;
  let running: Promise<boolean> | null = null;

  const check = async (): Promise<boolean> => {
    if (file && options.dataDir) {
      const mtime = mtimeOf(file);
      if (mtime !== fileSeen) {
        fileSeen = mtime;
        if (mtime)
          try {
            await importLocalPlacesFile(store.db, options.dataDir);
          } catch (err) {
            console.error(`skywatch: the places of ${file} could not be imported (${(err as Error).message})`);
          }
      }
    }
    const now = await localPlacesStamp(store.db);
    if (now === stamp) return false;
    stamp = now;
    const local = await listLocalPlaces(store.db);
    current = local.length ? gazetteerResolver(loadGazetteer(local)) : defaultPlaceResolver();
    known = local.length;
    return true;
  };
  // One look at a time: a slow reload is not started twice.
  const refresh = () => {
    running ??= check().finally(() => {
      running = null;
    });
    return running;
  };

  await refresh();
  const every = options.everyMs ?? 2000;
  const timer = every
    ? setInterval(() => {
        refresh().catch((err) => console.error(`skywatch: local places were not reloaded (${(err as Error).message})`));
      }, every)
    : null;
  timer?.unref();
  return { places: forwarding(() => current), refresh, count: () => known, stop: () => timer && clearInterval(timer) };
}
