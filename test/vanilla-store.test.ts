// A vanilla Magento Open Source 2.4.7-p7 store (the real package set of Adobe's release, config.php, env.php, no
// app/code; built by scripts/build-vanilla-fixture.ts) upgraded to 2.4.8-p3: Magento's own code is not the client's
// work. Effort comes from platform, tests and deployment (tens of hours, not hundreds), check and plan give the same
// number, and the risk is HIGH only because core security bulletins are open.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../src/check/run-check.js';
import type { CheckResult } from '../src/check/types.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { buildPlan } from '../src/plan/build-plan.js';
import { loadProject } from '../src/project/load.js';
import { buildAuditReport } from '../src/report/audit/audit-report.js';

const store = fileURLToPath(new URL('./fixtures/projects/vanilla-2.4.7-p7', import.meta.url));
const clock = fixedClock('2026-12-01T12:00:00Z');

describe('vanilla 2.4.7-p7 store → 2.4.8-p3', () => {
  let result: CheckResult;
  before(async () => {
    result = await runCheck({ path: store, to: '2.4.8-p3', clock, cacheDir: false });
  });

  it("reports nothing in Magento's own packages: no Braintree, no laminas, no abandoned library Magento requires", () => {
    const owned = result.findings.filter((f) => f.owner === 'bundled' && f.category !== 'security');
    assert.deepEqual(owned, []);
    assert.equal(
      result.findings.some((f) => f.ruleId === 'composer/abandoned-package' && /^laminas\//.test(f.package ?? '')),
      false,
    );
    assert.equal(
      result.findings.some((f) => (f.package ?? '').startsWith('paypal/')),
      false,
    );
    assert.deepEqual(result.summary.actions, []);
  });

  it("counts no module as the client's: PayPal_Braintree* are listed in config.php only, with no code to check", () => {
    // They used to count as custom modules ("1 of 5 modules need updates" for a store with no code of its own).
    assert.deepEqual(result.summary.modules, { total: 0, needingUpdate: 0, percent: 0 });
  });

  it('audit agrees with check: no module "not from Magento" (config.php-only entries have no code)', async () => {
    const audit = buildAuditReport(await loadProject(store));
    assert.ok(
      audit.modules.some((m) => m.name.startsWith('PayPal_Braintree')),
      'the fixture lists Braintree in config.php',
    );
    assert.equal(audit.summary.customModules, result.summary.modules.total);
    assert.equal(audit.summary.customModules, 0);
  });

  it('costs platform, tests and deployment only: tens of hours', () => {
    const e = result.summary.effort!;
    assert.ok(e, 'a project check has the plan breakdown');
    assert.equal(e.extensionHours, 0);
    assert.ok(e.codeHours < 10, `code ${e.codeHours} h`);
    assert.ok(e.platformHours > 0 && e.testHours > 0 && e.deployHours > 0);
    assert.ok(result.summary.effortHours >= 10 && result.summary.effortHours < 100, `${result.summary.effortHours} h`);
  });

  it('is HIGH risk only through open core security bulletins', () => {
    const bulletins = result.findings.filter((f) => f.ruleId === 'security/core-bulletin' && f.severity !== 'info');
    if (bulletins.length === 0) assert.notEqual(result.summary.risk.level, 'high');
    else {
      const rest = result.findings.filter(
        (f) =>
          f.ruleId !== 'security/core-bulletin' &&
          f.owner !== 'bundled' &&
          f.owner !== 'dev-only' &&
          (f.severity === 'critical' || (f.category === 'security' && f.severity === 'error')),
      );
      assert.deepEqual(
        rest.map((f) => `${f.ruleId} ${f.message}`),
        [],
      );
    }
  });

  it('every format counts the same: summary and findings array agree', () => {
    assert.equal(result.summary.findings, result.findings.length);
    assert.equal(result.summary, result.targets[0]!.summary);
  });

  it('plan gives the same effort as check for the same hop', async () => {
    const plan = await buildPlan({ path: store, to: '2.4.8-p3', clock, cacheDir: false, freezePresets: ['none'] });
    assert.deepEqual(
      plan.hops.map((h) => `${h.from} → ${h.to}`),
      ['2.4.7-p7 → 2.4.8-p3'],
    );
    assert.equal(plan.totalHours, result.summary.effortHours);
    assert.equal(plan.hops[0]!.phpAfter, result.targets[0]!.php);
  });
});
