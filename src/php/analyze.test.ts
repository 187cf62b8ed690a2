import { createHash } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePhp } from './analyze.js';
import type { ClassDecl } from './types.js';

function classNamed(classes: ClassDecl[], name: string): ClassDecl {
  const found = classes.find((c) => c.name === name);
  assert.ok(found, `class ${name} in ${classes.map((c) => c.name).join(', ')}`);
  return found;
}

for (const declarationsOnly of [false, true]) {
  const mode = declarationsOnly ? 'declarations-only' : 'full';

  test(`${mode}: class header — modifiers, extends/implements/traits, docblock, attribute, lines`, async () => {
    const src = `<?php
namespace Vendor\\Mod;

use Magento\\Framework\\Model\\AbstractModel as Base;
use Vendor\\Api\\{FooInterface, BarInterface as Bar};

/**
 * @api
 * @deprecated 2.0 use Other
 * @see \\Vendor\\Mod\\Other
 */
#[\\AllowDynamicProperties]
final class Foo extends Base implements FooInterface, Bar, \\JsonSerializable
{
    use \\Vendor\\Traits\\Greets, Helper { Helper::x insteadof Greets; }
}

abstract readonly class Bare {}
`;
    const { classes } = await analyzePhp(src, 'Foo.php', { declarationsOnly });
    const foo = classNamed(classes, 'Vendor\\Mod\\Foo');
    assert.equal(foo.kind, 'class');
    assert.equal(foo.final, true);
    assert.equal(foo.extends, 'Magento\\Framework\\Model\\AbstractModel');
    assert.deepEqual(foo.implements, ['Vendor\\Api\\FooInterface', 'Vendor\\Api\\BarInterface', 'JsonSerializable']);
    assert.deepEqual(foo.traits, ['Vendor\\Traits\\Greets', 'Vendor\\Mod\\Helper']);
    assert.equal(foo.api, true);
    assert.equal(foo.deprecated, '2.0 use Other');
    assert.deepEqual(foo.see, ['\\Vendor\\Mod\\Other']);
    assert.equal(foo.allowDynamicProperties, true);
    assert.equal(foo.line, 13);
    assert.equal(foo.endLine, 16);
    const bare = classNamed(classes, 'Vendor\\Mod\\Bare');
    assert.equal(bare.abstract, true);
    assert.equal(bare.readonly, true);
    assert.equal(bare.api, undefined);
    assert.equal(bare.allowDynamicProperties, undefined);
  });

  test(`${mode}: methods — visibility, modifiers, parameters, types, defaults, by-ref, variadic, return`, async () => {
    const src = `<?php
namespace N;
use Other\\Thing;
abstract class C extends \\P\\Base {
    /** @deprecated */
    function plain($a, &$b, int ...$rest) {}
    abstract protected static function &make(?Thing $t = null, int|string $u = 1, Thing&\\Countable $i = null): static;
    final public function types(self $s, parent $p, (A&B)|null $dnf, array $arr = [1, 2], $c = self::X, MIXED $m = PHP_EOL): ?self { return $this; }
    private function noReturn(callable $cb, iterable $it, object $o, false|null $f, true $t, never $n): void {}
}
interface I { public function i(): iterable; }
`;
    const { classes } = await analyzePhp(src, 'C.php', { declarationsOnly });
    const c = classNamed(classes, 'N\\C');
    const [plain, make, types, noReturn] = c.methods;
    assert.deepEqual(
      { ...plain, bodyHash: undefined },
      {
        name: 'plain',
        visibility: 'public',
        line: 6,
        deprecated: '',
        bodyHash: undefined,
        params: [{ name: 'a' }, { name: 'b', byRef: true }, { name: 'rest', type: 'int', variadic: true }],
      },
    );
    assert.match(plain!.bodyHash!, /^[0-9a-f]{40}$/);
    assert.equal(make!.visibility, 'protected');
    assert.equal(make!.abstract, true);
    assert.equal(make!.static, true);
    assert.equal(make!.byRefReturn, true);
    assert.equal(make!.returnType, 'static');
    assert.equal(make!.bodyHash, undefined);
    assert.deepEqual(make!.params, [
      { name: 't', type: '?Other\\Thing', default: 'null' },
      { name: 'u', type: 'int|string', default: '1' },
      { name: 'i', type: 'Other\\Thing&Countable', default: 'null' },
    ]);
    assert.equal(types!.final, true);
    assert.equal(types!.returnType, '?N\\C');
    assert.deepEqual(
      types!.params.map((p) => [p.name, p.type, p.default]),
      [
        ['s', 'N\\C', undefined],
        ['p', 'P\\Base', undefined],
        ['dnf', '(N\\A&N\\B)|null', undefined],
        ['arr', 'array', '[1, 2]'],
        ['c', undefined, 'self::X'],
        ['m', 'mixed', 'PHP_EOL'],
      ],
    );
    assert.equal(noReturn!.visibility, 'private');
    assert.equal(noReturn!.returnType, 'void');
    assert.deepEqual(
      noReturn!.params.map((p) => p.type),
      ['callable', 'iterable', 'object', 'false|null', 'true', 'never'],
    );
    assert.equal(classNamed(classes, 'N\\I').methods[0]!.returnType, 'iterable');
  });

  test(`${mode}: properties, promoted constructor parameters, constants, enum cases`, async () => {
    const src = `<?php
namespace N;
class P {
    public const A = 1;
    /** @deprecated use B */
    final protected const B = 2, C = 3;
    private const D = 4;
    const E = 5;
    /** @var int */
    private static ?int $count = 0;
    public readonly string|int $u;
    var $old;
    protected $x, $y = 2;
    public function __construct(private readonly Dep $dep, protected ?\\Q\\Other $other = null, public $loose = 1, $notPromoted = 2) {}
}
enum Suit: string implements HasLabel {
    case Hearts = 'H';
    case Spades = 'S';
    const Wild = self::Spades;
}
enum Pure { case One; }
`;
    const { classes } = await analyzePhp(src, 'P.php', { declarationsOnly });
    const p = classNamed(classes, 'N\\P');
    assert.deepEqual(
      p.constants.map((c) => [c.name, c.visibility, c.final ?? false, c.deprecated]),
      [
        ['A', 'public', false, undefined],
        ['B', 'protected', true, 'use B'],
        ['C', 'protected', true, 'use B'],
        ['D', 'private', false, undefined],
        ['E', 'public', false, undefined],
      ],
    );
    assert.deepEqual(
      p.properties.map((x) => [x.name, x.visibility, x.type, x.static ?? false, x.readonly ?? false]),
      [
        ['count', 'private', '?int', true, false],
        ['u', 'public', 'string|int', false, true],
        ['old', 'public', undefined, false, false],
        ['x', 'protected', undefined, false, false],
        ['y', 'protected', undefined, false, false],
        ['dep', 'private', 'N\\Dep', false, true],
        ['other', 'protected', '?Q\\Other', false, false],
        ['loose', 'public', undefined, false, false],
      ],
    );
    const ctor = p.methods[0]!;
    assert.deepEqual(
      ctor.params.map((x) => [x.name, x.promoted]),
      [
        ['dep', 'private'],
        ['other', 'protected'],
        ['loose', 'public'],
        ['notPromoted', undefined],
      ],
    );
    const suit = classNamed(classes, 'N\\Suit');
    assert.equal(suit.kind, 'enum');
    assert.equal(suit.backedType, 'string');
    assert.deepEqual(suit.implements, ['N\\HasLabel']);
    assert.deepEqual(
      suit.constants.map((c) => c.name),
      ['Hearts', 'Spades', 'Wild'],
    );
    const pure = classNamed(classes, 'N\\Pure');
    assert.equal(pure.backedType, undefined);
    assert.deepEqual(
      pure.constants.map((c) => c.name),
      ['One'],
    );
  });

  test(`${mode}: interfaces list their parents in implements; traits; functions, conditional declarations`, async () => {
    const src = `<?php
namespace N;
interface I extends \\Countable, J { const K = 1; }
trait T { public $p; abstract public function t(): void; }
function helper(int $a = 1): ?array { return null; }
if (!function_exists('N\\\\poly')) {
    function poly() {}
}
if (!class_exists(Legacy::class)) { class Legacy {} }
function outer() { function inner() {} }
`;
    const { classes, functions } = await analyzePhp(src, 'I.php', { declarationsOnly });
    const i = classNamed(classes, 'N\\I');
    assert.equal(i.kind, 'interface');
    assert.equal(i.extends, undefined);
    assert.deepEqual(i.implements, ['Countable', 'N\\J']);
    assert.equal(classNamed(classes, 'N\\T').kind, 'trait');
    classNamed(classes, 'N\\Legacy');
    assert.deepEqual(
      functions.map((f) => f.name),
      ['N\\helper', 'N\\poly', 'N\\outer'],
    );
    assert.deepEqual(functions[0]!.params, [{ name: 'a', type: 'int', default: '1' }]);
    assert.equal(functions[0]!.returnType, '?array');
  });

  test(`${mode}: several namespaces per file, braced and unbraced`, async () => {
    const braced = `<?php
namespace A { use X\\Y; class One extends Y {} }
namespace B { class Two extends Y {} }
namespace { class Three {} }
`;
    const r1 = await analyzePhp(braced, 'b.php', { declarationsOnly });
    assert.deepEqual(r1.namespaces, ['A', 'B']);
    assert.deepEqual(
      r1.classes.map((c) => [c.name, c.extends]),
      [
        ['A\\One', 'X\\Y'],
        ['B\\Two', 'B\\Y'],
        ['Three', undefined],
      ],
    );
    const unbraced = `<?php
namespace A;
use X\\Y;
class One extends Y {}
namespace B;
class Two extends Y {}
`;
    const r2 = await analyzePhp(unbraced, 'u.php', { declarationsOnly });
    assert.deepEqual(
      r2.classes.map((c) => [c.name, c.extends]),
      [
        ['A\\One', 'X\\Y'],
        ['B\\Two', 'B\\Y'],
      ],
    );
  });

  test(`${mode}: #[\\ReturnTypeWillChange] marks the method, an unrelated attribute does not`, async () => {
    const src = `<?php
namespace Vendor\\Mod;
class Bag implements \\Countable {
    #[\\ReturnTypeWillChange]
    public function count() { return 0; }
    #[Other]
    public function size() { return 0; }
}
`;
    const { classes } = await analyzePhp(src, 'Bag.php', { declarationsOnly });
    const bag = classNamed(classes, 'Vendor\\Mod\\Bag');
    assert.equal(bag.methods.find((m) => m.name === 'count')?.returnTypeWillChange, true);
    assert.equal(bag.methods.find((m) => m.name === 'size')?.returnTypeWillChange, undefined);
  });

  test(`${mode}: bodyHash ignores layout and comments, not code`, async () => {
    const a = `<?php class H { public function m($x) { return $x + 1; } }`;
    const b = `<?php
class H {
    public function m($x)
    {
        // add one
        return $x
            + 1; /* done */
    }
}`;
    const c = `<?php class H { public function m($x) { return $x + 2; } }`;
    const hash = async (src: string) =>
      (await analyzePhp(src, 'h.php', { declarationsOnly })).classes[0]!.methods[0]!.bodyHash;
    assert.equal(await hash(a), await hash(b));
    assert.notEqual(await hash(a), await hash(c));
  });

  test(`${mode}: broken code is reported and the rest is still analysed`, async () => {
    const src = `<?php
namespace N;
class Good { public function ok(): int { return 1; } }
class Broken {
    public function bad( { }
}
class After { public function fine(string $s): void {} }
`;
    const r = await analyzePhp(src, 'broken.php', { declarationsOnly });
    assert.ok(r.errors.length >= 1);
    assert.ok(r.errors.every((e) => e.line >= 1 && e.column >= 1 && e.message.length > 0));
    classNamed(r.classes, 'N\\Good');
    const after = r.classes.find((c) => c.name === 'N\\After');
    assert.ok(after, 'class after the error is still found');
    assert.deepEqual(after.methods[0]!.params, [{ name: 's', type: 'string' }]);
  });
}

test('never crashes on hostile input', async () => {
  for (const src of [
    '',
    '<?php',
    '\0\0\0binary\xff',
    '<?php class {',
    '<?php function (',
    '<?php "${',
    '<?php <<<EOT\n',
    '}}}}',
  ]) {
    for (const declarationsOnly of [false, true]) {
      const r = await analyzePhp(src, 'x.php', { declarationsOnly });
      assert.equal(r.file, 'x.php');
    }
  }
  // Deep nesting (generated code) must not overflow the stack.
  const deep = '<?php $x = ' + '1 . '.repeat(20000) + '1;';
  const r = await analyzePhp(deep, 'deep.php');
  assert.equal(r.errors.length, 0);
});

test('hash is the sha1 of the content; file is passed through', async () => {
  const r = await analyzePhp('<?php echo 1;', 'dir/x.php');
  assert.equal(r.file, 'dir/x.php');
  assert.equal(r.hash, createHash('sha1').update('<?php echo 1;').digest('hex'));
});
