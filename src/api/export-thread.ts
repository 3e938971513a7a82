// The export thread of a server on PostgreSQL: reads the pages of each CSV export and makes their
// text here, off the server's event loop, which only passes the chunks to the sockets. Under a
// large export the loop stays free for /api/health and the lists (issue 15: health waited behind
// the pages' rows and lines). One thread serves every export; each is pulled a chunk at a time by
// its response, so a slow client holds one chunk, not the whole export.
import { parentPort, workerData } from "node:worker_threads";
import { openServerReader, type ServerAddress } from "../store/server-reader.js";
import { csvChunks } from "./export-csv.js";
import { EXPORT_CONNECTION_NAME, type ExportRequest, type ExportResponse } from "./export-thread-protocol.js";

const port = parentPort;
if (!port) throw new Error("export-thread.ts runs as a worker thread (export-thread-client.ts starts it)");
const { address, connections } = workerData as { address: ServerAddress; connections: number };
const reader = openServerReader(address, connections, EXPORT_CONNECTION_NAME);
const running = new Map<number, AsyncIterator<string>>();

const send = (message: ExportResponse) => port.postMessage(message);

async function pull(id: number) {
  const chunks = running.get(id);
  if (!chunks) return;
  try {
    const next = await chunks.next();
    if (!running.has(id)) return; // cancelled meanwhile
    if (next.done) {
      running.delete(id);
      send({ type: "end", id });
    } else send({ type: "chunk", id, text: next.value });
  } catch (err) {
    running.delete(id);
    send({ type: "error", id, message: (err as Error).message });
  }
}

port.on("message", (message: ExportRequest) => {
  if (message.type === "start") {
    running.set(message.id, csvChunks(reader.db, reader.execute, message.query, message.pageSize)[Symbol.asyncIterator]());
  } else if (message.type === "pull") void pull(message.id);
  else if (message.type === "cancel") {
    const chunks = running.get(message.id);
    running.delete(message.id);
    void chunks?.return?.(undefined);
  } else if (message.type === "close") void reader.close().then(() => port.close());
});
