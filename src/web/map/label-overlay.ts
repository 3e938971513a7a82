// Map labels as HTML over the map canvas, placed by MapLibre's projection: no glyphs to download,
// the page's own fonts (Cyrillic included), text a test can read. Each frame the labels are placed
// in priority order and one that would overlap a placed label, a cluster or an event point is hidden.
import type { Map as MapLibreMap } from "maplibre-gl";

export type LabelKind = "sea" | "country" | "region" | "capital" | "city";

export interface LabelSpec {
  id: string;
  at: [number, number];
  text: string;
  kind: LabelKind;
  /** Higher first. */
  priority: number;
  minZoom: number;
  /** A mark beside a region's name (a region flagged in trends), with its words for a tooltip. */
  badge?: { text: string; title: string };
}

export interface ClusterSpec {
  at: [number, number];
  count: number;
  kind: string;
  /** CSS background for the bubble: its kinds as a ring. */
  background: string;
  title: string;
  onClick(): void;
}

interface Placed {
  spec: LabelSpec;
  el: HTMLElement;
  w: number;
  h: number;
}

type Box = [number, number, number, number];
const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
/** Room kept around each label, so that names do not touch. */
const GAP = 3;
/** Half a city dot's width (CSS .map-label .dot). */
const DOT = 4;
/** Where a city's name may go, in order: beside its dot, or further out, past a cluster on the place. */
const SIDES: ["right" | "left", number][] = [
  ["right", 0],
  ["left", 0],
  ["right", 16],
  ["left", 16],
];

export class LabelOverlay {
  private readonly root: HTMLElement;
  private readonly clusterRoot: HTMLElement;
  private labels: Placed[] = [];
  private clusters: { spec: ClusterSpec; el: HTMLElement; size: number }[] = [];
  private points: [number, number][] = [];
  private frame = 0;

  constructor(private readonly map: MapLibreMap) {
    const container = map.getCanvasContainer();
    this.root = document.createElement("div");
    this.root.className = "map-labels";
    this.root.setAttribute("aria-hidden", "true");
    this.clusterRoot = document.createElement("div");
    this.clusterRoot.className = "map-clusters";
    container.append(this.root, this.clusterRoot);
    map.on("move", this.schedule);
    map.on("resize", this.schedule);
  }

  private readonly schedule = () => {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.update());
  };

  setLabels(specs: LabelSpec[]): void {
    this.root.replaceChildren();
    this.labels = [...specs]
      .sort((a, b) => b.priority - a.priority)
      .map((spec) => {
        const el = document.createElement("span");
        el.className = `map-label ${spec.kind}`;
        el.dataset.labelKind = spec.kind;
        el.dataset.labelId = spec.id;
        if (spec.kind === "capital" || spec.kind === "city")
          el.append(Object.assign(document.createElement("i"), { className: "city-dot" }));
        el.append(spec.text);
        if (spec.badge) {
          el.dataset.trendBadge = "true";
          el.append(
            Object.assign(document.createElement("b"), { className: "trend-badge", textContent: spec.badge.text, title: spec.badge.title }),
          );
        }
        this.root.append(el);
        return { spec, el, w: 0, h: 0 };
      });
    // One layout pass for all the sizes.
    for (const l of this.labels) {
      l.w = l.el.offsetWidth;
      l.h = l.el.offsetHeight;
    }
    this.update();
  }

  setClusters(clusters: ClusterSpec[], points: [number, number][]): void {
    this.clusterRoot.replaceChildren();
    this.points = points;
    this.clusters = clusters.map((spec) => {
      const el = document.createElement("div");
      el.className = `map-cluster ${spec.kind}`;
      el.dataset.count = String(spec.count);
      el.title = spec.title;
      el.style.background = spec.background;
      const size = spec.count >= 100 ? 40 : spec.count >= 10 ? 32 : 26;
      el.style.width = el.style.height = `${size}px`;
      el.append(Object.assign(document.createElement("span"), { textContent: String(spec.count) }));
      el.addEventListener("click", (e) => {
        e.stopPropagation();
        spec.onClick();
      });
      this.clusterRoot.append(el);
      return { spec, el, size };
    });
    this.update();
  }

  update(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const { map } = this;
    const zoom = map.getZoom();
    const canvas = map.getCanvas();
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    const placed: Box[] = [];
    for (const c of this.clusters) {
      const p = map.project(c.spec.at);
      const r = c.size / 2;
      c.el.style.transform = `translate(${(p.x - r).toFixed(1)}px, ${(p.y - r).toFixed(1)}px)`;
      placed.push([p.x - r - GAP, p.y - r - GAP, p.x + r + GAP, p.y + r + GAP]);
    }
    for (const at of this.points) {
      const p = map.project(at);
      placed.push([p.x - 6, p.y - 6, p.x + 6, p.y + 6]);
    }
    const free = (box: Box) => box[0] >= 0 && box[1] >= 0 && box[2] <= width && box[3] <= height && !placed.some((b) => overlaps(b, box));
    for (const l of this.labels) {
      let at: [number, number, boolean] | null = null;
      if (zoom >= l.spec.minZoom) {
        const p = map.project(l.spec.at);
        const y = p.y - l.h / 2;
        if (l.spec.kind === "city" || l.spec.kind === "capital") {
          // A dot on the place and the name beside it: right, else left, else clear of a cluster
          // drawn on the place. The dot may sit on an event.
          for (const [side, gap] of SIDES) {
            const x = side === "right" ? p.x - DOT : p.x + DOT - l.w - gap;
            const text: Box =
              side === "right"
                ? [p.x + DOT + gap, y - GAP, x + l.w + gap + GAP, y + l.h + GAP]
                : [x - GAP, y - GAP, p.x - DOT - gap, y + l.h + GAP];
            if (free(text)) {
              at = [x, y, side === "left"];
              l.el.style.gap = `${3 + gap}px`;
              break;
            }
          }
        } else {
          const x = p.x - l.w / 2;
          if (free([x - GAP, y - GAP, x + l.w + GAP, y + l.h + GAP])) at = [x, y, false];
        }
      }
      if (at) {
        const extra = Number.parseFloat(l.el.style.gap || "3") - 3;
        placed.push([at[0] - GAP, at[1] - GAP, at[0] + l.w + extra + GAP, at[1] + l.h + GAP]);
        l.el.style.transform = `translate(${at[0].toFixed(1)}px, ${at[1].toFixed(1)}px)`;
        l.el.classList.toggle("left", at[2]);
      }
      l.el.classList.toggle("hidden", !at);
    }
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.map.off("move", this.schedule);
    this.map.off("resize", this.schedule);
    this.root.remove();
    this.clusterRoot.remove();
  }
}
