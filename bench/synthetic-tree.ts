/**
 * Generates a synthetic composer-installed Magento tree with the shape of 2.4.4 (≈75k files, ≈48k PHP): ~330 core
 * module packages, ~200 libraries, a few third-party extensions, themes and language packs, composer.lock and
 * installed.json. Content is small and written by us; only the shape matters for timing the audit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface SyntheticShape {
  coreModules: number;
  phpPerModule: number;
  otherPerModule: number;
  libraries: number;
  phpPerLibrary: number;
  otherPerLibrary: number;
  extensions: number;
}

/** Sized so the totals match the real 2.4.4 tree (75,705 files, 48,130 PHP). */
export const SHAPE_244: SyntheticShape = {
  coreModules: 326,
  phpPerModule: 95,
  otherPerModule: 60,
  libraries: 200,
  phpPerLibrary: 85,
  otherPerLibrary: 22,
  extensions: 5,
};

function write(root: string, path: string, text: string): void {
  const abs = join(root, path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

const registration = (type: string, name: string): string =>
  `<?php\nuse Magento\\Framework\\Component\\ComponentRegistrar;\n\nComponentRegistrar::register(ComponentRegistrar::${type}, '${name}', __DIR__);\n`;

export function generateSyntheticTree(root: string, shape: SyntheticShape = SHAPE_244): { files: number; php: number } {
  let files = 0;
  let php = 0;
  const put = (path: string, text: string): void => {
    write(root, path, text);
    files++;
    if (path.endsWith('.php') || path.endsWith('.phtml')) php++;
  };
  const packages: Record<string, unknown>[] = [];
  const metaRequire: Record<string, string> = {};

  const modulePackage = (vendor: string, pkg: string, module: string, core: boolean): void => {
    const dir = `vendor/${vendor}/${pkg}`;
    const ns = module.replace('_', '\\');
    put(`${dir}/registration.php`, registration('MODULE', module));
    put(`${dir}/composer.json`, JSON.stringify({ name: `${vendor}/${pkg}`, type: 'magento2-module' }));
    put(
      `${dir}/etc/module.xml`,
      `<?xml version="1.0"?>\n<config><module name="${module}"><sequence><module name="Magento_Store"/></sequence></module></config>\n`,
    );
    put(
      `${dir}/etc/di.xml`,
      `<?xml version="1.0"?>\n<config>\n${Array.from({ length: 20 }, (_, i) => `  <preference for="${ns}\\Api\\I${i}" type="${ns}\\Model\\M${i}"/>\n  <type name="${ns}\\Model\\M${i}"><plugin name="p${i}" type="${ns}\\Plugin\\P${i}" sortOrder="${i}"/></type>`).join('\n')}\n</config>\n`,
    );
    put(
      `${dir}/etc/events.xml`,
      `<?xml version="1.0"?>\n<config><event name="e"><observer name="o" instance="${ns}\\Observer\\O"/></event></config>\n`,
    );
    put(
      `${dir}/etc/db_schema.xml`,
      `<?xml version="1.0"?>\n<schema><table name="t_${pkg.replace(/-/g, '_')}"><column xsi:type="int" name="id"/></table></schema>\n`,
    );
    put(
      `${dir}/view/frontend/requirejs-config.js`,
      `var config = { map: { '*': { a${pkg.length}: '${module}/js/a' } } };\n`,
    );
    for (let i = 0; i < shape.phpPerModule - 1; i++) {
      put(
        `${dir}/Model/Sub${i % 7}/Class${i}.php`,
        `<?php\nnamespace ${ns}\\Model\\Sub${i % 7};\n\nclass Class${i}\n{\n}\n`,
      );
    }
    for (let i = 0; i < shape.otherPerModule - 6; i++) {
      put(
        `${dir}/view/frontend/layout/handle_${i}.xml`,
        `<?xml version="1.0"?>\n<page><body><referenceBlock name="b${i}"/></body></page>\n`,
      );
    }
    packages.push({
      name: `${vendor}/${pkg}`,
      version: core ? '104.0.4' : '1.0.0',
      type: 'magento2-module',
      license: ['OSL-3.0'],
      require: { 'magento/framework': '103.0.*' },
      autoload: { files: ['registration.php'], 'psr-4': { [`${ns}\\`]: '' } },
    });
    if (core) metaRequire[`${vendor}/${pkg}`] = '104.0.4';
  };

  for (let m = 0; m < shape.coreModules; m++)
    modulePackage('magento', `module-synthetic-${m}`, `Magento_Synthetic${m}`, true);
  for (let e = 0; e < shape.extensions; e++) modulePackage(`vendor${e}`, `module-ext`, `Vendor${e}_Ext`, false);

  for (let l = 0; l < shape.libraries; l++) {
    const dir = `vendor/lib${l}/library`;
    put(`${dir}/composer.json`, JSON.stringify({ name: `lib${l}/library`, type: 'library' }));
    for (let i = 0; i < shape.phpPerLibrary; i++)
      put(`${dir}/src/Part${i % 9}/Thing${i}.php`, `<?php\nnamespace Lib${l};\n\nclass Thing${i}\n{\n}\n`);
    for (let i = 0; i < shape.otherPerLibrary - 1; i++) put(`${dir}/docs/page${i}.md`, `# page ${i}\n`);
    packages.push({ name: `lib${l}/library`, version: '1.2.3', type: 'library', license: ['MIT'] });
  }

  for (const [code, pkg] of [
    ['frontend/Magento/blank', 'theme-frontend-blank'],
    ['frontend/Magento/luma', 'theme-frontend-luma'],
    ['adminhtml/Magento/backend', 'theme-adminhtml-backend'],
  ] as const) {
    const dir = `vendor/magento/${pkg}`;
    put(`${dir}/registration.php`, registration('THEME', code));
    put(
      `${dir}/theme.xml`,
      `<theme><title>${code}</title>${code.endsWith('luma') ? '<parent>Magento/blank</parent>' : ''}</theme>\n`,
    );
    for (let i = 0; i < 100; i++) put(`${dir}/Magento_Catalog/templates/t${i}.phtml`, `<div>${i}</div>\n`);
    packages.push({
      name: `magento/${pkg}`,
      version: '100.4.4',
      type: 'magento2-theme',
      license: ['OSL-3.0'],
      autoload: { files: ['registration.php'] },
    });
    metaRequire[`magento/${pkg}`] = '100.4.4';
  }
  packages.push(
    {
      name: 'magento/product-community-edition',
      version: '2.4.4',
      type: 'metapackage',
      license: ['OSL-3.0'],
      require: metaRequire,
    },
    { name: 'magento/magento2-base', version: '2.4.4', type: 'magento2-component', license: ['OSL-3.0'] },
  );
  put(
    'composer.json',
    JSON.stringify(
      { name: 'magento/project-community-edition', require: { 'magento/product-community-edition': '2.4.4' } },
      null,
      2,
    ),
  );
  put('composer.lock', JSON.stringify({ packages, 'packages-dev': [] }, null, 2));
  put(
    'vendor/composer/installed.json',
    JSON.stringify(
      { packages: packages.map((p) => ({ ...p, 'install-path': `../${String(p.name)}` })), dev: false },
      null,
      2,
    ),
  );
  put('app/etc/di.xml', '<?xml version="1.0"?>\n<config/>\n');
  // Filler outside vendor (pub/static, setup, dev) so the tree has the real total file count.
  for (let i = 0; files < 75_700; i++) put(`dev/tests/fixtures/f${Math.floor(i / 500)}/file${i}.txt`, 'x\n');
  return { files, php };
}
