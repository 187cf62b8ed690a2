import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moduleFixture, projectFixture, releaseFixture, runRule } from '../testing.js';
import { emptyCustomizations } from '../../project/customizations/index.js';
import type { Customizations } from '../../project/model.js';
import { formatMessage, type MessagePart } from '../rule.js';
import { signatureMismatch } from './signature-mismatch.js';
import { classDecl, indexOf, method, unitOf } from './fixtures.js';

const repo = 'Magento\\Catalog\\Model\\Repo';
const iface = 'Magento\\Catalog\\Api\\ThingInterface';
const current = indexOf([
  classDecl(repo, {
    methods: [
      method('save', { params: [{ name: 'item', type: 'Magento\\Catalog\\Model\\Item' }] }),
      method('load', { params: [{ name: 'id' }] }),
      method('finalLater', { params: [] }),
      method('gone', { params: [] }),
    ],
  }),
  classDecl(iface, { kind: 'interface', methods: [method('one', { returnType: 'string' })] }),
  classDecl('Magento\\Catalog\\Model\\Item'),
]);
const target = indexOf([
  classDecl(repo, {
    methods: [
      method('save', {
        params: [
          { name: 'item', type: 'Magento\\Catalog\\Model\\Item' },
          { name: 'force', type: 'bool' },
        ],
        returnType: 'Magento\\Catalog\\Model\\Item',
      }),
      method('load', {
        params: [
          { name: 'id', type: 'int' },
          { name: 'field', type: '?string', default: 'null' },
        ],
      }),
      method('finalLater', { params: [], final: true }),
    ],
  }),
  classDecl(iface, {
    kind: 'interface',
    methods: [method('one', { returnType: 'string' }), method('two', { returnType: 'int' })],
  }),
  classDecl('Magento\\Catalog\\Model\\Item'),
]);

const source = `<?php
namespace Acme\\Shop\\Model;

use Magento\\Catalog\\Model\\Item;

class MyRepo extends \\Magento\\Catalog\\Model\\Repo implements \\Magento\\Catalog\\Api\\ThingInterface
{
    public function save(Item $item) { return $item; }
    public function load($id, $field = null) {}
    public function one(): string { return ''; }
}
`;

test('overrides and implementations that the target signature breaks, with before → after', async () => {
  const unit = await unitOf('app/code/Acme/Shop/Model/MyRepo.php', source);
  const findings = await runRule(signatureMismatch, {
    code: [unit],
    current: { release: releaseFixture('2.4.6'), symbols: current },
    target: { symbols: target },
  });
  assert.deepEqual(
    findings.map((f) => [f.line, f.subject]),
    [
      [6, 'unimplemented:acme\\shop\\model\\myrepo::two'],
      [8, 'override:acme\\shop\\model\\myrepo::save:magento\\catalog\\model\\repo'],
    ],
  );
  assert.equal(findings[0]!.messageId, 'unimplementedInterface');
  assert.deepEqual(findings[0]!.data, {
    class: 'Acme\\Shop\\Model\\MyRepo',
    owner: iface,
    method: 'two',
    release: [{ messageId: 'targetVersion', data: { version: '2.4.8' } }],
    signature: 'public function two(): int',
  });
  assert.equal(findings[0]!.recommendationId, 'implement');
  const save = findings[1]!;
  assert.equal(save.messageId, 'override');
  assert.deepEqual(save.data, {
    class: 'Acme\\Shop\\Model\\MyRepo',
    method: 'save',
    owner: repo,
    release: [{ messageId: 'targetVersion', data: { version: '2.4.8' } }],
    reasons: [
      { messageId: 'fewerParams', data: { mine: 1, theirs: 2 } },
      { messageId: 'returnTypeMissing', data: { theirs: 'Magento\\Catalog\\Model\\Item' } },
    ],
    current: [{ messageId: 'currentVersion', data: { version: '2.4.6' } }],
    before: 'public function save(Magento\\Catalog\\Model\\Item $item)',
    after: 'public function save(Magento\\Catalog\\Model\\Item $item, bool $force): Magento\\Catalog\\Model\\Item',
    yours: 'public function save(Magento\\Catalog\\Model\\Item $item)',
  });
  // The rendering: the reasons, each a message of its own, joined with "; ".
  assert.equal(
    save.message,
    'Acme\\Shop\\Model\\MyRepo::save() no longer fits Magento\\Catalog\\Model\\Repo::save() in 2.4.8: it takes 1 ' +
      'parameter(s), the parent 2; it declares no return type, the parent returns Magento\\Catalog\\Model\\Item. ' +
      'Signature in 2.4.6: `public function save(Magento\\Catalog\\Model\\Item $item)` → in 2.4.8: `public function ' +
      'save(Magento\\Catalog\\Model\\Item $item, bool $force): Magento\\Catalog\\Model\\Item`; yours: `public ' +
      'function save(Magento\\Catalog\\Model\\Item $item)`',
  );
  assert.equal(
    findings[0]!.message,
    'Acme\\Shop\\Model\\MyRepo does not implement Magento\\Catalog\\Api\\ThingInterface::two(), which 2.4.8 ' +
      'adds to the interface: `public function two(): int`',
  );
  assert.equal(save.severity, 'critical');
});

test('plugins on removed, final, or re-signed methods', async () => {
  const pluginUnit = await unitOf(
    'app/code/Acme/Shop/Plugin/RepoPlugin.php',
    `<?php
namespace Acme\\Shop\\Plugin;
class RepoPlugin
{
    public function beforeLoad($subject, $id) { return [$id]; }
    public function afterSave($subject, $result, \\Magento\\Catalog\\Model\\Item $item) { return $result; }
    public function aroundGone($subject, callable $proceed) { return $proceed(); }
    public function beforeFinalLater($subject) {}
}
`,
  );
  const customizations: Customizations = {
    ...emptyCustomizations(),
    plugins: [
      {
        target: repo,
        name: 'acme_repo',
        type: 'Acme\\Shop\\Plugin\\RepoPlugin',
        disabled: false,
        area: 'global',
        methods: [],
        file: 'app/code/Acme/Shop/etc/di.xml',
        line: 4,
      },
    ],
  };
  const module = moduleFixture('Acme_Shop', customizations);
  const findings = await runRule(signatureMismatch, {
    code: [pluginUnit],
    project: projectFixture({ modules: [module] }),
    current: { release: releaseFixture('2.4.6'), symbols: current },
    target: { symbols: target },
  });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity, f.subject]),
    [
      [5, 'critical', 'plugin-params:acme\\shop\\plugin\\repoplugin::beforeload'],
      [7, 'critical', 'plugin:acme\\shop\\plugin\\repoplugin::aroundgone'],
      [8, 'error', 'plugin-unreachable:acme\\shop\\plugin\\repoplugin::beforefinallater'],
    ],
  );
  assert.deepEqual(
    findings.map((f) => f.messageId),
    ['pluginParams', 'pluginTargetGone', 'pluginUnreachable'],
  );
  assert.deepEqual(
    findings.map((f) => f.recommendationId),
    ['updateBeforeArguments', 'retargetPlugin', 'moveCustomization'],
  );
  assert.deepEqual(findings[0]!.data?.reasons, [{ messageId: 'pluginArgCount', data: { count: 1, total: 2 } }]);
  assert.equal(findings[1]!.data?.where, 'app/code/Acme/Shop/etc/di.xml:4');
  assert.equal(findings[1]!.data?.method, 'gone');
  assert.equal(findings[2]!.data?.problem, 'final');
});

test('Monolog 3: a handler overriding write(array $record) against write(LogRecord $record)', async () => {
  const handler = 'Magento\\Framework\\Logger\\Handler\\Base';
  const before = indexOf([
    classDecl(handler, {
      methods: [
        method('write', { visibility: 'protected', params: [{ name: 'record', type: 'array' }], returnType: 'void' }),
      ],
    }),
  ]);
  const after = indexOf([
    classDecl(handler, {
      methods: [
        method('write', {
          visibility: 'protected',
          params: [{ name: 'record', type: 'Monolog\\LogRecord' }],
          returnType: 'void',
        }),
      ],
    }),
    classDecl('Monolog\\LogRecord'),
  ]);
  const unit = await unitOf(
    'app/code/Acme/Log/Handler.php',
    `<?php\nnamespace Acme\\Log;\nclass Handler extends \\Magento\\Framework\\Logger\\Handler\\Base\n{\n    protected function write(array $record): void {}\n}\n`,
  );
  const findings = await runRule(signatureMismatch, {
    code: [unit],
    current: { release: releaseFixture('2.4.7'), symbols: before },
    target: { symbols: after },
  });
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.messageId, 'override');
  assert.deepEqual(findings[0]!.data?.reasons, [
    { messageId: 'paramType', data: { index: 1, mine: 'array', theirs: 'Monolog\\LogRecord' } },
  ]);
});

test('parent::__construct() and new with fewer arguments than the target constructor requires', async () => {
  const ctx = 'Magento\\Framework\\Model\\Context';
  const model = 'Magento\\Framework\\Model\\AbstractModel';
  const ctor = (extra: boolean) =>
    method('__construct', {
      params: [
        { name: 'context', type: ctx },
        ...(extra ? [{ name: 'serializer', type: 'Magento\\Framework\\Serialize\\SerializerInterface' }] : []),
        { name: 'data', type: 'array', default: '[]' },
      ],
    });
  const before = indexOf([classDecl(model, { methods: [ctor(false)] })]);
  const after = indexOf([classDecl(model, { methods: [ctor(true)] })]);
  const unit = await unitOf(
    'app/code/Acme/Shop/Model/Thing.php',
    `<?php
namespace Acme\\Shop\\Model;
class Thing extends \\Magento\\Framework\\Model\\AbstractModel
{
    public function __construct(\\Magento\\Framework\\Model\\Context $context, array $data = [])
    {
        parent::__construct($context);
    }
    public function copy($context) { return new \\Magento\\Framework\\Model\\AbstractModel($context); }
}
`,
  );
  const findings = await runRule(signatureMismatch, {
    code: [unit],
    current: { release: releaseFixture('2.4.6'), symbols: before },
    target: { symbols: after },
  });
  assert.deepEqual(
    findings.map((f) => [f.line, f.subject]),
    [
      [7, 'arity:magento\\framework\\model\\abstractmodel::__construct()'],
      [9, 'arity:magento\\framework\\model\\abstractmodel::__construct()'],
    ],
  );
  assert.equal(findings[1]!.messageId, 'arity');
  assert.deepEqual(
    [findings[1]!.data?.call, findings[1]!.data?.count, findings[1]!.data?.needed],
    ['new Magento\\Framework\\Model\\AbstractModel(…)', 1, 2],
  );
  assert.equal(findings[0]!.recommendationId, 'passConstructorArguments');
  assert.deepEqual(findings[0]!.data?.arguments, [
    { messageId: 'newArgument', data: { param: 'Magento\\Framework\\Serialize\\SerializerInterface $serializer' } },
  ]);
});

test('one finding per overriding method: the nearest changed prototype, not each ancestor repeating it', async () => {
  const handler = (name: string, type: string, parent?: string) =>
    classDecl(name, {
      ...(parent ? { extends: parent } : {}),
      methods: [method('write', { visibility: 'protected', params: [{ name: 'record', type }], returnType: 'void' })],
    });
  const chain = (type: string) =>
    indexOf([
      handler('Monolog\\Handler\\StreamHandler', type),
      handler('Magento\\Framework\\Logger\\Handler\\Base', type, 'Monolog\\Handler\\StreamHandler'),
      classDecl('Monolog\\LogRecord'),
    ]);
  const unit = await unitOf(
    'app/code/Acme/Shop/Logger/Debug.php',
    `<?php
namespace Acme\\Shop\\Logger;
class Debug extends \\Magento\\Framework\\Logger\\Handler\\Base
{
    protected function write(array $record): void { parent::write($record); }
}
`,
  );
  const findings = await runRule(signatureMismatch, {
    code: [unit],
    current: { release: releaseFixture('2.4.6'), symbols: chain('array') },
    target: { symbols: chain('Monolog\\LogRecord') },
  });
  assert.deepEqual(
    findings.map((f) => [f.line, f.subject]),
    [[5, 'override:acme\\shop\\logger\\debug::write:magento\\framework\\logger\\handler\\base']],
  );
});

test('a class declared twice in a file (Monolog 2/3 dual support) is fine when one declaration fits the target', async () => {
  const handler = (type: string) =>
    indexOf([
      classDecl('Monolog\\Handler\\AbstractHandler', {
        methods: [method('isHandling', { params: [{ name: 'record', type }], returnType: 'bool' })],
      }),
      classDecl('Monolog\\LogRecord'),
      classDecl('Monolog\\Logger'),
    ]);
  const dual = (elseBranch: string) => `<?php
namespace Acme\\Shop\\Logger;
if (\\Monolog\\Logger::API < 3) {
    class Handler extends \\Monolog\\Handler\\AbstractHandler
    {
        public function isHandling(array $record): bool { return true; }
    }
} else {
    class Handler extends \\Monolog\\Handler\\AbstractHandler
    {
        public function isHandling(${elseBranch} $record): bool { return true; }
    }
}
`;
  const run = async (elseBranch: string) =>
    runRule(signatureMismatch, {
      code: [await unitOf('app/code/Acme/Shop/Logger/Handler.php', dual(elseBranch))],
      current: { release: releaseFixture('2.4.7'), symbols: handler('array') },
      target: { symbols: handler('Monolog\\LogRecord') },
    });
  assert.deepEqual(await run('\\Monolog\\LogRecord'), []);
  // Neither declaration fits: both are reported.
  assert.deepEqual(
    (await run('array')).map((f) => f.line),
    [6, 11],
  );
});

test('arguments forwarded to parent::__construct() that shift into a slot of another type', async () => {
  const ctx = 'Magento\\Backend\\Block\\Template\\Context';
  const grid = (params: { name: string; type?: string; default?: string }[]) =>
    indexOf([
      classDecl('Magento\\Backend\\Block\\Widget\\Grid\\Extended', { methods: [method('__construct', { params })] }),
      classDecl(ctx),
      classDecl('Magento\\Framework\\Url\\DecoderInterface', { kind: 'interface' }),
    ]);
  const before = grid([
    { name: 'context', type: ctx },
    { name: 'data', type: 'array', default: '[]' },
  ]);
  const after = grid([
    { name: 'context', type: ctx },
    { name: 'urlDecoder', type: '?Magento\\Framework\\Url\\DecoderInterface', default: 'null' },
    { name: 'data', type: 'array', default: '[]' },
  ]);
  const unit = await unitOf(
    'app/code/Acme/Shop/Block/Grid.php',
    `<?php
namespace Acme\\Shop\\Block;
use Magento\\Backend\\Block\\Template\\Context;
class Grid extends \\Magento\\Backend\\Block\\Widget\\Grid\\Extended
{
    public function __construct(Context $context, array $data = [])
    {
        parent::__construct($context, $data);
    }
}
`,
  );
  const findings = await runRule(signatureMismatch, {
    code: [unit],
    current: { release: releaseFixture('2.4.6'), symbols: before },
    target: { symbols: after },
  });
  assert.deepEqual(
    findings.map((f) => [f.line, f.subject]),
    [
      [
        8,
        'forwarded-args:acme\\shop\\block\\grid::__construct:magento\\backend\\block\\widget\\grid\\extended::__construct()',
      ],
    ],
  );
  assert.equal(findings[0]!.messageId, 'forwardedArgs');
  assert.deepEqual(findings[0]!.data?.problems, [
    {
      messageId: 'argumentShiftedWas',
      data: {
        index: 2,
        variable: 'data',
        type: 'array',
        slot: '?Magento\\Framework\\Url\\DecoderInterface $urlDecoder = null',
        was: 'array $data = []',
      },
    },
  ]);
  // The list of problems is rendered from the rule's own messages, part by part.
  const [problem] = findings[0]!.data!.problems as MessagePart[];
  assert.ok(findings[0]!.message.includes(formatMessage(signatureMismatch.meta, problem!.messageId, problem!.data)));
  // Same arguments against an unchanged parent: nothing.
  const unchanged = await runRule(signatureMismatch, {
    code: [unit],
    current: { release: releaseFixture('2.4.6'), symbols: before },
    target: { symbols: before },
  });
  assert.deepEqual(unchanged, []);
});
