import { jsMethods } from '../../check/files/release-files.js';
import type { JsSource, RequireJsConfig } from '../../project/model.js';
import type { MessagePart, Rule, RuleContext } from '../rule.js';
import { resolveJsModule, type JsFile } from './js-modules.js';
import { requireJsConfigs } from './requirejs-targets.js';

/** Calls every widget/component makes on its base: never a method of the wrapped module itself. */
const BASE_CALLS = new Set(['_super', '_superApply']);

/**
 * A RequireJS mixin runs inside the module it wraps: `this._isOverflowed()` calls the wrapped widget's method. When
 * the target drops that method from the module, the call throws ("is not a function") and the widget stops working
 * (Alpaca's Magento_Checkout/js/sidebar-mixin.js after 2.4.1 removed `_isOverflowed` from sidebar.js).
 */
export const mixinMethodRemoved: Rule = {
  meta: {
    id: 'overrides/mixin-method-removed',
    severity: 'error',
    category: 'overrides',
    description: 'RequireJS mixin calling a method that the target removed from the module it wraps',
    docs:
      'A mixin extends a core widget or UI component and calls its methods on `this`. When the target release ' +
      'removes such a method from the wrapped module, the call throws "is not a function" and the widget or ' +
      'component stops working. Port the mixin to the target module: call what replaced the method, or drop the call.',
    recommendations: {
      testOnTarget: 'Test the mixin on a {{release}} install, or pass --baseline-vendor/--target-vendor.',
      readTarget: 'Read {{targetFile}} of {{target}}: call what replaced {{method}}() there, or drop the call.',
    },
    messages: {
      removed:
        'Mixin {{mixin}} calls this.{{method}}(), which {{file}} defines in {{current}} but no longer in {{target}}: ' +
        'the call throws "is not a function".',
      unverified:
        'Could not verify the methods mixin {{mixin}} calls on {{module}} ({{methods}}) against {{target}}: {{reason}}.',
      // The reasons of unverified.
      noMethodsThen: 'the knowledge base has no method data for {{file}} in {{current}}',
      noFileData: 'the knowledge base has no file data for {{component}} there',
      noMethodsThere: 'the knowledge base has no method data for {{file}} there',
    },
    messageSeverity: { unverified: 'info' },
  },
  check(context) {
    const current = context.files?.current;
    if (!current) return;
    const target = context.files?.target ?? null;
    const sources = projectJs(context);
    for (const { config, area } of requireJsConfigs(context)) {
      for (const mixin of config.mixins) {
        const source = mixinSource(sources, mixin.mixin, config, area);
        if (!source) continue;
        const own = new Set(source.methods);
        const calls = source.thisCalls.filter((c) => !own.has(c.name) && !BASE_CALLS.has(c.name));
        if (calls.length === 0) continue;
        const before = resolveJsModule(mixin.target, area, current);
        // Not core JS, or a module already absent: requirejs-mixin-target's judgement.
        if (before === 'unknown' || before === undefined) continue;
        const after = target ? resolveJsModule(mixin.target, area, target) : 'unknown';
        if (after === undefined) continue; // removed module: requirejs-mixin-target reports it
        const targetLabel = target?.label ?? context.target.release.version;
        const unverified = (reason: MessagePart) =>
          context.report({
            file: source.file,
            line: calls[0]!.line,
            subject: `${mixin.target} ${mixin.mixin} unverified`,
            messageId: 'unverified',
            data: {
              mixin: mixin.mixin,
              module: mixin.target,
              methods: calls.map((c) => c.name).join(', '),
              target: targetLabel,
              reason: [reason],
              release: context.target.release.version,
            },
            recommendationId: 'testOnTarget',
            effort: { hours: 0, confidence: 'low' },
          });
        const methodsBefore = jsMethods(current, before.component, before.path);
        if (!methodsBefore) {
          unverified({ messageId: 'noMethodsThen', data: { file: where(before), current: current.label } });
          continue;
        }
        const relied = calls.filter((c) => methodsBefore.has(c.name));
        if (relied.length === 0) continue;
        if (after === 'unknown' || !target) {
          unverified({ messageId: 'noFileData', data: { component: before.component } });
          continue;
        }
        if (after.hash === before.hash && after.path === before.path && after.component === before.component) continue;
        const methodsAfter = jsMethods(target, after.component, after.path);
        if (!methodsAfter) {
          unverified({ messageId: 'noMethodsThere', data: { file: where(after) } });
          continue;
        }
        for (const call of relied) {
          if (methodsAfter.has(call.name)) continue;
          context.report({
            file: source.file,
            line: call.line,
            subject: `${mixin.target} ${mixin.mixin} ${call.name}`,
            messageId: 'removed',
            data: {
              mixin: mixin.mixin,
              method: call.name,
              file: where(before),
              current: current.label,
              target: targetLabel,
              targetFile: where(after),
            },
            recommendationId: 'readTarget',
            effort: { hours: 2, confidence: 'medium' },
          });
        }
      }
    }
  },
};

function where(file: JsFile): string {
  return file.component === 'lib' ? `lib/web/${file.path}` : `${file.component}::${file.path}`;
}

interface ProjectJs {
  /** JS files by owner: a module name or a theme code. */
  byOwner: Map<string, { dir: string; sources: JsSource[] }>;
}

function projectJs(context: RuleContext): ProjectJs {
  const byOwner = new Map<string, { dir: string; sources: JsSource[] }>();
  for (const m of context.project.modules)
    if (!m.core) byOwner.set(m.name, { dir: m.path, sources: m.customizations.js ?? [] });
  for (const t of context.project.themes)
    if (!(t.location === 'vendor' && t.package?.startsWith('magento/')))
      byOwner.set(t.code, { dir: t.path, sources: t.js ?? [] });
  return { byOwner };
}

/**
 * The project file a mixin id names: `Vendor_Module/js/x` is the module's view/<area>/web/js/x.js, or a theme's
 * Vendor_Module/web/js/x.js (the config's own theme first); an id without a module is a theme's web/.
 */
function mixinSource(js: ProjectJs, id: string, config: RequireJsConfig, area: string): JsSource | undefined {
  const slash = id.indexOf('/');
  const head = slash > 0 ? id.slice(0, slash) : '';
  const isModule = /^[A-Z][A-Za-z0-9]*_[A-Za-z0-9]+$/.test(head);
  const rest = `${isModule ? id.slice(slash + 1) : id}.js`.replace(/\.js\.js$/, '.js');
  const owners = [...js.byOwner.values()].sort(
    (a, b) => Number(config.file.startsWith(`${b.dir}/`)) - Number(config.file.startsWith(`${a.dir}/`)),
  );
  const suffixes = isModule
    ? [`/${head}/web/${rest}`, `/view/${area}/web/${rest}`, `/view/base/web/${rest}`]
    : [`/web/${rest}`];
  for (const owner of owners) {
    const moduleOwner = isModule && js.byOwner.get(head) === owner;
    for (const s of owner.sources) {
      const local = s.file.startsWith(`${owner.dir}/`) ? s.file.slice(owner.dir.length) : `/${s.file}`;
      if (suffixes.some((suffix, i) => (i === 0 || !isModule || moduleOwner) && local === suffix)) return s;
    }
  }
  return undefined;
}
