import type { Rule } from '../rule.js';
import { checkMemberUses, MEMBER_MESSAGES, MEMBER_RECOMMENDATIONS } from './member-check.js';

export const missingConstant: Rule = {
  meta: {
    id: 'php-api/missing-constant',
    severity: 'critical',
    category: 'php-api',
    description: 'A class constant the code reads exists in the current release but not in the target.',
    uctCode: 1214,
    docs: `The code reads \`Foo::BAR\` (directly, or through \`self::\`/\`static::\`/\`parent::\` of a class extending a core
class) and the constant is declared by the current release on that class or its ancestors but not by the target:
"Undefined constant" fatal error at run time.

**How to fix:** use the replacement constant if the target has one, or declare a private constant with the value in
your own class (Adobe's advice for UCT 1214).`,
    messages: MEMBER_MESSAGES,
    recommendations: MEMBER_RECOMMENDATIONS,
    messageSeverity: { memberGoneGuarded: 'info' },
  },
  async check(context) {
    checkMemberUses(context, 'constant', () => 1214);
  },
};
