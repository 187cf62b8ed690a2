import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlatformDeclaration } from '../../check/project-platform.js';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { phpVersion as phpVersionRule } from './php-version.js';

const target = releaseFixture('2.4.8', {
  requirements: { php: ['8.4', '8.3'] },
  phpConstraint: '~8.2.0||~8.3.0||~8.4.0',
});
const platform = (...php: PlatformDeclaration[]) => ({ php, settings: {} });

test('config.platform.php pinned to an unsupported PHP is critical, at its line', async () => {
  const findings = await runRule(phpVersionRule, {
    target: { release: target, php: '8.4' },
    platform: platform({
      value: '8.1.0',
      kind: 'exact',
      source: 'composer.json config.platform.php',
      file: 'composer.json',
      line: 37,
    }),
  });
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.severity, 'critical');
  assert.equal(findings[0]!.line, 37);
  assert.equal(findings[0]!.messageId, 'pinned');
  assert.deepEqual([findings[0]!.data?.value, findings[0]!.data?.supported], ['8.1.0', '8.3, 8.4']);
});

test('require.php excluding the target PHP: critical, or error when another supported PHP fits', async () => {
  const old = await runRule(phpVersionRule, {
    target: { release: target, php: '8.4' },
    platform: platform({
      value: '~8.1.0',
      kind: 'constraint',
      source: 'composer.json require.php',
      file: 'composer.json',
      line: 5,
    }),
  });
  assert.equal(old[0]!.severity, 'critical');
  assert.equal(old[0]!.messageId, 'excludesAllPhp');
  const partly = await runRule(phpVersionRule, {
    target: { release: target, php: '8.4' },
    platform: platform({
      value: '~8.2.0||~8.3.0',
      kind: 'constraint',
      source: 'composer.json require.php',
      file: 'composer.json',
    }),
  });
  assert.equal(partly[0]!.severity, 'error');
  assert.equal(partly[0]!.messageId, 'excludesTargetPhp');
  assert.equal(partly[0]!.data?.other, '8.3');
});

test("a fitting PHP is silent; without declarations the model's require.php is used", async () => {
  assert.deepEqual(
    await runRule(phpVersionRule, {
      target: { release: target, php: '8.3' },
      platform: platform({
        value: '8.3.12',
        kind: 'exact',
        source: 'composer.json config.platform.php',
        file: 'composer.json',
      }),
    }),
    [],
  );
  const findings = await runRule(phpVersionRule, {
    project: projectFixture({ rootRequire: { php: '^7.4' } }),
    target: { release: target, php: '8.4' },
  });
  assert.equal(findings[0]!.file, 'composer.json');
});

test('nothing declared: warns when the current and target PHP lists do not overlap', async () => {
  const current = releaseFixture('2.4.6-p3', { requirements: { php: ['8.1', '8.2'] } });
  const [f] = await runRule(phpVersionRule, {
    current: { release: current, symbols: null },
    target: { release: target, php: '8.4' },
  });
  assert.equal(f!.severity, 'warning');
});

test('an extension that declares no PHP says nothing about servers', async () => {
  const current = releaseFixture('2.4.6-p3', { requirements: { php: ['8.1', '8.2'] } });
  const project = projectFixture({ kind: 'extension' });
  assert.deepEqual(
    await runRule(phpVersionRule, {
      project,
      current: { release: current, symbols: null },
      target: { release: target, php: '8.4' },
    }),
    [],
  );
});
