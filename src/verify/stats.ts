/** Small statistics for before/after timings: medians, spread, and the Mann-Whitney U test. */

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Percentile by nearest rank (p in 0..100). */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Interquartile range: the spread of the middle half, robust to one slow outlier. */
export function iqr(values: number[]): number | null {
  const q1 = percentile(values, 25);
  const q3 = percentile(values, 75);
  return q1 === null || q3 === null ? null : q3 - q1;
}

export interface MannWhitney {
  /** U of the first sample. */
  u: number;
  /** Two-sided p-value: exact for small samples without ties, normal approximation (tie-corrected) otherwise. */
  p: number;
  exact: boolean;
}

/**
 * Mann-Whitney U test of `a` against `b` (two-sided): do the two sets of timings come from the same distribution?
 * Exact distribution by counting (n, m ≤ 20, no ties), else the normal approximation with continuity and tie
 * correction. Null when a sample is empty.
 */
export function mannWhitney(a: number[], b: number[]): MannWhitney | null {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return null;
  const all = [...a.map((v) => ({ v, g: 0 })), ...b.map((v) => ({ v, g: 1 }))].sort((x, y) => x.v - y.v);
  const ranks = new Array<number>(all.length);
  let ties = false;
  let tieTerm = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.v === all[i]!.v) j++;
    const t = j - i + 1;
    if (t > 1) {
      ties = true;
      tieTerm += t ** 3 - t;
    }
    for (let k = i; k <= j; k++) ranks[k] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const r1 = all.reduce((sum, x, i) => (x.g === 0 ? sum + ranks[i]! : sum), 0);
  const u = r1 - (n * (n + 1)) / 2;
  const uMin = Math.min(u, n * m - u);
  if (!ties && n <= 20 && m <= 20) {
    const counts = exactCounts(n, m);
    const total = counts.reduce((s, c) => s + c, 0);
    let tail = 0;
    for (let k = 0; k <= Math.floor(uMin); k++) tail += counts[k]!;
    return { u, p: Math.min(1, (2 * tail) / total), exact: true };
  }
  const mean = (n * m) / 2;
  const variance = ((n * m) / 12) * (n + m + 1 - tieTerm / ((n + m) * (n + m - 1)));
  if (variance <= 0) return { u, p: 1, exact: false };
  const z = (Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
  return { u, p: Math.min(1, 2 * (1 - normalCdf(Math.max(0, z)))), exact: false };
}

/** Number of arrangements giving each U for sample sizes n and m (the classic recurrence). */
function exactCounts(n: number, m: number): number[] {
  // f[i][j][u]: ways with i of the first sample and j of the second.
  let prev: number[][] = Array.from({ length: m + 1 }, () => [1]);
  for (let i = 1; i <= n; i++) {
    const cur: number[][] = [[1]];
    for (let j = 1; j <= m; j++) {
      const size = i * j + 1;
      const row = new Array<number>(size).fill(0);
      const a = prev[j]!; // i-1, j: the largest value is from the first sample, which beats j values
      for (let k = 0; k < a.length; k++) row[k + j] = (row[k + j] ?? 0) + a[k]!;
      const b = cur[j - 1]!; // i, j-1: the largest is from the second sample
      for (let k = 0; k < b.length; k++) row[k] = (row[k] ?? 0) + b[k]!;
      cur.push(row);
    }
    prev = cur;
  }
  return prev[m]!;
}

function normalCdf(z: number): number {
  // Abramowitz–Stegun 7.1.26 for erf; error below 1.5e-7.
  const t = 1 / (1 + 0.3275911 * (z / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-((z / Math.SQRT2) ** 2));
  return 0.5 * (1 + erf);
}
