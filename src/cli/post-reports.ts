// Sends reports to a running server (POST /api/reports) in batches, adding up what it answers,
// so that `ingest --to` and `watch --to` print the same summary as storing locally.
import type { IngestSummary } from "../ingest/ingest.js";
import type { ReportInput } from "../store/reports.js";

export interface PostSummary extends IngestSummary {
  /** Reports a PostgreSQL-backed server queued for its workers (stored later, by them). */
  queued: number;
}

export const emptySummary = (): PostSummary => ({
  stored: 0,
  duplicates: 0,
  newVersions: 0,
  failed: 0,
  incidents: 0,
  errors: [],
  queued: 0,
});

export function addSummary(total: PostSummary, part: Partial<PostSummary>): void {
  for (const k of ["stored", "duplicates", "newVersions", "failed", "incidents", "queued"] as const) total[k] += part[k] ?? 0;
  total.errors.push(...(part.errors ?? []));
}

export class PostError extends Error {}

/** Posts one batch; throws PostError with the server's own message when it refuses. */
export async function postReports(base: string, key: string | null, batch: ReportInput[]): Promise<Partial<PostSummary>> {
  let res: Response;
  try {
    res = await fetch(new URL("/api/reports", base), {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(batch),
    });
  } catch (err) {
    throw new PostError(`could not reach ${base} (${(err as Error).message}); is 'skywatch serve' running there?`);
  }
  const body = (await res.json().catch(() => ({}))) as Partial<PostSummary> & { error?: string };
  if (res.status === 401)
    throw new PostError(`${base} refused the reports: ${body.error ?? "an API key is needed"}. Pass --key KEY or set SKYWATCH_API_KEY.`);
  if (!res.ok) throw new PostError(`${base} answered ${res.status}: ${body.error ?? "no message"}`);
  // A large batch becomes a job on an embedded store: wait for it, so that what is printed is stored.
  const job = (body as { job?: { id?: string } }).job;
  if (res.status === 202 && job?.id) return waitForJob(base, job.id);
  return body;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls GET /api/jobs/:id until the job is done; its summary is the batch's. */
async function waitForJob(base: string, id: string): Promise<Partial<PostSummary>> {
  for (let wait = 100; ; wait = Math.min(wait * 2, 2000)) {
    await sleep(wait);
    let res: Response;
    try {
      res = await fetch(new URL(`/api/jobs/${id}`, base));
    } catch (err) {
      throw new PostError(`lost ${base} while it stored job ${id} (${(err as Error).message}); run the command again to store the rest`);
    }
    const view = (await res.json().catch(() => ({}))) as { state?: string; summary?: Partial<PostSummary>; error?: string };
    if (!res.ok) throw new PostError(`${base} answered ${res.status} about job ${id}: ${view.error ?? "no message"}`);
    if (view.state === "done") return view.summary ?? {};
    if (view.state === "failed") throw new PostError(`${base} could not store job ${id}: ${view.error ?? "no message"}`);
  }
}
