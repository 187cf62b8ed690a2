import type { MessagePart, RuleContext } from '../rule.js';

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

/**
 * How messages name the releases compared (`{{release}}`, `{{current}}`): a part of these, the version as data. Spread
 * into the messages of every rule that reports `releaseLabel()` or `currentLabel()`.
 */
export const RELEASE_MESSAGES = {
  targetVersion: '{{version}}',
  // Another release's symbol index stands in for the target's.
  targetDerived: '{{version}} (API derived from {{base}})',
  targetDerivedNearby: '{{version}} (API derived from a nearby indexed release)',
  currentVersion: '{{version}}',
  currentUnknown: 'the current release',
};

/** `2.4.8`, or `2.4.8-p3 (API derived from 2.4.8-p1)` when another release's index stands in (RELEASE_MESSAGES). */
export function releaseLabel(context: RuleContext): MessagePart[] {
  const { coverage, base } = context.target.symbols;
  const version = context.target.release.version;
  if (coverage !== 'derived') return [{ messageId: 'targetVersion', data: { version } }];
  return [
    base
      ? { messageId: 'targetDerived', data: { version, base } }
      : { messageId: 'targetDerivedNearby', data: { version } },
  ];
}

/** The current release's version, or "the current release" when it is not known (RELEASE_MESSAGES). */
export function currentLabel(context: RuleContext): MessagePart[] {
  const version = context.current.release?.version;
  return [version ? { messageId: 'currentVersion', data: { version } } : { messageId: 'currentUnknown' }];
}
