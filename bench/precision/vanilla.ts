/**
 * The vanilla-store expectation of issue 11 on a real tree: `mageup check` and `mageup plan` on lrvipuls/mage247 (a
 * Magento Open Source 2.4.7-p7 install with vendor/, config.php and env.php, no app/code) to 2.4.8-p3. Expected:
 * effort from platform, tests and deployment only (tens of hours, not hundreds), check and plan give the same total,
 * no finding in Magento's bundled packages, and risk HIGH only when a core security bulletin is open.
 *
 * Fetches nothing: the tree is read from <dir> (default /work/trees/mage247); with --extract a missing tree is
 * extracted from the fetched snapshot /work/.mirror/lrvipuls+mage247/repo (scripts/extract-git-tree.mjs). When it is
 * absent the bench says so and stops. Raw reports go to bench/out/vanilla/ (not committed); the numbers are printed
 * and written to bench/precision/README-vanilla.md with the date, commit and machine load.
 *
 * Usage: node --import tsx bench/precision/vanilla.ts [--to 2.4.8-p3] [--dir DIR] [--extract] [--no-write]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(HERE, '..', '..');
const REPO = 'lrvipuls/mage247';
const REF = 'main';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return (i > 0 ? process.argv[i + 1] : undefined) ?? fallback;
}
const flag = (name: string): boolean => process.argv.includes(name);
const to = arg('--to', '2.4.8-p3');
const dir = arg('--dir', '/work/trees/mage247');
const gitDir = join(process.env.MAGEUP_MIRROR ?? '/work/.mirror', REPO.replace('/', '+'), 'repo');
const outDir = join(ROOT, 'bench', 'out', 'vanilla');

if (!existsSync(dir)) {
  if (!existsSync(gitDir)) {
    console.log(`ABSENT: ${dir} absent and ${REPO} not fetched (fetch github:${REPO}, then --extract)`);
    process.exit(0);
  }
  if (!flag('--extract')) {
    console.log(`ABSENT: ${dir} absent (${REPO} fetched: run again with --extract)`);
    process.exit(0);
  }
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'extract-git-tree.mjs'), gitDir, REF, dir], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`extracting ${REPO} failed`);
}
mkdirSync(outDir, { recursive: true });

function run(command: 'check' | 'plan'): { json: Record<string, unknown>; seconds: number } {
  const out = join(outDir, `${command}.json`);
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(HERE, 'mageup.ts'),
      command,
      dir,
      '--to',
      to,
      '--format',
      'json',
      '--no-history',
      '--output',
      out,
      ...(command === 'check' ? ['--quiet', '--cache-dir', join(ROOT, 'bench', '.cache', 'precision')] : []),
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  // check exits 1 when findings reach the gate: a normal outcome here.
  if (!existsSync(out) || (r.status !== 0 && r.status !== 1))
    throw new Error(
      `mageup ${command} failed (exit ${r.status}): ${(r.stderr || '').trim().split('\n').slice(-3).join(' / ')}`,
    );
  return {
    json: JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>,
    seconds: (performance.now() - started) / 1000,
  };
}

interface Finding {
  ruleId: string;
  severity: string;
  owner?: string;
  category?: string;
  package?: string;
}
interface Effort {
  platformHours: number;
  extensionHours: number;
  codeHours: number;
  testHours: number;
  deployHours: number;
  bufferPercent: number;
  totalHours: number;
}
interface TargetSummary {
  effortHours: number;
  effort: Effort;
  risk: { level: string; reasons: string[] };
  modules: { total: number; needingUpdate: number };
  actions: unknown[];
  bundled?: { package: string; findings: number }[];
}

const load = loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ');
const check = run('check');
const plan = run('plan');
const checkJson = check.json as {
  current?: { version?: string };
  findings: Finding[];
  targets: { version: string; summary: TargetSummary }[];
};
const summary = checkJson.targets[0]!.summary;
const e = summary.effort;
const findings = checkJson.findings;
const bundledFindings = findings.filter((f) => f.owner === 'bundled' && f.category !== 'security');
const bulletins = findings.filter(
  (f) => f.ruleId === 'security/core-bulletin' && ['critical', 'error'].includes(f.severity),
);
const planHours = (plan.json as { totalHours?: number }).totalHours;
const bySeverity = new Map<string, number>();
for (const f of findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);

const checks: [string, boolean][] = [
  [
    'effort from platform, tests and deployment only: no extension action, code < 10 h',
    e.extensionHours === 0 && e.codeHours < 10 && summary.actions.length === 0,
  ],
  ['tens of hours, not hundreds (10 ≤ total < 100)', summary.effortHours >= 10 && summary.effortHours < 100],
  ['check and plan give the same total', planHours === summary.effortHours],
  ["no finding in Magento's bundled packages (security aside)", bundledFindings.length === 0],
  ['no module counted as the client’s', summary.modules.total === 0],
  ['risk HIGH only with an open core bulletin', summary.risk.level !== 'high' || bulletins.length > 0],
];
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
const md = [
  '# Vanilla store on a real tree',
  '',
  `Generated by \`node --import tsx bench/precision/vanilla.ts\` on ${date} UTC, commit ${commit}, load ${load} (1 / 5 / 15 min, 2 cores).`,
  `[${REPO}](https://github.com/${REPO}) (${REF}): Magento Open Source ${checkJson.current?.version ?? '?'} with vendor/, config.php and env.php, no app/code;`,
  `\`mageup check --to ${to}\` (${check.seconds.toFixed(0)} s) and \`mageup plan --to ${to}\` (${plan.seconds.toFixed(0)} s), JSON, --no-history.`,
  '',
  '| | check | plan |',
  '|---|---|---|',
  `| total | ${summary.effortHours} h | ${planHours ?? '?'} h |`,
  `| platform / extensions / code / tests / deployment | ${e.platformHours} / ${e.extensionHours} / ${e.codeHours} / ${e.testHours} / ${e.deployHours} h (+${e.bufferPercent} % buffer) | |`,
  `| risk | ${summary.risk.level.toUpperCase()}: ${summary.risk.reasons.join('; ')} | |`,
  `| findings | ${findings.length} (${[...bySeverity].map(([s, n]) => `${s} ${n}`).join(', ')}) | |`,
  `| open core bulletins (error or worse) | ${bulletins.length} | |`,
  `| bundled packages collapsed | ${(summary.bundled ?? []).map((b) => `${b.package} (${b.findings} findings not shown)`).join(', ') || 'none'} | |`,
  '',
  ...checks.map(([what, ok]) => `- ${ok ? '✓' : '✗'} ${what}`),
  '',
];
console.log(md.join('\n'));
if (!flag('--no-write')) writeFileSync(join(HERE, 'README-vanilla.md'), `${md.join('\n')}\n`);
if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
