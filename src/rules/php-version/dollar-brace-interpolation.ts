import type { Finding } from '../../core/finding.js';
import { nodesOnLine } from '../../fix/locate.js';
import type { FixOutcome, FixSource, Rule } from '../rule.js';
import { appliesOn, whereOf } from './code-helpers.js';

export const dollarBraceInterpolation: Rule = {
  meta: {
    id: 'php-version/dollar-brace-interpolation',
    severity: 'warning',
    category: 'php-version',
    description: '"${var}" string interpolation (deprecated in PHP 8.2).',
    docs: `PHP 8.2 deprecates \`"\${var}"\` and \`"\${expr}"\` inside double-quoted strings and heredocs (RFC "Deprecate \${}
string interpolation"). Reported when the target PHP is 8.2 or newer.

**How to fix:** write \`"{$var}"\` (or \`"$var"\`); for \`"\${expr}"\` (variable variables) use \`"{\${expr}}"\`.`,
    recommendations: {
      braceDollar: 'Write "{$var}" instead of "${var}".',
    },
    messages: { dollarBrace: '"${…}" string interpolation is deprecated since PHP 8.2 (target runs {{php}})' },
  },
  check(context) {
    if (!appliesOn(context, '8.2')) return;
    for (const unit of context.underCheck) {
      for (const at of unit.analysis.dollarBraceInterpolations ?? []) {
        context.report({
          ...whereOf(unit),
          line: at.line,
          column: at.column,
          messageId: 'dollarBrace',
          data: { php: context.target.php },
          recommendationId: 'braceDollar',
          effort: { hours: 0.1, confidence: 'high' },
          subject: `dollar-brace:${at.line}`,
        });
      }
    }
  },
  fix: (finding, source) => fixDollarBrace(finding, source),
};

/**
 * `"${var}"` → `"{$var}"` and `"${var[…]}"` → `"{$var[…]}"`; `"${expr}"` (a variable variable) → `"{${expr}}"`, which
 * PHP reads the same way (RFC "Deprecate ${} string interpolation").
 */
export function fixDollarBrace(finding: Finding, source: FixSource): FixOutcome {
  if (!finding.line || !finding.column) return { decline: 'the finding gives no line and column' };
  const nodes = nodesOnLine(source.tree.rootNode, finding.line, DYNAMIC).filter(
    (n) =>
      n.startPosition.column + 1 === finding.column &&
      (n.parent?.type === 'encapsed_string' || n.parent?.type === 'heredoc_body'),
  );
  const node = nodes[0];
  if (nodes.length !== 1 || !node) return { decline: `cannot find the \${…} at ${finding.line}:${finding.column}` };
  const text = source.text.slice(node.startIndex, node.endIndex);
  if (!text.startsWith('${') || !text.endsWith('}') || node.hasError)
    return { decline: `${text} is not a complete \${…} interpolation` };
  const inner = node.namedChild(0);
  if (!inner || node.namedChildCount !== 1) return { decline: `cannot read the expression of ${text}` };
  const simple =
    inner.type === 'name' || (inner.type === 'subscript_expression' && inner.namedChild(0)?.type === 'name');
  if (simple) {
    const fixed = `{$${text.slice(2)}`;
    return {
      edits: [{ start: node.startIndex, end: node.startIndex + 2, text: '{$' }],
      description: `${text} → ${fixed}`,
    };
  }
  return {
    edits: [
      { start: node.startIndex, end: node.startIndex, text: '{' },
      { start: node.endIndex, end: node.endIndex, text: '}' },
    ],
    description: `${text} → {${text}}`,
  };
}

const DYNAMIC = new Set(['dynamic_variable_name']);
