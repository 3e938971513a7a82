#!/usr/bin/env node
// Entry point of the `skywatch` command: runs the compiled CLI (npm install builds it).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error("skywatch: the compiled code is missing (dist/). Run `npm install` or `npm run build` in the project folder.");
  process.exit(2);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
