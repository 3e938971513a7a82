// Shared by the alert tests: a local webhook receiver that checks signatures the way a
// subscriber would, and can be taken down and brought back; `skywatch` child processes; waits.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { verifySignature } from "../../src/alerts/signature.js";

export interface Received {
  at: number;
  headers: IncomingMessage["headers"];
  raw: string;
  body: { type: string; delivery_id: string; subscription_id: number; event?: Record<string, unknown>; [k: string]: unknown };
  /** Whether the Skywatch-Signature header is a valid signature of the raw body by `secret`. */
  signed: boolean;
}

export interface Receiver {
  url: string;
  port: number;
  /** Every request that reached the receiver, answered or not. */
  requests: Received[];
  /** Requests answered 2xx, one per delivery id (a receiver de-duplicates by it). */
  accepted: Map<string, Received>;
  /** How the receiver answers: 200, an error status, or "hang" (never answers). */
  mode: number | "hang";
  secret: string | null;
  close(): Promise<void>;
  /** Stops listening (connections are refused) until up(). */
  down(): Promise<void>;
  up(): Promise<void>;
}

export async function startReceiver(port = 0): Promise<Receiver> {
  let server: Server;
  const receiver: Receiver = {
    url: "",
    port: 0,
    requests: [],
    accepted: new Map(),
    mode: 200,
    secret: null,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
    down: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
    up: async () => {
      server = make();
      await new Promise<void>((r) => server.listen(receiver.port, "127.0.0.1", () => r()));
    },
  };
  const make = () =>
    createServer((req, res) => {
      let raw = "";
      req.setEncoding("utf8");
      req.on("data", (c: string) => {
        raw += c;
      });
      req.on("end", () => {
        const header = req.headers["skywatch-signature"] as string | undefined;
        const got: Received = {
          at: Date.now(),
          headers: req.headers,
          raw,
          body: JSON.parse(raw),
          signed: receiver.secret !== null && verifySignature(header, receiver.secret, raw),
        };
        receiver.requests.push(got);
        if (receiver.mode === "hang") return;
        res.writeHead(receiver.mode, { "content-type": "text/plain" }).end(receiver.mode === 200 ? "ok" : "not now");
        if (receiver.mode >= 200 && receiver.mode < 300 && !receiver.accepted.has(got.body.delivery_id))
          receiver.accepted.set(got.body.delivery_id, got);
      });
    });
  server = make();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hook`;
  return receiver;
}

export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string, stepMs = 25): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  if (!(await cond())) throw new Error(`${what}: not within ${timeoutMs} ms`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Proc {
  child: ChildProcess;
  exited: Promise<void>;
  log: () => string;
}

const bin = join(import.meta.dirname, "..", "..", "bin", "skywatch.js");

/** Runs `skywatch ARGS…` (the built command), collecting its output. */
export function startSkywatch(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, SKYWATCH_COLLECT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (c) => {
    log += c;
  });
  child.stderr?.on("data", (c) => {
    log += c;
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return { child, exited, log: () => log };
}

/** The URL `skywatch serve` listens on, once it says so. */
export async function listening(p: Proc, deadline = 60_000): Promise<string> {
  const until = Date.now() + deadline;
  while (Date.now() < until && p.child.exitCode === null && p.child.signalCode === null) {
    const m = p.log().match(/serving on (http:\/\/\S+)/);
    if (m) return m[1];
    await sleep(50);
  }
  throw new Error(`skywatch serve did not start (exit ${p.child.exitCode ?? p.child.signalCode}):\n${p.log()}`);
}

export async function kill9(p: Proc): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
  await p.exited;
}

export async function json(method: string, url: string, body?: unknown, token?: string) {
  const res = await fetch(url, {
    method,
    headers: { ...(body ? { "content-type": "application/json" } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whichever fields it asserts on
  return { status: res.status, body: (await res.json()) as any };
}
