import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSeeTarget, parseDocFlags, parseVarTags } from './docblock.js';

test('reads @api, @deprecated text and @see targets', () => {
  const doc = `/**
   * Does things.
   *
   * @api
   * @deprecated 2.4.0 use \\Foo\\Bar::baz() instead
   * @see \\Foo\\Bar::baz()
   * @see https://example.com/doc
   * @since 100.0.2
   */`;
  assert.deepEqual(parseDocFlags(doc), {
    api: true,
    deprecated: '2.4.0 use \\Foo\\Bar::baz() instead',
    see: ['\\Foo\\Bar::baz()', 'https://example.com/doc'],
  });
});

test('bare @deprecated, one-line docblocks, and look-alike tags', () => {
  assert.deepEqual(parseDocFlags('/** @deprecated */'), { deprecated: '' });
  assert.deepEqual(parseDocFlags('/** @apiSuccess foo\n * @api-internal */'), {});
  assert.deepEqual(parseDocFlags('/** Mentions @api in text */'), {});
  assert.deepEqual(parseDocFlags(undefined), {});
});

test('@var tags in both orders', () => {
  assert.deepEqual(parseVarTags('/** @var \\Foo\\Block $block */'), [{ type: '\\Foo\\Block', variable: 'block' }]);
  assert.deepEqual(parseVarTags('/** @var $viewModel Foo\\ViewModel */'), [
    { type: 'Foo\\ViewModel', variable: 'viewModel' },
  ]);
});

test('@see keeps symbols and URLs, not the prose Magento writes there', () => {
  for (const ok of [
    '\\Foo\\Bar',
    'Bar::baz()',
    '_isAllowed()',
    'StockItemInterface',
    'Escaper',
    'Zend_Db_Select',
    'https://x.y/z',
  ])
    assert.ok(isSeeTarget(ok), ok);
  for (const prose of [
    'we',
    'Nothing',
    'nothing',
    'MAGETWO-71174',
    'AC-10652',
    'INTERVAL_*',
    'string',
    'Updated',
    'setup/a.xml',
  ])
    assert.ok(!isSeeTarget(prose), prose);
  assert.deepEqual(
    parseDocFlags("/**\n * @see we don't recommend this approach anymore\n * @deprecated 101.0.0\n */"),
    {
      deprecated: '101.0.0',
    },
  );
});
