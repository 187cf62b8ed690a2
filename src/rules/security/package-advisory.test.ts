import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Advisory } from '../../knowledge/types.js';
import type { ComposerPackage } from '../../project/model.js';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { packageAdvisory as packageAdvisoryRule } from './package-advisory.js';

const pkg = (name: string, version: string, source: ComposerPackage['source'] = 'third-party'): ComposerPackage => ({
  name,
  version,
  type: 'library',
  source,
  license: [],
  require: {},
});
const advisories: Record<string, Advisory[]> = {
  'guzzlehttp/psr7': [
    {
      id: 'GHSA-wxmh-65f7-jcvw',
      cve: 'CVE-2023-29197',
      package: 'guzzlehttp/psr7',
      title: 'Improper header validation',
      affected: '<2.4.5',
      source: 'friendsofphp',
      severity: 'high',
      fixedIn: '2.4.5',
    },
  ],
  'magento/magento2-base': [
    {
      id: 'APSB24-18',
      package: 'magento/magento2-base',
      title: 'Adobe security bulletin',
      affected: '<2.4.7',
      source: 'apsb',
    },
    {
      id: 'CVE-2022-24086',
      package: 'magento/magento2-base',
      title: 'Template injection',
      affected: '<2.4.3-p2',
      source: 'friendsofphp',
      fixedIn: '2.4.3-p2',
    },
  ],
};
const lookup = (name: string) => advisories[name] ?? [];

test('each advisory of an installed version, with the fixed version; APSB left to core-bulletin', async () => {
  const project = projectFixture({
    packages: [pkg('guzzlehttp/psr7', '2.4.3'), pkg('magento/magento2-base', '2.4.3', 'core')],
  });
  const target = releaseFixture('2.4.8', { packages: { 'magento/magento2-base': '2.4.8' } });
  const findings = await runRule(packageAdvisoryRule, { project, advisoriesFor: lookup, target: { release: target } });
  assert.deepEqual(
    findings.map((f) => [f.package, f.subject, f.severity]),
    [
      ['guzzlehttp/psr7', 'guzzlehttp/psr7 GHSA-wxmh-65f7-jcvw', 'error'],
      ['magento/magento2-base', 'magento/magento2-base CVE-2022-24086', 'error'],
    ],
  );
  assert.deepEqual(
    findings.map((f) => [f.messageId, f.data?.what]),
    [
      [
        'affectedFixed',
        [
          {
            messageId: 'advisoryCve',
            data: { id: 'GHSA-wxmh-65f7-jcvw', cve: 'CVE-2023-29197', title: 'Improper header validation' },
          },
        ],
      ],
      ['affectedFixed', [{ messageId: 'advisory', data: { id: 'CVE-2022-24086', title: 'Template injection' } }]],
    ],
  );
  assert.equal(
    findings[0]!.message,
    'guzzlehttp/psr7 2.4.3 is affected by GHSA-wxmh-65f7-jcvw (CVE-2023-29197): Improper header validation. Fixed in 2.4.5.',
  );
  assert.deepEqual([findings[0]!.recommendationId, findings[0]!.data?.fixedIn], ['update', '2.4.5']);
  assert.deepEqual(
    [findings[1]!.recommendationId, findings[1]!.data?.name, findings[1]!.data?.targetVersion],
    ['fixedByUpgrade', 'magento/magento2-base', '2.4.8'],
  );
});

const adv = (over: Partial<Advisory> & Pick<Advisory, 'id' | 'package'>): Advisory => ({
  title: 'A vulnerability',
  affected: '<99',
  source: 'friendsofphp',
  ...over,
});

test('advice a user can follow: fixes only where the installed constraints allow them', async () => {
  const lib = (name: string, version: string, require: Record<string, string> = {}): ComposerPackage => ({
    ...pkg(name, version),
    require,
  });
  const framework = {
    ...lib('magento/framework', '103.0.7', { 'web-token/jwt-framework': '^3.1', 'webonyx/graphql-php': '^15.0' }),
    source: 'core' as const,
  };
  const vendorModule = lib('acme/module-pay', '1.0.0', { 'firebase/php-jwt': '^6.0' });
  const project = projectFixture({
    packages: [
      framework,
      vendorModule,
      lib('web-token/jwt-framework', '3.3.0'),
      lib('firebase/php-jwt', '6.10.0'),
      lib('webonyx/graphql-php', '15.5.0'),
      lib('guzzlehttp/psr7', '2.4.3'),
    ],
  });
  const db: Record<string, Advisory[]> = {
    'web-token/jwt-framework': [adv({ id: 'JWT-1', package: 'web-token/jwt-framework', fixedIn: '4.0.0' })],
    'firebase/php-jwt': [adv({ id: 'FJWT-1', package: 'firebase/php-jwt', fixedIn: '7.0.0' })],
    'webonyx/graphql-php': [adv({ id: 'GQL-1', package: 'webonyx/graphql-php' })],
    'guzzlehttp/psr7': [adv({ id: 'PSR7-1', package: 'guzzlehttp/psr7', fixedIn: '2.4.5' })],
  };
  const later = releaseFixture('2.4.10', { thirdParty: { 'web-token/jwt-framework': '^4.0' } });
  const target = releaseFixture('2.4.9', { thirdParty: { 'web-token/jwt-framework': '^3.4' } });
  const { createReleaseCatalog } = await import('../../knowledge/catalog.js');
  const { fixedClock } = await import('../../knowledge/clock.js');
  const findings = await runRule(packageAdvisoryRule, {
    project,
    advisoriesFor: (name) => db[name] ?? [],
    target: { release: target },
    catalog: createReleaseCatalog([target, later], fixedClock('2026-12-03')),
  });
  const rec = (id: string): unknown[] => {
    const f = findings.find((f) => f.subject?.endsWith(` ${id}`))!;
    return [f.recommendationId, f.data?.by, f.data?.constraint, f.data?.release];
  };
  assert.deepEqual(rec('JWT-1'), ['upgradeMagento', 'magento/framework', '^3.1', '2.4.10']);
  assert.deepEqual(rec('FJWT-1'), ['upgradeBlocker', 'acme/module-pay', '^6.0', undefined]);
  assert.deepEqual(rec('GQL-1'), ['mitigateRequired', 'magento/framework', undefined, undefined]);
  assert.deepEqual(rec('PSR7-1'), ['update', undefined, undefined, undefined]);

  const none = await runRule(packageAdvisoryRule, {
    project,
    advisoriesFor: (name) => db[name] ?? [],
    target: { release: target },
    catalog: createReleaseCatalog([target], fixedClock('2026-12-03')),
  });
  assert.equal(none.find((f) => f.subject?.endsWith(' JWT-1'))!.recommendationId, 'noFixInMagento');
});

test('dev-only packages labelled and ranked lower; Windows-only and Composer library copies at info; Roave says what it says', async () => {
  const project = projectFixture({
    packages: [
      { ...pkg('phpunit/phpunit', '9.5.0'), dev: true },
      pkg('phpmailer/phpmailer', '6.4.0'),
      pkg('composer/composer', '2.2.0'),
      pkg('acme/old', '1.0.0'),
    ],
  });
  const db: Record<string, Advisory[]> = {
    'phpunit/phpunit': [adv({ id: 'PU-1', package: 'phpunit/phpunit', severity: 'critical', fixedIn: '9.5.10' })],
    'phpmailer/phpmailer': [
      adv({
        id: 'PM-1',
        package: 'phpmailer/phpmailer',
        title: 'RCE affecting Windows hosts via UNC paths',
        fixedIn: '6.5.0',
      }),
    ],
    'composer/composer': [
      adv({ id: 'C-1', package: 'composer/composer', title: 'Command injection via VCS URLs', fixedIn: '2.2.12' }),
    ],
    'acme/old': [
      adv({
        id: 'roave:acme/old',
        package: 'acme/old',
        source: 'roave',
        affected: '<1.2',
        title: 'Versions with known vulnerabilities (Roave/SecurityAdvisories conflict list)',
        link: 'https://github.com/Roave/SecurityAdvisories/blob/x/composer.json',
      }),
    ],
  };
  const findings = await runRule(packageAdvisoryRule, { project, advisoriesFor: (n) => db[n] ?? [] });
  const by = (id: string) => findings.find((f) => f.subject?.endsWith(` ${id}`))!;
  assert.equal(by('PU-1').severity, 'warning');
  assert.deepEqual(
    [by('PU-1').messageId, by('PU-1').data?.dev, by('PU-1').data?.notes],
    ['affectedFixedNoted', [{ messageId: 'dev' }], [{ messageId: 'devOnly' }]],
  );
  assert.equal(
    by('PU-1').message,
    '[dev] phpunit/phpunit 9.5.0 is affected by PU-1: A vulnerability. Fixed in 9.5.10. Note: dev-only package (require-dev): not deployed by composer install --no-dev.',
  );
  assert.equal(by('PM-1').severity, 'info');
  assert.deepEqual(by('PM-1').data?.notes, [{ messageId: 'windowsOnly' }]);
  assert.equal(by('C-1').severity, 'info');
  assert.deepEqual(by('C-1').data?.notes, [{ messageId: 'composerLibrary' }]);
  assert.deepEqual(
    [by('roave:acme/old').messageId, by('roave:acme/old').data?.what],
    ['affected', [{ messageId: 'roave', data: { name: 'acme/old', affected: '<1.2' } }]],
  );
  assert.equal(
    by('roave:acme/old').message,
    'acme/old 1.0.0 is affected by Roave/SecurityAdvisories lists acme/old <1.2 as having known vulnerabilities (that list gives no advisory text or CVE). No fixed version is known.',
  );
  assert.deepEqual(by('roave:acme/old').data?.readMore, [
    { messageId: 'readMore', data: { name: 'acme/old', query: 'acme%2Fold' } },
  ]);
});

test('one vulnerability, one finding: a core advisory that is an Adobe bulletin is left to core-bulletin (CosmicSting)', async () => {
  const { createReleaseCatalog } = await import('../../knowledge/catalog.js');
  const { fixedClock } = await import('../../knowledge/clock.js');
  const release = releaseFixture('2.4.7-p1', { apsb: ['APSB24-40'] });
  const catalog = createReleaseCatalog([release], fixedClock('2026-12-03'));
  const project = projectFixture({ packages: [pkg('magento/product-community-edition', '2.4.7', 'core')] });
  const db = {
    'magento/product-community-edition': [
      adv({
        id: 'magento/product-community-edition/CVE-2024-34102',
        package: 'magento/product-community-edition',
        cve: 'CVE-2024-34102',
        link: 'https://helpx.adobe.com/security/products/magento/apsb24-40.html',
        fixedIn: '2.4.7-p1',
      }),
    ],
  };
  const findings = await runRule(packageAdvisoryRule, {
    project,
    catalog,
    advisoriesFor: (n) => db[n as keyof typeof db] ?? [],
  });
  assert.deepEqual(findings, []);
});

test("advisories on Magento's own package that the target's version no longer has are one finding, not one each", async () => {
  // An Adobe Commerce 2.2.1 (before the catalog's bulletins): FriendsOfPHP lists dozens of PRODSECBUG advisories
  // on the product metapackage, every one gone at the target.
  const old = (n: number, severity: Advisory['severity']): Advisory => ({
    id: `magento/product-community-edition/CVE-2019-${8100 + n}`,
    cve: `CVE-2019-${8100 + n}`,
    package: 'magento/product-community-edition',
    title: `PRODSECBUG-${2400 + n}`,
    affected: '>=2.2.0,<2.2.10',
    source: 'friendsofphp',
    severity,
    fixedIn: '2.2.10',
  });
  const list = [old(1, 'medium'), old(2, 'high'), ...Array.from({ length: 7 }, (_, i) => old(3 + i, 'low'))];
  const lookupOld = (name: string, version: string) =>
    name === 'magento/product-community-edition' && version.startsWith('2.2.') ? list : [];
  // In a Commerce install magento/product-community-edition is `adobe` (magento/product-enterprise-edition requires it).
  const project = projectFixture({ packages: [pkg('magento/product-community-edition', '2.2.1', 'adobe')] });
  const target = releaseFixture('2.4.8', { packages: { 'magento/product-community-edition': '2.4.8' } });
  const findings = await runRule(packageAdvisoryRule, {
    project,
    advisoriesFor: lookupOld,
    target: { release: target },
  });
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.messageId, 'coreFixedByUpgrade');
  assert.equal(findings[0]!.severity, 'error');
  assert.equal(findings[0]!.effort?.hours, 0);
  assert.equal(
    findings[0]!.message,
    'magento/product-community-edition 2.2.1 is affected by 9 known advisories (CVE-2019-8101, CVE-2019-8102, ' +
      'CVE-2019-8103, CVE-2019-8104, CVE-2019-8105, CVE-2019-8106, and 3 more), none of which affects the 2.4.8 ' +
      'the upgrade installs.',
  );
  // One advisory alone keeps its own finding, as before.
  const one = await runRule(packageAdvisoryRule, {
    project,
    advisoriesFor: (name, version) => lookupOld(name, version).slice(0, 1),
    target: { release: target },
  });
  assert.deepEqual(
    one.map((f) => f.messageId),
    ['affectedFixed'],
  );
});

// Shaped on UglyWillDuckling/magento23 (2.3.2 lock → 2.4.8-p3): guzzle 6.3.3 and otphp 8.3 are Magento's, and the
// upgrade's metapackage moves guzzle to ^7.5 and drops msp/twofactorauth, the package that holds otphp back.
test("a bundled library the target's range moves: advisories outside the range are fixed by the upgrade (0 h); a blocker the upgrade removes is no 'no fix'", async () => {
  const bundled = (name: string, version: string, require: Record<string, string> = {}): ComposerPackage => ({
    ...pkg(name, version),
    require,
    ownership: 'bundled',
  });
  const project = projectFixture({
    packages: [
      bundled('guzzlehttp/guzzle', '6.3.3'),
      bundled('msp/twofactorauth', '3.1.1', { 'spomky-labs/otphp': '~8.3' }),
      bundled('spomky-labs/otphp', '8.3.3'),
    ],
  });
  const db: Record<string, Advisory[]> = {
    'guzzlehttp/guzzle': [
      adv({ id: 'G-1', package: 'guzzlehttp/guzzle', affected: '<6.5.7', fixedIn: '6.5.7', severity: 'high' }),
      adv({ id: 'G-2', package: 'guzzlehttp/guzzle', affected: '<6.5.8', fixedIn: '6.5.8', severity: 'high' }),
      adv({ id: 'G-3', package: 'guzzlehttp/guzzle', affected: '<7.9.9', fixedIn: '7.9.9', severity: 'high' }),
    ],
    'spomky-labs/otphp': [adv({ id: 'OTP-1', package: 'spomky-labs/otphp', fixedIn: '11.4.3', severity: 'high' })],
  };
  const current = releaseFixture('2.3.2', {
    thirdParty: { 'msp/twofactorauth': '3.1.1', 'guzzlehttp/guzzle': '^6.3.3' },
  });
  const target = releaseFixture('2.4.8-p3', { thirdParty: { 'guzzlehttp/guzzle': '^7.5' } });
  const findings = await runRule(packageAdvisoryRule, {
    project,
    advisoriesFor: (name) => db[name] ?? [],
    current: { release: current, symbols: null },
    target: { release: target },
    catalog: (await import('../../knowledge/catalog.js')).createReleaseCatalog(
      [target],
      (await import('../../knowledge/clock.js')).fixedClock('2026-12-04'),
    ),
  });
  assert.deepEqual(
    findings.map((f) => [f.subject, f.recommendationId, f.effort?.hours]),
    [
      ['guzzlehttp/guzzle advisories fixed by the upgrade', 'allFixedByUpgrade', 0],
      ['guzzlehttp/guzzle G-3', 'update', 1],
      ['spomky-labs/otphp OTP-1', 'blockerMovesUnverified', 1],
    ],
  );
  assert.equal(findings[0]!.data?.targetVersion, '^7.5');
});

// Shaped on skukla/magento-cloud (Commerce Cloud 2.4.0-p1 lock): otphp is held by magento/module-two-factor-auth,
// which magento/security-package brings, and 2.4.8-p3 pins another security-package; symfony/yaml is held by
// magento/magento-cloud-docker, which the root requires itself (dev-develop), so the upgrade does not move it.
test('a Magento package brought by one the target moves is moving too; one the root requires stays', async () => {
  const core = (name: string, version: string, require: Record<string, string> = {}, direct = false) => ({
    ...pkg(name, version, 'core'),
    require,
    ownership: 'core' as const,
    direct,
  });
  const project = projectFixture({
    packages: [
      core('magento/security-package', '1.0.0-p1', { 'magento/module-two-factor-auth': '1.0.0' }),
      core('magento/module-two-factor-auth', '1.0.0', { 'spomky-labs/otphp': '^10.0' }),
      core('magento/magento-cloud-docker', 'dev-develop', { 'symfony/yaml': '^3.3||^4.0' }, true),
      { ...pkg('spomky-labs/otphp', '10.0.1'), ownership: 'bundled' },
      { ...pkg('symfony/yaml', '4.4.13'), ownership: 'bundled' },
    ],
  });
  const db: Record<string, Advisory[]> = {
    'spomky-labs/otphp': [adv({ id: 'OTP-1', package: 'spomky-labs/otphp', fixedIn: '11.4.3' })],
    'symfony/yaml': [adv({ id: 'YAML-1', package: 'symfony/yaml', fixedIn: '5.4.52' })],
  };
  const target = releaseFixture('2.4.8-p3', { packages: { 'magento/security-package': '1.1.7-p3' } });
  const findings = await runRule(packageAdvisoryRule, {
    project,
    advisoriesFor: (name) => db[name] ?? [],
    target: { release: target },
    catalog: (await import('../../knowledge/catalog.js')).createReleaseCatalog(
      [target],
      (await import('../../knowledge/clock.js')).fixedClock('2026-12-04'),
    ),
  });
  assert.deepEqual(
    findings.map((f) => [f.subject, f.recommendationId, f.data?.by]),
    [
      ['spomky-labs/otphp OTP-1', 'blockerMovesUnverified', 'magento/module-two-factor-auth'],
      ['symfony/yaml YAML-1', 'noFixInMagento', 'magento/magento-cloud-docker'],
    ],
  );
});
