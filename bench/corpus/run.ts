/**
 * Real-world corpus for `mageup check` (issue 4, "Prove it on reality"): open-source extensions that broke on a known
 * Magento/PHP upgrade and were fixed by a later commit (bench/corpus/cases.json). For every case the check runs in
 * extension mode on the broken and on the fixed version and is scored:
 *   - recalled: the broken version has a finding of an expected rule at a file the fix changed;
 *   - false positive: the fixed version still has a finding of an expected rule at a file the fix changed;
 *   - also counted apart: every critical/error finding on the fixed version (any rule, any file).
 * Fetches nothing: the trees come from /work/trees/corpus/<case>/{broken,fixed} (bench/corpus/extract.sh); a case
 * whose trees are absent is listed as "absent" and left out of the totals.
 * Explanations of misses and false positives are kept by hand in bench/corpus/diagnosis.json and copied into the
 * generated bench/README-corpus.md.
 * Usage: node --import tsx bench/corpus/run.ts [--case <id>…] [--verbose] [--no-write]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../../src/check/run-check.js';
import type { Finding } from '../../src/core/finding.js';
import { fixedClock } from '../../src/knowledge/clock.js';

interface CorpusCase {
  id: string;
  kind: string;
  repo: string;
  dir?: string;
  brokenRef: string;
  fixedRef: string;
  from: string;
  to: string;
  php: string;
  expect: { rules: string[]; files: string[] };
  /**
   * Checked with `--baseline-vendor`/`--target-vendor` of the two releases' vendor/magento trees (from the public
   * OS mirror, by extract.sh into $MAGEUP_MAGENTO_TREES/<version>/vendor): theme overrides are then compared with
   * exact diffs, as a user with both vendor trees runs it, instead of by file hash only.
   */
  magentoTrees?: boolean;
  what: string;
  source: string;
}

interface Hit {
  ruleId: string;
  severity: string;
  file: string;
  line?: number;
  message: string;
}

interface VersionOutcome {
  /** Findings of an expected rule at an expected file, at warning or above (what a CI gate stops on). */
  hits: Hit[];
  /** The same at info severity (e.g. a name neither release declares): listed, not scored. */
  weakHits: Hit[];
  /** Expected files with at least one hit. */
  filesFlagged: string[];
  criticalOrError: number;
  findings: number;
  ms: number;
  problems: string[];
}

interface CaseResult {
  id: string;
  kind: string;
  repo: string;
  upgrade: string;
  source: string;
  status: 'scored' | 'absent' | 'failed';
  error?: string;
  recalled?: boolean;
  falsePositive?: boolean;
  broken?: VersionOutcome;
  fixed?: VersionOutcome;
}

const HERE = fileURLToPath(new URL('.', import.meta.url));
const TREES = process.env.MAGEUP_CORPUS_TREES ?? '/work/trees/corpus';
const MAGENTO_TREES = process.env.MAGEUP_MAGENTO_TREES ?? '/work/trees/magento';
const args = process.argv.slice(2);
const only = args.flatMap((a, i) => (args[i - 1] === '--case' ? [a] : []));
const verbose = args.includes('--verbose');
const write = !args.includes('--no-write');
// The corpus is scored as of a fixed day so end-of-support findings do not change the totals from day to day.
const clock = fixedClock('2026-11-23T00:00:00Z');

const { cases } = JSON.parse(readFileSync(join(HERE, 'cases.json'), 'utf8')) as { cases: CorpusCase[] };
const diagnosis = readDiagnosis();

const results: CaseResult[] = [];
for (const c of cases) {
  if (only.length > 0 && !only.includes(c.id)) continue;
  const base: CaseResult = {
    id: c.id,
    kind: c.kind,
    repo: c.repo,
    upgrade: `${c.from} → ${c.to}, PHP ${c.php}${c.magentoTrees ? ', both vendor trees' : ''}`,
    source: c.source,
    status: 'absent',
  };
  const brokenDir = join(TREES, c.id, 'broken', c.dir ?? '');
  const fixedDir = join(TREES, c.id, 'fixed', c.dir ?? '');
  const vendors = c.magentoTrees ? [c.from, c.to].map((v) => join(MAGENTO_TREES, v, 'vendor')) : [];
  if (!existsSync(brokenDir) || !existsSync(fixedDir) || vendors.some((v) => !existsSync(v))) {
    console.log(`${c.id}: absent: run the fetch step (bash bench/corpus/extract.sh ${c.id})`);
    results.push(base);
    continue;
  }
  try {
    const broken = await checkVersion(c, brokenDir);
    const fixed = await checkVersion(c, fixedDir);
    const result: CaseResult = {
      ...base,
      status: 'scored',
      recalled: broken.hits.length > 0,
      falsePositive: fixed.hits.length > 0,
      broken,
      fixed,
    };
    results.push(result);
    console.log(
      `${c.id}: ${result.recalled ? 'recalled' : 'MISSED'} (${broken.filesFlagged.length}/${c.expect.files.length} files)` +
        `${result.falsePositive ? `, FALSE POSITIVE on fixed (${fixed.hits.length})` : ''}` +
        `, fixed critical/error: ${fixed.criticalOrError} [${broken.ms + fixed.ms} ms]`,
    );
    if (verbose) {
      const show = (label: string, list: Hit[]) => {
        for (const h of list)
          console.log(`    ${label} ${h.severity} ${h.ruleId} ${h.file}:${h.line ?? '-'} ${h.message}`);
      };
      show('broken', broken.hits);
      show('broken', broken.weakHits);
      show('fixed ', fixed.hits);
      show('fixed ', fixed.weakHits);
      for (const p of [...broken.problems, ...fixed.problems]) console.log(`    problem: ${p}`);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`${c.id}: FAILED: ${message}`);
    results.push({ ...base, status: 'failed', error: message });
  }
}

const scored = results.filter((r) => r.status !== 'absent');
const recalled = scored.filter((r) => r.recalled).length;
const falsePositives = scored.filter((r) => r.falsePositive).length;
const totals = {
  cases: results.length,
  scored: scored.length,
  absent: results.length - scored.length,
  recalled,
  recallPercent: percent(recalled, scored.length),
  falsePositiveCases: falsePositives,
  falsePositivePercent: percent(falsePositives, scored.length),
  fixedCriticalOrError: scored.reduce((n, r) => n + (r.fixed?.criticalOrError ?? 0), 0),
};
console.log(
  `\nrecall ${recalled}/${scored.length} = ${totals.recallPercent} % (target ≥ 90 %); ` +
    `false positives on fixed versions ${falsePositives}/${scored.length} = ${totals.falsePositivePercent} % (target ≤ 10 %); ` +
    `critical/error findings on fixed versions overall: ${totals.fixedCriticalOrError}` +
    (totals.absent > 0 ? `; ${totals.absent} case(s) absent` : ''),
);

if (write && only.length > 0) console.log('(--case given: results.json and README-corpus.md are left as they are)');
else if (write && scored.length === 0)
  console.log('nothing scored: results.json and README-corpus.md are left as they are');
else if (write) {
  writeFileSync(
    join(HERE, 'results.json'),
    `${JSON.stringify({ date: clock.now().toISOString().slice(0, 10), totals, results }, null, 2)}\n`,
  );
  writeFileSync(join(HERE, '..', 'README-corpus.md'), renderMarkdown(cases, results, totals));
  console.log('wrote bench/corpus/results.json and bench/README-corpus.md');
}

async function checkVersion(c: CorpusCase, path: string): Promise<VersionOutcome> {
  const started = performance.now();
  const vendor = (v: string) => join(MAGENTO_TREES, v, 'vendor');
  const result = await runCheck({
    path,
    from: c.from,
    to: c.to,
    php: c.php,
    clock,
    workers: 1,
    cacheDir: false,
    ...(c.magentoTrees ? { baselineVendor: vendor(c.from), targetVendor: vendor(c.to) } : {}),
  });
  const expectedFiles = new Set(c.expect.files);
  const expectedRules = new Set(c.expect.rules);
  const all = result.findings
    .filter((f) => f.file !== undefined && expectedFiles.has(normalise(f.file)) && expectedRules.has(f.ruleId))
    .map((f: Finding) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      file: normalise(f.file ?? ''),
      line: f.line,
      message: f.message,
    }));
  const hits = all.filter((h) => h.severity !== 'info');
  return {
    hits,
    weakHits: all.filter((h) => h.severity === 'info'),
    filesFlagged: [...new Set(hits.map((h) => h.file))].sort(),
    criticalOrError: result.findings.filter((f) => f.severity === 'critical' || f.severity === 'error').length,
    findings: result.findings.length,
    ms: Math.round(performance.now() - started),
    problems: result.problems.map((p) => `${p.code}: ${p.message}`),
  };
}

function normalise(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '');
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10;
}

function readDiagnosis(): Record<string, string> {
  const file = join(HERE, 'diagnosis.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

function renderMarkdown(all: CorpusCase[], rows: CaseResult[], t: typeof totals): string {
  const byId = new Map(all.map((c) => [c.id, c]));
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '# `mageup check` on real upgrade breaks',
    '',
    'Generated by `node --import tsx bench/corpus/run.ts` from `bench/corpus/cases.json` (do not edit by hand: the',
    'explanations come from `bench/corpus/diagnosis.json`). Each case is an open-source extension that broke on a known',
    'upgrade and was fixed by a later commit; the check runs in extension mode (`--from`, `--to`, `--php` of the case) on',
    'the commit before the fix and on the fix.',
    '',
    '- **Recalled**: the broken version has a finding of an expected rule, at warning severity or above, at a file the fix',
    '  changed (an `info` finding such as "cannot resolve" does not count).',
    '- **False positive**: the fixed version still has such a finding (expected rule, warning or above) at a file the fix',
    '  changed.',
    '- **Fixed crit/err**: every critical or error finding on the fixed version, any rule and file (what a CI gate on',
    '  the fixed release would still stop on; most are genuine further issues, see the notes).',
    '',
    `**Recall ${t.recalled}/${t.scored} = ${t.recallPercent} %** (target ≥ 90 %) · **false positives on fixed versions ` +
      `${t.falsePositiveCases}/${t.scored} = ${t.falsePositivePercent} %** (target ≤ 10 %) · critical/error findings on ` +
      `fixed versions overall: ${t.fixedCriticalOrError}` +
      (t.absent > 0 ? ` · ${t.absent} case(s) not extracted` : ''),
    '',
    '| kind of break | cases | recalled | FP on fixed |',
    '|---|---|---|---|',
    ...[...new Set(rows.map((r) => r.kind))].map((kind) => {
      const of = rows.filter((r) => r.kind === kind && r.status === 'scored');
      return `| ${kind} | ${of.length} | ${of.filter((r) => r.recalled).length} | ${of.filter((r) => r.falsePositive).length} |`;
    }),
    '',
    '| case | break | repository (fix) | upgrade | expected rule | broken: files flagged | recalled | FP on fixed | fixed crit/err |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const c = byId.get(r.id);
    if (!c) continue;
    const fix = `https://github.com/${c.repo}/commit/${c.fixedRef}`;
    const scoredRow = r.status === 'scored';
    lines.push(
      `| ${r.id} | ${cell(c.what)} ([source](${c.source})) | [${c.repo}](${fix}) | ${r.upgrade} | ${c.expect.rules.join(', ')} | ` +
        `${scoredRow ? `${r.broken?.filesFlagged.length ?? 0}/${c.expect.files.length}` : r.status} | ` +
        `${scoredRow ? (r.recalled ? 'yes' : '**no**') : '-'} | ${scoredRow ? (r.falsePositive ? `**${r.fixed?.hits.length} finding(s)**` : 'no') : '-'} | ` +
        `${scoredRow ? String(r.fixed?.criticalOrError ?? 0) : '-'} |`,
    );
  }
  const explained = rows.filter((r) => r.status !== 'scored' || !r.recalled || r.falsePositive || diagnosis[r.id]);
  if (explained.length > 0) {
    lines.push('', '## Misses, false positives and notes', '');
    for (const r of explained) {
      const what = [
        r.status === 'failed' ? `failed: ${r.error ?? ''}` : '',
        r.status === 'absent' ? 'not extracted' : '',
        r.status === 'scored' && !r.recalled ? 'missed' : '',
        r.falsePositive ? 'false positive on the fixed version' : '',
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(`- **${r.id}**${what ? ` (${what})` : ''}: ${diagnosis[r.id] ?? 'not yet diagnosed.'}`);
    }
  }
  const gaps = join(HERE, 'gaps.md');
  if (existsSync(gaps)) lines.push('', readFileSync(gaps, 'utf8').trim());
  lines.push(
    '',
    '## Reproduce',
    '',
    '```sh',
    '# 1. fetch each repository named in bench/corpus/cases.json as a bare git snapshot under /work/.mirror/<owner>+<name>/repo',
    '#    (or MIRROR=<dir> with the same layout), then extract both versions of every case outside the repository;',
    '#    cases marked "both vendor trees" also need speedupmate/Magento2-OS-Mirror (vendor/magento of each release):',
    'bash bench/corpus/extract.sh            # → /work/trees/corpus/<case>/{broken,fixed}, /work/trees/magento/<version>',
    '# 2. score (about a minute on 2 cores; one worker thread, no analysis cache):',
    'node --import tsx bench/corpus/run.ts   # [--case <id>] [--verbose] [--no-write]',
    '```',
    '',
  );
  return lines.join('\n');
}
