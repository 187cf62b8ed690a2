import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { magentoDialect, readGraphqlSchema } from './read-schema.js';

test("Magento's dialect (empty bodies, comma lists, directives before implements) parses, lines unchanged", () => {
  const source = [
    'type BundleProduct implements ProductInterface, RoutableInterface @doc(description: "A bundle") {',
    '  price_view: PriceViewEnum @resolver(class: "\\\\Magento\\\\BundleGraphQl\\\\Model\\\\PriceView")',
    '}',
    'type ProductVideo @doc(description: "A (video)") implements MediaGalleryInterface {',
    '  video_content: String @deprecated(reason: "Use   `url`.")',
    '}',
    'enum PriceAdjustmentCodesEnum @doc(description: "deprecated") {',
    '}',
    'extend type Query { acme(filter: AcmeFilterInput!, ids: [ID]): [AcmeItem]! }',
  ].join('\n');
  assert.equal(magentoDialect(source).split('\n').length, source.split('\n').length);
  const result = readGraphqlSchema(source);
  assert.ok(!('error' in result), JSON.stringify(result));
  const [bundle, video, codes, query] = result.declarations;
  assert.deepEqual(
    bundle!.implements.map((i) => i.name),
    ['ProductInterface', 'RoutableInterface'],
  );
  assert.equal(bundle!.fields[0]!.resolver, 'Magento\\BundleGraphQl\\Model\\PriceView');
  assert.deepEqual(
    [video!.implements[0]!.name, video!.line, video!.fields[0]!.deprecated],
    ['MediaGalleryInterface', 4, 'Use `url`.'],
  );
  assert.deepEqual([codes!.kind, codes!.values], ['enum', {}]);
  assert.deepEqual([query!.extend, query!.line], [true, 9]);
  assert.deepEqual(query!.fields[0]!.args, { filter: 'AcmeFilterInput!', ids: '[ID]' });
  assert.equal(query!.fields[0]!.type, '[AcmeItem]!');
  assert.deepEqual(
    query!.fields[0]!.uses.map((u) => u.name),
    ['AcmeItem', 'AcmeFilterInput', 'ID'],
  );
});

test('a schema that does not parse gives the parser message and line', () => {
  const result = readGraphqlSchema('type Query {\n  broken(: String\n}');
  assert.ok('error' in result);
  assert.equal(result.line, 2);
});
