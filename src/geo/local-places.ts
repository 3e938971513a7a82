// Places users add (villages GeoNames lacks), kept in a JSON file in the data directory so
// that every lookup consults them. The store (PostgreSQL) takes this over once it exists.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { LocalPlace } from "./gazetteer.js";

export function localPlacesFile(dataDir: string): string {
  return join(dataDir, "local-places.json");
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

/** Adds (or replaces, by name and region) a place; written atomically so a crash loses nothing. */
export function addLocalPlace(dataDir: string, place: LocalPlace): LocalPlace[] {
  const places = readLocalPlaces(dataDir).filter((p) => !(p.name.toLowerCase() === place.name.toLowerCase() && p.region === place.region));
  places.push(place);
  const file = localPlacesFile(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ places }, null, 1)}\n`);
  renameSync(`${file}.tmp`, file);
  return places;
}
