import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { jsonErrorLine } from './json-error.js';

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
});
