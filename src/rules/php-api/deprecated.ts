import type { ClassKind } from '../../php/types.js';
import { isSeeTarget } from '../../php/docblock.js';
import type { Finding } from '../../core/finding.js';
import { findNodes, firstNode } from '../../fix/walk.js';
import { compareMagentoVersions } from '../../knowledge/magento-version.js';
import type { FixOutcome, FixSource, Rule } from '../rule.js';
import type { ClassUse } from './class-uses.js';
import { codeClassUses, configClassUses, describeUse, locationOf, USE_MESSAGES } from './class-uses.js';
import { memberLabel } from './member-check.js';
import { isTypeKeyword, RELEASE_MESSAGES, releaseLabel } from './worlds.js';
import { movesWithTarget } from '../../check/code-under-check.js';

/** UCT warning codes for uses of `@deprecated` code, by use and kind. */
function uctCodeForDeprecated(
  use: ClassUse,
  classKind: ClassKind,
  member?: 'method' | 'constant' | 'property',
): number {
  if (member === 'method') return 1439;
  if (member === 'constant') return 1234;
  if (member === 'property') return use.reference?.write ? 1536 : 1534;
  const isInterface = classKind === 'interface';
  if (use.kind === 'extends') return isInterface ? 1337 : 1131;
  if (use.kind === 'implements') return 1338;
  if (use.kind === 'import') return isInterface ? 1332 : 1132;
  if (use.kind === 'new' || use.kind === 'static-call') return isInterface ? 1334 : 1133;
  return isInterface ? 1334 : 1134;
}

export const deprecated: Rule = {
  meta: {
    id: 'php-api/deprecated',
    severity: 'info',
    category: 'php-api',
    description: 'The code uses a class, interface, method, constant or property the target marks @deprecated.',
    uctCode: 1134,
    docs: `The target release still has it, but marks it \`@deprecated\`: it may disappear in a later release. Reported
once per file and symbol (first use), with the \`@deprecated\` text and \`@see\` replacement of the target. Info,
unless the \`@deprecated\` text announces the removal (warning).
UCT codes: 1131–1134 (classes), 1234 (constants), 1332–1338 (interfaces), 1439 (methods), 1534/1536 (properties).

**How to fix:** move to the replacement named by \`@see\`, ideally an \`@api\` interface.`,
    recommendations: {
      planMoveSee: 'Plan the move away from it before it is removed. Replacement (@see): {{see}}.',
      planMove: 'Plan the move away from it before it is removed. Prefer an @api interface of the same module.',
    },
    messages: {
      ...RELEASE_MESSAGES,
      ...USE_MESSAGES,
      deprecated: '{{label}} ({{declaredBy}}) is deprecated in {{release}}{{note}} — {{use}} here',
      // Its removal is announced: a warning, not only advice.
      deprecatedRemovalAnnounced: '{{label}} ({{declaredBy}}) is deprecated in {{release}}{{note}} — {{use}} here',
      deprecationNote: ': {{text}}',
    },
    messageSeverity: { deprecatedRemovalAnnounced: 'warning' },
  },
  async check(context) {
    if (context.target.symbols.coverage === 'none') return;
    const { target } = context.classes;
    const seen = new Set<string>();
    for (const use of [
      ...codeClassUses(context.underCheck),
      ...configClassUses(context.project, (p) => movesWithTarget(context.target.release, p)),
    ]) {
      if (isTypeKeyword(use.name)) continue;
      const cls = target.get(use.name);
      if (!cls || cls.source !== 'index') continue;
      let label: string;
      let note: { deprecated?: string; see?: string[] };
      let member: ClassUse['memberKind'];
      let declaredBy = cls.package;
      if (cls.decl.deprecated !== undefined) {
        label = `${cls.decl.kind} \`${cls.decl.name}\``;
        note = cls.decl;
      } else if (use.member && use.memberKind) {
        const lookup =
          use.memberKind === 'method'
            ? target.findMethod(use.name, use.member)
            : use.memberKind === 'property'
              ? target.findProperty(use.name, use.member)
              : target.findConstant(use.name, use.member);
        const found = lookup.found;
        if (!found || found.owner.source !== 'index' || found.member.deprecated === undefined) continue;
        label = `\`${memberLabel(use.memberKind, found.owner.decl.name, use.member)}\``;
        note = found.member;
        member = use.memberKind;
        declaredBy = found.owner.package; // an inherited member: the package of the class that declares it
      } else continue;
      const key = `${use.file}\0${label.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // The shipped index was built before prose after @see was left out: filter here too.
      const targets = note.see?.filter(isSeeTarget) ?? [];

      // A deprecation without an announced removal is advice (info): Magento keeps deprecated APIs for many releases.
      const removalAnnounced = /\bremov/i.test(note.deprecated ?? '');
      context.report({
        ...locationOf(use),
        messageId: removalAnnounced ? 'deprecatedRemovalAnnounced' : 'deprecated',
        data: {
          label,
          declaredBy: String(declaredBy),
          release: releaseLabel(context),
          // The @deprecated text of the docblock, quoted as it is.
          note: note.deprecated ? [{ messageId: 'deprecationNote', data: { text: note.deprecated } }] : [],
          use: describeUse(use.kind),
          ...(targets.length ? { see: targets.join(', ') } : {}),
        },
        recommendationId: targets.length ? 'planMoveSee' : 'planMove',
        // Without an announced removal the code keeps working on the target: advice, no upgrade hours (one per file
        // for a removal announced, which the move away must come before).
        effort: { hours: removalAnnounced ? 1 : 0, confidence: 'low' },
        subject: `deprecated:${label.toLowerCase()}`,
        uctCode: uctCodeForDeprecated(use, cls.decl.kind, member),
      });
    }
  },
  fixable: (finding) => blockEscapeMethodOf(finding) !== undefined,
  fix: (finding, source) => fixBlockEscape(finding, source),
};

/**
 * The block's escape methods Magento 2.4 deprecates ("Use $escaper directly in templates") whose `Escaper` method has
 * the same name and arguments and is not deprecated itself.
 */
const BLOCK_ESCAPES = new Set(['escapehtml', 'escapehtmlattr', 'escapeurl', 'escapejs', 'escapecss']);

function blockEscapeMethodOf(finding: Finding): string | undefined {
  if (!finding.file?.toLowerCase().endsWith('.phtml')) return undefined;
  const m = /^deprecated:`magento\\framework\\view\\element\\abstractblock::(\w+)\(\)`$/.exec(finding.subject ?? '');
  return m && BLOCK_ESCAPES.has(m[1]!) ? m[1] : undefined;
}

/**
 * `$block->escapeHtml(…)` (or `$this->…`) → `$escaper->escapeHtml(…)` in a template, for every such call of the
 * method in the file (the rule reports the first use of a file). Templates get `$escaper` from Magento 2.4.0 on.
 */
export function fixBlockEscape(finding: Finding, source: FixSource): FixOutcome {
  const method = blockEscapeMethodOf(finding);
  if (!method) return { decline: 'not a block escape method in a template' };
  const since = '2.4.0';
  for (const [label, version] of [
    ['current', source.releases.current],
    ['target', source.releases.target],
  ] as const) {
    if (version === null)
      return { decline: `the current release is unknown: $escaper is in templates from ${since} on` };
    if (compareMagentoVersions(version, since) < 0)
      return { decline: `the ${label} release ${version} gives templates no $escaper (${since} does)` };
  }
  const root = source.tree.rootNode;
  const assignsEscaper = firstNode(
    root,
    (n) =>
      (n.type === 'assignment_expression' || n.type === 'reference_assignment_expression') &&
      n.childForFieldName('left')?.text === '$escaper',
  );
  const calls = findNodes(root, (n) => {
    if (n.type !== 'member_call_expression') return false;
    const object = n.childForFieldName('object');
    return (
      object?.type === 'variable_name' &&
      (object.text === '$block' || object.text === '$this') &&
      n.childForFieldName('name')?.text.toLowerCase() === method
    );
  }).map((call) => call.childForFieldName('object')!);
  if (assignsEscaper) return { decline: 'the template assigns $escaper itself: change it by hand' };
  if (!calls.some((o) => o.startPosition.row + 1 === finding.line))
    return { decline: `cannot find the call on line ${finding.line ?? '?'}` };
  const written = calls[0]!.parent!.childForFieldName('name')!.text;
  return {
    edits: calls.map((o) => ({ start: o.startIndex, end: o.endIndex, text: '$escaper' })),
    description: `$block->${written}() → $escaper->${written}() (${calls.length} call${calls.length === 1 ? '' : 's'} in the template)`,
  };
}
