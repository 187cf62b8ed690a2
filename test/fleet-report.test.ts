import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FleetStoreRow, StoreStatus } from '../src/fleet/index.js';
import { buildFleetReport } from '../src/report/fleet/fleet-report.js';
import { renderFleetReport } from '../src/report/fleet/render-fleet.js';

const status: StoreStatus = {
  edition: 'open-source',
  b2b: false,
  version: '2.4.6-p3',
  patchLevel: {
    label: '2.4.6-p3 (isolated patches need 2.4.6-p15 first; 4 missing)',
    missing: 4,
    partial: 0,
    unknown: 0,
  },
  support: { endOfSupport: '2026-08-11', daysLeft: -100, status: 'ended' },
  openExploited: [{ bulletin: 'APSB24-40', name: 'CosmicSting', cves: ['CVE-2024-34102'], fixedBy: '2.4.6-p6' }],
  unverifiedBulletins: [],
  target: '2.4.9',
  bySeverity: { critical: 14, error: 3, warning: 8, info: 11 },
  effortHours: 129,
  risk: 'high',
  canMoveNow: false,
  blockedBy: ['acme/module-foo: <script>alert(1)</script> needs "magento/framework"'],
  unverifiedExtensions: [],
  verify: null,
};

const row = (name: string, s: StoreStatus | null, error: string | null = null): FleetStoreRow => ({
  name,
  location: `/srv/${name}`,
  kind: 'path',
  tags: ['=HYPERLINK("x")'],
  verifyUrl: null,
  target: null,
  addedAt: '2026-11-01T00:00:00.000Z',
  lastScan: {
    id: 1,
    project: name,
    jobId: 'j',
    startedAt: '2026-11-01T10:00:00.000Z',
    finishedAt: '2026-11-01T10:01:00.000Z',
    worker: 'w',
    attempt: 1,
    ok: s !== null,
    error,
    auditRunId: null,
    checkRunId: null,
    status: s,
  },
  lastGoodScan: null,
  previousGoodScan: null,
  progress: null,
});

describe('fleet report', () => {
  const report = buildFleetReport(
    [row('acme', status), row('broken', null, 'not a Magento project')],
    new Date('2026-12-01T00:00:00Z'),
  );

  it('says what blocks, what is exposed, and "could not verify" for what a failed scan could not establish', () => {
    const acme = report.stores[0]!;
    assert.equal(acme.move, 'blocked');
    assert.deepEqual(acme.openExploited, ['APSB24-40 (CosmicSting) → 2.4.6-p6']);
    const broken = report.stores[1]!;
    assert.equal(broken.version, null);
    assert.equal(broken.lastError, 'not a Magento project');
    assert.deepEqual(report.totals, {
      stores: 2,
      scanned: 1,
      failed: 1,
      exposed: 1,
      withUnverified: 0,
      canMove: 0,
      blocked: 1,
      endedSupport: 1,
    });
    assert.match(renderFleetReport(report, 'md'), /\| broken \| .*could not verify/);
  });

  it('shows every severity, the trend against the previous successful scan, and verify', () => {
    const before: StoreStatus = {
      ...status,
      target: '2.4.8',
      bySeverity: { critical: 14, error: 5, warning: 8, info: 12 },
    };
    const withHistory = {
      ...row('acme', { ...status, verify: { verdict: 'failed', failed: 2 } }),
      previousGoodScan: { ...row('acme', before).lastScan!, id: 0, finishedAt: '2026-10-01T10:01:00.000Z' },
    };
    const r = buildFleetReport([withHistory, row('fresh', status)], new Date('2026-12-01T00:00:00Z'));
    const [acme, fresh] = r.stores;
    assert.equal(acme!.info, 11);
    assert.deepEqual(acme!.trend, {
      findings: 36,
      previousFindings: 39,
      change: -3,
      previousScanAt: '2026-10-01T10:01:00.000Z',
      previousTarget: '2.4.8',
    });
    assert.deepEqual(acme!.verify, { verdict: 'failed', failed: 2 });
    assert.equal(fresh!.trend, null);
    const md = renderFleetReport(r, 'md');
    assert.match(md, /\| Critical \| Error \| Warning \| Info \| Trend \|/);
    assert.match(md, /\| 14 \| 3 \| 8 \| 11 \| -3 since 2026-10-01 \(39 → 36; then against 2\.4\.8\) \|/);
    assert.match(md, /\| first scan \|/);
    assert.match(md, /\| failed \(2\) \|/);
    assert.match(renderFleetReport(r, 'text'), /-3 since 2026-10-01/);
  });

  it('lists the bulletins check could not verify apart from the open ones, in every format', () => {
    const gap = 'the patch-level data (as of 2026-12-03) has no record of the 2.4.10 line';
    const gaps: StoreStatus = {
      ...status,
      target: '2.4.10-alpha1',
      unverifiedBulletins: [
        { bulletin: 'APSB26-73', release: '2.4.10-alpha1', reason: gap },
        { bulletin: 'APSB26-92', release: '2.4.10-alpha1', reason: gap },
        { bulletin: null, release: '2.4.99', reason: 'the release catalog does not know this version' },
      ],
    };
    // Recorded before MageUp kept the field: not "none", but unknown.
    const { unverifiedBulletins: _, ...older } = status;
    const r = buildFleetReport([row('gappy', gaps), row('older', older), row('clean', status)], new Date('2026-12-01'));
    assert.equal(r.totals.withUnverified, 1);
    assert.equal(r.stores[0]!.unverifiedBulletins?.length, 3);
    assert.deepEqual(r.stores[0]!.openExploited, ['APSB24-40 (CosmicSting) → 2.4.6-p6']);
    assert.equal(r.stores[1]!.unverifiedBulletins, null);
    const cell = `3: APSB26-73, APSB26-92 against 2.4.10-alpha1 (${gap}); every bulletin against 2.4.99 (the release catalog does not know this version)`;
    const md = renderFleetReport(r, 'md');
    assert.match(md, /\| Open exploited bulletins \| Bulletins not verified \|/);
    assert.ok(md.includes(`| APSB24-40 (CosmicSting) → 2.4.6-p6 | ${cell} |`), md);
    assert.ok(md.includes('| could not verify (no check recorded them) |'));
    assert.ok(md.includes('| APSB24-40 (CosmicSting) → 2.4.6-p6 | none |'));
    assert.ok(md.includes('3 exposed to an exploited bulletin, 1 with bulletins MageUp could not verify;'));
    assert.ok(renderFleetReport(r, 'html').includes(`<td>${cell}</td>`));
    assert.ok(renderFleetReport(r, 'csv').includes(`,"${cell}",`));
    const text = renderFleetReport(r, 'text').split('\n');
    assert.match(text[0]!, /OPEN EXPLOITED BULLETINS +NOT VERIFIED/);
    assert.match(
      text.find((l) => l.startsWith('gappy'))!,
      /CosmicSting\) → 2\.4\.6-p6 +3 /,
    );
    assert.match(
      text.find((l) => l.startsWith('older'))!,
      /→ 2\.4\.6-p6 +could not verify /,
    );
    const json = JSON.parse(renderFleetReport(r, 'json')) as {
      schemaVersion: string;
      stores: { unverifiedBulletins: unknown }[];
    };
    assert.equal(json.schemaVersion, '2.0.0');
    assert.deepEqual(json.stores[0]!.unverifiedBulletins, gaps.unverifiedBulletins);
  });

  it('escapes HTML, Markdown and spreadsheet formulas', () => {
    const html = renderFleetReport(report, 'html');
    assert.ok(!html.includes('<script>alert'));
    assert.ok(html.includes('&lt;script&gt;'));
    const csv = renderFleetReport(report, 'csv');
    assert.ok(csv.includes(`"'=HYPERLINK(""x"")"`));
    assert.ok(!renderFleetReport(report, 'md').includes('<script>'));
    assert.equal(JSON.parse(renderFleetReport(report, 'json')).stores.length, 2);
  });
});
