import type { SymbolIndex } from '../../knowledge/types.js';
import type { ClassDecl } from '../../php/types.js';
import { RELEASE_MESSAGES, releaseLabel } from '../php-api/worlds.js';
import type { MessagePart, Rule } from '../rule.js';
import { siblings } from '../../project/ownership.js';
import { classChanges, type MethodChange } from './class-changes.js';

/** The messages of a changed method by how it changed: as it is, and when the preference overrides it. */
const METHOD_CHANGE: Record<MethodChange['how'], [string, string]> = {
  removed: ['methodRemoved', 'methodRemovedOverridden'],
  signature: ['methodSignature', 'methodSignatureOverridden'],
  body: ['methodBody', 'methodBodyOverridden'],
  added: ['methodAdded', 'methodAddedOverridden'],
};

export const preferenceChanged: Rule = {
  meta: {
    id: 'overrides/preference-changed',
    severity: 'warning',
    category: 'overrides',
    description: "di.xml preference replacing a core class whose code (or a parent's) changed in the target",
    docs:
      'A preference replaces the core class everywhere: fixes to the original (or its parents) do not reach the store ' +
      "unless ported (a class the target removed is php-api/missing-class's finding on the same line). A preference " +
      'that extends the original inherits every ' +
      'change it does not override: the methods it overrides itself are listed first, and when it overrides none of the ' +
      'changed ones the finding is only info (the changes reach the store through inheritance). A preference for one ' +
      "of Magento's own classes is upgraded with Magento.",
    recommendations: {
      checkStillFits: 'Check that {{type}} still fits the changed {{for}}; nothing to port.',
      portChanges:
        'Diff {{for}} (and its parents) between the versions and port the changes into {{type}}; prefer a plugin ' +
        'where possible.',
    },
    messages: {
      ...RELEASE_MESSAGES,
      changed: 'Preference {{type}} for {{for}}, whose code changed in {{release}}: {{changes}}.',
      inherited:
        'Preference {{type}} for {{for}}, whose code changed in {{release}}: {{changes}}; {{type}} extends it and ' +
        'overrides none of these, so they reach the store through inheritance.',
      // One part per changed method ({{changes}}), by how it changed and whether the preference overrides it.
      methodRemoved: '{{cls}}::{{method}}() removed',
      methodSignature: '{{cls}}::{{method}}() signature',
      methodBody: '{{cls}}::{{method}}() body changed',
      methodAdded: '{{cls}}::{{method}}() added',
      methodRemovedOverridden: '{{cls}}::{{method}}() removed (overridden by the preference)',
      methodSignatureOverridden: '{{cls}}::{{method}}() signature (overridden by the preference)',
      methodBodyOverridden: '{{cls}}::{{method}}() body changed (overridden by the preference)',
      methodAddedOverridden: '{{cls}}::{{method}}() added (overridden by the preference)',
      andMore: 'and {{count}} more',
    },
    listSeparators: { changes: ', ' },
    messageSeverity: { inherited: 'info' },
  },
  check(context) {
    const current = context.current.symbols;
    if (!current) return;
    const code = new Map(context.code.flatMap((u) => u.analysis.classes).map((c) => [c.name.toLowerCase(), c]));
    for (const m of context.project.modules) {
      if (m.core) continue;
      for (const pref of m.customizations.preferences) {
        // A vendor's preference for its own (or a sibling package's) class upgrades with it: not Magento's change.
        if (siblings(context.project.packages, m.package, current.getClass(pref.for)?.package)) continue;
        const type = pref.type.replace(/^\\/, '');
        const mine = code.get(type.toLowerCase());
        // A module may prefer one of Magento's own classes (Amasty_Base: Filesystem\Driver\File for DriverInterface):
        // that class is upgraded together with what it implements, nothing to port.
        if (!mine && context.target.symbols?.getClass(type)) continue;
        const changes = classChanges(current, context.target.symbols, pref.for);
        // One engine per fact: a class the target no longer declares is php-api/missing-class's finding (the same
        // di.xml line, named as a preference); this rule judges only changed code.
        if (!changes || changes === 'removed' || changes.length === 0) continue;
        // A preference that extends the original inherits every change it does not override itself (or through
        // its own parents in the code under check); methods it overrides come first: copies that miss the changes.
        const chain = mine ? ancestorsUpTo(mine, pref.for, code, current) : undefined;
        const own = new Set((chain ?? (mine ? [mine] : [])).flatMap((c) => c.methods.map((x) => x.name.toLowerCase())));
        const inherits = chain !== undefined;
        // A replacement beside the original (both extend Generic…) shares the original's ancestors: a change in
        // AbstractBlock or DataObject reaches it through its own parents, unless it overrides that method.
        const shared = !inherits && mine ? ancestorNames(mine, code, current) : new Set<string>();
        const overridden = [...changes].filter((c) =>
          inherits
            ? own.has(c.name.toLowerCase())
            : !shared.has(c.owner.toLowerCase()) || own.has(c.name.toLowerCase()),
        );
        // Any change of the original is named (upgrade-patch-helper does too); one that reaches the store through
        // inheritance, the preference overriding none of the changed methods, only as info: check it still fits.
        const inheritedOnly = overridden.length === 0;
        const list = (inheritedOnly ? [...changes] : overridden).sort(
          (a, b) => Number(own.has(b.name.toLowerCase())) - Number(own.has(a.name.toLowerCase())),
        );
        const changed: MessagePart[] = list.slice(0, 6).map((c) => ({
          messageId: METHOD_CHANGE[c.how][own.has(c.name.toLowerCase()) ? 1 : 0],
          data: { cls: String(c.owner.split('\\').pop()), method: c.name },
        }));
        if (list.length > 6) changed.push({ messageId: 'andMore', data: { count: list.length - 6 } });
        context.report({
          file: pref.file,
          line: pref.line,
          module: m.name,
          subject: `${pref.for} ${pref.type}`,
          messageId: inheritedOnly ? 'inherited' : 'changed',
          data: {
            type: pref.type,
            for: pref.for,
            release: releaseLabel(context),
            changes: changed,
          },
          recommendationId: inheritedOnly ? 'checkStillFits' : 'portChanges',
          effort: { hours: inheritedOnly ? 0.25 : 2, confidence: 'low' },
        });
      }
    }
  },
};

/**
 * The classes of the code under check from `cls` up to `base` when `base` is among its ancestors (looked up in the
 * code under check, then in the current release), else undefined.
 */
function ancestorsUpTo(
  cls: ClassDecl,
  base: string,
  code: Map<string, ClassDecl>,
  current: SymbolIndex,
): ClassDecl[] | undefined {
  const want = base.replace(/^\\/, '').toLowerCase();
  const mine = [cls];
  const seen = new Set<string>();
  let parent = cls.extends?.replace(/^\\/, '');
  while (parent && !seen.has(parent.toLowerCase())) {
    const key = parent.toLowerCase();
    if (key === want) return mine;
    seen.add(key);
    const next = code.get(key);
    if (next) mine.push(next);
    parent = (next ?? current.getClass(parent))?.extends?.replace(/^\\/, '');
  }
  return undefined;
}

/** Every ancestor of `cls` (lower-cased), looked up in the code under check, then in the current release. */
function ancestorNames(cls: ClassDecl, code: Map<string, ClassDecl>, current: SymbolIndex): Set<string> {
  const out = new Set<string>();
  let parent = cls.extends?.replace(/^\\/, '');
  while (parent && !out.has(parent.toLowerCase())) {
    out.add(parent.toLowerCase());
    parent = (code.get(parent.toLowerCase()) ?? current.getClass(parent))?.extends?.replace(/^\\/, '');
  }
  return out;
}
