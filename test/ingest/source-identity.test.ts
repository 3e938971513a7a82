// Canonical URLs, content fingerprints and what an article page says about its date and address.
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { articleFromHtml } from "../../src/ingest/html.js";
import { dayOf, pageMeta } from "../../src/ingest/page-meta.js";
import { canonicalUrl, contentFingerprint, fingerprintText } from "../../src/ingest/source-identity.js";

describe("canonicalUrl", () => {
  it.each([
    ["HTTPS://WWW.Example.ORG:443/News/Story/?utm_source=tg&utm_medium=social#comments", "https://example.org/News/Story"],
    ["http://example.org:80/a?b=2&a=1&fbclid=XYZ&gclid=1&yclid=2", "http://example.org/a?a=1&b=2"],
    ["https://example.org/", "https://example.org"],
    ["https://example.org", "https://example.org"],
    ["https://example.org:8443/x/", "https://example.org:8443/x"],
    ["https://m.example.org/news/1", "https://example.org/news/1"],
    ["https://amp.example.org/news/1", "https://example.org/news/1"],
    ["https://example.org/news/1/amp/", "https://example.org/news/1"],
    ["https://example.org/amp/news/1", "https://example.org/news/1"],
    ["https://example.org/news/1.amp.html", "https://example.org/news/1.html"],
    ["https://example.org/news/1?amp=1", "https://example.org/news/1"],
    ["https://example.org/news/1?outputType=amp&id=4", "https://example.org/news/1?id=4"],
    ["https://t.me/s/Astrapress/123", "https://t.me/astrapress/123"],
    ["https://telegram.me/Astrapress/123?single", "https://t.me/astrapress/123?single="],
    ["https://example.org/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D1%8C", "https://example.org/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D1%8C"],
  ])("%s → %s", (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it("keeps what names another page: other hosts, paths, meaningful parameters, a two-label host", () => {
    expect(canonicalUrl("https://example.org/news?id=5")).not.toBe(canonicalUrl("https://example.org/news?id=6"));
    expect(canonicalUrl("https://m.co/a")).toBe("https://m.co/a");
    expect(canonicalUrl("https://example.org/Story")).not.toBe(canonicalUrl("https://example.org/story"));
    expect(canonicalUrl("https://other.org/news/1")).not.toBe(canonicalUrl("https://example.org/news/1"));
    expect(canonicalUrl("not a url")).toBe("not a url");
  });
});

describe("contentFingerprint", () => {
  const body = "Air defences shot down 12 drones over the Bryansk region overnight.\n\nNobody was hurt, the governor said.";
  it("ignores a prepended title and white space", () => {
    const title = "12 drones downed over Bryansk region";
    const plain = contentFingerprint(body, null);
    expect(contentFingerprint(`${title}\n${body}`, title)).toBe(plain);
    expect(contentFingerprint(`  ${title}\r\n\r\n${body.replace(/ /g, "  ").replace("\n\n", "\n \u00a0\n")}\n`, ` ${title} `)).toBe(plain);
    expect(contentFingerprint(body, "A title the text does not start with")).toBe(plain);
  });
  it("tells other texts apart", () => {
    expect(contentFingerprint(body.replace("12", "13"), null)).not.toBe(contentFingerprint(body, null));
    // A title that is only the start of the first sentence is not a prepended title.
    expect(fingerprintText("Air defences shot down 12 drones.", "Air defences shot")).toBe("Air defences shot down 12 drones.");
    expect(fingerprintText("Title", "Title")).toBe("Title");
  });
});

describe("pageMeta", () => {
  const doc = (head: string, body = "") => parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`).document;
  it("reads the date from article:published_time, JSON-LD, microdata, common meta names and <time>, in that order", () => {
    const og = '<meta property="article:published_time" content="2025-07-21T23:40:00+03:00">';
    const ld =
      '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2025-07-20T10:00:00Z"}]}</script>';
    const time = '<time datetime="2025-07-19">19 July</time>';
    const m = (h: string, b = "") => pageMeta(doc(h, b) as never).published;
    expect(m(og + ld, time)).toBe("2025-07-21");
    expect(m(ld, time)).toBe("2025-07-20");
    expect(m('<script type="application/ld+json">[{"datePublished":"2025-07-18"}]</script>')).toBe("2025-07-18");
    expect(m('<script type="application/ld+json">{broken</script><meta name="pubdate" content="2025-07-17">')).toBe("2025-07-17");
    expect(m("", '<span itemprop="datePublished" content="2025-07-16">16.07</span>')).toBe("2025-07-16");
    expect(m("", time)).toBe("2025-07-19");
    expect(m('<meta property="article:published_time" content="2025-02-30">', time)).toBe("2025-07-19");
    expect(m("")).toBeNull();
  });
  it("reads the canonical address, resolved against the page's URL, or og:url", () => {
    expect(pageMeta(doc('<link rel="canonical" href="/news/1">') as never, "https://example.org/amp/news/1").canonicalUrl).toBe(
      "https://example.org/news/1",
    );
    expect(pageMeta(doc('<meta property="og:url" content="https://example.org/n/2">') as never).canonicalUrl).toBe(
      "https://example.org/n/2",
    );
    expect(pageMeta(doc('<link rel="canonical" href="javascript:alert(1)">') as never).canonicalUrl).toBeNull();
    expect(pageMeta(doc('<link rel="canonical" href="/relative">') as never).canonicalUrl).toBeNull();
  });
  it("dayOf reads the day as written, and other date forms as their UTC day", () => {
    expect(dayOf("2025-07-21T01:00:00+03:00")).toBe("2025-07-21");
    expect(dayOf("Mon, 21 Jul 2025 08:00:00 GMT")).toBe("2025-07-21");
    expect(dayOf("yesterday")).toBeNull();
  });
  it("articleFromHtml carries both", () => {
    const article = articleFromHtml(
      '<html><head><title>Drone hits car</title><link rel="canonical" href="https://example.org/car"><meta property="article:published_time" content="2025-07-21T08:00:00Z"></head><body><article><h1>Drone hits car</h1><p>A drone struck a car in the village of Nikolskoye, the governor said. The driver was wounded and taken to hospital.</p></article></body></html>',
    );
    expect(article).toMatchObject({ title: "Drone hits car", published: "2025-07-21", canonicalUrl: "https://example.org/car" });
  });
});
