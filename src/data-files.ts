// Locates the data files shipped in the repository's data/ folder. This module sits one
// level below the package root both as source (src/) and compiled (dist/), so one relative
// URL serves tests, the CLI and the server alike.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function dataPath(name: string): string {
  return fileURLToPath(new URL(`../data/${name}`, import.meta.url));
}

export function readDataFile(name: string): string {
  return readFileSync(dataPath(name), "utf8");
}

export function readDataJson<T>(name: string): T {
  return JSON.parse(readDataFile(name)) as T;
}
