// The CLI tests run the compiled command (bin/skywatch.js → dist/) and the browser tests the built
// dashboard (dist/web), so build both once first.
import { execFileSync } from "node:child_process";

export default function setup() {
  execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
}
