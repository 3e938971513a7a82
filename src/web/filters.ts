// The dashboard's filter, kept in the URL so that a view can be shared: parsing and writing
// query strings, nothing else (pure; the API takes the same parameter names).
export type Kind = "interception" | "strike" | "attack";
export type Weapon = "drone" | "missile" | "glide_bomb" | "artillery" | "unknown";
export const KINDS: Kind[] = ["interception", "strike", "attack"];
export const WEAPONS: Weapon[] = ["drone", "missile", "glide_bomb", "artillery", "unknown"];
export const COUNTRIES = ["RU", "UA"] as const;

export interface Filters {
  from: string;
  to: string;
  country: string[];
  region: string[];
  kind: Kind[];
  weapon: Weapon[];
  q: string;
}

/** The dashboard's pages: the events (map, timeline, table) and the registry of sources. */
export type Page = "events" | "sources";

/** How the Sources page is ordered: as registered, or by lag or errors (a leading - sorts descending). */
export const SOURCE_SORTS = ["", "lag", "-lag", "errors", "-errors"] as const;
export type SourceSort = (typeof SOURCE_SORTS)[number];

/** What the page shows besides the filter: the page, the open event, the tables' order, the language. */
export interface ViewState {
  page: Page;
  sourceSort: SourceSort;
  filters: Filters;
  event: number | null;
  sort: string;
  lang: string | null;
  theme: "light" | "dark" | null;
}

export const EMPTY_FILTERS: Filters = { from: "", to: "", country: [], region: [], kind: [], weapon: [], q: "" };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGION = /^(RU|UA)-[A-Z0-9]{2,3}$/;

const listOf = <T extends string>(value: string | null, allowed?: readonly T[], pattern?: RegExp): T[] =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s): s is T => s !== "" && (!allowed || allowed.includes(s as T)) && (!pattern || pattern.test(s)));

/** Reads a view from a query string; anything malformed is dropped rather than sent to the API. */
export function parseView(search: string): ViewState {
  const p = new URLSearchParams(search);
  const date = (v: string | null) => (v && DATE.test(v) ? v : "");
  const event = Number(p.get("event"));
  const theme = p.get("theme");
  const sourceSort = p.get("ssort") ?? "";
  return {
    page: p.get("view") === "sources" ? "sources" : "events",
    sourceSort: (SOURCE_SORTS as readonly string[]).includes(sourceSort) ? (sourceSort as SourceSort) : "",
    filters: {
      from: date(p.get("from")),
      to: date(p.get("to")),
      country: listOf(p.get("country"), COUNTRIES),
      region: listOf(p.get("region"), undefined, REGION),
      kind: listOf(p.get("kind"), KINDS),
      weapon: listOf(p.get("weapon"), WEAPONS),
      q: (p.get("q") ?? "").slice(0, 200),
    },
    event: Number.isInteger(event) && event > 0 ? event : null,
    sort: /^-?[a-z]+$/.test(p.get("sort") ?? "") ? (p.get("sort") as string) : "-date",
    lang: p.get("lang"),
    theme: theme === "light" || theme === "dark" ? theme : null,
  };
}

/** The API query of a filter (empty fields left out); `omit` drops fields, e.g. dates for the timeline. */
export function filterQuery(f: Filters, omit: (keyof Filters)[] = []): URLSearchParams {
  const p = new URLSearchParams();
  for (const [key, value] of Object.entries(f) as [keyof Filters, string | string[]][]) {
    if (omit.includes(key)) continue;
    const text = Array.isArray(value) ? value.join(",") : value.trim();
    if (text) p.set(key, text);
  }
  return p;
}

/** The page URL's query string of a view. */
export function viewQuery(v: ViewState): string {
  const p = new URLSearchParams();
  if (v.page === "sources") p.set("view", "sources");
  for (const [key, value] of filterQuery(v.filters)) p.set(key, value);
  if (v.sourceSort) p.set("ssort", v.sourceSort);
  if (v.event) p.set("event", String(v.event));
  if (v.sort !== "-date") p.set("sort", v.sort);
  if (v.lang) p.set("lang", v.lang);
  if (v.theme) p.set("theme", v.theme);
  // Commas may stand as they are in a query, and a shared link reads better with them.
  const s = p.toString().replace(/%2C/g, ",");
  return s ? `?${s}` : "";
}

export const toggle = <T>(list: T[], item: T): T[] => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
