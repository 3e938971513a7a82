// Shared by the crash proofs (test/crash): generated short reports, a seeded random source, and
// the invariants every store must keep whatever was killed when.
import type { Store } from "../../src/store/database.js";

/** mulberry32: the same seed gives the same kill points on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RU_REGIONS = [
  "Брянской",
  "Курской",
  "Белгородской",
  "Тульской",
  "Орловской",
  "Липецкой",
  "Воронежской",
  "Калужской",
  "Смоленской",
  "Ростовской",
];
const EN_REGIONS = ["Kursk", "Bryansk", "Tula", "Oryol", "Lipetsk", "Belgorod", "Voronezh", "Kaluga"];
const UK_REGIONS = ["Харківщиною", "Сумщиною", "Полтавщиною", "Київщиною", "Черкащиною", "Вінниччиною"];

/** A short report of the usual shapes (RU, EN, UK), unique by its number. */
export function shortReport(i: number): string {
  const n = 2 + ((i * 7) % 23);
  switch (i % 4) {
    case 0:
      return `Над ${RU_REGIONS[i % RU_REGIONS.length]} областью сбиты ${n} беспилотников, сообщил губернатор. Пострадавших нет. (№${i})`;
    case 1:
      return `Дежурными средствами ПВО над территорией ${RU_REGIONS[(i >> 2) % RU_REGIONS.length]} области уничтожены ${n} украинских беспилотных летательных аппаратов. (сообщение ${i})`;
    case 2:
      return `${n} drones were shot down over the ${EN_REGIONS[i % EN_REGIONS.length]} region overnight, the governor said. (report ${i})`;
    default:
      return `Над ${UK_REGIONS[i % UK_REGIONS.length]} збито ${n} ударних БпЛА типу Shahed, повідомили Повітряні сили. (повідомлення ${i})`;
  }
}

export const publishedOf = (i: number) => `2025-08-${String((i % 28) + 1).padStart(2, "0")}`;

/**
 * What must hold in every store: each natural key once with one version, every report with its
 * incidents and its extraction record, every live event with claims, every claim on a current
 * incident of a report, every current incident claimed by exactly one live event, and every
 * event's version the last of its change log. Returns the figures; failures are listed by name.
 */
export async function invariants(store: Store) {
  const one = async (sql: string) => Number((await store.execute(sql))[0].n);
  return {
    reports: await one("SELECT count(*)::int AS n FROM reports"),
    keys: await one("SELECT count(DISTINCT natural_key)::int AS n FROM reports"),
    laterVersions: await one("SELECT count(*)::int AS n FROM reports WHERE version <> 1"),
    incidents: await one("SELECT count(*)::int AS n FROM incidents"),
    liveEvents: await one("SELECT count(*)::int AS n FROM events WHERE state = 'live'"),
    claims: await one("SELECT count(*)::int AS n FROM claims"),
    problems: {
      reportsWithoutIncidents: await one(
        "SELECT count(*)::int AS n FROM reports r WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.report_id = r.id)",
      ),
      reportsWithoutExtraction: await one(
        "SELECT count(*)::int AS n FROM reports r WHERE NOT EXISTS (SELECT 1 FROM report_extractions x WHERE x.report_id = r.id)",
      ),
      liveEventsWithoutClaims: await one(
        "SELECT count(*)::int AS n FROM events e WHERE e.state = 'live' AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.event_id = e.id)",
      ),
      claimsOfOtherEvents: await one("SELECT count(*)::int AS n FROM claims c JOIN events e ON e.id = c.event_id WHERE e.state <> 'live'"),
      claimsWithoutIncident: await one(
        "SELECT count(*)::int AS n FROM claims c LEFT JOIN incidents i ON i.id = c.incident_id LEFT JOIN reports r ON r.id = i.report_id WHERE r.id IS NULL OR NOT i.current",
      ),
      incidentsNotClaimedOnce: await one(
        "SELECT count(*)::int AS n FROM incidents i WHERE i.current AND (SELECT count(*) FROM claims c WHERE c.incident_id = i.id) <> 1",
      ),
      eventVersionsOffLog: await one(
        "SELECT count(*)::int AS n FROM events e WHERE e.version <> (SELECT max(version) FROM event_changes x WHERE x.event_id = e.id)",
      ),
    },
  };
}

export const NO_PROBLEMS = {
  reportsWithoutIncidents: 0,
  reportsWithoutExtraction: 0,
  liveEventsWithoutClaims: 0,
  claimsOfOtherEvents: 0,
  claimsWithoutIncident: 0,
  incidentsNotClaimedOnce: 0,
  eventVersionsOffLog: 0,
};
