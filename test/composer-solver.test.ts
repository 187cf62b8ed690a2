// Composer's real solver on a proposed composer.json, against a Composer repository this test serves on 127.0.0.1
// (real-shaped packages.json and minified p2 metadata), with Debian's composer. Without PHP and Composer the tests
// that need them are skipped with the reason, never passed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composerAvailable, parseProblems, runComposerSolver } from '../src/check/composer-solver.js';
import { solverProblem as solverProblemRule } from '../src/rules/composer/solver-problem.js';
import { projectFixture, runRule } from '../src/rules/testing.js';
import { serveComposerRepo, type RepoPackage } from './helpers/composer-repo.js';

const available = composerAvailable();
const skip = available.ok ? false : `${available.why}: Composer's solver cannot run here`;

const PACKAGES: RepoPackage[] = [
  {
    name: 'acme/module-pay',
    version: '1.0.0',
    type: 'magento2-module',
    require: { php: '~7.4.0', 'acme/lib': '^2.0' },
  },
  { name: 'acme/module-pay', version: '2.0.0', type: 'magento2-module', require: { php: '>=8.1', 'acme/lib': '^3.0' } },
  { name: 'acme/lib', version: '2.1.0' },
  { name: 'acme/lib', version: '2.2.0' },
  { name: 'acme/theme', version: '1.4.0', type: 'magento2-theme', require: { 'acme/lib': '^2.1' } },
];
const SECRET = 'S3cr3t-Repo-Password';

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'mageup-solver-test-'));
  writeFileSync(
    join(root, 'auth.json'),
    JSON.stringify({ 'http-basic': { '127.0.0.1': { username: 'store', password: SECRET } } }),
  );
  writeFileSync(join(root, 'composer.json'), '{"name": "acme/store", "require": {}}\n');
  return root;
}

const composerJson = (url: string, require: Record<string, string>) =>
  JSON.stringify({
    name: 'acme/store',
    require,
    repositories: [{ type: 'composer', url }, { 'packagist.org': false }],
    config: { 'secure-http': false },
  });

test("Composer's problem report becomes findings naming the package and the constraint", { skip }, async () => {
  const repo = await serveComposerRepo(PACKAGES);
  const root = project();
  try {
    const before = readdirSync(root).sort();
    const result = await runComposerSolver({
      root,
      composerJson: composerJson(repo.url, { 'acme/module-pay': '^2.0', 'acme/theme': '^1.4' }),
      php: '8.3',
      timeoutMs: 120_000,
    });
    assert.equal(result.status, 'problems', result.message);
    assert.deepEqual(readdirSync(root).sort(), before, "nothing is written in the project's directory");
    assert.match(result.command!, /--dry-run --no-install --no-plugins --no-scripts/);
    const [problem] = result.problems;
    assert.equal(problem!.index, 1);
    assert.equal(problem!.package, 'acme/lib');
    assert.equal(problem!.constraint, '^3.0');
    assert.equal(problem!.requirer, 'acme/module-pay 2.0.0');
    assert.ok(!JSON.stringify(result).includes(SECRET), 'credentials never appear');
    assert.ok(repo.requests.includes('/p2/acme/module-pay.json'), 'metadata came from the served repository');

    const findings = await runRule(solverProblemRule, {
      project: projectFixture(),
      composer: { target: null, current: null, releases: { releasesOf: () => undefined }, solver: result },
    });
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f!.severity, 'critical');
    assert.equal(f!.package, 'acme/lib');
    assert.equal(f!.file, 'composer.json');
    // Composer's own line, quoted as it printed it.
    assert.equal(f!.messageId, 'problem');
    assert.deepEqual(f!.data, {
      index: 1,
      first:
        'acme/module-pay 2.0.0 requires acme/lib ^3.0 -> found acme/lib[2.1.0, 2.2.0] but it does not match the constraint.',
      package: 'acme/lib',
      constraint: '^3.0',
    });
    assert.equal(f!.recommendationId, 'findReleaseConstraint');
    assert.equal(
      f!.message,
      'Composer: Problem 1: acme/module-pay 2.0.0 requires acme/lib ^3.0 -> found acme/lib[2.1.0, 2.2.0] but it does not match the constraint.',
    );
    assert.match(f!.details!, /^- Root composer\.json requires acme\/module-pay \^2\.0/);
  } finally {
    await repo.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('a composer.json Composer can resolve is reported as resolved', { skip }, async () => {
  const repo = await serveComposerRepo(PACKAGES);
  const root = project();
  try {
    const result = await runComposerSolver({
      root,
      composerJson: composerJson(repo.url, { 'acme/theme': '^1.4' }),
      php: '8.3',
      timeoutMs: 120_000,
    });
    assert.equal(result.status, 'resolved', result.message);
    assert.deepEqual(result.problems, []);
    assert.ok(!existsSync(join(root, 'composer.lock')) && !existsSync(join(root, 'vendor')));
  } finally {
    await repo.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('a solver that does not finish in time is stopped with a clear message', { skip }, async () => {
  const repo = await serveComposerRepo(PACKAGES, { holdMs: 60_000 });
  const root = project();
  try {
    const result = await runComposerSolver({
      root,
      composerJson: composerJson(repo.url, { 'acme/theme': '^1.4' }),
      php: '8.3',
      timeoutMs: 3_000,
    });
    assert.equal(result.status, 'timeout');
    assert.match(result.message, /did not finish within 3 s and was stopped/);
  } finally {
    await repo.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('without Composer the solver says what to install (never a silent pass)', async () => {
  const result = await runComposerSolver({
    root: tmpdir(),
    composerJson: '{}',
    php: '8.3',
    composer: '/nonexistent/composer',
  });
  assert.equal(result.status, 'unavailable');
  assert.match(result.message, /not installed \(Debian: apt-get install (php-cli|composer)\)/);
});

test("parses Composer's problem report", () => {
  const report = [
    'Loading composer repositories with package information',
    'Your requirements could not be resolved to an installable set of packages.',
    '',
    '  Problem 1',
    '    - Root composer.json requires magento/magento2-functional-testing-framework ^3.7 -> satisfiable by magento/magento2-functional-testing-framework[3.7.0, 3.8.0].',
    '    - magento/magento2-functional-testing-framework 3.8.0 requires symfony/console ^4.4 -> found symfony/console[v4.4.0, ..., v4.4.49] but these were not loaded,',
    '      likely because it conflicts with another require.',
    '  Problem 2',
    '    - Root composer.json requires acme/x ^9 -> no matching package found.',
    '',
  ].join('\n');
  const problems = parseProblems(report);
  assert.equal(problems.length, 2);
  assert.equal(problems[0]!.package, 'symfony/console');
  assert.equal(problems[0]!.constraint, '^4.4');
  assert.match(problems[0]!.lines[1]!, /likely because it conflicts with another require\.$/);
  assert.equal(problems[1]!.package, 'acme/x');
  assert.equal(problems[1]!.requirer, 'Root composer.json');
});
