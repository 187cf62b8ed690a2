// One platform model for check and plan: the target PHP check prints is the PHP plan ends on, with and without
// --php, even when the plan's path stops on the way (the direct jump alone would pick another PHP), and check prices
// the same hops on the same PHP.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { runCheck } from '../src/check/run-check.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { buildPlan } from '../src/plan/build-plan.js';
import { PlanInputError } from '../src/plan/errors.js';
import { renderPlan } from '../src/plan/render.js';
import { renderCheck } from '../src/report/check/index.js';
import { STORE } from './helpers/store-fixture.js';

const clock = fixedClock('2026-12-01T12:00:00Z');

/** The PHP check prints for its one target, and the PHP plan prints after its last hop (text formats). */
async function printed(
  php: string | undefined,
): Promise<{ check: string; plan: string; checkedOn: string; hops: number; pathNote: boolean }> {
  const result = await runCheck({
    path: STORE,
    to: '2.4.8-p3',
    clock,
    cacheDir: false,
    workers: 1,
    ...(php ? { php } : {}),
  });
  const checkText = renderCheck(result, 'text', { color: false });
  let checkedOn: Record<string, string> = {};
  const plan = await buildPlan({
    path: STORE,
    to: '2.4.8-p3',
    clock,
    cacheDir: false,
    freezePresets: ['none'],
    ...(php ? { php } : {}),
    // The plan's PHP does not depend on findings: record the PHP each hop is checked on, find nothing.
    check: (targets, phpByTarget) => {
      checkedOn = phpByTarget;
      return Promise.resolve({ findings: targets.map(() => []), problems: [] });
    },
  });
  const planText = renderPlan(plan, 'text', clock);
  const afters = [...planText.matchAll(/PHP during the upgrade: [\d.]+; after: (\d+\.\d+)/g)].map((m) => m[1]!);
  assert.equal(afters.length, plan.hops.length, 'one PHP line per hop');
  // check prices plan's path (the same hops, each on the same PHP); its summary names them (every format).
  const path = [plan.hops[0]!.from, ...plan.hops.map((h) => h.to)];
  assert.deepEqual(result.summary.path?.recommended, path);
  assert.deepEqual(
    result.summary.path?.hops.map((h) => `${h.from} → ${h.to} on ${h.php}`),
    plan.hops.map((h) => `${h.from} → ${h.to} on ${h.phpAfter?.match(/^\d+\.\d+/)?.[0]}`),
  );
  return {
    pathNote: checkText.includes(`The effort prices the path mageup plan recommends, ${path[0]} → `),
    check: /Target 2\.4\.8-p3 on PHP (\d+\.\d+)/.exec(checkText)?.[1] ?? 'none',
    plan: afters.at(-1)!,
    checkedOn: checkedOn['2.4.8-p3'] ?? 'none',
    hops: plan.hops.length,
  };
}

describe('check and plan share one target PHP', () => {
  it('without --php: check prints the PHP the plan ends on, and plan checks its last hop on it', async () => {
    const { check, plan, checkedOn, hops, pathNote } = await printed(undefined);
    assert.ok(hops > 1, 'the path stops on the way: the direct hop alone would choose PHP 8.4');
    assert.ok(pathNote, "check's effort note names the path it prices");
    assert.equal(check, plan);
    assert.equal(checkedOn, plan);
  });

  it('with --php 8.4: both print 8.4', async () => {
    assert.deepEqual(await printed('8.4'), { check: '8.4', plan: '8.4', checkedOn: '8.4', hops: 2, pathNote: true });
  });

  it('plan --php refuses what check --php refuses', async () => {
    await assert.rejects(
      buildPlan({
        path: STORE,
        to: '2.4.8-p3',
        clock,
        php: '8',
        check: () => Promise.reject(new Error('not reached')),
      }),
      (e: unknown) =>
        e instanceof PlanInputError && /--php must be a PHP minor version such as 8\.3, not "8"/.test(e.message),
    );
  });
});
