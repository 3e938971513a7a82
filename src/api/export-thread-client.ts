// The server's side of the export thread (export-thread.ts): started on the first export, each
// export a stream that asks the thread for its next chunk only when the response has taken the
// last one (backpressure down to the page queries), cancelled when the client goes away.
import { existsSync } from "node:fs";
import { Readable } from "node:stream";
import { Worker } from "node:worker_threads";
import type { ServerAddress } from "../store/server-reader.js";
import type { ExportRequest, ExportResponse } from "./export-thread-protocol.js";
import type { EventQuery } from "./queries.js";

export interface ExportThread {
  /** The CSV export of a query as a stream of text. */
  csv(query: EventQuery, pageSize: number): Readable;
  close(): Promise<void>;
}

/** Connections the thread's exports share (the server's own pool has eight). */
const EXPORT_CONNECTIONS = 4;
/** How long a closing thread may take to end its connections before it is stopped. */
const CLOSE_WAIT_MS = 2000;

/** The compiled thread beside this module; run from the sources (tests), the build's (dist/). */
function threadScript(): URL {
  const beside = new URL("./export-thread.js", import.meta.url);
  return existsSync(beside) ? beside : new URL("../../dist/api/export-thread.js", import.meta.url);
}

export function exportThread(address: ServerAddress): ExportThread {
  let worker: Worker | null = null;
  const streams = new Map<number, Readable>();
  let lastId = 0;

  const failAll = (err: Error) => {
    for (const stream of streams.values()) stream.destroy(err);
    streams.clear();
  };
  const onMessage = (m: ExportResponse) => {
    const stream = streams.get(m.id);
    if (!stream) return;
    if (m.type === "chunk") {
      stream.push(m.text);
      return;
    }
    streams.delete(m.id);
    if (m.type === "end") stream.push(null);
    else stream.destroy(new Error(`the export failed: ${m.message}`));
  };
  const running = (): Worker => {
    if (worker) return worker;
    const w = new Worker(threadScript(), { workerData: { address, connections: EXPORT_CONNECTIONS } });
    w.unref(); // an idle export thread never keeps the process alive
    w.on("message", onMessage);
    w.on("error", (err) => failAll(new Error(`the export thread failed: ${err.message}`)));
    w.on("exit", (code) => {
      if (worker === w) worker = null; // the next export starts another
      failAll(new Error(`the export thread stopped (exit code ${code})`));
    });
    worker = w;
    return w;
  };
  const post = (w: Worker, message: ExportRequest) => w.postMessage(message);

  return {
    csv(query, pageSize) {
      const w = running();
      const id = ++lastId;
      const stream = new Readable({
        read: () => post(w, { type: "pull", id }),
        destroy: (err, done) => {
          if (streams.delete(id)) post(w, { type: "cancel", id });
          done(err);
        },
      });
      streams.set(id, stream);
      post(w, { type: "start", id, query, pageSize });
      return stream;
    },
    async close() {
      const w = worker;
      worker = null;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once("exit", () => resolve()));
      post(w, { type: "close" });
      const timer = setTimeout(() => void w.terminate(), CLOSE_WAIT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
