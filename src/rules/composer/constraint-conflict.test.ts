import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComposerPackage } from '../../project/model.js';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { constraintConflict as constraintConflictRule } from './constraint-conflict.js';

const pkg = (
  name: string,
  version: string,
  require: Record<string, string>,
  extra: Partial<ComposerPackage> = {},
): ComposerPackage => ({
  name,
  version,
  type: 'magento2-module',
  source: 'third-party',
  license: [],
  require,
  path: `vendor/${name}`,
  ...extra,
});
const target = releaseFixture('2.4.8', {
  packages: { 'magento/framework': '103.0.8', 'magento/module-catalog': '104.0.8', 'magento/magento2-base': '2.4.8' },
  thirdParty: { 'monolog/monolog': '^3.6', php: '~8.2.0||~8.3.0||~8.4.0' },
  requirements: { php: ['8.3', '8.4'], composer: ['2.9.3+'] },
});
const run = (packages: ComposerPackage[], rootRequire: Record<string, string> = {}) =>
  runRule(constraintConflictRule, {
    project: projectFixture({ packages, rootRequire }),
    target: { release: target, php: '8.4' },
  });

test('quotes an exact magento/* requirement the way Composer does', async () => {
  const findings = await run([pkg('acme/module-foo', '1.2.0', { 'magento/framework': '103.0.4' })]);
  assert.equal(findings.length, 1);
  const [f] = findings;
  assert.equal(f!.messageId, 'targetInstalls');
  assert.deepEqual(f!.data, {
    requirer: [{ messageId: 'packageVersion', data: { package: 'acme/module-foo', version: '1.2.0' } }],
    dependency: 'magento/framework',
    constraint: '103.0.4',
    installs: '103.0.8',
    release: '2.4.8',
    name: 'acme/module-foo',
    phpNote: [],
    fit: [{ messageId: 'fitUnknown', data: { name: 'acme/module-foo' } }],
  });
  assert.equal(f!.message, 'acme/module-foo 1.2.0 requires magento/framework 103.0.4 -> the target installs 103.0.8');
  assert.equal(f!.severity, 'critical');
  assert.equal(f!.package, 'acme/module-foo');
  assert.equal(f!.file, 'vendor/acme/module-foo/composer.json');
  assert.equal(f!.recommendationId, 'update');
});

test('a third-party library constraint of the target metapackage and PHP', async () => {
  const findings = await run([pkg('acme/logger', '2.0.0', { 'monolog/monolog': '^2.0', php: '~7.4.0||~8.1.0' })]);
  const byId = new Map(findings.map((f) => [f.messageId, f.data]));
  assert.deepEqual([...byId.keys()].sort(), ['targetPhp', 'targetRequires']);
  // The shipped composer record of 2.4.8 says which major it installs on PHP 8.4.
  assert.deepEqual(byId.get('targetRequires'), {
    requirer: [{ messageId: 'packageVersion', data: { package: 'acme/logger', version: '2.0.0' } }],
    dependency: 'monolog/monolog',
    constraint: '^2.0',
    requiredBy: 'magento/product-community-edition 2.4.8',
    required: '^3.6',
    major: 3,
    release: '2.4.8',
    name: 'acme/logger',
    phpNote: [],
    fit: [{ messageId: 'fitUnknown', data: { name: 'acme/logger' } }],
  });
  assert.equal(byId.get('targetPhp')!.php, '8.4');
  assert.deepEqual(findings.map((f) => f.message).sort(), [
    'acme/logger 2.0.0 requires monolog/monolog ^2.0 -> magento/product-community-edition 2.4.8 requires monolog/monolog ^3.6 (installs 3.x)',
    'acme/logger 2.0.0 requires php ~7.4.0||~8.1.0 -> the target runs PHP 8.4',
  ]);
});

test('what fits, unknown packages, extensions and core packages are not reported', async () => {
  const findings = await run([
    pkg('acme/ok', '1.0.0', {
      'magento/framework': '^103.0',
      'monolog/monolog': '^2.0 || ^3.0',
      'acme/other': '^9',
      'ext-intl': '*',
    }),
    pkg('magento/module-catalog', '104.0.6', { 'magento/framework': '103.0.6' }, { source: 'core' }),
  ]);
  assert.deepEqual(findings, []);
});

test('libraries: checked only when the root pins them (warning); root require and require-dev are checked', async () => {
  const findings = await runRule(constraintConflictRule, {
    project: projectFixture({
      packages: [
        pkg('acme/plugin', '1.0.0', { 'composer-plugin-api': '^1.0' }, { type: 'composer-plugin' }),
        pkg('acme/transitive', '1.0.0', { php: '~7.4.0' }, { type: 'library' }),
      ],
      rootRequire: {
        'magento/product-community-edition': '2.4.6-p3',
        'monolog/monolog': '^2.9',
        'acme/plugin': '^1.0',
      },
      rootRequireDev: { 'monolog/monolog': '~2.0' },
    }),
    target: { release: target, php: '8.4' },
  });
  assert.deepEqual(
    findings.map((f) => [f.severity, f.message]),
    [
      [
        'critical',
        'Root composer.json requires monolog/monolog ^2.9 -> magento/product-community-edition 2.4.8 requires monolog/monolog ^3.6 (installs 3.x)',
      ],
      [
        'error',
        'Root composer.json requires monolog/monolog ~2.0 -> magento/product-community-edition 2.4.8 requires monolog/monolog ^3.6 (installs 3.x)',
      ],
      ['warning', 'acme/plugin 1.0.0 requires composer-plugin-api ^1.0 -> 2.4.8 needs Composer 2'],
    ],
  );
  assert.deepEqual(
    findings.map((f) => f.messageId),
    ['targetRequires', 'targetRequires', 'targetComposer'],
  );
  assert.deepEqual(findings[0]!.data?.requirer, [{ messageId: 'rootComposerJson' }]);
  assert.deepEqual([findings[2]!.data?.target, findings[2]!.data?.composer], ['2.4.8', '2']);
  assert.equal(findings[0]!.file, 'composer.json');
});

test('only the newest target PHP excluded: an error naming the PHP that still fits', async () => {
  const [f] = await run([pkg('acme/module-php83', '1.0.0', { php: '~8.2.0||~8.3.0' })]);
  assert.equal(f!.severity, 'error');
  assert.deepEqual(f!.data?.phpNote, [
    { messageId: 'orOtherPhp', data: { release: '2.4.8', php: '8.3', last: '8.3' } },
  ]);
});

test('packages that only come with a bundled extension move with the release', async () => {
  const findings = await run([
    pkg(
      'paypal/module-braintree',
      '4.5.0',
      { 'paypal/module-braintree-core': '4.5.0' },
      { type: 'metapackage', bundled: true },
    ),
    pkg('paypal/module-braintree-core', '4.5.0', { php: '~7.4.0' }),
  ]);
  assert.deepEqual(findings, []);
});

test("an extension's own composer.json, and a library constraint the data cannot say the installed major of", async () => {
  const unknownRecord = releaseFixture('2.4.99', {
    packages: { 'magento/framework': '103.0.99' },
    thirdParty: { 'monolog/monolog': '^3.6' },
  });
  const findings = await runRule(constraintConflictRule, {
    project: projectFixture({
      kind: 'extension',
      packages: [pkg('acme/module-ext', '1.0.0', {}, { source: 'root', path: '' })],
      rootRequire: { 'magento/framework': '103.0.4', 'monolog/monolog': '^2.0' },
    }),
    target: { release: unknownRecord, php: '8.4' },
  });
  assert.deepEqual(
    findings.map((f) => [f.messageId, f.data?.requirer, f.message]),
    [
      [
        'targetInstalls',
        [{ messageId: 'package', data: { package: 'acme/module-ext' } }],
        'acme/module-ext requires magento/framework 103.0.4 -> the target installs 103.0.99',
      ],
      [
        'targetRequiresConstraintOnly',
        [{ messageId: 'package', data: { package: 'acme/module-ext' } }],
        'acme/module-ext requires monolog/monolog ^2.0 -> magento/product-community-edition 2.4.99 requires monolog/monolog ^3.6 (constraint only)',
      ],
    ],
  );
});
