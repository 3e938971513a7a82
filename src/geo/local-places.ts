// Places users add (villages GeoNames lacks). They live in the store (table local_places, one per
// name and region), so every process on the store — serve, workers, ingest, reextract — sees the
// same ones. DATA/local-places.json, where they were kept before, is read too: imported into the
// store once (an import changes nothing the second time), and kept as this machine's copy for the
// commands that open no store (`skywatch extract`, `skywatch place NAME`) and as the inbox of
// `place add` while `serve` holds an embedded store (serve imports it; see live-places.ts).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "../store/database.js";
import type { LocalPlace } from "./gazetteer.js";

export function localPlacesFile(dataDir: string): string {
  return join(dataDir, "local-places.json");
}

const sameName = (a: LocalPlace, b: LocalPlace) => a.name.toLowerCase() === b.name.toLowerCase() && a.region === b.region;

/** Why a place cannot be kept, or null: a name, an ISO-looking region, coordinates on the globe. */
export function localPlaceProblem(p: Partial<LocalPlace>): string | null {
  if (typeof p.name !== "string" || !p.name.trim()) return "a place needs a name";
  if (p.name.length > 200) return "a place's name is longer than 200 characters";
  if (typeof p.region !== "string" || !/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(p.region))
    return "a place needs an ISO 3166-2 region such as RU-BEL";
  if (typeof p.lat !== "number" || !Number.isFinite(p.lat) || p.lat < -90 || p.lat > 90) return "lat must be decimal degrees (-90 to 90)";
  if (typeof p.lon !== "number" || !Number.isFinite(p.lon) || p.lon < -180 || p.lon > 180)
    return "lon must be decimal degrees (-180 to 180)";
  if (p.names !== undefined && !(Array.isArray(p.names) && p.names.every((n) => typeof n === "string")))
    return "names must be a list of strings";
  return null;
}

export function readLocalPlaces(dataDir: string): LocalPlace[] {
  const file = localPlacesFile(dataDir);
  if (!existsSync(file)) return [];
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8"));
    return Array.isArray(parsed.places) ? parsed.places : [];
  } catch (err) {
    throw new Error(`${file} is not valid JSON (${(err as Error).message}); fix or remove it.`);
  }
}

/** Adds (or replaces, by name and region) a place in the file; written atomically so a crash loses nothing. */
export function addLocalPlace(dataDir: string, place: LocalPlace): LocalPlace[] {
  return writeLocalPlaces(dataDir, [...readLocalPlaces(dataDir).filter((p) => !sameName(p, place)), place]);
}

/** Writes the file's list (atomically). */
export function writeLocalPlaces(dataDir: string, places: LocalPlace[]): LocalPlace[] {
  const file = localPlacesFile(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ places }, null, 1)}\n`);
  renameSync(`${file}.tmp`, file);
  return places;
}

const fromRow = (r: Record<string, unknown>): LocalPlace => {
  const names = Array.isArray(r.names) ? (r.names as string[]) : [];
  return { name: String(r.name), region: String(r.region), lat: Number(r.lat), lon: Number(r.lon), ...(names.length ? { names } : {}) };
};

/** Every place in the store, in the order they were added. */
export async function listLocalPlaces(db: Db): Promise<LocalPlace[]> {
  const rows = (await db.execute(sql`SELECT name, names, region, lat, lon FROM local_places ORDER BY id`)) as unknown;
  return rowsOf(rows).map(fromRow);
}

/** What tells a reader the places changed: their number and the last change. */
export async function localPlacesStamp(db: Db): Promise<string> {
  const [row] = rowsOf(
    await db.execute(sql`SELECT count(*)::int AS n, coalesce(max(id), 0)::int AS id, max(updated_at)::text AS at FROM local_places`),
  );
  return `${row?.n}|${row?.id}|${row?.at}`;
}

/** PGlite answers {rows}, node-postgres {rows} too; drizzle's execute gives either shape. */
function rowsOf(result: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(result)) return result as Array<Record<string, unknown>>;
  return ((result as { rows?: unknown[] }).rows ?? []) as Array<Record<string, unknown>>;
}

/**
 * Adds places to the store, or replaces those of the same name (any case) and region; returns how
 * many were new or changed. Throws with what is wrong when a place is not valid.
 */
export async function saveLocalPlaces(db: Db, places: LocalPlace[]): Promise<number> {
  for (const p of places) {
    const problem = localPlaceProblem(p);
    if (problem) throw new Error(`${p.name ?? "place"}: ${problem}`);
  }
  if (!places.length) return 0;
  const values = places.map((p) => ({ name: p.name.trim(), names: p.names ?? [], region: p.region, lat: p.lat, lon: p.lon }));
  // One statement: rows whose values are the same are left alone (their updated_at too).
  const rows = rowsOf(
    await db.execute(sql`INSERT INTO local_places (name, names, region, lat, lon)
      SELECT name, names, region, lat, lon
      FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(name text, names jsonb, region text, lat double precision, lon double precision)
      ON CONFLICT (lower(name), region) DO UPDATE SET name = excluded.name, names = excluded.names, lat = excluded.lat, lon = excluded.lon, updated_at = now()
      WHERE (local_places.name, local_places.names, local_places.lat, local_places.lon) IS DISTINCT FROM (excluded.name, excluded.names, excluded.lat, excluded.lon)
      RETURNING id`),
  );
  return rows.length;
}

/** Imports DATA/local-places.json into the store (again: nothing changes); returns the places read and how many were new or changed. */
export async function importLocalPlacesFile(db: Db, dataDir: string): Promise<{ read: number; saved: number }> {
  const places = readLocalPlaces(dataDir);
  // Last one wins within the file, as addLocalPlace kept it.
  const unique = places.filter((p, i) => !places.slice(i + 1).some((q) => sameName(p, q)));
  const valid = unique.filter((p) => {
    const problem = localPlaceProblem(p);
    if (problem) console.error(`skywatch: ${localPlacesFile(dataDir)}: ${p.name ?? "a place"} is not imported: ${problem}`);
    return !problem;
  });
  return { read: places.length, saved: await saveLocalPlaces(db, valid) };
}
