import type { Release, SymbolIndex } from '../../knowledge/types.js';
import type { CodeUnit, RuleContext } from '../rule.js';
import { ClassWorld } from './class-world.js';
import { supplementIndex } from './release-supplement.js';

// The php-api rules of one check share their class views: built once per (code, index) pair.
const cache = new WeakMap<readonly CodeUnit[], Map<SymbolIndex | null, ClassWorld>>();

function worldOf(code: readonly CodeUnit[], index: SymbolIndex | null): ClassWorld {
  let byIndex = cache.get(code);
  if (!byIndex) cache.set(code, (byIndex = new Map()));
  let world = byIndex.get(index);
  if (!world) byIndex.set(index, (world = new ClassWorld(code, index)));
  return world;
}

// Release indexes completed with the packages their metapackage requires but the index lacks (see release-supplement).
const pending = new WeakMap<SymbolIndex, Promise<SymbolIndex>>();
const prepared = new WeakMap<SymbolIndex, SymbolIndex>();

/** Completes the current and target indexes once per check; php-api rules await it before `worldsOf`. */
export async function prepareWorlds(context: RuleContext): Promise<void> {
  const sides: [SymbolIndex | null, Release | null][] = [
    [context.target.symbols, context.target.release],
    [context.current.symbols, context.current.release],
  ];
  for (const [index, release] of sides) {
    if (!index || prepared.has(index)) continue;
    let promise = pending.get(index);
    if (!promise) pending.set(index, (promise = supplementIndex(index, release)));
    prepared.set(index, await promise);
  }
}

/** The completed index when prepared, else the index itself. */
export function preparedIndex(index: SymbolIndex): SymbolIndex {
  return prepared.get(index) ?? index;
}

/** Class views at the target release and, when its index is known, at the current one. */
export function worldsOf(context: RuleContext): { target: ClassWorld; current: ClassWorld | null } {
  const currentIndex =
    context.current.symbols && context.current.symbols.coverage !== 'none' ? context.current.symbols : null;
  return {
    target: worldOf(context.code, preparedIndex(context.target.symbols)),
    current: currentIndex ? worldOf(context.code, preparedIndex(currentIndex)) : null,
  };
}

/** Names that appear where a class may but are PHP types or keywords, never classes. */
const TYPE_KEYWORDS = new Set([
  'array',
  'bool',
  'boolean',
  'callable',
  'false',
  'float',
  'double',
  'int',
  'integer',
  'iterable',
  'mixed',
  'never',
  'null',
  'object',
  'resource',
  'self',
  'static',
  'parent',
  'string',
  'true',
  'void',
  'numeric',
]);

export function isTypeKeyword(name: string): boolean {
  return TYPE_KEYWORDS.has(name.toLowerCase());
}

/** `2.4.8`, or `2.4.8-p3 (API derived from 2.4.8-p1)` when another release's index stands in, for messages. */
export function releaseLabel(context: RuleContext): string {
  const { coverage, base } = context.target.symbols;
  if (coverage !== 'derived') return context.target.release.version;
  return `${context.target.release.version} (API derived from ${base ?? 'a nearby indexed release'})`;
}

export function currentLabel(context: RuleContext): string {
  return context.current.release?.version ?? 'the current release';
}
