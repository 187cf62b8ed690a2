/**
 * Bench: release lists of a project with 60 third-party extensions resolved from the metadata cache (what
 * `mageup check --online` stored) and judged against the target — the Composer part of `mageup check`.
 * Builds the project (composer.json + composer.lock, 60 magento2-module packages at old versions) and the cache in a
 * temporary directory from the shipped snapshot's real release lists, then times `mageup check --focus composer` on it
 * in a fresh process (cold: data files read, every release judged) and in-process for the metadata step alone.
 * Budget: ≤ 2 s. Usage: node --import tsx bench/composer-metadata.ts [--to 2.4.8-p3]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runCheck } from '../src/check/run-check.js';
import { extensionSnapshot, releaseLookup, writeCachedReleases } from '../src/knowledge/extension-releases.js';
import { loadReleaseCatalog } from '../src/knowledge/catalog.js';
import { createSymbolIndex } from '../src/knowledge/memory-symbol-index.js';
import { releaseComposer } from '../src/knowledge/release-composer.js';
import { targetPhp } from '../src/check/run-check.js';
import { extensionFit } from '../src/rules/composer/extension-fit.js';
import { projectFixture } from '../src/rules/testing.js';

const toArg = process.argv.indexOf('--to');
const TO = toArg > 0 ? process.argv[toArg + 1]! : '2.4.8-p3';
const COUNT = 60;

const dir = mkdtempSync(join(tmpdir(), 'mageup-bench-composer-'));
try {
  const cache = join(dir, 'cache');
  const root = join(dir, 'project');
  mkdirSync(root, { recursive: true });
  const snapshot = extensionSnapshot();
  const names = Object.keys(snapshot.packages).slice(0, COUNT);
  // More than the snapshot has: repeat real lists under other names so the cache holds COUNT packages.
  while (names.length < COUNT) names.push(`bench/copy-${names.length}`);
  const packages = [];
  const require: Record<string, string> = { 'magento/product-community-edition': '2.4.4' };
  const now = new Date();
  for (const [i, name] of names.entries()) {
    const real = Object.values(snapshot.packages)[i % Object.keys(snapshot.packages).length]!;
    writeCachedReleases(cache, name, 'https://repo.packagist.org/', real.releases, now);
    const installed = real.releases[0]!;
    packages.push({
      name,
      version: installed.version,
      type: 'magento2-module',
      require: { ...installed.require, php: '~7.4.0||~8.1.0' },
    });
    require[name] = `^${installed.version.replace(/^v/, '')}`;
  }
  packages.push({ name: 'magento/product-community-edition', version: '2.4.4', type: 'metapackage', require: {} });
  writeFileSync(join(root, 'composer.json'), JSON.stringify({ name: 'bench/store', require }, null, 4));
  writeFileSync(join(root, 'composer.lock'), JSON.stringify({ packages, 'packages-dev': [] }));
  const releases = packages.reduce((n, p) => n + (snapshot.packages[p.name]?.releases.length ?? 0), 0);

  // The metadata step alone: read the 60 cached lists and judge every release against the target.
  const tm = performance.now();
  const cpu0 = process.cpuUsage();
  const catalog = loadReleaseCatalog();
  const target = catalog.get(TO)!;
  const ctx = {
    project: projectFixture({ packages: [] }),
    catalog,
    current: { release: catalog.get('2.4.4')!, symbols: null },
    target: { release: target, php: targetPhp(target), symbols: createSymbolIndex([]) },
    code: [],
    advisoriesFor: () => [],
    now,
    composer: {
      target: releaseComposer(TO)!,
      current: releaseComposer('2.4.4')!,
      releases: releaseLookup({ cacheDir: cache }),
    },
  };
  let fits = 0;
  for (const name of names) if (extensionFit(ctx, name).latest) fits++;
  const metadataSeconds = (performance.now() - tm) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // CPU time of this process: what the step costs, whatever else the machine runs (wall time grows with load).
  const metadataCpu = (cpu.user + cpu.system) / 1e6;

  const t0 = performance.now();
  const cpu1 = process.cpuUsage();
  const result = await runCheck({
    path: root,
    to: TO,
    focus: ['composer'],
    metadataCacheDir: cache,
    cacheDir: false,
  });
  const seconds = (performance.now() - t0) / 1000;
  const checkCpu = process.cpuUsage(cpu1);
  const table = result.targets[0]!.composer?.extensions ?? [];
  const fitted = table.filter((e) => e.latest).length;
  console.log(
    `composer metadata: ${COUNT} third-party packages from the cache (${releases}+ releases judged) → ${TO}: ` +
      `${seconds.toFixed(2)} s wall, ${((checkCpu.user + checkCpu.system) / 1e6).toFixed(2)} s CPU for check --focus composer (${fitted} with a fitting release, ` +
      `${result.targets[0]!.findings.length} findings); the metadata step alone (read ${COUNT} cached lists, ` +
      `judge every release): ${metadataSeconds.toFixed(2)} s wall, ${metadataCpu.toFixed(2)} s CPU, ${fits} fit ` +
      `[budget ≤ 2 s; load average ${loadavg()[0]!.toFixed(1)}]`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
