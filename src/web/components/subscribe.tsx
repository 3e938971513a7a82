// "Subscribe to this view": the dashboard's filter as a subscription (POST /api/subscriptions,
// by email in the interface language) or as the Atom feed of the same view. Regions, kinds and
// weapons carry over (a country without regions stands for all its regions); dates and the text
// search do not, since alerts are about what happens next.
import { useEffect, useRef, useState } from "preact/hooks";
import { type Filters, filterQuery } from "../filters";
import type { Translator } from "../i18n";

interface Props {
  tr: Translator;
  filters: Filters;
  regionOptions: { iso: string; name: string; country: string }[];
  regionLabel(iso: string): string;
}

type State = { step: "idle" } | { step: "sending" } | { step: "done"; email: string } | { step: "failed"; message: string };

/** The regions a view covers: those chosen, else all of the chosen countries'. */
export function viewRegions(filters: Filters, regionOptions: Props["regionOptions"]): string[] {
  if (filters.region.length) return filters.region;
  if (filters.country.length) return regionOptions.filter((r) => filters.country.includes(r.country)).map((r) => r.iso);
  return [];
}

export function SubscribeButton({ tr, filters, regionOptions, regionLabel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const [state, setState] = useState<State>({ step: "idle" });
  const [copied, setCopied] = useState(false);
  const [trends, setTrends] = useState(false);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  const regions = viewRegions(filters, regionOptions);
  const parts = [
    ...(filters.region.length ? filters.region.map(regionLabel) : filters.country.map((c) => tr.t(`country.${c}` as "country.RU"))),
    ...filters.kind.map((k) => tr.t(`kind.${k}`)),
    ...filters.weapon.map((w) => tr.t(`weapon.${w}`)),
  ];
  const query = filterQuery(filters, ["from", "to", "q"]);
  query.set("lang", tr.lang);
  const feedUrl = `${location.origin}/api/feeds/events.atom?${query.toString().replace(/%2C/g, ",")}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    setState({ step: "sending" });
    try {
      const res = await fetch("/api/subscriptions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          channel: "email",
          email,
          language: tr.lang,
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
          label: parts.join(", ") || null,
          filter: { regions, kinds: filters.kind, weapons: filters.weapon },
          trends,
        }),
      });
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      setState({ step: "done", email });
    } catch (err) {
      setState({ step: "failed", message: (err as Error).message });
    }
  };

  return (
    <>
      <button type="button" class="subscribe-open" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {tr.t("subscribe.open")}
      </button>
      <dialog ref={dialog} class="subscribe" aria-labelledby="subscribe-title" onClose={() => setOpen(false)}>
        <h2 id="subscribe-title">{tr.t("subscribe.title")}</h2>
        <p>{tr.t("subscribe.scope", { filter: parts.join(", ") || tr.t("subscribe.everything") })}</p>
        {(filters.from || filters.to || filters.q) && <p class="hint">{tr.t("subscribe.notIncluded")}</p>}
        {state.step === "done" ? (
          <p class="notice" role="status">
            {tr.t("subscribe.done", { email: state.email })}
          </p>
        ) : (
          <form onSubmit={submit}>
            <label for="subscribe-email">{tr.t("subscribe.email")}</label>
            <div class="row">
              <input
                id="subscribe-email"
                type="email"
                required
                autocomplete="email"
                value={email}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
              <button type="submit" disabled={state.step === "sending"}>
                {state.step === "sending" ? tr.t("subscribe.sending") : tr.t("subscribe.submit")}
              </button>
            </div>
            <label class="check" for="subscribe-trends">
              <input id="subscribe-trends" type="checkbox" checked={trends} onChange={(e) => setTrends(e.currentTarget.checked)} />{" "}
              {tr.t("subscribe.trends")}
            </label>
            {state.step === "failed" && (
              <p class="notice error" role="alert">
                {tr.t("subscribe.failed", { message: state.message })}
              </p>
            )}
          </form>
        )}
        <p>{tr.t("subscribe.feed")}</p>
        <div class="row">
          <a class="feed-link" href={feedUrl} type="application/atom+xml">
            {tr.t("subscribe.feedLink")}
          </a>
          <button
            type="button"
            onClick={() =>
              navigator.clipboard
                ?.writeText(feedUrl)
                .then(() => setCopied(true))
                .catch(() => {})
            }
          >
            {copied ? tr.t("subscribe.copied") : tr.t("subscribe.copy")}
          </button>
        </div>
        <form method="dialog" class="actions">
          <button type="submit">{tr.t("subscribe.close")}</button>
        </form>
      </dialog>
    </>
  );
}
