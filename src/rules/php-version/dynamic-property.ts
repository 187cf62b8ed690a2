import { phpAtLeast } from '../../knowledge/php-versions/php-version.js';
import type { Rule } from '../rule.js';
import { prepareWorlds, worldsOf } from '../php-api/worlds.js';
import { appliesOn, whereOf } from './php-target.js';
import { codeUnderCheck } from '../php-api/code-under-check.js';

export const dynamicProperty: Rule = {
  meta: {
    id: 'php-version/dynamic-property',
    severity: 'warning',
    category: 'php-version',
    description: 'A property is created dynamically on $this (deprecated in PHP 8.2, an error in PHP 9).',
    docs: `Assigning \`$this->foo = …\` when no class in the hierarchy declares \`$foo\` creates a dynamic property: PHP
8.2 deprecates it (RFC "Deprecate dynamic properties"), PHP 9 is expected to throw. The hierarchy is walked through the
code under check and the target's symbol index (parents, traits); classes with \`__set\` in the hierarchy, with
\`#[\\AllowDynamicProperties]\` (inherited) or extending \`stdClass\` are exempt. When part of the hierarchy is unknown the
rule stays silent. Reported once per class and property, at the first assignment; \`warning\` on PHP 8.2+, \`error\` for
PHP 9.

**How to fix:** declare the property (\`private ?Foo $foo = null;\`, or constructor promotion), or, if the class really
needs a bag of values, add \`#[\\AllowDynamicProperties]\` or use an array property.`,
  },
  async check(context) {
    await prepareWorlds(context);
    if (!appliesOn(context, '8.2')) return;
    const { target } = worldsOf(context);
    const severity = phpAtLeast(context.target.php, '9.0') ? 'error' : 'warning';
    const seen = new Set<string>();
    const exempt = new Map<string, boolean | undefined>();
    const isExempt = (cls: string): boolean | undefined => {
      const key = cls.toLowerCase();
      if (!exempt.has(key)) {
        const { classes, unresolved } = target.ancestors(cls);
        const names = classes
          .flatMap((c) => [c.decl.extends ?? '', ...c.decl.implements])
          .map((n) => n.replace(/^\\/, '').toLowerCase());
        const allowed =
          names.includes('stdclass') ||
          classes.some(
            (c) =>
              c.decl.allowDynamicProperties ||
              c.openMembers ||
              c.decl.methods.some((m) => m.name.toLowerCase() === '__set'),
          );
        exempt.set(key, allowed ? true : unresolved.length > 0 ? undefined : false);
      }
      return exempt.get(key);
    };
    for (const unit of codeUnderCheck(context)) {
      for (const ref of unit.analysis.references) {
        if (ref.kind !== 'property-fetch' || !ref.write || ref.via !== '$this' || !ref.member) continue;
        if (!target.declaredByCode(ref.name)) continue;
        const key = `${ref.name.toLowerCase()}\0${ref.member}`;
        if (seen.has(key)) continue;
        if (target.findProperty(ref.name, ref.member).found) continue;
        if (isExempt(ref.name) !== false) continue;
        seen.add(key);
        context.report({
          severity,
          ...whereOf(unit),
          line: ref.line,
          column: ref.column,
          message: `${ref.name} creates dynamic property $${ref.member}: no class in its hierarchy declares it (deprecated since PHP 8.2; target runs ${context.target.php})`,
          recommendation: `Declare \`private $${ref.member};\` (typed if you can) in ${ref.name}, or add #[\\AllowDynamicProperties] if the class is meant to hold arbitrary values.`,
          effort: { hours: 0.25, confidence: 'high' },
          subject: `${ref.name.toLowerCase()}::$${ref.member}`,
        });
      }
    }
  },
};
