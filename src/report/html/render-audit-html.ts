import { packagesNotFromMagento, type AuditReport } from '../audit/audit-report.js';
import { codeFilesLine, countsLine, magentoLine, serviceRows } from '../audit/describe.js';
import { barChart } from './charts.js';
import { escapeHtml as h } from './escape.js';
import { cspHash, STYLE } from './page-assets.js';

/**
 * The audit as one offline HTML page: the inventory summary, a chart of packages by source, then extensions,
 * modules, services and problems. No script at all (CSP `script-src 'none'`); everything from the project escaped.
 */
export function renderAuditHtml(report: AuditReport): string {
  const s = report.summary;
  const csp = `default-src 'none'; style-src '${cspHash(STYLE)}'; script-src 'none'; img-src data:; base-uri 'none'; form-action 'none'`;
  const card = (id: string, label: string, value: string, sub: string): string =>
    `<div class="card" id="card-${id}"><div class="k">${h(label)}</div><div class="v">${h(value)}</div><div class="s">${h(sub)}</div></div>`;
  const table = (headers: string[], rows: string[][]): string =>
    `<table><thead><tr>${headers.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((r) => `<tr>${r.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  const nonCore = packagesNotFromMagento(report);
  const custom = report.modules.filter((m) => m.notFromMagento);
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${h(csp)}">`,
    `<title>${h(`MageUp audit: ${magentoLine(report)}`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header class="top"><h1>${h(magentoLine(report))}</h1><p><code>${h(report.project.root)}</code> · MageUp ${h(report.tool.version)}</p></header>`,
    '<main>',
    '<section id="summary"><h2>Summary</h2><div class="cards">',
    card('version', 'Magento', report.magento.version ?? 'unknown', report.magento.edition),
    card('packages', 'Packages', String(s.packages), countsLine(s.packagesBySource)),
    card(
      'modules',
      'Modules',
      String(s.modules),
      `${s.customModules} not from Magento · ${countsLine(s.modulesByState)}`,
    ),
    card('themes', 'Themes', String(s.themes), `${s.languagePacks} language packs · ${s.patches} patches`),
    card('code', 'Code under check', String(s.codeFiles.custom + s.codeFiles.vendor), codeFilesLine(s.codeFiles)),
    card(
      'problems',
      'Problems',
      String(s.problems.error + s.problems.warning),
      `${s.problems.error} errors · ${s.problems.warning} warnings`,
    ),
    '</div></section>',
    '<section id="charts"><div class="charts">',
    barChart(
      'Packages by source',
      Object.entries(s.packagesBySource).map(([label, value]) => ({ label, value })),
    ),
    barChart(
      'Modules by state',
      Object.entries(s.modulesByState).map(([label, value]) => ({ label, value, color: '#7a5aa8' })),
    ),
    '</div></section>',
    `<section id="extensions"><h2>Packages not from Magento (${nonCore.length})</h2>`,
    table(
      ['Package', 'Version', 'Type', 'Source', 'Notes'],
      nonCore.map((p) => [
        p.name,
        p.version,
        p.type,
        p.source,
        p.abandoned ? (typeof p.abandoned === 'string' ? `abandoned, use ${p.abandoned}` : 'abandoned') : '',
      ]),
    ),
    '</section>',
    `<section id="modules"><h2>Modules not from Magento (${custom.length})</h2>`,
    table(
      ['Module', 'State', 'Package', 'Path'],
      custom.map((m) => [m.name, m.state, m.package ?? '', m.path]),
    ),
    '</section>',
  ];
  const services = serviceRows(report.services);
  if (services.length > 0)
    out.push('<section id="services"><h2>Services</h2>', table(['Service', 'Setting'], services), '</section>');
  if (report.problems.length > 0) {
    out.push(
      `<section id="problems"><h2>Problems (${report.problems.length})</h2>`,
      table(
        ['Level', 'Code', 'Where', 'Message'],
        report.problems.map((p) => [
          p.level,
          p.code,
          p.file ? `${p.file}${p.line ? `:${p.line}` : ''}` : '',
          p.message,
        ]),
      ),
      '</section>',
    );
  }
  out.push('</main>', '</body>', '</html>');
  return `${out.join('\n')}\n`;
}
