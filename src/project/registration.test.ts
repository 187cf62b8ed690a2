import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LoadContext } from './context.js';
import { parseRegistration } from './registration.js';

describe('parseRegistration', () => {
  const root = mkdtempSync(join(tmpdir(), 'mageup-registration-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };

  it('reads a module registered by a class constant from the etc/module.xml beside it (M2E Pro)', () => {
    write(
      'm2e/registration.php',
      '<?php\nuse Ess\\M2ePro\\Helper\\Module;\nuse Magento\\Framework\\Component\\ComponentRegistrar;\n\nComponentRegistrar::register(ComponentRegistrar::MODULE, Module::IDENTIFIER, __DIR__);\n',
    );
    write(
      'm2e/etc/module.xml',
      '<?xml version="1.0"?>\n<config>\n    <module name="Ess_M2ePro">\n    </module>\n</config>\n',
    );
    const ctx = new LoadContext(root);
    assert.deepEqual(parseRegistration(ctx, 'm2e/registration.php', null), [
      { type: 'module', name: 'Ess_M2ePro', dir: 'm2e', file: 'm2e/registration.php', package: null },
    ]);
    assert.deepEqual(ctx.problems, []);
  });

  it('still reports a constant-named registration it cannot place (no module.xml, or a theme)', () => {
    write(
      'theme/registration.php',
      '<?php\nComponentRegistrar::register(ComponentRegistrar::THEME, Theme::NAME, __DIR__);\n',
    );
    const ctx = new LoadContext(root);
    assert.deepEqual(parseRegistration(ctx, 'theme/registration.php', null), []);
    assert.equal(ctx.problems[0]?.code, 'registration-unrecognized');
  });

  it('keeps reading literal names and subfolders', () => {
    write(
      'pkg/src/registration.php',
      "<?php\nComponentRegistrar::register(ComponentRegistrar::MODULE, 'Acme_Widget', __DIR__ . '/module');\n",
    );
    const ctx = new LoadContext(root);
    assert.deepEqual(parseRegistration(ctx, 'pkg/src/registration.php', 'acme/widget'), [
      {
        type: 'module',
        name: 'Acme_Widget',
        dir: 'pkg/src/module',
        file: 'pkg/src/registration.php',
        package: 'acme/widget',
      },
    ]);
  });
});
