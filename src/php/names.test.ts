import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBuiltinType, isSpecialClassName, NameScope } from './names.js';

test('resolves unqualified, qualified, fully qualified and namespace-relative class names', () => {
  const scope = new NameScope();
  scope.enterNamespace('Vendor\\Module');
  assert.equal(scope.resolveClass('Foo'), 'Vendor\\Module\\Foo');
  assert.equal(scope.resolveClass('Sub\\Foo'), 'Vendor\\Module\\Sub\\Foo');
  assert.equal(scope.resolveClass('\\Magento\\Foo'), 'Magento\\Foo');
  assert.equal(scope.resolveClass('namespace\\Foo'), 'Vendor\\Module\\Foo');
  assert.equal(scope.resolveClass('NAMESPACE\\Foo'), 'Vendor\\Module\\Foo');
});

test('imports and aliases apply to the first segment, case-insensitively', () => {
  const scope = new NameScope();
  scope.enterNamespace('App');
  scope.addImport('class', 'Magento\\Framework\\App', undefined);
  scope.addImport('class', '\\Magento\\Catalog\\Model\\Product', 'ProductModel');
  assert.equal(scope.resolveClass('App\\State'), 'Magento\\Framework\\App\\State');
  assert.equal(scope.resolveClass('productmodel'), 'Magento\\Catalog\\Model\\Product');
  assert.equal(scope.resolveClass('Other'), 'App\\Other');
});

test('a new namespace forgets the imports of the previous one', () => {
  const scope = new NameScope();
  scope.enterNamespace('A');
  scope.addImport('class', 'X\\Y');
  scope.enterNamespace('B');
  assert.equal(scope.resolveClass('Y'), 'B\\Y');
  scope.enterNamespace('');
  assert.equal(scope.resolveClass('Y'), 'Y');
});

test('functions fall back to the global function unless qualified or imported', () => {
  const scope = new NameScope();
  scope.enterNamespace('App');
  scope.addImport('function', 'Lib\\helper');
  assert.deepEqual(scope.resolveFunction('strlen'), { name: 'strlen', namespaced: 'App\\strlen' });
  assert.deepEqual(scope.resolveFunction('\\strlen'), { name: 'strlen' });
  assert.deepEqual(scope.resolveFunction('helper'), { name: 'Lib\\helper' });
  assert.deepEqual(scope.resolveFunction('Sub\\f'), { name: 'App\\Sub\\f' });
  assert.deepEqual(scope.resolveFunction('namespace\\f'), { name: 'App\\f' });
  const global = new NameScope();
  assert.deepEqual(global.resolveFunction('strlen'), { name: 'strlen' });
});

test('constants: imported (case-sensitive) or global fallback', () => {
  const scope = new NameScope();
  scope.enterNamespace('App');
  scope.addImport('const', 'Lib\\LIMIT');
  assert.deepEqual(scope.resolveConstant('LIMIT'), { name: 'Lib\\LIMIT' });
  assert.deepEqual(scope.resolveConstant('limit'), { name: 'limit', namespaced: 'App\\limit' });
});

test('builtin type keywords and special class names', () => {
  for (const t of ['int', 'String', 'mixed', 'never', 'iterable', 'null', 'false', 'true', 'object', 'void']) {
    assert.ok(isBuiltinType(t), t);
  }
  assert.ok(!isBuiltinType('resource')); // not a type keyword: PHP reads it as a class name
  assert.ok(!isBuiltinType('boolean'));
  assert.ok(isSpecialClassName('Self') && isSpecialClassName('static') && isSpecialClassName('parent'));
});
