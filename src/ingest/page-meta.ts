// What an article page says about itself besides its text: when it was published and its
// canonical address. Dates, in order of trust: `article:published_time` (Open Graph), JSON-LD
// `datePublished` (also inside @graph and arrays), microdata `itemprop=datePublished`, the
// common `<meta name=pubdate|date|publish-date|DC.date.issued>`, `og:published_time`, then the
// first `<time datetime>`. Address: `<link rel=canonical>`, else `og:url`, resolved against the
// page's own URL. Pure: a parsed document in, values out.

interface Queryable {
  querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null;
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null; textContent: string | null }>;
}

export interface PageMeta {
  /** YYYY-MM-DD, the day as the page writes it (in its own time zone), or null. */
  published: string | null;
  /** Absolute http(s) URL the page names as its own, or null. */
  canonicalUrl: string | null;
}

/** The calendar day of a date or date-time as written ("2025-07-21T23:40:00+03:00" is the 21st), or null. */
export function dayOf(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(v);
  if (m) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
      ? `${m[1]}-${m[2]}-${m[3]}`
      : null;
  }
  // Other forms a parser knows ("Mon, 21 Jul 2025 08:00:00 GMT"): the UTC day.
  if (!/\d{4}/.test(v)) return null;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  const year = new Date(t).getUTCFullYear();
  return year >= 1900 && year <= 9999 ? new Date(t).toISOString().slice(0, 10) : null;
}

/** datePublished anywhere in a JSON-LD value: the object, an array, or an @graph. */
function jsonLdDate(value: unknown, depth = 0): string | null {
  if (!value || typeof value !== "object" || depth > 4) return null;
  if (Array.isArray(value)) {
    for (const v of value) {
      const d = jsonLdDate(v, depth + 1);
      if (d) return d;
    }
    return null;
  }
  const o = value as Record<string, unknown>;
  if (typeof o.datePublished === "string") return o.datePublished;
  return jsonLdDate(o["@graph"], depth + 1) ?? jsonLdDate(o.mainEntity, depth + 1);
}

const META_DATES = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="publish-date"]',
  'meta[name="date"]',
  'meta[name="DC.date.issued"]',
  'meta[name="dc.date.issued"]',
  'meta[property="og:published_time"]',
];

function publishedOf(document: Queryable): string | null {
  const first = document.querySelector(META_DATES[0]) ?? document.querySelector(META_DATES[1]);
  const og = dayOf(first?.getAttribute("content"));
  if (og) return og;
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      const d = dayOf(jsonLdDate(JSON.parse(script.textContent ?? "")));
      if (d) return d;
    } catch {
      // A broken JSON-LD block says nothing; the next source of a date is tried.
    }
  }
  for (const selector of META_DATES.slice(2)) {
    const el = document.querySelector(selector);
    const d = dayOf(el?.getAttribute("content") ?? el?.getAttribute("datetime"));
    if (d) return d;
  }
  const itemprop = document.querySelector('[itemprop="datePublished"]');
  const micro = dayOf(itemprop?.getAttribute("datetime") ?? itemprop?.getAttribute("content"));
  if (micro) return micro;
  return dayOf(document.querySelector("time[datetime]")?.getAttribute("datetime"));
}

function absolute(href: string | null | undefined, base: string | null): string | null {
  if (!href?.trim()) return null;
  try {
    const url = base ? new URL(href.trim(), base) : new URL(href.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** The page's date and canonical address; `pageUrl` (where it was fetched) resolves relative links. */
export function pageMeta(document: Queryable, pageUrl: string | null = null): PageMeta {
  const canonical =
    absolute(document.querySelector('link[rel~="canonical"]')?.getAttribute("href"), pageUrl) ??
    absolute(document.querySelector('meta[property="og:url"]')?.getAttribute("content"), pageUrl);
  return { published: publishedOf(document), canonicalUrl: canonical };
}
