import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runbook } from './runbook.js';

test('the runbook applies the patch files after composer update and warns that Composer removes them', () => {
  for (const strategy of ['maintenance', 'blue-green'] as const) {
    const sections = runbook({
      from: '2.4.7-p10',
      to: '2.4.8-p5',
      productPackage: 'magento/product-community-edition',
      platform: [],
      extensions: [],
      deployment: { strategy, estimatedDowntimeMinutes: 30, reason: 'test.' },
      criticalChecks: [],
      securityPatches: ['248p5-2026-07-001-CE.patch', 'VULN-39341 hotfix for 2.4.8-p5'],
    });
    const steps = sections.flatMap((s) => s.steps);
    const update = steps.findIndex((s) => s.commands?.includes('composer update'));
    const patch = steps.findIndex((s) => /isolated security patch files/.test(s.text));
    assert.ok(update >= 0 && patch > update, strategy);
    assert.match(steps[patch]!.text, /Composer operations .* remove these patches/);
    assert.deepEqual(steps[patch]!.commands?.slice(0, 1), ['patch -p1 --forward < 248p5-2026-07-001-CE.patch']);
  }
});

test('a package the target makes redundant is removed with the upgrade, with or without a Composer proposal', () => {
  const replace = {
    package: 'magefan/module-login-as-customer',
    version: '2.2.6',
    modules: [],
    action: 'replace' as const,
    critical: false,
    criticalBecause: [],
    findings: 1,
    reasons: [],
    hours: 4,
  };
  for (const composer of [undefined, { commands: ['composer update --with-all-dependencies'], unresolved: [] }]) {
    const commands = runbook({
      from: '2.4.7-p7',
      to: '2.4.8',
      productPackage: 'magento/product-community-edition',
      platform: [],
      extensions: [replace],
      deployment: { strategy: 'maintenance', estimatedDowntimeMinutes: 30, reason: 'test.' },
      criticalChecks: [],
      ...(composer ? { composer } : {}),
    }).flatMap((s) => s.steps.flatMap((step) => step.commands ?? []));
    const remove = commands.findIndex((c) =>
      c.startsWith('composer remove magefan/module-login-as-customer --no-update'),
    );
    const update = commands.findIndex((c) => c.startsWith('composer update'));
    assert.ok(remove >= 0 && remove < update, JSON.stringify(commands));
    assert.ok(!commands.some((c) => /composer require '?magefan/.test(c)));
  }
});
