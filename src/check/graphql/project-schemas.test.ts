import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Problem } from '../../core/problem.js';
import { moduleFixture, projectFixture, runRule } from '../../rules/testing.js';
import { coreFieldChanged } from '../../rules/graphql/core-field-changed.js';
import { coreTypeRemoved } from '../../rules/graphql/core-type-removed.js';
import { GraphqlFactsBuilder } from './project-schemas.js';

function project(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'mageup-graphql-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  const modules = [
    moduleFixture('Acme_Search', { graphqlSchemas: ['app/code/Acme/Search/etc/schema.graphqls'] }),
    moduleFixture('Acme_Broken', { graphqlSchemas: ['app/code/Acme/Broken/etc/schema.graphqls'] }),
    // Magento's own schemas are the index's, never the project's.
    moduleFixture(
      'Magento_CatalogGraphQl',
      { graphqlSchemas: ['vendor/magento/module-catalog-graph-ql/etc/schema.graphqls'] },
      { core: true, path: 'vendor/magento/module-catalog-graph-ql', location: 'vendor' },
    ),
  ];
  return { root, model: projectFixture({ root, modules }) };
}

test('project schemas are read once, core and broken ones aside, and judged against the real 2.3.3 → 2.3.4 schema', async () => {
  const { root, model } = project({
    // A real pattern of 2.3.x search extensions: products() redeclared with its own resolver.
    'app/code/Acme/Search/etc/schema.graphqls': [
      'type Query {',
      '    products(search: String, filter: ProductFilterInput, pageSize: Int = 20, currentPage: Int = 1, sort: ProductSortInput): Products',
      '        @resolver(class: "Acme\\\\Search\\\\Model\\\\Resolver\\\\Products")',
      '}',
      'extend type Products { acme_took_ms: Int }',
    ].join('\n'),
    'app/code/Acme/Broken/etc/schema.graphqls': 'type Query {\n  broken(: String\n}\n',
    'vendor/magento/module-catalog-graph-ql/etc/schema.graphqls': 'type Query { nope: Nope }',
  });
  try {
    const problems: Problem[] = [];
    const builder = new GraphqlFactsBuilder(model, problems);
    const graphql = builder.factsFor('2.3.3', '2.3.4');
    assert.deepEqual(
      graphql.schemas.map((s) => [s.file, s.module]),
      [['app/code/Acme/Search/etc/schema.graphqls', 'Acme_Search']],
    );
    assert.deepEqual(
      problems.map((p) => [p.code, p.file, p.line]),
      [['graphql-syntax', 'app/code/Acme/Broken/etc/schema.graphqls', 2]],
    );
    assert.equal(builder.factsFor('2.3.3', '2.4.0').schemas, graphql.schemas, 'parsed once');
    const findings = await runRule(coreFieldChanged, { graphql });
    assert.deepEqual(
      findings.map((f) => [f.messageId, f.line, f.data?.changes]),
      [
        [
          'argsChanged',
          2,
          [
            {
              messageId: 'argTypeChanged',
              data: { name: 'filter', before: 'ProductFilterInput', after: 'ProductAttributeFilterInput' },
            },
            {
              messageId: 'argTypeChanged',
              data: { name: 'sort', before: 'ProductSortInput', after: 'ProductAttributeSortInput' },
            },
          ],
        ],
      ],
    );
    assert.match(
      findings[0]!.message,
      /: filter: ProductFilterInput → ProductAttributeFilterInput; sort: ProductSortInput → ProductAttributeSortInput\.$/,
    );
    // A line the index does not cover: "could not verify", never "removed".
    const unknown = await runRule(coreTypeRemoved, { graphql: builder.factsFor('2.3.3', '2.9.0') });
    assert.deepEqual(
      unknown.map((f) => [f.messageId, f.severity]),
      [['unverified', 'info']],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('with --baseline-vendor/--target-vendor the core schemas come from the two trees', async () => {
  const { root, model } = project({
    'app/code/Acme/Search/etc/schema.graphqls': 'type Acme implements LegacyInterface { id: ID }',
    'baseline/magento/module-legacy-graph-ql/etc/module.xml': '<config><module name="Magento_LegacyGraphQl"/></config>',
    'baseline/magento/module-legacy-graph-ql/etc/schema.graphqls': 'interface LegacyInterface { id: ID }',
    'target/magento/module-other-graph-ql/etc/schema.graphqls': 'type Other { id: ID }',
  });
  try {
    const builder = new GraphqlFactsBuilder(model, [], {
      baseline: join(root, 'baseline'),
      target: join(root, 'target'),
    });
    const graphql = builder.factsFor('2.4.6', '2.4.8');
    assert.equal(graphql.current?.schema.type('LegacyInterface')?.m[0], 'Magento_LegacyGraphQl');
    const findings = await runRule(coreTypeRemoved, { graphql });
    assert.deepEqual(
      findings.map((f) => [f.messageId, f.data?.type, String(f.data?.target).startsWith('target ')]),
      [['implementsRemoved', 'LegacyInterface', true]],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
