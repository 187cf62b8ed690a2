import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createReleaseCatalog, loadReleaseCatalog, supportStatus, bulletinsMissing } from './catalog.js';
import { fixedClock } from './clock.js';
import { UnknownVersionError } from './errors.js';
import type { Release } from './types.js';

const catalog = loadReleaseCatalog({ clock: fixedClock('2026-11-23'), cacheDir: false });

function release(version: string, date: string | null, extra: Partial<Release> = {}): Release {
  const minor = version.replace(/-.*$/, '');
  return {
    version,
    line: minor.split('.').slice(0, 2).join('.'),
    minor,
    date,
    type: version.includes('-p') ? 'security' : version.includes('beta') ? 'beta' : 'feature',
    editions: ['adobe-commerce', 'magento-open-source'],
    requirements: {},
    requirementsConfidence: 'high',
    phpConstraint: null,
    endOfSupport: null,
    endOfSupportConfidence: 'low',
    apsb: [],
    packages: {},
    thirdParty: {},
    packagesKnown: false,
    ...extra,
  };
}

describe('shipped release catalog', () => {
  it('lists every release 2.3.0 … 2.4.10-alpha1 with patches, oldest first, pre-releases flagged', () => {
    const versions = catalog.all().map((r) => r.version);
    assert.equal(versions[0], '2.3.0');
    assert.equal(versions[versions.length - 1], '2.4.10-alpha1');
    // Pre-releases carry the date Adobe published (or scheduled) them, with the source in their notes.
    assert.equal(catalog.get('2.4.9-alpha1')?.date, '2025-06-10');
    assert.equal(catalog.get('2.4.9-alpha3')?.date, '2025-10-14');
    assert.equal(catalog.get('2.4.9-beta1')?.date, '2026-03-10');
    assert.equal(catalog.get('2.4.10-alpha1')?.type, 'beta');
    assert.equal(catalog.get('2.4.10-alpha1')?.packagesKnown, false);
    assert.equal(catalog.latest({ now: new Date('2026-12-01') }).version, '2.4.9', 'a pre-release is never the latest');
    for (const v of [
      '2.3.7-p4',
      '2.4.0',
      '2.4.4-p18',
      '2.4.6-p15',
      '2.4.7-p10',
      '2.4.8-p5',
      '2.4.7-beta3',
      '2.4.9-beta1',
    ]) {
      assert.ok(versions.includes(v), v);
    }
    assert.equal(catalog.get('2.4.9-beta1')?.type, 'beta');
    assert.equal(supportStatus(catalog.get('2.4.9-beta1')!, new Date('2026-01-01')).status, 'unknown');
    assert.equal(catalog.get('2.4.8-p3')?.type, 'security');
    assert.equal(catalog.get('2.4.8')?.type, 'feature');
  });

  it('carries the full package set and third-party constraints of the metapackage', () => {
    const r = catalog.get('2.4.7-p3')!;
    assert.equal(r.packagesKnown, true);
    assert.equal(r.packages['magento/framework'], '103.0.7-p3');
    assert.equal(r.packages['magento/product-community-edition'], '2.4.7-p3');
    assert.ok(Object.keys(r.packages).length > 200);
    assert.equal(r.thirdParty['monolog/monolog'], '^2.7');
    assert.equal(catalog.get('2.4.8')!.thirdParty['monolog/monolog'], '^3.6');
    assert.equal(r.phpConstraint, '~8.1.0||~8.2.0||~8.3.0');
    assert.deepEqual(r.apsb, ['APSB24-73']);
    assert.equal(r.date, '2024-10-08');
    assert.deepEqual(r.requirements.php, ['8.3', '8.2']);
  });

  it('keeps low confidence where the source is unsure and leaves unknown package sets empty', () => {
    const p5 = catalog.get('2.4.8-p5')!;
    assert.equal(p5.packagesKnown, false);
    assert.deepEqual(p5.packages, {});
    assert.equal(p5.keyPackages?.confidence, 'low');
    assert.equal(catalog.get('2.3.7-p4')!.requirementsConfidence, 'low');
    assert.equal(catalog.get('2.3.7-p4')!.requirementsExact, false);
  });

  it('knows support dates of each line (2.3 as a whole, 2.4.x per minor)', () => {
    assert.equal(catalog.get('2.3.5')!.endOfSupport, '2022-09-08');
    assert.equal(catalog.get('2.4.7-p2')!.endOfSupport, '2027-05-31');
    assert.equal(catalog.get('2.4.7-p2')!.lineGa, '2024-04-09');
  });

  it('resolves exact versions, the GA, lines and alternative spellings', () => {
    assert.equal(catalog.resolve('2.4.8').version, '2.4.8');
    assert.equal(catalog.resolve('2.4.8-p3').version, '2.4.8-p3');
    assert.equal(catalog.resolve('v2.4.8-patch3').version, '2.4.8-p3');
    assert.equal(catalog.resolve(' 2.4.8-P3 ').version, '2.4.8-p3');
    assert.equal(catalog.resolve('2.4.7-latest').version, '2.4.7-p10');
    assert.equal(catalog.resolve('2.4.7.x').version, '2.4.7-p10');
    assert.equal(catalog.resolve('2.3').version, '2.3.7-p4');
  });

  it('resolves latest at the clock date, never a beta or an unreleased version', () => {
    assert.equal(catalog.resolve('latest').version, '2.4.9');
    assert.equal(catalog.resolve('latest', { now: new Date('2025-01-01') }).version, '2.4.7-p3');
    assert.equal(
      loadReleaseCatalog({ clock: fixedClock('2026-05-01'), cacheDir: false }).resolve('latest').version,
      '2.4.8-p4',
    );
    assert.equal(catalog.resolve('2.4.8-latest', { now: new Date('2025-09-01') }).version, '2.4.8-p2');
  });

  it('resolves latest-patch from the current version, per edition', () => {
    assert.equal(catalog.resolve('latest-patch', { current: '2.4.7-p3' }).version, '2.4.7-p10');
    assert.equal(catalog.resolve('latest-patch', { current: '2.4.4' }).version, '2.4.4-p18');
    assert.equal(
      catalog.resolve('latest-patch', { current: '2.4.4', edition: 'magento-open-source' }).version,
      '2.4.4-p13',
    );
    assert.throws(() => catalog.resolve('latest-patch'), UnknownVersionError);
  });

  it('names the nearest known versions for unknown ones', () => {
    assert.throws(
      () => catalog.resolve('2.4.10'),
      (e: unknown) =>
        e instanceof UnknownVersionError &&
        e.message === 'Unknown Magento version "2.4.10". Nearest known: 2.4.9, 2.4.8-p5, 2.4.8-p4',
    );
    assert.deepEqual(catalog.nearest('2.4.8-p9'), ['2.4.8-p5', '2.4.8-p4', '2.4.8-p3']);
    assert.deepEqual(catalog.nearest('2.2.11', 2), ['2.3.0', '2.3.1']);
    assert.throws(
      () => catalog.resolve('not-a-version'),
      /Unknown Magento version "not-a-version"\. Nearest known: 2\.4\.9/,
    );
  });

  it('maps Mage-OS versions to their upstream release', () => {
    assert.equal(catalog.mageOsUpstream('1.0.5'), '2.4.7-p3');
    assert.equal(catalog.mageOsUpstream('9.9.9'), undefined);
  });
});

describe('supportStatus', () => {
  const r = catalog.get('2.4.7-p2')!;
  it('counts days to the end of regular support', () => {
    assert.deepEqual(supportStatus(r, new Date('2025-05-31T15:00:00Z')), {
      endOfSupport: '2027-05-31',
      daysLeft: 730,
      status: 'supported',
      confidence: 'high',
    });
    assert.equal(supportStatus(r, new Date('2027-01-01')).status, 'ending-soon');
    assert.equal(supportStatus(r, new Date('2027-05-31')).status, 'ended');
    assert.equal(supportStatus(release('9.9.9', null), new Date()).status, 'unknown');
  });
});

describe('bulletinsMissing', () => {
  it('lists the bulletins fixed after the installed patch, in its line and later lines', () => {
    const missing = bulletinsMissing('2.4.6-p3', catalog);
    assert.equal(missing[0], 'APSB24-03');
    assert.ok(missing.includes('APSB26-49'));
    assert.ok(!missing.includes('APSB23-50'), 'fixed by 2.4.6-p3 itself');
    assert.deepEqual(bulletinsMissing('2.4.8-p5', catalog), []);
    assert.deepEqual(bulletinsMissing('2.4.9', catalog), []);
    // An unpatched, out-of-support line lacks everything published after it.
    assert.ok(bulletinsMissing('2.4.3', catalog).includes('APSB25-94'));
  });

  it('works on a catalog built from fixtures', () => {
    const small = createReleaseCatalog(
      [
        release('2.4.6', '2023-03-14'),
        release('2.4.6-p1', '2023-06-13', { apsb: ['APSB23-35'] }),
        release('2.4.6-p2', '2023-08-08', { apsb: ['APSB23-42'] }),
        release('2.4.7', '2024-04-09', { apsb: ['APSB24-18'] }),
        release('2.4.7-beta1', '2024-01-01'),
      ],
      fixedClock('2024-05-01'),
    );
    // APSB24-18 was only fixed in 2.4.7: the whole 2.4.6 line lacks it.
    assert.deepEqual(bulletinsMissing('2.4.6-p1', small), ['APSB23-42', 'APSB24-18']);
    assert.deepEqual(bulletinsMissing('2.4.6', small), ['APSB23-35', 'APSB23-42', 'APSB24-18']);
    assert.deepEqual(bulletinsMissing('2.4.7', small), []);
    assert.equal(small.resolve('latest').version, '2.4.7');
    assert.equal(small.resolve('latest', { now: new Date('2024-03-01') }).version, '2.4.6-p2');
  });
});
