import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeFinding, type Finding } from '../core/finding.js';
import { moduleFixture } from '../rules/testing.js';
import { lowerDisabledModules } from './disabled-modules.js';
import { pricedFindings } from './summary.js';

const at = (module: string, ruleId: string, category: Finding['category'], severity: Finding['severity']): Finding =>
  makeFinding({
    ruleId,
    category,
    severity,
    module,
    file: `app/code/${module.replace('_', '/')}/Model/Thing.php`,
    message: `${ruleId} in ${module}`,
    recommendation: 'Fix it.',
    effort: { hours: 1, confidence: 'medium' },
  });

// Shaped on luxury-multisite: runtime deprecations (php-version) in modules config.php disables counted as required.
test('code findings of a module disabled in config.php become info with a note; its package findings and enabled modules keep theirs', () => {
  const modules = [
    moduleFixture('Old_Gone', {}, { enabled: false }),
    moduleFixture('Live_Shop'),
    moduleFixture('Magento_GoogleAdwords', {}, { enabled: false, core: true }),
  ];
  const findings = [
    at('Old_Gone', 'php-version/dynamic-property', 'php-version', 'warning'),
    at('Old_Gone', 'php-api/signature-mismatch', 'php-api', 'critical'),
    at('Old_Gone', 'composer/constraint-conflict', 'composer', 'critical'),
    at('Live_Shop', 'php-version/dynamic-property', 'php-version', 'warning'),
    at('Magento_GoogleAdwords', 'php-version/dynamic-property', 'php-version', 'warning'),
  ];
  const out = lowerDisabledModules(findings, { modules });
  assert.deepEqual(
    out.map((f) => `${f.module} ${f.ruleId} ${f.severity}`),
    [
      'Old_Gone php-version/dynamic-property info',
      'Old_Gone php-api/signature-mismatch info',
      'Old_Gone composer/constraint-conflict critical',
      'Live_Shop php-version/dynamic-property warning',
      'Magento_GoogleAdwords php-version/dynamic-property warning',
    ],
  );
  assert.match(
    out[1]!.details!,
    /^module disabled in config\.php: Old_Gone .*\(critical if the module is enabled again\)/,
  );
  assert.equal(out[0]!.fingerprint, findings[0]!.fingerprint, 'baselines and waivers keep matching');
  assert.deepEqual(
    pricedFindings(out).map((f) => `${f.module} ${f.ruleId}`),
    [
      'Old_Gone composer/constraint-conflict',
      'Live_Shop php-version/dynamic-property',
      'Magento_GoogleAdwords php-version/dynamic-property',
    ],
  );
  // Without config.php (enabled unknown) nothing changes.
  assert.deepEqual(
    lowerDisabledModules(findings, { modules: [moduleFixture('Old_Gone', {}, { enabled: null })] }),
    findings,
  );
});
