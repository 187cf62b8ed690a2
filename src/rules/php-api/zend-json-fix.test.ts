import { test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseFixture } from '../testing.js';
import { fixWith } from '../../fix/testing.js';
import { missingClass } from './missing-class.js';
import { classDecl, indexOf } from './fixtures.js';

const current = indexOf([classDecl('Zend_Json'), classDecl('Zend_Http_Client')], 'magento/zendframework1', '1.14.5');
const withLaminas = indexOf([classDecl('Laminas\\Json\\Json')], 'laminas/laminas-json', '3.3.0');
const overrides = (target: ReturnType<typeof indexOf>) => ({
  current: { release: releaseFixture('2.4.5'), symbols: current },
  target: { release: releaseFixture('2.4.6'), symbols: target },
});

const source = [
  '<?php',
  'namespace Acme\\Shop\\Model;',
  '',
  'use Zend_Json;',
  '',
  'class Feed',
  '{',
  '    public function run($data, $json)',
  '    {',
  '        $a = Zend_Json::encode($data);',
  '        $b = \\Zend_Json::decode($json);',
  '        $c = Zend_Json::decode($json, Zend_Json::TYPE_OBJECT);',
  '        $client = new \\Zend_Http_Client($a);',
  '        return [$a, $b, $c, $client];',
  '    }',
  '}',
  '',
].join('\n');

test('fix: Zend_Json calls and constants name Laminas\\Json\\Json, decode() keeps returning arrays, the import goes', async () => {
  const r = await fixWith(missingClass, 'app/code/Acme/Shop/Model/Feed.php', source, overrides(withLaminas));
  assert.deepEqual(r.declines, [
    'no mechanical replacement for Zend_Http_Client: Laminas\\Http\\Client takes a Request object and returns a Response with other methods; migrate it by hand',
  ]);
  assert.ok(r.parses);
  assert.equal(r.remaining, 1, 'only Zend_Http_Client is still reported');
  assert.equal(
    r.text,
    source
      .replace('use Zend_Json;\n', '')
      .replace('Zend_Json::encode', '\\Laminas\\Json\\Json::encode')
      .replace('\\Zend_Json::decode($json)', '\\Laminas\\Json\\Json::decode($json, \\Laminas\\Json\\Json::TYPE_ARRAY)')
      .replace(
        'Zend_Json::decode($json, Zend_Json::TYPE_OBJECT)',
        '\\Laminas\\Json\\Json::decode($json, \\Laminas\\Json\\Json::TYPE_OBJECT)',
      ),
  );
});

test('fix: declined when the target does not install Laminas\\Json, or when the file uses Zend_Json otherwise', async () => {
  const without = await fixWith(missingClass, 'app/code/Acme/Shop/Model/Feed.php', source, overrides(indexOf([])));
  assert.equal(without.text, source);
  assert.ok(without.declines.some((d) => /does not install Laminas\\Json\\Json/.test(d)));
  const other = source.replace('return [$a,', 'return [Zend_Json::fromXml($a),');
  const r = await fixWith(missingClass, 'app/code/Acme/Shop/Model/Feed.php', other, overrides(withLaminas));
  assert.ok(
    r.declines.includes('Zend_Json::fromXml() has no counterpart of the same behaviour in Laminas\\Json\\Json'),
  );
  assert.ok(r.declines.some((d) => /used on line 14 in a way the fixer leaves alone: the import stays/.test(d)));
  assert.match(r.text, /^use Zend_Json;$/m);
});

test('fix: Zend_Validate is declined with its Magento successor and why it is no drop-in', async () => {
  const src = `<?php\nnamespace Acme;\nclass V\n{\n    public function ok($v) { return \\Zend_Validate::is($v, 'NotEmpty'); }\n}\n`;
  const r = await fixWith(missingClass, 'app/code/Acme/V.php', src, {
    ...overrides(withLaminas),
    current: {
      release: releaseFixture('2.4.5'),
      symbols: indexOf([classDecl('Zend_Validate')], 'magento/zendframework1', '1.14.5'),
    },
  });
  assert.equal(r.fixes.length, 0);
  assert.equal(r.declines.length, 1);
  assert.match(
    r.declines[0]!,
    /successor is \\Magento\\Framework\\Validator\\ValidatorChain .*489 in Laminas, 493 in Zend 1/,
  );
});
