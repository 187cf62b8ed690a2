import type { MessagePart, Rule } from '../rule.js';
import { projectLayouts } from './layouts.js';

/**
 * The kinds of layout name a reference uses, as its subject says them (the fingerprint), with their message parts: the
 * kind ({{kind}}) and the name of that kind that could not be verified ({{what}}).
 */
const KINDS = {
  block: ['kindBlock', 'whatBlock'],
  container: ['kindContainer', 'whatContainer'],
  'moved element': ['kindMoved', 'whatMoved'],
  'move destination': ['kindDestination', 'whatDestination'],
} as const;

export const layoutReferenceRemoved: Rule = {
  meta: {
    id: 'overrides/layout-reference-removed',
    severity: 'warning',
    category: 'overrides',
    description: 'Layout XML referencing a handle, block or container that the target no longer declares',
    docs: 'A `referenceBlock`/`referenceContainer`/`move`/`update handle` on a name the target removed is silently ignored by Magento: the customization stops applying without an error.',
    recommendations: {
      checkTargetLayouts: 'Check the layouts of a {{target}} install, or pass --target-vendor.',
      pointReference: 'Find the element that replaced it in the target layouts and point the reference there.',
      useNewHandle: 'Use the handle that replaced it in the target.',
      renameFile: 'Rename the file to the handle that replaced it.',
    },
    messages: {
      unverifiedComponent:
        'Could not verify {{what}} against {{targetLabel}}: {{current}} declares it in a component the knowledge base ' +
        'has no {{target}} file data for.',
      unverifiedName:
        'Could not verify the {{count}} core layout name this file uses ({{names}}) against {{targetLabel}}: the ' +
        'knowledge base has no layout data for the {{target}} line.',
      unverifiedNames:
        'Could not verify the {{count}} core layout names this file uses ({{names}}) against {{targetLabel}}: the ' +
        'knowledge base has no layout data for the {{target}} line.',
      reference:
        'Layout {{kind}} "{{name}}" exists in {{current}} but no core layout of {{targetLabel}} declares it: the ' +
        'instruction will be ignored.',
      update:
        'Layout handle "{{handle}}" exists in {{current}} but not in {{targetLabel}}: <update handle> pulls in nothing.',
      themeHandle:
        'Layout handle "{{handle}}" is no longer declared by any core layout of {{targetLabel}}: this theme layout may ' +
        'never load.',
      // The parts: the kind of a name ({{kind}}) and what could not be verified ({{what}}).
      kindBlock: 'block',
      kindContainer: 'container',
      kindMoved: 'moved element',
      kindDestination: 'move destination',
      whatBlock: 'layout block "{{name}}"',
      whatContainer: 'layout container "{{name}}"',
      whatMoved: 'layout moved element "{{name}}"',
      whatDestination: 'layout move destination "{{name}}"',
      whatHandle: 'layout handle "{{handle}}"',
    },
    messageSeverity: { unverifiedComponent: 'info', unverifiedName: 'info', unverifiedNames: 'info' },
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
    const unverified = (file: string, line: number | undefined, subject: string, what: MessagePart) =>
      context.report({
        file,
        ...(line !== undefined ? { line } : {}),
        subject,
        messageId: 'unverifiedComponent',
        data: { what: [what], targetLabel, current: current.label, target: context.target.release.version },
        recommendationId: 'checkTargetLayouts',
        effort: { hours: 0, confidence: 'low' },
      });
    const layouts = projectLayouts(context);
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
          file: layout.file,
          subject: 'not-covered',
          messageId: names.length === 1 ? 'unverifiedName' : 'unverifiedNames',
          data: {
            count: names.length,
            names: `${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}`,
            targetLabel,
            target: context.target.release.version,
          },
          recommendationId: 'checkTargetLayouts',
          effort: { hours: 0, confidence: 'low' },
        });
      }
      return;
    }
    for (const layout of layouts) {
      const refs = [
        ...layout.references.map((r) => ({ kind: r.kind as keyof typeof KINDS, name: r.name, line: r.line })),
        ...(layout.moves ?? []).flatMap((m) => [
          { kind: 'moved element' as const, name: m.element, line: m.line },
          { kind: 'move destination' as const, name: m.destination, line: m.line },
        ]),
      ];
      for (const ref of refs) {
        if (!gone(ref.name)) continue;
        if (!covered(ref.name, 'name')) {
          unverified(layout.file, ref.line, `${ref.kind} ${ref.name}`, {
            messageId: KINDS[ref.kind][1],
            data: { name: ref.name },
          });
          continue;
        }
        context.report({
          file: layout.file,
          line: ref.line,
          subject: `${ref.kind} ${ref.name}`,
          messageId: 'reference',
          data: { kind: [{ messageId: KINDS[ref.kind][0] }], name: ref.name, current: current.label, targetLabel },
          recommendationId: 'pointReference',
          effort: { hours: 1, confidence: 'medium' },
        });
      }
      for (const update of layout.updates ?? []) {
        if (!handlesBefore.has(update.handle) || handlesAfter.has(update.handle) || ownHandles.has(update.handle))
          continue;
        if (!covered(update.handle, 'handle')) {
          unverified(layout.file, update.line, `handle ${update.handle}`, {
            messageId: 'whatHandle',
            data: { handle: update.handle },
          });
          continue;
        }
        context.report({
          file: layout.file,
          line: update.line,
          subject: `handle ${update.handle}`,
          messageId: 'update',
          data: { handle: update.handle, current: current.label, targetLabel },
          recommendationId: 'useNewHandle',
          effort: { hours: 1, confidence: 'medium' },
        });
      }
      if (
        handlesBefore.has(layout.handle) &&
        !handlesAfter.has(layout.handle) &&
        /\/(Magento_[^/]+)\/layout\//.test(layout.file)
      ) {
        if (!covered(layout.handle, 'handle')) {
          unverified(layout.file, undefined, `handle ${layout.handle}`, {
            messageId: 'whatHandle',
            data: { handle: layout.handle },
          });
          continue;
        }
        context.report({
          file: layout.file,
          subject: `handle ${layout.handle}`,
          messageId: 'themeHandle',
          data: { handle: layout.handle, targetLabel },
          recommendationId: 'renameFile',
        });
      }
    }
  },
};
