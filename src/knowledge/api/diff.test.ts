import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createSymbolIndex } from '../memory-symbol-index.js';
import type { ClassDecl } from '../../php/types.js';
import { diffClassDecls, diffPackageApis } from './diff.js';
import type { EnumerableSymbolIndex } from './diff.js';
import { classDecl, method } from './testing-fixtures.js';

function index(classes: ClassDecl[]): EnumerableSymbolIndex {
  const base = createSymbolIndex([{ package: 'acme/lib', version: '1.0.0', classes, functions: [] }]);
  return { ...base, classNames: () => classes.map((c) => c.name) };
}

describe('diffPackageApis', () => {
  it('reports removed and added classes and interfaces', () => {
    const changes = diffPackageApis(
      index([classDecl('A\\Gone', { api: true }), classDecl('A\\Kept')]),
      index([classDecl('A\\Kept'), classDecl('A\\NewApi', { kind: 'interface' })]),
    );
    assert.deepEqual(
      changes.map((c) => `${c.kind} ${c.symbol} ${c.classKind}${c.api ? ' @api' : ''}`),
      ['class-removed A\\Gone class @api', 'class-added A\\NewApi interface'],
    );
  });

  it('reports every kind of method signature change', () => {
    const before = classDecl('A\\C', {
      methods: [
        method('params', {
          params: [
            { name: 'a', type: 'int' },
            { name: 'b', type: '?Foo\\Bar', default: 'null' },
          ],
        }),
        method('ret', { returnType: 'array' }),
        method('vis'),
        method('stat'),
        method('fin'),
        method('gone', { visibility: 'protected' }),
        method('body', { bodyHash: '1' }),
        method('union', { returnType: 'int|string' }),
      ],
    });
    const after = classDecl('A\\C', {
      methods: [
        method('params', {
          params: [{ name: 'x', type: 'string' }, { name: 'b', type: 'Foo\\Bar|null', default: 'NULL' }, { name: 'c' }],
        }),
        method('ret', { returnType: 'iterable' }),
        method('vis', { visibility: 'protected' }),
        method('stat', { static: true }),
        method('fin', { final: true }),
        method('body', { bodyHash: '2' }),
        method('union', { returnType: '\\string|INT' }),
        method('added'),
      ],
    });
    const changes = diffClassDecls(before, after, { bodies: true });
    const by = (name: string) => changes.find((c) => c.member === name);
    assert.deepEqual(by('params')?.aspects, ['param-renamed', 'param-type-changed', 'param-added-required']);
    assert.deepEqual(by('ret')?.aspects, ['return-type-changed']);
    assert.deepEqual(by('vis')?.aspects, ['visibility-reduced']);
    assert.deepEqual(by('stat')?.aspects, ['static-changed']);
    assert.deepEqual(by('fin')?.aspects, ['became-final']);
    assert.equal(by('gone')?.kind, 'method-removed');
    assert.equal(by('gone')?.visibility, 'protected');
    assert.deepEqual(by('body')?.aspects, ['body']);
    assert.equal(by('union'), undefined, 'union order, case and leading backslash do not matter');
    assert.equal(by('added')?.kind, 'method-added');
    assert.equal(
      diffClassDecls(before, after).find((c) => c.member === 'body'),
      undefined,
      'bodies only on request',
    );
  });

  it('reports docblock type changes as written, ignoring case, leading backslash and union order', () => {
    const doc = (ret: string, param: string) =>
      classDecl('A\\D', {
        methods: [
          { ...method('m', { params: [{ name: 'x', docType: param } as never] }), docReturnType: ret } as never,
        ],
      });
    const changed = diffClassDecls(doc('DataObject', 'int'), doc('DataObject|null', 'int'));
    assert.deepEqual(changed[0]?.aspects, ['doc-return-type-changed']);
    assert.deepEqual(diffClassDecls(doc('\\DataObject|null', 'int|null'), doc('null|DataObject', '?int')), []);
    assert.deepEqual(diffClassDecls(doc('\\Foo\\DataObject', 'int'), doc('DataObject', 'int'))[0]?.aspects, [
      'doc-return-type-changed',
    ]);
    assert.deepEqual(diffClassDecls(doc('int', 'int'), doc('int', 'string'))[0]?.aspects, ['doc-param-type-changed']);
  });

  it('reports class-level, property and constant changes', () => {
    const before = classDecl('A\\C', {
      extends: 'A\\Base',
      implements: ['A\\I1'],
      properties: [
        { name: 'p', visibility: 'protected', line: 1 },
        { name: 'q', visibility: 'public', line: 2 },
      ],
      constants: [{ name: 'K', visibility: 'public', line: 3 }],
    });
    const after = classDecl('A\\C', {
      final: true,
      api: true,
      deprecated: 'use D',
      implements: ['A\\I2'],
      properties: [{ name: 'p', visibility: 'protected', type: 'int', line: 1 }],
      constants: [{ name: 'L', visibility: 'public', line: 3 }],
    });
    const kinds = diffClassDecls(before, after).map((c) => `${c.kind}${c.member ? ` ${c.member}` : ''}`);
    assert.deepEqual(kinds.sort(), [
      'api-added',
      'became-final',
      'constant-added L',
      'constant-removed K',
      'deprecated-added',
      'extends-changed',
      'implements-added',
      'implements-removed',
      'property-changed p',
      'property-removed q',
    ]);
  });
});
