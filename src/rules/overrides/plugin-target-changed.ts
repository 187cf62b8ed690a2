import { RELEASE_MESSAGES, releaseLabel } from '../php-api/worlds.js';
import { siblings } from '../../project/ownership.js';
import { compareLooseVersions } from '../../knowledge/api/versions.js';
import type { MethodDecl } from '../../php/types.js';
import type { MessageData, Rule, RuleContext } from '../rule.js';
import { methodsWithParents, onlyOptionalParamsAdded, signatureOf } from './class-changes.js';
import { activePlugins } from './plugins.js';

export const pluginTargetChanged: Rule = {
  meta: {
    id: 'overrides/plugin-target-changed',
    severity: 'warning',
    category: 'overrides',
    description: 'Plugin on a core method that changed, was removed or became final/private in the target',
    docs: 'Plugins depend on the intercepted method: removed or final/private methods are never intercepted (or break compilation), a changed signature breaks around/before plugins, a changed body may change what after plugins receive.',
    recommendations: {
      reviewMethod:
        'Review the new method and adapt the plugin (arguments, return value, whether $proceed is still right).',
    },
    messages: {
      ...RELEASE_MESSAGES,
      removed: 'Plugin {{name}} ({{plugin}}) on {{target}}, which was removed in {{release}}.',
      notInterceptable:
        'Plugin {{name}} ({{plugin}}) on {{target}}, which became {{became}} in {{release}}: it can no longer be ' +
        'intercepted.',
      signature: 'Plugin {{name}} ({{plugin}}) on {{target}}, which changed signature: {{before}} → {{after}}.',
      signatureCompatible:
        'Plugin {{name}} ({{plugin}}) on {{target}}, which changed signature: {{before}} → {{after}}.',
      body: 'Plugin {{name}} ({{plugin}}) on {{target}}, which changed its code in {{release}}.',
    },
    messageSeverity: { removed: 'error', notInterceptable: 'error', signature: 'error' },
  },
  check(context) {
    const current = context.current.symbols;
    if (!current) return;
    for (const { module: m, plugin } of activePlugins(context.project)) {
      // A vendor's plugin on its own (or a sibling package's) class upgrades with it: not Magento's change.
      if (siblings(context.project.packages, m.package, current.getClass(plugin.target)?.package)) continue;
      const before = methodsWithParents(current, plugin.target);
      if (!before) continue;
      const after = methodsWithParents(context.target.symbols, plugin.target);
      // A removed class is php-api/missing-class's finding.
      if (!after) continue;
      if (notUpgraded(context, plugin.target)) continue;
      // One engine per fact: whether a plugin still fits a method (exists, interceptable, arguments) is
      // php-api/signature-mismatch's judgement when the plugin's code is under check; this rule adds the changes
      // that leave it fitting (bodies, and signatures whose change cannot touch the arguments the plugin declares).
      const pluginClass = (plugin.class ?? plugin.type!).replace(/^\\/, '').toLowerCase();
      const pluginDecl = context.code
        .flatMap((u) => u.analysis.classes)
        .find((c) => c.name.toLowerCase() === pluginClass);
      const pluginAnalysed = pluginDecl !== undefined;
      for (const pm of plugin.methods) {
        const mm = /^(before|around|after)(.+)$/.exec(pm);
        if (!mm) continue;
        const kind = mm[1]!;
        const key = mm[2]!.toLowerCase();
        const old = before.get(key);
        if (!old) continue;
        const now = after.get(key);
        let change: { messageId: string; data: MessageData };
        if (pluginAnalysed && (!now || now.final || now.visibility !== 'public' || now.static)) continue;
        if (pluginAnalysed && now && signatureOf(now) !== signatureOf(old)) {
          const declared = pluginDecl.methods.find((x) => x.name.toLowerCase() === pm.toLowerCase());
          const ownArgs = (declared?.params.length ?? 0) > (kind === 'before' ? 1 : 2);
          if (ownArgs && paramsOf(now) !== paramsOf(old)) continue;
        }
        if (!now) {
          change = { messageId: 'removed', data: { release: releaseLabel(context) } };
        } else if (now.final || now.visibility !== 'public' || now.static) {
          const became = now.final ? 'final' : now.static ? 'static' : now.visibility;
          change = { messageId: 'notInterceptable', data: { became, release: releaseLabel(context) } };
        } else if (signatureOf(now) !== signatureOf(old)) {
          // Appended optional parameters break nothing a plugin relies on (around plugins should pass ...$args on).
          // An analysed plugin that still declares no changed argument fits (signature-mismatch would say otherwise).
          const compatible = kind === 'after' || pluginAnalysed || onlyOptionalParamsAdded(old, now);
          change = {
            messageId: compatible ? 'signatureCompatible' : 'signature',
            data: { before: signatureOf(old), after: signatureOf(now) },
          };
        } else if (old.bodyHash && now.bodyHash && old.bodyHash !== now.bodyHash) {
          change = { messageId: 'body', data: { release: releaseLabel(context) } };
        } else continue;
        const error = change.messageId !== 'body' && change.messageId !== 'signatureCompatible';
        context.report({
          file: plugin.file,
          line: plugin.line,
          module: m.name,
          subject: `${plugin.target}::${old.name} ${plugin.name} ${pm}`,
          messageId: change.messageId,
          data: {
            ...change.data,
            name: plugin.name,
            plugin: `${plugin.class ?? plugin.type}::${pm}`,
            target: `${plugin.target}::${old.name}()`,
          },
          recommendationId: 'reviewMethod',
          effort: { hours: error ? 2 : 1, confidence: 'low' },
        });
      }
    }
  },
};

/** A method's signature without its return type: what a plugin's declared arguments are checked against. */
const paramsOf = (m: MethodDecl) => signatureOf({ ...m, returnType: undefined });

/**
 * Does the upgrade leave the target class's package at (or above) the version the store has installed? Packages
 * Magento does not pin (magento/module-data-exporter and the other SaaS modules) are indexed at the version a
 * release's tree happened to install: a 2.4.7-p7 store with data-exporter 103.4.28 is not moved to the 103.4.14 of the
 * 2.4.8 index, so comparing with that is no change of the upgrade (Composer keeps at least the installed release).
 */
function notUpgraded(context: RuleContext, fqcn: string): boolean {
  const pkg = context.target.symbols.getClass(fqcn)?.package;
  if (!pkg) return false;
  const installed = context.project.packages.find((p) => p.name === pkg)?.version;
  const target = context.target.symbols.packages()[pkg];
  return !!installed && !!target && compareLooseVersions(target, installed.replace(/^v/, '')) <= 0;
}
