import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProjectPlatform } from '../../check/project-platform.js';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { searchEngine as searchEngineRule } from './search-engine.js';

// An Adobe Commerce Cloud project names its search server in .magento/services.yaml; env.php has no engine (Cloud
// writes it at deploy). The finding used to guess from the current release ("no search engine is configured").
const current = releaseFixture('2.4.3-p1', { requirements: { elasticsearch: ['7.10'], opensearch: [] } });
const target = releaseFixture('2.4.8', {
  requirements: { elasticsearch: ['8.17'], opensearch: ['2.19'] },
  packages: { 'magento/module-elasticsearch-8': '100.4.2', 'magento/module-open-search': '100.4.2' },
});

async function findingsFor(services: string) {
  const dir = mkdtempSync(join(tmpdir(), 'mageup-cloud-search-'));
  try {
    mkdirSync(join(dir, '.magento'));
    writeFileSync(
      join(dir, 'composer.json'),
      '{"name": "acme/cloud", "require": {"magento/magento-cloud-metapackage": "2.4.3-p1"}}\n',
    );
    writeFileSync(join(dir, 'composer.lock'), '{"packages": [], "plugin-api-version": "2.2.0"}\n');
    writeFileSync(join(dir, '.magento/services.yaml'), services);
    const platform = await readProjectPlatform(dir);
    return await runRule(searchEngineRule, {
      project: projectFixture(),
      current: { release: current, symbols: null },
      target: { release: target },
      platform,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("a Cloud project's declared Elasticsearch 7 is judged at its line in services.yaml", async () => {
  const findings = await findingsFor(
    'mysql:\n    type: mysql:10.4\n    disk: 2048\n\nelasticsearch:\n    type: elasticsearch:7.10\n    disk: 1024\n',
  );
  assert.deepEqual(
    findings.map((f) => [f.file, f.line, f.severity, f.messageId]),
    [['.magento/services.yaml', 6, 'critical', 'declaredUnsupported']],
  );
  assert.equal(
    findings[0]!.message,
    '.magento/services.yaml runs Elasticsearch 7.10; 2.4.8 has no Elasticsearch 7 adapter and supports OpenSearch ' +
      '2.19 or Elasticsearch 8.17: the search engine must be replaced.',
  );
});

test('a declared engine the target ships but no longer lists is an error; a supported one is not reported', async () => {
  const older = await findingsFor('opensearch:\n    type: opensearch:1.2\n');
  assert.deepEqual(
    older.map((f) => [f.line, f.severity, f.messageId]),
    [[2, 'error', 'declaredNotListed']],
  );
  assert.deepEqual(await findingsFor('opensearch:\n    type: "opensearch:2"\n    disk: 1024\n'), []);
});
