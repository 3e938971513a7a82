import { describe, expect, it } from "vitest";
import { clusterPoints, type EventPoint } from "./clusters";

const DNIPRO: EventPoint = { id: 1, kind: "strike", lon: 35.046, lat: 48.465 };
const BEZIMENNE: EventPoint = { id: 2, kind: "interception", lon: 37.9, lat: 47.1 };

describe("clusterPoints", () => {
  it("draws a cluster at one of its events, never at their mean (which lies in another oblast)", () => {
    const [c, ...rest] = clusterPoints([DNIPRO, BEZIMENNE, { ...DNIPRO, id: 3 }], 3, 60);
    expect(rest).toEqual([]);
    expect(c.ids).toEqual([1, 2, 3]);
    expect([c.lon, c.lat]).toEqual([DNIPRO.lon, DNIPRO.lat]);
    expect(c.byKind).toEqual({ interception: 1, strike: 2, attack: 0 });
    expect(c.kind).toBe("strike");
  });
  it("splits apart as the map zooms in, each point in exactly one group", () => {
    const points = [DNIPRO, BEZIMENNE, { ...DNIPRO, id: 3, lon: 35.05 }];
    const near = clusterPoints(points, 8, 40);
    expect(near.map((c) => c.ids)).toEqual([[1, 3], [2]]);
    expect(clusterPoints(points, 14, 40).map((c) => c.ids.length)).toEqual([1, 1, 1]);
  });
  it("groups events at the same place at any zoom", () => {
    expect(clusterPoints([DNIPRO, { ...DNIPRO, id: 9 }], 16, 30).map((c) => c.ids)).toEqual([[1, 9]]);
  });
});
