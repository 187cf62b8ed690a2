// Findings meet the ownership model here, once: each gets its owner, and what sits in Magento's bundled packages is
// collapsed to one line per package unless `--include-bundled` asks to see it.
import type { Finding } from '../core/finding.js';
import { releaseComposer } from '../knowledge/release-composer.js';
import type { Release } from '../knowledge/types.js';
import type { ProjectModel } from '../project/model.js';
import { assignOwnership, releasePackageNames, type OwnershipIndex } from '../project/ownership.js';
import type { BundledPackage } from './types.js';

/**
 * Ownership over the lock and the releases compared (check: current and targets; plan: every stop of the path):
 * what any of them installs — their metapackages and magento2-base's requirements — is Magento's.
 */
export function ownByReleases(model: ProjectModel, releases: (Release | null | undefined)[]): void {
  const names = releases.flatMap((r) =>
    r ? [...releasePackageNames(r), ...Object.keys(baseRequirements(r.version))] : [],
  );
  assignOwnership(model.packages, model.rootRequire, model.rootRequireDev, names);
}

/** magento2-base's requirements from the shipped composer data; none when the data lacks the release. */
function baseRequirements(version: string): Record<string, string> {
  try {
    return releaseComposer(version)?.base ?? {};
  } catch {
    return {};
  }
}

/** Sets `owner` on every finding (by its package, its module's package or the package path holding its file). */
export function tagOwners(findings: Finding[], owners: OwnershipIndex): Finding[] {
  return findings.map((f) => {
    const pkg = owners.packageOf(f);
    return { ...f, owner: pkg?.ownership ?? 'custom', ...(f.package || !pkg ? {} : { package: pkg.name }) };
  });
}

/**
 * Findings about Magento's bundled packages are left out by default, except security advisories: a vulnerable
 * library Magento installs is still the store's exposure (zero effort, outside the risk, said by the security rules).
 */
export function isCollapsed(f: Finding): boolean {
  return f.owner === 'bundled' && f.category !== 'security';
}

/** One line per bundled package that has findings: Composer replaces it with the upgrade. */
export function collapseBundled(findings: Finding[], owners: OwnershipIndex): BundledPackage[] {
  const counts = new Map<string, number>();
  for (const f of findings) {
    if (!isCollapsed(f) || !f.package) continue;
    counts.set(f.package, (counts.get(f.package) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, n]) => ({
      package: name,
      version: owners.package(name)?.version ?? '',
      findings: n,
      message: `${name}: Magento's own package, updated by Composer with the upgrade (${n} finding${n === 1 ? '' : 's'} about it not shown; --include-bundled lists them).`,
    }));
}

/** The bundled lines of several targets as one list (a package counted with its largest number). */
export function mergeBundled(lists: BundledPackage[][]): BundledPackage[] {
  const byName = new Map<string, BundledPackage>();
  for (const entry of lists.flat()) {
    const seen = byName.get(entry.package);
    if (!seen || seen.findings < entry.findings) byName.set(entry.package, entry);
  }
  return [...byName.values()].sort((a, b) => (a.package < b.package ? -1 : 1));
}
