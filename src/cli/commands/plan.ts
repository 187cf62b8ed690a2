import { Option } from 'commander';
import type { Command } from 'commander';
import { systemClock } from '../../knowledge/clock.js';
import { PLAN_FORMATS, type PlanFormat } from '../../plan/formats.js';
import { writeOutput } from '../../report/format.js';
import { finishRun } from '../finish-run.js';
import { addStoreOptions, collect, nonNegative, parseStoreOptions, type StoreOptionValues } from '../store-options.js';
import type { SetExitCode } from './index.js';

interface PlanCommandOptions extends StoreOptionValues {
  to?: string;
  from?: string;
  start?: string;
  freeze: string[];
  holiday: string[];
  freezePreset?: string;
  capacity?: string;
  hypercare?: string;
  direct?: boolean;
  php?: string;
  format: PlanFormat;
  output?: string;
  store?: string;
  history: boolean;
}

/**
 * `mageup plan [path] --to <version>`: the hops to the target, the work and effort per hop, a schedule around freeze
 * windows and a runbook. Exit 0 for a plan that finishes before end of support, 1 when it cannot, 2 for bad input.
 */
export function register(program: Command, setExitCode: SetExitCode): void {
  const command = program
    .command('plan')
    .description('Upgrade path, work per hop, schedule (with freeze windows) and runbook to a target Magento version')
    .argument('[path]', 'project root or a directory inside it', '.')
    .option(
      '--to <version>',
      'target: 2.4.8, 2.4.8-p3 (exactly, as check; a newer patch of the line is advised), 2.4.8-latest, latest (default: config, else latest)',
    )
    .option('--from <version>', 'the release the project runs, when its files do not tell')
    .option('--start <date>', 'first working day, YYYY-MM-DD (default: today)')
    .option(
      '--freeze <from..to[:label]>',
      'no production deployments in this range, ISO dates (repeatable)',
      collect,
      [],
    )
    .option('--holiday <from..to>', 'no work at all in this range (repeatable)', collect, [])
    .option(
      '--freeze-preset <names>',
      'built-in freezes, comma-separated: bfcm, december, none (default: bfcm,december)',
    )
    .option('--capacity <hours>', 'team hours per week (default 40)')
    .option('--hypercare <days>', 'working days to watch production after each go-live (default 2)')
    .option('--direct', 'plan the direct jump, with its added risk spelled out');
  addStoreOptions(command)
    .option(
      '--php <x.y>',
      'PHP after the upgrade (default: the one the platform tracks choose; check --php takes the same)',
    )
    .addOption(new Option('--format <format>', 'output format').choices([...PLAN_FORMATS]).default('text'))
    .option('--output <file>', 'write the plan to a file instead of stdout')
    .option(
      '--store <dir|url>',
      'history store: a directory or postgres://… (default: one per project in the user data directory, $MAGEUP_DATA_DIR)',
    )
    .option('--no-history', 'do not record this plan in the history')
    .action(async (path: string, opts: PlanCommandOptions) => {
      const { buildPlan } = await import('../../plan/build-plan.js');
      const plan = await buildPlan({
        path,
        to: opts.to,
        from: opts.from,
        start: opts.start,
        freeze: opts.freeze,
        holiday: opts.holiday,
        freezePresets: opts.freezePreset
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        capacity: nonNegative('--capacity', opts.capacity),
        hypercareDays: nonNegative('--hypercare', opts.hypercare),
        direct: opts.direct,
        ...parseStoreOptions(opts),
        php: opts.php,
      });
      const { renderPlan } = await import('../../plan/render.js');
      await writeOutput(renderPlan(plan, opts.format, systemClock), opts.output);
      await finishRun(
        'plan',
        {
          what: 'plan',
          record: opts.history
            ? async () => (await import('../../plan/history.js')).recordPlan(plan, opts.store)
            : undefined,
          failing: plan.schedule.meetsEndOfSupport === false,
        },
        setExitCode,
      );
      for (const w of plan.warnings.filter((x) => /END OF SUPPORT/.test(x)))
        process.stderr.write(`mageup plan: ${w}\n`);
    });
}
