import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { CheckSummary } from '../src/check/types.js';
import { openExploited, unverifiedBulletins } from '../src/fleet/exploited.js';
import { PermanentScanError, scanProject } from '../src/fleet/scan.js';
import { loadPatchLevels } from '../src/knowledge/patch-levels.js';
import type { FleetProject } from '../src/fleet/index.js';
import { startStorefront } from './fixtures/storefront/server.js';
import { git } from './helpers/git.js';

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
    // One engine per fact: the fleet report's numbers are the recorded check run's (what `mageup check` printed and
    // the dashboard reads back), and the dashboard's exploited bulletins, taken from the recorded findings, agree.
    const recorded = outcome.runs.check!;
    const summary = recorded.summary as CheckSummary;
    assert.deepEqual(s.bySeverity, summary.bySeverity);
    assert.equal(s.effortHours, summary.effortHours);
    assert.equal(s.risk, summary.risk.level);
    assert.deepEqual(openExploited(recorded.findings, loadPatchLevels()), s.openExploited);
    // 2.4.6 and 2.4.8 are lines the data covers: nothing unverified (serve-dashboard checks a target it does not cover).
    assert.deepEqual(s.unverifiedBulletins, []);
    assert.deepEqual(unverifiedBulletins(recorded.findings, loadPatchLevels()), s.unverifiedBulletins);
  });

  it('runs verify when the store has a URL: its verdict is in the status (the fixture storefront, regressions planted)', async () => {
    const storefront = await startStorefront({ variant: 'after' });
    try {
      const phases: string[] = [];
      const outcome = await scanProject(
        { ...project(resolve('test/fixtures/projects/store')), verifyUrl: storefront.url },
        { checkoutDir: join(dir, 'checkouts'), cacheDir: false, onProgress: (phase) => phases.push(phase) },
      );
      assert.deepEqual([...new Set(phases)], ['audit', 'check', 'verify']);
      assert.ok(storefront.hits.size > 0, 'verify requested the storefront');
      assert.equal(storefront.orders, 0);
      assert.equal(outcome.status.verify?.verdict, 'failed');
      assert.ok(outcome.status.verify.failed > 0);
    } finally {
      await storefront.close();
    }
  });

  it('clones a git URL (a local bare repository over file://) and fetches it again on the next scan', async () => {
    const work = join(dir, 'work');
    cpSync(resolve('test/fixtures/projects/store'), work, { recursive: true });
    git('-C', work, 'init', '--quiet', '-b', 'main');
    git('-C', work, 'add', '-A');
    git('-C', work, 'commit', '--quiet', '-m', 'store');
    const bare = join(dir, 'store.git');
    git('clone', '--quiet', '--bare', work, bare);
    const remote = { ...project(`file://${bare}`), kind: 'git' as const };
    const opts = { checkoutDir: join(dir, 'checkouts'), cacheDir: false as const, target: '2.4.8' };

    const first = await scanProject(remote, opts);
    assert.equal(first.status.version, '2.4.6-p3');
    assert.equal(first.runs.check?.command, 'check');

    // A commit pushed to the remote is what the next scan reads (fetch + reset of the worker's own copy).
    writeFileSync(join(work, 'NOTE.md'), 'second commit\n');
    git('-C', work, 'add', '-A');
    git('-C', work, 'commit', '--quiet', '-m', 'second');
    git('-C', work, 'push', '--quiet', bare, 'main');
    const second = await scanProject(remote, opts);
    assert.equal(second.status.version, '2.4.6-p3');
    const checkouts = readdirSync(opts.checkoutDir);
    assert.equal(checkouts.length, 1);
    assert.equal(git('-C', join(opts.checkoutDir, checkouts[0]!), 'log', '-1', '--format=%s').trim(), 'second');
  });

  it('refuses a directory that is not a Magento project as a permanent failure (no retry)', async () => {
    await assert.rejects(scanProject(project(dir), { checkoutDir: dir, cacheDir: false }), PermanentScanError);
    rmSync(dir, { recursive: true, force: true });
  });
});
