import type { MessagePart, Rule, RuleContext } from '../rule.js';
import { isUsersPackage } from './conflicts.js';
import { FIT_MESSAGES, fitAdvicePart } from './extension-fit.js';

/**
 * A package (or the root composer.json) that `replace`s core modules to remove them — search engine adapters most
 * often — while the target adds a module of the same family it does not replace: Composer installs the new one, and it
 * requires what was replaced, so the update fails or the removed feature comes back.
 */
export const replaceNewPackage: Rule = {
  meta: {
    id: 'composer/replace-new-package',
    severity: 'error',
    category: 'composer',
    description: 'A `replace` of core modules misses a module of the same family the target adds.',
    docs:
      'Projects and extensions remove core modules by `replace`-ing them (`"magento/module-elasticsearch-7": "*"`), ' +
      'for example to run without a search engine. When the target adds a module of the same family ' +
      '(2.4.8 adds magento/module-elasticsearch-8, 2.4.6 magento/module-open-search), Composer installs it: it requires ' +
      'the replaced modules, so `composer update` fails, or the removed feature is back after the upgrade. Fix: add ' +
      'the new module to the `replace` section (root composer.json), or update the extension to a release that ' +
      'replaces it.',
    recommendations: {
      addReplace: 'Add {{entries}} to the replace section of composer.json.',
      updateOrReplace:
        'Update {{name}} to a release that also replaces {{missing}}, or add {{entries}} to the root ' +
        "composer.json's replace section. {{fit}}",
    },
    messages: {
      ...FIT_MESSAGES,
      // One `replace` entry to add, as composer.json writes it; {{entries}} joins them with `, `.
      replaceEntry: '"{{name}}": "*"',
      missesOne:
        '{{label}} replaces {{replaced}}, but {{target}} adds {{missing}} of the same family, which it does not ' +
        'replace: Composer installs it with the upgrade.',
      missesSeveral:
        '{{label}} replaces {{replaced}}, but {{target}} adds {{missing}} of the same family, which it does not ' +
        'replace: Composer installs them with the upgrade.',
      // Who replaces: the root composer.json or a package.
      rootComposerJson: 'The root composer.json',
      packageVersion: '{{package}} {{version}}',
    },
    listSeparators: { entries: ', ' },
  },
  check(ctx) {
    const current = ctx.current.release?.packages ?? {};
    const target = ctx.target.release.packages;
    const added = Object.keys(target).filter((n) => current[n] === undefined);
    if (added.length === 0) return;
    const replacers: Replacer[] = [];
    const rootReplace = ctx.project.rootComposer?.replace ?? {};
    if (Object.keys(rootReplace).length > 0) {
      replacers.push({
        name: 'Root composer.json',
        label: { messageId: 'rootComposerJson' },
        file: 'composer.json',
        replace: rootReplace,
        root: true,
      });
    }
    for (const pkg of ctx.project.packages) {
      if (!isUsersPackage(pkg) || !pkg.replace) continue;
      replacers.push({
        name: pkg.name,
        label: { messageId: 'packageVersion', data: { package: pkg.name, version: pkg.version } },
        file: pkg.path ? `${pkg.path}/composer.json` : 'composer.lock',
        replace: pkg.replace,
        root: false,
      });
    }
    for (const r of replacers) {
      const replaced = Object.keys(r.replace)
        .map((n) => n.toLowerCase())
        .filter((n) => n.startsWith('magento/'));
      const families = new Set(replaced.map(family));
      const missing = added.filter((n) => families.has(family(n)) && !replaced.includes(n)).sort();
      if (missing.length === 0) continue;
      reportMissing(
        ctx,
        r,
        replaced.filter((n) => missing.some((m) => family(m) === family(n))),
        missing,
      );
    }
  },
};

/** A composer.json with a `replace` section: the root's or an installed package's. */
interface Replacer {
  name: string;
  label: MessagePart;
  file: string;
  replace: Record<string, string>;
  root: boolean;
}

function reportMissing(ctx: RuleContext, r: Replacer, replaced: string[], missing: string[]): void {
  const target = ctx.target.release.version;
  const entries: MessagePart[] = missing.map((name) => ({ messageId: 'replaceEntry', data: { name } }));
  const data = { label: [r.label], replaced: replaced.join(', '), target, missing: missing.join(', '), entries };
  ctx.report({
    package: r.root ? undefined : r.name,
    file: r.file,
    subject: `${r.name} replace misses ${missing.join(',')}`,
    messageId: missing.length > 1 ? 'missesSeveral' : 'missesOne',
    ...(r.root
      ? { data, recommendationId: 'addReplace' }
      : {
          data: { ...data, name: r.name, fit: [fitAdvicePart(ctx, r.name)] },
          recommendationId: 'updateOrReplace',
        }),
    effort: { hours: 0.5, confidence: 'medium' },
  });
}

/** Search engine adapters are one family whatever their name; otherwise a module and its numbered versions. */
export function family(name: string): string {
  if (/^magento\/module-(inventory-)?(elasticsearch|open-?search)/.test(name)) return 'search-engine';
  return name.replace(/-\d+$/, '');
}
