// The interactive API reference at /api/docs: Swagger UI, its scripts and styles served from
// the @fastify/swagger-ui package (nothing from elsewhere), over the document of openapi.ts.
// Without JavaScript the page still lists every endpoint (a <noscript> list from the same document).
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { openApiDocument } from "./openapi.js";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Every endpoint as a list item: method, path and summary. */
export function endpointList(): string {
  const items = Object.entries(openApiDocument().paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(
      ([method, op]) => `<li><code>${method.toUpperCase()} ${escapeHtml(path)}</code> — ${escapeHtml(op.summary)}</li>`,
    ),
  );
  return `<noscript><h1>Skywatch API</h1><p>The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a>.</p><ul>${items.join("")}</ul></noscript>`;
}

export async function apiDocs(app: FastifyInstance) {
  let list: string | null = null;
  // Added before the UI's routes, so that it applies to them: only the page itself is changed.
  app.addHook("onSend", async (req, reply, payload) => {
    if (typeof payload !== "string" || !/^\/api\/docs\/?(\?|$)/.test(req.url)) return payload;
    if (!String(reply.getHeader("content-type") ?? "").startsWith("text/html")) return payload;
    list ??= endpointList();
    return payload.replace("<title>Swagger UI</title>", "<title>Skywatch API</title>").replace("</body>", `${list}</body>`);
  });
  await app.register(swagger, { mode: "static", specification: { document: openApiDocument() as never } });
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    // No validator badge: it would load an image from validator.swagger.io.
    uiConfig: { validatorUrl: null, docExpansion: "list", deepLinking: true, tryItOutEnabled: true },
  });
}
