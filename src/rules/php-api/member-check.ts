import type { ConstantDecl, MethodDecl, PropertyDecl } from '../../php/types.js';
import type { MessagePart, RuleContext } from '../rule.js';
import type { ClassUse } from './class-uses.js';
import { codeClassUses, configClassUses, describeUse, locationOf, USE_MESSAGES } from './class-uses.js';
import type { ClassWorld, MemberLookup } from '../../check/class-world.js';
import { formatMethod } from './signature-format.js';
import { currentLabel, isTypeKeyword, RELEASE_MESSAGES, releaseLabel } from './worlds.js';
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

/**
 * The hints before a recommendation's advice (`{{hints}}`, joined with `; `) that missing-class and the member rules
 * share: the guard, and the current release's @deprecated/@see notes of what is gone.
 */
export const HINT_MESSAGES = {
  guardedHint: GUARDED_HINT,
  deprecatedHint: '{{current}} marked it @deprecated',
  deprecatedNoteHint: '{{current}} marked it @deprecated: {{note}}',
  // {{targets}}: the @see targets as written, comma-separated.
  seeHint: 'see {{targets}}',
};

/** The current release's @deprecated and @see notes on a declaration that is gone, as HINT_MESSAGES parts. */
export function deprecationHints(
  context: RuleContext,
  declared: { deprecated?: string; see?: string[] } | undefined,
): MessagePart[] {
  const hints: MessagePart[] = [];
  const current = currentLabel(context);
  if (declared?.deprecated !== undefined)
    hints.push(
      declared.deprecated
        ? { messageId: 'deprecatedNoteHint', data: { current, note: declared.deprecated } }
        : { messageId: 'deprecatedHint', data: { current } },
    );
  if (declared?.see?.length) hints.push({ messageId: 'seeHint', data: { targets: declared.see.join(', ') } });
  return hints;
}

/** The messages of checkMemberUses, declared by the three rules that call it (spread into their meta). */
export const MEMBER_MESSAGES = {
  ...RELEASE_MESSAGES,
  ...USE_MESSAGES,
  ...HINT_MESSAGES,
  memberGone:
    '{{member}}{{signature}} is {{verb}} here on `{{class}}`; {{current}} declares it, {{release}} no longer does on ' +
    'that class or its ancestors',
  // Behind a class_exists/method_exists guard: a note.
  memberGoneGuarded:
    '{{member}}{{signature}} is {{verb}} here on `{{class}}`; {{current}} declares it, {{release}} no longer does on ' +
    'that class or its ancestors',
  // {{signature}}: the method's declaration in the current release (empty for constants and properties).
  wasSignature: ' (was `{{declaration}}`)',
  // {{verb}}: one of these, or how configuration names the class (USE_MESSAGES).
  verbAssigned: 'assigned',
  verbCalled: 'called',
  verbRead: 'read',
};

/** What to do about a member that is gone; `{{hints}}` (HINT_MESSAGES) before the advice when there are any. */
export const MEMBER_RECOMMENDATIONS = {
  replaceMember: "Use the target's replacement for {{member}}, or move the logic into your own code.",
  replaceMemberHinted: "{{hints}}. Use the target's replacement for {{member}}, or move the logic into your own code.",
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
    const hints = deprecationHints(context, declared);
    const signature: MessagePart[] =
      kind === 'method'
        ? [{ messageId: 'wasSignature', data: { declaration: formatMethod(declared as MethodDecl) } }]
        : [];
    const isMethod = kind === 'method';
    const verb: MessagePart[] = use.reference?.write
      ? [{ messageId: 'verbAssigned' }]
      : use.kind === 'webapi-service' || use.kind === 'cron'
        ? describeUse(use.kind)
        : [{ messageId: isMethod ? 'verbCalled' : 'verbRead' }];
    if (use.reference?.guarded) hints.unshift({ messageId: 'guardedHint' });
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
        hints,
      },
      recommendationId: hints.length ? 'replaceMemberHinted' : 'replaceMember',
      effort: { hours: kind === 'constant' ? 0.5 : 1, confidence: 'medium' },
      subject: `${kind}:${owner.toLowerCase()}::${use.member}`,
      uctCode: uctCodeOf(use),
    });
  }
}
