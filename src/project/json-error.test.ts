import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { jsonErrorLine, jsonErrorPosition } from './json-error.js';

describe('jsonErrorLine', () => {
  it('points at the offending line', () => {
    assert.equal(jsonErrorLine('{\n  "a": 1,\n  "b": x\n}'), 3);
    assert.equal(jsonErrorLine('{\n  "a": 1,\n}'), 3);
    assert.equal(jsonErrorLine('{\n  "a": "tab\there"\n}'), 2);
    assert.equal(jsonErrorLine('[1, 2]\n\nextra'), 3);
    assert.equal(jsonErrorLine('{"a": 01}'), 1);
  });

  it('points at the last line of a truncated document', () => {
    assert.equal(jsonErrorLine('{\n  "packages": [\n    {"name": \n'), 3);
  });

  it('gives the column of the offending character (1-based), the end of the last line when truncated', () => {
    assert.deepEqual(jsonErrorPosition('{\n  "a": 1,\n  "b": x\n}'), { line: 3, column: 8 });
    assert.deepEqual(jsonErrorPosition('{\n  "a": 1,\n}'), { line: 3, column: 1 });
    assert.deepEqual(jsonErrorPosition('{\n  "packages": [\n    {"name": \n'), { line: 3, column: 12 });
  });
});
