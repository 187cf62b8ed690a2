import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv';
import { register } from '../src/cli/commands/audit.js';
import { runCommand, type CommandResult } from './helpers/cli.js';
import { STORE, STORE_SECRETS } from './helpers/store-fixture.js';

const SCHEMA = JSON.parse(readFileSync(new URL('../schemas/audit.schema.json', import.meta.url), 'utf8')) as object;

const work = mkdtempSync(join(tmpdir(), 'mageup-audit-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** `mageup audit ARGS` without history (the history tests cover recording), its report read back from `--output`. */
function audit(args: string[]): Promise<CommandResult> {
  return runCommand(register, ['audit', ...args, '--no-history'], { output: true });
}

describe('mageup audit', () => {
  it('writes JSON that validates against the committed schema', async () => {
    const { code, output } = await audit([STORE, '--format', 'json']);
    assert.equal(code, 0);
    const report = JSON.parse(output) as Record<string, unknown> & { magento: { version: string }; modules: unknown[] };
    const ajv = new Ajv.default({ allErrors: true, strict: true, allowUnionTypes: true });
    const validate = ajv.compile(SCHEMA);
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 1));
    assert.equal(report.schemaVersion, '1.3.0');
    assert.equal(report.magento.version, '2.4.6-p3');
    assert.equal(report.modules.length, 5);
  });

  it('prints text tables without colour when not on a terminal', async () => {
    const { code, output } = await audit([STORE]);
    assert.equal(code, 0);
    assert.match(output, /Magento Open Source 2\.4\.6-p3/);
    assert.match(output, /Acme_Custom\s+enabled\s+acme\/module-custom/);
    assert.ok(!output.includes('\x1b['), 'no ANSI codes in a file');
  });

  it('prints Markdown', async () => {
    const { code, output } = await audit([STORE, '--format', 'md']);
    assert.equal(code, 0);
    assert.match(output, /^# MageUp audit/);
    assert.match(output, /\| Acme\\_Custom \| enabled \|/);
  });

  it('never shows a secret of env.php, in any format', async () => {
    for (const format of ['text', 'json', 'md']) {
      const { output } = await audit([STORE, '--format', format]);
      for (const secret of STORE_SECRETS) assert.ok(!output.includes(secret), `${format} output shows ${secret}`);
      assert.ok(output.includes('crypt.key'), `${format} output says which secrets are set`);
    }
  });

  it('says the module state is unknown when config.php is absent', async () => {
    const dir = join(work, 'never-installed');
    mkdirSync(join(dir, 'app/etc'), { recursive: true });
    mkdirSync(join(dir, 'app/code/Acme/Thing/etc'), { recursive: true });
    writeFileSync(join(dir, 'app/etc/di.xml'), '<config/>');
    writeFileSync(join(dir, 'composer.json'), '{"require": {"magento/product-community-edition": "2.4.4"}}');
    writeFileSync(
      join(dir, 'app/code/Acme/Thing/registration.php'),
      "<?php\n\\Magento\\Framework\\Component\\ComponentRegistrar::register(\\Magento\\Framework\\Component\\ComponentRegistrar::MODULE, 'Acme_Thing', __DIR__);\n",
    );
    writeFileSync(join(dir, 'app/code/Acme/Thing/etc/module.xml'), '<config><module name="Acme_Thing"/></config>');
    const { code, output } = await audit([dir]);
    assert.equal(code, 0);
    assert.match(output, /app\/etc\/config\.php is absent \(never-installed tree\): module states are unknown/);
    assert.match(output, /Acme_Thing\s+unknown/);
    const json = JSON.parse((await audit([dir, '--format', 'json'])).output) as {
      project: { configPhpPresent: boolean };
      modules: { state: string; enabled: unknown }[];
    };
    assert.equal(json.project.configPhpPresent, false);
    assert.deepEqual(
      json.modules.map((m) => [m.state, m.enabled]),
      [['unknown', null]],
    );
  });

  it('exits with 2 and says why for a directory that is not Magento', async () => {
    const dir = join(work, 'plain');
    mkdirSync(dir, { recursive: true });
    const { code, output, stderr } = await audit([dir]);
    assert.equal(code, 2);
    assert.equal(output, '');
    assert.match(stderr, /is not a Magento project or extension: found no app\/etc\/di\.xml/);
  });

  it('rejects an unknown format', async () => {
    const { code } = await audit([STORE, '--format', 'xml']);
    assert.equal(code, 2);
  });
});
