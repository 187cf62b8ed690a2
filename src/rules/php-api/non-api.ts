import type { Rule } from '../rule.js';
import { codeClassUses, locationOf } from './class-uses.js';
import { isCorePackage } from '../../check/class-world.js';
import { RELEASE_MESSAGES, releaseLabel } from './worlds.js';

/** The uses that tie custom code to a core class's implementation, with their UCT codes. */
const TIGHT_USES = {
  extends: { words: 'extends', interfaceCode: 1327, classCode: 1121 },
  implements: { words: 'implements', interfaceCode: 1328, classCode: 1328 },
  new: { words: 'instantiates', interfaceCode: 1420, classCode: 1420 },
  'static-call': { words: 'calls statically', interfaceCode: 1429, classCode: 1429 },
} as const;

export const nonApi: Rule = {
  meta: {
    id: 'php-api/non-api',
    severity: 'info',
    category: 'php-api',
    description: 'Custom code extends, implements, instantiates or statically calls core code that is not @api.',
    uctCode: 1121,
    docs: `Only \`@api\` classes and interfaces keep their behaviour and signatures across minor releases; everything else
may change in any release, even a patch. This rule lists the tight couplings to non-\`@api\` core (\`magento/*\`) code:
\`extends\`, \`implements\`, \`new\` and static calls. Ordinary method calls on injected dependencies are deliberately
not listed (they would drown the report); the target-aware rules (missing-*, signature-mismatch) catch the ones that
actually break. Reported once per file and class, as \`info\`.

UCT codes: 1121 (extending), 1327/1328 (inheriting/implementing), 1420 (instantiating), 1429 (calling non-API methods).

**How to fix:** depend on an \`@api\` interface through constructor injection, or use a plugin/observer instead of
inheritance; at least cover the behaviour with tests run after each upgrade.`,
    recommendations: {
      preferApi:
        'Prefer an @api interface through constructor injection (or a plugin/observer over inheritance); test this ' +
        'behaviour after every upgrade.',
    },
    messages: {
      ...RELEASE_MESSAGES,
      nonApi: '{{how}} non-@api {{kind}} `{{name}}` ({{package}} in {{release}}): it may change in any release',
    },
  },
  async check(context) {
    if (context.target.symbols.coverage === 'none') return;
    const { target } = context.classes;
    const seen = new Set<string>();
    for (const use of codeClassUses(context.underCheck)) {
      if (!(use.kind in TIGHT_USES)) continue;
      // parent::/self::/static:: calls follow from the class's own extends, already listed.
      if (use.kind === 'static-call' && use.reference?.via && ['parent', 'self', 'static'].includes(use.reference.via))
        continue;
      const how = TIGHT_USES[use.kind as keyof typeof TIGHT_USES];
      const cls = target.get(use.name);
      if (!cls || cls.source !== 'index' || !isCorePackage(cls.package) || cls.decl.api) continue;
      if (use.kind === 'static-call' && use.member) {
        const member = target.findMethod(use.name, use.member).found?.member;
        if (member?.api) continue;
      }
      const key = `${use.file}\0${use.kind}\0${cls.decl.name.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      context.report({
        ...locationOf(use),
        messageId: 'nonApi',
        data: {
          how: how.words,
          kind: cls.decl.kind,
          name: cls.decl.name,
          package: String(cls.package),
          release: releaseLabel(context),
        },
        recommendationId: 'preferApi',
        effort: { hours: 0.5, confidence: 'low' },
        subject: `non-api:${use.kind}:${cls.decl.name.toLowerCase()}`,
        uctCode: cls.decl.kind === 'interface' ? how.interfaceCode : how.classCode,
      });
    }
  },
};
