// The runbook of one hop: pre-checks, backups, platform changes, the upgrade commands, smoke checks and rollback.
import type { DeploymentChoice, ExtensionStep, PlatformStep, RunbookSection } from './types.js';
import { describeValue } from './tracks.js';

export interface StoreSize {
  ordersPerDay?: number;
  catalogSize?: number;
}

/**
 * Maintenance mode takes the store down for setup:upgrade, compilation, static content and the reindex; the time
 * grows with the catalog. Blue-green builds the new code beside the running one and keeps downtime to
 * setup:upgrade. Chosen when a maintenance window would cost 5 orders or more, or last over an hour.
 */
export function chooseDeployment(size: StoreSize, inWindowChanges: number): DeploymentChoice {
  const downtime = Math.round(30 + 3 * ((size.catalogSize ?? 0) / 10_000) + 15 * inWindowChanges);
  if (size.ordersPerDay === undefined && size.catalogSize === undefined) {
    return {
      strategy: 'maintenance',
      estimatedDowntimeMinutes: downtime,
      reason: 'No store size given (--orders-per-day, --catalog-size): maintenance mode, the simplest safe choice.',
    };
  }
  const lostOrders = ((size.ordersPerDay ?? 0) / 1440) * downtime;
  if (lostOrders >= 5 || downtime > 60) {
    return {
      strategy: 'blue-green',
      estimatedDowntimeMinutes: downtime,
      reason: `A ${downtime}-minute maintenance window would cost about ${Math.round(lostOrders)} orders${downtime > 60 ? ' and last over an hour' : ''}: build the new release beside the running one and switch.`,
    };
  }
  return {
    strategy: 'maintenance',
    estimatedDowntimeMinutes: downtime,
    reason: `About ${downtime} minutes of maintenance cost about ${lostOrders.toFixed(1)} orders: maintenance mode is cheaper than a blue-green setup.`,
  };
}

/** The composer.json changes of a hop, from check's proposal: exact commands, and what no command can fix. */
export interface HopComposer {
  commands: string[];
  unresolved: { name: string; reason: string }[];
}

export function runbook(opts: {
  from: string;
  to: string;
  productPackage: string;
  composer?: HopComposer;
  platform: PlatformStep[];
  extensions: ExtensionStep[];
  deployment: DeploymentChoice;
  criticalChecks: string[];
  /** Adobe's isolated patch files and hotfixes of the target's line, in the order they apply. */
  securityPatches?: string[];
}): RunbookSection[] {
  const { from, to } = opts;
  const tag = `pre-${to}`;
  const before = opts.platform.filter((p) => p.timing === 'before');
  const inWindow = opts.platform.filter((p) => p.timing === 'in-window');
  const after = opts.platform.filter((p) => p.timing === 'after');
  const stepOf = (p: PlatformStep) => ({
    text: `${p.condition ? `(${p.condition}) ` : ''}${describeValue(p.from)} → ${describeValue(p.to)}: ${p.reason}`,
    commands: p.commands,
  });
  const must = opts.extensions.filter((e) => e.action === 'must-upgrade');
  // A package the target makes redundant leaves with the upgrade (its configuration moved to the native module first).
  const remove = opts.extensions
    .filter((e) => e.action === 'replace')
    .map((e) => `composer remove ${e.package} --no-update   # ${to} ships its feature natively`);
  // With check's proposal the commands are exact (template, extension constraints); without one, placeholders.
  const upgrade = opts.composer
    ? [
        ...opts.composer.unresolved.map((u) => `# ${u.name}: ${u.reason} — resolve before running the update`),
        ...remove,
        ...opts.composer.commands,
      ]
    : [
        ...remove,
        `composer require ${opts.productPackage}=${to} --no-update`,
        ...must.map((e) => `composer require '${e.package}:<version supporting ${to}>' --no-update`),
        'composer update',
      ];
  const patches = opts.securityPatches ?? [];
  // Isolated patch files are not Composer versions: every composer install/update reinstalls the patched packages
  // and silently drops them, so they are declared for a patch plugin and checked after each deployment.
  const patchStep =
    patches.length > 0
      ? {
          text:
            `Apply Adobe's isolated security patch files and hotfixes of ${to} in order (${patches.join(', ')}). ` +
            'Warning: Composer operations (install, update, require) reinstall the patched packages and remove these ' +
            'patches: declare them in composer.json for a patch plugin (cweagans/composer-patches or ' +
            'vaimo/composer-patches) so every composer run re-applies them, and check the result after each deployment.',
          commands: [
            ...patches.map((p) =>
              p.endsWith('.patch') ? `patch -p1 --forward < ${p}` : `# ${p}: apply as its bulletin's KB article says`,
            ),
            "php vendor/bin/patch-status   # Adobe's Commerce Version Tool, installed by the patch files",
          ],
        }
      : undefined;
  const magento = [
    opts.deployment.strategy === 'blue-green'
      ? 'bin/magento setup:upgrade --keep-generated'
      : 'bin/magento setup:upgrade',
    'bin/magento setup:di:compile',
    'bin/magento setup:static-content:deploy -f   # add your locales, e.g. en_US de_DE',
    'bin/magento indexer:reindex',
    'bin/magento cache:flush',
  ];
  const sections: RunbookSection[] = [
    {
      title: 'Pre-checks',
      steps: [
        {
          text: `The store runs ${from}; the database has no pending setup.`,
          commands: ['bin/magento --version', 'bin/magento setup:db:status', 'php -v', 'composer --version'],
        },
        {
          text: 'The same upgrade was rehearsed on staging with a copy of production data, and the tests of this hop passed.',
        },
        {
          text: 'Disk space for the dump, the code tag and a second vendor/ tree; repo.magento.com keys in auth.json (never print them).',
          commands: ['df -h .'],
        },
        {
          text: 'Indexers valid and queues drained before the window.',
          commands: ['bin/magento indexer:status', 'bin/magento queue:consumers:list'],
        },
      ],
    },
    {
      title: 'Backups',
      steps: [
        {
          text: 'Database dump (consistent, with routines and triggers).',
          commands: [
            `mysqldump --single-transaction --routines --triggers <database> | gzip > backup-${from}-$(date +%F).sql.gz`,
          ],
        },
        { text: 'Media files.', commands: [`tar czf media-${from}-$(date +%F).tgz pub/media`] },
        {
          text: 'Code tag and configuration copy.',
          commands: [
            `git tag ${tag} && git push origin ${tag}`,
            `cp app/etc/env.php app/etc/config.php composer.json composer.lock <backup-dir>/`,
          ],
        },
      ],
    },
  ];
  if (before.length)
    sections.push({ title: `Platform changes before the upgrade (on ${from})`, steps: before.map(stepOf) });
  const window: RunbookSection['steps'] = [];
  if (opts.deployment.strategy === 'blue-green') {
    window.push({
      text: `Blue-green: ${opts.deployment.reason} Build the new release in a fresh directory/stack (green) from the tag, without touching the live database:`,
      commands: [...upgrade, 'bin/magento setup:di:compile', 'bin/magento setup:static-content:deploy -f'],
    });
    if (patchStep) window.push(patchStep);
    window.push({
      text: 'Short maintenance window for the schema and data upgrade:',
      commands: ['bin/magento maintenance:enable', ...inWindow.flatMap((p) => p.commands), ...magento],
    });
    window.push({ text: 'Switch traffic to green, then:', commands: ['bin/magento maintenance:disable'] });
  } else {
    window.push({
      text: `Maintenance mode: ${opts.deployment.reason} Expected downtime about ${opts.deployment.estimatedDowntimeMinutes} minutes.`,
      commands: ['bin/magento maintenance:enable', '# stop cron and queue consumers'],
    });
    if (inWindow.length) window.push(...inWindow.map(stepOf));
    window.push({ text: `Upgrade the code to ${to}, extensions in dependency order:`, commands: upgrade });
    if (patchStep) window.push(patchStep);
    window.push({ text: 'Upgrade the database schema and data, compile, deploy assets, reindex:', commands: magento });
    window.push({
      text: 'Bring the store back:',
      commands: ['bin/magento maintenance:disable', '# start cron and queue consumers'],
    });
  }
  sections.push({ title: `Upgrade window (${from} → ${to})`, steps: window });
  if (after.length) sections.push({ title: `Platform changes after the upgrade (on ${to})`, steps: after.map(stepOf) });
  sections.push({
    title: 'Smoke checks',
    steps: [
      {
        text: `Version and schema are ${to} and up to date.`,
        commands: ['bin/magento --version', 'bin/magento setup:db:status', 'bin/magento indexer:status'],
      },
      {
        text: 'Storefront answers; no new errors in the logs.',
        commands: ['curl -sI https://<store-host>/ | head -1', 'tail -n 50 var/log/exception.log var/log/system.log'],
      },
      { text: 'Home, category, product, search, add to cart, checkout; admin login and order view; cron runs.' },
      ...opts.criticalChecks.map((c) => ({ text: c })),
    ],
  });
  sections.push({
    title: 'Rollback',
    steps: [
      {
        text: `Cannot simply be rolled back: setup:upgrade applied ${to}'s declarative schema changes and data patches (listed in patch_list) to the database; old code on the new schema is unsupported. Restore the database dump instead — orders taken after the backup are lost, so decide within the smoke-check window.`,
      },
      {
        text: 'Restore code and database:',
        commands: [
          'bin/magento maintenance:enable',
          `git checkout ${tag} && composer install --no-dev`,
          `gunzip < backup-${from}-<date>.sql.gz | mysql <database>`,
          'bin/magento setup:upgrade --keep-generated && bin/magento cache:flush',
          'bin/magento maintenance:disable',
        ],
      },
      ...(opts.platform.length
        ? [
            {
              text: `Platform changes of this hop: database server upgrades are one-way (restore the dump into a server of the old version); keep the old search cluster and cache servers running until sign-off so the configuration can point back; switch PHP back in the FPM pool.`,
            },
          ]
        : []),
    ],
  });
  return sections;
}
