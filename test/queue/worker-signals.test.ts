// How a worker is told to stop: the first SIGINT or SIGTERM asks it to stop gently, the second of
// either (whichever came first) ends it at once; disposed, it leaves the signals as it found them.
import { describe, expect, it } from "vitest";
import { listenForStop, signalExitCode } from "../../src/cli/worker-signals.js";

describe("a worker's stop signals", () => {
  it("resolves at the first signal and calls atOnce at the second, of either kind", async () => {
    const before = { int: process.listenerCount("SIGINT"), term: process.listenerCount("SIGTERM") };
    const atOnce: NodeJS.Signals[] = [];
    const signals = listenForStop((s) => atOnce.push(s));
    try {
      process.emit("SIGINT", "SIGINT");
      expect(await signals.first).toBe("SIGINT");
      expect(atOnce).toEqual([]);
      process.emit("SIGTERM", "SIGTERM");
      expect(atOnce).toEqual(["SIGTERM"]);
    } finally {
      signals.dispose();
    }
    expect({ int: process.listenerCount("SIGINT"), term: process.listenerCount("SIGTERM") }).toEqual(before);
  });

  it("exits as shells report a process ended by the signal", () => {
    expect(signalExitCode("SIGINT")).toBe(130);
    expect(signalExitCode("SIGTERM")).toBe(143);
  });
});
