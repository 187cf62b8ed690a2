import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseXml } from '../xml.js';
import { readLayoutXml } from './layout.js';

describe('readLayoutXml', () => {
  it('reads object arguments and array items (view models) with their lines', () => {
    const xml = [
      '<page xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
      '  <body>',
      '    <block class="Magento\\Framework\\View\\Element\\Template" name="a">',
      '      <arguments>',
      '        <argument name="view_model" xsi:type="object">\\Acme\\Shop\\ViewModel\\Hello</argument>',
      '        <argument name="title" xsi:type="string">Hello</argument>',
      '        <argument name="providers" xsi:type="array">',
      '          <item name="p" xsi:type="object">Acme\\Shop\\Provider</item>',
      '        </argument>',
      '      </arguments>',
      '    </block>',
      '  </body>',
      '</page>',
    ].join('\n');
    const parsed = parseXml(xml);
    assert.ok(parsed.ok);
    const layout = readLayoutXml(parsed.root, 'view/frontend/layout/default.xml', 'frontend');
    assert.deepEqual(layout.blocks, [
      {
        class: 'Magento\\Framework\\View\\Element\\Template',
        name: 'a',
        line: 3,
        arguments: [
          { name: 'view_model', type: 'object', class: 'Acme\\Shop\\ViewModel\\Hello', line: 5 },
          { name: 'title', type: 'string', line: 6 },
          { name: 'providers', type: 'array', line: 7 },
        ],
      },
    ]);
    assert.deepEqual(layout.objects, [
      { class: 'Acme\\Shop\\ViewModel\\Hello', argument: 'view_model', line: 5 },
      { class: 'Acme\\Shop\\Provider', argument: 'p', line: 8 },
    ]);
  });

  it('keeps the arguments of a referenceBlock, not those of the blocks nested in it', () => {
    const parsed = parseXml(
      '<page xmlns:xsi="x"><body><referenceBlock name="r"><arguments><argument name="k" xsi:type="string">v</argument>' +
        '</arguments><block name="n"><arguments><argument name="m" xsi:type="string">w</argument></arguments></block>' +
        '</referenceBlock></body></page>',
    );
    assert.ok(parsed.ok);
    const layout = readLayoutXml(parsed.root, 'x.xml', 'frontend');
    assert.deepEqual(layout.references[0]!.arguments, [{ name: 'k', type: 'string', line: 1 }]);
    assert.deepEqual(layout.blocks[0]!.arguments, [{ name: 'm', type: 'string', line: 1 }]);
  });

  it('leaves objects out when there are none', () => {
    const parsed = parseXml('<page><body><referenceBlock name="x"/></body></page>');
    assert.ok(parsed.ok);
    assert.equal(readLayoutXml(parsed.root, 'x.xml', 'frontend').objects, undefined);
  });
});
