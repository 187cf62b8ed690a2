// `mageup check --composer-json-out`: the proposed composer.json is written where asked, never over the project's own
// without --write; the JSON result carries the extension table and the proposal (valid against the schema).
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { register } from '../src/cli/commands/check.js';
import { EXIT } from '../src/cli/exit.js';
import { runCommand } from './helpers/cli.js';
import { fileURLToPath } from 'node:url';

const STORE = fileURLToPath(new URL('../examples/sample-store', import.meta.url));

const work = mkdtempSync(join(tmpdir(), 'mageup-check-composer-'));
after(() => rmSync(work, { recursive: true, force: true }));
const base = [
  'check',
  STORE,
  '--to',
  '2.4.8-p3',
  '--workers',
  '1',
  '--no-cache',
  '--no-history',
  '--focus',
  'composer',
];

describe('mageup check --composer-json-out', () => {
  it("writes the proposal, and refuses the project's own composer.json without --write", async () => {
    const own = readFileSync(join(STORE, 'composer.json'), 'utf8');
    const refused = await runCommand(register, [...base, '--composer-json-out', join(STORE, 'composer.json')]);
    assert.equal(refused.code, EXIT.failure);
    assert.match(refused.stderr, /is the project's own composer\.json: refusing to overwrite it without --write/);
    assert.equal(readFileSync(join(STORE, 'composer.json'), 'utf8'), own);

    const file = join(work, 'composer.proposed.json');
    const written = await runCommand(register, [...base, '--format', 'json', '--composer-json-out', file], {
      output: true,
    });
    assert.equal(written.code, EXIT.findings);
    assert.match(
      written.stderr,
      /proposed composer\.json for 2\.4\.8-p3 written to .* \(3 change\(s\); still blocking: /,
    );
    const proposed = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(proposed.require['magento/product-community-edition'], '2.4.8-p3');
    assert.equal(proposed.require['klaviyo/magento2-extension'], '^5.1.1');
    assert.equal(proposed.config.platform.php, '8.3', 'the PHP the plan ends on');
    assert.deepEqual(proposed.repositories, JSON.parse(own).repositories, 'everything else is kept');

    const result = JSON.parse(written.output) as {
      targets: { composer: { extensions: { name: string; first?: string; latest?: string; known: boolean }[] } }[];
    };
    const rows = new Map(result.targets[0]!.composer.extensions.map((e) => [e.name, e]));
    assert.equal(rows.get('klaviyo/magento2-extension')!.latest, '5.1.1');
    assert.equal(rows.get('northwind/module-payment-gateway')!.known, false);
    assert.ok(!rows.has('paypal/module-braintree-core'), 'bundled Braintree moves with Magento');
  });

  it('a target whose metapackage the data lacks is compared with the nearest release of its line, said as derived', async () => {
    const args = base.map((a) => (a === '2.4.8-p3' ? '2.4.6-p15' : a));
    const run = await runCommand(register, [...args, '--format', 'json'], { output: true });
    const result = JSON.parse(run.output) as { problems: { code: string; message: string }[] };
    const missing = result.problems.find((p) => p.code === 'composer-data-missing')!;
    assert.match(
      missing.message,
      /no Composer metapackage or project template of 2\.4\.6-p15: the root composer\.json and the library constraints are compared with those of 2\.4\.6-p14, the nearest release of its line \(derived from 2\.4\.6-p14: a change 2\.4\.6-p15 made is not known/,
    );
  });

  it("a target whose metapackage is known but not its template (2.4.9, from a real composer.lock) takes only the template from its line's nearest release", async () => {
    const args = base.map((a) => (a === '2.4.8-p3' ? '2.4.9' : a));
    const run = await runCommand(register, [...args, '--format', 'json'], { output: true });
    const result = JSON.parse(run.output) as {
      problems: { code: string; message: string }[];
      targets: { composer: { proposal?: { commands: string[] } } }[];
    };
    const missing = result.problems.find((p) => p.code === 'composer-data-missing')!;
    assert.match(
      missing.message,
      /no project template of 2\.4\.9 \(its metapackage is known\): the root composer\.json is compared with the 2\.4\.9-beta1 project template/,
    );
    assert.doesNotMatch(missing.message, /no Composer metapackage/);
    const commands = result.targets[0]!.composer.proposal?.commands ?? [];
    assert.match(
      commands[0] ?? '',
      /^# derived: MageUp's data has no project template of 2\.4\.9; .*2\.4\.9-beta1's project template/,
    );
    assert.ok(!commands.some((c) => c.includes('no metapackage of 2.4.9')), commands.join('\n'));
  });
});
