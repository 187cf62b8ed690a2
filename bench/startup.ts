/**
 * Bench: start-up of the built CLI (issue 19), hyperfine-like: each command is run --runs times (after one warm-up
 * run) as a child process of `node bin/mageup.js`, and the median, minimum and maximum wall times are printed.
 *   1. `mageup --version`: budget 0.3 s;
 *   2. `mageup audit examples/sample-store --no-history`: budget 1 s, start-up included.
 * A bare `node -e 0` is measured too: it is the floor no command can go below on this machine, and each command's
 * time above it is printed (on a loaded machine the floor itself is inflated, the time above it less so).
 * Needs `npm run build` first (bin/mageup.js runs dist/). Prints the load average, which inflates every number.
 * Usage: node --import tsx bench/startup.ts [--runs N] [--root <built checkout>]
 * Exit code 1 when a median misses its budget.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '10' }, root: { type: 'string' } },
});
/** `--root <dir>`: the built checkout to measure (another commit's, for a before/after), default this one. */
const ROOT = resolve(args.root ?? join(import.meta.dirname, '..'));
const BIN = join(ROOT, 'bin', 'mageup.js');

const runs = Math.max(1, Number(args.runs));

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
  process.stderr.write('bench/startup: dist/ is missing: run `npm run build` first\n');
  process.exit(2);
}

interface Case {
  name: string;
  argv: string[];
  budgetMs?: number;
}

const CASES: Case[] = [
  { name: 'node -e 0 (floor)', argv: ['-e', '0'] },
  { name: 'mageup --version', argv: [BIN, '--version'], budgetMs: 300 },
  {
    name: 'mageup audit examples/sample-store',
    argv: [BIN, 'audit', join(ROOT, 'examples', 'sample-store'), '--no-history'],
    budgetMs: 1000,
  },
];

function once(argv: string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${argv.join(' ')} exited ${run.status}: ${run.stderr.toString()}`);
  return ms;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const before = loadavg()[0]!;
let missed = false;
let floor: number | undefined;
for (const c of CASES) {
  once(c.argv); // warm-up: file system cache
  const times = Array.from({ length: runs }, () => once(c.argv));
  const m = median(times);
  floor ??= m;
  const verdict =
    c.budgetMs === undefined
      ? ''
      : m <= c.budgetMs
        ? ` (budget ${c.budgetMs} ms: ok)`
        : ` (budget ${c.budgetMs} ms: MISSED)`;
  if (c.budgetMs !== undefined && m > c.budgetMs) missed = true;
  process.stdout.write(
    `${c.name.padEnd(40)} median ${m.toFixed(0).padStart(5)} ms  min ${Math.min(...times)
      .toFixed(0)
      .padStart(5)}  max ${Math.max(...times)
      .toFixed(0)
      .padStart(5)}  (${runs} runs)  +${(m - floor).toFixed(0)} ms over node${verdict}\n`,
  );
}
process.stdout.write(
  `load average (1 min): ${before.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after; ${process.version}\n`,
);
process.exitCode = missed ? 1 : 0;
