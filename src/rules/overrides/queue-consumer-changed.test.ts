import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory } from '../../check/files/release-files.js';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith } from './fixtures.js';
import { queueConsumerChanged as rule } from './queue-consumer-changed.js';

describe('overrides/queue-consumer-changed', () => {
  it('reports core queue files added, removed or changed for enabled core modules', async () => {
    const modules = [
      moduleWith('Magento_Catalog', {}, { core: true }),
      moduleWith('Magento_Off', {}, { core: true, enabled: false }),
    ];
    const current = releaseFilesFromMemory('2.4.6', {
      Magento_Catalog: { 'etc/queue_consumer.xml': 'a', 'etc/queue_topology.xml': 't', 'etc/communication.xml': 'c' },
      Magento_Off: { 'etc/queue_consumer.xml': 'a' },
    });
    const target = releaseFilesFromMemory('2.4.8', {
      Magento_Catalog: { 'etc/queue_consumer.xml': 'b', 'etc/queue_topology.xml': 't', 'etc/queue_publisher.xml': 'p' },
      Magento_Off: { 'etc/queue_consumer.xml': 'b' },
    });
    const findings = await runRule(rule, { project: projectFixture({ modules }), files: { current, target } });
    assert.deepEqual(
      findings.map((f) => [f.data?.module, f.data?.file, f.data?.how, f.data?.target]),
      [
        ['Magento_Catalog', 'etc/communication.xml', 'removed', '2.4.8'],
        ['Magento_Catalog', 'etc/queue_consumer.xml', 'changed', '2.4.8'],
        ['Magento_Catalog', 'etc/queue_publisher.xml', 'added', '2.4.8'],
      ],
    );
    assert.deepEqual(findings[1]!.data?.note, [{ messageId: 'consumersNote', data: { how: 'changed' } }]);
  });
});
