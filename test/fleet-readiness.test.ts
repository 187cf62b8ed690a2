import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { runCheck } from '../src/check/index.js';
import { openExploited } from '../src/fleet/exploited.js';
import { isBlocker } from '../src/core/blocker.js';
import { furthestReady, moveReadiness } from '../src/fleet/readiness.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { loadPatchLevels } from '../src/knowledge/patch-levels.js';
import { renderCheckHtml } from '../src/report/html/render-html.js';
import { hostileCheckResult } from './fixtures/reports/hostile-check-result.js';

const SAMPLE_STORE = fileURLToPath(new URL('../examples/sample-store', import.meta.url));

describe('fleet: can a store move now, and which exploited bulletins are open', () => {
  it('blockers are error-or-worse findings other than security exposure, one phrase per owner, worst first', () => {
    const result = hostileCheckResult();
    const [r] = moveReadiness(result);
    assert.equal(r!.canMoveNow, false);
    assert.ok(r!.blockers > 0);
    assert.ok(result.findings.some((f) => f.category === 'security' && f.severity === 'error'));
    assert.ok(
      !r!.blockedBy.some((b) => b.startsWith('acme/module-pay')),
      'a vulnerable package is exposure, not a blocker',
    );
    assert.match(r!.blockedBy.join('\n'), /acme\/module-foo: acme\/module-foo 1\.2\.0 requires magento\/framework/);
    const clean = { ...result.targets[0]!, findings: result.targets[0]!.findings.filter((f) => !isBlocker(f)) };
    assert.equal(moveReadiness({ targets: [clean] })[0]!.canMoveNow, true);
    assert.equal(furthestReady(moveReadiness({ targets: [result.targets[0]!, clean] }))?.canMoveNow, true);
    // Without the target's API data the answer is "could not verify", never yes.
    const blind = moveReadiness({ targets: [{ ...clean, symbols: 'none' }] })[0]!;
    assert.equal(blind.canMoveNow, null);
    assert.match(blind.unverifiedReason!, /could not be verified/);
  });

  it("the check HTML's Top blockers are the fleet's blockers (one judgement: a security advisory is not one)", () => {
    const result = hostileCheckResult();
    const html = renderCheckHtml(result);
    const panel = /<div class="panel spaced" id="blockers">([\s\S]*?)<\/div>/.exec(html)![1]!;
    const items = [...panel.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
    const owners = new Set(result.findings.filter(isBlocker).map((f) => f.package));
    assert.equal(items.length, owners.size, panel);
    assert.equal(moveReadiness(result)[0]!.blockedBy.length, items.length);
    assert.ok(!items.some((i) => i.includes('acme/module-pay')), 'the vulnerable package is in Security, not here');
    assert.ok(
      items.some((i) => i.includes('upgrade acme/module-foo')),
      "the blocker's package action",
    );
  });

  it('the sample store (2.4.6-p3) lacks the CosmicSting and SessionReaper fixes, as its check says', async () => {
    const result = await runCheck({
      path: SAMPLE_STORE,
      to: '2.4.8',
      clock: fixedClock('2026-11-23'),
      workers: 1,
      cacheDir: false,
    });
    const open = openExploited(result.findings, loadPatchLevels());
    const ids = open.map((o) => o.bulletin);
    assert.ok(ids.includes('APSB24-40'), ids.join(', '));
    assert.ok(ids.includes('APSB25-88'), ids.join(', '));
    const cosmic = open.find((o) => o.bulletin === 'APSB24-40')!;
    assert.equal(cosmic.name, 'CosmicSting');
    assert.match(cosmic.fixedBy ?? '', /^2\.4\.6-p\d+$/);
    // Every one of them is a check finding of the run: the dashboard never finds more than the report.
    for (const o of open)
      assert.ok(result.findings.some((f) => f.subject === o.bulletin || f.message.includes(o.bulletin)));
    const [r] = moveReadiness(result);
    assert.equal(r!.target, '2.4.8');
    assert.equal(r!.canMoveNow, false);
    assert.ok(r!.blockedBy.length > 0);
  });
});
