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

const withLaminasHttp = indexOf(
  [classDecl('Laminas\\Http\\Request'), classDecl('Laminas\\Http\\Client')],
  'laminas/laminas-http',
  '2.19.0',
);
const curlAdapter = [
  '<?php',
  'namespace Acme\\Shop\\Client;',
  '',
  'use Zend_Http_Client;',
  '',
  'class CurlAdapter',
  '{',
  "    public function write($method, $http_ver = '1.1'): string",
  '    {',
  '        // the verb decides the curl options',
  '        if ($method === Zend_Http_Client::POST) {',
  '            return \\Zend_Http_Client::ENC_URLENCODED;',
  '        } elseif ($method === Zend_Http_Client::PATCH && $http_ver === Zend_Http_Client::HTTP_1) {',
  '            return Zend_Http_Client::HTTP_0;',
  '        }',
  '        return Zend_Http_Client::GET;',
  '    }',
  '}',
  '',
].join('\r\n');

test('fix: Zend_Http_Client constants name their laminas-http namesakes of the same value, the import goes', async () => {
  const r = await fixWith(
    missingClass,
    'app/code/Acme/Shop/Client/CurlAdapter.php',
    curlAdapter,
    overrides(withLaminasHttp),
  );
  assert.deepEqual(r.declines, []);
  assert.equal(r.findings, 7);
  assert.equal(r.remaining, 0);
  assert.ok(r.parses);
  assert.equal(
    r.text,
    curlAdapter
      .replace('use Zend_Http_Client;\r\n', '')
      .replace('Zend_Http_Client::POST', '\\Laminas\\Http\\Request::METHOD_POST')
      .replace('\\Zend_Http_Client::ENC_URLENCODED', '\\Laminas\\Http\\Client::ENC_URLENCODED')
      .replace('Zend_Http_Client::PATCH', '\\Laminas\\Http\\Request::METHOD_PATCH')
      .replace('Zend_Http_Client::HTTP_1', '\\Laminas\\Http\\Request::VERSION_11')
      .replace('Zend_Http_Client::HTTP_0', '\\Laminas\\Http\\Request::VERSION_10')
      .replace('Zend_Http_Client::GET', '\\Laminas\\Http\\Request::METHOD_GET'),
  );
  assert.ok(r.fixes.includes('Zend_Http_Client::HTTP_1 → \\Laminas\\Http\\Request::VERSION_11 (the same value)'));
});

test('fix: the Zend_Http_Client object, a constant without a namesake and a target without laminas-http are declined', async () => {
  const client = curlAdapter.replace(
    'return Zend_Http_Client::GET;',
    'return (new Zend_Http_Client())->request(Zend_Http_Client::MERGE);',
  );
  const r = await fixWith(
    missingClass,
    'app/code/Acme/Shop/Client/CurlAdapter.php',
    client,
    overrides(withLaminasHttp),
  );
  assert.deepEqual(r.declines.sort(), [
    'Zend_Http_Client is used on line 16 in a way the fixer leaves alone: the import stays',
    'Zend_Http_Client::MERGE has no namesake of the same value in laminas/laminas-http',
    'no mechanical replacement for Zend_Http_Client: Laminas\\Http\\Client takes a Request object and returns a Response with other methods; migrate it by hand',
  ]);
  assert.equal(r.remaining, 3, 'the import, new and MERGE');
  assert.match(r.text, /^use Zend_Http_Client;\r$/m);
  assert.match(r.text, /\\Laminas\\Http\\Request::METHOD_POST/);
  const without = await fixWith(
    missingClass,
    'app/code/Acme/Shop/Client/CurlAdapter.php',
    curlAdapter,
    overrides(indexOf([])),
  );
  assert.equal(without.text, curlAdapter);
  assert.ok(without.declines.every((d) => /does not install Laminas\\Http\\Request/.test(d)));
});
