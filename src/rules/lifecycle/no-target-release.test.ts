import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComposerPackage } from '../../project/model.js';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { noTargetRelease as noTargetReleaseRule } from './no-target-release.js';

const target = releaseFixture('2.4.8', {
  packages: { 'magento/framework': '103.0.8' },
  thirdParty: { 'monolog/monolog': '^3.6' },
});
const pkg = (name: string, require: Record<string, string>): ComposerPackage => ({
  name,
  version: '1.0.0',
  type: 'magento2-module',
  source: 'third-party',
  license: [],
  require,
  path: `vendor/${name}`,
});

test('one finding per extension whose magento/* or PHP requirements exclude the target', async () => {
  const project = projectFixture({
    packages: [
      pkg('acme/old', { 'magento/framework': '103.0.4', php: '~7.4.0' }),
      pkg('acme/lib-only', { 'monolog/monolog': '^2.0' }),
      pkg('acme/fine', { 'magento/framework': '^103.0' }),
    ],
  });
  const findings = await runRule(noTargetReleaseRule, { project, target: { release: target, php: '8.4' } });
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.package, 'acme/old');
  assert.equal(findings[0]!.messageId, 'noRelease');
  assert.deepEqual(findings[0]!.data, {
    requirer: 'acme/old',
    target: '2.4.8',
    installed: '1.0.0',
    deps: [
      { messageId: 'requirement', data: { dependency: 'magento/framework', constraint: '103.0.4' } },
      { messageId: 'requirement', data: { dependency: 'php', constraint: '~7.4.0' } },
    ],
    fit: [{ messageId: 'fitUnknown', data: { name: 'acme/old' } }],
  });
  assert.equal(findings[0]!.recommendationId, 'fit');
  assert.equal(
    findings[0]!.message,
    'No known release of acme/old supports 2.4.8: the installed 1.0.0 requires magento/framework 103.0.4, php ~7.4.0.',
  );
});

test('extension mode: the extension itself', async () => {
  const project = projectFixture({ kind: 'extension', rootRequire: { 'magento/framework': '103.0.6' } });
  const [f] = await runRule(noTargetReleaseRule, { project, target: { release: target, php: '8.4' } });
  assert.equal(f!.messageId, 'rootExcludes');
  assert.deepEqual(f!.data, {
    target: '2.4.8',
    deps: [{ messageId: 'requirement', data: { dependency: 'magento/framework', constraint: '103.0.6' } }],
  });
  assert.equal(f!.recommendationId, 'releaseAllowing');
});
