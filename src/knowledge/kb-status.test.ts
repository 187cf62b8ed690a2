import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ADVISORY_DATA_FILE } from './advisory-data.js';
import { defaultDataDir } from './catalog.js';
import { fixedClock } from './clock.js';
import { kbStatus } from './kb-status.js';
import { RELEASE_DATA_FILE } from './release-data.js';
import { PATCH_LEVELS_FILE } from './patch-levels.js';

const tmp = mkdtempSync(join(tmpdir(), 'mageup-kb-status-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A data directory with the shipped catalog and advisories and the given API manifest content (or none). */
function dataDir(name: string, manifest?: string): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'api'), { recursive: true });
  for (const file of [RELEASE_DATA_FILE, ADVISORY_DATA_FILE]) {
    copyFileSync(join(defaultDataDir(), file), join(dir, file));
    copyFileSync(join(defaultDataDir(), `${file}.sha256`), join(dir, `${file}.sha256`));
  }
  if (manifest !== undefined) writeFileSync(join(dir, 'api', 'manifest.json'), manifest);
  return dir;
}

const clock = fixedClock('2026-11-23');

describe('kbStatus', () => {
  it('lists the patch levels of every supported line with what is known of each patch', () => {
    const dir = dataDir('patch-levels');
    copyFileSync(join(defaultDataDir(), PATCH_LEVELS_FILE), join(dir, PATCH_LEVELS_FILE));
    copyFileSync(join(defaultDataDir(), `${PATCH_LEVELS_FILE}.sha256`), join(dir, `${PATCH_LEVELS_FILE}.sha256`));
    const status = kbStatus({ dataDir: dir, cacheDir: false, clock });
    const levels = status.patchLevels!;
    assert.deepEqual(
      levels.lines.map((l) => [l.line, l.latestRelease, l.requires]),
      [
        ['2.4.6', '2.4.6-p15', '2.4.6-p15'],
        ['2.4.7', '2.4.7-p10', '2.4.7-p10'],
        ['2.4.8', '2.4.8-p5', '2.4.8-p5'],
        ['2.4.9', '2.4.9', '2.4.9'],
      ],
    );
    assert.equal(levels.filesSnapshot?.date, '2026-07-15');
    assert.match(levels.inclusionRule, /incorporated into the next full security patch/);
    const line248 = new Map(levels.lines[2]!.patches.map((p) => [p.level, p]));
    const july = line248.get('2026-jul')!;
    assert.equal(july.id, '248p5-2026-07-001-CE');
    assert.equal(july.bulletin, 'APSB26-73');
    assert.equal(july.contents.available, true);
    const august = line248.get('2026-aug')!;
    assert.equal(august.exploited, true);
    assert.ok(august.cves.includes('CVE-2026-71362'));
    assert.equal(august.contents.available, false);
    assert.match(august.contents.note, /ends 2026-07-15/);
    assert.equal(line248.get('VULN-39341')!.kind, 'hotfix');
    // No -pN of any line was released after July 2026: nothing includes the isolated files yet.
    assert.ok(levels.lines.every((l) => l.patches.every((p) => p.includedIn === 'none yet')));
    // October fixed Adobe Commerce only on 2.4.6: listed, without an Open Source file.
    const october246 = levels.lines[0]!.patches.find((p) => p.level === '2026-oct')!;
    assert.equal(october246.commerceOnly, true);
    const none = kbStatus({ dataDir: dataDir('no-patch-levels'), cacheDir: false, clock });
    assert.equal(none.patchLevels, null);
    assert.match(none.patchLevelsProblem!, /patch-levels/);
  });

  it('reads release coverage from the API manifest', () => {
    const manifest = JSON.stringify({
      schema: 1,
      releases: {
        '2.4.7-p3': { coverage: 'indexed' },
        '2.4.8-p5': { coverage: 'derived', base: '2.4.8-p1' },
        '2.4.6': { coverage: 'bogus' },
      },
    });
    const status = kbStatus({ dataDir: dataDir('with', manifest), cacheDir: false, clock });
    const by = new Map(status.releases.map((r) => [r.version, r]));
    assert.equal(by.get('2.4.7-p3')!.api, 'indexed');
    assert.equal(by.get('2.4.8-p5')!.api, 'derived');
    assert.equal(by.get('2.4.8-p5')!.apiBase, '2.4.8-p1');
    assert.equal(by.get('2.4.6')!.api, 'none', 'an unknown coverage value is not trusted');
    assert.deepEqual(by.get('2.4.8-p5')!.coverage.api, { state: 'derived', from: '2.4.8-p1' });
    assert.deepEqual(by.get('2.4.6')!.coverage.api, { state: 'not-covered' });
    assert.equal(by.get('2.4.8-p5')!.coverage.fileHashes.state, 'not-covered', 'no file-hash data in this directory');
    assert.deepEqual(status.apiIndex, { manifest: 'present', indexed: 1, derived: 1 });
    assert.equal(by.get('2.4.6')!.support.status, 'ended');
    assert.equal(by.get('2.4.8')!.support.status, 'supported');
  });

  it('reports every release as none when the manifest is absent, and a broken manifest without failing', () => {
    const absent = kbStatus({ dataDir: dataDir('absent'), cacheDir: false, clock });
    assert.equal(absent.apiIndex.manifest, 'absent');
    assert.ok(absent.releases.every((r) => r.api === 'none'));
    const broken = kbStatus({ dataDir: dataDir('broken', '{"releases": {'), cacheDir: false, clock });
    assert.equal(broken.apiIndex.manifest, 'invalid');
    assert.match(broken.apiIndex.problem!, /manifest\.json/);
  });

  it('says how many extensions the shipped snapshot covers, and names an unreadable snapshot', () => {
    const shipped = kbStatus({ cacheDir: false, clock }).extensions;
    assert.equal(shipped.problem, undefined);
    assert.ok(shipped.repositories >= 100, `${shipped.repositories} repositories`);
    assert.ok(shipped.packages >= shipped.repositories);
    assert.equal(shipped.cached, 0);
    const none = kbStatus({ dataDir: dataDir('no-snapshot'), cacheDir: false, clock }).extensions;
    assert.equal(none.packages, 0);
    assert.match(none.problem!, /extensions\.json\.gz/);
  });
});
