import { Option } from 'commander';
import type { Command } from 'commander';
import { EXIT } from '../exit.js';
import { finishRun } from '../finish-run.js';
import { AUDIT_REPORT_FORMATS, type AuditReportFormat } from '../../report/formats.js';
import type { SetExitCode } from './index.js';

/**
 * `mageup audit [path]`: the inventory of a Magento project or extension. Exit code 0 when the audit says something
 * useful (problems included), 2 when nothing useful can be said (not a Magento project).
 */
export function register(program: Command, setExitCode: SetExitCode): void {
  program
    .command('audit')
    .description(
      'Inventory of a Magento 2 project or extension: version, packages, modules, themes, services, customizations',
    )
    .argument('[path]', 'project root, a directory inside it, or one extension', '.')
    .addOption(new Option('--format <format>', 'output format').choices([...AUDIT_REPORT_FORMATS]).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--patch-status <file>', "the Commerce Version Tool's JSON report (php vendor/bin/patch-status > file)")
    .option(
      '--store <dir|url>',
      'history store: a directory or postgres://… (default: one per project in the user data directory, $MAGEUP_DATA_DIR)',
    )
    .option('--no-history', 'do not record this run in the history')
    .action(
      async (
        path: string,
        opts: {
          format: AuditReportFormat;
          output?: string;
          store?: string;
          history: boolean;
          patchStatus?: string;
        },
      ) => {
        // Loaded here, not at start-up: `mageup --version` and the other commands do not pay for them.
        const [{ loadProject }, { buildAuditReport, isUseful }, { renderAuditReport }, { colorEnabled, writeOutput }] =
          await Promise.all([
            import('../../project/load.js'),
            import('../../report/audit/index.js'),
            import('../../report/audit/render-audit-report.js'),
            import('../../report/format.js'),
          ]);
        const model = await loadProject(path, opts.patchStatus ? { patchStatus: opts.patchStatus } : {});
        const report = buildAuditReport(model);
        const text = renderAuditReport(report, opts.format, { color: !opts.output && colorEnabled(process.stdout) });
        await writeOutput(text, opts.output);
        if (!isUseful(report)) {
          // Nothing worth keeping: not recorded.
          process.stderr.write(
            `mageup audit: ${model.root} looks like a Magento project but no version, package or module could be read (see problems above)\n`,
          );
          setExitCode(EXIT.failure);
          return;
        }
        await finishRun(
          'audit',
          {
            record: opts.history
              ? async () => (await import('../../history/index.js')).recordAudit(report, opts.store)
              : undefined,
            failing: false,
          },
          setExitCode,
        );
      },
    );
}
