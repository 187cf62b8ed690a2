import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moduleFixture, projectFixture, releaseFixture, runRule } from '../testing.js';
import { missingClass } from './missing-class.js';
import { classDecl, indexOf, indexOfPackages, unitOf } from './fixtures.js';
import { emptyCustomizations } from '../../project/customizations/index.js';
import type { Module } from '../../project/model.js';
import type { MessagePart } from '../rule.js';

const current = indexOf([
  classDecl('Magento\\Framework\\Old\\Helper', { deprecated: 'since 2.4.6', see: ['Magento\\Framework\\New\\Helper'] }),
  classDecl('Magento\\Framework\\Kept'),
  classDecl('Magento\\Framework\\Old\\GoneInterface', { kind: 'interface' }),
]);
const target = indexOf([classDecl('Magento\\Framework\\Kept'), classDecl('Magento\\Framework\\New\\Helper')]);

const source = `<?php
namespace Acme\\Shop\\Model;

use Magento\\Framework\\Old\\Helper;
use Magento\\Framework\\Kept;

class Thing extends Helper implements \\Magento\\Framework\\Old\\GoneInterface, \\Countable
{
    public function __construct(private Kept $kept, private \\Magento\\Framework\\KeptFactory $factory) {}
    public function count(): int { return (new \\Acme\\Nowhere\\Foo())->n + \\strlen('x'); }
    public function make(): Helper { return new Helper(); }
}
`;

test('reports classes the current release has and the target lacks, with the UCT code of the use', async () => {
  const unit = await unitOf('app/code/Acme/Shop/Model/Thing.php', source);
  const findings = await runRule(missingClass, {
    code: [unit],
    current: { release: releaseFixture('2.4.6'), symbols: current },
    target: { symbols: target },
  });
  const critical = findings.filter((f) => f.severity === 'critical');
  assert.deepEqual(
    critical.map((f) => [f.line, f.uctCode, f.subject]),
    [
      [4, 1112, 'import:magento\\framework\\old\\helper'],
      [7, 1111, 'extends:magento\\framework\\old\\helper'],
      [7, 1318, 'implements:magento\\framework\\old\\goneinterface'],
      [11, 1114, 'return-type:magento\\framework\\old\\helper'],
      [11, 1110, 'new:magento\\framework\\old\\helper'],
    ],
  );
  assert.equal(critical[1]!.messageId, 'gone');
  assert.deepEqual(critical[1]!.data, {
    what: [{ messageId: 'declaredClass', data: { kind: 'class', name: 'Magento\\Framework\\Old\\Helper' } }],
    from: [{ messageId: 'ofPackage', data: { pkg: 'magento/framework' } }],
    use: [{ messageId: 'useExtends' }],
    current: [{ messageId: 'currentVersion', data: { version: '2.4.6' } }],
    release: [{ messageId: 'targetVersion', data: { version: '2.4.8' } }],
    class: 'Magento\\Framework\\Old\\Helper',
    hints: [
      {
        messageId: 'deprecatedNoteHint',
        data: { current: [{ messageId: 'currentVersion', data: { version: '2.4.6' } }], note: 'since 2.4.6' },
      },
      { messageId: 'seeHint', data: { targets: 'Magento\\Framework\\New\\Helper' } },
    ],
  });
  assert.equal(
    critical[1]!.message,
    'class `Magento\\Framework\\Old\\Helper` of magento/framework is extended here; 2.4.6 declares it, 2.4.8 does not',
  );
  assert.equal(critical[1]!.recommendationId, 'replaceParentHinted');
  assert.equal(critical[4]!.recommendationId, 'replaceClassHinted');
  // The factory is generated from a class the target has; Countable is PHP's; the unknown class is reported once as info.
  const info = findings.filter((f) => f.severity === 'info');
  assert.equal(info.length, 1);
  assert.equal(info[0]!.messageId, 'unresolved');
  assert.equal(info[0]!.data?.name, 'Acme\\Nowhere\\Foo');
  assert.equal(info[0]!.uctCode, undefined);
});

test('classes declared by the code under check count as present (shims for removed classes)', async () => {
  const shim = await unitOf(
    'app/code/Acme/Compat/Helper.php',
    `<?php namespace Magento\\Framework\\Old; class Helper {}`,
  );
  const user = await unitOf('app/code/Acme/Shop/Use.php', `<?php new \\Magento\\Framework\\Old\\Helper();`);
  const findings = await runRule(missingClass, {
    code: [shim, user],
    current: { release: null, symbols: current },
    target: { symbols: target },
  });
  assert.deepEqual(findings, []);
});

test('checks class names in di.xml and layout XML of non-core modules', async () => {
  const customizations = {
    ...emptyCustomizations(),
    preferences: [
      {
        for: 'Magento\\Framework\\Old\\GoneInterface',
        type: 'Acme\\Shop\\Model\\Thing',
        area: 'global',
        file: 'app/code/Acme/Shop/etc/di.xml',
        line: 9,
      },
    ],
    layouts: [
      {
        file: 'app/code/Acme/Shop/view/frontend/layout/default.xml',
        area: 'frontend',
        handle: 'default',
        blocks: [{ class: 'Magento\\Framework\\Old\\Helper', line: 5 }],
        references: [],
        // a view model the target removed, and a virtual type (not a class) that must not be reported
        objects: [
          { class: 'Magento\\Framework\\Old\\Helper', argument: 'view_model', line: 7 },
          { class: 'Acme\\Shop\\Virtual\\Provider', argument: 'provider', line: 8 },
        ],
      },
    ],
  };
  const module = moduleFixture('Acme_Shop', customizations);
  const coreModule: Module = { ...module, name: 'Magento_Core', core: true, location: 'vendor' };
  const findings = await runRule(missingClass, {
    project: projectFixture({ modules: [module, coreModule] }),
    current: { release: null, symbols: current },
    target: { symbols: target },
  });
  assert.deepEqual(
    findings.map((f) => [f.file, f.line, f.uctCode]),
    [
      ['app/code/Acme/Shop/etc/di.xml', 9, 1314],
      ['app/code/Acme/Shop/view/frontend/layout/default.xml', 5, 1114],
      ['app/code/Acme/Shop/view/frontend/layout/default.xml', 7, 1114],
    ],
  );
  assert.equal(findings[2]!.messageId, 'gone');
  assert.deepEqual(findings[2]!.data?.use, [{ messageId: 'useLayoutObject' }]);
});

test('says so when the target has no index', async () => {
  const findings = await runRule(missingClass, { target: { symbols: { ...target, coverage: 'none' } } });
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.messageId, 'noIndex');
});

test('a dropped library the project still requires itself is a warning, not critical', async () => {
  const currentWithLib = indexOfPackages([
    { package: 'magento/zendframework1', version: '1.14.5', classes: [classDecl('Zend_Json')], functions: [] },
    { package: 'laminas/laminas-old', version: '1.0.0', classes: [classDecl('Laminas\\Old\\Thing')], functions: [] },
  ]);
  const unit = await unitOf(
    'app/code/Acme/Shop/Model/Z.php',
    `<?php\n\\Zend_Json::encode([]);\nnew \\Laminas\\Old\\Thing();\n`,
  );
  const findings = await runRule(missingClass, {
    code: [unit],
    project: projectFixture({ rootRequire: { 'laminas/laminas-old': '^1.0' } }),
    current: { release: releaseFixture('2.4.5'), symbols: currentWithLib },
    target: { symbols: target },
  });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity]),
    [
      [2, 'critical'],
      [3, 'warning'],
    ],
  );
  assert.deepEqual(
    findings.map((f) => [f.recommendationId, (f.data?.hints as MessagePart[]).map((h) => h.messageId)]),
    [
      ['replaceClassHinted', ['libraryZend1']],
      ['replaceClassHinted', ['stillRequiredHint']],
    ],
  );
  assert.deepEqual((findings[1]!.data?.hints as MessagePart[])[0]!.data?.requirers, [{ messageId: 'rootRequirer' }]);
});

test('an imported namespace is not an unresolved class', async () => {
  const unit = await unitOf(
    'app/code/Acme/Shop/Block/R.php',
    `<?php\nnamespace Acme\\Shop\\Block;\nuse Magento\\Framework;\nclass R extends Framework\\Kept {}\n`,
  );
  assert.deepEqual(
    await runRule(missingClass, {
      code: [unit],
      current: { release: null, symbols: current },
      target: { symbols: target },
    }),
    [],
  );
});

test('checks block classes and view models in layouts of custom themes', async () => {
  const findings = await runRule(missingClass, {
    project: projectFixture({
      themes: [
        {
          code: 'frontend/Acme/default',
          area: 'frontend',
          parent: 'Magento/luma',
          parentChain: ['Magento/luma', 'Magento/blank'],
          path: 'app/design/frontend/Acme/default',
          package: null,
          location: 'app-design',
          hyva: false,
          overrides: [],
          layouts: [
            {
              file: 'app/design/frontend/Acme/default/Magento_Theme/layout/default.xml',
              area: 'frontend',
              handle: 'default',
              blocks: [{ class: 'Magento\\Framework\\Kept', line: 4 }],
              references: [],
              objects: [{ class: '\\Magento\\Framework\\Old\\Helper', line: 6 }],
            },
          ],
        },
      ],
    }),
    current: { release: null, symbols: current },
    target: { symbols: target },
  });
  assert.deepEqual(
    findings.map((f) => [f.file, f.line, f.subject]),
    [
      [
        'app/design/frontend/Acme/default/Magento_Theme/layout/default.xml',
        6,
        'layout-object:magento\\framework\\old\\helper',
      ],
    ],
  );
});

test('a package the target still requires but its index lacks is an index gap (info once), not a removal', async () => {
  const cacheApi = (version: string) => ({
    package: 'acme/zend-cache-fork',
    version,
    classes: [classDecl('Zend_Cache'), classDecl('Zend_Cache_Backend')],
    functions: [],
  });
  const unit = await unitOf(
    'vendor/acme/cache/Backend.php',
    `<?php
class Acme_Cache_Backend extends Zend_Cache_Backend
{
    public function x() { return Zend_Cache::CLEANING_MODE_ALL; }
}
`,
    { package: 'acme/cache', module: null, origin: 'vendor' },
  );
  const findings = await runRule(missingClass, {
    code: [unit],
    current: { release: releaseFixture('2.4.7'), symbols: indexOfPackages([cacheApi('1.16.0')]) },
    target: {
      symbols: indexOfPackages([]),
      release: releaseFixture('2.4.8', { thirdParty: { 'acme/zend-cache-fork': '^1.16' } }),
    },
  });
  assert.deepEqual(
    findings.map((f) => [f.severity, f.line, f.subject]),
    [['info', 2, 'index-gap:acme/zend-cache-fork']],
  );
  assert.equal(findings[0]!.messageId, 'indexGap');
  assert.deepEqual(
    [findings[0]!.data?.pkg, findings[0]!.data?.required],
    ['acme/zend-cache-fork', [{ messageId: 'stillRequires', data: { target: '2.4.8', constraint: '^1.16' } }]],
  );
  assert.match(
    findings[0]!.message,
    /: it comes from acme\/zend-cache-fork, which 2\.4\.8 still requires \(`\^1\.16`\) but the symbol index of /,
  );
  // Without the requirement the package really left the release: reported as missing.
  const gone = await runRule(missingClass, {
    code: [unit],
    current: { release: releaseFixture('2.4.7'), symbols: indexOfPackages([cacheApi('1.16.0')]) },
    target: { symbols: indexOfPackages([]) },
  });
  assert.deepEqual(
    gone.map((f) => f.severity),
    ['critical', 'critical'],
  );
});

test('from 2.4.8 on, a di.xml preference type that no release or code declares is an error (setup:di:compile fails)', async () => {
  const prefer = (forName: string, type: string, line: number) => ({
    for: forName,
    type,
    area: 'global',
    file: 'app/code/Acme/Shop/etc/di.xml',
    line,
  });
  const customizations = {
    ...emptyCustomizations(),
    preferences: [
      prefer(
        'Magento\\Framework\\Search\\Adapter\\Mysql\\Field\\FieldInterface',
        'Magento\\Framework\\Search\\Adapter\\Mysql\\Field\\Field',
        3,
      ),
      prefer('Acme\\Shop\\Api\\ThingInterface', 'Acme\\Shop\\Model\\GoneThing', 4),
      prefer('Acme\\Shop\\Api\\ThingInterface', 'Other\\Vendor\\Model\\Thing', 5), // another package: cannot be judged
      prefer('Acme\\Shop\\Api\\ThingInterface', 'Acme\\Shop\\Model\\Thing', 6),
      prefer('Acme\\Shop\\Api\\ThingInterface', 'Acme\\Shop\\Model\\VirtualThing', 7), // a virtual type of the module
    ],
    virtualTypes: [
      {
        name: 'Acme\\Shop\\Model\\VirtualThing',
        type: 'Magento\\Framework\\Kept',
        area: 'global',
        file: 'app/code/Acme/Shop/etc/di.xml',
        line: 9,
      },
    ],
  };
  const module = moduleFixture('Acme_Shop', customizations);
  const unit = await unitOf(
    'app/code/Acme/Shop/Model/Thing.php',
    '<?php\nnamespace Acme\\Shop\\Model;\nclass Thing {}\n',
  );
  const run = (version: string) =>
    runRule(missingClass, {
      project: projectFixture({ modules: [module] }),
      code: [unit],
      current: { release: releaseFixture('2.4.7'), symbols: current },
      target: { symbols: target, release: releaseFixture(version) },
    });
  assert.deepEqual(
    (await run('2.4.8')).map((f) => [f.severity, f.line, f.subject]),
    [
      ['error', 3, 'preference-type:magento\\framework\\search\\adapter\\mysql\\field\\field'],
      ['error', 4, 'preference-type:acme\\shop\\model\\gonething'],
    ],
  );
  assert.deepEqual(await run('2.4.7-p5'), []);
});

test('a promoted constructor parameter is reported once, as a dependency, not again as a parameter type', async () => {
  const unit = await unitOf(
    'app/code/Acme/Shop/Model/Uses.php',
    `<?php
namespace Acme\\Shop\\Model;
class Uses
{
    public function __construct(private \\Magento\\Framework\\Old\\Helper $helper) {}
}
`,
  );
  const findings = await runRule(missingClass, {
    code: [unit],
    current: { release: releaseFixture('2.4.6'), symbols: current },
    target: { symbols: target },
  });
  assert.deepEqual(
    findings.map((f) => [f.line, f.subject]),
    [[5, 'constructor-dependency:magento\\framework\\old\\helper']],
  );
});

test('a removed class used inside a class_exists guard is info, not critical', async () => {
  const unit = await unitOf(
    'app/code/Acme/Shop/Model/Guarded.php',
    `<?php
namespace Acme\\Shop\\Model;
class Guarded
{
    public function make()
    {
        if (class_exists(\\Magento\\Framework\\New\\Helper::class)) {
            return new \\Magento\\Framework\\New\\Helper();
        }
        return new \\Magento\\Framework\\Old\\Helper();
    }
    public function other()
    {
        return class_exists('Magento\\\\Framework\\\\New\\\\Helper') ? null : new \\Magento\\Framework\\Old\\Helper();
    }
}
`,
  );
  const findings = await runRule(missingClass, {
    code: [unit],
    current: { release: releaseFixture('2.4.6'), symbols: current },
    target: { symbols: target },
  });
  assert.deepEqual(
    findings.map((f) => [f.severity, f.line]),
    [
      ['critical', 10],
      ['info', 14],
    ],
  );
  assert.deepEqual((findings[1]!.data?.hints as MessagePart[])[0], { messageId: 'guardedHint' });
});

test('an unresolved Zend Framework 1 name says which library it was', async () => {
  const unit = await unitOf(
    'app/code/Acme/Shop/Block/Json.php',
    '<?php\nnamespace Acme\\Shop\\Block;\nclass Json { public function x() { return \\Zend_Json::encode([]); } }\n',
  );
  const findings = await runRule(missingClass, {
    code: [unit],
    current: { release: releaseFixture('2.4.6'), symbols: current },
    target: { symbols: target },
  });
  assert.deepEqual(
    findings.map((f) => [f.severity, f.line]),
    [['info', 3]],
  );
  assert.equal(findings[0]!.recommendationId, 'checkNameHinted');
  assert.deepEqual(findings[0]!.data?.hints, [{ messageId: 'libraryZend1' }]);
});

test('a package the target installs through a metapackage no tree shows (Braintree in 2.4.8) is an index gap, not a removal', async () => {
  const braintree = {
    package: 'paypal/module-braintree-core',
    version: '4.6.1-p10',
    classes: [classDecl('PayPal\\Braintree\\Gateway\\Config\\Config')],
    functions: [],
  };
  const unit = await unitOf(
    'app/code/Acme/Pay/Model/Fee.php',
    `<?php
namespace Acme\\Pay\\Model;
class Fee { public function __construct(private \\PayPal\\Braintree\\Gateway\\Config\\Config $config) {} }
`,
  );
  const findings = await runRule(missingClass, {
    code: [unit],
    current: { release: releaseFixture('2.4.7-p7'), symbols: indexOfPackages([braintree]) },
    target: {
      symbols: {
        ...indexOfPackages([]),
        notCovered: { 'paypal/module-braintree-core': 'adobe-commerce/os-extensions-metapackage 1.0.1' },
      },
      release: releaseFixture('2.4.8'),
    },
  });
  assert.deepEqual(
    findings.map((f) => [f.severity, f.subject]),
    [['info', 'index-gap:paypal/module-braintree-core']],
  );
  assert.equal(findings[0]!.messageId, 'indexGap');
  assert.deepEqual(
    [findings[0]!.data?.pkg, findings[0]!.data?.required],
    [
      'paypal/module-braintree-core',
      [
        {
          messageId: 'installedThrough',
          data: { target: '2.4.8', through: 'adobe-commerce/os-extensions-metapackage 1.0.1' },
        },
      ],
    ],
  );
});

test('a vendor package’s references to its sibling packages’ classes are internal, not judged against the release', async () => {
  const coreApi = {
    package: 'paypal/module-braintree-core',
    version: '4.6.1',
    classes: [classDecl('PayPal\\Braintree\\Gateway\\Config\\Config')],
    functions: [],
  };
  const unit = await unitOf(
    'vendor/paypal/module-braintree-graph-ql/Model/Resolver.php',
    `<?php
class Resolver { public function __construct(private \\PayPal\\Braintree\\Gateway\\Config\\Config $config) {} }
`,
    { package: 'paypal/module-braintree-graph-ql', module: null, origin: 'vendor' },
  );
  const pkg = (name: string, require: Record<string, string>) => ({
    name,
    version: '4.6.1',
    type: 'magento2-module',
    source: 'third-party' as const,
    license: [],
    require,
  });
  const packages = [
    pkg('paypal/module-braintree-core', {}),
    pkg('paypal/module-braintree-graph-ql', { 'paypal/module-braintree-core': '4.6.1' }),
  ];
  const run = (project: ReturnType<typeof projectFixture>) =>
    runRule(missingClass, {
      project,
      code: [unit],
      current: { release: releaseFixture('2.4.7'), symbols: indexOfPackages([coreApi]) },
      target: { symbols: indexOfPackages([]) },
    });
  assert.deepEqual(await run(projectFixture({ packages })), []);
  // Without the family link (unrelated packages of one vendor) the class is judged like any other.
  const unrelated = packages.map((p) => ({ ...p, require: {} }));
  assert.equal((await run(projectFixture({ packages: unrelated }))).length, 1);
});
