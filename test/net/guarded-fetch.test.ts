// The guarded outbound client against real HTTP servers on loopback: it refuses loopback,
// link-local (metadata) and private addresses, literal or resolved, on the first request and
// on every redirect; it bounds time and size; the allow option reaches an intranet. And
// `skywatch ingest URL` (a real process) goes through it.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPublicAddress } from "../../src/net/addresses.js";
import { guardedFetch, OutboundRefused } from "../../src/net/guarded-fetch.js";

const run = promisify(execFile);

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Intranet</title>
<item><title>Drones over Kursk</title><link>https://example.org/n/1</link><description>Four drones were shot down over the Kursk region overnight, the governor said.</description><pubDate>Tue, 03 Jun 2025 06:00:00 GMT</pubDate></item>
</channel></rss>`;

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

describe("guarded outbound client", () => {
  const servers: Server[] = [];
  let port = 0;
  let otherPort = 0;
  let hits = 0;
  let otherHits = 0;

  beforeAll(async () => {
    const main = createServer((req, res) => {
      hits++;
      if (req.url === "/feed.xml") return res.writeHead(200, { "content-type": "application/rss+xml" }).end(FEED);
      if (req.url === "/to-other") return res.writeHead(302, { location: `http://127.0.0.2:${otherPort}/secret` }).end();
      if (req.url === "/to-mapped") return res.writeHead(301, { location: `http://[::ffff:127.0.0.2]:${otherPort}/secret` }).end();
      if (req.url === "/to-metadata") return res.writeHead(307, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      if (req.url === "/to-feed") return res.writeHead(302, { location: "/feed.xml" }).end();
      if (req.url === "/loop") return res.writeHead(302, { location: "/loop" }).end();
      if (req.url === "/big") return res.writeHead(200).end("x".repeat(100_000));
      if (req.url === "/slow") return; // never answers
      res.writeHead(404).end();
    });
    const other = createServer((_req, res) => {
      otherHits++;
      res.writeHead(200).end("internal secret");
    });
    servers.push(main, other);
    port = await listen(main, "127.0.0.1");
    otherPort = await listen(other, "127.0.0.2");
  });
  afterAll(() => {
    for (const s of servers) s.closeAllConnections();
    for (const s of servers) s.close();
  });

  it("classifies addresses", () => {
    const refused = [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.100.100.200",
      "0.0.0.0",
      "::1",
      "fe80::1",
      "fd00:ec2::254",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "224.0.0.1",
      "localhost",
    ];
    const allowed = ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "1.1.1.1"];
    for (const a of refused) expect(isPublicAddress(a), a).toBe(false);
    for (const a of allowed) expect(isPublicAddress(a), a).toBe(true);
  });

  it("refuses loopback, metadata and private addresses, and redirects to them", async () => {
    // Only 127.0.0.1 counts as "public" here, so that the local server stands in for a site on the internet.
    const permits = (a: string) => a === "127.0.0.1";
    const attempts: Array<[string, RegExp]> = [
      ["http://169.254.169.254/latest/meta-data/", /169\.254\.169\.254 is not a public address/],
      ["http://[::1]:9/", /::1 is not a public address/],
      ["http://10.0.0.1/", /not a public address/],
      ["file:///etc/passwd", /only http and https/],
      [`http://user:pw@127.0.0.1:${port}/`, /user name or password/],
    ];
    for (const [url, message] of attempts) await expect(guardedFetch(url), url).rejects.toThrow(message);
    await expect(guardedFetch(`http://127.0.0.1:${port}/feed.xml`)).rejects.toThrow(
      /127\.0\.0\.1 is not a public address.*--allow-private-urls/,
    );
    await expect(guardedFetch(`http://localhost:${port}/feed.xml`)).rejects.toThrow(/resolves to .*non-public/);
    const before = hits;
    await expect(guardedFetch(`http://127.0.0.1:${port}/to-other`, { permits })).rejects.toThrow(/127\.0\.0\.2 is not a public address/);
    await expect(guardedFetch(`http://127.0.0.1:${port}/to-mapped`, { permits })).rejects.toThrow(OutboundRefused);
    await expect(guardedFetch(`http://127.0.0.1:${port}/to-metadata`, { permits })).rejects.toThrow(/169\.254\.169\.254/);
    expect(hits - before).toBe(3); // each first hop reached, no redirect target
    expect(otherHits).toBe(0);
    const ok = await guardedFetch(`http://127.0.0.1:${port}/to-feed`, { permits });
    expect(ok.status).toBe(200);
    expect(ok.url).toBe(`http://127.0.0.1:${port}/feed.xml`);
    console.log(
      `guarded client: ${attempts.length + 5} requests to loopback/link-local/private targets or redirects to them refused; ${otherHits} reached the internal server; a same-host redirect followed`,
    );
  });

  it("bounds redirects, size and time, and lets the allow option reach an intranet", async () => {
    const allowPrivate = true;
    await expect(guardedFetch(`http://127.0.0.1:${port}/loop`, { allowPrivate })).rejects.toThrow(/more than 5 redirects/);
    await expect(guardedFetch(`http://127.0.0.1:${port}/big`, { allowPrivate, maxBytes: 10_000 })).rejects.toThrow(
      /larger than 10000 bytes/,
    );
    const t = Date.now();
    await expect(guardedFetch(`http://127.0.0.1:${port}/slow`, { allowPrivate, timeoutMs: 300 })).rejects.toThrow(/no answer within 0.3 s/);
    expect(Date.now() - t).toBeLessThan(2000);
    const inside = await guardedFetch(`http://127.0.0.2:${otherPort}/`, { allowPrivate });
    expect(inside.text()).toBe("internal secret");
  });

  it("guards `skywatch ingest URL`; --allow-private-urls lets it through", async () => {
    const data = mkdtempSync(join(tmpdir(), "skywatch-guard-"));
    const url = `http://127.0.0.1:${port}/to-feed`;
    const refused = await run("node", ["bin/skywatch.js", "ingest", url, "--data", data]).catch((e) => e);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/127\.0\.0\.1 is not a public address/);
    const allowed = await run("node", ["bin/skywatch.js", "ingest", url, "--data", data, "--allow-private-urls"]);
    expect(allowed.stderr).toMatch(/1 stored/);
    console.log("guarded client: `skywatch ingest http://127.0.0.1/…` refused (exit 1), stored with --allow-private-urls");
  }, 120_000);
});
