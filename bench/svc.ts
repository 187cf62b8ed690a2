#!/usr/bin/env -S node --import tsx
/**
 * Agreement of `mageup api-diff` with magento/magento-semver's (SVC) own fixture suites: for every case of
 * dev/tests/Unit/Console/Command/CompareSource*Test.php (API and non-API classes, interfaces, traits; MFTF, db_schema,
 * LESS, XSD, di.xml, system.xml, layout), run api-diff on the case's source-code-before/after trees and compare with
 * what the test expects: the verdict ("Major change is detected.") and every expected report line (compared as SVC's
 * test does: its regular expression on the log for suites on AbstractTestCaseWithRegExp, else whitespace removed and
 * substring of the log), and that no unexpected line appears. Prints agreement per suite and every disagreement.
 *
 * Needs the fetched mirror of github:magento/magento-semver ($MIRROR/magento+magento-semver/repo); without it, says
 * so and exits 0. Usage: node --import tsx bench/svc.ts [--suites ApiClasses,…] [--md FILE] [--verbose]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTree, diffOperands, renderApiDiffText } from '../src/api-diff/index.js';

const { values: args } = parseArgs({
  options: {
    suites: {
      type: 'string',
      default:
        'ApiClasses,ApiInterfaces,ApiTraits,NonApiClasses,NonApiInterfaces,NonApiTraits,' +
        'Mftf,DatabaseSchemas,Less,XsdSchemas,DiXml,SystemXml,Layout',
    },
    md: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

const REPO = join(process.env.MIRROR ?? '/work/.mirror', 'magento+magento-semver/repo');
const TESTS = 'dev/tests/Unit/Console/Command';
if (!existsSync(REPO)) {
  console.log(`svc: needs the mirror of github:magento/magento-semver at ${REPO}; not present, nothing measured.`);
  process.exit(0);
}
const git = (...a: string[]): string =>
  execFileSync('git', ['-C', REPO, ...a], { encoding: 'utf8', maxBuffer: 1 << 28 });
const commit = git('rev-parse', 'HEAD').trim();
// No '-' in the path: SVC's regular expressions expect `[\w/]+` right before a fixture's folder.
const work = mkdtempSync(join(tmpdir(), 'mageupsvc'));
execFileSync('sh', ['-c', `git -C '${REPO}' archive HEAD '${TESTS}' | tar -x -C '${work}'`]);

interface Case {
  name: string;
  before: string;
  after: string;
  expected: string[];
  verdict: string;
  unexpected: string[];
}

/** The cases of one test file's data provider: `'name' => [ $path . '/x/before', $path . '/x/after', [...], 'Verdict', [...]? ]`. */
function parseCases(source: string, dir: string): Case[] {
  const fixtures = /\$pathToFixtures\s*=\s*__DIR__\s*\.\s*'([^']+)'/.exec(source)?.[1];
  if (!fixtures) return [];
  const provider = /function\s+\w*DataProvider\s*\(/.exec(source)?.index ?? source.indexOf('DataProvider');
  const body = source.slice(source.indexOf('return [', provider));
  const raw: { s?: string; t?: string }[] = [
    ...body.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|\$\w+|\[|\]|=>|\./g),
  ].map((m) =>
    m[1] !== undefined
      ? { s: m[1].replace(/\\'/g, "'").replace(/\\\\/g, '\\') }
      : m[2] !== undefined
        ? { s: m[2].replace(/\\"/g, '"').replace(/\\\\/g, '\\') }
        : { t: m[0] },
  );
  // PHP's `'a' . 'b'` is one string; `$pathToFixtures . '/x'` stays '/x' (the fixtures folder is joined below).
  const tokens: { s?: string; t?: string }[] = [];
  for (let k = 0; k < raw.length; k++) {
    const tok = raw[k]!;
    const prev = tokens.at(-1);
    if (tok.t === '.' && prev?.s !== undefined && raw[k + 1]?.s !== undefined) {
      prev.s += raw[++k]!.s!;
      continue;
    }
    if (tok.t === '.') continue;
    tokens.push({ ...tok });
  }
  const cases: Case[] = [];
  let i = 1; // after the outer `[`
  while (i < tokens.length) {
    const name = tokens[i];
    if (name?.s === undefined || tokens[i + 1]?.t !== '=>') {
      i++;
      continue;
    }
    i += 3; // name, =>, [
    const parts: (string | string[])[] = [];
    let depth = 1;
    let list: string[] | undefined;
    while (i < tokens.length && depth > 0) {
      const tok = tokens[i]!;
      if (tok.t === '[') {
        depth++;
        if (depth === 2) list = [];
      } else if (tok.t === ']') {
        depth--;
        if (depth === 1 && list) {
          parts.push(list);
          list = undefined;
        }
      } else if (tok.s !== undefined) {
        if (list) list.push(tok.s);
        else parts.push(tok.s);
      }
      i++;
    }
    const [before, after, expected, verdict, unexpected] = parts as [string, string, string[], string, string[]?];
    cases.push({
      name: name.s!,
      before: join(dir, fixtures, before),
      after: join(dir, fixtures, after),
      expected,
      verdict,
      unexpected: unexpected ?? [],
    });
  }
  return cases;
}

const squash = (s: string): string => s.replace(/\s+/g, '');
/** `#…#i` or `/…/` as PHP's preg_match reads it (the patterns used here are also valid JavaScript). */
function phpRegExp(pattern: string): RegExp {
  const delimiter = pattern[0]!;
  const end = pattern.lastIndexOf(delimiter);
  return new RegExp(pattern.slice(1, end), pattern.slice(end + 1).replace(/[^imsu]/g, ''));
}
const rows: { suite: string; cases: number; verdicts: number; lines: number; linesTotal: number; full: number }[] = [];
const misses: string[] = [];
for (const suite of args.suites!.split(',')) {
  const file = join(work, TESTS, `CompareSourceCommand${suite}Test.php`);
  const source = git('show', `HEAD:${TESTS}/CompareSourceCommand${suite}Test.php`);
  const cases = parseCases(source, join(work, TESTS));
  // Suites on AbstractTestCaseWithRegExp give PHP regular expressions matched on the log as it is.
  const regexps = /extends\s+AbstractTestCaseWithRegExp/.test(source);
  const row = { suite, cases: cases.length, verdicts: 0, lines: 0, linesTotal: 0, full: 0 };
  for (const c of cases) {
    const report = diffOperands(await loadTree(c.before), await loadTree(c.after));
    const text = renderApiDiffText(report);
    const log = squash(text);
    const noChange = report.changes.length === 0 && report.fileChanges.length === 0;
    let linesOk = true;
    const missing: string[] = [];
    for (const line of c.expected) {
      row.linesTotal++;
      // SVC's summary lines: "No changed files found." and the API report's suggestion (our "API changes need").
      const suggested = /^(?:(.)\s*)?Suggested semantic versioning change: (\w+)\s*\1?$/.exec(line)?.[2];
      const ok =
        line === 'No changed files found.'
          ? noChange && report.filesChanged === 0
          : suggested
            ? report.apiLevel === suggested
            : regexps
              ? phpRegExp(line).test(text)
              : log.includes(squash(line));
      if (ok) row.lines++;
      else {
        linesOk = false;
        missing.push(line);
      }
    }
    const extra = c.unexpected.filter((line) => log.includes(squash(line)));
    const verdictOk = text.includes(c.verdict);
    if (verdictOk) row.verdicts++;
    if (verdictOk && linesOk && extra.length === 0) row.full++;
    else
      misses.push(
        `${suite} ${c.name}: expected "${c.verdict}"${verdictOk ? '' : ` got "${report.level}"`}` +
          (missing.length ? `; missing ${missing.map((m) => JSON.stringify(m)).join(', ')}` : '') +
          (extra.length ? `; unexpected ${extra.join(', ')}` : '') +
          (args.verbose ? `\n${text}` : ''),
      );
  }
  rows.push(row);
  void file;
}
rmSync(work, { recursive: true, force: true });

const pct = (a: number, b: number): string => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)} %`);
const total = rows.reduce(
  (t, r) => ({
    cases: t.cases + r.cases,
    verdicts: t.verdicts + r.verdicts,
    lines: t.lines + r.lines,
    linesTotal: t.linesTotal + r.linesTotal,
    full: t.full + r.full,
  }),
  { cases: 0, verdicts: 0, lines: 0, linesTotal: 0, full: 0 },
);
const table = [
  `magento-semver ${commit.slice(0, 7)} fixture suites — api-diff agreement`,
  '',
  '| Suite | Cases | Verdict agrees | Expected lines found | Whole case agrees |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...[...rows, { suite: '**All suites**', ...total }].map(
    (r) =>
      `| ${r.suite} | ${r.cases} | ${r.verdicts} (${pct(r.verdicts, r.cases)}) | ${r.lines}/${r.linesTotal} (${pct(r.lines, r.linesTotal)}) | ${r.full} (${pct(r.full, r.cases)}) |`,
  ),
].join('\n');
console.log(table);
console.log(`\n${misses.length} cases disagree:`);
for (const m of misses) console.log(`  ${m}`);
if (args.md) writeFileSync(args.md, `${table}\n`);
