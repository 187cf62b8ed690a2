import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Advisory } from '../../knowledge/types.js';
import type { ComposerPackage } from '../../project/model.js';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { packageAdvisoryRule } from './package-advisory.js';

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
  assert.match(findings[0]!.message, /CVE-2023-29197/);
  assert.match(findings[0]!.recommendation, /Update guzzlehttp\/psr7 to 2\.4\.5/);
  assert.match(findings[1]!.recommendation, /moves magento\/magento2-base to 2\.4\.8/);
});
