import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComposerPackage } from '../../project/model.js';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { removedCorePackage as removedCorePackageRule } from './removed-core-package.js';

const current = releaseFixture('2.4.6-p3', {
  packages: { 'magento/module-elasticsearch-7': '100.4.8', 'magento/framework': '103.0.6-p3' },
  thirdParty: { 'magento/zendframework1': '^1.15' },
});
const target = releaseFixture('2.4.8', {
  packages: { 'magento/module-elasticsearch-8': '100.4.2', 'magento/framework': '103.0.8' },
});
const ext: ComposerPackage = {
  name: 'acme/search',
  version: '2.1.0',
  type: 'magento2-module',
  source: 'third-party',
  license: [],
  path: 'vendor/acme/search',
  require: { 'magento/module-elasticsearch-7': '^100.4', 'magento/framework': '^103.0' },
};

test('packages that require a removed core package, root or extension', async () => {
  const project = projectFixture({ packages: [ext], rootRequire: { 'magento/zendframework1': '^1.15' } });
  const findings = await runRule(removedCorePackageRule, {
    project,
    current: { release: current, symbols: null },
    target: { release: target },
  });
  assert.deepEqual(
    findings.map((f) => [f.file, f.subject]),
    [
      ['composer.json', 'root requires magento/zendframework1'],
      ['vendor/acme/search/composer.json', 'acme/search requires magento/module-elasticsearch-7'],
    ],
  );
  assert.equal(findings[1]!.messageId, 'requiresRemoved');
  assert.deepEqual(findings[1]!.data, {
    who: 'acme/search 2.1.0',
    dep: 'magento/module-elasticsearch-7',
    constraint: '^100.4',
    target: '2.4.8',
    replacement: [{ messageId: 'replacedElasticsearch7' }],
  });
  assert.equal(findings[1]!.recommendationId, 'useReplacement');
  assert.deepEqual(
    [findings[0]!.recommendationId, findings[0]!.data?.dep, findings[0]!.data?.replacement],
    ['useReplacement', 'magento/zendframework1', [{ messageId: 'replacedZendFramework1' }]],
  );
});

test("a package only the old metapackage brought is not the user's problem", async () => {
  const findings = await runRule(removedCorePackageRule, {
    current: { release: current, symbols: null },
    target: { release: target },
  });
  assert.deepEqual(findings, []);
});

test('a bundled extension the target stops bundling is a warning unless the root requires it', async () => {
  const before = releaseFixture('2.4.7', {
    packages: { 'magento/framework': '103.0.7' },
    thirdParty: { 'paypal/module-braintree': '4.6.1' },
  });
  const braintree: ComposerPackage = {
    name: 'paypal/module-braintree',
    version: '4.6.1',
    type: 'metapackage',
    source: 'third-party',
    license: [],
    require: {},
    bundled: true,
  };
  const run = (rootRequire: Record<string, string>) =>
    runRule(removedCorePackageRule, {
      project: projectFixture({ packages: [braintree], rootRequire }),
      current: { release: before, symbols: null },
      target: { release: target },
    });
  const [f, ...rest] = await run({});
  assert.equal(rest.length, 0);
  assert.equal(f!.severity, 'warning');
  assert.equal(f!.messageId, 'noLongerBundled');
  assert.equal(f!.data?.target, '2.4.8');
  assert.equal(f!.recommendationId, 'requireYourself');
  assert.deepEqual(await run({ 'paypal/module-braintree': '^4.6' }), []);
});

test('a bundled library leaving the metapackage is left to the code rules', async () => {
  const before = releaseFixture('2.4.6-p3', {
    packages: { 'magento/framework': '103.0.6' },
    thirdParty: { 'laminas/laminas-mail': '^2.16' },
  });
  const mail: ComposerPackage = {
    name: 'laminas/laminas-mail',
    version: '2.24.0',
    type: 'library',
    source: 'third-party',
    license: [],
    require: {},
    bundled: true,
  };
  const findings = await runRule(removedCorePackageRule, {
    project: projectFixture({ packages: [mail] }),
    current: { release: before, symbols: null },
    target: { release: target },
  });
  assert.deepEqual(findings, []);
});
