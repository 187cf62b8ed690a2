import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReleaseCatalog } from '../../knowledge/catalog.js';
import { fixedClock } from '../../knowledge/clock.js';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { coreBulletinRule } from './core-bulletin.js';

const releases = [
  releaseFixture('2.4.6', { date: '2023-03-14', apsb: ['APSB23-17'] }),
  releaseFixture('2.4.6-p1', { date: '2023-06-13', apsb: ['APSB23-35'] }),
  releaseFixture('2.4.6-p2', { date: '2023-08-08', apsb: ['APSB23-42'] }),
  releaseFixture('2.4.7', { date: '2024-04-09', apsb: ['APSB24-18'] }),
];
const catalog = createReleaseCatalog(releases, fixedClock('2026-11-23'));
const project = projectFixture({
  magento: {
    version: '2.4.6',
    edition: 'open-source',
    b2b: false,
    versionSource: 'composer.lock',
    productPackage: 'magento/product-community-edition',
  },
});

test('lists every bulletin the current version lacks, with the patch of its own line', async () => {
  const findings = await runRule(coreBulletinRule, {
    project,
    catalog,
    current: { release: releases[0]!, symbols: null },
    target: { release: releases[3]! },
  });
  // APSB24-18 has no fix on the 2.4.6 line in this catalog: the line stays exposed until 2.4.7.
  assert.deepEqual(
    findings.map((f) => f.subject),
    ['APSB23-35', 'APSB23-42', 'APSB24-18'],
  );
  assert.match(findings[2]!.message, /fixed in 2\.4\.7/);
  assert.doesNotMatch(findings[2]!.recommendation, /Until the upgrade/);
  assert.ok(findings.every((f) => f.severity === 'critical'));
  assert.match(findings[0]!.message, /fixed in 2\.4\.6-p1/);
  assert.match(findings[0]!.recommendation, /2\.4\.7 includes the fix/);
  assert.equal(findings[0]!.effort?.hours, 0);
});

test('an up-to-date version lacks nothing', async () => {
  const findings = await runRule(coreBulletinRule, {
    project,
    catalog,
    current: { release: releases[3]!, symbols: null },
    target: { release: releases[3]! },
  });
  assert.deepEqual(findings, []);
});
