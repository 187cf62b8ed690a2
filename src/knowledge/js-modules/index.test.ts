import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { loadJsModuleIndex } from './index.js';

test('the shipped RequireJS index holds the jQuery and jQuery UI history of the real releases', () => {
  const index = loadJsModuleIndex();
  const r243 = index.release('2.4.3')!;
  const r244 = index.release('2.4.4')!;
  const r246 = index.release('2.4.6')!;
  assert.deepEqual([r243.jquery, r243.migrate], ['1.12.4', '1.4.1']);
  assert.deepEqual([r244.jquery, r244.migrate], ['3.6.0', '3.3.2']);
  assert.deepEqual([r246.jquery, r246.migrate], ['3.6.0', undefined]);
  assert.ok(r243.provides('live') && !r244.provides('live') && r244.provides('size') && !r246.provides('size'));
  assert.equal(r244.pathed('jquery-ui-modules/widget', 'frontend'), 'jquery/ui-modules/widget');
  assert.equal(r243.mapped('wysiwygAdapter', 'adminhtml'), 'mage/adminhtml/wysiwyg/tiny_mce/tinymce4Adapter');
  assert.equal(index.release('9.9.9'), undefined);
});
