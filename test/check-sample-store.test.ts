// The acceptance test of `mageup check`: every problem planted in examples/sample-store (listed in its EXPECTED.md)
// is reported with the right rule, file and line. Rows whose rule is not implemented yet show as `todo` with the
// rule id, never silently skipped.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { runCheck } from '../src/check/run-check.js';
import type { CheckResult } from '../src/check/types.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { ruleById } from '../src/rules/registry.js';
import { parseExpected, SAMPLE_STORE, SAMPLE_STORE_EXPECTED } from './helpers/expected.js';

/** The release a row checks against when its target cell is empty. */
const DEFAULT_TARGET = '2.4.8';

describe(
  'mageup check on examples/sample-store',
  { skip: existsSync(SAMPLE_STORE_EXPECTED) ? false : 'examples/sample-store/EXPECTED.md is not there yet' },
  () => {
    const rows = existsSync(SAMPLE_STORE_EXPECTED)
      ? parseExpected(readFileSync(SAMPLE_STORE_EXPECTED, 'utf8')).map((row) => ({
          ...row,
          target: row.target || DEFAULT_TARGET,
        }))
      : [];
    // One check per PHP: rows without one run on the PHP check chooses (the plan's), `on PHP 8.4` rows with --php.
    const results = new Map<string, Promise<CheckResult>>();
    const check = (php: string | null) => {
      const key = php ?? '';
      if (!results.has(key)) {
        results.set(
          key,
          runCheck({
            path: SAMPLE_STORE,
            to: [...new Set(rows.filter((r) => r.php === php).map((r) => r.target))],
            clock: fixedClock('2026-11-23'),
            workers: 1,
            cacheDir: false,
            ...(php ? { php } : {}),
          }),
        );
      }
      return results.get(key)!;
    };

    it('EXPECTED.md lists planted problems', () => {
      assert.ok(rows.length > 0, 'no rows parsed from EXPECTED.md');
      for (const row of rows) assert.ok(row.id && row.rule && row.file, `incomplete row ${JSON.stringify(row)}`);
    });

    for (const row of rows) {
      const implemented = ruleById(row.rule) !== undefined;
      const on = `${row.target}${row.php ? ` on PHP ${row.php}` : ''}`;
      const name = `${row.id} ${row.rule} ${row.file}${row.line ? `:${row.line}` : ''} (${on}): ${row.what}`;
      it(name, implemented ? {} : { todo: `rule ${row.rule} is not implemented yet` }, async () => {
        const findings = (await check(row.php)).findings.filter(
          (f) => f.target === row.target && f.ruleId === row.rule,
        );
        const match = findings.find((f) => f.file === row.file && (row.line === null || f.line === row.line));
        assert.ok(
          match,
          `${row.id}: no ${row.rule} finding at ${row.file}${row.line ? `:${row.line}` : ''} on ${on}. ` +
            `Findings of that rule: ${findings.map((f) => `${f.file ?? '-'}:${f.line ?? '-'}`).join(', ') || 'none'}`,
        );
      });
    }
  },
);
