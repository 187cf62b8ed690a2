import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadReleaseCatalog } from '../../knowledge/catalog.js';
import type { ComposerPackage } from '../../project/model.js';
import { projectFixture, runRule } from '../testing.js';
import { replaceNewPackage as replaceNewPackageRule } from './replace-new-package.js';

const catalog = loadReleaseCatalog();
const disabler = (replace: Record<string, string>): ComposerPackage => ({
  name: 'acme/module-no-search',
  version: '1.0.0',
  type: 'magento2-module',
  source: 'third-party',
  license: [],
  require: { 'magento/framework': '103.0.*' },
  replace,
  path: 'vendor/acme/module-no-search',
});
const run = (packages: ComposerPackage[], rootReplace: Record<string, string> = {}) =>
  runRule(replaceNewPackageRule, {
    project: projectFixture({
      packages,
      rootComposer: {
        replace: rootReplace,
        conflict: {},
        minimumStability: null,
        platform: {},
        repositories: [],
        json: {},
      },
    }),
    current: { release: catalog.get('2.4.7-p3')!, symbols: null },
    target: { release: catalog.get('2.4.8-p3')!, php: '8.3' },
  });

test('an extension that replaces the search modules of 2.4.7 is told 2.4.8 adds elasticsearch-8', async () => {
  const findings = await run([
    disabler({
      'magento/module-elasticsearch': '*',
      'magento/module-elasticsearch-7': '*',
      'magento/module-open-search': '*',
    }),
  ]);
  assert.equal(findings.length, 1);
  const [f] = findings;
  assert.equal(f!.file, 'vendor/acme/module-no-search/composer.json');
  assert.equal(f!.package, 'acme/module-no-search');
  assert.equal(f!.messageId, 'missesOne');
  assert.deepEqual(f!.data, {
    label: [{ messageId: 'packageVersion', data: { package: 'acme/module-no-search', version: '1.0.0' } }],
    replaced: 'magento/module-elasticsearch, magento/module-elasticsearch-7, magento/module-open-search',
    target: '2.4.8-p3',
    missing: 'magento/module-elasticsearch-8',
    entries: [{ messageId: 'replaceEntry', data: { name: 'magento/module-elasticsearch-8' } }],
    name: 'acme/module-no-search',
    fit: [{ messageId: 'fitUnknown', data: { name: 'acme/module-no-search' } }],
  });
  assert.equal(f!.recommendationId, 'updateOrReplace');
});

test('the root composer.json replace section, and what already replaces the new module', async () => {
  const root = await run([], { 'magento/module-elasticsearch-7': '*' });
  assert.equal(root.length, 1);
  assert.equal(root[0]!.file, 'composer.json');
  assert.equal(
    root[0]!.message,
    'The root composer.json replaces magento/module-elasticsearch-7, but 2.4.8-p3 adds magento/module-elasticsearch-8 of the same family, which it does not replace: Composer installs it with the upgrade.',
  );
  assert.equal(
    root[0]!.recommendation,
    'Add "magento/module-elasticsearch-8": "*" to the replace section of composer.json.',
  );
  const complete = await run([
    disabler({
      'magento/module-elasticsearch-7': '*',
      'magento/module-elasticsearch-8': '*',
      'magento/module-open-search': '*',
    }),
  ]);
  assert.deepEqual(complete, []);
  assert.deepEqual(await run([disabler({ 'magento/module-msrp': '*' })]), [], 'other families: nothing new');
});
