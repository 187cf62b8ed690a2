#!/usr/bin/env -S node --import tsx
/**
 * Regenerates `scripts/data/lock-metapackages.json`: the real `magento/product-community-edition` and
 * `magento/magento2-base` metapackages of releases the shared reference data (`../shared/data/magento-composer`) lacks,
 * read from the `composer.lock` of a public project that installed the release (a lock carries each package's
 * `require` as repo.magento.com served it). Only metadata is kept: name, version, type, require, and the dist url and
 * shasum that identify the archive. scripts/build-knowledge.ts reads the file for the releases the shared data has no
 * metapackage of (the release catalog's package set and PHP constraint), and so does scripts/build-composer-data.ts
 * (the library constraints the composer rules compare; a lock has no project template, so the check takes the
 * template of the nearest release of the line that has one and says so).
 *
 * Each lock is verified before use: the metapackage must be at the release named here and come from repo.magento.com,
 * magento/magento2-base must be at the same release, and every `magento/*` package the metapackage pins exactly must
 * be installed at that version in the same lock (a hand-edited lock fails). A lock that fails is refused with the
 * reason, never recorded.
 *
 * Usage: node --import tsx scripts/build-lock-metapackages.ts [--mirror /work/.mirror]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

interface LockSource {
  /** owner/name on GitHub. */
  repo: string;
  ref: string;
  path: string;
  release: string;
}

/** Found by fetching public projects named after the release (find_repos "magento249"); checked as described above. */
const LOCKS: readonly LockSource[] = [
  { repo: 'javierarias-toom/magento249', ref: 'main', path: 'composer.lock', release: '2.4.9' },
];

interface LockPackage {
  name: string;
  version: string;
  type?: string;
  require?: Record<string, string>;
  dist?: { url?: string; shasum?: string };
}

const { values: args } = parseArgs({ options: { mirror: { type: 'string', default: '/work/.mirror' } } });
const out = resolve(import.meta.dirname, 'data/lock-metapackages.json');
const log = (m: string): void => void process.stderr.write(`${m}\n`);

const releases: Record<string, unknown> = {};
for (const source of LOCKS) {
  const gitDir = join(args.mirror!, source.repo.replace('/', '+'), 'repo');
  if (!existsSync(gitDir)) {
    log(`${source.repo} not fetched: ${source.release} is left out`);
    continue;
  }
  const git = (...a: string[]): string =>
    execFileSync('git', ['--git-dir', gitDir, ...a], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const commit = git('rev-parse', source.ref).trim();
  const lock = JSON.parse(git('show', `${commit}:${source.path}`)) as { packages: LockPackage[] };
  const installed = new Map(lock.packages.map((p) => [p.name, p]));
  const product = installed.get('magento/product-community-edition');
  const base = installed.get('magento/magento2-base');
  const problems: string[] = [];
  if (product?.version !== source.release) problems.push(`product-community-edition is ${product?.version}`);
  if (base?.version !== source.release) problems.push(`magento2-base is ${base?.version}`);
  if (!product?.dist?.url?.startsWith('https://repo.magento.com/'))
    problems.push(`the metapackage does not come from repo.magento.com (${product?.dist?.url})`);
  for (const [name, constraint] of Object.entries(product?.require ?? {})) {
    if (!name.startsWith('magento/') || !/^\d[\w.-]*$/.test(constraint)) continue;
    const got = installed.get(name)?.version;
    if (got !== constraint) problems.push(`${name}: pinned ${constraint}, installed ${got}`);
  }
  if (problems.length > 0 || !product || !base) {
    log(`${source.repo} ${source.path} refused: ${problems.slice(0, 5).join('; ')}`);
    continue;
  }
  const keep = (p: LockPackage) => ({
    name: p.name,
    version: p.version,
    type: p.type,
    require: p.require ?? {},
    dist: { url: p.dist?.url, shasum: p.dist?.shasum },
  });
  releases[source.release] = {
    source: { repo: source.repo, commit, path: source.path },
    product: keep(product),
    base: keep(base),
  };
  log(
    `${source.release}: ${Object.keys(product.require ?? {}).length} requirements from ${source.repo}@${commit.slice(0, 9)}`,
  );
}

writeFileSync(
  out,
  JSON.stringify(
    {
      $comment:
        'Real magento/product-community-edition and magento/magento2-base metapackages the shared data lacks, read from public composer.lock files by scripts/build-lock-metapackages.ts (each with the repository, commit and path it was read from). Metadata only.',
      releases,
    },
    null,
    2,
  ) + '\n',
);
log(`wrote ${out}`);
