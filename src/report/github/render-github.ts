import { describeReleaseCoverage, isComplete } from '../../knowledge/coverage.js';
import type { Severity } from '../../core/finding.js';
import type { FindingsView } from '../json/findings-view.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  critical: 'error',
  error: 'error',
  warning: 'warning',
  info: 'notice',
};

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`), one per finding and per input
 * problem: GitHub shows them as annotations on the pull request's diff. Escaped per GitHub's rules (message: `%`, CR,
 * LF; properties also `:` and `,`), so a crafted message cannot end the command or start another.
 */
export function renderGithub(view: FindingsView): string {
  const lines: string[] = [];
  for (const f of view.findings) {
    const props: [string, string | number | undefined][] = [
      ['file', f.file ?? 'composer.json'],
      ['line', f.file ? f.line : undefined],
      ['col', f.file && f.line ? f.column : undefined],
      ['title', `${f.ruleId} (${f.severity})`],
    ];
    lines.push(command(COMMAND[f.severity], props, `${f.message}\n${f.recommendation}`));
  }
  for (const p of view.problems) {
    lines.push(
      command(
        p.level === 'error' ? 'error' : 'warning',
        [
          ['file', p.file],
          ['line', p.file ? p.line : undefined],
          ['title', `mageup: ${p.code}`],
        ],
        p.message,
      ),
    );
  }
  // Knowledge that is derived or missing for a target: one notice, so "could not verify" findings are explained.
  for (const c of view.coverage ?? []) {
    if (isComplete(c)) continue;
    lines.push(command('notice', [['title', `mageup: knowledge of ${c.release}`]], describeReleaseCoverage(c)));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function command(name: string, props: [string, string | number | undefined][], message: string): string {
  const list = props
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name}${list ? ` ${list}` : ''}::${escapeData(message)}`;
}

/** GitHub's escaping of a command's message (actions/toolkit `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping of a command property (actions/toolkit `escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
