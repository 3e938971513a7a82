// What POST /api/reports can tell of each report before extracting it, so that its answer names
// every report's id whether the report is extracted now, in a job or by a queue's worker: a report
// the store already holds (the same text under its key, or the same article of the same day) is a
// duplicate of that report's id; any other gets an id reserved from the reports' sequence, under
// which it is stored once extracted (ReportInput.reportId). The same rules as storeReports, read
// without writing; a report that became known in between (the same text sent twice at once) is
// stored once, under the first one's id, and the other reserved id stays unused.
import { contentFingerprint } from "../ingest/source-identity.js";
import type { Db } from "../store/database.js";
import { reserveReportIds } from "../store/prepared.js";
import { contentHash, legacyKeys, naturalKey, type ReportInput, storedAlike } from "../store/reports.js";

export type Intake =
  | { status: "duplicate"; reportId: number; version: number }
  /** To be stored under `reportId`: a new report (version 1) or a corrected text (a new version). */
  | { status: "queued"; reportId: number; version: number };

const sameDay = (a: string | null | undefined, b: string | null | undefined) => !a || !b || a === b;

/** Each input's intake, in order; the inputs to extract get their reserved id (`reportId`) set. */
export async function planIntake(db: Db, inputs: ReportInput[]): Promise<Intake[]> {
  if (!inputs.length) return [];
  const items = inputs.map((input) => {
    const hash = contentHash(input.text);
    return {
      input,
      hash,
      fingerprint: contentFingerprint(input.text, input.title),
      key: naturalKey(input, hash),
      legacy: legacyKeys(input),
    };
  });
  const { existing, byFingerprint } = await storedAlike(db, items);
  const known = new Map(existing.map((r) => [`${r.key}|${r.hash}`, { id: r.id, version: r.version }]));
  const latest = new Map<string, number>();
  for (const r of existing) latest.set(r.key, Math.max(latest.get(r.key) ?? 0, r.version));

  // New ones first point at their place (-1 - at), given their reserved id below.
  const plan: Intake[] = [];
  const fresh: number[] = [];
  items.forEach((item, at) => {
    const seen =
      known.get(`${item.key}|${item.hash}`) ?? byFingerprint.get(item.fingerprint)?.find((t) => sameDay(t.published, item.input.published));
    if (seen) {
      plan.push({ status: "duplicate", reportId: seen.id, version: seen.version });
      return;
    }
    const version = (latest.get(item.key) ?? 0) + 1;
    latest.set(item.key, version);
    const placeholder = { id: -1 - at, version };
    known.set(`${item.key}|${item.hash}`, placeholder);
    byFingerprint.set(item.fingerprint, [
      ...(byFingerprint.get(item.fingerprint) ?? []),
      { ...placeholder, published: item.input.published ?? null },
    ]);
    plan.push({ status: "queued", reportId: placeholder.id, version });
    fresh.push(at);
  });
  const ids = await reserveReportIds(db, fresh.length);
  fresh.forEach((at, n) => {
    inputs[at].reportId = ids[n];
  });
  for (const p of plan) if (p.reportId < 0) p.reportId = inputs[-1 - p.reportId].reportId as number;
  return plan;
}
