import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { loadProject } from '../src/project/load.js';
import { buildAuditReport, isUseful, renderAuditMarkdown, renderAuditText } from '../src/report/audit/index.js';

const SAMPLE = fileURLToPath(new URL('../examples/sample-store', import.meta.url));
const SCHEMA = JSON.parse(readFileSync(new URL('../schemas/audit.schema.json', import.meta.url), 'utf8')) as object;
const present = existsSync(`${SAMPLE}/composer.lock`);

/** String values of env.php under keys that name secrets (password, key, salt, token, secret). */
function envSecrets(): string[] {
  const text = readFileSync(`${SAMPLE}/app/etc/env.php`, 'utf8');
  return [...text.matchAll(/'([\w-]*(?:pass(?:word)?|key|salt|secret|token)[\w-]*)'\s*=>\s*'([^']{4,})'/gi)].map(
    (m) => m[2] ?? '',
  );
}

describe('audit of examples/sample-store', { skip: present ? false : 'examples/sample-store is not there yet' }, () => {
  it('is a Magento Open Source 2.4.6-p3 store with modules, packages, themes and stores', async () => {
    const model = await loadProject(SAMPLE);
    const report = buildAuditReport(model);
    assert.ok(isUseful(report));
    assert.equal(report.magento.version, '2.4.6-p3');
    assert.equal(report.magento.edition, 'open-source');
    assert.equal(report.project.configPhpPresent, true);
    assert.ok(report.modules.some((m) => m.state === 'enabled'));
    assert.ok(
      report.modules.some((m) => m.state === 'disabled'),
      'config.php has disabled modules',
    );
    assert.ok(
      report.modules.some((m) => m.location === 'app-code'),
      'custom modules in app/code',
    );
    assert.ok(
      report.themes.some((t) => t.location === 'app-design'),
      'a theme in app/design',
    );
    assert.ok(report.stores.websites.length >= 2 && report.stores.stores.length >= 3, 'dumped scopes');
    assert.ok(report.services.present);
    assert.ok(report.summary.codeFiles.custom > 0 && report.summary.codeFiles.vendor > 0);
    assert.ok(
      report.packages.some((p) => p.source === 'path'),
      'a path repository package',
    );
    assert.ok(
      report.packages.some((p) => p.abandoned),
      'an abandoned package',
    );
    assert.ok(
      report.patches.some((p) => p.tool === 'cweagans'),
      'composer patches',
    );
    assert.ok(
      model.modules.some((m) => m.customizations.preferences.length > 0 && m.customizations.plugins.length > 0),
    );
    const validate = new Ajv.default({ allErrors: true, strict: true, allowUnionTypes: true }).compile(SCHEMA);
    assert.ok(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors, null, 1));
  });

  it('shows no secret of its env.php in any format', async () => {
    const report = buildAuditReport(await loadProject(SAMPLE));
    const secrets = envSecrets();
    assert.ok(secrets.length > 0, 'the sample env.php has fake secrets to look for');
    for (const text of [
      JSON.stringify(report),
      renderAuditText(report, { color: true }),
      renderAuditMarkdown(report),
    ]) {
      for (const secret of secrets) assert.ok(!text.includes(secret), `output shows ${secret}`);
    }
  });
});
