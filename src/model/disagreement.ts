// Where sources disagree about a figure of one event: the field and what each claim says, as
// values (`{field: "count", values: [{source: "Governor …", value: 5}, …]}`). Fusion computes them,
// the store keeps them as they are (events.disagreements, jsonb; migration 14 read the English
// lines stored before into values), and each reader puts them into words: the dashboard in its
// interface language (src/web/claim-text.ts), the exports as one line that reads the same whatever
// the language (disagreementLine). Pure; shared by src/fuse, src/api, src/alerts and src/web.

export type DisagreementField = "count" | "killed" | "injured";

export interface Disagreement {
  field: DisagreementField;
  /** Each claim that states the figure, in the order of its incident: who said it (official, else the report's source) and the value. */
  values: Array<{ source: string; value: number }>;
}

/** What a claim says, as much as a disagreement needs. */
export interface FigureClaim {
  incidentId: number;
  official: string | null;
  source: string;
  count: number | null;
  killed: number | null;
  injured: number | null;
}

export const DISAGREEMENT_FIELDS: readonly DisagreementField[] = ["count", "killed", "injured"];

/** The figures claims of one event state differently, field by field. */
export function disagreementsOf(claims: FigureClaim[]): Disagreement[] {
  const sorted = [...claims].sort((a, b) => a.incidentId - b.incidentId);
  const out: Disagreement[] = [];
  for (const field of DISAGREEMENT_FIELDS) {
    const stated = sorted.filter((c) => c[field] !== null);
    if (new Set(stated.map((c) => c[field])).size < 2) continue;
    out.push({ field, values: stated.map((c) => ({ source: c.official ?? c.source, value: c[field] as number })) });
  }
  return out;
}

/** Whether a value read back (the store, a record file, a webhook) is a disagreement. */
export function isDisagreement(value: unknown): value is Disagreement {
  if (!value || typeof value !== "object") return false;
  const d = value as { field?: unknown; values?: unknown };
  return (
    DISAGREEMENT_FIELDS.includes(d.field as DisagreementField) &&
    Array.isArray(d.values) &&
    d.values.every((v) => v && typeof v === "object" && typeof v.source === "string" && typeof v.value === "number")
  );
}

/**
 * "count: Governor … 5; Ministry … 3": one line, the same in every language (the field as the
 * exports' column names it, who said it as stored), for the CSV's notes and GeoJSON's properties.
 */
export const disagreementLine = (d: Disagreement): string => `${d.field}: ${d.values.map((v) => `${v.source} ${v.value}`).join("; ")}`;
