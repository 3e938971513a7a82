// API keys over HTTP, for admins (an admin key, or the local token of `skywatch serve`): what
// `skywatch keys` uses while a server holds the embedded store.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { hasLineControlCharacters } from "../ingest/report-fields.js";
import { createApiKey, listApiKeys, ROLES, revokeApiKey, type Writer } from "../store/api-keys.js";
import type { Store } from "../store/database.js";
import { requireAdmin } from "./auth.js";

const NewKey = z.object({
  role: z.enum(ROLES),
  source: z
    .string()
    .min(1)
    .max(200)
    .refine((v) => !hasLineControlCharacters(v), "source must not contain control characters")
    .nullish(),
  label: z
    .string()
    .max(200)
    .refine((v) => !hasLineControlCharacters(v), "label must not contain control characters")
    .nullish(),
});
const IdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export function keyRoutes(
  app: FastifyInstance,
  store: Store,
  identify: (req: FastifyRequest) => Promise<void>,
  writers: WeakMap<FastifyRequest, Writer>,
): void {
  const admin = async (req: FastifyRequest) => {
    await identify(req);
    requireAdmin(writers.get(req) as Writer);
  };
  app.get("/api/keys", { onRequest: [admin] }, async () => ({ keys: await listApiKeys(store.db) }));
  app.post("/api/keys", { onRequest: [admin] }, async (req, reply) =>
    reply.status(201).send(await createApiKey(store.db, NewKey.parse(req.body))),
  );
  app.delete("/api/keys/:id", { onRequest: [admin] }, async (req, reply) => {
    const { id } = IdParam.parse(req.params);
    return (await revokeApiKey(store.db, id)) ? { revoked: id } : reply.status(404).send({ error: `no live API key ${id}` });
  });
}
