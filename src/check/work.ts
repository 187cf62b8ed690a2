// The upgrade route `check` shares with `plan`: for a target, the path plan recommends (or the direct jump with
// --direct), its platform tracks and the PHP each hop target is checked on, computed here for both commands.
import type { MagentoReleaseCatalog } from '../knowledge/catalog.js';
import type { Release } from '../knowledge/types.js';
import type { ServiceValue } from '../plan/types.js';
import type { ProjectModel } from '../project/model.js';
import type { StoreSize } from '../plan/runbook.js';
import { MageupError } from '../core/errors.js';
import { readPlanConfig, type PlanConfig } from '../plan/config.js';
import { PLATFORM_KEYS } from '../plan/current-platform.js';
import { candidateStops, findPath, type PlannedPath } from '../plan/path.js';
import { planTrack, type TrackPlan, type TrackState } from '../plan/tracks.js';

export interface UpgradeRoute {
  /** The releases priced: the current one, the stops, the target (two with --direct). */
  releases: Release[];
  tracks: TrackPlan[];
  /** The PHP `x.y` each hop target is checked on, by release version (absent when the PHP track is unknown). */
  phpByTarget: Record<string, string>;
  /** The path plan recommends and the direct jump, both with their cost. */
  best: PlannedPath;
  direct: PlannedPath;
}

/**
 * The route from `current` to `target`: the recommended path (the direct jump when `direct`), the platform tracks over
 * it with the PHP after the last hop fixed to `php` when asked (`--php`), and the PHP of every hop target.
 */
export function upgradeRoute(
  catalog: MagentoReleaseCatalog,
  current: Release,
  target: Release,
  states: readonly TrackState[],
  options: { edition: string; now: Date; php?: string; direct?: boolean },
): UpgradeRoute {
  const all = catalog.all();
  const stops = candidateStops(catalog, current, target, options.edition, options.now);
  const { best, direct } = findPath(catalog, current, target, stops, states);
  const releases = (options.direct ? direct : best).releases;
  const tracks = states.map((s) => planTrack(s, releases, all, finalValue(s.def.id, options.php)));
  const phpTrack = tracks.find((t) => t.state.def.id === 'php');
  const phpByTarget: Record<string, string> = {};
  releases.slice(1).forEach((r, k) => {
    const php = phpTrack?.values[k]?.version.match(/^\d+\.\d+/)?.[0];
    if (php) phpByTarget[r.version] = php;
  });
  return { releases, tracks, phpByTarget, best, direct };
}

/** What `--platform`, `--orders-per-day` and `--catalog-size` say of the store: check and plan take the same. */
export interface StoreOptions {
  platform?: Record<string, string>;
  ordersPerDay?: number | undefined;
  catalogSize?: number | undefined;
}

/** A declared platform service or version that cannot be used: check and plan refuse it with the same message. */
export class StoreSettingError extends MageupError {
  override name = 'StoreSettingError';
}

/**
 * The store as check and plan price it: the options over the config file's `plan.platform`, `plan.ordersPerDay`,
 * `plan.catalogSize`. Throws StoreSettingError for an unknown service or a version that is not `8.2` / `10.6.12`.
 */
export function storeSettings(
  config: Pick<PlanConfig, 'platform' | 'ordersPerDay' | 'catalogSize'>,
  options: StoreOptions,
): { platform: Record<string, string>; size: StoreSize } {
  const platform = { ...(config.platform ?? {}), ...(options.platform ?? {}) };
  for (const [key, version] of Object.entries(platform)) {
    if (!PLATFORM_KEYS.includes(key))
      throw new StoreSettingError(`Unknown platform service "${key}" (known: ${PLATFORM_KEYS.join(', ')}).`);
    if (!/^\d+(\.\d+){0,2}$/.test(version))
      throw new StoreSettingError(`Platform version of ${key} must look like 8.2 or 10.6.12, not "${version}".`);
  }
  return {
    platform,
    size: {
      ordersPerDay: options.ordersPerDay ?? config.ordersPerDay,
      catalogSize: options.catalogSize ?? config.catalogSize,
    },
  };
}

/** check's store settings: as plan's, with an unreadable config file left to the governance loader to report. */
export function planSettings(
  model: ProjectModel,
  options: StoreOptions = {},
): { platform: Record<string, string>; size: StoreSize } {
  let config: PlanConfig = {};
  try {
    config = readPlanConfig(model.root);
  } catch {
    // an invalid config file is reported by the governance loader (check) or refused (plan)
  }
  return storeSettings(config, options);
}

/** The value a track must reach after the last hop: only PHP can be asked for (`--php`). */
export function finalValue(track: TrackPlan['state']['def']['id'], php: string | undefined): ServiceValue | undefined {
  return track === 'php' && php ? { flavour: 'php', version: php } : undefined;
}

/** `8.4`, or an error message naming the bad value: check and plan accept the same `--php`. */
export function phpMinorError(php: string | undefined): string | undefined {
  return php !== undefined && !/^\d+\.\d+$/.test(php)
    ? `--php must be a PHP minor version such as 8.3, not "${php}".`
    : undefined;
}
