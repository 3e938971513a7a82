// `skywatch subscribe` and `skywatch subscriptions` as a user runs them: on the store, and through
// the `skywatch serve` that holds it (its webhook then alerts a local receiver).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runAsync } from "../helpers/run-async.js";
import { json, kill9, listening, type Proc, startReceiver, startSkywatch, waitFor } from "./helpers.js";

const bin = join(import.meta.dirname, "..", "..", "bin", "skywatch.js");
const skywatch = (args: string[], env: Record<string, string> = {}) =>
  runAsync(process.execPath, [bin, ...args], { timeout: 60_000, env: { ...process.env, ...env } });

describe("skywatch subscribe / subscriptions", () => {
  let serve: Proc | null = null;
  afterAll(async () => {
    if (serve) await kill9(serve);
  });

  it("makes, lists, pauses and deletes subscriptions on the store, and through a running server", async () => {
    const data = mkdtempSync(join(tmpdir(), "skywatch-subscribe-cli-"));
    const made = await skywatch([
      "subscribe",
      "--feed",
      "--place",
      "Шебекино",
      "--radius",
      "10",
      "--kind",
      "strike",
      "--data",
      data,
      "--json",
    ]);
    expect(made.status, made.stderr).toBe(0);
    const created = JSON.parse(made.stdout);
    expect(created.token).toMatch(/^sws_/);
    expect(created.subscription).toMatchObject({ channel: "feed", filter: { place: "Shebekino", radiusKm: 10, kinds: ["strike"] } });
    expect(created.subscription.links.feed).toMatch(/\/api\/feeds\/subscriptions\/\d+\.atom\?key=/);

    const wrong = await skywatch(["subscribe", "--webhook", "ftp://example.org", "--data", data]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/url must be http or https/);
    const none = await skywatch(["subscribe", "--region", "RU-BEL", "--data", data]);
    expect(none.status).toBe(2);

    const paused = await skywatch(["subscriptions", "pause", String(created.id), "--data", data]);
    expect(paused.status, paused.stderr).toBe(0);
    expect(paused.stdout).toMatch(/feed .* paused .*strike 10 km of Shebekino/);

    // While serve holds the store, the commands go through it.
    const receiver = await startReceiver();
    try {
      serve = startSkywatch(["serve", "--port", "0", "--no-sample", "--open-writes", "--allow-private-urls", "--data", data]);
      const url = await listening(serve);
      const hook = await skywatch([
        "subscribe",
        "--webhook",
        receiver.url,
        "--region",
        "RU-BEL",
        "--casualties",
        "--trends",
        "--data",
        data,
      ]);
      expect(hook.status, hook.stderr).toBe(0);
      const secret = hook.stdout.match(/secret: (\S+)/)?.[1] as string;
      expect(secret).toMatch(/^whsec_/);
      receiver.secret = secret;
      const listed = await skywatch(["subscriptions", "--data", data]);
      expect(listed.status, listed.stderr).toBe(0);
      expect(listed.stdout.trim().split("\n")).toHaveLength(2);
      expect(listed.stdout).toMatch(/webhook http:\/\/127\.0\.0\.1:\d+\/hook .* active {2}RU-BEL casualties \+trends/);

      const posted = await json("POST", `${url}/api/reports`, {
        text: "В Шебекино беспилотник ударил по зданию администрации, ранены двое, сообщил губернатор Вячеслав Гладков.",
        published: "2025-06-01",
        source: "cli",
      });
      expect(posted.status).toBe(201);
      await waitFor(() => receiver.accepted.size === 1, 15_000, "the alert");
      expect([...receiver.accepted.values()][0].signed).toBe(true);
      const id = hook.stdout.match(/id: +(\d+)/)?.[1] as string;
      const deliveries = await skywatch(["subscriptions", "deliveries", id, "--data", data]);
      expect(deliveries.status, deliveries.stderr).toBe(0);
      expect(deliveries.stdout).toMatch(/pending 0, delivered 1, dead 0/);
      const deleted = await skywatch(["subscriptions", "delete", id, "--data", data]);
      expect(deleted.status, deleted.stderr).toBe(0);
      expect((await skywatch(["subscriptions", "show", id, "--data", data])).status).toBe(1);
    } finally {
      await receiver.close();
    }
  }, 120_000);
});
