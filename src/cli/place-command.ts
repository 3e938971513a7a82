// `skywatch place NAME` (ranked candidates), `skywatch place add NAME --region --lat --lon`,
// and `skywatch region LAT LON`.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { type LocalPlace, loadGazetteer } from "../geo/gazetteer.js";
import { addLocalPlace, importLocalPlacesFile, listLocalPlaces, localPlacesFile, readLocalPlaces } from "../geo/local-places.js";
import { describeHolder, readLock, StoreBusyError } from "../store/data-dir-lock.js";
import { requestJson, ServerError, type ServerTarget, servingHolder, targetFromUrl } from "./server-client.js";
import { describeStore, embeddedStoreDir, storeFromOptions } from "./store-options.js";

const DEFAULT_DATA = "./skywatch-data";

const PLACE_HELP = `Usage:
  skywatch place NAME [--region RU-BEL] [--json] [--limit N] [--data DIR]
      ranked candidates for a place name, in any of English, Russian or Ukrainian and any
      case form ("Щетиновке", "Shchetinovka", "Shchetynivka")
  skywatch place add NAME --region ISO --lat LAT --lon LON [--alias OTHER-NAME]... [--data DIR | --to URL [--key KEY]]
      add a settlement the gazetteer lacks (--alias: its other spellings, e.g. in Cyrillic);
      every later lookup and extraction sees it.
      Kept in the store (DATABASE_URL, or the embedded store in DIR; DIR defaults to
      ${DEFAULT_DATA}) and in DIR/local-places.json, this machine's copy. When 'skywatch serve'
      holds the embedded store, the place is sent to it (POST /api/places), which uses it at
      once; workers and other servers on a PostgreSQL store within seconds, without a restart.
      --to URL sends it to that server instead (--key KEY, or env SKYWATCH_API_KEY)`;

const REGION_HELP = `Usage: skywatch region LAT LON [--json]
  the region (ISO 3166-2) a point lies in, with its facts`;

export async function placeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      region: { type: "string" },
      lat: { type: "string" },
      lon: { type: "string" },
      json: { type: "boolean" },
      limit: { type: "string" },
      data: { type: "string" },
      alias: { type: "string", multiple: true },
      to: { type: "string" },
      key: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || !positionals.length) {
    console.log(PLACE_HELP);
    return values.help ? 0 : 2;
  }
  const dataDir = values.data ?? DEFAULT_DATA;
  if (positionals[0] === "add") return await addPlace(positionals.slice(1).join(" "), values, dataDir);
  const name = positionals.join(" ");
  // With a PostgreSQL server, the places every machine added; else this machine's copy (the embedded store may be held by serve).
  const g = loadGazetteer(process.env.DATABASE_URL ? await placesOnServer(dataDir) : readLocalPlaces(dataDir));
  if (values.region && !g.regionFacts(values.region))
    throw new Error(`unknown region '${values.region}': use an ISO 3166-2 code such as RU-BEL or UA-63.`);
  const limit = Number(values.limit ?? 5);
  const candidates = g.resolvePlace(name, { region: values.region ?? null, limit });
  if (values.json) {
    console.log(JSON.stringify(candidates.map(({ settlement, ...c }) => ({ ...c, settlement: settlement ?? null }))));
    return candidates.length ? 0 : 1;
  }
  if (!candidates.length) {
    console.error(`No place called '${name}' in the gazetteer. Add it with: skywatch place add "${name}" --region ISO --lat LAT --lon LON`);
    return 1;
  }
  for (const c of candidates) {
    const s = c.settlement;
    const detail = s
      ? [
          s.nameRu || s.nameUk,
          s.district,
          s.population ? `pop. ${s.population}` : "",
          s.id > 0 ? `geonames ${s.id}` : s.feature.toLowerCase(),
        ]
          .filter(Boolean)
          .join(", ")
      : "region";
    console.log(
      `${c.score.toFixed(2)}  ${c.name.padEnd(24)} ${c.region.padEnd(7)} ${c.lat.toFixed(4)}, ${c.lon.toFixed(4)}  ${c.precision}/${c.match}  (${detail})`,
    );
  }
  return 0;
}

async function placesOnServer(dataDir: string) {
  const store = await storeFromOptions(dataDir, "place");
  try {
    return await listLocalPlaces(store.db);
  } finally {
    await store.close();
  }
}

async function addPlace(
  name: string,
  values: { region?: string; lat?: string; lon?: string; alias?: string[]; to?: string; key?: string },
  dataDir: string,
): Promise<number> {
  const lat = Number(values.lat);
  const lon = Number(values.lon);
  if (!name || !values.region || values.lat === undefined || values.lon === undefined) {
    throw new Error(
      'place add needs a name, --region, --lat and --lon: skywatch place add "Togobievka" --region RU-BEL --lat 50.56 --lon 37.14',
    );
  }
  if (!Number.isFinite(lat) || lat < -90 || lat > 90 || !Number.isFinite(lon) || lon < -180 || lon > 180) {
    throw new Error(`--lat and --lon must be decimal degrees (got ${values.lat}, ${values.lon}).`);
  }
  const g = loadGazetteer();
  if (!g.regionFacts(values.region)) throw new Error(`unknown region '${values.region}': use an ISO 3166-2 code such as RU-BEL or UA-63.`);
  const inside = g.pointToRegion(lat, lon);
  if (inside && inside !== values.region) console.error(`note: ${lat}, ${lon} lies in ${inside}, not ${values.region}; added as given.`);
  const names = (values.alias ?? []).map((a) => a.trim()).filter(Boolean);
  const place: LocalPlace = { name, region: values.region, lat, lon, ...(names.length ? { names } : {}) };
  const added = `added ${name} (${values.region}) at ${lat}, ${lon}`;
  // --to: that server's store, nothing here.
  if (values.to) {
    const target = targetFromUrl(values.to, values.key);
    console.log(`${added}; ${await sendPlace(target, place)}`);
    return 0;
  }
  // This machine's copy first (also the inbox a running serve imports from), then the store.
  addLocalPlace(dataDir, place);
  const embedded = !process.env.DATABASE_URL;
  if (embedded && !existsSync(embeddedStoreDir(dataDir))) {
    // No store yet: none is made for one place; the first 'skywatch serve' on DIR imports the file.
    console.log(`${added} to ${localPlacesFile(dataDir)}`);
    console.error(
      `note: there is no store in ${embeddedStoreDir(dataDir)} yet; 'skywatch serve' imports the place when it first opens one.`,
    );
    return 0;
  }
  // A serve holding the store takes the place over HTTP and uses it at once (opening the store would take seconds, and is refused).
  const serving = await servingHolder(dataDir, values.key);
  if (serving) return toServer(serving, place, added, dataDir);
  const holder = embedded ? readLock(embeddedStoreDir(dataDir)) : null;
  if (holder) {
    console.log(`${added} to ${localPlacesFile(dataDir)}`);
    console.error(
      `note: the store is held by ${describeHolder(holder)}; the place goes into the store the next time 'skywatch serve' or 'skywatch place add' opens it.`,
    );
    return 0;
  }
  let store: Awaited<ReturnType<typeof storeFromOptions>>;
  try {
    store = await storeFromOptions(dataDir, "place");
  } catch (err) {
    if (!(err instanceof StoreBusyError)) throw err;
    // Taken between the look at the lock and now: by a serve, send it there; else the place is in the file, which the holder imports.
    const now = await servingHolder(dataDir, values.key);
    if (now) return toServer(now, place, added, dataDir);
    console.log(`${added} to ${localPlacesFile(dataDir)}`);
    console.error(`note: ${err.message.split(". ")[0]}; the place goes into the store from ${localPlacesFile(dataDir)}.`);
    return 0;
  }
  try {
    // The whole file: places added while the store was held go in too (an import changes nothing twice).
    await importLocalPlacesFile(store.db, dataDir);
    const count = (await listLocalPlaces(store.db)).length;
    console.log(`${added}; ${count} local place(s) in the ${describeStore(dataDir)}`);
  } finally {
    await store.close();
  }
  return 0;
}

/** POST /api/places; what the server now holds, in words. */
async function sendPlace(target: ServerTarget, place: LocalPlace): Promise<string> {
  const { body } = await requestJson<{ changed: boolean; places: number }>(target, "POST", "/api/places", place);
  return `${body.places} local place(s) in ${target.description}, which uses it from now on${body.changed ? "" : " (it had it already)"}`;
}

async function toServer(target: ServerTarget, place: LocalPlace, added: string, dataDir: string): Promise<number> {
  try {
    console.log(`${added}; ${await sendPlace(target, place)}`);
    return 0;
  } catch (err) {
    if (!(err instanceof ServerError) || err.status !== null) throw err;
    // Not answering: the file is the inbox serve imports from when it runs again.
    console.log(`${added} to ${localPlacesFile(dataDir)}`);
    console.error(`note: ${err.message}; serve imports the place from ${localPlacesFile(dataDir)} while it runs.`);
    return 0;
  }
}

export async function regionCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help || positionals.length !== 2) {
    console.log(REGION_HELP);
    return values.help ? 0 : 2;
  }
  const [lat, lon] = positionals.map(Number);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) throw new Error(`LAT and LON must be numbers, e.g. skywatch region 50.6 36.6`);
  const g = loadGazetteer();
  const iso = g.pointToRegion(lat, lon);
  if (!iso) {
    console.error(`${lat}, ${lon} is in no region of Russia or Ukraine that Skywatch knows.`);
    return 1;
  }
  const facts = g.regionFacts(iso);
  if (values.json) console.log(JSON.stringify(facts));
  else
    console.log(
      `${iso}  ${facts?.name}${facts?.bordersUkraine ? " (borders Ukraine)" : ""}${facts?.bordersBelarus ? " (borders Belarus)" : ""}`,
    );
  return 0;
}
