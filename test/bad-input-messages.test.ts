// Bad input gets a message that says what happened: a permission problem is not "not a Magento project", a broken
// composer.json is named with line and column and the extension is still analysed, and impossible targets are refused.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { register as registerCheck } from '../src/cli/commands/check.js';
import { register as registerPlan } from '../src/cli/commands/plan.js';
import { EXIT } from '../src/cli/exit.js';
import { loadProject } from '../src/project/load.js';
import { buildAuditReport } from '../src/report/audit/index.js';
import { runCheck } from '../src/check/index.js';
import { runCommand } from './helpers/cli.js';
import { STORE } from './helpers/store-fixture.js';

const work = mkdtempSync(join(tmpdir(), 'mageup-bad-input-messages-'));
chmodSync(work, 0o755);
after(() => rmSync(work, { recursive: true, force: true }));

const REPO = fileURLToPath(new URL('..', import.meta.url));
const NOBODY = 65534;

/**
 * The message `loadProject(path)` fails with, as a user who is not root: root reads through every permission, so as
 * root the load runs in a child process switched to `nobody`.
 */
function loadError(path: string): string {
  const script =
    `import('${join(REPO, 'src/project/load.ts')}').then((m) => m.loadProject(${JSON.stringify(path)}))` +
    `.then(() => console.log('loaded'), (e) => console.log(e.name + ': ' + e.message));`;
  const asRoot = process.getuid?.() === 0;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, HOME: work },
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

/** A copy of the fixture store that `nobody` may read, except where `mutate` says otherwise. */
function readableCopy(name: string): string {
  const root = join(work, name);
  cpSync(STORE, root, { recursive: true });
  spawnSync('chmod', ['-R', 'a+rX', root]);
  return root;
}

describe('permission denied is said as such', () => {
  it('an unreadable project directory', () => {
    const root = readableCopy('closed');
    chmodSync(root, 0o000);
    try {
      const message = loadError(root);
      assert.match(message, /^ProjectUnreadableError: .*closed cannot be read: permission denied \(EACCES\)/);
      assert.doesNotMatch(message, /not a Magento project/);
    } finally {
      chmodSync(root, 0o755);
    }
  });

  it('a path below a directory this user may not enter', () => {
    const parent = join(work, 'locked');
    mkdirSync(parent);
    const root = join(parent, 'shop');
    cpSync(STORE, root, { recursive: true });
    chmodSync(parent, 0o700);
    const message = loadError(root);
    assert.match(message, /cannot be read: permission denied/);
    assert.doesNotMatch(message, /does not exist|not a Magento project/);
  });

  it('a project whose evidence (app/etc, composer.json) cannot be read', () => {
    const root = readableCopy('hidden-evidence');
    chmodSync(join(root, 'app/etc'), 0o700);
    chmodSync(join(root, 'composer.json'), 0o600);
    const message = loadError(root);
    assert.match(message, /app\/etc\/di\.xml cannot be read: permission denied/);
  });

  it('a directory that is really not Magento still says so', () => {
    const plain = join(work, 'plain');
    mkdirSync(plain);
    chmodSync(plain, 0o755);
    assert.match(loadError(plain), /^NotMagentoProjectError: .* is not a Magento project or extension/);
  });
});

describe('an extension with an invalid composer.json', () => {
  const ext = join(work, 'ext');
  mkdirSync(join(ext, 'etc'), { recursive: true });
  mkdirSync(join(ext, 'Model'));
  writeFileSync(
    join(ext, 'registration.php'),
    "<?php\nuse Magento\\Framework\\Component\\ComponentRegistrar;\nComponentRegistrar::register(ComponentRegistrar::MODULE, 'Acme_Broken', __DIR__);\n",
  );
  writeFileSync(
    join(ext, 'etc/module.xml'),
    '<?xml version="1.0"?>\n<config><module name="Acme_Broken" setup_version="1.2.0"><sequence><module name="Magento_Catalog"/></sequence></module></config>\n',
  );
  // A trailing comma on line 5 makes line 6, column 3 the first character JSON cannot accept.
  writeFileSync(
    join(ext, 'composer.json'),
    '{\n  "name": "acme/module-broken",\n  "type": "magento2-module",\n  "require": {\n    "magento/framework": "^103.0",\n  }\n}\n',
  );
  writeFileSync(
    join(ext, 'Model/Thing.php'),
    '<?php\nnamespace Acme\\Broken\\Model;\n\nclass Thing\n{\n    public function run(string $x = null, $y) {}\n}\n',
  );

  it('names the file, line and column, and reads the module from registration.php and module.xml', async () => {
    const model = await loadProject(ext);
    assert.equal(model.kind, 'extension');
    const problem = model.problems.find((p) => p.code === 'json-invalid');
    assert.ok(problem, JSON.stringify(model.problems));
    assert.equal(problem.file, 'composer.json');
    assert.equal(problem.line, 6);
    assert.match(problem.message, /^composer\.json:6:3: not valid JSON/);
    assert.doesNotMatch(problem.message, /position \d+/);
    const module = model.modules.find((m) => m.name === 'Acme_Broken');
    assert.ok(module);
    assert.equal(module.setupVersion, '1.2.0');
    assert.deepEqual(module.sequence, ['Magento_Catalog']);
    const audit = buildAuditReport(model);
    assert.notEqual(audit.modules.find((m) => m.name === 'Acme_Broken')?.state, 'not-registered');
  });

  it('check still analyses its code and reports the JSON problem once', async () => {
    const result = await runCheck({ path: ext, from: '2.4.6', to: '2.4.8', workers: 1, cacheDir: false });
    assert.equal(result.problems.filter((p) => p.code === 'json-invalid').length, 1);
    // The text report names the place once (the message carries it), not `composer.json:6: composer.json:6:3: …`.
    const { renderCheckReport } = await import('../src/report/json/render-report.js');
    const text = renderCheckReport(result, 'text', { color: false });
    assert.match(text, /\n {2}error {2}composer\.json:6:3: not valid JSON/);
    assert.ok(
      result.findings.some((f) => f.ruleId === 'php-version/implicit-nullable' && f.file === 'Model/Thing.php'),
      JSON.stringify(result.findings.map((f) => [f.ruleId, f.file])),
    );
  });
});

describe('impossible targets are refused', () => {
  const check = (args: string[]) =>
    runCommand(registerCheck, ['check', STORE, ...args, '--workers', '1', '--no-cache', '--no-history', '--quiet']);

  it('check --to an older release is refused like plan', async () => {
    const result = await check(['--to', '2.4.5']);
    assert.equal(result.code, EXIT.failure);
    assert.match(
      result.stderr,
      /The target 2\.4\.5 is older than the current release 2\.4\.6-p3: check only goes forward/,
    );
    const matrix = await check(['--to', '2.4.8,2.4.6']);
    assert.equal(matrix.code, EXIT.failure);
    assert.match(matrix.stderr, /older than the current release/);
  });

  it('--to "" and an empty item in a list are errors, not "latest"', async () => {
    for (const to of ['', ' ', '2.4.8,']) {
      const result = await check(['--to', to]);
      assert.equal(result.code, EXIT.failure, to);
      assert.match(result.stderr, /--to needs a release/);
    }
    const plan = await runCommand(registerPlan, ['plan', STORE, '--to', '', '--no-history']);
    assert.equal(plan.code, EXIT.failure);
    assert.match(plan.stderr, /--to needs a release/);
  });
});
