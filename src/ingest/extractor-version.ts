// Which extractor made an incident: the package version and a hash of what extraction reads —
// its code (src/extract, src/geo, src/model), the language data (data/lang/**), the regions and
// the gazetteer's lookup files. Computed once per process on first use (about 6 MB hashed, a few
// tens of milliseconds), so that a lexicon or code change is a new version without anyone
// remembering to bump a number, and `skywatch reextract` knows which reports to read again.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { dataPath } from "../data-files.js";

const CODE_DIRS = ["extract", "geo", "model"];
const DATA = [
  "lang",
  "regions.tsv",
  "gazetteer/index.bin.gz",
  "gazetteer/columns.bin.gz",
  "gazetteer/settlements.tsv.gz",
  "gazetteer/regions.json",
];

function filesUnder(path: string, keep: (name: string) => boolean): string[] {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    return [path]; // a file, not a folder
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(path, e.name), keep) : keep(e.name) ? [join(path, e.name)] : []));
}

let memo: string | null = null;

/** "0.1.0+3f2a9c0d1e4b": the same for every process running the same code on the same data. */
export function extractorVersion(): string {
  if (memo) return memo;
  const here = fileURLToPath(new URL(".", import.meta.url));
  const root = join(here, "..", "..");
  const hash = createHash("sha256");
  // Compiled code (dist/*.js) or source (src/*.ts, under vitest): tests and maps are not the extractor.
  const code = (name: string) => /\.(js|ts)$/.test(name) && !/\.(test|d)\.ts$/.test(name);
  const files = [
    ...CODE_DIRS.flatMap((d) => filesUnder(join(here, "..", d), code)),
    ...DATA.flatMap((d) => filesUnder(dataPath(d), () => true)),
  ];
  for (const file of files) {
    hash.update(relative(root, file));
    hash.update("\0");
    hash.update(readFileSync(file));
  }
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  memo = `${version}+${hash.digest("hex").slice(0, 12)}`;
  return memo;
}
