// Focused unit tests: each function's edge cases and error messages. Expected values are composer/semver 3.3.2's
// own answers (checked with scripts/php/semver-oracle.php), including the cases the differential test once found.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Bound,
  ComposerConstraintError,
  ComposerVersionError,
  compareVersions,
  compareWith,
  intersects,
  isSubsetOf,
  isValidConstraint,
  maxSatisfying,
  minSatisfying,
  normalizeVersion,
  parseConstraint,
  parseStability,
  phpVersionCompare,
  satisfies,
  sortVersions,
} from './index.js';

describe('normalizeVersion', () => {
  test('classical, date, branch and modifier forms', () => {
    const cases: Array<[string, string]> = [
      ['1.0', '1.0.0.0'],
      [' v1.0 \t', '1.0.0.0'],
      ['v1.2.3-beta.2', '1.2.3.0-beta2'],
      ['1.0.0-p1', '1.0.0.0-patch1'],
      ['1.0.0-pl3-dev', '1.0.0.0-patch3-dev'],
      ['1.0.0.RC.15-dev', '1.0.0.0-RC15-dev'],
      ['1.0-stable-dev', '1.0.0.0'], // a "stable" word drops the rest, as in Composer
      ['1.0.0-STABLE', '1.0.0.0-stable'], // case-sensitive check, case-insensitive match
      ['1.0.0+build.5', '1.0.0.0'],
      ['2.4.7.1', '2.4.7.1'],
      ['2023-01-15-123', '2023.01.15.123'],
      ['123456', '123456'],
      ['2.x-dev', '2.9999999.9999999.9999999-dev'],
      ['dev-main', 'dev-main'],
      ['Dev-Foo', 'dev-Foo'],
      ['master', 'dev-master'],
      ['1.0 as 2.0', '1.0.0.0'],
      ['1.0@beta', '1.0.0.0'],
    ];
    for (const [input, expected] of cases) assert.equal(normalizeVersion(input), expected, input);
  });

  test('invalid versions throw ComposerVersionError with Composer wording', () => {
    const cases: Array<[string, string | undefined, string]> = [
      ['', undefined, 'Invalid version string ""'],
      ['foo', undefined, 'Invalid version string "foo"'],
      ['1.0.0.0.0', undefined, 'Invalid version string "1.0.0.0.0"'],
      [
        'foo as 1.0',
        undefined,
        'Invalid version string "foo as 1.0" in "foo as 1.0", the alias source must be an exact version, if it is a branch name you should prefix it with dev-',
      ],
      [
        'foo',
        'foo as 1.0',
        'Invalid version string "foo" in "foo as 1.0", the alias source must be an exact version, if it is a branch name you should prefix it with dev-',
      ],
      ['foo', '1.0 as foo', 'Invalid version string "foo" in "1.0 as foo", the alias must be an exact version'],
    ];
    for (const [input, full, message] of cases) {
      assert.throws(
        () => normalizeVersion(input, full),
        (e: unknown) => e instanceof ComposerVersionError && e.message === message && e.version === input,
        input,
      );
    }
  });
});

describe('parseStability', () => {
  test('branches, words, references', () => {
    const cases: Array<[string, string]> = [
      ['', 'stable'],
      ['1.0.0', 'stable'],
      ['dev-main', 'dev'],
      ['1.0.x-dev', 'dev'],
      ['1.0b2', 'beta'],
      ['1.0-alpha', 'alpha'],
      ['1.0.0-RC1#abc', 'RC'],
      ['1.0-pl1', 'stable'],
    ];
    for (const [input, expected] of cases) assert.equal(parseStability(input), expected, input);
  });
});

describe('parseConstraint', () => {
  const shape = (c: string): [string, string, string] => {
    const p = parseConstraint(c);
    return [p.toString(), p.lowerBound.toString(), p.upperBound.toString()];
  };

  test('every operator and form, with Composer bounds', () => {
    const cases: Array<[string, string, string, string]> = [
      ['^1.2', '[>= 1.2.0.0-dev < 2.0.0.0-dev]', '1.2.0.0-dev [inclusive]', '2.0.0.0-dev [exclusive]'],
      ['^0.3', '[>= 0.3.0.0-dev < 0.4.0.0-dev]', '0.3.0.0-dev [inclusive]', '0.4.0.0-dev [exclusive]'],
      ['^0.0.3', '[>= 0.0.3.0-dev < 0.0.4.0-dev]', '0.0.3.0-dev [inclusive]', '0.0.4.0-dev [exclusive]'],
      ['~1.2.3', '[>= 1.2.3.0-dev < 1.3.0.0-dev]', '1.2.3.0-dev [inclusive]', '1.3.0.0-dev [exclusive]'],
      [
        '~1.x-dev',
        '[>= 1.9999999.9999999.9999999-dev < 2.0.0.0-dev]',
        '1.9999999.9999999.9999999-dev [inclusive]',
        '2.0.0.0-dev [exclusive]',
      ],
      ['1.2.*', '[>= 1.2.0.0-dev < 1.3.0.0-dev]', '1.2.0.0-dev [inclusive]', '1.3.0.0-dev [exclusive]'],
      ['v*', '>= 0.0.0.0-dev', '0.0.0.0-dev [inclusive]', '9223372036854775807.0.0.0 [exclusive]'],
      ['*', '*', '0.0.0.0-dev [inclusive]', '9223372036854775807.0.0.0 [exclusive]'],
      ['1.2.3 - 2.3', '[>= 1.2.3.0-dev < 2.4.0.0-dev]', '1.2.3.0-dev [inclusive]', '2.4.0.0-dev [exclusive]'],
      ['1.2.3 - 2.3.4', '[>= 1.2.3.0-dev <= 2.3.4.0]', '1.2.3.0-dev [inclusive]', '2.3.4.0 [inclusive]'],
      ['!=1.5', '!= 1.5.0.0', '0.0.0.0-dev [inclusive]', '9223372036854775807.0.0.0 [exclusive]'],
      ['<>1.5', '!= 1.5.0.0', '0.0.0.0-dev [inclusive]', '9223372036854775807.0.0.0 [exclusive]'],
      ['<1.0-rc1', '< 1.0.0.0-RC1-dev', '0.0.0.0-dev [inclusive]', '1.0.0.0-RC1-dev [exclusive]'],
      ['<2.0@beta', '< 2.0.0.0-beta', '0.0.0.0-dev [inclusive]', '2.0.0.0-beta [exclusive]'],
      ['>=1.0@STABLE', '>= 1.0.0.0-STABLE', '1.0.0.0-STABLE [inclusive]', '9223372036854775807.0.0.0 [exclusive]'],
      ['foo-dev', '== dev-foo', '0.0.0.0-dev [inclusive]', '9223372036854775807.0.0.0 [exclusive]'],
      ['dev-main#abc123', '== dev-main', '0.0.0.0-dev [inclusive]', '9223372036854775807.0.0.0 [exclusive]'],
      ['1.0 as 2.0', '== 1.0.0.0', '1.0.0.0 [inclusive]', '1.0.0.0 [inclusive]'],
      ['~1.0 as dev-foo', '[>= 1.0.0.0-dev < 2.0.0.0-dev]', '1.0.0.0-dev [inclusive]', '2.0.0.0-dev [exclusive]'],
      ['~2.2.0 || ~2.3.0', '[>= 2.2.0.0-dev < 2.4.0.0-dev]', '2.2.0.0-dev [inclusive]', '2.4.0.0-dev [exclusive]'],
      [
        '>= 1.0, < 2.0 | >3',
        '[[>= 1.0.0.0-dev < 2.0.0.0-dev] || > 3.0.0.0]',
        '1.0.0.0-dev [inclusive]',
        '9223372036854775807.0.0.0 [exclusive]',
      ],
      // "\n" ends the version of a plain comparison (PCRE's "." stops there).
      ['1.0\n2.0', '== 1.0.0.0', '1.0.0.0 [inclusive]', '1.0.0.0 [inclusive]'],
      // PHP integer overflow in the bumped number becomes a float, as in Composer.
      [
        '~99999999999999999999.1',
        '[>= 99999999999999999999.1.9999999.9999999-dev < 1.0E+20.0.0.0-dev]',
        '99999999999999999999.1.9999999.9999999-dev [inclusive]',
        '1.0E+20.0.0.0-dev [exclusive]',
      ],
    ];
    for (const [input, string, lower, upper] of cases) assert.deepEqual(shape(input), [string, lower, upper], input);
  });

  test('prettyString keeps the input, except PHP-falsy ones', () => {
    assert.equal(parseConstraint('^1.2 ').prettyString, '^1.2 ');
    assert.equal(parseConstraint('0').prettyString, '== 0.0.0.0');
  });

  test('bounds expose Composer special forms', () => {
    const all = parseConstraint('*');
    assert.ok(all.lowerBound.isZero());
    assert.ok(all.upperBound.isPositiveInfinity());
    assert.deepEqual(parseConstraint('>=2.4').lowerBound.toJSON(), { version: '2.4.0.0-dev', inclusive: true });
    assert.ok(Bound.zero().compareTo(new Bound('1.0.0.0', true), '<'));
  });

  test('invalid constraints throw ComposerConstraintError with Composer wording', () => {
    const cases: Array<[string, string]> = [
      ['^', 'Could not parse version constraint ^: Invalid version string "^"'],
      ['1.0 ||', 'Could not parse version constraint : Invalid version string ""'],
      ['foo', 'Could not parse version constraint foo: Invalid version string "foo"'],
      [
        '~>1.0',
        'Could not parse version constraint ~>1.0: Invalid operator "~>", you probably meant to use the "~" operator',
      ],
      ['invalid constraint', 'Could not parse version constraint invalid: Invalid version string "invalid"'],
    ];
    for (const [input, message] of cases) {
      assert.throws(
        () => parseConstraint(input),
        (e: unknown) => e instanceof ComposerConstraintError && e.message === message,
        input,
      );
      assert.equal(isValidConstraint(input), false, input);
    }
    assert.equal(isValidConstraint('^2.4 || ~2.3.7'), true);
  });

  test('parsed constraints are cached and errors are thrown again each time', () => {
    assert.equal(parseConstraint('^7.4 || ^8.1'), parseConstraint('^7.4 || ^8.1'));
    assert.throws(() => parseConstraint('nope'), ComposerConstraintError);
    assert.throws(() => parseConstraint('nope'), ComposerConstraintError);
  });

  test('matches(version) on the parsed object', () => {
    const c = parseConstraint('^2.4 <2.4.7');
    assert.equal(c.matches('2.4.6-p3'), true);
    assert.equal(c.matches('2.4.7'), false);
    assert.throws(() => c.matches('not a version'), ComposerVersionError);
  });
});

describe('satisfies', () => {
  test('Magento-style versions, pre-releases, branches', () => {
    assert.equal(satisfies('2.4.7-p3', '~2.4.7'), true);
    assert.equal(satisfies('2.4.8-beta1', '^2.4'), true);
    assert.equal(satisfies('2.4.8-beta1', '^2.4@beta'), true);
    assert.equal(satisfies('dev-main', 'dev-main'), true);
    assert.equal(satisfies('dev-main', '*'), true);
    assert.equal(satisfies('1.x-dev', '^1.0'), true);
    assert.equal(satisfies('8.3.0', '~8.1.0||~8.2.0||~8.3.0'), true);
    assert.equal(satisfies('7.4.33', '~8.1.0||~8.2.0'), false);
  });

  test('invalid version or constraint throws like Semver::satisfies', () => {
    assert.throws(() => satisfies('foo', '^1.0'), { message: 'Invalid version string "foo"' });
    assert.throws(() => satisfies('1.0', '^'), ComposerConstraintError);
  });
});

describe('comparison and sorting', () => {
  test('phpVersionCompare follows PHP version_compare', () => {
    assert.equal(phpVersionCompare('1.0.0-p1', '1.0.0'), 1);
    assert.equal(phpVersionCompare('1.0.0-beta', '1.0.0-RC1'), -1);
    assert.equal(phpVersionCompare('9223372036854775808', '9223372036854775807'), 0); // strtol clamps
    assert.equal(phpVersionCompare('1.0.', '1.0'), -1);
    assert.equal(phpVersionCompare('#1', '1'), 0);
  });

  test('compareWith / compareVersions are Comparator on the given strings', () => {
    assert.equal(compareWith('dev-master', '<', '1.0.0.0'), true);
    assert.deepEqual(
      ['<', '==', '>'].map((op) => compareWith('dev-a', op as '<', 'dev-b')),
      [false, false, false],
    );
    assert.equal(compareVersions('2.4.7-p1', '2.4.7'), 1);
    assert.equal(compareVersions('2.4.7', '2.4.7'), 0);
    assert.equal(compareVersions('dev-a', 'dev-b'), -1); // unordered in Composer: by name here
  });

  test('sortVersions reproduces Semver::sort / rsort, including its non-total cases', () => {
    assert.deepEqual(sortVersions(['dev-b', '1.0', 'dev-a', '01.0', '1.0.0', 'dev-master', '0.9']), [
      'dev-a',
      'dev-b',
      '0.9',
      '01.0',
      '1.0',
      '1.0.0',
      'dev-master',
    ]);
    assert.deepEqual(sortVersions(['1.0', '2.0-beta', '2.0', '2.0-RC1', '1.0-p1'], 'desc'), [
      '2.0',
      '2.0-RC1',
      '2.0-beta',
      '1.0-p1',
      '1.0',
    ]);
    // found by the differential test: equal under version_compare (clamped), different strings
    assert.deepEqual(sortVersions(['9223372036854775808', '9223372036854775807']), [
      '9223372036854775807',
      '9223372036854775808',
    ]);
  });

  test('max/minSatisfying skip unparsable versions', () => {
    const versions = ['2.4.6-p3', '2.4.7', 'garbage', '2.4.7-p2', '2.4.8-beta1', '2.3.7-p4'];
    // Composer's constraints carry no minimum stability: 2.4.8-beta1 is inside ~2.4.7.
    assert.equal(maxSatisfying(versions, '~2.4.7'), '2.4.8-beta1');
    assert.equal(maxSatisfying(versions, '~2.4.7 <2.4.8-dev'), '2.4.7-p2');
    assert.equal(minSatisfying(versions, '^2.4'), '2.4.6-p3');
    assert.equal(maxSatisfying(versions, '^3'), null);
  });
});

describe('intersects and isSubsetOf', () => {
  test('Intervals semantics', () => {
    assert.equal(intersects('^1.0', '^2.0'), false);
    assert.equal(intersects('<1.0', '>=1.0'), false);
    assert.equal(intersects('<=1.0', '>=1.0'), true);
    assert.equal(intersects('dev-foo', '!=dev-foo'), false);
    assert.equal(intersects('*', 'dev-x'), true);
    assert.equal(isSubsetOf('^1.2', '^1.0'), true);
    assert.equal(isSubsetOf('^1.0', '^1.2'), false);
    assert.equal(isSubsetOf('dev-a || dev-b', 'dev-b || dev-a'), true);
    assert.equal(isSubsetOf('*', '*@dev'), true);
    assert.equal(parseConstraint('>1 <2').matchesConstraint(parseConstraint('<1 || >2')), false);
  });
});
