// What a release accepts per service, from the catalog's requirement data only: the published support lists, and for
// PHP and Composer also what its metapackage's Composer constraint allows (an upgrade may run there briefly).
import { intersects } from '../composer/index.js';
import type { Release, ServiceName } from '../knowledge/types.js';
import { sortNewestFirst } from './service-version.js';

const PHP_MINORS = ['7.1', '7.2', '7.3', '7.4', '8.0', '8.1', '8.2', '8.3', '8.4', '8.5', '8.6'];

/** Published supported versions of one service (empty when the catalog lists none). */
export function listed(release: Release, flavour: ServiceName): string[] {
  return release.requirements[flavour] ?? [];
}

export interface ConstraintSource {
  constraint: string;
  /** Release whose metapackage the constraint comes from (the release itself, or a stand-in). */
  from: string;
  lowConfidence?: string;
}

/**
 * The Composer PHP constraint of a release, or when its metapackage is unknown, the constraint of the newest
 * release of the same minor line that has one (then a beta of that line): flagged as low confidence.
 */
export function phpConstraintOf(release: Release, all: readonly Release[]): ConstraintSource | undefined {
  if (release.phpConstraint) return { constraint: release.phpConstraint, from: release.version };
  const sameMinor = all.filter((r) => r.minor === release.minor && r.phpConstraint && r.version !== release.version);
  const stable = sameMinor.filter((r) => r.type !== 'beta');
  const stand = stable[stable.length - 1] ?? sameMinor[sameMinor.length - 1];
  if (!stand?.phpConstraint) return undefined;
  return {
    constraint: stand.phpConstraint,
    from: stand.version,
    lowConfidence: `the Composer PHP constraint of ${release.version} is unknown; ${stand.version}'s (${stand.phpConstraint}) stands in for it`,
  };
}

/** PHP minors the release's Composer constraint allows (`composer update` resolves there). */
export function phpAllowed(release: Release, all: readonly Release[]): string[] {
  const source = phpConstraintOf(release, all);
  if (!source) return [];
  return sortNewestFirst(PHP_MINORS.filter((minor) => safeIntersects(source.constraint, `~${minor}.0`)));
}

/** Composer majors the release accepts: its published list plus what its composer/composer constraint allows. */
export function composerAccepted(release: Release): string[] {
  const out = [...listed(release, 'composer')];
  const constraint = release.composerConstraint;
  if (constraint) {
    for (const major of ['1', '2']) {
      if (safeIntersects(constraint, `^${major}.0`) && !out.some((e) => e.startsWith(`${major}`)))
        out.push(`${major}.x`);
    }
  }
  return out;
}

function safeIntersects(a: string, b: string): boolean {
  try {
    return intersects(a, b);
  } catch {
    return false;
  }
}
