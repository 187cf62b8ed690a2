import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReleaseCatalog } from '../../knowledge/catalog.js';
import { fixedClock } from '../../knowledge/clock.js';
import type { MessagePart } from '../rule.js';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { coreBulletin as coreBulletinRule } from './core-bulletin.js';

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
  assert.deepEqual(
    findings.map((f) => [f.messageId, f.data?.fix]),
    [
      ['lacksFixes', [{ messageId: 'fixedIn', data: { release: '2.4.6-p1' } }]],
      ['lacksFixes', [{ messageId: 'fixedIn', data: { release: '2.4.6-p2' } }]],
      ['lacksFixes', [{ messageId: 'fixedIn', data: { release: '2.4.7' } }]],
    ],
  );
  assert.equal(
    findings[0]!.message,
    'Magento 2.4.6 lacks the fixes of APSB23-35 (2023-06-13): fixed in 2.4.6-p1 (uncertain: the affected versions are derived from the fixed releases).',
  );
  assert.deepEqual(findings[2]!.data?.untilUpgrade, []);
  assert.ok(findings.every((f) => f.severity === 'critical'));
  assert.deepEqual([findings[0]!.recommendationId, findings[0]!.data?.target], ['targetFixes', '2.4.7']);
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

test('per patch level: each missing or partly applied patch file of the line, exploited first, with bulletin, CVE and file', async () => {
  const { loadPatchLevels } = await import('../../knowledge/patch-levels.js');
  const patchLevels = loadPatchLevels();
  const store = projectFixture({
    magento: {
      version: '2.4.8-p5',
      edition: 'open-source',
      b2b: false,
      versionSource: 'composer.lock',
      productPackage: 'magento/product-community-edition',
    },
    patchEvidence: {
      files: {},
      declared: [
        { text: '2026-07-001 Isolated patches/isolated/248p5-2026-07-001-CE.patch', where: 'composer.json (vaimo)' },
      ],
      packages: {},
    },
  });
  const p5 = releaseFixture('2.4.8-p5', { date: '2026-05-12' });
  const findings = await runRule(coreBulletinRule, {
    project: store,
    catalog: createReleaseCatalog([p5], fixedClock('2026-12-03')),
    current: { release: p5, symbols: null },
    target: { release: p5 },
    patchLevels,
  });
  const patches = findings.filter((f) => (f.subject ?? '').startsWith('patch '));
  // July is declared (vendor/ absent: the declaration is all there is). The rest of the chain has no file data and no
  // declaration: it cannot be shown to be applied (it may have been applied by hand), still critical.
  assert.deepEqual(
    patches.map((f) => f.subject),
    [
      'patch VULN-39341-2.4.8-p5',
      'patch 248p5-2026-08-001-CE',
      'patch 248p5-2026-oct-CE',
      'patch 248p5-2026-09-001-CE',
    ],
  );
  assert.ok(patches.every((f) => f.severity === 'critical'));
  assert.deepEqual(
    patches.map((f) => f.messageId),
    ['patchExploited', 'patchExploited', 'patchSevere', 'patchSevere'],
  );
  const aug = patches[1]!;
  const label = '2.4.8-p5 + 2026-jul, unknown 2026-aug, unknown hotfix VULN-39341, unknown 2026-sep, unknown 2026-oct';
  assert.deepEqual(
    [aug.data?.state, aug.data?.what, aug.data?.facts, aug.data?.label],
    [
      [{ messageId: 'unknown' }],
      [{ messageId: 'isolated', data: { level: '2026-aug' } }],
      [{ messageId: 'facts', data: { refs: 'APSB26-92, CVE-2026-48413, CVE-2026-71362, CVSS 9.1' } }],
      label,
    ],
  );
  assert.equal(
    aug.message,
    `Exploited in the wild: Magento 2.4.8-p5 cannot be shown to have the 2026-aug isolated security patch of 2026-08-11 (APSB26-92, CVE-2026-48413, CVE-2026-71362, CVSS 9.1). Patch level: ${label}. Evidence: ${String(aug.data?.evidence)}.`,
  );
  assert.deepEqual(
    [aug.recommendationId, aug.data?.patchFile, aug.data?.requires],
    ['apply', '248p5-2026-08-001-CE.patch', '2.4.8-p5'],
  );
  assert.deepEqual(
    [patches[0]!.data?.what, patches[0]!.data?.facts],
    [
      [{ messageId: 'hotfixNamed', data: { level: 'VULN-39341', name: 'StyleSmuggler' } }],
      [{ messageId: 'facts', data: { refs: 'APSB26-146, CVE-2026-75650, CVSS 10' } }],
    ],
  );
  // No bulletin confirmed for October yet: the finding says so.
  assert.deepEqual(patches[2]!.data?.facts, [
    {
      messageId: 'factsUnconfirmed',
      data: { refs: 'CVE-2026-91013, CVE-2026-92464, CVE-2026-92909, CVE-2026-92910, CVE-2026-95630, CVE-2026-103849' },
    },
  ]);

  const behind = await runRule(coreBulletinRule, {
    project: { ...store, magento: { ...store.magento, version: '2.4.8-p3' } },
    catalog: createReleaseCatalog([p5], fixedClock('2026-12-03')),
    current: { release: null, symbols: null },
    target: { release: p5 },
    patchLevels,
  });
  const level = behind.filter((f) => f.subject === 'patch level 2.4.8');
  assert.equal(level.length, 1);
  assert.equal(level[0]!.messageId, 'behindExploited');
  assert.deepEqual(
    [level[0]!.data?.base, level[0]!.data?.count, level[0]!.data?.requires],
    ['2.4.8-p3', 5, '2.4.8-p5'],
  );
  assert.deepEqual(
    (level[0]!.data?.patches as MessagePart[]).map((p) => [p.messageId, p.data?.level]),
    [
      ['behindPatchExploited', '2026-aug'],
      ['behindPatchExploited', 'VULN-39341'],
      ['behindPatch', '2026-jul'],
      ['behindPatch', '2026-sep'],
      ['behindPatchUnconfirmed', '2026-oct'],
    ],
  );
  assert.equal(
    level[0]!.message,
    'Exploited in the wild: Magento 2.4.8-p3 cannot take the 5 isolated security patch files and hotfixes of 2.4.8 released since July 2026 (they apply only on 2.4.8-p5): ' +
      '2026-aug (APSB26-92, CVE-2026-48413, CVE-2026-71362, exploited); VULN-39341 (APSB26-146, CVE-2026-75650, exploited); ' +
      '2026-jul (APSB26-73, CVE-2026-47984, CVE-2026-47997, CVE-2026-48001, CVE-2026-48356, CVE-2026-48358); ' +
      '2026-sep (APSB26-138, CVE-2026-76200); ' +
      '2026-oct (bulletin not confirmed, CVE-2026-91013, CVE-2026-92464, CVE-2026-92909, CVE-2026-92910, CVE-2026-95630, CVE-2026-103849).',
  );
  assert.equal(level[0]!.recommendationId, 'upgradeThenApplyAll');
  assert.match(
    String(level[0]!.data?.chain),
    /^248p5-2026-07-001-CE\.patch, 248p5-2026-08-001-CE\.patch, VULN-39341 hotfix/,
  );
});

test('points at the file and line the version was read from (composer.json when there is no composer.lock)', async () => {
  const fromJson = projectFixture({
    magento: { ...project.magento, versionSource: 'composer.json', versionFile: 'composer.json', versionLine: 7 },
  });
  const findings = await runRule(coreBulletinRule, {
    project: fromJson,
    catalog,
    current: { release: releases[0]!, symbols: null },
    target: { release: releases[3]! },
  });
  assert.ok(findings.length > 0);
  assert.ok(findings.every((f) => f.file === 'composer.json' && f.line === 7));
});

test('coverage gaps: a version the catalog does not know, a line the patch-level data has no record of (info, "could not verify")', async () => {
  const { loadPatchLevels } = await import('../../knowledge/patch-levels.js');
  const { unverifiedBulletins, openExploited } = await import('../../fleet/exploited.js');
  const patchLevels = loadPatchLevels();
  const p5 = releaseFixture('2.4.8-p5', { date: '2026-05-12' });
  const alpha = releaseFixture('2.4.10-alpha1', { date: '2026-10-13' });
  const store = (version: string) =>
    projectFixture({
      magento: { ...project.magento, version },
      patchEvidence: { files: {}, declared: [], packages: {} },
    });
  const run = (version: string, current: typeof p5 | null, target: typeof p5) =>
    runRule(coreBulletinRule, {
      project: store(version),
      catalog: createReleaseCatalog([p5, alpha], fixedClock('2026-12-03')),
      current: { release: current, symbols: null },
      target: { release: target },
      patchLevels,
    });
  const gaps = (findings: Awaited<ReturnType<typeof run>>) =>
    findings.filter((f) => f.messageId === 'notVerified' || f.messageId === 'patchesNotVerified');

  // A covered line, moving within covered lines: nothing unverified.
  assert.deepEqual(gaps(await run('2.4.8-p5', p5, p5)), []);

  // The target's line (2.4.10) is newer than every line the patch-level data covers.
  const toAlpha = gaps(await run('2.4.8-p5', p5, alpha));
  assert.equal(toAlpha.length, 1);
  assert.equal(toAlpha[0]!.severity, 'info');
  assert.equal(
    toAlpha[0]!.message,
    'Could not verify the isolated security patches and hotfixes since July 2026 (APSB26-73; APSB26-92; APSB26-146; ' +
      'APSB26-138; 2026-oct) against Magento 2.4.10-alpha1 (the target): the patch-level data (as of ' +
      `${patchLevels.asOf}) has no record of the 2.4.10 line.`,
  );
  const unverified = unverifiedBulletins(toAlpha, patchLevels);
  assert.deepEqual(
    unverified.map((u) => `${u.bulletin}@${u.release}`),
    ['APSB26-73', 'APSB26-92', 'APSB26-146', 'APSB26-138', '2026-oct'].map((b) => `${b}@2.4.10-alpha1`),
  );

  // A current version the release catalog does not know: its bulletins could not be verified (not "none").
  const unknown = gaps(await run('2.4.8-p99', null, p5));
  assert.deepEqual(
    unknown.map((f) => [f.severity, f.message]),
    [
      [
        'info',
        'Could not verify which Adobe security bulletins (APSB) Magento 2.4.8-p99 lacks: the release catalog does not know this version.',
      ],
    ],
  );
  assert.deepEqual(unverifiedBulletins(unknown, patchLevels), [
    { bulletin: null, release: '2.4.8-p99', reason: 'the release catalog does not know this version' },
  ]);

  // An older line than any covered gets no isolated patches: nothing to verify, no finding.
  const old = releaseFixture('2.4.5-p14', { date: '2025-08-12' });
  assert.deepEqual(gaps(await run('2.4.5-p14', old, p5)), []);

  // A patch whose state the project does not tell is unverified, never open.
  const unread = await runRule(coreBulletinRule, {
    project: projectFixture({
      magento: { ...project.magento, version: '2.4.8-p5' },
      patchEvidence: {
        files: {},
        declared: [],
        packages: {},
        cvt: { applied: [], missing: [], unknown: [], source: 'x' },
      },
    }),
    catalog: createReleaseCatalog([p5], fixedClock('2026-12-03')),
    current: { release: p5, symbols: null },
    target: { release: p5 },
    patchLevels,
  });
  // July's files are not in the project; the later patches have no file data at all: none is shown open.
  const notShown = unread.filter((f) => (f.data?.state as MessagePart[] | undefined)?.[0]?.messageId === 'unknown');
  assert.deepEqual(
    notShown.map((f) => f.subject),
    [
      'patch VULN-39341-2.4.8-p5',
      'patch 248p5-2026-08-001-CE',
      'patch 248p5-2026-07-001-CE',
      'patch 248p5-2026-oct-CE',
      'patch 248p5-2026-09-001-CE',
    ],
  );
  assert.deepEqual(openExploited(notShown, patchLevels), []);
  assert.deepEqual(
    unverifiedBulletins(notShown, patchLevels)
      .map((u) => u.bulletin)
      .sort(),
    ['2026-oct', 'APSB26-138', 'APSB26-146', 'APSB26-73', 'APSB26-92'],
  );
});
