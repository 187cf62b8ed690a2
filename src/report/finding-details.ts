import { terminalSafe, type Colors } from './format.js';

/** Whether a finding's `details` text is a unified diff (then renderers label and colour it as one). */
export function isUnifiedDiff(details: string): boolean {
  return /^(--- |\+\+\+ |@@ )/m.test(details) && /^@@ /m.test(details);
}

/**
 * A Markdown code fence that `text` cannot close: one backtick longer than the longest run of backticks in it (at
 * least three), so a diff that itself contains ``` stays inside the block.
 */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * A collapsible Markdown block with the details in a fenced code block (`diff` when it is one). `summary` is plain
 * text: it is HTML-escaped here, since it sits in an HTML `<summary>`.
 */
export function markdownDetails(summary: string, details: string): string[] {
  const fence = fenceFor(details);
  const body = details.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  return [
    `<details><summary>${escapeHtmlText(summary)}</summary>`,
    '',
    `${fence}${isUnifiedDiff(details) ? 'diff' : 'text'}`,
    body,
    fence,
    '',
    '</details>',
  ];
}

/** Terminal lines of the details, indented, at most `maxLines` of them then a count of the rest; diffs coloured. */
export function textDetails(details: string, indent: string, c: Colors, maxLines = 40): string[] {
  const lines = details.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const diff = isUnifiedDiff(details);
  const shown = lines.length > maxLines ? lines.slice(0, maxLines) : lines;
  const out = shown.map((line) => {
    const safe = terminalSafe(line.replace(/\t/g, '    '));
    if (!diff) return `${indent}${safe}`;
    if (line.startsWith('+') && !line.startsWith('+++')) return `${indent}${c.green(safe)}`;
    if (line.startsWith('-') && !line.startsWith('---')) return `${indent}${c.red(safe)}`;
    return `${indent}${c.dim(safe)}`;
  });
  if (lines.length > shown.length) {
    const more = lines.length - shown.length;
    out.push(`${indent}${c.dim(`… ${more} more line${more === 1 ? '' : 's'} (see --format md, html or json)`)}`);
  }
  return out;
}

function escapeHtmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}
