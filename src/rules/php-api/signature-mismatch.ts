import type { Rule, RuleContext } from '../rule.js';
import { RELEASE_MESSAGES } from './worlds.js';
import { fixOverrideSignature, overrideOf } from './signature-fix.js';
import { callArityMessages, callArityRecommendations, checkCallArity } from './signature/call-arity.js';
import {
  checkForwardedArguments,
  forwardedArgsMessages,
  forwardedArgsRecommendations,
} from './signature/forwarded-args.js';
import { checkOverrides, overrideMessages, overrideRecommendations } from './signature/override.js';
import { checkPlugins, pluginMessageSeverity, pluginMessages, pluginRecommendations } from './signature/plugin.js';
import { checkUnimplemented, unimplementedMessages, unimplementedRecommendations } from './signature/unimplemented.js';

export const signatureMismatch: Rule = {
  meta: {
    id: 'php-api/signature-mismatch',
    severity: 'critical',
    category: 'php-api',
    description: 'An overriding method, interface implementation or plugin no longer fits the target signature.',
    docs: `PHP checks every method against the method it overrides or implements when the class is loaded: parameters may
only widen (contravariance), the return type may only narrow (covariance), static-ness and by-reference passing must
match, visibility may not narrow, final methods may not be overridden. A core method whose signature changed in the
target turns a custom override into a **fatal error** ("Declaration of … must be compatible with …"). A core interface
that gained a method makes every custom implementation fatal ("Class … contains abstract method").

Plugins are checked the way Magento's \`setup:di:compile\` checks them (\`InterfaceValidator\`): the intercepted method
must still exist and be public, non-final, non-static; a \`before\`/\`around\` plugin that declares the method's
arguments must declare all of them with compatible types; an \`after\` plugin may declare a prefix of them.

Calls are checked too: a call (\`new\`, \`parent::__construct()\`, static or instance) that passes what the current
release requires but fewer arguments than the target requires fails with ArgumentCountError (typically a core
constructor that gained a required dependency).

Only signatures that were compatible with the current release and are not with the target are reported (when the
current release is unknown, every incompatibility with the target is). Constructors are exempt, as in PHP.

The message shows the core signature before → after and yours. UCT has no code for this: it reports such cases, if
at all, as changed-method usage.

**How to fix:** align the method's parameters and return type with the target's declaration (the message quotes it);
for plugins, re-target the plugin at the method's successor or update its argument list.

\`mageup fix\` rewrites an override's signature when that cannot change what it does: the return type the parent added,
when every \`return\` of the body is a literal of that type or \`parent::sameMethod(…)\` and the body ends in a
return or throw (\`void\` when no return gives a value), \`?Type\` for a parameter the parent made nullable, and
\`\\Monolog\\LogRecord\` for a Monolog 3 handler's, processor's or formatter's \`array $record\` when the body only reads
the keys LogRecord answers (a processor may also set its \`extra\`/\`formatted\` and return it). Any other difference
declines the fix.`,
    // One rule id, five checks (signature/*.ts), each with its messages.
    messages: {
      ...RELEASE_MESSAGES,
      ...callArityMessages,
      ...forwardedArgsMessages,
      ...overrideMessages,
      ...unimplementedMessages,
      ...pluginMessages,
    },
    recommendations: {
      ...callArityRecommendations,
      ...forwardedArgsRecommendations,
      ...overrideRecommendations,
      ...unimplementedRecommendations,
      ...pluginRecommendations,
    },
    listSeparators: { arguments: ', ' },
    messageSeverity: { ...pluginMessageSeverity },
  },
  async check(context) {
    if (context.target.symbols.coverage === 'none') return;
    const { target, current } = context.classes;
    for (const unit of context.underCheck) {
      // A class declared more than once in a file (`if (Logger::API < 3) { class X … } else { class X … }`, the usual
      // dual Monolog 2/3 support) is fine when one of its declarations fits the target.
      const variants = new Map<string, PendingFinding[][]>();
      for (const decl of unit.analysis.classes) {
        if (decl.kind === 'interface') continue;
        const pending: PendingFinding[] = [];
        const buffered: RuleContext = { ...context, report: (finding) => void pending.push(finding) };
        checkOverrides(buffered, unit, decl, target, current);
        if (decl.kind === 'class' && !decl.abstract) checkUnimplemented(buffered, unit, decl, target, current);
        const key = decl.name.toLowerCase();
        variants.set(key, [...(variants.get(key) ?? []), pending]);
      }
      for (const found of variants.values()) {
        if (found.length > 1 && found.some((pending) => pending.length === 0)) continue;
        for (const finding of found.flat()) context.report(finding);
      }
    }
    checkCallArity(context, target, current);
    checkForwardedArguments(context, target, current);
    checkPlugins(context, target, current);
  },
  fix: (finding, source) => fixOverrideSignature(finding, source),
  fixable: (finding) => overrideOf(finding) !== undefined,
};

type PendingFinding = Parameters<RuleContext['report']>[0];
