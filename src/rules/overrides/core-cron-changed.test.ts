import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory } from '../../check/files/release-files.js';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith } from './fixtures.js';
import { coreCronChanged as rule } from './core-cron-changed.js';

describe('overrides/core-cron-changed', () => {
  it('reports changed core crontab.xml when the project has cron jobs of its own', async () => {
    const job = {
      file: 'app/code/Acme/Foo/etc/crontab.xml',
      line: 3,
      group: 'default',
      name: 'acme_job',
      instance: 'Acme\\Job',
      method: 'run',
    };
    const modules = [moduleWith('Magento_Catalog', {}, { core: true }), moduleWith('Acme_Foo', { cronJobs: [job] })];
    const current = releaseFilesFromMemory('2.4.6', { Magento_Catalog: { 'etc/crontab.xml': 'a' } });
    const target = releaseFilesFromMemory('2.4.8', {
      Magento_Catalog: { 'etc/crontab.xml': 'b', 'etc/cron_groups.xml': 'g' },
    });
    const findings = await runRule(rule, { project: projectFixture({ modules }), files: { current, target } });
    assert.deepEqual(
      findings.map((f) => f.message),
      [
        'Magento_Catalog etc/cron_groups.xml is added in 2.4.8.',
        'Magento_Catalog etc/crontab.xml is changed in 2.4.8.',
      ],
    );
    assert.deepEqual(
      await runRule(rule, { project: projectFixture({ modules: [modules[0]!] }), files: { current, target } }),
      [],
    );
  });
});
