#!/usr/bin/env -S node --import tsx
/**
 * Regenerates `data/patch-levels.json.gz`: Adobe's isolated security patch files and hotfixes per release line, from
 * the facts in `scripts/data/patch-levels.sources.json` (each with the source it was read from) and the patch files of
 * a fetched SamJUK/m2-meta-security-patches snapshot (`fetch github:SamJUK/m2-meta-security-patches`). From each patch
 * file are kept: the paths, the blob id of each original, and a hash of each hunk's two sides (original and patched
 * lines), which is what detection matches in a store's files. No patch content is written. A patch whose file is not
 * in the snapshot is listed with `files: null` ("not covered": only declarations can tell whether it is applied).
 *
 * A patch file the snapshot lacks may come from `--patch-dir` when `patchFiles` in the sources pins its SHA-256 and
 * names where a byte-exact copy was read; a copy whose hash differs is refused (the patch stays "not covered").
 *
 * Usage: node --import tsx scripts/build-patch-levels.ts [--mirror DIR] [--patch-dir DIR] [--out FILE]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeChecksummedJson } from '../src/knowledge/integrity.js';
import {
  blockKey,
  gitBlobSha1,
  PATCH_LEVELS_SCHEMA,
  type PatchedFile,
  type PatchFileRecord,
  type PatchLevelRecord,
  type PatchLevelsFile,
} from '../src/knowledge/patch-levels.js';

const { values: args } = parseArgs({
  options: {
    mirror: { type: 'string', default: '/work/.mirror' },
    'patch-dir': { type: 'string', default: join(homedir(), '.cache', 'mageup-build', 'patch-files') },
    out: { type: 'string', default: resolve(import.meta.dirname, '../data/patch-levels.json.gz') },
  },
});
const log = (m: string): void => void process.stderr.write(`${m}\n`);

interface Sources {
  asOf: string;
  sources: Record<string, string>;
  bases: Record<string, string> & { $comment?: string };
  levels: (PatchLevelRecord & { lines: string[]; linesCommerceOnly?: string[]; fileStem: string | null })[];
  mageOs: PatchLevelsFile['mageOs'];
  metaPackages: PatchLevelsFile['metaPackages'];
  /** Patch files read outside the snapshot: file name → pinned SHA-256, where the copy was read, why the pin is trusted. */
  patchFiles?: Record<string, { sha256: string; copy: string; verification: string }>;
}
const facts = JSON.parse(
  readFileSync(resolve(import.meta.dirname, 'data/patch-levels.sources.json'), 'utf8'),
) as Sources;

const gitDir = join(args.mirror!, 'SamJUK+m2-meta-security-patches', 'repo');
const haveMirror = existsSync(gitDir);
if (!haveMirror)
  log(`${gitDir} is missing: every patch is listed without its files (fetch SamJUK/m2-meta-security-patches)`);
const git = (...a: string[]): string =>
  execFileSync('git', ['--git-dir', gitDir, ...a], { encoding: 'utf8', maxBuffer: 1 << 26 });

/** Refs to read, oldest first: Adobe's unmodified files come from the tag that first shipped them. */
const refs = haveMirror ? [...git('tag', '--sort=creatordate').split('\n').filter(Boolean), 'HEAD'] : [];

function findPatch(candidates: string[]): { ref: string; path: string; commit: string } | undefined {
  for (const ref of refs) {
    const listed = new Set(git('ls-tree', '-r', '--name-only', ref, 'patches').split('\n'));
    const path = candidates.find((c) => listed.has(c));
    if (path) return { ref, path, commit: git('rev-parse', '--short', ref).trim() };
  }
  return undefined;
}

/**
 * Paths, original blob ids and hunk blocks from a unified git diff. Files the patch creates are rebuilt and their blob
 * id checked against the patch's `index` line.
 */
function manifest(diff: string): PatchedFile[] {
  const files: PatchedFile[] = [];
  const sections = diff.split(/^(?=diff --git )/m).filter((s) => s.startsWith('diff --git '));
  for (const section of sections) {
    const path = /^diff --git a\/(\S+) b\/(\S+)/.exec(section)?.[2];
    const index = /^index ([0-9a-f]+)\.\.([0-9a-f]+)/m.exec(section);
    if (!path || !index) throw new Error(`unreadable diff section: ${section.slice(0, 120)}`);
    const created = /^0+$/.test(index[1]!);
    const hunks: PatchedFile['hunks'] = [];
    for (const body of section.split(/^@@[^\n]*@@[^\n]*\n/m).slice(1)) {
      const minus: string[] = [];
      const plus: string[] = [];
      for (const line of body.replace(/\n$/, '').split('\n')) {
        if (line.startsWith('\\')) continue; // "\ No newline at end of file"
        const text = line.slice(1).replace(/\r$/, '');
        if (line.startsWith('-')) minus.push(text);
        else if (line.startsWith('+')) plus.push(text);
        else {
          minus.push(text);
          plus.push(text);
        }
      }
      hunks.push({ minus: created || minus.length === 0 ? null : blockKey(minus), plus: blockKey(plus) });
    }
    if (created) {
      const body = section
        .split(/^@@[^\n]*@@[^\n]*\n/m)
        .slice(1)
        .join('');
      const lines = body
        .split('\n')
        .filter((l) => l.startsWith('+'))
        .map((l) => l.slice(1));
      const noEol = /\n\\ No newline at end of file/.test(section);
      const content = Buffer.from(lines.join('\n') + (noEol ? '' : '\n'), 'utf8');
      const sha = gitBlobSha1(content);
      if (!sha.startsWith(index[2]!))
        throw new Error(`${path}: rebuilt content has blob ${sha}, the patch says ${index[2]}`);
    }
    files.push({ path, before: created ? null : index[1]!, hunks });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** A patch file from --patch-dir whose SHA-256 is the one `patchFiles` pins; anything else is refused. */
function pinnedCopy(name: string): { diff: string; source: string } | undefined {
  const pin = facts.patchFiles?.[name];
  if (!pin) return undefined;
  const path = join(args['patch-dir']!, name);
  if (!existsSync(path)) {
    log(`${name}: pinned but not in ${args['patch-dir']} (see patchFiles in the sources for where to read it)`);
    return undefined;
  }
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== pin.sha256) {
    log(`${name}: refused, SHA-256 ${sha256} is not the pinned ${pin.sha256}`);
    return undefined;
  }
  return {
    diff: bytes.toString('utf8'),
    source: `${pin.copy} (SHA-256 ${pin.sha256.slice(0, 12)}… as pinned; see patchFiles)`,
  };
}

const code = (base: string): string => base.replace(/\./g, '').replace('-', '');
const patches: PatchFileRecord[] = [];
const commerceOnly: Record<string, string[]> = {};
for (const level of facts.levels) {
  for (const line of level.linesCommerceOnly ?? []) (commerceOnly[line] ??= []).push(level.level);
  for (const line of level.lines) {
    const base = line.startsWith('$') ? undefined : facts.bases[line];
    if (!base) throw new Error(`${level.level}: no base -pN for line ${line}`);
    const hotfix = level.kind === 'hotfix';
    const id = hotfix
      ? `${level.level}-${base}`
      : level.fileStem
        ? `${code(base)}-${level.fileStem}-CE`
        : `${code(base)}-${level.level}-CE`;
    const file = hotfix
      ? `${level.level} hotfix for ${base}`
      : level.fileStem
        ? `${id}.patch`
        : `Adobe's ${level.level} isolated patch for ${base} (file name not confirmed)`;
    const candidates = hotfix
      ? [`patches/emergency/${level.level}/${base}.patch`, `patches/emergency/${level.level}-${code(base)}.patch`]
      : level.fileStem
        ? [`patches/isolated/${id}.patch`, `patches/isolated/${level.fileStem}/${base}-CE.patch`]
        : [];
    const found = candidates.length > 0 ? findPatch(candidates) : undefined;
    let files: PatchedFile[] | null = null;
    let filesSource = 'not covered: the patch file is not in the fetched SamJUK/m2-meta-security-patches snapshot';
    const pinned = found ? undefined : pinnedCopy(`${id}.patch`);
    // The Commerce Version Tool ships inside the patch; it tells nothing about this patch's own files.
    const ownFiles = (diff: string): PatchedFile[] =>
      manifest(diff).filter((f) => f.path !== 'vendor/bin/patch-status');
    if (found) {
      files = ownFiles(git('show', `${found.ref}:${found.path}`));
      filesSource = `SamJUK/m2-meta-security-patches ${found.ref} (${found.commit}) ${found.path}`;
      log(`${id}: ${files.length} files from ${filesSource}`);
    } else if (pinned) {
      files = ownFiles(pinned.diff);
      filesSource = pinned.source;
      log(`${id}: ${files.length} files from ${filesSource}`);
    } else log(`${id}: ${filesSource}`);
    patches.push({
      id,
      level: level.level,
      line,
      requires: base,
      edition: 'CE',
      file,
      files,
      filesSource,
      includedIn: null,
    });
  }
}

const document: PatchLevelsFile = {
  schema: PATCH_LEVELS_SCHEMA,
  asOf: facts.asOf,
  sources: { ...facts.sources, bases: facts.bases.$comment ?? '' },
  bases: Object.fromEntries(Object.entries(facts.bases).filter(([k]) => !k.startsWith('$'))),
  levels: facts.levels.map(({ lines: _l, linesCommerceOnly: _c, fileStem: _f, ...record }) => record),
  patches,
  mageOs: facts.mageOs,
  metaPackages: facts.metaPackages,
  commerceOnly,
  // How far the patch file contents go: files Adobe published after the snapshot's last commit are listed without.
  filesSnapshot: haveMirror
    ? {
        repo: 'SamJUK/m2-meta-security-patches',
        commit: git('rev-parse', '--short', 'HEAD').trim(),
        date: git('log', '-1', '--format=%cs', 'HEAD').trim(),
      }
    : null,
};
const written = writeChecksummedJson(args.out!, document);
log(
  `wrote ${args.out} (${written.bytes} bytes, ${patches.length} patch files, ${patches.filter((p) => p.files).length} with file hashes)`,
);
