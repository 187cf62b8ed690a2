// Reports handed to a client (HTML, its PDF, Markdown) show neither the analyst's local paths nor the admin path of
// env.php; text and JSON (the analyst's formats) keep them. `--output` says on stderr where the report went.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { register as registerAudit } from '../src/cli/commands/audit.js';
import { register as registerCheck } from '../src/cli/commands/check.js';
import { EXIT } from '../src/cli/exit.js';
import { runCommand } from './helpers/cli.js';
import { STORE, STORE_SECRETS } from './helpers/store-fixture.js';

const work = mkdtempSync(join(tmpdir(), 'mageup-client-reports-'));
after(() => rmSync(work, { recursive: true, force: true }));
const ADMIN = 'secure_admin_7'; // backend/frontName of the fixture's env.php

describe('client formats', () => {
  for (const format of ['md', 'html'] as const) {
    it(`audit --format ${format}: no absolute path, no admin frontName`, async () => {
      const r = await runCommand(registerAudit, ['audit', STORE, '--no-history', '--format', format], { output: true });
      assert.equal(r.code, EXIT.ok, r.stderr);
      assert.ok(!r.output.includes(STORE), 'the local project path is shown');
      assert.ok(!r.output.includes(ADMIN), 'the admin frontName is shown');
      assert.match(r.output, /custom \(not shown in client reports\)/);
    });

    it(`check --format ${format}: no absolute path, the project named by its directory`, async () => {
      const r = await runCommand(
        registerCheck,
        [
          'check',
          STORE,
          '--to',
          '2.4.8',
          '--workers',
          '1',
          '--no-cache',
          '--no-history',
          '--quiet',
          '--format',
          format,
        ],
        { output: true },
      );
      assert.equal(r.code, EXIT.findings, r.stderr);
      assert.ok(!r.output.includes(STORE), 'the local project path is shown');
      assert.ok(!r.output.includes(ADMIN), 'the admin frontName is shown');
      // Code excerpts never quote env.php (the database finding points at it): no secret either.
      for (const secret of STORE_SECRETS) assert.ok(!r.output.includes(secret), `${secret} is shown`);
      assert.match(r.output, /store/);
    });
  }

  it('text and JSON, the analyst formats, keep the path and the admin path', async () => {
    const r = await runCommand(registerAudit, ['audit', STORE, '--no-history', '--format', 'json'], { output: true });
    assert.ok(r.output.includes(STORE));
    assert.ok(r.output.includes(ADMIN));
  });

  it('--output says on stderr where it wrote', async () => {
    const file = join(work, 'report.html');
    const r = await runCommand(registerAudit, ['audit', STORE, '--no-history', '--format', 'html', '--output', file]);
    assert.equal(r.code, EXIT.ok, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`^mageup: wrote ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ bytes\\)$`, 'm'),
    );
  });
});
