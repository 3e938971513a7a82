// The events of the filter as a sortable table (sorted by the API, page by page), with downloads.
import { type EventRow, placeOrSea } from "../api";
import type { MessageKey, Translator } from "../i18n";

const COLUMNS = ["date", "region", "settlement", "kind", "weapon", "count", "killed", "injured", "sources"] as const;
type Column = (typeof COLUMNS)[number];
const NUMERIC: Column[] = ["count", "killed", "injured", "sources"];

interface Props {
  tr: Translator;
  rows: EventRow[];
  total: number;
  sort: string;
  fresh: Set<number>;
  loading: boolean;
  hasMore: boolean;
  csvUrl: string;
  geojsonUrl: string;
  regionLabel(iso: string): string;
  onSort(sort: string): void;
  onOpen(id: number): void;
  onMore(): void;
}

export function EventTable(p: Props) {
  const { tr } = p;
  const key = p.sort.replace(/^-/, "");
  const descending = p.sort.startsWith("-");
  const cell = (e: EventRow, c: Column) => {
    switch (c) {
      case "date":
        return tr.date(e.date);
      case "region":
        return e.region
          ? p.regionLabel(e.region)
          : e.country
            ? `${tr.t(`country.${e.country}` as MessageKey)} (${tr.t("nationwide")})`
            : tr.t("unknown");
      case "settlement":
        return placeOrSea(e, tr.lang) ?? (e.region ? tr.t("regionLevel") : tr.t("nationwide"));
      case "kind":
        return tr.t(`kind.${e.kind}` as MessageKey);
      case "weapon":
        return tr.t(`weapon.${e.weapon}` as MessageKey);
      default:
        return tr.number(e[c]);
    }
  };
  return (
    <section class="table-panel" id="events" aria-labelledby="table-title" tabIndex={-1}>
      <div class="table-head">
        <h2 id="table-title">{tr.t("table")}</h2>
        <p role="status">{tr.t("showing", { shown: p.rows.length, total: p.total })}</p>
        <div class="downloads">
          <span>{tr.t("download")}:</span>
          <a href={p.csvUrl} download="skywatch-events.csv">
            {tr.t("downloadCsv")}
          </a>
          <a href={p.geojsonUrl} download="skywatch-events.geojson">
            {tr.t("downloadGeojson")}
          </a>
        </div>
      </div>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const label = tr.t(`col.${c}`);
                const active = key === c;
                return (
                  <th
                    key={c}
                    scope="col"
                    class={NUMERIC.includes(c) ? "num" : ""}
                    aria-sort={active ? (descending ? "descending" : "ascending") : "none"}
                  >
                    <button
                      type="button"
                      class="sort"
                      title={tr.t("sortBy", { column: label })}
                      onClick={() => p.onSort(active ? (descending ? c : `-${c}`) : NUMERIC.includes(c) || c === "date" ? `-${c}` : c)}
                    >
                      {label}
                      <span aria-hidden="true">{active ? (descending ? " ▼" : " ▲") : ""}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((e) => (
              <tr key={e.id} class={p.fresh.has(e.id) ? "fresh" : ""} data-event-id={e.id}>
                {COLUMNS.map((c) =>
                  c === "settlement" ? (
                    <td key={c} class="place" data-label={tr.t(`col.${c}`)}>
                      <button
                        type="button"
                        class="link"
                        translate={placeOrSea(e, tr.lang) ? false : undefined}
                        onClick={() => p.onOpen(e.id)}
                      >
                        {cell(e, c)}
                      </button>
                    </td>
                  ) : (
                    <td key={c} class={NUMERIC.includes(c) ? "num" : ""} data-label={tr.t(`col.${c}`)}>
                      {cell(e, c)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!p.loading && !p.rows.length && <p class="notice">{tr.t("noEvents")}</p>}
      {p.hasMore && (
        <button type="button" class="more" onClick={p.onMore} disabled={p.loading}>
          {p.loading ? tr.t("loading") : tr.t("loadMore")}
        </button>
      )}
    </section>
  );
}
