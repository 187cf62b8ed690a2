// Published service versions (`8.4`, `7.x`, `2.9.3+`, `8`, `1.3.20`) as half-open version spans, so "does the
// store's version fit this release" and "do two releases share a version" are one interval question.

/** [lo, hi) over numeric version parts. */
export interface Span {
  lo: number[];
  hi: number[];
}

function numbers(entry: string): number[] {
  const out: number[] = [];
  for (const part of entry.trim().replace(/\+$/, '').split('.')) {
    if (!/^\d+$/.test(part)) break;
    out.push(Number(part));
  }
  return out;
}

export function compareParts(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The versions an entry stands for: `8.4` → 8.4.*, `7.x`/`7` → 7.*, `2.9.3+` → 2.9.3 up to the next major,
 * `1.3.20` → 1.3.20 up to the next minor. Undefined when the entry has no number.
 */
export function spanOf(entry: string): Span | undefined {
  const n = numbers(entry);
  if (n.length === 0) return undefined;
  if (entry.trim().endsWith('+')) return { lo: n, hi: [n[0]! + 1] };
  if (n.length >= 3) return { lo: n, hi: [n[0]!, n[1]! + 1] };
  const hi = [...n];
  hi[hi.length - 1]! += 1;
  return { lo: n, hi };
}

/**
 * The span of a version the store runs. A minimum (`2.2.26+`) chosen earlier stands for exactly that minimum:
 * nothing guarantees more.
 */
export function runningSpan(version: string): Span | undefined {
  const n = numbers(version);
  if (n.length === 0) return undefined;
  if (version.trim().endsWith('+')) {
    const hi = [...n];
    hi[hi.length - 1]! += 1;
    return { lo: n, hi };
  }
  return spanOf(version);
}

export function overlaps(a: Span | undefined, b: Span | undefined): boolean {
  if (!a || !b) return false;
  return compareParts(a.lo, b.hi) < 0 && compareParts(b.lo, a.hi) < 0;
}

/** Does a running version fit one of the published entries? */
export function fits(running: string, entries: readonly string[]): boolean {
  const span = runningSpan(running);
  return entries.some((e) => overlaps(span, spanOf(e)));
}

/** Do two published lists share a version? */
export function shareVersion(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.some((y) => overlaps(spanOf(x), spanOf(y))));
}

/** Newest first. */
export function sortNewestFirst(entries: readonly string[]): string[] {
  return [...entries].sort((a, b) => compareParts(numbers(b), numbers(a)));
}
