import { Option } from 'commander';
import type { Command } from 'commander';
import { FLEET_REPORT_FORMATS, type FleetReportFormat } from '../../report/formats.js';
import { EXIT } from '../exit.js';
import type { SetExitCode } from './index.js';

const STORE_HELP =
  'fleet store: postgres://… (needed by scan, schedule and worker) or a directory (default: $MAGEUP_FLEET_STORE, else one in the user data directory)';

// Each subcommand loads its library when it runs, not at start-up: the fleet store, the job engine, the renderers.
const fleetLibrary = () => import('../../fleet/index.js');
const runFleet = () => import('../../fleet/run-fleet.js');
const formatting = () => import('../../report/format.js');

/** `mageup fleet add|list|remove|scan|schedule|report`: an agency's stores, scanned by `mageup worker`s. */
export function register(program: Command, setExitCode: SetExitCode): void {
  const fleet = program
    .command('fleet')
    .description('Every store of an agency: register them, queue scans for the workers, report where they stand');

  fleet
    .command('add')
    .description('Register a store: a project directory or a git URL (cloned read-only by the worker)')
    .argument('<name>', 'a short unique name (acme-de)')
    .argument('<location>', 'project root or git URL')
    .option('--tags <list>', 'comma-separated tags (client, region, plan)')
    .option('--to <version>', 'target release for check (default: latest)')
    .option('--url <url>', 'storefront URL: the scan runs verify (smoke and security probes) too')
    .option('--replace', 'replace a store of the same name')
    .option('--store <dir|url>', STORE_HELP)
    .action(
      async (
        name: string,
        location: string,
        opts: { tags?: string; to?: string; url?: string; replace?: boolean; store?: string },
      ) => {
        const [{ fleetAdd }, { parseTags }, { terminalSafe }] = await Promise.all([
          runFleet(),
          fleetLibrary(),
          formatting(),
        ]);
        const p = await fleetAdd(opts.store, {
          name,
          location,
          tags: parseTags(opts.tags),
          ...(opts.url ? { verifyUrl: opts.url } : {}),
          ...(opts.to ? { target: opts.to } : {}),
          ...(opts.replace ? { replace: true } : {}),
        });
        process.stdout.write(`Added ${terminalSafe(p.name)}: ${terminalSafe(p.location)} (${p.kind})\n`);
        setExitCode(EXIT.ok);
      },
    );

  fleet
    .command('list')
    .description('The registered stores with their latest scan')
    .option('--tags <list>', 'only stores carrying all these tags')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--store <dir|url>', STORE_HELP)
    .action(async (opts: { tags?: string; format: string; store?: string }) => {
      const [{ fleetList }, { parseTags }, { renderTable, terminalSafe }] = await Promise.all([
        runFleet(),
        fleetLibrary(),
        formatting(),
      ]);
      const store = await fleetList(opts.store, parseTags(opts.tags));
      const { rows } = store;
      if (opts.format === 'json') {
        process.stdout.write(`${JSON.stringify({ store: store.location, stores: rows }, null, 2)}\n`);
      } else if (rows.length === 0) {
        process.stdout.write(
          `No stores in ${terminalSafe(store.location)} (mageup fleet add <name> <path|git-url>).\n`,
        );
      } else {
        process.stdout.write(
          `${renderTable(
            ['NAME', 'LOCATION', 'TAGS', 'LAST SCAN', 'STATE'],
            rows.map((r) => [
              terminalSafe(r.name),
              terminalSafe(r.location),
              terminalSafe(r.tags.join(',')),
              r.lastScan ? r.lastScan.finishedAt.slice(0, 16).replace('T', ' ') : 'never',
              terminalSafe(
                r.progress && !['done', 'failed'].includes(r.progress.phase)
                  ? `${r.progress.phase} ${r.progress.percent}%`
                  : r.lastScan
                    ? r.lastScan.ok
                      ? 'ok'
                      : `failed: ${(r.lastScan.error ?? '').slice(0, 100)}`
                    : '',
              ),
            ]),
          )}\nStore: ${terminalSafe(store.location)}\n`,
        );
      }
      setExitCode(EXIT.ok);
    });

  fleet
    .command('remove')
    .description('Unregister a store (its runs and scans stay in the history)')
    .argument('<name>')
    .option('--store <dir|url>', STORE_HELP)
    .action(async (name: string, opts: { store?: string }) => {
      const [{ fleetRemove }, { terminalSafe }] = await Promise.all([runFleet(), formatting()]);
      await fleetRemove(opts.store, name);
      process.stdout.write(`Removed ${terminalSafe(name)}\n`);
      setExitCode(EXIT.ok);
    });

  fleet
    .command('scan')
    .description('Queue one scan (audit + check, + verify with a URL) per store for the workers (mageup worker)')
    .argument('[names...]', 'only these stores')
    .option('--tags <list>', 'only stores carrying all these tags')
    .option('--to <version>', "target release for this scan (default: each store's own --to, else latest)")
    .option('--store <url>', STORE_HELP)
    .action(async (names: string[], opts: { tags?: string; to?: string; store?: string }) => {
      const [{ fleetScan }, { FleetError, parseTags }, { terminalSafe }] = await Promise.all([
        runFleet(),
        fleetLibrary(),
        formatting(),
      ]);
      const result = await fleetScan(opts.store, {
        names,
        tags: parseTags(opts.tags),
        ...(opts.to ? { target: opts.to } : {}),
      });
      process.stdout.write(
        `Queued ${result.queued.length} scan(s)` +
          (result.alreadyQueued.length
            ? `; already waiting: ${result.alreadyQueued.map(terminalSafe).join(', ')}`
            : '') +
          `. Workers (mageup worker --store …) run them; mageup fleet list shows progress.\n`,
      );
      if (result.unknown.length)
        throw new FleetError(`no store named ${result.unknown.map((n) => `"${n}"`).join(', ')} in the fleet`);
      setExitCode(EXIT.ok);
    });

  fleet
    .command('schedule')
    .description('Scan the fleet on a schedule: monthly, weekly, daily or a cron expression (UTC); "off" removes it')
    .argument('<when>', 'monthly | weekly | daily | "<cron>" | off')
    .option('--tags <list>', 'only stores carrying all these tags')
    .option('--store <url>', STORE_HELP)
    .action(async (when: string, opts: { tags?: string; store?: string }) => {
      const [{ fleetSchedule }, { parseTags }] = await Promise.all([runFleet(), fleetLibrary()]);
      const cron = await fleetSchedule(opts.store, when, parseTags(opts.tags));
      process.stdout.write(
        cron === null
          ? 'Schedule removed.\n'
          : `Scheduled: "${cron}" (UTC). A running worker turns each tick into scans.\n`,
      );
      setExitCode(EXIT.ok);
    });

  fleet
    .command('report')
    .description(
      'Where every store stands, for account managers: version, support, exploited bulletins, effort, can move / blocked',
    )
    .option('--tags <list>', 'only stores carrying all these tags')
    .addOption(new Option('--format <format>', 'output format').choices([...FLEET_REPORT_FORMATS]).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--store <dir|url>', STORE_HELP)
    .action(async (opts: { tags?: string; format: FleetReportFormat; output?: string; store?: string }) => {
      const [{ fleetList }, { parseTags }, { writeOutput }, { buildFleetReport }, { renderFleetReport }] =
        await Promise.all([
          runFleet(),
          fleetLibrary(),
          formatting(),
          import('../../report/fleet/fleet-report.js'),
          import('../../report/fleet/render-fleet.js'),
        ]);
      const report = buildFleetReport((await fleetList(opts.store, parseTags(opts.tags))).rows);
      await writeOutput(renderFleetReport(report, opts.format), opts.output);
      setExitCode(EXIT.ok);
    });
}
