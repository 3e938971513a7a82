// POST /api/reports answers in one shape whatever becomes of the reports — stored at once (a small
// post), a job (a large post on any store without a queue), or queued for workers (PostgreSQL with
// a queue, any size): each report's id, known when the answer is sent (reserved for the reports
// still to be extracted, and the one they are then stored under), duplicates naming the report
// stored before, and how many are queued. On PGlite, and on PostgreSQL with TEST_DATABASE_URL.
import type { FastifyInstance } from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { PostAnswer } from "../../src/api/response-schemas.js";
import { buildServer } from "../../src/api/server.js";
import { defaultPlaceResolver } from "../../src/geo/resolver.js";
import { openReportQueue, type ReportQueue } from "../../src/queue/report-queue.js";
import type { Store } from "../../src/store/database.js";
import { dropSchemas } from "../helpers/drop-schemas.js";
import { storeBackends } from "../helpers/store-backends.js";

const { backends, schemas } = storeBackends("submission");
const url = process.env.TEST_DATABASE_URL;
const places = defaultPlaceResolver();
const LIMITS = { perAddress: false, maxEventLoopDelayMs: false } as const;

afterAll(async () => {
  if (url) await dropSchemas(url, schemas);
});

const report = (tag: string, i: number) => ({
  source: "submission-test",
  url: `https://example.org/${tag}/${i}`,
  published: "2025-07-01",
  text: `Беспилотник атаковал Белгород, повреждён жилой дом номер ${i} (${tag}).`,
});

const post = (app: FastifyInstance, payload: unknown) => app.inject({ method: "POST", url: "/api/reports", payload: payload as object });

/** The url each stored report id holds. */
async function urlsOf(store: Store, ids: number[]): Promise<Map<number, string>> {
  const rows = await store.execute(`SELECT id, url FROM reports WHERE id = ANY('{${ids.join(",")}}'::int[])`);
  return new Map(rows.map((r) => [Number(r.id), String(r.url)]));
}

async function until(test: () => Promise<boolean>, what: string, ms = 120_000) {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(backends)("POST /api/reports on %s", (_name, open) => {
  it("answers small and large posts with the same shape and each report's id, before a job extracts them", async () => {
    const store = await open();
    const app = buildServer({ store, places, openWrites: true, limits: LIMITS });
    try {
      const small = await post(app, [report("small", 0), report("small", 1)]);
      expect(small.statusCode, small.body).toBe(201);
      const smallAnswer = PostAnswer.parse(small.json());
      expect(smallAnswer).toMatchObject({ stored: 2, queued: 0, job: null, status: null });
      const known = smallAnswer.reports[0].reportId as number;

      // 60 new, one repeated inside the post, and one stored before: 62 > 50, so a job.
      const many = [...Array.from({ length: 60 }, (_, i) => report("large", i)), report("large", 0), report("small", 0)];
      const large = await post(app, many);
      expect(large.statusCode, large.body).toBe(202);
      const answer = PostAnswer.parse(large.json());
      expect(Object.keys(answer).sort()).toEqual(Object.keys(smallAnswer).sort());
      expect(answer).toMatchObject({ queued: 60, duplicates: 2, stored: 0 });
      expect(answer.job?.id).toBeTruthy();
      expect(answer.status).toBe(`/api/jobs/${answer.job?.id}`);
      expect(large.headers.location).toBe(answer.status);
      expect(answer.reports.map((r) => r.index)).toEqual(many.map((_, i) => i));
      const queued = answer.reports.slice(0, 60);
      expect(queued.every((r) => r.status === "queued" && r.version === 1)).toBe(true);
      const ids = queued.map((r) => r.reportId as number);
      expect(new Set(ids).size).toBe(60);
      expect(answer.reports[60]).toMatchObject({ status: "duplicate", reportId: ids[0] });
      expect(answer.reports[61]).toMatchObject({ status: "duplicate", reportId: known, href: `/api/reports/${known}` });

      let view = answer.job as NonNullable<typeof answer.job>;
      await until(async () => {
        view = (await app.inject({ url: answer.status as string })).json();
        return view.state === "done" || view.state === "failed";
      }, "the job");
      expect(view.state).toBe("done");
      // Stored under the ids the 202 named.
      expect(view.outcomes.map((o) => o.reportId)).toEqual(answer.reports.map((r) => r.reportId));
      expect(view.outcomes.slice(0, 60).every((o) => o.status === "stored")).toBe(true);
      const urls = await urlsOf(store, ids);
      expect(ids.map((id) => urls.get(id))).toEqual(many.slice(0, 60).map((r) => r.url));
      const detail = (await app.inject({ url: queued[5].href as string })).json();
      expect(detail.url).toBe(many[5].url);

      // A large post of known reports only: nothing to queue, no job.
      const knownOnly = await post(app, many.slice(0, 55));
      expect(knownOnly.statusCode).toBe(200);
      expect(PostAnswer.parse(knownOnly.json())).toMatchObject({ queued: 0, duplicates: 55, job: null });
      // A corrected text is queued as the report's next version.
      const corrected = await post(app, [
        { ...many[1], text: `${many[1].text} Обновлено.` },
        ...Array.from({ length: 50 }, (_, i) => report("more", i)),
      ]);
      const correctedAnswer = PostAnswer.parse(corrected.json());
      expect(correctedAnswer.reports[0]).toMatchObject({ status: "queued", version: 2 });
      await until(async () => (await app.inject({ url: correctedAnswer.status as string })).json().state === "done", "the second job");
      const [row] = await store.execute(`SELECT version, url FROM reports WHERE id = ${correctedAnswer.reports[0].reportId}`);
      expect(row).toEqual({ version: 2, url: many[1].url });
    } finally {
      await app.close();
      await store.close();
    }
  }, 240_000);
});

describe.skipIf(!url)("POST /api/reports with a queue (PostgreSQL)", () => {
  it("names each queued report's id at once; the workers store them under those ids; duplicates are not queued", async () => {
    const schema = `test_subq_${process.pid}_${Date.now()}`;
    schemas.push(schema, `${schema}_boss`);
    const { openStore } = await import("../../src/store/database.js");
    const store = await openStore({ url, schemaName: schema });
    const queue: ReportQueue = await openReportQueue(url as string, { schema: `${schema}_boss`, pollingIntervalSeconds: 0.5 });
    const app = buildServer({ store, queue, places, openWrites: true, limits: LIMITS });
    const worker = await openStore({ url, schemaName: schema });
    try {
      const small = await post(app, [report("q-small", 0), report("q-small", 1)]);
      expect(small.statusCode, small.body).toBe(202);
      const smallAnswer = PostAnswer.parse(small.json());
      expect(smallAnswer).toMatchObject({ queued: 2, duplicates: 0, job: null, status: null });
      const many = [...Array.from({ length: 80 }, (_, i) => report("q-large", i)), report("q-large", 3)];
      const large = PostAnswer.parse((await post(app, many)).json());
      expect(Object.keys(large).sort()).toEqual(Object.keys(smallAnswer).sort());
      expect(large).toMatchObject({ queued: 80, duplicates: 1, job: null });
      expect(await queue.pending()).toBe(82);

      await queue.work(worker, places);
      await until(async () => (await queue.pending()) === 0, "the workers");
      const answers = [
        ...smallAnswer.reports.map((r, i) => ({ r, url: report("q-small", i).url })),
        ...large.reports.slice(0, 80).map((r, i) => ({ r, url: many[i].url })),
      ];
      const ids = answers.map(({ r }) => r.reportId as number);
      expect(new Set(ids).size).toBe(82);
      const urls = await urlsOf(store, ids);
      expect(answers.map(({ r }) => urls.get(r.reportId as number))).toEqual(answers.map((a) => a.url));
      expect(large.reports[80]).toMatchObject({ status: "duplicate", reportId: large.reports[3].reportId });

      // Sent again once stored: duplicates at once, nothing queued.
      const again = await post(app, many.slice(0, 10));
      expect(again.statusCode).toBe(200);
      expect(PostAnswer.parse(again.json())).toMatchObject({ queued: 0, duplicates: 10 });
      expect(PostAnswer.parse(again.json()).reports.map((r) => r.reportId)).toEqual(ids.slice(2, 12));
      expect(await queue.pending()).toBe(0);
    } finally {
      await app.close();
      await queue.stop();
      await worker.close();
      await store.close();
    }
  }, 240_000);
});
