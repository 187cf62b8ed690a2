import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createAdvisoryDatabase, loadAdvisories } from './advisories.js';
import type { StoredAdvisory } from './advisory-data.js';

const db = loadAdvisories({ cacheDir: false });

describe('offline advisory snapshot', () => {
  it('matches Adobe bulletins on the core packages with the patch that fixes each', () => {
    const found = db.advisoriesFor('magento/product-community-edition', '2.4.6-p3');
    const apsb = found.filter((a) => a.source === 'apsb');
    const first = apsb.find((a) => a.id === 'APSB24-03')!;
    assert.equal(first.fixedIn, '2.4.6-p4');
    assert.equal(first.severity, 'critical');
    assert.ok(first.confidence, 'APSB ranges carry their confidence');
    assert.ok(!apsb.some((a) => a.id === 'APSB23-50'), 'fixed by 2.4.6-p3 itself');
    assert.equal(apsb.find((a) => a.id === 'APSB26-49')?.fixedIn, '2.4.6-p15');
    // FriendsOfPHP entries for the same package match too, with their own fix version.
    const xxe = found.find((a) => a.cve === 'CVE-2024-34102')!;
    assert.equal(xxe.source, 'friendsofphp');
    assert.equal(xxe.fixedIn, '2.4.6-p6');
    // Roave's summary entry is dropped when specific advisories matched.
    assert.ok(!found.some((a) => a.source === 'roave'));
  });

  it('finds nothing for a release newer than every bulletin', () => {
    assert.deepEqual(
      db.advisoriesFor('magento/magento2-base', '2.4.8-p5').filter((a) => a.source === 'apsb'),
      [],
    );
  });

  it('sends an unpatched old line to the first fixed release above it', () => {
    const old = db.advisoriesFor('magento/magento2-base', '2.4.3').find((a) => a.id === 'APSB25-94')!;
    assert.equal(old.fixedIn, '2.4.4-p16');
  });

  it('uses the Roave conflict list for packages nothing else covers, with the fix version', () => {
    const found = db.advisoriesFor('adawolfa/isdoc', '1.5.0');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.source, 'roave');
    assert.equal(found[0]!.fixedIn, '1.5.1');
    assert.deepEqual(db.advisoriesFor('adawolfa/isdoc', '1.5.1'), []);
  });

  it('is case-insensitive on package names and says how fresh it is', () => {
    assert.ok(db.advisoriesFor('Magento/Product-Community-Edition', '2.4.6-p3').length > 0);
    const freshness = db.freshness();
    assert.match(freshness.generated, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(freshness.sources.friendsofphp?.repo, 'FriendsOfPHP/security-advisories');
    assert.ok(freshness.count > 2000);
  });

  it('reads every affected constraint of the snapshot with the Composer engine', () => {
    for (const pkg of db.packages()) db.advisoriesFor(pkg, '1.0.0');
    assert.deepEqual(db.problems(), []);
  });
});

describe('createAdvisoryDatabase', () => {
  const base = { title: 't', package: 'acme/lib' };
  const stored: StoredAdvisory[] = [
    { ...base, id: 'acme/lib/CVE-1', cve: 'CVE-1', affected: '>=1.0,<1.2 || >=2.0,<2.1', source: 'friendsofphp' },
    {
      ...base,
      id: 'PKSA-1',
      cve: 'CVE-1',
      affected: '>=1.0,<1.2 || >=2.0,<2.1',
      source: 'packagist',
      severity: 'high',
    },
    { ...base, id: 'acme/lib/chain', affected: '<1.5 || >=1.5,<1.6', source: 'friendsofphp' },
    { ...base, id: 'open-ended', affected: '>=3.0', source: 'friendsofphp' },
    { ...base, id: 'broken', affected: '>>>nonsense', source: 'friendsofphp' },
  ];
  const small = createAdvisoryDatabase(stored);

  it('keeps one advisory per CVE, preferring the live Packagist entry', () => {
    const found = small.advisoriesFor('acme/lib', '2.0.5');
    assert.deepEqual(
      found.map((a) => [a.id, a.fixedIn]),
      [['PKSA-1', '2.1']],
    );
  });

  it('walks up adjacent ranges to the first unaffected bound, and never crashes on an unreadable range', () => {
    const found = small.advisoriesFor('acme/lib', '1.4');
    assert.deepEqual(
      found.map((a) => [a.id, a.fixedIn]),
      [['acme/lib/chain', '1.6']],
    );
    assert.equal(small.advisoriesFor('acme/lib', '1.1').find((a) => a.id === 'acme/lib/chain')?.fixedIn, '1.6');
    assert.equal(small.advisoriesFor('acme/lib', '3.2').find((a) => a.id === 'open-ended')?.fixedIn, undefined);
    assert.equal(small.problems().length, 1);
    assert.match(small.problems()[0]!, /broken \(acme\/lib\): cannot read affected versions/);
  });
});
