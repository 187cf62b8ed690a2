/**
 * Bench: the Composer version engine on real-world inputs, as the check engine uses it (hundreds of thousands of
 * satisfies/intersects calls over a few thousand distinct constraints). Uses the version/constraint pairs of
 * ../shared/data/semver-vectors.json when present, otherwise a generated set of Magento-style pairs.
 * Prints per-call cost for cold parses, cached parses, satisfies, intersects and isSubsetOf.
 * Usage: node --import tsx bench/composer.ts [--calls N]
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConstraintUncached } from '../src/composer/constraint-parser.js';
import { intersects, isSubsetOf, parseConstraint, satisfies } from '../src/composer/index.js';

const VECTORS = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/data/semver-vectors.json');
const callsArg = process.argv.indexOf('--calls');
const CALLS = callsArg > 0 ? Number(process.argv[callsArg + 1]) : 500_000;

interface Inputs {
  source: string;
  satisfies: Array<[string, string]>;
  pairs: Array<[string, string]>;
}

function loadInputs(): Inputs {
  if (existsSync(VECTORS)) {
    const v = JSON.parse(readFileSync(VECTORS, 'utf8')) as {
      satisfies: Array<{ version: string; constraint: string }>;
      intersects: Array<{ a: string; b: string }>;
    };
    return {
      source: `semver-vectors.json (${v.satisfies.length} satisfies rows, ${v.intersects.length} constraint pairs)`,
      satisfies: v.satisfies.map((r) => [r.version, r.constraint]),
      pairs: v.intersects.map((r) => [r.a, r.b]),
    };
  }
  const versions: string[] = [];
  for (let minor = 3; minor <= 4; minor++) {
    for (let patch = 0; patch <= 8; patch++) {
      versions.push(`2.${minor}.${patch}`);
      for (let p = 1; p <= 6; p++) versions.push(`2.${minor}.${patch}-p${p}`);
    }
  }
  const constraints = versions.flatMap((v) => [`^${v}`, `~${v}`, `>=${v} <2.5`, `${v} || ^3.0`, `!=${v}`]);
  const satisfiesPairs = constraints.flatMap((c, i) =>
    versions.slice(i % 40, (i % 40) + 10).map((v) => [v, c] as [string, string]),
  );
  const pairs = constraints.map((c, i) => [c, constraints[(i * 7) % constraints.length]!] as [string, string]);
  return { source: 'generated Magento-style versions (no semver-vectors.json)', satisfies: satisfiesPairs, pairs };
}

function time(label: string, calls: number, fn: () => void): void {
  const start = process.hrtime.bigint();
  fn();
  const ns = Number(process.hrtime.bigint() - start);
  const perCall = ns / calls / 1000;
  console.log(
    `${label.padEnd(34)} ${String(calls).padStart(8)} calls  ${(ns / 1e6).toFixed(0).padStart(6)} ms  ${perCall.toFixed(2).padStart(7)} µs/call`,
  );
}

const inputs = loadInputs();
console.log(`inputs: ${inputs.source}`);
const distinct = [...new Set([...inputs.satisfies.map(([, c]) => c), ...inputs.pairs.flat()])];
const safely = (fn: () => unknown): void => {
  try {
    fn();
  } catch {
    // invalid rows count as calls too
  }
};

time('parse, uncached (distinct)', distinct.length, () => {
  for (const c of distinct) safely(() => parseConstraintUncached(c));
});
time('parse, cached', CALLS, () => {
  for (let i = 0; i < CALLS; i++) safely(() => parseConstraint(distinct[i % distinct.length]!));
});
time('satisfies (cached constraints)', CALLS, () => {
  const rows = inputs.satisfies;
  for (let i = 0; i < CALLS; i++) {
    const [version, constraint] = rows[i % rows.length]!;
    safely(() => satisfies(version, constraint));
  }
});
time('intersects, first time per pair', inputs.pairs.length, () => {
  for (const [a, b] of inputs.pairs) safely(() => intersects(a, b));
});
time('isSubsetOf, first time per pair', inputs.pairs.length, () => {
  for (const [a, b] of inputs.pairs) safely(() => isSubsetOf(a, b));
});
const pairCalls = Math.min(CALLS, 200_000);
time('intersects, repeated pairs', pairCalls, () => {
  for (let i = 0; i < pairCalls; i++) {
    const [a, b] = inputs.pairs[i % inputs.pairs.length]!;
    safely(() => intersects(a, b));
  }
});
time('isSubsetOf, repeated pairs', pairCalls, () => {
  for (let i = 0; i < pairCalls; i++) {
    const [a, b] = inputs.pairs[i % inputs.pairs.length]!;
    safely(() => isSubsetOf(a, b));
  }
});
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
