import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { database as databaseRule } from './database.js';

// Shaped on skukla/magento-cloud: .magento/services.yaml runs `mysql:10.3` (MariaDB 10.3). The finding said "the
// server version is not in the project files".
const current = releaseFixture('2.4.0-p1', {
  requirements: { mysql: ['5.7', '8.0'], mariadb: ['10.2', '10.3', '10.4'] },
});
const target = releaseFixture('2.4.8-p3', { requirements: { mysql: ['8.4'], mariadb: ['11.4'] } });
const declared = (version: string) => ({
  php: [],
  settings: {},
  database: { service: 'mariadb' as const, version, file: '.magento/services.yaml', line: 6 },
});

test("a Cloud project's declared MariaDB is judged itself: reported at its line when the target drops it", async () => {
  const findings = await runRule(databaseRule, {
    project: projectFixture(),
    current: { release: current, symbols: null },
    target: { release: target },
    platform: declared('10.3'),
  });
  assert.deepEqual(
    findings.map((f) => [f.file, f.line, f.severity, f.messageId, f.recommendationId]),
    [['.magento/services.yaml', 6, 'error', 'declaredUnsupported', 'upgradeInWindow']],
  );
  assert.equal(
    findings[0]!.message,
    '.magento/services.yaml runs MariaDB 10.3; 2.4.8-p3 supports MariaDB 11.4: the database server must be upgraded.',
  );
  const supportedOne = await runRule(databaseRule, {
    project: projectFixture(),
    current: { release: current, symbols: null },
    target: { release: target },
    platform: declared('11.4'),
  });
  assert.deepEqual(supportedOne, []);
});
