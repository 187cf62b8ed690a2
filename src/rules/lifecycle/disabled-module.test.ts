import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyCustomizations } from '../../project/customizations/index.js';
import type { Module } from '../../project/model.js';
import { projectFixture, runRule } from '../testing.js';
import { disabledModule as disabledModuleRule } from './disabled-module.js';

const module = (name: string, enabled: boolean | null, core = false): Module => ({
  name,
  enabled,
  package: null,
  path: `app/code/${name.replace('_', '/')}`,
  location: 'app-code',
  core,
  sequence: [],
  customizations: emptyCustomizations(),
  registrationFile: `app/code/${name.replace('_', '/')}/registration.php`,
});

test('reports disabled non-core modules only', async () => {
  const project = projectFixture({
    modules: [
      module('Acme_Old', false),
      module('Acme_New', true),
      module('Magento_Msrp', false, true),
      module('Acme_Unlisted', null),
    ],
  });
  const findings = await runRule(disabledModuleRule, { project });
  assert.deepEqual(
    findings.map((f) => [f.module, f.severity, f.file]),
    [['Acme_Old', 'info', 'app/code/Acme/Old/registration.php']],
  );
});

test('no config.php: module states are unknown, nothing is reported', async () => {
  const project = projectFixture({ modules: [module('Acme_Old', false)], configPhpPresent: false });
  assert.deepEqual(await runRule(disabledModuleRule, { project }), []);
});
