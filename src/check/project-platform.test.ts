import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProjectPlatform } from './project-platform.js';

// Shaped on skukla/magento-cloud: no PHP in composer.json, `type: php:7.4` in .magento.app.yaml. platform/php-version
// said "The project declares no PHP version".
test("Adobe Commerce Cloud's .magento.app.yaml type is a PHP declaration, with its line", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mageup-cloud-php-'));
  try {
    writeFileSync(join(dir, 'composer.json'), '{"require": {"magento/magento-cloud-metapackage": ">=2.4.0 <2.4.1"}}');
    writeFileSync(
      join(dir, '.magento.app.yaml'),
      '# Cloud\nname: mymagento\n\ntype: php:7.4\nbuild:\n  flavor: none\n',
    );
    const platform = await readProjectPlatform(dir);
    assert.deepEqual(platform.php, [
      { value: '7.4', kind: 'exact', source: '.magento.app.yaml type', file: '.magento.app.yaml', line: 4 },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("Cloud's .magento/services.yaml names the database server: its mysql type is MariaDB", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mageup-cloud-db-'));
  try {
    mkdirSync(join(dir, '.magento'));
    writeFileSync(
      join(dir, '.magento/services.yaml'),
      '# The services of the project.\n\nmysql:\n    type: mysql:10.3\n    disk: 2048\n\nelasticsearch:\n    type: elasticsearch:7.6\n',
    );
    const platform = await readProjectPlatform(dir);
    assert.deepEqual(platform.database, {
      service: 'mariadb',
      version: '10.3',
      file: '.magento/services.yaml',
      line: 4,
    });
    assert.deepEqual(platform.settings.db, { file: '.magento/services.yaml', line: 4 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
