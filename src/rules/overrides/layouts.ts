import type { LayoutFile } from '../../project/model.js';
import type { RuleContext } from '../rule.js';

/** The project's own layout files: non-core modules' and the themes Magento does not ship. */
export function projectLayouts(context: RuleContext): LayoutFile[] {
  return [
    ...context.project.modules.filter((m) => !m.core).flatMap((m) => m.customizations.layouts),
    ...context.project.themes
      .filter((t) => !(t.location === 'vendor' && t.package?.startsWith('magento/')))
      .flatMap((t) => t.layouts ?? []),
  ];
}
