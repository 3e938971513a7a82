// The Sources page: every registered source with its health (GET /api/sources, public), as a
// table that becomes one card per source on a phone. Read-only: sources are managed with the CLI
// or the API with an admin key. Sortable by lag and by errors (the order is kept in the URL).
import { useEffect, useMemo, useState } from "preact/hooks";
import { api, type SourceRow, type SourceState } from "../api";
import type { SourceSort } from "../filters";
import type { MessageKey, Translator } from "../i18n";
import { sortSources } from "../source-order";

/** Re-read the registry this often while the page is open. */
const REFRESH_MS = 30_000;

/** A shape for each state besides its colour and its word. */
const STATE_MARK: Record<SourceState, string> = { ok: "✓", failing: "!", silent: "…", "never-run": "○", disabled: "–" };

interface Props {
  tr: Translator;
  sort: SourceSort;
  onSort(sort: SourceSort): void;
}

type Column = "source" | "kind" | "type" | "status" | "lastSuccess" | "errors" | "items" | "lag" | "nextRun";
const COLUMNS: Column[] = ["source", "kind", "type", "status", "lastSuccess", "errors", "items", "lag", "nextRun"];
const SORTABLE: Partial<Record<Column, "lag" | "errors">> = { lag: "lag", errors: "errors" };

export function SourcesPage({ tr, sort, onSort }: Props) {
  const [sources, setSources] = useState<SourceRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    api
      .sources(abort.signal)
      .then((rows) => {
        setSources(rows);
        setNow(Date.now());
        setError(null);
      })
      .catch((e: Error) => e.name !== "AbortError" && !abort.signal.aborted && setError(e.message));
    const timer = setTimeout(() => setReload((r) => r + 1), REFRESH_MS);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [reload]);

  const rows = useMemo(() => sortSources(sources ?? [], sort), [sources, sort]);
  const key = sort.replace(/^-/, "");
  const descending = sort.startsWith("-");

  const cell = (s: SourceRow, c: Column) => {
    const h = s.health;
    switch (c) {
      case "source":
        return (
          <>
            <strong class="source-name" translate={false}>
              {s.label ?? s.address}
            </strong>
            {s.label && (
              <span class="address" translate={false}>
                {s.address}
              </span>
            )}
          </>
        );
      case "kind":
        return tr.t(`skind.${s.kind}` as MessageKey);
      case "type":
        return (
          <span class="source-type" data-source-type={s.type}>
            {tr.t(`stype.${s.type}` as MessageKey)}
          </span>
        );
      case "status":
        return (
          <>
            <span class={`status status-${h.state}`} data-state={h.state}>
              <span class="status-mark" aria-hidden="true">
                {STATE_MARK[h.state]}
              </span>
              {tr.t(`state.${h.state}` as MessageKey)}
            </span>
            {h.silent && h.lagSeconds !== null && h.typicalGapSeconds !== null && (
              <span class="why">
                {tr.t("sources.silentWhy", { lag: tr.duration(h.lagSeconds), gap: tr.duration(h.typicalGapSeconds) })}
              </span>
            )}
          </>
        );
      case "lastSuccess":
        return h.lastSuccessAt ? <time dateTime={h.lastSuccessAt}>{tr.time(h.lastSuccessAt)}</time> : tr.t("sources.never");
      case "errors":
        return h.failures === 0 && !h.lastError ? (
          tr.t("sources.noErrors")
        ) : (
          <>
            {h.failures > 0 && <span class="failures">{tr.t("sources.errorsInRow", { n: h.failures })}</span>}
            {h.lastErrorAt && <span class="when">{tr.t("sources.lastErrorAt", { time: tr.time(h.lastErrorAt) })}</span>}
            {/* The collector's own message (English, as the server logs it), shown as written. */}
            {h.lastError && (
              <span class="error-message" lang="en" translate={false}>
                {h.lastError}
              </span>
            )}
          </>
        );
      case "items":
        return tr.t("sources.items", { seen: h.items.seen, new: h.items.new, failed: h.items.failed });
      case "lag":
        return h.lagSeconds === null ? (
          tr.t("sources.lagUnknown")
        ) : (
          <span title={h.newestItemAt ? tr.t("sources.newest", { time: tr.time(h.newestItemAt) }) : undefined}>
            {tr.duration(h.lagSeconds)}
          </span>
        );
      case "nextRun":
        return (
          <>
            {!s.enabled ? (
              tr.t("unknown")
            ) : h.leased ? (
              tr.t("sources.running")
            ) : Date.parse(h.nextRunAt) <= now ? (
              tr.t("sources.due")
            ) : (
              <time dateTime={h.nextRunAt} title={tr.time(h.nextRunAt)}>
                {tr.relative(h.nextRunAt, now)}
              </time>
            )}
            <span class="interval">{tr.t("sources.interval", { interval: tr.duration(h.intervalSeconds) })}</span>
          </>
        );
    }
  };

  const command = tr.t("sources.howToAdd", { command: "\u0000" }).split("\u0000");
  return (
    <main class="sources-page">
      <section
        class="table-panel sources"
        id="sources"
        aria-labelledby="sources-title"
        tabIndex={-1}
        data-sources-ready={sources ? "true" : "false"}
      >
        <div class="table-head">
          <h2 id="sources-title">{tr.t("sources.title")}</h2>
          {sources && <p role="status">{tr.t("sources.count", { n: sources.length })}</p>}
          <div class="downloads">
            {sources && <span class="updated">{tr.t("sources.updated", { time: tr.time(new Date(now).toISOString()) })}</span>}
            <button type="button" onClick={() => setReload((r) => r + 1)}>
              {tr.t("sources.refresh")}
            </button>
          </div>
        </div>
        <p class="intro">{tr.t("sources.intro")}</p>
        {error && (
          <p class="notice error" role="alert">
            {tr.t("error", { message: error })}
          </p>
        )}
        {!sources && !error && <p class="notice">{tr.t("loading")}</p>}
        {sources && !sources.length && (
          <p class="notice">
            {tr.t("sources.none")} {command[0]}
            <code translate={false}>skywatch sources add</code>
            {command[1]}
          </p>
        )}
        {sources && sources.length > 0 && (
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  {COLUMNS.map((c) => {
                    const label = tr.t(`scol.${c}` as MessageKey);
                    const by = SORTABLE[c];
                    if (!by)
                      return (
                        <th key={c} scope="col" class="plain">
                          {label}
                        </th>
                      );
                    const active = key === by;
                    return (
                      <th key={c} scope="col" aria-sort={active ? (descending ? "descending" : "ascending") : "none"}>
                        <button
                          type="button"
                          class="sort"
                          data-sort={by}
                          title={tr.t("sortBy", { column: label })}
                          // The first click puts the worst first: the longest lag, the most errors.
                          onClick={() => onSort(active ? (descending ? by : `-${by}`) : `-${by}`)}
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
                {rows.map((s) => (
                  <tr key={s.id} data-source-id={s.id} data-state={s.health.state}>
                    {COLUMNS.map((c) => (
                      <td key={c} class={`c-${c}`} data-label={tr.t(`scol.${c}` as MessageKey)}>
                        {cell(s, c)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
