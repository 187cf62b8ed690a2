#!/usr/bin/env -S node --import tsx
/**
 * Bench: upgrade-patch-helper's golden outputs reproduced from public trees, without booting Magento.
 *
 * AmpersandHQ/ampersand-magento2-upgrade-patch-helper (UPH) keeps the expected output of its functional tests in
 * dev/phpunit/functional/expected_output/. Its setup script (dev/Docker/setup-magento-with-diff.sh) installs a release,
 * adds its test packages (dev/Test*), upgrades, then edits files of the new vendor tree ("spoofs" changes) and installs
 * its test module and theme in app/. This bench replays that from public trees:
 *   - each release's complete vendor/ tree comes from a public mirror of Composer installs (see TREES);
 *   - UPH's test packages are copied into both vendor trees as Composer copies a path repository; the script's edits
 *     are replayed on the target tree; app/code/Ampersand/Test and app/design/frontend/Ampersand/theme go into the
 *     project, whose own vendor/ is the baseline tree (the project before the upgrade);
 *   - `check --focus overrides,db-schema --baseline-vendor <baseline> --target-vendor <target>` runs on the project;
 *   - every WARN line of the golden file is matched to a MageUp finding (same kind, same original, same customization)
 *     and every MageUp finding of warning level or above to a golden line.
 * Recall = golden lines found / golden lines; precision = MageUp warnings matching a golden line / MageUp warnings.
 *
 * Pairs (UPH's dev/Docker/docker-compose.yml): m23 2.3.0 → 2.3.7-p3, m24nodb 2.3.5 → 2.4.7-p3, m2451nodb
 * 2.3.5 → 2.4.5-p1. No public mirror holds a whole 2.4.7-p3 install: its vendor/magento comes from
 * controlaltdelete-nl/magento2-code-tracker (a Composer install of every release, Magento's packages only) and the
 * rest of vendor/ (PayPal's Braintree modules, libraries) from the 2.4.7-p1 install of
 * tiagosampaio/magento-opensource-releases. Braintree 4.6.1-p1 (2.4.7-p1) and 4.6.1-p10 (2.4.7-p7,
 * lrvipuls/mage247) have the same etc/db_schema.xml and view/(base|frontend)/web/js/form-builder.js, the files UPH's
 * lines name, so 4.6.1-p3 between them is taken to have them too.
 *
 * Needs the fetched mirrors each pair names (`fetch` github:<owner>/<name>) and
 * github:AmpersandHQ/ampersand-magento2-upgrade-patch-helper; a pair whose mirror is absent is skipped with a line
 * that says which.
 * Usage: node --import tsx bench/uph-golden.ts [--work DIR] [--keep] [--verbose] [--pair ID]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../src/check/run-check.js';
import type { Finding } from '../src/core/finding.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { LoadContext } from '../src/project/context.js';
import { vendorTreeRegistrations } from '../src/project/registration.js';
import { listDirs } from '../src/project/walk.js';

const MIRROR = process.env.MIRROR ?? '/work/.mirror';
const UPH_GIT = join(MIRROR, 'AmpersandHQ+ampersand-magento2-upgrade-patch-helper/repo');
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const verbose = process.argv.includes('--verbose');

/** Part of a release's install: `paths` of `ref` in a fetched mirror, less the paths under `without`. */
interface TreePart {
  repo: string;
  ref: string;
  paths: string[];
  without?: string[];
}
const SPEEDUPMATE = 'speedupmate/Magento2-OS-Mirror';
const RELEASES = 'tiagosampaio/magento-opensource-releases';
const TRACKER = 'controlaltdelete-nl/magento2-code-tracker';
const INSTALL = ['vendor', 'composer.json', 'composer.lock'];
/** Each release's install, by version (a version is built once per work directory, whichever pair needs it). */
const TREES: Record<string, TreePart[]> = {
  '2.3.0': [{ repo: SPEEDUPMATE, ref: 'magento2-os-2.3.0', paths: INSTALL }],
  '2.3.7-p3': [{ repo: SPEEDUPMATE, ref: 'magento2-os-2.3.7-p3', paths: INSTALL }],
  '2.3.5': [{ repo: RELEASES, ref: '2.3.5', paths: INSTALL }],
  '2.4.5-p1': [{ repo: RELEASES, ref: '2.4.5-p1', paths: INSTALL }],
  '2.4.7-p3': [
    { repo: TRACKER, ref: 'magento-2.4.7-p3', paths: ['vendor/magento', 'composer.json'] },
    { repo: RELEASES, ref: '2.4.7-p1', paths: ['vendor'], without: ['vendor/magento/'] },
  ],
};
const mirrorOf = (repo: string) => join(MIRROR, `${repo.replace('/', '+')}/repo`);

interface Pair {
  id: string;
  golden: string;
  from: string;
  to: string;
}
const PAIRS: Pair[] = [
  { id: 'm23', golden: 'magentom23.out.txt', from: '2.3.0', to: '2.3.7-p3' },
  { id: 'm24nodb', golden: 'magentom24-nodb.out.txt', from: '2.3.5', to: '2.4.7-p3' },
  { id: 'm2451nodb', golden: 'magentom2451-nodb.out.txt', from: '2.3.5', to: '2.4.5-p1' },
];

/** UPH's test packages: directory in dev/ → Composer package name (vendor/<name>/ is where Composer copies them). */
const PACKAGES: Record<string, string> = {
  TestHyvaExtendedTheme: 'ampersand/upgrade-patch-helper-test-hyva-theme-extended',
  TestHyvaThemeStub: 'ampersand/upgrade-patch-helper-test-hyva-theme-stub',
  TestHyvaFallbackTheme: 'ampersand/upgrade-patch-helper-test-hyva-fallback-theme',
  TestVendorModule: 'ampersand/upgrade-patch-helper-test-module',
  TestVendorModuleToBeRemoved: 'ampersand/upgrade-patch-helper-test-module-to-be-removed',
};

function git(dir: string, args: string[], input?: string): Buffer {
  return execFileSync('git', ['--git-dir', dir, ...args], { maxBuffer: 1 << 30, ...(input ? { input } : {}) });
}

/** Extracts a part of an install; blobs the partial mirror lacks (a few large media files) are left out and counted. */
function extract(part: TreePart, out: string): number {
  const mirror = mirrorOf(part.repo);
  const without = (path: string) => (part.without ?? []).some((w) => path.startsWith(w));
  const listing = git(mirror, ['ls-tree', '-r', '-z', part.ref, ...part.paths])
    .toString()
    .split('\0')
    .filter(Boolean)
    .map((rec) => {
      const [meta, path] = rec.split('\t');
      const [, type, sha] = meta!.split(' ');
      return { type: type!, sha: sha!, path: path! };
    })
    .filter((e) => e.type === 'blob' && !without(e.path));
  const check = git(mirror, ['cat-file', '--batch-check'], listing.map((e) => e.sha).join('\n') + '\n')
    .toString()
    .split('\n');
  const missing = listing.filter((_, i) => check[i]?.endsWith(' missing')).map((e) => e.path);
  mkdirSync(out, { recursive: true });
  // git archive streamed into tar (the trees are hundreds of MB): bash passes every path as its own argument.
  const run = spawnSync(
    'bash',
    [
      '-c',
      'set -o pipefail; git --git-dir "$1" archive "$2" -- "${@:4}" | tar -x -C "$3"',
      'extract',
      mirror,
      part.ref,
      out,
      ...part.paths,
      ...[...(part.without ?? []), ...missing].map((p) => `:(exclude)${p}`),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  if (run.status !== 0) throw new Error(`git archive ${part.repo} ${part.ref}: ${run.stderr.toString()}`);
  return missing.length;
}

/** The mirrors a version's tree needs that are not fetched. */
const absentMirrors = (version: string): string[] =>
  TREES[version]!.map((p) => p.repo).filter((repo) => !existsSync(mirrorOf(repo)));

/** UPH's dev/<dir> (at the mirror's HEAD) into `out`. */
function extractUph(dir: string, out: string): void {
  mkdirSync(out, { recursive: true });
  const archive = spawnSync('git', ['--git-dir', UPH_GIT, 'archive', 'HEAD', `dev/${dir}`], { maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', out, '--strip-components=2'], { input: archive.stdout });
}

/** File edits of setup-magento-with-diff.sh, replayed on the target vendor tree (paths relative to vendor/). */
function replayEdits(vendor: string, to: string): void {
  const a = (path: string, text: string) => {
    const file = join(vendor, path);
    // A reused work directory: Magento's files get the edit once, from their pristine copy.
    if (!path.startsWith('ampersand/')) {
      if (existsSync(`${file}.uph-orig`)) copyFileSync(`${file}.uph-orig`, file);
      else copyFileSync(file, `${file}.uph-orig`);
    }
    appendFileSync(file, `${text}\n`);
  };
  const t = 'ampersand/upgrade-patch-helper-test-module/src';
  a(
    'ampersand/upgrade-patch-helper-test-hyva-fallback-theme/theme/Magento_Customer/templates/account/dashboard/info.phtml',
    '<span/>',
  );
  a('ampersand/upgrade-patch-helper-test-hyva-theme-stub/theme/Magento_Checkout/templates/cart/form.phtml', '<span/>');
  a(`${t}/module/view/frontend/templates/checkout/something.phtml`, '<span/>');
  a(`${t}/theme/Magento_Checkout/templates/cart/form.phtml`, '<span/>');
  unlinkSync(join(vendor, `${t}/module/Model/ToPreferenceAndDelete.php`));
  unlinkSync(join(vendor, `${t}/module/Model/ToPreferenceAndExtendAndDelete.php`));
  a(`${t}/module/Model/ToPreferenceAndIgnore.php`, '//not-meaningful');
  a(`${t}/module/Model/ToPluginAndIgnore.php`, '//not-meaningful');
  for (const f of ['Model/SomeClass.php', 'Api/ExampleInterface.php', 'Api/ExampleTwoInterface.php'])
    a(`${t}/module/${f}`, '$b=1;');
  a(`${t}/module/Setup/Patch/Schema/SomeSchemaChanges.php`, '$b=1;');
  a(`${t}/module/Setup/Patch/Data/SomeDataChanges.php`, '$b=1;');
  a(`${t}/module/Setup/Patch/Schema/SomeSchemaNonChanges.php`, '//not-meaningful');
  a(`${t}/module/Setup/Patch/Data/SomeDataNonChanges.php`, '//not-meaningful');
  a(`${t}/module/Setup/InstallSchema.php`, '$b=1;');
  writeFileSync(
    join(vendor, `${t}/module/etc/db_schema.xml`),
    readFileSync(join(vendor, `${t}/module/etc/db_schema.after.xml`)),
  );
  unlinkSync(join(vendor, 'ampersand/upgrade-patch-helper-test-module-to-be-removed/src/module/etc/db_schema.xml'));
  if (to.startsWith('2.3')) a('magento/module-bundle/view/frontend/templates/js/components.phtml', '<span/>');
  a('magento/module-sales/Block/Adminhtml/Order/Create/Form.php', '//some change');
  a('magento/module-ui/view/base/web/templates/block-loader.html', '<!-- --><p>some change</p>');
  a(`${t}/theme/Magento_Ui/web/templates/redundant.html`, ' ');
  a(`${t}/module/view/frontend/email/redundant.html`, ' ');
  a(`${t}/theme/Magento_Checkout/web/js/redundant.js`, ' ');
  a('ampersand/upgrade-patch-helper-test-hyva-theme-stub/theme/Magento_Checkout/templates/cart/redundant.phtml', ' ');
  a(`${t}/theme/Magento_Ui/web/templates/ignore.html`, '<!-- -->');
  a(`${t}/module/view/frontend/email/ignore.html`, '<!-- -->');
  a(`${t}/theme/Magento_Checkout/web/js/ignore.js`, '/* some comment */');
  a(
    'ampersand/upgrade-patch-helper-test-hyva-theme-stub/theme/Magento_Checkout/templates/cart/ignored.phtml',
    '<!-- -->',
  );
  a('magento/module-customer/view/frontend/web/js/model/authentication-popup.js', '#');
  a('magento/module-catalog/view/frontend/layout/default.xml', '<!-- -->');
  a('magento/module-catalog/view/frontend/layout/catalog_category_view_type_default.xml', '<!-- -->');
  a('magento/module-rss/view/frontend/layout/default.xml', '<!-- -->');
}

interface Built {
  project: string;
  baseline: string;
  target: string;
  missing: number;
}

function build(pair: Pair, work: string): Built {
  const fromTree = join(work, `tree-${pair.from}`);
  const toTree = join(work, `tree-${pair.to}`);
  let missing = 0;
  // A tree is extracted whole once; `.complete` marks it so an interrupted extraction is redone.
  for (const [version, tree] of [
    [pair.from, fromTree],
    [pair.to, toTree],
  ] as const) {
    if (existsSync(join(tree, '.complete'))) continue;
    rmSync(tree, { recursive: true, force: true });
    for (const part of TREES[version]!) missing += extract(part, tree);
    writeFileSync(join(tree, '.complete'), '');
  }
  for (const tree of [fromTree, toTree]) {
    for (const [dir, name] of Object.entries(PACKAGES)) {
      rmSync(join(tree, 'vendor', name), { recursive: true, force: true });
      extractUph(dir, join(tree, 'vendor', name));
    }
  }
  // The target tree is rebuilt from a fresh copy of its packages each run, so edits are replayed once.
  replayEdits(join(toTree, 'vendor'), pair.to);
  // The project before the upgrade: the baseline vendor tree, the baseline lock plus UPH's packages as Composer
  // would lock them, app/code/Ampersand/Test and app/design/frontend/Ampersand/theme.
  const project = join(work, `project-${pair.id}`);
  rmSync(project, { recursive: true, force: true });
  mkdirSync(join(project, 'app/etc'), { recursive: true });
  execFileSync('ln', ['-s', join(fromTree, 'vendor'), join(project, 'vendor')]);
  const lock = JSON.parse(readFileSync(join(fromTree, 'composer.lock'), 'utf8')) as { packages: unknown[] };
  for (const [dir, name] of Object.entries(PACKAGES)) {
    const json = JSON.parse(readFileSync(join(fromTree, 'vendor', name, 'composer.json'), 'utf8')) as object;
    lock.packages.push({ ...json, version: 'dev-main', dist: { type: 'path', url: `./../../${dir}/` } });
  }
  writeFileSync(join(project, 'composer.lock'), JSON.stringify(lock));
  writeFileSync(join(project, 'composer.json'), readFileSync(join(fromTree, 'composer.json')));
  const testModule = join(work, 'TestModule');
  rmSync(testModule, { recursive: true, force: true });
  extractUph('TestModule', testModule);
  execFileSync('cp', ['-r', join(testModule, 'app'), project]);
  return { project, baseline: join(fromTree, 'vendor'), target: join(toTree, 'vendor'), missing };
}

interface GoldenLine {
  type: string;
  file: string;
  toCheck: string;
}

function readGolden(name: string): GoldenLine[] {
  const text = git(UPH_GIT, ['show', `HEAD:dev/phpunit/functional/expected_output/${name}`]).toString();
  return text
    .split('\n')
    .filter((l) => l.startsWith('| WARN'))
    .map((l) => {
      const [, , type, file, toCheck] = l.split('|').map((c) => c.trim());
      return { type: type!, file: file!, toCheck: toCheck! };
    });
}

/** `Magento_Checkout` → `vendor/magento/module-checkout`, `frontend/Magento/luma` → …, from the vendor tree's registrations. */
function componentDirs(vendor: string): Map<string, string> {
  const ctx = new LoadContext(vendor);
  const out = new Map<string, string>();
  for (const r of vendorTreeRegistrations(ctx)) if (!out.has(r.name)) out.set(r.name, `vendor/${r.dir}`);
  out.set('lib', 'lib/web');
  return out;
}

/** PSR-4 prefixes of every package of the vendor trees: `Magento\\Sales\\` → `vendor/magento/module-sales/`. */
function psr4(vendors: string[]): [string, string][] {
  const out = new Map<string, string>();
  for (const vendor of vendors) {
    for (const v of listDirs(vendor)) {
      for (const n of listDirs(join(vendor, v))) {
        let json: { autoload?: { 'psr-4'?: Record<string, string | string[]> } };
        try {
          json = JSON.parse(readFileSync(join(vendor, v, n, 'composer.json'), 'utf8')) as typeof json;
        } catch {
          continue;
        }
        for (const [prefix, dirs] of Object.entries(json.autoload?.['psr-4'] ?? {})) {
          const dir = Array.isArray(dirs) ? dirs[0] : dirs;
          if (!out.has(prefix))
            out.set(prefix, `vendor/${v}/${n}/${(dir ?? '').replace(/^\.\/?/, '')}`.replace(/\/?$/, '/'));
        }
      }
    }
  }
  return [...out].sort((a, b) => b[0].length - a[0].length);
}

function classFile(cls: string, prefixes: [string, string][]): string | undefined {
  const name = cls.replace(/^\\/, '');
  const hit = prefixes.find(([p]) => name.startsWith(p));
  return hit ? `${hit[1]}${name.slice(hit[0].length).replace(/\\/g, '/')}.php` : undefined;
}

/** The golden-line keys a MageUp finding stands for (none when it is of no kind UPH reports). */
function keysOf(f: Finding, dirs: Map<string, string>, prefixes: [string, string][]): string[] {
  const msg = f.message;
  const original = (): string | undefined => {
    const m =
      /(?:overrides (?:template|layout|web asset|email template) |extends layout |identical to )(?:((?:frontend|adminhtml)\/[^/\s]+\/[^:\s]+): |([A-Z][A-Za-z0-9]*_[A-Za-z0-9]+)::)(\S+?)(?:,| \(| as )/.exec(
        msg,
      );
    if (!m) return undefined;
    const dir = dirs.get(m[1] ?? m[2]!);
    return dir ? `${dir}/${m[3]!}` : undefined;
  };
  switch (f.ruleId) {
    case 'overrides/theme-template-changed':
    case 'overrides/theme-layout-changed':
    case 'overrides/theme-web-changed':
    case 'overrides/theme-email-changed': {
      const o = original();
      // An extension's changed original is info (its references are layout-reference-removed's), UPH's line still.
      const counts = f.severity !== 'info' || f.messageId?.startsWith('extendsChanged') === true;
      return o && counts ? [`Override (phtml/js/html)|${o}|${f.file}`] : [];
    }
    case 'overrides/redundant-override': {
      const o = original();
      return o ? [`Redundant Override|${o}|${f.file}`] : [];
    }
    case 'overrides/plugin-target-changed': {
      const m = /^Plugin \S+ \((\S+)\) on ([^:]+)::/.exec(msg);
      const file = m && classFile(m[2]!, prefixes);
      return m && file ? [`Plugin|${file}|${m[1]!}`, `Plugin Enabled|${file}|${m[1]!}`] : [];
    }
    case 'overrides/preference-changed': {
      const m = /^Preference (\S+) for ([^,:\s]+)/.exec(msg);
      const file = m && classFile(m[2]!, prefixes);
      if (!m || !file) return [];
      return [`${/no longer has/.test(msg) ? 'Preference Removed' : 'Preference'}|${file}|${m[1]!.replace(/^\\/, '')}`];
    }
    case 'overrides/theme-view-xml-changed': {
      const m = /(merges over|is identical to) ((?:frontend|adminhtml)\/\S+): etc\/view\.xml/.exec(msg);
      const dir = m && dirs.get(m[2]!);
      const type = m?.[1] === 'merges over' ? 'Override (phtml/js/html)' : 'Redundant Override';
      return dir ? [`${type}|${dir}/etc/view.xml|${f.file}`] : [];
    }
    case 'overrides/plugin-target-added': {
      const m = /^Plugin \S+ \((\S+)\) on ([^:,]+)/.exec(msg);
      const file = m && classFile(m[2]!, prefixes);
      return m && file ? [`Plugin Enabled|${file}|${m[1]!}`] : [];
    }
    case 'db-schema/vendor-schema-changed': {
      const m = /^DB schema (added|changed|removed): (\S+) .*table `([^`]+)`/.exec(msg);
      return m ? [`DB schema ${m[1]!}|${m[2]!}|${m[3]!}`] : [];
    }
    case 'db-schema/vendor-core-table-changed': {
      const m = /^DB schema target changed: (\S+) .*core table `([^`]+)`.* \(([^)]+)\)\.$/.exec(msg);
      return m
        ? m[3]!.split(', ').map((pkg) => `DB schema target changed|vendor/${pkg}/etc/db_schema.xml|${m[1]!} (${m[2]!})`)
        : [];
    }
    default:
      return [];
  }
}

async function runPair(pair: Pair, work: string): Promise<void> {
  const started = performance.now();
  const built = build(pair, work);
  const buildMs = performance.now() - started;
  const t0 = performance.now();
  const result = await runCheck({
    path: built.project,
    to: pair.to,
    focus: ['overrides', 'db-schema'],
    baselineVendor: built.baseline,
    targetVendor: built.target,
    workers: 1,
    cacheDir: false,
    clock: fixedClock('2026-11-23'),
  });
  const checkMs = performance.now() - t0;
  const dirs = new Map([...componentDirs(built.target), ...componentDirs(built.baseline)]);
  const prefixes = psr4([built.target, built.baseline]);
  const golden = readGolden(pair.golden);
  const goldenKeys = new Set(golden.map((g) => `${g.type}|${g.file}|${g.toCheck}`));
  const found = new Set<string>();
  const warnings = result.findings.filter((f) => f.severity !== 'info');
  let trueWarnings = 0;
  const falseWarnings: Finding[] = [];
  for (const f of result.findings) {
    const keys = keysOf(f, dirs, prefixes);
    const hit = keys.filter((k) => goldenKeys.has(k));
    for (const k of hit) found.add(k);
    if (f.severity !== 'info') {
      if (hit.length > 0) trueWarnings++;
      else falseWarnings.push(f);
    }
  }
  const byType = new Map<string, { total: number; found: number }>();
  for (const g of golden) {
    const e = byType.get(g.type) ?? { total: 0, found: 0 };
    e.total++;
    if (found.has(`${g.type}|${g.file}|${g.toCheck}`)) e.found++;
    byType.set(g.type, e);
  }
  const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(0)} %`);
  console.log(
    `${pair.id} (${pair.from} → ${pair.to}): recall ${found.size}/${golden.length} (${pct(found.size, golden.length)}), ` +
      `precision ${trueWarnings}/${warnings.length} warnings (${pct(trueWarnings, warnings.length)}); ` +
      `${result.findings.length - warnings.length} info findings; build ${(buildMs / 1000).toFixed(1)} s, check ${(checkMs / 1000).toFixed(1)} s; ` +
      `${built.missing} blobs absent from the mirror`,
  );
  for (const [type, e] of [...byType].sort()) console.log(`  ${type}: ${e.found}/${e.total}`);
  if (verbose) {
    for (const g of golden)
      if (!found.has(`${g.type}|${g.file}|${g.toCheck}`)) console.log(`  missed: ${g.type} | ${g.file} | ${g.toCheck}`);
    for (const f of falseWarnings) console.log(`  not in golden: ${f.ruleId} ${f.file}: ${f.message.slice(0, 220)}`);
    for (const f of result.findings.filter((x) => x.severity === 'info'))
      console.log(`  info: ${f.ruleId} ${f.file}: ${f.message.slice(0, 200)}`);
  }
}

if (!existsSync(UPH_GIT)) {
  console.log(`skipped: fetch github:AmpersandHQ/ampersand-magento2-upgrade-patch-helper first (looked in ${MIRROR})`);
} else {
  const work = arg('--work') ?? mkdtempSync(join(tmpdir(), 'mageup-uph-golden-'));
  const only = arg('--pair');
  try {
    for (const pair of PAIRS) {
      if (only && pair.id !== only) continue;
      const absent = [...new Set([...absentMirrors(pair.from), ...absentMirrors(pair.to)])];
      if (absent.length > 0) {
        console.log(
          `${pair.id}: skipped, tree absent: fetch ${absent.map((r) => `github:${r}`).join(', ')} (looked in ${MIRROR})`,
        );
        continue;
      }
      await runPair(pair, work);
    }
  } finally {
    if (!process.argv.includes('--keep') && !arg('--work')) rmSync(work, { recursive: true, force: true });
  }
}
