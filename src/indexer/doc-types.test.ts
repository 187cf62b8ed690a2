import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import type { ClassDecl } from '../php/types.js';
import { addDocTypes } from './doc-types.js';
import type { DocTypedMethod } from './doc-types.js';

it('reads @return and @param types from the docblock above each method, over attributes', () => {
  const source = [
    '<?php', // 1
    'class A {', // 2
    '    /**', // 3
    '     * @param int|null $id', // 4
    '     * @param string ...$rest', // 5
    '     * @return DataObject | null', // 6
    '     */', // 7
    '    #[\\ReturnTypeWillChange]', // 8
    '    public function get($id, ...$rest) {}', // 9
    '    public function bare() {}', // 10
    '}',
  ].join('\n');
  const decl: ClassDecl = {
    name: 'A',
    kind: 'class',
    implements: [],
    traits: [],
    properties: [],
    constants: [],
    line: 2,
    methods: [
      { name: 'get', visibility: 'public', params: [{ name: 'id' }, { name: 'rest', variadic: true }], line: 9 },
      { name: 'bare', visibility: 'public', params: [], line: 10 },
    ],
  };
  addDocTypes(source, [decl]);
  const [get, bare] = decl.methods as DocTypedMethod[];
  assert.equal(get?.docReturnType, 'DataObject|null');
  assert.deepEqual(
    get?.params.map((p) => p.docType),
    ['int|null', 'string'],
  );
  assert.equal(bare?.docReturnType, undefined, 'the line above is code, not a docblock');
});
