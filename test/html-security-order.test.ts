import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeFinding, type Finding } from '../src/core/finding.js';
import { renderCheckHtml } from '../src/report/html/render-html.js';
import { hostileCheckResult } from './fixtures/reports/hostile-check-result.js';

const advisory = (pkg: string, severity: Finding['severity'], owner: Finding['owner']): Finding =>
  makeFinding({
    ruleId: 'security/package-advisory',
    category: 'security',
    severity,
    owner,
    package: pkg,
    file: 'composer.lock',
    message: `${pkg} 1.0.0 is affected by ADV-${pkg}.`,
    recommendation: 'Upgrade.',
  });

test("the HTML Security list ranks production code first and says Composer's library copy is not run by the store", () => {
  const base = hostileCheckResult();
  // The check's own order (package name) puts composer/composer first: the summary must not.
  const findings = [
    advisory('composer/composer', 'info', 'bundled'),
    advisory('phpunit/phpunit', 'warning', 'dev-only'),
    advisory('webonyx/graphql-php', 'error', 'library'),
  ];
  const result = {
    ...base,
    targets: [{ ...base.targets[0]!, findings }],
    findings: findings.map((f) => ({ ...f, target: '2.4.8' })),
  };
  const html = renderCheckHtml(result);
  const list = /<div class="panel spaced" id="security">([\s\S]*?)<\/div>/.exec(html)![1]!;
  const order = ['webonyx/graphql-php', 'phpunit/phpunit', 'composer/composer'].map((p) => list.indexOf(`ADV-${p}`));
  assert.ok(order.every((i) => i >= 0) && order[0]! < order[1]! && order[1]! < order[2]!, list);
  assert.match(list, /\[not run by the store\]<\/span> composer\/composer/);
  assert.match(list, /\[dev-only\]<\/span> phpunit\/phpunit/);
});
