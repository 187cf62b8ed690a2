// The platform and effort model `check` shares with `plan`: for each target, the direct hop from the current release
// planned like one hop of `mageup plan` (same platform tracks, same target PHP, same work and effort functions).
import type { Finding } from '../core/finding.js';
import type { MagentoReleaseCatalog } from '../knowledge/catalog.js';
import type { Release } from '../knowledge/types.js';
import type { ServiceValue } from '../plan/types.js';
import type { ProjectModel } from '../project/model.js';
import type { ExtensionRow } from '../rules/composer/extension-fit.js';
import { currentPlatform } from '../plan/current-platform.js';
import { listExtensions } from '../plan/extensions.js';
import { readPlanConfig } from '../plan/config.js';
import { candidateStops, findPath, minorIndex } from '../plan/path.js';
import { planTrack, type TrackPlan } from '../plan/tracks.js';
import { attributeFindings, hopLowConfidence, hopWork, type HopWork } from '../plan/work.js';
import type { ProjectPlatform } from './project-platform.js';

export interface DirectHop {
  current: Release;
  target: Release;
  tracks: TrackPlan[];
  /** The PHP the store runs on the target after this hop, as the plan chooses it. */
  php: string | null;
  /** The path `plan` recommends instead of the direct jump, when it stops on the way (its releases, in order). */
  planPath?: string[];
}

/**
 * The platform tracks of the hop current → target (none for an extension or an unknown current release). The PHP
 * after it is the one `plan` ends on for this target (its path may stop on the way and keep a PHP the direct hop
 * would change), unless the user asks for one (`--php`, which `plan --php` honours the same way).
 */
export function directHop(
  model: ProjectModel,
  platform: ProjectPlatform,
  current: Release | null,
  target: Release,
  catalog: MagentoReleaseCatalog,
  options: { php?: string; now: Date },
): DirectHop | null {
  if (model.kind !== 'project' || !current) return null;
  const all = catalog.all();
  const states = currentPlatform(model, platform, current, all, declaredPlatform(model.root));
  let php = options.php;
  const phpState = states.find((s) => s.def.id === 'php');
  const stops = candidateStops(catalog, current, target, model.magento.edition, options.now);
  const path = findPath(catalog, current, target, stops, states).best.releases;
  if (php === undefined && phpState)
    php = planTrack(phpState, path, all)
      .values.at(-1)
      ?.version.match(/^\d+\.\d+/)?.[0];
  const tracks = states.map((s) => planTrack(s, [current, target], all, finalValue(s.def.id, php)));
  const after = tracks.find((t) => t.state.def.id === 'php')?.values[0]?.version;
  return {
    current,
    target,
    tracks,
    php: after?.match(/^\d+\.\d+/)?.[0] ?? null,
    ...(path.length > 2 ? { planPath: path.map((r) => r.version) } : {}),
  };
}

/** What the project's config file declares the store runs (`plan.platform`), as plan reads it; none when unreadable. */
function declaredPlatform(root: string): Record<string, string> {
  try {
    return readPlanConfig(root).platform ?? {};
  } catch {
    return {}; // an invalid config file is reported by the governance loader (check) or refused (plan)
  }
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

/** The work and effort of the direct hop for these findings (fingerprint-distinct, as plan attributes them). */
export function directHopWork(
  model: ProjectModel,
  hop: DirectHop,
  findings: Finding[],
  catalog: MagentoReleaseCatalog,
  fits: readonly ExtensionRow[] = [],
): HopWork {
  const all = catalog.all();
  const index = minorIndex(catalog);
  return hopWork({
    findings: attributeFindings([findings])[0] ?? [],
    extensions: listExtensions(model),
    platform: hop.tracks.flatMap((t) => t.steps[0] ?? []),
    target: hop.target.version,
    size: {},
    lowConfidence: hopLowConfidence(hop.current, hop.target, all, hop.tracks, 0),
    minorsCrossed: Math.max(0, index(hop.target) - index(hop.current)),
    fits,
  });
}
