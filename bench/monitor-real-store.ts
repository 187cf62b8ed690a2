// End-to-end bench of `mageup monitor` against a real Magento store (../shared/real-store/setup.sh: 2.4.7-p7 on :8247,
// default mode). Takes a cutover, then plants what goes wrong in the days after a go-live and checks that monitor
// names each one from what the store itself wrote (var/log, var/report, its database):
//   a custom module Acme_MonitorProbe (app/code, enabled in config.php, no schema) whose page template throws
//     → Magento logs the exception to var/log/exception.log and the page still answers 200   → monitor/new-error
//   a cron job of that module that throws (bin/magento cron:run --group=acme_probe, once)      → monitor/cron-failed
//   bin/magento indexer:reset customer_grid                                                    → monitor/indexer-invalid
// Everything is put back afterwards (module files, config.php, the probe's cron_schedule rows, customer_grid
// reindexed, caches flushed); the log lines the run wrote stay in the store's logs, as a real incident's would.
//
//   node --import tsx bench/monitor-real-store.ts        # STORE_URL, STORE_ROOT to point elsewhere
//   RESTORE=1 node --import tsx bench/monitor-real-store.ts   # only put back what an interrupted run left
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, renameSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderMonitor, runMonitor } from '../src/monitor/index.js';

const URL_ = process.env.STORE_URL ?? 'http://127.0.0.1:8247/';
const ROOT = process.env.STORE_ROOT ?? '/srv/m247';
const OUT = join(import.meta.dirname, 'out', 'monitor-real-store');
const MODULE_DIR = join(ROOT, 'app/code/Acme/MonitorProbe');
const CONFIG = join(ROOT, 'app/etc/config.php');
const SUFFIX = '.mageup-bench';
const JOB = 'acme_probe_stock_sync';
const HITS = 4;
// A word of letters only in the planted messages, so each run's faults are new classes (monitor masks numbers and hex
// ids, and the log lines of earlier runs stay in the store's logs).
const RUN = Date.now()
  .toString(36)
  .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!);

const MODULE_FILES: Record<string, string> = {
  'registration.php': `<?php
\\Magento\\Framework\\Component\\ComponentRegistrar::register(
    \\Magento\\Framework\\Component\\ComponentRegistrar::MODULE, 'Acme_MonitorProbe', __DIR__);
`,
  'etc/module.xml': `<?xml version="1.0"?>
<config xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="urn:magento:framework:Module/etc/module.xsd">
    <module name="Acme_MonitorProbe"/>
</config>
`,
  'etc/frontend/routes.xml': `<?xml version="1.0"?>
<config xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="urn:magento:framework:App/etc/routes.xsd">
    <router id="standard">
        <route id="monitorprobe" frontName="monitorprobe">
            <module name="Acme_MonitorProbe"/>
        </route>
    </router>
</config>
`,
  'Controller/Index/Index.php': `<?php
namespace Acme\\MonitorProbe\\Controller\\Index;

use Magento\\Framework\\App\\Action\\HttpGetActionInterface;
use Magento\\Framework\\View\\Result\\PageFactory;

class Index implements HttpGetActionInterface
{
    public function __construct(private PageFactory $pageFactory)
    {
    }

    public function execute()
    {
        return $this->pageFactory->create();
    }
}
`,
  'view/frontend/layout/monitorprobe_index_index.xml': `<?xml version="1.0"?>
<page xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="urn:magento:framework:View/Layout/etc/page_configuration.xsd">
    <body>
        <referenceContainer name="content">
            <block class="Magento\\Framework\\View\\Element\\Template" name="acme.monitor.probe" template="Acme_MonitorProbe::probe.phtml" cacheable="false"/>
        </referenceContainer>
    </body>
</page>
`,
  'view/frontend/templates/probe.phtml': `<p>Stock widget</p>
<?php $id = (int) $block->getRequest()->getParam('id'); ?>
<?php throw new \\RuntimeException('Stock widget ${RUN} failed for product ' . $id); ?>
`,
  'etc/cron_groups.xml': `<?xml version="1.0"?>
<config xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="urn:magento:module:Magento_Cron:etc/cron_groups.xsd">
    <group id="acme_probe">
        <schedule_generate_every>1</schedule_generate_every>
        <schedule_ahead_for>4</schedule_ahead_for>
        <schedule_lifetime>2</schedule_lifetime>
        <history_cleanup_every>10</history_cleanup_every>
        <history_success_lifetime>60</history_success_lifetime>
        <history_failure_lifetime>600</history_failure_lifetime>
        <use_separate_process>0</use_separate_process>
    </group>
</config>
`,
  'etc/crontab.xml': `<?xml version="1.0"?>
<config xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="urn:magento:module:Magento_Cron:etc/crontab.xsd">
    <group id="acme_probe">
        <job name="${JOB}" instance="Acme\\MonitorProbe\\Cron\\StockSync" method="execute">
            <schedule>* * * * *</schedule>
        </job>
    </group>
</config>
`,
  'Cron/StockSync.php': `<?php
namespace Acme\\MonitorProbe\\Cron;

class StockSync
{
    public function execute(): void
    {
        throw new \\RuntimeException('Stock sync ${RUN} endpoint refused the credentials (HTTP 401)');
    }
}
`,
};

/** What each planted fault must make monitor say: rule and a pattern of its message. */
const EXPECT: { fault: string; rule: string; match: RegExp }[] = [
  {
    fault: 'template throws (page answers 200)',
    rule: 'monitor/new-error',
    match: new RegExp(`Stock widget ${RUN} failed.*Acme_MonitorProbe`, 's'),
  },
  { fault: 'cron job throws', rule: 'monitor/cron-failed', match: new RegExp(`${JOB}.*Stock sync ${RUN}`) },
  { fault: 'customer_grid indexer reset', rule: 'monitor/indexer-invalid', match: /customer_grid/ },
];

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

function magento(...args: string[]): string {
  return execFileSync('php', ['-d', 'memory_limit=2G', join(ROOT, 'bin/magento'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: 'pipe',
    timeout: 300_000,
  });
}

/** The store's database, as its env.php names it (the bench's own clean-up of the probe's cron rows). */
function storeSql(statement: string): void {
  const db = execFileSync(
    'php',
    ['-r', 'echo (include $argv[1])["db"]["connection"]["default"]["dbname"];', join(ROOT, 'app/etc/env.php')],
    { encoding: 'utf8' },
  );
  execFileSync('mysql', ['-h127.0.0.1', '-uroot', db, '-e', statement]);
}

/** Puts back everything a run planted (also what an interrupted run left). */
function restore(): string[] {
  const done: string[] = [];
  if (existsSync(MODULE_DIR)) {
    rmSync(join(ROOT, 'app/code/Acme'), { recursive: true, force: true });
    rmSync(join(ROOT, 'generated/code/Acme'), { recursive: true, force: true });
    done.push('app/code/Acme');
  }
  if (existsSync(CONFIG + SUFFIX)) {
    renameSync(CONFIG + SUFFIX, CONFIG);
    done.push('app/etc/config.php');
  }
  if (done.length > 0) {
    storeSql(`DELETE FROM cron_schedule WHERE job_code='${JOB}'`);
    magento('indexer:reindex', 'customer_grid');
    magento('cache:flush');
    done.push(`cron_schedule rows of ${JOB}`, 'customer_grid reindexed', 'caches flushed');
  }
  return done;
}

async function reachable(): Promise<boolean> {
  try {
    return (await fetch(URL_, { signal: AbortSignal.timeout(60_000) })).status === 200;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const leftovers = restore();
  if (leftovers.length > 0) console.log(`restored what an earlier run left: ${leftovers.join(', ')}`);
  if (process.env.RESTORE) return;
  if (!existsSync(join(ROOT, 'app/etc/env.php')) || !(await reachable())) {
    console.log(
      `real store not reachable at ${URL_} (${ROOT}): run MIRROR=… bash ../shared/real-store/setup.sh first (bench skipped)`,
    );
    return;
  }
  mkdirSync(OUT, { recursive: true });
  // Magento writes its log times to the second: the cutover is the second before the first planted fault.
  const cutover = Math.floor(Date.now() / 1000) * 1000 - 1000;
  console.log(`cutover ${new Date(cutover).toISOString()}, run word ${RUN} (load average ${load()})`);
  try {
    for (const [rel, text] of Object.entries(MODULE_FILES)) {
      mkdirSync(dirname(join(MODULE_DIR, rel)), { recursive: true });
      writeFileSync(join(MODULE_DIR, rel), text);
    }
    copyFileSync(CONFIG, CONFIG + SUFFIX);
    execFileSync('php', [
      '-r',
      `$f=$argv[1]; $c=include $f; $c["modules"]["Acme_MonitorProbe"]=1; file_put_contents($f, "<?php\\nreturn ".var_export($c, true).";\\n");`,
      CONFIG,
    ]);
    magento('cache:flush');
    const statuses: number[] = [];
    for (let i = 0; i < HITS; i++) {
      const id = 10_000 + Math.floor(Math.random() * 90_000);
      const res = await fetch(`${URL_}monitorprobe/index/index/id/${id}`, { signal: AbortSignal.timeout(180_000) });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    console.log(`probe page asked ${HITS}× with random product ids: HTTP ${statuses.join(', ')}`);
    try {
      magento('cron:run', '--group=acme_probe');
    } catch (error) {
      console.log(`cron:run --group=acme_probe exited non-zero: ${(error as Error).message.split('\n')[0]}`);
    }
    magento('indexer:reset', 'customer_grid');
    console.log('cron job run once; customer_grid reset');

    const t = performance.now();
    const { result } = await runMonitor({ path: ROOT, cutover });
    const ms = performance.now() - t;
    writeFileSync(join(OUT, 'monitor.json'), renderMonitor(result, 'json'));
    const text = renderMonitor(result, 'text');
    writeFileSync(join(OUT, 'monitor.txt'), text);
    const bytes = result.logs.reduce((n, l) => n + l.bytes, 0);
    console.log(
      `monitor ${ROOT} --cutover ${new Date(cutover).toISOString()}: ${seconds(ms)} over ${result.logs.length} log files ` +
        `(${(bytes / 1e6).toFixed(1)} MB), ${result.findings.length} findings, ${result.summary.newClasses} new error classes ` +
        `(load average ${load()})`,
    );
    console.log('\nplanted fault → what monitor said');
    for (const e of EXPECT) {
      const hit = result.findings.find((f) => f.ruleId === e.rule && e.match.test(f.message));
      console.log(
        `  ${e.fault.padEnd(38)} ${hit ? `${hit.ruleId} ${hit.severity}: ${hit.message.slice(0, 220)}` : `NOT NAMED (expected ${e.rule})`}`,
      );
    }
    const cronMentions = result.findings.filter(
      (f) => f.message.includes(`Stock sync ${RUN}`) || f.message.includes(JOB),
    );
    console.log(
      `the cron failure is told by ${cronMentions.length} finding(s): ${cronMentions.map((f) => f.ruleId).join(', ')}`,
    );
    console.log('\nall findings:');
    for (const f of result.findings) console.log(`  ${f.severity.padEnd(8)} ${f.ruleId}  ${f.message.slice(0, 240)}`);
    console.log(`\nreport: ${OUT}/monitor.{txt,json}`);
  } finally {
    console.log(`store restored: ${restore().join(', ')}`);
  }
}

await main();
