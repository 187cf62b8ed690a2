import { formatMethod } from '../signature-format.js';
import { releaseLabel } from '../worlds.js';
import { reportAt, type ClassCheck } from './report.js';

export const unimplementedMessages = {
  unimplementedInterface:
    '{{class}} does not implement {{owner}}::{{method}}(), which {{release}} adds to the interface: `{{signature}}`',
  unimplementedAbstract:
    '{{class}} does not implement {{owner}}::{{method}}(), which {{release}} declares abstract: `{{signature}}`',
};

export const unimplementedRecommendations = {
  implement: 'Implement `{{signature}}` in {{class}} (PHP fatals at class load otherwise).',
};

/** Abstract methods of core interfaces/parents that the target adds and the class hierarchy does not implement. */
export const checkUnimplemented: ClassCheck = (context, unit, decl, target, current) => {
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
      reportAt(context, unit, decl.line, {
        messageId: fromInterface ? 'unimplementedInterface' : 'unimplementedAbstract',
        data: {
          class: decl.name,
          owner: cls.decl.name,
          method: m.name,
          release: releaseLabel(context),
          signature: formatMethod(m),
        },
        recommendationId: 'implement',
        subject: `unimplemented:${decl.name.toLowerCase()}::${m.name.toLowerCase()}`,
        hours: 1,
      });
      concrete.add(m.name.toLowerCase());
    }
  }
};
