import type { MonitorRule } from '../types.js';

export const indexerInvalid: MonitorRule = {
  meta: {
    id: 'monitor/indexer-invalid',
    severity: 'error',
    category: 'monitoring',
    description: 'An indexer is invalid (needs a reindex)',
    docs: 'indexer_state.status = invalid: the storefront shows stale prices, stock, categories or search results until it is rebuilt.',
  },
  check({ facts, report }) {
    for (const i of facts.store?.indexers.items ?? []) {
      if (i.status !== 'invalid') continue;
      report({
        severity: 'error',
        subject: `indexer ${i.id}`,
        message: `Indexer ${i.id} is invalid${i.updated ? ` (state updated ${i.updated})` : ''}`,
        recommendation: `bin/magento indexer:reindex ${i.id} (and find what invalidated it: a full reindex that failed, a config change).`,
      });
    }
  },
};
