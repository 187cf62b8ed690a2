import type { MonitorRule } from '../types.js';

export const indexerStuck: MonitorRule = {
  meta: {
    id: 'monitor/indexer-stuck',
    severity: 'warning',
    category: 'monitoring',
    description: 'An indexer or its materialised view has been "working" for over an hour',
    docs: 'A reindex that died leaves its state `working`; Magento then skips it (and cron-driven partial reindexes) until it is reset.',
  },
  check({ facts, report }) {
    const store = facts.store;
    if (!store) return;
    const now = Date.parse(store.now);
    for (const i of store.indexers.items) {
      const since =
        i.status === 'working' && i.updated
          ? i.updated
          : i.mviewStatus === 'working' && i.mviewUpdated
            ? i.mviewUpdated
            : undefined;
      if (!since || now - Date.parse(since) <= 3_600_000) continue;
      report({
        severity: 'warning',
        subject: `indexer ${i.id} working`,
        message: `Indexer ${i.id} has been working since ${since}`,
        recommendation: `If no reindex process runs: bin/magento indexer:reset ${i.id} then reindex it.`,
      });
    }
  },
};
