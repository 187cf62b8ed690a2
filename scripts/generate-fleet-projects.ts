/**
 * Generates N Magento projects for the fleet tests and bench from the two small committed fixtures
 * (test/fixtures/projects/store: custom code, a third-party extension, 8 packages; vanilla-2.4.7-p7: a real
 * composer.lock of 541 packages). Each copy varies, deterministically by its index: the release (2.4.4 to 2.4.8
 * lines, -pN levels the catalog knows), the edition (Open Source, Adobe Commerce), the third-party extension's
 * version (or none), and how many copies of the custom module it carries (PHP analysis load).
 *
 *   node --import tsx scripts/generate-fleet-projects.ts <out-dir> <count>
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'projects');

const RELEASES = [
  '2.4.4-p5',
  '2.4.4-p9',
  '2.4.5-p4',
  '2.4.5-p8',
  '2.4.6',
  '2.4.6-p3',
  '2.4.6-p8',
  '2.4.7-p1',
  '2.4.7-p4',
  '2.4.7-p7',
  '2.4.8',
  '2.4.8-p2',
];
const EXTENSION_VERSIONS = ['1.2.3', '1.0.0', '2.0.1', null];

export interface GeneratedProject {
  name: string;
  path: string;
  base: 'store' | 'vanilla';
  version: string;
  edition: 'community' | 'enterprise';
  extension: string | null;
  customModules: number;
}

/** Writes `count` projects into `outDir` (emptied first) and returns what each one is. */
export function generateFleetProjects(outDir: string, count: number): GeneratedProject[] {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const out: GeneratedProject[] = [];
  for (let i = 0; i < count; i++) {
    // Every fifth project is the vanilla 2.4.7-p7 install (big lock, no custom code); the rest vary the small store.
    const vanilla = i % 5 === 4;
    const edition = i % 7 === 3 ? 'enterprise' : 'community';
    const version = vanilla ? '2.4.7-p7' : RELEASES[(i * 5) % RELEASES.length]!;
    const extension = vanilla ? null : EXTENSION_VERSIONS[i % EXTENSION_VERSIONS.length]!;
    const customModules = vanilla ? 0 : 1 + (i % 3);
    const name = `store-${String(i + 1).padStart(4, '0')}`;
    const path = join(outDir, name);
    cpSync(join(FIXTURES, vanilla ? 'vanilla-2.4.7-p7' : 'store'), path, { recursive: true });
    if (!vanilla) varyStore(path, { version, edition, extension, customModules });
    else if (edition === 'enterprise') setEdition(path, edition, version);
    out.push({ name, path, base: vanilla ? 'vanilla' : 'store', version, edition, extension, customModules });
  }
  return out;
}

function varyStore(
  root: string,
  v: { version: string; edition: 'community' | 'enterprise'; extension: string | null; customModules: number },
): void {
  const lockFile = join(root, 'composer.lock');
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { packages: { name: string; version: string }[] };
  const installedFile = join(root, 'vendor', 'composer', 'installed.json');
  const installed = JSON.parse(readFileSync(installedFile, 'utf8')) as {
    packages: { name: string; version: string }[];
  };
  for (const list of [lock.packages, installed.packages]) {
    for (const p of list)
      if (p.name === 'magento/product-community-edition' || p.name === 'magento/magento2-base') p.version = v.version;
    const ext = list.findIndex((p) => p.name === 'acme/module-foo');
    if (ext >= 0) {
      if (v.extension) list[ext]!.version = v.extension;
      else list.splice(ext, 1);
    }
  }
  writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
  writeFileSync(installedFile, `${JSON.stringify(installed, null, 2)}\n`);
  const composerFile = join(root, 'composer.json');
  const composer = JSON.parse(readFileSync(composerFile, 'utf8')) as { require: Record<string, string> };
  composer.require['magento/product-community-edition'] = v.version;
  if (!v.extension) delete composer.require['acme/module-foo'];
  writeFileSync(composerFile, `${JSON.stringify(composer, null, 2)}\n`);
  if (!v.extension) rmSync(join(root, 'vendor', 'acme'), { recursive: true, force: true });
  if (v.edition === 'enterprise') setEdition(root, 'enterprise', v.version);
  // Extra copies of the custom module under new names: more of the client's PHP to analyse.
  const custom = join(root, 'app', 'code', 'Acme', 'Custom');
  for (let k = 2; k <= v.customModules && existsSync(custom); k++)
    copyModule(custom, join(root, 'app', 'code', 'Acme', `Custom${k}`), `Custom${k}`);
  const configFile = join(root, 'app', 'etc', 'config.php');
  const enabled = Array.from(
    { length: Math.max(0, v.customModules - 1) },
    (_, k) => `        'Acme_Custom${k + 2}' => 1,\n`,
  );
  writeFileSync(
    configFile,
    readFileSync(configFile, 'utf8').replace("        'Acme_Custom' => 1,\n", (m) => m + enabled.join('')),
  );
}

/** Adobe Commerce: the product package is magento/product-enterprise-edition. */
function setEdition(root: string, edition: 'enterprise', version: string): void {
  for (const file of ['composer.json', 'composer.lock', join('vendor', 'composer', 'installed.json')]) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8').replace(
      /magento\/product-community-edition/g,
      `magento/product-${edition}-edition`,
    );
    writeFileSync(path, text);
  }
  void version;
}

function copyModule(from: string, to: string, module: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (entry.isDirectory()) copyModule(src, dst, module);
    else
      writeFileSync(
        dst,
        readFileSync(src, 'utf8')
          .replace(/Acme\\\\Custom\b/g, `Acme\\\\${module}`)
          .replace(/Acme\\Custom\b/g, `Acme\\${module}`)
          .replace(/Acme_Custom\b/g, `Acme_${module}`),
      );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [outDir, count] = process.argv.slice(2);
  if (!outDir || !count || !/^\d+$/.test(count)) {
    process.stderr.write('usage: node --import tsx scripts/generate-fleet-projects.ts <out-dir> <count>\n');
    process.exit(2);
  }
  const projects = generateFleetProjects(resolve(outDir), Number(count));
  process.stdout.write(`${projects.length} projects in ${resolve(outDir)}\n`);
}
