// One writer per embedded (PGlite) store: a lock file beside the data directory, created with
// O_EXCL and holding the owner's pid. A holder that died (kill -9, power loss) leaves a stale
// file, recognised by its pid no longer running (or running another program since it started),
// so it never blocks the next start. `serve` writes its URL and a local admin token into the
// lock (mode 0600), so that other commands on this machine can send their work to it.
import { closeSync, existsSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";

/** What a lock file says about the process holding the store. */
export interface LockHolder {
  pid: number;
  /** The process's start time as the kernel counts it (Linux), to tell a reused pid apart. */
  started: string | null;
  host: string;
  command: string;
  since: string;
  /** Set by `skywatch serve` once it listens: where to send work, and the token it accepts from local processes. */
  server?: { url: string; token: string };
}

export interface DataDirLock {
  path: string;
  holder: LockHolder;
  /** Records the server's URL and local token in the lock. */
  announce(server: { url: string; token: string }): void;
  release(): void;
}

export class StoreBusyError extends Error {
  constructor(
    message: string,
    readonly holder: LockHolder,
  ) {
    super(message);
  }
}

export function lockPathFor(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, "")}.lock`;
}

/** Locks held by this process (two opens in one process are two writers too). */
const heldHere = new Set<string>();

/** State and start time of a process (fields 3 and 22 of /proc/PID/stat), or null where there is no /proc. */
function procStat(pid: number): { state: string; started: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0], started: fields[19] };
  } catch {
    return null;
  }
}

const processStart = (pid: number): string | null => procStat(pid)?.started ?? null;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether the process a lock names is still the one that wrote it. */
export function holderAlive(holder: LockHolder, path: string): boolean {
  if (holder.host !== hostname()) return true; // cannot tell: assume it runs (the data directory is shared)
  if (holder.pid === process.pid) return heldHere.has(path);
  if (!isRunning(holder.pid)) return false;
  const stat = procStat(holder.pid);
  if (!stat) return true;
  // A zombie (killed, not yet reaped) holds nothing; a different start time is another program under a reused pid.
  return stat.state !== "Z" && stat.state !== "X" && !(holder.started && stat.started !== holder.started);
}

function readHolder(path: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as LockHolder;
    return typeof parsed.pid === "number" ? parsed : null;
  } catch {
    return null; // gone, or half-written by a holder that died while writing it
  }
}

/** The live holder of a data directory's lock, or null when it is free (or stale). */
export function readLock(dataDir: string): LockHolder | null {
  const path = lockPathFor(dataDir);
  const holder = readHolder(path);
  return holder && holderAlive(holder, path) ? holder : null;
}

/** "'skywatch serve' (pid 123, since …); it serves http://…" */
export function describeHolder(holder: LockHolder): string {
  const who = `'skywatch ${holder.command}' (pid ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ""}, since ${holder.since})`;
  return holder.server ? `${who}, which serves ${holder.server.url}` : who;
}

function busyMessage(dataDir: string, holder: LockHolder, path: string): string {
  return (
    `the store in ${dataDir} is in use by ${describeHolder(holder)}. One process at a time may open an embedded store: ` +
    `send reports to the running server with --to http://HOST:PORT, or wait until it ends. ` +
    `If no such process runs any more, delete ${path}.`
  );
}

/** Moves a stale lock aside; false when another process replaced it meanwhile. */
function breakStale(path: string, stale: LockHolder): boolean {
  const aside = `${path}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(path, aside);
  } catch {
    return true; // already gone: try again to create it
  }
  const moved = readHolder(aside);
  if (moved && (moved.pid !== stale.pid || moved.since !== stale.since)) {
    // Another process took the lock between our read and the rename: give it back.
    try {
      linkSync(aside, path);
    } catch {}
    unlinkSync(aside);
    return false;
  }
  unlinkSync(aside);
  return true;
}

function writeAtomically(path: string, holder: LockHolder) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

/** Takes the lock of an embedded store's directory, or throws StoreBusyError naming who holds it. */
export function lockDataDir(dataDir: string, command: string): DataDirLock {
  const path = lockPathFor(dataDir);
  const holder: LockHolder = {
    pid: process.pid,
    started: processStart(process.pid),
    host: hostname(),
    command,
    since: new Date().toISOString(),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      try {
        writeFileSync(fd, `${JSON.stringify(holder)}\n`);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const current = readHolder(path);
      // An unreadable lock may be one being written this instant: look again before calling it stale.
      if (!current && attempt < 3) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
        continue;
      }
      if (current && holderAlive(current, path)) throw new StoreBusyError(busyMessage(dataDir, current, path), current);
      if (attempt > 5 || !breakStale(path, current ?? holder)) {
        const now = readHolder(path) ?? holder;
        throw new StoreBusyError(busyMessage(dataDir, now, path), now);
      }
    }
  }
  heldHere.add(path);
  const releaseOnExit = () => release();
  const release = () => {
    process.off("exit", releaseOnExit);
    if (!heldHere.delete(path)) return;
    const current = readHolder(path);
    if (current?.pid === process.pid && current.since === holder.since && existsSync(path)) unlinkSync(path);
  };
  process.on("exit", releaseOnExit);
  return {
    path,
    holder,
    announce(server) {
      holder.server = server;
      writeAtomically(path, holder);
    },
    release,
  };
}
