import type { Rule } from '../rule.js';
import { checkMemberUses, MEMBER_MESSAGES, MEMBER_RECOMMENDATIONS } from './member-check.js';

export const missingProperty: Rule = {
  meta: {
    id: 'php-api/missing-property',
    severity: 'critical',
    category: 'php-api',
    description:
      'A property the code reads or assigns exists on a core class in the current release but not in the target.',
    uctCode: 1514,
    docs: `The code reads or assigns a property (\`$this->_foo\` in a class extending a core class, \`Foo::$bar\`, or a
property of a typed receiver) that the current release declares on that class or its ancestors and the target does
not. Reads yield null with a warning (and typed code breaks); writes create a dynamic property (deprecated since
PHP 8.2) that core no longer reads.

**How to fix:** use the replacement (often a constructor-injected dependency or a getter), or declare the property in
your own class. UCT codes: 1514 (use), 1516 (assignment).`,
    messages: MEMBER_MESSAGES,
    recommendations: MEMBER_RECOMMENDATIONS,
    messageSeverity: { memberGoneGuarded: 'info' },
  },
  async check(context) {
    checkMemberUses(context, 'property', (use) => (use.reference?.write ? 1516 : 1514));
  },
};
