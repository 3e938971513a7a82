// Re-fusion of the places and days a change touched, keeping every event's identity. An event
// keeps its id for life:
//  1. a group of claims with the fusion key of a stored event is that event — a merged or
//     withdrawn one comes back under its old id;
//  2. a group with a new key takes over the live event of the same kind family and place whose
//     reports it holds most of (the larger part of a split keeps the id), unless that event is the
//     region-level account joining a settlement's event: that one merges (3), so that its id comes
//     back by rule 1 when the place stands alone again;
//  3. a live event left without a group is merged into the event now holding most of its reports
//     (its row stays, pointing at the winner), or withdrawn when no claim is left of it.
// Claims are updated in place (only those that come or go are written), every change bumps the
// event's version and is written to event_changes, and the changes are announced with
// NOTIFY — all in the caller's transaction, so a rollback leaves neither a change nor a notice.
import { and, eq, type SQL, sql } from "drizzle-orm";
import { type Claim, type FusedEvent, fuse, fusionBase, groupHappenings } from "../fuse/fusion.js";
import type { ClaimReason, StoredReason } from "../model/claim-reason.js";
import { kindFamily } from "../model/happening-key.js";
import type { Db } from "./database.js";
import { claims, type EventState, events, incidents, reports } from "./schema.js";

export type EventChangeType = "created" | "updated" | "merged" | "withdrawn";

/** What the change stream says about one event (and what refuse returns). */
export interface EventChange {
  id: number;
  version: number;
  change: EventChangeType;
  region: string | null;
  kind: string;
  date: string | null;
  /** The event it became part of (change "merged"). */
  mergedInto: number | null;
  /** What the stream's and alerts' filters read (src/alerts/filter.ts): weapon, casualties, place. */
  weapon: string;
  killed: number | null;
  injured: number | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: number | null;
}

/** NOTIFY channel of a schema's event changes (PostgreSQL and PGlite). */
export const eventsChannel = (schema: string) => `skywatch_events_${schema}`;

type EventRow = typeof events.$inferSelect;

const FIELDS = [
  "fusionKey",
  "kind",
  "weapon",
  "country",
  "region",
  "settlement",
  "date",
  "waterArea",
  "lat",
  "lon",
  "geoPrecision",
  "count",
  "killed",
  "injured",
  "targets",
  "officials",
  "sources",
  "disagreements",
  "state",
  "mergedInto",
] as const;
type Field = (typeof FIELDS)[number];
type EventValues = Pick<EventRow, Field>;

/** JSON with object keys sorted: jsonb gives keys back in its own order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const snakeCase = (o: object) => Object.fromEntries(Object.entries(o).map(([k, x]) => [snake(k), x]));

/** An event's columns as jsonb_to_recordset reads them: rows go to the database as one JSON parameter. */
const EVENT_RECORD = sql.raw(`fusion_key text, kind text, weapon text, country text, region text, settlement text, date date,
  water_area text, lat double precision, lon double precision, geo_precision integer, count integer, killed integer,
  injured integer, targets jsonb, officials jsonb, sources integer, disagreements jsonb, state text, merged_into integer`);

/** The rows of db.execute, as node-postgres (a result with rows) and PGlite (the same) give them. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

function valuesOf(key: string, e: FusedEvent): EventValues {
  return {
    fusionKey: key,
    kind: e.kind,
    weapon: e.weapon,
    country: e.country,
    region: e.region,
    settlement: e.settlement,
    date: e.date,
    waterArea: e.waterArea,
    lat: e.lat,
    lon: e.lon,
    geoPrecision: e.geoPrecision,
    count: e.count,
    killed: e.killed,
    injured: e.injured,
    targets: e.targets,
    officials: e.officials,
    sources: e.sources,
    disagreements: e.disagreements,
    state: "live" as EventState,
    mergedInto: null,
  };
}

/** Rebuilds the events of the given fusion keys' places and days from their current incidents; returns what changed. */
export async function refuse(db: Db, keys: string[]): Promise<EventChange[]> {
  if (!keys.length) return [];
  // Events are grouped per place and day (fusion base), so concurrent writers (several workers)
  // take a transaction-scoped lock per base, in order, before reading them.
  const bases = [...new Set(keys.map(fusionBase))].sort();
  // One statement takes them all, in the order of their lock keys (the same order in every writer).
  await db.execute(
    sql`SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtext(b) AS h FROM jsonb_array_elements_text(${JSON.stringify(bases)}::jsonb) AS b ORDER BY h) AS locks`,
  );
  return refuseLocked(db, bases);
}

/**
 * Re-fuses the places and days of `keys` that no other transaction is fusing now, and leaves the
 * others (returned) to be fused once this transaction has committed (fusePending). Waiting for
 * them here would hold this transaction's locks meanwhile: with several workers, a batch that
 * shares one place and day with the batch before it (reports of one night queued side by side)
 * waited for that batch's whole transaction, and the next batch for this one — the batches ran
 * one at a time however many workers there were (`npm run bench -- workers --waits`).
 * The bases left are written to fusion_pending in this transaction, so that a crash before they
 * are fused leaves them for the next writer (fusePending with no list) rather than unfused.
 */
export async function refuseUnlessBusy(db: Db, keys: string[]): Promise<{ changes: EventChange[]; busy: string[] }> {
  if (!keys.length) return { changes: [], busy: [] };
  const bases = [...new Set(keys.map(fusionBase))].sort();
  // pg_try_advisory_xact_lock takes what is free and never waits (a lock this session holds is free).
  const locked = rowsOf<{ base: string; got: boolean }>(
    await db.execute(
      sql`SELECT b AS base, pg_try_advisory_xact_lock(hashtext(b)) AS got FROM jsonb_array_elements_text(${JSON.stringify(bases)}::jsonb) AS b ORDER BY hashtext(b)`,
    ),
  );
  const free = locked.filter((r) => r.got).map((r) => r.base);
  const busy = locked.filter((r) => !r.got).map((r) => r.base);
  if (busy.length)
    await db.execute(
      // DO UPDATE, not DO NOTHING: the row is this transaction's until it commits, so a writer
      // fusing it meanwhile (fusePending) waits to delete it and then reads these incidents too.
      sql`INSERT INTO fusion_pending (fusion_base) SELECT b FROM jsonb_array_elements_text(${JSON.stringify(busy)}::jsonb) AS b
        ON CONFLICT (fusion_base) DO UPDATE SET since = now()`,
    );
  return { changes: await refuseLocked(db, free.sort()), busy };
}

/**
 * Fuses the places and days left by refuseUnlessBusy, in a transaction of its own that waits for
 * their locks — holding no other lock meanwhile. Named bases (the caller's own, right after its
 * commit) are fused whatever another writer did meanwhile; without a list, the bases waiting in
 * fusion_pending (a writer ended between its two transactions) are, skipping those another
 * writer takes first.
 */
export async function fusePending(db: Db, bases?: string[]): Promise<EventChange[]> {
  const wanted =
    bases ??
    rowsOf<{ fusion_base: string }>(await db.execute(sql`SELECT fusion_base FROM fusion_pending LIMIT 500`)).map((r) => r.fusion_base);
  if (!wanted.length) return [];
  const sorted = [...new Set(wanted)].sort();
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(
      sql`SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtext(b) AS h FROM jsonb_array_elements_text(${JSON.stringify(sorted)}::jsonb) AS b ORDER BY h) AS locks`,
    );
    const taken = rowsOf<{ fusion_base: string }>(
      await t.execute(
        sql`DELETE FROM fusion_pending WHERE fusion_base = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(sorted)}::jsonb))) RETURNING fusion_base`,
      ),
    ).map((r) => r.fusion_base);
    const mine = bases ? sorted : taken.sort();
    return mine.length ? refuseLocked(t, mine) : [];
  });
}

/** refuse, once the caller holds the locks of `bases` (sorted, distinct). */
async function refuseLocked(db: Db, bases: string[]): Promise<EventChange[]> {
  if (!bases.length) return [];
  // The bases as one parameter: a list of thousands of parameters costs more to build than to run.
  const inBases = (column: SQL | typeof incidents.fusionBase | typeof events.fusionBase) =>
    sql`${column} = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(bases)}::jsonb)))`;

  const rows = await db
    .select({ incident: incidents, source: reports.source, report: reports.naturalKey })
    .from(incidents)
    .innerJoin(reports, eq(incidents.reportId, reports.id))
    .where(and(inBases(incidents.fusionBase), eq(incidents.current, true)));
  const byKey = new Map<string, Claim[]>();
  const reportOf = new Map<number, string>();
  for (const { incident: i, source, report } of rows) {
    const list = byKey.get(i.fusionKey) ?? [];
    // A stored incident already carries every field of a happening under the same names.
    list.push({ ...i, incidentId: i.id, source });
    byKey.set(i.fusionKey, list);
    reportOf.set(i.id, report);
  }
  const groups = groupHappenings(byKey);
  const fused = new Map<string, { event: FusedEvent; reports: Set<string> }>();
  for (const key of [...groups.keys()].sort()) {
    const { claims: list, joined } = groups.get(key) ?? { claims: [], joined: new Set<number>() };
    const event = fuse(key, list);
    for (const id of joined) event.reasons.set(id, { ...(event.reasons.get(id) as ClaimReason), joinedSettlement: event.settlement ?? "" });
    fused.set(key, { event, reports: new Set(list.map((c) => reportOf.get(c.incidentId) ?? "")) });
  }

  const existing = await db.select().from(events).where(inBases(events.fusionBase));
  const held = new Map<number, Map<number, StoredReason>>(); // event → incident → reason
  const heldReports = new Map<number, Set<string>>();
  if (existing.length) {
    const rows = await db
      .select({ eventId: claims.eventId, incidentId: claims.incidentId, reason: claims.reason, report: reports.naturalKey })
      .from(claims)
      .innerJoin(incidents, eq(incidents.id, claims.incidentId))
      .innerJoin(reports, eq(reports.id, incidents.reportId))
      .where(
        sql`${claims.eventId} = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(existing.map((e) => e.id))}::jsonb)::int))`,
      );
    for (const r of rows) {
      if (!held.has(r.eventId)) held.set(r.eventId, new Map());
      held.get(r.eventId)?.set(r.incidentId, r.reason);
      if (!heldReports.has(r.eventId)) heldReports.set(r.eventId, new Set());
      heldReports.get(r.eventId)?.add(r.report);
    }
  }
  const overlap = (a: Set<string>, b: Set<string> | undefined) => (b ? [...a].filter((r) => b.has(r)).length : 0);

  // 1. The same key is the same event.
  const owner = new Map<string, EventRow>();
  const taken = new Set<number>();
  const byFusionKey = new Map(existing.map((e) => [e.fusionKey, e]));
  for (const key of fused.keys()) {
    const e = byFusionKey.get(key);
    if (e) {
      owner.set(key, e);
      taken.add(e.id);
    }
  }
  // 2. A new key takes over the live event whose reports it holds most of; the larger group first.
  const open = [...fused.keys()]
    .filter((k) => !owner.has(k))
    .sort((a, b) => (fused.get(b)?.reports.size ?? 0) - (fused.get(a)?.reports.size ?? 0) || (a < b ? -1 : 1));
  for (const key of open) {
    const { event: g, reports: mine } = fused.get(key) as { event: FusedEvent; reports: Set<string> };
    let best: EventRow | null = null;
    let bestScore = 0;
    for (const e of existing) {
      if (taken.has(e.id) || e.state !== "live") continue;
      if (kindFamily(e.kind) !== kindFamily(g.kind) || e.region !== g.region || e.waterArea !== g.waterArea) continue;
      // A region-level account joining a settlement's event merges into it instead (and comes back by its key).
      if (e.fusionKey === `${fusionBase(key)}|-` && !key.endsWith("|-")) continue;
      const score = overlap(mine, heldReports.get(e.id));
      if (score > bestScore || (score > 0 && score === bestScore && best && e.id < best.id)) {
        best = e;
        bestScore = score;
      }
    }
    if (best) {
      owner.set(key, best);
      taken.add(best.id);
    }
  }

  const changes: EventChange[] = [];
  const logged: Array<{ eventId: number; version: number; change: EventChangeType; fields: Record<string, unknown> }> = [];
  const note = (id: number, version: number, change: EventChangeType, v: EventValues, fields: Record<string, unknown>) => {
    changes.push({
      id,
      version,
      change,
      region: v.region,
      kind: v.kind,
      date: v.date,
      mergedInto: v.mergedInto,
      weapon: v.weapon,
      killed: v.killed,
      injured: v.injured,
      lat: v.lat,
      lon: v.lon,
      geoPrecision: v.geoPrecision,
    });
    logged.push({ eventId: id, version, change, fields });
  };

  // New events for the groups nobody owns.
  const fresh = [...fused.keys()].filter((k) => !owner.has(k));
  const idOf = new Map<string, number>();
  for (const [key, e] of owner) idOf.set(key, e.id);
  if (fresh.length) {
    const json = fresh.map((key) => snakeCase(valuesOf(key, (fused.get(key) as { event: FusedEvent }).event)));
    const inserted = rowsOf<{ id: number; key: string }>(
      await db.execute(sql`INSERT INTO events (fusion_key, kind, weapon, country, region, settlement, date, water_area, lat, lon,
          geo_precision, count, killed, injured, targets, officials, sources, disagreements, state, merged_into, version, updated_at)
        SELECT fusion_key, kind, weapon, country, region, settlement, date, water_area, lat, lon,
          geo_precision, count, killed, injured, targets, officials, sources, disagreements, state, merged_into, 1, now()
        FROM jsonb_to_recordset(${JSON.stringify(json)}::jsonb) AS v(${EVENT_RECORD})
        RETURNING id, fusion_key AS key`),
    );
    for (const r of inserted) {
      idOf.set(r.key, r.id);
      const v = valuesOf(r.key, (fused.get(r.key) as { event: FusedEvent }).event);
      note(r.id, 1, "created", v, { ...v });
    }
  }

  // Desired claims per event; then what changes, event by event.
  const wanted = new Map<number, Map<number, StoredReason>>();
  for (const [key, { event }] of fused) wanted.set(idOf.get(key) as number, event.reasons);
  const updates: Array<EventValues & { id: number; version: number }> = [];
  for (const [key, e] of owner) {
    const v = valuesOf(key, (fused.get(key) as { event: FusedEvent }).event);
    const fields: Record<string, unknown> = {};
    for (const f of FIELDS) if (canonical(e[f]) !== canonical(v[f])) fields[f] = v[f];
    const before = held.get(e.id) ?? new Map<number, StoredReason>();
    const after = wanted.get(e.id) ?? new Map<number, StoredReason>();
    const added = [...after.keys()].filter((i) => !before.has(i));
    const removed = [...before.keys()].filter((i) => !after.has(i));
    if (added.length || removed.length) fields.claims = { added, removed };
    if (!Object.keys(fields).length) continue;
    updates.push({ id: e.id, version: e.version + 1, ...v });
    note(e.id, e.version + 1, "updated", v, fields);
  }
  // 3. Live events no group owns: merged into the event holding most of their reports, or withdrawn.
  for (const e of existing) {
    if (taken.has(e.id) || e.state !== "live") continue;
    let winner: number | null = null;
    let bestScore = 0;
    for (const [key, { reports: theirs }] of fused) {
      const score = overlap(theirs, heldReports.get(e.id));
      const id = idOf.get(key) as number;
      if (score > bestScore || (score > 0 && score === bestScore && winner !== null && id < winner)) {
        winner = id;
        bestScore = score;
      }
    }
    const { id, version, updatedAt: _u, fusionBase: _b, ...rest } = e;
    const v: EventValues = { ...rest, state: winner === null ? "withdrawn" : "merged", mergedInto: winner };
    updates.push({ id, version: version + 1, ...v });
    note(id, version + 1, winner === null ? "withdrawn" : "merged", v, { state: v.state, mergedInto: winner });
    wanted.set(id, new Map());
  }

  if (updates.length) {
    const json = updates.map(snakeCase);
    await db.execute(sql`UPDATE events AS e SET
        fusion_key = v.fusion_key, kind = v.kind, weapon = v.weapon, country = v.country, region = v.region,
        settlement = v.settlement, date = v.date, water_area = v.water_area, lat = v.lat, lon = v.lon,
        geo_precision = v.geo_precision, count = v.count, killed = v.killed, injured = v.injured, targets = v.targets,
        officials = v.officials, sources = v.sources, disagreements = v.disagreements, state = v.state,
        merged_into = v.merged_into, version = v.version, updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(json)}::jsonb) AS v(id integer, version integer, ${EVENT_RECORD})
      WHERE e.id = v.id`);
  }

  // Claims in place: only those that come, go or change their reason are written.
  const gone: Array<{ event_id: number; incident_id: number }> = [];
  const upserts: Array<{ event_id: number; incident_id: number; reason: StoredReason }> = [];
  for (const [eventId, after] of wanted) {
    const before = held.get(eventId) ?? new Map<number, StoredReason>();
    for (const incidentId of before.keys()) if (!after.has(incidentId)) gone.push({ event_id: eventId, incident_id: incidentId });
    for (const [incidentId, reason] of after)
      if (canonical(before.get(incidentId)) !== canonical(reason)) upserts.push({ event_id: eventId, incident_id: incidentId, reason });
  }
  if (gone.length)
    await db.execute(sql`DELETE FROM claims AS c USING jsonb_to_recordset(${JSON.stringify(gone)}::jsonb) AS v(event_id integer, incident_id integer)
      WHERE c.event_id = v.event_id AND c.incident_id = v.incident_id`);
  if (upserts.length)
    await db.execute(sql`INSERT INTO claims (event_id, incident_id, reason)
      SELECT event_id, incident_id, reason FROM jsonb_to_recordset(${JSON.stringify(upserts)}::jsonb) AS v(event_id integer, incident_id integer, reason jsonb)
      ON CONFLICT (event_id, incident_id) DO UPDATE SET reason = excluded.reason`);

  if (logged.length)
    await db.execute(sql`INSERT INTO event_changes (event_id, version, change, fields)
      SELECT event_id, version, change, fields FROM jsonb_to_recordset(${JSON.stringify(logged.map(snakeCase))}::jsonb)
        AS v(event_id integer, version integer, change text, fields jsonb)`);
  await announce(db, changes);
  return changes;
}

/** NOTIFY, delivered at commit to every listener (serve's live stream); payloads stay under PostgreSQL's 8000 bytes. */
async function announce(db: Db, changes: EventChange[]) {
  let chunk: EventChange[] = [];
  let size = 0;
  const send = async () => {
    if (!chunk.length) return;
    await db.execute(sql`SELECT pg_notify('skywatch_events_' || current_schema(), ${JSON.stringify(chunk)})`);
    chunk = [];
    size = 0;
  };
  for (const c of changes) {
    const length = JSON.stringify(c).length + 1;
    if (size + length > 7000) await send();
    chunk.push(c);
    size += length;
  }
  await send();
}
