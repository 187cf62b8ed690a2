import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MethodDecl } from '../../php/types.js';
import { ClassWorld } from '../../check/class-world.js';
import { classDecl, indexOf, method, unitOf } from './fixtures.js';
import { incompatibilities, paramType, parseType, type IncompatibilityReason } from './type-compat.js';

const world = new ClassWorld(
  [],
  indexOf([
    classDecl('Magento\\Framework\\DataObject'),
    classDecl('Magento\\Framework\\Collection', { implements: ['IteratorAggregate'] }),
    classDecl('Magento\\Framework\\Child', { extends: 'Magento\\Framework\\DataObject' }),
  ]),
);

const parentOf = (params: MethodDecl['params'], returnType?: string): MethodDecl =>
  method('run', { params, ...(returnType ? { returnType } : {}) });

/** Reasons why child `run()` cannot override parent `run()` (both in Magento\Framework\DataObject's world). */
function check(parent: MethodDecl, child: MethodDecl): IncompatibilityReason[] {
  return incompatibilities(child, 'Acme\\Child', parent, 'Magento\\Framework\\Base', world);
}

test('`Type $x = null` is implicitly nullable: the same as `?Type` in both directions', () => {
  assert.deepEqual(paramType({ name: 'x', type: 'array', default: 'null' }), { members: ['array'], nullable: true });
  assert.deepEqual(paramType({ name: 'x', type: 'array', default: 'NULL' })?.nullable, true);
  assert.deepEqual(paramType({ name: 'x', type: 'array', default: '[]' })?.nullable, false);
  const explicit = parentOf([{ name: 'value', type: '?array', default: 'null' }]);
  const implicit = parentOf([{ name: 'value', type: 'array', default: 'null' }]);
  assert.deepEqual(check(explicit, implicit), []);
  assert.deepEqual(check(implicit, explicit), []);
  const objectParent = parentOf([{ name: 'params', type: '?Magento\\Framework\\DataObject', default: 'null' }]);
  const objectChild = parentOf([{ name: 'params', type: 'Magento\\Framework\\DataObject', default: 'null' }]);
  assert.deepEqual(check(objectParent, objectChild), []);
  // without the null default the child really narrows the parameter
  const narrowed = parentOf([{ name: 'params', type: 'Magento\\Framework\\DataObject' }]);
  assert.deepEqual(check(objectParent, narrowed), [
    { messageId: 'moreRequired', data: { mine: 1, theirs: 0 } },
    {
      messageId: 'paramType',
      data: { index: 1, mine: 'Magento\\Framework\\DataObject', theirs: '?Magento\\Framework\\DataObject' },
    },
  ]);
});

test('null|X, ?X and X|null are one type; class names compare case-insensitively, union order does not matter', () => {
  assert.deepEqual(parseType('null|Foo\\Bar'), parseType('?\\foo\\bar'));
  assert.deepEqual(
    check(parentOf([{ name: 'a', type: 'int|string|null' }]), parentOf([{ name: 'a', type: '?(string|int)' }])),
    [],
  );
  assert.deepEqual(
    check(parentOf([], 'Magento\\Framework\\DataObject'), parentOf([], '\\magento\\framework\\dataobject')),
    [],
  );
});

test('mixed accepts everything including null; iterable is array|Traversable', () => {
  assert.deepEqual(check(parentOf([{ name: 'a', type: '?array' }]), parentOf([{ name: 'a', type: 'mixed' }])), []);
  assert.deepEqual(check(parentOf([{ name: 'a' }]), parentOf([{ name: 'a', type: 'mixed' }])), []);
  assert.deepEqual(check(parentOf([], 'mixed'), parentOf([], '?string')), []);
  assert.deepEqual(check(parentOf([], 'iterable'), parentOf([], 'array|Traversable')), []);
  assert.deepEqual(check(parentOf([], 'Traversable|array'), parentOf([], 'iterable')), []);
  assert.deepEqual(check(parentOf([{ name: 'a', type: 'array' }]), parentOf([{ name: 'a', type: 'iterable' }])), []);
  assert.deepEqual(check(parentOf([{ name: 'a', type: 'iterable' }]), parentOf([{ name: 'a', type: 'array' }])), [
    { messageId: 'paramType', data: { index: 1, mine: 'array', theirs: 'iterable' } },
  ]);
});

test('self is the declaring class, static stays static', () => {
  // Parent returns self (its own class), the child returns self (a subclass): covariant.
  const parent = parentOf([], 'self');
  assert.deepEqual(
    incompatibilities(
      parentOf([], 'self'),
      'Magento\\Framework\\Child',
      parent,
      'Magento\\Framework\\DataObject',
      world,
    ),
    [],
  );
  assert.deepEqual(check(parentOf([], 'static'), parentOf([], 'static')), []);
  assert.deepEqual(check(parentOf([], 'static'), parentOf([], 'array')), [
    { messageId: 'returnType', data: { mine: 'array', theirs: 'static' } },
  ]);
});

test('aliased imports resolve to the class the parent names', async () => {
  const unit = await unitOf(
    'app/code/Acme/Shop/Model/Child.php',
    `<?php
namespace Acme\\Shop\\Model;
use Magento\\Framework\\DataObject as Data;
class Child { public function run(?DATA $params = null): data { return $params; } }
`,
  );
  const own = unit.analysis.classes[0]!.methods[0]!;
  const parent = parentOf(
    [{ name: 'params', type: '?Magento\\Framework\\DataObject', default: 'null' }],
    'Magento\\Framework\\DataObject',
  );
  assert.deepEqual(check(parent, own), []);
});
