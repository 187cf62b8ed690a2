import type { CorePreferences, ReleaseFiles } from '../../check/files/release-files.js';
import type { SymbolIndex } from '../../knowledge/types.js';
import { siblings } from '../../project/ownership.js';
import type { Plugin } from '../../project/model.js';
import type { MessagePart, Rule, RuleContext } from '../rule.js';
import { activePlugins } from './plugins.js';

/**
 * Core di.xml decides which class Magento builds for an interface. When the target moves that preference to another
 * class, two kinds of plugin written against the old class break:
 * - declared on the interface with `$subject` typed as the old class: Magento passes the new class, a TypeError
 *   (SendCloud #136: `QuoteRepository $subject` on CartRepositoryInterface, given AsyncOrder's CartRepository);
 * - declared on the old concrete class: code that asks for the interface now gets the new class, so the plugin runs
 *   only where the new class still delegates to the old one.
 */
export const pluginPreferenceMoved: Rule = {
  meta: {
    id: 'overrides/plugin-preference-moved',
    severity: 'warning',
    category: 'overrides',
    description: "Plugin written for the class core's di.xml preferred for an interface, which the target replaces",
    docs:
      'Magento builds the class core di.xml prefers for an interface. A plugin declared on the interface whose ' +
      "`$subject` parameter is typed as the old preferred class fails with a TypeError once the target's di.xml " +
      'prefers another class (it receives the new one). A plugin declared on the old concrete class no longer ' +
      'intercepts calls made through the interface unless the new class delegates to the old one. Type `$subject` ' +
      'with the interface, and declare the plugin on the interface.',
    recommendations: {
      checkPreferences: 'Check the di.xml preferences of a {{release}} install, or pass --target-vendor.',
      typeSubject: 'Type $subject as {{for}} (the interface the plugin is declared on).',
      declareOnInterface: 'Declare the plugin on {{for}} (or also on {{now}}) if it must run wherever {{for}} is used.',
    },
    messages: {
      subjectType:
        'Plugin {{name}} ({{plugin}}) on {{for}} types $subject as {{was}}, which core di.xml prefers for {{for}} in ' +
        '{{current}}; {{target}} prefers {{now}} (di.xml of {{component}}), which is no {{was}}: the plugin fails ' +
        'with a TypeError.',
      concreteTarget:
        'Plugin {{name}} ({{plugin}}) on {{was}}, which core di.xml prefers for {{for}} in {{current}}; {{target}} ' +
        'prefers {{now}} (di.xml of {{component}}), which is no {{was}}: where code asks for {{for}}, the plugin ' +
        'runs only if {{now}} still delegates to {{was}}.',
      unverified:
        'Could not verify the preference for {{for}} in {{target}} (plugin {{name}} relies on {{was}}, which core ' +
        'di.xml prefers in {{current}}): {{reason}}.',
      // The reasons of unverified.
      noLineData: 'the knowledge base has no di.xml data for its line',
      noComponentData: 'its data does not hold {{component}}, whose di.xml declares the preference now',
      noAncestors: 'the API index does not know every ancestor of {{class}}',
    },
    messageSeverity: { subjectType: 'error', unverified: 'info' },
  },
  check(context) {
    const current = context.files?.current;
    if (!current) return;
    const target = context.files?.target ?? null;
    const before = current.preferences();
    // Types the project prefers itself decide what Magento builds: core's preference does not apply to them.
    const ownPreferences = new Set(
      context.project.modules
        .filter((m) => !m.core)
        .flatMap((m) => m.customizations.preferences.map((p) => p.for.toLowerCase())),
    );
    const preferredTypes = new Set([...before.values()].flat().map((p) => p.type.toLowerCase()));
    for (const { module, plugin } of activePlugins(context.project)) {
      const symbols = context.current.symbols;
      if (symbols && siblings(context.project.packages, module.package, symbols.getClass(plugin.target)?.package))
        continue;
      for (const candidate of candidates(context, plugin, before, preferredTypes)) {
        if (ownPreferences.has(candidate.for.toLowerCase())) continue;
        judge(context, module.name, plugin, candidate, current, target);
      }
    }
  },
};

interface Candidate {
  kind: 'subjectType' | 'concreteTarget';
  /** The interface (or class) core prefers another type for. */
  for: string;
  /** The class the plugin was written for: the current preference (or one of its ancestors, for a typed subject). */
  was: string;
  /** Plugin method, for messages. */
  method: string;
}

/** What a plugin relies on about core's preferences now. */
function* candidates(
  context: RuleContext,
  plugin: Plugin & { type: string },
  before: CorePreferences,
  preferredTypes: Set<string>,
): Generator<Candidate> {
  // Declared on a concrete class core prefers for some interface.
  for (const [key, list] of preferredTypes.has(plugin.target.toLowerCase()) ? before : []) {
    const preferred = effective(list, plugin.area);
    if (preferred.length === 1 && same(preferred[0]!, plugin.target) && !same(key, plugin.target))
      yield { kind: 'concreteTarget', for: list[0]!.for, was: preferred[0]!, method: plugin.methods[0] ?? '' };
  }
  // Declared on an interface with $subject typed as the class core prefers for it now.
  const preferredNow = effective(before.get(plugin.target.toLowerCase()) ?? [], plugin.area);
  if (preferredNow.length !== 1) return;
  const pluginClass = context.code
    .flatMap((u) => u.analysis.classes)
    .find((c) => same(c.name, plugin.class ?? plugin.type));
  if (!pluginClass) return;
  const seen = new Set<string>();
  for (const method of pluginClass.methods) {
    if (method.visibility !== 'public' || !/^(before|around|after)./i.test(method.name)) continue;
    const subject = singleClassType(method.params[0]?.type);
    if (!subject || same(subject, plugin.target) || seen.has(subject.toLowerCase())) continue;
    // The subject must fit the class preferred now (else the plugin is broken already, not by the upgrade).
    if (isA(context.current.symbols, preferredNow[0]!, subject) !== true) continue;
    seen.add(subject.toLowerCase());
    yield { kind: 'subjectType', for: plugin.target, was: subject, method: method.name };
  }
}

function judge(
  context: RuleContext,
  moduleName: string,
  plugin: Plugin & { type: string },
  candidate: Candidate,
  current: ReleaseFiles,
  target: ReleaseFiles | null,
): void {
  const declaring = (current.preferences().get(candidate.for.toLowerCase()) ?? []).map((p) => p.component);
  const base = {
    file: plugin.file,
    line: plugin.line,
    module: moduleName,
    subject: `${candidate.kind} ${plugin.name} ${candidate.for} ${candidate.was}`,
  };
  const data = {
    name: plugin.name,
    plugin: `${plugin.class ?? plugin.type}${candidate.kind === 'subjectType' ? `::${candidate.method}` : ''}`,
    for: candidate.for,
    was: candidate.was,
    current: current.label,
    target: target?.label ?? context.target.release.version,
  };
  const unverified = (reason: MessagePart) =>
    context.report({
      ...base,
      messageId: 'unverified',
      data: { ...data, reason: [reason], release: context.target.release.version },
      recommendationId: 'checkPreferences',
      effort: { hours: 0, confidence: 'low' },
    });
  if (!target) return unverified({ messageId: 'noLineData' });
  const missing = declaring.find((c) => !target.hasComponent(c));
  if (missing) return unverified({ messageId: 'noComponentData', data: { component: missing } });
  const after = target.preferences().get(candidate.for.toLowerCase()) ?? [];
  const preferred = effective(after, plugin.area);
  // No preference, or several modules declaring one (the winner depends on the module order): nothing to say.
  if (preferred.length !== 1) return;
  const now = preferred[0]!;
  const fits = isA(context.target.symbols, now, candidate.was);
  if (fits === undefined) return unverified({ messageId: 'noAncestors', data: { class: now } });
  if (fits) return;
  // A class Magento never intercepts (a lazy proxy such as 2.4.2's LoggerProxy) hands calls to an object the plugins
  // on the interface still intercept, with that object as $subject.
  if (isA(context.target.symbols, now, 'Magento\\Framework\\ObjectManager\\NoninterceptableInterface')) return;
  // A decorator of the old class (a cache, a validating composite, a lazy proxy built by the object manager) still
  // reaches it, plugin included: only a class that cannot reach it is reported.
  if (candidate.kind === 'concreteTarget' && mayDelegate(context.target.symbols, now, [candidate.was, candidate.for]))
    return;
  const onSubject = candidate.kind === 'subjectType';
  context.report({
    ...base,
    messageId: candidate.kind,
    data: { ...data, now, component: after.find((p) => same(p.type, now))!.component },
    recommendationId: onSubject ? 'typeSubject' : 'declareOnInterface',
    effort: { hours: 1, confidence: 'medium' },
  });
}

/** Does `cls`'s constructor receive one of `types` or the object manager (so it can hand calls on to the old class)? */
function mayDelegate(symbols: SymbolIndex, cls: string, types: string[]): boolean {
  const receivable = [...types, 'Magento\\Framework\\ObjectManagerInterface'];
  for (let name: string | undefined = cls, depth = 0; name && depth < 10; depth++) {
    const decl = symbols.getClass(name.replace(/^\\+/, ''));
    const constructor = decl?.methods.find((m) => m.name.toLowerCase() === '__construct');
    if (constructor)
      return constructor.params.some((p) => {
        const type = singleClassType(p.type);
        return !!type && receivable.some((r) => same(r, type));
      });
    name = decl?.extends;
  }
  return false;
}

/** The types preferred in an area: its own preference where it declares one, else the global one (as Magento merges). */
function effective(list: { area: string; type: string }[], area: string): string[] {
  const own = area !== 'global' ? list.filter((p) => p.area === area) : [];
  const chosen = own.length > 0 ? own : list.filter((p) => p.area === 'global');
  return [...new Map(chosen.map((p) => [p.type.toLowerCase(), p.type])).values()];
}

function same(a: string, b: string): boolean {
  return a.replace(/^\\+/, '').toLowerCase() === b.replace(/^\\+/, '').toLowerCase();
}

/** `\Foo\Bar` or `?Foo\Bar` → `Foo\Bar`; scalars, unions and intersections → undefined. */
function singleClassType(type: string | undefined): string | undefined {
  const t = type?.replace(/^\?/, '').replace(/^\\+/, '');
  if (!t || /[|&\s]/.test(t) || !t.includes('\\')) return undefined;
  return t;
}

/**
 * Is `cls` a `type` (itself, a parent or an implemented interface)? undefined when the index does not know the
 * whole chain. A generated `…\Proxy` or `…\Interceptor` extends the class it is named after.
 */
function isA(symbols: SymbolIndex | null, cls: string, type: string): boolean | undefined {
  if (same(cls, type)) return true;
  const generated = /^(.+)\\(Proxy|Interceptor)$/.exec(cls.replace(/^\\+/, ''));
  if (generated && !symbols?.getClass(cls)) return isA(symbols, generated[1]!, type);
  if (!symbols) return undefined;
  const queue = [cls];
  const seen = new Set<string>();
  let unknown = false;
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    if (same(name, type)) return true;
    const decl = symbols.getClass(name.replace(/^\\+/, ''));
    if (!decl) {
      unknown = true;
      continue;
    }
    if (decl.extends) queue.push(decl.extends);
    queue.push(...decl.implements);
  }
  return unknown ? undefined : false;
}
