import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProjectPlatform } from '../check/project-platform.js';
import { readCloudRelationships, readCloudServices } from './cloud-services.js';

const BOTH =
  '# mid-migration\nmysql:\n  type: "mysql:10.6"\nelasticsearch:\n  type: elasticsearch:7.10\nopensearch:\n  type: opensearch:2\n';

test('services.yaml is read as YAML: names, types, versions and the line of each type', () => {
  assert.deepEqual(readCloudServices(BOTH), [
    { name: 'mysql', type: 'mysql', version: '10.6', line: 3 },
    { name: 'elasticsearch', type: 'elasticsearch', version: '7.10', line: 5 },
    { name: 'opensearch', type: 'opensearch', version: '2', line: 7 },
  ]);
  assert.deepEqual(readCloudServices('{mysql: {type: "mysql:10.4"}}'), [
    { name: 'mysql', type: 'mysql', version: '10.4', line: 1 },
  ]);
  assert.deepEqual(readCloudServices('mysql: [unclosed'), [], 'not YAML: nothing read, nothing guessed');
  assert.deepEqual(
    [...(readCloudRelationships('relationships:\n  database: "mysql:mysql"\n  opensearch: "os:opensearch"\n') ?? [])],
    ['mysql', 'os'],
  );
  assert.equal(readCloudRelationships('name: mymagento\n'), undefined);
});

async function searchEngineOf(app: string | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'mageup-cloud-services-'));
  try {
    mkdirSync(join(dir, '.magento'));
    writeFileSync(join(dir, '.magento/services.yaml'), BOTH);
    if (app) writeFileSync(join(dir, '.magento.app.yaml'), app);
    return (await readProjectPlatform(dir)).searchEngine;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('of two declared search services, the one the relationships name is judged; neither when none tells', async () => {
  assert.equal(await searchEngineOf(undefined), undefined);
  assert.equal(await searchEngineOf('type: php:8.3\n'), undefined);
  const used = await searchEngineOf('type: php:8.3\nrelationships:\n  opensearch: "opensearch:opensearch"\n');
  assert.deepEqual(used && [used.service, used.version, used.line], ['opensearch', '2', 7]);
});
