// The Sources page's order (pure): as registered, by lag (how old the newest item is) or by
// errors (errors in a row, then the latest error first). Sources without a lag go last either way.
import type { SourceRow } from "./api";
import type { SourceSort } from "./filters";

const byId = (a: SourceRow, b: SourceRow) => a.id - b.id;

function byLag(a: SourceRow, b: SourceRow, sign: 1 | -1): number {
  const x = a.health.lagSeconds;
  const y = b.health.lagSeconds;
  if (x === null || y === null) return x === y ? byId(a, b) : x === null ? 1 : -1;
  return sign * (x - y) || byId(a, b);
}

function byErrors(a: SourceRow, b: SourceRow, sign: 1 | -1): number {
  const when = (s: SourceRow) => (s.health.lastErrorAt ? Date.parse(s.health.lastErrorAt) : 0);
  return sign * (a.health.failures - b.health.failures) || sign * (when(a) - when(b)) || byId(a, b);
}

export function sortSources(rows: SourceRow[], sort: SourceSort): SourceRow[] {
  const sign = sort.startsWith("-") ? -1 : 1;
  const key = sort.replace(/^-/, "");
  const compare =
    key === "lag"
      ? (a: SourceRow, b: SourceRow) => byLag(a, b, sign)
      : key === "errors"
        ? (a: SourceRow, b: SourceRow) => byErrors(a, b, sign)
        : byId;
  return [...rows].sort(compare);
}
