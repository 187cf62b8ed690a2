import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { register as registerCheck } from '../src/cli/commands/check.js';
import { register as registerDiff } from '../src/cli/commands/diff.js';
import { register as registerHistory } from '../src/cli/commands/history.js';
import { EXIT } from '../src/cli/exit.js';
import { runCommand, type CommandResult } from './helpers/cli.js';
import { STORE } from './helpers/store-fixture.js';

const work = mkdtempSync(join(tmpdir(), 'mageup-history-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));
const store = join(work, 'history');
const ajv = new Ajv.default({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateReport = ajv.compile(
  JSON.parse(readFileSync(new URL('../schemas/report.schema.json', import.meta.url), 'utf8')) as object,
);

/** The check, history and diff commands together, stdout captured (history and diff print there). */
function cli(args: string[]): Promise<CommandResult> {
  return runCommand([registerCheck, registerHistory, registerDiff], args, { stdout: true });
}

describe('mageup history and diff', () => {
  it('check runs are recorded; history lists them; diff shows fixed, new and unchanged', async () => {
    const common = ['--workers', '1', '--no-cache', '--quiet', '--store', store, '--output', join(work, 'out.txt')];
    const first = await cli(['check', STORE, '--to', '2.4.8', ...common]);
    assert.equal(first.code, EXIT.findings, first.stderr);
    assert.doesNotMatch(first.stderr, /not recorded/);
    const second = await cli(['check', STORE, '--to', '2.4.8', '--focus', 'security', ...common]);
    assert.doesNotMatch(second.stderr, /not recorded/);

    const history = await cli(['history', STORE, '--store', store]);
    assert.equal(history.code, EXIT.ok, history.stderr);
    assert.match(history.stdout, /RUN +RECORDED/);
    assert.match(history.stdout, /^ +2 .*check +2\.4\.6-p3 → 2\.4\.8/m);
    const historyJson = JSON.parse(
      (await cli(['history', STORE, '--store', store, '--format', 'json'])).stdout,
    ) as unknown;
    assert.ok(validateReport(historyJson), ajv.errorsText(validateReport.errors));
    const json = historyJson as {
      runs: { id: number; findings: number; kbVersion: string | null }[];
    };
    assert.deepEqual(
      json.runs.map((r) => r.id),
      [2, 1],
    );
    assert.ok(json.runs[0]!.kbVersion);

    const diff = await cli(['diff', '1', '2', '--store', store, '--format', 'json']);
    assert.ok(validateReport(JSON.parse(diff.stdout)), ajv.errorsText(validateReport.errors));
    const d = JSON.parse(diff.stdout) as {
      fixed: { category: string }[];
      new: unknown[];
      unchanged: { category: string }[];
    };
    assert.equal(diff.code, EXIT.ok);
    assert.equal(d.new.length, 0);
    assert.ok(d.fixed.length > 0 && d.fixed.every((f) => f.category !== 'security'));
    assert.ok(d.unchanged.every((f) => f.category === 'security'));
    assert.equal(d.fixed.length + d.unchanged.length, json.runs[1]!.findings);
    const text = await cli(['diff', '2', '1', '--store', store]);
    assert.equal(text.code, EXIT.findings, 'new findings appeared between run 2 and run 1');
    assert.match(text.stdout, /^Run 2 .* → run 1 .*: 0 fixed, \d+ new, \d+ unchanged/);

    const missing = await cli(['diff', '1', '99', '--store', store]);
    assert.equal(missing.code, EXIT.failure);
    assert.match(missing.stderr, /no run 99/);
  });
});
