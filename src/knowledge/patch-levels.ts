import { createHash } from 'node:crypto';
import { join, resolve as resolvePath } from 'node:path';
import { defaultDataDir } from './catalog.js';
import { readChecksummedJson } from './integrity.js';
import { compareMagentoVersions, minorOf } from './magento-version.js';

/**
 * Adobe's patch model since July 2026: between the (at least yearly) `-pN` security releases, each supported line gets
 * isolated security patch files (`249-2026-07-001-CE.patch`) and out-of-band hotfixes. They apply only on the latest
 * `-pN` of their line, one after the other, and any Composer operation that reinstalls a package removes them, so a
 * version in `composer.lock` no longer says whether a store is protected. The shipped data
 * (`data/patch-levels.json.gz`, built by `scripts/build-patch-levels.ts` from the sources it names) lists every level
 * with its bulletin, CVEs and, where a patch file could be read, the files it changes with their git blob ids before
 * and after.
 */
export const PATCH_LEVELS_SCHEMA = 1;
export const PATCH_LEVELS_FILE = 'patch-levels.json.gz';

export interface PatchLevelRecord {
  /** `2026-jul`, `2026-aug`, or a hotfix id such as `VULN-39341`. */
  level: string;
  kind: 'isolated' | 'hotfix';
  date: string;
  bulletin: string | null;
  bulletinUrl: string;
  cves: string[];
  severity: 'critical' | 'important' | 'moderate' | null;
  cvss: number | null;
  exploited: boolean;
  name?: string;
  /** Where each fact comes from (bulletin, date, cves, severity, exploited, files). */
  sources: Record<string, string>;
}

export interface PatchedFile {
  /** Path relative to the project root (`vendor/magento/module-quote/...`, or a root copy such as `nginx.conf.sample`). */
  path: string;
  /** Git blob id (abbreviated) of the original the patch was made against; null for a file the patch creates. */
  before: string | null;
  /**
   * Each hunk as two line blocks, `<lines>:<sha1 prefix>` of the lines joined by `\n`: `minus` (context and removed
   * lines, what the original holds) and `plus` (context and added lines, what the patched file holds). Blocks, not the
   * whole-file blob ids of the patch's `index` lines: those name Adobe's internal files, which differ from the
   * released ones (a patched release file never has the "after" id), and blocks also survive unrelated edits.
   */
  hunks: { minus: string | null; plus: string }[];
}

export interface PatchFileRecord {
  /** Adobe's id, `249-2026-07-001-CE`; hotfixes `VULN-39341-2.4.9`. */
  id: string;
  level: string;
  /** Release line, `2.4.9`. */
  line: string;
  /** The `-pN` it applies on (`2.4.8-p5`). */
  requires: string;
  edition: 'CE';
  /** The file a user applies. */
  file: string;
  /** Files the patch changes, when its content could be read; null otherwise (then only declarations can tell). */
  files: PatchedFile[] | null;
  filesSource: string;
  /**
   * The later `-pN` whose release notes say it includes this patch; null while none does (Adobe: isolated files "are
   * incorporated into the next full security patch", sources.inclusion).
   */
  includedIn: string | null;
}

export interface MageOsPatchRecord {
  version: string;
  date: string;
  upstream: string;
  levels: string[];
  source: string;
}

export interface PatchLevelsFile {
  schema: number;
  asOf: string;
  sources: Record<string, string>;
  bases: Record<string, string>;
  levels: PatchLevelRecord[];
  patches: PatchFileRecord[];
  mageOs: MageOsPatchRecord[];
  metaPackages: Record<string, { version: string; levels: string[]; source: string }[]>;
  /** Lines where a level fixes Adobe Commerce only (October 2026: 2.4.6). */
  commerceOnly: Record<string, string[]>;
  /**
   * The patch-file snapshot the file contents were read from (its newest commit and that commit's date): a patch
   * published after it has `files: null`. Null when the build had no snapshot.
   */
  filesSnapshot?: { repo: string; commit: string; date: string } | null;
}

let cached: { dir: string; data: PatchLevelsFile } | undefined;

export function loadPatchLevels(dataDir: string = defaultDataDir()): PatchLevelsFile {
  const dir = resolvePath(dataDir);
  if (cached?.dir === dir) return cached.data;
  const data = readChecksummedJson(join(dir, PATCH_LEVELS_FILE), PATCH_LEVELS_SCHEMA) as PatchLevelsFile;
  cached = { dir, data };
  return data;
}

/** Git's blob id of a file's content: what patch files name in their `index` lines. */
export function gitBlobSha1(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** `<n>:<sha1 prefix>` of a block of lines (line ends without `\r`). */
export function blockKey(lines: string[]): string {
  return `${lines.length}:${createHash('sha1').update(lines.join('\n')).digest('hex').slice(0, 12)}`;
}

/** Which of the wanted blocks a file's text holds, by hashing every window of each wanted length. */
export function blocksIn(text: string, wanted: ReadonlySet<string>): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const sizes = new Set([...wanted].map((k) => Number(k.split(':')[0])));
  const found = new Set<string>();
  for (const n of sizes) {
    if (n === 0 || n > lines.length) continue;
    for (let i = 0; i + n <= lines.length; i++) {
      const key = blockKey(lines.slice(i, i + n));
      if (wanted.has(key)) found.add(key);
    }
  }
  return [...found].sort();
}

/** Every path whose content tells whether a known patch is applied, with the blocks to look for in it. */
export function patchProbes(data: PatchLevelsFile = loadPatchLevels()): Map<string, Set<string>> {
  const probes = new Map<string, Set<string>>();
  for (const p of data.patches) {
    for (const f of p.files ?? []) {
      const set = probes.get(f.path) ?? new Set<string>();
      for (const h of f.hunks) {
        set.add(h.plus);
        if (h.minus) set.add(h.minus);
      }
      probes.set(f.path, set);
    }
  }
  return probes;
}

/** What the project shows about patches, read by the project loader. */
export interface PatchEvidence {
  /** For each probed file present in the project, the patch blocks it holds (absent files are missing from the map). */
  files: Record<string, string[]>;
  /** Names and descriptions of declared patches (composer plugins, m2-hotfixes, quality patches) in lower case. */
  declared: { text: string; where: string }[];
  /** Lock versions of packages that carry patches (Mage-OS, patch metapackages). */
  packages: Record<string, string>;
  /** The Commerce Version Tool's report (`vendor/bin/patch-status` JSON), when given or found. */
  cvt?: { applied: string[]; missing: string[]; unknown: string[]; source: string };
}

export type PatchState = 'applied' | 'missing' | 'partial' | 'unknown';

/** One isolated patch file or hotfix as reports list it (kb status, audit). */
export interface PatchListing {
  id: string;
  level: string;
  kind: 'isolated' | 'hotfix';
  date: string;
  bulletin: string | null;
  cves: string[];
  exploited: boolean;
  file: string;
}

export interface PatchAssessment {
  record: PatchFileRecord;
  level: PatchLevelRecord;
  state: PatchState;
  /** How the state was decided, one short phrase per signal. */
  evidence: string[];
  /** For partial: files already patched / all files. */
  filesPatched?: number;
  filesTotal?: number;
  /** Files in neither the before nor the after state (local edits or another patch). */
  filesModified?: string[];
}

export interface PatchLevelStatus {
  /** `2.4.9`, or the Mage-OS version's upstream. */
  base: string;
  line: string;
  /** The -pN the line's patch files need, when the line has patch files. */
  requires: string | null;
  /** True when the base is older than `requires`: no patch file applies until the -pN upgrade. */
  behind: boolean;
  patches: PatchAssessment[];
  /** `2.4.9 + 2026-jul, missing 2026-aug, hotfix VULN-39341 missing`. */
  label: string;
  /** Levels known for the line that have no patch file for this edition (e.g. Commerce-only). */
  notApplicable: string[];
}

/** Isolated patches of a line that a version of Mage-OS already carries in its code. */
function mageOsLevels(data: PatchLevelsFile, version: string | undefined): Set<string> | undefined {
  if (!version) return undefined;
  const known = data.mageOs.filter((m) => compareMagentoVersions(m.version, version) <= 0);
  const latest = known[known.length - 1];
  return latest ? new Set(latest.levels) : new Set();
}

function metaPackageLevels(data: PatchLevelsFile, packages: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, releases] of Object.entries(data.metaPackages)) {
    const version = packages[name];
    if (!version) continue;
    const v = version.replace(/^v/, '');
    const carried = releases.filter((r) => r.version <= v).pop();
    for (const level of carried?.levels ?? []) out.set(level, `${name} ${v}`);
  }
  return out;
}

/** The file's state against one patch, given the later patches of the chain that may have changed it again. */
function fileState(
  file: PatchedFile,
  later: PatchFileRecord[],
  files: Record<string, string[]>,
): 'after' | 'before' | 'other' | 'absent' {
  const found = files[file.path];
  if (found === undefined) return file.before === null ? 'before' : 'absent';
  const has = new Set(found);
  const all = (keys: (string | null)[]): boolean => keys.length > 0 && keys.every((k) => k !== null && has.has(k));
  if (all(file.hunks.map((h) => h.plus))) return 'after';
  for (const p of later) {
    for (const f of p.files ?? []) {
      if (f.path === file.path && all(f.hunks.map((h) => h.plus))) return 'after';
    }
  }
  if (file.before !== null && all(file.hunks.map((h) => h.minus))) return 'before';
  return 'other';
}

function idMatches(text: string, record: PatchFileRecord, level: PatchLevelRecord): boolean {
  const t = text.toLowerCase();
  if (t.includes(record.id.toLowerCase())) return true;
  if (level.kind === 'hotfix')
    return t.includes(level.level.toLowerCase()) || (!!level.bulletin && t.includes(level.bulletin.toLowerCase()));
  // Declarations written by hand name the month's stem and the line ("2026-07-001 … 2.4.8-p5").
  const stem = record.id
    .replace(/^[0-9p]+-/, '')
    .replace(/-CE$/, '')
    .toLowerCase();
  return t.includes(stem) && (t.includes(record.line) || t.includes(record.id.split('-')[0]!.toLowerCase()));
}

/**
 * The patch level of a project: which isolated patch files and hotfixes of its line are applied, missing or partly
 * applied. File hashes decide when the patch content is known; otherwise declarations (composer patch plugins,
 * m2-hotfixes, the quality patches list), patch-carrying packages (Mage-OS, patch metapackages) and the Commerce
 * Version Tool's report are read, and a patch with no signal at all is `missing` ("no sign of it").
 */
export function assessPatchLevel(
  version: string,
  evidence: PatchEvidence,
  opts: { edition?: 'open-source' | 'commerce' | 'mage-os'; mageOsVersion?: string; data?: PatchLevelsFile } = {},
): PatchLevelStatus {
  const data = opts.data ?? loadPatchLevels();
  const line = minorOf(version);
  const requires = data.bases[line] ?? null;
  const behind = requires !== null && compareMagentoVersions(version, requires) < 0;
  const levels = new Map(data.levels.map((l) => [l.level, l]));
  const chain = data.patches
    .filter((p) => p.line === line)
    .sort((a, b) => (levels.get(a.level)?.date ?? '').localeCompare(levels.get(b.level)?.date ?? ''));
  const mageOs = opts.edition === 'mage-os' ? mageOsLevels(data, opts.mageOsVersion) : undefined;
  const viaPackages = metaPackageLevels(data, evidence.packages);
  const patches: PatchAssessment[] = [];
  chain.forEach((record, i) => {
    const level = levels.get(record.level);
    if (!level) return;
    const notes: string[] = [];
    let state: PatchState | undefined;
    let filesPatched: number | undefined;
    let filesTotal: number | undefined;
    let filesModified: string[] | undefined;
    let unverifiable = false;
    if (behind) {
      state = 'missing';
      notes.push(`needs ${record.requires} first (the store is on ${version})`);
    }
    if (!state && mageOs) {
      if (mageOs.has(record.level)) {
        state = 'applied';
        notes.push(`carried by Mage-OS ${opts.mageOsVersion}`);
      }
    }
    if (!state && record.files && record.files.length > 0) {
      const later = chain.slice(i + 1);
      const states = record.files.map((f) => ({ f, s: fileState(f, later, evidence.files) }));
      const absent = states.filter((x) => x.s === 'absent').map((x) => x.f.path);
      const present = states.filter((x) => x.s !== 'absent');
      filesTotal = present.length;
      filesPatched = present.filter((x) => x.s === 'after').length;
      const before = present.filter((x) => x.s === 'before').length;
      filesModified = present.filter((x) => x.s === 'other').map((x) => x.f.path);
      const absentNote =
        absent.length > 0
          ? ` (${absent.length} of its files are not in the project: ${absent.slice(0, 3).join(', ')}${absent.length > 3 ? ', …' : ''})`
          : '';
      if (!present.some((x) => x.f.before !== null)) {
        unverifiable = true;
        notes.push(`its files are not in the project (vendor/ not installed?)`);
      } else if (filesPatched === filesTotal) {
        state = 'applied';
        notes.push(`all ${filesTotal} files patched${absentNote}`);
      } else if (filesPatched === 0 && before === filesTotal) {
        state = 'missing';
        notes.push(`none of its ${filesTotal} files patched${absentNote}`);
      } else if (filesPatched > 0) {
        state = 'partial';
        notes.push(`${filesPatched} of ${filesTotal} files patched${absentNote}`);
      } else {
        state = 'unknown';
        notes.push(
          `${filesModified.length} of ${filesTotal} files differ from both the original and the patched file${absentNote}`,
        );
      }
    }
    const cvt = evidence.cvt;
    if (cvt) {
      const id = record.id.toLowerCase();
      const has = (list: string[]): boolean => list.some((x) => x.toLowerCase() === id);
      if (has(cvt.applied)) {
        notes.push(`Commerce Version Tool: applied (${cvt.source})`);
        state ??= 'applied';
      } else if (has(cvt.missing)) {
        notes.push(`Commerce Version Tool: missing (${cvt.source})`);
        state ??= 'missing';
      } else if (has(cvt.unknown)) notes.push(`Commerce Version Tool: unknown (${cvt.source})`);
    }
    const declared = evidence.declared.find((d) => idMatches(d.text, record, level));
    const carrier = viaPackages.get(record.level);
    if (declared || carrier) {
      const where = declared ? `declared in ${declared.where}` : `carried by ${carrier}`;
      if (state === 'missing' && !behind && record.files)
        notes.push(
          `${where}, but the files on disk are not patched (Composer reinstalled them, or plugins did not run)`,
        );
      else notes.push(where);
      state ??= 'applied';
    }
    if (!state && unverifiable) {
      state = 'unknown';
      notes.push('no declaration either: could not verify');
    }
    if (!state && record.files) {
      state = 'missing';
      notes.push('no sign of it');
    }
    if (!state) {
      // Without the patch's files nothing on disk can tell: it may have been applied by hand to vendor/.
      state = 'unknown';
      notes.push(
        'no sign of it in composer patches, m2-hotfixes or the Commerce Version Tool report, and its files are not in the shipped data: could not verify',
      );
    }
    patches.push({
      record,
      level,
      state,
      evidence: notes,
      ...(filesTotal !== undefined ? { filesPatched, filesTotal } : {}),
      ...(filesModified && filesModified.length > 0 ? { filesModified } : {}),
    });
  });
  const edition = opts.edition === 'commerce' ? 'commerce' : 'open-source';
  const notApplicable = edition === 'open-source' ? (data.commerceOnly[line] ?? []) : [];
  return {
    base: version,
    line,
    requires,
    behind,
    patches,
    label: levelLabel(version, patches, behind, requires),
    notApplicable,
  };
}

function short(p: PatchAssessment): string {
  return p.level.kind === 'hotfix' ? `hotfix ${p.level.level}` : p.level.level;
}

export function levelLabel(
  version: string,
  patches: PatchAssessment[],
  behind = false,
  requires: string | null = null,
): string {
  if (patches.length === 0) return version;
  if (behind) return `${version} (isolated patches need ${requires} first; ${patches.length} missing)`;
  const parts = [version];
  const applied = patches.filter((p) => p.state === 'applied').map(short);
  if (applied.length) parts[0] = `${version} + ${applied.join(' + ')}`;
  for (const p of patches) {
    if (p.state === 'missing') parts.push(`missing ${short(p)}`);
    if (p.state === 'partial') parts.push(`partly applied ${short(p)} (${p.filesPatched}/${p.filesTotal} files)`);
    if (p.state === 'unknown') parts.push(`unknown ${short(p)}`);
  }
  return parts.join(', ');
}

/** The patch level of a loaded project, or undefined when its line has no patch files or nothing was read. */
export function projectPatchLevel(
  project: {
    kind: string;
    magento: { version: string | null; edition: string; upstreamVersion?: string };
    patchEvidence?: PatchEvidence;
  },
  data: PatchLevelsFile,
): PatchLevelStatus | undefined {
  if (project.kind !== 'project' || !project.patchEvidence) return undefined;
  const mageOs = project.magento.edition === 'mage-os';
  const version = mageOs ? project.magento.upstreamVersion : project.magento.version;
  if (!version) return undefined;
  if (!data.patches.some((p) => p.line === minorOf(version))) return undefined;
  return assessPatchLevel(version, project.patchEvidence, {
    data,
    edition: mageOs ? 'mage-os' : project.magento.edition === 'commerce' ? 'commerce' : 'open-source',
    ...(mageOs && project.magento.version ? { mageOsVersion: project.magento.version } : {}),
  });
}

/** The first Mage-OS release that carries a level, for advice to Mage-OS stores. */
export function mageOsCarrying(data: PatchLevelsFile, level: string): MageOsPatchRecord | undefined {
  return data.mageOs.find((m) => m.levels.includes(level));
}
