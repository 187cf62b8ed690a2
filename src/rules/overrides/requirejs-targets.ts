// Shared by the mixin and map rules: which RequireJS entries point at core JS that changed or disappeared.
import type { RequireJsConfig } from '../../project/model.js';
import type { RuleContext } from '../rule.js';
import { areaOfRequireJsFile, resolveJsModule } from './js-modules.js';

export function requireJsConfigs(context: RuleContext): { config: RequireJsConfig; area: string }[] {
  const out: { config: RequireJsConfig; area: string }[] = [];
  for (const m of context.project.modules) {
    if (m.core) continue;
    for (const config of m.customizations.requirejs) out.push({ config, area: areaOfRequireJsFile(config.file) });
  }
  for (const t of context.project.themes) {
    if (t.location === 'vendor' && t.package?.startsWith('magento/')) continue;
    for (const config of t.requirejs ?? []) out.push({ config, area: t.area });
  }
  return out;
}

export function checkJsTarget(
  context: RuleContext,
  id: string,
  area: string,
  report: (state: 'changed' | 'removed', detail: string) => void,
): void {
  const current = context.files?.current;
  const target = context.files?.target;
  if (!current || !target) return;
  const before = resolveJsModule(id, area, current);
  if (before === 'unknown' || before === undefined) return; // not core JS (or already absent): nothing to compare
  const after = resolveJsModule(id, area, target);
  if (after === 'unknown') return;
  if (after === undefined)
    report(
      'removed',
      `${before.component === 'lib' ? 'lib/web/' : `${before.component}::`}${before.path} is absent from ${target.label}`,
    );
  else if (after.hash !== before.hash)
    report(
      'changed',
      `${after.component === 'lib' ? 'lib/web/' : `${after.component}::`}${after.path} changed between ${current.label} and ${target.label}`,
    );
}
