// Builds RuleContext.files for one target: the project's Magento files now and at the target, from vendor trees
// when given (or the project's own vendor/magento), else from the shipped file-hash index.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../../core/problem.js';
import { loadFileHashIndex, type FileHashIndex } from '../../knowledge/file-hashes/index.js';
import { loadJsModuleIndex, type JsModuleIndex } from '../../knowledge/js-modules/index.js';
import { loadLayoutArgumentIndex, type LayoutArgumentIndex } from '../../knowledge/layout-arguments/index.js';
import type { Release } from '../../knowledge/types.js';
import type { ProjectModel } from '../../project/model.js';
import type { RuleContext } from '../../rules/rule.js';
import { nearestOfLine, standInRelease } from '../../knowledge/coverage.js';
import { readShippedIndex } from '../shipped-index.js';
import { minorOf } from '../../knowledge/magento-version.js';
import {
  gitBlobHash,
  layerReleaseFiles,
  releaseFilesFromIndex,
  releaseFilesFromProject,
  releaseFilesFromVendor,
  type ReleaseFiles,
} from './release-files.js';

export interface FileContextOptions {
  baselineVendor?: string;
  targetVendor?: string;
  /** Index to use (tests); default: the shipped one. */
  index?: FileHashIndex | null;
  /** RequireJS index to use (tests); default: the shipped one. */
  jsIndex?: JsModuleIndex | null;
  /** Layout-argument index to use (tests); default: the shipped one. */
  layoutArgumentIndex?: LayoutArgumentIndex | null;
}

export class FileContextBuilder {
  private index: FileHashIndex | null | undefined;
  private jsIndex: JsModuleIndex | null | undefined;
  private layoutArgumentIndex: LayoutArgumentIndex | null | undefined;
  private current: ReleaseFiles | null | undefined;
  private readonly targets = new Map<string, ReleaseFiles | null>();

  constructor(
    private readonly model: ProjectModel,
    private readonly options: FileContextOptions,
    private readonly problems: Problem[],
  ) {
    this.index = options.index;
    this.jsIndex = options.jsIndex;
    this.layoutArgumentIndex = options.layoutArgumentIndex;
  }

  /** Core RequireJS aliases and jQuery, and template arguments, of `version` (or the nearest indexed release of its line) on `files`. */
  private withIndexes(files: ReleaseFiles | null, version: string | undefined): ReleaseFiles | null {
    if (!files || !version) return files;
    if (this.jsIndex === undefined)
      this.jsIndex = readShippedIndex(
        this.problems,
        loadJsModuleIndex,
        'js-modules-unavailable',
        'The RequireJS index',
        'ids aliased by core requirejs-config.js files are not verified',
      );
    const js = standInRelease(this.jsIndex, version);
    if (js) files.js = js.release;
    return this.withLayoutArguments(files, version);
  }

  /** What core templates of `version` (or the nearest indexed release of its line) read, on `files`. */
  private withLayoutArguments(files: ReleaseFiles, version: string): ReleaseFiles {
    if (this.layoutArgumentIndex === undefined)
      this.layoutArgumentIndex = readShippedIndex(
        this.problems,
        loadLayoutArgumentIndex,
        'layout-arguments-unavailable',
        'The layout-argument index',
        'the arguments core templates need from layouts are not verified',
      );
    const layout = standInRelease(this.layoutArgumentIndex, version);
    if (layout) files.layoutArguments = layout.release;
    return files;
  }

  private shippedIndex(): FileHashIndex | null {
    if (this.index === undefined)
      this.index = readShippedIndex(
        this.problems,
        loadFileHashIndex,
        'file-hashes-unavailable',
        'The file-hash index',
        'theme/JS override checks need --baseline-vendor and --target-vendor',
      );
    return this.index;
  }

  private vendor(dir: string, label: string): ReleaseFiles | null {
    try {
      return releaseFilesFromVendor(dir, label, this.problems);
    } catch (error) {
      this.problems.push({
        code: 'vendor-tree-unreadable',
        level: 'error',
        file: dir,
        message: error instanceof Error ? error.message : String(error),
      });
      return null;
    }
  }

  currentFiles(current: Release | null): ReleaseFiles | null {
    if (this.current !== undefined) return this.current;
    if (this.options.baselineVendor) {
      this.current = this.withIndexes(
        this.vendor(this.options.baselineVendor, `baseline ${this.options.baselineVendor}`),
        current?.version ?? this.model.magento.version ?? undefined,
      );
      return this.current;
    }
    const index = this.shippedIndex();
    const version = current?.version ?? this.model.magento.version;
    const stand = index && version ? standIn(index, version) : undefined;
    const base = (stand && index?.releasePackages(stand)) || current?.packages || {};
    // The lock's exact magento/* versions win (a project may carry an individually updated package).
    const locked = Object.fromEntries(
      this.model.packages.filter((p) => p.name.startsWith('magento/')).map((p) => [p.name, p.version]),
    );
    const known =
      index && version
        ? releaseFilesFromIndex(index, { ...base, ...locked }, labelFor(version, stand), standInPackages(index, stand))
        : null;
    // The project's installed components where the project model placed them (one engine for where a theme lives).
    const installed =
      this.model.kind === 'project' && existsSync(join(this.model.root, 'vendor', 'magento'))
        ? releaseFilesFromProject(this.model, version ?? 'installed vendor')
        : null;
    this.current = this.withIndexes(
      installed && known ? layerReleaseFiles(installed, known) : (known ?? installed),
      version ?? undefined,
    );
    return this.current;
  }

  targetFiles(target: Release): ReleaseFiles | null {
    if (this.options.targetVendor) {
      if (!this.targets.has('vendor'))
        this.targets.set(
          'vendor',
          this.withIndexes(
            this.vendor(this.options.targetVendor, `target ${this.options.targetVendor}`),
            target.version,
          ),
        );
      return this.targets.get('vendor')!;
    }
    if (!this.targets.has(target.version)) {
      const index = this.shippedIndex();
      const stand = index ? standIn(index, target.version) : undefined;
      if (index && !stand) {
        this.problems.push({
          code: 'file-hashes-release-missing',
          level: 'warning',
          message: `The file-hash index covers no release of the ${minorOf(target.version)} line: theme, layout and JS overrides cannot be verified against ${target.version} (reported as "could not verify"). Pass --target-vendor with a ${target.version} vendor tree for a full comparison.`,
        });
      }
      this.targets.set(
        target.version,
        this.withIndexes(
          index && stand
            ? releaseFilesFromIndex(index, index.releasePackages(stand)!, labelFor(target.version, stand))
            : null,
          target.version,
        ),
      );
    }
    return this.targets.get(target.version)!;
  }

  projectHash = (file: string): string | undefined => {
    try {
      return gitBlobHash(readFileSync(join(this.model.root, file)));
    } catch {
      return undefined;
    }
  };

  projectText = (file: string): string | undefined => {
    try {
      return readFileSync(join(this.model.root, file), 'utf8');
    } catch {
      return undefined;
    }
  };

  contextFor(current: Release | null, target: Release): NonNullable<RuleContext['files']> {
    return {
      current: this.currentFiles(current),
      target: this.targetFiles(target),
      projectHash: this.projectHash,
      projectText: this.projectText,
    };
  }
}

/** The indexed release whose files stand in for `version`: itself, else the nearest of its line (see coverage.ts). */
function standIn(index: FileHashIndex, version: string): string | undefined {
  return nearestOfLine(version, index.releases());
}

/** `2.4.8-p3 (file data of 2.4.8-p1)` when another release stands in, so every message says what was compared. */
function labelFor(version: string, stand: string | undefined): string {
  return stand && stand !== version ? `${version} (file data of ${stand})` : version;
}

/** Versions of the stand-in release, used for a package whose locked version the index does not hold. */
function standInPackages(index: FileHashIndex, stand: string | undefined): Record<string, string> | undefined {
  return stand ? index.releasePackages(stand) : undefined;
}
