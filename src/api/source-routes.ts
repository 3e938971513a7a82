// The registry of sources over HTTP: reading is public like everything read (a dashboard's
// Sources page needs only GET /api/sources, which carries each source's health); adding,
// changing, removing and running sources need an admin key (or the local token of `serve`).
//   GET    /api/sources              {sources: [{...source, every, health}]}
//   GET    /api/sources/:id          one of them
//   GET    /api/sources/:id/health   its health (src/sources/health.ts)
//   POST   /api/sources              a source or an array of them → 201 (200 when all existed: updated)
//   PATCH  /api/sources/:id          label, language, type, every|intervalSeconds, enabled, backfillUntil
//   DELETE /api/sources/:id          its reports stay, without their source id
//   POST   /api/sources/run          {ids?} collects those (or the due ones) now → {results}
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { PlaceResolver } from "../extract/place-resolver.js";
import { sourceHealth } from "../sources/health.js";
import {
  addSource,
  formatEvery,
  getSource,
  listSources,
  removeSource,
  type Source,
  SourceChanges,
  SourceFields,
  updateSource,
} from "../sources/registry.js";
import { Collector } from "../sources/scheduler.js";
import type { Store } from "../store/database.js";
import { AuthError, authenticate } from "./auth.js";

const IdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const RunBody = z.object({ ids: z.array(z.number().int().positive().max(2_147_483_647)).max(1000).optional() }).strict();

/** A source as the API shows it: what it is, and its health; not its internal state (validators, lease). */
export function publicSource(s: Source, now = Date.now()) {
  return {
    id: s.id,
    kind: s.kind,
    address: s.address,
    label: s.label,
    language: s.language,
    type: s.type,
    every: formatEvery(s.intervalSeconds),
    intervalSeconds: s.intervalSeconds,
    enabled: s.enabled,
    backfillUntil: s.backfillUntil,
    createdAt: s.createdAt,
    health: sourceHealth(s, now),
  };
}

export function sourceRoutes(app: FastifyInstance, options: { store: Store; places?: PlaceResolver | null; localToken?: string | null }) {
  const { store } = options;
  const admin = async (req: FastifyRequest) => {
    const writer = await authenticate(store.db, req.headers.authorization, options.localToken ?? null);
    if (writer.role !== "admin") throw new AuthError(403, "managing sources needs an admin key (skywatch keys create --role admin)");
  };
  // Runs asked for over HTTP lease like any other collector, so they never collide with the scheduler.
  let collector: Collector | null = null;

  app.get("/api/sources", async () => ({ sources: (await listSources(store)).map((s) => publicSource(s)) }));
  app.get("/api/sources/:id", async (req, reply) => {
    const { id } = IdParam.parse(req.params);
    const source = await getSource(store, id);
    return source ? publicSource(source) : reply.status(404).send({ error: `no source ${id}` });
  });
  app.get("/api/sources/:id/health", async (req, reply) => {
    const { id } = IdParam.parse(req.params);
    const source = await getSource(store, id);
    return source ? sourceHealth(source) : reply.status(404).send({ error: `no source ${id}` });
  });
  app.post("/api/sources", { onRequest: [admin] }, async (req, reply) => {
    const items = Array.isArray(req.body) ? req.body : [req.body];
    if (!items.length || items.length > 1000) return reply.status(400).send({ error: "send a source object or an array of 1 to 1000" });
    const fields = items.map((item) => SourceFields.parse(item));
    const added = [];
    for (const f of fields) added.push(await addSource(store, f));
    const out = added.map(({ source, created }) => ({ ...publicSource(source), created }));
    return reply.status(added.some((a) => a.created) ? 201 : 200).send(Array.isArray(req.body) ? { sources: out } : out[0]);
  });
  app.patch("/api/sources/:id", { onRequest: [admin] }, async (req, reply) => {
    const { id } = IdParam.parse(req.params);
    const source = await updateSource(store, id, SourceChanges.parse(req.body ?? {}));
    return source ? publicSource(source) : reply.status(404).send({ error: `no source ${id}` });
  });
  app.delete("/api/sources/:id", { onRequest: [admin] }, async (req, reply) => {
    const { id } = IdParam.parse(req.params);
    return (await removeSource(store, id)) ? { removed: id } : reply.status(404).send({ error: `no source ${id}` });
  });
  app.post("/api/sources/run", { onRequest: [admin] }, async (req) => {
    const { ids } = RunBody.parse(req.body ?? {});
    collector ??= new Collector(store, { places: options.places });
    return { results: await collector.runDue(ids ?? null) };
  });
}
