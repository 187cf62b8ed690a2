import type { Command } from 'commander';
import { writeOutput } from '../../report/format.js';
import { EXIT, UsageError } from '../exit.js';
import type { SetExitCode } from './index.js';

const FORMATS = ['text', 'json', 'md'] as const;

/**
 * `mageup api-diff <old> <new>`: every added, removed and changed class, interface, trait, method, constant and
 * property between two source trees, two indexed releases or two indexed versions of a package, with
 * magento/magento-semver's codes and the semantic-version level the change needs.
 */
export function register(program: Command, setExitCode: SetExitCode): void {
  program
    .command('api-diff')
    .description(
      'PHP API changes between two source trees, indexed releases or package versions (vendor/name@version), ' +
        'and for trees also db_schema, di.xml, layout, system.xml, XSD, LESS and MFTF changes, ' +
        "with magento-semver's change codes and the version bump needed (MAJOR/MINOR/PATCH)",
    )
    .argument('<old>', 'directory, release (2.4.7) or vendor/name@version')
    .argument('<new>', 'directory, release (2.4.8) or vendor/name@version')
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, 'text')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--data <dir>', 'API index directory (default: the shipped one)')
    .option('--index <dir...>', 'extra index directories written by mageup index (searched first)')
    .option('--filter <prefix>', 'only classes whose name starts with this namespace prefix (e.g. Magento\\Catalog\\)')
    .option('--fail-on <level>', 'exit 1 when the change needs this level or more: major, minor or patch')
    .action(
      async (
        oldSpec: string,
        newSpec: string,
        opts: { format: string; output?: string; data?: string; index?: string[]; filter?: string; failOn?: string },
      ) => {
        if (!(FORMATS as readonly string[]).includes(opts.format))
          throw new UsageError(`--format: expected one of ${FORMATS.join(', ')}, got "${opts.format}"`);
        const failOn = opts.failOn?.toUpperCase();
        if (failOn !== undefined && !['MAJOR', 'MINOR', 'PATCH'].includes(failOn))
          throw new UsageError(`--fail-on: expected major, minor or patch, got "${opts.failOn}"`);
        const prefix = opts.filter?.replace(/^\\/, '').toLowerCase();
        const { renderApiDiffJson, renderApiDiffMarkdown, renderApiDiffText, runApiDiff } =
          await import('../../api-diff/index.js');
        const report = await runApiDiff(oldSpec, newSpec, {
          ...(opts.data ? { dataDir: opts.data } : {}),
          ...(opts.index ? { extraDirs: opts.index } : {}),
          ...(prefix ? { filter: (fqcn: string) => fqcn.toLowerCase().startsWith(prefix) } : {}),
        });
        const render =
          opts.format === 'json' ? renderApiDiffJson : opts.format === 'md' ? renderApiDiffMarkdown : renderApiDiffText;
        await writeOutput(render(report), opts.output);
        const rank = { NONE: 0, PATCH: 1, MINOR: 2, MAJOR: 3 } as const;
        const failed = failOn !== undefined && rank[report.level] >= rank[failOn as 'MAJOR' | 'MINOR' | 'PATCH'];
        setExitCode(report.problems.length > 0 ? EXIT.failure : failed ? EXIT.findings : EXIT.ok);
      },
    );
}
