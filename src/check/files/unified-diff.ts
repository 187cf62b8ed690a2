// A small line diff (LCS over the part between common prefix and suffix) rendered as a unified diff, for showing
// how a core file an override was copied from changed between two versions.

export interface LineOp {
  op: ' ' | '-' | '+';
  line: string;
  /** Index in the before (`ia`) and after (`ib`) lines where the op stands. */
  ia: number;
  ib: number;
}

/** The line-level edit script from `a` to `b` (LCS over the part between common prefix and suffix). */
export function lineOps(a: string[], b: string[]): LineOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const ops: LineOp[] = [];
  for (let i = 0; i < start; i++) ops.push({ op: ' ', line: a[i]!, ia: i, ib: i });
  if (midA.length * midB.length > 4_000_000) {
    // Too large for the quadratic table: show it as a replacement of the middle.
    midA.forEach((line, i) => ops.push({ op: '-', line, ia: start + i, ib: start }));
    midB.forEach((line, i) => ops.push({ op: '+', line, ia: endA, ib: start + i }));
  } else {
    const n = midA.length;
    const m = midB.length;
    const table = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        table[i * (m + 1) + j] =
          midA[i] === midB[j]
            ? table[(i + 1) * (m + 1) + j + 1]! + 1
            : Math.max(table[(i + 1) * (m + 1) + j]!, table[i * (m + 1) + j + 1]!);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        ops.push({ op: ' ', line: midA[i]!, ia: start + i, ib: start + j });
        i++;
        j++;
      } else if (i < n && (j === m || table[(i + 1) * (m + 1) + j]! >= table[i * (m + 1) + j + 1]!)) {
        // Deletions before insertions, as diff(1) prints them.
        ops.push({ op: '-', line: midA[i]!, ia: start + i, ib: start + j });
        i++;
      } else {
        ops.push({ op: '+', line: midB[j]!, ia: start + i, ib: start + j });
        j++;
      }
    }
  }
  for (let k = 0; k < a.length - endA; k++) ops.push({ op: ' ', line: a[endA + k]!, ia: endA + k, ib: endB + k });
  return ops;
}

export function unifiedDiff(before: string, after: string, labelA: string, labelB: string, context = 3): string {
  const ops = lineOps(before.split('\n'), after.split('\n'));
  if (!ops.some((o) => o.op !== ' ')) return '';
  const out = [`--- ${labelA}`, `+++ ${labelB}`];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k]!.op === ' ') k++;
    if (k >= ops.length) break;
    let from = Math.max(0, k - context);
    let to = k;
    // Extend the hunk while changes are closer than 2×context lines apart.
    for (;;) {
      while (to < ops.length && ops[to]!.op !== ' ') to++;
      let next = to;
      while (next < ops.length && ops[next]!.op === ' ') next++;
      if (next < ops.length && next - to <= 2 * context) to = next;
      else break;
    }
    to = Math.min(ops.length, to + context);
    const hunk = ops.slice(from, to);
    const countA = hunk.filter((o) => o.op !== '+').length;
    const countB = hunk.filter((o) => o.op !== '-').length;
    out.push(`@@ -${hunk[0]!.ia + 1},${countA} +${hunk[0]!.ib + 1},${countB} @@`);
    for (const o of hunk) out.push(`${o.op}${o.line}`);
    k = to;
    from = to;
  }
  return out.join('\n');
}
