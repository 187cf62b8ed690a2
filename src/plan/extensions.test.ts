import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComposerPackage } from '../project/model.js';
import { topological, type ExtensionInfo } from './extensions.js';

const pkg = (name: string, require: Record<string, string> = {}): ComposerPackage => ({
  name,
  version: '1.0.0',
  type: 'magento2-module',
  source: 'third-party',
  license: [],
  require,
});

test('extensions come in dependency order, through libraries too', () => {
  const packages = [
    pkg('amasty/shopby', { 'acme/lib': '*' }),
    pkg('acme/lib', { 'amasty/base': '*' }),
    pkg('amasty/base'),
    pkg('zeta/alone'),
  ];
  const byName = new Map(packages.map((p) => [p.name, p]));
  const infos: ExtensionInfo[] = packages
    .filter((p) => p.name !== 'acme/lib')
    .map((p) => ({ package: p, modules: [], critical: false, criticalBecause: [] }));
  assert.deepEqual(
    topological(infos, byName).map((i) => i.package.name),
    ['amasty/base', 'amasty/shopby', 'zeta/alone'],
  );
});
