// The CLI's requests to a running server (place add, reextract): a server that turns a request away
// as overloaded (503, Retry-After) is asked again after the wait it names, and a refusal that is not
// an overload is reported at once. A real HTTP server on loopback answers.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { OVERLOAD_RETRIES, requestJson, ServerError } from "../../src/cli/server-client.js";

let server: Server | null = null;

/** A server that answers 503 (Retry-After 1) `busy` times, then `final`; counts the requests. */
async function serverBusyFor(busy: number, final: { status: number; body: unknown }) {
  const seen = { requests: 0 };
  server = createServer((req, res) => {
    seen.requests++;
    req.resume();
    if (seen.requests <= busy) {
      res.writeHead(503, { "content-type": "application/json", "retry-after": "1" });
      res.end(JSON.stringify({ error: "the server is overloaded; retry in 1 s", code: "OVERLOADED" }));
      return;
    }
    res.writeHead(final.status, { "content-type": "application/json" });
    res.end(JSON.stringify(final.body));
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { target: { url: `http://127.0.0.1:${port}`, key: null, description: "a test server" }, seen };
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

describe("requests of the CLI to a running server", () => {
  it("asks again after Retry-After while the server is overloaded, telling each wait", async () => {
    const { target, seen } = await serverBusyFor(2, { status: 200, body: { changed: true } });
    const waits: string[] = [];
    const answer = await requestJson<{ changed: boolean }>(target, "POST", "/api/places", { name: "X" }, (m) => waits.push(m));
    expect(answer).toEqual({ status: 200, body: { changed: true } });
    expect(seen.requests).toBe(3);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toMatch(/is busy \(503\); trying again in 1 s \(1 of \d+\)/);
  });

  it("gives up with the server's message after its retries", async () => {
    const { target, seen } = await serverBusyFor(100, { status: 200, body: {} });
    const error = await requestJson(target, "GET", "/api/reextract/1", undefined, () => {}).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(503);
    expect((error as ServerError).message).toContain("overloaded");
    expect(seen.requests).toBe(OVERLOAD_RETRIES + 1);
  }, 30_000);

  it("reports another refusal at once", async () => {
    const { target, seen } = await serverBusyFor(0, { status: 400, body: { error: "name is required" } });
    const error = await requestJson(target, "POST", "/api/places", {}, () => {}).catch((e) => e);
    expect((error as ServerError).message).toBe(`${target.url} answered 400: name is required`);
    expect(seen.requests).toBe(1);
  });
});
