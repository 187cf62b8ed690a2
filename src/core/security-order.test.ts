import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeFinding, type Finding } from './finding.js';
import { compareSecurityFindings, securityExposure, securityFindings } from './security-order.js';

const advisory = (pkg: string, severity: Finding['severity'], owner?: Finding['owner']): Finding =>
  makeFinding({
    ruleId: 'security/package-advisory',
    category: 'security',
    severity,
    package: pkg,
    message: `${pkg} is affected`,
    recommendation: 'upgrade',
    ...(owner ? { owner } : {}),
  });

test("production code first, then dev-only, then code the store never runs (Composer's library copy)", () => {
  const composer = advisory('composer/composer', 'error', 'bundled');
  const dev = advisory('phpunit/phpunit', 'critical', 'dev-only');
  const prodInfo = advisory('zend/mail', 'info', 'library');
  const prodError = advisory('webonyx/graphql-php', 'error', 'library');
  const other = makeFinding({
    ruleId: 'php-api/x',
    category: 'php-api',
    severity: 'critical',
    message: 'm',
    recommendation: 'r',
  });
  assert.deepEqual(
    securityFindings([composer, dev, other, prodInfo, prodError]).map((f) => f.package),
    ['webonyx/graphql-php', 'zend/mail', 'phpunit/phpunit', 'composer/composer'],
  );
  assert.equal(securityExposure(composer), 'not-run');
  assert.equal(securityExposure(dev), 'dev-only');
  assert.equal(securityExposure(prodInfo), 'production');
  assert.ok(compareSecurityFindings(prodInfo, composer) < 0);
});
