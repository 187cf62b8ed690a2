import type { RuleContext } from '../rule.js';

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
