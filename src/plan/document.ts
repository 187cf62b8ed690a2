// The plan as a neutral document (headings, paragraphs, lists, code, tables), rendered to text, Markdown and HTML
// by renderers that each escape what they show.
import { escapeMarkdown, markdownTable, renderTable, terminalSafe } from '../report/format.js';
import { escapeHtml } from '../report/html/escape.js';
import { cspHash } from '../report/html/page-assets.js';
import { optionalNote } from '../check/summary.js';
import { targetLabel } from '../check/target.js';
import { describeValue } from './tracks.js';
import type { Plan } from './types.js';

/** The plan page's only style; the page has no script. */
const PLAN_STYLE =
  'body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;line-height:1.45}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}pre{background:#f4f4f4;padding:.5rem;overflow:auto}.warning{background:#fde2e1;border-left:4px solid #c00;padding:.5rem}.note{color:#555}';

/** Like the audit page: offline and script-free, only its own inline style (by hash), no network loads. */
const PLAN_CSP = `default-src 'none'; style-src '${cspHash(PLAN_STYLE)}'; script-src 'none'; img-src data:; base-uri 'none'; form-action 'none'`;

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; text: string; tone?: 'warning' | 'note' }
  | { kind: 'list'; ordered?: boolean; items: string[] }
  | { kind: 'code'; lines: string[] }
  | { kind: 'table'; headers: string[]; rows: string[][] };

export function planDocument(plan: Plan): Block[] {
  const b: Block[] = [];
  b.push({ kind: 'heading', level: 1, text: `Upgrade plan: ${plan.current.version} → ${plan.target.version}` });
  for (const w of plan.warnings) b.push({ kind: 'paragraph', tone: 'warning', text: `WARNING: ${w}` });
  b.push({
    kind: 'paragraph',
    ...(plan.target.advice ? { tone: 'note' as const } : {}),
    text: `Target ${targetLabel(plan.target)}${plan.target.advice ? `. Advice: ${plan.target.advice}` : ''}.`,
  });
  b.push({
    kind: 'paragraph',
    text: `${plan.hops.length} hop(s): ${[plan.current.version, ...plan.hops.map((h) => h.to)].join(' → ')}. Total effort ${plan.totalHours} h${optionalNote(plan) ? ` (${optionalNote(plan)})` : ''}; finishes ${plan.schedule.finish} at ${plan.schedule.capacityHoursPerWeek} h/week from ${plan.schedule.start}. End of support of ${plan.current.version}'s line: ${plan.current.endOfSupport ?? 'unknown'}.`,
  });
  if (plan.alternative) {
    b.push({
      kind: 'paragraph',
      text: plan.direct
        ? `Direct jump as requested. The recommended path would be ${plan.alternative.hops.join(' → ')}.`
        : `Why not directly ${plan.alternative.hops.join(' → ')}? ${plan.alternative.addedRisk.join(' ')}`,
    });
  }
  b.push({ kind: 'heading', level: 2, text: 'Platform today' });
  b.push({ kind: 'list', items: plan.platformAssumptions });
  b.push({ kind: 'heading', level: 2, text: 'Schedule' });
  b.push({
    kind: 'table',
    headers: ['hop', 'work starts', 'ready on staging', 'go-live', 'hours'],
    rows: plan.schedule.hops.map((h) => {
      const hop = plan.hops.find((x) => x.index === h.hop)!;
      return [`${h.hop}: ${hop.from} → ${hop.to}`, h.workStart, h.ready, h.goLive, String(h.hours)];
    }),
  });
  if (plan.schedule.freezes.length) {
    b.push({
      kind: 'list',
      items: plan.schedule.freezes.map(
        (f) =>
          `Freeze ${f.from} … ${f.to}: ${f.label} (${f.kind === 'no-work' ? 'no work, no deployments' : 'no deployments'})`,
      ),
    });
  }
  for (const hop of plan.hops) {
    b.push({ kind: 'heading', level: 2, text: `Hop ${hop.index}: ${hop.from} → ${hop.to}` });
    b.push({ kind: 'paragraph', text: `Why: ${hop.why.join(' ')}` });
    b.push({
      kind: 'paragraph',
      text: `PHP during the upgrade: ${hop.phpDuring ?? 'unknown'}; after: ${hop.phpAfter ?? 'unknown'}. Deployment: ${hop.deployment.strategy} (${hop.deployment.reason})`,
    });
    if (hop.lowConfidence.length) b.push({ kind: 'list', items: hop.lowConfidence.map((l) => `Low confidence: ${l}`) });
    b.push({ kind: 'heading', level: 3, text: 'Platform changes' });
    if (hop.platform.length) {
      b.push({
        kind: 'table',
        headers: ['service', 'change', 'when', 'hours'],
        rows: hop.platform.map((p) => [
          `${p.track}${p.condition ? ` (${p.condition})` : ''}`,
          `${describeValue(p.from)} → ${describeValue(p.to)}`,
          `${p.timing}${p.supported ? '' : ' (outside published support)'}`,
          String(p.hours),
        ]),
      });
      b.push({
        kind: 'list',
        items: hop.platform.map((p) => `${describeValue(p.from)} → ${describeValue(p.to)}: ${p.reason}`),
      });
    } else b.push({ kind: 'paragraph', text: 'None.' });
    b.push({ kind: 'heading', level: 3, text: 'Extensions (dependency order)' });
    if (hop.extensions.length) {
      b.push({
        kind: 'table',
        headers: ['#', 'package', 'action', 'critical', 'hours'],
        rows: hop.extensions.map((e, i) => [
          String(i + 1),
          `${e.package} ${e.version}`,
          e.action,
          e.critical ? 'yes' : 'no',
          String(e.hours),
        ]),
      });
      b.push({
        kind: 'list',
        items: hop.extensions
          .filter((e) => e.critical || e.action !== 'verify')
          .map(
            (e) =>
              `${e.package}: ${[...(e.critical ? [`critical (${e.criticalBecause.join('; ')})`] : []), ...(e.action !== 'verify' ? e.reasons : [])].join(' | ')}`,
          ),
      });
    } else b.push({ kind: 'paragraph', text: 'No third-party extensions.' });
    b.push({ kind: 'heading', level: 3, text: 'Code changes' });
    if (hop.code.length) {
      b.push({
        kind: 'table',
        headers: ['module', 'findings', 'hours', 'confidence'],
        rows: hop.code.map((c) => [
          c.module,
          String(c.findings.length),
          c.optionalHours > 0 ? `${c.hours} (+${c.optionalHours} optional)` : String(c.hours),
          c.confidence,
        ]),
      });
      b.push({
        kind: 'list',
        items: hop.code.flatMap((c) =>
          c.findings.map(
            (f) =>
              `${c.module}: ${f.ruleId}${f.file ? ` ${f.file}${f.line ? `:${f.line}` : ''}` : ''} (${f.hours} h${f.optional ? ', optional' : ''})`,
          ),
        ),
      });
    } else b.push({ kind: 'paragraph', text: 'No code findings first seen on this hop.' });
    b.push({ kind: 'heading', level: 3, text: 'Tests' });
    b.push({ kind: 'list', items: hop.tests.map((t) => `${t.name} (${t.hours} h): ${t.why}`) });
    const e = hop.effort;
    b.push({
      kind: 'paragraph',
      text: `Effort: platform ${e.platformHours} h + extensions ${e.extensionHours} h + code ${e.codeHours} h + tests ${e.testHours} h + deployment ${e.deployHours} h = ${e.baseHours} h, + ${e.bufferPercent}% risk buffer (${e.bufferReasons.join(', ')}) = ${e.totalHours} h.${optionalNote(e) ? ` Info findings, ${optionalNote(e)}.` : ''}`,
    });
    b.push({ kind: 'heading', level: 3, text: `Runbook: ${hop.from} → ${hop.to}` });
    for (const section of hop.runbook) {
      b.push({ kind: 'heading', level: 4, text: section.title });
      for (const step of section.steps) {
        b.push({ kind: 'paragraph', text: step.text });
        if (step.commands?.length) b.push({ kind: 'code', lines: step.commands });
      }
    }
  }
  b.push({ kind: 'heading', level: 2, text: 'Models' });
  b.push({ kind: 'paragraph', text: `Path: ${plan.costModel}` });
  b.push({ kind: 'paragraph', text: `Effort: ${plan.effortModel}` });
  for (const n of plan.notes) b.push({ kind: 'paragraph', tone: 'note', text: n });
  return b;
}

export function renderText(blocks: Block[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading': {
        const text = terminalSafe(block.text);
        out.push('', text, block.level <= 2 ? (block.level === 1 ? '=' : '-').repeat(Math.min(80, text.length)) : '');
        break;
      }
      case 'paragraph':
        out.push(terminalSafe(block.text), '');
        break;
      case 'list':
        out.push(...block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${terminalSafe(item)}`), '');
        break;
      case 'code':
        out.push(...block.lines.map((l) => `    ${terminalSafe(l)}`), '');
        break;
      case 'table':
        out.push(
          renderTable(
            block.headers,
            block.rows.map((r) => r.map(terminalSafe)),
          ),
          '',
        );
        break;
    }
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}

export function renderMarkdown(blocks: Block[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(`${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`, '');
        break;
      case 'paragraph':
        out.push(block.tone === 'warning' ? `> **${escapeMarkdown(block.text)}**` : escapeMarkdown(block.text), '');
        break;
      case 'list':
        out.push(...block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${escapeMarkdown(item)}`), '');
        break;
      case 'code': {
        const longest = Math.max(
          2,
          ...block.lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))),
        );
        const fence = '`'.repeat(longest + 1);
        out.push(`${fence}sh`, ...block.lines, fence, '');
        break;
      }
      case 'table':
        out.push(markdownTable(block.headers, block.rows), '');
        break;
    }
  }
  return out.join('\n').trim() + '\n';
}

export function renderHtml(blocks: Block[], title: string): string {
  const body: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        body.push(`<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`);
        break;
      case 'paragraph':
        body.push(`<p${block.tone ? ` class="${block.tone}"` : ''}>${escapeHtml(block.text)}</p>`);
        break;
      case 'list': {
        const tag = block.ordered ? 'ol' : 'ul';
        body.push(`<${tag}>${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</${tag}>`);
        break;
      }
      case 'code':
        body.push(`<pre><code>${escapeHtml(block.lines.join('\n'))}</code></pre>`);
        break;
      case 'table':
        body.push(
          `<table><thead><tr>${block.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${block.rows
            .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`,
        );
        break;
    }
  }
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(PLAN_CSP)}">
<title>${escapeHtml(title)}</title>
<style>${PLAN_STYLE}</style>
</head><body>
${body.join('\n')}
</body></html>
`;
}
