import { escapeMarkdown, markdownTable } from '../format.js';
import { extensionsNotFromMagento, type AuditPackage, type AuditReport } from './audit-report.js';
import { CUSTOMIZATION_COLUMNS, codeFilesLine, countsLine, magentoLine, serviceRows } from './describe.js';

/** The audit as Markdown for tickets and pull requests: summary first, long lists in collapsible sections. */
export function renderAuditMarkdown(report: AuditReport): string {
  const e = escapeMarkdown;
  const s = report.summary;
  const out: string[] = [
    `# MageUp audit`,
    '',
    `**${e(magentoLine(report))}**`,
    ...(report.patchLevel ? ['', `Patch level: ${e(report.patchLevel.label)}`] : []),
    '',
    `- Packages: ${s.packages}${s.packages ? ` (${e(countsLine(s.packagesBySource))})` : ''}`,
    `- Modules: ${s.modules} (${e(countsLine(s.modulesByState))}), ${s.customModules} not from Magento`,
    `- Themes: ${s.themes}, language packs: ${s.languagePacks}, patches: ${s.patches}`,
    `- Code under check: ${e(codeFilesLine(s.codeFiles))}`,
    `- Problems: ${s.problems.error} errors, ${s.problems.warning} warnings`,
  ];
  if (report.project.configPhpPresent === false) {
    out.push('', '> app/etc/config.php is absent (never-installed tree): module states are unknown.');
  }
  const services = serviceRows(report.services);
  const requirements = Object.entries({ ...report.rootRequire, ...report.rootRequireDev });
  if (report.project.kind === 'extension') {
    out.push(
      '',
      '## Requirements',
      '',
      requirements.length ? markdownTable(['Package', 'Constraint'], requirements) : 'None declared.',
    );
  }
  if (report.project.kind === 'project') {
    out.push(
      '',
      '## Services',
      '',
      services.length ? markdownTable(['Service', 'Setting'], services) : 'app/etc/env.php not found.',
    );
  }
  if (report.services.secretsPresent?.length) {
    out.push('', `Secrets set (values never shown): ${e(report.services.secretsPresent.join(', '))}`);
  }

  const extensions = extensionsNotFromMagento(report);
  const packageRow = (p: AuditPackage): string[] => [
    p.name,
    p.version,
    p.type,
    p.source,
    p.abandoned ? (typeof p.abandoned === 'string' ? `abandoned, use ${p.abandoned}` : 'abandoned') : '',
  ];
  const headers = ['Package', 'Version', 'Type', 'Source', 'Notes'];
  out.push('', `## Extensions not from Magento (${extensions.length})`, '');
  out.push(extensions.length ? markdownTable(headers, extensions.map(packageRow)) : 'None.');
  const abandoned = report.packages.filter((p) => p.abandoned);
  if (abandoned.length)
    out.push('', `## Abandoned packages (${abandoned.length})`, '', markdownTable(headers, abandoned.map(packageRow)));
  out.push(
    '',
    `<details><summary>All ${report.packages.length} packages</summary>`,
    '',
    markdownTable(headers, report.packages.map(packageRow)),
    '',
    '</details>',
  );
  const custom = report.modules.filter((m) => m.notFromMagento);
  out.push('', `## Modules not from Magento (${custom.length})`, '');
  out.push(
    custom.length
      ? markdownTable(
          ['Module', 'State', 'Package', 'Path'],
          custom.map((m) => [m.name, m.state, m.package ?? '', m.path]),
        )
      : 'None.',
  );
  out.push(
    '',
    `<details><summary>All ${report.modules.length} modules</summary>`,
    '',
    markdownTable(
      ['Module', 'State', 'Package'],
      report.modules.map((m) => [m.name, m.state, m.package ?? '']),
    ),
    '',
    '</details>',
  );
  if (report.themes.length) {
    out.push(
      '',
      '## Themes',
      '',
      markdownTable(
        ['Theme', 'Parent chain', 'Location', 'Overrides'],
        report.themes.map((t) => [
          t.code + (t.hyva ? ' (Hyvä)' : ''),
          t.parentChain.join(' → '),
          t.location,
          String(t.overrides),
        ]),
      ),
    );
  }
  if (report.patches.length) {
    out.push(
      '',
      '## Patches',
      '',
      markdownTable(
        ['Target', 'Description', 'Tool', 'Source'],
        report.patches.map((p) => [p.target, p.description, p.tool, p.source]),
      ),
    );
  }
  if (report.customizations.modules.length) {
    out.push(
      '',
      '## Customizations per module',
      '',
      markdownTable(
        ['Module', ...CUSTOMIZATION_COLUMNS.map(([, h]) => h)],
        report.customizations.modules.map((m) => [m.module, ...CUSTOMIZATION_COLUMNS.map(([k]) => String(m[k]))]),
      ),
    );
  }
  out.push('', `## Problems (${report.problems.length})`, '');
  if (report.problems.length === 0) out.push('None.');
  for (const p of report.problems) out.push(`- **${p.level}** ${e(p.message)} (\`${p.code}\`)`);
  return `${out.join('\n')}\n`;
}
