import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { register } from '../src/cli/commands/check.js';
import { EXIT } from '../src/cli/exit.js';
import { runCommand, type CommandResult } from './helpers/cli.js';
import {
  applyPolicy,
  BaselineError,
  ConfigError,
  createBaseline,
  findConfigFile,
  governanceReport,
  loadConfig,
  matchesGlob,
  parseConfig,
  readBaseline,
  writeBaseline,
  type Policy,
} from '../src/governance/index.js';
import { hostileCheckResult } from './fixtures/reports/hostile-check-result.js';
import { STORE } from './helpers/store-fixture.js';

const work = mkdtempSync(join(tmpdir(), 'mageup-governance-'));
after(() => rmSync(work, { recursive: true, force: true }));

const findings = hostileCheckResult().targets[0]!.findings;

describe('config file', () => {
  it('is found walking up from the project root, JSON or YAML', () => {
    const root = join(work, 'walk', 'shop', 'app');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(work, 'walk', 'mageup.config.yaml'), 'target: 2.4.8\nexclude:\n  - "app/code/Legacy/**"\n');
    assert.equal(findConfigFile(root), join(work, 'walk', 'mageup.config.yaml'));
    const config = loadConfig(root);
    assert.deepEqual(config.target, ['2.4.8']);
    assert.deepEqual(config.exclude, ['app/code/Legacy/**']);
  });

  it('accepts the plan section that `mageup plan` reads and validates itself', () => {
    const config = parseConfig(
      'target: 2.4.8\nplan:\n  capacity: 30\n  freezePresets: [bfcm]\n',
      '/x/mageup.config.yml',
    );
    assert.deepEqual(config.target, ['2.4.8']);
  });

  it('invalid settings name the file, the path and what was expected', () => {
    const file = '/srv/shop/mageup.config.json';
    assert.throws(
      () =>
        parseConfig(
          JSON.stringify({
            targt: '2.4.8',
            severity: { 'php-api/non-api': 'loud' },
            waivers: [{ rule: 'php-api', reason: 'x', owner: 'y', expires: '2026-02-30' }, { rule: 'x' }],
          }),
          file,
        ),
      (e: Error) => {
        assert.ok(e instanceof ConfigError);
        assert.match(e.message, /^\/srv\/shop\/mageup\.config\.json: invalid MageUp configuration/);
        assert.match(e.message, /targt: unknown setting/);
        assert.match(
          e.message,
          /severity\.php-api\/non-api: expected one of critical, error, warning, info, off, found "loud"/,
        );
        assert.match(e.message, /waivers\[0\]\.expires: expected a date YYYY-MM-DD, found "2026-02-30"/);
        assert.match(e.message, /waivers\[1\]\.reason: required/);
        assert.match(e.message, /waivers\[1\]\.owner: required/);
        return true;
      },
    );
    assert.throws(() => parseConfig('{ "target": ', file), /JSON syntax error/);
    assert.throws(() => parseConfig('target: [2.4.8\n', '/x/mageup.config.yml'), /YAML syntax error/);
  });

  it('YAML dates written without quotes are read as days', () => {
    const config = parseConfig(
      'waivers:\n  - rule: php-api\n    reason: r\n    owner: o\n    expires: 2027-01-31\n',
      '/x/mageup.config.yml',
    );
    assert.equal(config.waivers[0]!.expires, '2027-01-31');
  });
});

describe('globs', () => {
  it('match like .gitignore patterns', () => {
    assert.ok(matchesGlob('app/code/Legacy/Foo/Model/A.php', 'app/code/Legacy/**'));
    assert.ok(matchesGlob('app/code/Legacy/Foo/Model/A.php', 'app/code/Legacy'));
    assert.ok(matchesGlob('app/code/Acme/Foo/Test/Unit/ATest.php', '**/Test/**'));
    assert.ok(matchesGlob('app/design/frontend/x.phtml', '*.phtml'));
    assert.ok(!matchesGlob('app/code/Acme/Foo.php', 'app/*/Foo.php/x'));
    assert.ok(!matchesGlob('app/code/LegacyX/A.php', 'app/code/Legacy/**'));
    assert.ok(matchesGlob('app/code/Acme/A.php', 'app/code/{Acme,Evil}/*.php'));
  });
});

describe('policy', () => {
  const base = (over: Partial<Policy['config']> = {}): Policy => ({
    config: { file: '/x/mageup.config.json', exclude: [], severity: {}, waivers: [], ...over },
    today: '2026-11-01',
  });

  it('exclusions and severity overrides (rule id before category, off drops)', () => {
    const outcome = applyPolicy(
      findings,
      base({
        exclude: ['app/code/Acme/Shipping/**'],
        severity: { 'php-api': 'warning', 'php-api/missing-class': 'error', composer: 'off' },
      }),
    );
    assert.equal(outcome.excluded, 3); // two Shipping findings + the composer one
    assert.equal(outcome.kept.find((f) => f.ruleId === 'php-api/missing-class')!.severity, 'error');
    assert.deepEqual(outcome.overridden, [{ ruleId: 'php-api/missing-class', from: 'critical', to: 'error' }]);
  });

  it('waivers: live ones suppress, expired ones resurface and say so, unmatched ones are stale', () => {
    const policy = base({
      waivers: [
        {
          rule: 'php-version/dynamic-property',
          path: 'app/code/Acme/**',
          reason: 'refactor in Q1',
          owner: 'jane',
          expires: '2026-12-31',
          index: 0,
        },
        { rule: 'security', reason: 'patched by hand', owner: 'ops', expires: '2026-10-31', index: 1 },
        { rule: 'php-api/missing-method', reason: 'old', owner: 'bob', expires: '2027-01-01', index: 2 },
        {
          rule: 'lifecycle',
          message: 'reaches end of support',
          reason: 'known',
          owner: 'cto',
          expires: '2026-11-01',
          index: 3,
        },
      ],
    });
    const outcome = applyPolicy(findings, policy);
    const report = governanceReport(policy, [{ target: '2.4.8', outcome }]);
    assert.deepEqual(
      report.waived.map((w) => [w.ruleId, w.waiver.owner]),
      [
        ['php-version/dynamic-property', 'jane'],
        ['lifecycle/end-of-support', 'cto'],
      ],
      'a waiver holds through its expiry day',
    );
    assert.deepEqual(
      report.resurfaced.map((w) => [w.ruleId, w.waiver.expires]),
      [['security/package-advisory', '2026-10-31']],
    );
    assert.ok(outcome.kept.some((f) => f.ruleId === 'security/package-advisory'));
    assert.deepEqual(
      report.staleWaivers.map((w) => w.index),
      [2],
    );
  });

  it('baseline: accepted findings leave the count, new ones stay, fixed ones make stale entries', () => {
    const baseline = createBaseline([...findings.slice(0, 3), findings[0]!], '2026-10-01');
    assert.equal(baseline.entries.length, 3);
    const later = [...findings.slice(1), { ...findings[0]!, fingerprint: 'ffffffffffffffff' }].filter(
      (f) => f.ruleId !== 'composer/constraint-conflict',
    );
    const policy: Policy = { ...base(), baseline: { file: '/x/b.json', baseline } };
    const outcome = applyPolicy(later, policy);
    const report = governanceReport(policy, [{ outcome }]);
    assert.equal(report.baselined, 1);
    assert.equal(report.staleBaselineEntries, 2);
    assert.equal(outcome.kept.length, later.length - 1);
  });

  it('a baseline file is never replaced without force; a broken one is a clear error', () => {
    const file = join(work, 'baseline.json');
    writeBaseline(file, createBaseline(findings, '2026-11-01'));
    assert.throws(() => writeBaseline(file, createBaseline([], '2026-11-02')), /already exists; pass --force/);
    assert.equal(readBaseline(file).entries.length, findings.length);
    writeBaseline(file, createBaseline([], '2026-11-02'), { force: true });
    assert.equal(readBaseline(file).entries.length, 0);
    writeFileSync(file, '{"entries": 3}');
    assert.throws(
      () => readBaseline(file),
      (e: Error) => e instanceof BaselineError && /not a MageUp baseline/.test(e.message),
    );
  });
});

/** `mageup check` on the fixture store for 2.4.8 as JSON (one worker, no cache, no history), plus ARGS. */
function check(args: string[]): Promise<CommandResult> {
  const common = ['--to', '2.4.8', '--workers', '1', '--no-cache', '--no-history', '--format', 'json'];
  return runCommand(register, ['check', STORE, ...common, ...args], { output: '.json' });
}

describe('mageup check with a baseline and waivers (CLI, fixture store)', () => {
  it('--baseline-create, then only new findings fail; refuses to overwrite without --force', async () => {
    const baselineFile = join(work, 'store-baseline.json');
    const created = await check(['--baseline-create', baselineFile]);
    assert.equal(created.code, EXIT.ok, created.stderr);
    assert.match(created.stderr, /baseline of \d+ findings written/);
    const entries = readBaseline(baselineFile).entries.length;
    assert.ok(entries > 0);
    const again = await check(['--baseline-create', baselineFile]);
    assert.equal(again.code, EXIT.failure);
    assert.match(again.stderr, /already exists; pass --force/);

    const withBaseline = await check(['--baseline', baselineFile]);
    assert.equal(withBaseline.code, EXIT.ok, withBaseline.stderr);
    const json = JSON.parse(withBaseline.output) as { findings: unknown[]; governance: { baselined: number } };
    assert.equal(json.findings.length, 0);
    assert.equal(json.governance.baselined, entries);

    // Drop one entry: that finding is "new" again and fails the run.
    const b = readBaseline(baselineFile);
    b.entries.shift();
    writeFileSync(baselineFile, JSON.stringify(b));
    const partial = await check(['--baseline', baselineFile]);
    assert.equal(partial.code, EXIT.findings);
    assert.equal((JSON.parse(partial.output) as { findings: unknown[] }).findings.length >= 1, true);
  });

  it('a config with waivers: waived findings leave the result, stale waivers are reported; a bad config exits 2', async () => {
    const configFile = join(work, 'mageup.config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        waivers: [
          { rule: 'security', reason: 'vendor patch applied', owner: 'ops@example.com', expires: '2999-12-31' },
          { rule: 'php-api/missing-constant', path: 'nowhere/**', reason: 'x', owner: 'y', expires: '2999-12-31' },
        ],
      }),
    );
    const run = await check(['--config', configFile]);
    const json = JSON.parse(run.output) as {
      findings: { category: string }[];
      governance: { waived: unknown[]; staleWaivers: { index: number }[] };
    };
    assert.ok(json.governance.waived.length > 0);
    assert.ok(json.findings.every((f) => f.category !== 'security'));
    assert.deepEqual(
      json.governance.staleWaivers.map((w) => w.index),
      [1],
    );
    writeFileSync(configFile, JSON.stringify({ waivers: [{ rule: 'x' }] }));
    const bad = await check(['--config', configFile]);
    assert.equal(bad.code, EXIT.failure);
    assert.match(
      bad.stderr,
      /mageup\.config\.json: invalid MageUp configuration:\n {2}- waivers\[0\]\.reason: required/,
    );
  });
});
