import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadReleaseCatalog } from '../../knowledge/catalog.js';
import { releaseLookup, type PackageReleases } from '../../knowledge/extension-releases.js';
import { releaseComposer } from '../../knowledge/release-composer.js';
import type { Finding } from '../../core/finding.js';
import type { ComposerPackage } from '../../project/model.js';
import type { MessagePart } from '../rule.js';
import { projectFixture, runRule } from '../testing.js';
import { constraintConflict as constraintConflictRule } from './constraint-conflict.js';
import { noTargetRelease as noTargetReleaseRule } from '../lifecycle/no-target-release.js';

const catalog = loadReleaseCatalog();
const ext = (name: string, version: string, require: Record<string, string>): ComposerPackage => ({
  name,
  version,
  type: 'magento2-module',
  source: 'third-party',
  license: [],
  require,
  path: `vendor/${name}`,
});
const lists: Record<string, PackageReleases> = {
  'acme/module-pay': {
    name: 'acme/module-pay',
    source: 'https://repo.example/ (fetched 2026-12-01)',
    releases: [
      { version: '1.0.0', require: { php: '~7.4.0||~8.1.0', 'magento/framework': '103.0.*' } },
      { version: 'v2.0.0', require: { php: '~8.1.0||~8.2.0||~8.3.0', 'symfony/console': '^5.4' } },
      {
        version: 'v2.1.0',
        require: { php: '^8.1', 'symfony/console': '^5.4 || ^6.4', 'magento/framework': '^103.0.7' },
      },
      { version: '2.2.0-beta1', require: { php: '^8.1' } },
      { version: '2.2.0', require: { php: '^8.1', 'laminas/laminas-code': '^4.13' } },
    ],
  },
  'acme/module-old': {
    name: 'acme/module-old',
    source: 'snapshot',
    releases: [{ version: '1.0.0', require: { 'laminas/laminas-code': '^3.4', php: '^7.4 || ^8.1' } }],
  },
};
const run = (rule = constraintConflictRule) =>
  runRule(rule, {
    project: projectFixture({
      packages: [
        ext('acme/module-pay', '1.0.0', { php: '~7.4.0||~8.1.0', 'symfony/console': '^4.4 || ^5.4' }),
        ext('acme/module-old', '1.0.0', { 'laminas/laminas-code': '^3.4', php: '^7.4 || ^8.1' }),
      ],
    }),
    current: { release: catalog.get('2.4.6-p3')!, symbols: null },
    target: { release: catalog.get('2.4.8-p3')!, php: '8.3' },
    composer: {
      target: releaseComposer('2.4.8-p3')!,
      current: releaseComposer('2.4.6-p3')!,
      releases: { releasesOf: (n) => lists[n] },
    },
  });

/** The finding on one requirement of an installed package. */
const requiring = (findings: Finding[], dependency: string): Finding | undefined =>
  findings.find((f) => f.data?.dependency === dependency);

test('an extension pinning the current symfony or laminas major is flagged at its composer.json', async () => {
  const findings = await run();
  const symfony = requiring(findings, 'symfony/console')!;
  assert.equal(symfony.file, 'vendor/acme/module-pay/composer.json');
  assert.equal(symfony.messageId, 'targetRequires');
  assert.deepEqual(
    [symfony.data?.requirer, symfony.data?.constraint, symfony.data?.requiredBy, symfony.data?.required],
    [
      [{ messageId: 'packageVersion', data: { package: 'acme/module-pay', version: '1.0.0' } }],
      '^4.4 || ^5.4',
      'magento/product-community-edition 2.4.8-p3',
      '^6.4',
    ],
  );
  assert.equal(symfony.data?.major, 6);
  const laminas = requiring(findings, 'laminas/laminas-code')!;
  assert.equal(laminas.file, 'vendor/acme/module-old/composer.json');
});

test('first and latest release whose requirements allow the target and its PHP, stable only', async () => {
  const symfony = requiring(await run(), 'symfony/console')!;
  assert.equal(symfony.recommendationId, 'update');
  assert.deepEqual(symfony.data?.fit, [
    {
      messageId: 'fitRange',
      data: {
        name: 'acme/module-pay',
        target: '2.4.8-p3',
        php: '8.3',
        checked: 4,
        source: 'https://repo.example/ (fetched 2026-12-01)',
        first: 'v2.1.0',
        latest: '2.2.0',
        caret: '^2.2.0',
      },
    },
  ]);
  const old = (await run()).find((f) => f.package === 'acme/module-old')!;
  assert.deepEqual(
    [(old.data?.fit as MessagePart[])[0]!.messageId, (old.data?.fit as MessagePart[])[0]!.data?.blocker],
    [
      'fitNoneNewest',
      [
        {
          messageId: 'fitBlockerInstalls',
          data: { name: 'laminas/laminas-code', constraint: '^3.4', target: '2.4.8-p3', major: 4 },
        },
      ],
    ],
  );
  // End to end: the fit advice, a part of the recommendation, rendered into it.
  assert.match(
    old.recommendation,
    /No public release of acme\/module-old supports 2\.4\.8-p3 on PHP 8\.3 \(1 releases checked, from snapshot; the newest, 1\.0\.0, requires laminas\/laminas-code \^3\.4 \(2\.4\.8-p3 installs 4\.x\)\)/,
  );
  assert.ok(!(await run(noTargetReleaseRule)).some((f) => f.package === 'acme/module-pay'), 'a release fits');
});

test('the shipped snapshot knows public extensions from their tags', () => {
  const lookup = releaseLookup({ cacheDir: '/nonexistent-mageup-cache' });
  const klaviyo = lookup.releasesOf('klaviyo/magento2-extension')!;
  assert.match(klaviyo.source, /github\.com\/klaviyo\/magento2-klaviyo/);
  assert.ok(klaviyo.releases.length > 50);
  assert.equal(lookup.releasesOf('acme/not-public'), undefined);
});

test('a newest release stating no requirement is "could not verify", never "requires undefined"', async () => {
  const bare: PackageReleases = {
    name: 'acme/module-bare',
    source: 'snapshot',
    releases: [
      { version: '1.0.0', require: { 'laminas/laminas-code': '^3.4', php: '^7.4' } },
      { version: '1.1.0', require: { 'ext-json': '*' } },
    ],
  };
  const findings = await runRule(constraintConflictRule, {
    project: projectFixture({
      packages: [ext('acme/module-bare', '1.0.0', { 'laminas/laminas-code': '^3.4', php: '^7.4' })],
    }),
    current: { release: catalog.get('2.4.6-p3')!, symbols: null },
    target: { release: catalog.get('2.4.8-p3')!, php: '8.3' },
    composer: {
      target: releaseComposer('2.4.8-p3')!,
      current: releaseComposer('2.4.6-p3')!,
      releases: { releasesOf: (n) => (n === bare.name ? bare : undefined) },
    },
  });
  const laminas = requiring(findings, 'laminas/laminas-code')!;
  const fit = (laminas.data?.fit as MessagePart[])[0]!;
  assert.equal(fit.messageId, 'fitNoneNewestUnstated');
  assert.equal(fit.data?.newest, '1.1.0');
  assert.doesNotMatch(laminas.recommendation, /undefined/);
});
