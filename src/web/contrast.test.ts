// Both themes keep WCAG AA contrast: 4.5:1 for text, 3:1 for the marks that carry meaning.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const css = readFileSync(new URL("./styles.css", import.meta.url), "utf8");

function theme(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  const block = css.slice(start, css.indexOf("}", start));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
}

const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

describe.each([
  ["light", theme(":root")],
  ["dark", { ...theme(":root"), ...theme(':root[data-theme="dark"]') }],
])("%s theme", (_name, v) => {
  it("has readable text on every background it is drawn on", () => {
    for (const bg of ["bg", "panel"]) {
      for (const fg of ["text", "muted", "accent", "focus"]) expect(contrast(v[fg], v[bg]), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(v.text, v.mark), "text on evidence mark").toBeGreaterThanOrEqual(4.5);
    expect(contrast(v.text, v.flag), "text on flag mark").toBeGreaterThanOrEqual(4.5);
    expect(contrast(v.bg, v.accent), "live badge").toBeGreaterThanOrEqual(4.5);
  });

  it("keeps the Sources page's status labels readable, each with a visible edge", () => {
    for (const state of ["ok", "failing", "silent", "never-run", "disabled"]) {
      expect(contrast(v.text, v[`status-${state}`]), `text on ${state}`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(v[`status-${state}-line`], v.panel), `${state} edge on panel`).toBeGreaterThanOrEqual(3);
    }
    expect(contrast(v.bg, v.accent), "current page link").toBeGreaterThanOrEqual(4.5);
  });

  it("tells the kinds apart from the panel and the map", () => {
    for (const kind of ["kind-interception", "kind-strike", "kind-attack"]) {
      expect(contrast(v[kind], v.panel), `${kind} on panel`).toBeGreaterThanOrEqual(3);
      expect(contrast(v[kind], v["map-land"]), `${kind} on land`).toBeGreaterThanOrEqual(3);
    }
  });
});

describe.each([
  ["light", theme(":root")],
  ["dark", { ...theme(":root"), ...theme(':root[data-theme="dark"]') }],
])("%s theme, map labels", (_name, v) => {
  it("keeps region, city and sea names readable where they are drawn", () => {
    for (const bg of ["map-land", "map-neighbour", "map-low"])
      expect(contrast(v["map-label"], v[bg]), `label on ${bg}`).toBeGreaterThanOrEqual(4.5);
    expect(contrast(v["map-sea-label"], v["map-sea"]), "sea name on sea").toBeGreaterThanOrEqual(4.5);
    for (const kind of ["kind-interception", "kind-strike", "kind-attack"])
      expect(contrast(v["map-cluster-text"], v[kind]), `cluster count on ${kind}`).toBeGreaterThanOrEqual(4.5);
  });
  it("sets land, neighbours and sea apart", () => {
    expect(contrast(v["map-land"], v["map-sea"]), "land/sea").toBeGreaterThanOrEqual(1.15);
    expect(contrast(v["map-neighbour"], v["map-sea"]), "neighbour/sea").toBeGreaterThanOrEqual(1.15);
    expect(contrast(v["map-land"], v["map-neighbour"]), "Russia and Ukraine/neighbours").toBeGreaterThanOrEqual(1.1);
  });
});
