// The upgrade path: a shortest path over releases (the current one, the latest published patch of every minor line
// in between, the target) with a lexicographic cost: first avoid switching PHP in the upgrade window, then avoid hops
// without a PHP version both releases support, then minimise weighted work (COST_MODEL).
import type { MagentoReleaseCatalog } from '../knowledge/catalog.js';
import { isoDay } from '../knowledge/clock.js';
import { compareMagentoVersions } from '../knowledge/magento-version.js';
import type { Release } from '../knowledge/types.js';
import type { PathCost } from './types.js';
import { accepted, changeBetween, describeValue, tolerated, TRACKS, type TrackState } from './tracks.js';
import { fits, shareVersion } from './service-version.js';

export const COST = {
  /** One full upgrade cycle: staging deploy, regression test, production deploy, watch. */
  hop: 16,
  /** Code and configuration churn per minor line crossed. */
  minor: 8,
  /** Extra per major line crossed (2.3 → 2.4: new module set, Composer 2, Elasticsearch required). */
  line: 40,
  /** Risk per minor beyond the first in one hop: more changes at once are harder to test and to bisect. */
  extraMinorRisk: 4,
} as const;

export const COST_MODEL =
  `Path cost, compared in this order: (1) hops whose PHP switch cannot happen outside the upgrade window (no PHP the ` +
  `old release supports that the new release's Composer constraint allows, or the reverse); (2) hops without a PHP ` +
  `version both releases list as supported; (3) weighted hours: ${COST.hop} h per hop (one full upgrade cycle) + ` +
  `${COST.minor} h per minor line crossed + ${COST.line} h per major line crossed + ${COST.extraMinorRisk} h risk per ` +
  `minor beyond the first in one hop + per service change its hours (PHP 8, database 8, search 6, queue 3, Varnish 3, ` +
  `cache 2, web server 2, Composer 1) × 1 when both sides of the change are supported, × 3 when only tolerated ` +
  `(Composer constraint allows it), × 2.5 when it must happen in the upgrade window (× 6 for PHP). Stops are the ` +
  `latest published security patch of each minor line in between (never a release with known fixed vulnerabilities).`;

export interface PlannedPath {
  releases: Release[];
  cost: PathCost;
}

function addCost(a: PathCost, b: PathCost): PathCost {
  return {
    phpInWindow: a.phpInWindow + b.phpInWindow,
    phpUnsupportedBridges: a.phpUnsupportedBridges + b.phpUnsupportedBridges,
    weighted: a.weighted + b.weighted,
  };
}

export function compareCost(a: PathCost, b: PathCost): number {
  return a.phpInWindow - b.phpInWindow || a.phpUnsupportedBridges - b.phpUnsupportedBridges || a.weighted - b.weighted;
}

const EDITION_TAG: Record<string, string> = {
  'open-source': 'magento-open-source',
  'mage-os': 'magento-open-source',
  commerce: 'adobe-commerce',
  b2b: 'adobe-commerce',
};

/** Stops the path may use: latest published patch of each minor line strictly between current and target. */
export function candidateStops(
  catalog: MagentoReleaseCatalog,
  current: Release,
  target: Release,
  edition: string,
  now: Date,
): Release[] {
  const today = isoDay(now);
  const tag = EDITION_TAG[edition];
  const published = catalog
    .all()
    .filter((r) => r.type !== 'beta' && r.date !== null && r.date <= today)
    .filter((r) => compareMagentoVersions(r.version, current.version) > 0)
    .filter((r) => compareMagentoVersions(r.version, target.version) < 0 && r.minor !== target.minor);
  const byMinor = new Map<string, Release[]>();
  for (const r of published) byMinor.set(r.minor, [...(byMinor.get(r.minor) ?? []), r]);
  const stops: Release[] = [];
  for (const list of byMinor.values()) {
    const ofEdition = tag ? list.filter((r) => r.editions.includes(tag)) : list;
    const pick = (ofEdition.length > 0 ? ofEdition : list).at(-1);
    if (pick) stops.push(pick);
  }
  return stops.sort((a, b) => compareMagentoVersions(a.version, b.version));
}

export function minorIndex(catalog: MagentoReleaseCatalog): (r: Release) => number {
  const minors = [
    ...new Set(
      catalog
        .all()
        .filter((r) => r.type !== 'beta')
        .map((r) => r.minor),
    ),
  ];
  return (r) => minors.indexOf(r.minor);
}

/** Cost of one hop. `states` carry the store's running values when `a` is the current release. */
export function hopCost(
  a: Release,
  b: Release,
  all: readonly Release[],
  minorsCrossed: number,
  states: readonly TrackState[] | undefined,
  trackStates: readonly TrackState[],
): PathCost {
  const php = TRACKS.find((t) => t.id === 'php')!;
  const aPhp = accepted(php, a, 'php', all);
  const bPhp = accepted(php, b, 'php', all);
  const supportedBridge = shareVersion(aPhp, bPhp);
  const toleratedBridge = shareVersion(aPhp, tolerated(php, b, all)) || shareVersion(tolerated(php, a, all), bPhp);
  let weighted =
    COST.hop +
    COST.minor * minorsCrossed +
    (a.line !== b.line ? COST.line : 0) +
    COST.extraMinorRisk * Math.max(0, minorsCrossed - 1);
  for (const state of trackStates) {
    const running = states?.find((s) => s.def.id === state.def.id && s.condition === state.condition)?.value;
    weighted += trackEdgeCost(state, a, b, all, running);
  }
  return {
    phpInWindow: supportedBridge || toleratedBridge ? 0 : 1,
    phpUnsupportedBridges: supportedBridge ? 0 : 1,
    weighted,
  };
}

/** Approximate cost of one track over one hop (exact for the first hop, where the running value is known). */
function trackEdgeCost(
  state: TrackState,
  a: Release,
  b: Release,
  all: readonly Release[],
  running: TrackState['value'] | undefined,
): number {
  const def = state.def;
  const flavours = state.value && !def.switchable ? [state.value.flavour] : def.flavours;
  const target = flavours.flatMap((f) => accepted(def, b, f, all).map((version) => ({ flavour: f, version })));
  if (target.length === 0) return 0;
  const sources =
    running !== undefined
      ? [running]
      : flavours.flatMap((f) => accepted(def, a, f, all).map((version) => ({ flavour: f, version })));
  let worst = 0;
  for (const from of sources) {
    if (from && fits(from.version, accepted(def, b, from.flavour, all))) continue;
    let best = Infinity;
    for (const to of target) best = Math.min(best, changeBetween(def, from, to, a, b, all).factor * def.hours);
    worst = Math.max(worst, best);
  }
  return worst;
}

/** Best path from `current` to `target` over `stops`, and the direct jump for comparison. */
export function findPath(
  catalog: MagentoReleaseCatalog,
  current: Release,
  target: Release,
  stops: Release[],
  states: readonly TrackState[],
): { best: PlannedPath; direct: PlannedPath } {
  const all = catalog.all();
  const nodes = [current, ...stops, target];
  const index = minorIndex(catalog);
  const cost = (i: number, j: number) =>
    hopCost(
      nodes[i]!,
      nodes[j]!,
      all,
      Math.max(0, index(nodes[j]!) - index(nodes[i]!)),
      i === 0 ? states : undefined,
      states,
    );
  const best: { cost: PathCost; prev: number }[] = [
    { cost: { phpInWindow: 0, phpUnsupportedBridges: 0, weighted: 0 }, prev: -1 },
  ];
  for (let j = 1; j < nodes.length; j++) {
    let pick: { cost: PathCost; prev: number } | undefined;
    for (let i = 0; i < j; i++) {
      const c = addCost(best[i]!.cost, cost(i, j));
      if (!pick || compareCost(c, pick.cost) < 0) pick = { cost: c, prev: i };
    }
    best.push(pick!);
  }
  const chain: Release[] = [];
  for (let k = nodes.length - 1; k >= 0; k = best[k]!.prev) chain.unshift(nodes[k]!);
  return {
    best: { releases: chain, cost: best[nodes.length - 1]!.cost },
    direct: { releases: [current, target], cost: cost(0, nodes.length - 1) },
  };
}

/** Why the path stops at `stop` rather than going from `prev` straight to `next`. */
export function whyStop(
  prev: Release,
  stop: Release,
  next: Release,
  all: readonly Release[],
  states: readonly TrackState[],
): string[] {
  const reasons: string[] = [];
  const php = TRACKS.find((t) => t.id === 'php')!;
  const list = (r: Release) => accepted(php, r, 'php', all);
  if (
    !shareVersion(list(prev), list(next)) &&
    (shareVersion(list(prev), list(stop)) || shareVersion(list(stop), list(next)))
  ) {
    reasons.push(
      `PHP: ${prev.version} (PHP ${list(prev).join(', ')}) and ${next.version} (PHP ${list(next).join(', ')}) share no supported PHP version; ` +
        `${stop.version} supports PHP ${list(stop).join(', ')} and bridges them.`,
    );
  }
  for (const state of states) {
    if (state.def.id === 'php') continue;
    const def = state.def;
    const flavours = state.value && !def.switchable ? [state.value.flavour] : def.flavours;
    const entries = (r: Release) =>
      flavours.flatMap((f) => accepted(def, r, f, all).map((v) => ({ flavour: f, version: v })));
    const direct = entries(prev).some((from) =>
      entries(next).some((to) => changeBetween(def, from, to, prev, next, all).timing !== 'in-window'),
    );
    const viaStop =
      entries(stop).length > 0 &&
      entries(stop).some((mid) =>
        entries(next).some((to) => changeBetween(def, mid, to, stop, next, all).timing !== 'in-window'),
      );
    if (!direct && viaStop) {
      const show = (r: Release) => entries(r).map(describeValue).join(', ') || 'none listed';
      reasons.push(
        `${def.label}: no ${def.label.toLowerCase()} version is supported by both ${prev.version} (${show(prev)}) and ${next.version} (${show(next)}); ` +
          `${stop.version} (${show(stop)}) lets the switch happen on a supported combination.` +
          (state.condition ? ` (${state.condition})` : ''),
      );
    }
  }
  if (reasons.length === 0) {
    reasons.push(
      `Cost model: stopping at ${stop.version} is cheaper than going from ${prev.version} to ${next.version} in one hop (fewer changes at once, more of them on supported combinations).`,
    );
  }
  return reasons;
}
