// The README's first command (`mageup audit examples/sample-store`) must leave the project as it was, so that the
// second (`npm test`) passes after it on a fresh clone: MageUp never writes into the analysed project unless asked.
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { register as registerAudit } from '../src/cli/commands/audit.js';
import { register as registerCheck } from '../src/cli/commands/check.js';
import { EXIT } from '../src/cli/exit.js';
import { projectDataDir } from '../src/knowledge/cache-dir.js';
import { runCommand } from './helpers/cli.js';
import { SAMPLE_STORE } from './helpers/expected.js';

const work = mkdtempSync(join(tmpdir(), 'mageup-no-write-'));
// The user cache stays the real one: the empty PGlite cluster kept there makes a new store take 2 s, not 6–30 s.
const saved = process.env.MAGEUP_DATA_DIR;
process.env.MAGEUP_DATA_DIR = join(work, 'data');
after(() => {
  if (saved === undefined) delete process.env.MAGEUP_DATA_DIR;
  else process.env.MAGEUP_DATA_DIR = saved;
  rmSync(work, { recursive: true, force: true });
});

/** Every entry under `dir` (files, directories, links) with its size and modification time. */
function listing(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const stat = lstatSync(path);
      out.set(relative(dir, path), `${stat.isDirectory() ? 'dir' : stat.size}@${stat.mtimeMs}`);
      if (stat.isDirectory()) visit(path);
    }
  };
  visit(dir);
  return out;
}

describe('the analysed project is never written to', () => {
  it('audit then check with their defaults (history recorded) leave examples/sample-store as it was', async () => {
    const before = listing(SAMPLE_STORE);
    const cli = [registerAudit, registerCheck];
    const out = join(work, 'report');
    const audit = await runCommand(cli, ['audit', SAMPLE_STORE, '--output', out]);
    assert.equal(audit.code, EXIT.ok, audit.stderr);
    const check = await runCommand(cli, ['check', SAMPLE_STORE, '--to', '2.4.8', '--quiet', '--output', out]);
    assert.equal(check.code, EXIT.findings, check.stderr);
    for (const result of [audit, check]) assert.doesNotMatch(result.stderr, /not recorded/);

    assert.deepEqual(listing(SAMPLE_STORE), before, 'examples/sample-store changed');
    assert.ok(!existsSync(join(SAMPLE_STORE, '.mageup')));
    const store = join(projectDataDir(SAMPLE_STORE), 'history');
    assert.ok(store.startsWith(join(work, 'data', 'projects', 'sample-store-')), store);
    assert.ok(existsSync(store), 'the history is kept in the user data directory');
  });

  it('keys the data directory by the resolved path: same name elsewhere is another project', () => {
    const a = projectDataDir('/srv/a/shop');
    const b = projectDataDir('/srv/b/shop');
    assert.notEqual(a, b);
    assert.match(a, /projects\/shop-[0-9a-f]{12}$/);
    assert.equal(projectDataDir('/srv/a/shop/'), a);
  });
});
