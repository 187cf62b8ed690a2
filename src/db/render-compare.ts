import { escapeMarkdown, renderTable, terminalSafe } from '../report/format.js';
import type { DbComparison, Verdict } from './compare.js';

const HEADINGS: Record<Verdict, string> = {
  suspicious: 'Suspicious (business data changed or lost)',
  review: 'To review',
  expected: 'Expected for an upgrade',
};

function side(s: DbComparison['before']): string {
  return `${s.target} at ${s.takenAt}${s.magentoVersion ? ` (Magento ${s.magentoVersion})` : ''}`;
}

function verdictLine(c: DbComparison): string {
  const t = c.totals;
  return `${c.verdict === 'clean' ? 'CLEAN' : 'SUSPICIOUS'}: ${t.suspicious} suspicious, ${t.expected} expected, ${t.review} to review, ${t.matches} matching`;
}

export function renderComparisonText(c: DbComparison): string {
  const out: string[] = [
    'MageUp database reconciliation',
    `  before: ${terminalSafe(side(c.before))}`,
    `  after:  ${terminalSafe(side(c.after))}`,
  ];
  if (c.targetRelease) out.push(`  target release (explains new tables/columns): ${terminalSafe(c.targetRelease)}`);
  out.push(`  ${verdictLine(c)}`, '');
  out.push(
    renderTable(
      ['SECTION', 'MATCH', 'EXPECTED', 'REVIEW', 'SUSPICIOUS', 'NOTE'],
      c.sections.map((s) => [
        s.section,
        String(s.matches),
        String(s.expected),
        String(s.review),
        String(s.suspicious),
        s.note ?? '',
      ]),
      { align: ['left', 'right', 'right', 'right', 'right', 'left'], indent: '  ' },
    ),
  );
  for (const verdict of ['suspicious', 'review', 'expected'] as const) {
    const items = c.items.filter((i) => i.verdict === verdict);
    if (items.length === 0) continue;
    out.push('', `${HEADINGS[verdict]} (${items.length})`);
    for (const i of items)
      out.push(
        `  [${i.section}] ${i.message.includes(i.subject) ? '' : `${terminalSafe(i.subject)}: `}${terminalSafe(i.message)}`,
      );
  }
  return `${out.join('\n')}\n`;
}

export function renderComparisonMarkdown(c: DbComparison): string {
  const out: string[] = [
    '# Database reconciliation',
    '',
    `- Before: ${escapeMarkdown(side(c.before))}`,
    `- After: ${escapeMarkdown(side(c.after))}`,
  ];
  if (c.targetRelease) out.push(`- Target release: ${escapeMarkdown(c.targetRelease)}`);
  out.push(
    `- **${verdictLine(c)}**`,
    '',
    '| Section | Match | Expected | Review | Suspicious | Note |',
    '|---|---:|---:|---:|---:|---|',
  );
  for (const s of c.sections) {
    out.push(
      `| ${escapeMarkdown(s.section)} | ${s.matches} | ${s.expected} | ${s.review} | ${s.suspicious} | ${escapeMarkdown(s.note ?? '')} |`,
    );
  }
  for (const verdict of ['suspicious', 'review', 'expected'] as const) {
    const items = c.items.filter((i) => i.verdict === verdict);
    if (items.length === 0) continue;
    out.push('', `## ${HEADINGS[verdict]} (${items.length})`, '', '| Section | Subject | Change |', '|---|---|---|');
    for (const i of items)
      out.push(`| ${escapeMarkdown(i.section)} | ${escapeMarkdown(i.subject)} | ${escapeMarkdown(i.message)} |`);
  }
  return `${out.join('\n')}\n`;
}
