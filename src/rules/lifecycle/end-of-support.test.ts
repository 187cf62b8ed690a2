import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { endOfSupport as endOfSupportRule } from './end-of-support.js';

const now = new Date('2026-11-23T00:00:00Z');
const ended = releaseFixture('2.4.6-p3', { endOfSupport: '2026-08-11', supportLine: '2.4.6' });
const endingSoon = releaseFixture('2.4.7-p8', { endOfSupport: '2027-04-09', supportLine: '2.4.7' });
const supported = releaseFixture('2.4.8', { endOfSupport: '2028-04-11', supportLine: '2.4.8' });

test('an ended current line is a warning; a supported target says nothing', async () => {
  const findings = await runRule(endOfSupportRule, {
    now,
    current: { release: ended, symbols: null },
    target: { release: supported },
  });
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.severity, 'warning');
  assert.equal(findings[0]!.messageId, 'support');
  assert.deepEqual(
    [findings[0]!.data?.role, findings[0]!.data?.when],
    ['current', [{ messageId: 'ended', data: { date: '2026-08-11' } }]],
  );
  assert.equal(
    findings[0]!.message,
    'The current release 2.4.6-p3 belongs to the 2.4.6 line, whose regular support ended on 2026-08-11.',
  );
});

test('a target ending within six months is a warning, an ended target an error', async () => {
  const [soon] = await runRule(endOfSupportRule, { now, target: { release: endingSoon } });
  assert.equal(soon!.severity, 'warning');
  assert.deepEqual(soon!.data?.when, [{ messageId: 'endsOn', data: { date: '2027-04-09', days: '137' } }]);
  const [gone] = await runRule(endOfSupportRule, { now, target: { release: ended } });
  assert.equal(gone!.severity, 'error');
});

test('the clock decides: the same line a year earlier is fine', async () => {
  const earlier = new Date('2025-06-01T00:00:00Z');
  assert.deepEqual(
    await runRule(endOfSupportRule, {
      now: earlier,
      current: { release: ended, symbols: null },
      target: { release: supported },
    }),
    [],
  );
});

test('a low-confidence date says it is uncertain', async () => {
  const unsure = releaseFixture('2.4.6-p3', { endOfSupport: '2026-08-11', endOfSupportConfidence: 'low' });
  const [f] = await runRule(endOfSupportRule, { now, target: { release: unsure } });
  assert.deepEqual(f!.data?.uncertain, [{ messageId: 'uncertainDate' }]);
});

test('extension mode: an ended target is only a note (vendors check old lines on purpose)', async () => {
  const [f] = await runRule(endOfSupportRule, {
    now,
    project: projectFixture({ kind: 'extension' }),
    target: { release: ended },
  });
  assert.equal(f!.severity, 'info');
});
