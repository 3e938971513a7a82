// Jobs announced as they arrive: whoever queues reports sends NOTIFY on the queue's channel, and a
// worker LISTENs on a connection of its own, so that it takes a job within milliseconds of its
// insert rather than at its next poll. The poll stays as a slow fallback (retries whose delay ran
// out, expired jobs, a notice lost while the connection was down).
import pg from "pg";

/** NOTIFY channel of the report queue in a pg-boss schema. */
export const jobsChannel = (bossSchema: string) => `skywatch_jobs_${bossSchema}`;

export interface JobSignal {
  /** Resolves at the next notice, or after `ms` at the latest. */
  wait(ms: number): Promise<void>;
  /** Wakes every waiter now (stopping). */
  wakeAll(): void;
  close(): Promise<void>;
}

/** LISTENs on `channel` on its own connection (named `applicationName` in pg_stat_activity); reconnects after a second when the connection drops. */
export async function listenForJobs(url: string, channel: string, applicationName?: string): Promise<JobSignal> {
  let waiters: Array<() => void> = [];
  let client: pg.Client | null = null;
  let closed = false;
  const wakeAll = () => {
    const woken = waiters;
    waiters = [];
    for (const w of woken) w();
  };
  const retry = () => {
    if (!closed) setTimeout(() => connect().catch(retry), 1000).unref();
  };
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, ...(applicationName ? { application_name: applicationName } : {}) });
    c.on("notification", wakeAll);
    c.on("error", (err) => {
      console.error(`skywatch queue: the connection listening for jobs failed (${err.message}); reconnecting`);
      c.end().catch(() => {});
      retry();
    });
    await c.connect();
    await c.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
    client = c;
    // Jobs queued while no one listened are taken now.
    wakeAll();
  };
  await connect();
  return {
    wait: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== done);
          resolve();
        }
        waiters.push(done);
      }),
    wakeAll,
    close: async () => {
      closed = true;
      wakeAll();
      await client?.end().catch(() => {});
    },
  };
}
