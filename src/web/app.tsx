// The dashboard: filter (in the URL) → daily counts, map points and a page of events from the API;
// the live stream refreshes them when events arrive.
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from "preact/hooks";
import { api, type DayTotal, type EventRow, type PointCollection, type RegionCollection, type RegionDays } from "./api";
import { EventTable } from "./components/event-table";
import { EventView } from "./components/event-view";
import { FilterBar } from "./components/filter-bar";
import type { Focus, RegionLines } from "./components/map-engine";
import { loadMapEngine, MapView } from "./components/map-view";
import { SourcesPage } from "./components/sources-page";
import { SubscribeButton } from "./components/subscribe";
import { Timeline } from "./components/timeline";
import { type TrendRow, TrendsPanel } from "./components/trends-panel";
import { EMPTY_FILTERS, type Filters, type Page, parseView, toggle, type ViewState, viewQuery } from "./filters";
import { initialLang, LANG_NAMES, LANGS, type Lang, type MessageKey, translator } from "./i18n";
import { decodeRegions, type RegionTopology } from "./regions";
import { daySeries } from "./series";

const PAGE = 50;

function useView() {
  const [view, setView] = useState<ViewState>(() => parseView(location.search));
  useEffect(() => {
    const onPop = () => setView(parseView(location.search));
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);
  const update = useCallback((patch: Partial<ViewState>) => {
    setView((v) => {
      const next = { ...v, ...patch };
      const query = viewQuery(next);
      if (query !== location.search) history.pushState(null, "", `${location.pathname}${query}`);
      return next;
    });
  }, []);
  return [view, update] as const;
}

const systemTheme = () => (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");

export function App() {
  const [view, update] = useView();
  const lang: Lang = initialLang(view.lang, navigator.languages);
  const tr = useMemo(() => translator(lang), [lang]);
  const theme = view.theme ?? systemTheme();
  const { filters } = view;
  const filterKey = JSON.stringify(filters);
  const timelineKey = JSON.stringify({ ...filters, from: "", to: "" });

  // A layout effect: the map reads the theme's colours in its own effects, which run after this.
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dataset.theme = theme;
    document.title = view.page === "sources" ? `${tr.t("sources.title")} — ${tr.t("title")}` : `${tr.t("title")} — ${tr.t("tagline")}`;
  }, [lang, theme, tr, view.page]);

  const [regionData, setRegionData] = useState<{ regions: RegionCollection; lines: RegionLines } | null>(null);
  const regions = regionData?.regions ?? null;
  const [daily, setDaily] = useState<DayTotal[]>([]);
  const [regionDays, setRegionDays] = useState<RegionDays>({ counts: new Map(), rows: [] });
  const [points, setPoints] = useState<PointCollection | null>(null);
  const [rows, setRows] = useState<EventRow[]>([]);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);
  const [mapReady, setMapReady] = useState(false);
  const [tableReady, setTableReady] = useState(false);
  const [dailyReady, setDailyReady] = useState(false);
  const [live, setLive] = useState({ connected: false, received: 0 });
  const [fresh, setFresh] = useState<Set<number>>(new Set());

  useEffect(() => {
    fetch(api.regionsUrl)
      .then((r) => r.json())
      .then((topo: RegionTopology) => setRegionData(decodeRegions(topo)))
      .catch((e: Error) => setError(e.message));
  }, []);

  const regionLabel = useCallback(
    (iso: string) => {
      const f = regions?.features.find((x) => x.properties.iso === iso);
      return f ? f.properties[`name_${lang}`] : iso;
    },
    [regions, lang],
  );
  const regionByName = useCallback(
    (name: string) => regions?.features.find((f) => f.properties.name_en === name)?.properties.iso ?? null,
    [regions],
  );
  const regionOptions = useMemo(
    () =>
      (regions?.features ?? [])
        .map((f) => ({ iso: f.properties.iso, country: f.properties.country, name: f.properties[`name_${lang}`] }))
        .sort((a, b) => a.country.localeCompare(b.country) || a.name.localeCompare(b.name, lang)),
    [regions, lang],
  );

  const guard = (abort: AbortController) => (e: Error) => {
    if (e.name !== "AbortError" && !abort.signal.aborted) setError(e.message);
  };
  useEffect(() => {
    const abort = new AbortController();
    api
      .daily(filters, abort.signal)
      .then((days) => {
        setDaily(days);
        setDailyReady(true);
      })
      .catch(guard(abort));
    return () => abort.abort();
  }, [timelineKey, refresh]);
  useEffect(() => {
    const abort = new AbortController();
    api.regionDays(filters, abort.signal).then(setRegionDays).catch(guard(abort));
    return () => abort.abort();
  }, [filterKey, refresh]);
  useEffect(() => {
    const abort = new AbortController();
    api.points(filters, abort.signal).then(setPoints).catch(guard(abort));
    return () => abort.abort();
  }, [filterKey, refresh]);
  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    api
      .events(filters, view.sort, Math.max(PAGE, refresh ? rows.length : 0), null, abort.signal)
      .then((page) => {
        setRows(page.events);
        setTotal(page.total);
        setNext(page.next);
        setError(null);
        setTableReady(true);
      })
      .catch(guard(abort))
      .finally(() => !abort.signal.aborted && setLoading(false));
    return () => abort.abort();
  }, [filterKey, view.sort, refresh]);

  const loadMore = () => {
    if (!next) return;
    setLoading(true);
    api
      .events(filters, view.sort, PAGE, next)
      .then((page) => {
        setRows((r) => [...r, ...page.events]);
        setNext(page.next);
      })
      .catch((e: Error) => setError(e.message))
      .finally(() => setLoading(false));
  };

  // Live: each stored or updated event counts, and the view refreshes after a short pause.
  useEffect(() => {
    const stream = new EventSource("/api/stream");
    let timer: ReturnType<typeof setTimeout> | undefined;
    stream.onopen = () => setLive((l) => ({ ...l, connected: true }));
    stream.onerror = () => setLive((l) => ({ ...l, connected: false }));
    stream.addEventListener("event", (message) => {
      const notice = JSON.parse((message as MessageEvent).data) as { id: number };
      setLive((l) => ({ connected: true, received: l.received + 1 }));
      setFresh((s) => new Set(s).add(notice.id));
      clearTimeout(timer);
      timer = setTimeout(() => setRefresh((r) => r + 1), 300);
    });
    return () => {
      clearTimeout(timer);
      stream.close();
    };
  }, []);

  // The open event on the map: its point when it has one, else its region.
  const focus = useMemo((): Focus => {
    if (!view.event) return null;
    const point = points?.features.find((f) => f.properties.id === view.event);
    if (point) return { lngLat: point.geometry.coordinates };
    const row = rows.find((r) => r.id === view.event);
    return row?.region ? { region: row.region } : null;
  }, [view.event, points, rows]);

  const setFilters = (f: Filters) => update({ filters: f });
  const toggleRegion = (iso: string) => setFilters({ ...filters, region: toggle(filters.region, iso) });
  const series = useMemo(() => daySeries(daily), [daily]);
  // Trends as of the view's end date, else its last day with events, else today; flagged regions get a badge on the map.
  const trendsAsOf = filters.to || series.days[series.days.length - 1] || new Date().toISOString().slice(0, 10);
  const [trendRows, setTrendRows] = useState<TrendRow[]>([]);
  const trendBadges = useMemo(() => {
    const badges = new Map<string, { text: string; title: string }>();
    for (const t of trendRows) {
      const name = tr.t(`trend.name.${t.flag}` as MessageKey);
      const had = badges.get(t.region);
      badges.set(t.region, { text: "▲", title: had ? `${had.title} ${name}` : `${tr.t("map.trendBadge")}: ${name}` });
    }
    return badges;
  }, [trendRows, tr]);
  const regionPeriod = (iso: string, from: string, to: string): ViewState => ({
    ...view,
    page: "events",
    event: null,
    filters: { ...EMPTY_FILTERS, region: [iso], from, to },
  });
  const counts = regionDays.counts;
  // For tests and the benchmark: "interactive" once filters, timeline and table have data; "ready" once the map is drawn too.
  const interactive = tableReady && dailyReady && regions !== null;
  const ready = interactive && mapReady;
  // MapLibre (1 MB of script and a WebGL start) waits until the rest of the page is usable.
  const onEvents = view.page === "events";
  useEffect(() => {
    if (interactive && onEvents) loadMapEngine().catch(() => {}); // a failure is reported where the map is drawn
  }, [interactive, onEvents]);

  /** A link to one of the pages: a real URL (it opens in a new tab too), followed here without a reload. */
  const pageLink = (page: Page, label: string) => (
    <a
      href={`${location.pathname}${viewQuery({ ...view, page, event: page === "events" ? view.event : null })}`}
      aria-current={view.page === page ? "page" : undefined}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        update({ page, event: page === "events" ? view.event : null });
      }}
    >
      {label}
    </a>
  );

  return (
    <div class="app" data-interactive={interactive ? "true" : "false"} data-ready={ready ? "true" : "false"}>
      {onEvents && (
        <a class="skip" href="#events">
          {tr.t("skip")}
        </a>
      )}
      <header>
        <div class="brand">
          <h1>{tr.t("title")}</h1>
          <p>{tr.t("tagline")}</p>
        </div>
        <nav class="pages" aria-label={tr.t("nav.label")}>
          {pageLink("events", tr.t("nav.events"))}
          {pageLink("sources", tr.t("nav.sources"))}
        </nav>
        <output class={`live ${live.connected ? "on" : "off"}`} aria-live="polite" data-live-count={live.received}>
          <span class="dot" aria-hidden="true" />
          {live.connected ? tr.t("live") : tr.t("liveOff")}
          {live.received > 0 && <span class="badge">{tr.t("liveNew", { n: live.received })}</span>}
        </output>
        <label class="compact">
          <span>{tr.t("language")}</span>
          <select value={lang} onChange={(e) => update({ lang: e.currentTarget.value })}>
            {LANGS.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANG_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="theme"
          aria-pressed={theme === "dark"}
          onClick={() => update({ theme: theme === "dark" ? "light" : "dark" })}
        >
          {tr.t("theme")}: {tr.t(theme === "dark" ? "theme.dark" : "theme.light")}
        </button>
      </header>
      {!onEvents && <SourcesPage tr={tr} sort={view.sourceSort} onSort={(sourceSort) => update({ sourceSort })} />}
      {onEvents && <FilterBar tr={tr} filters={filters} regionOptions={regionOptions} regionLabel={regionLabel} onChange={setFilters} />}
      {onEvents && <SubscribeButton tr={tr} filters={filters} regionOptions={regionOptions} regionLabel={regionLabel} />}
      {onEvents && error && (
        <p class="notice error" role="alert">
          {tr.t("error", { message: error })}
        </p>
      )}
      {onEvents && (
        <main class={view.event ? "layout with-event" : "layout"}>
          {regionData && (
            <MapView
              tr={tr}
              start={interactive}
              regions={regionData.regions}
              lines={regionData.lines}
              focus={focus}
              counts={counts}
              trendBadges={trendBadges}
              points={points}
              selectedRegions={filters.region}
              theme={theme}
              regionLabel={regionLabel}
              onEvent={(id) => update({ event: id })}
              onRegion={toggleRegion}
              onReady={() => setMapReady(true)}
            />
          )}
          {view.event && (
            <EventView
              tr={tr}
              id={view.event}
              regionLabel={regionLabel}
              regionByName={regionByName}
              onClose={() => update({ event: null })}
            />
          )}
          <Timeline
            tr={tr}
            series={series}
            rows={regionDays.rows}
            from={filters.from}
            to={filters.to}
            regionLabel={regionLabel}
            onRange={(from, to) => setFilters({ ...filters, from, to })}
            onRegion={toggleRegion}
          />
          <TrendsPanel
            tr={tr}
            start={interactive}
            asOf={trendsAsOf}
            filters={filters}
            regionLabel={regionLabel}
            regionHref={(iso, from, to) => `${location.pathname}${viewQuery(regionPeriod(iso, from, to))}`}
            onRegion={(iso, from, to) => update(regionPeriod(iso, from, to))}
            onTrends={setTrendRows}
            refresh={refresh}
          />
          <EventTable
            tr={tr}
            rows={rows}
            total={total}
            sort={view.sort}
            fresh={fresh}
            loading={loading}
            hasMore={next !== null}
            csvUrl={api.exportUrl(filters, "csv")}
            geojsonUrl={api.exportUrl(filters, "geojson")}
            regionLabel={regionLabel}
            onSort={(sort) => update({ sort })}
            onOpen={(id) => update({ event: id })}
            onMore={loadMore}
          />
        </main>
      )}
    </div>
  );
}
