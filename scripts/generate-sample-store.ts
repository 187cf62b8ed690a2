/**
 * Regenerates the generated parts of the bundled sample projects:
 *
 *   npx tsx scripts/generate-sample-store.ts [--shared ../shared/data] [--code-tracker DIR]
 *
 * - `examples/sample-store/` (Magento Open Source 2.4.6-p3): `composer.lock`, `vendor/composer/installed.json`,
 *   `app/etc/config.php` (module list + the hand-written scopes/system/themes tail below), and for every
 *   `magento/*` module, theme and language package a minimal `registration.php` + `etc/module.xml` / `theme.xml` /
 *   `language.xml` written by this script (names and `<sequence>` only: no Magento code).
 * - `examples/sample-store-2.3/` (2.3.7-p4): `composer.lock` only.
 *
 * Sources (data, not code):
 * - `../shared/data/magento-composer/<version>/product-community-edition.json`: the exact `magento/*` versions and the
 *   third-party constraints of the release;
 * - the `magento-<version>` branch of controlaltdelete-nl/magento2-code-tracker (fetched git dir): the name, version,
 *   type, licence and `require` of every `vendor/magento/*` package's composer.json and the module name and
 *   `<sequence>` of every module.xml. Packages brought by sub-metapackages (inventory, security-package, page-builder…)
 *   are listed there and nowhere in ../shared/data.
 * - third-party library versions: the table below (versions a 2.4.6-p3 install resolved to in autumn 2023, checked
 *   against the release's constraints with our Composer engine); a library missing from it gets the lowest version
 *   of the newest branch its constraint names (e.g. `^2.7.1` → 2.7.1).
 * - third-party extensions: their hand-written `vendor/<vendor>/<package>/composer.json` in the example itself.
 *
 * Output is deterministic (sorted, no timestamps) so a rerun leaves git clean.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { normalizeVersion, satisfies } from '../src/composer/index.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface ComposerJson {
  name: string;
  version?: string;
  type?: string;
  description?: string;
  license?: string | string[];
  require?: Record<string, string>;
  autoload?: unknown;
  abandoned?: string | boolean;
  [key: string]: unknown;
}

interface LockPackage {
  name: string;
  version: string;
  [key: string]: unknown;
}

/** Library versions a 2.4.6-p3 project resolved to when it was installed (October 2023). */
const LIBRARIES_246: Record<string, string> = {
  'adobe-commerce/adobe-ims-metapackage': '2.2.0',
  'colinmollenhour/cache-backend-file': 'v1.4.7',
  'colinmollenhour/cache-backend-redis': '1.16.0',
  'colinmollenhour/credis': 'v1.15.0',
  'colinmollenhour/php-redis-session-abstract': 'v1.5.0',
  'composer/composer': '2.6.5',
  'doctrine/annotations': '1.14.3',
  'elasticsearch/elasticsearch': 'v7.17.2',
  'ezyang/htmlpurifier': 'v4.16.0',
  'guzzlehttp/guzzle': '7.8.0',
  'laminas/laminas-captcha': '2.17.0',
  'laminas/laminas-code': '4.12.0',
  'laminas/laminas-db': '2.18.0',
  'laminas/laminas-di': '3.12.0',
  'laminas/laminas-escaper': '2.12.0',
  'laminas/laminas-eventmanager': '3.11.0',
  'laminas/laminas-feed': '2.21.0',
  'laminas/laminas-file': '2.12.0',
  'laminas/laminas-filter': '2.32.0',
  'laminas/laminas-http': '2.18.0',
  'laminas/laminas-i18n': '2.23.1',
  'laminas/laminas-mail': '2.24.0',
  'laminas/laminas-mime': '2.11.0',
  'laminas/laminas-modulemanager': '2.15.0',
  'laminas/laminas-mvc': '3.6.1',
  'laminas/laminas-oauth': '2.6.0',
  'laminas/laminas-permissions-acl': '2.15.0',
  'laminas/laminas-servicemanager': '3.21.0',
  'laminas/laminas-soap': '2.12.0',
  'laminas/laminas-stdlib': '3.18.0',
  'laminas/laminas-uri': '2.11.0',
  'laminas/laminas-validator': '2.39.0',
  'league/flysystem': '2.5.0',
  'league/flysystem-aws-s3-v3': '2.5.0',
  'monolog/monolog': '2.9.1',
  'opensearch-project/opensearch-php': '2.0.0',
  'pelago/emogrifier': 'v7.1.0',
  'php-amqplib/php-amqplib': 'v3.5.4',
  'phpseclib/mcrypt_compat': '2.0.4',
  'phpseclib/phpseclib': '3.0.23',
  'ramsey/uuid': '4.7.4',
  'symfony/console': 'v5.4.28',
  'symfony/intl': 'v5.4.26',
  'symfony/process': 'v5.4.28',
  'symfony/string': 'v5.4.29',
  'tedivm/jshrink': 'v1.6.8',
  'tubalmartin/cssmin': 'v4.1.1',
  'web-token/jwt-framework': '3.2.8',
  'webonyx/graphql-php': 'v15.6.1',
  'wikimedia/less.php': 'v3.2.1',
  // magento/* libraries whose composer.json carries no version.
  'magento/magento-composer-installer': '0.4.0',
  'magento/php-compatibility-fork': 'v0.1.1',
  'magento/zend-cache': '1.16.0',
  'magento/zend-db': '1.16.1',
  'magento/zend-exception': '1.16.0',
  'magento/zend-loader': '1.16.0',
  'magento/zend-log': '1.16.0',
  'magento/zend-memory': '1.16.0',
  'magento/zend-pdf': '1.16.3',
  // Required by magento/* modules of the sub-metapackages (2FA, reCAPTCHA, Adobe Stock, Page Builder).
  '2tvenom/cborencode': '1.0.2',
  'astock/stock-api-libphp': '1.1.5',
  'christian-riesen/base32': '1.6.0',
  'endroid/qr-code': '4.6.1',
  'google/recaptcha': '1.3.0',
  'phpgt/dom': 'v2.2.3',
  'spomky-labs/otphp': '10.0.3',
  // Not required by the metapackage but by the root composer.json and the extensions of the sample store.
  'cweagans/composer-patches': '1.7.3',
  'magento/zendframework1': '1.15.0',
  'psr/log': '1.1.4',
};

/** Composer package types of locked libraries that are not plain `library` packages. */
const LIBRARY_TYPES: Record<string, string> = {
  'cweagans/composer-patches': 'composer-plugin',
};

/** Member packages of the sub-metapackages, by name prefix (their own composer.json is not in any tree). */
const SUB_METAPACKAGES: Record<string, RegExp> = {
  'magento/inventory-metapackage': /^magento\/(module-inventory|inventory-composer-installer)/,
  'magento/inventory-composer-metapackage': /^magento\/(module-inventory|inventory-composer-installer)/,
  'magento/security-package': /^magento\/module-(two-factor-auth|re-captcha|securitytxt)/,
  'magento/page-builder': /^magento\/module-(.*-)?page-builder/,
  'magento/adobe-stock-integration': /^magento\/module-(adobe-stock|media-gallery)/,
  'adobe-commerce/adobe-ims-metapackage': /^magento\/module-(admin-)?adobe-ims/,
};

interface BundledPackage {
  version: string;
  type: string;
  require: Record<string, string>;
  /** Module registered by the package (written to vendor/ like the core modules). */
  module?: { name: string; sequence: string[] };
}

/**
 * Third-party packages the 2.4.6-p3 metapackage brings (PayPal Braintree, the Temando remover stub). Their shapes
 * (metapackage + member modules) follow the real packages; versions are those 2.4.6-p3 pins.
 */
const BUNDLED_246: Record<string, BundledPackage> = {
  'paypal/module-braintree': {
    version: '4.5.0-p1',
    type: 'metapackage',
    require: {
      'braintree/braintree_php': '6.13.0',
      'paypal/module-braintree-core': '4.5.0-p1',
      'paypal/module-braintree-graph-ql': '4.5.0-p1',
    },
  },
  'paypal/module-braintree-core': {
    version: '4.5.0-p1',
    type: 'magento2-module',
    require: { 'braintree/braintree_php': '6.13.0', 'magento/framework': '103.0.*', php: '~8.1.0||~8.2.0' },
    module: { name: 'PayPal_Braintree', sequence: ['Magento_Sales', 'Magento_Checkout', 'Magento_Vault'] },
  },
  'paypal/module-braintree-graph-ql': {
    version: '4.5.0-p1',
    type: 'magento2-module',
    require: { 'paypal/module-braintree-core': '4.5.0-p1', 'magento/module-graph-ql': '100.4.*' },
    module: { name: 'PayPal_BraintreeGraphQl', sequence: ['PayPal_Braintree', 'Magento_GraphQl'] },
  },
  'braintree/braintree_php': { version: '6.13.0', type: 'library', require: { php: '>=7.3.0' } },
  'temando/module-shipping': {
    version: '2.0.0',
    type: 'metapackage',
    require: { 'temando/module-shipping-remover': '1.0.0' },
  },
  'temando/module-shipping-remover': {
    version: '1.0.0',
    type: 'magento2-module',
    require: { 'magento/framework': '*', 'magento/module-eav': '*' },
    module: { name: 'Temando_ShippingRemover', sequence: ['Magento_Eav'] },
  },
};

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** Reads many blobs in one `git cat-file --batch` call. */
function readBlobs(dir: string, specs: string[]): Map<string, string> {
  const out = execFileSync('git', ['-C', dir, 'cat-file', '--batch'], {
    input: specs.join('\n') + '\n',
    maxBuffer: 512 * 1024 * 1024,
  });
  const result = new Map<string, string>();
  let pos = 0;
  for (const spec of specs) {
    const eol = out.indexOf(10, pos);
    const header = out.subarray(pos, eol).toString('utf8');
    pos = eol + 1;
    if (header.endsWith('missing')) continue;
    const size = Number(header.split(' ')[2]);
    result.set(spec, out.subarray(pos, pos + size).toString('utf8'));
    pos += size + 1;
  }
  return result;
}

/** Composer's dist-archive version for repo.magento.com (104.0.6-p3 → 104.0.6.0-patch3). */
function archiveVersion(version: string): string {
  return normalizeVersion(version).replace(/-p(\d+)$/, '-patch$1');
}

/** An exact version such as `104.0.6-p3` (not a range or wildcard). */
function isExact(constraint: string): boolean {
  return /^v?\d+(\.\d+)*(-[\w.]+)?$/.test(constraint.trim());
}

function lowestOfNewestBranch(constraint: string): string {
  const branch = constraint.split('||').at(-1)!.split(',')[0]!.trim();
  const version = branch.replace(/^[~^>=<v ]+/, '').replace(/\.\*$/, '.0');
  const parts = version.split('.');
  while (parts.length < 3) parts.push('0');
  return parts.join('.');
}

interface CorePackage {
  json: ComposerJson;
  dir: string;
  moduleXml?: string;
  themeXml?: string;
  languageXml?: string;
}

function readCorePackages(codeTracker: string, branch: string): CorePackage[] {
  const listing = git(codeTracker, ['ls-tree', '-r', '--name-only', branch, 'vendor/magento/'])
    .split('\n')
    .filter(Boolean);
  const wanted = listing.filter((p) =>
    /^vendor\/magento\/[^/]+\/(composer\.json|etc\/module\.xml|theme\.xml|language\.xml)$/.test(p),
  );
  const blobs = readBlobs(
    codeTracker,
    wanted.map((p) => `${branch}:${p}`),
  );
  const byDir = new Map<string, CorePackage>();
  for (const path of wanted) {
    const dir = path.split('/').slice(0, 3).join('/');
    const text = blobs.get(`${branch}:${path}`);
    if (text === undefined) continue;
    const entry = byDir.get(dir) ?? ({ dir } as CorePackage);
    if (path.endsWith('composer.json')) entry.json = JSON.parse(text) as ComposerJson;
    else if (path.endsWith('module.xml')) entry.moduleXml = text;
    else if (path.endsWith('theme.xml')) entry.themeXml = text;
    else entry.languageXml = text;
    byDir.set(dir, entry);
  }
  return [...byDir.values()].filter((p) => p.json).sort((a, b) => a.json.name.localeCompare(b.json.name));
}

const DEV_PACKAGES = new Set([
  'magento/magento2-functional-testing-framework',
  'magento/magento-coding-standard',
  'magento/php-compatibility-fork',
]);

function coreLockEntry(pkg: CorePackage, version: string): LockPackage {
  const { json } = pkg;
  const entry: LockPackage = {
    name: json.name,
    version,
    dist: {
      type: 'zip',
      url: `https://repo.magento.com/archives/${json.name}/${json.name.replace('/', '-')}-${archiveVersion(version)}.zip`,
      shasum: '',
    },
  };
  if (json.require) entry['require'] = json.require;
  entry['type'] = json.type ?? 'library';
  if (json.autoload) entry['autoload'] = json.autoload;
  if (json.license) entry['license'] = Array.isArray(json.license) ? json.license : [json.license];
  entry['description'] = json.description ?? 'N/A';
  return entry;
}

function libraryLockEntry(name: string, version: string, constraintFrom?: string): LockPackage {
  const [vendor, project] = name.split('/');
  const reference = createHash('sha1').update(`${name}@${version}`).digest('hex');
  return {
    name,
    version,
    source: { type: 'git', url: `https://github.com/${vendor}/${project}.git`, reference },
    dist: {
      type: 'zip',
      url: `https://api.github.com/repos/${vendor}/${project}/zipball/${reference}`,
      reference,
      shasum: '',
    },
    type: LIBRARY_TYPES[name] ?? (name.endsWith('metapackage') ? 'metapackage' : 'library'),
    ...(constraintFrom ? { 'notification-url': 'https://packagist.org/downloads/' } : {}),
  };
}

function extensionLockEntry(json: ComposerJson, pathRepository: string | undefined): LockPackage {
  const reference = createHash('sha1').update(`${json.name}@${json.version}`).digest('hex');
  if (pathRepository) {
    // Installed from the project's own `path` repository (copied, not symlinked).
    return {
      name: json.name,
      version: json.version!,
      dist: { type: 'path', url: pathRepository, reference },
      require: json.require ?? {},
      type: json.type ?? 'library',
      autoload: json.autoload,
      license: Array.isArray(json.license) ? json.license : [json.license ?? 'proprietary'],
      description: json.description ?? '',
      'transport-options': { symlink: false, relative: true },
    };
  }
  const entry: LockPackage = {
    name: json.name,
    version: json.version!,
    source: { type: 'git', url: `https://github.com/${json.name}.git`, reference },
    dist: { type: 'zip', url: `https://api.github.com/repos/${json.name}/zipball/${reference}`, reference, shasum: '' },
    require: json.require ?? {},
    type: json.type ?? 'library',
    autoload: json.autoload,
    'notification-url': 'https://packagist.org/downloads/',
    license: Array.isArray(json.license) ? json.license : [json.license ?? 'proprietary'],
    description: json.description ?? '',
  };
  if (json.abandoned !== undefined) entry['abandoned'] = json.abandoned;
  return entry;
}

function moduleInfo(xml: string): { name: string; sequence: string[] } | undefined {
  const name = /<module\s+name="([^"]+)"/.exec(xml)?.[1];
  if (!name) return undefined;
  const seqBlock = /<sequence>([\s\S]*?)<\/sequence>/.exec(xml)?.[1] ?? '';
  const sequence = [...seqBlock.matchAll(/<module\s+name="([^"]+)"/g)].map((m) => m[1]!);
  return { name, sequence };
}

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function registration(kind: 'MODULE' | 'THEME' | 'LANGUAGE', name: string): string {
  return `<?php
use Magento\\Framework\\Component\\ComponentRegistrar;

ComponentRegistrar::register(ComponentRegistrar::${kind}, '${name}', __DIR__);
`;
}

function moduleXml(name: string, sequence: string[]): string {
  const seq = sequence.length
    ? `\n        <sequence>\n${sequence.map((s) => `            <module name="${s}"/>`).join('\n')}\n        </sequence>\n    `
    : '';
  return `<?xml version="1.0"?>
<config xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="urn:magento:framework:Module/etc/module.xsd">
    <module name="${name}">${seq}</module>
</config>
`;
}

/** Modules ordered as Magento orders config.php: dependencies first, then by name. */
function sortModules(modules: Map<string, string[]>): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  const visit = (name: string, stack: Set<string>) => {
    if (done.has(name) || stack.has(name) || !modules.has(name)) return;
    stack.add(name);
    for (const dep of [...modules.get(name)!].sort()) visit(dep, stack);
    stack.delete(name);
    done.add(name);
    order.push(name);
  };
  for (const name of [...modules.keys()].sort()) visit(name, new Set());
  return order;
}

interface ProjectSpec {
  release: string;
  out: string;
  libraries: Record<string, string>;
  bundled: Record<string, BundledPackage>;
  disabled: string[];
  configTail: string;
  writeVendor: boolean;
}

function contentHash(rootComposer: string): string {
  const root = JSON.parse(rootComposer) as Record<string, unknown>;
  const relevant: Record<string, unknown> = {};
  for (const key of [
    'name',
    'version',
    'require',
    'require-dev',
    'conflict',
    'replace',
    'provide',
    'minimum-stability',
    'prefer-stable',
    'repositories',
    'extra',
  ]) {
    if (root[key] !== undefined) relevant[key] = root[key];
  }
  const config = root['config'] as Record<string, unknown> | undefined;
  if (config?.['platform']) relevant['config'] = { platform: config['platform'] };
  return createHash('md5')
    .update(JSON.stringify(Object.fromEntries(Object.entries(relevant).sort())))
    .digest('hex');
}

function extensionDirs(out: string): string[] {
  const vendorDir = join(out, 'vendor');
  if (!existsSync(vendorDir)) return [];
  const dirs: string[] = [];
  for (const vendor of readdirSync(vendorDir).sort()) {
    if (vendor === 'magento' || vendor === 'composer' || vendor.endsWith('.php')) continue;
    for (const pkg of readdirSync(join(vendorDir, vendor)).sort()) {
      if (existsSync(join(vendorDir, vendor, pkg, 'composer.json'))) dirs.push(`vendor/${vendor}/${pkg}`);
    }
  }
  return dirs;
}

function generate(spec: ProjectSpec, shared: string, codeTracker: string): void {
  const meta = JSON.parse(
    readFileSync(join(shared, 'magento-composer', spec.release, 'product-community-edition.json'), 'utf8'),
  ) as ComposerJson;
  const metaRequire = meta.require ?? {};
  const core = readCorePackages(codeTracker, `magento-${spec.release}`);
  const packages: LockPackage[] = [];
  const devPackages: LockPackage[] = [];
  const seen = new Set<string>();
  const problems: string[] = [];

  const product: LockPackage = {
    name: meta.name,
    version: spec.release,
    dist: {
      type: 'zip',
      url: `https://repo.magento.com/archives/${meta.name}/${meta.name.replace('/', '-')}-${archiveVersion(spec.release)}.zip`,
      shasum: '',
    },
    require: metaRequire,
    type: 'metapackage',
    license: ['OSL-3.0', 'AFL-3.0'],
    description: meta.description ?? '',
  };
  packages.push(product);
  seen.add(meta.name);

  for (const pkg of core) {
    const name = pkg.json.name;
    const pinned = metaRequire[name];
    const version =
      (pinned && isExact(pinned) ? pinned : undefined) ??
      pkg.json.version ??
      spec.libraries[name] ??
      (pinned ? lowestOfNewestBranch(pinned) : undefined);
    if (!version) {
      problems.push(`${pkg.dir}/composer.json has no version and the metapackage pins none`);
      continue;
    }
    if (metaRequire[name] && !satisfies(version, metaRequire[name]!))
      problems.push(`${name} ${version} does not satisfy the metapackage's ${metaRequire[name]}`);
    (DEV_PACKAGES.has(name) ? devPackages : packages).push(coreLockEntry(pkg, version));
    seen.add(name);
  }

  // Sub-metapackages and anything else the metapackage names that has no directory in the tree.
  for (const [name, constraint] of Object.entries(metaRequire)) {
    if (seen.has(name) || name === 'php' || name.startsWith('ext-') || name.startsWith('lib-')) continue;
    const members = SUB_METAPACKAGES[name];
    const subVersion = spec.libraries[name] ?? (isExact(constraint) ? constraint : undefined);
    if (members && subVersion) {
      const require = Object.fromEntries(
        packages
          .filter((p) => members.test(p.name))
          .map((p) => [p.name, p.version])
          .sort(([a], [b]) => String(a).localeCompare(String(b))),
      );
      packages.push({
        name,
        version: subVersion,
        dist: {
          type: 'zip',
          url: `https://repo.magento.com/archives/${name}/${name.replace('/', '-')}-${archiveVersion(subVersion)}.zip`,
          shasum: '',
        },
        require,
        type: 'metapackage',
        license: ['OSL-3.0', 'AFL-3.0'],
        description: 'N/A',
      });
      seen.add(name);
      continue;
    }
    const version = spec.libraries[name] ?? (isExact(constraint) ? constraint : lowestOfNewestBranch(constraint));
    if (!satisfies(version, constraint)) problems.push(`${name} ${version} does not satisfy ${constraint}`);
    packages.push(libraryLockEntry(name, version, constraint));
    seen.add(name);
  }

  for (const [name, bundled] of Object.entries(spec.bundled)) {
    const at = packages.findIndex((p) => p.name === name);
    if (metaRequire[name] && !satisfies(bundled.version, metaRequire[name]!))
      problems.push(`${name} ${bundled.version} does not satisfy ${metaRequire[name]}`);
    const entry = { ...libraryLockEntry(name, bundled.version), require: bundled.require, type: bundled.type };
    if (at >= 0) packages[at] = entry;
    else packages.push(entry);
    seen.add(name);
  }

  for (const [name, version] of Object.entries(spec.libraries)) {
    if (seen.has(name)) continue;
    packages.push(libraryLockEntry(name, version));
    seen.add(name);
  }

  const pathPackages = new Map<string, string>();
  for (const dir of readdirSafe(join(spec.out, 'packages'))) {
    const file = join(spec.out, 'packages', dir, 'composer.json');
    if (existsSync(file))
      pathPackages.set((JSON.parse(readFileSync(file, 'utf8')) as ComposerJson).name, `packages/${dir}`);
  }
  const extensions = extensionDirs(spec.out);
  for (const dir of extensions) {
    const json = JSON.parse(readFileSync(join(spec.out, dir, 'composer.json'), 'utf8')) as ComposerJson;
    if (!json.version) problems.push(`${dir}/composer.json needs a version for the lock`);
    if (seen.has(json.name)) problems.push(`${json.name} is both a core/library package and an extension`);
    packages.push(extensionLockEntry(json, pathPackages.get(json.name)));
    seen.add(json.name);
  }
  if (spec.writeVendor) {
    // A lock Composer wrote holds every dependency of its non-dev packages.
    for (const pkg of packages) {
      for (const dep of Object.keys((pkg['require'] as Record<string, string> | undefined) ?? {})) {
        if (/^(php|composer-plugin-api)$|^(ext|lib)-/.test(dep) || seen.has(dep)) continue;
        problems.push(`${pkg.name} requires ${dep}, which is not locked (add it to the library table)`);
      }
    }
  }
  if (problems.length) throw new Error(`sample store inconsistent:\n  ${problems.join('\n  ')}`);

  packages.sort((a, b) => a.name.localeCompare(b.name));
  devPackages.sort((a, b) => a.name.localeCompare(b.name));
  const rootComposer = readFileSync(join(spec.out, 'composer.json'), 'utf8');
  const root = JSON.parse(rootComposer) as { config?: { platform?: Record<string, string> } };
  const lock = {
    _readme: [
      'This file locks the dependencies of your project to a known state',
      'Read more about it at https://getcomposer.org/doc/01-basic-usage.md#installing-dependencies',
      'This file is @generated automatically',
    ],
    'content-hash': contentHash(rootComposer),
    packages,
    'packages-dev': devPackages,
    aliases: [],
    'minimum-stability': 'stable',
    'stability-flags': {},
    'prefer-stable': true,
    'prefer-lowest': false,
    platform: { php: metaRequire['php'] ?? '*' },
    'platform-dev': {},
    'platform-overrides': root.config?.platform ?? {},
    'plugin-api-version': '2.6.0',
  };
  writeFile(join(spec.out, 'composer.lock'), JSON.stringify(lock, null, 4) + '\n');
  const moduleSequences = new Map<string, string[]>();
  if (!spec.writeVendor) {
    // A project without vendor/ in the example: config.php still lists what the release registers.
    for (const pkg of core) {
      const info = pkg.moduleXml && !DEV_PACKAGES.has(pkg.json.name) ? moduleInfo(pkg.moduleXml) : undefined;
      if (info) moduleSequences.set(info.name, info.sequence);
    }
    writeConfigPhp(spec, moduleSequences);
    return;
  }

  const installPath = (name: string) => `../${name}`;
  const installed = {
    packages: [...packages, ...devPackages]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => ({
        ...p,
        version_normalized: normalizeVersion(p.version),
        'installation-source': 'dist',
        'install-path': installPath(p.name),
      })),
    dev: true,
    'dev-package-names': devPackages.map((p) => p.name),
  };
  writeFile(join(spec.out, 'vendor/composer/installed.json'), JSON.stringify(installed, null, 4) + '\n');

  // Minimal registrations for every core module, theme and language pack.
  for (const pkg of core) {
    if (DEV_PACKAGES.has(pkg.json.name)) continue;
    const out = join(spec.out, pkg.dir);
    if (pkg.moduleXml) {
      const info = moduleInfo(pkg.moduleXml);
      if (!info) continue;
      moduleSequences.set(info.name, info.sequence);
      writeFile(join(out, 'registration.php'), registration('MODULE', info.name));
      writeFile(join(out, 'etc/module.xml'), moduleXml(info.name, info.sequence));
    } else if (pkg.themeXml) {
      const area = pkg.json.name.includes('adminhtml') ? 'adminhtml' : 'frontend';
      const title = /<title>([^<]*)<\/title>/.exec(pkg.themeXml)?.[1] ?? pkg.json.name;
      const parent = /<parent>([^<]*)<\/parent>/.exec(pkg.themeXml)?.[1];
      const themeName = `${area}/Magento/${pkg.json.name.replace(/^magento\/theme-(frontend|adminhtml)-/, '')}`;
      writeFile(join(out, 'registration.php'), registration('THEME', themeName));
      writeFile(
        join(out, 'theme.xml'),
        `<?xml version="1.0"?>
<theme xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="urn:magento:framework:Config/etc/theme.xsd">
    <title>${title}</title>${parent ? `\n    <parent>${parent}</parent>` : ''}
</theme>
`,
      );
    } else if (pkg.languageXml) {
      const code = /<code>([^<]*)<\/code>/.exec(pkg.languageXml)?.[1] ?? '';
      const vendor = /<vendor>([^<]*)<\/vendor>/.exec(pkg.languageXml)?.[1] ?? 'magento';
      const packageName = /<package>([^<]*)<\/package>/.exec(pkg.languageXml)?.[1] ?? code.toLowerCase();
      writeFile(join(out, 'registration.php'), registration('LANGUAGE', `${vendor}_${packageName}`));
      writeFile(
        join(out, 'language.xml'),
        `<?xml version="1.0"?>
<language xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="urn:magento:framework:App/Language/package.xsd">
    <code>${code}</code>
    <vendor>${vendor}</vendor>
    <package>${packageName}</package>
</language>
`,
      );
    }
  }

  for (const [name, bundled] of Object.entries(spec.bundled)) {
    if (!bundled.module) continue;
    const out = join(spec.out, 'vendor', name);
    moduleSequences.set(bundled.module.name, bundled.module.sequence);
    writeFile(join(out, 'registration.php'), registration('MODULE', bundled.module.name));
    writeFile(join(out, 'etc/module.xml'), moduleXml(bundled.module.name, bundled.module.sequence));
  }

  // Third-party and custom modules join the config.php list.
  const extraModuleXml = [
    ...extensions.map((d) => join(spec.out, d, 'etc/module.xml')),
    ...readdirSafe(join(spec.out, 'app/code')).flatMap((vendor) =>
      readdirSafe(join(spec.out, 'app/code', vendor)).map((m) =>
        join(spec.out, 'app/code', vendor, m, 'etc/module.xml'),
      ),
    ),
  ];
  for (const file of extraModuleXml) {
    if (!existsSync(file)) continue;
    const info = moduleInfo(readFileSync(file, 'utf8'));
    if (info) moduleSequences.set(info.name, info.sequence);
  }
  writeConfigPhp(spec, moduleSequences);
}

function writeConfigPhp(spec: ProjectSpec, moduleSequences: Map<string, string[]>): void {
  const disabled = new Set(spec.disabled);
  for (const name of disabled)
    if (!moduleSequences.has(name)) throw new Error(`disabled module ${name} is not registered`);
  const order = sortModules(moduleSequences);
  const configPhp = `<?php
return [
    'modules' => [
${order.map((m) => `        '${m}' => ${disabled.has(m) ? 0 : 1},`).join('\n')}
    ],
${spec.configTail}];
`;
  writeFile(join(spec.out, 'app/etc/config.php'), configPhp);
}

function readdirSafe(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** Modules the sample store keeps installed but disabled (a realistic mix). */
const DISABLED_MODULES = [
  'Magento_AdminAdobeImsTwoFactorAuth',
  'Magento_AdminAdobeIms',
  'Magento_AdobeIms',
  'Magento_AdobeImsApi',
  'Magento_LoginAsCustomer',
  'Magento_LoginAsCustomerAdminUi',
  'Magento_LoginAsCustomerAssistance',
  'Magento_LoginAsCustomerFrontendUi',
  'Magento_LoginAsCustomerGraphQl',
  'Magento_LoginAsCustomerLog',
  'Magento_LoginAsCustomerPageCache',
  'Magento_LoginAsCustomerQuote',
  'Magento_LoginAsCustomerSales',
  'Magento_GoogleAdwords',
  'Magento_GoogleOptimizer',
  'Dealer4dealer_Xcore',
];

/** The rest of config.php: a `bin/magento app:config:dump scopes themes system` of a store with 2 websites. */
const CONFIG_TAIL = `    'scopes' => [
        'websites' => [
            'admin' => [
                'website_id' => '0',
                'code' => 'admin',
                'name' => 'Admin',
                'sort_order' => '0',
                'default_group_id' => '0',
                'is_default' => '0',
            ],
            'base' => [
                'website_id' => '1',
                'code' => 'base',
                'name' => 'Acme Outdoor',
                'sort_order' => '0',
                'default_group_id' => '1',
                'is_default' => '1',
            ],
            'b2b' => [
                'website_id' => '2',
                'code' => 'b2b',
                'name' => 'Acme Trade',
                'sort_order' => '10',
                'default_group_id' => '2',
                'is_default' => '0',
            ],
        ],
        'groups' => [
            0 => [
                'group_id' => '0',
                'website_id' => '0',
                'name' => 'Default',
                'root_category_id' => '0',
                'default_store_id' => '0',
                'code' => 'default',
            ],
            1 => [
                'group_id' => '1',
                'website_id' => '1',
                'name' => 'Acme Outdoor Store',
                'root_category_id' => '2',
                'default_store_id' => '1',
                'code' => 'main_website_store',
            ],
            2 => [
                'group_id' => '2',
                'website_id' => '2',
                'name' => 'Acme Trade Store',
                'root_category_id' => '41',
                'default_store_id' => '3',
                'code' => 'trade_store',
            ],
        ],
        'stores' => [
            'admin' => [
                'store_id' => '0',
                'code' => 'admin',
                'website_id' => '0',
                'group_id' => '0',
                'name' => 'Admin',
                'sort_order' => '0',
                'is_active' => '1',
            ],
            'default' => [
                'store_id' => '1',
                'code' => 'default',
                'website_id' => '1',
                'group_id' => '1',
                'name' => 'English',
                'sort_order' => '0',
                'is_active' => '1',
            ],
            'de' => [
                'store_id' => '2',
                'code' => 'de',
                'website_id' => '1',
                'group_id' => '1',
                'name' => 'Deutsch',
                'sort_order' => '10',
                'is_active' => '1',
            ],
            'trade_en' => [
                'store_id' => '3',
                'code' => 'trade_en',
                'website_id' => '2',
                'group_id' => '2',
                'name' => 'Trade English',
                'sort_order' => '0',
                'is_active' => '1',
            ],
        ],
    ],
    'system' => [
        'default' => [
            'general' => [
                'locale' => [
                    'code' => 'en_US',
                ],
            ],
            'dev' => [
                'static' => [
                    'sign' => '1',
                ],
                'js' => [
                    'merge_files' => '0',
                    'minify_files' => '1',
                ],
                'css' => [
                    'minify_files' => '1',
                ],
            ],
        ],
        'stores' => [
            'de' => [
                'general' => [
                    'locale' => [
                        'code' => 'de_DE',
                    ],
                ],
            ],
        ],
    ],
    'themes' => [
        'frontend/Magento/blank' => [
            'parent_id' => null,
            'theme_path' => 'Magento/blank',
            'theme_title' => 'Magento Blank',
            'is_featured' => '0',
            'area' => 'frontend',
            'type' => '0',
            'code' => 'Magento/blank',
        ],
        'adminhtml/Magento/backend' => [
            'parent_id' => null,
            'theme_path' => 'Magento/backend',
            'theme_title' => 'Magento 2 backend',
            'is_featured' => '0',
            'area' => 'adminhtml',
            'type' => '0',
            'code' => 'Magento/backend',
        ],
        'frontend/Magento/luma' => [
            'parent_id' => 'Magento/blank',
            'theme_path' => 'Magento/luma',
            'theme_title' => 'Magento Luma',
            'is_featured' => '0',
            'area' => 'frontend',
            'type' => '0',
            'code' => 'Magento/luma',
        ],
        'frontend/Acme/default' => [
            'parent_id' => 'Magento/luma',
            'theme_path' => 'Acme/default',
            'theme_title' => 'Acme Default',
            'is_featured' => '0',
            'area' => 'frontend',
            'type' => '0',
            'code' => 'Acme/default',
        ],
        'frontend/Acme/trade' => [
            'parent_id' => 'Acme/default',
            'theme_path' => 'Acme/trade',
            'theme_title' => 'Acme Trade',
            'is_featured' => '0',
            'area' => 'frontend',
            'type' => '0',
            'code' => 'Acme/trade',
        ],
    ],
    'i18n' => [],
`;

/** config.php of the 2.3.7-p4 fixture: one website, one store view. */
const CONFIG_TAIL_23 = `    'scopes' => [
        'websites' => [
            'admin' => ['website_id' => '0', 'code' => 'admin', 'name' => 'Admin', 'sort_order' => '0', 'default_group_id' => '0', 'is_default' => '0'],
            'base' => ['website_id' => '1', 'code' => 'base', 'name' => 'Main Website', 'sort_order' => '0', 'default_group_id' => '1', 'is_default' => '1'],
        ],
        'groups' => [
            0 => ['group_id' => '0', 'website_id' => '0', 'name' => 'Default', 'root_category_id' => '0', 'default_store_id' => '0', 'code' => 'default'],
            1 => ['group_id' => '1', 'website_id' => '1', 'name' => 'Main Website Store', 'root_category_id' => '2', 'default_store_id' => '1', 'code' => 'main_website_store'],
        ],
        'stores' => [
            'admin' => ['store_id' => '0', 'code' => 'admin', 'website_id' => '0', 'group_id' => '0', 'name' => 'Admin', 'sort_order' => '0', 'is_active' => '1'],
            'default' => ['store_id' => '1', 'code' => 'default', 'website_id' => '1', 'group_id' => '1', 'name' => 'Default Store View', 'sort_order' => '0', 'is_active' => '1'],
        ],
    ],
    'themes' => [
        'frontend/Magento/blank' => ['parent_id' => null, 'theme_path' => 'Magento/blank', 'theme_title' => 'Magento Blank', 'is_featured' => '0', 'area' => 'frontend', 'type' => '0', 'code' => 'Magento/blank'],
        'adminhtml/Magento/backend' => ['parent_id' => null, 'theme_path' => 'Magento/backend', 'theme_title' => 'Magento 2 backend', 'is_featured' => '0', 'area' => 'adminhtml', 'type' => '0', 'code' => 'Magento/backend'],
        'frontend/Magento/luma' => ['parent_id' => 'Magento/blank', 'theme_path' => 'Magento/luma', 'theme_title' => 'Magento Luma', 'is_featured' => '0', 'area' => 'frontend', 'type' => '0', 'code' => 'Magento/luma'],
    ],
`;

function main(): void {
  const { values } = parseArgs({
    options: {
      shared: { type: 'string', default: resolve(REPO, '../shared/data') },
      'code-tracker': {
        type: 'string',
        default: resolve(REPO, '../.mirror/controlaltdelete-nl+magento2-code-tracker/repo'),
      },
    },
  });
  const codeTracker = values['code-tracker'];
  if (!existsSync(codeTracker)) {
    throw new Error(
      `${codeTracker} is missing: fetch github:controlaltdelete-nl/magento2-code-tracker and pass --code-tracker`,
    );
  }
  generate(
    {
      release: '2.4.6-p3',
      out: join(REPO, 'examples/sample-store'),
      libraries: LIBRARIES_246,
      bundled: BUNDLED_246,
      disabled: DISABLED_MODULES,
      configTail: CONFIG_TAIL,
      writeVendor: true,
    },
    values.shared,
    codeTracker,
  );
  generate(
    {
      release: '2.3.7-p4',
      out: join(REPO, 'examples/sample-store-2.3'),
      libraries: {},
      bundled: {},
      disabled: ['Magento_Marketplace', 'Magento_Analytics'],
      configTail: CONFIG_TAIL_23,
      writeVendor: false,
    },
    values.shared,
    codeTracker,
  );
  console.log('examples/sample-store and examples/sample-store-2.3 regenerated');
}

main();
