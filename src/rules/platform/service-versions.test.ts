import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropped, fitsEntry, listVersions, newest } from './service-versions.js';

test('published entries match by prefix, `x` wildcard and `+` minimum', () => {
  assert.ok(fitsEntry('8.1.27', '8.1'));
  assert.ok(!fitsEntry('8.2', '8.1'));
  assert.ok(fitsEntry('7.17', '7.x'));
  assert.ok(fitsEntry('2.9.5', '2.9.3+'));
  assert.ok(fitsEntry('2.10.0', '2.9.3+'));
  assert.ok(!fitsEntry('2.9.1', '2.9.3+'));
  assert.ok(!fitsEntry('3.0.0', '2.9.3+'));
  assert.ok(fitsEntry('8.4', '8'));
});

test('dropped lists what the target no longer supports', () => {
  assert.deepEqual(dropped(['8.0'], ['8.4']), ['8.0']);
  assert.deepEqual(dropped(['7.0'], ['7.2', '7.0']), []);
  assert.deepEqual(listVersions(['8.4', '8.3']), '8.3, 8.4');
  assert.equal(newest(['8.3', '8.4', '8.10']), '8.10');
});
