import { fileURLToPath } from 'node:url';

/** The example project with planted upgrade problems, and the table that lists them. */
export const SAMPLE_STORE = fileURLToPath(new URL('../../examples/sample-store', import.meta.url));
export const SAMPLE_STORE_EXPECTED = `${SAMPLE_STORE}/EXPECTED.md`;

/** One planted problem: a row of EXPECTED.md (columns: id, rule, file, line, target, what — see notes/RULES.md). */
export interface ExpectedRow {
  id: string;
  rule: string;
  file: string;
  /** null when the cell is `-` or empty (a finding without a line). */
  line: number | null;
  /** As written; '' when the cell is empty (callers decide the default). */
  target: string;
  /** `8.4` when the target cell says `2.4.8 on PHP 8.4` (checked with `--php 8.4`); null: the PHP check chooses. */
  php: string | null;
  what: string;
}

/** Parses the table of EXPECTED.md: the first table whose header starts with `id` and has a `rule` column. */
export function parseExpected(markdown: string): ExpectedRow[] {
  const rows: ExpectedRow[] = [];
  let header: string[] | undefined;
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('|')) {
      header = undefined;
      continue;
    }
    const cells = line
      .slice(1, line.endsWith('|') ? -1 : undefined)
      .split('|')
      .map((c) => c.trim());
    if (!header) {
      if (cells[0]?.toLowerCase() === 'id' && cells.includes('rule')) header = cells.map((c) => c.toLowerCase());
      continue;
    }
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    const get = (name: string) => cells[header!.indexOf(name)] ?? '';
    // Identifiers may be written as `code`; the free-text column keeps its backticks.
    const plain = (name: string) => get(name).replace(/^`|`$/g, '');
    const lineCell = plain('line');
    const target = /^(.*?)(?:\s+on PHP (\d+\.\d+))?$/.exec(plain('target'))!;
    rows.push({
      id: plain('id'),
      rule: plain('rule'),
      file: plain('file'),
      line: lineCell === '-' || lineCell === '' ? null : Number(lineCell),
      target: target[1]!,
      php: target[2] ?? null,
      what: get('what'),
    });
  }
  return rows;
}
