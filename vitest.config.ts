import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Two test files at a time: most of a file's time is spent waiting on child processes, PostgreSQL
    // and Chromium, and one at a time the suite took ~27 of CI's 30 minutes.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
