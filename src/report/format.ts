import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

/**
 * Writes a rendered report to `outputFile` (atomically: a temporary file renamed into place, so a reader never sees
 * half a report) or to stdout when no file is given.
 */
export async function writeOutput(text: string, outputFile?: string): Promise<void> {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (!outputFile) {
    await new Promise<void>((done, fail) => {
      // A closed pipe (`mageup audit | head`) is not an error: the reader has what it wanted.
      const onError = (e: NodeJS.ErrnoException): void => (e.code === 'EPIPE' ? done() : fail(e));
      process.stdout.once('error', onError);
      process.stdout.write(body, (e) => {
        process.stdout.off('error', onError);
        if (!e) done();
        else onError(e);
      });
    });
    return;
  }
  const target = resolve(outputFile);
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, body);
  renameSync(temp, target);
  // stdout stays empty with --output: say on stderr where the report went (a relative name from the current
  // directory when it is below it, so the line can be pasted).
  const shown = relative(process.cwd(), target);
  process.stderr.write(
    `mageup: wrote ${terminalSafe(shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : target)} (${Buffer.byteLength(body)} bytes)\n`,
  );
}

/**
 * Whether to colour output: never with NO_COLOR (any non-empty value, https://no-color.org), always with FORCE_COLOR
 * (except `0`/`false`), else only on a terminal that is not `dumb`.
 */
export function colorEnabled(
  stream: { isTTY?: boolean } = process.stdout,
  env: Record<string, string | undefined> = process.env,
): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export interface Colors {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

/** ANSI colour functions, or identity functions when colour is off. */
export function colors(enabled: boolean): Colors {
  const wrap =
    (open: number, close: number) =>
    (s: string): string =>
      enabled ? `\x1b[${open}m${s}\x1b[${close}m` : s;
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    green: wrap(32, 39),
    cyan: wrap(36, 39),
  };
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** Visible width of a string (ANSI colour codes take no room). */
export function visibleLength(s: string): number {
  return [...s.replace(ANSI, '')].length;
}

/**
 * Makes text from the analysed project safe for a terminal: control characters (escape sequences a crafted package
 * name could carry) are shown as `\xNN` instead of being interpreted.
 */
export function terminalSafe(s: string): string {
  return s.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export interface TableOptions {
  /** Per column; default left. */
  align?: ('left' | 'right')[];
  /** Indent of every line. */
  indent?: string;
  /** A rule (`────`) under the header; default true. */
  rule?: boolean;
}

/**
 * A plain-text table with a header and (unless `rule: false`) a rule under it; columns sized to their widest cell. Cells must already be
 * terminal-safe (colour codes are allowed and not counted).
 */
export function renderTable(headers: string[], rows: string[][], opts: TableOptions = {}): string {
  const widths = headers.map((h, i) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i] ?? ''))));
  const indent = opts.indent ?? '';
  const line = (cells: string[]): string =>
    indent +
    cells
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - visibleLength(cell));
        const last = i === cells.length - 1;
        return opts.align?.[i] === 'right' ? pad + cell : last ? cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const rule = opts.rule === false ? [] : [indent + widths.map((w) => '─'.repeat(w)).join('  ')];
  return [line(headers), ...rule, ...rows.map(line)].join('\n');
}

/** Escapes text for Markdown prose and table cells: Markdown syntax, HTML and pipes are shown literally. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/** A Markdown table; every cell is escaped here. */
export function markdownTable(headers: string[], rows: string[][]): string {
  const row = (cells: string[]): string => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  return [row(headers), `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map(row)].join('\n');
}
