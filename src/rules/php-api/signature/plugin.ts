import type { MethodDecl } from '../../../php/types.js';
import type { Plugin } from '../../../project/model.js';
import type { Severity } from '../../../core/finding.js';
import type { MessagePart, RuleContext } from '../../rule.js';
import type { ClassWorld } from '../../../check/class-world.js';
import { movesWithTarget } from '../../../check/code-under-check.js';
import { formatMethod, formatParam } from '../signature-format.js';
import { paramType, typeSubsumed } from '../type-compat.js';
import { currentLabel, releaseLabel } from '../worlds.js';
import { reportPluginAt } from './report.js';

export const pluginMessages = {
  pluginTargetGone:
    'plugin {{plugin}}::{{pluginMethod}}() (di.xml {{where}}) intercepts {{target}}::{{method}}(), which ' +
    '{{release}} no longer declares (was `{{before}}`): setup:di:compile fails ("Incorrect interface")',
  pluginTargetGoneNoBaseline:
    'plugin {{plugin}}::{{pluginMethod}}() (di.xml {{where}}) intercepts {{target}}::{{method}}(), which ' +
    '{{release}} no longer declares: setup:di:compile fails ("Incorrect interface")',
  pluginUnreachable:
    'plugin {{plugin}}::{{pluginMethod}}() (di.xml {{where}}) can no longer intercept {{target}}::{{method}}(): it ' +
    'is {{problem}} in {{release}} (`{{after}}`), so the plugin never runs',
  pluginParams:
    'plugin {{plugin}}::{{pluginMethod}}() (di.xml {{where}}) no longer matches {{target}}::{{method}}(): ' +
    '{{reasons}}. Signature in {{current}}: `{{before}}` → in {{release}}: `{{after}}`; plugin: `{{yours}}`',
  pluginParamsNoBaseline:
    'plugin {{plugin}}::{{pluginMethod}}() (di.xml {{where}}) no longer matches {{target}}::{{method}}(): ' +
    '{{reasons}}. Signature in {{release}}: `{{after}}`; plugin: `{{yours}}`',
  // {{reasons}}: a list of these.
  pluginArgCount: 'it declares {{count}} argument(s) of the method, which takes {{total}}',
  pluginArgCountAfter: 'it declares {{count}} argument(s) of the method, which has only {{total}}',
  pluginArgType: "argument ${{name}} is {{mine}}, the method's is {{theirs}}",
};

const UPDATE_ARGS = "Update the plugin's arguments after $subject";

export const pluginRecommendations = {
  retargetPlugin: 'Re-target the plugin at the method that replaced {{method}}() in {{release}}, or remove it.',
  moveCustomization:
    'Move the customization to another extension point (an observer, a plugin on a public caller, or a preference).',
  // {{params}}: the intercepted method's parameters as the target declares them.
  updateBeforeArguments: `${UPDATE_ARGS} to \`{{params}}\`.`,
  updateAroundArguments: `${UPDATE_ARGS}, $proceed to \`{{params}}\`.`,
  updateAfterArguments: `${UPDATE_ARGS}, $result to \`{{params}}\`.`,
};

const UPDATE_ARGUMENTS = {
  before: 'updateBeforeArguments',
  around: 'updateAroundArguments',
  after: 'updateAfterArguments',
} as const;

export const pluginMessageSeverity: Record<string, Severity> = { pluginUnreachable: 'error' };

/** The plugins of the project's own and third-party modules (not core's, nor those that move with the target). */
export function checkPlugins(context: RuleContext, target: ClassWorld, current: ClassWorld | null): void {
  for (const module of context.project.modules) {
    if (module.core || movesWithTarget(context.target.release, module.package)) continue;
    for (const plugin of module.customizations.plugins) {
      if (plugin.type && !plugin.disabled) checkPlugin(context, plugin, module.package, module.name, target, current);
    }
  }
}

const PLUGIN_METHOD = /^(before|around|after)(.+)$/i;

/**
 * A plugin checked the way Magento's setup:di:compile checks it (InterfaceValidator): the intercepted method must
 * still exist and be public, non-final, non-static, and the arguments the plugin declares must fit it.
 */
function checkPlugin(
  context: RuleContext,
  plugin: Plugin,
  pkg: string | null,
  moduleName: string,
  target: ClassWorld,
  current: ClassWorld | null,
): void {
  const pluginClass = target.codeClass(plugin.type!);
  if (!pluginClass || !target.get(plugin.target)) return; // unknown plugin code, or a missing target: missing-class says so
  const where = `${plugin.file}:${plugin.line}`;
  for (const pm of pluginClass.decl.methods) {
    const match = PLUGIN_METHOD.exec(pm.name);
    if (!match || pm.visibility !== 'public') continue;
    const kind = match[1]!.toLowerCase() as 'before' | 'around' | 'after';
    const original = match[2]!.charAt(0).toLowerCase() + match[2]!.slice(1);
    const after = target.findMethod(plugin.target, original);
    if (after.magic && !after.found) continue;
    const before = current?.findMethod(plugin.target, original);
    const unitFile = pluginClass.file ?? plugin.file;
    const base = { file: unitFile, pkg, moduleName };
    const names = {
      plugin: plugin.type!,
      pluginMethod: pm.name,
      where,
      target: plugin.target,
      method: original,
      release: releaseLabel(context),
    };
    if (!after.found) {
      if (current && !before?.found) continue; // never existed: a dead plugin, not an upgrade change
      reportPluginAt(context, base, pm.line, {
        messageId: before?.found ? 'pluginTargetGone' : 'pluginTargetGoneNoBaseline',
        data: { ...names, ...(before?.found ? { before: formatMethod(before.found.member) } : {}) },
        recommendationId: 'retargetPlugin',
        subject: `plugin:${plugin.type!.toLowerCase()}::${pm.name.toLowerCase()}`,
        hours: 2,
      });
      continue;
    }
    const m = after.found.member;
    const problem = m.final ? 'final' : m.static ? 'static' : m.visibility !== 'public' ? m.visibility : undefined;
    const wasProblem = before?.found
      ? before.found.member.final || before.found.member.static || before.found.member.visibility !== 'public'
      : false;
    if (problem && !wasProblem) {
      reportPluginAt(context, base, pm.line, {
        messageId: 'pluginUnreachable',
        data: { ...names, problem, after: formatMethod(m) },
        recommendationId: 'moveCustomization',
        subject: `plugin-unreachable:${plugin.type!.toLowerCase()}::${pm.name.toLowerCase()}`,
        hours: 3,
      });
      continue;
    }
    const reasons = pluginParamProblems(kind, pm, m, target, after.found.owner.decl.name);
    if (reasons.length === 0) continue;
    if (
      before?.found &&
      pluginParamProblems(kind, pm, before.found.member, current!, before.found.owner.decl.name).length > 0
    )
      continue;
    reportPluginAt(context, base, pm.line, {
      messageId: before?.found ? 'pluginParams' : 'pluginParamsNoBaseline',
      data: {
        ...names,
        reasons,
        ...(before?.found ? { current: currentLabel(context), before: formatMethod(before.found.member) } : {}),
        after: formatMethod(m),
        yours: formatMethod(pm),
        params: m.params.map(formatParam).join(', '),
      },
      recommendationId: UPDATE_ARGUMENTS[kind],
      subject: `plugin-params:${plugin.type!.toLowerCase()}::${pm.name.toLowerCase()}`,
      hours: 0.5,
    });
  }
}

/** Magento's InterfaceValidator rules on a plugin method's arguments against the intercepted method. */
function pluginParamProblems(
  kind: 'before' | 'around' | 'after',
  pluginMethod: MethodDecl,
  original: MethodDecl,
  world: ClassWorld,
  originalClass: string,
): MessagePart[] {
  const skip = kind === 'before' ? 1 : 2;
  const extra = pluginMethod.params.slice(skip);
  if (extra.length === 0) return [];
  const expected = kind === 'after' ? original.params.slice(0, extra.length) : original.params;
  if (extra.length !== expected.length) {
    const data = { count: extra.length, total: original.params.length };
    const prefix = kind === 'after'; // an after plugin may declare a prefix of the arguments
    return [{ messageId: prefix ? 'pluginArgCountAfter' : 'pluginArgCount', data }];
  }
  const problems: MessagePart[] = [];
  extra.forEach((param, index) => {
    const mine = paramType(param);
    const theirs = paramType(expected[index]!, originalClass);
    if (!mine || !theirs) return;
    const fits = typeSubsumed({ ...theirs, nullable: false }, { ...mine, nullable: true }, world);
    if (fits === false)
      problems.push({
        messageId: 'pluginArgType',
        data: { name: param.name.replace(/^\$/, ''), mine: param.type!, theirs: expected[index]!.type! },
      });
  });
  return problems;
}
