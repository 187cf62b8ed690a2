import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComposerPackage } from '../../project/model.js';
import { moduleFixture, projectFixture, releaseFixture, runRule } from '../testing.js';
import { nativeDuplicate as nativeDuplicateRule } from './native-duplicate.js';
import { NATIVE_FEATURES } from './native-features.js';

const pkg = (name: string): ComposerPackage => ({
  name,
  version: '3.0.0',
  type: 'magento2-module',
  source: 'third-party',
  license: [],
  require: {},
  path: `vendor/${name}`,
});

test('an MSP reCAPTCHA package on a target with the security package is a duplicate', async () => {
  const target = releaseFixture('2.4.8', { packages: { 'magento/security-package': '1.1.7' } });
  const findings = await runRule(nativeDuplicateRule, {
    project: projectFixture({ packages: [pkg('msp/recaptcha')] }),
    target: { release: target },
  });
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.severity, 'warning');
  assert.equal(findings[0]!.file, 'vendor/msp/recaptcha/composer.json');
  assert.equal(findings[0]!.messageId, 'native');
  assert.deepEqual(
    [findings[0]!.data?.what, findings[0]!.data?.natives],
    ['msp/recaptcha', 'Magento_ReCaptchaAdminUi, Magento_ReCaptchaFrontendUi, Magento_ReCaptchaCustomer'],
  );
});

test('a target without the native package (older release) reports nothing', async () => {
  const old = releaseFixture('2.3.4', { packages: { 'magento/framework': '102.0.4' } });
  assert.deepEqual(
    await runRule(nativeDuplicateRule, {
      project: projectFixture({ packages: [pkg('msp/recaptcha')] }),
      target: { release: old },
    }),
    [],
  );
});

test('every entry names a source and a native module', () => {
  for (const f of NATIVE_FEATURES) {
    assert.match(f.source, /^https:\/\//);
    assert.ok(f.nativeModules.length > 0 && f.modules.length > 0 && f.packages.length > 0);
  }
});

test('the finding is resolved by replacing the package (its package action says replace, not upgrade)', async () => {
  const target = releaseFixture('2.4.8', { packages: { 'magento/module-login-as-customer': '100.4.8' } });
  const [finding] = await runRule(nativeDuplicateRule, {
    project: projectFixture({ packages: [pkg('magefan/module-login-as-customer')] }),
    target: { release: target },
  });
  assert.equal(finding!.resolution, 'replace');
});

// Shaped on two real 2.3 stores (UglyWillDuckling/magento23's lock, valanitin/Test's config.php): Magento 2.3's
// metapackage brings msp/twofactorauth and msp/recaptcha, whose code is in the uncommitted vendor/.
test("2.3's MSP modules that came with Magento are Magento's, not the client's duplicate; an app/code copy is", async () => {
  const target = releaseFixture('2.4.8', { packages: { 'magento/security-package': '1.1.7' } });
  const onlyInConfig = (name: string) => moduleFixture(name, {}, { location: 'unknown', path: '' });
  const bundled = { ...pkg('msp/twofactorauth'), ownership: 'bundled' as const };
  const magentos = await runRule(nativeDuplicateRule, {
    project: projectFixture({
      packages: [bundled],
      modules: [onlyInConfig('MSP_TwoFactorAuth'), onlyInConfig('MSP_ReCaptcha')],
    }),
    target: { release: target },
  });
  assert.deepEqual(magentos, []);
  const clients = await runRule(nativeDuplicateRule, {
    project: projectFixture({ modules: [moduleFixture('MSP_ReCaptcha'), onlyInConfig('Gene_BlueFoot')] }),
    target: {
      release: releaseFixture('2.4.8', {
        packages: { 'magento/security-package': '1.1.7', 'magento/page-builder': '1.7.8' },
      }),
    },
  });
  assert.deepEqual(
    clients.map((f) => f.module),
    ['Gene_BlueFoot', 'MSP_ReCaptcha'],
  );
});
