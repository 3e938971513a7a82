// The CLI tests run the compiled command (bin/skywatch.js → dist/), so compile once first.
import { execFileSync } from "node:child_process";

export default function setup() {
  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
}
