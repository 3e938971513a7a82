// A large answer that many requests share (statistics kept per generation of the events,
// count-cache.ts; a page kept while an embedded store writes nothing, unchanged-answers.ts) is
// serialised once, not once per request. Profiled on PostgreSQL with 1 M events, 50 connections
// asking /api/stats/daily (a 174 kB answer) while reports were ingested: Fastify's JSON.stringify of
// each answer, the string's byte length and its UTF-8 copy into the socket took ~2 ms per request,
// and when a shared computation finished, every request that waited for it did all that in one
// run of the event loop — the loop was held up to 500 ms at a time, health and every request with it.
// As a Buffer made once, each request only writes it (compression, when asked, is unchanged).
const bodies = new WeakMap<object, { tag: string; body: Buffer }>();

/**
 * The JSON of `build()` as a Buffer, made once while `key` (an object the answer is made of, kept
 * and shared: the same object means the same answer) lives; `tag` tells apart answers built from the
 * same key in different ways.
 */
export function sharedJson(key: object, tag: string, build: () => unknown): Buffer {
  const hit = bodies.get(key);
  if (hit?.tag === tag) return hit.body;
  const body = Buffer.from(JSON.stringify(build()));
  bodies.set(key, { tag, body });
  return body;
}
