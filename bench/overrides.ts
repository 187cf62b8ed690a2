#!/usr/bin/env -S node --import tsx
/**
 * Bench: `mageup check --focus overrides` (override impact and extension conflicts) on
 *   1. the sample store (budget < 1 s), and
 *   2. a generated project: the sample store plus a theme with 50 overrides of real core templates/layouts/web files
 *      (paths taken from the shipped file-hash index, content written here) and a module with 200 plugins on real
 *      core methods (from the shipped API index) (budget ≤ 3 s).
 * Analysis cache off, one worker (the machine is shared). Usage: node --import tsx bench/overrides.ts
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../src/check/run-check.js';
import { loadSymbolIndex } from '../src/knowledge/api/index.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { loadFileHashIndex } from '../src/knowledge/file-hashes/index.js';

const SAMPLE = fileURLToPath(new URL('../examples/sample-store', import.meta.url));

async function timeCheck(path: string): Promise<{ ms: number; findings: number; byRule: Record<string, number> }> {
  const start = performance.now();
  const result = await runCheck({
    path,
    to: '2.4.8',
    focus: ['overrides'],
    workers: 1,
    cacheDir: false,
    clock: fixedClock('2026-11-23'),
  });
  const ms = performance.now() - start;
  const byRule: Record<string, number> = {};
  for (const f of result.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  return { ms, findings: result.findings.length, byRule };
}

function put(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

async function generate(root: string): Promise<void> {
  cpSync(SAMPLE, root, { recursive: true });
  // 50 theme overrides of real core files of 2.4.6-p3 (Magento_Catalog, Magento_Checkout, Magento_Customer).
  const index = loadFileHashIndex();
  const release = index.releasePackages('2.4.6-p3')!;
  const overrides: string[] = [];
  for (const module of ['Magento_Catalog', 'Magento_Checkout', 'Magento_Customer']) {
    const pkg = index.packageOfComponent(module)!;
    const files = index.packageFiles(pkg, release[pkg]!)!;
    for (const path of files.hashes.keys()) {
      const m = /^view\/frontend\/((templates|web|email)\/.+)$/.exec(path);
      if (m && overrides.length < 50) overrides.push(`${module}/${m[1]}`);
    }
  }
  const theme = 'app/design/frontend/Bench/shop';
  put(
    root,
    `${theme}/registration.php`,
    "<?php\nuse Magento\\Framework\\Component\\ComponentRegistrar;\n\nComponentRegistrar::register(ComponentRegistrar::THEME, 'frontend/Bench/shop', __DIR__);\n",
  );
  put(
    root,
    `${theme}/theme.xml`,
    '<?xml version="1.0"?>\n<theme>\n    <title>Bench</title>\n    <parent>Magento/luma</parent>\n</theme>\n',
  );
  overrides.forEach((o, i) => put(root, `${theme}/${o}`, `<!-- bench override ${i} -->\n`));

  // 200 plugins on real public methods of core classes (2.4.6-p3 API index), 10 per plugin class.
  const symbols = await loadSymbolIndex({ release: '2.4.6-p3' });
  const targets: [string, string][] = [];
  for (const cls of [
    'Magento\\Catalog\\Model\\Product',
    'Magento\\Quote\\Model\\Quote',
    'Magento\\Sales\\Model\\Order',
    'Magento\\Customer\\Model\\Customer',
  ]) {
    for (const m of symbols.getClass(cls)?.methods ?? []) {
      if (m.visibility === 'public' && !m.static && !m.name.startsWith('__') && targets.length < 200)
        targets.push([cls, m.name]);
    }
  }
  const mod = 'app/code/Bench/Plugins';
  put(
    root,
    `${mod}/registration.php`,
    "<?php\nuse Magento\\Framework\\Component\\ComponentRegistrar;\n\nComponentRegistrar::register(ComponentRegistrar::MODULE, 'Bench_Plugins', __DIR__);\n",
  );
  put(
    root,
    `${mod}/etc/module.xml`,
    '<?xml version="1.0"?>\n<config>\n    <module name="Bench_Plugins"/>\n</config>\n',
  );
  const di: string[] = ['<?xml version="1.0"?>', '<config>'];
  const classes = new Map<number, string[]>();
  targets.forEach(([cls, method], i) => {
    const group = Math.floor(i / 10);
    const name = `${method[0]!.toUpperCase()}${method.slice(1)}`;
    const kind = ['before', 'after', 'around'][i % 3]!;
    di.push(
      `    <type name="${cls}">`,
      `        <plugin name="bench_${i}" type="Bench\\Plugins\\Plugin\\P${group}" sortOrder="${10 + (i % 5)}"/>`,
      '    </type>',
    );
    const body =
      kind === 'around'
        ? `    public function around${name}($subject, callable $proceed, ...$args)\n    {\n        return $proceed(...$args);\n    }`
        : kind === 'before'
          ? `    public function before${name}($subject, ...$args)\n    {\n        return $args;\n    }`
          : `    public function after${name}($subject, $result)\n    {\n        return $result;\n    }`;
    classes.set(group, [...(classes.get(group) ?? []), body]);
  });
  di.push('</config>');
  put(root, `${mod}/etc/di.xml`, `${di.join('\n')}\n`);
  for (const [group, bodies] of classes) {
    put(
      root,
      `${mod}/Plugin/P${group}.php`,
      `<?php\nnamespace Bench\\Plugins\\Plugin;\n\nclass P${group}\n{\n${bodies.join('\n\n')}\n}\n`,
    );
  }
  console.log(`generated: ${overrides.length} theme overrides, ${targets.length} plugins in ${classes.size} classes`);
}

// The sample store runs first, in a fresh process: its time includes loading the knowledge indexes.
const sample = await timeCheck(SAMPLE);
console.log(`sample store: ${sample.ms.toFixed(0)} ms, ${sample.findings} findings (budget < 1000 ms)`);
const root = mkdtempSync(join(tmpdir(), 'mageup-bench-overrides-'));
try {
  await generate(root);
  if (process.argv.includes('--keep')) console.log(`project kept in ${root}`);
  const big = await timeCheck(root);
  const again = await timeCheck(root);
  console.log(
    `generated project: ${big.ms.toFixed(0)} ms (same process again: ${again.ms.toFixed(0)} ms), ${big.findings} findings (budget ≤ 3000 ms)`,
  );
  console.log(
    Object.entries(big.byRule)
      .map(([r, n]) => `  ${r}: ${n}`)
      .join('\n'),
  );
} finally {
  if (!process.argv.includes('--keep')) rmSync(root, { recursive: true, force: true });
}
