// The complete findings of `mageup check examples/sample-store --to 2.4.8 --format json`, compared line by line with a
// reviewed golden file: check-sample-store.test.ts proves the planted problems appear, this proves nothing else does
// (no duplicate, no contradiction, no finding nobody reviewed). One line per finding: severity, rule, file:line,
// fingerprint and the message; the summary numbers and the package actions (which findings each rolls up) head the
// file.
// Regenerate after an intended change, then review the diff line by line:
//   UPDATE_GOLDEN=1 npm run test:unit -- test/check-sample-store-golden.test.ts
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../src/check/run-check.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { renderCheckReport } from '../src/report/json/render-report.js';
import { SAMPLE_STORE } from './helpers/expected.js';

const GOLDEN = fileURLToPath(new URL('./golden/sample-store-check-2.4.8.txt', import.meta.url));

interface JsonFinding {
  severity: string;
  ruleId: string;
  file?: string;
  line?: number;
  package?: string;
  fingerprint: string;
  message: string;
}

interface JsonReport {
  findings: JsonFinding[];
  summary: {
    findings: number;
    bySeverity: Record<string, number>;
    effortHours: number;
    actions: {
      package: string;
      version: string;
      action: string;
      severity: string;
      findings: number;
      fingerprints: string[];
      hours: number;
      message: string;
    }[];
  };
}

/** Whitespace collapsed; nothing else varies between runs (fixed clock, relative paths). */
const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

function normalise(report: JsonReport): string {
  const s = report.summary;
  const head =
    `# ${s.findings} findings: ${Object.entries(s.bySeverity)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')}; effort ${s.effortHours} h` + '\n';
  const lines = report.findings.map((f) =>
    [
      f.severity,
      f.ruleId,
      `${f.file || f.package || '-'}${f.line ? `:${f.line}` : ''}`,
      f.fingerprint,
      flat(f.message),
    ].join(' | '),
  );
  // Every listing shows one line per third-party extension instead of its findings: which findings each holds.
  const actions = s.actions.map((a) =>
    [
      `action ${a.action}`,
      a.severity,
      `${a.package} ${a.version}`,
      `${a.hours} h`,
      `${a.findings}: ${a.fingerprints.join(' ')}`,
      flat(a.message),
    ].join(' | '),
  );
  return `${head}${actions.map((l) => `${l}\n`).join('')}${lines.join('\n')}\n`;
}

it('mageup check examples/sample-store --to 2.4.8: the complete finding list matches the reviewed golden file', async () => {
  const result = await runCheck({
    path: SAMPLE_STORE,
    to: ['2.4.8'],
    clock: fixedClock('2026-11-23'),
    workers: 1,
    cacheDir: false,
  });
  const actual = normalise(JSON.parse(renderCheckReport(result, 'json')) as JsonReport);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(GOLDEN), { recursive: true });
    writeFileSync(GOLDEN, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(GOLDEN, 'utf8');
  } catch {
    assert.fail(`${GOLDEN} missing: run UPDATE_GOLDEN=1 npm run test:unit -- test/check-sample-store-golden.test.ts`);
  }
  // Line sets first, so a failure names the findings that appeared or vanished rather than a long diff.
  const want = new Set(expected.split('\n'));
  const got = new Set(actual.split('\n'));
  const added = [...got].filter((l) => !want.has(l));
  const removed = [...want].filter((l) => !got.has(l));
  assert.deepEqual(
    { added, removed },
    { added: [], removed: [] },
    'the findings differ from test/golden/sample-store-check-2.4.8.txt: review, then UPDATE_GOLDEN=1 to accept',
  );
  assert.equal(actual, expected, 'same findings, different order or duplicates: UPDATE_GOLDEN=1 to accept');
});
