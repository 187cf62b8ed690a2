import type { SymbolIndex } from '../../knowledge/types.js';
import type { CodeUnit, RuleContext } from '../rule.js';
import { ClassWorld } from './class-world.js';

// The php-api rules of one check share their class views: built once per (code, index) pair.
const cache = new WeakMap<readonly CodeUnit[], Map<SymbolIndex | null, ClassWorld>>();

function worldOf(code: readonly CodeUnit[], index: SymbolIndex | null): ClassWorld {
  let byIndex = cache.get(code);
  if (!byIndex) cache.set(code, (byIndex = new Map()));
  let world = byIndex.get(index);
  if (!world) byIndex.set(index, (world = new ClassWorld(code, index)));
  return world;
}

/** Class views at the target release and, when its index is known, at the current one. */
export function worldsOf(context: RuleContext): { target: ClassWorld; current: ClassWorld | null } {
  const currentIndex =
    context.current.symbols && context.current.symbols.coverage !== 'none' ? context.current.symbols : null;
  return {
    target: worldOf(context.code, context.target.symbols),
    current: currentIndex ? worldOf(context.code, currentIndex) : null,
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

/** `2.4.8` or `2.4.8 (index derived, not exact)` for messages. */
export function releaseLabel(context: RuleContext): string {
  const coverage = context.target.symbols.coverage;
  return coverage === 'derived' ? `${context.target.release.version} (derived index)` : context.target.release.version;
}

export function currentLabel(context: RuleContext): string {
  return context.current.release?.version ?? 'the current release';
}
