// The target of `check` and `plan`, resolved by one function (issue #11): an exact version given is that version, as in
// Composer; a newer security patch of its line is advice printed beside it, never a silent change of target.
import type { MagentoReleaseCatalog } from '../knowledge/catalog.js';
import { isoDay } from '../knowledge/clock.js';
import { compareMagentoVersions } from '../knowledge/magento-version.js';
import type { Release } from '../knowledge/types.js';

export interface ResolvedTarget {
  release: Release;
  /** As asked: `2.4.8`, `latest`. */
  requested: string;
  /** Advice when a newer security patch of the target's line is published. */
  advice?: string;
}

/**
 * `latest`, `latest-patch`, `2.4.8-latest`, `2.4` resolve to the newest published release they name; `2.4.8` and
 * `2.4.8-p0` are the release itself, `2.4.8-p3` exactly that patch.
 */
export function resolveTarget(
  catalog: MagentoReleaseCatalog,
  spec: string,
  options: { now: Date; current?: string | undefined; edition?: string | undefined },
): ResolvedTarget {
  const requested = spec.trim();
  const exact = /^v?\d+\.\d+\.\d+-p0$/i.test(requested) ? requested.replace(/-p0$/i, '') : requested;
  const edition = options.edition ? { edition: options.edition } : {};
  const release = catalog.resolve(exact, {
    now: options.now,
    ...(options.current ? { current: options.current } : {}),
    ...edition,
  });
  const latest =
    release.type === 'beta' ? undefined : catalog.latestPatch(release.minor, { now: options.now, ...edition });
  const advice =
    latest && compareMagentoVersions(latest.version, release.version) > 0
      ? `${latest.version} is the latest security patch of the ${release.minor} line on ${isoDay(options.now)}: --to ${latest.version} (or ${release.minor}-latest) to upgrade to it`
      : undefined;
  return { release, requested, ...(advice ? { advice } : {}) };
}

/** `2.4.8-p5 (asked: latest)`: how check and plan print the target. */
export function targetLabel(target: { version: string; requested: string }): string {
  return target.requested !== target.version ? `${target.version} (asked: ${target.requested})` : target.version;
}
