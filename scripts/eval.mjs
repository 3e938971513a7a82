#!/usr/bin/env node
// npm run eval -- DIR: runs the extractor over DIR (ID.txt + ID.meta.json + ID.gold.json)
// and prints the report of ../shared/eval/score.mjs (or SKYWATCH_SCORER).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--"));
if (!dir) {
  console.error("usage: npm run eval -- DIR [--out PRED_DIR] [score.mjs options such as --json]");
  process.exit(2);
}
const outIndex = args.indexOf("--out");
const out = outIndex >= 0 ? args[outIndex + 1] : mkdtempSync(join(tmpdir(), "skywatch-eval-"));
const passThrough = args.filter((a, i) => a !== dir && i !== outIndex && i !== outIndex + 1);
const scorer = process.env.SKYWATCH_SCORER ?? join(resolve(dir), "..", "score.mjs");
if (!existsSync(scorer)) {
  console.error(`No scorer at ${scorer}; set SKYWATCH_SCORER to the path of score.mjs.`);
  process.exit(2);
}
execFileSync(process.execPath, [join(root, "bin", "skywatch.js"), "extract", "--dir", dir, "--out", out], {
  stdio: ["ignore", "ignore", "inherit"],
});
process.stdout.write(execFileSync(process.execPath, [scorer, dir, out, ...passThrough], { encoding: "utf8" }));
