import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith } from '../overrides/fixtures.js';
import { observerName as rule } from './observer-name.js';

const observer = (module: string, name: string, disabled = false) => ({
  file: `app/code/${module.replace('_', '/')}/etc/events.xml`,
  line: 3,
  event: 'sales_order_place_after',
  name,
  instance: `${module}\\Observer`,
  disabled,
  area: 'global',
});

describe('conflicts/observer-name', () => {
  it('reports the same observer name on the same event from two modules (info when it disables)', async () => {
    const modules = [
      moduleWith('Acme_Sales', { observers: [observer('Acme_Sales', 'send_mail')] }),
      moduleWith('Mail_Pro', { observers: [observer('Mail_Pro', 'send_mail'), observer('Mail_Pro', 'unique')] }),
      moduleWith('Off_Switch', { observers: [observer('Off_Switch', 'send_mail', true)] }),
    ];
    const findings = await runRule(rule, { project: projectFixture({ modules }) });
    assert.deepEqual(
      findings.map((f) => [f.module, f.severity]),
      [
        ['Acme_Sales', 'warning'],
        ['Mail_Pro', 'warning'],
        ['Off_Switch', 'info'],
      ],
    );
  });
});
