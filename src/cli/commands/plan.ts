import { Option } from 'commander';
import type { Command } from 'commander';
import { systemClock } from '../../knowledge/clock.js';
import { PlanInputError } from '../../plan/errors.js';
import { PLAN_FORMATS, type PlanFormat } from '../../plan/formats.js';
import { writeOutput } from '../../report/format.js';
import { finishRun } from '../finish-run.js';
import type { SetExitCode } from './index.js';

interface PlanCommandOptions {
  to?: string;
  from?: string;
  start?: string;
  freeze: string[];
  holiday: string[];
  freezePreset?: string;
  capacity?: string;
  hypercare?: string;
  direct?: boolean;
  ordersPerDay?: string;
  catalogSize?: string;
  platform: string[];
  php?: string;
  format: PlanFormat;
  output?: string;
  store?: string;
  history: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new PlanInputError(`${name} must be a non-negative number, not "${value}".`);
  return n;
}

/**
 * `mageup plan [path] --to <version>`: the hops to the target, the work and effort per hop, a schedule around freeze
 * windows and a runbook. Exit 0 for a plan that finishes before end of support, 1 when it cannot, 2 for bad input.
 */
export function register(program: Command, setExitCode: SetExitCode): void {
  program
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
    .option('--direct', 'plan the direct jump, with its added risk spelled out')
    .option('--orders-per-day <n>', 'store traffic, for maintenance vs blue-green')
    .option('--catalog-size <n>', 'number of products, for downtime and maintenance vs blue-green')
    .option('--platform <service=version>', 'what the store runs, e.g. mariadb=10.6 php=8.2 (repeatable)', collect, [])
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
      const platform: Record<string, string> = {};
      for (const p of opts.platform) {
        const m = /^([a-z]+)=(.+)$/.exec(p.trim());
        if (!m) throw new PlanInputError(`--platform "${p}" is not service=version (mariadb=10.6).`);
        platform[m[1]!] = m[2]!;
      }
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
        capacity: number('--capacity', opts.capacity),
        hypercareDays: number('--hypercare', opts.hypercare),
        direct: opts.direct,
        ordersPerDay: number('--orders-per-day', opts.ordersPerDay),
        catalogSize: number('--catalog-size', opts.catalogSize),
        platform,
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
