import { test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseFixture, runRule } from '../testing.js';
import { implicitNullable } from '../php-version/implicit-nullable.js';
import { classDecl, indexOf, unitOf } from './fixtures.js';
import { missingClass } from './missing-class.js';

const source = `<?php
namespace Acme\\Cache;
class Backend extends \\Magento\\Framework\\Old\\Backend
{
    public function load(array $ids = null) {}
}
`;

test('code of packages the target metapackage requires moves with the release: not reported; other vendor code is', async () => {
  const bundled = await unitOf('vendor/colinmollenhour/cache-backend-redis/Backend.php', source, {
    package: 'colinmollenhour/cache-backend-redis',
    module: null,
    origin: 'vendor',
  });
  const extension = await unitOf('vendor/acme/module-cache/Backend.php', source, {
    package: 'acme/module-cache',
    module: 'Acme_Cache',
    origin: 'vendor',
  });
  const context = {
    code: [bundled, extension],
    current: { release: releaseFixture('2.4.7'), symbols: indexOf([classDecl('Magento\\Framework\\Old\\Backend')]) },
    target: {
      php: '8.4',
      symbols: indexOf([]),
      release: releaseFixture('2.4.8', { thirdParty: { 'colinmollenhour/cache-backend-redis': '^1.17' } }),
    },
  };
  for (const rule of [missingClass, implicitNullable]) {
    const findings = await runRule(rule, context);
    assert.deepEqual(
      findings.map((f) => f.file),
      ['vendor/acme/module-cache/Backend.php'],
      rule.meta.id,
    );
  }
});
