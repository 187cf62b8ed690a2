import type { MessagePart, RuleContext } from '../../rule.js';
import type { ClassWorld } from '../../../check/class-world.js';
import { formatMethod, formatParam } from '../signature-format.js';
import { paramType, typeSubsumed } from '../type-compat.js';
import { currentLabel, releaseLabel } from '../worlds.js';
import { reportAt } from './report.js';

export const forwardedArgsMessages = {
  forwardedArgs:
    'parent::{{member}}() passes arguments that no longer fit {{method}} in {{release}}: {{problems}}. Signature in ' +
    '{{current}}: `{{before}}` → in {{release}}: `{{after}}`',
  // {{problems}}: a list of these.
  argumentShifted: 'argument #{{index}} `${{variable}}` ({{type}}) now lands on `{{slot}}`',
  argumentShiftedWas: 'argument #{{index}} `${{variable}}` ({{type}}) now lands on `{{slot}}` (was `{{was}}`)',
};

const REORDER = 'Pass the arguments in the order of `{{after}}`';
const REORDER_WHY = ' (a TypeError at run time; setup:di:compile reports "Incompatible argument type").';

export const forwardedArgsRecommendations = {
  reorderArguments: `${REORDER}${REORDER_WHY}`,
  reorderConstructorArguments: `${REORDER} (inject new dependencies in your own constructor)${REORDER_WHY}`,
};

/**
 * `parent::__construct($context, $helper, $data)` where the parent inserted or removed a parameter: the count may still
 * fit while the arguments shift into slots of another type (TypeError; setup:di:compile "Incompatible argument type").
 * Arguments that are typed parameters of the enclosing method are compared with the target's parameter at the same
 * position; only a mismatch that is new in the target is reported.
 */
export function checkForwardedArguments(context: RuleContext, target: ClassWorld, current: ClassWorld | null): void {
  if (!current) return;
  for (const unit of context.underCheck) {
    for (const ref of unit.analysis.references) {
      if (!ref.argVars || !ref.member || !ref.inClass || !ref.inMethod) continue;
      // `write(array $r) { parent::write($r); }`: the override itself no longer fits, which checkOverrides reports.
      const member = ref.member.toLowerCase();
      if (member === ref.inMethod.toLowerCase() && member !== '__construct') continue;
      const after = target.findMethod(ref.name, ref.member).found;
      const before = current.findMethod(ref.name, ref.member).found;
      if (!after || !before || after.owner.source !== 'index') continue;
      // A class declared twice in the file (conditional Monolog 2/3 variants): checkOverrides judges the variants.
      const declarations = unit.analysis.classes.filter((c) => c.name === ref.inClass);
      if (declarations.length !== 1) continue;
      const own = declarations[0]!.methods.find((m) => m.name.toLowerCase() === ref.inMethod!.toLowerCase());
      if (!own) continue;
      const problems: MessagePart[] = [];
      ref.argVars.forEach((variable, index) => {
        const param = variable ? own.params.find((p) => p.name.replace(/^\$/, '') === variable) : undefined;
        const passed = param && !param.variadic ? paramType(param, ref.inClass) : undefined;
        const slot = after.member.params[index];
        if (!passed || !slot || slot.variadic) return; // untyped, or an extra argument PHP ignores
        const accepts = paramType(slot, after.owner.decl.name);
        if (!accepts || typeSubsumed(passed, accepts, target) !== false) return;
        const was = before.member.params[index];
        const wasType = was && !was.variadic ? paramType(was, before.owner.decl.name) : undefined;
        if (wasType && typeSubsumed(passed, wasType, current) === false) return; // already wrong before
        const shifted = { index: index + 1, variable: variable!, type: param!.type!, slot: formatParam(slot) };
        problems.push(
          was
            ? { messageId: 'argumentShiftedWas', data: { ...shifted, was: formatParam(was) } }
            : { messageId: 'argumentShifted', data: shifted },
        );
      });
      if (problems.length === 0) continue;
      const label = `${after.owner.decl.name}::${after.member.name}()`;
      const constructor = ref.member.toLowerCase() === '__construct';
      reportAt(context, unit, ref.line, {
        messageId: 'forwardedArgs',
        data: {
          member: ref.member,
          method: label,
          release: releaseLabel(context),
          problems,
          current: currentLabel(context),
          before: formatMethod(before.member),
          after: formatMethod(after.member),
        },
        recommendationId: constructor ? 'reorderConstructorArguments' : 'reorderArguments',
        subject: `forwarded-args:${ref.inClass.toLowerCase()}::${ref.inMethod.toLowerCase()}:${label.toLowerCase()}`,
        hours: 1,
      });
    }
  }
}
