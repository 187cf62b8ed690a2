import type { ClassDecl, MethodDecl } from '../../../php/types.js';
import type { ClassWorld } from '../../../check/class-world.js';
import { formatMethod } from '../signature-format.js';
import { incompatibilities, incompatibilityMessages } from '../type-compat.js';
import { currentLabel, releaseLabel } from '../worlds.js';
import { reportAt, type ClassCheck } from './report.js';

export const overrideMessages = {
  // {{reasons}}: a list of incompatibilityMessages (type-compat.ts), which the fixer reads (signature-fix.ts).
  override:
    '{{class}}::{{method}}() no longer fits {{owner}}::{{method}}() in {{release}}: {{reasons}}. Signature in ' +
    '{{current}}: `{{before}}` → in {{release}}: `{{after}}`; yours: `{{yours}}`',
  overrideNoBaseline:
    '{{class}}::{{method}}() no longer fits {{owner}}::{{method}}() in {{release}}: {{reasons}}. Signature in ' +
    '{{release}}: `{{after}}`; yours: `{{yours}}`',
  ...incompatibilityMessages,
};

export const overrideRecommendations = {
  matchOverride:
    'Change {{class}}::{{method}}() to match `{{after}}` (PHP fatals at class load otherwise); keep callers of your ' +
    'method in step.',
};

/** Core methods (class parents and interfaces) a method overrides or implements, nearest first, each once. */
function prototypes(world: ClassWorld, decl: ClassDecl, method: string): { member: MethodDecl; owner: string }[] {
  const found: { member: MethodDecl; owner: string }[] = [];
  const parents = [...(decl.extends ? [decl.extends] : []), ...decl.implements];
  for (const ancestor of parents) {
    for (const cls of world.ancestors(ancestor).classes) {
      if (cls.source !== 'index') continue;
      const member = cls.decl.methods.find((m) => m.name.toLowerCase() === method.toLowerCase());
      if (member && member.visibility !== 'private' && !found.some((f) => f.owner === cls.decl.name))
        found.push({ member, owner: cls.decl.name });
    }
  }
  return found;
}

/**
 * Methods of a class that override or implement a core method and no longer fit its target signature (PHP's
 * inheritance rules, type-compat.ts), where they fitted the current one. Constructors are exempt, as in PHP.
 */
export const checkOverrides: ClassCheck = (context, unit, decl, target, current) => {
  for (const own of decl.methods) {
    if (own.visibility === 'private') continue;
    for (const proto of prototypes(target, decl, own.name)) {
      const ownerDecl = target.get(proto.owner)!.decl;
      if (own.name.toLowerCase() === '__construct' && ownerDecl.kind !== 'interface' && !proto.member.abstract)
        continue;
      const reasons = incompatibilities(own, decl.name, proto.member, proto.owner, target);
      if (reasons.length === 0) continue;
      const before = current
        ?.get(proto.owner)
        ?.decl.methods.find((m) => m.name.toLowerCase() === own.name.toLowerCase());
      if (before && incompatibilities(own, decl.name, before, proto.owner, current!).length > 0) continue; // not new
      reportAt(context, unit, own.line, {
        messageId: before ? 'override' : 'overrideNoBaseline',
        data: {
          class: decl.name,
          method: own.name,
          owner: proto.owner,
          release: releaseLabel(context),
          reasons,
          ...(before ? { current: currentLabel(context), before: formatMethod(before) } : {}),
          after: formatMethod(proto.member),
          yours: formatMethod(own),
        },
        recommendationId: 'matchOverride',
        subject: `override:${decl.name.toLowerCase()}::${own.name.toLowerCase()}:${proto.owner.toLowerCase()}`,
        hours: 0.5,
      });
      break; // the nearest prototype says it; its own ancestors repeat the same change
    }
  }
};
