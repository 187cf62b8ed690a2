import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeFinding, type FindingInput } from '../core/finding.js';
import type { ComposerPackage } from '../project/model.js';
import type { ExtensionInfo } from './extensions.js';
import { changedModules, codeChanges, extensionSteps, hopEffort } from './work.js';

const pkg = (name: string): ComposerPackage => ({
  name,
  version: '2.2.6',
  type: 'magento2-module',
  source: 'third-party',
  license: [],
  require: {},
});
const info = (name: string): ExtensionInfo => ({
  package: pkg(name),
  modules: [],
  critical: false,
  criticalBecause: [],
});
const finding = (input: Partial<FindingInput> & { package: string }): ReturnType<typeof makeFinding> =>
  makeFinding({
    ruleId: 'php-api/missing-class',
    severity: 'warning',
    category: 'php-api',
    owner: 'third-party',
    message: 'm',
    recommendation: 'r',
    ...input,
  });

test('a package whose finding says "replace with the native feature" gets a replace action, not an upgrade', () => {
  const magefan = 'magefan/module-login-as-customer';
  const [step] = extensionSteps(
    [
      finding({
        package: magefan,
        ruleId: 'lifecycle/native-duplicate',
        category: 'lifecycle',
        recommendation: 'Move its configuration to Magento_LoginAsCustomer and remove it.',
        effort: { hours: 4, confidence: 'low' },
        resolution: 'replace',
      }),
      finding({ package: magefan }),
    ],
    [info(magefan)],
    '2.4.8',
  );
  assert.equal(step!.action, 'replace');
  assert.equal(step!.hours, 4, "the replacing finding's estimate");
  assert.match(step!.reasons[0]!, /^replace magefan\/module-login-as-customer with what 2\.4\.8 ships natively: Move/);
  assert.match(step!.reasons[0]!, /2 findings if you keep 2\.2\.6$/);
  assert.doesNotMatch(step!.reasons[0]!, /upgrade/);
});

test('other warning findings keep the upgrade action; info-only keeps verify', () => {
  const steps = extensionSteps(
    [finding({ package: 'acme/a' }), finding({ package: 'acme/b', severity: 'info', resolution: 'replace' })],
    [info('acme/a'), info('acme/b')],
    '2.4.8',
  );
  assert.deepEqual(
    steps.map((s) => [s.action, s.hours]),
    [
      ['must-upgrade', 2],
      ['verify', 0.3],
    ],
  );
});

test('custom code: info findings are listed as optional, their hours apart from the group, the hop and its tests', () => {
  const note = finding({
    package: 'acme/x',
    owner: 'custom',
    module: 'Acme_Note',
    severity: 'info',
    effort: { hours: 0.5, confidence: 'low' },
  });
  const fix = finding({
    package: 'acme/x',
    owner: 'custom',
    module: 'Acme_Fix',
    effort: { hours: 1, confidence: 'high' },
  });
  const code = codeChanges([note, fix, { ...note, fingerprint: 'other', module: 'Acme_Fix' }], []);
  assert.deepEqual(
    code.map((c) => [c.module, c.hours, c.optionalHours, c.confidence, c.findings.map((f) => f.optional ?? false)]),
    [
      ['Acme_Fix', 1, 0.5, 'high', [false, true]],
      ['Acme_Note', 0, 0.5, 'low', [true]],
    ],
  );
  assert.equal(changedModules(code), 1, 'a module of notes only is not retested');
  const effort = hopEffort({
    platform: [],
    extensions: [],
    code,
    tests: [],
    deployHours: 4,
    lowConfidence: 0,
    minorsCrossed: 1,
  });
  assert.deepEqual([effort.codeHours, effort.optionalHours, effort.baseHours], [1, 1, 5]);
});
