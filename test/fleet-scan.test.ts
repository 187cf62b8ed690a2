import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { PermanentScanError, scanProject } from '../src/fleet/scan.js';
import type { FleetProject } from '../src/fleet/index.js';

const project = (location: string, target: string | null = null): FleetProject => ({
  name: 'acme',
  location,
  kind: 'path',
  tags: [],
  verifyUrl: null,
  target,
  addedAt: '2026-11-01T00:00:00.000Z',
});

describe('one fleet scan, in-process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mageup-fleet-scan-'));

  it("reads the sample store's status: edition, version, support, exploited bulletins, severities, the move verdict", async () => {
    const phases: string[] = [];
    const outcome = await scanProject(project(resolve('test/fixtures/projects/store')), {
      checkoutDir: dir,
      cacheDir: false,
      target: '2.4.8',
      now: new Date('2026-12-01T00:00:00Z'),
      onProgress: (phase) => phases.push(phase),
    });
    const s = outcome.status;
    assert.equal(s.edition, 'open-source');
    assert.equal(s.version, '2.4.6-p3');
    assert.equal(s.target, '2.4.8');
    assert.equal(s.support.endOfSupport, '2026-08-11');
    assert.equal(s.support.status, 'ended');
    assert.ok(s.openExploited.some((b) => b.bulletin === 'APSB24-40' && b.name === 'CosmicSting'));
    assert.ok(s.bySeverity.critical > 0);
    assert.equal(typeof s.canMoveNow === 'boolean' || s.canMoveNow === null, true);
    if (s.canMoveNow === false) assert.ok(s.blockedBy.length > 0);
    assert.deepEqual([outcome.runs.audit.command, outcome.runs.check?.command], ['audit', 'check']);
    assert.deepEqual(outcome.runs.check?.targets, ['2.4.8']);
    assert.deepEqual([...new Set(phases)], ['audit', 'check']);
  });

  it('refuses a directory that is not a Magento project as a permanent failure (no retry)', async () => {
    await assert.rejects(scanProject(project(dir), { checkoutDir: dir, cacheDir: false }), PermanentScanError);
    rmSync(dir, { recursive: true, force: true });
  });
});
