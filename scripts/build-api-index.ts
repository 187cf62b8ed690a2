#!/usr/bin/env -S node --import tsx
/**
 * Regenerates the shipped package API index, `data/api/**`, from fetched Magento trees (read straight from git objects:
 * nothing is checked out, nothing fetched is committed; only the derived index is).
 *
 * Needs these fetched snapshots (the `fetch` tool puts them under /work/.mirror, or pass --mirror DIR):
 *   - controlaltdelete-nl/magento2-code-tracker  branches magento-2.3.0 … magento-2.4.8-p1 (vendor/magento of each release)
 *   - speedupmate/Magento2-OS-Mirror             tags magento2-os-2.3.0 … magento2-os-2.4.4 (full installs: third-party libraries)
 *   - the full installs of scripts/install-trees.ts (lrvipuls/mage247 2.4.7-p7, satishmv26/regionpricing 2.4.7-p8,
 *     tayyabkhan456/mcar 2.4.8-p2), each verified against its composer.lock before use
 *   - Seldaek/monolog                            tags 3.x (Monolog 3, which 2.4.8 requires and no tree holds)
 * and ../shared/data (metapackages, release list and dates, Adobe's backward-incompatible-change lists).
 *
 * Usage: node --import tsx scripts/build-api-index.ts [--mirror DIR] [--shared DIR] [--out DIR] [--workers N]
 *        [--releases-only]  (recompute release package sets over the package files already in --out, no parsing)
 *        [--incremental]    (keep the package versions already in --out, parse only versions not indexed yet)
 * Deterministic: the same snapshots give the same bytes (generatedAt is the newest source commit date).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DeclarationPool } from '../src/indexer/analyze-pool.js';
import type { FileDeclarations } from '../src/indexer/declarations.js';
import { GitObjects } from '../src/indexer/git-objects.js';
import type { Autoload } from '../src/indexer/installed-packages.js';
import { selectPackageFiles } from '../src/indexer/package-files.js';
import type { ManifestRelease } from '../src/knowledge/api/format.js';
import type { PackageVersionInput } from '../src/knowledge/api/package-codec.js';
import { compareLooseVersions } from '../src/knowledge/api/versions.js';
import { ApiDataWriter } from '../src/knowledge/api/writer.js';
import { parseConstraint, satisfies } from '../src/composer/index.js';
import { readManifest } from '../src/knowledge/api/store.js';
import { openInstallTrees } from './install-trees.js';

const { values: args } = parseArgs({
  options: {
    mirror: { type: 'string', default: '/work/.mirror' },
    shared: { type: 'string', default: resolve(import.meta.dirname, '../../shared/data') },
    out: { type: 'string', default: resolve(import.meta.dirname, '../data/api') },
    workers: { type: 'string' },
    // Recompute only the releases' package sets (and coverage) over the package files already in --out: no parsing.
    'releases-only': { type: 'boolean', default: false },
    // Keep every package version already in --out and parse only the new ones (a version is the same code wherever
    // it comes from; a full build gives the same package files, since the first source of a version wins there too).
    incremental: { type: 'boolean', default: false },
  },
});
const RELEASES_ONLY = args['releases-only']!;
const INCREMENTAL = args.incremental!;
const MIRROR = args.mirror!;
const SHARED = args.shared!;
const OUT = resolve(args.out!);

/** Third-party vendors Magento code and extensions extend or call (dev tools such as phpunit or rector are left out). */
const THIRD_PARTY_VENDORS = new Set([
  'laminas',
  'zendframework',
  'symfony',
  'monolog',
  'guzzlehttp',
  'phpseclib',
  'psr',
  'colinmollenhour',
  'webonyx',
  'elasticsearch',
  'opensearch-project',
  'league',
  'ramsey',
  'braintree',
  'paypal',
  'php-amqplib',
  'pelago',
  'wikimedia',
  'tedivm',
  'brick',
  'doctrine',
  'ezyang',
  'web-token',
]);
const DEV_PACKAGES =
  /^(symfony\/(phpunit-bridge|debug|var-dumper|stopwatch|yaml|css-selector|browser-kit|dom-crawler)|doctrine\/instantiator|doctrine\/lexer|doctrine\/annotations)$/;

interface PackageSource {
  name: string;
  version: string;
  type: string;
  autoload: Autoload;
  git: GitObjects;
  /** Tree sha of the package directory. */
  tree: string;
  origin: string;
}

const log = (message: string): void => void process.stderr.write(`${message}\n`);

function repo(name: string): GitObjects | undefined {
  const dir = join(MIRROR, name, 'repo');
  return existsSync(dir) ? new GitObjects(dir) : undefined;
}

const codeTracker = repo('controlaltdelete-nl+magento2-code-tracker');
const speedupmate = repo('speedupmate+Magento2-OS-Mirror');
const installTrees = await openInstallTrees(MIRROR, log);
const monolog = repo('Seldaek+monolog');
if (!codeTracker)
  throw new Error(`${MIRROR}/controlaltdelete-nl+magento2-code-tracker/repo is missing: fetch it first`);

const catalog = JSON.parse(readFileSync(join(SHARED, 'magento-releases.json'), 'utf8')) as {
  releases: { version: string; release_date?: string | null }[];
};
const releaseDates = new Map(catalog.releases.map((r) => [r.version, r.release_date ?? null]));

const packageVersions = new Map<string, Map<string, PackageSource>>();
const releases = new Map<
  string,
  {
    packages: Record<string, string>;
    source: string;
    full: boolean;
    magentoRequires?: Set<string>;
    uncovered?: ManifestRelease['uncovered'];
  }
>();
/**
 * What each package version of a full tree requires (`name@version` → name → constraint): to tell which libraries a
 * release installs, following metapackages (adobe-commerce/os-extensions-metapackage → paypal/module-braintree → …).
 */
const libraryRequires = new Map<string, Record<string, string>>();
/** Every metapackage version a full tree installs (any vendor): name → versions. */
const metapackageVersions = new Map<string, Set<string>>();
const sources: Record<string, unknown> = {};
const sourceDates: string[] = [];

function addPackage(source: PackageSource): void {
  let versions = packageVersions.get(source.name);
  if (!versions) packageVersions.set(source.name, (versions = new Map()));
  if (!versions.has(source.version)) versions.set(source.version, source); // a version seen once is indexed once
}

function parseJson<T>(text: string | null, what: string): T | undefined {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    log(`warning: ${what} is not valid JSON; skipped`);
    return undefined;
  }
}

/** magento/* packages of one code-tracker branch, from each package's own composer.json. */
async function readCodeTrackerRelease(
  git: GitObjects,
  ref: string,
): Promise<{ packages: Record<string, string>; requires: Set<string> }> {
  const set: Record<string, string> = {};
  const entries = git.lsTree(`${ref}:vendor/magento`).filter((e) => e.type === 'tree');
  const texts = await Promise.all(entries.map((e) => git.readText(`${e.sha}:composer.json`)));
  type Composer = {
    name?: string;
    version?: string;
    type?: string;
    autoload?: Autoload;
    require?: Record<string, string>;
  };
  const composers = entries.map((entry, i) =>
    parseJson<Composer>(texts[i] ?? null, `${ref}:vendor/magento/${entry.path}/composer.json`),
  );
  // What the release's own packages require: it dates the forks that carry no `version` (magento/zendframework1,
  // magento/zend-*), which would otherwise be left out and make `Zend_*` classes unknown to the release.
  const required = new Map<string, string>();
  for (const composer of composers) {
    for (const [name, constraint] of Object.entries(composer?.require ?? {})) required.set(name, constraint);
  }
  entries.forEach((entry, i) => {
    const composer = composers[i];
    if (!composer?.name || composer.type === 'metapackage') return;
    const version = composer.version ?? versionFromRequirement(required.get(composer.name), entry.sha);
    if (!version) return;
    set[composer.name] = version;
    addPackage({
      name: composer.name,
      version,
      type: composer.type ?? 'library',
      autoload: composer.autoload ?? {},
      git,
      tree: entry.sha,
      origin: `code-tracker ${ref}`,
    });
  });
  return { packages: set, requires: new Set(required.keys()) };
}

/**
 * A version label for a package whose composer.json has none: the lowest version the release's packages accept
 * (`~1.14.2` → 1.14.2), tagged with its tree so that two different trees never share a label.
 */
function versionFromRequirement(constraint: string | undefined, tree: string): string | undefined {
  if (!constraint) return undefined;
  try {
    const lower = parseConstraint(constraint).lowerBound;
    if (lower.isZero()) return undefined;
    const numbers = lower.version.replace(/-dev$/, '').split('.');
    while (numbers.length > 3 && numbers.at(-1) === '0') numbers.pop();
    return `${numbers.join('.')}+tree.${tree.slice(0, 10)}`;
  } catch {
    return undefined;
  }
}

/** Packages of a full install (vendor/composer/installed.json): magento/* and the third-party vendors we index. */
async function readFullTree(git: GitObjects, ref: string, origin: string): Promise<Record<string, string>> {
  type Entry = {
    name: string;
    version: string;
    type?: string;
    autoload?: Autoload;
    require?: Record<string, string>;
    'install-path'?: string;
  };
  const json = parseJson<Entry[] | { packages: Entry[]; 'dev-package-names'?: string[] }>(
    await git.readText(`${ref}:vendor/composer/installed.json`),
    `${origin} vendor/composer/installed.json`,
  );
  if (!json) return {};
  const list = Array.isArray(json) ? json : json.packages;
  const dev = new Set(Array.isArray(json) ? [] : (json['dev-package-names'] ?? []));
  const set: Record<string, string> = {};
  const wanted = list.filter((p) => {
    const vendor = p.name.split('/')[0] ?? '';
    return (
      (vendor === 'magento' || THIRD_PARTY_VENDORS.has(vendor)) &&
      !dev.has(p.name) &&
      !DEV_PACKAGES.test(p.name) &&
      !p.name.endsWith('-sample-data')
    );
  });
  const trees = await Promise.all(wanted.map((p) => treeSha(git, `${ref}:vendor/${p.name}`)));
  for (const p of list) {
    libraryRequires.set(`${p.name}@${p.version}`, p.require ?? {});
    // Metapackages of any vendor are part of the release's package set: what a release requires through them
    // (Braintree through adobe-commerce/os-extensions-metapackage) is followed below.
    if (p.type === 'metapackage' && !dev.has(p.name)) {
      set[p.name] = p.version;
      let versions = metapackageVersions.get(p.name);
      if (!versions) metapackageVersions.set(p.name, (versions = new Set()));
      versions.add(p.version);
    }
  }
  wanted.forEach((p, i) => {
    if (p.type === 'metapackage') {
      set[p.name] = p.version;
      return;
    }
    const tree = trees[i];
    if (!tree) return;
    set[p.name] = p.version;
    addPackage({
      name: p.name,
      version: p.version,
      type: p.type ?? 'library',
      autoload: p.autoload ?? {},
      git,
      tree,
      origin,
    });
  });
  return set;
}

const treeListings = new Map<string, Map<string, string>>();
/** Tree sha of `ref:dir/name` (directory listings cached per parent, one git call per vendor directory). */
async function treeSha(git: GitObjects, object: string): Promise<string | undefined> {
  const ref = object.slice(0, object.indexOf(':'));
  const path = object.slice(object.indexOf(':') + 1);
  const parent = path.split('/').slice(0, -1).join('/');
  const key = `${git.gitDir}#${ref}:${parent}`;
  let listing = treeListings.get(key);
  if (!listing) {
    listing = new Map();
    try {
      for (const e of git.lsTree(`${ref}:${parent}`)) if (e.type === 'tree') listing.set(e.path, e.sha);
    } catch {
      // an absent vendor directory: the packages in it are skipped
    }
    treeListings.set(key, listing);
  }
  return listing.get(path.split('/').at(-1)!);
}

/** Monolog 3 for releases whose constraint no tree satisfies: the newest 3.x tag released before the Magento release. */
async function readLibraryTags(git: GitObjects, name: string, tags: string[]): Promise<void> {
  for (const tag of tags) {
    const composer = parseJson<{ type?: string; autoload?: Autoload }>(
      await git.readText(`${tag}:composer.json`),
      `${name} ${tag}`,
    );
    const tree = git.revParse(`${tag}^{tree}`);
    if (!composer || !tree) continue;
    addPackage({
      name,
      version: tag,
      type: composer.type ?? 'library',
      autoload: composer.autoload ?? {},
      git,
      tree,
      origin: `${name} tag ${tag}`,
    });
  }
}

// ---- 1. Collect package versions and release package sets ----------------------------------------------------
const trackerBranches = codeTracker
  .refs('refs/heads/magento-*')
  .sort((a, b) => compareLooseVersions(a.slice(8), b.slice(8)));
sources['controlaltdelete-nl/magento2-code-tracker'] = {};
for (const branch of trackerBranches) {
  const version = branch.slice('magento-'.length);
  // The tracker re-installs each release daily; extensions pulled in with loose constraints (adobe-ims, payment
  // services, …) move forward over time. The branch's first install is the closest to what the release shipped.
  const commit = codeTracker.firstCommit(branch);
  (sources['controlaltdelete-nl/magento2-code-tracker'] as Record<string, string>)[branch] = commit;
  sourceDates.push(codeTracker.commitDate(commit));
  const { packages, requires } = await readCodeTrackerRelease(codeTracker, commit);
  releases.set(version, {
    packages,
    magentoRequires: requires,
    source: `code-tracker ${branch} (first install, ${codeTracker.commitDate(commit).slice(0, 10)})`,
    full: false,
  });
}
log(`code-tracker: ${trackerBranches.length} releases`);

const fullTrees: { git: GitObjects; ref: string; version: string; repoName: string }[] = [];
if (speedupmate) {
  for (const tag of speedupmate.refs('refs/tags/magento2-os-2.[34]*')) {
    if (tag.endsWith('-with-samples')) continue;
    fullTrees.push({
      git: speedupmate,
      ref: tag,
      version: tag.slice('magento2-os-'.length),
      repoName: 'speedupmate/Magento2-OS-Mirror',
    });
  }
} else log('warning: speedupmate/Magento2-OS-Mirror not fetched: third-party libraries up to 2.4.4 are not indexed');
for (const tree of installTrees)
  fullTrees.push({ git: tree.git, ref: tree.ref, version: tree.release, repoName: tree.repo });

for (const tree of fullTrees) {
  let ref = tree.ref;
  let set = await readFullTree(tree.git, ref, `${tree.repoName} ${ref}`);
  if (Object.keys(set).length === 0 && tree.git.revParse(`${ref}-with-samples`)) {
    // Some plain tags hold no vendor/ (e.g. magento2-os-2.3.4); the same install with sample data has it.
    ref = `${ref}-with-samples`;
    set = await readFullTree(tree.git, ref, `${tree.repoName} ${ref}`);
  }
  if (Object.keys(set).length === 0) {
    log(`warning: ${tree.repoName} ${tree.ref} has no vendor/composer/installed.json: its libraries are not indexed`);
    continue;
  }
  ((sources[tree.repoName] ??= {}) as Record<string, string>)[ref] = tree.git.revParse(ref)!;
  sourceDates.push(tree.git.commitDate(ref));
  const magentoFromTracker = releases.get(tree.version)?.packages ?? {};
  // The tracker's vendor/magento and the full tree agree on magento/*; the full tree adds the libraries.
  releases.set(tree.version, {
    packages: { ...magentoFromTracker, ...set },
    source: `${tree.repoName} ${ref}`,
    full: true,
  });
}
log(`full trees: ${fullTrees.length}`);

if (monolog) {
  const tags = monolog.refs('refs/tags/3.*').filter((t) => /^3\.\d+\.\d+$/.test(t));
  sources['Seldaek/monolog'] = {};
  const wantedTags = new Set<string>();
  for (const [version, release] of releases) {
    const constraint = metapackageRequire(version)['monolog/monolog'];
    if (!constraint || !/\^3|~3|>=\s*3/.test(constraint)) continue;
    const cutoff = releaseDates.get(version);
    const candidates = tags
      .filter((t) => fitsConstraint(t, constraint) && (!cutoff || monolog.commitDate(t).slice(0, 10) <= cutoff))
      .sort(compareLooseVersions);
    const pick = candidates.at(-1);
    if (pick) {
      wantedTags.add(pick);
      release.packages['monolog/monolog'] = pick;
    }
  }
  for (const tag of [...wantedTags].sort()) {
    (sources['Seldaek/monolog'] as Record<string, string>)[tag] = monolog.revParse(tag)!;
    sourceDates.push(monolog.commitDate(tag));
  }
  await readLibraryTags(monolog, 'monolog/monolog', [...wantedTags].sort());
} else log('warning: Seldaek/monolog not fetched: Monolog 3 (2.4.8) is not indexed');

function metapackageRequire(version: string): Record<string, string> {
  const file = join(SHARED, 'magento-composer', version, 'product-community-edition.json');
  if (!existsSync(file)) return {};
  return (JSON.parse(readFileSync(file, 'utf8')) as { require?: Record<string, string> }).require ?? {};
}

// Releases with only vendor/magento get their libraries from the nearest full tree, corrected by the metapackage's
// own constraints (the highest indexed version that satisfies each direct requirement).
const fullVersions = [...releases]
  .filter(([, r]) => r.full)
  .map(([v]) => v)
  .sort(compareLooseVersions);
for (const [version, release] of releases) {
  if (release.full) continue;
  const nearest = nearestFull(version);
  if (!nearest) continue;
  const base = releases.get(nearest)!;
  const libraries = Object.fromEntries(Object.entries(base.packages).filter(([name]) => !name.startsWith('magento/')));
  const unindexed: string[] = [];
  const uncovered: NonNullable<ManifestRelease['uncovered']> = {};
  for (const [name, constraint] of Object.entries(metapackageRequire(version))) {
    if (metapackageVersions.has(name) && !name.startsWith('magento/')) {
      // A metapackage (adobe-commerce/os-extensions-metapackage): keep the nearest tree's version only when it fits;
      // else what it installs at this release is unknown, and the packages it brought in the nearest tree are
      // recorded as not covered (rules then say "cannot check", never "removed").
      const fitting = [...metapackageVersions.get(name)!]
        .filter((v) => fitsConstraint(v, constraint))
        .sort(compareLooseVersions);
      const current = libraries[name];
      if (current && fitsConstraint(current, constraint)) continue;
      if (fitting.length > 0 && libraryRequires.has(`${name}@${fitting.at(-1)!}`)) {
        libraries[name] = fitting.at(-1)!;
        continue;
      }
      delete libraries[name];
      uncovered[name] = { constraint, packages: [] };
      continue;
    }
    if (name.startsWith('magento/') || !name.includes('/') || !THIRD_PARTY_VENDORS.has(name.split('/')[0]!)) continue;
    const current = release.packages[name] ?? libraries[name];
    if (current && fitsConstraint(current, constraint)) {
      libraries[name] = current;
      continue;
    }
    const fits = [...(packageVersions.get(name)?.keys() ?? [])]
      .filter((v) => fitsConstraint(v, constraint))
      .sort(compareLooseVersions);
    if (fits.length > 0) libraries[name] = fits.at(-1)!;
    // No indexed version fits: leave the package out rather than pretend an older major is installed (Elasticsearch 7
    // classes in a release that requires ^8). Rules treat a required but unindexed package as an index gap, not as
    // removed classes (src/rules/php-api/release-supplement.ts).
    else {
      delete libraries[name];
      unindexed.push(`${name} ${constraint}`);
    }
  }
  // Keep only what this release installs: libraries its metapackage or its magento/* packages require, and what
  // those require in turn (as the nearest tree resolved them). A library the nearest tree had for its own reasons
  // (laminas/laminas-mail in 2.4.7, gone from 2.4.8) would otherwise make removed classes look present.
  const roots = [...Object.keys(metapackageRequire(version)), ...(release.magentoRequires ?? [])];
  const blocked = new Set(Object.keys(uncovered));
  const dropped = pruneUninstalled(libraries, roots, base.packages, blocked);
  // What the nearest tree installed only through a metapackage whose version here is unknown: not covered.
  const kept = new Set(Object.keys(libraries));
  for (const [name, entry] of Object.entries(uncovered)) {
    const through = reachableFrom([name], base.packages, new Set());
    // Platform requirements (php, ext-*) are no packages; magento/* come from the release's own vendor/magento.
    entry.packages = [...through]
      .filter((p) => p !== name && p.includes('/') && !p.startsWith('magento/') && !kept.has(p))
      .sort();
  }
  for (const name of Object.values(uncovered).flatMap((u) => u.packages)) delete libraries[name];
  release.packages = { ...libraries, ...release.packages };
  release.source += `; libraries from ${nearest} adjusted to the ${version} metapackage constraints`;
  const notCovered = Object.entries(uncovered).map(
    ([name, u]) => `${name} ${u.constraint} (${u.packages.length} packages: ${u.packages.join(', ')})`,
  );
  const droppedHere = dropped.filter((name) => !Object.values(uncovered).some((u) => u.packages.includes(name)));
  if (droppedHere.length > 0) release.source += `; not installed by ${version}: ${droppedHere.join(', ')}`;
  if (unindexed.length > 0) release.source += `; no indexed version fits ${unindexed.join(', ')}`;
  if (notCovered.length > 0) {
    release.source += `; not covered (no tree of that version): ${notCovered.join('; ')}`;
    release.uncovered = uncovered;
  }
}

/** Removes from `libraries` every package not reachable from `roots` through the libraries' requires; returns their names. */
function pruneUninstalled(
  libraries: Record<string, string>,
  roots: string[],
  /** Versions of the nearest tree: what a package left unindexed here would still pull in. */
  fallback: Record<string, string>,
  /** Metapackages whose version here is unknown: not followed. */
  blocked: Set<string>,
): string[] {
  const reachable = reachableFrom(roots, { ...fallback, ...libraries }, blocked);
  const dropped = Object.keys(libraries)
    .filter((name) => !reachable.has(name))
    .sort();
  for (const name of dropped) delete libraries[name];
  return dropped;
}

/** Names reachable from `roots` through the requires of the given versions (magento/* and `blocked` not descended). */
function reachableFrom(roots: string[], versions: Record<string, string>, blocked: Set<string>): Set<string> {
  const reachable = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (reachable.has(name)) continue;
    reachable.add(name);
    // magento/* packages of this release are roots already, with their own requires; the nearest tree's would be
    // another release's (magento/framework 103.0.7 still requires laminas-mail, 103.0.8 does not).
    if (name.startsWith('magento/') || blocked.has(name)) continue;
    const version = versions[name];
    if (version) queue.push(...Object.keys(libraryRequires.get(`${name}@${version}`) ?? {}));
  }
  return reachable;
}

function nearestFull(version: string): string | undefined {
  const line = version.split('.').slice(0, 2).join('.');
  const sameLine = fullVersions.filter((v) => v.startsWith(`${line}.`));
  const pool = sameLine.length > 0 ? sameLine : fullVersions;
  let best: string | undefined;
  for (const v of pool) if (!best || Math.abs(rank(v) - rank(version)) < Math.abs(rank(best) - rank(version))) best = v;
  return best;
}

function rank(version: string): number {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-p(\d+))?/.exec(version);
  return m ? Number(m[1]) * 1e6 + Number(m[2]) * 1e4 + Number(m[3]) * 100 + Number(m[4] ?? 0) : 0;
}

// ---- 2. Select files of every package version, parse every distinct PHP blob once ---------------------------------
interface Listed {
  source: PackageSource;
  php: { path: string; sha: string }[];
  overridable: { path: string; sha: string }[];
}
const listed: Listed[] = [];
const listingByTree = new Map<string, { path: string; sha: string }[]>();
const alreadyIndexed = INCREMENTAL && existsSync(join(OUT, 'manifest.json')) ? readManifest(OUT).packages : {};
for (const name of [...packageVersions.keys()].sort()) {
  if (RELEASES_ONLY) break;
  for (const source of packageVersions.get(name)!.values()) {
    if (alreadyIndexed[name]?.versions.includes(source.version)) continue;
    const key = `${source.git.gitDir}#${source.tree}`;
    let entries = listingByTree.get(key);
    if (!entries) {
      entries = source.git
        .lsTree(source.tree, true)
        .filter((e) => e.type === 'blob' && e.mode !== '120000')
        .map((e) => ({ path: e.path, sha: e.sha }));
      listingByTree.set(key, entries);
    }
    const bySha = new Map(entries.map((e) => [e.path, e.sha]));
    const selection = selectPackageFiles(
      entries.map((e) => e.path),
      source.autoload,
      source.type,
    );
    listed.push({
      source,
      php: selection.php.map((path) => ({ path, sha: bySha.get(path)! })),
      overridable: selection.overridable.map((path) => ({ path, sha: bySha.get(path)! })),
    });
  }
}
listingByTree.clear();
const phpBlobs = new Map<string, { git: GitObjects; path: string }>();
const assetBlobs = new Map<string, GitObjects>();
for (const item of listed) {
  for (const f of item.php) if (!phpBlobs.has(f.sha)) phpBlobs.set(f.sha, { git: item.source.git, path: f.path });
  for (const f of item.overridable) if (!assetBlobs.has(f.sha)) assetBlobs.set(f.sha, item.source.git);
}
log(
  `${listed.length} package versions; ${phpBlobs.size} distinct PHP files, ${assetBlobs.size} distinct overridable files`,
);

const declarations = new Map<string, FileDeclarations>();
const pool = new DeclarationPool(args.workers ? Number(args.workers) : undefined);
const started = performance.now();
const shas = [...phpBlobs.keys()].sort();
const CHUNK = 4000;
for (let i = 0; i < shas.length; i += CHUNK) {
  const chunk = shas.slice(i, i + CHUNK);
  const contents = await Promise.all(chunk.map((sha) => phpBlobs.get(sha)!.git.readText(sha)));
  const jobs = chunk.map((sha, j) => ({ file: sha, source: contents[j] ?? '' }));
  const results = await pool.analyze(jobs);
  results.forEach((r, j) => {
    if (contents[j] === null) r.failure = 'blob absent from the snapshot';
    declarations.set(chunk[j]!, r);
  });
  log(
    `parsed ${Math.min(i + CHUNK, shas.length)}/${shas.length} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
}
await pool.close();

const assetHashes = new Map<string, string>();
for (const [sha, git] of [...assetBlobs].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const bytes = await git.read(sha);
  if (bytes) assetHashes.set(sha, createHash('sha256').update(bytes).digest('hex').slice(0, 16));
}
log(`hashed ${assetHashes.size} overridable files`);

// ---- 3. Write package files, releases, manifest ------------------------------------------------------------------
const staging = `${OUT}.partial-${process.pid}`;
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
const generatedAt = sourceDates.sort().at(-1) ?? '1970-01-01T00:00:00Z';
if (RELEASES_ONLY || INCREMENTAL) cpSync(OUT, staging, { recursive: true });
const writer = new ApiDataWriter(staging, {
  generatedAt: new Date(generatedAt).toISOString(),
  merge: RELEASES_ONLY || INCREMENTAL,
});
const byPackage = new Map<string, Listed[]>();
for (const item of listed) {
  const list = byPackage.get(item.source.name);
  if (list) list.push(item);
  else byPackage.set(item.source.name, [item]);
}
let problemCount = 0;
for (const name of [...byPackage.keys()].sort()) {
  const inputs: PackageVersionInput[] = byPackage.get(name)!.map((item) => {
    const input: PackageVersionInput = {
      package: name,
      version: item.source.version,
      classes: [],
      functions: [],
      problems: [],
      fileHashes: {},
    };
    for (const f of item.php) {
      const d = declarations.get(f.sha);
      if (!d) continue;
      for (const decl of d.classes) input.classes.push({ ...decl, file: f.path } as (typeof input.classes)[number]);
      input.functions.push(...d.functions);
      if (d.failure) input.problems!.push({ file: f.path, message: `not indexed: ${d.failure}` });
      else if (d.errors.length > 0) {
        input.problems!.push({
          file: f.path,
          message: `${d.errors.length} syntax error(s), first at line ${d.errors[0]!.line}; partial declarations kept`,
        });
      }
    }
    for (const f of item.overridable) {
      const hash = assetHashes.get(f.sha);
      if (hash) input.fileHashes![f.path] = hash;
    }
    problemCount += input.problems!.length;
    return input;
  });
  writer.addPackage(name, inputs);
}

const indexed = [...releases.keys()].sort(compareLooseVersions);
for (const version of indexed) {
  const release = releases.get(version)!;
  const packages = Object.fromEntries(
    Object.entries(release.packages)
      .filter(([name, v]) => writer.has(name, v))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  writer.setRelease(version, {
    coverage: 'indexed',
    source: release.source,
    packages,
    ...(release.uncovered ? { uncovered: release.uncovered } : {}),
  });
}

// Releases with no tree: the nearest indexed release before them, plus Adobe's published changes when there are any.
const bicDir = join(SHARED, 'bic/open-source');
const bicFiles = existsSync(bicDir)
  ? readdirSync(bicDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];
for (const { version } of catalog.releases) {
  if (compareLooseVersions(version, '2.3.0') < 0 || releases.has(version) || /beta|rc|alpha/.test(version)) continue;
  const base = indexed.filter((v) => compareLooseVersions(v, version) < 0).at(-1);
  if (!base) continue;
  const published = bicFiles.filter((f) => f.endsWith(`__${version}.json`));
  const changes = published.flatMap(
    (f) =>
      (JSON.parse(readFileSync(join(bicDir, f), 'utf8')) as { changes: ManifestRelease['publishedChanges'] }).changes ??
      [],
  );
  const release: ManifestRelease = {
    coverage: 'derived',
    base,
    source:
      published.length > 0
        ? `index of ${base} plus Adobe's published changes (${published.join(', ')})`
        : `index of ${base}`,
    packages: { ...writer.releasePackages(base) },
  };
  const baseUncovered = releases.get(base)?.uncovered;
  if (baseUncovered) {
    // The base's gaps stay gaps here, under this release's own constraint when its metapackage names one.
    const own = metapackageRequire(version);
    release.uncovered = Object.fromEntries(
      Object.entries(baseUncovered).map(([name, u]) => [name, { ...u, constraint: own[name] ?? u.constraint }]),
    );
  }
  if (changes.length > 0) release.publishedChanges = changes;
  writer.setRelease(version, release);
}
for (const [key, value] of Object.entries(sources)) writer.setSource(key, value);
writer.setSource(
  'shared-data',
  'magento-releases.json, magento-composer/*/product-community-edition.json, bic/open-source/*.json',
);
const manifest = writer.finish();
for (const git of [codeTracker, speedupmate, monolog, ...installTrees.map((t) => t.git)]) git?.close();

rmSync(`${OUT}.previous`, { recursive: true, force: true });
if (existsSync(OUT)) renameSync(OUT, `${OUT}.previous`);
renameSync(staging, OUT);
rmSync(`${OUT}.previous`, { recursive: true, force: true });

const total =
  Object.values(manifest.files).reduce((sum, f) => sum + f.bytes, 0) + statSync(join(OUT, 'manifest.json')).size;
log(
  `wrote ${Object.keys(manifest.packages).length} packages, ${Object.keys(manifest.releases).length} releases ` +
    `(${indexed.length} indexed), ${(total / 1e6).toFixed(1)} MB, ${problemCount} files with problems, into ${OUT}`,
);

/** Composer's own answer; a tag or constraint Composer cannot parse simply does not fit. */
function fitsConstraint(version: string, constraint: string): boolean {
  try {
    return satisfies(version, constraint);
  } catch {
    return false;
  }
}
