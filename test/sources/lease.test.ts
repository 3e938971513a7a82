// Two collectors on one PostgreSQL database (as two `skywatch worker`s on two machines): the
// leases (FOR UPDATE SKIP LOCKED, with an expiry) let no source be fetched by both at once, and
// each due source is collected once per round; a lease left by a dead collector runs out.
import { describe, expect, it } from "vitest";
import { addSource } from "../../src/sources/registry.js";
import { Collector } from "../../src/sources/scheduler.js";
import { openStore } from "../../src/store/database.js";
import { entries, localServer, rss } from "./helpers.js";

const url = process.env.TEST_DATABASE_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!url)("collection leases on PostgreSQL", () => {
  it("never lets two collectors fetch one source at once", async () => {
    const schema = `test_src_${process.pid}_${Date.now()}`;
    const inFlight = new Map<string, number>();
    let overlaps = 0;
    const fetchedBy = new Map<string, number>();
    const server = await localServer(async (req, res) => {
      const path = req.url ?? "";
      inFlight.set(path, (inFlight.get(path) ?? 0) + 1);
      if ((inFlight.get(path) ?? 0) > 1) overlaps++;
      fetchedBy.set(path, (fetchedBy.get(path) ?? 0) + 1);
      await sleep(100);
      inFlight.set(path, (inFlight.get(path) ?? 1) - 1);
      res
        .writeHead(200, { "content-type": "application/rss+xml" })
        .end(rss(`Lease ${path}`, entries(`lease${path.slice(1, -4)}`, 3, new Date())));
    });
    const stores = [await openStore({ url, schemaName: schema }), await openStore({ url, schemaName: schema })];
    try {
      const ids = [];
      for (let i = 0; i < 20; i++)
        ids.push((await addSource(stores[0], { kind: "rss", address: `${server.url}/s${i}.xml`, every: "1h" })).source.id);
      const collectors = stores.map(
        (s, w) => new Collector(s, { owner: `worker-${w}`, allowPrivate: true, politenessMs: 0, concurrency: 4 }),
      );
      // Both look for due sources at the same time, three rounds each.
      const results = await Promise.all(
        collectors.map(async (c) => {
          const mine = [];
          for (let round = 0; round < 3; round++) mine.push(...(await c.runDue()));
          return mine;
        }),
      );
      expect(overlaps).toBe(0);
      expect([...fetchedBy.values()].every((n) => n === 1)).toBe(true);
      expect(fetchedBy.size).toBe(20);
      expect(results[0].length + results[1].length).toBe(20);
      expect(results[0].length).toBeGreaterThan(0);
      expect(results[1].length).toBeGreaterThan(0);
      console.log(`20 sources: worker 0 collected ${results[0].length}, worker 1 ${results[1].length}; 0 fetched twice`);
      const [row] = await stores[0].execute("SELECT count(*)::int AS n, count(DISTINCT natural_key)::int AS keys FROM reports");
      expect(row).toEqual({ n: 60, keys: 60 });

      // A lease whose holder died blocks only until it expires.
      await stores[0].execute(
        "UPDATE sources SET next_run_at = now(), lease_owner = 'dead', lease_until = now() + interval '1 second' WHERE id = $1",
        [ids[0]],
      );
      expect((await collectors[1].runDue([ids[0]])).length).toBe(0);
      await sleep(1200);
      expect((await collectors[1].runDue([ids[0]])).map((r) => r.status)).toEqual(["ok"]);
    } finally {
      await stores[0].execute(`DROP SCHEMA "${schema}" CASCADE`);
      for (const s of stores) await s.close();
      await server.close();
    }
  }, 120_000);
});
