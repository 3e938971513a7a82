// The flags on synthetic series: a spike is flagged, Poisson noise at a steady rate is not (more
// often than the documented level), and each rule's edge on short examples.
import { describe, expect, it } from "vitest";
import { addDays, type RegionDay, type RegionHistory, TREND_RULES, trendFlags, trendWindows } from "./flags.js";

const AS_OF = "2025-06-30";
const { baseline } = trendWindows(AS_OF);

/** A seeded generator (mulberry32): the same series on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw by inversion (rates here are small). */
function poisson(rand: () => number, lambda: number): number {
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  const u = rand();
  while (u > cdf && k < 10_000) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

const day = (region: string, date: string, events: number, extra: Partial<RegionDay> = {}): RegionDay => ({
  region,
  date,
  events,
  casualtyEvents: 0,
  killed: 0,
  injured: 0,
  drones: events,
  missiles: 0,
  glideBombs: 0,
  ...extra,
});

/** Days of a region from daily counts over the 35 days ending on AS_OF (oldest first). */
const seriesDays = (region: string, counts: number[], extra: (i: number) => Partial<RegionDay> = () => ({})) =>
  counts.flatMap((n, i) => (n > 0 ? [day(region, addDays(baseline.from, i), n, extra(i))] : []));

/** A history in which every region had events just before the window (no new_region, no new settlements). */
const busyHistory = (regions: string[]): RegionHistory => ({
  previousEventDate: new Map(regions.map((r) => [r, addDays(baseline.from, -1)])),
  newSettlements: new Map(),
});

const flagsOf = (days: RegionDay[], regions: string[]) => trendFlags(AS_OF, days, busyHistory(regions));

describe("rising", () => {
  /** How often a rise from `before` to `after` events a day over the last 7 days is flagged. */
  const power = (seed: number, before: number, after: number, runs = 300) => {
    const rand = random(seed);
    let flagged = 0;
    for (let run = 0; run < runs; run++) {
      const counts = Array.from({ length: 35 }, (_, i) => poisson(rand, i < 28 ? before : after));
      if (flagsOf(seriesDays("RU-BEL", counts), ["RU-BEL"]).some((t) => t.flag === "rising")) flagged++;
    }
    return flagged / runs;
  };

  it("flags a synthetic spike: 2 events a day for four weeks, then 10 a day", () => {
    expect(power(1, 2, 10)).toBe(1);
  });

  it("flags most threefold rises (a test of 7 days against 28 cannot see every one)", () => {
    expect(power(2, 2, 6)).toBeGreaterThan(0.95);
    expect(power(3, 1, 3)).toBeGreaterThan(0.8);
  });

  it("reports its figures: last 7 days, the weekly rate before, the p-value and the first day", () => {
    const counts = [...Array(28).fill(1), 0, 5, 5, 5, 5, 5, 5];
    const [t] = flagsOf(seriesDays("RU-KRS", counts), ["RU-KRS"]);
    expect(t).toMatchObject({ region: "RU-KRS", flag: "rising", last_7d: 30, baseline_7d: 7, since: addDays(AS_OF, -5) });
    expect(t.p_value).toBeLessThan(TREND_RULES.alpha);
    expect(t.series).toEqual(counts);
    expect(t.detail).toMatchObject({ events_28d: 28, alpha: 0.01, min_count: 5 });
  });

  it("needs the minimum count: four events in a region quiet before are no escalation", () => {
    const counts = [...Array(28).fill(0), 0, 1, 0, 1, 1, 0, 1];
    expect(flagsOf(seriesDays("RU-ORL", counts), ["RU-ORL"]).filter((t) => t.flag === "rising")).toEqual([]);
    const five = [...Array(28).fill(0), 0, 1, 1, 1, 1, 0, 1];
    expect(flagsOf(seriesDays("RU-ORL", five), ["RU-ORL"]).map((t) => t.flag)).toContain("rising");
  });

  // The property the README promises: at a steady rate, a region is flagged on at most alpha of days.
  it("does not flag Poisson noise more often than the documented level (fixed seed)", () => {
    const rand = random(20251201);
    const rates = [0.1, 0.3, 0.7, 1, 2, 4, 8, 15, 40];
    const runs = 2000;
    let total = 0;
    for (const rate of rates) {
      let flagged = 0;
      let hurt = 0;
      for (let run = 0; run < runs; run++) {
        const counts = Array.from({ length: 35 }, () => poisson(rand, rate));
        // About one event in four with casualties, at the same steady rate.
        const days = counts.flatMap((n, i) => {
          if (!n) return [];
          let c = 0;
          for (let e = 0; e < n; e++) if (rand() < 0.25) c++;
          return [day("RU-BEL", addDays(baseline.from, i), n, { casualtyEvents: c, injured: c })];
        });
        const flags = flagsOf(days, ["RU-BEL"]);
        if (flags.some((t) => t.flag === "rising")) flagged++;
        if (flags.some((t) => t.flag === "casualties_rising")) hurt++;
      }
      total += flagged;
      // The exact test's level holds at every rate; 3 standard errors of slack for the sampling.
      const slack = 3 * Math.sqrt((TREND_RULES.alpha * (1 - TREND_RULES.alpha)) / runs);
      expect(flagged / runs, `rising at ${rate} a day`).toBeLessThanOrEqual(TREND_RULES.alpha + slack);
      expect(hurt / runs, `casualties_rising at ${rate} a day`).toBeLessThanOrEqual(TREND_RULES.alpha + slack);
    }
    expect(total / (runs * rates.length)).toBeLessThanOrEqual(TREND_RULES.alpha);
  });

  it("does not flag a year of steady noise, day after day, more often than the documented level", () => {
    const rand = random(7);
    const regions = Array.from({ length: 20 }, (_, i) => `RU-R${String(i).padStart(2, "0")}`);
    const start = addDays(AS_OF, -400);
    const all: RegionDay[] = [];
    regions.forEach((region, r) => {
      const rate = 0.2 + r * 0.5;
      for (let i = 0; i <= 400; i++) {
        const n = poisson(rand, rate);
        if (n) all.push(day(region, addDays(start, i), n));
      }
    });
    let tested = 0;
    let flagged = 0;
    for (let back = 0; back < 365; back++) {
      const asOf = addDays(AS_OF, -back);
      const history: RegionHistory = { previousEventDate: new Map(regions.map((r) => [r, start])), newSettlements: new Map() };
      const flags = trendFlags(asOf, all, history);
      tested += regions.length;
      flagged += flags.filter((t) => t.flag === "rising").length;
    }
    expect(flagged / tested).toBeLessThanOrEqual(TREND_RULES.alpha);
  });
});

describe("casualties_rising", () => {
  it("flags more events with casualties, with the people counted in detail", () => {
    const counts = Array(35).fill(2);
    const days = seriesDays("UA-59", counts, (i) => (i >= 30 ? { casualtyEvents: 2, killed: 1, injured: 4 } : {}));
    const t = flagsOf(days, ["UA-59"]).find((x) => x.flag === "casualties_rising");
    expect(t).toMatchObject({ last_7d: 10, baseline_7d: 0, since: addDays(AS_OF, -4) });
    expect(t?.detail).toMatchObject({ killed_7d: 5, injured_7d: 20, killed_28d: 0 });
    // The events themselves did not rise.
    expect(flagsOf(days, ["UA-59"]).some((x) => x.flag === "rising")).toBe(false);
  });
});

describe("new_region", () => {
  const counts = [...Array(34).fill(0), 1];
  it("flags the first event ever, and the first after 30 days or more", () => {
    const never = trendFlags(AS_OF, seriesDays("RU-TVE", counts), {
      previousEventDate: new Map([["RU-TVE", null]]),
      newSettlements: new Map(),
    });
    expect(never).toEqual([
      expect.objectContaining({ flag: "new_region", since: AS_OF, detail: expect.objectContaining({ previous_event: null }) }),
    ]);
    const long = trendFlags(AS_OF, seriesDays("RU-TVE", counts), {
      previousEventDate: new Map([["RU-TVE", addDays(AS_OF, -30)]]),
      newSettlements: new Map(),
    });
    expect(long.map((t) => [t.flag, t.detail.gap_days])).toEqual([["new_region", 30]]);
    const recent = trendFlags(AS_OF, seriesDays("RU-TVE", counts), {
      previousEventDate: new Map([["RU-TVE", addDays(AS_OF, -29)]]),
      newSettlements: new Map(),
    });
    expect(recent).toEqual([]);
  });
});

describe("new_settlement and weapon_shift", () => {
  it("lists settlements hit for the first time", () => {
    const history: RegionHistory = {
      previousEventDate: new Map([["UA-12", addDays(AS_OF, -8)]]),
      newSettlements: new Map([
        [
          "UA-12",
          [
            { settlement: "Pokrovske", date: addDays(AS_OF, -1), events: 2 },
            { settlement: "Mezhova", date: addDays(AS_OF, -3), events: 1 },
          ],
        ],
      ]),
    };
    const [t] = trendFlags(AS_OF, seriesDays("UA-12", [...Array(32).fill(0), 1, 0, 2]), history);
    expect(t).toMatchObject({ flag: "new_settlement", last_7d: 3, baseline_7d: 0, since: addDays(AS_OF, -3) });
    expect((t.detail.settlements as Array<{ settlement: string }>).map((s) => s.settlement)).toEqual(["Mezhova", "Pokrovske"]);
  });

  it("flags missiles or glide bombs where the four weeks before had only drones", () => {
    const counts = Array(35).fill(1);
    const shift = seriesDays("UA-63", counts, (i) => (i === 33 ? { drones: 0, glideBombs: 1 } : {}));
    expect(flagsOf(shift, ["UA-63"])).toEqual([
      expect.objectContaining({
        flag: "weapon_shift",
        last_7d: 1,
        since: addDays(AS_OF, -1),
        detail: expect.objectContaining({ glide_bombs_7d: 1, drones_28d: 28 }),
      }),
    ]);
    const before = seriesDays("UA-63", counts, (i) => (i === 33 || i === 3 ? { drones: 0, missiles: 1 } : {}));
    expect(flagsOf(before, ["UA-63"])).toEqual([]);
  });
});
