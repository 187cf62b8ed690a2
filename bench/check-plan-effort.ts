/**
 * One effort for one upgrade (issue 11, item 4): `mageup check` and `mageup plan` on the sample store and the vanilla
 * fixture to one target, with and without --direct, and what judging the path's stops costs check. Prints, per store,
 * the total each command prints, the hops check prices, its breakdown and the optional clean-up (info findings' hours,
 * not in the total), then check's CPU time pricing the path vs the direct jump
 * (median of --runs runs each, one process, analysis cache warm: the added time is the rules on the stops).
 *
 * Usage: node --import tsx bench/check-plan-effort.ts [--to 2.4.8-p3] [--runs 3]
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../src/check/run-check.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { buildPlan } from '../src/plan/build-plan.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return (i > 0 ? process.argv[i + 1] : undefined) ?? fallback;
}
const to = arg('--to', '2.4.8-p3');
const runs = Number(arg('--runs', '3'));
const clock = fixedClock('2026-12-01T12:00:00Z');
const STORES = {
  'sample store': fileURLToPath(new URL('../examples/sample-store', import.meta.url)),
  'vanilla 2.4.7-p7': fileURLToPath(new URL('../test/fixtures/projects/vanilla-2.4.7-p7', import.meta.url)),
};

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
console.log(
  `${new Date().toISOString()} · ${commit} · load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} · → ${to}`,
);

/** CPU milliseconds of one check (worker threads included: they run in this process). */
async function cpuOfCheck(path: string, direct: boolean): Promise<number> {
  const start = process.cpuUsage();
  await runCheck({ path, to, clock, direct });
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / 1000);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const [name, path] of Object.entries(STORES)) {
  for (const direct of [false, true]) {
    const check = await runCheck({ path, to, clock, direct });
    const plan = await buildPlan({ path, to, clock, freezePresets: ['none'], direct });
    const hops = check.summary.path?.hops.map((h) => `${h.to} on PHP ${h.php} ${h.hours} h`).join(' → ');
    const e = check.summary.effort;
    const optional = e?.optionalHours === plan.optionalHours ? 'same' : `plan ${plan.optionalHours} h: DIFFERENT`;
    console.log(
      `${name}${direct ? ' --direct' : ''}: check ${check.summary.effortHours} h, plan ${plan.totalHours} h` +
        `${check.summary.effortHours === plan.totalHours ? ' (same)' : ' (DIFFERENT)'}; ${check.current.version} → ${hops}` +
        (e
          ? `; platform ${e.platformHours}, extensions ${e.extensionHours}, code ${e.codeHours}, tests ${e.testHours},` +
            ` deployment ${e.deployHours} h, +${e.bufferPercent} %; optional clean-up ${e.optionalHours} h (${optional})`
          : ''),
    );
  }
  const path_: number[] = [];
  const direct_: number[] = [];
  for (let k = 0; k < runs; k++) {
    path_.push(await cpuOfCheck(path, false));
    direct_.push(await cpuOfCheck(path, true));
  }
  const [p, d] = [median(path_), median(direct_)];
  console.log(
    `${name}: check CPU ${p} ms pricing the path vs ${d} ms the direct jump (median of ${runs}): ${p >= d ? '+' : ''}${p - d} ms` +
      ` (${d > 0 ? Math.round(((p - d) / d) * 100) : 0} %)`,
  );
}
