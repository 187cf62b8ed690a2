import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePhp } from './analyze.js';
import type { Reference } from './types.js';

/** Compact view of references: `kind name[::member] @line [via] […]`. */
function show(refs: Reference[], filter?: (r: Reference) => boolean): string[] {
  return refs.filter(filter ?? (() => true)).map((r) => {
    let s = `${r.kind} ${r.name}${r.member !== undefined ? '::' + r.member : ''} @${r.line}`;
    if (r.via) s += ` via ${r.via}`;
    if (r.argCount !== undefined) s += ` args ${r.argCount}`;
    if (r.nullArgs) s += ` null ${r.nullArgs.join(',')}`;
    if (r.write) s += ' write';
    return s;
  });
}

test('imports, new, static calls, constants, static properties, ::class, instanceof, catch', async () => {
  const src = `<?php
namespace App\\Model;

use Magento\\Framework\\App\\ObjectManager;
use Magento\\Catalog\\Api\\{ProductRepositoryInterface, Data\\ProductInterface as Product};
use function Lib\\helper;
use const Lib\\LIMIT;

class Thing
{
    public function run($x)
    {
        $om = ObjectManager::getInstance();
        $p = new Product(null, 1, null);
        $k = Product::TYPE_SIMPLE;
        $s = \\Other\\Registry::$instances;
        $c = ProductRepositoryInterface::class;
        if ($x instanceof Product) {}
        try {} catch (\\RuntimeException | Sub\\LocalException $e) {}
        $dyn = new $x();
        $dyn2 = $x::create();
    }
}
`;
  const { references } = await analyzePhp(src, 'Thing.php');
  assert.deepEqual(show(references), [
    'import Magento\\Framework\\App\\ObjectManager @4',
    'import Magento\\Catalog\\Api\\ProductRepositoryInterface @5',
    'import Magento\\Catalog\\Api\\Data\\ProductInterface @5',
    'static-call Magento\\Framework\\App\\ObjectManager::getInstance @13 args 0',
    'new Magento\\Catalog\\Api\\Data\\ProductInterface @14 args 3 null 0,2',
    'class-constant Magento\\Catalog\\Api\\Data\\ProductInterface::TYPE_SIMPLE @15',
    'static-property Other\\Registry::instances @16',
    'class-string Magento\\Catalog\\Api\\ProductRepositoryInterface @17',
    'instanceof Magento\\Catalog\\Api\\Data\\ProductInterface @18',
    'catch RuntimeException @19',
    'catch App\\Model\\Sub\\LocalException @19',
  ]);
  const inner = references.find((r) => r.kind === 'new')!;
  assert.equal(inner.inClass, 'App\\Model\\Thing');
  assert.equal(inner.inMethod, 'run');
  assert.equal(inner.column, 18);
});

test('extends, implements, trait use, and types in signatures; constructor dependencies', async () => {
  const src = `<?php
namespace V\\M;
use Magento\\Framework\\View\\Element\\Template;
class Block extends Template implements \\ArrayAccess
{
    use \\V\\M\\Greets;
    private ?Helper $helper;
    public function __construct(Template\\Context $context, Helper|null $helper, array $data = [], int $n = 0) {}
    public function get(self $s, parent $p, int $i): ?Helper { return null; }
}
interface Api extends \\Countable, Other {}
`;
  const { references } = await analyzePhp(src, 'Block.php');
  assert.deepEqual(
    show(references, (r) => r.kind !== 'import'),
    [
      'extends Magento\\Framework\\View\\Element\\Template @4',
      'implements ArrayAccess @4',
      'use-trait V\\M\\Greets @6',
      'property-type V\\M\\Helper @7',
      'param-type Magento\\Framework\\View\\Element\\Template\\Context @8',
      'constructor-dependency Magento\\Framework\\View\\Element\\Template\\Context @8',
      'param-type V\\M\\Helper @8',
      'constructor-dependency V\\M\\Helper @8',
      // self is the class itself (nothing to check); parent is the parent class.
      'param-type Magento\\Framework\\View\\Element\\Template @9',
      'return-type V\\M\\Helper @9',
      'extends Countable @11',
      'extends V\\M\\Other @11',
    ],
  );
  const dep = references.find((r) => r.kind === 'constructor-dependency')!;
  assert.equal(dep.inClass, 'V\\M\\Block');
  assert.equal(dep.inMethod, '__construct');
});

test('function calls: global fallback, qualified, imported, declared in the file', async () => {
  const src = `<?php
namespace N;
use function Lib\\helper;
function local() {}
strlen(null);
\\strlen('x');
helper(1, 2);
local();
Sub\\fn();
namespace\\rel();
$f(1);
`;
  const { references } = await analyzePhp(src, 'f.php');
  const calls = references.filter((r) => r.kind === 'function-call');
  assert.deepEqual(
    calls.map((r) => [r.name, r.namespacedName, r.argCount, r.nullArgs]),
    [
      ['strlen', 'N\\strlen', 1, [0]],
      ['strlen', undefined, 1, undefined],
      ['Lib\\helper', undefined, 2, undefined],
      ['N\\local', undefined, 0, undefined],
      ['N\\Sub\\fn', undefined, 0, undefined],
      ['N\\rel', undefined, 0, undefined],
    ],
  );
});

test('method calls and property fetches on receivers of known type', async () => {
  const src = `<?php
namespace App;
use Magento\\Catalog\\Model\\ProductRepository;
use Magento\\Framework\\Logger\\Monolog;
use Psr\\Log\\LoggerInterface;

class Service extends Base
{
    private LoggerInterface $logger;
    /** @var ProductRepository */
    private $repository;
    private $untyped;

    public function __construct(
        private readonly Monolog $monolog,
        ProductRepository $repository,
        $loose,
    ) {
        $this->repository = $repository;
        $this->untyped = $loose;
        parent::__construct();
    }

    public function run(ProductRepository $repo, ?LoggerInterface $maybe, int $n, A|B $ab): void
    {
        $this->helper(1);
        $this->logger->info('x', null);
        $this->monolog?->addRecord(1, 'm');
        $this->repository->getById(5);
        $this->untyped->anything();
        $repo->save($n);
        $maybe?->debug('d');
        $ab->ambiguous();
        $made = new ProductRepository();
        $made->getList();
        $made = $this->other();
        $made->unknownNow();
        (new Monolog())->close();
        self::create();
        static::build();
        $fn = function (LoggerInterface $l) use ($repo) { $l->warning('w'); $repo->delete(1); $this->helper(); };
        $arrow = fn() => $repo->getById(2);
    }
}
`;
  const { references } = await analyzePhp(src, 'Service.php');
  const calls = show(references, (r) => r.kind === 'method-call' || r.kind === 'static-call');
  assert.deepEqual(calls, [
    'static-call App\\Base::__construct @21 via parent args 0',
    'method-call App\\Service::helper @26 via $this args 1',
    'method-call Psr\\Log\\LoggerInterface::info @27 via property args 2 null 1',
    'method-call Magento\\Framework\\Logger\\Monolog::addRecord @28 via property args 2',
    'method-call Magento\\Catalog\\Model\\ProductRepository::getById @29 via property args 1',
    'method-call Magento\\Catalog\\Model\\ProductRepository::save @31 via param args 1',
    'method-call Psr\\Log\\LoggerInterface::debug @32 via param args 1',
    'method-call Magento\\Catalog\\Model\\ProductRepository::getList @35 via new args 0',
    'method-call App\\Service::other @36 via $this args 0',
    'method-call Magento\\Framework\\Logger\\Monolog::close @38 via new args 0',
    'static-call App\\Service::create @39 via self args 0',
    'static-call App\\Service::build @40 via static args 0',
    'method-call Psr\\Log\\LoggerInterface::warning @41 via param args 1',
    'method-call Magento\\Catalog\\Model\\ProductRepository::delete @41 via param args 1',
    'method-call App\\Service::helper @41 via $this args 0',
    'method-call Magento\\Catalog\\Model\\ProductRepository::getById @42 via param args 1',
  ]);
  const fetches = show(references, (r) => r.kind === 'property-fetch');
  assert.deepEqual(fetches, [
    'property-fetch App\\Service::repository @19 via $this write',
    'property-fetch App\\Service::untyped @20 via $this write',
    'property-fetch App\\Service::logger @27 via $this',
    'property-fetch App\\Service::monolog @28 via $this',
    'property-fetch App\\Service::repository @29 via $this',
    'property-fetch App\\Service::untyped @30 via $this',
  ]);
  for (const r of references.filter((x) => x.line === 41 && x.kind === 'method-call')) {
    assert.equal(r.inMethod, 'run', 'closures report their enclosing method');
  }
});

test('property writes: plain, compound, array append, list destructuring', async () => {
  const src = `<?php
class W {
    public function set() {
        $this->a = 1;
        $this->b .= 'x';
        $this->c[] = 2;
        $this->d['k'] = 3;
        [$this->e, $other] = [1, 2];
        $this->f->g = 4;
        echo $this->h;
    }
}
`;
  const { references } = await analyzePhp(src, 'W.php');
  assert.deepEqual(
    show(references, (r) => r.kind === 'property-fetch'),
    [
      'property-fetch W::a @4 via $this write',
      'property-fetch W::b @5 via $this write',
      'property-fetch W::c @6 via $this write',
      'property-fetch W::d @7 via $this write',
      'property-fetch W::e @8 via $this write',
      // `$this->f->g = 4` writes g on f (type unknown) and only reads f.
      'property-fetch W::f @9 via $this',
      'property-fetch W::h @10 via $this',
    ],
  );
});

test('anonymous classes: their parents are references, $this inside is not the outer class', async () => {
  const src = `<?php
namespace N;
class Outer {
    public function make() {
        return new class(1) extends Base implements I {
            public function __construct(private Dep $dep) {}
            public function go() { $this->dep->run(); $this->x(); }
        };
    }
}
`;
  const { references } = await analyzePhp(src, 'Outer.php');
  assert.deepEqual(
    show(references, (r) => r.kind !== 'param-type' && r.kind !== 'constructor-dependency'),
    ['extends N\\Base @5', 'implements N\\I @5', 'method-call N\\Dep::run @7 via property args 0'],
  );
});

test('phtml templates: $block typed by its @var docblock, inline HTML', async () => {
  const src = `<?php
/** @var \\Magento\\Catalog\\Block\\Product\\View $block */
/** @var \\Magento\\Framework\\Escaper $escaper */
?>
<div class="product">
    <h1><?= $escaper->escapeHtml($block->getProduct()->getName()) ?></h1>
    <?php if ($block->hasOptions()): ?>
        <span><?= $block->getPriceHtml(null) ?></span>
    <?php endif; ?>
    <p>\${notPhp}</p>
</div>
`;
  const r = await analyzePhp(src, 'view/frontend/templates/product/view.phtml');
  assert.equal(r.templateBlockClass, 'Magento\\Catalog\\Block\\Product\\View');
  assert.deepEqual(show(r.references), [
    'method-call Magento\\Framework\\Escaper::escapeHtml @6 via template args 1',
    'method-call Magento\\Catalog\\Block\\Product\\View::getProduct @6 via template args 0',
    'method-call Magento\\Catalog\\Block\\Product\\View::hasOptions @7 via template args 0',
    'method-call Magento\\Catalog\\Block\\Product\\View::getPriceHtml @8 via template args 1 null 0',
  ]);
  assert.equal(r.dollarBraceInterpolations, undefined, 'text outside PHP is not an interpolation');
  // Old templates call the block through `$this` (the engine forwards the call).
  const legacy = await analyzePhp('<?php /** @var \\V\\Block $block */ ?>\n<?= $this->getTitle() ?>\n', 'legacy.phtml');
  assert.deepEqual(show(legacy.references), ['method-call V\\Block::getTitle @2 via template args 0']);
  const untyped = await analyzePhp('<?= $this->getTitle() ?>', 'untyped.phtml');
  assert.deepEqual(untyped.references, []);
  const plain = await analyzePhp(src, 'not-a-template.php');
  assert.equal(plain.templateBlockClass, undefined);
});

test('"${var}" interpolations are listed; "{$var}" and variable variables are not', async () => {
  const src = `<?php
$a = "x \${name} y";
$b = "x {$name} y $name";
$c = "\${arr['k']}";
$d = <<<EOT
  hello \${who}
  EOT;
$e = \${'dynamic'};
$f = 'single \${quoted}';
$g = "{\${$name}} {\${'dyn' . 'amic'}} \\{\${name}}";
`;
  const r = await analyzePhp(src, 'd.php');
  assert.deepEqual(r.dollarBraceInterpolations, [
    { line: 2, column: 9 },
    { line: 4, column: 7 },
    { line: 6, column: 9 },
    // "{${expr}}" is the complex syntax (the recommended form); after a literal "\{" the "${…}" is deprecated.
    { line: 10, column: 40 },
  ]);
});

test('declarations-only mode lists no references', async () => {
  const r = await analyzePhp('<?php use A\\B; class C extends B { function f() { new D(); } }', 'c.php', {
    declarationsOnly: true,
  });
  assert.deepEqual(r.references, []);
  assert.equal(r.classes[0]!.extends, 'A\\B');
});

test('references in both branches of a version guard (class_exists, method_exists, version_compare…) are guarded', async () => {
  const src = `<?php
class Save
{
    public function run($data)
    {
        if (class_exists('\\\\Magento\\\\Framework\\\\Filter\\\\FilterInput')) {
            $filter = new \\Magento\\Framework\\Filter\\FilterInput([], [], $data);
        } else {
            $filter = new \\Zend_Filter_Input([], [], $data);
        }
        $json = method_exists(\\Foo::class, 'x') ? \\Foo::x() : \\Zend_Json::encode($data);
        if ($data) {
            new \\Zend_Date();
        }
        return new \\Zend_Uri();
    }
}
`;
  const analysis = await analyzePhp(src, 'Save.php');
  const guarded = (name: string) =>
    analysis.references.find((r) => r.name === name && r.kind !== 'class-string')?.guarded;
  assert.equal(guarded('Magento\\Framework\\Filter\\FilterInput'), true);
  assert.equal(guarded('Zend_Filter_Input'), true);
  assert.equal(guarded('Zend_Json'), true);
  assert.equal(guarded('Zend_Date'), undefined);
  assert.equal(guarded('Zend_Uri'), undefined);
});

test('parent:: calls record which arguments are plain variables, by position', async () => {
  const src = `<?php
class Grid extends \\Magento\\Backend\\Block\\Widget\\Grid\\Extended
{
    public function __construct($context, $helper, array $data = [])
    {
        parent::__construct($context, $helper, $data);
        parent::other($context, 'x', ...$data);
        parent::third(strtolower('a'), data: $data);
    }
}
`;
  const refs = (await analyzePhp(src, 'Grid.php')).references.filter((r) => r.via === 'parent');
  assert.deepEqual(
    refs.map((r) => [r.member, r.argVars]),
    [
      ['__construct', ['context', 'helper', 'data']],
      ['other', ['context', null]],
      ['third', undefined],
    ],
  );
});
