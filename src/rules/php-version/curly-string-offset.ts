import type { Finding } from '../../core/finding.js';
import { phpAtLeast } from '../../knowledge/php-versions/php-version.js';
import { curlyOffsets } from '../../php/curly-offsets.js';
import type { FixOutcome, FixSource, Rule } from '../rule.js';
import { appliesOn, deprecatedSyntax, whereOf } from './code-helpers.js';

export const curlyStringOffset: Rule = {
  meta: {
    id: 'php-version/curly-string-offset',
    severity: 'critical',
    category: 'php-version',
    description: 'A string or array offset in curly braces, `$str{0}` (deprecated in PHP 7.4, removed in PHP 8.0).',
    docs: `\`$str{0}\` reads an offset like \`$str[0]\`. PHP 7.4 deprecates the curly-brace form (RFC "Deprecate curly
brace syntax for accessing array elements and string offsets"); PHP 8.0 removed it: the file no longer parses, so
loading it is a fatal error. Found by a lexer over files that do not parse as PHP 8 (outside strings, comments and
heredocs: a \`{\` right after a variable, a property name, a \`]\` or another such offset). \`critical\` when the target
PHP is 8.0 or newer, \`warning\` on 7.4.

**How to fix:** write \`$str[0]\` (the same read: square brackets work on every PHP version). \`mageup fix\` does it.`,
    recommendations: {
      squareBrackets: 'Write the offset in square brackets: `$str[0]` instead of `$str{0}`.',
    },
    messages: {
      removed: 'curly-brace offset `{…}` was removed in PHP 8.0: the file does not parse (target runs {{php}})',
      deprecated: 'curly-brace offset `{…}` is deprecated since PHP 7.4 and removed in PHP 8.0 (target runs {{php}})',
    },
    messageSeverity: { deprecated: 'warning' },
  },
  check(context) {
    if (!appliesOn(context, '7.4')) return;
    const removed = phpAtLeast(context.target.php, '8.0');
    for (const { unit, at } of deprecatedSyntax(context, ['curly-offset'])) {
      context.report({
        ...whereOf(unit),
        line: at.line,
        column: at.column,
        messageId: removed ? 'removed' : 'deprecated',
        data: { php: context.target.php },
        recommendationId: 'squareBrackets',
        effort: { hours: 0.1, confidence: 'high' },
        subject: `curly-offset:${at.line}:${at.column}`,
      });
    }
  },
  fix: (finding, source) => fixCurlyOffset(finding, source),
};

/** `{…}` → `[…]` around the offset the finding points at: the same read, on every PHP version. */
export function fixCurlyOffset(finding: Finding, source: FixSource): FixOutcome {
  if (!finding.line || !finding.column) return { decline: 'the finding gives no line and column' };
  let lineStart = 0;
  for (let line = 1; line < finding.line; line++) {
    const nl = source.text.indexOf('\n', lineStart);
    if (nl === -1) return { decline: `the file has no line ${finding.line}` };
    lineStart = nl + 1;
  }
  const open = lineStart + finding.column - 1;
  const offset = curlyOffsets(source.text).find((o) => o.open === open);
  if (!offset || source.text[offset.close] !== '}')
    return { decline: `cannot find the curly offset at ${finding.line}:${finding.column}` };
  const inner = source.text.slice(offset.open + 1, offset.close);
  if (inner.trim() === '') return { decline: 'the braces hold no offset' };
  return {
    edits: [
      { start: offset.open, end: offset.open + 1, text: '[' },
      { start: offset.close, end: offset.close + 1, text: ']' },
    ],
    description: `{${inner}} → [${inner}]`,
  };
}
