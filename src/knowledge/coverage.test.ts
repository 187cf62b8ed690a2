import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  coverageOf,
  describeCoverage,
  describeReleaseCoverage,
  isComplete,
  loadCoverageSources,
  nearestOfLine,
} from './coverage.js';

const sources = {
  api: {
    '2.4.8': { coverage: 'indexed' as const },
    '2.4.8-p3': { coverage: 'derived' as const, base: '2.4.8-p1' },
  },
  dbSchema: ['2.4.7-p7', '2.4.8', '2.4.8-p1'],
  fileHashes: ['2.4.7-p7', '2.4.8', '2.4.8-p1'],
  graphql: ['2.4.7-p7', '2.4.8', '2.4.8-p1', '2.4.8-p2'],
  js: ['2.4.7-p7', '2.4.8', '2.4.8-p1'],
};

describe('coverage', () => {
  it('stands in the nearest indexed release of the same line only', () => {
    assert.equal(nearestOfLine('2.4.8-p3', sources.fileHashes), '2.4.8-p1');
    assert.equal(nearestOfLine('2.4.8', sources.fileHashes), '2.4.8');
    assert.equal(nearestOfLine('2.4.7-p9', sources.fileHashes), '2.4.7-p7');
    assert.equal(nearestOfLine('2.4.7-p2', sources.fileHashes), '2.4.7-p7', 'a newer one of the line when no older');
    assert.equal(nearestOfLine('2.4.9', sources.fileHashes), undefined, 'another line never stands in');
  });

  it('says per family: indexed, derived from X, not covered', () => {
    const p3 = coverageOf('2.4.8-p3', sources);
    assert.deepEqual(p3.api, { state: 'derived', from: '2.4.8-p1' });
    assert.deepEqual(p3.fileHashes, { state: 'derived', from: '2.4.8-p1' });
    assert.deepEqual(p3.layoutNames, p3.fileHashes);
    assert.deepEqual(p3.graphql, { state: 'derived', from: '2.4.8-p2' }, 'each family has its own releases');
    assert.deepEqual(p3.js, { state: 'derived', from: '2.4.8-p1' });
    const next = coverageOf('2.4.9', sources);
    assert.deepEqual(next.api, { state: 'not-covered' });
    assert.deepEqual(next.fileHashes, { state: 'not-covered' });
    assert.deepEqual(next.graphql, { state: 'not-covered' });
    assert.deepEqual(next.js, { state: 'not-covered' });
    assert.deepEqual(next.dbSchema, { state: 'derived', from: '2.4.8-p1' }, 'the db schema index answers any line');
    assert.equal(
      describeReleaseCoverage(p3),
      'PHP API derived from 2.4.8-p1 · db schema derived from 2.4.8-p1 · file hashes derived from 2.4.8-p1 · layout names derived from 2.4.8-p1 · GraphQL schema derived from 2.4.8-p2 · ' +
        'RequireJS/JS derived from 2.4.8-p1',
    );
    assert.equal(describeCoverage({ state: 'not-covered' }), 'not covered');
    assert.equal(isComplete(coverageOf('2.4.8', sources)), true);
    assert.equal(isComplete(p3), false);
  });

  it('reads the shipped data: every indexed file-hash release is indexed in the API too', () => {
    const shipped = loadCoverageSources();
    assert.ok(shipped.fileHashes.length > 0 && shipped.dbSchema.length > 0);
    assert.ok(shipped.graphql.includes('2.4.8') && shipped.js.includes('2.4.8'), 'the GraphQL and JS indexes are read');
    for (const release of shipped.fileHashes) assert.equal(shipped.api[release]?.coverage, 'indexed', release);
  });

  it('names what the API index of a release does not cover (Braintree through os-extensions-metapackage in 2.4.8)', () => {
    const api = coverageOf('2.4.8', loadCoverageSources()).api;
    assert.deepEqual(api, { state: 'indexed', gaps: ['adobe-commerce/os-extensions-metapackage 1.0.1'] });
    assert.equal(describeCoverage(api), 'indexed except adobe-commerce/os-extensions-metapackage 1.0.1');
    assert.equal(isComplete(coverageOf('2.4.8', loadCoverageSources())), false);
  });
});
