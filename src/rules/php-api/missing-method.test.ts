import { test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseFixture, runRule } from '../testing.js';
import { missingMethod } from './missing-method.js';
import { classDecl, indexOf, method, unitOf } from './fixtures.js';
import { fixWith } from '../../fix/testing.js';

const base = 'Magento\\Catalog\\Model\\Base';
const current = indexOf([
  classDecl(base, {
    methods: [
      method('load', { params: [{ name: 'id', type: 'int' }] }),
      method('legacyThing', { deprecated: 'use modernThing()' }),
      method('kept'),
    ],
  }),
  classDecl('Magento\\Framework\\Magic', { methods: [method('__call')] }),
]);
const target = indexOf([
  classDecl(base, { methods: [method('load', { params: [{ name: 'id', type: 'int' }] }), method('kept')] }),
  classDecl('Magento\\Framework\\Magic', { methods: [method('__call')] }),
]);

const source = `<?php
namespace Acme\\Shop\\Model;

class Child extends \\Magento\\Catalog\\Model\\Base
{
    public function __construct(private \\Magento\\Framework\\Magic $magic) {}

    public function legacyThing()
    {
        $this->kept();
        $this->magic->getAnything();
        $this->ownHelper();
        return parent::legacyThing();
    }

    public function run(\\Magento\\Catalog\\Model\\Base $other): void
    {
        $other->legacyThing();
        $other->neverExisted();
    }

    private function ownHelper(): void {}
}
`;

test('calls and overrides of methods the target removed, nothing for magic or unknown methods', async () => {
  const unit = await unitOf('app/code/Acme/Shop/Model/Child.php', source);
  const findings = await runRule(missingMethod, {
    code: [unit],
    current: { release: releaseFixture('2.4.6'), symbols: current },
    target: { symbols: target },
  });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity, f.uctCode]),
    [
      [8, 'error', 1410],
      [13, 'critical', 1410],
      [18, 'critical', 1410],
    ],
  );
  assert.deepEqual(
    findings.map((f) => f.messageId),
    ['deadOverride', 'memberGone', 'memberGone'],
  );
  assert.deepEqual(findings[0]!.data, {
    class: 'Acme\\Shop\\Model\\Child',
    method: 'legacyThing',
    owner: 'Magento\\Catalog\\Model\\Base',
    was: 'public function legacyThing()',
    current: [{ messageId: 'currentVersion', data: { version: '2.4.6' } }],
    release: [{ messageId: 'targetVersion', data: { version: '2.4.8' } }],
  });
  assert.deepEqual(
    [findings[1]!.data?.member, findings[1]!.data?.signature, findings[1]!.data?.verb],
    [
      'Magento\\Catalog\\Model\\Base::legacyThing()',
      [{ messageId: 'wasSignature', data: { declaration: 'public function legacyThing()' } }],
      [{ messageId: 'verbCalled' }],
    ],
  );
  assert.match(
    findings[1]!.message,
    /^Magento\\Catalog\\Model\\Base::legacyThing\(\) \(was `public function legacyThing\(\)`\) is called here /,
  );
  assert.equal(findings[1]!.recommendationId, 'replaceMemberHinted');
  assert.deepEqual(findings[1]!.data?.hints, [
    {
      messageId: 'deprecatedNoteHint',
      data: { current: [{ messageId: 'currentVersion', data: { version: '2.4.6' } }], note: 'use modernThing()' },
    },
  ]);
});

test('silent without a current index (nothing to compare with)', async () => {
  const unit = await unitOf('app/code/Acme/Shop/Model/Child.php', source);
  assert.deepEqual(await runRule(missingMethod, { code: [unit], target: { symbols: target } }), []);
});

test('no member findings through a parent class the target lost (missing-class reports the parent)', async () => {
  const currentOnly = indexOf([classDecl('Magento\\Old\\Parent', { methods: [method('helper')] })]);
  const unit = await unitOf(
    'app/code/Acme/Shop/Model/Orphan.php',
    `<?php\nnamespace Acme\\Shop\\Model;\nclass Orphan extends \\Magento\\Old\\Parent\n{\n    public function run() { $this->helper(); }\n}\n`,
  );
  assert.deepEqual(
    await runRule(missingMethod, {
      code: [unit],
      current: { release: null, symbols: currentOnly },
      target: { symbols: indexOf([]) },
    }),
    [],
  );
});

test('fix: Monolog 1 level methods → PSR-3 on a known Monolog logger; a used return value is declined', async () => {
  const monolog1 = indexOf([
    classDecl('Monolog\\Logger', {
      methods: [method('addDebug'), method('addError'), method('debug'), method('error')],
    }),
    classDecl('Magento\\Framework\\Logger\\Monolog', { extends: 'Monolog\\Logger' }),
  ]);
  const monolog2 = indexOf([
    classDecl('Monolog\\Logger', { methods: [method('debug'), method('error')] }),
    classDecl('Magento\\Framework\\Logger\\Monolog', { extends: 'Monolog\\Logger' }),
  ]);
  const src = [
    '<?php',
    'namespace Acme\\Log;',
    'class Job',
    '{',
    '    public function __construct(private \\Magento\\Framework\\Logger\\Monolog $logger, private \\Acme\\Own $own) {}',
    '    public function run(): bool',
    '    {',
    "        $this->logger->addDebug('a', ['x' => 1]); /* addDebug stays in comments */",
    '        $this->logger?->AddError("b {$this->name}");',
    "        $this->own->addDebug('not a logger');",
    "        return $this->logger->addError('c');",
    '    }',
    '}',
    '',
  ].join('\r\n');
  const r = await fixWith(missingMethod, 'app/code/Acme/Log/Job.php', src, {
    current: { release: releaseFixture('2.4.3'), symbols: monolog1 },
    target: { symbols: monolog2 },
  });
  assert.equal(r.findings, 3);
  assert.deepEqual(r.fixes, ['addDebug() → debug()', 'AddError() → error()']);
  assert.deepEqual(r.declines, [
    'the value of addError() is used (Monolog 1 returned a bool, error() returns nothing): rewrite it by hand',
  ]);
  assert.equal(r.remaining, 1);
  assert.equal(
    r.text,
    src.replace("logger->addDebug('a'", "logger->debug('a'").replace('logger?->AddError(', 'logger?->error('),
  );
  assert.match(r.text, /addDebug stays in comments/);
  assert.match(r.text, /\r\n {8}\$this->own->addDebug\('not a logger'\);\r\n/);
});

test('fix: a removed method that is not a Monolog 1 level method is not fixable', async () => {
  const unit = await unitOf('app/code/Acme/Shop/Model/Child.php', source);
  const findings = await runRule(missingMethod, {
    code: [unit],
    current: { release: releaseFixture('2.4.6'), symbols: current },
    target: { symbols: target },
  });
  assert.ok(findings.length > 0);
  assert.ok(findings.every((f) => missingMethod.fixable?.(f) === false));
});
