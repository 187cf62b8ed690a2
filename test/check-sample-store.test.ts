// The acceptance test of `mageup check`: every problem planted in examples/sample-store (listed in its EXPECTED.md)
// is reported with the right rule, file and line. Rows whose rule is not implemented yet show as `todo` with the
// rule id, never silently skipped.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../src/check/run-check.js';
import type { CheckResult } from '../src/check/types.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { ruleById } from '../src/rules/registry.js';

const SAMPLE = fileURLToPath(new URL('../examples/sample-store', import.meta.url));
const EXPECTED = `${SAMPLE}/EXPECTED.md`;

interface ExpectedRow {
  id: string;
  rule: string;
  file: string;
  line: number | null;
  target: string;
  what: string;
}

/** Parses the table of EXPECTED.md (columns: id, rule, file, line, target, what — see notes/RULES.md). */
function parseExpected(markdown: string): ExpectedRow[] {
  const rows: ExpectedRow[] = [];
  let header: string[] | undefined;
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('|')) {
      header = undefined;
      continue;
    }
    const cells = line
      .slice(1, line.endsWith('|') ? -1 : undefined)
      .split('|')
      .map((c) => c.trim());
    if (!header) {
      if (cells[0]?.toLowerCase() === 'id' && cells.includes('rule')) header = cells.map((c) => c.toLowerCase());
      continue;
    }
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    const get = (name: string) => cells[header!.indexOf(name)] ?? '';
    const plain = (name: string) => get(name).replace(/^`|`$/g, '');
    const lineCell = get('line');
    rows.push({
      id: plain('id'),
      rule: plain('rule'),
      file: plain('file'),
      line: lineCell === '-' || lineCell === '' ? null : Number(lineCell),
      target: get('target') || '2.4.8',
      what: get('what'),
    });
  }
  return rows;
}

describe(
  'mageup check on examples/sample-store',
  { skip: existsSync(EXPECTED) ? false : 'examples/sample-store/EXPECTED.md is not there yet' },
  () => {
    const rows = existsSync(EXPECTED) ? parseExpected(readFileSync(EXPECTED, 'utf8')) : [];
    let result: Promise<CheckResult> | undefined;
    const check = () =>
      (result ??= runCheck({
        path: SAMPLE,
        to: [...new Set(rows.map((r) => r.target))],
        clock: fixedClock('2026-11-23'),
        workers: 1,
        cacheDir: false,
      }));

    it('EXPECTED.md lists planted problems', () => {
      assert.ok(rows.length > 0, 'no rows parsed from EXPECTED.md');
      for (const row of rows) assert.ok(row.id && row.rule && row.file, `incomplete row ${JSON.stringify(row)}`);
    });

    for (const row of rows) {
      const implemented = ruleById(row.rule) !== undefined;
      const name = `${row.id} ${row.rule} ${row.file}${row.line ? `:${row.line}` : ''} (${row.target}): ${row.what}`;
      it(name, implemented ? {} : { todo: `rule ${row.rule} is not implemented yet` }, async () => {
        const findings = (await check()).findings.filter((f) => f.target === row.target && f.ruleId === row.rule);
        const match = findings.find((f) => f.file === row.file && (row.line === null || f.line === row.line));
        assert.ok(
          match,
          `${row.id}: no ${row.rule} finding at ${row.file}${row.line ? `:${row.line}` : ''} on ${row.target}. ` +
            `Findings of that rule: ${findings.map((f) => `${f.file ?? '-'}:${f.line ?? '-'}`).join(', ') || 'none'}`,
        );
      });
    }
  },
);
