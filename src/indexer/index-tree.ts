import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Problem } from '../core/problem.js';
import { ApiDataWriter } from '../knowledge/api/writer.js';
import { projectDataDir } from '../knowledge/cache-dir.js';
import type { PackageVersionInput } from '../knowledge/api/package-codec.js';
import { DeclarationPool } from './analyze-pool.js';
import type { DeclarationJob, FileDeclarations } from './declarations.js';
import { detectMagentoRelease, readInstalledPackages } from './installed-packages.js';
import type { InstalledPackage } from './installed-packages.js';
import { listFilesRecursive, selectPackageFiles } from './package-files.js';

export interface IndexTreeOptions {
  /** Output directory (default: the tree's directory in the user data directory). Existing package versions there are kept (merged). */
  out?: string;
  workers?: number;
  onProgress?: (progress: { phase: 'scan' | 'parse' | 'write'; done: number; total: number }) => void;
  /** Fixed timestamp for reproducible output (tests). */
  generatedAt?: string;
}

export interface IndexTreeResult {
  out: string;
  packages: number;
  phpFiles: number;
  classes: number;
  /** The Magento release the tree installs, recorded as a release of the index when detected. */
  release?: string;
  problems: Problem[];
  durationMs: number;
  /** Milliseconds per phase: scan (list files), parse, hash (non-PHP files), write. */
  timings: Record<string, number>;
  bytes: number;
}

/** Default place of a tree's own index: in the user data directory, keyed by the tree (never inside the tree). */
export function defaultIndexDir(root: string): string {
  return join(projectDataDir(root), 'index');
}

/**
 * Indexes every Composer package installed in a tree (`vendor/composer/installed.json`, or `composer.lock`) into
 * an API index directory in the shipped format, usable with `loadSymbolIndex(..., { extraDirs: [out] })`.
 * PHP files that do not parse keep their partial declarations and are listed as problems.
 */
export async function indexTree(root: string, options: IndexTreeOptions = {}): Promise<IndexTreeResult> {
  const started = performance.now();
  const absRoot = resolve(root);
  const out = resolve(options.out ?? defaultIndexDir(absRoot));
  const installed = readInstalledPackages(absRoot);
  const problems: Problem[] = [...installed.problems];

  const jobs: DeclarationJob[] = [];
  const owner: number[] = [];
  const selections = installed.packages.map((pkg, i) => {
    const selection = selectPackageFiles(listFilesRecursive(pkg.path), pkg.autoload, pkg.type);
    for (const file of selection.php) {
      const path = join(pkg.path, file);
      jobs.push({ file: toPosix(relative(absRoot, path)), path });
      owner.push(i);
    }
    options.onProgress?.({ phase: 'scan', done: i + 1, total: installed.packages.length });
    return selection;
  });

  const timings: Record<string, number> = {};
  let mark = started;
  const lap = (phase: string): void => {
    const now = performance.now();
    timings[phase] = Math.round(now - mark);
    mark = now;
  };
  lap('scan');
  const pool = new DeclarationPool(options.workers);
  let results: FileDeclarations[];
  try {
    results = await pool.analyze(jobs, (done, total) => options.onProgress?.({ phase: 'parse', done, total }));
  } finally {
    await pool.close();
  }
  lap('parse');

  const inputs: PackageVersionInput[] = installed.packages.map((pkg) => ({
    package: pkg.name,
    version: pkg.version,
    classes: [],
    functions: [],
    problems: [],
  }));
  let classCount = 0;
  results.forEach((result, i) => {
    const pkg = installed.packages[owner[i]!]!;
    const input = inputs[owner[i]!]!;
    const inPackage = toPosix(relative(pkg.path, jobs[i]!.path!));
    for (const decl of result.classes)
      input.classes.push({ ...decl, file: inPackage } as (typeof input.classes)[number]);
    input.functions.push(...result.functions);
    classCount += result.classes.length;
    const problem = fileProblem(result);
    if (problem) {
      problems.push({ ...problem, file: result.file });
      input.problems!.push({ file: inPackage, message: problem.message });
    }
  });
  installed.packages.forEach((pkg, i) => {
    inputs[i]!.fileHashes = hashFiles(pkg, selections[i]!.overridable);
  });
  lap('hash');

  const writer = new ApiDataWriter(out, {
    merge: true,
    compression: 'fast',
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
  });
  let bytes = 0;
  inputs.forEach((input, i) => {
    bytes += writer.addPackage(input.package, [input]).bytes;
    options.onProgress?.({ phase: 'write', done: i + 1, total: inputs.length });
  });
  const release = detectMagentoRelease(absRoot);
  if (release) {
    writer.setRelease(release.version, {
      coverage: 'indexed',
      source: `mageup index (${release.edition} ${release.version})`,
      packages: Object.fromEntries(installed.packages.map((p) => [p.name, p.version])),
    });
  }
  writer.setSource('mageup index', { packageList: installed.source });
  writer.finish();
  lap('write');
  return {
    timings,
    out,
    packages: installed.packages.length,
    phpFiles: jobs.length,
    classes: classCount,
    ...(release ? { release: release.version } : {}),
    problems,
    durationMs: Math.round(performance.now() - started),
    bytes,
  };
}

function fileProblem(result: FileDeclarations): Omit<Problem, 'file'> | undefined {
  if (result.failure) {
    return { code: 'php-unreadable', level: 'error', message: `not indexed: ${result.failure}` };
  }
  if (result.errors.length > 0) {
    const first = result.errors[0]!;
    return {
      code: 'php-syntax',
      level: 'warning',
      line: first.line,
      message: `${result.errors.length} syntax error(s), first at line ${first.line}: ${first.message}; partial declarations kept`,
    };
  }
  return undefined;
}

/** Short content hashes of a package's overridable files (64 bits: enough to tell versions of one file apart). */
function hashFiles(pkg: InstalledPackage, files: string[]): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const file of files) {
    try {
      hashes[file] = createHash('sha256')
        .update(readFileSync(join(pkg.path, file)))
        .digest('hex')
        .slice(0, 16);
    } catch {
      // An unreadable asset only loses its hash; PHP problems are what the index reports.
    }
  }
  return hashes;
}

function toPosix(path: string): string {
  return path.split('\\').join('/');
}
