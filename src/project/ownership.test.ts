import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComposerPackage } from './model.js';
import { assignOwnership, OwnershipIndex, siblings } from './ownership.js';

const pkg = (name: string, extra: Partial<ComposerPackage> = {}): ComposerPackage => ({
  name,
  version: '1.0.0',
  type: 'library',
  source: name.startsWith('magento/') ? 'core' : 'third-party',
  license: [],
  require: {},
  path: `vendor/${name}`,
  ...extra,
});

function lock(): ComposerPackage[] {
  return [
    pkg('magento/product-community-edition', {
      type: 'metapackage',
      require: {
        'magento/framework': '103.0.7',
        'laminas/laminas-oauth': '^2.6',
        'adobe-commerce/os-extensions-metapackage': '~1.0',
      },
    }),
    pkg('magento/framework', { require: { 'symfony/console': '^6.4', php: '~8.3.0', 'ext-intl': '*' } }),
    pkg('adobe-commerce/os-extensions-metapackage', {
      type: 'metapackage',
      require: { 'paypal/module-braintree': '~4.6.0' },
    }),
    pkg('paypal/module-braintree', { type: 'metapackage', require: { 'paypal/module-braintree-core': '4.6.1' } }),
    pkg('paypal/module-braintree-core', { type: 'magento2-module', require: { 'braintree/braintree_php': '6.21.0' } }),
    pkg('braintree/braintree_php'),
    pkg('laminas/laminas-oauth', { abandoned: true }),
    pkg('symfony/console'),
    pkg('amasty/base', { type: 'magento2-module', require: { 'mobiledetect/mobiledetectlib': '^4' } }),
    pkg('amasty/shopby', { type: 'magento2-module', require: { 'amasty/base': '*' } }),
    pkg('mobiledetect/mobiledetectlib'),
    pkg('acme/meta', { type: 'metapackage', require: { 'amasty/shopby': '*' } }),
    pkg('acme/local', { type: 'magento2-module', source: 'path', path: 'packages/local' }),
    pkg('phpunit/phpunit', { dev: true }),
    pkg('magento/magento2-functional-testing-framework', { dev: true }),
  ];
}

test('every package gets one owner from the Composer graph', () => {
  const packages = lock();
  assignOwnership(
    packages,
    { 'magento/product-community-edition': '2.4.7', 'acme/meta': '*', 'acme/local': '*' },
    {
      'phpunit/phpunit': '^9',
    },
  );
  const owner = Object.fromEntries(packages.map((p) => [p.name, p.ownership]));
  assert.deepEqual(owner, {
    'magento/product-community-edition': 'core',
    'magento/framework': 'core',
    'adobe-commerce/os-extensions-metapackage': 'core',
    'paypal/module-braintree': 'bundled',
    'paypal/module-braintree-core': 'bundled',
    'braintree/braintree_php': 'bundled',
    'laminas/laminas-oauth': 'bundled',
    'symfony/console': 'bundled',
    'amasty/base': 'third-party',
    'amasty/shopby': 'third-party',
    'mobiledetect/mobiledetectlib': 'library',
    'acme/meta': 'third-party',
    'acme/local': 'custom',
    'phpunit/phpunit': 'dev-only',
    'magento/magento2-functional-testing-framework': 'dev-only',
  });
  assert.equal(packages.find((p) => p.name === 'laminas/laminas-oauth')?.direct, false);
  assert.equal(packages.find((p) => p.name === 'acme/meta')?.direct, true);
  assert.equal(packages.find((p) => p.name === 'paypal/module-braintree-core')?.bundled, true);
  assert.equal(packages.find((p) => p.name === 'amasty/base')?.bundled, undefined);
});

test('what the target release brings is bundled too, through the lock graph or the known metapackage members', () => {
  // A lock without os-extensions-metapackage (an older release) whose store installed Braintree itself.
  const packages = lock().filter((p) => p.name !== 'adobe-commerce/os-extensions-metapackage');
  packages[0]!.require = { 'magento/framework': '103.0.7' };
  assignOwnership(packages, { 'paypal/module-braintree': '^4' }, {});
  assert.equal(packages.find((p) => p.name === 'paypal/module-braintree-core')?.ownership, 'third-party');
  assignOwnership(packages, { 'paypal/module-braintree': '^4' }, {}, ['adobe-commerce/os-extensions-metapackage']);
  assert.equal(packages.find((p) => p.name === 'paypal/module-braintree-core')?.ownership, 'bundled');
  assert.equal(packages.find((p) => p.name === 'braintree/braintree_php')?.ownership, 'bundled');
});

test('a finding belongs to the package of its file, its module or its name; project files are custom', () => {
  const packages = lock();
  assignOwnership(packages, {}, {});
  const index = new OwnershipIndex({
    packages,
    modules: [
      {
        name: 'PayPal_Braintree',
        package: 'paypal/module-braintree-core',
        path: 'vendor/paypal/module-braintree-core',
        enabled: true,
        location: 'vendor',
        core: false,
        sequence: [],
        customizations: {} as never,
      },
    ],
  });
  assert.equal(index.ownerOf({ file: 'vendor/paypal/module-braintree-core/etc/di.xml' }), 'bundled');
  assert.equal(index.ownerOf({ module: 'PayPal_Braintree' }), 'bundled');
  assert.equal(index.ownerOf({ package: 'amasty/base' }), 'third-party');
  assert.equal(index.ownerOf({ file: 'app/code/Acme/Foo/Model/X.php' }), 'custom');
  assert.equal(index.ownerOf({ file: 'app/etc/env.php' }), 'custom');
});

test('packages of one vendor joined by requirements are siblings; Magento is nobody’s sibling', () => {
  const packages = lock();
  packages.push(pkg('paypal/module-braintree-graph-ql', { require: { 'paypal/module-braintree-core': '*' } }));
  packages.push(pkg('amasty/unrelated'));
  assert.equal(siblings(packages, 'paypal/module-braintree-core', 'paypal/module-braintree-graph-ql'), true);
  assert.equal(siblings(packages, 'paypal/module-braintree', 'paypal/module-braintree-core'), true);
  assert.equal(siblings(packages, 'amasty/shopby', 'amasty/base'), true);
  assert.equal(siblings(packages, 'amasty/base', 'amasty/base'), true);
  assert.equal(siblings(packages, 'amasty/unrelated', 'amasty/base'), false);
  assert.equal(siblings(packages, 'amasty/base', 'mobiledetect/mobiledetectlib'), false);
  assert.equal(siblings(packages, 'magento/module-catalog', 'magento/framework'), false);
  assert.equal(siblings(packages, null, 'amasty/base'), false);
});
