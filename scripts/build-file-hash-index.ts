#!/usr/bin/env -S node --import tsx
/**
 * Regenerates the shipped file-hash index, `data/file-hashes/**`: for every magento/* package version of every release
 * in controlaltdelete-nl/magento2-code-tracker (branches magento-2.3.0 … magento-2.4.8-p1, first install of each) and
 * of the verified full installs of scripts/install-trees.ts (2.4.7-p7, 2.4.7-p8, 2.4.8-p2, when fetched), the
 * git blob sha of each overridable/extendable non-PHP file, the layout blocks/containers and the di.xml preferences
 * declared (per area; magento2-base's app/etc/di.xml too). Read straight from git objects (`ls-tree` gives the hashes;
 * layout XML, di.xml, module.xml and registration.php blobs are read, to name components, layout elements and core
 * preferences, and every variant of a file that changes across versions, for its meaningful hash: comments and
 * whitespace dropped, so a change of comments only is known as such). No file content is written.
 *
 * Usage: node --import tsx scripts/build-file-hash-index.ts [--mirror DIR] [--out DIR]
 * Deterministic: the same snapshot gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { GitObjects } from '../src/indexer/git-objects.js';
import { writeChecksummedJson } from '../src/knowledge/integrity.js';
import { compareLooseVersions } from '../src/knowledge/api/versions.js';
import { meaningfulHash } from '../src/check/files/meaningful.js';
import { encodeTimelines } from '../src/knowledge/ranges.js';
import { openInstallTrees } from './install-trees.js';
import {
  declaredLayoutNames,
  declaredPreferences,
  diArea,
  FILE_HASH_SCHEMA,
  HASH_LENGTH,
  isTrackedFile,
  MANIFEST_FILE,
  type FileHashManifest,
  type PackageFileHashes,
} from '../src/knowledge/file-hashes/format.js';

const { values: args } = parseArgs({
  options: {
    mirror: { type: 'string', default: '/work/.mirror' },
    out: { type: 'string', default: resolve(import.meta.dirname, '../data/file-hashes') },
  },
});
const dir = join(args.mirror!, 'controlaltdelete-nl+magento2-code-tracker', 'repo');
if (!existsSync(dir)) throw new Error(`${dir} is missing: fetch controlaltdelete-nl/magento2-code-tracker first`);
const tracker = new GitObjects(dir);
const log = (m: string): void => void process.stderr.write(`${m}\n`);
const installTrees = await openInstallTrees(args.mirror!, log);

interface VersionData {
  files: Map<string, string>; // path → full blob sha
  /** di.xml path → blob sha (app/etc/di.xml of magento2-base too, which the tracked files leave out). */
  di: Map<string, string>;
  kind: PackageFileHashes['kind'];
  component?: string;
  /** The snapshot the blobs are read from. */
  git: GitObjects;
}
const packages = new Map<string, Map<string, VersionData>>();
const releases: FileHashManifest['releases'] = {};
const layoutCache = new Map<string, { name: string; kind: 'block' | 'container' }[]>();
const preferenceCache = new Map<string, { for: string; type: string }[]>();
let newest = '';

async function componentOf(
  git: GitObjects,
  entries: Map<string, string>,
): Promise<{ kind: VersionData['kind']; component?: string }> {
  const moduleXml = entries.get('etc/module.xml');
  if (moduleXml) {
    const text = (await git.readText(moduleXml)) ?? '';
    const name = /<module\b[^>]*\bname\s*=\s*"([^"]+)"/.exec(text)?.[1];
    return { kind: 'module', ...(name ? { component: name } : {}) };
  }
  const registration = entries.get('registration.php');
  if (registration && entries.has('theme.xml')) {
    const text = (await git.readText(registration)) ?? '';
    const code = /ComponentRegistrar::THEME\s*,\s*'([^']+)'/.exec(text)?.[1];
    return { kind: 'theme', ...(code ? { component: code } : {}) };
  }
  return { kind: 'library' };
}

const branches = tracker.refs('refs/heads/magento-*').sort((a, b) => compareLooseVersions(a.slice(8), b.slice(8)));
// The tracker re-installs each release daily: its first install is the closest to what the release shipped.
const installs = branches.map((branch) => ({
  git: tracker,
  commit: tracker.firstCommit(branch),
  release: branch.slice('magento-'.length),
  label: branch,
}));
for (const tree of installTrees)
  installs.push({ git: tree.git, commit: tree.commit, release: tree.release, label: tree.label });
for (const { git, commit, release, label } of installs) {
  const date = git.commitDate(commit);
  if (date > newest) newest = date;
  const set: Record<string, string> = {};
  const tops = git.lsTree(`${commit}:vendor/magento`).filter((e) => e.type === 'tree');
  for (const top of tops) {
    const composerText = await git.readText(`${top.sha}:composer.json`);
    let composer: { name?: string; version?: string; type?: string } = {};
    try {
      composer = JSON.parse(composerText ?? '{}') as typeof composer;
    } catch {
      log(`warning: ${label} vendor/magento/${top.path}/composer.json is not JSON; skipped`);
    }
    if (!composer.name || !composer.version || composer.type === 'metapackage') continue;
    set[composer.name] = composer.version;
    let versions = packages.get(composer.name);
    if (!versions) packages.set(composer.name, (versions = new Map()));
    if (versions.has(composer.version)) continue;
    const all = new Map(git.lsTree(top.sha, true).map((e) => [e.path, e.sha]));
    const files = new Map([...all].filter(([path]) => isTrackedFile(path)));
    const di = new Map([...all].filter(([path]) => diArea(path) !== undefined));
    versions.set(composer.version, { files, di, git, ...(await componentOf(git, all)) });
  }
  releases[release] = set;
  log(`${label}: ${Object.keys(set).length} packages`);
}

async function layoutNamesOf(git: GitObjects, sha: string): Promise<{ name: string; kind: 'block' | 'container' }[]> {
  let names = layoutCache.get(sha);
  if (!names) layoutCache.set(sha, (names = declaredLayoutNames((await git.readText(sha)) ?? '')));
  return names;
}

async function preferencesOf(git: GitObjects, sha: string): Promise<{ for: string; type: string }[]> {
  let found = preferenceCache.get(sha);
  if (!found) preferenceCache.set(sha, (found = declaredPreferences((await git.readText(sha)) ?? '')));
  return found;
}

const out = resolve(args.out!);
const tmp = `${out}.tmp`;
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const manifest: FileHashManifest = {
  schema: FILE_HASH_SCHEMA,
  generatedAt: newest,
  source:
    `controlaltdelete-nl/magento2-code-tracker branches ${branches[0]} … ${branches.at(-1)} (first install each)` +
    installTrees.map((t) => `; ${t.repo} ${t.ref} (${t.release})`).join(''),
  releases,
  packages: {},
};
let totalFiles = 0;
for (const name of [...packages.keys()].sort()) {
  const byVersion = packages.get(name)!;
  const versions = [...byVersion.keys()].sort(compareLooseVersions);
  const fileTimeline = new Map<string, Map<string, number[]>>();
  /** path → short hash → where to read that variant (the first version holding it). */
  const blobs = new Map<string, Map<string, { git: GitObjects; sha: string }>>();
  const nameTimeline = new Map<string, Map<string, number[]>>();
  const preferenceTimeline = new Map<string, Map<string, number[]>>();
  let kind: PackageFileHashes['kind'] = 'library';
  let component: string | undefined;
  for (const [index, version] of versions.entries()) {
    const data = byVersion.get(version)!;
    kind = data.kind;
    component = data.component ?? component;
    for (const [path, sha] of data.files) {
      const hash = sha.slice(0, HASH_LENGTH);
      let variants = fileTimeline.get(path);
      if (!variants) fileTimeline.set(path, (variants = new Map()));
      variants.set(hash, [...(variants.get(hash) ?? []), index]);
      let where = blobs.get(path);
      if (!where) blobs.set(path, (where = new Map()));
      if (!where.has(hash)) where.set(hash, { git: data.git, sha });
      if (/(^|\/)(layout|page_layout)\/.+\.xml$/.test(path)) {
        for (const declared of await layoutNamesOf(data.git, sha)) {
          let kinds = nameTimeline.get(declared.name);
          if (!kinds) nameTimeline.set(declared.name, (kinds = new Map()));
          const list = kinds.get(declared.kind) ?? [];
          if (list.at(-1) !== index) list.push(index);
          kinds.set(declared.kind, list);
        }
      }
    }
    for (const [path, sha] of data.di) {
      const area = diArea(path)!;
      // Within one file the last declaration for a type wins, as in Magento's merged config.
      const byFor = new Map((await preferencesOf(data.git, sha)).map((p) => [p.for, p.type]));
      for (const [forType, type] of byFor) {
        const key = `${area}:${forType}`;
        let variants = preferenceTimeline.get(key);
        if (!variants) preferenceTimeline.set(key, (variants = new Map()));
        variants.set(type, [...(variants.get(type) ?? []), index]);
      }
    }
  }
  // A file with several variants gets each variant's meaningful hash (read once per blob).
  const files: PackageFileHashes['files'] = {};
  for (const [path, entries] of Object.entries(encodeTimelines(fileTimeline))) {
    files[path] =
      entries.length < 2
        ? entries
        : await Promise.all(
            entries.map(async ([hash, ranges]): Promise<[string, string, string?]> => {
              const { git, sha } = blobs.get(path)!.get(hash)!;
              const text = await git.readText(sha);
              return text === null ? [hash, ranges] : [hash, ranges, meaningfulHash(text, path)];
            }),
          );
  }
  const data: PackageFileHashes = {
    package: name,
    kind,
    ...(component ? { component } : {}),
    versions,
    files,
    layoutNames: encodeTimelines(nameTimeline),
    preferences: encodeTimelines(preferenceTimeline),
  };
  totalFiles += fileTimeline.size;
  const bytes = gzipSync(JSON.stringify(data), { level: 9 });
  const file = `packages/${name}.json.gz`;
  mkdirSync(dirname(join(tmp, file)), { recursive: true });
  writeFileSync(join(tmp, file), bytes);
  manifest.packages[name] = { file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
// Gzipped with a sha256 beside it like the other knowledge files: a corrupt manifest is refused, not misread.
writeChecksummedJson(join(tmp, MANIFEST_FILE), manifest);
tracker.close();
for (const tree of installTrees) tree.git.close();
rmSync(out, { recursive: true, force: true });
renameSync(tmp, out);
const size = Object.values(manifest.packages).reduce((s, p) => s + p.bytes, 0);
log(`${packages.size} packages, ${totalFiles} file paths, ${(size / 1024 / 1024).toFixed(2)} MB compressed → ${out}`);
