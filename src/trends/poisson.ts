// The statistics of trends, pure: one-sided tests of "more events lately than before" on counts
// of events, which on a quiet stretch of days come roughly as a Poisson process.
//
// The test used (rateRiseTest) is the exact conditional test of two Poisson rates: when the last
// `recentDays` hold k events and the `baselineDays` before them m, then under "the rate did not
// change" k given n = k + m is Binomial(n, recentDays / (recentDays + baselineDays)). Its p-value
// P(X ≥ k) needs no estimate of the rate, so its false-positive rate is at most the threshold
// whatever the rate is (a plug-in test against m / 4 per week would flag too often when m happens
// to be low) and a region with no events before is handled without a special case.

/** ln C(n, k) by a sum of logs: exact enough for the counts of a region's weeks (n up to millions). */
function logChoose(n: number, k: number): number {
  const j = Math.min(k, n - k);
  let s = 0;
  for (let i = 1; i <= j; i++) s += Math.log((n - j + i) / i);
  return s;
}

/** P(X ≥ k) for X ~ Binomial(n, p); 1 for k ≤ 0, 0 for k > n. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 0)
    throw new RangeError(`binomialUpperTail needs integers k, n ≥ 0 (got ${k}, ${n})`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomialUpperTail needs 0 ≤ p ≤ 1 (got ${p})`);
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  // The terms from k upwards, by their ratio; each step's ratio falls, so once a term is negligible
  // against the sum, every later one is too.
  const ratio = p / (1 - p);
  let term = Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
  let sum = 0;
  for (let j = k; j <= n; j++) {
    sum += term;
    if (term < sum * 1e-17) break;
    term *= ((n - j) / (j + 1)) * ratio;
  }
  return Math.min(1, sum);
}

/** P(X ≥ k) for X ~ Poisson(lambda): the chance of k or more events in a period whose expected count is lambda. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (!Number.isInteger(k)) throw new RangeError(`poissonUpperTail needs an integer k (got ${k})`);
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`poissonUpperTail needs a finite lambda ≥ 0 (got ${lambda})`);
  if (k <= 0) return 1;
  if (lambda === 0) return 0;
  // 1 − P(X ≤ k − 1) loses everything to rounding far in the tail: sum the tail itself instead,
  // from k up (its terms fall once j > lambda), or the lower part when k is below the mean.
  let logTerm = -lambda + k * Math.log(lambda);
  for (let i = 2; i <= k; i++) logTerm -= Math.log(i);
  if (k > lambda) {
    let term = Math.exp(logTerm);
    let sum = 0;
    for (let j = k; term > 0; j++) {
      sum += term;
      if (term < sum * 1e-17) break;
      term *= lambda / (j + 1);
    }
    return Math.min(1, sum);
  }
  let term = Math.exp(-lambda);
  let lower = 0;
  for (let j = 0; j < k; j++) {
    lower += term;
    term *= lambda / (j + 1);
  }
  return Math.max(0, 1 - lower);
}

export interface RiseTest {
  /** Events of the recent period. */
  recent: number;
  /** The previous period's rate scaled to the recent period's length (m · recentDays / baselineDays). */
  expected: number;
  /** One-sided p-value of "the recent rate is above the previous one". */
  pValue: number;
}

/**
 * One-sided exact test that `recent` events in `recentDays` are more than `baseline` events in the
 * `baselineDays` before them lead one to expect (conditional binomial test of two Poisson rates).
 */
export function rateRiseTest(recent: number, baseline: number, recentDays = 7, baselineDays = 28): RiseTest {
  if (!(Number.isInteger(recent) && recent >= 0 && Number.isInteger(baseline) && baseline >= 0))
    throw new RangeError(`rateRiseTest needs counts of events (integers ≥ 0), got ${recent} and ${baseline}`);
  const share = recentDays / (recentDays + baselineDays);
  return {
    recent,
    expected: (baseline * recentDays) / baselineDays,
    pValue: binomialUpperTail(recent, recent + baseline, share),
  };
}
