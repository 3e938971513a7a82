// Where sources disagree about a figure of one event: the field and what each claim says, as
// values (`{field: "count", values: [{said: "Governor …", value: 5}, …]}`), from which fusion
// writes its English line ("count: Governor … 5; Ministry … 3", events.disagreements) and the
// dashboard its line in the interface language. Pure; shared by src/fuse and src/web.

export type DisagreementField = "count" | "killed" | "injured";

export interface Disagreement {
  field: DisagreementField;
  /** Each claim that states the figure, in the order of its incident: who said it (official, else source) and the value. */
  values: Array<{ said: string; value: number }>;
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

const FIELDS: DisagreementField[] = ["count", "killed", "injured"];

/** The figures claims of one event state differently, field by field. */
export function disagreementsOf(claims: FigureClaim[]): Disagreement[] {
  const sorted = [...claims].sort((a, b) => a.incidentId - b.incidentId);
  const out: Disagreement[] = [];
  for (const field of FIELDS) {
    const stated = sorted.filter((c) => c[field] !== null);
    if (new Set(stated.map((c) => c[field])).size < 2) continue;
    out.push({ field, values: stated.map((c) => ({ said: c.official ?? c.source, value: c[field] as number })) });
  }
  return out;
}

/** "count: Governor … 5; Ministry … 3" (the English line kept in events.disagreements). */
export const disagreementLine = (d: Disagreement): string => `${d.field}: ${d.values.map((v) => `${v.said} ${v.value}`).join("; ")}`;
