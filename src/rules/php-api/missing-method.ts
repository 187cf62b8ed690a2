import type { Finding } from '../../core/finding.js';
import { nodesOnLine } from '../../fix/locate.js';
import type { FixOutcome, FixSource, Rule, RuleContext } from '../rule.js';
import { checkMemberUses, MEMBER_MESSAGES, MEMBER_RECOMMENDATIONS } from './member-check.js';
import { formatMethod } from './signature-format.js';
import { currentLabel, RELEASE_MESSAGES, releaseLabel } from './worlds.js';

export const missingMethod: Rule = {
  meta: {
    id: 'php-api/missing-method',
    severity: 'critical',
    category: 'php-api',
    description:
      'A method the code calls or overrides exists on a core class in the current release but not in the target.',
    uctCode: 1410,
    docs: `The code calls a method (\`$x->m()\` on a receiver whose class is known: \`$this\`, \`parent::\`, typed
parameters and properties, constructor-injected dependencies, \`new\`; static calls; \`webapi.xml\` service methods;
\`crontab.xml\` job methods) that the current release declares on that class or its ancestors (parents, interfaces,
traits) and the target does not: "Call to undefined method" at run time.

It also reports custom methods that **override** a core method the target removed: the override silently stops being
called (error), and a \`parent::m()\` inside it becomes fatal (critical, reported at the call).

Not reported: classes with \`__call\`/\`__callStatic\` in their hierarchy (e.g. \`DataObject\` getters), extension
attribute interfaces, and methods neither release declares (the receiver type may be imprecise).

**How to fix:** switch to the method's replacement (the message quotes \`@deprecated\`/\`@see\` notes of the current
release when present), or move the logic into your own class.`,
    // Its other findings come from member-check.ts (shared with missing-constant and missing-property).
    recommendations: {
      ...MEMBER_RECOMMENDATIONS,
      reattach:
        'Find where {{release}} moved this behaviour (a new method, a plugin point or an event) and re-attach your ' +
        'customization there; remove the dead override.',
    },
    messages: {
      ...RELEASE_MESSAGES,
      ...MEMBER_MESSAGES,
      deadOverride:
        '{{class}}::{{method}}() overrides {{owner}}::{{method}}() (`{{was}}` in {{current}}), which {{release}} no ' +
        'longer declares: the override will never be called by core',
    },
    messageSeverity: { deadOverride: 'error', memberGoneGuarded: 'info' },
  },
  async check(context) {
    checkMemberUses(context, 'method', () => 1410);
    checkOverrides(context);
  },
  fixable: (finding) => monologMethodOf(finding) !== undefined,
  fix: (finding, source) => fixMonologMethod(finding, source),
};

/**
 * Monolog 1's level methods that Monolog 2 (Magento 2.4.4+) removed, and their PSR-3 replacement with the same
 * arguments (`addDebug($message, array $context = [])` → `debug($message, array $context = [])`).
 */
const MONOLOG_1_METHODS: Readonly<Record<string, string>> = {
  adddebug: 'debug',
  addinfo: 'info',
  addnotice: 'notice',
  addwarning: 'warning',
  adderror: 'error',
  addcritical: 'critical',
  addalert: 'alert',
  addemergency: 'emergency',
};

/** The PSR-3 method replacing the finding's Monolog 1 method, when the finding is a call of one on a Monolog logger. */
function monologMethodOf(finding: Finding): string | undefined {
  const m = /^method:(.+)::(\w+)$/.exec(finding.subject ?? '');
  if (!m || m[1] !== 'monolog\\logger') return undefined;
  return MONOLOG_1_METHODS[m[2]!.toLowerCase()];
}

/**
 * `$logger->addDebug(…)` → `$logger->debug(…)` when check knows the receiver is a Monolog logger. Declined when the
 * call's value is used: Monolog 1 returned a bool, PSR-3's methods return nothing.
 */
export function fixMonologMethod(finding: Finding, source: FixSource): FixOutcome {
  const replacement = monologMethodOf(finding);
  if (!replacement || !finding.line || !finding.column)
    return { decline: 'not a call of a Monolog 1 level method at a known place' };
  const names = nodesOnLine(source.tree.rootNode, finding.line, NAME).filter((n) => {
    const call = n.parent;
    return (
      n.startPosition.column + 1 === finding.column &&
      call !== null &&
      CALLS.has(call.type) &&
      call.childForFieldName('name')?.equals(n) === true
    );
  });
  const name = names[0];
  if (names.length !== 1 || !name) return { decline: `cannot find the call at ${finding.line}:${finding.column}` };
  const written = name.text;
  if (MONOLOG_1_METHODS[written.toLowerCase()] !== replacement)
    return { decline: `${written}() is not the method the finding names` };
  const call = name.parent!;
  const parent = call.parent;
  if (parent?.type !== 'expression_statement')
    return {
      decline: `the value of ${written}() is used (Monolog 1 returned a bool, ${replacement}() returns nothing): rewrite it by hand`,
    };
  return {
    edits: [{ start: name.startIndex, end: name.endIndex, text: replacement }],
    description: `${written}() → ${replacement}()`,
  };
}

const NAME = new Set(['name']);
const CALLS = new Set(['member_call_expression', 'nullsafe_member_call_expression']);

/** Custom methods overriding a parent method the target no longer declares. */
function checkOverrides(context: RuleContext): void {
  if (context.target.symbols.coverage === 'none') return;
  const { target, current } = context.classes;
  if (!current) return;
  for (const unit of context.underCheck) {
    for (const decl of unit.analysis.classes) {
      if (!decl.extends || !target.get(decl.extends)) continue;
      for (const own of decl.methods) {
        if (own.visibility === 'private' || own.name.startsWith('__')) continue;
        const after = target.findMethod(decl.extends, own.name);
        if (after.found || after.magic || !after.complete) continue;
        const before = current.findMethod(decl.extends, own.name);
        if (!before.found || before.found.owner.source === 'code' || before.found.member.visibility === 'private')
          continue;
        const owner = before.found.owner.decl.name;
        context.report({
          file: unit.analysis.file,
          line: own.line,
          ...(unit.package ? { package: unit.package } : {}),
          ...(unit.module ? { module: unit.module } : {}),
          messageId: 'deadOverride',
          data: {
            class: decl.name,
            method: own.name,
            owner,
            was: formatMethod(before.found.member),
            current: currentLabel(context),
            release: releaseLabel(context),
          },
          recommendationId: 'reattach',
          effort: { hours: 2, confidence: 'low' },
          subject: `override:${decl.name.toLowerCase()}::${own.name.toLowerCase()}`,
          uctCode: 1410,
        });
      }
    }
  }
}
