import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { loadGraphqlIndex } from './index.js';

test('the shipped GraphQL index holds the core schema history of the real releases', () => {
  const index = loadGraphqlIndex();
  assert.ok(index.releases().length >= 76);
  const r233 = index.release('2.3.3')!;
  const r234 = index.release('2.3.4')!;
  // 2.3.4 moved products(filter:) from ProductFilterInput to ProductAttributeFilterInput.
  assert.equal(r233.field('Query', 'products')?.def.a?.filter, 'ProductFilterInput');
  assert.equal(r234.field('Query', 'products')?.def.a?.filter, 'ProductAttributeFilterInput');
  assert.match(r234.field('Query', 'products')!.def.r!, /^Magento\\CatalogGraphQl\\/);
  // 2.4.0 removed the Braintree and Authorize.net inputs with the bundled modules.
  assert.ok(index.release('2.3.7-p4')!.type('BraintreeInput') && !index.release('2.4.0')!.type('BraintreeInput'));
  // Fields inherited from interfaces are answered with the interface they come from.
  const simple = index.release('2.4.7')!.field('SimpleProduct', 'sku');
  assert.equal(simple?.from, 'ProductInterface');
  assert.deepEqual(index.release('2.4.7')!.type('ProductInterface')?.m.includes('Magento_CatalogGraphQl'), true);
  // Payment Services are versioned apart from the release: not indexed as core.
  assert.equal(index.release('2.4.7-p7')!.type('GooglePayMode'), undefined);
  assert.equal(index.release('9.9.9'), undefined);
});
