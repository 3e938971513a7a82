// Many events quickly, for tests that need volume: a report, an incident and a claim per event,
// written with a few bulk statements (no extraction).
import type { Store } from "../../src/store/database.js";

const PLACES = [
  { name: "Kharkiv", region: "UA-63", lat: 49.98, lon: 36.25 },
  { name: "Belgorod", region: "RU-BEL", lat: 50.6, lon: 36.6 },
  { name: "Dnipro", region: "UA-12", lat: 48.45, lon: 35.05 },
  { name: "Kursk", region: "RU-KRS", lat: 51.73, lon: 36.19 },
];

export async function addSyntheticEvents(store: Store, n: number, firstId = 100_000): Promise<void> {
  for (let from = 0; from < n; from += 2000) {
    const rows = [];
    for (let i = from; i < Math.min(n, from + 2000); i++) {
      const id = firstId + i;
      const p = PLACES[i % PLACES.length];
      const date = new Date(Date.UTC(2024, 0, 1) + (i % 600) * 86_400_000).toISOString().slice(0, 10);
      rows.push({
        id,
        ...p,
        date,
        key: `hit|${p.region}|${date}|${p.name}|${id}`,
        text: `A drone struck ${p.name}, damaging a house (${id}).`,
      });
    }
    await insertEventRows(store, "synthetic", "en", rows);
  }
}

/** One event per row, each from its own report, incident and claim (`source` names them; no extraction, no fusion). */
export async function insertEventRows(
  store: Store,
  source: string,
  language: string,
  rows: Array<{ id: number; text: string; name: string; region: string; date: string; key: string; lat?: number; lon?: number }>,
): Promise<void> {
  const json = JSON.stringify(rows.map((r) => ({ lat: null, lon: null, ...r })));
  const x = "json_to_recordset($1::json) AS x(id int, name text, region text, lat float8, lon float8, date date, key text, text text)";
  await store.execute(
    `INSERT INTO reports (id, source, natural_key, version, url, published, language, text, content_hash, fingerprint)
     SELECT id, $2, $2 || '|' || id, 1, 'https://example.org/' || $2 || '/' || id, date, $3, text, id::text, id::text FROM ${x}`,
    [json, source, language],
  );
  await store.execute(
    `INSERT INTO incidents (id, report_id, kind, weapon, country, region, settlement, date, targets, evidence, evidence_spans, confidence, fusion_key, fusion_base)
     SELECT id, id, 'strike', 'drone', left(region, 2), region, name, date, '[]', text, '[]', 0.9, key, key FROM ${x}`,
    [json],
  );
  await store.execute(
    `INSERT INTO events (id, fusion_key, kind, weapon, country, region, settlement, date, lat, lon, geo_precision, targets, officials, sources, disagreements)
     SELECT id, key, 'strike', 'drone', left(region, 2), region, name, date, lat, lon, CASE WHEN lat IS NULL THEN NULL ELSE 1 END, '[]', '[]', 1, '[]' FROM ${x}`,
    [json],
  );
  await store.execute(`INSERT INTO claims (event_id, incident_id, reason) SELECT id, id, to_jsonb($2::text) FROM ${x}`, [json, source]);
}
