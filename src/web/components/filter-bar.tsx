// The filter form: dates, country, regions, kind, weapon and free text. Every change goes to the URL.
import { useEffect, useState } from "preact/hooks";
import { COUNTRIES, EMPTY_FILTERS, type Filters, KINDS, toggle, WEAPONS } from "../filters";
import type { MessageKey, Translator } from "../i18n";

interface Props {
  tr: Translator;
  filters: Filters;
  regionOptions: { iso: string; name: string; country: string }[];
  regionLabel(iso: string): string;
  onChange(next: Filters): void;
}

export function FilterBar({ tr, filters, regionOptions, regionLabel, onChange }: Props) {
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  // Free text waits for a pause in typing before it filters.
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  useEffect(() => {
    if (text === filters.q) return;
    const timer = setTimeout(() => set({ q: text }), 350);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <form
      class="filters"
      aria-label={tr.t("filters")}
      onSubmit={(e) => {
        e.preventDefault();
        set({ q: text });
      }}
    >
      <div class="field">
        <label for="f-from">{tr.t("from")}</label>
        <input
          id="f-from"
          type="date"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(e) => set({ from: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="f-to">{tr.t("to")}</label>
        <input
          id="f-to"
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(e) => set({ to: e.currentTarget.value })}
        />
      </div>
      <div class="field grow">
        <label for="f-q">{tr.t("search")}</label>
        <input
          id="f-q"
          type="search"
          value={text}
          placeholder={tr.t("searchPlaceholder")}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </div>
      <Checks
        legend={tr.t("country")}
        values={COUNTRIES}
        chosen={filters.country}
        label={(c) => tr.t(`country.${c}` as MessageKey)}
        onToggle={(c) => set({ country: toggle(filters.country, c) })}
      />
      <Checks
        legend={tr.t("kind")}
        values={KINDS}
        chosen={filters.kind}
        label={(k) => tr.t(`kind.${k}`)}
        onToggle={(k) => set({ kind: toggle(filters.kind, k) })}
        swatch
      />
      <Checks
        legend={tr.t("weapon")}
        values={WEAPONS}
        chosen={filters.weapon}
        label={(w) => tr.t(`weapon.${w}`)}
        onToggle={(w) => set({ weapon: toggle(filters.weapon, w) })}
      />
      <div class="field regions">
        <label for="f-region">{tr.t("regions")}</label>
        <select
          id="f-region"
          value=""
          onChange={(e) => {
            const iso = e.currentTarget.value;
            if (iso && !filters.region.includes(iso)) set({ region: [...filters.region, iso] });
          }}
        >
          <option value="">{filters.region.length ? tr.t("addRegion") : tr.t("allRegions")}</option>
          {COUNTRIES.map((c) => (
            <optgroup key={c} label={tr.t(`country.${c}` as MessageKey)}>
              {regionOptions
                .filter((r) => r.country === c)
                .map((r) => (
                  <option key={r.iso} value={r.iso}>
                    {r.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        <ul class="chips">
          {filters.region.map((iso) => (
            <li key={iso}>
              <button
                type="button"
                onClick={() => set({ region: filters.region.filter((r) => r !== iso) })}
                aria-label={tr.t("removeRegion", { name: regionLabel(iso) })}
              >
                {regionLabel(iso)} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div class="field actions">
        {(filters.from || filters.to) && (
          <button type="button" onClick={() => set({ from: "", to: "" })}>
            {tr.t("clearDates")}
          </button>
        )}
        <button type="button" onClick={() => onChange(EMPTY_FILTERS)}>
          {tr.t("clear")}
        </button>
      </div>
    </form>
  );
}

function Checks<T extends string>(props: {
  legend: string;
  values: readonly T[];
  chosen: T[];
  label(v: T): string;
  onToggle(v: T): void;
  swatch?: boolean;
}) {
  return (
    <fieldset class="checks">
      <legend>{props.legend}</legend>
      {props.values.map((v) => (
        <label key={v}>
          <input type="checkbox" name={props.legend} value={v} checked={props.chosen.includes(v)} onChange={() => props.onToggle(v)} />
          {props.swatch && <span class={`swatch ${v}`} aria-hidden="true" />}
          {props.label(v)}
        </label>
      ))}
    </fieldset>
  );
}
