// Debian's Chromium driven by playwright-core (never a downloaded browser). Outside CI a machine
// without /usr/bin/chromium skips the browser tests; in CI (CI=true) its absence is a failure.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing: install it with 'apt-get install -y chromium'`);

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--no-first-run",
      "--disable-component-update",
    ],
  });

/** Screenshots are kept as test artefacts in test-artifacts/ (ignored by git, kept by CI). */
export function artefact(name: string): string {
  const dir = join(import.meta.dirname, "..", "..", "test-artifacts");
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
