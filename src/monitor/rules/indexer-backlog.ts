import type { MonitorRule } from '../types.js';

export const indexerBacklog: MonitorRule = {
  meta: {
    id: 'monitor/indexer-backlog',
    severity: 'warning',
    category: 'monitoring',
    description: 'An indexer on "Update by schedule" has a changelog backlog',
    docs: 'The changelog (`<view>_cl`) holds more unprocessed entries than --backlog (10,000 by default): the indexer_update_all_views cron job does not keep up or does not run.',
  },
  check({ facts, thresholds, report }) {
    for (const i of facts.store?.indexers.items ?? []) {
      if (i.backlog === undefined || i.backlog <= thresholds.backlog) continue;
      report({
        severity: 'warning',
        subject: `indexer ${i.id} backlog`,
        message: `Indexer ${i.id} has ${i.backlog} unprocessed changelog entries`,
        recommendation: 'Check that indexer_update_all_views runs (cron group index) and how long it takes.',
      });
    }
  },
};
