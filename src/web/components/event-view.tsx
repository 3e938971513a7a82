// One event: its figures, every claim with source and official, the report texts with the
// evidence highlighted, disagreements between sources and the claim-check flags.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, type EventDetail, placeName, type ReportDetail } from "../api";
import type { MessageKey, Translator } from "../i18n";
import { segments } from "../segments";

interface Props {
  tr: Translator;
  id: number;
  regionLabel(iso: string): string;
  onClose(): void;
}

export function EventView({ tr, id, regionLabel, onClose }: Props) {
  const [event, setEvent] = useState<EventDetail | null>(null);
  const [reports, setReports] = useState<Map<number, ReportDetail>>(new Map());
  const [error, setError] = useState<string | null>(null);
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
          {event
            ? `${tr.t(`kind.${event.kind}` as MessageKey)} · ${placeName(event, tr.lang) ?? event.waterArea ?? (event.region ? regionLabel(event.region) : tr.t("nationwide"))}`
            : tr.t("event")}
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
                <dd>{event.targets.map((t) => t.text).join("; ")}</dd>
              </>
            )}
            <dt>{tr.t("precision")}</dt>
            <dd data-precision={event.geoPrecision ?? "none"}>{tr.t(precision)}</dd>
          </dl>
          {event.disagreements.length > 0 && (
            <div class="disagreements" role="note">
              <h3>{tr.t("disagreements")}</h3>
              <ul>
                {event.disagreements.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            </div>
          )}
          <h3>{tr.t("claims", { n: event.claims.length })}</h3>
          <ol class="claims">
            {event.claims.map((c) => {
              const report = reports.get(c.report.id);
              const flagSpans = c.report.flags.flatMap((f) => (f.span ? [f.span] : []));
              return (
                <li key={c.incidentId} class="claim">
                  <p class="meta">
                    <strong>{c.report.title ?? c.report.source}</strong>
                    {" · "}
                    {tr.t("published")} {tr.date(c.report.published)}
                    {c.official && (
                      <>
                        {" · "}
                        {tr.t("official")}: {c.official}
                      </>
                    )}
                    {c.report.url && (
                      <>
                        {" · "}
                        <a href={c.report.url} rel="noopener noreferrer" target="_blank">
                          {tr.t("openSource")}
                        </a>
                      </>
                    )}
                  </p>
                  <p class="figures">
                    {tr.t("count")}: {c.countQualifier && c.count !== null ? `${c.countQualifier} ` : ""}
                    {tr.number(c.count)} · {tr.t("killed")}: {tr.number(c.killed)} · {tr.t("injured")}: {tr.number(c.injured)}
                  </p>
                  <p class="reason">
                    <span class="label">{tr.t("reason")}:</span> {c.reason}
                  </p>
                  {c.report.flags.length > 0 && (
                    <div class="flags" role="note">
                      <h4>{tr.t("flags")}</h4>
                      <ul>
                        {c.report.flags.map((f, i) => (
                          <li key={i}>{f.message}</li>
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
