import type { ComposerPackage, Edition, MagentoInfo } from './model.js';
import type { ComposerState } from './composer.js';
import { isRecord, str } from './context.js';
import type { LoadContext } from './context.js';

/** Metapackages that carry the release version, most specific first. */
const PRODUCT_PACKAGES: { name: string; edition: Edition }[] = [
  { name: 'magento/product-enterprise-edition', edition: 'commerce' },
  { name: 'magento/product-community-edition', edition: 'open-source' },
  { name: 'mage-os/product-community-edition', edition: 'mage-os' },
];

/** Base packages: present in every install, even when the metapackage is not required directly. */
const BASE_PACKAGES: { name: string; edition: Edition }[] = [
  { name: 'magento/magento2-ee-base', edition: 'commerce' },
  { name: 'mage-os/magento2-base', edition: 'mage-os' },
  { name: 'magento/magento2-base', edition: 'open-source' },
];

/**
 * Edition and exact version: from the package list (composer.lock, else installed.json) by the product metapackage,
 * then the base package; else the root composer.json constraint when it names one exact version; else
 * vendor/magento/magento2-base/composer.json.
 */
export function detectMagento(ctx: LoadContext, composer: ComposerState): MagentoInfo {
  const byName = new Map(composer.packages.map((p) => [p.name, p]));
  const b2b = byName.has('magento/extension-b2b');
  const edition = (e: Edition): Edition => (b2b && (e === 'commerce' || e === 'open-source') ? 'b2b' : e);
  const source = composer.packagesSource === 'vendor-scan' ? 'vendor composer.json' : composer.packagesSource;

  for (const candidate of [...PRODUCT_PACKAGES, ...BASE_PACKAGES]) {
    const pkg = byName.get(candidate.name);
    if (!pkg?.version) continue;
    const file =
      composer.packagesSource === 'composer.lock'
        ? 'composer.lock'
        : composer.packagesSource === 'installed.json'
          ? `${composer.vendorDir}/composer/installed.json`
          : `${pkg.path ?? `${composer.vendorDir}/${pkg.name}`}/composer.json`;
    const info: MagentoInfo = {
      version: cleanVersion(pkg.version),
      edition: edition(candidate.edition),
      b2b,
      versionSource: source,
      ...(composer.packagesSource === 'vendor-scan' ? at(ctx, file, 'version') : at(ctx, file, candidate.name, 'name')),
      productPackage: candidate.name,
    };
    if (candidate.edition === 'mage-os') addUpstream(info, pkg);
    // A commerce install also carries magento/product-community-edition: the enterprise one wins above.
    if (candidate.edition === 'open-source' && hasCommerce(byName)) info.edition = edition('commerce');
    return info;
  }

  for (const candidate of PRODUCT_PACKAGES) {
    const constraint = composer.rootRequire[candidate.name];
    const exact = constraint ? exactVersion(constraint) : undefined;
    if (exact) {
      return {
        version: exact,
        edition: edition(candidate.edition),
        b2b,
        versionSource: 'composer.json',
        ...at(ctx, 'composer.json', candidate.name),
        productPackage: candidate.name,
      };
    }
  }

  for (const candidate of BASE_PACKAGES) {
    const file = `${composer.vendorDir}/${candidate.name}/composer.json`;
    if (!ctx.exists(file)) continue;
    const json = ctx.readJson(file);
    const version = isRecord(json) ? str(json.version) : undefined;
    if (version) {
      return {
        version: cleanVersion(version),
        edition: edition(candidate.edition),
        b2b,
        versionSource: file,
        ...at(ctx, file, 'version'),
        productPackage: candidate.name,
      };
    }
  }

  // A clone of the magento/magento2 repository: the root package itself is the product.
  const rootName = str(composer.rootJson?.name);
  const rootVersion = str(composer.rootJson?.version);
  if ((rootName === 'magento/magento2ce' || rootName === 'magento/magento2ee') && rootVersion) {
    return {
      version: cleanVersion(rootVersion),
      edition: edition(rootName === 'magento/magento2ee' ? 'commerce' : 'open-source'),
      b2b,
      versionSource: 'composer.json',
      ...at(ctx, 'composer.json', 'version'),
      productPackage: rootName,
    };
  }

  const constraint = PRODUCT_PACKAGES.map((c) => composer.rootRequire[c.name]).find(Boolean);
  const guessed = PRODUCT_PACKAGES.find((c) => composer.rootRequire[c.name]);
  return {
    version: null,
    edition: guessed ? edition(guessed.edition) : 'unknown',
    b2b,
    versionSource: constraint ? `composer.json constraint ${constraint} (not one exact version)` : null,
    productPackage: guessed?.name ?? null,
  };
}

function hasCommerce(byName: Map<string, ComposerPackage>): boolean {
  return byName.has('magento/product-enterprise-edition') || byName.has('magento/magento2-ee-base');
}

/** Mage-OS metapackages name the Magento release they are built from (`extra.magento_version`, or `replace`). */
function addUpstream(info: MagentoInfo, pkg: ComposerPackage): void {
  const declared = typeof pkg.extra?.magento_version === 'string' ? pkg.extra.magento_version : undefined;
  const replaced = pkg.replace?.['magento/product-community-edition'];
  const exact = (declared && exactVersion(declared)) || (replaced && exactVersion(replaced));
  if (exact) info.upstreamVersion = exact;
}

/** `v2.4.6-p3` → `2.4.6-p3`. */
function cleanVersion(version: string): string {
  return version.trim().replace(/^v/i, '');
}

/** `2.4.6-p3`, `=2.4.6-p3`, `==2.4.6`: one exact version; ranges give undefined. */
export function exactVersion(constraint: string): string | undefined {
  const m = /^\s*=?=?\s*v?(\d+\.\d+\.\d+(?:\.\d+)?(?:-p\d+)?)\s*$/i.exec(constraint);
  return m?.[1];
}

/**
 * `file` and the 1-based line of its first JSON key or value `"needle"` (after `"key": ` when `key` is given, e.g. the
 * `"name": "magento/product-community-edition"` entry of composer.lock); the file alone when not found.
 */
function at(
  ctx: LoadContext,
  file: string,
  needle: string,
  key?: string,
): { versionFile: string; versionLine?: number } {
  const text = ctx.readText(file);
  if (text === undefined) return { versionFile: file };
  const quoted = JSON.stringify(needle).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const pattern = new RegExp(key ? `"${key}"\\s*:\\s*${quoted}` : `${quoted}\\s*:`);
  const m = pattern.exec(text);
  return m ? { versionFile: file, versionLine: text.slice(0, m.index).split('\n').length } : { versionFile: file };
}
