import type { FixResult } from './run-fix.js';

/** The summary of a fix run: what changed, what the verification says, and every decline with its reason. */
export function renderFixSummary(result: FixResult, patchWhere: string): string {
  const out: string[] = [];
  const cleared = result.fixed.filter((f) => f.cleared).length;
  out.push(
    `mageup fix: ${result.fixed.length} of ${result.fixable} fixable findings fixed in ${result.files.length} file${result.files.length === 1 ? '' : 's'} ` +
      `(target ${result.target}, PHP ${result.php})${result.written ? ', written to the project' : ''}`,
  );
  if (result.files.length > 0) {
    out.push(`patch: ${patchWhere}`);
    out.push(
      `verified: tree-sitter parse of every changed file; ${result.lint}; re-check: ${cleared}/${result.fixed.length} fixed findings no longer reported` +
        (result.introduced.length > 0
          ? `, ${result.introduced.length} new finding(s) in changed files`
          : ', no new finding'),
    );
    for (const f of result.files)
      out.push(
        `  ${f.file}: ${f.fixes} fix${f.fixes === 1 ? '' : 'es'}` +
          (f.written
            ? f.written.backup
              ? ` (written; original kept as ${f.written.backup})`
              : ' (written; git holds the original)'
            : ''),
      );
  }
  const notCleared = result.fixed.filter((f) => !f.cleared);
  if (notCleared.length > 0) {
    out.push('still reported after the fix (review these):');
    for (const f of notCleared) out.push(`  ${f.file}:${f.line ?? ''} ${f.ruleId}: ${f.message}`);
  }
  for (const f of result.introduced)
    out.push(`  new after the fix: ${f.file}:${f.line ?? ''} ${f.ruleId}: ${f.message}`);
  if (result.declined.length > 0) {
    out.push(`declined (${result.declined.length}):`);
    for (const d of result.declined)
      out.push(`  ${d.file ?? '-'}${d.line ? `:${d.line}` : ''} ${d.ruleId}: ${d.reason}`);
  }
  return `${out.join('\n')}\n`;
}
