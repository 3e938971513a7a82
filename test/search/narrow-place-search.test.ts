// A q naming a mid-sized settlement (more events there than a page, fewer matches than the broad
// cap) has its relevance page read through the settlement's index and its exact total counted in
// two parts (migration 18, src/search/narrow-total.ts). Its answers are checked, page after page,
// against the meaning of the search written out as one plain SQL query: the live events at the
// named settlements (rank 3) or whose evidence matches the names (rank 1), newest first within a
// rank, counted exactly. On PGlite, and on PostgreSQL with TEST_DATABASE_URL.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { broadSearchCap, eventQuery } from "../../src/api/queries.js";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import type { Store } from "../../src/store/database.js";
import { insertEventRows } from "../api/synthetic-events.js";
import { dropSchemas } from "../helpers/drop-schemas.js";
import { storeBackends } from "../helpers/store-backends.js";

const { backends, schemas } = storeBackends("narrowplace");
const places = defaultPlaceResolver();

const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + (i % 500) * 86_400_000).toISOString().slice(0, 10);

/** 300 events at Slovyansk, 180 at two places called Pivdenne, 40 elsewhere whose text names Slovyansk, 1,500 others. */
async function addEvents(store: Store) {
  const rows: Array<{ id: number; text: string; name: string; region: string; date: string; key: string }> = [];
  const add = (name: string, region: string, text: string) => {
    const id = 1000 + rows.length;
    // Several events a day, so that a page ends within a day and the cursor's id decides.
    rows.push({ id, text: `${text} (${id})`, name, region, date: day(Math.floor(rows.length / 3)), key: `hit|${region}|${name}|${id}` });
  };
  for (let i = 0; i < 300; i++) add("Slovyansk", "UA-14", "Беспилотник атаковал Славянск, повреждён склад.");
  for (let i = 0; i < 100; i++) add("Pivdenne", "UA-51", "Ворог атакував Південне дронами.");
  for (let i = 0; i < 80; i++) add("Pivdenne", "UA-63", "Ворог атакував Південне вночі.");
  for (let i = 0; i < 40; i++) add("Kramatorsk", "UA-14", "Обломки упали по дороге на Славянск, сообщил губернатор.");
  for (let i = 0; i < 1500; i++) add("Kharkiv", "UA-63", "A drone struck Kharkiv, damaging a house.");
  await insertEventRows(store, "narrow", "ru", rows);
  // Events that are no longer listed, at the settlement and named by text.
  await store.execute("UPDATE events SET state = 'withdrawn' WHERE id IN (1003, 1150, 1299, 1481, 1500)");
}

describe.each(backends)("a q naming a mid-sized settlement on %s", (_name, open) => {
  let store: Store;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const res = await app.inject({ url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };

  /** The search's meaning: its matches in relevance order, from one query over the events. */
  async function expected(query: Record<string, string>): Promise<number[]> {
    const plan = eventQuery(query, places).search?.q;
    if (!plan?.text) throw new Error(`q=${query.q} names no text`);
    const pairs = plan.places.settlements.map((p) => `('${p.region}', '${p.name.replace(/'/g, "''")}')`).join(", ");
    const at = pairs ? `(region, settlement) IN (${pairs})` : "false";
    const dates = [query.from ? `date >= '${query.from}'` : "true", query.to ? `date <= '${query.to}'` : "true"].join(" AND ");
    const rows = await store.execute(
      `SELECT id FROM events e WHERE state = 'live' AND ${dates} AND (coalesce(${at}, false) OR EXISTS (
         SELECT 1 FROM claims c JOIN incidents i ON i.id = c.incident_id
         WHERE c.event_id = e.id AND i.evidence_tsv @@ to_tsquery('simple'::regconfig, $1)))
       ORDER BY CASE WHEN coalesce(${at}, false) THEN 3 ELSE 1 END DESC, coalesce(date, '0001-01-01') DESC, id DESC`,
      [plan.text],
    );
    return rows.map((r) => Number(r.id));
  }

  /** Every page of a search, following the cursors; the total each page gave. */
  async function pages(query: Record<string, string>) {
    const ids: number[] = [];
    const totals = new Set<string>();
    let next: string | null = null;
    for (let guard = 0; guard < 200; guard++) {
      const page = await get(`/api/events?${new URLSearchParams({ ...query, ...(next ? { cursor: next } : {}) })}`);
      ids.push(...page.events.map((e: { id: number }) => e.id));
      totals.add(`${page.total}${page.totalEstimated ? "~" : ""}`);
      next = page.next;
      if (!next) break;
    }
    return { ids, totals: [...totals] };
  }

  beforeAll(async () => {
    store = await open();
    await addEvents(store);
    await store.execute("ANALYZE");
    app = buildServer({ store, places, limits: { perAddress: false } });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
    if (process.env.TEST_DATABASE_URL) await dropSchemas(process.env.TEST_DATABASE_URL, schemas.splice(0));
  });

  it("is narrow, with more events at the settlement than a page (the shape this reads through the index)", async () => {
    const live = Number((await store.execute("SELECT count(*) AS n FROM events WHERE state = 'live'"))[0].n);
    const all = await expected({ q: "Славянск" });
    // Its events there and its text matches (most of them the same events) stay within the cap.
    expect(300 + 300 + 40).toBeLessThan(broadSearchCap(20, live));
    expect(all.length).toBe(300 + 40 - 5);
  });

  const searches: Array<Record<string, string>> = [
    { q: "Славянск", limit: "20" },
    { q: "Slovyansk", limit: "50" },
    { q: "Слов'янськ", limit: "7" },
    { q: "в Славянске", limit: "100" },
    { q: "Славянск", limit: "20", from: "2024-01-20", to: "2024-06-15" },
    { q: "Південне", limit: "25" },
    { q: "Pivdenne", limit: "30", to: "2024-02-10" },
  ];
  it.each(searches)("answers %o as the plain query does, every page, with its exact total", async (query) => {
    const want = await expected(query);
    const got = await pages(query);
    expect(got.ids).toEqual(want);
    expect(got.totals).toEqual([String(want.length)]);
  });

  it("answers the same by date as by relevance, where only the order differs", async () => {
    const byDate = await pages({ q: "Славянск", sort: "-date", limit: "40" });
    const byRelevance = await pages({ q: "Славянск", limit: "40" });
    expect([...byDate.ids].sort()).toEqual([...byRelevance.ids].sort());
    expect(byDate.totals).toEqual(byRelevance.totals);
  });

  it("has migration 18: the covering settlement order, statistics per settlement, the evidence index without a pending list", async () => {
    const [index] = await store.execute("SELECT pg_get_indexdef('events_settlement_order'::regclass) AS def");
    expect(String(index.def)).toMatch(/INCLUDE \(date, kind, weapon, country\)/);
    const [gin] = await store.execute("SELECT reloptions::text AS options FROM pg_class WHERE oid = 'incidents_evidence_fts'::regclass");
    expect(String(gin.options)).toContain("fastupdate=off");
    const stats = await store.execute(
      "SELECT 1 FROM pg_statistic_ext WHERE stxname = 'events_place' AND stxnamespace = current_schema()::regnamespace",
    );
    expect(stats).toHaveLength(1);
  });
});
