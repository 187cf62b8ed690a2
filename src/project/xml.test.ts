import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseXml } from './xml.js';

describe('parseXml', () => {
  it('builds an element tree with lines, attributes (prefixed names kept) and text', () => {
    const result = parseXml(
      '<?xml version="1.0"?>\n<config xmlns:xsi="x">\n  <item xsi:type="object">\n    Acme\\Foo\n  </item>\n  <![CDATA[a<b]]>\n</config>\n',
    );
    assert.ok(result.ok);
    assert.equal(result.root.name, 'config');
    assert.equal(result.root.line, 2);
    const item = result.root.children[0];
    assert.deepEqual([item?.name, item?.attrs['xsi:type'], item?.text, item?.line], ['item', 'object', 'Acme\\Foo', 3]);
    assert.equal(result.root.text, 'a<b');
  });

  it('reports the first error with its line instead of throwing', () => {
    const result = parseXml('<config>\n  <a>\n  </b>\n</config>');
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.line, 3);
      assert.equal(result.message, 'unexpected close tag.');
    }
  });

  it('rejects empty input', () => {
    assert.equal(parseXml('').ok, false);
  });
});
