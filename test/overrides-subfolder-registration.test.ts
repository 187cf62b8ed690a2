// Vendor themes and modules registered from a subfolder (`src/registration.php` registering `__DIR__ . '/theme'`,
// as upgrade-patch-helper's own test packages and many real themes do) are placed by the same registration engine as
// `audit`'s, so overrides of a theme whose parent is such a theme are compared; and an override whose original cannot
// be placed is reported as "could not verify", naming the fallback chain tried, never skipped silently.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Finding } from '../src/core/finding.js';
import { runCheck } from '../src/check/run-check.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { loadProject } from '../src/project/load.js';
import { releaseFilesFromVendor } from '../src/check/files/release-files.js';
import { writeTree } from './fixtures/vendor-pair/pair.js';

const REGISTRAR = 'Magento\\Framework\\Component\\ComponentRegistrar';
const register = (type: string, name: string, dir: string) =>
  `\\${REGISTRAR}::register(\\${REGISTRAR}::${type}, '${name}', __DIR__${dir ? ` . '/${dir}'` : ''});\n`;

/** A vendor tree: Magento_Checkout, Luma/Blank, and acme/base-theme whose src/registration.php registers both a
 * theme (`src/theme`) and a module (`src/module`). */
function vendorTree(form: string, acmeForm: string, widget: string): Record<string, string> {
  return {
    'magento/module-checkout/composer.json':
      '{"name":"magento/module-checkout","type":"magento2-module","autoload":{"files":["registration.php"]}}',
    'magento/module-checkout/registration.php': `<?php\n${register('MODULE', 'Magento_Checkout', '')}`,
    'magento/module-checkout/etc/module.xml': '<config><module name="Magento_Checkout"/></config>',
    'magento/module-checkout/view/frontend/templates/cart/form.phtml': form,
    'magento/module-checkout/view/frontend/templates/cart/totals.phtml': `<div>${form}</div>\n`,
    'magento/theme-frontend-luma/registration.php': `<?php\n${register('THEME', 'frontend/Magento/luma', '')}`,
    'magento/theme-frontend-luma/theme.xml': '<theme><title>Luma</title><parent>Magento/blank</parent></theme>',
    'magento/theme-frontend-blank/registration.php': `<?php\n${register('THEME', 'frontend/Magento/blank', '')}`,
    'magento/theme-frontend-blank/theme.xml': '<theme><title>Blank</title></theme>',
    'acme/base-theme/composer.json':
      '{"name":"acme/base-theme","type":"magento2-module","autoload":{"files":["src/registration.php"]}}',
    'acme/base-theme/src/registration.php': `<?php\n${register('THEME', 'frontend/AcmeVendor/base', 'theme')}${register('MODULE', 'Acme_Widget', 'module')}`,
    'acme/base-theme/src/theme/theme.xml': '<theme><title>Acme base</title><parent>Magento/luma</parent></theme>',
    'acme/base-theme/src/theme/Magento_Checkout/templates/cart/form.phtml': acmeForm,
    'acme/base-theme/src/module/etc/module.xml': '<config><module name="Acme_Widget"/></config>',
    'acme/base-theme/src/module/view/frontend/templates/widget.phtml': widget,
  };
}

describe('overrides of themes registered from a subfolder', () => {
  const root = mkdtempSync(join(tmpdir(), 'mageup-subfolder-registration-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const before = vendorTree('<form>1</form>\n', '<form class="acme">1</form>\n', '<p>widget 1</p>\n');
  writeTree(join(root, 'before'), before);
  writeTree(join(root, 'after'), vendorTree('<form>2</form>\n', '<form class="acme">2</form>\n', '<p>widget 2</p>\n'));
  // The project: its own vendor/ is the "before" tree; a theme in app/design whose parent is the vendor theme, and a
  // second theme whose parent is a vendor theme that is not installed (Hyvä without its packages).
  const project = join(root, 'project');
  writeTree(project, {
    'composer.json': '{"name":"acme/store","require":{"magento/product-community-edition":"2.4.6-p3"}}',
    'composer.lock': JSON.stringify({
      packages: [
        { name: 'magento/product-community-edition', version: '2.4.6-p3', type: 'metapackage' },
        { name: 'magento/module-checkout', version: '100.4.7-p3', type: 'magento2-module' },
        { name: 'magento/theme-frontend-luma', version: '100.4.7-p3', type: 'magento2-theme' },
        { name: 'magento/theme-frontend-blank', version: '100.4.7-p3', type: 'magento2-theme' },
        {
          name: 'acme/base-theme',
          version: '1.0.0',
          type: 'magento2-module',
          autoload: { files: ['src/registration.php'] },
        },
      ],
    }),
    ...Object.fromEntries(Object.entries(before).map(([p, t]) => [`vendor/${p}`, t])),
    'app/design/frontend/Acme/shop/registration.php': `<?php\n${register('THEME', 'frontend/Acme/shop', '')}`,
    'app/design/frontend/Acme/shop/theme.xml': '<theme><title>Shop</title><parent>AcmeVendor/base</parent></theme>',
    'app/design/frontend/Acme/shop/Magento_Checkout/templates/cart/form.phtml': '<form class="shop"/>\n',
    'app/design/frontend/Acme/shop/Magento_Checkout/templates/cart/totals.phtml': '<div class="shop"/>\n',
    'app/design/frontend/Acme/shop/Acme_Widget/templates/widget.phtml': '<p>shop widget</p>\n',
    'app/design/frontend/Acme/hyva/registration.php': `<?php\n${register('THEME', 'frontend/Acme/hyva', '')}`,
    'app/design/frontend/Acme/hyva/theme.xml': '<theme><title>Hyva child</title><parent>Hyva/default</parent></theme>',
    'app/design/frontend/Acme/hyva/Magento_Checkout/templates/cart/form.phtml': '<form x-data/>\n',
  });
  let result: ReturnType<typeof runCheck> | undefined;
  // One run serves every assertion below.
  const check = () =>
    (result ??= runCheck({
      path: project,
      to: '2.4.8',
      focus: ['overrides'],
      workers: 1,
      cacheDir: false,
      clock: fixedClock('2026-11-23'),
      baselineVendor: join(root, 'before'),
      targetVendor: join(root, 'after'),
    }));

  it('audit and the override lookup place the same components', async () => {
    const model = await loadProject(project);
    const theme = model.themes.find((t) => t.code === 'frontend/AcmeVendor/base');
    assert.equal(theme?.path, 'vendor/acme/base-theme/src/theme');
    assert.deepEqual(model.themes.find((t) => t.code === 'frontend/Acme/shop')?.parentChain, [
      'AcmeVendor/base',
      'Magento/luma',
      'Magento/blank',
    ]);
    const files = releaseFilesFromVendor(join(root, 'before'));
    assert.ok(files.hasComponent('frontend/AcmeVendor/base'));
    assert.ok(files.hasComponent('Acme_Widget'));
    assert.ok(files.hash('frontend/AcmeVendor/base', 'Magento_Checkout/templates/cart/form.phtml'));
    assert.ok(files.hash('Acme_Widget', 'view/frontend/templates/widget.phtml'));
  });

  // A file can be named twice: once for the parent theme's copy and once for the module's own original (800bb4b).
  const changed = (findings: Finding[], file: string, originalIn?: string): Finding => {
    const found = findings.find(
      (f) =>
        f.ruleId === 'overrides/theme-template-changed' &&
        f.messageId === 'changed' &&
        f.file === file &&
        (!originalIn || String(f.data?.original).startsWith(`${originalIn}: `)),
    );
    assert.ok(
      found,
      `no theme-template-changed on ${file}; got:\n${findings.map((f) => `${f.ruleId} ${f.file}`).join('\n')}`,
    );
    return found;
  };
  const shop = 'app/design/frontend/Acme/shop';

  it('compares an app/design override with the vendor parent theme registered from a subfolder', async () => {
    const { findings } = await check();
    const form = changed(findings, `${shop}/Magento_Checkout/templates/cart/form.phtml`, 'frontend/AcmeVendor/base');
    assert.equal(form.data?.original, 'frontend/AcmeVendor/base: Magento_Checkout/templates/cart/form.phtml');
    assert.match(form.details ?? '', /^\+<form class="acme">2<\/form>$/m);
    // The parent does not hold totals.phtml: the chain goes on through Luma and Blank to the module.
    const totals = changed(findings, `${shop}/Magento_Checkout/templates/cart/totals.phtml`);
    assert.equal(totals.data?.original, 'Magento_Checkout::view/frontend/templates/cart/totals.phtml');
    // A module registered from src/module is found too.
    const widget = changed(findings, `${shop}/Acme_Widget/templates/widget.phtml`);
    assert.equal(widget.data?.original, 'Acme_Widget::view/frontend/templates/widget.phtml');
  });

  it("the vendor theme's own override of a Magento template is compared too", async () => {
    const { findings } = await check();
    const own = changed(findings, 'vendor/acme/base-theme/src/theme/Magento_Checkout/templates/cart/form.phtml');
    assert.equal(own.data?.original, 'Magento_Checkout::view/frontend/templates/cart/form.phtml');
  });

  it('an override whose original cannot be placed is "could not verify", naming the chain tried', async () => {
    const { findings } = await check();
    const hyva = findings.filter((f) => f.file?.startsWith('app/design/frontend/Acme/hyva/'));
    assert.equal(hyva.length, 1, JSON.stringify(hyva, null, 1));
    assert.equal(hyva[0]!.severity, 'info');
    assert.equal(hyva[0]!.messageId, 'unplaced');
    assert.deepEqual(
      [hyva[0]!.data?.file, hyva[0]!.data?.holder],
      ['app/design/frontend/Acme/hyva/Magento_Checkout/templates/cart/form.phtml', 'theme frontend/Hyva/default'],
    );
    // Never compared with the module's Luma template.
    assert.ok(!Object.values(hyva[0]!.data ?? {}).some((v) => String(v).includes('Magento_Checkout::view')));
  });
});
