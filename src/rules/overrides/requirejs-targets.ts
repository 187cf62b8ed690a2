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

/** `unverified`: the target's data does not cover the module's component (reported at info, 0 h). */
export type JsTargetState = 'changed' | 'removed' | 'unverified';

export function checkJsTarget(
  context: RuleContext,
  id: string,
  area: string,
  report: (state: JsTargetState, detail: string) => void,
): void {
  const current = context.files?.current;
  const target = context.files?.target;
  if (!current) return;
  const before = resolveJsModule(id, area, current);
  if (before === 'unknown' || before === undefined) return; // not core JS (or already absent): nothing to compare
  const after = target ? resolveJsModule(id, area, target) : 'unknown';
  if (!target || after === 'unknown') {
    // Core JS now, but the target's data does not hold its component: unknown, never "removed".
    const where = before.component === 'lib' ? 'lib/web/' : `${before.component}::`;
    report(
      'unverified',
      `could not verify ${where}${before.path} against ${target?.label ?? context.target.release.version}: the knowledge base has no file data for ${before.component} there`,
    );
    return;
  }
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
