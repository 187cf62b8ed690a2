import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComposerPackage } from '../../project/model.js';
import { projectFixture, runRule } from '../testing.js';
import { abandonedPackage as abandonedPackageRule } from './abandoned-package.js';

const pkg = (name: string, abandoned?: boolean | string): ComposerPackage => ({
  name,
  version: '1.0.0',
  type: 'library',
  source: 'third-party',
  license: [],
  require: {},
  ...(abandoned !== undefined ? { abandoned } : {}),
  direct: true,
});

test('names the replacement when the maintainer gives one', async () => {
  const project = projectFixture({
    packages: [
      pkg('laminas/laminas-zendframework-bridge', true),
      pkg('swiftmailer/swiftmailer', 'symfony/mailer'),
      pkg('acme/alive'),
    ],
  });
  const findings = await runRule(abandonedPackageRule, { project });
  assert.deepEqual(
    findings.map((f) => [f.package, f.severity]),
    [
      ['laminas/laminas-zendframework-bridge', 'warning'],
      ['swiftmailer/swiftmailer', 'warning'],
    ],
  );
  assert.equal(findings[1]!.messageId, 'abandonedWithReplacement');
  assert.equal(findings[1]!.data?.replacement, 'symfony/mailer');
  assert.equal(findings[0]!.messageId, 'abandoned');
  assert.deepEqual(
    findings.map((f) => f.recommendationId),
    ['findAlternative', 'replace'],
  );
});

test('a library the project does not require itself is not reported (Magento requires it)', async () => {
  const project = projectFixture({
    packages: [{ ...pkg('laminas/laminas-oauth', true), direct: false }, pkg('acme/old', true)],
  });
  const findings = await runRule(abandonedPackageRule, { project });
  assert.deepEqual(
    findings.map((f) => f.package),
    ['acme/old'],
  );
});
