import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { runRule } from '../testing.js';
import { coreTypeRemoved } from './core-type-removed.js';
import { coreFieldChanged } from './core-field-changed.js';
import { coreDeprecated } from './core-deprecated.js';
import { coreTypeAdded } from './core-type-added.js';
import { graphqlFacts } from './fixtures.js';

const FILE = 'app/code/Acme/Api/etc/schema.graphqls';

const CURRENT = `
interface ProductInterface { sku: String name: String price: ProductPrices @deprecated(reason: "Use price_range") }
interface RoutableInterface { type: String }
type SimpleProduct implements ProductInterface, RoutableInterface { weight: Float }
type ProductPrices { regularPrice: Float }
type PriceRange { minimum: Float }
input ProductAttributeFilterInput { sku: FilterEqualTypeInput }
input FilterEqualTypeInput { eq: String }
type Query {
  products(search: String, filter: ProductAttributeFilterInput, pageSize: Int = 20): Products @resolver(class: "Magento\\\\CatalogGraphQl\\\\Model\\\\Resolver\\\\Products")
  legacyThing(id: Int): String
  cmsPage(id: Int): String
}
type Products { items: [ProductInterface] }
`;
// 2.4.8: RoutableInterface and ProductPrices removed, products() gains currentPage and loses search, legacyThing
// removed, cmsPage's id becomes String and the field a Float, PriceRange deprecated, a core AcmeWidget appears.
const TARGET = `
interface ProductInterface { sku: String name: String @deprecated(reason: "Use product_name") }
type SimpleProduct implements ProductInterface { weight: Float }
type PriceRange @deprecated(reason: "Use PriceDetails") { minimum: Float }
input ProductAttributeFilterInput { sku: FilterEqualTypeInput }
input FilterEqualTypeInput { eq: String }
type Query {
  products(filter: ProductAttributeFilterInput, pageSize: Int = 20, currentPage: Int = 1): Products @resolver(class: "Magento\\\\CatalogGraphQl\\\\Model\\\\Resolver\\\\Products")
  cmsPage(id: String): Float
}
type Products { items: [ProductInterface] }
type AcmeWidget { id: ID }
`;
const CORE = { current: CURRENT, target: TARGET };

const PROJECT = `
type AcmeProduct implements ProductInterface & RoutableInterface {
  acme_label: String
  old_prices: ProductPrices
  range: PriceRange
}
extend type ProductPrices { acme_discount: Float }
type Query {
  products(search: String, filter: ProductAttributeFilterInput, pageSize: Int = 20): Products @resolver(class: "Acme\\\\Api\\\\Model\\\\Resolver\\\\Products")
  legacyThing(id: Int): String @resolver(class: "Acme\\\\Api\\\\Model\\\\Legacy")
  cmsPage(id: String): String
  acmeWidget(id: ID): AcmeWidget
}
type AcmeWidget { id: ID label: Int }
input ProductAttributeFilterInput { acme_flag: FilterEqualTypeInput }
interface ProductInterface { name: String }
`;

test('core-type-removed: implements, uses and extends of types the target removed', async () => {
  const graphql = graphqlFacts({ [FILE]: PROJECT }, CORE);
  const findings = await runRule(coreTypeRemoved, { graphql });
  assert.deepEqual(findings.map((f) => [f.messageId, f.data?.type, f.line, f.severity]).sort(), [
    ['extendedRemoved', 'ProductPrices', 7, 'warning'],
    ['implementsRemoved', 'RoutableInterface', 2, 'error'],
  ]);
  // ProductPrices stays declared by the project itself, so `old_prices: ProductPrices` still builds.
  assert.equal(findings[0]!.file, FILE);
  assert.equal(findings[0]!.module, 'Acme_Api');
});

test('core-type-removed: a field using a removed type fails the schema', async () => {
  const graphql = graphqlFacts({ [FILE]: 'type Query { acmePrices: ProductPrices }' }, CORE);
  const findings = await runRule(coreTypeRemoved, { graphql });
  assert.deepEqual(
    findings.map((f) => [f.messageId, f.data?.owner, f.data?.field, f.data?.type]),
    [['usesRemoved', 'Query', 'acmePrices', 'ProductPrices']],
  );
});

test('core-type-removed: "could not verify" when the target has no schema data, never "removed"', async () => {
  const graphql = graphqlFacts({ [FILE]: PROJECT }, CORE, { targetCovered: false });
  const findings = await runRule(coreTypeRemoved, { graphql });
  assert.deepEqual(
    findings.map((f) => [f.messageId, f.severity, f.effort?.hours]),
    [['unverified', 'info', 0]],
  );
  assert.match(String(findings[0]!.data?.types), /ProductInterface/);
  // Without the current release's schema nothing is known to be core: nothing reported at all.
  assert.deepEqual(
    await runRule(coreTypeRemoved, { graphql: graphqlFacts({ [FILE]: PROJECT }, CORE, { currentCovered: false }) }),
    [],
  );
});

test('core-type-removed: a kind change breaks implements', async () => {
  const graphql = graphqlFacts(
    { [FILE]: 'type Mine implements Shape { id: ID }' },
    { current: 'interface Shape { id: ID }', target: 'type Shape { id: ID }' },
  );
  const findings = await runRule(coreTypeRemoved, { graphql });
  assert.deepEqual(
    findings.map((f) => [f.messageId, f.data?.now]),
    [['kindChanged', 'type']],
  );
});

test('core-field-changed: removed fields, changed types and arguments of redeclared core fields', async () => {
  const graphql = graphqlFacts({ [FILE]: PROJECT }, CORE);
  const findings = await runRule(coreFieldChanged, { graphql });
  const got = findings.map((f) => [f.messageId, f.subject, f.data?.after ?? '']).sort();
  assert.deepEqual(got, [
    ['argsChanged', 'Query.products args', ''],
    ['removed', 'Query.legacyThing', ''],
    ['typeChanged', 'Query.cmsPage', 'Float'],
  ]);
  const args = findings.find((f) => f.messageId === 'argsChanged')!;
  assert.deepEqual(args.data?.changes, [
    { messageId: 'argAdded', data: { name: 'currentPage', type: 'Int' } },
    { messageId: 'argRemoved', data: { name: 'search' } },
  ]);
  // cmsPage(id: String) already matches the target's argument: no args finding for it.
  const removed = findings.find((f) => f.messageId === 'removed')!;
  assert.deepEqual(removed.data?.resolver, [
    { messageId: 'viaResolver', data: { resolver: 'Acme\\Api\\Model\\Legacy' } },
  ]);
});

test('core-field-changed: silent without the target schema', async () => {
  const graphql = graphqlFacts({ [FILE]: PROJECT }, CORE, { targetCovered: false });
  assert.deepEqual(await runRule(coreFieldChanged, { graphql }), []);
});

test('core-deprecated: newly deprecated core types used and core fields redeclared', async () => {
  const graphql = graphqlFacts({ [FILE]: PROJECT }, CORE);
  const findings = await runRule(coreDeprecated, { graphql });
  assert.deepEqual(findings.map((f) => [f.messageId, f.subject, f.data?.reason, f.severity]).sort(), [
    ['fieldDeprecated', 'ProductInterface.name', 'Use product_name', 'info'],
    ['typeDeprecated', 'PriceRange', 'Use PriceDetails', 'info'],
  ]);
});

test('core-type-added: the target adds a core type with the name of a project type', async () => {
  const graphql = graphqlFacts({ [FILE]: PROJECT }, CORE);
  const findings = await runRule(coreTypeAdded, { graphql });
  assert.deepEqual(
    findings.map((f) => [f.messageId, f.data?.type, f.severity]),
    [['merged', 'AcmeWidget', 'info']],
  );
  const clash = graphqlFacts({ [FILE]: 'type AcmeWidget { id: String }\nextend type Brand { x: Int }' }, CORE);
  const conflict = await runRule(coreTypeAdded, { graphql: clash });
  assert.deepEqual(
    conflict.map((f) => [f.messageId, f.data?.conflicts, f.severity]),
    [['conflict', 'id: ID vs String', 'error']],
  );
});

test('core-type-added: the target adds a core field under the name of a field the project added to a core type', async () => {
  // 2.3.1 declared Mutation.createCustomer(input:) and generateCustomerToken; a 2.3.0 backport declared both itself.
  const core = {
    current: 'type Mutation { placeOrder(cart_id: String!): String }',
    target:
      'type Mutation { placeOrder(cart_id: String!): String createCustomer(input: CustomerInput!): CustomerOutput generateCustomerToken(email: String!, password: String!): CustomerToken }\ninput CustomerInput { email: String }\ntype CustomerOutput { id: Int }\ntype CustomerToken { token: String }',
  };
  const graphql = graphqlFacts(
    {
      [FILE]:
        'type Mutation {\n  createCustomer(customer: AcmeCustomerInput!, password: String!): AcmeCustomerType\n  generateCustomerToken(email: String!, password: String!): CustomerToken\n  acmeThing: Int\n}',
    },
    core,
  );
  const findings = await runRule(coreTypeAdded, { graphql });
  assert.deepEqual(
    findings.map((f) => [f.messageId, f.data?.field, f.severity, f.line]),
    [
      ['fieldConflict', 'createCustomer', 'error', 2],
      ['fieldMerged', 'generateCustomerToken', 'info', 3],
    ],
  );
  assert.equal(
    findings[0]?.data?.conflicts,
    'CustomerOutput vs AcmeCustomerType; arguments (input: CustomerInput!) vs (customer: AcmeCustomerInput!, password: String!)',
  );
});

test('core-type-removed: fields added to a core input no core field takes any more are never reached', async () => {
  const core = {
    current:
      'input OldFilter { sku: String or: OldFilter }\ninput NewFilter { sku: String }\ntype Query { products(filter: OldFilter): Int }',
    target:
      'input OldFilter { sku: String or: OldFilter }\ninput NewFilter { sku: String }\ntype Query { products(filter: NewFilter): Int }',
  };
  const graphql = graphqlFacts(
    { [FILE]: 'input OldFilter { acme_flag: String }\ninput NewFilter { acme: String }' },
    core,
  );
  const findings = await runRule(coreTypeRemoved, { graphql });
  assert.deepEqual(
    findings.map((f) => [f.messageId, f.data?.type, f.data?.usedBy, f.severity]),
    [['extendedOrphaned', 'OldFilter', 'Query.products(filter)', 'warning']],
  );
  // A module that still uses the input itself keeps it reachable.
  const used = graphqlFacts(
    { [FILE]: 'input OldFilter { acme_flag: String }\ntype Query { acme(f: OldFilter): Int }' },
    core,
  );
  assert.deepEqual(await runRule(coreTypeRemoved, { graphql: used }), []);
});
