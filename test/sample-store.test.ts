// Consistency of the bundled example projects: what other tests (audit, check, plan) rely on must hold in the
// fixture itself — JSON that parses, a lock that agrees with installed.json and with the root composer.json, a
// registration for every module of config.php, and an EXPECTED.md whose every row points at a real file and line.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseExpected, SAMPLE_STORE, SAMPLE_STORE_EXPECTED } from './helpers/expected.js';

const EXAMPLES = fileURLToPath(new URL('../examples', import.meta.url));
const STORE = SAMPLE_STORE;

interface LockPackage {
  name: string;
  version: string;
  type?: string;
  require?: Record<string, string>;
  abandoned?: string | boolean;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Module names with their state from the `modules` section of a config.php. */
function configModules(configPhp: string): Map<string, boolean> {
  const section = /'modules'\s*=>\s*\[([\s\S]*?)\]/.exec(configPhp)?.[1] ?? '';
  return new Map([...section.matchAll(/'(\w+_\w+)'\s*=>\s*([01])/g)].map((m) => [m[1]!, m[2] === '1']));
}

/** Registered component name → registration.php path, for one component type. */
function registrations(root: string, kind: 'MODULE' | 'THEME' | 'LANGUAGE'): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of walk(root).filter((f) => f.endsWith('/registration.php'))) {
    const match = new RegExp(`ComponentRegistrar::${kind},\\s*'([^']+)'`).exec(readFileSync(file, 'utf8'));
    if (match) found.set(match[1]!, relative(STORE, file));
  }
  return found;
}

/** What each row's line must contain: keeps EXPECTED.md honest when a planted file is edited. */
const LINE_ANCHORS: Record<string, string> = {
  P09: "'engine' => 'elasticsearch7'",
  P10: '"php": "8.1"',
  P11: '$this->lastStatus =',
  P12: '$this->startedAt =',
  P13: 'StoreInterface $store = null',
  P14: 'DataObject $params = null',
  P15: 'build($weight = 0.0, string $unit)',
  P16: '"feeds/${code}/google.xml"',
  P17: '"${brand} {$result}"',
  P18: 'utf8_encode(',
  P19: '\\Zend_Json::encode(',
  P20: 'use Laminas\\Mail\\Transport\\Smtp;',
  P21: 'extends \\Magento\\Elasticsearch\\SearchAdapter\\Mapper',
  P22: 'preference for="Magento\\Elasticsearch\\SearchAdapter\\Mapper"',
  P23: 'use Magento\\Elasticsearch7\\Model\\Client\\Elasticsearch;',
  P24: 'Magento\\Customer\\ViewModel\\LoginButton',
  P25: 'protected function write(array $record): void',
  P26: 'public function beforeGenerateVcl(VclGenerator $subject, $version)',
  P27: '$product->save();',
  P28: 'name="website_id"',
  P29: 'name="original_price" scale="4" precision="12"',
  P34: "'jquery/fileUploader/jquery.fileupload'",
  P35: "'Magento_Checkout/js/view/shipping'",
  P36: "'Magento_Customer/js/customer-data'",
  P37: 'preference for="Magento\\Sales\\Model\\Order\\Pdf\\Invoice"',
  P38: 'preference for="Magento\\Sales\\Model\\Order\\Pdf\\Invoice"',
  P39: 'sortOrder="10"',
  P40: 'public function aroundGetName(Product $subject, callable $proceed)',
  P41: 'frontName="seo"',
  P42: 'class InstallSchema implements InstallSchemaInterface',
};

describe('examples/', () => {
  it('every JSON file parses', () => {
    for (const file of walk(EXAMPLES).filter((f) => f.endsWith('.json') || f.endsWith('.lock'))) {
      assert.doesNotThrow(() => readJson(file), `${relative(EXAMPLES, file)} is not valid JSON`);
    }
  });

  it('stays small (well under 5 MB)', () => {
    const bytes = walk(EXAMPLES).reduce((sum, f) => sum + statSync(f).size, 0);
    assert.ok(bytes < 3 * 1024 * 1024, `examples/ holds ${bytes} bytes`);
  });
});

describe('examples/sample-store', () => {
  const lock = readJson<{ packages: LockPackage[]; 'packages-dev': LockPackage[] }>(join(STORE, 'composer.lock'));
  const installed = readJson<{ packages: LockPackage[]; dev: boolean; 'dev-package-names': string[] }>(
    join(STORE, 'vendor/composer/installed.json'),
  );
  const root = readJson<{
    require: Record<string, string>;
    extra: { patches: Record<string, Record<string, string>> };
  }>(join(STORE, 'composer.json'));
  const locked = new Map([...lock.packages, ...lock['packages-dev']].map((p) => [p.name, p]));

  it('is Magento Open Source 2.4.6-p3 in composer.json and composer.lock', () => {
    assert.equal(root.require['magento/product-community-edition'], '2.4.6-p3');
    assert.equal(locked.get('magento/product-community-edition')?.version, '2.4.6-p3');
    assert.equal(locked.get('magento/framework')?.version, '103.0.6-p3');
  });

  it('installed.json (Composer 2 format) lists exactly the locked packages at the locked versions', () => {
    assert.equal(installed.dev, true);
    assert.deepEqual(
      installed.packages.map((p) => `${p.name}@${p.version}`).sort(),
      [...locked.values()].map((p) => `${p.name}@${p.version}`).sort(),
    );
    assert.deepEqual([...installed['dev-package-names']].sort(), lock['packages-dev'].map((p) => p.name).sort());
  });

  it('locks every package the root composer.json requires, and every dependency of a non-dev package', () => {
    for (const name of Object.keys(root.require)) assert.ok(locked.has(name), `${name} is required but not locked`);
    for (const pkg of lock.packages) {
      for (const dep of Object.keys(pkg.require ?? {})) {
        if (/^(php|composer-plugin-api)$|^(ext|lib)-/.test(dep)) continue;
        assert.ok(locked.has(dep), `${pkg.name} requires ${dep}, which is not locked`);
      }
    }
  });

  it('has each third-party extension at the version its vendor composer.json says', () => {
    const vendor = join(STORE, 'vendor');
    for (const v of readdirSync(vendor).filter((d) => d !== 'magento' && d !== 'composer')) {
      for (const p of readdirSync(join(vendor, v))) {
        const file = join(vendor, v, p, 'composer.json');
        if (!existsSync(file)) continue;
        const json = readJson<{ name: string; version: string; abandoned?: string }>(file);
        assert.equal(locked.get(json.name)?.version, json.version, `${json.name} version`);
        assert.equal(locked.get(json.name)?.abandoned, json.abandoned, `${json.name} abandoned flag`);
      }
    }
  });

  it('registers every module of config.php, and lists every registered module there', () => {
    const modules = configModules(readFileSync(join(STORE, 'app/etc/config.php'), 'utf8'));
    const registered = registrations(STORE, 'MODULE');
    assert.ok(modules.size > 300, `config.php lists ${modules.size} modules`);
    for (const name of modules.keys()) assert.ok(registered.has(name), `${name} has no registration.php`);
    for (const name of registered.keys()) assert.ok(modules.has(name), `${name} is not in config.php`);
    assert.ok(
      [...modules.values()].some((enabled) => !enabled),
      'some modules are disabled',
    );
  });

  it('has module.xml beside every module registration, naming the same module', () => {
    for (const [name, file] of registrations(STORE, 'MODULE')) {
      const moduleXml = join(STORE, file.replace(/registration\.php$/, 'etc/module.xml'));
      assert.ok(existsSync(moduleXml), `${file} has no etc/module.xml`);
      assert.match(readFileSync(moduleXml, 'utf8'), new RegExp(`<module name="${name}"`));
    }
  });

  it('resolves every theme parent to a registered theme', () => {
    const themes = registrations(STORE, 'THEME');
    for (const [name, file] of themes) {
      const themeXml = readFileSync(join(STORE, file.replace(/registration\.php$/, 'theme.xml')), 'utf8');
      const parent = /<parent>([^<]+)<\/parent>/.exec(themeXml)?.[1];
      if (parent) assert.ok(themes.has(`${name.split('/')[0]}/${parent}`), `${name}: parent ${parent} unknown`);
    }
  });

  it('has the patch files composer.json names', () => {
    for (const patches of Object.values(root.extra.patches)) {
      for (const file of Object.values(patches)) assert.ok(existsSync(join(STORE, file)), `${file} is missing`);
    }
  });

  it('keeps only obviously fake secrets in env.php', () => {
    const env = readFileSync(join(STORE, 'app/etc/env.php'), 'utf8');
    const secrets = [...env.matchAll(/'(?:password|key)'\s*=>\s*'([^']+)'/g)].map((m) => m[1]!);
    assert.ok(secrets.length >= 5, 'db, crypt, AMQP and Redis secrets are there to be redacted');
    for (const secret of secrets) assert.match(secret, /FAKE/, `${secret} does not look fake`);
  });

  describe('EXPECTED.md', () => {
    const rows = parseExpected(readFileSync(SAMPLE_STORE_EXPECTED, 'utf8'));

    it('has unique, ordered ids and the columns of notes/RULES.md', () => {
      assert.ok(rows.length >= 30, `${rows.length} rows`);
      assert.deepEqual(
        rows.map((r) => r.id),
        rows.map((_, i) => `P${String(i + 1).padStart(2, '0')}`),
      );
      for (const row of rows) {
        assert.match(row.rule, /^[a-z-]+\/[a-z0-9-]+$/, `${row.id} rule id`);
        assert.match(row.target, /^2\.4\.\d+(-p\d+)?$/, `${row.id} target`);
      }
    });

    for (const row of rows) {
      it(`${row.id} ${row.file}${row.line ? `:${row.line}` : ''} exists and holds the planted code`, () => {
        const file = join(STORE, row.file);
        assert.ok(existsSync(file), `${row.file} does not exist`);
        if (row.line === null) return;
        const lines = readFileSync(file, 'utf8').split('\n');
        assert.ok(row.line >= 1 && row.line <= lines.length, `line ${row.line} is beyond the end of ${row.file}`);
        const anchor = LINE_ANCHORS[row.id];
        assert.ok(anchor, `${row.id} has a line but no anchor in LINE_ANCHORS`);
        assert.ok(lines[row.line - 1]!.includes(anchor), `${row.file}:${row.line} does not contain ${anchor}`);
      });
    }
  });
});

describe('examples/sample-store-2.3', () => {
  const dir = join(EXAMPLES, 'sample-store-2.3');

  it('locks Magento Open Source 2.3.7-p4 with PHP 7.4 and Elasticsearch 7', () => {
    const lock = readJson<{ packages: LockPackage[] }>(join(dir, 'composer.lock'));
    const versions = new Map(lock.packages.map((p) => [p.name, p.version]));
    assert.equal(versions.get('magento/product-community-edition'), '2.3.7-p4');
    assert.equal(versions.get('magento/framework'), '102.0.7-p3');
    assert.equal(
      readJson<{ config: { platform: { php: string } } }>(join(dir, 'composer.json')).config.platform.php,
      '7.4.33',
    );
    assert.match(readFileSync(join(dir, 'app/etc/env.php'), 'utf8'), /'engine' => 'elasticsearch7'/);
    assert.ok(configModules(readFileSync(join(dir, 'app/etc/config.php'), 'utf8')).size > 0);
  });
});

describe('examples/extension-only', () => {
  const dir = join(EXAMPLES, 'extension-only');

  it('is one magento2-module requiring magento/framework 103.0.*, registered under the name module.xml gives', () => {
    const json = readJson<{ type: string; require: Record<string, string> }>(join(dir, 'composer.json'));
    assert.equal(json.type, 'magento2-module');
    assert.equal(json.require['magento/framework'], '103.0.*');
    const name = /ComponentRegistrar::MODULE,\s*'([^']+)'/.exec(
      readFileSync(join(dir, 'registration.php'), 'utf8'),
    )?.[1];
    assert.ok(name);
    assert.match(readFileSync(join(dir, 'etc/module.xml'), 'utf8'), new RegExp(`<module name="${name}"`));
  });
});
