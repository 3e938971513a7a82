// Event points grouped for one zoom level. Unlike MapLibre's own clustering, which draws a cluster
// at the mean of its points (a Dnipro + Bezimenne cluster would sit in Poltava oblast, where no
// event was), a cluster here is drawn at one of its own events: the one nearest the members' mean.
import { KINDS, type Kind } from "../filters";

export interface EventPoint {
  id: number;
  kind: string;
  lon: number;
  lat: number;
}

export interface Cluster {
  /** Where it is drawn: the position of one of its events. */
  lon: number;
  lat: number;
  ids: number[];
  byKind: Record<Kind, number>;
  /** The kind most of its events are (ties: the order of KINDS). */
  kind: Kind;
}

const TILE = 512;
/** Web Mercator pixels at `zoom` (MapLibre's 512 px world). */
export function project(lon: number, lat: number, zoom: number): [number, number] {
  const size = TILE * 2 ** zoom;
  const sin = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return [((lon + 180) / 360) * size, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size];
}

const asKind = (k: string): Kind => ((KINDS as readonly string[]).includes(k) ? (k as Kind) : "attack");

/**
 * Groups points lying within `radius` pixels of a seed at `zoom`. Seeds are taken densest first,
 * so a cluster forms around where events crowd, and every point is in exactly one group.
 */
export function clusterPoints(points: EventPoint[], zoom: number, radius: number): Cluster[] {
  const xy = points.map((p) => project(p.lon, p.lat, zoom));
  const cell = (x: number) => Math.floor(x / radius);
  const grid = new Map<string, number[]>();
  xy.forEach(([x, y], i) => {
    const key = `${cell(x)}:${cell(y)}`;
    const list = grid.get(key);
    if (list) list.push(i);
    else grid.set(key, [i]);
  });
  const near = (i: number): number[] => {
    const [x, y] = xy[i];
    const out: number[] = [];
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const j of grid.get(`${cell(x) + dx}:${cell(y) + dy}`) ?? []) {
          if ((xy[j][0] - x) ** 2 + (xy[j][1] - y) ** 2 <= radius * radius) out.push(j);
        }
    return out;
  };
  const density = points.map((_, i) => near(i).length);
  const order = points.map((_, i) => i).sort((a, b) => density[b] - density[a] || points[a].id - points[b].id);
  const taken = new Uint8Array(points.length);
  const clusters: Cluster[] = [];
  for (const seed of order) {
    if (taken[seed]) continue;
    const members = near(seed).filter((j) => !taken[j]);
    for (const j of members) taken[j] = 1;
    const mx = members.reduce((s, j) => s + xy[j][0], 0) / members.length;
    const my = members.reduce((s, j) => s + xy[j][1], 0) / members.length;
    const at = members.reduce((best, j) =>
      (xy[j][0] - mx) ** 2 + (xy[j][1] - my) ** 2 < (xy[best][0] - mx) ** 2 + (xy[best][1] - my) ** 2 ? j : best,
    );
    const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
    for (const j of members) byKind[asKind(points[j].kind)]++;
    const kind = KINDS.reduce((a, b) => (byKind[b] > byKind[a] ? b : a));
    clusters.push({ lon: points[at].lon, lat: points[at].lat, ids: members.map((j) => points[j].id).sort((a, b) => a - b), byKind, kind });
  }
  return clusters;
}
