import type { LayoutFile } from '../../project/model.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'overrides/layout-reference-removed',
    severity: 'warning',
    category: 'overrides',
    description: 'Layout XML referencing a handle, block or container that the target no longer declares',
    docs: 'A `referenceBlock`/`referenceContainer`/`move`/`update handle` on a name the target removed is silently ignored by Magento: the customization stops applying without an error.',
  },
  check(context) {
    const current = context.files?.current;
    const target = context.files?.target;
    if (!current || !target) return;
    const before = current.layoutNames();
    const after = target.layoutNames();
    const handlesBefore = current.layoutHandles();
    const handlesAfter = target.layoutHandles();
    const layouts: LayoutFile[] = [
      ...context.project.modules.filter((m) => !m.core).flatMap((m) => m.customizations.layouts),
      ...context.project.themes
        .filter((t) => !(t.location === 'vendor' && t.package?.startsWith('magento/')))
        .flatMap((t) => t.layouts ?? []),
    ];
    // Names the project declares itself are never "removed".
    const own = new Set(layouts.flatMap((l) => l.blocks.map((b) => b.name).filter((n): n is string => !!n)));
    const gone = (name: string) => before.has(name) && !after.has(name) && !own.has(name);
    for (const layout of layouts) {
      const refs = [
        ...layout.references.map((r) => ({ kind: r.kind as string, name: r.name, line: r.line })),
        ...(layout.moves ?? []).flatMap((m) => [
          { kind: 'moved element', name: m.element, line: m.line },
          { kind: 'move destination', name: m.destination, line: m.line },
        ]),
      ];
      for (const ref of refs) {
        if (!gone(ref.name)) continue;
        context.report({
          severity: 'warning',
          file: layout.file,
          line: ref.line,
          subject: `${ref.kind} ${ref.name}`,
          message: `Layout ${ref.kind} "${ref.name}" exists in ${current.label} but no core layout of ${target.label} declares it: the instruction will be ignored.`,
          recommendation: 'Find the element that replaced it in the target layouts and point the reference there.',
          effort: { hours: 1, confidence: 'medium' },
        });
      }
      for (const update of layout.updates ?? []) {
        if (!handlesBefore.has(update.handle) || handlesAfter.has(update.handle)) continue;
        context.report({
          severity: 'warning',
          file: layout.file,
          line: update.line,
          subject: `handle ${update.handle}`,
          message: `Layout handle "${update.handle}" exists in ${current.label} but not in ${target.label}: <update handle> pulls in nothing.`,
          recommendation: 'Use the handle that replaced it in the target.',
          effort: { hours: 1, confidence: 'medium' },
        });
      }
      if (
        handlesBefore.has(layout.handle) &&
        !handlesAfter.has(layout.handle) &&
        /\/(Magento_[^/]+)\/layout\//.test(layout.file)
      ) {
        context.report({
          severity: 'warning',
          file: layout.file,
          subject: `handle ${layout.handle}`,
          message: `Layout handle "${layout.handle}" is no longer declared by any core layout of ${target.label}: this theme layout may never load.`,
          recommendation: 'Rename the file to the handle that replaced it.',
        });
      }
    }
  },
};
