import type { MethodDecl } from '../../../php/types.js';
import type { RuleContext } from '../../rule.js';
import type { ClassWorld } from '../../../check/class-world.js';
import { formatMethod, formatParam } from '../signature-format.js';
import { currentLabel, releaseLabel } from '../worlds.js';
import { reportAt } from './report.js';

export const callArityMessages = {
  arity:
    '{{call}} is called with {{count}} argument(s); {{release}} requires {{needed}}. Signature in {{current}}: ' +
    '`{{before}}` → in {{release}}: `{{after}}`',
  newArgument: '`{{param}}`',
};

export const callArityRecommendations = {
  // {{arguments}}: newArgument parts, comma-separated.
  passArguments: 'Pass the new argument(s) {{arguments}}.',
  passConstructorArguments:
    'Pass the new argument(s) {{arguments}} (inject them in your own constructor and hand them to the parent).',
};

function requiredCount(method: MethodDecl): number {
  return method.params.filter((p) => p.default === undefined && !p.variadic).length;
}

/**
 * Calls (`new`, `parent::__construct()`, static and instance calls) that pass as many arguments as the current
 * release requires but fewer than the target requires: an ArgumentCountError at run time. The typical case is a core
 * constructor that gained a required dependency. Only calls that were valid before are reported, which also keeps
 * argument unpacking (`...$args`, counted as one argument) from being mistaken for too few arguments in most cases.
 */
export function checkCallArity(context: RuleContext, target: ClassWorld, current: ClassWorld | null): void {
  if (!current) return;
  const seen = new Set<string>();
  for (const unit of context.underCheck) {
    for (const ref of unit.analysis.references) {
      if (ref.argCount === undefined) continue;
      const member =
        ref.kind === 'new'
          ? '__construct'
          : ref.kind === 'static-call' || ref.kind === 'method-call'
            ? ref.member
            : undefined;
      if (!member) continue;
      const after = target.findMethod(ref.name, member).found;
      if (!after || after.owner.source !== 'index') continue;
      const before = current.findMethod(ref.name, member).found;
      if (!before) continue;
      const needed = requiredCount(after.member);
      if (ref.argCount >= needed || ref.argCount < requiredCount(before.member)) continue;
      const key = `${unit.analysis.file}\0${ref.line}\0${ref.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const label = `${after.owner.decl.name}::${after.member.name}()`;
      const constructor = member === '__construct';
      reportAt(context, unit, ref.line, {
        messageId: 'arity',
        data: {
          call: ref.kind === 'new' ? `new ${ref.name}(…)` : label,
          count: ref.argCount,
          needed,
          release: releaseLabel(context),
          current: currentLabel(context),
          before: formatMethod(before.member),
          after: formatMethod(after.member),
          arguments: after.member.params
            .slice(ref.argCount, needed)
            .map((p) => ({ messageId: 'newArgument', data: { param: formatParam(p) } })),
        },
        recommendationId: constructor ? 'passConstructorArguments' : 'passArguments',
        subject: `arity:${label.toLowerCase()}`,
        hours: constructor ? 1 : 0.5,
      });
    }
  }
}
