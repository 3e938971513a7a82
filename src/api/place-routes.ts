// Places users add (villages the gazetteer lacks) over HTTP, kept in the store (local_places,
// src/geo/local-places.ts) and used by this server's resolver from the next request on:
//   GET  /api/places   {places: [{name, region, lat, lon, names?}]}, in the order they were added
//   POST /api/places   {name, region, lat, lon, names?} → 201 {place, changed, places, note?}
//                      (200 when the same place was there already); writing needs a key, as
//                      POST /api/reports does (or --open-writes). `skywatch place add` sends here
//                      when a `serve` holds the embedded store.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { defaultGazetteer, type LocalPlace } from "../geo/gazetteer.js";
import { listLocalPlaces, saveLocalPlaces } from "../geo/local-places.js";
import type { Store } from "../store/database.js";
import { authenticate } from "./auth.js";
import { jsonSchema } from "./response-schemas.js";

export const PlaceBody = z
  .object({
    name: z
      .string({ message: 'the place\'s name, a string such as "Togobievka"' })
      .trim()
      .min(1, { message: "the place's name is empty" })
      .max(200, { message: "a place's name is at most 200 characters" }),
    region: z
      .string({ message: "the ISO 3166-2 region the place lies in, such as RU-BEL or UA-63" })
      .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, { message: "an ISO 3166-2 code such as RU-BEL or UA-63" }),
    lat: z
      .number({ message: "decimal degrees north (-90 to 90), a number" })
      .min(-90, { message: "decimal degrees north, -90 to 90" })
      .max(90, { message: "decimal degrees north, -90 to 90" }),
    lon: z
      .number({ message: "decimal degrees east (-180 to 180), a number" })
      .min(-180, { message: "decimal degrees east, -180 to 180" })
      .max(180, { message: "decimal degrees east, -180 to 180" }),
    names: z
      .array(z.string().trim().min(1).max(200), { message: "the place's other spellings, a list of strings" })
      .max(20, { message: "at most 20 other spellings" })
      .optional(),
  })
  .strict();

export interface PlaceRouteOptions {
  store: Store;
  openWrites?: boolean;
  localToken?: string | null;
  /** Reloads the server's place resolver (src/geo/live-places.ts) now, so that the place is used from the next request on. */
  refreshPlaces?: (() => Promise<unknown>) | null;
}

export function placeRoutes(app: FastifyInstance, options: PlaceRouteOptions) {
  const { store } = options;
  const writer = async (req: { headers: { authorization?: string } }) => {
    if (!options.openWrites) await authenticate(store.db, req.headers.authorization, options.localToken ?? null);
  };

  app.get("/api/places", async () => ({ places: await listLocalPlaces(store.db) }));

  app.post("/api/places", { onRequest: [writer] }, async (req, reply) => {
    if (!req.body || typeof req.body !== "object" || Array.isArray(req.body))
      return reply.status(400).send({ error: 'send one place: {"name": "Togobievka", "region": "RU-BEL", "lat": 50.56, "lon": 37.14}' });
    const body = PlaceBody.parse(req.body);
    const g = defaultGazetteer();
    if (!g.regionFacts(body.region))
      return reply.status(400).send({ error: `region: unknown region '${body.region}'; use an ISO 3166-2 code such as RU-BEL or UA-63` });
    const names = [...new Set((body.names ?? []).filter((n) => n.toLowerCase() !== body.name.toLowerCase()))];
    const place: LocalPlace = { name: body.name, region: body.region, lat: body.lat, lon: body.lon, ...(names.length ? { names } : {}) };
    const changed = (await saveLocalPlaces(store.db, [place])) > 0;
    // Twice: a reload already under way may have read the places before this one was written.
    await options.refreshPlaces?.();
    await options.refreshPlaces?.();
    const inside = g.pointToRegion(place.lat, place.lon);
    const note =
      inside && inside !== place.region ? `${place.lat}, ${place.lon} lies in ${inside}, not ${place.region}; added as given` : null;
    const places = (await listLocalPlaces(store.db)).length;
    return reply.status(changed ? 201 : 200).send({ place, changed, places, ...(note ? { note } : {}) });
  });
}

const placeSchema = jsonSchema(PlaceBody);
const problem = { description: "{error}: what is wrong" };

/** The routes above in /api/openapi.json. */
export const placesOpenApiPaths = {
  "/api/places": {
    get: {
      summary: "the places users added (skywatch place add, POST /api/places), in the order they were added → {places} (public)",
      responses: {
        200: {
          description: "the places",
          content: { "application/json": { schema: { type: "object", properties: { places: { type: "array", items: placeSchema } } } } },
        },
      },
    },
    post: {
      summary:
        "add a place the gazetteer lacks {name, region, lat, lon, names?} (the same name and region again replaces it); this server uses it from the next request on; needs 'Authorization: Bearer KEY' unless the server runs with --open-writes",
      requestBody: { required: true, content: { "application/json": { schema: placeSchema } } },
      responses: {
        200: { description: "{place, changed: false, places}: it was there already, the same" },
        201: { description: "{place, changed: true, places, note?}: added (note: the point lies in another region)" },
        400: problem,
        401: { description: "no key, or an unknown or revoked one" },
      },
    },
  },
};
