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
    const target = context.files?.target ?? null;
    if (!current) return;
    const before = current.layoutNames();
    const after = target?.layoutNames() ?? new Map<string, string>();
    const handlesBefore = current.layoutHandles();
    const handlesAfter = target?.layoutHandles() ?? new Set<string>();
    const targetLabel = target?.label ?? context.target.release.version;
    // Absent from the target means removed only when the target's data holds the component that declared it now.
    const covered = (key: string, kind: 'name' | 'handle') => {
      const owner = current.layoutOwner(key, kind);
      return !!target && (owner === undefined || target.hasComponent(owner));
    };
    const unverified = (file: string, line: number | undefined, subject: string, what: string) =>
      context.report({
        severity: 'info',
        file,
        ...(line !== undefined ? { line } : {}),
        subject,
        message: `Could not verify ${what} against ${targetLabel}: ${current.label} declares it in a component the knowledge base has no ${context.target.release.version} file data for.`,
        recommendation: `Check the layouts of a ${context.target.release.version} install, or pass --target-vendor.`,
        effort: { hours: 0, confidence: 'low' },
      });
    const layouts: LayoutFile[] = [
      ...context.project.modules.filter((m) => !m.core).flatMap((m) => m.customizations.layouts),
      ...context.project.themes
        .filter((t) => !(t.location === 'vendor' && t.package?.startsWith('magento/')))
        .flatMap((t) => t.layouts ?? []),
    ];
    // Names the project declares itself are never "removed".
    const own = new Set(layouts.flatMap((l) => l.blocks.map((b) => b.name).filter((n): n is string => !!n)));
    const gone = (name: string) => before.has(name) && !after.has(name) && !own.has(name);
    // Handles the project's own layouts declare (a vendor's handles, its siblings') are never "removed" either.
    const ownHandles = new Set(layouts.map((l) => l.handle));
    if (!target) {
      // No layout data for the target's line at all: one "could not verify" per layout file, not one per name.
      for (const layout of layouts) {
        const used = [
          ...layout.references.map((r) => r.name),
          ...(layout.moves ?? []).flatMap((m) => [m.element, m.destination]),
        ].filter((name) => before.has(name) && !own.has(name));
        const handles = (layout.updates ?? []).map((u) => u.handle).filter((h) => handlesBefore.has(h));
        const names = [...new Set([...used, ...handles])];
        if (names.length === 0) continue;
        context.report({
          severity: 'info',
          file: layout.file,
          subject: 'not-covered',
          message: `Could not verify the ${names.length} core layout name${names.length === 1 ? '' : 's'} this file uses (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}) against ${targetLabel}: the knowledge base has no layout data for the ${context.target.release.version} line.`,
          recommendation: `Check the layouts of a ${context.target.release.version} install, or pass --target-vendor.`,
          effort: { hours: 0, confidence: 'low' },
        });
      }
      return;
    }
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
        if (!covered(ref.name, 'name')) {
          unverified(layout.file, ref.line, `${ref.kind} ${ref.name}`, `layout ${ref.kind} "${ref.name}"`);
          continue;
        }
        context.report({
          severity: 'warning',
          file: layout.file,
          line: ref.line,
          subject: `${ref.kind} ${ref.name}`,
          message: `Layout ${ref.kind} "${ref.name}" exists in ${current.label} but no core layout of ${targetLabel} declares it: the instruction will be ignored.`,
          recommendation: 'Find the element that replaced it in the target layouts and point the reference there.',
          effort: { hours: 1, confidence: 'medium' },
        });
      }
      for (const update of layout.updates ?? []) {
        if (!handlesBefore.has(update.handle) || handlesAfter.has(update.handle) || ownHandles.has(update.handle))
          continue;
        if (!covered(update.handle, 'handle')) {
          unverified(layout.file, update.line, `handle ${update.handle}`, `layout handle "${update.handle}"`);
          continue;
        }
        context.report({
          severity: 'warning',
          file: layout.file,
          line: update.line,
          subject: `handle ${update.handle}`,
          message: `Layout handle "${update.handle}" exists in ${current.label} but not in ${targetLabel}: <update handle> pulls in nothing.`,
          recommendation: 'Use the handle that replaced it in the target.',
          effort: { hours: 1, confidence: 'medium' },
        });
      }
      if (
        handlesBefore.has(layout.handle) &&
        !handlesAfter.has(layout.handle) &&
        /\/(Magento_[^/]+)\/layout\//.test(layout.file)
      ) {
        if (!covered(layout.handle, 'handle')) {
          unverified(layout.file, undefined, `handle ${layout.handle}`, `layout handle "${layout.handle}"`);
          continue;
        }
        context.report({
          severity: 'warning',
          file: layout.file,
          subject: `handle ${layout.handle}`,
          message: `Layout handle "${layout.handle}" is no longer declared by any core layout of ${targetLabel}: this theme layout may never load.`,
          recommendation: 'Rename the file to the handle that replaced it.',
        });
      }
    }
  },
};
