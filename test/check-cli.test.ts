import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv';
import { register } from '../src/cli/commands/check.js';
import { EXIT } from '../src/cli/exit.js';
import { runCommand, type CommandResult } from './helpers/cli.js';
import { SAMPLE_STORE } from './helpers/expected.js';
import { STORE, STORE_SECRETS } from './helpers/store-fixture.js';

const SCHEMA = JSON.parse(readFileSync(new URL('../schemas/check.schema.json', import.meta.url), 'utf8')) as object;

const work = mkdtempSync(join(tmpdir(), 'mageup-check-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** `mageup check ARGS` on one worker, without cache or history, its report read back from `--output`. */
function check(args: string[]): Promise<CommandResult> {
  return runCommand(register, ['check', ...args, '--workers', '1', '--no-cache', '--no-history'], { output: true });
}

describe('mageup check', () => {
  it('JSON: findings with the required fields, valid against the schema, exit 1 on findings', async () => {
    const { code, output } = await check([STORE, '--to', '2.4.8', '--format', 'json']);
    assert.equal(code, EXIT.findings);
    const json = JSON.parse(output) as { findings: Record<string, unknown>[] };
    const ajv = new Ajv.default({ allErrors: true, strict: false });
    const validate = ajv.compile(SCHEMA);
    assert.ok(validate(json), ajv.errorsText(validate.errors));
    assert.ok(json.findings.length > 0);
    for (const f of json.findings) {
      for (const key of ['ruleId', 'severity', 'message', 'recommendation']) assert.ok(key in f, key);
    }
    for (const secret of STORE_SECRETS) assert.ok(!output.includes(secret), secret);
  });

  it('text and Markdown group by package and show rule, severity, location, recommendation and effort', async () => {
    const text = await check([STORE, '--to', '2.4.8']);
    assert.match(text.output, /CRITICAL|ERROR|WARNING/);
    assert.match(text.output, /platform\/cache\s+app\/etc\/env\.php:\d+/);
    assert.match(text.output, /→ .+\(\d+(\.\d)? h\)/);
    assert.match(text.output, /complexity \d+/);
    const md = await check([STORE, '--to', '2.4.8', '--format', 'md']);
    assert.match(md.output, /\| severity \| rule \| where \| message \| recommendation \| effort \|/);
    for (const secret of STORE_SECRETS) {
      assert.ok(!text.output.includes(secret) && !md.output.includes(secret), secret);
    }
  });

  it('a third-party extension is one package action; --expand lists its findings under it', async () => {
    const text = await check([SAMPLE_STORE, '--to', '2.4.8']);
    assert.match(text.output, /package action: upgrade\n\s+upgrade klaviyo\/magento2-extension to 3\.0\.0 or later/);
    assert.match(text.output, /--expand lists them/);
    assert.doesNotMatch(text.output, /composer\/abandoned-package/, 'rolled up with dealer4dealer/xcore-magento2');
    const expanded = await check([SAMPLE_STORE, '--to', '2.4.8', '--expand']);
    assert.match(expanded.output, /package action: upgrade[\s\S]+composer\/abandoned-package/);
    assert.doesNotMatch(expanded.output, /--expand lists them/);
  });

  it('exit 0 when nothing reaches --min-severity', async () => {
    const { code, output } = await check([
      STORE,
      '--to',
      '2.4.8',
      '--focus',
      'lifecycle/disabled-module',
      '--min-severity',
      'critical',
      '--format',
      'json',
    ]);
    assert.equal(code, EXIT.ok);
    assert.deepEqual((JSON.parse(output) as { findings: unknown[] }).findings, []);
  });

  it('exit 2 with the nearest versions for an unknown target, and for a path that is no Magento project', async () => {
    const unknown = await check([STORE, '--to', '2.4.99']);
    assert.equal(unknown.code, EXIT.failure);
    assert.match(unknown.stderr, /Unknown Magento version "2\.4\.99"\. Nearest known: 2\.4\./);
    const notMagento = await check([work, '--to', '2.4.8']);
    assert.equal(notMagento.code, EXIT.failure);
    const badPhp = await check([STORE, '--to', '2.4.8', '--php', '8']);
    assert.equal(badPhp.code, EXIT.failure);
    assert.match(badPhp.stderr, /--php must be/);
  });

  it('a list of targets gives one matrix report', async () => {
    const { output } = await check([STORE, '--to', '2.4.7,2.4.8', '--format', 'json']);
    const json = JSON.parse(output) as { targets: { version: string }[] };
    const ajv = new Ajv.default({ allErrors: true, strict: false });
    const validate = ajv.compile(SCHEMA);
    assert.ok(validate(json), ajv.errorsText(validate.errors));
    assert.deepEqual(
      json.targets.map((t) => t.version),
      ['2.4.7', '2.4.8'],
    );
  });
});
