import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { MageupError } from '../core/errors.js';
import type { Problem } from '../core/problem.js';
import { addDocTypes } from '../indexer/doc-types.js';
import { listFilesRecursive } from '../indexer/package-files.js';
import { loadSymbolIndex } from '../knowledge/api/index.js';
import type { EnumerableSymbolIndex, LoadOptions } from '../knowledge/api/index.js';
import { createSymbolIndex } from '../knowledge/memory-symbol-index.js';
import { analyzePhp } from '../php/analyze.js';
import type { ClassDecl, FunctionDecl } from '../php/types.js';
import { addDocVarTypes } from './doc-tags.js';

/** One side of an API diff: a source tree, an indexed release, or one indexed version of a package. */
export interface ApiOperand {
  kind: 'tree' | 'release' | 'package';
  /** What the user named: a path, `2.4.7`, `magento/module-catalog@104.0.7`. */
  label: string;
  index: EnumerableSymbolIndex;
  /** PHP files that did not parse completely (their partial declarations are kept). */
  problems: Problem[];
  /** Packages a release names that no index holds: their classes cannot be compared ("could not verify"). */
  unindexed?: Record<string, string>;
  /** Source trees: per file, a digest of its content (PHP without whitespace) to tell whether anything changed. */
  digests?: Map<string, string>;
  /** Source trees: the absolute root, which the analyzers of files other than PHP read. */
  root?: string;
}

export class ApiDiffInputError extends MageupError {
  override name = 'ApiDiffInputError';
}

/** Folders of a tree that are not its own API: dependencies and tests. */
const SKIPPED = /(^|\/)(vendor|node_modules|dev\/tests|Test\/Unit|Test\/Integration|Test\/Mftf)\//;

/**
 * Resolves an operand: an existing directory is read as a source tree (every PHP file outside vendor/ and tests);
 * `vendor/name@version` is that package version from the API index; anything else is an indexed release.
 */
export async function loadOperand(spec: string, options: LoadOptions = {}): Promise<ApiOperand> {
  if (existsSync(spec) && statSync(spec).isDirectory()) return loadTree(spec);
  const pkg = /^([a-z0-9][\w.-]*\/[\w.-]+)@(.+)$/i.exec(spec);
  if (!pkg && /[/\\]|^\./.test(spec))
    throw new ApiDiffInputError(
      `${spec}: no such directory (an operand is a directory, a release or vendor/name@version)`,
    );
  try {
    if (pkg) {
      const index = await loadSymbolIndex({ packages: { [pkg[1]!.toLowerCase()]: pkg[2]! } }, options);
      const unindexed = index.unindexed();
      if (Object.keys(unindexed).length > 0)
        throw new ApiDiffInputError(
          `${spec}: the API index holds no version ${pkg[2]} of ${pkg[1]} (index it first: mageup index <tree>)`,
        );
      return { kind: 'package', label: spec, index, problems: [] };
    }
    const index = await loadSymbolIndex({ release: spec }, options);
    return { kind: 'release', label: spec, index, problems: [], unindexed: index.unindexed() };
  } catch (error) {
    if (error instanceof ApiDiffInputError) throw error;
    if (error instanceof Error && error.name === 'UnknownVersionError')
      throw new ApiDiffInputError(`"${spec}" is neither a directory nor an indexed release: ${error.message}`);
    throw error;
  }
}

/** Reads every PHP file of a tree into an in-memory index (declarations and docblock types only). */
export async function loadTree(dir: string): Promise<ApiOperand> {
  const root = resolve(dir);
  const all = listFilesRecursive(root);
  const files = all.filter((f) => f.endsWith('.php') && !SKIPPED.test(`/${f}`));
  const classes: ClassDecl[] = [];
  const functions: FunctionDecl[] = [];
  const problems: Problem[] = [];
  const digests = new Map<string, string>();
  for (const file of files) {
    const source = readFileSync(join(root, file), 'utf8');
    digests.set(file, createHash('sha1').update(source.replace(/\s+/g, '')).digest('hex'));
    const analysis = await analyzePhp(source, file, { declarationsOnly: true });
    addDocTypes(source, analysis.classes);
    addDocVarTypes(source, analysis.classes);
    for (const decl of analysis.classes) classes.push({ ...decl, file } as ClassDecl);
    functions.push(...analysis.functions);
    if (analysis.errors.length > 0)
      problems.push({
        code: 'php-syntax',
        level: 'error',
        file,
        line: analysis.errors[0]!.line,
        message: `PHP syntax error (${analysis.errors[0]!.message}): its declarations may be incomplete`,
      });
  }
  // Other files count as changes too (SVC's FileChangeDetector compares every file's content).
  for (const file of all)
    if (!file.endsWith('.php'))
      digests.set(
        file,
        createHash('sha1')
          .update(readFileSync(join(root, file)))
          .digest('hex'),
      );
  const name = packageName(root);
  const index = createSymbolIndex([{ package: name, version: 'tree', classes, functions }]);
  return {
    kind: 'tree',
    label: dir,
    index: { ...index, classNames: () => classes.map((c) => c.name) },
    problems,
    digests,
    root,
  };
}

function packageName(root: string): string {
  try {
    const composer = JSON.parse(readFileSync(join(root, 'composer.json'), 'utf8')) as { name?: unknown };
    if (typeof composer.name === 'string') return composer.name;
  } catch {
    // no composer.json: the folder name stands for the package
  }
  return basename(root);
}
