import { satisfies } from '../../composer/semver.js';
import type { Release, SymbolIndex } from '../types.js';
import { loadSymbolIndex, SHIPPED_API_DIR } from './load.js';
import { readManifest } from './store.js';
import { compareLooseVersions } from './versions.js';

/**
 * A release's symbol index can lack packages the release's metapackage requires directly (the shipped index builds
 * some releases' library sets from the nearest full install, and libraries without a `version` in their composer.json,
 * such as magento/zendframework1 and the magento/zend-* forks, were left out). Judging "removed" from such a gap is
 * wrong both ways: a class the current release has looks unknown, one the target still has looks removed. This adds,
 * for every such package the shipped data stores in a version that satisfies the metapackage's constraint, the
 * highest such version. A package stored in no fitting version stays absent (missing-class then reports an index gap).
 */
export async function supplementIndex(
  index: SymbolIndex,
  release: Release | null,
  dataDir = SHIPPED_API_DIR,
): Promise<SymbolIndex> {
  if (!release || index.coverage === 'none') return index;
  const covered = index.packages();
  const wanted = Object.entries(release.thirdParty).filter(
    ([name]) => name.includes('/') && covered[name] === undefined,
  );
  if (wanted.length === 0) return index;
  let stored: Record<string, { versions: string[] }>;
  try {
    stored = readManifest(dataDir).packages;
  } catch {
    return index; // no shipped data: nothing to add
  }
  const picks: Record<string, string> = {};
  for (const [name, constraint] of wanted) {
    const fitting = (stored[name]?.versions ?? []).filter((version) => fits(version, constraint));
    const best = fitting.sort(compareLooseVersions).at(-1);
    if (best) picks[name] = best;
  }
  if (Object.keys(picks).length === 0) return index;
  const extra = await loadSymbolIndex({ packages: picks }, { dataDir });
  return {
    coverage: index.coverage,
    ...(index.base ? { base: index.base } : {}),
    ...(index.notCovered ? { notCovered: index.notCovered } : {}),
    getClass: (fqcn) => index.getClass(fqcn) ?? extra.getClass(fqcn),
    getFunction: (name) => index.getFunction(name) ?? extra.getFunction(name),
    packages: () => ({ ...extra.packages(), ...covered }),
  };
}

function fits(version: string, constraint: string): boolean {
  try {
    return satisfies(version, constraint);
  } catch {
    return false; // a version or constraint Composer cannot parse does not fit
  }
}
