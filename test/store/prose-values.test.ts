// Migration 16, on PGlite and — with TEST_DATABASE_URL — on PostgreSQL: the English lines rows
// written before migrations 10 and 14 still held become the values newer rows hold. Disagreements
// logged in event_changes, carried by alerts not yet delivered (one event, or a digest) and by the
// digests being gathered; claim reasons stored as sentences, read into the codes fusion writes now
// (so fusing the event again changes nothing), and a sentence of another shape marked unreadable
// rather than left as English. A delivered alert stays as it was sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { ingest } from "../../src/ingest/ingest.js";
import { reportFromJson } from "../../src/ingest/readers.js";
import { isClaimReason } from "../../src/model/claim-reason.js";
import { isDisagreement } from "../../src/model/disagreement.js";
import type { Db, Store } from "../../src/store/database.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { refuse } from "../../src/store/refuse.js";
import { dropSchemas } from "../helpers/drop-schemas.js";
import { storeBackends } from "../helpers/store-backends.js";

const { backends, schemas } = storeBackends("prose");
const places = defaultPlaceResolver();
const report = (text: string, source: string) => reportFromJson({ text, published: "2025-07-21", source }, "test");

const LINE = "count: Russian Ministry of Defence 5; Governor Igor Artamonov 3";
const VALUES = [
  {
    field: "count",
    values: [
      { source: "Russian Ministry of Defence", value: 5 },
      { source: "Governor Igor Artamonov", value: 3 },
    ],
  },
];
const hasLine = (v: unknown) => JSON.stringify(v).includes(LINE);

describe.each(backends)("migration 16: English lines of before as values, on %s", (_name, open) => {
  let store: Store;
  let id: number;
  let key: string;
  let reasons: Array<{ incident_id: number; reason: unknown }>;
  let deliveries: { each: number; digest: number; delivered: number };
  beforeAll(async () => {
    store = await open();
    await ingest(
      store,
      [
        report("Overnight, the Ministry of Defence said air defences destroyed five drones over the Lipetsk region.", "ministry"),
        report("Three drones were shot down over the Lipetsk region overnight, Governor Igor Artamonov said.", "governor"),
      ],
      { places },
    );
    const [event] = await store.execute("SELECT id, fusion_key, disagreements FROM events WHERE region = 'RU-LIP' AND state = 'live'");
    id = Number(event.id);
    key = String(event.fusion_key);
    expect(event.disagreements).toEqual(VALUES);
    reasons = (await store.execute("SELECT incident_id, reason FROM claims WHERE event_id = $1 ORDER BY incident_id", [
      id,
    ])) as typeof reasons;
    expect(reasons.length).toBe(2);

    // The rows as a store from before migrations 10 and 14 held them.
    await store.execute("UPDATE event_changes SET fields = jsonb_set(fields, '{disagreements}', $1::jsonb) WHERE event_id = $2", [
      JSON.stringify([LINE]),
      id,
    ]);
    await store.execute("UPDATE claims SET reason = to_jsonb($1::text) WHERE event_id = $2", [
      "same interception, RU-LIP, 2025-07-21, date 2025-07-21",
      id,
    ]);
    const [sub] = await store.execute(
      "INSERT INTO subscriptions (token_hash, secret, channel, target) VALUES ('t16', 's', 'webhook', 'https://example.org/hook') RETURNING id",
    );
    const event16 = { id, disagreements: [LINE], count: 5 };
    const insert = async (status: string, payload: unknown) =>
      Number(
        (
          await store.execute(
            "INSERT INTO alert_deliveries (subscription_id, type, event_id, payload, status) VALUES ($1, 'event.created', $2, $3::jsonb, $4) RETURNING id",
            [sub.id, id, JSON.stringify(payload), status],
          )
        )[0].id,
      );
    deliveries = {
      each: await insert("pending", { event: event16 }),
      digest: await insert("dead", {
        events: [
          { type: "event.created", event: event16 },
          { type: "event.updated", event: { id: 0 } },
        ],
      }),
      delivered: await insert("delivered", { event: event16 }),
    };
    await store.execute(
      "INSERT INTO alert_digest_items (subscription_id, event_id, change_id, type, event, due_at) VALUES ($1, $2, 1, 'event.created', $3::jsonb, now())",
      [sub.id, id, JSON.stringify(event16)],
    );

    // Migration 16, as a store from before runs it.
    await store.execute("DROP FUNCTION skywatch_reason_value(text, text)");
    for (const statement of MIGRATIONS.find((m) => m.version === 16)?.statements ?? []) await store.execute(statement);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    if (process.env.TEST_DATABASE_URL) await dropSchemas(process.env.TEST_DATABASE_URL, schemas.splice(0));
  });

  it("turns the disagreements logged in event_changes into values", async () => {
    const rows = await store.execute("SELECT fields FROM event_changes WHERE event_id = $1 AND fields ? 'disagreements'", [id]);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect((r.fields as { disagreements: unknown }).disagreements).toEqual(VALUES);
  });

  it("turns the disagreements of alerts not yet delivered, and of digests being gathered, into values; a delivered one stays as sent", async () => {
    const payload = async (n: number) => (await store.execute("SELECT payload FROM alert_deliveries WHERE id = $1", [n]))[0].payload;
    expect(await payload(deliveries.each)).toEqual({ event: { id, count: 5, disagreements: VALUES } });
    expect(await payload(deliveries.digest)).toEqual({
      events: [
        { type: "event.created", event: { id, count: 5, disagreements: VALUES } },
        { type: "event.updated", event: { id: 0 } },
      ],
    });
    expect(hasLine(await payload(deliveries.delivered))).toBe(true);
    const [item] = await store.execute("SELECT event FROM alert_digest_items WHERE event_id = $1", [id]);
    expect(item.event).toEqual({ id, count: 5, disagreements: VALUES });
    for (const d of (item.event as { disagreements: unknown[] }).disagreements) expect(isDisagreement(d)).toBe(true);
  });

  it("reads the claims' reason sentences into the codes fusion writes, so fusing again changes nothing", async () => {
    const after = await store.execute("SELECT incident_id, reason FROM claims WHERE event_id = $1 ORDER BY incident_id", [id]);
    expect(after).toEqual(reasons);
    for (const r of after) expect(isClaimReason(r.reason)).toBe(true);
    const [{ version }] = await store.execute("SELECT version FROM events WHERE id = $1", [id]);
    const changes = await store.db.transaction((tx) => refuse(tx as unknown as Db, [key]));
    expect(changes).toEqual([]);
    expect((await store.execute("SELECT version FROM events WHERE id = $1", [id]))[0].version).toBe(version);
  });

  it("reads seas, country tallies (with the weapon, or the incident's) and undated reasons; marks a sentence of another shape unreadable", async () => {
    const read = async (reason: string, weapon: string) =>
      (await store.execute("SELECT skywatch_reason_value($1, $2) AS v", [reason, weapon]))[0].v;
    const none = { region: null, sea: null, country: null, weapon: null };
    expect(await read("same hit, sea:Black Sea, undated, date unknown", "drone")).toEqual({
      code: "same_hit",
      ...none,
      sea: "Black Sea",
      date: null,
      claimDate: null,
    });
    expect(await read("same interception, country:RU:missile, 2025-07-21, date 2025-07-20", "drone")).toEqual({
      code: "same_interception",
      ...none,
      country: "RU",
      weapon: "missile",
      date: "2025-07-21",
      claimDate: "2025-07-20",
    });
    expect(await read("same interception, country:UA, 2025-07-21, date 2025-07-21", "drone")).toMatchObject({
      country: "UA",
      weapon: "drone",
    });
    const odd = await read("joined the event by hand", "drone");
    expect(odd).toEqual({ code: "unreadable", text: "joined the event by hand" });
    // Not a reason the interface puts into words (src/web/claim-text.ts reasonText): no English shown under ru/uk labels.
    expect(isClaimReason(odd)).toBe(false);
  });
});
