import type { ClassDecl, MethodDecl } from '../../php/types.js';
import type { Plugin } from '../../project/model.js';
import type { CodeUnit, MessageData, Rule, RuleContext } from '../rule.js';
import type { ClassWorld } from './class-world.js';
import { formatMethod, formatParam } from './signature-format.js';
import { fixOverrideSignature, overrideOf } from './signature-fix.js';
import { incompatibilities, paramType, typeSubsumed } from './type-compat.js';
import { currentLabel, prepareWorlds, releaseLabel, worldsOf } from './worlds.js';
import { codeUnderCheck, movesWithTarget } from './code-under-check.js';

export const signatureMismatch: Rule = {
  meta: {
    id: 'php-api/signature-mismatch',
    severity: 'critical',
    category: 'php-api',
    description: 'An overriding method, interface implementation or plugin no longer fits the target signature.',
    docs: `PHP checks every method against the method it overrides or implements when the class is loaded: parameters may
only widen (contravariance), the return type may only narrow (covariance), static-ness and by-reference passing must
match, visibility may not narrow, final methods may not be overridden. A core method whose signature changed in the
target turns a custom override into a **fatal error** ("Declaration of … must be compatible with …"). A core interface
that gained a method makes every custom implementation fatal ("Class … contains abstract method").

Plugins are checked the way Magento's \`setup:di:compile\` checks them (\`InterfaceValidator\`): the intercepted method
must still exist and be public, non-final, non-static; a \`before\`/\`around\` plugin that declares the method's
arguments must declare all of them with compatible types; an \`after\` plugin may declare a prefix of them.

Calls are checked too: a call (\`new\`, \`parent::__construct()\`, static or instance) that passes what the current
release requires but fewer arguments than the target requires fails with ArgumentCountError (typically a core
constructor that gained a required dependency).

Only signatures that were compatible with the current release and are not with the target are reported (when the
current release is unknown, every incompatibility with the target is). Constructors are exempt, as in PHP.

The message shows the core signature before → after and yours. UCT has no code for this: it reports such cases, if
at all, as changed-method usage.

**How to fix:** align the method's parameters and return type with the target's declaration (the message quotes it);
for plugins, re-target the plugin at the method's successor or update its argument list.

\`mageup fix\` rewrites an override's signature when that cannot change what it does: the return type the parent added,
when every \`return\` of the body is a literal of that type or \`parent::sameMethod(…)\` and the body ends in a
return or throw (\`void\` when no return gives a value), and \`?Type\` for a parameter the parent made nullable. Any
other difference declines the fix.`,
    messages: {
      arity:
        '{{call}} is called with {{count}} argument(s); {{release}} requires {{needed}}. Signature in {{current}}: ' +
        '`{{before}}` → in {{release}}: `{{after}}`',
      forwardedArgs:
        'parent::{{member}}() passes arguments that no longer fit {{method}} in {{release}}: {{problems}}. Signature in ' +
        '{{current}}: `{{before}}` → in {{release}}: `{{after}}`',
      // The fixer reads the reasons back between "in <release>: " and ". Signature" (signature-fix.ts).
      override:
        '{{class}}::{{method}}() no longer fits {{owner}}::{{method}}() in {{release}}: {{reasons}}. Signature in ' +
        '{{current}}: `{{before}}` → in {{release}}: `{{after}}`; yours: `{{yours}}`',
      overrideNoBaseline:
        '{{class}}::{{method}}() no longer fits {{owner}}::{{method}}() in {{release}}: {{reasons}}. Signature in ' +
        '{{release}}: `{{after}}`; yours: `{{yours}}`',
      unimplementedInterface:
        '{{class}} does not implement {{owner}}::{{method}}(), which {{release}} adds to the interface: `{{signature}}`',
      unimplementedAbstract:
        '{{class}} does not implement {{owner}}::{{method}}(), which {{release}} declares abstract: `{{signature}}`',
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
    },
    messageSeverity: { pluginUnreachable: 'error' },
  },
  async check(context) {
    await prepareWorlds(context);
    if (context.target.symbols.coverage === 'none') return;
    const { target, current } = worldsOf(context);
    for (const unit of codeUnderCheck(context)) {
      // A class declared more than once in a file (`if (Logger::API < 3) { class X … } else { class X … }`, the usual
      // dual Monolog 2/3 support) is fine when one of its declarations fits the target.
      const variants = new Map<string, PendingFinding[][]>();
      for (const decl of unit.analysis.classes) {
        if (decl.kind === 'interface') continue;
        const pending: PendingFinding[] = [];
        const buffered: RuleContext = { ...context, report: (finding) => void pending.push(finding) };
        checkOverrides(buffered, unit, decl, target, current);
        if (decl.kind === 'class' && !decl.abstract) checkUnimplemented(buffered, unit, decl, target, current);
        const key = decl.name.toLowerCase();
        variants.set(key, [...(variants.get(key) ?? []), pending]);
      }
      for (const found of variants.values()) {
        if (found.length > 1 && found.some((pending) => pending.length === 0)) continue;
        for (const finding of found.flat()) context.report(finding);
      }
    }
    checkCallArity(context, target, current);
    checkForwardedArguments(context, target, current);
    for (const module of context.project.modules) {
      if (module.core || movesWithTarget(context, module.package)) continue;
      for (const plugin of module.customizations.plugins) {
        if (plugin.type && !plugin.disabled) checkPlugin(context, plugin, module.package, module.name, target, current);
      }
    }
  },
  fix: (finding, source) => fixOverrideSignature(finding, source),
  fixable: (finding) => overrideOf(finding) !== undefined,
};

type PendingFinding = Parameters<RuleContext['report']>[0];

function requiredCount(method: MethodDecl): number {
  return method.params.filter((p) => p.default === undefined && !p.variadic).length;
}

/**
 * Calls (`new`, `parent::__construct()`, static and instance calls) that pass as many arguments as the current
 * release requires but fewer than the target requires: an ArgumentCountError at run time. The typical case is a core
 * constructor that gained a required dependency. Only calls that were valid before are reported, which also keeps
 * argument unpacking (`...$args`, counted as one argument) from being mistaken for too few arguments in most cases.
 */
function checkCallArity(context: RuleContext, target: ClassWorld, current: ClassWorld | null): void {
  if (!current) return;
  const seen = new Set<string>();
  for (const unit of codeUnderCheck(context)) {
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
      report(context, unit, ref.line, {
        messageId: 'arity',
        data: {
          call: ref.kind === 'new' ? `new ${ref.name}(…)` : label,
          count: ref.argCount,
          needed,
          release: releaseLabel(context),
          current: currentLabel(context),
          before: formatMethod(before.member),
          after: formatMethod(after.member),
        },
        recommendation: `Pass the new argument(s) ${after.member.params
          .slice(ref.argCount, needed)
          .map((p) => `\`${formatParam(p)}\``)
          .join(
            ', ',
          )}${member === '__construct' ? ' (inject them in your own constructor and hand them to the parent)' : ''}.`,
        subject: `arity:${label.toLowerCase()}`,
        hours: member === '__construct' ? 1 : 0.5,
      });
    }
  }
}

/**
 * `parent::__construct($context, $helper, $data)` where the parent inserted or removed a parameter: the count may still
 * fit while the arguments shift into slots of another type (TypeError; setup:di:compile "Incompatible argument type").
 * Arguments that are typed parameters of the enclosing method are compared with the target's parameter at the same
 * position; only a mismatch that is new in the target is reported.
 */
function checkForwardedArguments(context: RuleContext, target: ClassWorld, current: ClassWorld | null): void {
  if (!current) return;
  for (const unit of codeUnderCheck(context)) {
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
      const problems: string[] = [];
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
        problems.push(
          `argument #${index + 1} \`$${variable}\` (${param!.type}) now lands on \`${formatParam(slot)}\`${
            was ? ` (was \`${formatParam(was)}\`)` : ''
          }`,
        );
      });
      if (problems.length === 0) continue;
      const label = `${after.owner.decl.name}::${after.member.name}()`;
      report(context, unit, ref.line, {
        messageId: 'forwardedArgs',
        data: {
          member: ref.member,
          method: label,
          release: releaseLabel(context),
          problems: problems.join('; '),
          current: currentLabel(context),
          before: formatMethod(before.member),
          after: formatMethod(after.member),
        },
        recommendation: `Pass the arguments in the order of \`${formatMethod(after.member)}\`${
          ref.member.toLowerCase() === '__construct' ? ' (inject new dependencies in your own constructor)' : ''
        } (a TypeError at run time; setup:di:compile reports "Incompatible argument type").`,
        subject: `forwarded-args:${ref.inClass.toLowerCase()}::${ref.inMethod.toLowerCase()}:${label.toLowerCase()}`,
        hours: 1,
      });
    }
  }
}

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

function checkOverrides(
  context: RuleContext,
  unit: CodeUnit,
  decl: ClassDecl,
  target: ClassWorld,
  current: ClassWorld | null,
): void {
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
      report(context, unit, own.line, {
        messageId: before ? 'override' : 'overrideNoBaseline',
        data: {
          class: decl.name,
          method: own.name,
          owner: proto.owner,
          release: releaseLabel(context),
          reasons: reasons.join('; '),
          ...(before ? { current: currentLabel(context), before: formatMethod(before) } : {}),
          after: formatMethod(proto.member),
          yours: formatMethod(own),
        },
        recommendation: `Change ${decl.name}::${own.name}() to match \`${formatMethod(proto.member)}\` (PHP fatals at class load otherwise); keep callers of your method in step.`,
        subject: `override:${decl.name.toLowerCase()}::${own.name.toLowerCase()}:${proto.owner.toLowerCase()}`,
        hours: 0.5,
      });
      break; // the nearest prototype says it; its own ancestors repeat the same change
    }
  }
}

/** Abstract methods of core interfaces/parents that the target adds and the class hierarchy does not implement. */
function checkUnimplemented(
  context: RuleContext,
  unit: CodeUnit,
  decl: ClassDecl,
  target: ClassWorld,
  current: ClassWorld | null,
): void {
  const { classes, unresolved } = target.ancestors(decl.name);
  if (unresolved.length > 0) return;
  const concrete = new Set<string>();
  for (const cls of classes) {
    if (cls.decl.kind === 'interface') continue;
    for (const m of cls.decl.methods) if (!m.abstract) concrete.add(m.name.toLowerCase());
  }
  if (classes.some((c) => c.decl.methods.some((m) => m.name.toLowerCase() === '__call'))) return;
  for (const cls of classes) {
    if (cls.source !== 'index') continue;
    for (const m of cls.decl.methods) {
      const isAbstract = cls.decl.kind === 'interface' || m.abstract;
      if (!isAbstract || concrete.has(m.name.toLowerCase())) continue;
      const before = current?.findMethod(cls.decl.name, m.name);
      if (current && before?.found) continue; // already required before: not a change
      const fromInterface = cls.decl.kind === 'interface';
      report(context, unit, decl.line, {
        messageId: fromInterface ? 'unimplementedInterface' : 'unimplementedAbstract',
        data: {
          class: decl.name,
          owner: cls.decl.name,
          method: m.name,
          release: releaseLabel(context),
          signature: formatMethod(m),
        },
        recommendation: `Implement \`${formatMethod(m)}\` in ${decl.name} (PHP fatals at class load otherwise).`,
        subject: `unimplemented:${decl.name.toLowerCase()}::${m.name.toLowerCase()}`,
        hours: 1,
      });
      concrete.add(m.name.toLowerCase());
    }
  }
}

const PLUGIN_METHOD = /^(before|around|after)(.+)$/i;

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
      reportPlugin(context, base, pm.line, {
        messageId: before?.found ? 'pluginTargetGone' : 'pluginTargetGoneNoBaseline',
        data: { ...names, ...(before?.found ? { before: formatMethod(before.found.member) } : {}) },
        recommendation: `Re-target the plugin at the method that replaced ${original}() in ${releaseLabel(context)}, or remove it.`,
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
      reportPlugin(context, base, pm.line, {
        messageId: 'pluginUnreachable',
        data: { ...names, problem, after: formatMethod(m) },
        recommendation: `Move the customization to another extension point (an observer, a plugin on a public caller, or a preference).`,
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
    reportPlugin(context, base, pm.line, {
      messageId: before?.found ? 'pluginParams' : 'pluginParamsNoBaseline',
      data: {
        ...names,
        reasons: reasons.join('; '),
        ...(before?.found ? { current: currentLabel(context), before: formatMethod(before.found.member) } : {}),
        after: formatMethod(m),
        yours: formatMethod(pm),
      },
      recommendation: `Update the plugin's arguments after $subject${kind === 'around' ? ', $proceed' : kind === 'after' ? ', $result' : ''} to \`${m.params.map(formatParam).join(', ')}\`.`,
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
): string[] {
  const skip = kind === 'before' ? 1 : 2;
  const extra = pluginMethod.params.slice(skip);
  if (extra.length === 0) return [];
  const expected = kind === 'after' ? original.params.slice(0, extra.length) : original.params;
  if (extra.length !== expected.length) {
    return [
      `it declares ${extra.length} argument(s) of the method, which ${kind === 'after' ? 'has only' : 'takes'} ${original.params.length}`,
    ];
  }
  const problems: string[] = [];
  extra.forEach((param, index) => {
    const mine = paramType(param);
    const theirs = paramType(expected[index]!, originalClass);
    if (!mine || !theirs) return;
    const fits = typeSubsumed({ ...theirs, nullable: false }, { ...mine, nullable: true }, world);
    if (fits === false)
      problems.push(
        `argument $${param.name.replace(/^\$/, '')} is ${param.type}, the method's is ${expected[index]!.type}`,
      );
  });
  return problems;
}

interface Report {
  messageId: string;
  data: MessageData;
  recommendation: string;
  subject: string;
  hours: number;
}

function report(context: RuleContext, unit: CodeUnit, line: number, r: Report): void {
  context.report({
    messageId: r.messageId,
    data: r.data,
    file: unit.analysis.file,
    line,
    ...(unit.package ? { package: unit.package } : {}),
    ...(unit.module ? { module: unit.module } : {}),
    recommendation: r.recommendation,
    effort: { hours: r.hours, confidence: 'high' },
    subject: r.subject,
  });
}

function reportPlugin(
  context: RuleContext,
  where: { file: string; pkg: string | null; moduleName: string },
  line: number,
  r: Report,
): void {
  context.report({
    messageId: r.messageId,
    data: r.data,
    file: where.file,
    line,
    ...(where.pkg ? { package: where.pkg } : {}),
    module: where.moduleName,
    recommendation: r.recommendation,
    effort: { hours: r.hours, confidence: 'medium' },
    subject: r.subject,
  });
}
