// `mageup fix examples/sample-store --to 2.4.8 --php 8.4` (PHP 8.4 deprecates implicit nullables; the plan's own PHP
// for this store is 8.3): the patch applies with `git apply` in a copy of the store (never in
// examples/), and a check of the patched copy no longer reports the findings the patch claims to fix. --write in a
// copy: git-tracked files in place, untracked ones after a backup copy; vendor/ is never touched.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { runCheck } from '../src/check/run-check.js';
import { runFix, type FixResult } from '../src/fix/run-fix.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { SAMPLE_STORE } from './helpers/expected.js';

const clock = fixedClock('2026-11-23');
const dirs: string[] = [];
let dryRun: FixResult;

function copyOfStore(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mageup-fix-'));
  dirs.push(dir);
  cpSync(SAMPLE_STORE, dir, { recursive: true });
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8' });
}

before(async () => {
  dryRun = await runFix({ path: SAMPLE_STORE, to: '2.4.8', php: '8.4', clock, workers: 1, cacheDir: false });
});
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

it('dry run: a patch of the custom code only, every fix verified by the re-check, vendor/ declined with its reason', () => {
  assert.equal(dryRun.written, false);
  assert.deepEqual(
    dryRun.files.map((f) => f.file),
    ['app/code/Acme/Catalog/Model/FeedExporter.php', 'app/code/Acme/Catalog/Model/Resolver/FeedStatus.php'],
  );
  assert.ok(dryRun.fixed.length >= 3, `fixed ${dryRun.fixed.length}`);
  assert.ok(
    dryRun.fixed.every((f) => f.cleared),
    'every fixed finding is gone from the re-check',
  );
  assert.deepEqual(dryRun.introduced, []);
  assert.ok(dryRun.fixed.some((f) => f.ruleId === 'php-version/implicit-nullable'));
  assert.ok(dryRun.declined.length > 0);
  for (const d of dryRun.declined) {
    assert.ok(d.reason.length > 10, `a decline says why: ${JSON.stringify(d)}`);
    if (d.file?.startsWith('vendor/')) assert.match(d.reason, /vendor\//);
  }
  assert.ok(!/^diff --git a\/vendor\//m.test(dryRun.patch), 'vendor/ is never patched');
  assert.match(dryRun.patch, /^diff --git a\/app\/code\/Acme\/Catalog\/Model\/FeedExporter\.php b\/app/m);
  assert.match(dryRun.patch, /^- {4}public function export\(StoreInterface \$store = null\): int$/m);
  assert.match(dryRun.patch, /^\+ {4}public function export\(\?StoreInterface \$store = null\): int$/m);
});

it('the patch applies with git apply in a copy of the store, and check there no longer reports what it fixed', async () => {
  const dir = copyOfStore();
  git(dir, 'init', '-q');
  const patchFile = join(dir, '..', `${dir.split('/').pop()}.patch`);
  dirs.push(patchFile);
  writeFileSync(patchFile, dryRun.patch);
  git(dir, 'apply', '--check', patchFile);
  git(dir, 'apply', patchFile);
  const recheck = await runCheck({ path: dir, to: ['2.4.8'], php: '8.4', clock, workers: 1, cacheDir: false });
  const still = recheck.findings.filter((r) =>
    dryRun.fixed.some((f) => f.fingerprint === r.fingerprint && f.line === r.line),
  );
  assert.deepEqual(still, [], 'the findings the patch claims are gone');
  // Nothing else changed: the examples/ tree itself is untouched.
  assert.equal(
    readFileSync(join(SAMPLE_STORE, 'app/code/Acme/Catalog/Model/FeedExporter.php'), 'utf8').includes(
      'export(StoreInterface $store = null)',
    ),
    true,
  );
});

it('--write: a git-tracked file is changed in place, an untracked one after a backup copy; vendor/ untouched', async () => {
  const dir = copyOfStore();
  git(dir, 'init', '-q');
  git(dir, 'add', 'app/code/Acme/Catalog/Model/FeedExporter.php');
  git(dir, 'commit', '-q', '-m', 'tracked');
  const vendorFile = join(dir, 'vendor/swiftship/module-shipping-rates/Model/Carrier/Swiftship.php');
  const vendorBefore = readFileSync(vendorFile, 'utf8');
  const result = await runFix({
    path: dir,
    to: '2.4.8',
    php: '8.4',
    clock,
    workers: 1,
    cacheDir: false,
    write: true,
    rules: ['php-version/implicit-nullable'],
  });
  assert.equal(result.written, true);
  const byFile = new Map(result.files.map((f) => [f.file, f]));
  assert.deepEqual(byFile.get('app/code/Acme/Catalog/Model/FeedExporter.php')?.written, {});
  assert.deepEqual(byFile.get('app/code/Acme/Catalog/Model/Resolver/FeedStatus.php')?.written, {
    backup: 'app/code/Acme/Catalog/Model/Resolver/FeedStatus.php.mageup-backup',
  });
  assert.ok(existsSync(join(dir, 'app/code/Acme/Catalog/Model/Resolver/FeedStatus.php.mageup-backup')));
  assert.match(
    readFileSync(join(dir, 'app/code/Acme/Catalog/Model/FeedExporter.php'), 'utf8'),
    /export\(\?StoreInterface \$store = null\)/,
  );
  assert.equal(readFileSync(vendorFile, 'utf8'), vendorBefore);
  assert.ok(result.fixed.every((f) => f.ruleId === 'php-version/implicit-nullable'));
  // A second run finds nothing left to fix there and refuses nothing it wrote.
  const again = await runFix({
    path: dir,
    to: '2.4.8',
    php: '8.4',
    clock,
    workers: 1,
    cacheDir: false,
    rules: ['php-version/implicit-nullable'],
  });
  assert.equal(again.patch, '');
});
