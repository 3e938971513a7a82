import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binomialUpperTail, poissonUpperTail, rateRiseTest } from "./poisson.js";

/** P(X ≥ k) by the plain sum of the probabilities, for small n. */
function bruteBinomialTail(k: number, n: number, p: number): number {
  let s = 0;
  for (let j = Math.max(0, k); j <= n; j++) {
    let c = 1;
    for (let i = 1; i <= j; i++) c = (c * (n - j + i)) / i;
    s += c * p ** j * (1 - p) ** (n - j);
  }
  return s;
}

describe("binomialUpperTail", () => {
  it("gives textbook values", () => {
    expect(binomialUpperTail(8, 10, 0.5)).toBeCloseTo(56 / 1024, 12);
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    expect(binomialUpperTail(5, 5, 0.2)).toBeCloseTo(0.2 ** 5, 15);
  });

  it("agrees with the plain sum on small counts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (n, k, p) => {
          const want = bruteBinomialTail(k, n, p);
          expect(Math.abs(binomialUpperTail(k, n, p) - want)).toBeLessThan(1e-9 + want * 1e-9);
        },
      ),
      { seed: 13, numRuns: 500 },
    );
  });

  it("stays finite and ordered on large counts", () => {
    const far = binomialUpperTail(4000, 10_000, 0.2);
    expect(far).toBeGreaterThanOrEqual(0);
    expect(far).toBeLessThan(1e-100);
    expect(binomialUpperTail(2000, 10_000, 0.2)).toBeGreaterThan(0.4);
    expect(binomialUpperTail(2000, 10_000, 0.2)).toBeLessThan(0.6);
  });
});

describe("poissonUpperTail", () => {
  it("gives textbook values, far tails included", () => {
    expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * 2.5, 12);
    expect(poissonUpperTail(0, 4)).toBe(1);
    expect(poissonUpperTail(1, 0)).toBe(0);
    const far = poissonUpperTail(100, 1);
    expect(far).toBeGreaterThan(0);
    expect(far).toBeLessThan(1e-150);
  });

  it("falls as k grows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.double({ min: 0.01, max: 100, noNaN: true }), (k, lambda) => {
        expect(poissonUpperTail(k + 1, lambda)).toBeLessThanOrEqual(poissonUpperTail(k, lambda) + 1e-12);
      }),
      { seed: 13, numRuns: 300 },
    );
  });
});

describe("rateRiseTest", () => {
  it("tests the last 7 days against the 28 before", () => {
    // 4 a week before, 4 now: nothing unusual.
    expect(rateRiseTest(4, 16).pValue).toBeGreaterThan(0.3);
    expect(rateRiseTest(4, 16).expected).toBe(4);
    // 20 now after 4 a week: far above.
    expect(rateRiseTest(20, 16).pValue).toBeLessThan(1e-4);
    // Nothing before: five events now are unlikely under "the same rate" (0.2^5).
    expect(rateRiseTest(5, 0).pValue).toBeCloseTo(0.2 ** 5, 12);
    expect(() => rateRiseTest(-1, 3)).toThrow(/counts of events/);
  });
});
