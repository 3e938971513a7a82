// One event: its figures, every claim with source and official, the report texts with the
// evidence highlighted, disagreements between sources and the claim-check flags.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, type EventDetail, placeOrSea, type ReportDetail, type SourceRow } from "../api";
import { disagreementStoredParts, flagText, officialParts, type Part, qualifierText, reasonText } from "../claim-text";
import type { MessageKey, Translator } from "../i18n";
import { seaName } from "../map/places";
import { segments } from "../segments";

interface Props {
  tr: Translator;
  id: number;
  regionLabel(iso: string): string;
  /** A region's ISO code from its English name (the API's flag messages name regions in English). */
  regionByName(name: string): string | null;
  onClose(): void;
}

/** Only http(s) links are followed (the API sends no other, and a stored one is never trusted). */
const httpUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

/** Translated text with names (people, quoted phrases) kept as written and marked so. */
function Parts({ parts }: { parts: Part[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.name ? (
          <span key={i} class="proper" translate={false}>
            {p.text}
          </span>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

export function EventView({ tr, id, regionLabel, regionByName, onClose }: Props) {
  const names = {
    region: regionLabel,
    sea: (name: string) => seaName(name, tr.lang),
  };
  const regionFromEnglish = (name: string) => {
    const iso = regionByName(name);
    return iso ? regionLabel(iso) : name;
  };
  const [event, setEvent] = useState<EventDetail | null>(null);
  const [reports, setReports] = useState<Map<number, ReportDetail>>(new Map());
  const [error, setError] = useState<string | null>(null);
  // The registry (public), for each claim's source type: a report names its source by id.
  const [sources, setSources] = useState<Map<number, SourceRow>>(new Map());
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    setEvent(null);
    setError(null);
    api
      .event(id, abort.signal)
      .then(async (e) => {
        setEvent(e);
        const ids = [...new Set(e.claims.map((c) => c.report.id))];
        const loaded = await Promise.all(ids.map((r) => api.report(r, abort.signal)));
        setReports(new Map(loaded.map((r) => [r.id, r])));
      })
      .catch((e: Error) => e.name !== "AbortError" && setError(e.message));
    return () => abort.abort();
  }, [id]);

  useEffect(() => {
    const abort = new AbortController();
    api
      .sources(abort.signal)
      .then((rows) => setSources(new Map(rows.map((r) => [r.id, r]))))
      .catch(() => {}); // without the registry the claims show no source type, nothing else is missing
    return () => abort.abort();
  }, []);

  useEffect(() => heading.current?.focus(), [event?.id]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [onClose]);

  const precision = event?.geoPrecision ? (`precision.${event.geoPrecision}` as MessageKey) : "precision.none";
  return (
    <aside class="event-view" aria-labelledby="event-title" data-event-view={id}>
      <div class="event-head">
        <h2 id="event-title" ref={heading} tabIndex={-1}>
          {event ? (
            <>
              {tr.t(`kind.${event.kind}` as MessageKey)} ·{" "}
              {placeOrSea(event, tr.lang) ? (
                <span translate={false}>{placeOrSea(event, tr.lang)}</span>
              ) : event.region ? (
                regionLabel(event.region)
              ) : (
                tr.t("nationwide")
              )}
            </>
          ) : (
            tr.t("event")
          )}
        </h2>
        <button type="button" class="close" onClick={onClose} aria-label={tr.t("close")}>
          ×
        </button>
      </div>
      {error && <p class="notice error">{tr.t("error", { message: error })}</p>}
      {!event && !error && <p class="notice">{tr.t("loading")}</p>}
      {event && (
        <>
          <dl class="facts">
            <dt>{tr.t("col.date")}</dt>
            <dd>{tr.date(event.date)}</dd>
            <dt>{tr.t("col.region")}</dt>
            <dd>{event.region ? regionLabel(event.region) : tr.t("nationwide")}</dd>
            <dt>{tr.t("weapon")}</dt>
            <dd>{tr.t(`weapon.${event.weapon}` as MessageKey)}</dd>
            <dt>{tr.t("count")}</dt>
            <dd>{tr.number(event.count)}</dd>
            <dt>{tr.t("killed")}</dt>
            <dd>{tr.number(event.killed)}</dd>
            <dt>{tr.t("injured")}</dt>
            <dd>{tr.number(event.injured)}</dd>
            {event.targets.length > 0 && (
              <>
                <dt>{tr.t("targets")}</dt>
                <dd>
                  {event.targets.map((t, i) => (
                    <span key={i}>
                      {i > 0 && "; "}
                      {tr.has(`target.${t.type}`) ? tr.t(`target.${t.type}` as MessageKey) : t.type} (<q translate={false}>{t.text}</q>)
                    </span>
                  ))}
                </dd>
              </>
            )}
            <dt>{tr.t("precision")}</dt>
            <dd data-precision={event.geoPrecision ?? "none"}>{tr.t(precision)}</dd>
          </dl>
          {event.disagreements.length > 0 && (
            <div class="disagreements" role="note">
              <h3>{tr.t("disagreements")}</h3>
              <ul>
                {event.disagreements.map((d, i) => (
                  <li key={typeof d === "string" ? d : `${d.field}-${i}`} data-field={typeof d === "string" ? undefined : d.field}>
                    <Parts parts={disagreementStoredParts(tr, d)} />
                  </li>
                ))}
              </ul>
            </div>
          )}
          <h3>{tr.t("claims", { n: event.claims.length })}</h3>
          <ol class="claims">
            {event.claims.map((c) => {
              const report = reports.get(c.report.id);
              const flagSpans = c.report.flags.flatMap((f) => (f.span ? [f.span] : []));
              const source = report?.sourceId ? sources.get(report.sourceId) : undefined;
              const url = httpUrl(c.report.url);
              return (
                <li key={c.incidentId} class="claim">
                  <p class="meta">
                    <strong lang={report?.language} translate={false}>
                      {c.report.title ?? c.report.source}
                    </strong>
                    {" · "}
                    {tr.t("published")} {tr.date(c.report.published)}
                    {source && (
                      <>
                        {" · "}
                        {tr.t("sourceType")}:{" "}
                        <span class="source-type" data-source-type={source.type}>
                          {tr.t(`stype.${source.type}` as MessageKey)}
                        </span>
                      </>
                    )}
                    {c.official && (
                      <>
                        {" · "}
                        {tr.t("official")}: <Parts parts={officialParts(tr, c.official)} />
                      </>
                    )}
                    {url && (
                      <>
                        {" · "}
                        <a href={url} class="original" rel="noopener noreferrer" target="_blank">
                          {tr.t("openSource")}
                        </a>
                      </>
                    )}
                  </p>
                  <p class="figures">
                    {tr.t("count")}:{" "}
                    {c.count !== null && qualifierText(tr, c.countQualifier) ? `${qualifierText(tr, c.countQualifier)} ` : ""}
                    {tr.number(c.count)} · {tr.t("killed")}: {tr.number(c.killed)} · {tr.t("injured")}: {tr.number(c.injured)}
                  </p>
                  <p class="reason">
                    <span class="label">{tr.t("reason")}:</span> {reasonText(tr, c.reason, names)}
                  </p>
                  {c.report.flags.length > 0 && (
                    <div class="flags" role="note">
                      <h4>{tr.t("flags")}</h4>
                      <ul>
                        {c.report.flags.map((f, i) => (
                          <li key={i}>{flagText(tr, f, regionFromEnglish)}</li>
                        ))}
                      </ul>
                    </div>
                  )}
                  <details open={event.claims.length <= 3}>
                    <summary>{tr.t("reportText")}</summary>
                    <div class="report-text" lang={report?.language}>
                      {report
                        ? segments(report.text, c.evidenceSpans, flagSpans).map((s, i) =>
                            s.mark ? (
                              <mark key={i} class={s.mark}>
                                {s.text}
                              </mark>
                            ) : (
                              s.text
                            ),
                          )
                        : c.evidence}
                    </div>
                  </details>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </aside>
  );
}
