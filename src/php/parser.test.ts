import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedPhpParser } from './parser.js';

test('parses PHP and keeps a partial tree for broken code', async () => {
  const parser = await sharedPhpParser();
  const good = parser.parse('<?php\nnamespace A;\nclass B {}\n');
  assert.equal(good.rootNode.hasError, false);
  good.delete();
  const broken = parser.parse('<?php\nclass C { public function f( {}\nclass D {}\n');
  assert.equal(broken.rootNode.hasError, true);
  assert.ok(broken.rootNode.descendantsOfType('class_declaration').length >= 1);
  broken.delete();
});
