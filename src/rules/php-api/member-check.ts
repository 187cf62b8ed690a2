import type { ConstantDecl, MethodDecl, PropertyDecl } from '../../php/types.js';
import type { MessagePart, RuleContext } from '../rule.js';
import type { ClassUse } from './class-uses.js';
import { codeClassUses, configClassUses, describeUse, locationOf } from './class-uses.js';
import type { ClassWorld, MemberLookup } from '../../check/class-world.js';
import { formatMethod } from './signature-format.js';
import { currentLabel, isTypeKeyword, releaseLabel } from './worlds.js';
import { movesWithTarget } from '../../check/code-under-check.js';

export type MemberKind = 'method' | 'constant' | 'property';

type Member = MethodDecl | PropertyDecl | ConstantDecl;

function lookup(world: ClassWorld, kind: MemberKind, cls: string, member: string): MemberLookup<Member> {
  return kind === 'method'
    ? world.findMethod(cls, member)
    : kind === 'property'
      ? world.findProperty(cls, member)
      : world.findConstant(cls, member);
}

/** `Foo::bar()`, `Foo::BAR`, `Foo::$bar` */
export function memberLabel(kind: MemberKind, cls: string, member: string): string {
  return kind === 'method'
    ? `${cls}::${member}()`
    : kind === 'property'
      ? `${cls}::$${member.replace(/^\$/, '')}`
      : `${cls}::${member}`;
}

/**
 * Reports uses of members (`$x->m()`, `Foo::m()`, `Foo::C`, `$x->p`) that the current release declares on the
 * receiver's class or its ancestors and the target does not. A member neither release declares is not reported:
 * receiver types are inferred, and an unknown member is more often imprecise inference than a real problem.
 * Magic (`__call`, `__get`) and configuration-defined members (extension attributes) mean "cannot tell": no finding.
 */
/** Said of a use inside a `class_exists`/`method_exists`/`version_compare` guard (reported as info, not critical). */
export const GUARDED_HINT =
  'it sits inside a class_exists/method_exists/version guard, so it may be the branch the target never takes: check the condition';

/** The messages of checkMemberUses, declared by the three rules that call it (spread into their meta). */
export const MEMBER_MESSAGES = {
  memberGone:
    '{{member}}{{signature}} is {{verb}} here on `{{class}}`; {{current}} declares it, {{release}} no longer does on ' +
    'that class or its ancestors',
  // Behind a class_exists/method_exists guard: a note.
  memberGoneGuarded:
    '{{member}}{{signature}} is {{verb}} here on `{{class}}`; {{current}} declares it, {{release}} no longer does on ' +
    'that class or its ancestors',
  // {{signature}}: the method's declaration in the current release (empty for constants and properties).
  wasSignature: ' (was `{{declaration}}`)',
};

export function checkMemberUses(context: RuleContext, kind: MemberKind, uctCodeOf: (use: ClassUse) => number): void {
  if (context.target.symbols.coverage === 'none') return;
  const { target, current } = context.classes;
  if (!current) return;
  const seen = new Set<string>();
  for (const use of [
    ...codeClassUses(context.underCheck),
    ...configClassUses(context.project, (p) => movesWithTarget(context.target.release, p)),
  ]) {
    if (use.memberKind !== kind || !use.member || isTypeKeyword(use.name)) continue;
    if (!target.get(use.name)) continue; // the class itself is gone: php-api/missing-class says so
    const after = lookup(target, kind, use.name, use.member);
    // An unresolved ancestor (e.g. a removed parent class, reported by missing-class) may be where the member lived.
    if (after.found || after.magic || !after.complete) continue;
    const before = lookup(current, kind, use.name, use.member);
    if (!before.found || before.found.owner.source === 'code') continue;
    const key = `${use.file}\0${use.line}\0${use.name.toLowerCase()}\0${use.member}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const owner = before.found.owner.decl.name;
    const declared = before.found.member;
    const hints: string[] = [];
    if (declared.deprecated !== undefined)
      hints.push(
        `${currentLabel(context)} marked it @deprecated${declared.deprecated ? `: ${declared.deprecated}` : ''}`,
      );
    if (declared.see?.length) hints.push(`see ${declared.see.join(', ')}`);
    const signature: MessagePart[] =
      kind === 'method'
        ? [{ messageId: 'wasSignature', data: { declaration: formatMethod(declared as MethodDecl) } }]
        : [];
    const verb = use.reference?.write
      ? 'assigned'
      : use.kind === 'webapi-service' || use.kind === 'cron'
        ? describeUse(use.kind)
        : kind === 'method'
          ? 'called'
          : 'read';
    if (use.reference?.guarded) hints.unshift(GUARDED_HINT);
    context.report({
      ...locationOf(use),
      messageId: use.reference?.guarded ? 'memberGoneGuarded' : 'memberGone',
      data: {
        member: memberLabel(kind, owner, use.member),
        signature,
        verb,
        class: use.name,
        current: currentLabel(context),
        release: releaseLabel(context),
      },
      recommendation: `${hints.length ? `${hints.join('; ')}. ` : ''}Use the target's replacement for ${memberLabel(kind, owner, use.member)}, or move the logic into your own code.`,
      effort: { hours: kind === 'constant' ? 0.5 : 1, confidence: 'medium' },
      subject: `${kind}:${owner.toLowerCase()}::${use.member}`,
      uctCode: uctCodeOf(use),
    });
  }
}
