/**
 * Precision bench (issue 11, "Prove it on reality"): `mageup check <project> --to <targets>` on real public Magento
 * projects nobody here wrote (bench/precision/projects.json), a fixed-seed sample of warning-or-worse findings, and the
 * verdicts given to them by hand (bench/precision/verdicts.json, keyed by project, target and fingerprint so they
 * survive re-runs). Writes bench/precision/README.md (generated: do not edit by hand; edit verdicts.json).
 *
 * Fetches nothing. Each project's tree is read from <trees>/<owner>+<name> (default /work/trees/precision); with
 * --extract a missing tree is extracted from the fetched snapshot /work/.mirror/<owner>+<name>/repo at the pinned
 * commit (scripts/extract-git-tree.mjs). A project whose tree is absent is reported as absent and left out.
 * The check runs through the CLI (bench/precision/mageup.ts → src/cli/main.ts, JSON format, --no-history), one child
 * process per project; raw reports go to bench/out/precision/<label>/ (not committed).
 *
 * Usage: node --import tsx bench/precision/run.ts [--to 2.4.8-p3,2.4.8-p1] [--per 6] [--seed 11] [--label after]
 *          [--trees DIR] [--extract] [--only <id>,…] [--reuse] [--no-write] [--stratify]
 *   --per   findings drawn per project and target (6 × 7 projects × 2 targets = 84)
 *   --reuse read the raw reports of an earlier run with the same label instead of running the check again
 *   --stratify draw across severity and rule: one finding of each severity-and-rule stratum in turn (strata
 *           and findings in hash order), so the many findings of one rule do not crowd out the rare ones
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(HERE, '..', '..');
const SEVERE = new Set(['critical', 'error', 'warning']);
const VERDICTS = ['true-useful', 'true-noise', 'false'] as const;
type Verdict = (typeof VERDICTS)[number];

interface Project {
  id: string;
  repo: string;
  commit: string;
  release: string;
  what: string;
}

interface ReportFinding {
  ruleId: string;
  severity: string;
  package?: string;
  module?: string;
  file?: string;
  line?: number;
  message: string;
  fingerprint: string;
  target?: string;
}

interface Report {
  project?: { edition?: string };
  current?: { version?: string };
  findings: ReportFinding[];
  summary: { findings: number; bySeverity: Record<string, number>; effortHours: number };
  problems: unknown[];
}

interface Sampled {
  key: string;
  project: string;
  target: string;
  ruleId: string;
  severity: string;
  package?: string;
  file?: string;
  line?: number;
  message: string;
}

/** A finding of one project and target as the sample keeps it (keyed by project, target and fingerprint). */
function sampledOf(project: string, target: string, f: ReportFinding): Sampled {
  return {
    key: `${project}|${target}|${f.fingerprint}`,
    project,
    target,
    ruleId: f.ruleId,
    severity: f.severity,
    package: f.package,
    file: f.file,
    line: f.line,
    message: f.message,
  };
}

interface VerdictEntry {
  verdict: Verdict;
  reason: string;
  /** For a false finding: what made it false (short tag, e.g. coverage, ownership, internal-reference). */
  cause?: string;
  /** The message as judged: a changed message under the same key is flagged for a second look. */
  message?: string;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return (i > 0 ? process.argv[i + 1] : undefined) ?? fallback;
}
const flag = (name: string): boolean => process.argv.includes(name);

const targets = arg('--to', '2.4.8-p3,2.4.8-p1').split(',');
const [firstTarget = '', secondTarget] = targets;
const per = Number(arg('--per', '6'));
const seed = Number(arg('--seed', '11'));
const label = arg('--label', 'after');
const treesDir = arg('--trees', process.env.MAGEUP_PRECISION_TREES ?? '/work/trees/precision');
const only = arg('--only', '').split(',').filter(Boolean);
const outDir = join(ROOT, 'bench', 'out', 'precision', label);
const mirror = process.env.MAGEUP_MIRROR ?? '/work/.mirror';

/**
 * Bottom-k sampling: each finding ranks by a hash of the seed and its key, and the k lowest are drawn. The draw
 * depends only on the seed and on which findings exist, so a re-run after a fix keeps every sampled finding that
 * is still reported (and its verdict), and only replaces the ones that are gone.
 */
function draw(items: Sampled[], n: number): Sampled[] {
  const rank = (s: Sampled): string => createHash('sha256').update(`${seed}|${s.key}`).digest('hex');
  return items
    .map((s) => ({ s, r: rank(s) }))
    .sort((a, b) => a.r.localeCompare(b.r))
    .slice(0, n)
    .map(({ s }) => s);
}

/**
 * Stratified draw: the pool is split by severity and rule, each stratum ordered by the same seeded hash as draw(),
 * and the strata give one finding each in turn until n are drawn. Still seed-only, so a re-run keeps its draw.
 */
function drawStratified(items: Sampled[], n: number): Sampled[] {
  const strata = new Map<string, Sampled[]>();
  for (const s of draw(items, items.length)) {
    const k = `${s.severity}|${s.ruleId}`;
    strata.set(k, [...(strata.get(k) ?? []), s]);
  }
  const out: Sampled[] = [];
  for (let round = 0; out.length < n && out.length < items.length; round++)
    for (const list of strata.values()) {
      const s = list[round];
      if (s && out.length < n) out.push(s);
    }
  return out;
}

const slug = (repo: string): string => repo.replace('/', '+');

function treeOf(p: Project): { dir: string; absent?: string } {
  const dir = join(treesDir, slug(p.repo));
  if (existsSync(dir)) return { dir };
  const gitDir = join(mirror, slug(p.repo), 'repo');
  if (!existsSync(gitDir))
    return { dir, absent: `${dir} absent and ${p.repo} not fetched (fetch github:${p.repo}, then --extract)` };
  if (!flag('--extract')) return { dir, absent: `${dir} absent (fetched: run again with --extract)` };
  mkdirSync(treesDir, { recursive: true });
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'extract-git-tree.mjs'), gitDir, p.commit, dir], {
    stdio: 'inherit',
  });
  return r.status === 0 && existsSync(dir) ? { dir } : { dir, absent: `extracting ${p.repo} failed` };
}

function check(p: Project, dir: string): { report?: Report; error?: string; ms?: number } {
  const out = join(outDir, `${p.id}.json`);
  if (flag('--reuse') && existsSync(out)) {
    const ms = existsSync(`${out}.ms`) ? Number(readFileSync(`${out}.ms`, 'utf8')) : undefined;
    return { report: JSON.parse(readFileSync(out, 'utf8')) as Report, ms };
  }
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(HERE, 'mageup.ts'),
      'check',
      dir,
      '--to',
      targets.join(','),
      '--format',
      'json',
      '--no-history',
      '--quiet',
      '--cache-dir',
      join(ROOT, 'bench', '.cache', 'precision'),
      '--output',
      out,
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const ms = performance.now() - started;
  // Exit code 1 means "findings at or above the gate": a normal outcome here.
  if (!existsSync(out) || (r.status !== 0 && r.status !== 1))
    return { error: `exit ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' / ')}`, ms };
  writeFileSync(`${out}.ms`, String(Math.round(ms)));
  return { report: JSON.parse(readFileSync(out, 'utf8')) as Report, ms };
}

const cell = (s: string | number | undefined): string =>
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
const short = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)} %` : '–');

const projects = (JSON.parse(readFileSync(join(HERE, 'projects.json'), 'utf8')) as Project[]).filter(
  (p) => !only.length || only.includes(p.id),
);
const verdictsFile = join(HERE, 'verdicts.json');
const verdicts = existsSync(verdictsFile)
  ? (JSON.parse(readFileSync(verdictsFile, 'utf8')) as Record<string, VerdictEntry>)
  : {};
for (const [key, v] of Object.entries(verdicts))
  if (!VERDICTS.includes(v.verdict) || !v.reason)
    throw new Error(`verdicts.json ${key}: verdict must be one of ${VERDICTS.join(', ')}, with a reason`);
mkdirSync(outDir, { recursive: true });

const sample: Sampled[] = [];
const rows: string[] = [];
const absent: string[] = [];
const perRule = new Map<string, Record<string, number>>();
const onlyInFirst: Sampled[] = [];

for (const p of projects) {
  const tree = treeOf(p);
  if (tree.absent) {
    absent.push(`${p.id} (${p.repo}): ${tree.absent}`);
    console.log(`${p.id}: ABSENT — ${tree.absent}`);
    continue;
  }
  const { report, error, ms } = check(p, tree.dir);
  if (!report) {
    absent.push(`${p.id} (${p.repo}): check failed — ${error}`);
    console.log(`${p.id}: CHECK FAILED — ${error}`);
    continue;
  }
  const current = `${report.project?.edition ?? '?'} ${report.current?.version ?? '?'}`;
  const cols: string[] = [];
  const byTarget = new Map<string, ReportFinding[]>();
  for (const t of targets) byTarget.set(t, []);
  for (const f of report.findings) byTarget.get(f.target ?? firstTarget)?.push(f);
  for (const t of targets) {
    const all = byTarget.get(t) ?? [];
    const severe = all.filter((f) => SEVERE.has(f.severity));
    cols.push(`${all.length} / ${severe.length}`);
    for (const f of severe) {
      const r = perRule.get(f.ruleId) ?? {};
      r[t] = (r[t] ?? 0) + 1;
      perRule.set(f.ruleId, r);
    }
    const pool = severe
      .map((f) => sampledOf(p.id, t, f))
      .filter((s, i, a) => a.findIndex((o) => o.key === s.key) === i);
    sample.push(...(flag('--stratify') ? drawStratified(pool, per) : draw(pool, per)));
  }
  // Findings the first target has and the second lacks: where missing knowledge of a derived release would show.
  if (secondTarget) {
    const second = new Set((byTarget.get(secondTarget) ?? []).map((f) => f.fingerprint));
    for (const f of byTarget.get(firstTarget) ?? [])
      if (SEVERE.has(f.severity) && !second.has(f.fingerprint)) onlyInFirst.push(sampledOf(p.id, firstTarget, f));
  }
  rows.push(
    `| ${p.id} | [${p.repo}](https://github.com/${p.repo}/tree/${p.commit}) | ${cell(p.release)} | ${cell(current)} | ${cols.join(' | ')} | ${ms === undefined ? 'reused' : `${(ms / 1000).toFixed(0)} s`} |`,
  );
  console.log(
    `${p.id}: ${current}, ${cols.join(' · ')} (all / warning+ per target)${ms === undefined ? '' : `, ${(ms / 1000).toFixed(1)} s`}`,
  );
}

const judged = sample.flatMap((s) => {
  const v = verdicts[s.key];
  return v ? [{ s, v }] : [];
});
const count = (verdict: Verdict): number => judged.filter(({ v }) => v.verdict === verdict).length;
const useful = count('true-useful');
const noise = count('true-noise');
const falses = judged.filter(({ v }) => v.verdict === 'false');
const notCovered = falses.filter(({ v }) => v.cause?.startsWith('coverage')).length;
const stale = judged.filter(({ s, v }) => v.message && v.message !== s.message).map(({ s }) => s);
const causes = new Map<string, number>();
for (const { v } of falses) causes.set(v.cause ?? '?', (causes.get(v.cause ?? '?') ?? 0) + 1);

const md: string[] = [
  '# Precision of `mageup check` on real projects',
  '',
  `Generated by \`node --import tsx bench/precision/run.ts --label ${label}\` (edit \`bench/precision/verdicts.json\`, not this`,
  `file). ${projects.length} public Magento projects nobody here wrote (\`projects.json\`, pinned commits, fetched with the \`fetch\` tool and`,
  'never committed), each checked with `mageup check <project> --to ' +
    targets.join(',') +
    ' --format json --no-history`.',
  `From every project and target, ${per} warning-or-worse findings are drawn with a fixed seed (${seed})${flag('--stratify') ? ', stratified by severity and rule (one of each in turn)' : ''}; each drawn`,
  'finding is judged by hand against the project code and the release trees (controlaltdelete-nl/magento2-code-tracker,',
  'speedupmate/Magento2-OS-Mirror): **true-useful** (real and worth an agency’s time), **true-noise** (real but nothing',
  'to do, or not the client’s work), **false** (not true for this project and target), with a reason.',
  '',
  `**Sample ${sample.length}, judged ${judged.length}: true ${useful + noise} (${pct(useful + noise, judged.length)}) — useful ${useful} (${pct(useful, judged.length)}), noise ${noise}; false ${falses.length} (${pct(falses.length, judged.length)}); "removed" that is really not covered: ${notCovered}.** Goal: ≥ 90 % true, zero not-covered.`,
  '',
];
if (absent.length) md.push('**Absent (left out):**', '', ...absent.map((a) => `- ${a}`), '');
md.push(
  `| project | repository | release | detected | ${targets.map((t) => `→ ${t}: all / warning+`).join(' | ')} | time |`,
  `|---|---|---|---|${targets.map(() => '---|').join('')}---|`,
  ...rows,
  '',
);
if (causes.size)
  md.push(
    '| cause of false findings | sampled |',
    '|---|---|',
    ...[...causes].sort((a, b) => b[1] - a[1]).map(([c, n]) => `| ${c} | ${n} |`),
    '',
  );
md.push(
  `Warning-or-worse findings by rule, all projects (${targets.join(' / ')}):`,
  '',
  '| rule | ' + targets.join(' | ') + ' |',
  '|---|' + targets.map(() => '---|').join(''),
  ...[...perRule]
    .sort((a, b) => (b[1][firstTarget] ?? 0) - (a[1][firstTarget] ?? 0) || a[0].localeCompare(b[0]))
    .map(([r, c]) => `| ${r} | ${targets.map((t) => c[t] ?? 0).join(' | ')} |`),
  '',
);
if (secondTarget) {
  md.push(
    `### Warning-or-worse findings at ${firstTarget} that ${secondTarget} does not have (${onlyInFirst.length})`,
    '',
    `${firstTarget} has little code change over ${secondTarget}: a finding only the later target has is either a real change`,
    'of that release or knowledge the later target lacks.',
    '',
  );
  if (onlyInFirst.length) {
    md.push('| project | severity | rule | file | message |', '|---|---|---|---|---|');
    for (const s of onlyInFirst.slice(0, 60))
      md.push(
        `| ${s.project} | ${s.severity} | ${s.ruleId} | ${cell(s.file ?? s.package)}${s.line ? `:${s.line}` : ''} | ${cell(short(s.message, 160))} |`,
      );
    if (onlyInFirst.length > 60) md.push('', `… and ${onlyInFirst.length - 60} more.`);
    md.push('');
  }
}
md.push(
  '### The sample',
  '',
  '| # | project | target | severity | rule | where | message | verdict | reason |',
  '|---|---|---|---|---|---|---|---|---|',
  ...sample.map((s, i) => {
    const v = verdicts[s.key];
    const where = `${cell(s.file ?? s.package ?? '')}${s.line ? `:${s.line}` : ''}`;
    const verdict = v ? `${v.verdict}${v.cause ? ` (${v.cause})` : ''}` : '**not judged**';
    return `| ${i + 1} | ${s.project} | ${s.target} | ${s.severity} | ${s.ruleId} | ${where} | ${cell(short(s.message, 220))} | ${verdict} | ${cell(v?.reason)} |`;
  }),
  '',
);
if (stale.length)
  md.push(
    `${stale.length} judged finding(s) changed their message since they were judged (same fingerprint): ${stale.map((s) => s.key).join(', ')}.`,
    '',
  );

console.log(
  `sample ${sample.length}, judged ${judged.length}: useful ${useful}, noise ${noise}, false ${falses.length} ` +
    `(true ${pct(useful + noise, judged.length)}), not covered ${notCovered}; not judged: ${sample.length - judged.length}`,
);
if (!flag('--no-write')) {
  writeFileSync(join(HERE, `sample-${label}.json`), `${JSON.stringify(sample, null, 2)}\n`);
  writeFileSync(join(HERE, `README-${label}.md`), `${md.join('\n')}\n`);
  console.log(`wrote bench/precision/README-${label}.md and sample-${label}.json`);
}
