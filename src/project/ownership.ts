// Who owns each installed package, decided once from the Composer graph: Magento's own code (core and what it
// bundles) is never the client's work; third-party extensions are upgraded as a whole; custom code is edited.
import type { ComposerPackage, Module, Ownership, ProjectModel } from './model.js';

/**
 * Members of Adobe's extension metapackages as Adobe's own locks install them (lrvipuls/mage247, a 2.4.7-p7 lock):
 * used when the lock lacks the metapackage entry but a release requires it. The lock's own graph wins when present.
 */
const KNOWN_METAPACKAGE_MEMBERS: Record<string, string[]> = {
  'adobe-commerce/os-extensions-metapackage': ['adobe-commerce/adobe-ims-metapackage', 'paypal/module-braintree'],
  'paypal/module-braintree': [
    'braintree/braintree_php',
    'paypal/module-braintree-core',
    'paypal/module-braintree-customer-balance',
    'paypal/module-braintree-gift-card-account',
    'paypal/module-braintree-gift-wrapping',
    'paypal/module-braintree-graph-ql',
  ],
};

const MAGENTO_EXTENSION_TYPE = /^magento2?-(module|theme|language|library|component)$/;

function isCoreName(name: string): boolean {
  const vendor = name.split('/')[0] ?? '';
  return vendor === 'magento' || vendor === 'mage-os' || vendor === 'adobe-commerce';
}

/**
 * Sets `ownership` and `direct` on every package:
 * - `core`: magento/*, mage-os/*, adobe-commerce/* (Adobe's and Mage-OS's own packages);
 * - `bundled`: everything else in the transitive closure of the core packages of the lock and of `releaseNames` (the
 *   package sets of the current and target releases: PayPal Braintree through os-extensions-metapackage, laminas,
 *   symfony…) — Composer replaces them with the upgrade;
 * - `dev-only`: only in packages-dev;
 * - `custom`: path repositories and the analysed extension itself;
 * - `third-party`: a Magento extension (module, theme, language pack, or a metapackage the root requires) that
 *   Magento does not bring;
 * - `library`: the rest (PHP libraries extensions pull in).
 * Called by `loadProject` with the lock alone and again by check/plan with the releases they compare: idempotent.
 */
export function assignOwnership(
  packages: ComposerPackage[],
  rootRequire: Record<string, string>,
  rootRequireDev: Record<string, string>,
  releaseNames: Iterable<string> = [],
): void {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const bundled = new Set<string>();
  const queue: string[] = [
    ...packages.filter((p) => !p.dev && isCoreName(p.name)).map((p) => p.name),
    ...[...releaseNames].map((n) => n.toLowerCase()),
  ];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (bundled.has(name)) continue;
    bundled.add(name);
    const pkg = byName.get(name);
    const next = pkg ? Object.keys(pkg.require) : (KNOWN_METAPACKAGE_MEMBERS[name] ?? []);
    for (const dep of next) {
      const key = dep.toLowerCase();
      // Platform requirements (php, ext-*, lib-*) are not packages.
      if (!key.includes('/') || bundled.has(key)) continue;
      queue.push(key);
    }
  }
  const direct = new Set([...Object.keys(rootRequire), ...Object.keys(rootRequireDev)].map((n) => n.toLowerCase()));
  for (const pkg of packages) {
    pkg.direct = direct.has(pkg.name);
    pkg.ownership = ownershipOf(pkg, bundled);
    // `bundled` keeps its older meaning for the rules that read it: a non-core package Magento brings.
    if (pkg.ownership === 'bundled') pkg.bundled = true;
    else delete pkg.bundled;
  }
}

function ownershipOf(pkg: ComposerPackage, bundled: Set<string>): Ownership {
  if (pkg.source === 'root' || pkg.source === 'path') return 'custom';
  if (pkg.dev) return 'dev-only';
  if (isCoreName(pkg.name) || pkg.source === 'core' || pkg.source === 'adobe') return 'core';
  if (bundled.has(pkg.name)) return 'bundled';
  if (MAGENTO_EXTENSION_TYPE.test(pkg.type) || (pkg.type === 'metapackage' && pkg.direct)) return 'third-party';
  return 'library';
}

/** Package names a release installs: its magento/* set and the third-party packages its metapackage requires. */
export function releasePackageNames(release: {
  packages: Record<string, string>;
  thirdParty: Record<string, string>;
}): string[] {
  return [...Object.keys(release.packages), ...Object.keys(release.thirdParty)];
}

/**
 * The package owning a file or module, longest install path first. Null for app/code modules without a package and
 * for files outside every package (project files such as app/etc/env.php).
 */
export class OwnershipIndex {
  private readonly byName: Map<string, ComposerPackage>;
  private readonly byPath: ComposerPackage[];
  private readonly moduleToPackage: Map<string, string>;

  constructor(readonly model: Pick<ProjectModel, 'packages' | 'modules'>) {
    this.byName = new Map(model.packages.map((p) => [p.name, p]));
    this.byPath = model.packages
      .filter((p) => p.path !== undefined && p.path !== '')
      .sort((a, b) => (b.path ?? '').length - (a.path ?? '').length);
    this.moduleToPackage = new Map(
      model.modules.filter((m) => m.package !== null).map((m) => [m.name, m.package as string]),
    );
  }

  package(name: string | undefined | null): ComposerPackage | undefined {
    return name ? this.byName.get(name.toLowerCase()) : undefined;
  }

  /** The package a finding (or any located thing) belongs to: its `package`, its module's, or the file's path. */
  packageOf(where: {
    package?: string | null;
    module?: string | null;
    file?: string | null;
  }): ComposerPackage | undefined {
    const named = this.package(where.package);
    if (named) return named;
    const viaModule = this.package(where.module ? this.moduleToPackage.get(where.module) : undefined);
    if (viaModule) return viaModule;
    const file = where.file;
    if (!file) return undefined;
    return this.byPath.find((p) => file === p.path || file.startsWith(`${p.path}/`));
  }

  /**
   * Who owns a located thing. Files and modules outside every package (app/code, app/design) are custom; package-
   * less project files (env.php, composer.json) are the project's, also custom.
   */
  ownerOf(where: { package?: string | null; module?: string | null; file?: string | null }): Ownership {
    return this.packageOf(where)?.ownership ?? 'custom';
  }
}

/**
 * Modules that are not Magento's: neither core nor in a package Magento bundles, and with code somewhere (vendor/ or
 * app/code). A module listed only in app/etc/config.php has nothing to check and no evidence it is the client's (the
 * loader reports it as module-not-registered). `check` counts its modules needing updates over these and `audit`
 * its "not from Magento" modules: one judgement for both.
 */
export function clientModules(model: Pick<ProjectModel, 'packages' | 'modules'>): Module[] {
  const owners = new OwnershipIndex(model);
  return model.modules.filter(
    (m) =>
      !m.core &&
      m.location !== 'unknown' &&
      !['core', 'bundled'].includes(owners.ownerOf({ module: m.name, file: m.path })),
  );
}

/**
 * Packages that upgrade together: one package with itself, and packages of one Composer vendor joined by require
 * edges between them (PayPal's Braintree metapackage and its modules, a vendor's modules and their base package).
 * A package's references to its own or a sibling's declarations are internal to that vendor's release, never judged
 * against Magento's. Magento's packages are nobody's siblings.
 */
export function siblings(
  packages: readonly ComposerPackage[],
  a: string | null | undefined,
  b: string | null | undefined,
): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  if (isCoreName(a) || isCoreName(b) || a.split('/')[0] !== b.split('/')[0]) return false;
  const family = familiesOf(packages);
  const fa = family.get(a);
  return fa !== undefined && fa === family.get(b);
}

const familyCache = new WeakMap<readonly ComposerPackage[], Map<string, string>>();

/** Union-find over same-vendor require edges: package name → its family's representative. */
function familiesOf(packages: readonly ComposerPackage[]): Map<string, string> {
  const cached = familyCache.get(packages);
  if (cached) return cached;
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(x, root);
    return root;
  };
  for (const p of packages) if (!isCoreName(p.name)) parent.set(p.name, p.name);
  for (const p of packages) {
    if (!parent.has(p.name)) continue;
    const vendor = p.name.split('/')[0];
    for (const dep of Object.keys(p.require)) {
      const key = dep.toLowerCase();
      if (!parent.has(key) || key.split('/')[0] !== vendor) continue;
      const [ra, rb] = [find(p.name), find(key)];
      if (ra !== rb) parent.set(ra, rb);
    }
  }
  const out = new Map<string, string>();
  for (const name of parent.keys()) out.set(name, find(name));
  familyCache.set(packages, out);
  return out;
}
