import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createReleaseCatalog } from '../src/knowledge/catalog.js';
import { fixedClock } from '../src/knowledge/clock.js';
import type { Release, ServiceName } from '../src/knowledge/types.js';
import { candidateStops, findPath } from '../src/plan/path.js';
import { planTrack, TRACKS, type TrackState } from '../src/plan/tracks.js';

/** A made-up release: only what the path search reads. */
function release(
  version: string,
  date: string,
  requirements: Partial<Record<ServiceName, string[]>>,
  phpConstraint: string | null = null,
): Release {
  const minor = version.replace(/-.*$/, '');
  return {
    version,
    line: minor.split('.').slice(0, 2).join('.'),
    minor,
    date,
    type: version.includes('-p') ? 'security' : 'feature',
    editions: ['magento-open-source'],
    requirements,
    requirementsConfidence: 'high',
    requirementsExact: true,
    phpConstraint,
    endOfSupport: null,
    endOfSupportConfidence: 'high',
    apsb: [],
    packages: {},
    thirdParty: {},
    packagesKnown: false,
  };
}

const php = TRACKS.find((t) => t.id === 'php')!;
const search = TRACKS.find((t) => t.id === 'search')!;

describe('plan path over a made-up catalog (nothing per version is hard-coded)', () => {
  const releases = [
    release('9.1.0', '2030-01-01', { php: ['7.4'], elasticsearch: ['7'] }, '~7.4.0'),
    release('9.1.1', '2030-06-01', { php: ['7.4', '8.1'], elasticsearch: ['7'], opensearch: ['2'] }, '~7.4.0||~8.1.0'),
    release(
      '9.1.1-p1',
      '2030-09-01',
      { php: ['7.4', '8.1'], elasticsearch: ['7'], opensearch: ['2'] },
      '~7.4.0||~8.1.0',
    ),
    release('9.1.2', '2031-01-01', { php: ['8.1'], opensearch: ['2'] }, '~8.1.0'),
    release('9.1.3', '2031-06-01', { php: ['8.1', '8.2'], opensearch: ['2'] }, '~8.1.0||~8.2.0'),
  ];
  const catalog = createReleaseCatalog(releases, fixedClock('2032-01-01'));
  const get = (v: string) => catalog.get(v)!;
  const states: TrackState[] = [
    { def: php, value: { flavour: 'php', version: '7.4' }, source: 'test', assumed: false },
    { def: search, value: { flavour: 'elasticsearch', version: '7' }, source: 'test', assumed: false },
  ];

  it('stops at the latest patch of the release that bridges PHP and the search engine', () => {
    const stops = candidateStops(catalog, get('9.1.0'), get('9.1.3'), 'open-source', new Date('2032-01-01'));
    assert.deepEqual(
      stops.map((r) => r.version),
      ['9.1.1-p1', '9.1.2'],
    );
    const { best, direct } = findPath(catalog, get('9.1.0'), get('9.1.3'), stops, states);
    assert.deepEqual(
      best.releases.map((r) => r.version),
      ['9.1.0', '9.1.1-p1', '9.1.3'],
    );
    assert.equal(best.cost.phpInWindow, 0);
    assert.equal(direct.cost.phpInWindow, 1);
  });

  it('plans each service change where both sides support it', () => {
    const path = [get('9.1.0'), get('9.1.1-p1'), get('9.1.3')];
    const phpPlan = planTrack(states[0]!, path, catalog.all());
    // 7.4 runs the first hop; 8.1 is switched on 9.1.1-p1 (which supports both) before the second hop.
    assert.equal(phpPlan.during[0]!.version, '7.4');
    const second = phpPlan.steps[1]!;
    assert.equal(second.length, 1);
    assert.equal(second[0]!.timing, 'before');
    assert.equal(second[0]!.to.version, '8.1');
    assert.ok(second[0]!.supported);
    const searchPlan = planTrack(states[1]!, path, catalog.all());
    const switchStep = searchPlan.steps.flat().find((s) => s.to.flavour === 'opensearch')!;
    assert.equal(switchStep.timing, 'before');
    assert.ok(switchStep.commands.some((c) => c.includes('catalog/search/engine opensearch')));
  });

  it('a change no release supports on both sides happens in the window, and says so', () => {
    const path = [get('9.1.0'), get('9.1.2')];
    const searchPlan = planTrack(states[1]!, path, catalog.all());
    const step = searchPlan.steps[0]![0]!;
    assert.equal(step.timing, 'in-window');
    assert.equal(step.supported, false);
    assert.match(step.reason, /no release supports both Elasticsearch 7 and OpenSearch 2/);
  });

  it('places the Composer 1 → 2 switch on the release that accepts both', () => {
    const composer = TRACKS.find((t) => t.id === 'composer')!;
    const withComposer = (r: Release, list: string[], constraint: string): Release => ({
      ...r,
      requirements: { ...r.requirements, composer: list },
      composerConstraint: constraint,
    });
    const path = [
      withComposer(get('9.1.0'), ['1'], '^1.9'),
      withComposer(get('9.1.1-p1'), ['1'], '^1.9 || ^2.0'),
      withComposer(get('9.1.3'), ['2.2.26+'], '^2.0'),
    ];
    const plan = planTrack(
      { def: composer, value: { flavour: 'composer', version: '1.10' }, source: 'test', assumed: false },
      path,
      path,
    );
    assert.equal(plan.steps[0]!.length, 0, 'no Composer change on the first hop');
    const step = plan.steps[1]![0]!;
    assert.equal(step.timing, 'before');
    assert.equal(step.to.version, '2.2.26+');
    assert.ok(step.commands.includes('composer self-update --2'));
  });
});
