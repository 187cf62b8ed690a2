/**
 * Which knowledge families cover each release a user can target (2.4.6 … 2.4.9, every -pN the catalog names), and
 * whether a real tree of it was found. For releases whose tree is fetched, the shipped data is spot-checked against
 * the tree itself: the file-hash index must hold the tree's git blob hash of Magento_Checkout's layouts and templates,
 * and the API index must declare the classes of the tree's magento/module-checkout.
 *
 * Trees (read from git objects, never checked out or committed): controlaltdelete-nl/magento2-code-tracker branches
 * `magento-<version>` (vendor/magento), and the verified full installs of scripts/install-trees.ts (lrvipuls/mage247
 * 2.4.7-p7, satishmv26/regionpricing 2.4.7-p8, tayyabkhan456/mcar 2.4.8-p2). Absent snapshots are named.
 * Usage: node --import tsx bench/coverage.ts [--mirror /work/.mirror] [--from 2.4.6] [--markdown]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GitObjects } from '../src/indexer/git-objects.js';
import { loadSymbolIndex } from '../src/knowledge/api/load.js';
import { loadReleaseCatalog } from '../src/knowledge/catalog.js';
import {
  COVERAGE_FAMILIES,
  describeCoverage,
  FAMILY_LABELS,
  loadCoverageSources,
  coverageOf,
} from '../src/knowledge/coverage.js';
import { loadFileHashIndex } from '../src/knowledge/file-hashes/index.js';
import { HASH_LENGTH } from '../src/knowledge/file-hashes/format.js';
import { compareMagentoVersions } from '../src/knowledge/magento-version.js';
import { openInstallTrees } from '../scripts/install-trees.js';

const { values: args } = parseArgs({
  options: {
    mirror: { type: 'string', default: '/work/.mirror' },
    from: { type: 'string', default: '2.4.6' },
    markdown: { type: 'boolean', default: false },
  },
});

function repo(name: string): GitObjects | undefined {
  const dir = join(args.mirror!, name, 'repo');
  return existsSync(dir) ? new GitObjects(dir) : undefined;
}
const tracker = repo('controlaltdelete-nl+magento2-code-tracker');
const installTrees = await openInstallTrees(args.mirror!, (m) => console.error(m));
if (!tracker)
  console.error('controlaltdelete-nl/magento2-code-tracker not fetched: tree column and spot checks skipped');
const trackerBranches = new Set(tracker?.refs('refs/heads/magento-*') ?? []);

/** Where a real tree of the release is: `{ git, ref, prefix }` of its vendor/magento, or undefined. */
function treeOf(version: string): { git: GitObjects; ref: string; label: string } | undefined {
  const install = installTrees.find((t) => t.release === version);
  if (install) return { git: install.git, ref: install.commit, label: install.repo };
  const branch = `magento-${version}`;
  if (tracker && trackerBranches.has(branch)) return { git: tracker, ref: branch, label: 'code-tracker' };
  return undefined;
}

const catalog = loadReleaseCatalog({ cacheDir: false });
const sources = loadCoverageSources();
const files = loadFileHashIndex();
const releases = catalog
  .all()
  .filter((r) => compareMagentoVersions(r.version, args.from!) >= 0 && r.type !== 'beta')
  .map((r) => r.version);

interface Row {
  version: string;
  tree: string;
  families: string[];
  check: string;
}
const rows: Row[] = [];
const started = performance.now();
for (const version of releases) {
  const coverage = coverageOf(version, sources);
  const tree = treeOf(version);
  let check = '–';
  if (tree && coverage.fileHashes.state === 'indexed' && coverage.api.state === 'indexed') {
    check = await spotCheck(version, tree);
  } else if (tree) check = 'tree found, not indexed';
  rows.push({
    version,
    tree: tree ? tree.label : 'none found',
    families: COVERAGE_FAMILIES.map((f) => describeCoverage(coverage[f])),
    check,
  });
}

/** Magento_Checkout of the tree against the shipped indexes: every layout/template hash, every class declared. */
async function spotCheck(version: string, tree: { git: GitObjects; ref: string }): Promise<string> {
  const pkg = 'magento/module-checkout';
  const packageVersion = files.releasePackages(version)?.[pkg];
  const indexed = packageVersion ? files.packageFiles(pkg, packageVersion) : undefined;
  if (!indexed) return `FAIL: ${pkg} not in the file-hash index`;
  const entries = tree.git
    .lsTree(`${tree.ref}:vendor/magento/module-checkout`, true)
    .filter((e) => e.type === 'blob' && /^view\/frontend\/(layout\/.+\.xml|templates\/.+\.phtml)$/.test(e.path));
  const hashMismatch = entries.filter((e) => indexed.hashes.get(e.path) !== e.sha.slice(0, HASH_LENGTH));
  const api = await loadSymbolIndex({ release: version });
  const classFiles = tree.git
    .lsTree(`${tree.ref}:vendor/magento/module-checkout/Block`, true)
    .filter((e) => e.type === 'blob' && e.path.endsWith('.php') && !e.path.includes('/Test/'));
  const missingClasses = classFiles.filter((e) => {
    const fqcn = `Magento\\Checkout\\Block\\${e.path
      .replace(/\.php$/, '')
      .split('/')
      .join('\\')}`;
    return !api.getClass(fqcn);
  });
  const ok = hashMismatch.length === 0 && missingClasses.length === 0;
  return `${ok ? 'ok' : 'FAIL'}: ${entries.length - hashMismatch.length}/${entries.length} file hashes, ${
    classFiles.length - missingClasses.length
  }/${classFiles.length} Block classes`;
}

const header = ['release', 'real tree', ...COVERAGE_FAMILIES.map((f) => FAMILY_LABELS[f]), 'spot check'];
const table = rows.map((r) => [r.version, r.tree, ...r.families, r.check]);
if (args.markdown) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const row of table) console.log(`| ${row.join(' | ')} |`);
} else {
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  for (const row of [header, ...table]) console.log(row.map((c, i) => c.padEnd(widths[i]!)).join('  '));
}
const complete = rows.filter((r) => r.families.every((f) => f === 'indexed')).length;
const failed = rows.filter((r) => r.check.startsWith('FAIL')).length;
console.log(
  `\n${complete} of ${rows.length} releases indexed in every family; ${rows.filter((r) => r.tree !== 'none found').length} with a fetched tree; ` +
    `${failed} spot check(s) failed; ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
tracker?.close();
for (const t of installTrees) t.git.close();
process.exitCode = failed > 0 ? 1 : 0;
