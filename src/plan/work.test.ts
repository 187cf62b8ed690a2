import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeFinding, type FindingInput } from '../core/finding.js';
import type { ComposerPackage } from '../project/model.js';
import type { ExtensionInfo } from './extensions.js';
import { extensionSteps } from './work.js';

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
