// The store's platform as tracks (PHP, Composer, database, search, cache, queue, Varnish, web server) and, along a
// chosen path, the cheapest sequence of changes per track: a small dynamic programme over the hops.
import type { Release, ServiceName } from '../knowledge/types.js';
import type { ChangeTiming, PlatformStep, ServiceValue, TrackId } from './types.js';
import { composerAccepted, listed, phpAllowed } from './release-facts.js';
import { fits, spanOf, compareParts } from './service-version.js';
import { platformCommands } from './platform-commands.js';

export interface TrackDef {
  id: TrackId;
  label: string;
  flavours: ServiceName[];
  /** Can the store move to another flavour (Elasticsearch → OpenSearch, Redis → Valkey)? */
  switchable: boolean;
  /** Hours one change of this service takes (install, configure, verify on staging and production). */
  hours: number;
}

export const TRACKS: readonly TrackDef[] = [
  { id: 'php', label: 'PHP', flavours: ['php'], switchable: false, hours: 8 },
  { id: 'composer', label: 'Composer', flavours: ['composer'], switchable: false, hours: 1 },
  { id: 'database', label: 'Database', flavours: ['mysql', 'mariadb'], switchable: false, hours: 8 },
  { id: 'search', label: 'Search engine', flavours: ['elasticsearch', 'opensearch'], switchable: true, hours: 6 },
  { id: 'cache', label: 'Cache/session store', flavours: ['redis', 'valkey'], switchable: true, hours: 2 },
  { id: 'queue', label: 'Message queue', flavours: ['rabbitmq'], switchable: false, hours: 3 },
  { id: 'varnish', label: 'Varnish', flavours: ['varnish'], switchable: false, hours: 3 },
  { id: 'webserver', label: 'Web server', flavours: ['nginx', 'apache'], switchable: false, hours: 2 },
];

/** Cost factors of one change by timing (× the track's hours). PHP outside published support weighs most. */
export const TIMING_FACTOR = { supported: 1, allowedOnly: 3, inWindow: 2.5, phpInWindow: 6 } as const;

export interface TrackState {
  def: TrackDef;
  /** null: the store runs none (MySQL catalog search instead of a search engine). */
  value: ServiceValue | null;
  /** How the value was told (`composer.json config.platform.php`, `assumed: newest 2.4.6-p3 supports`). */
  source: string;
  assumed: boolean;
  /** Conditional tracks apply only if the store runs that service (`if you run MariaDB`). */
  condition?: string;
}

/** Versions a release accepts for one flavour: published support; PHP without a list falls back to its constraint. */
export function accepted(def: TrackDef, release: Release, flavour: ServiceName, all: readonly Release[]): string[] {
  if (def.id === 'composer') return composerAccepted(release);
  const list = listed(release, flavour);
  if (def.id === 'php' && list.length === 0) return phpAllowed(release, all);
  return list;
}

/** Versions a release tolerates without supporting them: for PHP, what its Composer constraint allows. */
export function tolerated(def: TrackDef, release: Release, all: readonly Release[]): string[] {
  return def.id === 'php' ? phpAllowed(release, all) : [];
}

export interface TrackPlan {
  state: TrackState;
  /** Per hop (index 0 = first hop): the changes (none, one, or one before and one after the code upgrade). */
  steps: PlatformStep[][];
  /** Value while the code of each hop is upgraded, and after it. */
  during: (ServiceValue | null)[];
  values: (ServiceValue | null)[];
  /** Per hop: a note when the target publishes nothing for this service. */
  gaps: (string | null)[];
  cost: number;
}

interface Change {
  timing: ChangeTiming;
  supported: boolean;
  factor: number;
}

/** How one direct change from `from` to `to` can happen around the hop `source → target` (path costs use it). */
export function changeBetween(
  def: TrackDef,
  from: ServiceValue | null,
  to: ServiceValue,
  source: Release,
  target: Release,
  all: readonly Release[],
): Change {
  if (fits(to.version, accepted(def, source, to.flavour, all))) return { timing: 'before', supported: true, factor: 1 };
  if (from && fits(from.version, accepted(def, target, from.flavour, all))) {
    return { timing: 'after', supported: true, factor: 1 };
  }
  if (fits(to.version, tolerated(def, source, all))) {
    return { timing: 'before', supported: false, factor: TIMING_FACTOR.allowedOnly };
  }
  if (from && fits(from.version, tolerated(def, target, all))) {
    return { timing: 'after', supported: false, factor: TIMING_FACTOR.allowedOnly };
  }
  return {
    timing: 'in-window',
    supported: false,
    factor: def.id === 'php' ? TIMING_FACTOR.phpInWindow : TIMING_FACTOR.inWindow,
  };
}

function same(a: ServiceValue | null, b: ServiceValue | null): boolean {
  return a?.flavour === b?.flavour && a?.version === b?.version;
}

/** A change of flavour (Elasticsearch → OpenSearch) weighs half as much again as a version change. */
const FLAVOUR_SWITCH = 1.5;

interface Node {
  value: ServiceValue | null;
  during: ServiceValue | null;
  cost: number;
  changes: number;
  prev: number;
  moves: { from: ServiceValue | null; to: ServiceValue; change: Change }[];
  gap: string | null;
}

/**
 * The cheapest changes of one track along `releases` (current first). Per hop the store may change the service
 * before the code upgrade (to a version the old release supports), run the upgrade on a version the new release
 * supports (or tolerates), and change again after it; when no such pair exists the change happens in the upgrade
 * window. Cost: the track's hours × the timing factor (× 1.5 for a flavour switch); ties go to fewer changes, then
 * newer flavours and versions.
 */
export function planTrack(
  state: TrackState,
  releases: readonly Release[],
  all: readonly Release[],
  /** The value the store must run after the last hop (`--php 8.4`): chosen by the user, supported or not. */
  final?: ServiceValue,
): TrackPlan {
  const def = state.def;
  let layer: Node[] = [
    { value: state.value, during: state.value, cost: 0, changes: 0, prev: -1, moves: [], gap: null },
  ];
  const layers: Node[][] = [layer];
  const flavoursFor = (v: ServiceValue | null): ServiceName[] =>
    v && !def.switchable ? [v.flavour] : [...def.flavours];
  const weight = (from: ServiceValue | null, to: ServiceValue, factor: number) =>
    def.hours * factor * (from && from.flavour !== to.flavour ? FLAVOUR_SWITCH : 1);
  for (let k = 1; k < releases.length; k++) {
    const source = releases[k - 1]!;
    const target = releases[k]!;
    const forced = k === releases.length - 1 ? final : undefined;
    const next: Node[] = [];
    layer.forEach((node, index) => {
      const p = node.value;
      const flavours = flavoursFor(p);
      const values = (r: Release, withTolerated: boolean): ServiceValue[] =>
        flavours.flatMap((flavour) =>
          [...new Set([...accepted(def, r, flavour, all), ...(withTolerated ? tolerated(def, r, all) : [])])].map(
            (version) => ({ flavour, version }),
          ),
        );
      const targetValues = forced ? [forced] : values(target, false);
      const base = { prev: index, gap: null as string | null };
      if (targetValues.length === 0) {
        const gap = `${target.version} publishes no ${flavours.join('/')} version: keep the current one and verify`;
        add(next, { ...base, value: p, during: p, cost: node.cost, changes: node.changes, moves: [], gap });
        return;
      }
      const runsOn = (v: ServiceValue, r: Release): 'supported' | 'tolerated' | null =>
        fits(v.version, accepted(def, r, v.flavour, all))
          ? 'supported'
          : fits(v.version, tolerated(def, r, all)) || (r === target && forced && same(v, forced))
            ? 'tolerated'
            : null;
      const duringCandidates = [p, ...values(source, true), ...values(target, true)].filter(
        (v, i, list): v is ServiceValue => v !== null && list.findIndex((x) => same(x, v)) === i,
      );
      for (const d of duringCandidates) {
        let cost = node.cost;
        const moves: Node['moves'] = [];
        if (!same(d, p)) {
          const onSource = runsOn(d, source);
          if (!onSource) continue;
          const factor = onSource === 'supported' ? 1 : TIMING_FACTOR.allowedOnly;
          cost += weight(p, d, factor);
          moves.push({ from: p, to: d, change: { timing: 'before', supported: onSource === 'supported', factor } });
        }
        const onTarget = runsOn(d, target);
        if (!onTarget) continue;
        // The value in use may stay when the target supports it (`1.10` fits a published `1`).
        const afterCandidates =
          onTarget === 'supported' && !forced && !targetValues.some((v) => same(v, d))
            ? [d, ...targetValues]
            : targetValues;
        for (const u of afterCandidates) {
          let total = cost;
          const hopMoves = [...moves];
          if (!same(u, d)) {
            // A requested value the target does not support is outside published support, whenever it comes.
            const supported = onTarget === 'supported' && runsOn(u, target) === 'supported';
            const factor = supported ? 1 : TIMING_FACTOR.allowedOnly;
            total += weight(d, u, factor);
            hopMoves.push({ from: d, to: u, change: { timing: 'after', supported, factor } });
          } else if (onTarget !== 'supported' && !(forced && same(u, forced))) continue;
          add(next, {
            ...base,
            value: u,
            during: d,
            cost: total,
            changes: node.changes + hopMoves.length,
            moves: hopMoves,
          });
        }
      }
      for (const u of targetValues) {
        if (same(u, p)) continue;
        const factor = def.id === 'php' ? TIMING_FACTOR.phpInWindow : TIMING_FACTOR.inWindow;
        add(next, {
          ...base,
          value: u,
          during: u,
          cost: node.cost + weight(p, u, factor),
          changes: node.changes + 1,
          moves: [{ from: p, to: u, change: { timing: 'in-window', supported: false, factor } }],
        });
      }
    });
    layer = next;
    layers.push(layer);
  }
  let bestIndex = 0;
  layer.forEach((node, i) => {
    if (better(node, layer[bestIndex]!, def)) bestIndex = i;
  });
  const chain: Node[] = [];
  for (let k = layers.length - 1, i = bestIndex; k >= 1; k--) {
    const node = layers[k]![i]!;
    chain.unshift(node);
    i = node.prev;
  }
  return {
    state,
    steps: chain.map((node, k) =>
      node.moves.map((m) =>
        makeStep(state, m.from, m.to, m.change, releases[k]!, releases[k + 1]!, all, {
          requested: !!final && k === chain.length - 1 && same(m.to, final),
        }),
      ),
    ),
    during: chain.map((n) => n.during),
    values: chain.map((n) => n.value),
    gaps: chain.map((n) => n.gap),
    cost: layer[bestIndex]?.cost ?? 0,
  };
}

function add(layer: Node[], node: Node): void {
  const at = layer.findIndex((n) => same(n.value, node.value));
  if (at === -1) layer.push(node);
  else if (better(node, layer[at]!)) layer[at] = node;
}

function better(a: Node, b: Node, def?: TrackDef): boolean {
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.changes !== b.changes) return a.changes < b.changes;
  if (def && a.value && b.value && a.value.flavour !== b.value.flavour) {
    // Later flavours in the track's list are the newer technology (OpenSearch, Valkey).
    return def.flavours.indexOf(a.value.flavour) > def.flavours.indexOf(b.value.flavour);
  }
  const sa = a.value ? spanOf(a.value.version) : undefined;
  const sb = b.value ? spanOf(b.value.version) : undefined;
  return !!sa && (!sb || compareParts(sa.lo, sb.lo) > 0);
}

const FLAVOUR_LABEL: Record<string, string> = {
  php: 'PHP',
  composer: 'Composer',
  mysql: 'MySQL',
  mariadb: 'MariaDB',
  elasticsearch: 'Elasticsearch',
  opensearch: 'OpenSearch',
  redis: 'Redis',
  valkey: 'Valkey',
  rabbitmq: 'RabbitMQ',
  varnish: 'Varnish',
  nginx: 'nginx',
  apache: 'Apache',
};

export function describeValue(value: ServiceValue | null): string {
  if (!value) return 'none';
  return `${FLAVOUR_LABEL[value.flavour] ?? value.flavour} ${value.version}`;
}

function makeStep(
  state: TrackState,
  from: ServiceValue | null,
  to: ServiceValue,
  change: Change,
  source: Release,
  target: Release,
  all: readonly Release[],
  how: { requested: boolean },
): PlatformStep {
  const def = state.def;
  const targetList = listed(target, to.flavour);
  const stillFits = from !== null && fits(from.version, accepted(state.def, target, from.flavour, all));
  const dropped = how.requested
    ? `${describeValue(to)} requested for ${target.version} (--${def.id})`
    : !from
      ? `${target.version} needs it`
      : stillFits
        ? `${target.version} still supports ${describeValue(from)}, but a later hop does not: moving now prepares it`
        : `${target.version} does not support ${describeValue(from)}`;
  // A requested value the target does not list runs outside published support, however it is reached.
  const unlisted = how.requested && !fits(to.version, accepted(def, target, to.flavour, all));
  const supported = change.supported && !unlisted;
  const where =
    change.timing === 'before'
      ? `on ${source.version}, before the upgrade (${source.version} ${fits(to.version, accepted(def, source, to.flavour, all)) ? 'supports' : 'tolerates'} ${describeValue(to)})`
      : change.timing === 'after'
        ? `on ${target.version}, after the upgrade (${target.version} ${from && fits(from.version, accepted(def, target, from.flavour, all)) ? 'still supports' : 'still tolerates'} ${describeValue(from)} while it is upgraded)`
        : `in the upgrade window itself: no release supports both ${describeValue(from)} and ${describeValue(to)}`;
  const reason =
    `${dropped}${targetList.length ? ` (it lists ${FLAVOUR_LABEL[to.flavour] ?? to.flavour} ${targetList.join(', ')})` : ''}; ` +
    `change ${where}.` +
    (supported ? '' : ' This combination is outside the published support: rehearse it on staging.');
  const lowConfidence =
    target.requirementsConfidence === 'low' || target.requirementsExact === false
      ? `requirements of ${target.version} are inherited from its base release (confidence ${target.requirementsConfidence})`
      : undefined;
  return {
    track: def.id,
    from,
    to,
    timing: change.timing,
    supported,
    reason,
    commands: platformCommands(def.id, from, to),
    hours: def.hours,
    ...(state.condition ? { condition: state.condition } : {}),
    ...(lowConfidence ? { lowConfidence } : {}),
  };
}
