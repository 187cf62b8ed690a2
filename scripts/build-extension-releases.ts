/**
 * Builds `data/composer/extensions.json.gz`, the offline release lists of public open-source Magento extensions:
 * for every repository of scripts/extension-repos.txt, every tag whose name Composer accepts as a version and whose
 * root composer.json is valid gives one release (the tag's composer.json name, require and tag date), as Composer's
 * VCS repository would read it. The repositories are fetched snapshots (bare git directories); nothing of their code
 * is kept.
 *
 *   npx tsx scripts/build-extension-releases.ts [--mirror /work/.mirror] [--out data]
 *   npx tsx scripts/build-extension-releases.ts --list scripts/library-repos.txt --file composer/libraries.json.gz
 *
 * The second form builds the release lists of the libraries Magento constrains (symfony, laminas, monolog, …), from
 * which `src/knowledge/target-installs.ts` tells the version a release installs.
 *
 * Repositories that are not fetched are listed and skipped, or with `--keep-absent` keep the packages the current
 * output file has from them (built by this script from their tags before), so adding repositories does not need
 * every earlier one fetched again. Deterministic for the same snapshots.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareVersions, normalizeVersion } from '../src/composer/index.js';
import {
  EXTENSION_RELEASES_FILE,
  EXTENSION_RELEASES_SCHEMA,
  type ExtensionSnapshotFile,
  type PackageRelease,
} from '../src/knowledge/extension-releases.js';
import { readChecksummedJson, writeChecksummedJson } from '../src/knowledge/integrity.js';

function main(): void {
  const { values } = parseArgs({
    options: {
      mirror: { type: 'string', default: '/work/.mirror' },
      out: { type: 'string', default: 'data' },
      list: { type: 'string', default: join(import.meta.dirname, 'extension-repos.txt') },
      file: { type: 'string', default: EXTENSION_RELEASES_FILE },
      'keep-absent': { type: 'boolean', default: false },
    },
  });
  const repos = readFileSync(values.list!, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  // Per repository, the releases of each package name its tags declare (a repository can have been renamed, or
  // another repository can have carried the name before it moved).
  const byRepo: { repo: string; names: Map<string, PackageRelease[]>; home?: string }[] = [];
  const absent: string[] = [];
  let tagsRead = 0;
  for (const repo of repos) {
    const checkout = join(resolve(values.mirror!), repo.replace('/', '+'), 'repo');
    // Most snapshots are bare; some arrive as a checkout holding only .git.
    const gitDir = existsSync(join(checkout, '.git')) ? join(checkout, '.git') : checkout;
    if (!existsSync(gitDir)) {
      absent.push(repo);
      continue;
    }
    const tags = git(gitDir, ['for-each-ref', 'refs/tags', '--format=%(refname:short)\t%(creatordate:iso-strict)'])
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t') as [string, string]);
    const blobs = catFiles(
      gitDir,
      tags.map(([tag]) => `${tag}:composer.json`),
    );
    const names = new Map<string, PackageRelease[]>();
    let newest: { name: string; version: string } | undefined;
    tags.forEach(([tag, date], i) => {
      tagsRead++;
      const release = releaseOf(tag, date, blobs[i]);
      if (!release) return;
      const list = names.get(release.name) ?? [];
      names.set(release.name, list);
      if (list.some((r) => normalizeVersion(r.version) === normalizeVersion(release.version))) return;
      list.push({ version: release.version, require: release.require, time: release.time });
      if (!newest || compareVersions(normalizeVersion(release.version), normalizeVersion(newest.version)) > 0) {
        newest = { name: release.name, version: release.version };
      }
    });
    byRepo.push({ repo, names, home: newest?.name });
  }
  // Packagist reads one repository per package: the one whose newest tag declares the name (its home); a name no
  // repository's newest tag declares (a former name) comes from the repository with the most tags of it.
  const packages: ExtensionSnapshotFile['packages'] = {};
  const allNames = [...new Set(byRepo.flatMap((r) => [...r.names.keys()]))];
  for (const name of allNames) {
    const holders = byRepo.filter((r) => r.names.has(name));
    const home =
      holders.find((r) => r.home === name) ??
      holders.reduce((a, b) => (b.names.get(name)!.length > a.names.get(name)!.length ? b : a));
    packages[name] = { repo: `github.com/${home.repo}`, releases: home.names.get(name)! };
  }
  const file = join(resolve(values.out!), values.file!);
  const kept = new Set<string>();
  if (values['keep-absent'] && absent.length > 0 && existsSync(file)) {
    const before = readChecksummedJson(file, EXTENSION_RELEASES_SCHEMA) as ExtensionSnapshotFile;
    const absentHomes = new Set(absent.map((r) => `github.com/${r}`.toLowerCase()));
    for (const [name, entry] of Object.entries(before.packages)) {
      if (packages[name] || !absentHomes.has(entry.repo.toLowerCase())) continue;
      packages[name] = entry;
      kept.add(entry.repo.toLowerCase());
    }
  }
  for (const entry of Object.values(packages)) {
    entry.releases.sort((a, b) => compareVersions(normalizeVersion(a.version), normalizeVersion(b.version)));
  }
  const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a < b ? -1 : 1)));
  const doc: ExtensionSnapshotFile = {
    schema: EXTENSION_RELEASES_SCHEMA,
    note: `Tags of ${repos.length - absent.length + kept.size} public repositories (scripts/${basename(values.list!)})`,
    packages: sorted,
  };
  const r = writeChecksummedJson(file, doc);
  const releases = Object.values(sorted).reduce((n, p) => n + p.releases.length, 0);
  console.log(
    `${file}: ${Object.keys(sorted).length} packages, ${releases} releases from ${tagsRead} tags of ` +
      `${repos.length - absent.length} repositories; ${r.bytes} bytes`,
  );
  if (kept.size > 0) console.log(`not fetched, packages kept from ${file}: ${kept.size} repositories`);
  const skipped = absent.filter((r) => !kept.has(`github.com/${r}`.toLowerCase()));
  if (skipped.length > 0) console.log(`not fetched (skipped): ${skipped.join(', ')}`);
}

/** A tag as Composer's VCS repository reads it: a version-like name and a valid root composer.json with a name. */
function releaseOf(
  tag: string,
  date: string,
  blob: string | undefined,
): (PackageRelease & { name: string }) | undefined {
  if (blob === undefined) return undefined;
  try {
    normalizeVersion(tag);
  } catch {
    return undefined;
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(blob) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof json.name !== 'string' || !/^[a-z0-9_.-]+\/[a-z0-9_.-]+$/i.test(json.name)) return undefined;
  const require: Record<string, string> = {};
  if (json.require && typeof json.require === 'object') {
    for (const [k, v] of Object.entries(json.require)) if (typeof v === 'string') require[k.toLowerCase()] = v;
  }
  return { name: json.name.toLowerCase(), version: tag, require, time: date || undefined };
}

function git(gitDir: string, args: string[]): string {
  const r = spawnSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} in ${gitDir}: ${r.stderr}`);
  return r.stdout;
}

/** `git cat-file --batch` for many objects at once; undefined for each that is missing. */
function catFiles(gitDir: string, specs: string[]): (string | undefined)[] {
  if (specs.length === 0) return [];
  const r = spawnSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], {
    input: specs.join('\n') + '\n',
    maxBuffer: 1 << 30,
  });
  const out = r.stdout;
  const result: (string | undefined)[] = [];
  let pos = 0;
  for (let i = 0; i < specs.length; i++) {
    const eol = out.indexOf(0x0a, pos);
    const header = out.subarray(pos, eol).toString('utf8');
    pos = eol + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      result.push(undefined); // `<spec> missing` or ambiguous
      continue;
    }
    const size = Number(m[2]);
    result.push(m[1] === 'blob' ? out.subarray(pos, pos + size).toString('utf8') : undefined);
    pos += size + 1;
  }
  return result;
}

main();
