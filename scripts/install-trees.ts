/**
 * Public repositories that commit a complete Composer install of one Magento Open Source release (vendor/ and
 * composer.lock), found by searching public code for vendor/magento/framework/composer.json and similar paths. The
 * knowledge scripts (API index, db schema, file hashes, layout names) read them as fetched git snapshots; nothing of
 * them is committed, only the facts derived by those scripts.
 *
 * Each tree is verified before use (`openInstallTrees`): the lock must install magento/product-community-edition at
 * the release named here, and every vendor/magento/<package>/composer.json that carries a version must agree with
 * the lock. A tree that fails is refused with the reason, never indexed under a guessed version.
 *
 * Checked by hand when they were added (2026-12-03): for every magento/* package whose version also appears in an
 * independent tree (the code tracker's 2.4.8-p1 for mcar, lrvipuls/mage247 2.4.7-p7 for regionpricing), every file is
 * the same blob (27,283 and 17,549 files, 0 changed, missing or extra): the owners did not edit vendor/magento.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GitObjects } from '../src/indexer/git-objects.js';
import { compareLooseVersions } from '../src/knowledge/api/versions.js';

export interface InstallTree {
  /** owner/name on GitHub. */
  repo: string;
  /** Branch (or tag) that holds the install. */
  ref: string;
  /** The Magento Open Source release it installs. */
  release: string;
  /** Short label for logs and sources. */
  label: string;
}

export const INSTALL_TREES: readonly InstallTree[] = [
  { repo: 'lrvipuls/mage247', ref: 'main', release: '2.4.7-p7', label: 'mage247' },
  // The main branch holds only the owner's module; the `regionpricing` branch holds the whole install.
  { repo: 'satishmv26/regionpricing', ref: 'regionpricing', release: '2.4.7-p8', label: 'regionpricing' },
  { repo: 'tayyabkhan456/mcar', ref: 'main', release: '2.4.8-p2', label: 'mcar' },
];

export interface OpenedInstallTree extends InstallTree {
  git: GitObjects;
  /** Commit the ref points to. */
  commit: string;
}

/**
 * Opens every listed tree fetched under `mirror` (`owner+name/repo`) and verifies it; trees not fetched or failing
 * verification are reported through `log` and left out.
 */
export async function openInstallTrees(mirror: string, log: (m: string) => void): Promise<OpenedInstallTree[]> {
  const opened: OpenedInstallTree[] = [];
  for (const tree of INSTALL_TREES) {
    const dir = join(mirror, tree.repo.replace('/', '+'), 'repo');
    if (!existsSync(dir)) {
      log(`warning: ${tree.repo} not fetched: ${tree.release} is not indexed from it`);
      continue;
    }
    const git = new GitObjects(dir);
    const commit = git.revParse(tree.ref);
    const problem = commit ? await verify(git, commit, tree.release) : `has no ref ${tree.ref}`;
    if (problem) {
      log(`warning: ${tree.repo} ${tree.ref} refused: ${problem}`);
      git.close();
      continue;
    }
    opened.push({ ...tree, git, commit: commit! });
  }
  return opened;
}

async function verify(git: GitObjects, commit: string, release: string): Promise<string | undefined> {
  let lock: { packages?: { name: string; version: string }[] };
  try {
    lock = JSON.parse((await git.readText(`${commit}:composer.lock`)) ?? 'null') as typeof lock;
  } catch {
    return 'composer.lock is not JSON';
  }
  const locked = new Map((lock?.packages ?? []).map((p) => [p.name, p.version]));
  const product = locked.get('magento/product-community-edition');
  if (product !== release) return `composer.lock installs magento/product-community-edition ${product ?? 'nowhere'}`;
  let checked = 0;
  for (const entry of git.lsTree(`${commit}:vendor/magento`).filter((e) => e.type === 'tree')) {
    const text = await git.readText(`${entry.sha}:composer.json`);
    let composer: { name?: string; version?: string } = {};
    try {
      composer = JSON.parse(text ?? '{}') as typeof composer;
    } catch {
      continue;
    }
    if (!composer.name || !composer.version || !locked.has(composer.name)) continue;
    if (locked.get(composer.name) !== composer.version)
      return `vendor/magento/${entry.path} is ${composer.version}, the lock says ${locked.get(composer.name)}`;
    checked++;
  }
  if (checked < 100) return `only ${checked} vendor/magento packages agree with the lock`;
  return undefined;
}

/** One snapshot of one release: a commit in a git store. */
export interface ReleaseInstall {
  git: GitObjects;
  commit: string;
  release: string;
}

/**
 * The code tracker's releases (the first install on each `magento-*` branch) and the verified install trees, oldest
 * release first: the list every per-release knowledge script walks.
 */
export async function openReleaseInstalls(
  mirror: string,
  log: (m: string) => void,
): Promise<{ tracker: GitObjects; branches: string[]; installTrees: OpenedInstallTree[]; installs: ReleaseInstall[] }> {
  const dir = join(mirror, 'controlaltdelete-nl+magento2-code-tracker', 'repo');
  if (!existsSync(dir)) throw new Error(`${dir} is missing: fetch controlaltdelete-nl/magento2-code-tracker first`);
  const tracker = new GitObjects(dir);
  const installTrees = await openInstallTrees(mirror, log);
  const branches = tracker.refs('refs/heads/magento-*').sort((a, b) => compareLooseVersions(a.slice(8), b.slice(8)));
  const installs: ReleaseInstall[] = branches.map((branch) => ({
    git: tracker,
    commit: tracker.firstCommit(branch),
    release: branch.slice('magento-'.length),
  }));
  for (const tree of installTrees) installs.push({ git: tree.git, commit: tree.commit, release: tree.release });
  installs.sort((a, b) => compareLooseVersions(a.release, b.release));
  return { tracker, branches, installTrees, installs };
}
