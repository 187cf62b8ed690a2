import { test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseFixture, runRule } from '../testing.js';
import { composer as composerRule } from './composer.js';

const target = releaseFixture('2.4.8', {
  requirements: { composer: ['2.9.3+'] },
  composerConstraint: '^2.0, !=2.2.16',
});
const lock = (value: string) => ({
  php: [],
  settings: {},
  composerPluginApi: {
    value,
    kind: 'exact' as const,
    source: 'composer.lock plugin-api-version',
    file: 'composer.lock',
    line: 9,
  },
});

test('a Composer 1 lock is an error for a Composer 2 target', async () => {
  const [f] = await runRule(composerRule, { target: { release: target }, platform: lock('1.1.0') });
  assert.equal(f!.severity, 'error');
  assert.equal(f!.file, 'composer.lock');
  assert.equal(f!.line, 9);
  assert.equal(f!.messageId, 'lockComposer');
  assert.deepEqual([f!.data?.major, f!.data?.api, f!.data?.note], ['1', '1.1.0', []]);
  assert.deepEqual(f!.data?.requirement, [
    { messageId: 'requirementWithConstraint', data: { versions: '2.9.3+', constraint: '^2.0, !=2.2.16' } },
  ]);
  // One rendering: {{requirement}} and an empty {{note}}.
  assert.equal(
    f!.message,
    'composer.lock was written by Composer 1 (plugin-api-version 1.1.0); 2.4.8 requires Composer 2.9.3+ ' +
      '(composer/composer ^2.0, !=2.2.16).',
  );
});

test('an older Composer 2 plugin API is an uncertain warning; a new enough one passes', async () => {
  const [f] = await runRule(composerRule, { target: { release: target }, platform: lock('2.2.0') });
  assert.equal(f!.severity, 'warning');
  assert.equal(f!.messageId, 'lockComposerUncertain');
  assert.deepEqual([f!.data?.major, f!.data?.minor], ['2', '2']);
  assert.deepEqual(await runRule(composerRule, { target: { release: target }, platform: lock('2.9.0') }), []);
  const lts = releaseFixture('2.4.6', { requirements: { composer: ['2.2.26+'] } });
  assert.deepEqual(await runRule(composerRule, { target: { release: lts }, platform: lock('2.6.0') }), []);
});

test('without a lock: info when the requirement changed', async () => {
  const current = releaseFixture('2.4.6', { requirements: { composer: ['2.2.26+'] } });
  const [f] = await runRule(composerRule, {
    current: { release: current, symbols: null },
    target: { release: target },
  });
  assert.equal(f!.severity, 'info');
  assert.equal(f!.messageId, 'unknownComposer');
});

test('requirements taken from the base release are said to be uncertain', async () => {
  const inherited = releaseFixture('2.4.8-p9', { ...target, version: '2.4.8-p9', requirementsExact: false });
  const [f] = await runRule(composerRule, { target: { release: inherited }, platform: lock('1.1.0') });
  assert.deepEqual(f!.data?.note, [{ messageId: 'uncertainInherited', data: { release: '2.4.8-p9' } }]);
  assert.equal(
    f!.message,
    'composer.lock was written by Composer 1 (plugin-api-version 1.1.0); 2.4.8-p9 requires Composer 2.9.3+ ' +
      '(composer/composer ^2.0, !=2.2.16) (uncertain: requirements of 2.4.8-p9 are inherited from its base release).',
  );
});
