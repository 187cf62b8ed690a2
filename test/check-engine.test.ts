import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv';
import { runCheck, targetPhp } from '../src/check/run-check.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { UnknownVersionError } from '../src/knowledge/errors.js';
import { loadReleaseCatalog } from '../src/knowledge/catalog.js';
import { allRules, ruleById } from '../src/rules/registry.js';
import { renderCheck } from '../src/report/check/index.js';
import { STORE } from './helpers/store-fixture.js';

const SCHEMA = JSON.parse(readFileSync(new URL('../schemas/check.schema.json', import.meta.url), 'utf8')) as object;
const clock = fixedClock('2026-11-23');
const work = mkdtempSync(join(tmpdir(), 'mageup-check-'));
after(() => rmSync(work, { recursive: true, force: true }));
const base = { clock, workers: 1, cacheDir: false as const };

function write(root: string, files: Record<string, string>): string {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  return root;
}

/** A 2.4.6-p3 store with an extension pinned to 2.4.6's framework and a PHP pin, built in a temp directory. */
function conflictStore(): string {
  const lockPackage = (name: string, version: string, type: string, require: Record<string, string> = {}) => ({
    name,
    version,
    type,
    require,
  });
  return write(join(work, 'conflict-store'), {
    'composer.json': JSON.stringify(
      {
        name: 'acme/conflict-store',
        type: 'project',
        require: { 'magento/product-community-edition': '2.4.6-p3', 'acme/module-pinned': '^1.0' },
        config: { platform: { php: '8.1.0' } },
      },
      null,
      2,
    ),
    'composer.lock': JSON.stringify(
      {
        packages: [
          lockPackage('magento/product-community-edition', '2.4.6-p3', 'metapackage', {
            'magento/framework': '103.0.6-p3',
          }),
          lockPackage('magento/framework', '103.0.6-p3', 'magento2-library'),
          lockPackage('acme/module-pinned', '1.0.0', 'magento2-module', {
            'magento/framework': '103.0.6-p3',
            php: '~8.1.0',
          }),
        ],
        'packages-dev': [],
        'platform-overrides': { php: '8.1.0' },
        'plugin-api-version': '2.2.0',
      },
      null,
      2,
    ),
    'vendor/acme/module-pinned/composer.json': JSON.stringify({
      name: 'acme/module-pinned',
      type: 'magento2-module',
      require: { 'magento/framework': '103.0.6-p3', php: '~8.1.0' },
    }),
    'vendor/acme/module-pinned/registration.php':
      "<?php\n\\Magento\\Framework\\Component\\ComponentRegistrar::register(\\Magento\\Framework\\Component\\ComponentRegistrar::MODULE, 'Acme_Pinned', __DIR__);\n",
    'vendor/acme/module-pinned/etc/module.xml':
      '<?xml version="1.0"?>\n<config><module name="Acme_Pinned"/></config>\n',
    'vendor/acme/module-pinned/Model/Thing.php': '<?php\nnamespace Acme\\Pinned\\Model;\n\nclass Thing\n{\n}\n',
    'app/etc/config.php': "<?php\nreturn ['modules' => ['Acme_Pinned' => 1]];\n",
    'app/etc/env.php':
      "<?php\nreturn [\n  'system' => ['default' => ['catalog' => ['search' => [\n    'engine' => 'elasticsearch7',\n  ]]]],\n];\n",
  });
}

describe('runCheck', () => {
  it('checks the fixture store against 2.4.8: platform, security and lifecycle findings, schema-valid JSON', async () => {
    const result = await runCheck({ ...base, path: STORE, to: '2.4.8' });
    assert.equal(result.current.version, '2.4.6-p3');
    assert.equal(result.targets.length, 1);
    assert.equal(result.targets[0]!.version, '2.4.8');
    assert.equal(result.targets[0]!.php, '8.3', 'the PHP the plan ends on: its path stops at 2.4.7 on 8.3');
    const rules = new Set(result.findings.map((f) => f.ruleId));
    for (const id of ['platform/cache', 'platform/database', 'lifecycle/end-of-support', 'security/core-bulletin']) {
      assert.ok(rules.has(id), `expected a ${id} finding, got ${[...rules].join(', ')}`);
    }
    const cache = result.findings.find((f) => f.ruleId === 'platform/cache')!;
    assert.equal(cache.file, 'app/etc/env.php');
    assert.ok(cache.line && cache.line > 1);
    const s = result.summary;
    assert.equal(s.complexityScore, 3 * s.bySeverity.critical + 2 * s.bySeverity.error + s.bySeverity.warning);
    assert.equal(s.findings, result.findings.length);
    assert.match(s.effortModel, /hours/);

    const ajv = new Ajv.default({ allErrors: true, strict: false });
    const validate = ajv.compile(SCHEMA);
    const json = JSON.parse(renderCheck(result, 'json')) as unknown;
    assert.ok(validate(json), ajv.errorsText(validate.errors));
  });

  it('is deterministic: two runs give the same result', async () => {
    const a = await runCheck({ ...base, path: STORE, to: '2.4.8' });
    const b = await runCheck({ ...base, path: STORE, to: '2.4.8' });
    assert.deepEqual(a, b);
    assert.equal(renderCheck(a, 'text'), renderCheck(b, 'text'));
  });

  it('reports Composer conflicts, the PHP pin, the search engine and the Composer lock on a conflicting store', async () => {
    const result = await runCheck({ ...base, path: conflictStore(), to: '2.4.8' });
    const messages = result.findings.map((f) => `${f.ruleId}: ${f.message}`);
    assert.ok(
      messages.includes(
        'composer/constraint-conflict: acme/module-pinned 1.0.0 requires magento/framework 103.0.6-p3 -> the target installs 103.0.8',
      ),
      messages.join('\n'),
    );
    assert.ok(
      messages.includes(
        'composer/constraint-conflict: acme/module-pinned 1.0.0 requires php ~8.1.0 -> the target runs PHP 8.3',
      ),
    );
    const php = result.findings.find((f) => f.ruleId === 'platform/php-version')!;
    assert.equal(php.file, 'composer.json');
    assert.equal(php.line, 10);
    const search = result.findings.find((f) => f.ruleId === 'platform/search-engine')!;
    assert.equal(search.severity, 'critical');
    assert.deepEqual([search.file, search.line], ['app/etc/env.php', 4]);
    assert.ok(result.findings.some((f) => f.ruleId === 'platform/composer' && f.file === 'composer.lock'));
    assert.ok(
      result.findings.some((f) => f.ruleId === 'lifecycle/no-target-release' && f.package === 'acme/module-pinned'),
    );
  });

  it('extension mode: the oldest allowed release is current, a target list gives a matrix', async () => {
    const ext = write(join(work, 'ext'), {
      'composer.json': JSON.stringify({
        name: 'acme/module-ext',
        type: 'magento2-module',
        require: { php: '~8.1.0||~8.2.0', 'magento/framework': '~103.0.6' },
      }),
      'registration.php':
        "<?php\n\\Magento\\Framework\\Component\\ComponentRegistrar::register(\\Magento\\Framework\\Component\\ComponentRegistrar::MODULE, 'Acme_Ext', __DIR__);\n",
      'etc/module.xml': '<?xml version="1.0"?>\n<config><module name="Acme_Ext"/></config>\n',
      'Model/Thing.php': '<?php\nnamespace Acme\\Ext\\Model;\n\nclass Thing\n{\n}\n',
    });
    const result = await runCheck({ ...base, path: ext, to: ['2.4.6', '2.4.7', '2.4.8'] });
    assert.equal(result.project.kind, 'extension');
    assert.equal(result.current.version, '2.4.6');
    assert.deepEqual(
      result.targets.map((t) => t.version),
      ['2.4.6', '2.4.7', '2.4.8'],
    );
    const at = (v: string) =>
      result.findings.filter((f) => f.target === v && f.ruleId === 'composer/constraint-conflict');
    assert.equal(at('2.4.6').length, 0);
    assert.ok(at('2.4.8').some((f) => /requires php ~8\.1\.0\|\|~8\.2\.0 -> the target runs PHP 8\.4/.test(f.message)));
    const text = renderCheck(result, 'text');
    assert.match(text, /Targets/);
    assert.match(text, /Target 2\.4\.8/);
    const md = renderCheck(result, 'md');
    assert.match(md, /## Target 2\.4\.7/);
    const from = await runCheck({ ...base, path: ext, to: '2.4.8', from: '2.4.7' });
    assert.deepEqual(from.current, { version: '2.4.7', source: '--from' });
  });

  it('an unknown target throws UnknownVersionError with the nearest versions', async () => {
    await assert.rejects(runCheck({ ...base, path: STORE, to: '2.4.99' }), (error: unknown) => {
      assert.ok(error instanceof UnknownVersionError);
      assert.match(error.message, /Nearest known: 2\.4\./);
      return true;
    });
  });

  it('--min-severity, --focus and --php narrow the run', async () => {
    const result = await runCheck({
      ...base,
      path: STORE,
      to: '2.4.8',
      minSeverity: 'error',
      focus: ['platform'],
      php: '8.3',
    });
    assert.ok(
      result.findings.every((f) => f.category === 'platform' && (f.severity === 'critical' || f.severity === 'error')),
    );
    assert.equal(result.targets[0]!.php, '8.3');
    await assert.rejects(runCheck({ ...base, path: STORE, to: '2.4.8', php: 'eight' }), /--php must be/);
    await assert.rejects(runCheck({ ...base, path: STORE, to: '2.4.8', focus: ['nothing'] }), /matches no rule/);
  });

  it('latest-patch resolves on the current line; --only custom leaves vendor code out', async () => {
    const patch = await runCheck({ ...base, path: STORE, to: 'latest-patch' });
    assert.match(patch.targets[0]!.version, /^2\.4\.6-p\d+$/);
    assert.equal(patch.targets[0]!.requested, 'latest-patch');
    const all = await runCheck({ ...base, path: STORE, to: '2.4.8' });
    const custom = await runCheck({ ...base, path: STORE, to: '2.4.8', only: 'custom' });
    assert.ok(custom.summary.files.total < all.summary.files.total);
    assert.ok(
      custom.findings.every(
        (f) => !f.file?.startsWith('vendor/') || ['composer', 'security', 'lifecycle', 'platform'].includes(f.category),
      ),
    );
  });

  it('latest-patch stays within the edition: an Open Source 2.4.4 store is not sent to a Commerce-only patch', async () => {
    const root = write(join(work, 'store-244'), {
      'composer.json': JSON.stringify({
        name: 'acme/store-244',
        require: { 'magento/product-community-edition': '2.4.4' },
      }),
      'composer.lock': JSON.stringify({
        packages: [{ name: 'magento/product-community-edition', version: '2.4.4', type: 'metapackage' }],
        'packages-dev': [],
      }),
    });
    const result = await runCheck({ ...base, path: root, to: 'latest-patch' });
    const version = result.targets[0]!.version;
    assert.match(version, /^2\.4\.4-p\d+$/);
    assert.ok(loadReleaseCatalog().get(version)!.editions.includes('magento-open-source'), `${version} is Open Source`);
  });

  it('a rule that throws becomes a problem naming it and the run goes on', async () => {
    const rule = ruleById('lifecycle/disabled-module')!;
    const original = rule.check;
    rule.check = () => {
      throw new Error('boom');
    };
    try {
      const result = await runCheck({ ...base, path: STORE, to: '2.4.8' });
      assert.ok(
        result.problems.some(
          (p) =>
            p.code === 'rule-failed' && p.message.includes('lifecycle/disabled-module') && p.message.includes('boom'),
        ),
      );
      assert.ok(result.findings.length > 0);
    } finally {
      rule.check = original;
    }
  });
});

describe('rules registry', () => {
  it('has unique, well-formed ids, sorted, with docs', () => {
    const rules = allRules();
    const ids = rules.map((r) => r.meta.id);
    assert.deepEqual(ids, [...ids].sort());
    for (const rule of rules) {
      assert.match(rule.meta.id, /^[a-z-]+\/[a-z0-9-]+$/);
      assert.ok(rule.meta.id.startsWith(`${rule.meta.category}/`), rule.meta.id);
      assert.ok(rule.meta.description.length > 10 && rule.meta.docs.length > 40, rule.meta.id);
    }
    for (const id of [
      'platform/php-version',
      'composer/constraint-conflict',
      'security/core-bulletin',
      'lifecycle/native-duplicate',
    ]) {
      assert.ok(ruleById(id), id);
    }
  });

  it('target PHP defaults to the newest the target supports', () => {
    const catalog = loadReleaseCatalog({ clock });
    assert.equal(targetPhp(catalog.get('2.4.8')!), '8.4');
    assert.equal(targetPhp(catalog.get('2.4.6-p3')!), '8.2');
  });
});
