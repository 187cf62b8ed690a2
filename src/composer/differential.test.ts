// Property-based differential test: generated versions and constraints (valid and invalid, every form Composer
// knows) are answered by this engine and by the real composer/semver (PHP, scripts/php/semver-oracle.php), and
// the answers must be identical, error messages included.
//
// The oracle runs once per test run: the generated inputs of every property are sampled up front (fixed seed) and
// sent to PHP as one batch. fast-check then replays the same seed; a value not in the batch (only while shrinking
// a failure) is asked to PHP on its own. FC_NUM_RUNS and FC_SEED override the defaults.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import {
  ComposerSemverError,
  compareWith,
  intersects,
  isSubsetOf,
  normalizeVersion,
  parseConstraint,
  parseStability,
  phpVersionCompare,
  satisfies,
  sortVersions,
} from './index.js';

const ORACLE = resolve(dirname(fileURLToPath(import.meta.url)), '../../scripts/php/semver-oracle.php');
const AUTOLOAD = process.env.SEMVER_AUTOLOAD ?? '/usr/share/php/Composer/Semver/autoload.php';
const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 300);
const SEED = Number(process.env.FC_SEED ?? 20260423);

type Query =
  | { op: 'normalize'; input: string; fullVersion?: string }
  | { op: 'stability'; input: string }
  | { op: 'constraint'; input: string }
  | { op: 'satisfies'; version: string; constraint: string }
  | { op: 'compare' | 'versionCompare' | 'intersects' | 'subset' | 'matches'; a: string; b: string }
  | { op: 'sort'; versions: string[]; direction: 'asc' | 'desc' };

type Answer = { ok: unknown } | { error: string };

function phpAvailable(): string | undefined {
  const php = spawnSync('php', ['-v'], { encoding: 'utf8' });
  if (php.error || php.status !== 0) return 'php is not installed (apt-get install php-cli)';
  if (!existsSync(AUTOLOAD)) return `composer/semver not found at ${AUTOLOAD} (apt-get install php-composer-semver)`;
  return undefined;
}

function askOracle(queries: readonly Query[]): Answer[] {
  const run = spawnSync('php', [ORACLE], {
    input: JSON.stringify(queries),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`semver oracle failed (${run.status}): ${run.stderr}`);
  const answers = (JSON.parse(run.stdout) as Array<{ ok?: unknown; error?: string }>).map((a) =>
    'error' in a ? { error: a.error! } : { ok: a.ok },
  );
  assert.equal(answers.length, queries.length);
  return answers;
}

function ours(q: Query): Answer {
  try {
    switch (q.op) {
      case 'normalize':
        return { ok: normalizeVersion(q.input, q.fullVersion) };
      case 'stability':
        return { ok: parseStability(q.input) };
      case 'constraint': {
        const c = parseConstraint(q.input);
        return {
          ok: {
            string: c.toString(),
            pretty: c.prettyString,
            lower: c.lowerBound.version,
            lowerInclusive: c.lowerBound.inclusive,
            upper: c.upperBound.version,
            upperInclusive: c.upperBound.inclusive,
          },
        };
      }
      case 'satisfies':
        return { ok: satisfies(q.version, q.constraint) };
      case 'compare':
        return {
          ok: { lt: compareWith(q.a, '<', q.b), eq: compareWith(q.a, '==', q.b), gt: compareWith(q.a, '>', q.b) },
        };
      case 'versionCompare':
        return { ok: phpVersionCompare(q.a, q.b) };
      case 'intersects':
        return { ok: intersects(q.a, q.b) };
      case 'subset':
        return { ok: isSubsetOf(q.a, q.b) };
      case 'matches':
        return { ok: parseConstraint(q.a).matchesConstraint(parseConstraint(q.b)) };
      case 'sort':
        return { ok: sortVersions(q.versions, q.direction) };
    }
  } catch (error) {
    if (error instanceof ComposerSemverError) return { error: error.message };
    throw error;
  }
}

// ---- the grammar -------------------------------------------------------------------------------------------

const pick = <T>(...values: T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
const maybe = (arb: fc.Arbitrary<string>, freq = 3): fc.Arbitrary<string> =>
  fc.option(arb, { freq, nil: '' }) as fc.Arbitrary<string>;
const join = (...parts: Array<fc.Arbitrary<string>>): fc.Arbitrary<string> => fc.tuple(...parts).map((p) => p.join(''));

const number = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 12 }).map(String), weight: 12 },
  {
    arbitrary: pick(
      '00',
      '01',
      '010',
      '99999',
      '100000',
      '2023',
      '9999999',
      '9223372036854775807',
      '9223372036854775808',
      '99999999999999999999',
    ),
    weight: 2,
  },
);
const numericCore = fc.oneof(
  { arbitrary: fc.array(number, { minLength: 1, maxLength: 4 }).map((p) => p.join('.')), weight: 9 },
  { arbitrary: fc.array(number, { minLength: 5, maxLength: 6 }).map((p) => p.join('.')), weight: 1 },
);
const wildcardCore = join(
  fc.array(number, { minLength: 1, maxLength: 3 }).map((p) => p.join('.')),
  pick('.x', '.X', '.*', '.x.x', '.*.*'),
);
// Includes numeric-looking dates ("2023.0101" == "2023.01010" for PHP's loose ==, which Bound::compareTo uses).
const dateCore = pick(
  '20230115',
  '2023.01.15',
  '2023-01-15',
  '2023.01.15.1',
  '202301151230',
  '2023-01-15-123',
  '2023.1.1',
  '2023.0101',
  '2023.01010',
  '20230101',
  '020230101',
);
const stabilityWord = pick(
  'stable',
  'beta',
  'b',
  'RC',
  'rc',
  'alpha',
  'a',
  'patch',
  'pl',
  'p',
  'STABLE',
  'Beta',
  'dev',
);
const modifier = join(
  pick('', '-', '.', '_'),
  stabilityWord,
  maybe(join(pick('', '.', '-'), number, maybe(join(pick('.', '-'), number), 1))),
);
const devSuffix = pick('-dev', '.dev', 'dev', '-DEV', '.x-dev', '-x-dev');
const buildMetadata = pick('+build.1', '+001', '+exp.sha.5114f85', '+');
const flag = pick('@dev', '@stable', '@beta', '@RC', '@alpha', '@DEV', '@foo');
const reference = pick('#abc123', '#', '#a b');
const branch = pick(
  'dev-main',
  'dev-master',
  'dev-feature/x',
  'dev-1.x',
  'Dev-Foo',
  'master',
  'trunk',
  'default',
  'main',
  'foo-dev',
  'feature-dev',
  '1.x-dev',
  '2.0.x-dev',
  'v1.x-dev',
  'dev-foo@dev',
);
const anyText = fc.string({ unit: 'grapheme', maxLength: 8 });
const junk = fc.string({ unit: pick(...'0123456789.-_*xXvV^~<>=!|, @#+abdeptrsaCRlh\t\n'.split('')), maxLength: 12 });

const plainVersion = join(
  maybe(pick('v', 'V'), 1),
  fc.oneof({ arbitrary: numericCore, weight: 6 }, { arbitrary: dateCore, weight: 1 }),
  maybe(modifier, 2),
  maybe(devSuffix, 1),
  maybe(buildMetadata, 1),
);
const version: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: plainVersion, weight: 8 },
  { arbitrary: join(plainVersion, maybe(flag, 1), maybe(reference, 1)), weight: 2 },
  { arbitrary: wildcardCore, weight: 1 },
  { arbitrary: join(wildcardCore, devSuffix), weight: 1 },
  { arbitrary: branch, weight: 2 },
  { arbitrary: join(branch, maybe(reference, 2)), weight: 1 },
  {
    arbitrary: join(fc.oneof(plainVersion, branch), pick(' as ', '  as ', ' AS '), fc.oneof(plainVersion, branch)),
    weight: 1,
  },
  { arbitrary: join(pick(' ', '\t', '', '\n'), plainVersion, pick(' ', '\t', '', '\n', '\f')), weight: 1 },
  { arbitrary: junk, weight: 2 },
  { arbitrary: join(anyText, maybe(plainVersion, 1), anyText), weight: 1 },
  { arbitrary: join(pick('1.', 'dev-', '1', 'v', ''), anyText, pick('', '-dev', '.0')), weight: 1 },
);

const operator = pick(
  '',
  '',
  '',
  '=',
  '==',
  '<',
  '<=',
  '>',
  '>',
  '>=',
  '>=',
  '!=',
  '<>',
  '~',
  '~',
  '^',
  '^',
  '~>',
  '=>',
  '<<',
);
/** Mostly versions Composer accepts, so that most generated constraints parse. */
const constraintVersion = fc.oneof(
  { arbitrary: plainVersion, weight: 10 },
  { arbitrary: wildcardCore, weight: 1 },
  { arbitrary: branch, weight: 1 },
  { arbitrary: version, weight: 2 },
);
const simpleConstraint = fc.oneof(
  { arbitrary: join(operator, pick('', '', ' ', '  '), constraintVersion), weight: 10 },
  { arbitrary: pick('*', 'x', 'X', 'v*', '*.*', '*@dev', '@dev', '@stable', 'x.x.x', '*@beta'), weight: 1 },
  { arbitrary: join(plainVersion, pick(' - ', ' - ', '  -  ', '-', ' -'), plainVersion), weight: 2 },
  { arbitrary: join(constraintVersion, flag), weight: 2 },
);
const andGroup = fc
  .array(fc.tuple(simpleConstraint, pick(',', ' ', ', ', ' ,', '  ', ' , ')), { minLength: 1, maxLength: 2 })
  .map((parts) => parts.map(([c, sep], i) => (i === 0 ? c : sep + c)).join(''));
const constraint: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc
      .array(fc.tuple(andGroup, pick('||', '|', ' || ', ' | ', '||  ')), { minLength: 1, maxLength: 2 })
      .map((groups) => groups.map(([g, sep], i) => (i === 0 ? g : sep + g)).join('')),
    weight: 10,
  },
  { arbitrary: join(pick('', ' ', '\t'), simpleConstraint, pick('', ' ', '||', ',', ' |')), weight: 2 },
  { arbitrary: junk, weight: 2 },
  { arbitrary: join(anyText, pick('', ' ', '||', ',', '@dev', ' as '), anyText), weight: 1 },
  {
    arbitrary: join(simpleConstraint, pick('\u00a0', '\u2028', '\v', '\f', '\r', '\u0000', '\ufeff'), simpleConstraint),
    weight: 1,
  },
);
// Constraints built only from parts Composer usually accepts, so that intersection and subset questions get
// real work (most combinations of the wild grammar above are rejected).
const goodNumber = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 9 }).map(String), weight: 12 },
  { arbitrary: pick('01', '10', '99999', '9999999'), weight: 1 },
);
const goodVersion = join(
  maybe(pick('v'), 1),
  fc.oneof(
    { arbitrary: fc.array(goodNumber, { minLength: 1, maxLength: 4 }).map((p) => p.join('.')), weight: 12 },
    { arbitrary: dateCore, weight: 1 },
  ),
  maybe(join(pick('-', '', '.'), pick('beta', 'alpha', 'RC', 'p', 'patch', 'b', 'a', 'rc'), maybe(goodNumber, 4)), 1),
  maybe(pick('-dev'), 1),
);
const goodPart = fc.oneof(
  { arbitrary: join(pick('', '=', '<', '<=', '>', '>=', '!=', '~', '^', '^', '~'), goodVersion), weight: 12 },
  { arbitrary: join(goodVersion, pick(' - '), goodVersion), weight: 2 },
  {
    arbitrary: join(
      fc.array(goodNumber, { minLength: 1, maxLength: 3 }).map((p) => p.join('.')),
      pick('.*', '.x'),
    ),
    weight: 2,
  },
  { arbitrary: join(pick('>=', '^', '~', ''), goodVersion, pick('@dev', '@beta', '@stable', '@RC')), weight: 1 },
  {
    arbitrary: pick('*', 'dev-main', 'dev-feature', '1.x-dev', '2.1.x-dev', '!=dev-main', 'dev-main as 1.0.0'),
    weight: 2,
  },
);
const goodConstraint = fc
  .array(
    fc.tuple(
      fc
        .array(fc.tuple(goodPart, pick(',', ' ', ', ')), { minLength: 1, maxLength: 3 })
        .map((parts) => parts.map(([c, sep], i) => (i === 0 ? c : sep + c)).join('')),
      pick('||', '|', ' || '),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((groups) => groups.map(([g, sep], i) => (i === 0 ? g : sep + g)).join(''));
const anyConstraint = fc.oneof({ arbitrary: goodConstraint, weight: 3 }, { arbitrary: constraint, weight: 2 });
const anyVersion = fc.oneof({ arbitrary: goodVersion, weight: 2 }, { arbitrary: version, weight: 3 });

const sortable = fc.oneof(
  { arbitrary: plainVersion, weight: 6 },
  { arbitrary: branch, weight: 2 },
  { arbitrary: pick('dev-a', 'dev-b', 'dev-c', '01.0', '1.0', '001', '9223372036854775808'), weight: 2 },
);

// ---- the properties ------------------------------------------------------------------------------------------

interface Property<T> {
  name: string;
  input: fc.Arbitrary<T>;
  queries: (value: T) => Query[];
}

/** Erases a property's value type so properties of different types share one list. */
const property = <T>(p: Property<T>): Property<unknown> => p as Property<unknown>;

const properties: Array<Property<unknown>> = [
  property({
    name: 'normalize and stability of any version string',
    input: version,
    queries: (v: string) => [
      { op: 'normalize', input: v },
      { op: 'stability', input: v },
    ],
  }),
  property({
    name: 'normalize with the full alias string for error wording',
    input: fc.tuple(version, version),
    queries: ([a, b]: [string, string]) => [
      { op: 'normalize', input: a, fullVersion: `${a} as ${b}` },
      { op: 'normalize', input: b, fullVersion: `${a} as ${b}` },
    ],
  }),
  property({
    name: 'parse a constraint: validity, message, normalized form, bounds',
    input: anyConstraint,
    queries: (c: string) => [{ op: 'constraint', input: c }],
  }),
  property({
    name: 'satisfies(version, constraint)',
    input: fc.tuple(anyVersion, anyConstraint),
    queries: ([v, c]: [string, string]) => [{ op: 'satisfies', version: v, constraint: c }],
  }),
  property({
    name: 'Comparator and version_compare on raw and normalized versions',
    input: fc.tuple(anyVersion, anyVersion),
    queries: ([a, b]: [string, string]) => {
      const out: Query[] = [
        { op: 'compare', a, b },
        { op: 'versionCompare', a, b },
      ];
      try {
        out.push({ op: 'compare', a: normalizeVersion(a), b: normalizeVersion(b) });
      } catch {
        // invalid versions are covered by the raw comparison
      }
      return out;
    },
  }),
  property({
    name: 'intersects, isSubsetOf and matches between two constraints',
    input: fc.tuple(anyConstraint, anyConstraint),
    queries: ([a, b]: [string, string]) => [
      { op: 'intersects', a, b },
      { op: 'subset', a, b },
      { op: 'matches', a, b },
    ],
  }),
  property({
    name: 'sort and rsort',
    input: fc.tuple(fc.array(sortable, { maxLength: 40 }), pick<'asc' | 'desc'>('asc', 'desc')),
    queries: ([versions, direction]: [string[], 'asc' | 'desc']) => [{ op: 'sort', versions, direction }],
  }),
];

const unavailable = phpAvailable();
const skip = unavailable && !process.env.CI ? `differential test skipped: ${unavailable}` : false;

describe('differential test against the real composer/semver', { skip }, () => {
  const answers = new Map<string, Answer>();
  let replayMisses = 0;

  before(() => {
    assert.equal(unavailable, undefined, unavailable);
    const queries = properties.flatMap((p) =>
      fc.sample(p.input, { seed: SEED, numRuns: NUM_RUNS }).flatMap((value) => p.queries(value)),
    );
    const unique = [...new Map(queries.map((q) => [JSON.stringify(q), q])).values()];
    askOracle(unique).forEach((answer, i) => answers.set(JSON.stringify(unique[i]), answer));
  });

  const oracle = (q: Query): Answer => {
    const key = JSON.stringify(q);
    let answer = answers.get(key);
    if (answer === undefined) {
      replayMisses++;
      answer = askOracle([q])[0]!;
      answers.set(key, answer);
    }
    return answer;
  };

  for (const property of properties) {
    test(property.name, () => {
      fc.assert(
        fc.property(property.input, (value) => {
          for (const q of property.queries(value)) {
            assert.deepStrictEqual(ours(q), oracle(q), `query ${JSON.stringify(q)}`);
          }
        }),
        { seed: SEED, numRuns: NUM_RUNS },
      );
    });
  }

  test('the batch covered every generated value (no per-value PHP calls)', (t) => {
    assert.equal(replayMisses, 0);
    // How much of the batch Composer accepted, per question: the grammar must exercise both sides.
    const stats = new Map<string, { ok: number; error: number }>();
    for (const [key, answer] of answers) {
      const op = (JSON.parse(key) as Query).op;
      const s = stats.get(op) ?? { ok: 0, error: 0 };
      if ('ok' in answer) s.ok++;
      else s.error++;
      stats.set(op, s);
    }
    t.diagnostic(
      `seed ${SEED}, ${NUM_RUNS} runs/property, ${answers.size} distinct queries; accepted/rejected: ` +
        [...stats].map(([op, s]) => `${op} ${s.ok}/${s.error}`).join(', '),
    );
  });
});
