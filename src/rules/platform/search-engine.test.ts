import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { searchEngine as searchEngineRule } from './search-engine.js';

const current = releaseFixture('2.4.6-p3', {
  requirements: { elasticsearch: ['8.5', '7.17'], opensearch: ['2.5'] },
  packages: { 'magento/module-elasticsearch-7': '100.4.8', 'magento/module-open-search': '100.4.0' },
});
const target = releaseFixture('2.4.8', {
  requirements: { elasticsearch: ['8.17'], opensearch: ['2.19'] },
  packages: { 'magento/module-elasticsearch-8': '100.4.2', 'magento/module-open-search': '100.4.2' },
});
const withEngine = (engine: string) =>
  projectFixture({ services: { present: true, searchEngine: { engine, source: 'env.php' } } });

test('Elasticsearch 7 on 2.4.8 is critical: its module is gone', async () => {
  const findings = await runRule(searchEngineRule, {
    project: withEngine('elasticsearch7'),
    current: { release: current, symbols: null },
    target: { release: target },
    platform: { php: [], settings: { searchEngine: { file: 'app/etc/env.php', line: 42 } } },
  });
  assert.equal(findings.length, 1);
  const [f] = findings;
  assert.equal(f!.severity, 'critical');
  assert.equal(f!.file, 'app/etc/env.php');
  assert.equal(f!.line, 42);
  assert.equal(f!.messageId, 'noAdapter');
  assert.deepEqual(f!.data?.reason, [
    { messageId: 'noLongerShips', data: { target: '2.4.8', package: 'magento/module-elasticsearch-7' } },
  ]);
  assert.equal(f!.recommendationId, 'installEngine');
  assert.match(String(f!.data?.engines), /OpenSearch 2\.19/);
});

test('OpenSearch and Elasticsearch 8 are fine on 2.4.8', async () => {
  for (const engine of ['opensearch', 'elasticsearch8']) {
    const findings = await runRule(searchEngineRule, { project: withEngine(engine), target: { release: target } });
    assert.deepEqual(findings, [], engine);
  }
});

test('a third-party engine (Elasticsuite) is left to its own module', async () => {
  assert.deepEqual(
    await runRule(searchEngineRule, { project: withEngine('elasticsuite'), target: { release: target } }),
    [],
  );
});

test('no engine in the files: warns only when every engine of the current release is gone', async () => {
  const es7only = releaseFixture('2.4.4', { requirements: { elasticsearch: ['7.16'], opensearch: [] } });
  const findings = await runRule(searchEngineRule, {
    current: { release: es7only, symbols: null },
    target: { release: target },
  });
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.severity, 'warning');
  assert.equal(findings[0]!.messageId, 'noneConfigured');
  assert.deepEqual(
    await runRule(searchEngineRule, { current: { release: current, symbols: null }, target: { release: target } }),
    [],
  );
});

test('low-confidence requirements say so', async () => {
  const uncertain = releaseFixture('2.4.8-p9', { ...target, version: '2.4.8-p9', requirementsConfidence: 'low' });
  const findings = await runRule(searchEngineRule, {
    project: withEngine('elasticsearch7'),
    target: { release: uncertain },
  });
  assert.deepEqual(findings[0]!.data?.note, [{ messageId: 'uncertainNoColumn', data: { release: '2.4.8-p9' } }]);
});
