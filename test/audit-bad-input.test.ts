import { strict as assert } from 'node:assert';
import {
  chmodSync,
  cpSync,
  existsSync,
  readFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadProject, NotMagentoProjectError } from '../src/project/load.js';
import { codeFiles } from '../src/project/code-files.js';
import { buildAuditReport } from '../src/report/audit/index.js';
import type { ProjectModel } from '../src/project/model.js';
import { STORE } from './helpers/store-fixture.js';

const work = mkdtempSync(join(tmpdir(), 'mageup-bad-input-'));
after(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
/** A fresh copy of the fixture store, changed by `mutate`. Bad inputs are made here, never committed. */
function storeCopy(mutate: (root: string) => void): string {
  const root = join(work, `store-${++counter}`);
  cpSync(STORE, root, { recursive: true });
  mutate(root);
  return root;
}

function problem(model: ProjectModel, code: string, file?: string) {
  const found = model.problems.find((p) => p.code === code && (file === undefined || p.file === file));
  assert.ok(
    found,
    `expected a ${code} problem${file ? ` on ${file}` : ''}; got ${JSON.stringify(model.problems, null, 1)}`,
  );
  return found;
}

describe('bad input: every problem is named and the audit continues', () => {
  it('missing composer.lock: packages and version from installed.json', async () => {
    const model = await loadProject(storeCopy((r) => rmSync(join(r, 'composer.lock'))));
    assert.equal(model.magento.version, '2.4.6-p3');
    assert.equal(model.magento.versionSource, 'installed.json');
    assert.equal(model.packages.length, 9);
    problem(model, 'composer-lock-missing', 'composer.lock');
  });

  it('corrupted composer.lock: reported with its line, installed.json used', async () => {
    const model = await loadProject(
      storeCopy((r) => writeFileSync(join(r, 'composer.lock'), '{\n  "packages": [\n    {"name": \n')),
    );
    const p = problem(model, 'json-invalid', 'composer.lock');
    assert.match(p.message, /^composer\.lock:3:\d+: not valid JSON/);
    assert.ok(p.line && p.line >= 3);
    assert.equal(model.magento.version, '2.4.6-p3');
    assert.equal(model.magento.versionSource, 'installed.json');
  });

  it('no composer.lock and a corrupted installed.json: vendor composer.json files, version from the root constraint', async () => {
    const model = await loadProject(
      storeCopy((r) => {
        rmSync(join(r, 'composer.lock'));
        writeFileSync(join(r, 'vendor/composer/installed.json'), '[not json');
      }),
    );
    problem(model, 'json-invalid', 'vendor/composer/installed.json');
    problem(model, 'composer-metadata-missing');
    assert.deepEqual(
      model.packages.map((p) => p.name),
      ['acme/module-foo'],
    );
    assert.equal(model.magento.version, '2.4.6-p3');
    assert.equal(model.magento.versionSource, 'composer.json');
    // modules still come from their registrations
    assert.ok(model.modules.some((m) => m.name === 'Acme_Custom' && m.enabled === true));
  });

  it('version from vendor/magento/magento2-base when nothing else tells', async () => {
    const model = await loadProject(
      storeCopy((r) => {
        rmSync(join(r, 'composer.lock'));
        rmSync(join(r, 'vendor/composer/installed.json'));
        writeFileSync(
          join(r, 'composer.json'),
          '{"name": "acme/store", "require": {"magento/product-community-edition": "^2.4"}}',
        );
        mkdirSync(join(r, 'vendor/magento/magento2-base'), { recursive: true });
        writeFileSync(
          join(r, 'vendor/magento/magento2-base/composer.json'),
          '{"name": "magento/magento2-base", "version": "2.4.6-p3"}',
        );
      }),
    );
    assert.equal(model.magento.version, '2.4.6-p3');
    assert.equal(model.magento.versionSource, 'vendor composer.json');
  });

  it('no vendor/ (composer install not run): one problem, config.php states kept', async () => {
    const model = await loadProject(storeCopy((r) => rmSync(join(r, 'vendor'), { recursive: true })));
    problem(model, 'vendor-missing', 'vendor');
    assert.equal(model.vendorInstalled, false);
    assert.equal(model.magento.version, '2.4.6-p3');
    assert.ok(!model.problems.some((p) => p.code === 'module-not-registered'), 'no flood of unregistered modules');
    const report = buildAuditReport(model);
    assert.equal(report.modules.find((m) => m.name === 'Magento_Catalog')?.state, 'enabled');
    assert.equal(report.modules.find((m) => m.name === 'Acme_Custom')?.path, 'app/code/Acme/Custom');
  });

  it('composer.lock newer than what is installed: reported', async () => {
    const model = await loadProject(
      storeCopy((r) => {
        const file = join(r, 'vendor/composer/installed.json');
        writeFileSync(file, readFileSync(file, 'utf8').replace('"version": "2.9.1"', '"version": "2.8.0"'));
      }),
    );
    const p = problem(model, 'composer-install-outdated', 'vendor/composer/installed.json');
    assert.match(p.message, /monolog\/monolog 2\.9\.1 \(installed: 2\.8\.0\)/);
  });

  it('corrupted composer.json: reported, the lock still gives everything', async () => {
    const model = await loadProject(storeCopy((r) => writeFileSync(join(r, 'composer.json'), '{"require": {')));
    problem(model, 'json-invalid', 'composer.json');
    assert.equal(model.magento.version, '2.4.6-p3');
    assert.equal(model.packages.length, 9);
  });

  it('missing composer.json: reported as a warning', async () => {
    const model = await loadProject(storeCopy((r) => rmSync(join(r, 'composer.json'))));
    problem(model, 'composer-json-missing');
    assert.equal(model.magento.version, '2.4.6-p3');
  });

  it('broken XML: the file and line are named, the rest of the module is read', async () => {
    const di = 'app/code/Acme/Custom/etc/di.xml';
    const model = await loadProject(
      storeCopy((r) =>
        writeFileSync(join(r, di), '<?xml version="1.0"?>\n<config>\n  <preference for="A" type="B">\n</config>\n'),
      ),
    );
    const p = problem(model, 'xml-invalid', di);
    assert.ok(p.line && p.line >= 3, `line ${p.line}`);
    const custom = model.modules.find((m) => m.name === 'Acme_Custom');
    assert.equal(custom?.customizations.preferences.length, 0);
    assert.equal(custom?.customizations.observers.length, 2);
  });

  it('env.php that does not parse: reported with its line, never executed, no secret quoted', async () => {
    const model = await loadProject(
      storeCopy((r) =>
        writeFileSync(
          join(r, 'app/etc/env.php'),
          "<?php\nreturn [\n  'MAGE_MODE' => 'developer',\n  'db' => ['connection' => ['default' => ['password' => 'LEAK-ME-1' . getenv('X')]]],\n  'crypt' => ['key' => 'LEAK-ME-2' ;\n];\n",
        ),
      ),
    );
    const p = problem(model, 'php-syntax', 'app/etc/env.php');
    assert.ok(p.line && p.line >= 1);
    assert.equal(model.services.present, true);
    assert.equal(model.services.mode, 'developer');
    assert.ok(!JSON.stringify(model).includes('LEAK-ME'), 'no secret in the model or its problems');
  });

  it('env.php with expressions: each reported with its line and left out', async () => {
    const model = await loadProject(
      storeCopy((r) =>
        writeFileSync(
          join(r, 'app/etc/env.php'),
          "<?php\nreturn [\n  'MAGE_MODE' => getenv('MODE'),\n  'db' => ['connection' => ['default' => ['host' => $host, 'password' => 'LEAK-ME-3' . $x]]],\n];\n",
        ),
      ),
    );
    const unevaluated = model.problems.filter((p) => p.code === 'php-unevaluated');
    assert.deepEqual(
      unevaluated.map((p) => p.line),
      [3, 4, 4],
    );
    assert.equal(model.services.mode, undefined);
    assert.ok(!JSON.stringify(model).includes('LEAK-ME'));
  });

  it('a directory that is not Magento: NotMagentoProjectError saying why', async () => {
    const dir = join(work, 'not-magento');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'composer.json'), '{"name": "acme/lib", "type": "library"}');
    await assert.rejects(loadProject(join(dir, 'src')), (e: unknown) => {
      assert.ok(e instanceof NotMagentoProjectError);
      assert.match(e.message, /not a Magento project or extension: found no app\/etc\/di\.xml/);
      return true;
    });
    await assert.rejects(loadProject(join(work, 'does-not-exist')), /does not exist/);
  });

  it('an unreadable file is reported and skipped', async (t) => {
    const events = 'app/code/Acme/Custom/etc/events.xml';
    const asRoot = process.getuid?.() === 0;
    if (asRoot && !existsSync('/proc/self/mem')) {
      t.skip('running as root without /proc: no way to make a file unreadable');
      return;
    }
    const root = storeCopy((r) => {
      if (asRoot) {
        // root reads any file whatever its mode: a link to /proc/self/mem makes a file whose read fails (EIO) for root too.
        rmSync(join(r, events));
        symlinkSync('/proc/self/mem', join(r, events));
      } else {
        chmodSync(join(r, events), 0o000);
      }
    });
    try {
      const model = await loadProject(root);
      const p = problem(model, asRoot ? 'fs-error' : 'unreadable', events);
      assert.match(p.message, asRoot ? /cannot be read \(EIO/ : /permission denied/);
      assert.equal(model.modules.find((m) => m.name === 'Acme_Custom')?.customizations.observers.length, 0);
    } finally {
      if (!asRoot) chmodSync(join(root, events), 0o644);
    }
  });

  it('an unreadable directory is reported and skipped', async (t) => {
    if (process.getuid?.() === 0) {
      t.skip('running as root: directory permissions cannot stop root');
      return;
    }
    const dir = 'app/code/Acme/Custom/Setup';
    const root = storeCopy((r) => chmodSync(join(r, dir), 0o000));
    try {
      const model = await loadProject(root);
      problem(model, 'unreadable', dir);
    } finally {
      chmodSync(join(root, dir), 0o755);
    }
  });

  it('symlink loops are reported, not followed forever', async () => {
    const model = await loadProject(
      storeCopy((r) => {
        symlinkSync('..', join(r, 'app/code/Acme/Custom/etc/up'));
        symlinkSync('self', join(r, 'app/code/Acme/Custom/self'));
      }),
    );
    problem(model, 'symlink-loop', 'app/code/Acme/Custom/etc/up');
    problem(model, 'symlink-loop', 'app/code/Acme/Custom/self');
    assert.equal(codeFiles(model).filter((f) => f.file.endsWith('AddThing.php')).length, 1);
  });

  it('a file over 10 MB is reported and skipped', async () => {
    const big = 'app/code/Acme/Custom/Model/Huge.php';
    const model = await loadProject(
      storeCopy((r) => {
        mkdirSync(join(r, 'app/code/Acme/Custom/Model'));
        writeFileSync(join(r, big), '<?php\n');
        truncateSync(join(r, big), 11 * 1024 * 1024); // sparse: no disk used
      }),
    );
    const p = problem(model, 'file-too-large', big);
    assert.match(p.message, /11\.0 MB, over the 10 MB limit/);
    assert.ok(!codeFiles(model).some((f) => f.file === big));
  });

  it('a binary ._registration.php (macOS resource fork) is reported and skipped', async () => {
    const fork = 'app/code/Acme/Custom/._registration.php';
    const model = await loadProject(
      storeCopy((r) => writeFileSync(join(r, fork), Buffer.from([0, 5, 22, 7, 0, 2, 0, 0, 0x4d, 0x61, 0x63]))),
    );
    const p = problem(model, 'binary-file', fork);
    assert.match(p.message, /binary content/);
    assert.ok(!codeFiles(model).some((f) => f.file === fork));
    assert.ok(codeFiles(model).some((f) => f.file === 'app/code/Acme/Custom/registration.php'));
  });

  it('a theme parent cycle is reported and the chain is cut', async () => {
    const model = await loadProject(
      storeCopy((r) => {
        const theme = (name: string, parent: string): void => {
          const dir = join(r, 'app/design/frontend/Loop', name);
          mkdirSync(dir, { recursive: true });
          writeFileSync(
            join(dir, 'registration.php'),
            `<?php\n\\Magento\\Framework\\Component\\ComponentRegistrar::register(\\Magento\\Framework\\Component\\ComponentRegistrar::THEME, 'frontend/Loop/${name}', __DIR__);\n`,
          );
          writeFileSync(join(dir, 'theme.xml'), `<theme><title>${name}</title><parent>Loop/${parent}</parent></theme>`);
        };
        theme('a', 'b');
        theme('b', 'a');
      }),
    );
    problem(model, 'theme-parent-cycle', 'app/design/frontend/Loop/a/theme.xml');
    assert.deepEqual(model.themes.find((t) => t.code === 'frontend/Loop/a')?.parentChain, ['Loop/b']);
  });

  it('requirejs-config.js that does not parse is reported with its line', async () => {
    const file = 'app/code/Acme/Custom/view/frontend/requirejs-config.js';
    const model = await loadProject(
      storeCopy((r) => writeFileSync(join(r, file), 'var config = {\n  map: {\n    "*": { a: }\n};\n')),
    );
    const p = problem(model, 'js-syntax', file);
    assert.equal(p.line, 3);
  });
});
