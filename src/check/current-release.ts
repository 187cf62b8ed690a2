// Which release the code under check runs on now: the project's lock, or for one extension the release given with
// --from or else the oldest release its Composer constraints allow.
import { intersects, satisfies } from '../composer/index.js';
import type { Problem } from '../core/problem.js';
import type { Release, ReleaseCatalog } from '../knowledge/types.js';
import type { MagentoReleaseCatalog } from '../knowledge/catalog.js';
import type { Edition, ProjectModel } from '../project/model.js';
import { RELEASE_METAPACKAGES } from '../rules/composer/target-versions.js';

export interface CurrentRelease {
  release: Release | null;
  /** How it was told: `composer.lock`, `--from`, `oldest release allowed by composer.json`, `unknown`. */
  source: string;
}

export function resolveCurrent(
  model: ProjectModel,
  catalog: ReleaseCatalog & Partial<Pick<MagentoReleaseCatalog, 'mageOsUpstream'>>,
  from: string | undefined,
  problems: Problem[],
): CurrentRelease {
  if (from) return { release: catalog.resolve(from), source: '--from' };
  if (model.kind === 'extension') return oldestAllowed(model, catalog, problems);
  const version = model.magento.upstreamVersion ?? model.magento.version;
  if (!version) {
    problems.push({
      code: 'version-unknown',
      level: 'warning',
      message: 'The current Magento version could not be told: rules comparing current and target are skipped.',
    });
    return { release: null, source: 'unknown' };
  }
  const upstream = releaseOfVersion(catalog, version, model.magento.edition);
  if (!upstream) {
    problems.push({
      code: 'version-unknown',
      level: 'warning',
      message: `The current version ${version} is not in the release catalog (nearest: ${catalog.nearest(version).join(', ')}): rules comparing current and target are skipped.`,
    });
    return { release: null, source: model.magento.versionSource ?? 'unknown' };
  }
  return { release: upstream, source: model.magento.versionSource ?? 'unknown' };
}

/**
 * The catalog's release for a project's version. Only a Mage-OS install's version is mapped through the Mage-OS
 * table: Magento 2.1/2.2 numbers (an Adobe Commerce 2.2.1) are also Mage-OS version numbers of 2.4.x builds, and
 * would be read as a release years newer than the one installed.
 */
export function releaseOfVersion(
  catalog: ReleaseCatalog & Partial<Pick<MagentoReleaseCatalog, 'mageOsUpstream'>>,
  version: string,
  edition: Edition,
): Release | undefined {
  const release = catalog.get(version);
  if (release || edition !== 'mage-os' || !catalog.mageOsUpstream) return release;
  return catalog.get(catalog.mageOsUpstream(version) ?? '');
}

/** The oldest published release whose package set satisfies every magento/* and PHP requirement of the extension. */
export function oldestAllowed(model: ProjectModel, catalog: ReleaseCatalog, problems: Problem[]): CurrentRelease {
  const requires = Object.entries(model.rootRequire).filter(([name]) => name.startsWith('magento/') || name === 'php');
  if (requires.length === 0) {
    problems.push({
      code: 'current-unknown',
      level: 'warning',
      file: 'composer.json',
      message: 'The extension requires no magento/* package: pass --from to say which release it runs on now.',
    });
    return { release: null, source: 'unknown' };
  }
  for (const release of catalog.all()) {
    if (release.type === 'beta' || !release.packagesKnown) continue;
    if (requires.every(([name, constraint]) => allows(release, name, constraint))) {
      return { release, source: 'oldest release allowed by composer.json' };
    }
  }
  problems.push({
    code: 'current-unknown',
    level: 'warning',
    file: 'composer.json',
    message: "No known release satisfies the extension's composer.json requirements: pass --from.",
  });
  return { release: null, source: 'unknown' };
}

function allows(release: Release, name: string, constraint: string): boolean {
  try {
    if (name === 'php') return !release.phpConstraint || intersects(constraint, release.phpConstraint);
    if (RELEASE_METAPACKAGES.has(name)) return satisfies(release.version, constraint);
    const version = release.packages[name];
    // A magento/* package the release does not pin (inventory modules, security-package modules…): not decisive.
    if (version === undefined) return true;
    return satisfies(version, constraint);
  } catch {
    return true;
  }
}
