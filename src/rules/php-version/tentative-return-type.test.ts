import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { tentativeReturnType as tentativeReturnTypeRule } from './tentative-return-type.js';
import { classDecl, indexOf, method, unitOf } from '../php-api/fixtures.js';

const target = indexOf([
  classDecl('Magento\\Framework\\DataObject', {
    implements: ['ArrayAccess'],
    methods: [method('offsetGet', { returnTypeWillChange: true })],
  }),
]);

const source = `<?php
namespace Acme;
class Coll implements \\IteratorAggregate, \\Countable, \\JsonSerializable
{
    public function getIterator() { return new \\ArrayIterator([]); }
    public function count(): int { return 0; }
    #[\\ReturnTypeWillChange]
    public function jsonSerialize() { return []; }
}
class Obj extends \\Magento\\Framework\\DataObject
{
    public function offsetGet($offset) { return null; }
    public function offsetExists($offset) { return false; }
}
`;

test('methods of classes implementing internal interfaces without their tentative return type', async () => {
  const unit = await unitOf('app/code/Acme/Coll.php', source);
  // The attribute as the analyser records it (MethodDecl.returnTypeWillChange).
  for (const m of unit.analysis.classes[0]!.methods) if (m.name === 'jsonSerialize') m.returnTypeWillChange = true;
  const findings = await runRule(tentativeReturnTypeRule, { code: [unit], target: { symbols: target, php: '8.1' } });
  assert.deepEqual(
    findings.map((f) => [f.line, f.subject]),
    [
      [5, 'acme\\coll::getiterator'],
      [13, 'acme\\obj::offsetexists'],
    ],
  );
  assert.equal(findings[0]!.messageId, 'tentative');
  assert.equal(findings[0]!.data?.type, 'Traversable');
  assert.deepEqual(
    await runRule(tentativeReturnTypeRule, { code: [unit], target: { symbols: target, php: '8.0' } }),
    [],
  );
});
