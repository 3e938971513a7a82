// The messages between the server and its export thread (export-thread.ts).
import type { EventQuery } from "./queries.js";

/** What the server's pg_stat_activity calls the thread's connections. */
export const EXPORT_CONNECTION_NAME = "skywatch export";

export type ExportRequest =
  | { type: "start"; id: number; query: EventQuery; pageSize: number }
  /** The response took the last chunk: send the next one. */
  | { type: "pull"; id: number }
  /** The client went away. */
  | { type: "cancel"; id: number }
  | { type: "close" };

export type ExportResponse =
  | { type: "chunk"; id: number; text: string }
  | { type: "end"; id: number }
  | { type: "error"; id: number; message: string };
