// Which version of a library a Magento release installs, where the data allows saying it: the newest release (in
// MageUp's snapshot of the library's tags, data/composer/libraries.json.gz) that every non-dev constraint of the
// release (product metapackage, magento2-base, project template) and the target PHP allow. Only the major is claimed,
// and only when the known releases that fit all lie in one major and the constraints exclude the next one (`^6.4` →
// 6.x): the release's own magento/* modules can narrow the choice further (2.4.7-p7's module-elasticsearch-7 holds
// elasticsearch/elasticsearch at 7.x although the metapackage allows ~7.17 || ~8.17), but never outside the
// metapackage's constraint. A newer minor or patch may exist after the snapshot. Otherwise the release gives a
// constraint only, and callers say so.
import { join } from 'node:path';
import { compareVersions, intersects, normalizeVersion, parseStability, satisfies } from '../composer/index.js';
import { defaultDataDir } from './catalog.js';
import type { ExtensionSnapshotFile } from './extension-releases.js';
import { readChecksummedJson } from './integrity.js';
import { closureRequirements, type ReleaseComposerRecord } from './release-composer.js';

export const LIBRARY_RELEASES_FILE = 'composer/libraries.json.gz';

export interface InstalledLibrary {
  name: string;
  /** The major the release installs (`6` for symfony/console on 2.4.8-p3). */
  major: number;
  /** The newest release MageUp knows that fits (`v6.4.4`): the release installs it or a later one of the major. */
  newestKnown: string;
  /** The constraints it was judged against, joined (`^6.4`). */
  constraint: string;
  source: string;
}

let libraries: ExtensionSnapshotFile | null | undefined;

function libraryList(dataDir?: string): ExtensionSnapshotFile | null {
  const read = (dir: string): ExtensionSnapshotFile | null => {
    try {
      return readChecksummedJson(join(dir, LIBRARY_RELEASES_FILE), 1) as ExtensionSnapshotFile;
    } catch {
      return null; // no list: every library is "constraint only"
    }
  };
  if (dataDir) return read(dataDir);
  if (libraries === undefined) libraries = read(defaultDataDir());
  return libraries;
}

const memo = new Map<string, InstalledLibrary | null>();

/** What `record`'s release installs of library `name` on PHP `php`, or undefined: "constraint only". */
export function targetInstalls(
  record: ReleaseComposerRecord,
  php: string,
  name: string,
  dataDir?: string,
): InstalledLibrary | undefined {
  const key = `${record.version}\0${php}\0${name}\0${dataDir ?? ''}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const result = compute(record, php, name.toLowerCase(), dataDir);
  memo.set(key, result ?? null);
  return result;
}

function compute(
  record: ReleaseComposerRecord,
  php: string,
  name: string,
  dataDir: string | undefined,
): InstalledLibrary | undefined {
  const constraints = (closureRequirements(record).get(name) ?? []).map((r) => r.constraint);
  if (constraints.length === 0) return undefined;
  const entry = libraryList(dataDir)?.packages[name];
  if (!entry) return undefined;
  let best: { version: string; normalized: string } | undefined;
  const majors = new Set<string>();
  try {
    for (const release of entry.releases) {
      let normalized: string;
      try {
        normalized = normalizeVersion(release.version);
      } catch {
        continue;
      }
      if (parseStability(normalized) !== 'stable') continue;
      if (!constraints.every((c) => satisfies(normalized, c))) continue;
      const phpReq = release.require.php;
      if (phpReq && !intersects(phpReq, `~${php}.0`)) continue;
      majors.add(normalized.split('.')[0]!);
      if (!best || compareVersions(normalized, best.normalized) > 0) best = { version: release.version, normalized };
    }
    if (!best || majors.size !== 1) return undefined;
    const major = Number(best.normalized.split('.')[0]);
    // The constraints must exclude every later major, else a release after the snapshot could be the one installed.
    if (constraints.every((c) => satisfies(`${major + 1}.0.0.0`, c))) return undefined;
    if (!Number.isFinite(major)) return undefined;
    return {
      name,
      major,
      newestKnown: best.version,
      constraint: [...new Set(constraints)].join(', '),
      source: `MageUp's snapshot of the tags of ${entry.repo}`,
    };
  } catch {
    return undefined; // an unparsable constraint: Composer reports it, we do not guess
  }
}
