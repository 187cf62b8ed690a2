import { colors, renderTable, terminalSafe } from '../format.js';
import type { Colors } from '../format.js';
import {
  extensionsNotFromMagento,
  packagesNotFromMagento,
  type AuditPackage,
  type AuditReport,
} from './audit-report.js';
import { CUSTOMIZATION_COLUMNS, codeFilesLine, countsLine, magentoLine, serviceRows } from './describe.js';

/**
 * The audit for a terminal: a summary, then tables. Core packages and modules are counted, not listed (JSON has
 * them all); everything that is not core is listed in full. All project text is made terminal-safe.
 */
export function renderAuditText(report: AuditReport, opts: { color: boolean }): string {
  const c = colors(opts.color);
  const t = terminalSafe;
  const out: string[] = [];
  const section = (title: string): void => {
    out.push('', c.bold(title));
  };
  out.push(c.bold(`MageUp audit of ${t(report.project.root)}`), magentoLine(report));
  if (report.patchLevel) out.push(`Patch level: ${t(report.patchLevel.label)}`);
  const s = report.summary;
  out.push(
    '',
    `Packages: ${s.packages}${s.packages ? ` (${countsLine(s.packagesBySource)})` : ''}`,
    `Modules:  ${s.modules} (${countsLine(s.modulesByState)}), ${s.customModules} not from Magento`,
    `Themes: ${s.themes}   Language packs: ${s.languagePacks}   Patches: ${s.patches}`,
    `Code under check: ${codeFilesLine(s.codeFiles)}`,
  );
  if (report.project.configPhpPresent === false) {
    out.push(c.yellow('app/etc/config.php is absent (never-installed tree): module states are unknown.'));
  }

  const services = serviceRows(report.services);
  const requirements = Object.entries({ ...report.rootRequire, ...report.rootRequireDev });
  if (report.project.kind === 'extension') {
    section('Requirements (composer.json)');
    if (requirements.length === 0) out.push('  none declared');
    else
      out.push(
        renderTable(
          ['Package', 'Constraint'],
          requirements.map(([k, v]) => [t(k), t(v)]),
          { indent: '  ' },
        ),
      );
  } else section('Services (app/etc/env.php)');
  if (report.project.kind === 'extension') {
    // an extension has no env.php of its own
  } else if (services.length === 0) out.push('  app/etc/env.php not found: services unknown.');
  else
    out.push(
      renderTable(
        ['Service', 'Setting'],
        services.map(([k, v]) => [k, t(v)]),
        { indent: '  ' },
      ),
    );
  if (report.services.secretsPresent?.length) {
    out.push('', `  Secrets set (values never shown): ${report.services.secretsPresent.map(t).join(', ')}`);
  }

  if (report.stores.websites.length > 0 || report.stores.stores.length > 0) {
    section('Stores (config.php scopes)');
    const websites = new Map(report.stores.websites.map((w) => [w.id, w]));
    out.push(
      renderTable(
        ['Store view', 'Name', 'Website', 'Active'],
        report.stores.stores.map((st) => [
          t(st.code),
          t(st.name),
          t(websites.get(st.websiteId)?.code ?? String(st.websiteId)),
          st.active ? 'yes' : 'no',
        ]),
        { indent: '  ' },
      ),
    );
  }

  const nonCore = packagesNotFromMagento(report);
  const extensions = extensionsNotFromMagento(report);
  section(
    `Extensions not from Magento (${extensions.length}; --format json lists all ${report.packages.length} packages)`,
  );
  if (extensions.length === 0) out.push('  none');
  else
    out.push(
      renderTable(
        ['Package', 'Version', 'Type', 'Source', 'Notes'],
        extensions.map((p) => packageRow(p, c)),
        { indent: '  ' },
      ),
    );
  const libraries = nonCore.length - extensions.length;
  const abandoned = report.packages.filter((p) => p.abandoned);
  out.push('', `  Other third-party packages (libraries, tools): ${libraries}`);
  if (abandoned.length > 0) {
    section('Abandoned packages');
    out.push(
      renderTable(
        ['Package', 'Version', 'Type', 'Source', 'Notes'],
        abandoned.map((p) => packageRow(p, c)),
        { indent: '  ' },
      ),
    );
  }

  const custom = report.modules.filter((m) => m.notFromMagento);
  section(`Modules not from Magento (${custom.length} of ${report.modules.length})`);
  if (custom.length === 0) out.push('  none');
  else {
    out.push(
      renderTable(
        ['Module', 'State', 'Package', 'Path', 'setup_version'],
        custom.map((m) => [
          t(m.name),
          stateText(m.state, c),
          t(m.package ?? '-'),
          t(m.path || (m.state === 'not-registered' ? '-' : '.')),
          t(m.setupVersion ?? ''),
        ]),
        { indent: '  ' },
      ),
    );
  }
  const disabledCore = report.modules.filter((m) => m.core && m.state === 'disabled').map((m) => m.name);
  if (disabledCore.length > 0)
    out.push('', `  Disabled Magento modules (${disabledCore.length}): ${disabledCore.map(t).join(', ')}`);

  section('Themes');
  if (report.themes.length === 0) out.push('  none');
  else {
    out.push(
      renderTable(
        ['Theme', 'Parent chain', 'Location', 'Overrides'],
        report.themes.map((th) => [
          t(th.code) + (th.hyva ? ' (Hyvä)' : ''),
          t(th.parentChain.join(' → ') || '-'),
          th.location,
          String(th.overrides),
        ]),
        { indent: '  ', align: ['left', 'left', 'left', 'right'] },
      ),
    );
  }
  if (report.languagePacks.length > 0) {
    out.push('', `  Language packs: ${report.languagePacks.map((l) => t(l.code)).join(', ')}`);
  }

  if (report.patchLevel) {
    section(`Isolated security patches and hotfixes of ${report.patchLevel.line}`);
    out.push(
      renderTable(
        ['Patch', 'Bulletin', 'State', 'Evidence'],
        report.patchLevel.patches.map((p) => [
          t(p.file),
          t(`${p.bulletin ?? '?'}${p.exploited ? ' (exploited)' : ''}`),
          p.state,
          t(p.evidence.join('; ')),
        ]),
      ),
    );
  }
  if (report.patches.length > 0) {
    section('Patches');
    out.push(
      renderTable(
        ['Target', 'Description', 'Tool', 'Source'],
        report.patches.map((p) => [t(p.target), t(p.description), p.tool, t(p.source)]),
        { indent: '  ' },
      ),
    );
  }

  if (report.customizations.modules.length > 0) {
    section('Customizations per module');
    const columns = CUSTOMIZATION_COLUMNS;
    const rows = report.customizations.modules.map((m) => [t(m.module), ...columns.map(([k]) => count(m[k]))]);
    rows.push([c.bold('total'), ...columns.map(([k]) => count(report.customizations.totals[k]))]);
    out.push(
      renderTable(['Module', ...columns.map(([, h]) => h)], rows, {
        indent: '  ',
        align: ['left', ...columns.map(() => 'right' as const)],
      }),
    );
  }

  section(`Problems (${report.problems.length})`);
  if (report.problems.length === 0) out.push('  none');
  for (const p of report.problems) {
    const level = p.level === 'error' ? c.red('error  ') : c.yellow('warning');
    out.push(`  ${level} ${t(p.message)} ${c.dim(`[${p.code}]`)}`);
  }
  return `${out.join('\n')}\n`;
}

function packageRow(p: AuditPackage, c: Colors): string[] {
  const t = terminalSafe;
  const notes = [
    p.abandoned ? c.red(typeof p.abandoned === 'string' ? `abandoned, use ${t(p.abandoned)}` : 'abandoned') : '',
    p.bundled ? 'bundled with Magento' : '',
    p.dev ? 'dev' : '',
  ];
  return [t(p.name), t(p.version), t(p.type), p.source, notes.filter(Boolean).join(', ')];
}

function count(n: number): string {
  return n === 0 ? '·' : String(n);
}

function stateText(state: string, c: Colors): string {
  if (state === 'enabled') return c.green(state);
  if (state === 'disabled') return c.dim(state);
  if (state === 'not-registered') return c.red(state);
  return c.yellow(state);
}
