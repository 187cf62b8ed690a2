// The platform and effort model `check` shares with `plan`: for each target, the direct hop from the current release
// planned like one hop of `mageup plan` (same platform tracks, same target PHP, same work and effort functions).
import type { Finding } from '../core/finding.js';
import type { MagentoReleaseCatalog } from '../knowledge/catalog.js';
import type { Release } from '../knowledge/types.js';
import type { ProjectModel } from '../project/model.js';
import { currentPlatform } from '../plan/current-platform.js';
import { listExtensions } from '../plan/extensions.js';
import { minorIndex } from '../plan/path.js';
import { planTrack, type TrackPlan } from '../plan/tracks.js';
import { attributeFindings, hopLowConfidence, hopWork, type HopWork } from '../plan/work.js';
import type { ProjectPlatform } from './project-platform.js';

export interface DirectHop {
  current: Release;
  target: Release;
  tracks: TrackPlan[];
  /** The PHP the store runs on the target after this hop, as the plan chooses it. */
  php: string | null;
}

/** The platform tracks of the hop current → target (none for an extension or an unknown current release). */
export function directHop(
  model: ProjectModel,
  platform: ProjectPlatform,
  current: Release | null,
  target: Release,
  catalog: MagentoReleaseCatalog,
): DirectHop | null {
  if (model.kind !== 'project' || !current) return null;
  const all = catalog.all();
  const tracks = currentPlatform(model, platform, current, all, {}).map((s) => planTrack(s, [current, target], all));
  const php = tracks.find((t) => t.state.def.id === 'php')?.values[0]?.version ?? null;
  return { current, target, tracks, php: php && /^\d+\.\d+/.test(php) ? php.match(/^\d+\.\d+/)![0] : null };
}

/** The work and effort of the direct hop for these findings (fingerprint-distinct, as plan attributes them). */
export function directHopWork(
  model: ProjectModel,
  hop: DirectHop,
  findings: Finding[],
  catalog: MagentoReleaseCatalog,
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
  });
}
