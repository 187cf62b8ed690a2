import type { Rule } from '../rule.js';

/** Installed packages their maintainers marked abandoned, with the replacement they name. */
export const abandonedPackage: Rule = {
  meta: {
    id: 'composer/abandoned-package',
    severity: 'warning',
    category: 'composer',
    description: 'A package the project requires directly is marked abandoned by its maintainer.',
    docs:
      'Composer marks a package abandoned when its maintainer says it is no longer maintained, sometimes naming a ' +
      'replacement. An abandoned package gets no fixes for new Magento or PHP versions or for security issues. ' +
      'Fix: move to the named replacement, or find one. Only packages the root composer.json requires are reported: ' +
      'a library Magento or an extension requires is theirs to replace, not the project’s.',
    recommendations: {
      replace:
        'Replace {{name}} with {{replacement}} (composer remove {{name}} && composer require {{replacement}}) and adapt ' +
        'the code that uses it.',
      findAlternative:
        'Find a maintained alternative to {{name}} or take over its maintenance; remove it if nothing uses it.',
    },
    messages: {
      abandonedWithReplacement: '{{name}} {{version}} is abandoned; its maintainer suggests {{replacement}}.',
      abandoned: '{{name}} {{version}} is abandoned and names no replacement.',
    },
  },
  check(ctx) {
    // What Magento's own project template puts in the root composer.json (dev tools such as sebastian/phpcpd) is
    // Magento's choice, updated with the template: not the client's to replace.
    const template = new Set(
      [ctx.composer?.current?.template, ctx.composer?.target?.template].flatMap((t) =>
        t ? [...Object.keys(t.require), ...Object.keys(t.requireDev)].map((n) => n.toLowerCase()) : [],
      ),
    );
    for (const pkg of ctx.project.packages) {
      if (template.has(pkg.name) || pkg.ownership === 'core' || pkg.ownership === 'bundled') continue;
      // Libraries Magento (or an extension) requires are replaced by their requirer, not by the client.
      if (!pkg.abandoned || !(pkg.direct ?? pkg.name in ctx.project.rootRequire)) continue;
      const replacement = typeof pkg.abandoned === 'string' && pkg.abandoned !== '' ? pkg.abandoned : undefined;
      ctx.report({
        package: pkg.name,
        file: pkg.path ? `${pkg.path}/composer.json` : 'composer.lock',
        subject: `${pkg.name} abandoned`,
        ...(replacement
          ? {
              messageId: 'abandonedWithReplacement',
              data: { name: pkg.name, version: pkg.version, replacement },
              recommendationId: 'replace',
            }
          : {
              messageId: 'abandoned',
              data: { name: pkg.name, version: pkg.version },
              recommendationId: 'findAlternative',
            }),
        effort: { hours: replacement ? 2 : 8, confidence: 'low' },
      });
    }
  },
};
