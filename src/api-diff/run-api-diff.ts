import type { Problem } from '../core/problem.js';
import { diffPackageApis } from '../knowledge/api/index.js';
import type { ApiChange, LoadOptions } from '../knowledge/api/index.js';
import type { ClassDecl } from '../php/types.js';
import { loadOperand } from './operands.js';
import type { ApiOperand } from './operands.js';
import { analyzeTreeFiles } from './analyzers/index.js';
import type { FileOperation } from './analyzers/index.js';
import { LEVEL_RANK, svcOperations } from './svc.js';
import type { SemverLevel, SvcOperation } from './svc.js';

export type VersionLevel = SemverLevel | 'NONE';

/** One change found by the diff engine, with SVC's reading of it and the version level it needs here. */
export interface ApiDiffEntry extends ApiChange {
  /** magento-semver's operations for this change (code, message, level before dampening); [] when SVC has none. */
  svc: SvcOperation[];
  /** The level this change needs: SVC's, PATCH outside `@api` (SVC's NonApiAnalyzer), MageUp's own when SVC has none. */
  level: VersionLevel;
  /** The level comes from MageUp's own table (SVC reports no operation for this kind of change). */
  ownLevel?: boolean;
}

export interface ApiDiffReport {
  old: { label: string; kind: ApiOperand['kind'] };
  new: { label: string; kind: ApiOperand['kind'] };
  changes: ApiDiffEntry[];
  /** Source trees: changes to files other than PHP (db_schema, di.xml, layout, system.xml, XSD, LESS, MFTF), SVC's way. */
  fileChanges: FileOperation[];
  /** The level the API changes need: the highest of them (magento-semver's "suggested" change). */
  apiLevel: VersionLevel;
  /** The version the release needs: apiLevel, or PATCH when code changed without changing the API (trees only). */
  level: VersionLevel;
  /** Source trees: files added, removed or changed (PHP files beyond whitespace). */
  filesChanged?: number;
  counts: { added: number; removed: number; changed: number };
  /** Packages a side names that no index holds: not compared (could not verify). */
  unindexed: Record<string, string>;
  problems: Problem[];
}

export interface ApiDiffOptions extends LoadOptions {
  /** Only classes whose FQCN passes this filter. */
  filter?: (fqcn: string) => boolean;
}

/** `mageup api-diff`: every API change between two operands, SVC's codes where they match, and the version needed. */
export async function runApiDiff(
  oldSpec: string,
  newSpec: string,
  options: ApiDiffOptions = {},
): Promise<ApiDiffReport> {
  const [a, b] = [await loadOperand(oldSpec, options), await loadOperand(newSpec, options)];
  return diffOperands(a, b, options);
}

export function diffOperands(a: ApiOperand, b: ApiOperand, options: ApiDiffOptions = {}): ApiDiffReport {
  const changes = diffPackageApis(a.index, b.index, {
    bodies: true,
    ...(options.filter ? { filter: options.filter } : {}),
  });
  const sides = {
    before: (fqcn: string) => a.index.getClass(fqcn) as ClassDecl | undefined,
    after: (fqcn: string) => b.index.getClass(fqcn) as ClassDecl | undefined,
  };
  const entries: ApiDiffEntry[] = [];
  for (const change of changes) {
    const svc = svcOperations(change, sides);
    const api = isApi(change, sides);
    let level: VersionLevel = 'NONE';
    let own = false;
    if (svc.length > 0) {
      level = svc.reduce<VersionLevel>((max, o) => (LEVEL_RANK[o.level] > LEVEL_RANK[max] ? o.level : max), 'NONE');
    } else {
      level = ownLevel(change);
      own = level !== 'NONE';
    }
    // Outside `@api` every change is PATCH (SVC's NonApiAnalyzer); @api itself appearing or going is judged as API.
    if (!api && level !== 'NONE' && change.kind !== 'api-added' && change.kind !== 'api-removed') level = 'PATCH';
    if (change.kind === 'method-changed' && svc.length === 0 && level === 'NONE') continue; // a body-only change SVC does not count (interfaces)
    entries.push({ ...change, api, svc, level, ...(own ? { ownLevel: true } : {}) });
  }
  const fileChanges = a.root && b.root ? analyzeTreeFiles(a.root, b.root) : [];
  const apiLevel = [...entries, ...fileChanges].reduce<VersionLevel>(
    (max, e) => (LEVEL_RANK[e.level] > LEVEL_RANK[max] ? e.level : max),
    'NONE',
  );
  const filesChanged = a.digests && b.digests ? changedFiles(a.digests, b.digests) : undefined;
  const level = apiLevel === 'NONE' && filesChanged ? 'PATCH' : apiLevel;
  const count = (suffix: string) => entries.filter((e) => e.kind.endsWith(suffix)).length;
  return {
    old: { label: a.label, kind: a.kind },
    new: { label: b.label, kind: b.kind },
    changes: entries,
    fileChanges,
    apiLevel,
    level,
    ...(filesChanged !== undefined ? { filesChanged } : {}),
    counts: {
      added: count('-added'),
      removed: count('-removed'),
      changed: entries.length - count('-added') - count('-removed'),
    },
    unindexed: { ...(a.unindexed ?? {}), ...(b.unindexed ?? {}) },
    problems: [...a.problems, ...b.problems],
  };
}

/** A change is API when its class (on either side) or the member carries `@api`: members inherit their class's. */
function isApi(
  change: ApiChange,
  sides: { before: (n: string) => ClassDecl | undefined; after: (n: string) => ClassDecl | undefined },
): boolean {
  const name = change.symbol.split('::')[0]!;
  return change.api === true || !!sides.before(name)?.api || !!sides.after(name)?.api;
}

/** Levels for changes SVC reports nothing for, judged by what breaks a caller or a subclass. */
function ownLevel(change: ApiChange): VersionLevel {
  const open = change.visibility !== 'private';
  switch (change.kind) {
    case 'kind-changed':
    case 'became-final':
    case 'became-abstract':
    case 'trait-removed':
      return 'MAJOR';
    case 'extends-changed':
      return change.before ? 'MAJOR' : 'MINOR';
    case 'property-changed':
    case 'constant-changed':
      return open &&
        (change.aspects ?? []).some((x) =>
          ['type-changed', 'visibility-reduced', 'static-changed', 'readonly-changed', 'became-final'].includes(x),
        )
        ? 'MAJOR'
        : 'PATCH';
    case 'method-changed':
      return open &&
        (change.aspects ?? []).some((x) =>
          [
            'static-changed',
            'became-final',
            'became-abstract',
            'param-by-ref-changed',
            'param-variadic-changed',
          ].includes(x),
        )
        ? 'MAJOR'
        : 'NONE';
    default:
      return 'NONE';
  }
}

function changedFiles(a: Map<string, string>, b: Map<string, string>): number {
  let n = 0;
  for (const [file, digest] of a) if (b.get(file) !== digest) n++;
  for (const file of b.keys()) if (!a.has(file)) n++;
  return n;
}
